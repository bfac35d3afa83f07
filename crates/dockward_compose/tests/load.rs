//! End-to-end loading of the fixtures under `tests/fixtures/`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use dockward_compose::{Category, Level, LoadOptions, Project, load_project};
use dockward_spec::container::{Command, MountType, NamespaceMode, PortRange, SecurityOpt};
use dockward_spec::{Provenance, VariableSource};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(rel)
}

fn load(files: &[&str], opts: LoadOptions) -> Project {
    let files: Vec<PathBuf> = files.iter().map(|f| fixture(f)).collect();
    load_project(&files, &opts)
}

fn load_dir(dir: &str, opts: LoadOptions) -> Project {
    load_project(&[], &LoadOptions { working_dir: Some(fixture(dir)), ..opts })
}

fn env(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

fn diags(p: &Project, cat: Category) -> Vec<String> {
    p.diagnostics.iter().filter(|d| d.category == cat).map(|d| d.to_string()).collect()
}

fn no_errors(p: &Project) {
    let e: Vec<String> = p.errors().map(|d| d.to_string()).collect();
    assert!(e.is_empty(), "unexpected errors: {e:#?}");
}

// ---------------------------------------------------------------- interpolation

#[test]
fn interpolation_with_dotenv_and_process_env() {
    let p = load(
        &["interp/compose.yaml"],
        LoadOptions { env: env(&[("SET_IN_ENV", "yes")]), ..Default::default() },
    );
    let app = &p.service("app").unwrap().spec;
    let image = app.image.as_ref().unwrap();
    assert_eq!(image.value.raw, "docker.io/webapp:1.2.");
    // MINOR is defined after TAG in .env: not visible yet, so TAG = "1.2." and a warning.
    assert!(image.via.contains(&Provenance::Interpolated {
        variable: "REGISTRY".into(),
        source: VariableSource::Default
    }));
    assert!(image.via.iter().any(|v| matches!(v, Provenance::Interpolated { variable, source: VariableSource::DotEnv { file } } if variable == "IMAGE_NAME" && file.ends_with("interp/.env"))));
    assert_eq!(app.user.as_ref().unwrap().value, "1000:1000");
    assert_eq!(
        app.command.as_ref().unwrap().value,
        Command::Shell("echo $HOME from-dotenv".into())
    );
    let e = |k: &str| app.environment.get(k).and_then(|v| v.value.clone());
    assert_eq!(e("ALT").as_deref(), Some("replaced"));
    assert_eq!(e("ALT_UNSET").as_deref(), Some(""));
    assert_eq!(e("DASH").as_deref(), Some(""));
    assert_eq!(e("COLON_DASH").as_deref(), Some("colon-default"));
    assert_eq!(e("MISSING").as_deref(), Some(""));
    assert_eq!(e("${KEY_NOT_INTERPOLATED}").as_deref(), Some("literal"));
    assert!(app.environment["ALT"].via.contains(&Provenance::Interpolated {
        variable: "SET_IN_ENV".into(),
        source: VariableSource::Environment
    }));

    let interp = diags(&p, Category::Interpolation);
    assert!(
        interp.iter().any(|d| d.contains("warning")
            && d.contains("TOTALLY_MISSING")
            && d.contains("compose.yaml:11:")),
        "{interp:#?}"
    );
    assert!(
        interp.iter().any(|d| d.contains("error")
            && d.contains("REQUIRED_HOST")
            && d.contains("set REQUIRED_HOST")
            && d.contains(":15:")),
        "{interp:#?}"
    );
    // `?` without colon accepts an empty value (REQUIRED_Q= in .env).
    assert!(!interp.iter().any(|d| d.contains("REQUIRED_Q")));
    assert!(
        interp.iter().any(|d| d.contains("error")
            && d.contains("invalid interpolation")
            && d.contains(":21:")),
        "{interp:#?}"
    );
    assert!(interp.iter().any(|d| d.contains("MINOR") && d.contains(".env:4:")), "{interp:#?}");
}

#[test]
fn env_file_option_replaces_dotenv_and_process_env_wins() {
    let p = load(
        &["interp/compose.yaml"],
        LoadOptions {
            env: env(&[("REGISTRY", "registry.local"), ("REQUIRED_HOST", "h")]),
            env_files: vec![fixture("interp/other.env")],
            ..Default::default()
        },
    );
    let image = &p.service("app").unwrap().spec.image.as_ref().unwrap().value;
    assert_eq!(image.raw, "registry.local/from-env-file:latest");
    let src = &p.environment.get("IMAGE_NAME").unwrap().1;
    assert!(matches!(src, VariableSource::EnvFile { file } if file.ends_with("other.env")));
    assert!(!diags(&p, Category::Interpolation).iter().any(|d| d.contains("REQUIRED_HOST")));
}

#[test]
fn missing_env_file_option_is_reported() {
    let p = load(
        &["profiles/compose.yaml"],
        LoadOptions { env_files: vec![fixture("nope.env")], ..Default::default() },
    );
    assert!(diags(&p, Category::MissingFile).iter().any(|d| d.contains("nope.env")));
    assert_eq!(p.services.len(), 3);
}

// ---------------------------------------------------------------- merge and overrides

#[test]
fn override_file_is_loaded_automatically() {
    let p = load_dir("merge", LoadOptions::default());
    no_errors(&p);
    assert_eq!(p.config_files.len(), 2);
    assert_eq!(p.name, "mergedemo");
    let web = &p.service("web").unwrap().spec;
    let privileged = web.privileged.as_ref().unwrap();
    assert!(privileged.value);
    assert!(privileged.loc.file.as_deref().unwrap().ends_with("compose.override.yaml"));
    assert_eq!((privileged.loc.line, privileged.loc.column), (3, 5));
    assert!(privileged.via.iter().any(
        |v| matches!(v, Provenance::Override { file } if file.ends_with("compose.override.yaml"))
    ));
    let ports: Vec<String> = web.ports.iter().map(|p| p.value.raw.clone().unwrap()).collect();
    assert_eq!(ports, ["80:80", "127.0.0.1:8080:80"]);
    let caps: Vec<&str> = web.cap_add.iter().map(|c| c.value.as_str()).collect();
    assert_eq!(caps, ["NET_ADMIN", "SYS_TIME"]);
    assert_eq!(web.environment["A"].value.as_deref(), Some("1"));
    assert_eq!(web.environment["B"].value.as_deref(), Some("override"));
    assert_eq!(web.environment["C"].value, None);
    assert_eq!(web.labels["team"].value, "platform");
    assert_eq!(web.mounts.len(), 1);
    assert!(web.mounts[0].value.read_only);
    assert!(web.mounts[0].value.resolved_source.as_deref().unwrap().ends_with("merge/html-dev"));
    // Unchanged values still point at the base file.
    let image = web.image.as_ref().unwrap();
    assert!(image.loc.file.as_deref().unwrap().ends_with("merge/compose.yaml"));
    assert!(image.via.is_empty());
}

#[test]
fn explicit_files_merge_in_order_and_replace_commands() {
    let p = load(&["merge/compose.yaml", "merge/prod.yaml"], LoadOptions::default());
    no_errors(&p);
    let web = &p.service("web").unwrap().spec;
    assert_eq!(web.command.as_ref().unwrap().value, Command::Shell("nginx-prod".into()));
    assert_eq!(web.entrypoint.as_ref().unwrap().value, Command::Exec(vec!["/entry.sh".into()]));
    assert!(web.privileged.is_none(), "no auto-override with explicit files");
    assert!(web.read_only.as_ref().unwrap().value);
}

#[test]
fn compose_file_variable_selects_files() {
    let p = load_dir(
        "merge",
        LoadOptions {
            env: env(&[
                ("COMPOSE_FILE", "compose.yaml:prod.yaml"),
                ("COMPOSE_PROJECT_NAME", "Named"),
            ]),
            ..Default::default()
        },
    );
    assert_eq!(p.config_files.len(), 2);
    assert!(p.config_files[1].ends_with("prod.yaml"));
    assert_eq!(p.name, "named");
}

#[test]
fn missing_compose_file_is_located_error_not_crash() {
    let p = load(&["merge/compose.yaml", "merge/nope.yaml"], LoadOptions::default());
    assert!(diags(&p, Category::MissingFile).iter().any(|d| d.contains("nope.yaml")));
    assert!(p.service("web").is_some());
    let p = load_dir("limits", LoadOptions::default());
    assert!(diags(&p, Category::MissingFile).iter().any(|d| d.contains("no compose file")));
}

// ---------------------------------------------------------------- extends

#[test]
fn extends_same_file_and_other_file() {
    let p = load(&["extends/compose.yaml"], LoadOptions::default());
    no_errors(&p);
    let child = &p.service("child").unwrap().spec;
    assert_eq!(child.user.as_ref().unwrap().value, "root");
    assert!(
        child
            .user
            .as_ref()
            .unwrap()
            .via
            .iter()
            .any(|v| matches!(v, Provenance::Extends { service, .. } if service == "base"))
    );
    let caps: Vec<&str> = child.cap_add.iter().map(|c| c.value.as_str()).collect();
    assert_eq!(caps, ["SYS_ADMIN", "NET_RAW"]);
    // Recursive: chain → child → base.
    let chain = &p.service("chain").unwrap().spec;
    assert_eq!(chain.cap_add.len(), 2);
    assert_eq!(chain.image.as_ref().unwrap().value.raw, "alpine:3.19");

    let remote = &p.service("remote").unwrap().spec;
    assert!(remote.read_only.as_ref().unwrap().value);
    let ro = remote.read_only.as_ref().unwrap();
    assert!(ro.loc.file.as_deref().unwrap().ends_with("base/common.yaml"));
    assert!(ro.via.iter().any(|v| matches!(v, Provenance::Extends { service, file } if service == "hardened" && file.ends_with("common.yaml"))));
    assert_eq!(remote.environment["LEVEL"].value.as_deref(), Some("child"));
    assert_eq!(remote.environment["FROM_BASE"].value.as_deref(), Some("yes"));
    // Relative paths of the extended file resolve against its own directory.
    let build = &remote.build.as_ref().unwrap().value;
    assert!(
        build.context_dir.as_deref().unwrap().ends_with("extends/base/app"),
        "{:?}",
        build.context_dir
    );
    assert!(matches!(remote.security_opt[0].value, SecurityOpt::NoNewPrivileges(true)));
}

#[test]
fn extends_cycle_is_located() {
    let p = load(&["extends/cycle.yaml"], LoadOptions::default());
    let e = diags(&p, Category::Extends);
    assert!(e.iter().any(|d| d.contains("cycle") && d.contains("cycle.yaml:")), "{e:#?}");
    assert!(p.service("ok").is_some());
}

#[test]
fn extends_missing_file_and_service() {
    let p = load(&["extends/missing.yaml"], LoadOptions::default());
    let m = diags(&p, Category::MissingFile);
    assert!(
        m.iter().any(|d| d.contains("missing sibling file")
            && d.contains("does-not-exist.yaml")
            && d.contains("missing.yaml:4:")),
        "{m:#?}"
    );
    let e = diags(&p, Category::Extends);
    assert!(e.iter().any(|d| d.contains("nowhere")), "{e:#?}");
    assert_eq!(p.services.len(), 3);
    assert_eq!(p.service("web").unwrap().spec.image.as_ref().unwrap().value.raw, "nginx");
}

// ---------------------------------------------------------------- include

#[test]
fn include_with_its_own_env_and_missing_file() {
    let p = load(&["include/compose.yaml"], LoadOptions::default());
    let db = &p.service("db").unwrap().spec;
    let image = db.image.as_ref().unwrap();
    assert_eq!(image.value.raw, "postgres:16");
    assert!(image.via.iter().any(
        |v| matches!(v, Provenance::Included { file } if file.ends_with("include/compose.yaml"))
    ));
    assert!(image.loc.file.as_deref().unwrap().ends_with("sub/compose.yaml"));
    assert!(db.mounts[0].value.resolved_source.as_deref().unwrap().ends_with("include/sub/data"));
    let m = diags(&p, Category::MissingFile);
    assert!(
        m.iter().any(|d| d.contains("missing/compose.yaml") && d.contains("compose.yaml:3:")),
        "{m:#?}"
    );
    assert!(p.service("main").is_some());
}

#[test]
fn include_cycle_is_located() {
    let p = load(&["include/cycle/a.yaml"], LoadOptions::default());
    let e = diags(&p, Category::Include);
    assert!(e.iter().any(|d| d.contains("include cycle")), "{e:#?}");
    assert!(p.service("a").is_some() && p.service("b").is_some());
}

// ---------------------------------------------------------------- profiles

#[test]
fn profiles_enable_services() {
    let p = load(&["profiles/compose.yaml"], LoadOptions::default());
    let active: Vec<&str> = p.active_services().map(|s| s.name.as_str()).collect();
    assert_eq!(active, ["always"]);
    let p = load(
        &["profiles/compose.yaml"],
        LoadOptions { profiles: vec!["debug".into()], ..Default::default() },
    );
    let active: Vec<&str> = p.active_services().map(|s| s.name.as_str()).collect();
    assert_eq!(active, ["always", "debug"]);
    let p = load(
        &["profiles/compose.yaml"],
        LoadOptions { env: env(&[("COMPOSE_PROFILES", "ops,debug")]), ..Default::default() },
    );
    assert_eq!(p.active_services().count(), 3);
    let p = load(
        &["profiles/compose.yaml"],
        LoadOptions { profiles: vec!["*".into()], ..Default::default() },
    );
    assert_eq!(p.active_services().count(), 3);
}

// ---------------------------------------------------------------- YAML features

#[test]
fn anchors_merge_keys_reset_override() {
    let p = load(&["anchors/compose.yaml"], LoadOptions::default());
    no_errors(&p);
    let api = &p.service("api").unwrap().spec;
    let restart = api.restart.as_ref().unwrap();
    assert_eq!(restart.value.condition, "unless-stopped");
    assert_eq!(restart.loc.line, 2, "points at the anchor's key");
    assert!(restart.via.iter().any(|v| matches!(v, Provenance::Alias { at } if at.line == 11)));
    assert_eq!(api.environment["TZ"].value.as_deref(), Some("UTC"));
    assert_eq!(p.service("worker").unwrap().spec.restart.as_ref().unwrap().value.condition, "no");

    let p = load_dir("anchors", LoadOptions::default());
    no_errors(&p);
    let api = &p.service("api").unwrap().spec;
    assert!(api.logging.is_none(), "!reset removes logging");
    let keys: Vec<&String> = api.environment.keys().collect();
    assert_eq!(keys, ["ONLY"], "!override replaces environment");
    assert!(p.service("worker").unwrap().spec.ports.is_empty());
}

#[test]
fn billion_laughs_refused() {
    // Refused by the alias-expansion limit, not by running out of memory (how fast is a
    // benchmark's question, never a test's).
    let p = load(&["limits/billion-laughs.yaml"], LoadOptions::default());
    let l = diags(&p, Category::Limit);
    assert_eq!(l.len(), 1, "{l:#?}");
    assert!(l[0].contains("billion-laughs.yaml:") && l[0].contains("alias"), "{}", l[0]);
    assert!(p.services.is_empty());
}

// ---------------------------------------------------------------- short and long syntax

#[test]
fn ports_short_and_long() {
    let p = load(&["syntax/compose.yaml"], LoadOptions::default());
    let s = &p.service("ports").unwrap().spec;
    let ports: Vec<_> = s.ports.iter().map(|p| &p.value).collect();
    assert_eq!(ports.len(), 7);
    assert_eq!((ports[0].published, ports[0].target), (None, PortRange::single(3000)));
    assert_eq!(
        (ports[1].host_ip.as_deref(), ports[1].published),
        (None, Some(PortRange::single(8080)))
    );
    assert_eq!(ports[2].host_ip.as_deref(), Some("127.0.0.1"));
    assert_eq!(ports[3].host_ip.as_deref(), Some("::1"));
    assert_eq!(ports[4].published, Some(PortRange { start: 9090, end: 9091 }));
    assert_eq!(ports[5].protocol, "udp");
    assert_eq!(ports[6].host_ip.as_deref(), Some("10.0.0.1"));
    assert_eq!(ports[6].published, Some(PortRange::single(5001)));
    assert_eq!(ports[6].mode.as_deref(), Some("host"));
    assert_eq!(s.ports[1].loc.line, 6);
    let v = diags(&p, Category::Value);
    assert!(v.iter().any(|d| d.contains("not:a:port:at:all") && d.contains(":16:")), "{v:#?}");
    let expose: Vec<&str> = s.expose.iter().map(|e| e.value.as_str()).collect();
    assert_eq!(expose, ["9000", "9001"]);
}

#[test]
fn volumes_short_and_long() {
    let p = load(&["syntax/compose.yaml"], LoadOptions::default());
    let s = &p.service("volumes").unwrap().spec;
    let m: Vec<_> = s.mounts.iter().map(|m| &m.value).collect();
    assert_eq!(m.len(), 8);
    assert_eq!(
        (m[0].kind, m[0].source.as_deref(), m[0].target.as_str()),
        (MountType::Bind, Some("/var/run/docker.sock"), "/var/run/docker.sock")
    );
    assert_eq!(m[1].kind, MountType::Bind);
    assert!(m[1].read_only);
    assert_eq!(m[1].selinux.as_deref(), Some("z"));
    assert!(m[1].resolved_source.as_deref().unwrap().ends_with("syntax/conf"));
    assert_eq!((m[2].kind, m[2].source.as_deref()), (MountType::Volume, Some("data")));
    assert_eq!(
        (m[3].kind, m[3].source.as_deref(), m[3].target.as_str()),
        (MountType::Volume, None, "/anonymous")
    );
    assert_eq!((m[4].kind, m[4].source.as_deref()), (MountType::Bind, Some("/run")));
    assert_eq!(m[4].propagation.as_deref(), Some("rshared"));
    assert!(s.mounts[4].is_interpolated());
    assert_eq!(
        (m[5].kind, m[5].read_only, m[5].propagation.as_deref()),
        (MountType::Bind, true, Some("rslave"))
    );
    assert!(m[6].nocopy);
    assert_eq!((m[7].kind, m[7].tmpfs_size.as_deref()), (MountType::Tmpfs, Some("64m")));
    assert_eq!(s.tmpfs[0].value.target, "/run");
    assert_eq!(s.tmpfs[0].value.options, ["noexec", "nosuid", "size=16m"]);
    assert!(p.volumes["cache"].value.external);
}

// ---------------------------------------------------------------- normalisation

#[test]
fn security_relevant_fields() {
    let p = load(&["normalize/compose.yaml"], LoadOptions::default());
    // `log_driver` (file format v2) is normalised but is not in the Compose Specification.
    let errors: Vec<String> = p.errors().map(|d| d.to_string()).collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].contains("unknown key `log_driver`") && errors[0].contains("compose.yaml:60:5")
    );
    let h = &p.service("hardened").unwrap().spec;
    assert!(h.image.as_ref().unwrap().value.parsed.as_ref().unwrap().digest.is_some());
    assert_eq!(h.user.as_ref().unwrap().value, "1000:1000");
    assert!(h.read_only.as_ref().unwrap().value);
    assert!(!h.privileged.as_ref().unwrap().value);
    let opts: Vec<&SecurityOpt> = h.security_opt.iter().map(|s| &s.value).collect();
    assert_eq!(
        opts,
        [
            &SecurityOpt::NoNewPrivileges(true),
            &SecurityOpt::Seccomp("unconfined".into()),
            &SecurityOpt::Apparmor("docker-default".into()),
            &SecurityOpt::Label("disable".into())
        ]
    );
    let net = &h.networks[0].value;
    assert_eq!(net.name, "backend");
    assert!(net.definition.as_ref().unwrap().internal);
    assert_eq!(h.restart.as_ref().unwrap().value.max_attempts, Some(3));
    assert_eq!(h.deploy_restart.as_ref().unwrap().value.max_attempts, Some(10));
    let mem = h.resources.memory.as_ref().unwrap();
    assert_eq!(mem.value, 512 << 20);
    assert_eq!(mem.loc.path, "services.hardened.deploy.resources.limits.memory");
    assert_eq!(h.resources.cpus.as_ref().unwrap().value, 0.5);
    assert_eq!(h.resources.pids.as_ref().unwrap().value, 100);
    assert_eq!((h.ulimits["nofile"].value.soft, h.ulimits["nofile"].value.hard), (1024, 2048));
    assert_eq!(h.ulimits["nproc"].value.hard, 512);
    let log = &h.logging.as_ref().unwrap().value;
    assert_eq!(
        (log.driver.as_deref(), log.options["max-size"].as_str()),
        (Some("json-file"), "10m")
    );
    let hc = &h.healthcheck.as_ref().unwrap().value;
    assert_eq!(hc.test.as_ref().unwrap()[0], "CMD-SHELL");
    assert!(!hc.disabled);
    assert_eq!(h.sysctls["net.core.somaxconn"].value, "1024");

    let l = &p.service("legacy").unwrap().spec;
    let build = &l.build.as_ref().unwrap().value;
    assert!(build.dockerfile_path.as_deref().unwrap().ends_with("normalize/app/Dockerfile.prod"));
    assert_eq!(build.target.as_ref().unwrap().value, "runtime");
    assert_eq!(build.args["VERSION"].value.as_deref(), Some("1"));
    assert_eq!(build.args["FROM_ENV"].value, None);
    assert!(l.network_mode.as_ref().unwrap().value.is_host());
    assert!(l.pid.as_ref().unwrap().value.is_host());
    assert_eq!(l.ipc.as_ref().unwrap().value, NamespaceMode::Service("hardened".into()));
    assert!(l.uts.as_ref().unwrap().value.is_host());
    assert!(l.userns_mode.as_ref().unwrap().value.is_host());
    assert_eq!(l.cgroup_parent.as_ref().unwrap().value, "/custom");
    assert_eq!(l.resources.memory.as_ref().unwrap().value, 1 << 30);
    assert_eq!(l.resources.memory.as_ref().unwrap().loc.path, "services.legacy.mem_limit");
    assert_eq!(l.resources.memswap.as_ref().unwrap().value, -1);
    assert_eq!(l.resources.cpus.as_ref().unwrap().value, 1.5);
    assert_eq!(l.resources.cpu_shares.as_ref().unwrap().value, 512);
    assert_eq!(l.resources.pids.as_ref().unwrap().value, -1);
    assert_eq!(l.logging.as_ref().unwrap().value.driver.as_deref(), Some("none"));
    assert_eq!(l.devices[0].value.host, "/dev/kvm");
    assert_eq!(l.device_cgroup_rules[0].value, "c 1:3 mr");
    assert!(l.healthcheck.as_ref().unwrap().value.disabled);
    assert_eq!(l.links[0].value, "hardened");
    assert_eq!(l.external_links[0].value, "other_db");
    assert_eq!(l.secrets[0].value.source, "token");
    assert_eq!(l.configs[0].value.target.as_deref(), Some("/etc/conf"));
    assert_eq!(l.labels["com.example.team"].value, "core");
    assert_eq!(l.command.as_ref().unwrap().value, Command::Shell("sshd -D".into()));
    assert_eq!(p.secrets["token"].value.environment.as_deref(), Some("TOKEN"));
    assert!(p.configs["conf"].value.file.as_deref().unwrap().ends_with("normalize/conf.txt"));
    // Every field points at its key.
    let priv_loc = &h.privileged.as_ref().unwrap().loc;
    assert_eq!(
        (priv_loc.line, priv_loc.column, priv_loc.path.as_str()),
        (6, 5, "services.hardened.privileged")
    );
    let core = dockward_compose::location(priv_loc);
    assert_eq!((core.start.line, core.end.column), (6, 15));
    let text = std::fs::read_to_string(fixture("normalize/compose.yaml")).unwrap();
    assert_eq!(&text[core.bytes.unwrap()], "privileged");
}

#[test]
fn env_file_contents_are_read_and_located() {
    let p = load(&["envfile/compose.yaml"], LoadOptions::default());
    let app = &p.service("app").unwrap().spec;
    let pw = &app.environment["DB_PASSWORD"];
    assert_eq!(pw.value.as_deref(), Some("hunter2"));
    assert!(pw.loc.file.as_deref().unwrap().ends_with("envfile/app.env"));
    assert_eq!(pw.loc.line, 2);
    assert!(matches!(&pw.via[0], Provenance::EnvFile { file } if file.ends_with("app.env")));
    assert_eq!(app.environment["OVERRIDE"].value.as_deref(), Some("from-compose"));
    assert_eq!(app.environment["GREETING"].value.as_deref(), Some("hello world"));
    let m = diags(&p, Category::MissingFile);
    assert_eq!(m.len(), 1, "optional env file is not an error: {m:#?}");
    assert!(m[0].contains("missing.env") && m[0].contains("compose.yaml:12:"), "{}", m[0]);
}

// ---------------------------------------------------------------- schema

#[test]
fn schema_errors_are_located_at_keys() {
    let p = load(&["schema/compose.yaml"], LoadOptions::default());
    let s: Vec<_> = p.diagnostics.iter().filter(|d| d.category == Category::Schema).collect();
    assert!(s.iter().all(|d| d.level == Level::Error));
    let unknown = s.iter().find(|d| d.message.contains("privilegd")).expect("unknown key reported");
    assert_eq!((unknown.line, unknown.column), (4, 5));
    assert_eq!(unknown.pointer.as_deref(), Some("/services/web/privilegd"));
    // The schema accepts a string target (for interpolation); normalisation refuses it, located.
    let target = p
        .diagnostics
        .iter()
        .find(|d| d.category == Category::Value && d.message.contains("target"))
        .expect("port target");
    assert_eq!((target.line, target.column), (6, 9));
    let ro = s
        .iter()
        .find(|d| d.pointer.as_deref() == Some("/services/db/read_only"))
        .expect("read_only type");
    assert_eq!((ro.line, ro.column), (9, 5));
    let input = unknown.to_input_error();
    assert_eq!((input.line, input.column), (Some(4), Some(5)));
}

#[test]
fn suppression_comments_are_collected() {
    let dir = std::env::temp_dir().join(format!("dockward-compose-supp-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("compose.yaml");
    std::fs::write(&f, "services:\n  # dockward: ignore[DW502] lab machine\n  web:\n    image: nginx\n    privileged: true # dockward: ignore[DW502]\n").unwrap();
    let p = load_project(std::slice::from_ref(&f), &LoadOptions::default());
    let display = p.files[0].display.clone();
    let s = p.suppressions(&display);
    assert_eq!(s.len(), 2);
    assert_eq!((s[0].applies_to_line, s[1].applies_to_line), (3, 5));
    assert_eq!(s[0].directive.reason.as_deref(), Some("lab machine"));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn long_extends_chains() {
    let dir = std::env::temp_dir().join(format!("dockward-compose-chain-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // Written base first: each link is resolved once; chains are cut at a bounded length.
    let mut t = String::from("services:\n  s0:\n    image: x\n");
    for i in 1..3000 {
        t.push_str(&format!("  s{i}:\n    extends: s{}\n", i - 1));
    }
    let f = dir.join("forward.yaml");
    std::fs::write(&f, t).unwrap();
    let p = load_project(std::slice::from_ref(&f), &LoadOptions::default());
    assert_eq!(p.services.len(), 3000);
    assert!(p.service("s64").unwrap().spec.image.is_some());
    assert!(diags(&p, Category::Extends).iter().any(|d| d.contains("longer than")));
    // Written last link first: the recursion is cut at a bounded depth, with an error.
    let mut t = String::from("services:\n");
    for i in (1..3000).rev() {
        t.push_str(&format!("  s{i}:\n    extends: s{}\n", i - 1));
    }
    t.push_str("  s0:\n    image: x\n");
    let f = dir.join("reverse.yaml");
    std::fs::write(&f, t).unwrap();
    let p = load_project(std::slice::from_ref(&f), &LoadOptions::default());
    assert!(diags(&p, Category::Extends).iter().any(|d| d.contains("longer than")));
    assert_eq!(p.services.len(), 3000);
    let _ = std::fs::remove_dir_all(dir);
}
