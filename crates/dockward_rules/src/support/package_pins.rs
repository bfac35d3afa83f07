//! Package-manager command lines: which packages an install command asks for, and whether each
//! one is pinned to a version. Used by DW707 (unpinned packages).
//!
//! Every manager is parsed the way its own CLI parses arguments: options that take a value
//! consume it (so `apt-get install -t bookworm curl` names `curl`, not `bookworm`), `--` ends
//! the options, and the subcommand must be an install verb. The pinning tests follow hadolint's
//! (DL3008, DL3013, DL3016, DL3018, DL3028, DL3033, DL3037, DL3041, DL3062) so users see the same
//! verdicts, except where hadolint is wrong; the differences are listed in DW707's documentation.
//!
//! Pure functions over [`ShellCommand`]s; pass commands with wrappers removed
//! ([`ShellCommand::effective`]).

use dockward_dockerfile::shell::{ShellCommand, ShellWord, basename};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Manager {
    AptGet,
    /// `apt install` (hadolint checks `apt-get` only).
    Apt,
    Apk,
    Pip,
    Npm,
    /// `yarn add` / `yarn global add` / `pnpm add` (hadolint checks npm only).
    Yarn,
    Gem,
    Go,
    Yum,
    /// dnf, dnf5, microdnf.
    Dnf,
    /// `tdnf` (Photon OS, Azure Linux): dnf's syntax, not checked by hadolint.
    Tdnf,
    Zypper,
}

impl Manager {
    /// The hadolint rule that checks this manager, if any.
    pub fn dl_code(self) -> Option<&'static str> {
        match self {
            Manager::AptGet => Some("DL3008"),
            Manager::Apt | Manager::Yarn | Manager::Tdnf => None,
            Manager::Apk => Some("DL3018"),
            Manager::Pip => Some("DL3013"),
            Manager::Npm => Some("DL3016"),
            Manager::Gem => Some("DL3028"),
            Manager::Go => Some("DL3062"),
            Manager::Yum => Some("DL3033"),
            Manager::Dnf => Some("DL3041"),
            Manager::Zypper => Some("DL3037"),
        }
    }

    /// How a pinned spec looks, for the fix text.
    pub fn pin_example(self, pkg: &str) -> String {
        match self {
            Manager::AptGet | Manager::Apt => {
                format!("`{pkg}=<version>` (see `apt-cache policy {pkg}`)")
            }
            Manager::Apk => {
                format!("`{pkg}=<version>` (or `{pkg}~<major.minor>` to allow patch updates)")
            }
            Manager::Pip => format!(
                "`{pkg}==<version>`, or install from a pinned requirements/constraints file (`-r requirements.txt`, `-c constraints.txt`)"
            ),
            Manager::Npm | Manager::Yarn => format!("`{pkg}@<version>`"),
            Manager::Gem => format!("`{pkg}:<version>` (or `-v <version>`)"),
            Manager::Go => format!(
                "`{}@v<version>` (a release tag or commit, not `@latest`)",
                pkg.split('@').next().unwrap_or(pkg)
            ),
            Manager::Yum | Manager::Dnf | Manager::Tdnf => format!("`{pkg}-<version>`"),
            Manager::Zypper => format!("`{pkg}=<version>`"),
        }
    }
}

/// One install command and the package arguments it names.
#[derive(Debug, Clone)]
pub struct Install {
    pub manager: Manager,
    /// The command as a user would name it: `apt-get install`, `python3 -m pip install`.
    pub command: String,
    /// Package arguments (option values and subcommand words excluded).
    pub packages: Vec<ShellWord>,
    /// For `yum/dnf module install`: the arguments are module specs (`name:stream`).
    pub modules: bool,
}

/// Option parsing table: options that take a separate value. Long names without `--`; short
/// letters as chars. Long options given as `--name=value` never consume the next word.
struct Opts {
    long_value: &'static [&'static str],
    short_value: &'static str,
}

/// Split `args` (after the subcommand or from the start) into operands, skipping options and
/// their values. `--` ends options. A short group (`-fsSL`, `-tbuster`) takes a value when one
/// of its letters takes a value: the rest of the group, else the next word.
fn operands<'a>(args: &'a [ShellWord], opts: &Opts) -> Vec<&'a ShellWord> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut only_operands = false;
    while i < args.len() {
        let w = &args[i];
        let v = w.value.as_str();
        i += 1;
        if only_operands {
            out.push(w);
            continue;
        }
        if v == "--" {
            only_operands = true;
            continue;
        }
        if let Some(long) = v.strip_prefix("--") {
            if !long.contains('=') && opts.long_value.contains(&long) {
                i += 1;
            }
            continue;
        }
        if v.len() > 1 && v.starts_with('-') {
            let group = &v[1..];
            for (pos, c) in group.char_indices() {
                if opts.short_value.contains(c) {
                    if pos + c.len_utf8() == group.len() {
                        i += 1; // value is the next word
                    }
                    break;
                }
            }
            continue;
        }
        out.push(w);
    }
    out
}

/// Index (in `args`) of the first operand, skipping options with `opts`; None if there is none.
fn first_operand(args: &[ShellWord], opts: &Opts) -> Option<usize> {
    let mut i = 0;
    while i < args.len() {
        let v = args[i].value.as_str();
        if v == "--" {
            return if i + 1 < args.len() { Some(i + 1) } else { None };
        }
        if let Some(long) = v.strip_prefix("--") {
            i += if !long.contains('=') && opts.long_value.contains(&long) { 2 } else { 1 };
            continue;
        }
        if v.len() > 1 && v.starts_with('-') {
            let group = &v[1..];
            let mut step = 1;
            for (pos, c) in group.char_indices() {
                if opts.short_value.contains(c) {
                    if pos + c.len_utf8() == group.len() {
                        step = 2;
                    }
                    break;
                }
            }
            i += step;
            continue;
        }
        return Some(i);
    }
    None
}

const APT_OPTS: Opts = Opts {
    long_value: &[
        "option",
        "config-file",
        "target-release",
        "default-release",
        "host-architecture",
        "host-profiles",
        "build-profiles",
        "planner",
    ],
    short_value: "octaP",
};
const APK_OPTS: Opts = Opts {
    long_value: &[
        "virtual",
        "repository",
        "repositories-file",
        "root",
        "arch",
        "keys-dir",
        "cache-dir",
        "cache-max-age",
        "progress-fd",
        "timeout",
        "wait",
    ],
    short_value: "tXp",
};
const PIP_OPTS: Opts = Opts {
    long_value: &[
        "abi",
        "build",
        "editable",
        "extra-index-url",
        "find-links",
        "index-url",
        "implementation",
        "no-binary",
        "only-binary",
        "platform",
        "prefix",
        "progress-bar",
        "proxy",
        "python-version",
        "root",
        "src",
        "target",
        "trusted-host",
        "upgrade-strategy",
        "cache-dir",
        "log",
        "log-file",
        "cert",
        "client-cert",
        "timeout",
        "retries",
        "exists-action",
        "global-option",
        "install-option",
        "config-settings",
        "report",
        "python",
        "keyring-provider",
        "use-feature",
        "use-deprecated",
        "index",
        "pip-args",
        "suffix",
        "default-timeout",
        "requirement",
        "constraint",
        "group",
        "resume-retries",
    ],
    short_value: "bceftirC",
};
/// `uv pip install`: pip's options plus uv's own.
const UV_OPTS: Opts = Opts {
    long_value: &[
        "abi",
        "build",
        "editable",
        "extra-index-url",
        "find-links",
        "index-url",
        "implementation",
        "no-binary",
        "only-binary",
        "platform",
        "prefix",
        "progress-bar",
        "proxy",
        "python-version",
        "root",
        "src",
        "target",
        "trusted-host",
        "upgrade-strategy",
        "cache-dir",
        "log",
        "log-file",
        "cert",
        "client-cert",
        "timeout",
        "retries",
        "exists-action",
        "global-option",
        "install-option",
        "config-settings",
        "report",
        "python",
        "keyring-provider",
        "use-feature",
        "use-deprecated",
        "index",
        "requirement",
        "constraint",
        "group",
        "default-index",
        "index-strategy",
        "resolution",
        "prerelease",
        "override",
        "exclude-newer",
        "extra",
        "upgrade-package",
        "reinstall-package",
        "refresh-package",
        "no-build-isolation-package",
        "link-mode",
        "compile-bytecode",
    ],
    short_value: "bceftirCpP",
};
const NPM_OPTS: Opts = Opts {
    long_value: &[
        "prefix",
        "registry",
        "cache",
        "userconfig",
        "globalconfig",
        "loglevel",
        "tag",
        "workspace",
        "omit",
        "include",
        "install-strategy",
        "before",
        "otp",
        "scope",
        "save-prefix",
        "location",
        "network-concurrency",
        "fetch-retries",
        "script-shell",
        "cwd",
        "modules-folder",
        "mutex",
        "network-timeout",
        "cache-folder",
        "global-folder",
        "dir",
        "filter",
        "reporter",
        "store-dir",
        "virtual-store-dir",
        "config",
    ],
    short_value: "wCF",
};
const GEM_OPTS: Opts = Opts {
    long_value: &[
        "install-dir",
        "bindir",
        "source",
        "http-proxy",
        "platform",
        "trust-policy",
        "build-root",
        "file",
        "version",
        "target-rbconfig",
        "config-file",
    ],
    short_value: "inspPgv",
};
const GO_OPTS: Opts = Opts {
    long_value: &[
        "ldflags",
        "gcflags",
        "asmflags",
        "gccgoflags",
        "tags",
        "o",
        "mod",
        "modfile",
        "p",
        "pkgdir",
        "toolexec",
        "overlay",
        "buildmode",
        "compiler",
        "installsuffix",
        "exec",
        "C",
        "pgo",
        "covermode",
        "coverpkg",
    ],
    short_value: "",
};
const YUM_OPTS: Opts = Opts {
    long_value: &[
        "setopt",
        "enablerepo",
        "disablerepo",
        "repo",
        "repoid",
        "releasever",
        "installroot",
        "config",
        "debuglevel",
        "errorlevel",
        "exclude",
        "downloaddir",
        "destdir",
        "forcearch",
        "disableplugin",
        "enableplugin",
        "rpmverbosity",
        "color",
        "comment",
        "advisory",
        "advisories",
        "bz",
        "cve",
        "sec-severity",
        "secseverity",
        "excludepkgs",
        "includepkgs",
        "noplugins-except",
        "disableexcludes",
        "setopt",
    ],
    short_value: "cdexR",
};
const ZYPPER_OPTS: Opts = Opts {
    long_value: &[
        "root",
        "config",
        "reposd-dir",
        "cache-dir",
        "raw-cache-dir",
        "solv-cache-dir",
        "pkg-cache-dir",
        "plus-repo",
        "type",
        "repo",
        "from",
        "download",
        "plus-content",
        "installroot",
        "userdata",
    ],
    short_value: "RcDCptr",
};

fn is_pip_name(name: &str) -> bool {
    // pip, pip2, pip3, pip3.11, pipx (hadolint: any name starting with `pip`, which also takes
    // in pip-compile/pip-sync; those have no `install` subcommand).
    match name.strip_prefix("pip") {
        Some(rest) => {
            rest.is_empty()
                || rest == "x"
                || rest == "env"
                || rest.chars().all(|c| c.is_ascii_digit() || c == '.')
        }
        None => false,
    }
}

fn is_python_name(name: &str) -> bool {
    match name.strip_prefix("python") {
        Some(rest) => rest.chars().all(|c| c.is_ascii_digit() || c == '.'),
        None => false,
    }
}

/// Parse an install command. `cmd` should have wrappers removed.
pub fn parse_install(cmd: &ShellCommand) -> Option<Install> {
    let name = cmd.name()?;
    let args = cmd.args();
    match name {
        "apt-get" | "apt" => {
            let sub = first_operand(args, &APT_OPTS)?;
            if args[sub].value != "install" {
                return None;
            }
            let (manager, command) = if name == "apt" {
                (Manager::Apt, "apt install")
            } else {
                (Manager::AptGet, "apt-get install")
            };
            // Options may come after the subcommand too; parse the whole line minus the verb.
            let rest: Vec<ShellWord> = args
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != sub)
                .map(|(_, w)| w.clone())
                .collect();
            let packages = operands(&rest, &APT_OPTS).into_iter().cloned().collect();
            Some(Install { manager, command: command.into(), packages, modules: false })
        }
        "apk" => {
            let sub = first_operand(args, &APK_OPTS)?;
            if args[sub].value != "add" {
                return None;
            }
            let rest: Vec<ShellWord> = args
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != sub)
                .map(|(_, w)| w.clone())
                .collect();
            let packages = operands(&rest, &APK_OPTS).into_iter().cloned().collect();
            Some(Install {
                manager: Manager::Apk,
                command: "apk add".into(),
                packages,
                modules: false,
            })
        }
        n if is_pip_name(n) => pip_install(name, args, name),
        n if is_python_name(n) => {
            // python -m pip install ... (options of python itself come first).
            let m = args.iter().position(|w| w.value == "-m")?;
            if args.get(m + 1).map(|w| w.value.as_str()) != Some("pip") {
                return None;
            }
            pip_install(&format!("{name} -m pip"), args.get(m + 2..).unwrap_or(&[]), "pip")
        }
        "uv" => {
            let sub = first_operand(args, &PIP_OPTS)?;
            if args[sub].value != "pip" {
                return None;
            }
            pip_install("uv pip", args.get(sub + 1..).unwrap_or(&[]), "uv")
        }
        "npm" => {
            let sub = first_operand(args, &NPM_OPTS)?;
            let verb = args[sub].value.as_str();
            if !matches!(verb, "install" | "i" | "add" | "in" | "isntall") {
                return None;
            }
            let packages = operands(args.get(sub + 1..).unwrap_or(&[]), &NPM_OPTS)
                .into_iter()
                .cloned()
                .collect();
            Some(Install {
                manager: Manager::Npm,
                command: format!("npm {verb}"),
                packages,
                modules: false,
            })
        }
        "yarn" | "pnpm" => {
            let sub = first_operand(args, &NPM_OPTS)?;
            let mut start = sub;
            let mut command = name.to_string();
            if args[sub].value == "global" && name == "yarn" {
                command.push_str(" global");
                start = sub + 1 + first_operand(args.get(sub + 1..).unwrap_or(&[]), &NPM_OPTS)?;
            }
            if args.get(start).map(|w| w.value.as_str()) != Some("add") {
                return None;
            }
            command.push_str(" add");
            let packages = operands(args.get(start + 1..).unwrap_or(&[]), &NPM_OPTS)
                .into_iter()
                .cloned()
                .collect();
            Some(Install { manager: Manager::Yarn, command, packages, modules: false })
        }
        "gem" => {
            let sub = first_operand(args, &GEM_OPTS)?;
            let verb = args[sub].value.as_str();
            if verb != "install" && verb != "i" {
                return None;
            }
            // Words after `--` are build options for the gem's extension.
            let args = match args.iter().position(|w| w.value == "--") {
                Some(end) => &args[..end],
                None => args,
            };
            // `-v`/`--version` pins the (single) gem of the command.
            let versioned = args.iter().any(|w| {
                w.value == "-v" || w.value == "--version" || w.value.starts_with("--version=")
            });
            let packages = if versioned {
                Vec::new()
            } else {
                let rest: Vec<ShellWord> = args
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != sub)
                    .map(|(_, w)| w.clone())
                    .collect();
                operands(&rest, &GEM_OPTS).into_iter().cloned().collect()
            };
            Some(Install {
                manager: Manager::Gem,
                command: format!("gem {verb}"),
                packages,
                modules: false,
            })
        }
        "go" => {
            let sub = first_operand(args, &GO_OPTS)?;
            let verb = args[sub].value.as_str();
            let after = args.get(sub + 1..).unwrap_or(&[]);
            let ops = go_operands(after);
            let packages: Vec<ShellWord> = match verb {
                "install" | "get" => ops.into_iter().cloned().collect(),
                // Only the package of `go run`; what follows are the program's arguments.
                "run" => ops
                    .into_iter()
                    .take(1)
                    .filter(|w| is_remote_go_package(&w.value))
                    .cloned()
                    .collect(),
                _ => return None,
            };
            Some(Install {
                manager: Manager::Go,
                command: format!("go {verb}"),
                packages,
                modules: false,
            })
        }
        "yum" | "dnf" | "microdnf" | "tdnf" | "dnf5" => {
            let manager = match name {
                "yum" => Manager::Yum,
                "tdnf" => Manager::Tdnf,
                _ => Manager::Dnf,
            };
            let sub = first_operand(args, &YUM_OPTS)?;
            let verb = args[sub].value.as_str();
            let (modules, verb_end, command) = match verb {
                "install" | "localinstall" => (false, sub + 1, format!("{name} {verb}")),
                "module" => {
                    let next =
                        sub + 1 + first_operand(args.get(sub + 1..).unwrap_or(&[]), &YUM_OPTS)?;
                    if args[next].value != "install" {
                        return None;
                    }
                    (true, next + 1, format!("{name} module install"))
                }
                _ => return None,
            };
            let mut rest: Vec<ShellWord> = args.get(..sub).unwrap_or(&[]).to_vec();
            rest.extend_from_slice(args.get(verb_end..).unwrap_or(&[]));
            let packages = operands(&rest, &YUM_OPTS).into_iter().cloned().collect();
            Some(Install { manager, command, packages, modules })
        }
        "zypper" => {
            let sub = first_operand(args, &ZYPPER_OPTS)?;
            let verb = args[sub].value.as_str();
            if verb != "install" && verb != "in" {
                return None;
            }
            let packages = operands(args.get(sub + 1..).unwrap_or(&[]), &ZYPPER_OPTS)
                .into_iter()
                .cloned()
                .collect();
            Some(Install {
                manager: Manager::Zypper,
                command: format!("zypper {verb}"),
                packages,
                modules: false,
            })
        }
        _ => None,
    }
}

/// `pip install` (or `pipx install`, `pipenv install`, `uv pip install`) after the program.
fn pip_install(program: &str, args: &[ShellWord], kind: &str) -> Option<Install> {
    let sub = first_operand(args, &PIP_OPTS)?;
    if args[sub].value != "install" {
        return None;
    }
    let rest = args.get(sub + 1..).unwrap_or(&[]);
    // Requirement and constraint files decide the versions: nothing to check on this line.
    let from_file = args.iter().any(|w| {
        let v = w.value.as_str();
        v == "-r"
            || v == "-c"
            || v.starts_with("--requirement")
            || v.starts_with("--constraint")
            || (v.starts_with("-r") && !v.starts_with("--") && v.len() > 2)
    });
    let packages = if from_file {
        Vec::new()
    } else if kind == "uv" {
        operands(rest, &UV_OPTS).into_iter().cloned().collect()
    } else {
        operands(rest, &PIP_OPTS).into_iter().cloned().collect()
    };
    Some(Install {
        manager: Manager::Pip,
        command: format!("{program} install"),
        packages,
        modules: false,
    })
}

/// Go flags are single-dash long names (`-ldflags`, `-tags=x`); `--name` works too.
fn go_operands(args: &[ShellWord]) -> Vec<&ShellWord> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let v = args[i].value.as_str();
        i += 1;
        if v == "--" {
            out.extend(args[i..].iter());
            break;
        }
        if let Some(flag) = v.strip_prefix("--").or_else(|| v.strip_prefix('-')) {
            if !flag.contains('=') && GO_OPTS.long_value.contains(&flag) {
                i += 1;
            }
            continue;
        }
        out.push(&args[i - 1]);
    }
    out
}

/// A package path that names a remote module (`github.com/x/y/cmd/z`), not a local directory
/// (`.`, `./...`, `/src`), a file (`main.go`) or a standard-library pattern (`std`, `cmd/vet`).
pub fn is_remote_go_package(p: &str) -> bool {
    if p.starts_with('.') || p.starts_with('/') || p.ends_with(".go") || p.starts_with('$') {
        return p.starts_with('$');
    }
    let first = p.split('/').next().unwrap_or("");
    first.contains('.')
}

/// Does `spec` (one package argument, as the manager sees it) pin a version?
pub fn is_pinned(manager: Manager, spec: &str, module: bool) -> bool {
    if module {
        return spec.contains(':');
    }
    match manager {
        // hadolint DL3008: `pkg=version`, a release (`pkg/bookworm-backports`), a .deb file.
        Manager::AptGet | Manager::Apt => {
            spec.contains('=') || spec.contains('/') || spec.ends_with(".deb")
        }
        // DL3018: `pkg=1.2`, `pkg~1.2`, `pkg>1.2`, `pkg<2`, a local .apk file.
        Manager::Apk => {
            ["=", "~", "<", ">"].iter().any(|s| spec.contains(s)) || spec.ends_with(".apk")
        }
        Manager::Pip => pip_pinned(spec),
        Manager::Npm | Manager::Yarn => npm_pinned(spec),
        // DL3028: `gem:version`; a local .gem file has its version in it.
        Manager::Gem => spec.contains(':') || spec.ends_with(".gem"),
        Manager::Go => go_pinned(spec),
        Manager::Yum | Manager::Dnf | Manager::Tdnf => rpm_pinned(spec),
        // DL3037: `pkg=1`, `pkg>=1`, `pkg<2`, a local .rpm.
        Manager::Zypper => {
            ["=", ">", "<"].iter().any(|s| spec.contains(s)) || spec.ends_with(".rpm")
        }
    }
}

const PIP_VCS: &[&str] = &["git+", "hg+", "svn+", "bzr+", "git:", "svn:"];

fn pip_pinned(spec: &str) -> bool {
    if ["==", ">=", "<=", ">", "<", "!=", "~=", "==="].iter().any(|s| spec.contains(s)) {
        return true;
    }
    let vcs = PIP_VCS.iter().any(|p| spec.starts_with(p));
    if vcs {
        // `git+https://host/repo.git@v1.2` (the `@` after the scheme part).
        let after_scheme = spec.split_once("://").map(|(_, r)| r).unwrap_or(spec);
        return after_scheme.contains('@');
    }
    // Local files, directories and URLs are not resolved against an index.
    spec == "."
        || spec.contains('/')
        || [".whl", ".tar.gz", ".zip", ".tar.bz2", ".tgz"].iter().any(|s| spec.ends_with(s))
}

fn npm_pinned(spec: &str) -> bool {
    const GIT: &[&str] = &[
        "git://",
        "git+ssh://",
        "git+http://",
        "git+https://",
        "github:",
        "gitlab:",
        "bitbucket:",
        "gist:",
    ];
    if GIT.iter().any(|p| spec.starts_with(p)) {
        return spec.contains('#');
    }
    if [".tar", ".tar.gz", ".tgz"].iter().any(|s| spec.ends_with(s)) {
        return true;
    }
    if ["/", "./", "../", "~/", "file:"].iter().any(|p| spec.starts_with(p)) {
        return true;
    }
    // `@scope/name@1.2`: the version `@` is after the scope.
    let unscoped = if spec.starts_with('@') {
        spec.split_once('/').map(|(_, r)| r).unwrap_or("")
    } else {
        spec
    };
    if let Some((name, version)) = unscoped.split_once('@') {
        // `@latest` names no version at all (hadolint accepts any tag).
        return !name.is_empty() && !version.is_empty() && version != "latest";
    }
    // `user/repo` GitHub shorthand without `#commit`.
    if unscoped.contains('/') && !spec.starts_with('@') {
        return spec.contains('#');
    }
    false
}

/// `@latest` and branch names move; `@v1.2.3`, `@<commit>` and `@${VERSION}` do not.
fn go_pinned(spec: &str) -> bool {
    if !is_remote_go_package(spec) {
        return true;
    }
    match spec.rsplit_once('@') {
        Some((_, v)) => {
            !v.is_empty()
                && !matches!(v, "latest" | "upgrade" | "patch" | "master" | "main" | "HEAD")
        }
        None => false,
    }
}

/// hadolint DL3041 (also DL3033 today): after the first `-`, every `-`-separated part must be
/// version-like (letters, digits, `.~^_:+`) and one must start with a digit. `.rpm` files and
/// groups (`@development-tools`) have no separate version.
fn rpm_pinned(spec: &str) -> bool {
    if spec.ends_with(".rpm") || spec.starts_with('@') {
        return true;
    }
    let mut parts = spec.split('-');
    parts.next();
    let rest: Vec<&str> = parts.collect();
    if rest.is_empty() {
        return false;
    }
    let valid = |p: &str| p.chars().all(|c| c.is_ascii_alphanumeric() || ".~^_:+".contains(c));
    // A `${VERSION}` part counts as the version.
    let digit_or_var = |p: &str| p.starts_with(|c: char| c.is_ascii_digit()) || p.starts_with('$');
    rest.iter().all(|p| valid(p) || p.starts_with('$')) && rest.iter().any(|p| digit_or_var(p))
}

/// True if the program name is a package manager this module knows (for quick filtering).
pub fn is_manager_name(program: &str) -> bool {
    let n = basename(program);
    matches!(
        n,
        "apt-get"
            | "apt"
            | "apk"
            | "npm"
            | "yarn"
            | "pnpm"
            | "gem"
            | "go"
            | "yum"
            | "dnf"
            | "dnf5"
            | "microdnf"
            | "tdnf"
            | "zypper"
            | "uv"
    ) || is_pip_name(n)
        || is_python_name(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dockward_dockerfile::ast::Span;
    use dockward_dockerfile::shell::analyze;

    fn install(s: &str) -> Option<(Manager, Vec<String>, bool)> {
        let script = analyze(s, &|r| Span::new(r.start, r.end));
        let cmd = script.commands.first()?.effective();
        parse_install(&cmd)
            .map(|i| (i.manager, i.packages.iter().map(|w| w.value.clone()).collect(), i.modules))
    }
    fn pkgs(s: &str) -> Vec<String> {
        install(s).map(|i| i.1).unwrap_or_default()
    }
    fn unpinned(s: &str) -> Vec<String> {
        match install(s) {
            Some((m, p, module)) => p.into_iter().filter(|p| !is_pinned(m, p, module)).collect(),
            None => Vec::new(),
        }
    }

    #[test]
    fn apt_get() {
        assert_eq!(
            pkgs("apt-get install -y --no-install-recommends curl 'wget=1.2'"),
            ["curl", "wget=1.2"]
        );
        assert_eq!(pkgs("apt-get -y -t bookworm-backports install curl"), ["curl"]);
        assert_eq!(
            pkgs("apt-get install -y -o Dpkg::Options::=--force-confold -c apt.conf curl"),
            ["curl"]
        );
        assert_eq!(pkgs("sudo apt-get install -y -- curl"), ["curl"]);
        assert_eq!(pkgs("apt-get -qq install -yq curl"), ["curl"]);
        assert!(install("apt-get update").is_none());
        assert!(install("apt-get -y upgrade").is_none());
        assert_eq!(install("apt install -y vim").map(|i| i.0), Some(Manager::Apt));
        assert_eq!(unpinned("apt-get install -y curl=7.1 ./x.deb foo/bookworm bar"), ["bar"]);
    }

    #[test]
    fn apk() {
        assert_eq!(
            pkgs("apk add --no-cache --virtual .build-deps gcc musl-dev=1.2"),
            ["gcc", "musl-dev=1.2"]
        );
        assert_eq!(pkgs("apk --update add -t deps -X http://mirror/edge curl"), ["curl"]);
        assert_eq!(pkgs("apk add -U ferm"), ["ferm"]);
        assert_eq!(pkgs("apk add --virtual=.deps --repository=http://x curl"), ["curl"]);
        assert_eq!(unpinned("apk add curl~8.5 bash=5.2-r0 ./x.apk 'jq<2' git"), ["git"]);
        assert!(install("apk del curl").is_none());
        assert!(install("apk update").is_none());
    }

    #[test]
    fn pip() {
        assert_eq!(unpinned("pip install flask==2.0 requests 'django>=4' ."), ["requests"]);
        assert_eq!(pkgs("pip install -r requirements.txt flask"), Vec::<String>::new());
        assert_eq!(
            pkgs("pip3 install --no-cache-dir -c constraints.txt flask"),
            Vec::<String>::new()
        );
        assert_eq!(pkgs("python3 -m pip install --upgrade pip"), ["pip"]);
        assert_eq!(pkgs("python -m pip install -i https://idx --cache-dir /c flask"), ["flask"]);
        assert_eq!(
            unpinned(
                "pip install git+https://x/y.git@v1 git+https://x/z.git ./dist/a.whl b.tar.gz /src -e git+https://x/e"
            ),
            ["git+https://x/z.git"]
        );
        assert_eq!(unpinned("pip3.11 install --user flask[async]"), ["flask[async]"]);
        assert_eq!(unpinned("pipx install black"), ["black"]);
        assert_eq!(unpinned("uv pip install --system flask"), ["flask"]);
        assert!(install("pip download flask").is_none());
        assert!(install("python3 -c 'import pip'").is_none());
        assert!(install("pip-compile requirements.in").is_none());
    }

    #[test]
    fn npm() {
        assert_eq!(pkgs("npm install"), Vec::<String>::new());
        assert_eq!(
            unpinned("npm install -g express@4 @types/node @scope/x@1.0 ./local x.tgz"),
            ["@types/node"]
        );
        assert_eq!(unpinned("npm i --registry https://r lodash"), ["lodash"]);
        assert_eq!(unpinned("npm install --prefix /app serve@latest"), ["serve@latest"]);
        assert_eq!(
            unpinned(
                "npm install git+https://x/y.git#v1 git+https://x/z.git user/repo github:u/r#abc"
            ),
            ["git+https://x/z.git", "user/repo"]
        );
        assert!(install("npm ci").is_none());
        assert!(install("npm run build -- install foo").is_none());
        assert_eq!(unpinned("yarn global add serve pm2@5"), ["serve"]);
        assert_eq!(unpinned("pnpm add -g pnpm@8 typescript"), ["typescript"]);
        assert!(install("yarn install --frozen-lockfile").is_none());
    }

    #[test]
    fn gem() {
        assert_eq!(unpinned("gem install -N bundler:2.4 rake"), ["rake"]);
        assert_eq!(pkgs("gem install bundler -v 2.4"), Vec::<String>::new());
        assert_eq!(
            unpinned(
                "gem install --no-document -i /gems --source https://rubygems.org rails ./x-1.0.gem"
            ),
            ["rails"]
        );
        assert_eq!(unpinned("gem i rake -- --with-opt foo"), ["rake"]);
        assert!(install("gem update --system").is_none());
    }

    #[test]
    fn go() {
        assert_eq!(unpinned("go install github.com/x/y@latest"), ["github.com/x/y@latest"]);
        assert_eq!(
            unpinned(
                "go install -ldflags '-s -w' -tags netgo github.com/x/y@v1.2.3 github.com/x/z"
            ),
            ["github.com/x/z"]
        );
        assert_eq!(unpinned("go install ./... ."), Vec::<String>::new());
        assert_eq!(unpinned("go get -u golang.org/x/lint/golint"), ["golang.org/x/lint/golint"]);
        assert_eq!(unpinned("go run github.com/x/gen arg1"), ["github.com/x/gen"]);
        assert_eq!(unpinned("go run main.go"), Vec::<String>::new());
        assert_eq!(unpinned("go install std cmd/vet"), Vec::<String>::new());
        assert_eq!(unpinned("go get github.com/x/old@none"), Vec::<String>::new());
        assert!(install("go build -o /x .").is_none());
        assert!(install("go mod download").is_none());
    }

    #[test]
    fn rpm_family() {
        assert_eq!(
            unpinned("yum install -y httpd-2.4.6 mod_ssl epel-release ./pkg-1.0-1.x86_64.rpm"),
            ["mod_ssl", "epel-release"]
        );
        assert_eq!(
            unpinned(
                "dnf -y --setopt=tsflags=nodocs install python3-pip gcc-c++ nodejs-16.0-1.el8 @development"
            ),
            ["python3-pip", "gcc-c++"]
        );
        assert_eq!(unpinned("microdnf install --enablerepo x -y httpd"), ["httpd"]);
        assert_eq!(
            install("dnf module install -y nodejs:16").map(|i| (i.1, i.2)),
            Some((vec!["nodejs:16".to_string()], true))
        );
        assert_eq!(unpinned("yum module install nodejs"), ["nodejs"]);
        assert!(install("dnf group install 'Development Tools'").is_none());
        assert!(install("yum update -y").is_none());
        assert_eq!(unpinned("tdnf install -y httpd-${VERSION}"), Vec::<String>::new());
    }

    #[test]
    fn hostile_inputs_do_not_panic() {
        for s in [
            "apt-get",
            "apt-get -o",
            "apt-get install -",
            "apk add -t",
            "pip install -r",
            "python -m",
            "python -m pip",
            "uv pip",
            "npm i -w",
            "yarn global",
            "gem i --",
            "go install -ldflags",
            "go run",
            "dnf module",
            "zypper in -t",
            "pip install é",
            "go install é.é/x@",
        ] {
            let _ = unpinned(s);
        }
        for m in [
            Manager::AptGet,
            Manager::Apk,
            Manager::Pip,
            Manager::Npm,
            Manager::Gem,
            Manager::Go,
            Manager::Yum,
            Manager::Zypper,
        ] {
            for spec in ["", "@", "-", "é", "@é/é@", "git+", "x@"] {
                let _ = is_pinned(m, spec, false);
            }
        }
    }

    #[test]
    fn zypper() {
        assert_eq!(unpinned("zypper --non-interactive in --no-recommends curl=7 wget"), ["wget"]);
        assert_eq!(
            unpinned("zypper -n install -t pattern devel_basis 'vim>=9' ./x.rpm"),
            ["devel_basis"]
        );
        assert!(install("zypper refresh").is_none());
    }
}
