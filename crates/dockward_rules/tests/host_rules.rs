//! `check_host`: the host rules (surface H) on daemon facts built from JSON recorded from this
//! machine's daemon (Docker 20.10.24 on Debian 12) and from a hand-edited risky variant
//! (`crates/dockward_docker/tests/fixtures/host_*.json`).

use dockward_core::{Config, Severity, Surface};
use dockward_rules::{RunOptions, check_host};
use dockward_spec::HostFacts;
use serde_json::Value;

const OPTS: RunOptions = RunOptions { today: "2026-01-01", scan_root: None };

fn fixture(name: &str) -> Value {
    let p = format!("{}/../dockward_docker/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p}: {e}")))
        .unwrap()
}

fn recorded() -> HostFacts {
    dockward_docker::host_facts_from(
        &fixture("host_version.json"),
        &fixture("host_info.json"),
        &fixture("host_networks.json"),
    )
}

fn risky() -> HostFacts {
    dockward_docker::host_facts_from(
        &fixture("host_version.json"),
        &fixture("host_info_risky.json"),
        &fixture("host_networks.json"),
    )
}

/// A daemon configured as the host rules ask.
fn hardened() -> HostFacts {
    HostFacts {
        engine_version: Some("29.7.0".into()),
        containerd_version: Some("2.3.2".into()),
        runc_version: Some("1.4.3".into()),
        security_options: vec![
            "name=apparmor".into(),
            "name=seccomp,profile=builtin".into(),
            "name=userns".into(),
        ],
        seccomp_profile: Some("builtin".into()),
        apparmor: true,
        userns: true,
        logging_driver: Some("syslog".into()),
        storage_driver: Some("overlay2".into()),
        live_restore: Some(true),
        experimental: Some(false),
        debug: Some(false),
        insecure_registry_cidrs: vec!["127.0.0.0/8".into(), "::1/128".into()],
        swarm_state: Some("inactive".into()),
        authorization_plugins: vec!["opa-docker-authz".into()],
        bridge_icc: Some(false),
        content_trust: Some("1".into()),
        ..HostFacts::default()
    }
}

fn render(facts: &HostFacts) -> String {
    check_host(facts, &Config::default(), &OPTS)
        .iter()
        .map(|f| {
            format!(
                "{} {} [{}] {}: {}\n  fix: {}\n  equivalents: {}\n",
                f.rule.code,
                f.severity,
                f.rule.name,
                f.target.as_deref().unwrap_or("-"),
                f.message,
                f.fix.as_deref().unwrap_or("-"),
                f.equivalents.join(", ")
            )
        })
        .collect()
}

fn codes(facts: &HostFacts) -> Vec<&'static str> {
    let mut c: Vec<&'static str> =
        check_host(facts, &Config::default(), &OPTS).iter().map(|f| f.rule.code).collect();
    c.dedup();
    c
}

#[test]
fn recorded_daemon_gets_exactly_these_codes() {
    // Engine 20.10.24, containerd 1.6.20, runc 1.1.5 (DW101), Engine 20.10 past end of life
    // (DW102, at OPTS.today 2026-01-01), ICC on, only the built-in
    // loopback insecure range, no debug, no authz plugin, live restore off, json-file,
    // rootful, seccomp default but no AppArmor/SELinux, no warnings; DOCKER_CONTENT_TRUST
    // not recorded (DW701). No host files, networks or inventory: nothing from them.
    assert_eq!(
        codes(&recorded()),
        ["DW101", "DW102", "DW509", "DW701", "DW907", "DW1006", "DW1007", "DW1108", "DW1204"]
    );
    let found = check_host(&recorded(), &Config::default(), &OPTS);
    let dw101: Vec<&str> =
        found.iter().filter(|f| f.rule.code == "DW101").map(|f| f.message.as_str()).collect();
    assert!(
        dw101.iter().any(|m| m.starts_with("runc 1.1.5+ds1 is affected by CVE-2024-21626")),
        "{dw101:#?}"
    );
    assert!(
        dw101.iter().all(|m| m.contains("is a distribution build")),
        "Debian versions carry the backport note"
    );
    // Authorization-plugin and swarm-only advisories stay silent without authz/swarm.
    assert!(!dw101.iter().any(|m| m.contains("CVE-2024-41110") || m.contains("CVE-2023-28840")));
    // containerd 1.6 is not affected by the 2.1.0-only CVE-2025-47290.
    assert!(!dw101.iter().any(|m| m.contains("CVE-2025-47290")));
    insta::assert_snapshot!("recorded_daemon", render(&recorded()));
}

#[test]
fn risky_daemon_fires_every_host_rule() {
    let found = check_host(&risky(), &Config::default(), &OPTS);
    for code in [
        "DW101", "DW102", "DW907", "DW708", "DW1203", "DW1006", "DW1007", "DW1204", "DW509",
        "DW1108", "DW908", "DW701",
    ] {
        assert!(found.iter().any(|f| f.rule.code == code), "{code} does not fire");
    }
    assert!(found.iter().all(|f| f.surface == Surface::Host
        && f.location.file.is_none()
        && f.target.as_deref() == Some("docker host")));
    // Loopback ranges are never reported; 10.0.0.0/8 and the insecure index are.
    let dw708: Vec<&str> =
        found.iter().filter(|f| f.rule.code == "DW708").map(|f| f.message.as_str()).collect();
    assert_eq!(dw708.len(), 2, "{dw708:?}");
    assert!(dw708.iter().all(|m| !m.contains("127.0.0.0") && !m.contains("::1")));
    // DW1007: live restore, experimental, aufs, swarm: one finding each.
    assert_eq!(found.iter().filter(|f| f.rule.code == "DW1007").count(), 4);
    insta::assert_snapshot!("risky_daemon", render(&risky()));
}

#[test]
fn hardened_daemon_is_clean() {
    assert_eq!(codes(&hardened()), Vec::<&str>::new());
}

#[test]
fn unknown_facts_stay_silent() {
    // A daemon that told nothing (all None/empty; no versions, so no DW101): only what absence of a security option
    // means (no authz plugin, no LSM, no seccomp, no rootless/userns) is reported, and DW701
    // (an unset DOCKER_CONTENT_TRUST is what "off" means). No host files: no daemon options.
    assert_eq!(codes(&HostFacts::default()), ["DW509", "DW701", "DW1006", "DW1108"]);
}

#[test]
fn seccomp_unconfined_and_tcp_endpoint() {
    let mut f = hardened();
    f.seccomp_profile = Some("unconfined".into());
    f.endpoint = "tcp://10.1.2.3:2375".into();
    let found = check_host(&f, &Config::default(), &OPTS);
    assert_eq!(found.iter().map(|f| f.rule.code).collect::<Vec<_>>(), ["DW908", "DW1108"]);
    assert!(found[0].message.contains("tcp://10.1.2.3:2375"));
    assert_eq!(found[0].severity, Severity::Critical);
    assert!(found[1].message.contains("unconfined"));
}

#[test]
fn config_selects_overrides_and_ignores_host_rules() {
    let config = Config::parse("ignore = [\"DW1006\"]\n[severity]\nDW907 = \"high\"\n[per-service-ignores]\n\"docker host\" = [\"DW509\"]\n").unwrap();
    let found = check_host(&recorded(), &config, &OPTS);
    assert!(!found.iter().any(|f| f.rule.code == "DW1006"));
    assert_eq!(found.iter().find(|f| f.rule.code == "DW907").unwrap().severity, Severity::High);
    assert!(found.iter().find(|f| f.rule.code == "DW509").unwrap().suppressed.is_some());
    assert!(found.iter().find(|f| f.rule.code == "DW907").unwrap().suppressed.is_none());
}

#[test]
fn engine_end_of_life_depends_on_today() {
    let mut f = HostFacts { engine_version: Some("28.5.2".into()), ..hardened() };
    let on = |today: &str| {
        check_host(&f, &Config::default(), &RunOptions { today, ..Default::default() })
            .iter()
            .any(|x| x.rule.code == "DW102")
    };
    assert!(!on("2026-05-12"), "28 is maintained until 2026-05-13");
    assert!(on("2026-05-13"));
    f.engine_version = Some("29.7.2".into());
    let on = |today: &str| {
        check_host(&f, &Config::default(), &RunOptions { today, ..Default::default() })
            .iter()
            .any(|x| x.rule.code == "DW102")
    };
    assert!(!on("2026-11-28"));
}

#[test]
fn accepted_advisories_suppress_only_those() {
    let config =
        Config::parse("accepted-advisories = [\"CVE-2024-21626\", \"ghsa-9493-h29p-rfm2\"]\n")
            .unwrap();
    let found = check_host(&recorded(), &config, &OPTS);
    let runc: Vec<_> =
        found.iter().filter(|f| f.rule.code == "DW101" && f.message.starts_with("runc ")).collect();
    let suppressed: Vec<&str> = runc
        .iter()
        .filter(|f| f.suppressed.is_some())
        .map(|f| f.message.split(':').next().unwrap())
        .collect();
    assert_eq!(
        suppressed,
        [
            "runc 1.1.5+ds1 is affected by CVE-2024-21626 / GHSA-xr7r-f8xq-vfvv",
            "runc 1.1.5+ds1 is affected by CVE-2025-31133 / GHSA-9493-h29p-rfm2"
        ]
    );
    assert!(runc.iter().filter(|f| f.suppressed.is_none()).count() >= 3);
    let reason = runc.iter().find_map(|f| f.suppressed.as_ref()).unwrap().reason.clone().unwrap();
    assert!(reason.contains("accepted-advisories"), "{reason}");
}

// ---- Daemon options read from the host (dockerd's command line, daemon.json) ----

use dockward_spec::host_files::{DaemonJson, DaemonProcess, HostFiles, Unreadable};

/// A local daemon whose options are `args` on dockerd's command line and `json` in daemon.json
/// (`None`: no daemon.json), otherwise the hardened facts.
fn with_options(args: &[&str], json: Option<&str>) -> HostFacts {
    let daemon_json = json.map(|text| DaemonJson::parse("/etc/docker/daemon.json", text.into()));
    let files = HostFiles {
        root: "/".into(),
        dockerd: Some(DaemonProcess {
            pid: 7,
            args: args.iter().map(|a| a.to_string()).collect(),
            exe: None,
        }),
        daemon_json,
        ..HostFiles::default()
    };
    HostFacts { files: Some(files), ..hardened() }
}

/// The findings of one rule, as `message @ file:line` (`-` when on the daemon).
fn of(code: &str, facts: &HostFacts) -> Vec<String> {
    let config = Config { select: Some(vec![code.to_string()]), ..Config::default() };
    check_host(facts, &config, &OPTS)
        .iter()
        .map(|f| {
            format!(
                "{} {} @ {}:{}",
                f.severity,
                f.message,
                f.location.file.as_deref().unwrap_or("-"),
                f.location.start.line
            )
        })
        .collect()
}

/// Options that keep every rule judging daemon options quiet (so a test sees only its own).
const QUIET: &str = "{\n  \"userland-proxy\": false,\n  \"log-opts\": {\"max-size\": \"10m\"},\n  \"default-ulimits\": {\"nofile\": {\"Name\": \"nofile\", \"Soft\": 1024, \"Hard\": 2048}, \"nproc\": {\"Name\": \"nproc\", \"Soft\": 512, \"Hard\": 512}}\n}";

#[test]
fn hardened_daemon_with_quiet_options_is_clean() {
    assert_eq!(codes(&with_options(&["-H", "fd://"], Some(QUIET))), Vec::<&str>::new());
}

#[test]
fn iptables_false_as_flag_and_in_daemon_json() {
    let flag = of("DW909", &with_options(&["-H", "fd://", "--iptables=false"], None));
    assert_eq!(flag.len(), 1, "{flag:?}");
    assert!(
        flag[0].contains("(`iptables` is false)")
            && flag[0].ends_with("(dockerd `--iptables`) @ -:0"),
        "{flag:?}"
    );
    assert!(flag[0].starts_with("medium "), "{flag:?}");
    let json = of(
        "DW909",
        &with_options(&["-H", "fd://"], Some("{\n  \"icc\": false,\n  \"iptables\": false\n}")),
    );
    assert_eq!(json.len(), 1, "{json:?}");
    assert!(
        json[0].contains("(`iptables` is false)")
            && json[0].ends_with("@ /etc/docker/daemon.json:3"),
        "{json:?}"
    );
    // True, absent, or an unknown remote daemon: nothing.
    assert!(of("DW909", &with_options(&["--iptables=true"], None)).is_empty());
    assert!(of("DW909", &with_options(&[], Some("{}"))).is_empty());
    assert!(of("DW909", &hardened()).is_empty());
}

#[test]
fn unreadable_daemon_json_is_reported_not_guessed() {
    let mut facts = with_options(&["-H", "fd://"], None);
    if let Some(f) = facts.files.as_mut() {
        f.unreadable.push(Unreadable {
            fact: "daemon.json".into(),
            path: "/etc/docker/daemon.json".into(),
            reason: "permission denied".into(),
        });
    }
    let json_file = HostFacts { logging_driver: Some("json-file".into()), ..facts.clone() };
    for (code, facts) in
        [("DW909", &facts), ("DW406", &facts), ("DW908", &facts), ("DW1202", &json_file)]
    {
        let found = of(code, facts);
        assert_eq!(
            found,
            ["info not checked: cannot read /etc/docker/daemon.json (permission denied) @ -:0"],
            "{code}"
        );
    }
    // Another default log driver makes the log options irrelevant: not even "not checked".
    assert!(of("DW1202", &facts).is_empty());
    let found = check_host(
        &facts,
        &Config { select: Some(vec!["DW406".into()]), ..Config::default() },
        &OPTS,
    );
    assert_eq!(found[0].equivalents, ["CIS-2.8"], "the host part's CIS section only");
    // DW1007's live-restore check does not need daemon.json; its userland-proxy check is not done.
    let dw1007: Vec<String> = of("DW1007", &facts);
    assert_eq!(
        dw1007,
        ["info not checked: cannot read /etc/docker/daemon.json (permission denied) @ -:0"]
    );
}

#[test]
fn log_opts_as_flags_and_in_daemon_json() {
    // The daemon's default driver is json-file (docker info).
    let json_file = |args: &[&str], json: Option<&str>| HostFacts {
        logging_driver: Some("json-file".into()),
        ..with_options(args, json)
    };
    assert!(
        of("DW1202", &json_file(&["-H", "fd://", "--log-opt", "max-size=10m"], None)).is_empty()
    );
    assert!(
        of(
            "DW1202",
            &json_file(&["-H", "fd://", "--log-opt=max-size=10m", "--log-opt", "max-file=3"], None)
        )
        .is_empty()
    );
    let only_max_file = of("DW1202", &json_file(&["-H", "fd://", "--log-opt", "max-file=3"], None));
    assert_eq!(only_max_file.len(), 1);
    assert!(only_max_file[0].contains("default `log-opts` have no `max-size` (its `max-file=3` does nothing without `max-size`)") && only_max_file[0].ends_with("(dockerd `--log-opt`) @ -:0"), "{only_max_file:?}");
    let none =
        of("DW1202", &json_file(&["-H", "fd://"], Some("{\n  \"log-driver\": \"json-file\"\n}")));
    assert_eq!(none.len(), 1);
    assert!(
        none[0].starts_with(
            "low the daemon's default log driver is `json-file` with no default log options"
        ) && none[0].ends_with("@ -:0"),
        "{none:?}"
    );
    let zero = of("DW1202", &json_file(&[], Some("{\n  \"log-opts\": {\"max-size\": \"0\"}\n}")));
    assert!(
        zero[0].contains("`max-size=0`, which is not a positive size")
            && zero[0].ends_with("@ /etc/docker/daemon.json:2"),
        "{zero:?}"
    );
    // `local` rotates by default; syslog ships the logs elsewhere.
    for driver in ["local", "syslog"] {
        assert!(
            of(
                "DW1202",
                &HostFacts { logging_driver: Some(driver.into()), ..with_options(&[], Some("{}")) }
            )
            .is_empty(),
            "{driver}"
        );
    }
    // No host files: the daemon's defaults are unknown.
    assert!(
        of("DW1202", &HostFacts { logging_driver: Some("json-file".into()), ..hardened() })
            .is_empty()
    );
}

#[test]
fn tcp_listener_with_and_without_tlsverify() {
    let plain = of("DW908", &with_options(&["-H", "fd://", "-H", "tcp://0.0.0.0:2375"], None));
    assert_eq!(
        plain,
        [
            "critical the Engine API listens on `tcp://0.0.0.0:2375` without TLS (`tlsverify` is not on): anyone who reaches the port controls the host (dockerd `-H`) @ -:0"
        ]
    );
    assert!(
        of(
            "DW908",
            &with_options(
                &[
                    "-H",
                    "fd://",
                    "-H",
                    "tcp://0.0.0.0:2376",
                    "--tlsverify",
                    "--tlscacert=/etc/docker/ca.pem"
                ],
                None
            )
        )
        .is_empty()
    );
    assert!(
        of("DW908", &with_options(&["-H", "tcp://0.0.0.0:2376"], Some("{\"tlsverify\": true}")))
            .is_empty()
    );
    let tls_only = of("DW908", &with_options(&["-H", "tcp://0.0.0.0:2376", "--tls"], None));
    assert!(
        tls_only[0].contains("with TLS but without client certificate verification"),
        "{tls_only:?}"
    );
    let json = of(
        "DW908",
        &with_options(
            &["--containerd=/run/containerd/containerd.sock"],
            Some("{\n  \"hosts\": [\"unix:///var/run/docker.sock\", \"tcp://127.0.0.1:2375\"]\n}"),
        ),
    );
    assert_eq!(
        json,
        [
            "critical the Engine API listens on `tcp://127.0.0.1:2375` without TLS (`tlsverify` is not on): anyone who reaches the port controls the host @ /etc/docker/daemon.json:2"
        ]
    );
    // The daemon's own warning names the same listener: one finding, at the setting.
    let mut warned = with_options(&["-H", "tcp://0.0.0.0:2375"], None);
    warned.warnings = vec!["WARNING: API is accessible on http://0.0.0.0:2375 without encryption.\n  Access to the remote API is equivalent to root access on the host.".into()];
    assert_eq!(of("DW908", &warned).len(), 1);
    // Without host files, the warnings are the evidence (also the TLS-without-verification one).
    let mut remote = hardened();
    remote.warnings = vec!["[DEPRECATION NOTICE]: API is accessible on https://0.0.0.0:2376 without TLS client verification.\n  Access ...".into()];
    assert_eq!(
        of("DW908", &remote),
        [
            "critical the daemon reports: API is accessible on https://0.0.0.0:2376 without TLS client verification. @ -:0"
        ]
    );
}

#[test]
fn default_ulimits_of_the_daemon() {
    let missing =
        of("DW406", &with_options(&["-H", "fd://", "--default-ulimit", "nofile=1024:2048"], None));
    assert_eq!(missing.len(), 1);
    assert!(
        missing[0].starts_with("info the daemon's `default-ulimits` bound no `nproc`")
            && missing[0].ends_with("(dockerd `--default-ulimit`) @ -:0"),
        "{missing:?}"
    );
    let unlimited = of(
        "DW406",
        &with_options(
            &[],
            Some(
                "{\n  \"default-ulimits\": {\"nofile\": {\"Name\": \"nofile\", \"Soft\": 1024, \"Hard\": 2048}, \"nproc\": {\"Name\": \"nproc\", \"Soft\": -1, \"Hard\": -1}}\n}",
            ),
        ),
    );
    assert_eq!(unlimited.len(), 1);
    assert!(
        unlimited[0].contains("`nproc` (`default-ulimits`) is unlimited (-1)")
            && unlimited[0].ends_with("@ /etc/docker/daemon.json:2"),
        "{unlimited:?}"
    );
    let none = of("DW406", &with_options(&["-H", "fd://"], None));
    assert!(
        none[0].contains("sets no default ulimits") && none[0].contains("`nofile` or `nproc`"),
        "{none:?}"
    );
    let found = check_host(
        &with_options(&["-H", "fd://"], None),
        &Config { select: Some(vec!["DW406".into()]), ..Config::default() },
        &OPTS,
    );
    assert_eq!(found[0].equivalents, ["CIS-2.8"]);
}

#[test]
fn userland_proxy_and_userns_remap_settings() {
    let on = of("DW1007", &with_options(&["-H", "fd://"], Some("{}")));
    assert_eq!(on.len(), 1);
    assert!(on[0].contains("the userland proxy is on (dockerd's default"), "{on:?}");
    let explicit = of("DW1007", &with_options(&["--userland-proxy=true"], None));
    assert!(
        explicit[0].contains("(`userland-proxy` is not false)")
            && explicit[0].ends_with("(dockerd `--userland-proxy`) @ -:0"),
        "{explicit:?}"
    );
    let found = check_host(
        &with_options(&[], None),
        &Config { select: Some(vec!["DW1007".into()]), ..Config::default() },
        &OPTS,
    );
    assert_eq!(found[0].equivalents, ["CIS-2.16"]);
    assert!(of("DW1007", &with_options(&["--userland-proxy=false"], None)).is_empty());
    // userns-remap: counts when `docker info` said nothing; reported when it says the running daemon does not remap.
    let rootful = |security_options: Vec<String>| HostFacts {
        userns: false,
        security_options,
        ..with_options(&[], Some("{\n  \"userns-remap\": \"default\"\n}"))
    };
    assert!(of("DW509", &rootful(vec![])).is_empty());
    let stale = of("DW509", &rootful(vec!["name=seccomp,profile=builtin".into()]));
    assert_eq!(stale.len(), 1);
    assert!(
        stale[0]
            .contains("`userns-remap` is set to `default` but the running daemon does not remap")
            && stale[0].ends_with("@ /etc/docker/daemon.json:2"),
        "{stale:?}"
    );
}

#[test]
fn kernel_lsms_are_named() {
    use dockward_spec::host_files::LsmState;
    let unconfined = |lsm: LsmState| {
        let mut f = HostFacts {
            apparmor: false,
            selinux: false,
            security_options: vec!["name=seccomp,profile=builtin".into()],
            ..with_options(&[], None)
        };
        if let Some(files) = f.files.as_mut() {
            files.lsm = Some(lsm);
        }
        of("DW1108", &f)
    };
    let apparmor = unconfined(LsmState {
        active: vec!["capability".into(), "apparmor".into()],
        apparmor_enabled: Some(true),
        selinux_enforcing: None,
    });
    assert_eq!(apparmor.len(), 1);
    assert!(apparmor[0].starts_with("medium AppArmor is enabled in the kernel (active LSMs: capability,apparmor) but the daemon does not use it"), "{apparmor:?}");
    let selinux = unconfined(LsmState {
        active: vec!["capability".into(), "selinux".into()],
        apparmor_enabled: None,
        selinux_enforcing: Some(true),
    });
    assert!(
        selinux[0].contains(
            "SELinux is active in the kernel (enforcing; active LSMs: capability,selinux)"
        ),
        "{selinux:?}"
    );
    let neither = unconfined(LsmState {
        active: vec!["capability".into(), "yama".into()],
        apparmor_enabled: Some(false),
        selinux_enforcing: None,
    });
    assert!(
        neither[0].contains("the kernel has neither enabled (active LSMs: capability,yama)"),
        "{neither:?}"
    );
}

#[test]
fn sprawl_counts_and_overlay_networks() {
    use dockward_spec::{Inventory, NetworkFacts};
    let inv = HostFacts {
        inventory: Some(Inventory {
            images: 1,
            images_unused: 1,
            images_dangling: 1,
            containers: 2,
            containers_running: 1,
            containers_stopped: 1,
        }),
        ..hardened()
    };
    assert_eq!(
        of("DW1008", &inv),
        [
            "info 1 container of 2 on the daemon is not running (exited, created or dead) @ -:0",
            "info 1 image of 1 on the daemon is used by no container (1 of them dangling) @ -:0"
        ]
    );
    assert!(of("DW1008", &hardened()).is_empty(), "no inventory: silent");
    let net = |name: &str, opts: &[(&str, &str)]| NetworkFacts {
        name: name.into(),
        driver: "overlay".into(),
        scope: "swarm".into(),
        options: opts.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        ..NetworkFacts::default()
    };
    // `encrypted` counts whatever its value: the overlay driver only checks that the key exists.
    let f = HostFacts {
        networks: vec![
            net("a", &[("encrypted", "")]),
            net("b", &[("encrypted", "false")]),
            net("c", &[]),
        ],
        ..hardened()
    };
    let found = of("DW910", &f);
    assert_eq!(found.len(), 1);
    assert!(found[0].contains("overlay network `c` is not encrypted"), "{found:?}");
}
