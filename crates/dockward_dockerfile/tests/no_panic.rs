//! Property test: any input parses without panicking, and every span stays inside the text.
use dockward_dockerfile::{Model, parse};
use proptest::prelude::*;

fn fragments() -> impl Strategy<Value = String> {
    let pieces = prop::collection::vec(
        prop_oneof![
            Just("FROM a\n".to_string()),
            Just("RUN ".to_string()),
            Just("<<EOF\n".to_string()),
            Just("EOF\n".to_string()),
            Just("\\\n".to_string()),
            Just("`\n".to_string()),
            Just("# escape=`\n".to_string()),
            Just("${".to_string()),
            Just("}".to_string()),
            Just(":-".to_string()),
            Just("\"".to_string()),
            Just("'".to_string()),
            Just("[\"a\", ".to_string()),
            Just("ONBUILD ".to_string()),
            Just("COPY --from=x ".to_string()),
            Just("$(".to_string()),
            Just(")".to_string()),
            Just("|".to_string()),
            Just("&&".to_string()),
            Just("\r\n".to_string()),
            Just("é".to_string()),
            Just("\u{feff}".to_string()),
            "[ -~]{0,12}".prop_map(|s| s),
        ],
        0..40,
    );
    pieces.prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, .. ProptestConfig::default() })]
    #[test]
    fn never_panics(src in fragments()) {
        let df = parse(&src, None);
        for e in &df.errors {
            prop_assert!(e.span.end <= src.len() + 3);
        }
        for i in &df.instructions {
            prop_assert!(i.span.start <= i.span.end && i.span.end <= src.len());
            prop_assert!(src.is_char_boundary(i.keyword_span.start));
        }
        let m = Model::build(&df, &Default::default());
        for r in &m.runs {
            if let Some(s) = &r.script {
                for c in &s.commands {
                    if let Some(sp) = c.span { prop_assert!(sp.end <= src.len(), "{sp:?} > {}", src.len()); }
                }
            }
        }
    }
}

/// Inputs that crashed a fuzzer run once (fuzz/regressions, copied here so the suite keeps
/// them): each must parse and analyse without a panic.
#[test]
fn fuzz_regressions() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        let text = String::from_utf8_lossy(&std::fs::read(&p).unwrap()).into_owned();
        let df = parse(&text, None);
        let _ = Model::build(&df, &Default::default());
    }
}
