//! `image_from` on `GET /images/{id}/json` + `/history` recorded from this machine's daemon
//! (Engine 20.10.24, API 1.41, legacy builder) and on a hand-edited risky variant; linking
//! live containers to images; the inventory; `/top` parsing.
//!
//! `image_inspect.json` / `image_history.json`: `docker build --build-arg APP_VERSION=2.3 -t
//! dockward-fixture/app:2.3` of
//! ```dockerfile
//! FROM scratch
//! ARG APP_VERSION=1.0
//! COPY busybox /bin/busybox
//! ENV PATH=/bin APP_MODE=production
//! LABEL org.opencontainers.image.title="dockward fixture" org.opencontainers.image.version="${APP_VERSION}"
//! RUN ["/bin/busybox", "sh", "-c", "/bin/busybox mkdir -p /app && /bin/busybox echo ok > /app/ready"]
//! USER 10001:10001
//! HEALTHCHECK --interval=30s --timeout=3s CMD ["/bin/busybox", "test", "-f", "/app/ready"]
//! CMD ["/bin/busybox", "sleep", "3600"]
//! ```
//! `image_*_risky.json`: the same, edited: no USER, no HEALTHCHECK, built 2025-06-01,
//! `DB_PASSWORD=hunter2` in ENV, a GitHub token in a label, an npm token as a build argument.
//! `container_top.json`: `GET /containers/{id}/top` of a container running `/usr/sbin/sshd -D`.

use bollard::models::ContainerInspectResponse;
use dockward_docker::{
    LiveContainer, image_from, inventory, link_images, normalize, processes_from,
};
use dockward_spec::ImageSpec;
use serde_json::Value;

fn fixture(name: &str) -> Value {
    let p = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p}: {e}")))
        .unwrap()
}

fn recorded() -> ImageSpec {
    image_from(&fixture("image_inspect.json"), &fixture("image_history.json"))
}

fn risky() -> ImageSpec {
    image_from(&fixture("image_inspect_risky.json"), &fixture("image_history_risky.json"))
}

fn container(name: &str) -> LiveContainer {
    let c: ContainerInspectResponse =
        serde_json::from_value(fixture(&format!("{name}.json"))).unwrap();
    normalize(&c)
}

#[test]
fn recorded_image() {
    let i = recorded();
    assert_eq!(i.id, "sha256:965d1f22b995038d61f8e2e54860fa0d6e515779cc75597be033fc3152bd4184");
    assert_eq!(i.repo_tags, ["dockward-fixture/app:2.3"]);
    assert!(i.repo_digests.is_empty());
    assert_eq!(i.created.as_deref(), Some("2026-11-28T13:00:59.18828482Z"));
    assert_eq!(i.user.as_deref(), Some("10001:10001"));
    assert_eq!(i.env, ["PATH=/bin", "APP_MODE=production"]);
    assert_eq!(i.labels.get("org.opencontainers.image.version").map(String::as_str), Some("2.3"));
    assert_eq!(
        i.healthcheck.as_deref(),
        Some(&["CMD", "/bin/busybox", "test", "-f", "/app/ready"].map(String::from)[..])
    );
    assert_eq!(i.history.len(), 8);
    assert!(
        i.history[0].created_by.contains("CMD [\"/bin/busybox\""),
        "newest first: {:?}",
        i.history[0]
    );
    assert!(
        i.history.iter().any(|h| h.created_by.starts_with("|1 APP_VERSION=2.3 ")),
        "build args recorded in the RUN step"
    );
    assert!(i.history.iter().all(|h| h.created > 1_700_000_000));
    assert_eq!(i.containers, 0);
    assert_eq!(i.target(), "dockward-fixture/app:2.3");
}

#[test]
fn risky_image() {
    let i = risky();
    assert_eq!(i.user, None, "an empty Config.User is no user");
    assert_eq!(i.healthcheck, None);
    assert!(i.env.contains(&"DB_PASSWORD=hunter2".to_string()));
    assert!(i.labels["com.example.deploy-token"].starts_with("ghp_"));
    assert!(i.history.iter().any(|h| h.created_by.contains("NPM_TOKEN=npm_")));
}

#[test]
fn odd_json_gives_defaults_not_panics() {
    let i = image_from(&Value::Null, &Value::Null);
    assert_eq!(i, ImageSpec::default());
    let inspect = serde_json::json!({"Id": 7, "RepoTags": ["<none>:<none>"], "RepoDigests": ["<none>@<none>"], "Created": "", "Config": {"User": "  ", "Env": [1, "A=b"], "Labels": {"a": 1, "b": "c"}, "Healthcheck": {"Test": []}}});
    let i = image_from(&inspect, &serde_json::json!([{"CreatedBy": null}, 3]));
    assert!(i.id.is_empty() && i.repo_tags.is_empty() && i.repo_digests.is_empty());
    assert_eq!((&i.created, &i.user, &i.healthcheck), (&None, &None, &None));
    assert_eq!(i.env, ["A=b"]);
    assert_eq!(i.labels.len(), 1);
    assert_eq!(i.history.len(), 2);
}

#[test]
fn containers_are_linked_to_their_images() {
    let old = ImageSpec {
        id: "sha256:3180d56f71c553b369a685573c77ae85ef05dab5c7f65e8863028c23fa94cbce".into(),
        created: Some("2026-01-01T00:00:00Z".into()),
        env: vec!["PATH=/bin".into()],
        containers: 1,
        ..ImageSpec::default()
    };
    // The tag `dockward-test/busybox:1.0` the container was created from now names another image.
    let new = ImageSpec {
        id: "sha256:new".into(),
        repo_tags: vec!["dockward-test/busybox:1.0".into()],
        ..ImageSpec::default()
    };
    let mut cs = vec![container("bad")];
    link_images(&mut cs, &[old.clone(), new.clone()]);
    let rt = cs[0].spec.runtime.clone().unwrap();
    assert_eq!(rt.image_id.as_deref(), Some(old.id.as_str()));
    assert_eq!(rt.image_current_id.as_deref(), Some("sha256:new"));
    assert_eq!(rt.image_created.as_deref(), Some("2026-01-01T00:00:00Z"));
    assert_eq!(rt.image_env, Some(vec!["PATH=/bin".to_string()]));

    // The tag still names the image: current = running.
    let same =
        ImageSpec { repo_tags: vec!["docker.io/dockward-test/busybox:1.0".into()], ..old.clone() };
    let mut cs = vec![container("bad")];
    link_images(&mut cs, &[same]);
    assert_eq!(
        cs[0].spec.runtime.as_ref().unwrap().image_current_id.as_deref(),
        Some(old.id.as_str()),
        "docker.io/ prefix names the same repository"
    );

    // The tag is gone and the image too: nothing known.
    let mut cs = vec![container("bad")];
    link_images(&mut cs, &[]);
    let rt = cs[0].spec.runtime.clone().unwrap();
    assert_eq!((rt.image_current_id, rt.image_created, rt.image_env), (None, None, None));

    // Created by ID or by digest: the reference cannot move.
    for reference in [
        "3180d56f71c5",
        "sha256:3180d56f71c553b369a685573c77ae85ef05dab5c7f65e8863028c23fa94cbce",
        "dockward-test/busybox:1.0@sha256:0123456789012345678901234567890123456789012345678901234567890123",
    ] {
        let mut c = container("bad");
        let img = c.spec.image.as_mut().unwrap();
        img.value.raw = reference.into();
        let mut cs = vec![c];
        link_images(&mut cs, &[old.clone(), new.clone()]);
        assert_eq!(cs[0].spec.runtime.as_ref().unwrap().image_current_id, None, "{reference}");
    }

    // `busybox` is `docker.io/library/busybox:latest`.
    let mut c = container("bad");
    c.spec.image.as_mut().unwrap().value.raw = "busybox".into();
    let hub = ImageSpec {
        id: "sha256:hub".into(),
        repo_tags: vec!["busybox:latest".into()],
        ..ImageSpec::default()
    };
    let mut cs = vec![c];
    link_images(&mut cs, &[hub]);
    assert_eq!(
        cs[0].spec.runtime.as_ref().unwrap().image_current_id.as_deref(),
        Some("sha256:hub")
    );
}

#[test]
fn inventory_counts() {
    let used = ImageSpec {
        id: "a".into(),
        repo_tags: vec!["a:1".into()],
        containers: 2,
        ..ImageSpec::default()
    };
    let unused =
        ImageSpec { id: "b".into(), repo_tags: vec!["b:1".into()], ..ImageSpec::default() };
    let dangling = ImageSpec { id: "c".into(), ..ImageSpec::default() };
    let cs = [container("bad"), container("hardened"), container("hostnet")];
    let inv = inventory(&[used, unused, dangling], &cs);
    assert_eq!((inv.images, inv.images_unused, inv.images_dangling), (3, 2, 1));
    let running = cs.iter().filter(|c| c.state == "running").count();
    assert_eq!(
        (inv.containers, inv.containers_running, inv.containers_stopped),
        (3, running, 3 - running)
    );
    assert!(
        (1..3).contains(&running),
        "bad.json is `created`, the others were running when recorded"
    );
}

#[test]
fn top_processes() {
    assert_eq!(processes_from(&fixture("container_top.json")), ["/usr/sbin/sshd -D"]);
    let aux = serde_json::json!({"Titles": ["USER", "PID", "COMMAND"], "Processes": [["root", "1", "nginx: master process nginx -g daemon off;"], ["nginx", "7", "nginx: worker process"]]});
    assert_eq!(
        processes_from(&aux),
        ["nginx: master process nginx -g daemon off;", "nginx: worker process"]
    );
    let odd = serde_json::json!({"Titles": ["X"], "Processes": [["a", "b"], [], "junk"]});
    assert_eq!(processes_from(&odd), ["b"]);
    assert!(processes_from(&Value::Null).is_empty());
}
