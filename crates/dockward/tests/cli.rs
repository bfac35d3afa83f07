//! End-to-end behaviour of `dockward scan`, `rules` and `rule`.

mod common;
use common::*;
use std::fs;

#[test]
fn examples_insecure_and_hardened() {
    let root = repo_root();
    let out = run(&["scan", "examples/insecure", "--format", "json"], &root);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let v = json(&out);
    let c = codes(&v, false);
    for expected in ["DW501", "DW103", "DW601", "DW605"] {
        assert!(c.iter().any(|x| x == expected), "insecure example lacks {expected}: {c:?}");
    }
    for clean in ["examples/hardened", "examples/compose-hardened"] {
        let out = run(&["scan", clean, "--format", "json"], &root);
        let v = json(&out);
        assert_eq!(codes(&v, false), Vec::<String>::new(), "{clean} must be clean");
        assert_eq!(out.status.code(), Some(0));
    }
}

#[test]
fn sarif_validates_against_schema() {
    let root = repo_root();
    let out = run(&["scan", "examples", "--format", "sarif"], &root);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let schema: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(
            root.join("crates/dockward_report/tests/fixtures/sarif-schema-2.1.0.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let validator =
        jsonschema::draft4::options().should_validate_formats(true).build(&schema).unwrap();
    let errors: Vec<String> =
        validator.iter_errors(&doc).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "SARIF invalid:\n{}", errors.join("\n"));
    assert!(!doc["runs"][0]["results"].as_array().unwrap().is_empty());
    let rules = doc["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(
        rules
            .iter()
            .all(|r| r["help"]["markdown"].as_str().is_some_and(|m| m.contains("## What it does")))
    );
}

#[test]
fn stdin_and_exit_codes() {
    let out = run_stdin(&["scan", "-", "--format", "json"], "FROM alpine:3.22\n");
    let v = json(&out);
    assert_eq!(v["findings"][0]["file"], "-");
    let out = run_stdin(
        &["scan", "-", "--format", "json", "--select", "DW501"],
        "FROM alpine:3.22\nUSER 10001\n",
    );
    assert_eq!(out.status.code(), Some(0));
    let out = run_stdin(&["scan", "-", "--format", "json"], "FROM alpine:3.22\nBOGUS x\n");
    assert_eq!(out.status.code(), Some(2), "parse errors exit 2");
    let v = json(&out);
    assert_eq!(v["errors"][0]["line"], 2);
    assert!(codes(&v, false).contains(&"DW001".to_string()));
    let out = run_stdin(
        &["scan", "-", "--fail-on", "critical", "--select", "DW501"],
        "FROM alpine:3.22\n",
    );
    assert_eq!(out.status.code(), Some(0), "high finding below critical threshold");
    let out = run(&["scan", "does/not/exist"], &repo_root());
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["scan", "--select", "DW999", "examples"], &repo_root());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown rule"));
}

#[test]
fn one_bad_file_does_not_stop_the_others() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("Dockerfile"), "FROM alpine:3.22\nWRONG\n").unwrap();
    fs::write(dir.path().join("Dockerfile.prod"), "FROM alpine:3.22\n").unwrap();
    let out = run(&["scan", ".", "--format", "json", "--no-config"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let v = json(&out);
    assert_eq!(v["summary"]["files_scanned"], 2);
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["file"] == "Dockerfile.prod" && f["code"] == "DW501")
    );
}

#[test]
fn suppressions_and_config() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::write(
        p.join("Dockerfile"),
        "FROM alpine:3.22\n# dockward: ignore[DW601] test fixture, not a real password\nENV DB_PASSWORD=hunter2\n# hadolint ignore=DL3002\nUSER root\n",
    )
    .unwrap();
    fs::create_dir(p.join("legacy")).unwrap();
    fs::write(p.join("legacy/Dockerfile"), "# dockward: ignore-file[DW1205]\nFROM alpine:3.22\n")
        .unwrap();
    fs::write(
        p.join("dockward.toml"),
        "[per-path-ignores]\n\"legacy/**\" = [\"DW501\"]\n[severity]\nDW601 = \"low\"\n",
    )
    .unwrap();
    let out = run(&["scan", ".", "--format", "json"], p);
    let v = json(&out);
    let f = v["findings"].as_array().unwrap();
    let find =
        |file: &str, code: &str| f.iter().find(|x| x["file"] == file && x["code"] == code).cloned();
    let dw601 = find("Dockerfile", "DW601").expect("suppressed findings stay in JSON");
    assert_eq!(dw601["suppressed"], true);
    assert_eq!(dw601["suppression"]["kind"], "inline");
    assert_eq!(dw601["suppression"]["reason"], "test fixture, not a real password");
    assert_eq!(dw601["severity"], "low");
    assert_eq!(find("Dockerfile", "DW501").unwrap()["suppression"]["kind"], "hadolint");
    assert_eq!(find("legacy/Dockerfile", "DW501").unwrap()["suppression"]["kind"], "config");
    if let Some(h) = find("legacy/Dockerfile", "DW1205") {
        assert_eq!(h["suppression"]["kind"], "file");
    }
    // gitignored files are not scanned; --no-ignore scans them.
    fs::create_dir(p.join("vendor")).unwrap();
    fs::write(p.join("vendor/Dockerfile"), "FROM alpine:3.22\n").unwrap();
    fs::write(p.join(".gitignore"), "vendor/\n").unwrap();
    let v = json(&run(&["scan", ".", "--format", "json"], p));
    assert!(!v["findings"].as_array().unwrap().iter().any(|x| x["file"] == "vendor/Dockerfile"));
    let v = json(&run(&["scan", ".", "--format", "json", "--no-ignore"], p));
    assert!(v["findings"].as_array().unwrap().iter().any(|x| x["file"] == "vendor/Dockerfile"));
}

#[test]
fn rules_and_rule_commands() {
    let out = run(&["rules"], &repo_root());
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("DW501") && text.contains("root-user"));
    let out = run(&["rule", "root-user"], &repo_root());
    assert!(String::from_utf8_lossy(&out.stdout).contains("## Why is this bad?"));
    assert_eq!(run(&["rule", "DW999"], &repo_root()).status.code(), Some(2));
}

#[test]
fn docs_rules_md_is_up_to_date() {
    let root = repo_root();
    let out = run(&["rules", "--format", "markdown"], &root);
    let generated = String::from_utf8(out.stdout).unwrap();
    let path = root.join("docs/rules.md");
    if std::env::var_os("DOCKWARD_UPDATE_DOCS").is_some() {
        fs::write(&path, &generated).unwrap();
    }
    let current = fs::read_to_string(&path).unwrap_or_default();
    assert!(
        current == generated,
        "docs/rules.md is stale: run `DOCKWARD_UPDATE_DOCS=1 cargo test -p dockward --test cli docs_rules_md_is_up_to_date`"
    );
}

#[test]
fn explicit_files_are_typed() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::write(p.join("build.txt"), "# comment\nFROM alpine:3.22\n").unwrap();
    fs::write(
        p.join("docker-compose.yml"),
        "services:\n  web:\n    image: nginx:1.27\n    privileged: true\n",
    )
    .unwrap();
    fs::write(
        p.join("stack.yml"),
        "services:\n  web:\n    image: nginx:1.27\n    privileged: true\n",
    )
    .unwrap();
    fs::write(p.join("other.yml"), "key: value\n").unwrap();
    fs::write(p.join("notes.txt"), "hello\n").unwrap();
    let v = json(&run(&["scan", "build.txt", "--format", "json", "--no-config"], p));
    assert!(v["errors"].as_array().unwrap().is_empty(), "typed by content");
    for f in ["docker-compose.yml", "stack.yml"] {
        let v = json(&run(&["scan", f, "--format", "json", "--no-config", "--select", "DW502"], p));
        assert_eq!(v["findings"][0]["code"], "DW502", "{f} is Compose by name or content");
        assert_eq!(v["findings"][0]["surface"], "compose");
    }
    let out = run(&["scan", "other.yml", "--format", "json", "--no-config"], p);
    assert_eq!(out.status.code(), Some(2));
    assert!(json(&out)["errors"][0]["message"].as_str().unwrap().contains("--kind"));
    let out =
        run(&["scan", "notes.txt", "--kind", "dockerfile", "--format", "json", "--no-config"], p);
    assert!(json(&out)["errors"][0]["message"].as_str().unwrap().contains("unknown instruction"));
}

#[test]
fn compose_projects_override_files_profiles_and_env() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::write(p.join("compose.yaml"), "services:\n  web:\n    image: nginx:1.27\n  dbg:\n    image: busybox:1.37\n    profiles: [debug]\n    privileged: true\n").unwrap();
    fs::write(
        p.join("compose.override.yaml"),
        "services:\n  web:\n    privileged: ${WEB_PRIV:-false}\n",
    )
    .unwrap();
    fs::write(
        p.join("docker-compose.prod.yml"),
        "services:\n  api:\n    image: example/api:1\n    privileged: true\n",
    )
    .unwrap();
    fs::write(p.join("prod.env"), "WEB_PRIV=true\n").unwrap();
    let sel = ["--format", "json", "--no-config", "--select", "DW502"];
    // Directory scan: compose.yaml + override as one project, the variant on its own.
    let v = json(&run(&[&["scan", "."][..], &sel[..]].concat(), p));
    let hits: Vec<(String, String)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (f["file"].as_str().unwrap().to_string(), f["target"].as_str().unwrap().to_string())
        })
        .collect();
    assert_eq!(
        hits,
        vec![
            ("compose.yaml".to_string(), "dbg".to_string()),
            ("docker-compose.prod.yml".to_string(), "api".to_string())
        ],
        "override default false; profile-gated services are checked too: {hits:?}"
    );
    let dbg = &v["findings"][0];
    assert!(dbg["message"].as_str().unwrap().contains("not enabled"), "{}", dbg["message"]);
    // Profiles and env files change the effective project.
    let v = json(&run(
        &[&["scan", ".", "--profile", "debug", "--env-file", "prod.env"][..], &sel[..]].concat(),
        p,
    ));
    let targets: Vec<&str> =
        v["findings"].as_array().unwrap().iter().map(|f| f["target"].as_str().unwrap()).collect();
    assert!(targets.contains(&"dbg") && targets.contains(&"web"), "{targets:?}");
    let web = v["findings"].as_array().unwrap().iter().find(|f| f["target"] == "web").unwrap();
    assert_eq!(web["file"], "compose.override.yaml", "points where the value was written");
    assert!(
        web["message"].as_str().unwrap().contains("WEB_PRIV"),
        "says how it got there: {}",
        web["message"]
    );
    // -f merges explicit files in order.
    let v = json(&run(
        &[&["scan", "-f", "compose.yaml", "-f", "docker-compose.prod.yml"][..], &sel[..]].concat(),
        p,
    ));
    assert_eq!(v["findings"].as_array().unwrap().len(), 2, "api, and dbg (profile-gated)");
    // A YAML error is a located DW001 and exit 2.
    fs::write(p.join("compose.yaml"), "services:\n  web: [unclosed\n").unwrap();
    let out = run(&["scan", ".", "--format", "json", "--no-config"], p);
    assert_eq!(out.status.code(), Some(2));
    assert!(json(&out)["errors"][0]["line"].as_u64().is_some());
}

#[test]
fn compose_example_reports_through_the_dockerfile() {
    let v =
        json(&run(&["scan", "examples/compose", "--format", "json", "--no-config"], &repo_root()));
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "DW501" && f["surface"] == "compose")
        .expect("DW501 via build");
    assert!(
        f["message"].as_str().unwrap().contains("examples/insecure/Dockerfile"),
        "names both places: {}",
        f["message"]
    );
}

#[test]
fn compose_suppressions_in_yaml_comments_and_config() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::write(
        p.join("compose.yaml"),
        "services:\n  agent:\n    image: example/agent:1\n    # dockward: ignore[DW502] needs raw device access for the HSM\n    privileged: true\n  tool:\n    image: example/tool:1\n    privileged: true # dockward: ignore[privileged]\n  legacy:\n    image: example/legacy:1\n    privileged: true\n",
    )
    .unwrap();
    fs::write(p.join("dockward.toml"), "[per-service-ignores]\nlegacy = [\"DW502\"]\n").unwrap();
    let v = json(&run(&["scan", ".", "--format", "json", "--select", "DW502"], p));
    let f = v["findings"].as_array().unwrap();
    assert_eq!(f.len(), 3);
    let kind =
        |t: &str| f.iter().find(|x| x["target"] == t).unwrap()["suppression"]["kind"].clone();
    assert_eq!(kind("agent"), "inline");
    assert_eq!(kind("tool"), "inline");
    assert_eq!(kind("legacy"), "config");
    let agent = f.iter().find(|x| x["target"] == "agent").unwrap();
    assert_eq!(agent["suppression"]["reason"], "needs raw device access for the HSM");
}

#[test]
fn compose_warnings_go_to_stderr() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("compose.yaml"), "services:\n  web:\n    image: nginx:${TAG}\n")
        .unwrap();
    let out = bin()
        .args(["scan", ".", "--format", "json", "--no-config"])
        .env_remove("TAG")
        .current_dir(dir.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("compose.yaml:3") && err.contains("TAG"), "{err}");
    json(&out); // stdout stays valid JSON
    let out = bin()
        .args(["scan", ".", "--format", "json", "--no-config", "-q"])
        .env_remove("TAG")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).trim().is_empty());
}
