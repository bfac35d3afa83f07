//! `dockward host` against the real Docker daemon on this machine.
//!
//! The test builds tiny images locally (a static busybox `FROM scratch`, no registry; tags carry
//! the process id, since the daemon is shared), creates one container per known-bad setting
//! plus one hardened container, audits each with `dockward host --format json --container
//! NAME` and compares the exact set of rule codes of the container, then of its image.
//! Everything it creates (containers, network, images) is removed by a `Drop` guard, so also
//! when an assertion fails.
//!
//! Without a daemon the test is skipped with a printed reason, unless
//! `DOCKWARD_REQUIRE_DOCKER=1` (as `.ci/run` sets), where it fails.

mod common;

use common::docker::{daemon_answers, docker, docker_ok, require_docker, static_busybox};

use std::collections::BTreeSet;
use std::process::Output;
use std::time::{Duration, Instant};

/// The test image's repository; its tag is the process id (`dockward-test/busybox:<pid>`), so
/// that runs sharing the daemon do not remove or retag each other's image.
const IMAGE: &str = "dockward-test/busybox";

/// A static x86-64 executable that only waits (`pause()` in a loop), 129 bytes: an ELF header,
/// one loadable segment (the whole file, read + execute) and the code `mov eax, 34 (pause);
/// syscall; jmp back`. Copied into an image as `/usr/sbin/sshd`, it is a process whose command
/// line is `/usr/sbin/sshd -D`, which busybox cannot be (it picks its applet from argv[0]).
/// None on other architectures.
fn fake_sshd() -> Option<Vec<u8>> {
    if std::env::consts::ARCH != "x86_64" {
        return None;
    }
    const BASE: u64 = 0x40_0000;
    let code: [u8; 9] = [0xb8, 0x22, 0, 0, 0, 0x0f, 0x05, 0xeb, 0xf7];
    let (ehdr, phdr) = (64u64, 56u64);
    let size = ehdr + phdr + code.len() as u64;
    let mut b = b"\x7fELF\x02\x01\x01\x00".to_vec(); // 64-bit, little-endian, version 1, System V
    b.extend_from_slice(&[0; 8]);
    b.extend_from_slice(&2u16.to_le_bytes()); // ET_EXEC
    b.extend_from_slice(&0x3eu16.to_le_bytes()); // x86-64
    b.extend_from_slice(&1u32.to_le_bytes());
    for v in [BASE + ehdr + phdr, ehdr, 0] {
        b.extend_from_slice(&v.to_le_bytes()); // entry, program headers, no section headers
    }
    b.extend_from_slice(&0u32.to_le_bytes()); // flags
    for v in [ehdr as u16, phdr as u16, 1, 0, 0, 0] {
        b.extend_from_slice(&v.to_le_bytes()); // header sizes, one program header, no sections
    }
    b.extend_from_slice(&1u32.to_le_bytes()); // PT_LOAD
    b.extend_from_slice(&5u32.to_le_bytes()); // PF_R | PF_X
    for v in [0, BASE, BASE, size, size, 0x1000] {
        b.extend_from_slice(&v.to_le_bytes()); // offset, vaddr, paddr, file size, memory size, align
    }
    b.extend_from_slice(&code);
    Some(b)
}

/// `docker build -q -t TAG` of `dockerfile` with `files` (name, bytes) in the context; the new
/// image ID.
fn build(tag: &str, dockerfile: &str, files: &[(&str, &[u8])]) -> String {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    std::fs::write(dir.path().join("Dockerfile"), dockerfile).unwrap();
    docker_ok(&["build", "-q", "-t", tag, dir.path().to_str().unwrap()])
}

/// Removes every container named with the test's prefix, the network and the images (by tag
/// and by ID, so also an image whose tag moved on).
struct Cleanup {
    prefix: String,
    network: String,
    images: Vec<String>,
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        let ids = docker(&["ps", "-aq", "--filter", &format!("name={}", self.prefix)]);
        let ids: Vec<String> =
            String::from_utf8_lossy(&ids.stdout).split_whitespace().map(str::to_string).collect();
        if !ids.is_empty() {
            let mut args = vec!["rm", "-f", "-v"];
            args.extend(ids.iter().map(String::as_str));
            let _ = docker(&args);
        }
        let _ = docker(&["network", "rm", &self.network]);
        for image in self.images.iter().rev() {
            let _ = docker(&["rmi", "-f", image]);
        }
    }
}

fn audit(args: &[&str]) -> (Output, serde_json::Value) {
    audit_with(&[], args)
}

/// `dockward host --format json ARGS` with extra environment variables (`DOCKWARD_TODAY`).
fn audit_with(env: &[(&str, &str)], args: &[&str]) -> (Output, serde_json::Value) {
    let mut all = vec!["host", "--no-config", "--format", "json"];
    all.extend_from_slice(args);
    let out = common::bin().envs(env.iter().copied()).args(&all).output().expect("run dockward");
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "dockward {all:?} exited {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    let v = common::json(&out);
    (out, v)
}

fn set(codes: &[&str]) -> BTreeSet<String> {
    codes.iter().map(|c| c.to_string()).collect()
}

#[test]
fn unreachable_daemon_exits_2_quickly_and_names_the_socket() {
    let start = Instant::now();
    let out = common::bin()
        .args(["host", "--no-config", "--host", "unix:///nonexistent.sock"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(start.elapsed() < Duration::from_secs(5), "took {:?}", start.elapsed());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/nonexistent.sock"), "{err}");
    assert!(err.contains("cannot reach the Docker daemon"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn refused_tcp_endpoint_exits_2() {
    let start = Instant::now();
    let out = common::bin()
        .args(["host", "--no-config", "--timeout", "2", "--host", "tcp://127.0.0.1:9"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(start.elapsed() < Duration::from_secs(5), "took {:?}", start.elapsed());
    assert!(String::from_utf8_lossy(&out.stderr).contains("tcp://127.0.0.1:9"));
}

#[test]
fn unknown_context_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = common::bin()
        .env("DOCKER_CONFIG", dir.path())
        .args(["host", "--no-config", "--context", "nope"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("context `nope`"), "{err}");
    let out = common::bin()
        .args(["host", "--no-config", "--context", "x", "--host", "unix:///x.sock"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("conflict"));
}

#[test]
fn silent_daemon_times_out_with_exit_2() {
    // A socket that accepts connections but never answers: the call must give up after
    // --timeout, not hang.
    let dir = tempfile::tempdir().unwrap();
    let sock = dir.path().join("silent.sock");
    let _listener = std::os::unix::net::UnixListener::bind(&sock).unwrap();
    let start = Instant::now();
    let out = common::bin()
        .args([
            "host",
            "--no-config",
            "--timeout",
            "1",
            "--host",
            &format!("unix://{}", sock.display()),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(start.elapsed() < Duration::from_secs(5), "took {:?}", start.elapsed());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("silent.sock") && err.contains("no answer within"), "{err}");
}

#[test]
fn live_containers_get_exactly_the_expected_codes() {
    if let Err(reason) = daemon_answers() {
        if require_docker() {
            panic!("DOCKWARD_REQUIRE_DOCKER=1 but {reason}");
        }
        eprintln!("skipping live_containers_get_exactly_the_expected_codes: {reason}");
        return;
    }
    let Some(busybox) = static_busybox() else {
        let reason = "no statically linked busybox at /bin/busybox or /usr/bin/busybox (apt-get install busybox-static)";
        if require_docker() {
            panic!("{reason}");
        }
        eprintln!("skipping live_containers_get_exactly_the_expected_codes: {reason}");
        return;
    };
    let pid = std::process::id();
    let prefix = format!("dockward-it-{pid}-");
    let label = format!("dockward-it={pid}");
    let image = format!("{IMAGE}:{pid}");
    let outdated_tag = format!("dockward-test/outdated:{pid}");
    let sshd_tag = format!("dockward-test/sshd:{pid}");
    let mut guard = Cleanup {
        prefix: prefix.clone(),
        network: format!("{prefix}net"),
        images: vec![image.clone(), outdated_tag.clone(), sshd_tag.clone()],
    };

    // The image: static busybox FROM scratch, built locally; also as /bin/sh, which
    // `--health-cmd` (CMD-SHELL) runs.
    let bb = std::fs::read(&busybox).unwrap();
    let image_id = build(
        &image,
        "FROM scratch\nCOPY busybox /bin/busybox\nCOPY busybox /bin/sh\nCMD [\"/bin/busybox\", \"sleep\", \"3600\"]\n",
        &[("busybox", &bb)],
    );
    guard.images.push(image_id.clone());
    // A tag that will be rebuilt after a container was created from it (DW105).
    let outdated_dockerfile = |n: u32| {
        format!(
            "FROM scratch\nCOPY busybox /bin/busybox\nLABEL build={n}\nCMD [\"/bin/busybox\", \"sleep\", \"3600\"]\n"
        )
    };
    let outdated_old = build(&outdated_tag, &outdated_dockerfile(1), &[("busybox", &bb)]);
    guard.images.push(outdated_old.clone());
    // An image whose process is `/usr/sbin/sshd -D` (DW906).
    let sshd = fake_sshd();
    if let Some(elf) = &sshd {
        let id = build(
            &sshd_tag,
            "FROM scratch\nCOPY sshd /usr/sbin/sshd\nCMD [\"/usr/sbin/sshd\", \"-D\"]\n",
            &[("sshd", elf)],
        );
        guard.images.push(id);
    } else {
        eprintln!("note: not on x86-64, the running-sshd case is skipped");
    }
    docker_ok(&["network", "create", &guard.network]);

    // Log rotation is set explicitly so DW1202 does not depend on the daemon's defaults.
    let rotated: &[&str] = &["--log-opt", "max-size=10m", "--log-opt", "max-file=3"];
    let cases: Vec<(&str, Vec<&str>)> = vec![
        ("privileged", [&["--privileged"][..], rotated].concat()),
        ("socket", [&["-v", "/var/run/docker.sock:/var/run/docker.sock"][..], rotated].concat()),
        ("hostnet", [&["--network", "host"][..], rotated].concat()),
        ("pidhost", [&["--pid", "host"][..], rotated].concat()),
        ("sysadmin", [&["--cap-add", "SYS_ADMIN"][..], rotated].concat()),
        ("seccomp", [&["--security-opt", "seccomp=unconfined"][..], rotated].concat()),
        ("env", [&["-e", "DB_PASSWORD=hunter2"][..], rotated].concat()),
        ("lognone", vec!["--log-driver", "none"]),
        ("port", [&["-p", "8080:80"][..], rotated].concat()),
        (
            "unhealthy",
            [
                &[
                    "--health-cmd",
                    "/bin/busybox false",
                    "--health-interval",
                    "1s",
                    "--health-retries",
                    "1",
                ][..],
                rotated,
            ]
            .concat(),
        ),
        ("outdated", rotated.to_vec()),
        ("sshd", rotated.to_vec()),
        (
            "hardened",
            vec![
                "--user",
                "10001:10001",
                "--read-only",
                "--cap-drop",
                "ALL",
                "--security-opt",
                "no-new-privileges:true",
                "--memory",
                "64m",
                "--cpus",
                "0.5",
                "--pids-limit",
                "64",
                "--ulimit",
                "nofile=1024:2048",
                "--ulimit",
                "nproc=512:512",
                "--restart",
                "on-failure:3",
                "--log-opt",
                "max-size=10m",
                "--log-opt",
                "max-file=3",
                "--health-cmd",
                "/bin/busybox true",
                "-p",
                "127.0.0.1:18080:80",
                "--network",
                &guard.network,
            ],
        ),
    ];
    let cases: Vec<_> =
        cases.into_iter().filter(|(name, _)| *name != "sshd" || sshd.is_some()).collect();
    for (name, opts) in &cases {
        let full = format!("{prefix}{name}");
        let mut args = vec!["create", "--name", &full, "--label", &label];
        args.extend(opts.iter().copied());
        args.push(match *name {
            "outdated" => &outdated_tag,
            "sshd" => &sshd_tag,
            _ => &image,
        });
        docker_ok(&args);
        // Start it; a container the sandbox cannot start (e.g. `--privileged` without the
        // capabilities to grant) stays `created` and is audited all the same.
        let started = docker(&["start", &full]);
        if !started.status.success() {
            eprintln!(
                "note: {full} could not start ({}); auditing it stopped",
                String::from_utf8_lossy(&started.stderr).trim()
            );
        }
    }
    // Move the tag `outdated` was created from.
    let outdated_new = build(&outdated_tag, &outdated_dockerfile(2), &[("busybox", &bb)]);
    guard.images.push(outdated_new.clone());
    assert_ne!(outdated_old, outdated_new);
    // `unhealthy` fails its first check after about a second.
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let status = docker_ok(&[
            "inspect",
            "--format",
            "{{if .State.Health}}{{.State.Health.Status}}{{end}}",
            &format!("{prefix}unhealthy"),
        ]);
        if status == "unhealthy" {
            break;
        }
        assert!(Instant::now() < deadline, "{prefix}unhealthy is still `{status}` after 15 s");
        std::thread::sleep(Duration::from_millis(250));
    }
    // Audit "today" = the day the images were built, so DW104 (image age) cannot depend on the
    // clock or on a build cache hit.
    let built = docker_ok(&["image", "inspect", "--format", "{{.Created}}", &image]);
    let built_on = built.get(..10).unwrap_or("").to_string();
    let today: &[(&str, &str)] = &[("DOCKWARD_TODAY", &built_on)];

    // What every container gets that sets none of the hardening options (its image is a Docker
    // Hub community name, so DW205 too).
    let baseline = [
        "DW1205", "DW205", "DW401", "DW402", "DW403", "DW406", "DW501", "DW504", "DW505", "DW801",
        "DW904",
    ];
    let with = |add: &[&str], remove: &[&str]| -> BTreeSet<String> {
        let mut s = set(&baseline);
        for r in remove {
            s.remove(*r);
        }
        s.extend(add.iter().map(|c| c.to_string()));
        s
    };
    let expected: Vec<(&str, BTreeSet<String>)> = vec![
        // Privileged implies every capability and no seccomp: DW504/DW1101 would only repeat DW502.
        ("privileged", with(&["DW502"], &["DW504"])),
        ("socket", with(&["DW803"], &[])),
        ("hostnet", with(&["DW901"], &["DW904"])),
        ("pidhost", with(&["DW1104"], &[])),
        ("sysadmin", with(&["DW503"], &[])),
        ("seccomp", with(&["DW1101"], &[])),
        // `-e DB_PASSWORD=hunter2` is the container's own: DW604 (DW602 is for Compose files).
        ("env", with(&["DW604"], &[])),
        ("lognone", with(&["DW1201"], &[])),
        ("port", with(&["DW902"], &[])),
        ("hardened", set(&["DW205"])),
        ("unhealthy", with(&["DW1206"], &["DW1205"])),
        ("outdated", with(&["DW105"], &[])),
        ("sshd", with(&["DW906"], &[])),
    ];
    let expected: Vec<_> =
        expected.into_iter().filter(|(name, _)| *name != "sshd" || sshd.is_some()).collect();
    let mut failures = Vec::new();
    for (name, want) in &expected {
        let full = format!("{prefix}{name}");
        let (_, v) = audit_with(today, &["--container", &full]);
        let findings = v["findings"].as_array().unwrap();
        // The container's findings, then those of the image it runs (audited with it).
        let (own, of_image): (Vec<&serde_json::Value>, Vec<&serde_json::Value>) =
            findings.iter().partition(|f| f["surface"] == "container");
        assert!(
            own.iter().all(|f| f["target"] == full.as_str() && f["file"].is_null()),
            "{name}: {own:#?}"
        );
        assert!(
            of_image.iter().all(|f| f["surface"] == "image" && f["file"].is_null()),
            "{name}: {of_image:#?}"
        );
        let got: BTreeSet<String> =
            own.iter().map(|f| f["code"].as_str().unwrap().to_string()).collect();
        if &got != want {
            failures.push(format!("{name}: expected {want:?}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    // The test image (no USER, no HEALTHCHECK) gets its own findings, named by its tag; built
    // "today", it is not stale.
    let (_, v) = audit_with(today, &["--container", &format!("{prefix}hardened")]);
    let of_image: Vec<&serde_json::Value> =
        v["findings"].as_array().unwrap().iter().filter(|f| f["surface"] == "image").collect();
    assert!(of_image.iter().all(|f| f["target"] == image.as_str()), "{of_image:#?}");
    let got: BTreeSet<String> =
        of_image.iter().map(|f| f["code"].as_str().unwrap().to_string()).collect();
    assert_eq!(got, set(&["DW501", "DW1205"]), "{of_image:#?}");
    // Years later it is (DW104 on the image and on the container running it).
    let (_, v) = audit_with(
        &[("DOCKWARD_TODAY", "2099-01-01")],
        &["--container", &format!("{prefix}hardened"), "--select", "DW104"],
    );
    let surfaces: BTreeSet<&str> =
        v["findings"].as_array().unwrap().iter().map(|f| f["surface"].as_str().unwrap()).collect();
    assert_eq!(surfaces, BTreeSet::from(["container", "image"]), "{v:#}");

    // DW604 masks the value; DW105 names the tag; DW906 the process.
    let (_, v) = audit_with(today, &["--container", &format!("{prefix}env"), "--select", "DW604"]);
    let dw604 = v["findings"][0]["message"].as_str().unwrap().to_string();
    assert!(dw604.contains("DB_PASSWORD") && !dw604.contains("hunter2"), "{dw604}");
    let (_, v) = audit_with(
        today,
        &["--container", &format!("{prefix}outdated"), "--select", "DW105,DW501"],
    );
    let findings = v["findings"].as_array().unwrap();
    let dw105 = findings.iter().find(|f| f["code"] == "DW105").unwrap();
    assert!(
        dw105["message"]
            .as_str()
            .unwrap()
            .contains(&format!("`{outdated_tag}` now points to {}", &outdated_new[7..19])),
        "{dw105}"
    );
    // The old image lost its tag: it is named by its ID.
    let old_image = findings.iter().find(|f| f["surface"] == "image").unwrap();
    assert_eq!(old_image["target"], format!("image {}", &outdated_old[7..19]));
    if sshd.is_some() {
        let (_, v) =
            audit_with(today, &["--container", &format!("{prefix}sshd"), "--select", "DW906"]);
        let m = v["findings"][0]["message"].as_str().unwrap().to_string();
        assert!(m.contains("`/usr/sbin/sshd -D`"), "{m}");
    }

    // The specific findings quote the live values.
    let (_, v) = audit(&["--container", &format!("{prefix}socket")]);
    let dw803 = v["findings"].as_array().unwrap().iter().find(|f| f["code"] == "DW803").unwrap();
    assert!(dw803["message"].as_str().unwrap().contains("/var/run/docker.sock"), "{dw803}");

    let (_, v) = audit(&["--container", &format!("{prefix}pidhost")]);
    let dw1104 = v["findings"].as_array().unwrap().iter().find(|f| f["code"] == "DW1104").unwrap();
    assert!(dw1104["message"].as_str().unwrap().contains("HostConfig.PidMode"), "{dw1104}");
    assert!(dw1104["fix"].as_str().unwrap().contains("--pid"), "{dw1104}");

    // --label selects exactly the test's containers; by ID prefix works too.
    let (_, v) = audit(&["--label", &label, "--select", "DW502"]);
    let targets: BTreeSet<&str> =
        v["findings"].as_array().unwrap().iter().map(|f| f["target"].as_str().unwrap()).collect();
    assert_eq!(targets, BTreeSet::from([format!("{prefix}privileged").as_str()]));
    let id = docker_ok(&["inspect", "--format", "{{.Id}}", &format!("{prefix}privileged")]);
    let (out, v) = audit(&["--container", &id[..12], "--select", "DW502", "--fail-on", "critical"]);
    assert_eq!(common::codes(&v, false), ["DW502"]);
    assert_eq!(out.status.code(), Some(1), "a critical finding with --fail-on critical");
    // Its image runs as root (DW501, high), which counts for --fail-on; the container itself
    // has nothing at medium or above.
    let (out, _) = audit(&["--container", &format!("{prefix}hardened"), "--fail-on", "medium"]);
    assert_eq!(out.status.code(), Some(1), "the image's DW501");
    let (out, _) = audit(&[
        "--container",
        &format!("{prefix}hardened"),
        "--fail-on",
        "medium",
        "--ignore",
        "DW501",
    ]);
    assert_eq!(out.status.code(), Some(0), "the hardened container has nothing at medium or above");

    // The same daemon through a Docker CLI context (`--context` beats DOCKER_HOST, as in the CLI).
    let endpoint = std::env::var("DOCKER_HOST")
        .ok()
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "unix:///var/run/docker.sock".into());
    let cfg = tempfile::tempdir().unwrap();
    let meta = cfg.path().join("contexts/meta/0123");
    std::fs::create_dir_all(&meta).unwrap();
    std::fs::write(meta.join("meta.json"), serde_json::json!({"Name": "it", "Metadata": {}, "Endpoints": {"docker": {"Host": endpoint, "SkipTLSVerify": false}}}).to_string()).unwrap();
    let out = common::bin()
        .env("DOCKER_CONFIG", cfg.path())
        .env("DOCKER_HOST", "unix:///nonexistent.sock")
        .args([
            "host",
            "--no-config",
            "--format",
            "json",
            "--context",
            "it",
            "--container",
            &format!("{prefix}privileged"),
            "--select",
            "DW502",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(common::codes(&common::json(&out), false), ["DW502"]);

    // SARIF output for a live container validates as JSON and carries the rule.
    let out = common::bin()
        .args([
            "host",
            "--no-config",
            "--format",
            "sarif",
            "--container",
            &format!("{prefix}hostnet"),
        ])
        .output()
        .unwrap();
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(results.iter().any(|r| r["ruleId"] == "DW901"));
    // GitHub code scanning ingests only results with a physical location: container findings
    // get the stand-in `container/<name>`.
    // `container/<name>` (images get `image/<tag>`).
    let uri = format!("container/{prefix}hostnet");
    let container_results: Vec<_> =
        results.iter().filter(|r| r["properties"]["surface"] == "container").collect();
    assert!(
        !container_results.is_empty()
            && container_results
                .iter()
                .all(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    == uri.as_str()),
        "{sarif:#}"
    );
    assert!(
        results
            .iter()
            .all(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].is_string()),
        "{sarif:#}"
    );

    // Text output counts containers.
    let out = common::bin()
        .args([
            "host",
            "--no-config",
            "--color",
            "never",
            "--container",
            &format!("{prefix}hardened"),
            "--container",
            &format!("{prefix}port"),
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.trim_end().lines().last().unwrap().contains(" in 2 containers and 1 image."),
        "{text}"
    );
    assert!(text.contains(&format!("{prefix}port: DW902")), "{text}");

    // The CIS report of one container: section 5 judged on it, the daemon's sections not
    // applicable (the host rules do not run with --container).
    let (_, v) = audit(&["--cis", "--container", &format!("{prefix}privileged")]);
    let status = |id: &str| {
        v["checks"].as_array().unwrap().iter().find(|c| c["id"] == id).unwrap()["status"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(status("5.5"), "warn");
    assert_eq!(status("5.32"), "pass");
    assert_eq!(status("4.1"), "warn", "busybox FROM scratch runs as root");
    assert_eq!(status("2.2"), "na");

    // A name that matches nothing is a usage error.
    let out = common::bin()
        .args(["host", "--no-config", "--container", &format!("{prefix}missing")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing"));

    drop(guard);
    let left = docker_ok(&["ps", "-aq", "--filter", &format!("name={prefix}")]);
    assert!(left.is_empty(), "containers left behind: {left}");
}

/// The host rules on this machine's daemon (Docker 20.10.24, Debian 12, default daemon.json):
/// Engine 20.10.24, containerd 1.6.20 and runc 1.1.5 predate known fixes (DW101), the 20.10
/// line ended in 2023 (DW102), ICC on on the default bridge (DW907), rootful without userns (DW509), no authorization plugin
/// (DW1006), live restore off (DW1007), seccomp but no AppArmor/SELinux (DW1108), json-file log
/// driver (DW1204), and the audit runs without DOCKER_CONTENT_TRUST (DW701; removed from the
/// environment here, so the test does not depend on the caller's). Only loopback is an insecure
/// registry, debug is off, no TCP listener: no DW708, DW1203, DW908. The same facts are
/// recorded in `crates/dockward_docker/tests/fixtures/host_*.json`.
///
/// Left out of the comparison:
/// - DW1008 (sprawl) counts every image and container on the daemon, and other tests create
///   and remove containers on this shared daemon concurrently: whether it fires depends on
///   timing, not on this code.
/// - DW406 (no default ulimits): once `dockward host` reads the host's files, this machine's
///   daemon.json (log options but no `default-ulimits`) gives it; before that the daemon's
///   options are unknown and it stays silent. Either way only the host variant may appear.
///   (DW1202 stays silent both ways: daemon.json sets `max-size`.)
#[test]
fn daemon_gets_the_expected_host_codes() {
    if let Err(reason) = daemon_answers() {
        if require_docker() {
            panic!("DOCKWARD_REQUIRE_DOCKER=1 but {reason}");
        }
        eprintln!("skipping daemon_gets_the_expected_host_codes: {reason}");
        return;
    }
    let out = common::bin()
        .env_remove("DOCKER_CONTENT_TRUST")
        .args(["host", "--no-config", "--format", "json"])
        .output()
        .expect("run dockward");
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "exited {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    let v = common::json(&out);
    let host: Vec<&serde_json::Value> =
        v["findings"].as_array().unwrap().iter().filter(|f| f["surface"] == "host").collect();
    assert!(host.iter().all(|f| f["target"] == "docker host" && f["file"].is_null()), "{host:#?}");
    let dw406: Vec<&str> = host
        .iter()
        .filter(|f| f["code"] == "DW406")
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert!(dw406.iter().all(|m| m.starts_with("the daemon sets no default ulimits")), "{dw406:?}");
    let got: BTreeSet<String> = host
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .filter(|c| c != "DW1008" && c != "DW406")
        .collect();
    assert_eq!(
        got,
        set(&[
            "DW101", "DW102", "DW509", "DW701", "DW907", "DW1001", "DW1006", "DW1007", "DW1108",
            "DW1204"
        ])
    );
    // No auditd on this machine (no auditctl, no /etc/audit): one DW1001 finding naming every
    // Docker path, with all their CIS sections.
    let dw1001: Vec<&&serde_json::Value> = host.iter().filter(|f| f["code"] == "DW1001").collect();
    assert!(
        dw1001.len() == 1
            && dw1001[0]["message"].as_str().unwrap().starts_with("auditd is not installed"),
        "{dw1001:#?}"
    );
    assert!(dw1001[0]["cis"].as_array().unwrap().iter().any(|c| c == "1.1.3"), "{dw1001:#?}");
    assert!(
        host.iter()
            .any(|f| f["code"] == "DW101"
                && f["message"].as_str().unwrap().contains("CVE-2024-21626")),
        "{host:#?}"
    );
    // Auditing chosen containers leaves the daemon out.
    let out = common::bin()
        .args(["host", "--no-config", "--format", "json", "--label", "dockward-it-none=1"])
        .output()
        .unwrap();
    let v = common::json(&out);
    assert!(v["findings"].as_array().unwrap().iter().all(|f| f["surface"] != "host"), "{v:#}");
    // Text: the summary names the daemon.
    let out = common::bin()
        .args(["host", "--no-config", "--color", "never", "--select", "DW907"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("docker host: DW907"), "{text}");
    assert!(
        text.trim_end().lines().last().unwrap().contains(" on the Docker host and in "),
        "{text}"
    );
}

#[test]
fn cis_report_refuses_junit_before_connecting() {
    let out = common::bin()
        .args([
            "host",
            "--no-config",
            "--cis",
            "--format",
            "junit",
            "--host",
            "unix:///nonexistent.sock",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--cis reports as text, json or sarif"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `dockward host --cis` on this machine's daemon: all 117 checks with an allowed status, a
/// score, and 2.2 (ICC on the default bridge, DW907) a warn. Other helpers' containers may come
/// and go on the shared daemon, so nothing depends on section 5.
#[test]
fn cis_report_on_the_daemon() {
    if let Err(reason) = daemon_answers() {
        if require_docker() {
            panic!("DOCKWARD_REQUIRE_DOCKER=1 but {reason}");
        }
        eprintln!("skipping cis_report_on_the_daemon: {reason}");
        return;
    }
    let out = common::bin()
        .args(["host", "--no-config", "--cis", "--format", "json"])
        .output()
        .expect("run dockward");
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "exited {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    let v = common::json(&out);
    assert_eq!(v["benchmark"], "CIS Docker Benchmark v1.6.0");
    let checks = v["checks"].as_array().unwrap();
    assert_eq!(checks.len(), 117);
    let allowed = ["pass", "warn", "info", "na"];
    assert!(checks.iter().all(|c| allowed.contains(&c["status"].as_str().unwrap())), "{checks:#?}");
    let check =
        |id: &str| checks.iter().find(|c| c["id"] == id).unwrap_or_else(|| panic!("{id} missing"));
    assert_eq!(check("2.2")["status"], "warn", "{:#}", check("2.2"));
    assert!(check("2.2")["detail"].as_str().unwrap().contains("DW907"));
    // Every fingerprint a check names is a finding of the document, which names the section.
    let findings = v["findings"].as_array().unwrap();
    for c in checks {
        for fp in c["findings"].as_array().unwrap() {
            let f = findings
                .iter()
                .find(|f| f["fingerprint"] == *fp)
                .unwrap_or_else(|| panic!("{fp} of {} not in findings", c["id"]));
            assert!(
                f["cis"].as_array().unwrap().contains(&c["id"])
                    || f["cis"].as_array().unwrap().is_empty(),
                "{f:#} for {}",
                c["id"]
            );
        }
    }
    let score = &v["score"];
    let counted: u64 = allowed.iter().map(|s| score[*s].as_u64().unwrap()).sum();
    assert_eq!(counted, 117);
    assert!(score["warn"].as_u64().unwrap() >= 1);
    let percent = score["percent"].as_u64().unwrap();
    assert!(percent <= 100);
    assert_eq!(
        score["bench"].as_i64().unwrap(),
        score["pass"].as_i64().unwrap() - score["warn"].as_i64().unwrap()
    );

    // Text: CIS order with section headings, the score last.
    let out =
        common::bin().args(["host", "--no-config", "--cis", "--color", "never"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("CIS Docker Benchmark v1.6.0\n\n1 Host Configuration\n"), "{text}");
    assert!(text.contains("\n[WARN] 2.2 Ensure network traffic is restricted between containers on the default bridge\n       1 finding (DW907): docker host\n"), "{text}");
    let h2 = text.find("\n2 Docker daemon configuration\n").unwrap();
    let h7 = text.find("\n7 Docker Swarm Configuration\n").unwrap();
    assert!(h2 < h7);
    assert!(text.trim_end().lines().last().unwrap().starts_with("Score: "), "{text}");
    assert!(!text.contains('\x1b'));
    // The exit code follows --fail-on over the findings, as without --cis.
    let out = common::bin()
        .args(["host", "--no-config", "--cis", "--select", "DW907", "--fail-on", "medium"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let out = common::bin()
        .args(["host", "--no-config", "--cis", "--select", "DW907", "--fail-on", "high"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    // A check whose rule is not selected is not passed: it was not checked.
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("[INFO] 2.3 Ensure the logging level is set to 'info'\n       not checked: DW1203 is not enabled\n"), "{text}");

    // SARIF: valid JSON, results carry their sections, the run the benchmark.
    let out =
        common::bin().args(["host", "--no-config", "--cis", "--format", "sarif"]).output().unwrap();
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let run = &sarif["runs"][0];
    assert!(run["results"].as_array().unwrap().iter().any(|r| r["ruleId"] == "DW907" && r["properties"]["cis"] == serde_json::json!(["2.2"])));
    assert_eq!(run["properties"]["cis"]["checks"].as_array().unwrap().len(), 117);
}
