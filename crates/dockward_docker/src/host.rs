//! `GET /version`, `GET /info` and `GET /networks` → [`HostFacts`].

use dockward_spec::HostFacts;
use serde_json::Value;

fn str_at(v: &Value, ptr: &str) -> Option<String> {
    v.pointer(ptr)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect()
}

/// A boolean the API gives as `true` or (in `Options` maps) as `"true"`.
pub(crate) fn boolish(v: Option<&Value>) -> Option<bool> {
    match v? {
        Value::Bool(b) => Some(*b),
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "1" => Some(true),
            "false" | "0" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// Builds the facts from the three JSON answers (any of them may be `Value::Null` when the
/// daemon did not give it). `networks` is the `GET /networks` list; a single network object
/// (the `GET /networks/bridge` answer older callers pass) is read as a list of one.
pub fn host_facts_from(version: &Value, info: &Value, networks: &Value) -> HostFacts {
    let mut f = HostFacts {
        engine_version: str_at(version, "/Version").or_else(|| str_at(info, "/ServerVersion")),
        api_version: str_at(version, "/ApiVersion"),
        ..HostFacts::default()
    };
    for c in version.get("Components").and_then(Value::as_array).into_iter().flatten() {
        let ver = str_at(c, "/Version");
        match c.get("Name").and_then(Value::as_str).map(str::to_ascii_lowercase).as_deref() {
            Some("engine") if f.engine_version.is_none() => f.engine_version = ver,
            Some("containerd") => f.containerd_version = ver,
            Some("runc") => f.runc_version = ver,
            Some("docker-init") => f.docker_init_version = ver,
            _ => {}
        }
    }
    f.security_options = strings(info.get("SecurityOptions"));
    for opt in &f.security_options {
        // `name=seccomp,profile=default`; very old daemons give bare `seccomp`/`apparmor`.
        let mut name = None;
        let mut profile = None;
        for kv in opt.split(',') {
            match kv.split_once('=') {
                Some(("name", n)) => name = Some(n.trim().to_ascii_lowercase()),
                Some(("profile", p)) => profile = Some(p.trim().to_string()),
                None => name = name.or(Some(kv.trim().to_ascii_lowercase())),
                _ => {}
            }
        }
        match name.as_deref() {
            Some("seccomp") => {
                f.seccomp_profile = Some(profile.unwrap_or_else(|| "default".into()))
            }
            Some("apparmor") => f.apparmor = true,
            Some("selinux") => f.selinux = true,
            Some("rootless") => f.rootless = true,
            Some("userns") => f.userns = true,
            _ => {}
        }
    }
    f.logging_driver = str_at(info, "/LoggingDriver");
    f.storage_driver = str_at(info, "/Driver");
    f.live_restore = boolish(info.get("LiveRestoreEnabled"));
    f.experimental = boolish(info.get("ExperimentalBuild"));
    f.debug = boolish(info.get("Debug"));
    f.insecure_registry_cidrs = strings(info.pointer("/RegistryConfig/InsecureRegistryCIDRs"));
    if let Some(idx) = info.pointer("/RegistryConfig/IndexConfigs").and_then(Value::as_object) {
        let mut names: Vec<String> = idx
            .iter()
            .filter(|(_, c)| boolish(c.get("Secure")) == Some(false))
            .map(|(k, c)| str_at(c, "/Name").unwrap_or_else(|| k.clone()))
            .collect();
        names.sort();
        f.insecure_registries = names;
    }
    f.swarm_state = str_at(info, "/Swarm/LocalNodeState");
    f.authorization_plugins = strings(info.pointer("/Plugins/Authorization"));
    f.docker_root_dir = str_at(info, "/DockerRootDir");
    f.warnings = strings(info.get("Warnings"));
    f.bridge_icc = crate::networks::bridge_icc(networks);
    f.networks = crate::networks::networks_from(networks);
    f
}
