//! Fixtures of the rules that only live containers have (DW105, DW1206, the running-sshd part of
//! DW906, DW604 and DW104 on a container's own environment and image): a live container's
//! runtime state (its processes, its health, the image its tag points to now) has no file
//! form, so these fixtures are built here, in code, as the Engine normaliser builds them.

use dockward_spec::ContainerSpec;
use dockward_spec::container::{ImageSpecRef, Located, RuntimeState, SourceLoc};

fn at<T>(v: T, path: &str) -> Located<T> {
    Located::new(v, SourceLoc { path: path.into(), ..Default::default() })
}

/// A live container as the engine builds it: `runtime` set, image reference `Config.Image`.
fn live(name: &str, image: &str) -> ContainerSpec {
    let parsed = dockward_spec::ImageRef::parse(image).ok();
    ContainerSpec {
        name: name.into(),
        image: Some(at(
            ImageSpecRef { raw: image.into(), parsed, error: None, unresolved: false },
            "Config.Image",
        )),
        runtime: Some(RuntimeState {
            id: format!("{name}-id"),
            image_id: Some(
                "sha256:1111111111111111111111111111111111111111111111111111111111111111".into(),
            ),
            state: "running".into(),
            ..Default::default()
        }),
        ..Default::default()
    }
}

fn rt(s: &mut ContainerSpec) -> &mut RuntimeState {
    s.runtime.as_mut().unwrap()
}

/// The bad and good live containers of `code`: each bad one must give exactly one finding of
/// the rule, the good ones none. None when the rule has no such fixture.
pub(crate) fn cases(code: &str) -> Option<(Vec<ContainerSpec>, Vec<ContainerSpec>)> {
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
    cases.into_iter().find(|(c, _, _)| *c == code).map(|(_, bad, good)| (bad, good))
}
