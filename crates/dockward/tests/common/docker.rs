//! Helpers for the tests that need the Docker daemon (`host*.rs`): running the `docker` CLI,
//! whether a daemon answers, whether it must (`DOCKWARD_REQUIRE_DOCKER=1`, as `.ci/run` sets),
//! and the static busybox that `FROM scratch` test images are built around.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// `DOCKWARD_REQUIRE_DOCKER=1`: a missing daemon or tool fails the test instead of skipping it.
pub(crate) fn require_docker() -> bool {
    std::env::var("DOCKWARD_REQUIRE_DOCKER").is_ok_and(|v| v == "1")
}

pub(crate) fn docker(args: &[&str]) -> Output {
    Command::new("docker")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run `docker {}`: {e}", args.join(" ")))
}

/// `docker ARGS`, which must succeed; its standard output, trimmed.
pub(crate) fn docker_ok(args: &[&str]) -> String {
    let out = docker(args);
    assert!(
        out.status.success(),
        "`docker {}` failed: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// Does a daemon answer? `Err(reason)` when not.
pub(crate) fn daemon_answers() -> Result<(), String> {
    match Command::new("docker").args(["version", "--format", "{{.Server.APIVersion}}"]).output() {
        Err(e) => Err(format!("no `docker` CLI ({e})")),
        Ok(o) if !o.status.success() => Err(format!(
            "the Docker daemon does not answer: {}",
            String::from_utf8_lossy(&o.stderr).trim()
        )),
        Ok(_) => Ok(()),
    }
}

/// True when `path` is a 64-bit little-endian ELF executable without a PT_INTERP program
/// header (statically linked), so it runs in a `FROM scratch` image.
pub(crate) fn is_static_elf(path: &Path) -> bool {
    let Ok(b) = std::fs::read(path) else { return false };
    if b.len() < 64 || &b[..4] != b"\x7fELF" || b[4] != 2 || b[5] != 1 {
        return false;
    }
    let u16_at = |o: usize| u16::from_le_bytes([b[o], b[o + 1]]) as usize;
    let phoff = u64::from_le_bytes(b[0x20..0x28].try_into().unwrap()) as usize;
    let (phentsize, phnum) = (u16_at(0x36), u16_at(0x38));
    (0..phnum).all(|i| {
        let o = phoff + i * phentsize;
        o + 4 <= b.len() && u32::from_le_bytes(b[o..o + 4].try_into().unwrap()) != 3 // PT_INTERP
    })
}

/// A statically linked busybox (`apt-get install busybox-static`), if there is one.
pub(crate) fn static_busybox() -> Option<PathBuf> {
    ["/bin/busybox", "/usr/bin/busybox"].iter().map(PathBuf::from).find(|p| is_static_elf(p))
}
