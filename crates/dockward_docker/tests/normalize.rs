//! Normalisation of recorded `GET /containers/{id}/json` responses (Engine 20.10, API 1.41)
//! into `ContainerSpec`. The fixtures were recorded from real containers:
//! - `bad.json`: `docker create --privileged -v /var/run/docker.sock:/var/run/docker.sock
//!   --pid host --cap-add SYS_ADMIN --security-opt seccomp=unconfined -e DB_PASSWORD=hunter2
//!   --log-driver none -p 8080:80 --tmpfs /run:rw,exec --device /dev/null:/dev/xnull`
//!   (never started: state `created`);
//! - `hardened.json`: `docker run --user 10001:10001 --read-only --cap-drop ALL --security-opt
//!   no-new-privileges:true --memory 64m --cpus 0.5 --pids-limit 64 --ulimit nofile=1024:2048
//!   --restart on-failure:3 --log-opt max-size=10m --log-opt max-file=3 --health-cmd ...
//!   -p 127.0.0.1:18080:80 --network fx-net` with Compose labels;
//! - `hostnet.json`: `docker run --network host`.

use bollard::models::ContainerInspectResponse;
use dockward_docker::{LiveContainer, normalize};
use dockward_spec::container::{MountType, NamespaceMode, SecurityOpt};

fn load(name: &str) -> LiveContainer {
    let path = format!("{}/tests/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let c: ContainerInspectResponse = serde_json::from_str(&text).unwrap();
    normalize(&c)
}

#[test]
fn bad_container() {
    let c = load("bad");
    let s = &c.spec;
    assert_eq!(s.name, "fx-bad");
    assert!(c.id.starts_with("99d0ce9632d9"));
    assert_eq!(c.state, "created");
    assert_eq!(c.health, None);
    assert_eq!(c.compose_project, None);
    let img = s.image.as_ref().unwrap();
    assert_eq!(img.value.raw, "dockward-test/busybox:1.0");
    assert_eq!(img.value.parsed.as_ref().unwrap().tag.as_deref(), Some("1.0"));
    assert_eq!(img.loc.path, "Config.Image");
    assert_eq!(img.loc.file, None);
    assert_eq!(img.loc.line, 0);
    assert_eq!(s.user, None, "Config.User is empty");
    let p = s.privileged.as_ref().unwrap();
    assert!(p.value);
    assert_eq!(p.loc.path, "HostConfig.Privileged");
    assert_eq!(
        s.cap_add.iter().map(|c| c.value.as_str()).collect::<Vec<_>>(),
        ["CAP_SYS_ADMIN"],
        "the daemon records the canonical `CAP_` name"
    );
    assert_eq!(s.cap_add[0].loc.path, "HostConfig.CapAdd[0]");
    assert!(s.cap_drop.is_empty());
    assert!(s.security_opt.iter().any(|o| o.value == SecurityOpt::Seccomp("unconfined".into())));
    assert_eq!(s.pid.as_ref().unwrap().value, NamespaceMode::Host);
    assert_eq!(s.pid.as_ref().unwrap().loc.path, "HostConfig.PidMode");
    assert_eq!(
        s.network_mode.as_ref().unwrap().value,
        NamespaceMode::Bridge,
        "`default` is the default bridge"
    );
    assert_eq!(s.ipc.as_ref().unwrap().value, NamespaceMode::Private);
    assert_eq!(s.uts, None);
    assert_eq!(s.userns_mode, None);
    assert_eq!(s.read_only, None, "ReadonlyRootfs false is unset");
    // Mounts
    assert_eq!(s.mounts.len(), 1);
    let m = &s.mounts[0].value;
    assert_eq!(m.kind, MountType::Bind);
    assert_eq!(m.source.as_deref(), Some("/var/run/docker.sock"));
    assert_eq!(m.target, "/var/run/docker.sock");
    assert!(!m.read_only);
    assert_eq!(m.propagation.as_deref(), Some("rprivate"));
    assert_eq!(s.mounts[0].loc.path, "Mounts[0]");
    // tmpfs and devices
    assert_eq!(s.tmpfs.len(), 1);
    assert_eq!(s.tmpfs[0].value.target, "/run");
    assert_eq!(s.tmpfs[0].value.options, ["rw", "exec"]);
    assert_eq!(s.devices.len(), 1);
    assert_eq!(s.devices[0].value.host, "/dev/null");
    assert_eq!(s.devices[0].value.container.as_deref(), Some("/dev/xnull"));
    assert_eq!(s.devices[0].value.permissions.as_deref(), Some("rwm"));
    // Ports: no HostIp = all interfaces.
    assert_eq!(s.ports.len(), 1);
    let port = &s.ports[0];
    assert_eq!(port.value.host_ip, None);
    assert_eq!(port.value.published.unwrap().start, 8080);
    assert_eq!(port.value.target.start, 80);
    assert_eq!(port.value.protocol, "tcp");
    assert_eq!(port.loc.path, "HostConfig.PortBindings.80/tcp[0]");
    // No limits: unset, as for a Compose service without the keys.
    assert_eq!(s.resources.memory, None);
    assert_eq!(s.resources.cpus, None);
    assert_eq!(s.resources.pids, None);
    assert!(s.ulimits.is_empty());
    let r = s.restart.as_ref().unwrap();
    assert_eq!(r.value.condition, "no");
    assert_eq!(r.value.max_attempts, None);
    let log = s.logging.as_ref().unwrap();
    assert_eq!(log.value.driver.as_deref(), Some("none"));
    assert_eq!(log.loc.path, "HostConfig.LogConfig");
    assert_eq!(s.healthcheck, None);
    let pw = &s.environment["DB_PASSWORD"];
    assert_eq!(pw.value.as_deref(), Some("hunter2"));
    assert_eq!(pw.loc.path, "Config.Env.DB_PASSWORD");
    assert!(s.environment.contains_key("PATH") || s.environment.len() == 1);
    assert_eq!(s.networks.iter().map(|n| n.value.name.as_str()).collect::<Vec<_>>(), ["bridge"]);
}

#[test]
fn hardened_container() {
    let c = load("hardened");
    let s = &c.spec;
    assert_eq!(s.name, "fx-hardened");
    assert_eq!(c.state, "running");
    assert_eq!(c.health.as_deref(), Some("starting"));
    assert_eq!(c.compose_project.as_deref(), Some("shop"));
    assert_eq!(c.compose_service.as_deref(), Some("api"));
    assert_eq!(s.labels["com.docker.compose.project"].value, "shop");
    assert_eq!(s.user.as_ref().unwrap().value, "10001:10001");
    assert_eq!(s.user.as_ref().unwrap().loc.path, "Config.User");
    assert_eq!(s.privileged, None, "Privileged false is unset");
    assert!(s.read_only.as_ref().unwrap().value);
    assert_eq!(s.cap_drop.iter().map(|c| c.value.as_str()).collect::<Vec<_>>(), ["ALL"]);
    assert!(s.cap_add.is_empty());
    assert_eq!(
        s.security_opt.iter().map(|o| o.value.clone()).collect::<Vec<_>>(),
        [SecurityOpt::NoNewPrivileges(true)]
    );
    assert_eq!(s.network_mode.as_ref().unwrap().value, NamespaceMode::Other("fx-net".into()));
    assert_eq!(s.pid, None);
    assert_eq!(s.resources.memory.as_ref().unwrap().value, 64 * 1024 * 1024);
    assert_eq!(s.resources.memory.as_ref().unwrap().loc.path, "HostConfig.Memory");
    assert_eq!(s.resources.cpus.as_ref().unwrap().value, 0.5);
    assert_eq!(s.resources.cpus.as_ref().unwrap().loc.path, "HostConfig.NanoCpus");
    assert_eq!(s.resources.pids.as_ref().unwrap().value, 64);
    let nofile = &s.ulimits["nofile"];
    assert_eq!((nofile.value.soft, nofile.value.hard), (1024, 2048));
    let r = &s.restart.as_ref().unwrap().value;
    assert_eq!(r.condition, "on-failure");
    assert_eq!(r.max_attempts, Some(3));
    let log = &s.logging.as_ref().unwrap().value;
    assert_eq!(log.driver.as_deref(), Some("json-file"));
    assert_eq!(log.options.get("max-size").map(String::as_str), Some("10m"));
    assert_eq!(log.options.get("max-file").map(String::as_str), Some("3"));
    let h = &s.healthcheck.as_ref().unwrap().value;
    assert_eq!(
        h.test.as_deref(),
        Some(&["CMD-SHELL".to_string(), "/bin/busybox true".to_string()][..])
    );
    assert!(!h.disabled);
    assert_eq!(s.ports.len(), 1);
    assert_eq!(s.ports[0].value.host_ip.as_deref(), Some("127.0.0.1"));
    assert_eq!(s.ports[0].value.published.unwrap().start, 18080);
    assert!(s.mounts.is_empty());
    assert_eq!(s.networks.iter().map(|n| n.value.name.as_str()).collect::<Vec<_>>(), ["fx-net"]);
}

#[test]
fn host_network_container() {
    let c = load("hostnet");
    assert_eq!(c.spec.name, "fx-hostnet");
    let n = c.spec.network_mode.as_ref().unwrap();
    assert!(n.value.is_host());
    assert_eq!(n.loc.path, "HostConfig.NetworkMode");
    assert!(c.spec.ports.is_empty());
}

#[test]
fn disabled_healthcheck_and_minimal_response() {
    // A hand-written, minimal response: missing sections must not panic.
    let c: ContainerInspectResponse = serde_json::from_str(
        r#"{"Id":"abcdef0123456789","Config":{"Healthcheck":{"Test":["NONE"]},"Env":["NOVALUE"]}}"#,
    )
    .unwrap();
    let l = normalize(&c);
    assert_eq!(l.spec.name, "abcdef012345", "no name: short ID");
    assert!(l.spec.healthcheck.as_ref().unwrap().value.disabled);
    assert_eq!(l.spec.environment["NOVALUE"].value, None);
    assert_eq!(l.spec.privileged, None);
}

#[test]
fn publish_all_ports_publishes_every_exposed_port() {
    let c: ContainerInspectResponse = serde_json::from_str(
        r#"{"Id":"0123456789abcdef","Name":"/pa","Config":{"ExposedPorts":{"80/tcp":{},"53/udp":{}}},
            "HostConfig":{"PublishAllPorts":true,"PortBindings":{"80/tcp":[{"HostIp":"127.0.0.1","HostPort":"8080"}]}}}"#,
    )
    .unwrap();
    let s = normalize(&c).spec;
    assert_eq!(s.ports.len(), 2);
    let explicit = s.ports.iter().find(|p| p.value.target.start == 80).unwrap();
    assert_eq!(explicit.value.host_ip.as_deref(), Some("127.0.0.1"));
    let all = s.ports.iter().find(|p| p.value.target.start == 53).unwrap();
    assert_eq!(all.value.host_ip, None);
    assert_eq!(all.value.published, None);
    assert_eq!(all.value.protocol, "udp");
    assert_eq!(all.loc.path, "HostConfig.PublishAllPorts");
    assert_eq!(s.expose.len(), 2);
}
