use super::*;
use dockward_core::cis::section_of;
use dockward_core::{Location, Severity, Suppression, SuppressionKind};
use std::collections::BTreeSet;

fn numeric(id: &str) -> Vec<u32> {
    id.split('.').map(|p| p.parse().unwrap()).collect()
}

#[test]
fn catalogue_has_the_117_checks_in_order() {
    let checks = parse(TSV).expect("the embedded catalogue parses");
    assert_eq!(checks.len(), 117);
    assert_eq!(catalogue().len(), 117);
    for w in checks.windows(2) {
        assert!(numeric(w[0].id) < numeric(w[1].id), "{} before {}", w[0].id, w[1].id);
    }
    let ids: BTreeSet<&str> = checks.iter().map(|c| c.id).collect();
    assert_eq!(ids.len(), 117, "ids are unique");
    let per_section: Vec<usize> = dockward_core::cis::SECTIONS
        .iter()
        .map(|(s, _)| checks.iter().filter(|c| c.section() == *s).count())
        .collect();
    assert_eq!(per_section, [20, 18, 24, 12, 32, 2, 9]);
    // Each section numbers its checks without gaps (1.1.x and 1.2.x in section 1).
    for (prefix, last) in [
        ("1.1.", 18),
        ("1.2.", 2),
        ("2.", 18),
        ("3.", 24),
        ("4.", 12),
        ("5.", 32),
        ("6.", 2),
        ("7.", 9),
    ] {
        for n in 1..=last {
            assert!(ids.contains(format!("{prefix}{n}").as_str()), "{prefix}{n} missing");
        }
    }
    assert_eq!(
        check("2.2").unwrap().title,
        "Ensure network traffic is restricted between containers on the default bridge"
    );
    assert_eq!(check("5.1").unwrap().title, "Ensure swarm mode is not Enabled, if not needed");
    assert_eq!(check("2.2").unwrap().codes, ["DW907"]);
}

#[test]
fn malformed_catalogues_are_rejected_with_the_line() {
    const H: &str = "id\ttitle\tassessment\tcodes\tapplies\tverify\n";
    let bad = |body: &str| -> String {
        parse(Box::leak(format!("{H}{body}").into_boxed_str())).unwrap_err()
    };
    assert!(bad("2.2\tt\tautomated\tDW90\tdaemon\t\n").contains("malformed rule code `DW90`"));
    assert!(bad("2.2\tt\tautomated\tdw907\tdaemon\t\n").contains("malformed rule code"));
    assert!(
        bad("2.2\tt\tautomated\tDW907\tdaemon\t\n2.2\tt\tautomated\tDW907\tdaemon\t\n")
            .contains("line 3: duplicate id 2.2")
    );
    assert!(bad("2.x\tt\tautomated\t\tdaemon\tv\n").contains("malformed id"));
    assert!(bad("2.2\tt\tsometimes\tDW907\tdaemon\t\n").contains("assessment"));
    assert!(bad("2.2\tt\tautomated\tDW907\tnever\t\n").contains("unknown applies keyword `never`"));
    assert!(bad("2.2\tt\tmanual\tDW907\tdaemon\t\n").contains("needs `verify`"));
    assert!(bad("2.2\tt\tautomated\tDW907\n").contains("4 cells"));
    assert!(parse("2.2\tt\tautomated\tDW907\tdaemon\t\n").unwrap_err().contains("header"));
}

/// Codes of rules not written yet are allowed (listed, so they are easy to see); only a
/// malformed code fails (in `parse`).
#[test]
fn codes_not_implemented_yet_are_listed() {
    let missing: BTreeSet<&str> = catalogue()
        .iter()
        .flat_map(|c| c.codes.iter().copied())
        .filter(|c| registry::by_code(c).is_none())
        .collect();
    if !missing.is_empty() {
        eprintln!(
            "warning: the CIS catalogue maps checks to rules not implemented yet: {}",
            missing.into_iter().collect::<Vec<_>>().join(", ")
        );
    }
}

/// The catalogue and the rules agree: a rule listed for a check names `CIS-<id>` in its
/// equivalents, and every `CIS-<id>` a rule names is a check that lists the rule.
#[test]
fn catalogue_and_rule_equivalents_agree() {
    let mut errors = Vec::new();
    for c in catalogue() {
        for code in &c.codes {
            let Some(rule) = registry::by_code(code) else { continue };
            if !rule.meta.equivalents.iter().any(|e| section_of(e) == Some(c.id)) {
                errors.push(format!("{} lists {code}, whose equivalents lack CIS-{}", c.id, c.id));
            }
        }
    }
    for rule in registry::all() {
        for id in rule.meta.equivalents.iter().filter_map(|e| section_of(e)) {
            match check(id) {
                None => errors.push(format!(
                    "{} names CIS-{id}, which is not a check of the benchmark",
                    rule.meta.code
                )),
                Some(c) if !c.codes.contains(&rule.meta.code) => errors.push(format!(
                    "{} names CIS-{id}, but check {id} does not list it",
                    rule.meta.code
                )),
                Some(_) => {}
            }
        }
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

// --- evaluation -------------------------------------------------------------------------

fn rule(code: &str) -> &'static dockward_core::RuleMeta {
    registry::by_code(code).unwrap_or_else(|| panic!("{code} exists")).meta
}

fn host(code: &str, msg: &str) -> Finding {
    Finding::new(rule(code), Surface::Host, Location::default(), msg).with_target("docker host")
}

fn container(code: &str, name: &str) -> Finding {
    Finding::new(rule(code), Surface::Container, Location::default(), "m").with_target(name)
}

fn daemon_only() -> Audited {
    Audited { daemon: true, ..Audited::default() }
}

/// Every host file role a check can be about.
const ROLES: [&str; 10] = [
    "docker.service",
    "docker.socket",
    "containerd.sock",
    "etc-default-docker",
    "etc-sysconfig-docker",
    "containerd-config",
    "certs.d",
    "tlscacert",
    "tlscert",
    "tlskey",
];

fn everything() -> Audited {
    Audited {
        daemon: true,
        host_files: true,
        swarm_active: true,
        containers: 2,
        images: 1,
        host_file_roles: ROLES.iter().map(|r| r.to_string()).collect(),
    }
}

fn result<'a>(r: &'a CisReport, id: &str) -> &'a CisResult {
    r.results.iter().find(|x| x.check.id == id).unwrap()
}

#[test]
fn one_result_per_check_in_order() {
    let r = evaluate(&[], &Config::default(), &everything());
    assert_eq!(r.results.len(), 117);
    assert!(r.results.iter().zip(catalogue()).all(|(x, c)| x.check.id == c.id));
}

#[test]
fn warn_on_a_finding_pass_without() {
    let findings = [host("DW907", "icc on")];
    let r = evaluate(&findings, &Config::default(), &daemon_only());
    let x = result(&r, "2.2");
    assert_eq!(x.status, CisStatus::Warn);
    assert_eq!(x.findings, [0]);
    assert_eq!(x.detail, "1 finding (DW907): docker host");
    let r = evaluate(&[], &Config::default(), &daemon_only());
    let x = result(&r, "2.2");
    assert_eq!((x.status, x.detail.as_str()), (CisStatus::Pass, "checked by DW907"));
}

#[test]
fn narrowed_equivalents_decide_which_check_warns() {
    let swarm = host("DW1007", "swarm active").with_equivalents(["CIS-5.1"]);
    let r = evaluate(&[swarm], &Config::default(), &daemon_only());
    assert_eq!(result(&r, "5.1").status, CisStatus::Warn);
    for id in ["2.6", "2.15", "2.18"] {
        assert_eq!(result(&r, id).status, CisStatus::Pass, "{id}");
    }
}

#[test]
fn a_container_finding_does_not_decide_a_daemon_check() {
    // DW406 names 2.8 (daemon default) and 5.19 (container override).
    let findings = [container("DW406", "web"), container("DW406", "db")];
    let r = evaluate(&findings, &Config::default(), &everything());
    let x = result(&r, "5.19");
    assert_eq!(x.status, CisStatus::Warn);
    assert_eq!(x.detail, "2 findings (DW406): web, db");
    let x = result(&r, "2.8");
    assert_eq!(x.status, CisStatus::Info);
    assert!(x.findings.is_empty());
    // DW406 checks the daemon too; its container findings are not daemon findings.
    assert!(x.detail.starts_with("DW406 found nothing"), "{}", x.detail);
}

#[test]
fn manual_checks_are_info() {
    let r = evaluate(&[], &Config::default(), &daemon_only());
    let x = result(&r, "2.10");
    assert_eq!(x.status, CisStatus::Info);
    assert!(x.detail.starts_with("manual: dockerd runs without `--cgroup-parent`"), "{}", x.detail);
    // A manual check whose rule ran and found nothing: the rule helps, a person decides.
    let x = result(&r, "2.1");
    assert_eq!(x.status, CisStatus::Info);
    assert!(x.detail.starts_with("DW509 found nothing; manual: "), "{}", x.detail);
    // ... and a finding of it still warns.
    let r = evaluate(&[host("DW509", "rootful")], &Config::default(), &daemon_only());
    assert_eq!(result(&r, "2.1").status, CisStatus::Warn);
    assert_eq!(result(&r, "2.9").status, CisStatus::Warn);
}

#[test]
fn not_applicable_says_why() {
    let r = evaluate(
        &[],
        &Config::default(),
        &Audited { daemon: true, containers: 0, ..Audited::default() },
    );
    let na = |id: &str| {
        let x = result(&r, id);
        assert_eq!(x.status, CisStatus::Na, "{id}");
        x.detail.clone()
    };
    assert_eq!(na("7.3"), "not applicable: swarm mode is not active");
    assert_eq!(na("5.5"), "not applicable: no container was audited");
    assert_eq!(na("4.1"), "not applicable: no image or container was audited");
    assert_eq!(
        na("3.1"),
        "not applicable: the host's files were not read (a remote daemon, or they were not collected)"
    );
    assert_eq!(
        result(&r, "5.1").status,
        CisStatus::Pass,
        "5.1 is about the daemon, not containers"
    );
    let r = evaluate(&[], &Config::default(), &Audited { containers: 1, ..Audited::default() });
    assert_eq!(
        result(&r, "2.2").detail,
        "not applicable: the daemon's configuration was not audited"
    );
    assert_eq!(result(&r, "5.5").status, CisStatus::Pass);
    // 1.2.1 applies always: a person judges the host even when the daemon was not audited.
    assert_eq!(result(&r, "1.2.1").status, CisStatus::Info);
}

#[test]
fn suppressed_findings_do_not_warn() {
    let mut f = host("DW907", "icc on");
    f.suppressed =
        Some(Suppression { kind: SuppressionKind::Config, reason: Some("lab host".into()) });
    let r = evaluate(&[f], &Config::default(), &daemon_only());
    let x = result(&r, "2.2");
    assert_eq!(x.status, CisStatus::Pass);
    assert_eq!(x.findings, [0]);
    assert_eq!(x.detail, "checked by DW907; 1 suppressed finding (lab host)");
}

#[test]
fn not_checked_findings_make_info() {
    let nc = host("DW1007", "not checked: cannot read /etc/docker/daemon.json (permission denied)")
        .with_severity(Severity::Info)
        .with_equivalents(["CIS-2.15"]);
    let r = evaluate(&[nc.clone(), nc], &Config::default(), &daemon_only());
    let x = result(&r, "2.15");
    assert_eq!(x.status, CisStatus::Info);
    assert_eq!(
        x.detail,
        "not checked: cannot read /etc/docker/daemon.json (permission denied) (and 1 more not checked)"
    );
    assert_eq!(result(&r, "2.6").status, CisStatus::Pass);
    // A real finding wins over one that could not check.
    let nc = host("DW1007", "not checked: cannot read x (denied)").with_equivalents(["CIS-2.15"]);
    let real = host("DW1007", "live restore off").with_equivalents(["CIS-2.15"]);
    let r = evaluate(&[nc, real], &Config::default(), &daemon_only());
    assert_eq!(result(&r, "2.15").status, CisStatus::Warn);
    assert_eq!(result(&r, "2.15").findings, [0, 1]);
}

#[test]
fn rules_that_did_not_run_leave_the_check_unchecked() {
    let config = Config { ignore: vec!["DW907".into()], ..Config::default() };
    let r = evaluate(&[], &config, &daemon_only());
    let x = result(&r, "2.2");
    assert_eq!(
        (x.status, x.detail.as_str()),
        (CisStatus::Info, "not checked: DW907 is not enabled")
    );
    assert_eq!(
        ran("DW999", Applies::Daemon, &Config::default(), &daemon_only()).unwrap_err(),
        "DW999 is not implemented yet"
    );
    assert_eq!(
        ran("DW706", Applies::Images, &Config::default(), &everything()).unwrap_err(),
        "DW706 did not run (it checks Dockerfiles and Compose files: `dockward scan`)"
    );
    assert_eq!(
        ran("DW502", Applies::Containers, &Config::default(), &daemon_only()).unwrap_err(),
        "DW502 did not run (no container was audited)"
    );
    assert!(ran("DW502", Applies::Containers, &Config::default(), &everything()).is_ok());
    assert!(ran("DW907", Applies::Daemon, &Config::default(), &daemon_only()).is_ok());
}

#[test]
fn a_finding_without_cis_sections_counts_for_the_checks_of_its_code() {
    let f = host("DW102", "engine line ended").with_equivalents(Vec::<&'static str>::new());
    let r = evaluate(&[f], &Config::default(), &daemon_only());
    assert_eq!(result(&r, "1.2.2").status, CisStatus::Warn);
    // Other checks are not touched by it.
    assert!(r.results.iter().filter(|x| x.check.id != "1.2.2").all(|x| x.findings.is_empty()));
}

#[test]
fn many_targets_are_cut() {
    let findings: Vec<Finding> =
        ["a", "b", "c", "d", "e", "a"].iter().map(|n| container("DW502", n)).collect();
    let r = evaluate(&findings, &Config::default(), &everything());
    assert_eq!(result(&r, "5.5").detail, "6 findings (DW502): a, b, c and 2 more");
}

#[test]
fn a_check_about_an_absent_host_file_is_not_applicable() {
    // 3.21/3.22 are about /etc/sysconfig/docker (RHEL-family hosts); a Debian host has none.
    let mut a = everything();
    a.host_file_roles.retain(|r| r != "etc-sysconfig-docker");
    let r = evaluate(&[], &Config::default(), &a);
    for id in ["1.1.13", "3.21", "3.22"] {
        let x = result(&r, id);
        assert_eq!(x.status, CisStatus::Na, "{id}: {}", x.detail);
        assert_eq!(
            x.detail,
            "not applicable: the host has no /etc/sysconfig/docker (file not found)"
        );
    }
    // The file present: decided by the rules as usual.
    assert_eq!(
        result(&evaluate(&[], &Config::default(), &everything()), "3.21").status,
        CisStatus::Pass
    );
}
