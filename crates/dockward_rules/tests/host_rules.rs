//! `check_host`: the host rules (surface H) on daemon facts built from JSON recorded from this
//! machine's daemon (Docker 20.10.24 on Debian 12) and from a hand-edited risky variant
//! (`crates/dockward_engine/tests/fixtures/host_*.json`).

use dockward_core::{Config, Severity, Surface};
use dockward_rules::{check_host, ScanOptions};
use dockward_spec::HostFacts;
use serde_json::Value;

const OPTS: ScanOptions = ScanOptions { today: "2026-01-01" };

fn fixture(name: &str) -> Value {
    let p = format!("{}/../dockward_engine/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p}: {e}"))).unwrap()
}

fn recorded() -> HostFacts {
    dockward_engine::host_facts_from(&fixture("host_version.json"), &fixture("host_info.json"), &fixture("host_networks.json"))
}

fn risky() -> HostFacts {
    dockward_engine::host_facts_from(&fixture("host_version.json"), &fixture("host_info_risky.json"), &fixture("host_networks.json"))
}

/// A daemon configured as the host rules ask.
fn hardened() -> HostFacts {
    HostFacts {
        engine_version: Some("29.7.0".into()),
        containerd_version: Some("2.3.2".into()),
        runc_version: Some("1.4.3".into()),
        security_options: vec!["name=apparmor".into(), "name=seccomp,profile=builtin".into(), "name=userns".into()],
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
    let mut c: Vec<&'static str> = check_host(facts, &Config::default(), &OPTS).iter().map(|f| f.rule.code).collect();
    c.dedup();
    c
}

#[test]
fn recorded_daemon_gets_exactly_these_codes() {
    // Engine 20.10.24, containerd 1.6.20, runc 1.1.5 (DW101), Engine 20.10 past end of life
    // (DW102, at OPTS.today 2026-01-01), ICC on, only the built-in
    // loopback insecure range, no debug, no authz plugin, live restore off, json-file,
    // rootful, seccomp default but no AppArmor/SELinux, no warnings.
    assert_eq!(codes(&recorded()), ["DW101", "DW102", "DW509", "DW907", "DW1006", "DW1007", "DW1108", "DW1204"]);
    let found = check_host(&recorded(), &Config::default(), &OPTS);
    let dw101: Vec<&str> = found.iter().filter(|f| f.rule.code == "DW101").map(|f| f.message.as_str()).collect();
    assert!(dw101.iter().any(|m| m.starts_with("runc 1.1.5+ds1 is affected by CVE-2024-21626")), "{dw101:#?}");
    assert!(dw101.iter().all(|m| m.contains("is a distribution build")), "Debian versions carry the backport note");
    // Authorization-plugin and swarm-only advisories stay silent without authz/swarm.
    assert!(!dw101.iter().any(|m| m.contains("CVE-2024-41110") || m.contains("CVE-2023-28840")));
    // containerd 1.6 is not affected by the 2.1.0-only CVE-2025-47290.
    assert!(!dw101.iter().any(|m| m.contains("CVE-2025-47290")));
    insta::assert_snapshot!("recorded_daemon", render(&recorded()));
}

#[test]
fn risky_daemon_fires_every_host_rule() {
    let found = check_host(&risky(), &Config::default(), &OPTS);
    for code in ["DW101", "DW102", "DW907", "DW708", "DW1203", "DW1006", "DW1007", "DW1204", "DW509", "DW1108", "DW908"] {
        assert!(found.iter().any(|f| f.rule.code == code), "{code} does not fire");
    }
    assert!(found.iter().all(|f| f.surface == Surface::Host && f.location.file.is_none() && f.target.as_deref() == Some("docker host")));
    // Loopback ranges are never reported; 10.0.0.0/8 and the insecure index are.
    let dw708: Vec<&str> = found.iter().filter(|f| f.rule.code == "DW708").map(|f| f.message.as_str()).collect();
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
    // means (no authz plugin, no LSM, no seccomp, no rootless/userns) is reported.
    assert_eq!(codes(&HostFacts::default()), ["DW509", "DW1006", "DW1108"]);
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
    let on = |today: &str| check_host(&f, &Config::default(), &ScanOptions { today }).iter().any(|x| x.rule.code == "DW102");
    assert!(!on("2026-05-12"), "28 is maintained until 2026-05-13");
    assert!(on("2026-05-13"));
    f.engine_version = Some("29.7.2".into());
    let on = |today: &str| check_host(&f, &Config::default(), &ScanOptions { today }).iter().any(|x| x.rule.code == "DW102");
    assert!(!on("2026-11-28"));
}

#[test]
fn accepted_advisories_suppress_only_those() {
    let config = Config::parse("accepted-advisories = [\"CVE-2024-21626\", \"ghsa-9493-h29p-rfm2\"]\n").unwrap();
    let found = check_host(&recorded(), &config, &OPTS);
    let runc: Vec<_> = found.iter().filter(|f| f.rule.code == "DW101" && f.message.starts_with("runc ")).collect();
    let suppressed: Vec<&str> = runc.iter().filter(|f| f.suppressed.is_some()).map(|f| f.message.split(':').next().unwrap()).collect();
    assert_eq!(suppressed, ["runc 1.1.5+ds1 is affected by CVE-2024-21626 / GHSA-xr7r-f8xq-vfvv", "runc 1.1.5+ds1 is affected by CVE-2025-31133 / GHSA-9493-h29p-rfm2"]);
    assert!(runc.iter().filter(|f| f.suppressed.is_none()).count() >= 3);
    let reason = runc.iter().find_map(|f| f.suppressed.as_ref()).unwrap().reason.clone().unwrap();
    assert!(reason.contains("accepted-advisories"), "{reason}");
}

/// Host rules whose fixtures are still to be written (shrinks to empty; do not add to it).
const PENDING_FIXTURES: &[&str] = &["DW101", "DW102", "DW509", "DW708", "DW907", "DW908", "DW1006", "DW1007", "DW1108", "DW1203", "DW1204"];

/// Every host rule has `tests/fixtures/<CODE>/host-bad.json` and `host-good.json`: `HostFacts`
/// as JSON (absent fields take their defaults; `files` holds the host-side facts). The bad
/// fixture must give at least one finding of the rule, the good one none; both are pinned by
/// an insta snapshot.
#[test]
fn every_host_rule_has_fixtures_and_snapshots() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut problems = Vec::new();
    for rule in dockward_rules::all() {
        if rule.host.is_none() || PENDING_FIXTURES.contains(&rule.meta.code) {
            continue;
        }
        let code = rule.meta.code;
        let load = |name: &str| -> Result<HostFacts, String> {
            let p = root.join(code).join(name);
            let text = std::fs::read_to_string(&p).map_err(|e| format!("{code}: {}: {e}", p.display()))?;
            serde_json::from_str(&text).map_err(|e| format!("{code}: {}: {e}", p.display()))
        };
        let (bad, good) = match (load("host-bad.json"), load("host-good.json")) {
            (Ok(b), Ok(g)) => (b, g),
            (b, g) => {
                problems.extend(b.err().into_iter().chain(g.err()));
                continue;
            }
        };
        let config = Config { select: Some(vec![code.to_string()]), ..Config::default() };
        let of = |facts: &HostFacts| -> Vec<dockward_core::Finding> { check_host(facts, &config, &OPTS).into_iter().filter(|f| f.rule.code == code).collect() };
        let show = |fs: &[dockward_core::Finding]| -> String {
            fs.iter()
                .map(|f| {
                    let at = match &f.location.file {
                        Some(file) if f.location.start.line > 0 => format!("{file}:{}", f.location.start.line),
                        Some(file) => file.clone(),
                        None => "-".into(),
                    };
                    format!("{} {} {at}: {}\n  fix: {}\n  equivalents: {}\n", f.rule.code, f.severity, f.message, f.fix.as_deref().unwrap_or("-"), f.equivalents.join(", "))
                })
                .collect()
        };
        let (b, g) = (of(&bad), of(&good));
        if b.is_empty() {
            problems.push(format!("{code}: host-bad.json gives no finding"));
        }
        if !g.is_empty() {
            problems.push(format!("{code}: host-good.json gives {} finding(s):\n{}", g.len(), show(&g)));
        }
        insta::with_settings!({ snapshot_suffix => code, prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!("host_findings", format!("## host-bad.json\n{}\n## host-good.json\n{}", show(&b), show(&g)));
        });
    }
    assert!(problems.is_empty(), "host rule fixture problems:\n{}", problems.join("\n"));
}
