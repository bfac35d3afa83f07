//! Reading host paths under a root directory (`/`, or the host's `/` mounted elsewhere, or a
//! fake tree in tests). Symlinks are resolved component by component *inside* the root, so an
//! absolute link such as `/var/run -> /run` stays in the host's tree instead of escaping to the
//! auditor's own filesystem.

use std::ffi::OsString;
use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};

/// Bound on symlinks followed while resolving one path (as Linux's MAXSYMLINKS).
const MAX_HOPS: u32 = 40;

pub(super) struct HostFs {
    root: PathBuf,
}

/// A read that may find nothing (absent file: not an error) or fail (with a reason).
pub(super) enum ReadOutcome {
    Absent,
    Data(Vec<u8>),
    Failed(String),
}

impl HostFs {
    pub(crate) fn new(root: &Path) -> Self {
        HostFs { root: root.to_path_buf() }
    }

    /// The host path as seen by this process (`/x` → `<root>/x`).
    pub(crate) fn real(&self, host: &Path) -> PathBuf {
        let rel: PathBuf =
            host.components().filter(|c| matches!(c, Component::Normal(_))).collect();
        self.root.join(rel)
    }

    /// `host` with every symlink resolved inside the root, as a host path. Errors as `lstat`:
    /// NotFound when a component is missing, PermissionDenied when a directory cannot be searched.
    pub(crate) fn resolve(&self, host: &Path) -> io::Result<PathBuf> {
        let mut pending: Vec<OsString> = components(host);
        pending.reverse(); // a stack: next component last
        let mut cur: Vec<OsString> = Vec::new();
        let mut hops = 0;
        while let Some(c) = pending.pop() {
            if c == ".." {
                cur.pop();
                continue;
            }
            cur.push(c);
            let here = self.real(&to_host(&cur));
            if std::fs::symlink_metadata(&here)?.file_type().is_symlink() {
                hops += 1;
                if hops > MAX_HOPS {
                    return Err(io::Error::other("too many levels of symbolic links"));
                }
                let target = std::fs::read_link(&here)?;
                cur.pop();
                if target.is_absolute() {
                    cur.clear();
                }
                let mut t = components(&target);
                t.reverse();
                pending.extend(t);
            }
        }
        Ok(to_host(&cur))
    }

    /// Reads a regular file (symlinks followed inside the root) of at most `cap` bytes. Anything
    /// but a regular file is refused without opening it (a FIFO would block the audit).
    pub(crate) fn read(&self, host: &Path, cap: u64) -> ReadOutcome {
        let real = match self.resolve(host) {
            Ok(p) => self.real(&p),
            Err(e) if is_absent(&e) => return ReadOutcome::Absent,
            Err(e) => return ReadOutcome::Failed(reason(&e)),
        };
        match std::fs::metadata(&real) {
            Ok(m) if m.is_dir() => return ReadOutcome::Failed("is a directory".into()),
            Ok(m) if !m.is_file() => return ReadOutcome::Failed("not a regular file".into()),
            Ok(_) => {}
            Err(e) if is_absent(&e) => return ReadOutcome::Absent,
            Err(e) => return ReadOutcome::Failed(reason(&e)),
        }
        match read_prefix(&real, cap + 1) {
            Ok(b) if b.len() as u64 > cap => {
                ReadOutcome::Failed(format!("larger than {cap} bytes, not read"))
            }
            Ok(b) => ReadOutcome::Data(b),
            Err(e) if is_absent(&e) => ReadOutcome::Absent,
            Err(e) => ReadOutcome::Failed(reason(&e)),
        }
    }

    /// Names in a host directory (symlinks followed inside the root), sorted.
    pub(crate) fn list(&self, host: &Path) -> io::Result<Vec<OsString>> {
        let real = self.real(&self.resolve(host)?);
        let mut names: Vec<OsString> =
            std::fs::read_dir(real)?.filter_map(|e| e.ok()).map(|e| e.file_name()).collect();
        names.sort();
        Ok(names)
    }
}

/// At most `cap` bytes of a file (for /proc files, whose size is reported as 0).
pub(super) fn read_prefix(path: &Path, cap: u64) -> io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    std::fs::File::open(path)?.take(cap).read_to_end(&mut buf)?;
    Ok(buf)
}

fn components(p: &Path) -> Vec<OsString> {
    p.components()
        .filter_map(|c| match c {
            Component::Normal(n) => Some(n.to_os_string()),
            Component::ParentDir => Some(OsString::from("..")),
            _ => None,
        })
        .collect()
}

fn to_host(parts: &[OsString]) -> PathBuf {
    let mut p = PathBuf::from("/");
    p.extend(parts);
    p
}

/// A missing path (or a path through a non-directory): the file is simply not there.
pub(super) fn is_absent(e: &io::Error) -> bool {
    matches!(e.kind(), io::ErrorKind::NotFound | io::ErrorKind::NotADirectory)
}

/// A short, stable reason for an I/O error (`permission denied`, not `Permission denied (os error 13)`).
pub(super) fn reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::NotFound => "not found".into(),
        io::ErrorKind::IsADirectory => "is a directory".into(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_string(),
                None => s,
            }
        }
    }
}

/// A host path for messages (`/etc/docker/daemon.json`).
pub(super) fn show(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn symlinks_resolve_inside_the_root() {
        let d = tempfile::tempdir().unwrap();
        let r = d.path();
        std::fs::create_dir_all(r.join("run")).unwrap();
        std::fs::create_dir_all(r.join("var")).unwrap();
        std::fs::write(r.join("run/docker.sock"), "").unwrap();
        symlink("/run", r.join("var/run")).unwrap(); // absolute: must stay under the root
        symlink("../run/docker.sock", r.join("run/rel")).unwrap();
        symlink("loop", r.join("loop")).unwrap();
        let fs = HostFs::new(r);
        assert_eq!(
            fs.resolve(Path::new("/var/run/docker.sock")).unwrap(),
            PathBuf::from("/run/docker.sock")
        );
        assert_eq!(fs.resolve(Path::new("/run/rel")).unwrap(), PathBuf::from("/run/docker.sock"));
        assert_eq!(fs.resolve(Path::new("/../../run")).unwrap(), PathBuf::from("/run"));
        assert_eq!(fs.resolve(Path::new("/nope/x")).unwrap_err().kind(), io::ErrorKind::NotFound);
        assert!(
            fs.resolve(Path::new("/loop")).unwrap_err().to_string().contains("too many levels")
        );
        assert!(
            matches!(fs.read(Path::new("/var/run/docker.sock"), 10), ReadOutcome::Data(b) if b.is_empty())
        );
        assert!(
            matches!(fs.read(Path::new("/var"), 10), ReadOutcome::Failed(r) if r == "is a directory")
        );
        assert!(matches!(fs.read(Path::new("/var/nothing"), 10), ReadOutcome::Absent));
        std::fs::write(r.join("big"), "12345").unwrap();
        assert!(
            matches!(fs.read(Path::new("/big"), 4), ReadOutcome::Failed(r) if r.contains("larger than 4 bytes"))
        );
    }
}
