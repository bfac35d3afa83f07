//! Hostile-input smoke test: truncated and corrupted variants of the fixtures must load (or
//! fail with located errors) without panicking.

use std::path::Path;

use dockward_compose::{LoadOptions, load_project};

#[test]
fn truncated_and_corrupted_fixtures_do_not_panic() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let sources = [
        "syntax/compose.yaml",
        "normalize/compose.yaml",
        "interp/compose.yaml",
        "anchors/compose.yaml",
        "extends/compose.yaml",
    ];
    let dir = std::env::temp_dir().join(format!("dockward-compose-nopanic-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("compose.yaml");
    let mut runs = 0;
    for src in sources {
        let text = std::fs::read_to_string(fixtures.join(src)).unwrap();
        let bytes = text.as_bytes();
        let mut variants: Vec<Vec<u8>> = Vec::new();
        for cut in (0..bytes.len()).step_by(13) {
            variants.push(bytes[..cut].to_vec());
        }
        for (i, junk) in [b'[', b'{', b'&', b'*', b'$', b'"', b'\'', b':', b'-', b'\t', b'!', b'|']
            .iter()
            .enumerate()
        {
            for pos in (i * 5..bytes.len()).step_by(41) {
                let mut v = bytes.to_vec();
                v[pos] = *junk;
                variants.push(v);
            }
        }
        for v in variants {
            std::fs::write(&f, &v).unwrap();
            let p = std::panic::catch_unwind(|| {
                load_project(std::slice::from_ref(&f), &LoadOptions::default())
            });
            let p = p.unwrap_or_else(|_| {
                panic!("panic on variant of {src}: {:?}", String::from_utf8_lossy(&v))
            });
            for d in &p.diagnostics {
                assert!(d.file.is_some(), "unlocated: {d}");
            }
            runs += 1;
        }
    }
    assert!(runs > 200);
    let _ = std::fs::remove_dir_all(dir);
}
