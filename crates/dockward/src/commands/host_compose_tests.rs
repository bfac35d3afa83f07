//! Fake live containers (as `dockward_docker::normalize` builds them: no file, API paths) next
//! to a compose file in a temporary directory; no Docker needed.

use super::*;
use dockward_rules::prelude::{Located, SourceLoc};

const COMPOSE: &str = "\
services:
  web:
    image: busybox
    privileged: true
  worker:
    image: busybox
    cap_add:
      - NET_ADMIN
      - SYS_ADMIN
  calm:
    image: busybox
";

fn api(path: &str) -> SourceLoc {
    SourceLoc { path: path.into(), ..Default::default() }
}

/// A live container of service `service` in project `proj`, its compose files as labelled.
fn live(name: &str, service: &str, files: &[&str], dir: &Path) -> ContainerSpec {
    let mut spec = ContainerSpec { name: name.into(), loc: api(name), ..Default::default() };
    let rt = spec.runtime.get_or_insert_with(Default::default);
    rt.id = format!("id-{name}");
    rt.compose_project = Some("proj".into());
    rt.compose_service = Some(service.into());
    rt.compose_files = files.iter().map(|f| f.to_string()).collect();
    rt.compose_working_dir = Some(dir.to_string_lossy().into_owned());
    spec
}

fn privileged(mut spec: ContainerSpec) -> ContainerSpec {
    spec.privileged = Some(Located::new(true, api("HostConfig.Privileged")));
    spec
}

fn caps(mut spec: ContainerSpec, caps: &[&str]) -> ContainerSpec {
    spec.cap_add = caps
        .iter()
        .enumerate()
        .map(|(i, c)| Located::new(c.to_string(), api(&format!("HostConfig.CapAdd[{i}]"))))
        .collect();
    spec
}

fn config(codes: &[&str]) -> Config {
    Config { select: Some(codes.iter().map(|c| c.to_string()).collect()), ..Default::default() }
}

/// Container findings, then located; the notes.
fn run(specs: &[ContainerSpec], codes: &[&str], cwd: Option<&Path>) -> (Vec<Finding>, Vec<String>) {
    let config = config(codes);
    let opts = RunOptions { today: "2026-11-28", ..Default::default() };
    let mut findings = dockward_rules::check_containers(specs, &config, &opts);
    let notes = locate_in(specs, &mut findings, &config, &opts, cwd, &BTreeMap::new());
    (findings, notes)
}

fn project_dir(compose: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("compose.yaml");
    std::fs::write(&file, compose).unwrap();
    (dir, file)
}

fn line_of(text: &str, needle: &str) -> u32 {
    text.lines().position(|l| l.contains(needle)).map(|i| i as u32 + 1).unwrap()
}

#[test]
fn finding_takes_the_file_and_line_of_the_setting() {
    let (dir, file) = project_dir(COMPOSE);
    let abs = file.to_string_lossy().into_owned();
    let specs = [privileged(live("proj-web-1", "web", &[&abs], dir.path()))];
    // Outside the current directory: the path stays absolute.
    let (findings, notes) = run(&specs, &["DW502"], None);
    assert!(notes.is_empty(), "{notes:?}");
    let [f] = &findings[..] else { panic!("{findings:#?}") };
    assert_eq!(f.location.file.as_deref(), Some(abs.as_str()));
    assert_eq!(
        (f.location.start.line, f.location.start.column),
        (line_of(COMPOSE, "privileged"), 5)
    );
    assert_eq!(f.surface, Surface::Container);
    assert_eq!(f.target.as_deref(), Some("proj-web-1"));
    assert!(f.message.starts_with("container `proj-web-1` runs privileged"), "{}", f.message);
    assert!(f.message.ends_with(" (Compose service `web`)"), "{}", f.message);
    // The fix is the file's, not `docker run`'s.
    assert!(f.fix.as_deref().unwrap().contains("privileged: true"), "{:?}", f.fix);

    // Inside the current directory: relative, as `scan` shows it.
    let (findings, _) = run(&specs, &["DW502"], Some(dir.path()));
    assert_eq!(findings[0].location.file.as_deref(), Some("compose.yaml"));
}

#[test]
fn each_finding_of_a_code_goes_to_its_own_line() {
    let (dir, _) = project_dir(COMPOSE);
    // Compose v1 labels the files relative to the working directory; the container lists the
    // capabilities in the other order.
    let specs = [caps(
        live("proj_worker_1", "worker", &["compose.yaml"], dir.path()),
        &["SYS_ADMIN", "NET_ADMIN"],
    )];
    let (findings, notes) = run(&specs, &["DW503"], Some(dir.path()));
    assert!(notes.is_empty(), "{notes:?}");
    assert_eq!(findings.len(), 2, "{findings:#?}");
    for cap in ["SYS_ADMIN", "NET_ADMIN"] {
        let f = findings.iter().find(|f| f.message.contains(&format!("`{cap}`"))).unwrap();
        assert_eq!(f.location.file.as_deref(), Some("compose.yaml"));
        assert_eq!(f.location.start.line, line_of(COMPOSE, cap), "{cap}: {f:#?}");
        assert!(f.message.ends_with(" (Compose service `worker`)"), "{}", f.message);
    }
}

#[test]
fn missing_file_leaves_findings_file_less_with_one_note_per_project() {
    let dir = tempfile::tempdir().unwrap();
    let gone = dir.path().join("gone.yaml");
    let gone_s = gone.to_string_lossy().into_owned();
    let specs = [
        privileged(live("proj-web-1", "web", &[&gone_s], dir.path())),
        privileged(live("proj-web-2", "web", &[&gone_s], dir.path())),
    ];
    let (findings, notes) = run(&specs, &["DW502"], None);
    assert_eq!(
        notes,
        [format!(
            "dockward: note: compose file {gone_s} of project proj not readable (No such file or directory (os error 2)); findings for its containers have no file location"
        )]
    );
    assert_eq!(findings.len(), 2);
    for f in &findings {
        assert_eq!(f.location, Location::default());
        assert!(f.message.ends_with(" (Compose service `web`)"), "{}", f.message);
    }
    // A directory where the file was is not read either.
    let specs =
        [privileged(live("proj-web-1", "web", &[&dir.path().to_string_lossy()], dir.path()))];
    let (_, notes) = run(&specs, &["DW502"], None);
    assert!(notes[0].contains("(not a regular file)"), "{notes:?}");
    // No files recorded.
    let specs = [privileged(live("proj-web-1", "web", &[], dir.path()))];
    let (findings, notes) = run(&specs, &["DW502"], None);
    assert!(notes[0].contains("does not record its compose files"), "{notes:?}");
    assert!(findings[0].location.file.is_none());
}

#[test]
fn setting_not_in_the_file_is_placed_at_the_service_and_says_so() {
    // `calm` is not privileged in the file as it reads now.
    let (dir, file) = project_dir(COMPOSE);
    let abs = file.to_string_lossy().into_owned();
    let specs = [privileged(live("proj-calm-1", "calm", &[&abs], dir.path()))];
    let (findings, notes) = run(&specs, &["DW502"], Some(dir.path()));
    assert!(notes.is_empty(), "{notes:?}");
    let f = &findings[0];
    assert_eq!(f.location.file.as_deref(), Some("compose.yaml"));
    assert_eq!((f.location.start.line, f.location.start.column), (line_of(COMPOSE, "calm:"), 3));
    assert!(
        f.message.ends_with(" (Compose service `calm`; located at the service because the compose file as it reads now does not show this: it comes from outside the file (the image, the daemon, a change made to the container), or the file changed after the container was created)"),
        "{}",
        f.message
    );
    // The container's own fix stays: the file has nothing to remove.
    assert!(f.fix.as_deref().unwrap().contains("--privileged"), "{:?}", f.fix);

    // A service the file no longer defines: no location.
    let specs = [privileged(live("proj-old-1", "old", &[&abs], dir.path()))];
    let (findings, _) = run(&specs, &["DW502"], Some(dir.path()));
    assert!(findings[0].location.file.is_none());
    assert!(
        findings[0].message.ends_with(
            " (Compose service `old`, which compose.yaml as it reads now does not define)"
        ),
        "{}",
        findings[0].message
    );
}

#[test]
fn suppression_comment_in_the_file_applies() {
    let text = "services:\n  web:\n    image: busybox\n    # dockward: ignore[DW502] test rig\n    privileged: true\n";
    let (dir, file) = project_dir(text);
    let specs = [privileged(live("proj-web-1", "web", &[&file.to_string_lossy()], dir.path()))];
    let (findings, _) = run(&specs, &["DW502"], None);
    assert!(findings[0].suppressed.is_some(), "{:#?}", findings[0]);
}

#[test]
fn env_file_and_project_dir_resolve_interpolation() {
    // `.env` next to the file (the working directory label) sets the variable.
    let text = "services:\n  web:\n    image: busybox\n    privileged: ${PRIV}\n";
    let (dir, file) = project_dir(text);
    std::fs::write(dir.path().join(".env"), "PRIV=true\n").unwrap();
    let specs = [privileged(live("proj-web-1", "web", &[&file.to_string_lossy()], dir.path()))];
    let (findings, _) = run(&specs, &["DW502"], None);
    assert_eq!(findings[0].location.start.line, 4, "{:#?}", findings[0]);
    assert!(findings[0].message.ends_with(" (Compose service `web`)"), "{}", findings[0].message);
}

#[test]
fn other_containers_and_findings_are_untouched() {
    let (dir, file) = project_dir(COMPOSE);
    let plain =
        privileged(ContainerSpec { name: "solo".into(), loc: api("solo"), ..Default::default() });
    let specs =
        [plain, privileged(live("proj-web-1", "web", &[&file.to_string_lossy()], dir.path()))];
    let (findings, _) = run(&specs, &["DW502"], None);
    let solo = findings.iter().find(|f| f.target.as_deref() == Some("solo")).unwrap();
    assert!(solo.location.file.is_none() && !solo.message.contains("Compose"), "{solo:#?}");
}

#[test]
fn message_names_the_container_when_the_rule_does_not() {
    let f = Finding::new(
        &dockward_rules::least_privilege::dw502_privileged::RULE,
        Surface::Container,
        Location::default(),
        "runs privileged",
    )
    .with_target("c1");
    assert_eq!(naming(&f, "c1", "web", ""), " (container `c1`, Compose service `web`)");
}

#[test]
fn paths_are_relative_inside_the_current_directory_only() {
    assert_eq!(shown(Path::new("/a/b/c.yaml"), Some(Path::new("/a"))), "b/c.yaml");
    assert_eq!(shown(Path::new("/a/./b/../c.yaml"), Some(Path::new("/a"))), "c.yaml");
    assert_eq!(shown(Path::new("/x/c.yaml"), Some(Path::new("/a"))), "/x/c.yaml");
    assert_eq!(shown(Path::new("/ab/c.yaml"), Some(Path::new("/a"))), "/ab/c.yaml");
    assert_eq!(shown(Path::new("/a/c.yaml"), None), "/a/c.yaml");
}
