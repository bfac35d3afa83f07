//! `check_containers`: the container rules on live-container specs (surface R).

use dockward_core::{Config, Severity, Surface};
use dockward_rules::{RunOptions, check_containers};
use dockward_spec::ContainerSpec;
use dockward_spec::container::{Located, NamespaceMode, SourceLoc};

fn at<T>(v: T, path: &str) -> Located<T> {
    Located::new(v, SourceLoc { path: path.into(), ..Default::default() })
}

fn spec(name: &str) -> ContainerSpec {
    ContainerSpec { name: name.into(), ..Default::default() }
}

const OPTS: RunOptions = RunOptions { today: "2026-01-01", scan_root: None };

#[test]
fn privileged_and_host_network_on_a_live_container() {
    let mut s = spec("web");
    s.privileged = Some(at(true, "HostConfig.Privileged"));
    s.network_mode = Some(at(NamespaceMode::Host, "HostConfig.NetworkMode"));
    let found = check_containers(&[s], &Config::default(), &OPTS);
    let p = found.iter().find(|f| f.rule.code == "DW502").expect("DW502");
    assert_eq!(p.surface, Surface::Container);
    assert_eq!(p.target.as_deref(), Some("web"));
    assert_eq!(p.location.file, None);
    assert!(p.message.contains("container `web`"), "{}", p.message);
    assert!(
        p.fix.as_deref().unwrap().contains("--privileged"),
        "fixes speak docker run flags on surface R: {:?}",
        p.fix
    );
    let h = found.iter().find(|f| f.rule.code == "DW901").unwrap();
    assert!(h.fix.as_deref().unwrap().contains("--network host"), "{:?}", h.fix);
    assert!(found.iter().any(|f| f.rule.code == "DW901"));
    assert!(found.iter().all(|f| f.surface == Surface::Container));
}

#[test]
fn severity_overrides_and_per_service_ignores_by_container_name() {
    let mut a = spec("legacy");
    a.privileged = Some(at(true, "HostConfig.Privileged"));
    let mut b = spec("other");
    b.privileged = Some(at(true, "HostConfig.Privileged"));
    let config = Config::parse(
        "[severity]\nDW502 = \"low\"\n[per-service-ignores]\n\"legacy\" = [\"DW502\"]\n",
    )
    .unwrap();
    let found = check_containers(&[a, b], &config, &OPTS);
    let dw502: Vec<_> = found.iter().filter(|f| f.rule.code == "DW502").collect();
    assert_eq!(dw502.len(), 2);
    assert!(dw502.iter().all(|f| f.severity == Severity::Low));
    let legacy = dw502.iter().find(|f| f.target.as_deref() == Some("legacy")).unwrap();
    assert!(legacy.suppressed.is_some());
    let other = dw502.iter().find(|f| f.target.as_deref() == Some("other")).unwrap();
    assert!(other.suppressed.is_none());
}

#[test]
fn selection_limits_the_rules() {
    let mut s = spec("web");
    s.privileged = Some(at(true, "HostConfig.Privileged"));
    let config = Config::parse("select = [\"DW901\"]\n").unwrap();
    assert!(check_containers(&[s], &config, &OPTS).is_empty());
}

#[test]
fn live_container_without_user_runs_as_root() {
    let root = spec("root");
    let mut uid0 = spec("uid0");
    uid0.user = Some(at("0:0".to_string(), "Config.User"));
    let mut app = spec("app");
    app.user = Some(at("10001:10001".to_string(), "Config.User"));
    let found = check_containers(&[root, uid0, app], &Config::default(), &OPTS);
    let targets: Vec<_> = found
        .iter()
        .filter(|f| f.rule.code == "DW501")
        .map(|f| f.target.clone().unwrap())
        .collect();
    assert_eq!(targets, ["root", "uid0"]);
    let f = found.iter().find(|f| f.rule.code == "DW501").unwrap();
    assert!(f.message.contains("`Config.User` is empty"), "{}", f.message);
}

#[test]
fn label_disable_added_by_the_daemon_for_host_pid_is_not_dw1103() {
    use dockward_spec::container::SecurityOpt;
    let mut pid = spec("pid");
    pid.pid = Some(at(NamespaceMode::Host, "HostConfig.PidMode"));
    pid.security_opt.push(at(SecurityOpt::parse("label=disable"), "HostConfig.SecurityOpt[0]"));
    let mut plain = spec("plain");
    plain.security_opt.push(at(SecurityOpt::parse("label=disable"), "HostConfig.SecurityOpt[0]"));
    let found = check_containers(&[pid, plain], &Config::default(), &OPTS);
    let dw1103: Vec<_> = found
        .iter()
        .filter(|f| f.rule.code == "DW1103")
        .map(|f| f.target.clone().unwrap())
        .collect();
    assert_eq!(dw1103, ["plain"]);
    assert!(found.iter().any(|f| f.rule.code == "DW1104" && f.target.as_deref() == Some("pid")));
}

#[test]
fn per_service_ignores_match_the_compose_service_of_a_live_container() {
    let mut s = spec("shop-db-1");
    s.privileged = Some(at(true, "HostConfig.Privileged"));
    s.labels.insert(
        "com.docker.compose.service".into(),
        at("db".to_string(), "Config.Labels.com.docker.compose.service"),
    );
    let config = Config::parse("[per-service-ignores]\n\"db\" = [\"DW502\"]\n").unwrap();
    let found = check_containers(&[s], &config, &OPTS);
    let f = found.iter().find(|f| f.rule.code == "DW502").unwrap();
    let reason = f.suppressed.as_ref().unwrap().reason.clone().unwrap();
    assert!(reason.contains("Compose service `db`"), "{reason}");
}

#[test]
fn ephemeral_port_on_all_interfaces_is_dw902() {
    use dockward_spec::container::{PortMapping, PortRange};
    let mut s = spec("p");
    let mapping = PortMapping {
        host_ip: None,
        published: None,
        target: PortRange::single(53),
        protocol: "udp".into(),
        mode: None,
        app_protocol: None,
        name: None,
        raw: Some("53/udp".into()),
    };
    s.ports.push(at(mapping, "HostConfig.PublishAllPorts"));
    let found = check_containers(&[s], &Config::default(), &OPTS);
    let f = found.iter().find(|f| f.rule.code == "DW902").expect("DW902 for -P");
    assert!(f.message.contains("53"), "{}", f.message);
}

/// The facts of a local daemon whose daemon.json is `json` (dockerd started with `-H fd://`).
fn daemon_with(json: &str) -> dockward_spec::HostFacts {
    use dockward_spec::host_files::{DaemonJson, DaemonProcess, HostFiles};
    let daemon_json = DaemonJson::parse("/etc/docker/daemon.json", json.into());
    let files = HostFiles {
        dockerd: Some(DaemonProcess { pid: 7, args: vec!["-H".into(), "fd://".into()], exe: None }),
        daemon_json: Some(daemon_json),
        ..HostFiles::default()
    };
    dockward_spec::HostFacts { files: Some(files), ..Default::default() }
}

fn codes_for(found: &[dockward_core::Finding], target: &str, code: &str) -> Vec<String> {
    found
        .iter()
        .filter(|f| f.target.as_deref() == Some(target) && f.rule.code == code)
        .map(|f| f.message.clone())
        .collect()
}

#[test]
fn daemon_defaults_satisfy_no_new_privileges_and_ulimits_on_live_containers() {
    use dockward_rules::check_containers_with_host;
    use dockward_spec::container::{SecurityOpt, Ulimit};
    let plain = spec("plain");
    let mut opt_out = spec("opt-out");
    opt_out
        .security_opt
        .push(at(SecurityOpt::parse("no-new-privileges:false"), "HostConfig.SecurityOpt[0]"));
    let mut nofile_only = spec("nofile-only");
    nofile_only
        .ulimits
        .insert("nofile".into(), at(Ulimit { soft: 1024, hard: 2048 }, "HostConfig.Ulimits[0]"));
    let specs = [plain, opt_out, nofile_only];

    // The daemon enables no-new-privileges and bounds both ulimits by default.
    let hardened = daemon_with(
        "{\"no-new-privileges\": true, \"default-ulimits\": {\"nofile\": {\"Name\": \"nofile\", \"Soft\": 1024, \"Hard\": 2048}, \"nproc\": {\"Name\": \"nproc\", \"Soft\": 512, \"Hard\": 512}}}",
    );
    let found = check_containers_with_host(&specs, Some(&hardened), &Config::default(), &OPTS);
    assert!(
        codes_for(&found, "plain", "DW505").is_empty()
            && codes_for(&found, "plain", "DW406").is_empty(),
        "{found:#?}"
    );
    // An explicit opt-out still overrides the daemon default.
    assert_eq!(codes_for(&found, "opt-out", "DW505").len(), 1);

    // Only nofile by default, and an unlimited nproc default does not count.
    let partial = daemon_with(
        "{\"default-ulimits\": {\"nofile\": {\"Name\": \"nofile\", \"Soft\": 1024, \"Hard\": 2048}, \"nproc\": {\"Name\": \"nproc\", \"Soft\": -1, \"Hard\": -1}}}",
    );
    let found = check_containers_with_host(&specs, Some(&partial), &Config::default(), &OPTS);
    let dw406 = codes_for(&found, "plain", "DW406");
    assert_eq!(dw406.len(), 1);
    assert!(dw406[0].starts_with("container `plain` sets no `nproc` ulimit: the daemon's `default-ulimits` do not bound it either"), "{dw406:?}");
    let dw505 = codes_for(&found, "plain", "DW505");
    assert!(
        dw505[0].ends_with(
            "(and the daemon does not enable it by default: no `no-new-privileges` in its options)"
        ),
        "{dw505:?}"
    );

    // Without the daemon's options (remote daemon, --container audits): as before.
    let found = check_containers_with_host(
        &specs,
        Some(&dockward_spec::HostFacts::default()),
        &Config::default(),
        &OPTS,
    );
    assert!(
        codes_for(&found, "plain", "DW505")[0]
            .ends_with("(unless the daemon enables it by default)")
    );
    assert_eq!(codes_for(&found, "nofile-only", "DW406").len(), 1);
    assert_eq!(
        check_containers_with_host(&specs, None, &Config::default(), &OPTS).len(),
        check_containers(&specs, &Config::default(), &OPTS).len()
    );
}

/// A live container as the engine builds it: `runtime` set, image reference `Config.Image`.
fn live(name: &str, image: &str) -> ContainerSpec {
    use dockward_spec::container::{ImageSpecRef, RuntimeState};
    let mut s = spec(name);
    let parsed = dockward_spec::ImageRef::parse(image).ok();
    s.image = Some(at(
        ImageSpecRef { raw: image.into(), parsed, error: None, unresolved: false },
        "Config.Image",
    ));
    s.runtime = Some(RuntimeState {
        id: format!("{name}-id"),
        image_id: Some(
            "sha256:1111111111111111111111111111111111111111111111111111111111111111".into(),
        ),
        state: "running".into(),
        ..Default::default()
    });
    s
}

#[test]
fn secrets_are_never_printed_in_full() {
    let mut s = live("env", "example/app:1.0");
    s.environment.insert(
        "DB_PASSWORD".into(),
        at(Some("correct-horse-battery-staple".into()), "Config.Env.DB_PASSWORD"),
    );
    let found = check_containers(&[s], &Config::parse("select = [\"DW604\"]").unwrap(), &OPTS);
    assert_eq!(found.len(), 1);
    assert!(!found[0].message.contains("correct-horse-battery-staple"), "{}", found[0].message);
    assert!(found[0].message.contains("corr********************aple"), "{}", found[0].message);
}
