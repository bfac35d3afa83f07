//! Fuzz the Dockerfile pipeline end to end: parse → model → every rule, plus the shell
//! analyser and the variable expander run directly on the raw text.
//!
//! Invariants checked beyond "does not panic":
//! - every ParseError span lies within the text (start <= end <= len);
//! - every finding's location has start <= end (line, then column) and its byte range, when
//!   present, lies within the text.
//!
//! Panics raised inside brush-parser are caught by `dockward_dockerfile::shell` with
//! `catch_unwind` (it falls back to a plain word split and reports "shell parser failed"), so
//! they are not crashes of dockward. libFuzzer's panic hook aborts before unwinding, which would
//! report them anyway; [`install_panic_filter`] lets exactly those unwind and logs the first
//! one at each location (`[fuzz] brush-parser panic ...` on stderr). Set
//! `DOCKWARD_FUZZ_STRICT=1` to abort on them too (e.g. to reproduce fuzz/regressions/brush-*).
//! A brush-parser panic that escaped dockward's `catch_unwind` would still abort the process
//! through libfuzzer-sys's own `catch_unwind`, so nothing dockward fails to handle is hidden.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::collections::HashSet;
use std::sync::{Mutex, Once};

fn install_panic_filter() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        if std::env::var_os("DOCKWARD_FUZZ_STRICT").is_some() {
            return;
        }
        static SEEN: Mutex<Option<HashSet<String>>> = Mutex::new(None);
        // The hook in place is libfuzzer-sys's: print, then abort.
        let abort_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let loc = info.location().map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()));
            if let Some(loc) = loc.as_deref().filter(|l| l.contains("/brush-parser-")) {
                let mut seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
                if seen.get_or_insert_with(HashSet::new).insert(loc.to_string()) {
                    let msg = info
                        .payload()
                        .downcast_ref::<&str>()
                        .map(|s| s.to_string())
                        .or_else(|| info.payload().downcast_ref::<String>().cloned())
                        .unwrap_or_default();
                    eprintln!("[fuzz] brush-parser panic (caught by dockward) at {loc}: {msg}");
                }
                return;
            }
            abort_hook(info);
        }));
    });
}

fuzz_target!(|data: &[u8]| {
    install_panic_filter();
    let text = String::from_utf8_lossy(data);
    let text: &str = &text;
    let len = text.len();

    let df = dockward_dockerfile::parse(text, Some("fuzz"));
    assert_eq!(df.text.len(), len, "parsed text length differs from input");
    for e in &df.errors {
        assert!(
            e.span.start <= e.span.end && e.span.end <= len,
            "ParseError span {:?} out of text (len {len}): {}",
            e.span,
            e.message
        );
    }

    let model = dockward_dockerfile::Model::build(&df, &Default::default());
    let findings = dockward_rules::check_dockerfile(
        &df,
        &model,
        &dockward_core::Config::default(),
        &dockward_rules::ScanOptions { today: "2026-11-28" },
    );
    for f in &findings {
        let loc = &f.location;
        assert!(
            (loc.start.line, loc.start.column) <= (loc.end.line, loc.end.column),
            "{}: location start {:?} after end {:?}: {}",
            f.code(),
            loc.start,
            loc.end,
            f.message
        );
        if let Some(bytes) = &loc.bytes {
            assert!(
                bytes.start <= bytes.end && bytes.end <= len,
                "{}: byte range {bytes:?} out of text (len {len}): {}",
                f.code(),
                f.message
            );
        }
    }

    let _ = dockward_dockerfile::shell::analyze(text, &|r| dockward_dockerfile::Span::new(r.start, r.end));
    let _ = dockward_dockerfile::expand::expand(text, '\\', &|_| None);
});
