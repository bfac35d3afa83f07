//! Snapshots of every format on the fixed sample report (tests/common).

mod common;

use dockward_report::{Format, TextOptions, write};

fn render(sample: &common::Sample, format: Format, opts: TextOptions) -> String {
    let mut out = Vec::new();
    write(&sample.report(), format, &opts, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn plain() -> TextOptions {
    TextOptions { color: false, show_suppressed: false, code_frames: true, scanned: None }
}

#[test]
fn text() {
    insta::assert_snapshot!(render(&common::sample(), Format::Text, plain()));
}

#[test]
fn text_show_suppressed() {
    let opts = TextOptions { show_suppressed: true, ..plain() };
    insta::assert_snapshot!(render(&common::sample(), Format::Text, opts));
}

#[test]
fn text_without_code_frames() {
    let opts = TextOptions { code_frames: false, ..plain() };
    insta::assert_snapshot!(render(&common::sample(), Format::Text, opts));
}

#[test]
fn text_color() {
    let opts = TextOptions { color: true, ..plain() };
    let out = render(&common::sample(), Format::Text, opts);
    assert!(out.contains("\x1b["));
    // Escape characters made visible so the snapshot is readable.
    insta::assert_snapshot!(out.replace('\x1b', "␛"));
    // Without colour there is no escape at all.
    assert!(!render(&common::sample(), Format::Text, plain()).contains('\x1b'));
}

#[test]
fn text_empty() {
    let out = render(&common::empty(), Format::Text, plain());
    assert_eq!(out, "No findings in 3 files.\n");
}

#[test]
fn json() {
    insta::assert_snapshot!(render(&common::sample(), Format::Json, plain()));
}

#[test]
fn sarif() {
    insta::assert_snapshot!(render(&common::sample(), Format::Sarif, plain()));
}

#[test]
fn junit() {
    insta::assert_snapshot!(render(&common::sample(), Format::Junit, plain()));
}

#[test]
fn github() {
    insta::assert_snapshot!(render(&common::sample(), Format::Github, plain()));
}

#[test]
fn empty_reports() {
    let s = common::empty();
    assert_eq!(render(&s, Format::Github, plain()), "");
    let junit = render(&s, Format::Junit, plain());
    assert!(junit.contains(
        "<testsuite name=\"dockward\" tests=\"0\" failures=\"0\" errors=\"0\" skipped=\"0\">"
    ));
    let json: serde_json::Value = serde_json::from_str(&render(&s, Format::Json, plain())).unwrap();
    assert_eq!(json["findings"], serde_json::json!([]));
    assert_eq!(json["summary"]["findings"], 0);
    let sarif: serde_json::Value =
        serde_json::from_str(&render(&s, Format::Sarif, plain())).unwrap();
    assert_eq!(sarif["runs"][0]["results"], serde_json::json!([]));
    assert_eq!(sarif["runs"][0]["invocations"][0]["executionSuccessful"], true);
}

#[test]
fn output_is_deterministic() {
    for format in dockward_report::Format::ALL {
        let a = render(&common::sample(), format, plain());
        let b = render(&common::sample(), format, plain());
        assert_eq!(a, b, "{format}");
        assert!(!a.contains("/work/"), "{format} leaks an absolute path");
    }
}
