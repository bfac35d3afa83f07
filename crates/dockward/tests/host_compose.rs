//! `dockward host` on containers created by Compose: findings name the service and point at
//! the compose file's line.
//!
//! Builds a tiny image locally (static busybox `FROM scratch`, no registry), brings up a
//! two-service project with `docker-compose` (v1) or `docker compose` (v2), audits it with
//! `--label com.docker.compose.project=NAME`, then edits and removes the compose file and
//! audits again. A `Drop` guard removes the project's containers, networks and the image.
//!
//! Without a daemon (or a Compose CLI, or a static busybox) the test is skipped with a printed
//! reason, unless `DOCKWARD_REQUIRE_DOCKER=1`, where it fails.

mod common;

use common::docker::{require_docker, static_busybox};

use std::path::Path;
use std::process::{Command, Output};

fn run(program: &str, args: &[&str], cwd: &Path) -> Output {
    Command::new(program)
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap_or_else(|e| panic!("cannot run `{program} {}`: {e}", args.join(" ")))
}

fn docker(args: &[&str]) -> Output {
    run("docker", args, Path::new("/"))
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).trim().to_string()
}

/// Why the test cannot run here, if it cannot.
fn missing_tool() -> Option<String> {
    match docker(&["version", "--format", "{{.Server.APIVersion}}"]) {
        o if !o.status.success() => {
            return Some(format!(
                "the Docker daemon does not answer: {}",
                String::from_utf8_lossy(&o.stderr).trim()
            ));
        }
        _ => {}
    }
    if static_busybox().is_none() {
        return Some("no statically linked busybox at /bin/busybox or /usr/bin/busybox (apt-get install busybox-static)".into());
    }
    if compose_cli().is_none() {
        return Some(
            "neither `docker-compose` nor `docker compose` runs (apt-get install docker-compose)"
                .into(),
        );
    }
    None
}

/// `docker-compose` (v1) or `docker compose` (v2).
fn compose_cli() -> Option<(&'static str, Vec<&'static str>)> {
    let works =
        |p: &str, a: &[&str]| Command::new(p).args(a).output().is_ok_and(|o| o.status.success());
    if works("docker-compose", &["version"]) {
        Some(("docker-compose", vec![]))
    } else if works("docker", &["compose", "version"]) {
        Some(("docker", vec!["compose"]))
    } else {
        None
    }
}

/// Removes the project (by its label, also when its file is gone) and the image.
struct Cleanup {
    project: String,
    image: String,
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        let label = format!("label=com.docker.compose.project={}", self.project);
        let ids = stdout(&docker(&["ps", "-aq", "--filter", &label]));
        if !ids.is_empty() {
            let mut args = vec!["rm", "-f", "-v"];
            args.extend(ids.split_whitespace());
            let _ = docker(&args);
        }
        let nets = stdout(&docker(&["network", "ls", "-q", "--filter", &label]));
        if !nets.is_empty() {
            let mut args = vec!["network", "rm"];
            args.extend(nets.split_whitespace());
            let _ = docker(&args);
        }
        let _ = docker(&["rmi", "-f", &self.image]);
    }
}

fn audit(project: &str, cwd: &Path, extra: &[&str]) -> (Output, serde_json::Value) {
    let label = format!("com.docker.compose.project={project}");
    let mut args = vec!["host", "--no-config", "--format", "json", "--label", &label];
    args.extend_from_slice(extra);
    let out = common::bin().args(&args).current_dir(cwd).output().expect("run dockward");
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "dockward {args:?} exited {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    let v = common::json(&out);
    (out, v)
}

fn finding<'v>(v: &'v serde_json::Value, code: &str, target: &str) -> &'v serde_json::Value {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == code && f["target"] == target)
        .unwrap_or_else(|| panic!("no {code} for {target}: {v:#}"))
}

fn line_of(text: &str, needle: &str) -> u64 {
    text.lines().position(|l| l.contains(needle)).map(|i| i as u64 + 1).unwrap()
}

#[test]
fn compose_containers_are_located_in_their_compose_file() {
    if let Some(reason) = missing_tool() {
        if require_docker() {
            panic!("DOCKWARD_REQUIRE_DOCKER=1 but {reason}");
        }
        eprintln!("skipping compose_containers_are_located_in_their_compose_file: {reason}");
        return;
    }
    let (cli, sub) = compose_cli().unwrap();
    let busybox = static_busybox().unwrap();
    let pid = std::process::id();
    let project = format!("dockward-it-{pid}");
    // Its own image: the other Docker tests remove theirs when they finish.
    let image = format!("dockward-it-compose-{pid}:1.0");
    let guard = Cleanup { project: project.clone(), image: image.clone() };

    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().canonicalize().unwrap();
    let build = dir.join("image");
    std::fs::create_dir(&build).unwrap();
    std::fs::copy(&busybox, build.join("busybox")).unwrap();
    std::fs::write(
        build.join("Dockerfile"),
        "FROM scratch\nCOPY busybox /bin/busybox\nCMD [\"/bin/busybox\", \"sleep\", \"3600\"]\n",
    )
    .unwrap();
    let built = docker(&["build", "-q", "-t", &image, build.to_str().unwrap()]);
    assert!(built.status.success(), "docker build: {}", String::from_utf8_lossy(&built.stderr));

    let compose = format!(
        "services:\n  bad:\n    image: {image}\n    privileged: true\n  good:\n    image: {image}\n    user: \"10001:10001\"\n    read_only: true\n    cap_drop: [ALL]\n    security_opt: [\"no-new-privileges:true\"]\n"
    );
    let file = dir.join("docker-compose.yml");
    std::fs::write(&file, &compose).unwrap();
    // `-f` relative to the project directory: Compose v1 records it so in the label, v2 makes
    // it absolute; both must work.
    let mut up: Vec<&str> = sub.clone();
    up.extend(["-p", &project, "-f", "docker-compose.yml", "up", "-d", "--no-build"]);
    let out = run(cli, &up, &dir);
    // The privileged container may fail to start in a sandbox; created is enough.
    let listed = stdout(&docker(&[
        "ps",
        "-a",
        "--filter",
        &format!("label=com.docker.compose.project={project}"),
        "--format",
        "{{.Label \"com.docker.compose.service\"}} {{.Names}}",
    ]));
    let names: std::collections::BTreeMap<&str, &str> =
        listed.lines().filter_map(|l| l.split_once(' ')).collect();
    assert_eq!(
        names.len(),
        2,
        "`{cli} up` created {listed:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (bad, good) = (names["bad"], names["good"]);
    let recorded = stdout(&docker(&[
        "inspect",
        "--format",
        "{{index .Config.Labels \"com.docker.compose.project.config_files\"}}",
        bad,
    ]));
    eprintln!("{cli}: config_files label = {recorded:?}");
    assert!(recorded == "docker-compose.yml" || Path::new(&recorded) == file, "{recorded}");

    // From outside the project directory: the file is shown absolute, at the line of the key.
    let elsewhere = tempfile::tempdir().unwrap();
    let (out, v) = audit(&project, elsewhere.path(), &[]);
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    let dw502 = finding(&v, "DW502", bad);
    assert_eq!(dw502["file"], file.to_str().unwrap(), "{dw502:#}");
    assert_eq!(
        (dw502["line"].as_u64(), dw502["column"].as_u64()),
        (Some(line_of(&compose, "privileged: true")), Some(5)),
        "{dw502:#}"
    );
    assert_eq!(dw502["surface"], "container");
    assert!(dw502["message"].as_str().unwrap().ends_with(" (Compose service `bad`)"), "{dw502:#}");
    // The project's image is audited too (surface `image`, no file); the containers' findings
    // are the ones located in the compose file.
    for f in v["findings"].as_array().unwrap().iter().filter(|f| f["surface"] != "image") {
        let (target, message) = (f["target"].as_str().unwrap(), f["message"].as_str().unwrap());
        let service = if target == bad { "bad" } else { "good" };
        assert!(target == bad || target == good, "{f:#}");
        assert!(message.contains(&format!("Compose service `{service}`")), "{f:#}");
        assert!(
            f["file"] == file.to_str().unwrap(),
            "every finding of the project is in its file: {f:#}"
        );
    }
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| !(f["code"] == "DW502" && f["target"] == good))
    );

    // From the project directory: relative, in JSON, SARIF (a physical location GitHub accepts)
    // and text (the message names the container).
    let (_, v) = audit(&project, &dir, &["--select", "DW502"]);
    assert_eq!(finding(&v, "DW502", bad)["file"], "docker-compose.yml");
    let label = format!("com.docker.compose.project={project}");
    let out = common::bin()
        .args(["host", "--no-config", "--format", "sarif", "--label", &label, "--select", "DW502"])
        .current_dir(&dir)
        .output()
        .unwrap();
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let result = &sarif["runs"][0]["results"][0];
    let physical = &result["locations"][0]["physicalLocation"];
    assert_eq!(physical["artifactLocation"]["uri"], "docker-compose.yml", "{result:#}");
    assert_eq!(
        physical["region"]["startLine"].as_u64(),
        Some(line_of(&compose, "privileged: true")),
        "{result:#}"
    );
    let out = common::bin()
        .args(["host", "--no-config", "--color", "never", "--label", &label, "--select", "DW502"])
        .current_dir(&dir)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let head = format!(
        "docker-compose.yml:{}:5: DW502 [critical] container `{bad}` runs privileged",
        line_of(&compose, "privileged: true")
    );
    assert!(text.contains(&head), "{text}");

    // The file edited after `up`: the finding stays, placed at the service, and says why.
    std::fs::write(&file, compose.replace("    privileged: true\n", "")).unwrap();
    let (_, v) = audit(&project, &dir, &["--select", "DW502"]);
    let dw502 = finding(&v, "DW502", bad);
    assert_eq!(
        (dw502["file"].as_str(), dw502["line"].as_u64()),
        (Some("docker-compose.yml"), Some(2)),
        "{dw502:#}"
    );
    assert!(dw502["message"].as_str().unwrap().contains("(Compose service `bad`; located at the service because the compose file as it reads now does not show this"), "{dw502:#}");

    // The file gone: no location, the service still named, one note.
    std::fs::remove_file(&file).unwrap();
    let (out, v) = audit(&project, &dir, &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    let note = format!(
        "dockward: note: compose file docker-compose.yml of project {project} not readable ("
    );
    assert_eq!(err.matches(&note).count(), 1, "{err}");
    assert!(err.contains("findings for its containers have no file location"), "{err}");
    let dw502 = finding(&v, "DW502", bad);
    assert!(dw502["file"].is_null(), "{dw502:#}");
    assert!(dw502["message"].as_str().unwrap().ends_with(" (Compose service `bad`)"), "{dw502:#}");

    drop(guard);
    let left = stdout(&docker(&[
        "ps",
        "-aq",
        "--filter",
        &format!("label=com.docker.compose.project={project}"),
    ]));
    assert!(left.is_empty(), "containers left behind: {left}");
}
