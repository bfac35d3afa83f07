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

const OPTS: RunOptions = RunOptions { today: "2026-01-01" };

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

fn rt(s: &mut ContainerSpec) -> &mut dockward_spec::container::RuntimeState {
    s.runtime.as_mut().unwrap()
}

/// The rules that only live containers have (DW105, DW1206, the running-sshd part of DW906,
/// DW604 and DW104 on a container's own environment and image): each on bad and good
/// containers, selected alone, pinned by a snapshot.
#[test]
fn runtime_rules_on_bad_and_good_containers() {
    const OLD: &str = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    const NEW: &str = "sha256:2222222222222222222222222222222222222222222222222222222222222222";
    let cases: Vec<(&str, Vec<ContainerSpec>, Vec<ContainerSpec>)> = vec![
        (
            "DW105",
            {
                let mut moved = live("moved", "example/app:1.0");
                rt(&mut moved).image_current_id = Some(NEW.into());
                vec![moved]
            },
            {
                let mut current = live("current", "example/app:1.0");
                rt(&mut current).image_current_id = Some(OLD.into());
                // The tag is gone (or the container was created by ID): not judged.
                let gone = live("tag-gone", "example/app:1.0");
                let compose =
                    ContainerSpec { runtime: None, ..live("compose-service", "example/app:1.0") };
                vec![current, gone, compose]
            },
        ),
        (
            "DW1206",
            {
                let mut sick = live("sick", "example/app:1.0");
                rt(&mut sick).health = Some("unhealthy".into());
                vec![sick]
            },
            {
                let mut ok = live("healthy", "example/app:1.0");
                rt(&mut ok).health = Some("healthy".into());
                let mut starting = live("starting", "example/app:1.0");
                rt(&mut starting).health = Some("starting".into());
                vec![ok, starting, live("no-check", "example/app:1.0")]
            },
        ),
        (
            "DW906",
            {
                let mut sshd = live("sshd", "example/app:1.0");
                rt(&mut sshd).processes =
                    Some(vec!["/bin/sh /entrypoint.sh".into(), "/usr/sbin/sshd -D".into()]);
                let mut gitea = live("gitea", "gitea/gitea:1.22");
                rt(&mut gitea).processes = Some(vec![
                    "sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups".into(),
                    "/app/gitea/gitea web".into(),
                ]);
                vec![sshd, gitea]
            },
            {
                let mut app = live("app", "example/app:1.0");
                rt(&mut app).processes = Some(vec![
                    "/usr/bin/ssh-agent -D".into(),
                    "python3 /app/sshd_report.py".into(),
                ]);
                let unknown = live("stopped", "example/app:1.0");
                vec![app, unknown]
            },
        ),
        (
            "DW604",
            {
                let mut env = live("env", "example/app:1.0");
                env.environment.insert(
                    "DB_PASSWORD".into(),
                    at(Some("hunter2".into()), "Config.Env.DB_PASSWORD"),
                );
                env.environment.insert("PATH".into(), at(Some("/bin".into()), "Config.Env.PATH"));
                rt(&mut env).image_env = Some(vec!["PATH=/bin".into()]);
                // The image is not local any more: every entry is the container's to answer for.
                let mut unknown_image = live("image-gone", "example/app:1.0");
                unknown_image.environment.insert(
                    "GITHUB_TOKEN".into(),
                    at(
                        Some(format!("ghp_{}", "A1b2C3d4".repeat(4) + "E5f6")),
                        "Config.Env.GITHUB_TOKEN",
                    ),
                );
                // The container changes the image's value: its own.
                let mut changed = live("changed", "example/app:1.0");
                changed.environment.insert(
                    "API_KEY".into(),
                    at(Some("s3cr3t-override".into()), "Config.Env.API_KEY"),
                );
                rt(&mut changed).image_env = Some(vec!["API_KEY=s3cr3t-default".into()]);
                vec![env, unknown_image, changed]
            },
            {
                // The image's own secret is the image's finding, not the container's.
                let mut inherited = live("inherited", "example/app:1.0");
                inherited.environment.insert(
                    "DB_PASSWORD".into(),
                    at(Some("hunter2".into()), "Config.Env.DB_PASSWORD"),
                );
                rt(&mut inherited).image_env =
                    Some(vec!["PATH=/bin".into(), "DB_PASSWORD=hunter2".into()]);
                let mut refs = live("refs", "example/app:1.0");
                refs.environment.insert(
                    "POSTGRES_PASSWORD_FILE".into(),
                    at(Some("/run/secrets/db".into()), "Config.Env.POSTGRES_PASSWORD_FILE"),
                );
                refs.environment.insert("DB_PASSWORD".into(), at(None, "Config.Env.DB_PASSWORD"));
                vec![inherited, refs]
            },
        ),
        (
            "DW104",
            {
                let mut old = live("old", "example/app:1.0");
                rt(&mut old).image_created = Some("2025-06-01T08:00:00Z".into());
                vec![old]
            },
            {
                let mut fresh = live("fresh", "example/app:1.0");
                rt(&mut fresh).image_created = Some("2025-12-01T08:00:00Z".into());
                // A reproducible build's fixed date is said once, on the image.
                let mut fixed = live("distroless", "gcr.io/distroless/static-debian12:nonroot");
                rt(&mut fixed).image_created = Some("1970-01-01T00:00:00Z".into());
                vec![fresh, fixed, live("image-gone", "example/app:1.0")]
            },
        ),
    ];
    let show = |fs: &[dockward_core::Finding]| -> String {
        fs.iter()
            .map(|f| {
                format!(
                    "{} {} {} @{}: {}\n  fix: {}\n  equivalents: {}\n",
                    f.rule.code,
                    f.severity,
                    f.target.as_deref().unwrap_or("-"),
                    f.location.file.as_deref().unwrap_or("-"),
                    f.message,
                    f.fix.as_deref().unwrap_or("-"),
                    f.equivalents.join(", ")
                )
            })
            .collect()
    };
    let mut problems = Vec::new();
    let mut snapshot = String::new();
    for (code, bad, good) in &cases {
        let config = Config::parse(&format!("select = [\"{code}\"]")).unwrap();
        let b = check_containers(bad, &config, &OPTS);
        let g = check_containers(good, &config, &OPTS);
        if b.len() != bad.len() || b.iter().any(|f| f.surface != Surface::Container) {
            problems.push(format!(
                "{code}: expected one finding per bad container, got:\n{}",
                show(&b)
            ));
        }
        if !g.is_empty() {
            problems.push(format!("{code}: good containers give findings:\n{}", show(&g)));
        }
        snapshot.push_str(&format!("## {code} bad\n{}## {code} good\n{}\n", show(&b), show(&g)));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    insta::assert_snapshot!("runtime_rules", snapshot);
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
