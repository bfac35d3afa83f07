//! The host-file rules DW1001-DW1005 on hand-built `HostFiles`: permission bitmask edges,
//! ownership, audit watches on parent directories, what could not be read, and silence when
//! host files were not gathered (remote daemon).

use dockward_core::{Config, Finding, Severity};
use dockward_rules::{RunOptions, check_host};
use dockward_spec::host_files::{
    AuditRules, DaemonJson, DaemonProcess, FileKind, GroupFacts, PathFacts, Unreadable,
};
use dockward_spec::{HostFacts, HostFiles};

const OPTS: RunOptions = RunOptions { today: "2026-01-01", scan_root: None };

fn path(role: &str, path: &str, kind: FileKind, uid: u32, gid: u32, mode: u32) -> PathFacts {
    let name = |id: u32, n: &str| Some(if id == 0 { "root".to_string() } else { n.to_string() });
    PathFacts {
        role: role.into(),
        path: path.into(),
        kind,
        uid,
        gid,
        owner: name(uid, "alice"),
        group: name(gid, "docker"),
        mode,
    }
}

fn sock(mode: u32) -> PathFacts {
    path("docker.sock", "/var/run/docker.sock", FileKind::Socket, 0, 105, mode)
}

fn facts(files: HostFiles) -> HostFacts {
    HostFacts {
        docker_root_dir: Some("/var/lib/docker".into()),
        files: Some(files),
        ..HostFacts::default()
    }
}

fn with_paths(paths: Vec<PathFacts>) -> HostFacts {
    facts(HostFiles { paths, ..HostFiles::default() })
}

fn run(code: &str, f: &HostFacts, config: &Config) -> Vec<Finding> {
    check_host(f, config, &OPTS).into_iter().filter(|x| x.rule.code == code).collect()
}

fn of(code: &str, f: &HostFacts) -> Vec<Finding> {
    run(code, f, &Config::default())
}

fn cis(fs: &[Finding]) -> Vec<String> {
    fs.iter().flat_map(|f| f.equivalents.iter().map(|e| e.to_string())).collect()
}

#[test]
fn socket_mode_is_a_bitmask() {
    for ok in [0o600, 0o660, 0o640, 0o000] {
        assert!(of("DW1002", &with_paths(vec![sock(ok)])).is_empty(), "{ok:o} is within 0660");
    }
    let f = of("DW1002", &with_paths(vec![sock(0o664)]));
    assert_eq!(cis(&f), ["CIS-3.16"]);
    assert!(
        f[0].message.contains("mode 0664")
            && f[0].message.contains("0660")
            && f[0].message.contains("others read"),
        "{}",
        f[0].message
    );
    assert_eq!(f[0].severity, Severity::High);
    assert_eq!(f[0].location.file.as_deref(), Some("/var/run/docker.sock"));
    assert_eq!(f[0].location.start.line, 0);
    // setgid is excess even though the rw bits are fine; 0670 is numerically close but not a subset.
    let f = of("DW1002", &with_paths(vec![sock(0o2660)]));
    assert!(
        f.len() == 1 && f[0].message.contains("2660") && f[0].message.contains("setgid"),
        "{f:#?}"
    );
    assert_eq!(
        f[0].fix.as_deref().map(|x| x.starts_with("`chmod g-s /var/run/docker.sock`")),
        Some(true)
    );
    assert_eq!(of("DW1002", &with_paths(vec![sock(0o670)])).len(), 1);
    // Numerically below 0660 (what `stat -c %a` compared with `-le 660` would pass), yet
    // every other user may write to it.
    let f = of("DW1002", &with_paths(vec![sock(0o606)]));
    assert!(f.len() == 1 && f[0].message.contains("others read/write"), "{f:#?}");
}

#[test]
fn socket_ownership() {
    // A user-owned docker.sock: ownership (3.15), message names uid, owner, gid, group, mode.
    let f = of(
        "DW1002",
        &with_paths(vec![path(
            "docker.sock",
            "/var/run/docker.sock",
            FileKind::Socket,
            1000,
            105,
            0o660,
        )]),
    );
    assert_eq!(cis(&f), ["CIS-3.15"]);
    assert!(
        f[0].message.contains("alice (uid 1000):docker (gid 105)")
            && f[0].message.contains("0660")
            && f[0].message.contains("not root:docker"),
        "{}",
        f[0].message
    );
    // docker.sock group root is stricter than CIS and accepted; containerd.sock must be root:root.
    assert!(
        of(
            "DW1002",
            &with_paths(vec![path(
                "docker.sock",
                "/run/docker.sock",
                FileKind::Socket,
                0,
                0,
                0o660
            )])
        )
        .is_empty()
    );
    let f = of(
        "DW1002",
        &with_paths(vec![path(
            "containerd.sock",
            "/run/containerd/containerd.sock",
            FileKind::Socket,
            0,
            105,
            0o660,
        )]),
    );
    assert_eq!(cis(&f), ["CIS-3.23"]);
    // A group chosen with dockerd `--group`: accepted under that name, `docker` then is not.
    let mut files = HostFiles {
        paths: vec![path("docker.sock", "/run/docker.sock", FileKind::Socket, 0, 2000, 0o660)],
        ..HostFiles::default()
    };
    files.paths[0].group = Some("dockerops".into());
    files.dockerd =
        Some(DaemonProcess { pid: 1, args: vec!["--group".into(), "dockerops".into()], exe: None });
    assert!(of("DW1002", &facts(files.clone())).is_empty());
    files.dockerd = None;
    assert!(of("DW1002", &facts(files)).iter().any(|f| f.message.contains("not root:docker")));
    // A rootless daemon's socket belongs to its user: only the mode is checked.
    let mut rootless = with_paths(vec![path(
        "docker.sock",
        "/run/user/1000/docker.sock",
        FileKind::Socket,
        1000,
        1000,
        0o660,
    )]);
    rootless.rootless = true;
    assert!(of("DW1002", &rootless).is_empty());
    if let Some(files) = rootless.files.as_mut() {
        files.paths[0].mode = 0o666;
    }
    assert_eq!(cis(&of("DW1002", &rootless)), ["CIS-3.16"]);
    // A symlink's own mode means nothing (the collector reports the target too).
    assert!(
        of(
            "DW1002",
            &with_paths(vec![path(
                "docker.sock",
                "/var/run/docker.sock",
                FileKind::Symlink,
                0,
                0,
                0o777
            )])
        )
        .is_empty()
    );
}

#[test]
fn config_file_modes_and_owners() {
    // A unit file with setuid and execute bits: 4755 exceeds 0644 by setuid and x bits.
    let f = of(
        "DW1003",
        &with_paths(vec![path(
            "docker.service",
            "/lib/systemd/system/docker.service",
            FileKind::File,
            0,
            0,
            0o4755,
        )]),
    );
    assert_eq!(cis(&f), ["CIS-3.2"]);
    assert!(
        f[0].message.contains("4755")
            && f[0].message.contains("0644")
            && f[0].message.contains("setuid"),
        "{}",
        f[0].message
    );
    assert_eq!(
        f[0].fix.as_deref(),
        Some("`chmod u-xs,g-x,o-x /lib/systemd/system/docker.service`")
    );
    // More restrictive than the maximum is fine; 0664 is not (group write).
    assert!(
        of(
            "DW1003",
            &with_paths(vec![path(
                "daemon.json",
                "/etc/docker/daemon.json",
                FileKind::File,
                0,
                0,
                0o600
            )])
        )
        .is_empty()
    );
    assert_eq!(
        cis(&of(
            "DW1003",
            &with_paths(vec![path(
                "daemon.json",
                "/etc/docker/daemon.json",
                FileKind::File,
                0,
                0,
                0o664
            )])
        )),
        ["CIS-3.18"]
    );
    // 0622 < 0644 as numbers, but group and others may write.
    assert_eq!(
        cis(&of(
            "DW1003",
            &with_paths(vec![path(
                "daemon.json",
                "/etc/docker/daemon.json",
                FileKind::File,
                0,
                0,
                0o622
            )])
        )),
        ["CIS-3.18"]
    );
    // Ownership and mode are separate findings with their own sections.
    let f = of(
        "DW1003",
        &with_paths(vec![path(
            "daemon.json",
            "/etc/docker/daemon.json",
            FileKind::File,
            1000,
            1000,
            0o666,
        )]),
    );
    let mut sections = cis(&f);
    sections.sort();
    assert_eq!(sections, ["CIS-3.17", "CIS-3.18"]);
    // The TLS key must be 0400: 0600 (owner write) is too much.
    assert_eq!(
        cis(&of(
            "DW1003",
            &with_paths(vec![path("tlskey", "/etc/docker/key.pem", FileKind::File, 0, 0, 0o600)])
        )),
        ["CIS-3.14"]
    );
    // /etc/default/docker and /etc/sysconfig/docker have crossed numbering in v1.6.0.
    assert_eq!(
        cis(&of(
            "DW1003",
            &with_paths(vec![path(
                "etc-default-docker",
                "/etc/default/docker",
                FileKind::File,
                0,
                0,
                0o646
            )])
        )),
        ["CIS-3.22"]
    );
    assert_eq!(
        cis(&of(
            "DW1003",
            &with_paths(vec![path(
                "etc-sysconfig-docker",
                "/etc/sysconfig/docker",
                FileKind::File,
                0,
                0,
                0o646
            )])
        )),
        ["CIS-3.20"]
    );
    // Registry certificate files 0444, the directories holding them 0755.
    let certs = vec![
        path("certs.d-file", "/etc/docker/certs.d/r.example", FileKind::Dir, 0, 0, 0o755),
        path("certs.d-file", "/etc/docker/certs.d/r.example/ca.crt", FileKind::File, 0, 0, 0o444),
    ];
    assert!(of("DW1003", &with_paths(certs)).is_empty());
    // Sockets, DockerRootDir and containerd's config are not this rule's.
    let others = vec![
        sock(0o666),
        path("docker-root", "/var/lib/docker", FileKind::Dir, 0, 0, 0o777),
        path("containerd-config", "/etc/containerd/config.toml", FileKind::File, 0, 0, 0o666),
    ];
    assert!(of("DW1003", &with_paths(others)).is_empty());
}

fn audited(watched: &[&str], source: &str, paths: Vec<PathFacts>) -> HostFacts {
    facts(HostFiles {
        paths,
        audit: Some(AuditRules {
            source: source.into(),
            watched: watched.iter().map(|s| s.to_string()).collect(),
        }),
        ..HostFiles::default()
    })
}

const BINARIES: [&str; 4] = [
    "/usr/bin/dockerd",
    "/usr/bin/containerd",
    "/usr/bin/containerd-shim-runc-v2",
    "/usr/bin/runc",
];

#[test]
fn audit_watch_on_a_parent_directory_covers_its_children() {
    let paths = vec![
        path("etc-docker", "/etc/docker", FileKind::Dir, 0, 0, 0o755),
        path("daemon.json", "/etc/docker/daemon.json", FileKind::File, 0, 0, 0o644),
        path("containerd.sock", "/run/containerd/containerd.sock", FileKind::Socket, 0, 0, 0o660),
    ];
    // `-w /etc/docker` covers daemon.json; `-w /var/run/containerd` covers /run/containerd and its socket.
    let mut watched = vec!["/etc/docker", "/var/run/containerd"];
    watched.extend(BINARIES);
    assert!(of("DW1001", &audited(&watched, "auditctl -l", paths.clone())).is_empty());
    // A watch on daemon.json alone does not cover /etc/docker; one finding per missing path.
    let mut watched = vec!["/etc/docker/daemon.json/", "/run/containerd"];
    watched.extend(BINARIES);
    let f = of("DW1001", &audited(&watched, "auditctl -l", paths));
    assert_eq!(cis(&f), ["CIS-1.1.6"]);
    assert!(f[0].message.contains("/etc/docker") && f[0].location.file.is_none(), "{f:#?}");
}

#[test]
fn audit_rules_in_path_form_and_real_locations() {
    // `-F path=/usr/sbin/runc` is collected as the path; /usr/sbin/runc satisfies 1.1.18 and the
    // running dockerd's own binary satisfies 1.1.3 (not /usr/bin/dockerd).
    let mut files = HostFiles {
        dockerd: Some(DaemonProcess {
            pid: 7,
            args: vec![],
            exe: Some("/opt/docker/bin/dockerd".into()),
        }),
        paths: vec![path("docker-root", "/srv/docker", FileKind::Dir, 0, 0, 0o710)],
        audit: Some(AuditRules {
            source: "/etc/audit/rules.d/docker.rules, /etc/audit/audit.rules".into(),
            watched: [
                "/opt/docker/bin/dockerd",
                "/usr/bin/containerd",
                "/usr/bin/containerd-shim-runc-v2",
                "/usr/sbin/runc",
                "/var/lib/docker",
            ]
            .map(String::from)
            .to_vec(),
        }),
        ..HostFiles::default()
    };
    // The real DockerRootDir (/srv/docker) is not watched: a watch on the default path does not count.
    let f = of("DW1001", &facts(files.clone()));
    assert_eq!(cis(&f), ["CIS-1.1.5"]);
    assert!(f[0].message.contains("/srv/docker"));
    assert_eq!(f[0].location.file.as_deref(), Some("/etc/audit/rules.d/docker.rules"));
    assert_eq!(
        f[0].fix.as_deref(),
        Some(
            "Add `-w /srv/docker -k docker` to /etc/audit/rules.d/docker.rules and load it (`augenrules --load`)."
        )
    );
    if let Some(a) = files.audit.as_mut() {
        a.watched.push("/srv/docker".into());
    }
    assert!(of("DW1001", &facts(files)).is_empty());
    // No rules at all: the four binaries always, plus what exists.
    let f = of(
        "DW1001",
        &audited(
            &[],
            "auditctl -l",
            vec![path(
                "docker.service",
                "/lib/systemd/system/docker.service",
                FileKind::File,
                0,
                0,
                0o644,
            )],
        ),
    );
    let mut sections = cis(&f);
    sections.sort();
    assert_eq!(sections, ["CIS-1.1.14", "CIS-1.1.17", "CIS-1.1.18", "CIS-1.1.3", "CIS-1.1.7"]);
    assert!(f.iter().all(|x| x.severity == Severity::Low));
}

fn unreadable(fact: &str, path: &str) -> Unreadable {
    Unreadable { fact: fact.into(), path: path.into(), reason: "permission denied".into() }
}

#[test]
fn what_could_not_be_read_is_reported_not_guessed() {
    let files = HostFiles {
        unreadable: vec![
            unreadable("audit", "/etc/audit/rules.d"),
            unreadable("paths", "/run/containerd/containerd.sock"),
            unreadable("paths", "/etc/docker/key.pem"),
            unreadable("group", "/etc/group"),
            unreadable("mounts", "/proc/self/mountinfo"),
        ],
        ..HostFiles::default()
    };
    let f = facts(files);
    for (code, path) in [
        ("DW1001", "/etc/audit/rules.d"),
        ("DW1002", "/run/containerd/containerd.sock"),
        ("DW1003", "/etc/docker/key.pem"),
        ("DW1004", "/etc/group"),
        ("DW1005", "/proc/self/mountinfo"),
    ] {
        let got = of(code, &f);
        assert_eq!(got.len(), 1, "{code}: {got:#?}");
        assert_eq!(got[0].severity, Severity::Info, "{code}");
        assert_eq!(
            got[0].message,
            format!("not checked: cannot read {path} (permission denied)"),
            "{code}"
        );
    }
}

#[test]
fn silent_without_host_files() {
    // A remote daemon: no host files, even when the daemon facts name a DockerRootDir.
    let f = HostFacts { docker_root_dir: Some("/var/lib/docker".into()), ..HostFacts::default() };
    for code in ["DW1001", "DW1002", "DW1003", "DW1004", "DW1005"] {
        assert!(of(code, &f).is_empty(), "{code}");
    }
    // Host files gathered but empty (nothing exists, nothing unreadable, audit and mounts unknown
    // without a reason): nothing to say either.
    let f = facts(HostFiles::default());
    for code in ["DW1001", "DW1002", "DW1003", "DW1004", "DW1005"] {
        assert!(of(code, &f).is_empty(), "{code}");
    }
}

#[test]
fn docker_group_members_and_allowlist() {
    let group = |members: &[&str]| {
        facts(HostFiles {
            socket_group: Some(GroupFacts {
                name: "docker".into(),
                gid: 105,
                members: members.iter().map(|s| s.to_string()).collect(),
            }),
            ..HostFiles::default()
        })
    };
    let f = of("DW1004", &group(&["root", "carol", "alice"]));
    assert_eq!(f.len(), 1);
    assert!(
        f[0].message.ends_with(
            "2 members who can control the daemon and so are root on the host: alice, carol"
        ),
        "{}",
        f[0].message
    );
    assert_eq!(cis(&f), ["CIS-1.1.2"]);
    assert!(of("DW1004", &group(&["root"])).is_empty());
    let config = Config::parse("docker-group-allowed = [\"alice\", \"carol\"]").unwrap_or_default();
    assert!(run("DW1004", &group(&["root", "carol", "alice"]), &config).is_empty());
    let f = run("DW1004", &group(&["alice", "mallory"]), &config);
    assert!(
        f.len() == 1
            && f[0].message.ends_with(
                "1 member who can control the daemon and so is root on the host: mallory"
            ),
        "{f:#?}"
    );
}

#[test]
fn docker_root_on_the_root_filesystem() {
    let mount =
        |m: &str| facts(HostFiles { docker_root_mount: Some(m.into()), ..HostFiles::default() });
    let f = of("DW1005", &mount("/"));
    assert!(
        f.len() == 1 && f[0].message.contains("/var/lib/docker") && f[0].severity == Severity::Low,
        "{f:#?}"
    );
    assert!(of("DW1005", &mount("/var/lib/docker")).is_empty());
    // Decision: a separate /var (holding DockerRootDir) is accepted.
    assert!(of("DW1005", &mount("/var")).is_empty());
    // The collector's DockerRootDir path wins over /info's.
    let mut files = HostFiles { docker_root_mount: Some("/".into()), ..HostFiles::default() };
    files.paths.push(path("docker-root", "/data/docker", FileKind::Dir, 0, 0, 0o710));
    files.daemon_json = Some(DaemonJson::parse(
        "/etc/docker/daemon.json",
        "{\"data-root\": \"/data/docker\"}".into(),
    ));
    assert!(of("DW1005", &facts(files))[0].message.contains("/data/docker"));
}
