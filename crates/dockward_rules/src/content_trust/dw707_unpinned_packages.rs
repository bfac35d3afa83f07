//! ## What it does
//! Reports each package that a `RUN` installs without a version: `apt-get install`,
//! `apk add`, `pip install` (also `python -m pip`, `pipx`, `uv pip`), `npm install`
//! (also `yarn add`, `pnpm add`), `gem install`, `go install`/`go get`/`go run`,
//! `yum`/`dnf`/`microdnf`/`tdnf install` and `zypper install`. Each finding names the package
//! and the manager's own hadolint code. Wrappers (`sudo`, `env`), `ONBUILD RUN`, exec-form
//! `RUN`, `$(...)` and heredoc scripts are all looked at. A package given through an `ARG` or
//! `ENV` variable is checked after expansion; one whose value is unknown is reported as not
//! pinned, as hadolint does.
//!
//! Pinned means: `pkg=1.2` (apt, zypper), `pkg=1.2`/`pkg~1.2` (apk), `pkg==1.2` or any version
//! comparison (pip), `pkg@1.2` (npm), `pkg:1.2` or `-v 1.2` (gem), `pkg@v1.2` but not
//! `@latest` (go), `pkg-1.2` (yum/dnf), `name:stream` (dnf/yum modules). Local files
//! (`./x.deb`, `x.whl`, `./pkg`), requirement/constraint files (`pip install -r`) and pinned
//! VCS references (`git+https://...@v1`, `#commit`) count as pinned.
//!
//! ## Why is this bad?
//! An unpinned install takes whatever the repository serves on the day of the build: two
//! builds of the same Dockerfile give different images, a broken or compromised release is
//! picked up silently, and a vulnerability report on the image cannot be traced to a change in
//! the Dockerfile. Pinning makes the image reproducible and updates deliberate (a bot can bump
//! the pins).
//!
//! ## Example
//! ```dockerfile
//! FROM debian:12-slim
//! RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates
//! RUN pip install flask
//! RUN go install github.com/go-delve/delve/cmd/dlv@latest
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! FROM debian:12-slim
//! RUN apt-get update && apt-get install -y --no-install-recommends \
//!     curl=7.88.1-10+deb12u8 ca-certificates=20230311
//! RUN pip install flask==3.0.3
//! RUN go install github.com/go-delve/delve/cmd/dlv@v1.23.1
//! ```
//!
//! ## References
//! - hadolint DL3008 (apt-get), DL3013 (pip), DL3016 (npm), DL3018 (apk), DL3028 (gem),
//!   DL3033 (yum), DL3037 (zypper), DL3041 (dnf/microdnf), DL3062 (go); each finding names only
//!   its own code. `apt install`, `tdnf install` and `yarn`/`pnpm add` have no hadolint
//!   equivalent, so their findings name none.
//! - hadolint reports once per `RUN` at its first line; dockward reports every unpinned package
//!   at the package's own word (often on a continuation line).
//! - Differences from hadolint (where hadolint misses or misreads a command):
//!   commands behind `sudo`/`env`/`xargs` or called by path (`/usr/bin/apt-get`,
//!   `/venv/bin/pip`) are checked;
//!   option values are not packages (`apt-get install -c apt.conf`, `pip install --log pip.log`,
//!   `apk add --root /x`, `go install -tags netgo`, `gem install -i /gems`); `--` is not a
//!   package; local `.gem` and `.rpm` files, dnf groups (`@group`), Go standard-library and
//!   local packages (`std`, `cmd/vet`, `main.go`) and `go get x@none` (a removal) are not
//!   reported; `npm i`/`npm add` are checked like `npm install`, and `@latest` (npm) or
//!   `@master`/`@main`/`@upgrade` (go) do not count as a version; `pip install . flask` still
//!   checks `flask`; a package whose `ARG`/`ENV` value is pinned (`apt-get install $TOOLS`
//!   with `ARG TOOLS="jq=1.6-2.1"`) is not reported, and a `${VERSION}` part counts as the
//!   version of a yum/dnf package (`pkg-${VERSION}`). PowerShell/cmd stages are not shell
//!   scripts and are not checked.
//! - <https://docs.docker.com/build/building/best-practices/#apt-get>
//! - <https://github.com/hadolint/hadolint/wiki/DL3008>

use crate::prelude::*;
use crate::support::package_pins::{Install, Manager, is_pinned, parse_install};
use crate::support::supply_chain_scripts::{scripts, word_span};

pub static RULE: RuleMeta = RuleMeta {
    code: "DW707",
    name: "unpinned-packages",
    summary: "Package installed without a pinned version",
    practice: Practice::ContentTrust,
    surfaces: &[Surface::Dockerfile],
    severity: Severity::Low,
    equivalents: &[
        "DL3008", "DL3013", "DL3016", "DL3018", "DL3028", "DL3033", "DL3037", "DL3041", "DL3062",
    ],
    default_enabled: true,
};

pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    for sref in scripts(ctx) {
        for cmd in &sref.script.commands {
            let eff = cmd.effective();
            let Some(install) = parse_install(&eff) else { continue };
            for w in &install.packages {
                if is_pinned(install.manager, &mask_substitutions(&w.value), install.modules) {
                    continue;
                }
                let span = word_span(w, cmd, sref.inst);
                for (shown, via) in unpinned_names(ctx, sref.index, &install, w) {
                    let fix = fix_for(&install, &shown);
                    let message = match via {
                        Some(note) => format!(
                            "`{}` installs `{shown}` without a pinned version ({note})",
                            install.command
                        ),
                        None => format!(
                            "`{}` installs `{shown}` without a pinned version",
                            install.command
                        ),
                    };
                    out.push(
                        ctx.finding(&RULE, span, message)
                            .with_fix(fix)
                            .with_equivalents(install.manager.dl_code()),
                    );
                }
            }
        }
    }
}

/// `curl=$(cat /v)` → `curl=$S`: what a substitution prints is unknown, so only the text around
/// it can show a version.
fn mask_substitutions(v: &str) -> String {
    let ranges = dockward_dockerfile::shell::substitution_ranges(v);
    if ranges.is_empty() {
        return v.to_string();
    }
    let mut out = String::new();
    let mut last = 0;
    for (s, e) in ranges {
        // `$(` before the contents, `)` after; backticks are one byte each side.
        let open =
            if v.get(..s).is_some_and(|h| h.ends_with("$(")) { s - 2 } else { s.saturating_sub(1) };
        out.push_str(v.get(last..open).unwrap_or(""));
        out.push_str("$S");
        last = (e + 1).min(v.len());
    }
    out.push_str(v.get(last..).unwrap_or(""));
    out
}

/// The unpinned package names a word stands for, with a note on where they come from. A word
/// holding variables is expanded with the ARG/ENV values in scope.
fn unpinned_names(
    ctx: &DockerfileCtx,
    inst: usize,
    install: &Install,
    w: &ShellWord,
) -> Vec<(String, Option<String>)> {
    let v = w.value.as_str();
    if !v.contains('$') {
        return vec![(v.to_string(), None)];
    }
    if v.contains("$(") || v.contains('`') {
        return vec![(
            v.to_string(),
            Some("a command substitution whose result cannot be checked".into()),
        )];
    }
    let ex = ctx.model.expand_at(inst, v);
    if !ex.is_complete() {
        let names = ex.unresolved.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
        let note = if names.is_empty() {
            "a variable without a known value".to_string()
        } else {
            format!("{names} has no known value")
        };
        return vec![(v.to_string(), Some(note))];
    }
    ex.value
        .split_whitespace()
        .filter(|p| !is_pinned(install.manager, p, install.modules) && !p.starts_with('-'))
        .map(|p| (p.to_string(), Some(format!("from `{v}`"))))
        .collect()
}

fn fix_for(install: &Install, pkg: &str) -> String {
    if pkg.contains('$') || pkg.contains('`') {
        return format!(
            "Make every package in `{pkg}` carry a version ({}), or list the packages with their versions here.",
            install.manager.pin_example("name")
        );
    }
    if install.manager == Manager::Pip && pkg.contains("://") {
        return format!("Pin the repository to a tag or commit: `{pkg}@<tag or commit>`.");
    }
    let bare = match install.manager {
        Manager::Npm | Manager::Yarn => pkg.strip_suffix("@latest").unwrap_or(pkg),
        _ => pkg,
    };
    let pin = install.manager.pin_example(bare);
    match install.manager {
        Manager::Go => format!("Install a released version: {pin}."),
        _ if install.modules => format!("Name the module stream: `{pkg}:<stream>`."),
        _ => format!(
            "Pin the version: {pin}, and update pins deliberately (e.g. with Renovate or Dependabot)."
        ),
    }
}
