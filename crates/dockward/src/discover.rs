//! Finding the files to scan: walks directories (respecting .gitignore, .ignore and
//! .dockerignore-free defaults like ripgrep) and picks the Dockerfiles by name.

use std::path::{Path, PathBuf};

/// Dockerfile names: `Dockerfile`, `Dockerfile.*`, `Dockerfile-*`, `Dockerfile2`, `Containerfile*`,
/// `*.Dockerfile`, `*.dockerfile` (case-insensitive). Not `*.dockerignore` (per-Dockerfile
/// ignore files) nor Markdown.
pub fn is_dockerfile_name(name: &str) -> bool {
    let l = name.to_ascii_lowercase();
    if l.ends_with(".dockerignore") || l.ends_with(".md") || l.ends_with(".rej") || l.ends_with(".orig") || l.ends_with(".swp") {
        return false;
    }
    l.starts_with("dockerfile") || l.starts_with("containerfile") || l.ends_with(".dockerfile") || l.ends_with(".containerfile")
}

#[derive(Debug)]
pub enum Input {
    File(PathBuf),
    Stdin,
}

/// Expand paths into inputs. Directories are walked; explicit files are kept whatever their
/// name (the caller types them). Errors (missing paths, unreadable directories) are returned,
/// never dropped.
pub fn discover(paths: &[PathBuf], respect_ignore: bool) -> (Vec<Input>, Vec<(String, String)>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let paths: Vec<PathBuf> = if paths.is_empty() { vec![PathBuf::from(".")] } else { paths.to_vec() };
    for p in &paths {
        if p.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        if p.is_file() {
            inputs.push(Input::File(p.clone()));
            continue;
        }
        if !p.is_dir() {
            errors.push((display(p), "no such file or directory".to_string()));
            continue;
        }
        let walker = ignore::WalkBuilder::new(p)
            .hidden(false)
            .git_ignore(respect_ignore)
            .git_global(respect_ignore)
            .git_exclude(respect_ignore)
            .ignore(respect_ignore)
            .parents(respect_ignore)
            .require_git(false)
            .filter_entry(|e| e.file_name() != ".git")
            .build();
        let mut found = Vec::new();
        for entry in walker {
            match entry {
                Ok(e) => {
                    if e.file_type().is_some_and(|t| t.is_file()) && e.file_name().to_str().is_some_and(is_dockerfile_name) {
                        found.push(e.into_path());
                    }
                }
                Err(err) => errors.push((display(p), err.to_string())),
            }
        }
        found.sort();
        inputs.extend(found.into_iter().map(Input::File));
    }
    (inputs, errors)
}

/// Path as shown in reports: without a leading `./`, with forward slashes.
pub fn display(p: &Path) -> String {
    let s = p.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for n in ["Dockerfile", "Dockerfile.alpine", "Dockerfile-windows", "Dockerfile2", "Dockerfile_test", "Containerfile", "base.Dockerfile", "app.dockerfile", "dockerfile"] {
            assert!(is_dockerfile_name(n), "{n}");
        }
        for n in ["Dockerfile.dockerignore", "README.md", "docker-compose.yml", "Makefile", "Dockerfile.md"] {
            assert!(!is_dockerfile_name(n), "{n}");
        }
    }
}
