//! Finding the files to scan: walks directories (respecting .gitignore, .ignore and
//! .dockerignore-free defaults like ripgrep) and picks the Dockerfiles by name.

use std::path::{Path, PathBuf};

/// Dockerfile names: `Dockerfile`, `Dockerfile.*`, `Dockerfile-*`, `Dockerfile2`, `Containerfile*`,
/// `*.Dockerfile`, `*.dockerfile` (case-insensitive). Not `*.dockerignore` (per-Dockerfile
/// ignore files) nor Markdown.
pub(crate) fn is_dockerfile_name(name: &str) -> bool {
    let l = name.to_ascii_lowercase();
    if l.ends_with(".dockerignore")
        || l.ends_with(".md")
        || l.ends_with(".rej")
        || l.ends_with(".orig")
        || l.ends_with(".swp")
    {
        return false;
    }
    l.starts_with("dockerfile")
        || l.starts_with("containerfile")
        || l.ends_with(".dockerfile")
        || l.ends_with(".containerfile")
}

/// How a YAML file takes part in Compose: one of the default names (with its rank in Compose's
/// order of preference), an override file, or a variant (`docker-compose.prod.yml`,
/// `compose-dev.yaml`, `app.compose.yaml`) linted on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ComposeName {
    Default(usize),
    Override(usize),
    Variant,
}

pub(crate) fn compose_name(name: &str) -> Option<ComposeName> {
    use dockward_compose::project::{DEFAULT_FILES, DEFAULT_OVERRIDE_FILES};
    if let Some(i) = DEFAULT_FILES.iter().position(|d| *d == name) {
        return Some(ComposeName::Default(i));
    }
    if let Some(i) = DEFAULT_OVERRIDE_FILES.iter().position(|d| *d == name) {
        return Some(ComposeName::Override(i));
    }
    let l = name.to_ascii_lowercase();
    let yaml = l.ends_with(".yml") || l.ends_with(".yaml");
    if yaml
        && (l.starts_with("compose") || l.starts_with("docker-compose") || l.contains(".compose."))
    {
        return Some(ComposeName::Variant);
    }
    None
}

#[derive(Debug)]
pub(crate) enum Input {
    File(PathBuf),
    /// A Compose project: its files in merge order.
    Compose(Vec<PathBuf>),
    Stdin,
}

/// Group the Compose files of one directory into projects, as `docker compose` would run in
/// it: the preferred default file plus the preferred override; every other file (a second
/// default name, a lone override, each variant) is linted on its own, so none is skipped.
fn compose_projects(mut files: Vec<(PathBuf, ComposeName)>) -> Vec<Vec<PathBuf>> {
    files.sort_by(|a, b| a.0.cmp(&b.0));
    let main = files
        .iter()
        .filter_map(|(p, k)| match k {
            ComposeName::Default(i) => Some((*i, p.clone())),
            _ => None,
        })
        .min();
    let over = files
        .iter()
        .filter_map(|(p, k)| match k {
            ComposeName::Override(i) => Some((*i, p.clone())),
            _ => None,
        })
        .min();
    let mut out = Vec::new();
    let mut used = Vec::new();
    if let Some((_, m)) = &main {
        let mut proj = vec![m.clone()];
        used.push(m.clone());
        if let Some((_, o)) = &over {
            proj.push(o.clone());
            used.push(o.clone());
        }
        out.push(proj);
    }
    for (p, _) in files {
        if !used.contains(&p) {
            out.push(vec![p]);
        }
    }
    out
}

/// Expand paths into inputs. Directories are walked; explicit files are kept whatever their
/// name (the caller types them). Errors (missing paths, unreadable directories) are returned,
/// never dropped.
pub(crate) fn discover(
    paths: &[PathBuf],
    respect_ignore: bool,
) -> (Vec<Input>, Vec<(String, String)>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let paths: Vec<PathBuf> =
        if paths.is_empty() { vec![PathBuf::from(".")] } else { paths.to_vec() };
    for p in &paths {
        if p.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        if p.is_file() {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            match compose_name(name) {
                // A default-named file brings its override along, as `docker compose` does.
                Some(ComposeName::Default(_)) => {
                    let dir = p.parent().map(Path::to_path_buf).unwrap_or_default();
                    let mut files = vec![(p.clone(), ComposeName::Default(0))];
                    for o in dockward_compose::project::DEFAULT_OVERRIDE_FILES {
                        let op = dir.join(o);
                        if op.is_file() {
                            files.push((op, ComposeName::Override(0)));
                            break;
                        }
                    }
                    inputs.push(Input::Compose(compose_projects(files).remove(0)));
                }
                Some(_) => inputs.push(Input::Compose(vec![p.clone()])),
                None => inputs.push(Input::File(p.clone())),
            }
            continue;
        }
        if !p.is_dir() {
            errors.push((display(p), "no such file or directory".to_string()));
            continue;
        }
        let walker = ignore::WalkBuilder::new(p)
            .hidden(false)
            .git_ignore(respect_ignore)
            .git_global(respect_ignore)
            .git_exclude(respect_ignore)
            .ignore(respect_ignore)
            .parents(respect_ignore)
            .require_git(false)
            .filter_entry(|e| e.file_name() != ".git")
            .build();
        let mut found = Vec::new();
        let mut compose: std::collections::BTreeMap<PathBuf, Vec<(PathBuf, ComposeName)>> =
            Default::default();
        for entry in walker {
            match entry {
                Ok(e) => {
                    if !e.file_type().is_some_and(|t| t.is_file()) {
                        continue;
                    }
                    let Some(name) = e.file_name().to_str() else { continue };
                    if is_dockerfile_name(name) {
                        found.push(e.into_path());
                    } else if let Some(kind) = compose_name(name) {
                        let path = e.into_path();
                        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
                        compose.entry(dir).or_default().push((path, kind));
                    }
                }
                Err(err) => errors.push((display(p), err.to_string())),
            }
        }
        found.sort();
        inputs.extend(found.into_iter().map(Input::File));
        for (_, files) in compose {
            inputs.extend(compose_projects(files).into_iter().map(Input::Compose));
        }
    }
    (inputs, errors)
}

/// Path as shown in reports: without a leading `./`, with forward slashes.
pub(crate) fn display(p: &Path) -> String {
    let s = p.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for n in [
            "Dockerfile",
            "Dockerfile.alpine",
            "Dockerfile-windows",
            "Dockerfile2",
            "Dockerfile_test",
            "Containerfile",
            "base.Dockerfile",
            "app.dockerfile",
            "dockerfile",
        ] {
            assert!(is_dockerfile_name(n), "{n}");
        }
        for n in [
            "Dockerfile.dockerignore",
            "README.md",
            "docker-compose.yml",
            "Makefile",
            "Dockerfile.md",
        ] {
            assert!(!is_dockerfile_name(n), "{n}");
        }
        assert_eq!(compose_name("compose.yaml"), Some(ComposeName::Default(0)));
        assert_eq!(compose_name("docker-compose.override.yml"), Some(ComposeName::Override(2)));
        for v in [
            "docker-compose.prod.yml",
            "docker-compose-v3.yml",
            "compose-dev.yaml",
            "app.compose.yaml",
        ] {
            assert_eq!(compose_name(v), Some(ComposeName::Variant), "{v}");
        }
        assert_eq!(compose_name("config.yml"), None);
    }

    #[test]
    fn groups_projects() {
        let f = |n: &str, k| (PathBuf::from(n), k);
        let g = compose_projects(vec![
            f("d/docker-compose.yml", ComposeName::Default(2)),
            f("d/compose.yaml", ComposeName::Default(0)),
            f("d/compose.override.yaml", ComposeName::Override(1)),
            f("d/docker-compose.prod.yml", ComposeName::Variant),
        ]);
        assert_eq!(
            g[0],
            vec![PathBuf::from("d/compose.yaml"), PathBuf::from("d/compose.override.yaml")]
        );
        assert_eq!(g.len(), 3, "the second default name and the variant are linted alone: {g:?}");
    }
}
