//! ## What it does
//! Flags bind mounts of sensitive host directories: the host root `/`, `/etc`, `/proc`, `/sys`,
//! `/dev`, `/boot`, `/usr`, `/lib`, `/lib64` (and `/bin`, `/sbin`, which are `/usr` on
//! merged-usr hosts), `/root`, `/var/lib/docker` (and `/var/lib/containerd`), `/run`, any path
//! below them, and `/var` and `/var/lib`, which hold the Docker data root.
//!
//! A host mount is a bind mount in short syntax (`/etc:/host/etc:ro`) or long syntax
//! (`type: bind`), a named volume that is really a bind (`driver_opts: {type: none, o: bind,
//! device: /etc}`), or a secret or config read from a host `file:` (a read-only bind of that
//! file). Paths are compared the way Docker resolves them: `/etc/`, `//etc`, `/./etc` and
//! `/etc/../etc` are all `/etc`, and `/var/run` is `/run` (a symlink on every current
//! distribution). Named volumes and relative sources (`./data`, resolved against the project
//! directory, wherever it is checked out) are not host system paths and are not reported.
//!
//! Severity, by what the mount allows (writable: no `:ro`, no `read_only: true`):
//!
//! | host path | writable | read-only |
//! |---|---|---|
//! | `/` | critical | critical: it holds the Docker socket, and a read-only mount does not stop a socket connection |
//! | `/etc`, `/root`, `/boot`, `/proc`, `/sys`, `/var/lib/docker`, `/var/lib/containerd`, `/var`, `/var/lib` | critical: writing there is root on the host (`/etc/cron.d`, `authorized_keys`, `core_pattern`, another container's filesystem) | high: host secrets and state are disclosed |
//! | `/usr`, `/lib`, `/lib64`, `/bin`, `/sbin`, `/usr/share/dbus-1`, `/usr/share/polkit-1` | critical: programs, libraries and service definitions root runs | not reported: world-readable by design, nothing is disclosed |
//! | other `/usr/share` paths | high | not reported |
//! | `/run/dbus`, `/run/systemd` (system bus, systemd's sockets) | critical | critical: root in the container commands host services as root |
//! | other `/run` paths (service sockets, PID files) | high | high |
//! | `/dev` paths | high: opening a device node is still gated by the device cgroup | high |
//! | `/dev/shm` | high: host processes' shared memory | high |
//!
//! Not reported: the runtime sockets and the directories holding them (`/run`, `/var/run`,
//! `/run/containerd`, ...), which are DW803; read-only mounts of public or trivial host files
//! (timezone `/etc/localtime`, `/etc/timezone`, `/usr/share/zoneinfo`; `/etc/hostname`,
//! `/etc/hosts`, `/etc/resolv.conf`, `/etc/machine-id`, `/etc/os-release`, `/etc/passwd`,
//! `/etc/group`; the CA bundles `/etc/ssl/certs`, `/etc/ca-certificates`, `/etc/pki/ca-trust`,
//! `/etc/pki/tls/certs`), whose writable mounts are high; the inert character devices
//! `/dev/null`, `/dev/zero`, `/dev/full`, `/dev/random`, `/dev/urandom`; and a path built from
//! a variable that is unset in this run (`${DATA_DIR}/etc` becomes `/etc` here, but is a
//! project directory where the variable is set).
//!
//! ## Why is this bad?
//! A container is isolated from the host only as far as its filesystem view is. A writable
//! bind of `/etc`, `/usr`, `/root`, `/boot`, `/proc` or `/var/lib/docker` hands the container
//! a one-step escape: plant a cron job, replace a binary root runs, add an SSH key, or edit a
//! neighbour container's files. Read-only binds of `/etc`, `/proc` or `/sys` disclose password
//! hashes, keys, the process table and kernel state that help the next step.
//!
//! ## Example
//! ```yaml
//! services:
//!   agent:
//!     image: example/agent:2.1
//!     volumes:
//!       - /etc:/host/etc              # writable: critical
//!       - type: bind
//!         source: /proc
//!         target: /host/proc
//!         read_only: true             # read-only: high
//! ```
//!
//! ## Use instead
//! ```yaml
//! services:
//!   agent:
//!     image: example/agent:2.1
//!     volumes:
//!       - ./agent.conf:/etc/agent/agent.conf:ro   # only the file it needs, from the project
//!       - /etc/localtime:/etc/localtime:ro        # timezone: not reported
//! ```
//!
//! ## References
//! - CIS Docker Benchmark 5.6 (sensitive host system directories are not mounted on containers)
//! - compose-lint CL-0025 (writable root-equivalent host path; the writable findings) and
//!   CL-0013 (sensitive host path exposed; the read-only ones). compose-lint reports the host
//!   root `/` as CL-0001, which is named on that finding.
//! - KICS volume_has_sensitive_host_directory
//! - <https://docs.docker.com/engine/storage/bind-mounts/>

use crate::prelude::*;
use dockward_spec::container::{MountType, Provenance, VariableSource};

pub static RULE: RuleMeta = RuleMeta {
    code: "DW802",
    name: "sensitive-host-mount",
    summary: "Sensitive host directory mounted into the container",
    practice: Practice::ReadOnly,
    surfaces: &[Surface::Compose, Surface::Container],
    severity: Severity::High,
    equivalents: &["CL-0013", "CL-0025", "KICS-volume_has_sensitive_host_directory", "CIS-5.6"],
    default_enabled: true,
};

/// How a host path got into the container.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum HostVia {
    /// A `volumes:` entry (short or long syntax) or a live container's bind mount.
    Bind,
    /// A named volume whose `driver_opts` make it a bind of `device`.
    NamedVolume(String),
    /// A secret or config read from a host `file:` (mounted read-only).
    Secret(String),
    Config(String),
}

/// One host path a container sees.
#[derive(Debug, Clone)]
pub(crate) struct HostMount<'a> {
    /// The host path as written (after interpolation).
    pub raw: String,
    /// Normalised: `.`/`..`/`//` resolved, no trailing slash, `/var/run` → `/run`.
    pub path: String,
    pub target: String,
    pub read_only: bool,
    /// Where it was written: the `volumes:` / `secrets:` / `configs:` item of the service.
    pub loc: &'a SourceLoc,
    /// How the item got there, including the provenance of a long-syntax `source:`.
    pub via: Vec<Provenance>,
    pub how: HostVia,
}

impl HostMount<'_> {
    /// "bind-mounts host path `/etc` at `/host/etc`" and its variants, for messages.
    pub(crate) fn describe(&self) -> String {
        let clean = clean_path(&self.raw).unwrap_or_default();
        let raw = self.raw.trim();
        let norm = if clean != raw && format!("{clean}/") != raw {
            format!(" (that is `{clean}`)")
        } else {
            String::new()
        };
        match &self.how {
            HostVia::Bind => {
                format!("bind-mounts host path `{}`{norm} at `{}`", self.raw, self.target)
            }
            HostVia::NamedVolume(name) => {
                format!(
                    "mounts named volume `{name}` at `{}`, which is a bind of host path `{}`{norm} (its `driver_opts.device`)",
                    self.target, self.raw
                )
            }
            HostVia::Secret(name) => format!(
                "receives secret `{name}` from host file `{}`{norm} at `{}`",
                self.raw, self.target
            ),
            HostVia::Config(name) => format!(
                "receives config `{name}` from host file `{}`{norm} at `{}`",
                self.raw, self.target
            ),
        }
    }

    /// The variables left unset that the host path was built from: the path is then an
    /// artefact of this run's environment (`${DATA_DIR}/etc` → `/etc`), not what deploys.
    pub(crate) fn unset_vars(&self) -> Vec<&str> {
        unset_vars(&self.via)
    }
}

/// Variables of `via` that were unset (replaced by the empty string).
pub(crate) fn unset_vars(via: &[Provenance]) -> Vec<&str> {
    via.iter()
        .filter_map(|p| match p {
            Provenance::Interpolated { variable, source: VariableSource::Unset } => {
                Some(variable.as_str())
            }
            _ => None,
        })
        .collect()
}

/// `/a/./b/../c//d/` → `/a/c/d`; `..` above the root stays at the root, as Docker cleans a
/// mount source. `None` for a relative path.
pub(crate) fn clean_path(p: &str) -> Option<String> {
    let p = p.trim();
    if !p.starts_with('/') {
        return None;
    }
    let mut parts: Vec<&str> = Vec::new();
    for c in p.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            c => parts.push(c),
        }
    }
    Some(format!("/{}", parts.join("/")))
}

/// [`clean_path`], then `/var/run` → `/run`: it is a symlink there on every current
/// distribution, and the kernel follows it when mounting.
pub(crate) fn normalize_host_path(p: &str) -> Option<String> {
    let s = clean_path(p)?;
    if s == "/var/run" || s.starts_with("/var/run/") {
        return Some(format!("/run{}", &s["/var/run".len()..]));
    }
    Some(s)
}

/// `path` is `root` or below it.
pub(crate) fn is_under(path: &str, root: &str) -> bool {
    root == "/"
        || path == root
        || (path.starts_with(root) && path.as_bytes().get(root.len()) == Some(&b'/'))
}

fn opts_read_only(options: &[String]) -> bool {
    options.iter().any(|o| matches!(o.trim(), "ro" | "readonly"))
}

/// The named volume's host path when its definition makes it a bind (local driver,
/// `type: none` or `o: bind`, absolute `device`): `(device, read_only)`.
fn bind_backed_volume(ctx: &ContainerCtx, name: &str) -> Option<(String, bool)> {
    let def = &ctx.project?.volumes.get(name)?.value;
    if def.external || def.driver.as_deref().is_some_and(|d| d != "local") {
        return None;
    }
    let device = def.driver_opts.get("device")?;
    if !device.trim().starts_with('/') {
        return None;
    }
    let flags: Vec<String> = def
        .driver_opts
        .get("o")
        .map(|o| o.split(',').map(|f| f.trim().to_ascii_lowercase()).collect())
        .unwrap_or_default();
    let is_bind =
        def.driver_opts.get("type").is_some_and(|t| t.trim().eq_ignore_ascii_case("none"))
            || flags.iter().any(|f| f == "bind" || f == "rbind");
    is_bind.then(|| (device.trim().to_string(), flags.iter().any(|f| f == "ro")))
}

/// A secret's or config's host `file:` as written, when it is absolute.
fn file_backed(ctx: &ContainerCtx, section: &str, name: &str) -> Option<(String, Vec<Provenance>)> {
    let project = ctx.project?;
    let defs = if section == "secrets" { &project.secrets } else { &project.configs };
    if defs.get(name)?.value.external {
        return None;
    }
    let node = project.model.get(section)?.get(name)?.get("file")?;
    let raw = node.scalar_text()?;
    raw.trim().starts_with('/').then(|| (raw.trim().to_string(), node.via.clone()))
}

/// The provenance of a mount, with that of its long-syntax `source:` added: the model keeps
/// only the item's own (see the loader note in the report), so the service tree is searched
/// for the item written at the mount's position.
pub(crate) fn mount_via(
    ctx: &ContainerCtx,
    m: &Located<dockward_spec::container::Mount>,
) -> Vec<Provenance> {
    let mut via = m.via.clone();
    let item =
        ctx.project.and_then(|p| Some((p, p.service(&ctx.spec.name)?))).and_then(|(p, svc)| {
            svc.node.get("volumes")?.as_seq()?.iter().find(|i| {
                i.mark.start.line == m.loc.line
                    && i.mark.start.column == m.loc.column
                    && p.file(i.mark.file).map(|f| f.display.as_str()) == m.loc.file.as_deref()
            })
        });
    if let Some(src) = item.and_then(|i| i.get("source")) {
        via.extend(src.via.iter().filter(|p| !m.via.contains(p)).cloned());
    }
    via
}

/// Every host path the container sees through a mount, with where it was written.
pub(crate) fn host_mounts<'a>(ctx: &ContainerCtx<'a>) -> Vec<HostMount<'a>> {
    let spec = ctx.spec;
    let mut out = Vec::new();
    for m in &spec.mounts {
        let mv = &m.value;
        let read_only = mv.read_only || opts_read_only(&mv.options);
        let (raw, ro, how) = match (mv.kind, mv.source.as_deref()) {
            (MountType::Bind, Some(src)) => (src.to_string(), read_only, HostVia::Bind),
            // Long syntax without `type: bind` but an absolute source: Compose binds it (a
            // volume name cannot start with `/`). A live container's volume keeps its name.
            (MountType::Volume, Some(src))
                if src.trim().starts_with('/') && ctx.surface != Surface::Container =>
            {
                (src.to_string(), read_only, HostVia::Bind)
            }
            (MountType::Volume, Some(name)) => match bind_backed_volume(ctx, name) {
                Some((device, vol_ro)) => {
                    (device, read_only || vol_ro, HostVia::NamedVolume(name.to_string()))
                }
                None => continue,
            },
            _ => continue,
        };
        let Some(path) = normalize_host_path(&raw) else {
            continue;
        };
        out.push(HostMount {
            raw,
            path,
            target: mv.target.clone(),
            read_only: ro,
            loc: &m.loc,
            via: mount_via(ctx, m),
            how,
        });
    }
    for (section, refs) in [("secrets", &spec.secrets), ("configs", &spec.configs)] {
        for r in refs {
            let name = &r.value.source;
            let Some((raw, file_via)) = file_backed(ctx, section, name) else {
                continue;
            };
            let Some(path) = normalize_host_path(&raw) else {
                continue;
            };
            let target = match (&r.value.target, section) {
                (Some(t), _) if t.starts_with('/') => t.clone(),
                (Some(t), "secrets") => format!("/run/secrets/{t}"),
                (Some(t), _) => format!("/{t}"),
                (None, "secrets") => format!("/run/secrets/{name}"),
                (None, _) => format!("/{name}"),
            };
            let how = if section == "secrets" {
                HostVia::Secret(name.clone())
            } else {
                HostVia::Config(name.clone())
            };
            let mut via = r.via.clone();
            via.extend(file_via);
            out.push(HostMount { raw, path, target, read_only: true, loc: &r.loc, via, how });
        }
    }
    out
}

/// A sensitive host tree: its root, what it holds, and the severity of a writable and of a
/// read-only mount (None: not reported).
struct Area {
    root: &'static str,
    holds: &'static str,
    rw: Severity,
    /// What a writable mount allows, after "and ..." (critical) or "; ..." (high).
    rw_effect: &'static str,
    ro: Option<Severity>,
    /// What a read-only mount allows.
    ro_effect: &'static str,
}

const WRITE_ROOT: &str = "writing there is root on the host";
const READ: &str = "the container can read it";
const PROGRAMS_RO: &str = "";

/// Most specific first.
const AREAS: &[Area] = &[
    Area {
        root: "/var/lib/docker",
        holds: "the Docker data root (every container's filesystem, volumes and image layers)",
        rw: Severity::Critical,
        rw_effect: WRITE_ROOT,
        ro: Some(Severity::High),
        ro_effect: READ,
    },
    Area {
        root: "/var/lib/containerd",
        holds: "containerd's content and snapshot store (every container's filesystem)",
        rw: Severity::Critical,
        rw_effect: WRITE_ROOT,
        ro: Some(Severity::High),
        ro_effect: READ,
    },
    Area {
        root: "/etc",
        holds: "host configuration (cron jobs, sudoers, password hashes, SSH and systemd settings)",
        rw: Severity::Critical,
        rw_effect: WRITE_ROOT,
        ro: Some(Severity::High),
        ro_effect: READ,
    },
    Area {
        root: "/proc",
        holds: "host kernel and process interfaces (core_pattern, sysrq-trigger, every process's environment)",
        rw: Severity::Critical,
        rw_effect: WRITE_ROOT,
        ro: Some(Severity::High),
        ro_effect: READ,
    },
    Area {
        root: "/sys",
        holds: "host kernel, device and cgroup interfaces",
        rw: Severity::Critical,
        rw_effect: WRITE_ROOT,
        ro: Some(Severity::High),
        ro_effect: READ,
    },
    Area {
        root: "/dev/shm",
        holds: "the host's shared memory (POSIX shared memory of every host process)",
        rw: Severity::High,
        rw_effect: "the container can read and change host processes' shared memory",
        ro: Some(Severity::High),
        ro_effect: READ,
    },
    Area {
        root: "/dev",
        holds: "host device nodes",
        rw: Severity::High,
        rw_effect: "opening a device node is still limited by the device cgroup",
        ro: Some(Severity::High),
        ro_effect: READ,
    },
    Area {
        root: "/boot",
        holds: "the host kernel, initramfs and boot loader",
        rw: Severity::Critical,
        rw_effect: WRITE_ROOT,
        ro: Some(Severity::High),
        ro_effect: READ,
    },
    // Program and library trees are world-readable: a read-only mount discloses nothing.
    // Under /usr/share only the definitions that make root run something are host root.
    Area {
        root: "/usr/share/dbus-1",
        holds: "the D-Bus service definitions the system bus starts as root",
        rw: Severity::Critical,
        rw_effect: WRITE_ROOT,
        ro: None,
        ro_effect: PROGRAMS_RO,
    },
    Area {
        root: "/usr/share/polkit-1",
        holds: "the polkit rules that decide who may act as root",
        rw: Severity::Critical,
        rw_effect: WRITE_ROOT,
        ro: None,
        ro_effect: PROGRAMS_RO,
    },
    Area {
        root: "/usr/share",
        holds: "data files of host programs",
        rw: Severity::High,
        rw_effect: "the container can change data that host programs read",
        ro: None,
        ro_effect: PROGRAMS_RO,
    },
    Area {
        root: "/usr",
        holds: "host programs, libraries and service definitions that root runs",
        rw: Severity::Critical,
        rw_effect: WRITE_ROOT,
        ro: None,
        ro_effect: PROGRAMS_RO,
    },
    Area {
        root: "/lib",
        holds: "host libraries and kernel modules that root loads",
        rw: Severity::Critical,
        rw_effect: WRITE_ROOT,
        ro: None,
        ro_effect: PROGRAMS_RO,
    },
    Area {
        root: "/lib64",
        holds: "host libraries that root loads",
        rw: Severity::Critical,
        rw_effect: WRITE_ROOT,
        ro: None,
        ro_effect: PROGRAMS_RO,
    },
    Area {
        root: "/bin",
        holds: "host programs that root runs",
        rw: Severity::Critical,
        rw_effect: WRITE_ROOT,
        ro: None,
        ro_effect: PROGRAMS_RO,
    },
    Area {
        root: "/sbin",
        holds: "host programs that root runs",
        rw: Severity::Critical,
        rw_effect: WRITE_ROOT,
        ro: None,
        ro_effect: PROGRAMS_RO,
    },
    Area {
        root: "/root",
        holds: "root's home (SSH authorized_keys, shell profile, credentials)",
        rw: Severity::Critical,
        rw_effect: WRITE_ROOT,
        ro: Some(Severity::High),
        ro_effect: READ,
    },
    // The system bus and systemd's sockets: root in the container is root to them, and a
    // read-only mount does not stop connecting to a socket.
    Area {
        root: "/run/dbus",
        holds: "the host's system D-Bus socket",
        rw: Severity::Critical,
        rw_effect: "root in the container commands host services (systemd included) as root",
        ro: Some(Severity::Critical),
        ro_effect: "root in the container commands host services (systemd included) as root; read-only does not stop a socket connection",
    },
    Area {
        root: "/run/systemd",
        holds: "systemd's control and journal sockets",
        rw: Severity::Critical,
        rw_effect: "root in the container commands systemd as root",
        ro: Some(Severity::Critical),
        ro_effect: "root in the container commands systemd as root; read-only does not stop a socket connection",
    },
    Area {
        root: "/run",
        holds: "host runtime state (service sockets, PID and lock files)",
        rw: Severity::High,
        rw_effect: "the container can reach host services' sockets and change their runtime files",
        ro: Some(Severity::High),
        ro_effect: "the container can read it and connect to the sockets in it",
    },
];

/// Directories reported for what they contain (exact match only: `/var/lib/mysql` holds
/// neither store).
const CONTAINERS_OF: &[Area] = &[
    Area {
        root: "/var",
        holds: "host state, the Docker data root /var/lib/docker (every container's filesystem) included",
        rw: Severity::Critical,
        rw_effect: WRITE_ROOT,
        ro: Some(Severity::High),
        ro_effect: READ,
    },
    Area {
        root: "/var/lib",
        holds: "host service state, the Docker data root /var/lib/docker (every container's filesystem) included",
        rw: Severity::Critical,
        rw_effect: WRITE_ROOT,
        ro: Some(Severity::High),
        ro_effect: READ,
    },
];

/// Host files (and trees) whose content is public or trivial: a read-only mount is a common,
/// harmless idiom (timezone, CA bundle, user names, host name); a writable one lets the
/// container change host settings without being root on the host, so it is high.
const BENIGN: &[&str] = &[
    "/etc/localtime",
    "/etc/timezone",
    "/usr/share/zoneinfo",
    "/etc/hostname",
    "/etc/hosts",
    "/etc/resolv.conf",
    "/etc/machine-id",
    "/etc/os-release",
    "/etc/passwd",
    "/etc/group",
    "/etc/ssl/certs",
    "/etc/ca-certificates",
    "/etc/pki/ca-trust",
    "/etc/pki/tls/certs",
];
const INERT_DEVICES: &[&str] =
    &["/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom"];

const EQ_RO: [&str; 3] = ["CL-0013", "KICS-volume_has_sensitive_host_directory", "CIS-5.6"];
const EQ_RW: [&str; 3] = ["CL-0025", "KICS-volume_has_sensitive_host_directory", "CIS-5.6"];

pub fn check_container(ctx: &ContainerCtx, out: &mut Vec<Finding>) {
    for hm in host_mounts(ctx) {
        let path = hm.path.as_str();
        // A path built from an unset variable (`${DATA_DIR}/etc`) is not what deploys.
        if !hm.unset_vars().is_empty() {
            continue;
        }
        if crate::read_only::dw803_runtime_socket_mount::runtime_socket(path).is_some() {
            continue; // DW803
        }
        let what = ctx.what();
        let mount = hm.describe();
        if path == "/" {
            let mode = if hm.read_only { "read-only" } else { "read-write" };
            let ro_note = if hm.read_only {
                "; read-only does not help, the API behind a socket is not read-only"
            } else {
                ""
            };
            out.push(
                ctx.finding_loc(&RULE, hm.loc, &hm.via, format!("{what} {mount} {mode}: the whole host filesystem, including the Docker socket `/run/docker.sock`, so root on the host{ro_note}"))
                    .with_severity(Severity::Critical)
                    .with_fix("Mount only the specific host paths the container needs, read-only (for a metrics agent e.g. `/proc:/host/proc:ro` and `/sys:/host/sys:ro`); never the host root.")
                    .with_equivalents(["CL-0001", "KICS-volume_has_sensitive_host_directory", "CIS-5.6"]),
            );
            continue;
        }
        if INERT_DEVICES.contains(&path) {
            continue;
        }
        if let Some(file) = BENIGN.iter().find(|b| is_under(path, b)) {
            if !hm.read_only {
                out.push(
                    ctx.finding_loc(&RULE, hm.loc, &hm.via, format!("{what} {mount} read-write: the container can change the host's `{file}`"))
                        .with_severity(Severity::High)
                        .with_fix(format!("Mount it read-only: `{}:{}:ro`.", hm.raw, hm.target))
                        .with_equivalents(EQ_RO),
                );
            }
            continue;
        }
        let area = CONTAINERS_OF
            .iter()
            .find(|a| path == a.root)
            .or_else(|| AREAS.iter().find(|a| is_under(path, a.root)));
        let Some(area) = area else { continue };
        let written_var_run = clean_path(&hm.raw).is_some_and(|c| is_under(&c, "/var/run"));
        let root = if is_under(area.root, "/run") && written_var_run {
            format!("`/var{}` (a link to `{}`)", area.root, area.root)
        } else {
            format!("`{}`", area.root)
        };
        let subject = if path == area.root {
            format!("{root} holds {}", area.holds)
        } else {
            format!("it is under {root}, which holds {}", area.holds)
        };
        let ro_form = match &hm.how {
            HostVia::NamedVolume(name) => format!("`{name}:{}:ro`", hm.target),
            _ => format!("`{}:{}:ro`", hm.raw, hm.target),
        };
        let (severity, mode, effect) = if hm.read_only {
            let Some(sev) = area.ro else { continue };
            (sev, "read-only", area.ro_effect)
        } else {
            (area.rw, "read-write", area.rw_effect)
        };
        let sep = if severity == Severity::Critical || effect == READ { ", and" } else { ";" };
        let fix = if is_under(path, "/dev/shm") {
            "Remove the mount; for more shared memory set `shm_size:`, and to share it between two services use `ipc: shareable` on one and `ipc: \"service:<name>\"` on the other.".to_string()
        } else if is_under(path, "/dev") {
            "Remove the mount; grant a specific device with `devices:` (see DW507) rather than binding device nodes.".to_string()
        } else if hm.read_only || is_under(path, "/run") {
            "Remove the mount, or narrow it to the one file the container needs; data the application needs belongs in the image, a named volume or a project-relative bind.".to_string()
        } else {
            format!(
                "Remove the mount, or narrow it to the files the container needs and make it read-only ({ro_form}, or `read_only: true` in long syntax)."
            )
        };
        let eq = if severity == Severity::Critical && !hm.read_only { EQ_RW } else { EQ_RO };
        out.push(
            ctx.finding_loc(
                &RULE,
                hm.loc,
                &hm.via,
                format!("{what} {mount} {mode}: {subject}{sep} {effect}"),
            )
            .with_severity(severity)
            .with_fix(fix)
            .with_equivalents(eq),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_like_docker() {
        assert_eq!(normalize_host_path("/etc/").as_deref(), Some("/etc"));
        assert_eq!(normalize_host_path("//etc").as_deref(), Some("/etc"));
        assert_eq!(normalize_host_path("/etc/../etc").as_deref(), Some("/etc"));
        assert_eq!(normalize_host_path("/./").as_deref(), Some("/"));
        assert_eq!(normalize_host_path("/..").as_deref(), Some("/"));
        assert_eq!(
            normalize_host_path("/var/run/docker.sock").as_deref(),
            Some("/run/docker.sock")
        );
        assert_eq!(normalize_host_path("/var/running").as_deref(), Some("/var/running"));
        assert_eq!(normalize_host_path("./etc"), None);
        assert!(is_under("/etc/ssl", "/etc"));
        assert!(!is_under("/etcetera", "/etc"));
        assert!(is_under("/anything", "/"));
    }
}
