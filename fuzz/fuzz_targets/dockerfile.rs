//! Fuzz the Dockerfile pipeline end to end: parse → model → every rule, plus the shell
//! analyser and the variable expander run directly on the raw text.
//!
//! Invariants checked beyond "does not panic":
//! - every ParseError span lies within the text (start <= end <= len);
//! - every finding's location has start <= end (line, then column) and its byte range, when
//!   present, lies within the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
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
