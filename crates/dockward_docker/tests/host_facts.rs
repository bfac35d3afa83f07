//! `host_facts_from` on JSON recorded from a real daemon (Docker 20.10.24, Debian 12:
//! `/version`, `/info`, `/networks`) and on a hand-edited variant with risky settings.

use dockward_docker::host_facts_from;
use dockward_spec::{HostFacts, NetworkFacts};
use serde_json::Value;

fn fixture(name: &str) -> Value {
    let p = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/");
    serde_json::from_str(&std::fs::read_to_string(format!("{p}{name}")).unwrap()).unwrap()
}

#[test]
fn recorded_daemon() {
    let f = host_facts_from(
        &fixture("host_version.json"),
        &fixture("host_info.json"),
        &fixture("host_networks.json"),
    );
    let want = HostFacts {
        endpoint: String::new(),
        engine_version: Some("20.10.24+dfsg1".into()),
        api_version: Some("1.41".into()),
        containerd_version: Some("1.6.20~ds1".into()),
        runc_version: Some("1.1.5+ds1".into()),
        docker_init_version: Some("0.19.0".into()),
        security_options: vec!["name=seccomp,profile=default".into()],
        seccomp_profile: Some("default".into()),
        apparmor: false,
        selinux: false,
        rootless: false,
        userns: false,
        logging_driver: Some("json-file".into()),
        storage_driver: Some("fuse-overlayfs".into()),
        live_restore: Some(false),
        experimental: Some(false),
        debug: Some(false),
        insecure_registry_cidrs: vec!["127.0.0.0/8".into()],
        insecure_registries: vec![],
        swarm_state: Some("inactive".into()),
        authorization_plugins: vec![],
        docker_root_dir: Some("/var/lib/docker".into()),
        warnings: vec![],
        bridge_icc: Some(true),
        networks: f.networks.clone(),
        ..HostFacts::default()
    };
    assert_eq!(f, want);
    // `GET /networks` lists the three built-in networks, sorted by name, with their options.
    let names: Vec<(&str, &str, &str)> =
        f.networks.iter().map(|n| (n.name.as_str(), n.driver.as_str(), n.scope.as_str())).collect();
    assert_eq!(
        names,
        [("bridge", "bridge", "local"), ("host", "host", "local"), ("none", "null", "local")]
    );
    let bridge = &f.networks[0];
    assert_eq!(bridge.id.len(), 64);
    assert!(!bridge.internal);
    assert_eq!(
        bridge.options.get("com.docker.network.bridge.name").map(String::as_str),
        Some("docker0")
    );
    assert_eq!(bridge.options.len(), 6);
    assert!(f.networks[1].options.is_empty());
}

#[test]
fn networks_from_the_list() {
    let list = serde_json::json!([
        {"Name": "zeta", "Id": "2", "Driver": "overlay", "Scope": "swarm", "Internal": true, "Options": {"encrypted": "", "com.docker.network.driver.overlay.vxlanid_list": "4097"}},
        {"Name": "bridge", "Id": "1", "Driver": "bridge", "Scope": "local", "Options": {"com.docker.network.bridge.enable_icc": "false", "odd": 3}},
        {"Name": "bare"},
        "not a network"
    ]);
    let f = host_facts_from(&Value::Null, &Value::Null, &list);
    assert_eq!(f.bridge_icc, Some(false));
    let zeta = NetworkFacts {
        name: "zeta".into(),
        id: "2".into(),
        driver: "overlay".into(),
        scope: "swarm".into(),
        internal: true,
        options: [
            ("encrypted".to_string(), String::new()),
            ("com.docker.network.driver.overlay.vxlanid_list".to_string(), "4097".to_string()),
        ]
        .into_iter()
        .collect(),
    };
    assert_eq!(
        f.networks.iter().map(|n| n.name.as_str()).collect::<Vec<_>>(),
        ["bare", "bridge", "zeta"]
    );
    assert_eq!(f.networks[2], zeta);
    assert_eq!(f.networks[1].options.get("odd").map(String::as_str), Some("3"));
    assert_eq!(f.networks[0], NetworkFacts { name: "bare".into(), ..NetworkFacts::default() });
    // A bridge without options in the answer: ICC unknown; a daemon without `bridge`: unknown.
    assert_eq!(
        host_facts_from(&Value::Null, &Value::Null, &serde_json::json!([{"Name": "bridge"}]))
            .bridge_icc,
        None
    );
    assert_eq!(
        host_facts_from(
            &Value::Null,
            &Value::Null,
            &serde_json::json!([{"Name": "custom", "Options": {}}])
        )
        .bridge_icc,
        None
    );
    // Options present without the key: the default, on.
    assert_eq!(
        host_facts_from(
            &Value::Null,
            &Value::Null,
            &serde_json::json!([{"Name": "bridge", "Options": {}}])
        )
        .bridge_icc,
        Some(true)
    );
}

#[test]
fn risky_variant() {
    let f = host_facts_from(
        &fixture("host_version.json"),
        &fixture("host_info_risky.json"),
        &fixture("host_networks.json"),
    );
    assert_eq!(f.storage_driver.as_deref(), Some("aufs"));
    assert_eq!(f.debug, Some(true));
    assert_eq!(f.experimental, Some(true));
    assert_eq!(f.seccomp_profile, None);
    assert_eq!(f.insecure_registry_cidrs, ["127.0.0.0/8", "::1/128", "10.0.0.0/8"]);
    assert_eq!(f.insecure_registries, ["registry.internal:5000"]);
    assert_eq!(f.swarm_state.as_deref(), Some("active"));
    assert_eq!(f.warnings.len(), 3);
    assert_eq!(f.bridge_icc, Some(true));
}

#[test]
fn security_options_parsed() {
    let info = serde_json::json!({"SecurityOptions": ["name=apparmor", "name=seccomp,profile=unconfined", "name=selinux", "name=userns", "name=rootless", "name=cgroupns"]});
    // A single network object (the `GET /networks/bridge` answer) is read as a list of one.
    let f = host_facts_from(
        &Value::Null,
        &info,
        &serde_json::json!({"Name": "bridge", "Options": {"com.docker.network.bridge.enable_icc": "false"}}),
    );
    assert!(f.apparmor && f.selinux && f.userns && f.rootless);
    assert_eq!(f.seccomp_profile.as_deref(), Some("unconfined"));
    assert_eq!(f.bridge_icc, Some(false));
    // Old daemons: bare names.
    let f = host_facts_from(
        &Value::Null,
        &serde_json::json!({"SecurityOptions": ["apparmor", "seccomp"]}),
        &Value::Null,
    );
    assert!(f.apparmor);
    assert_eq!(f.seccomp_profile.as_deref(), Some("default"));
    assert_eq!(f.bridge_icc, None);
}
