//! Parser behaviour on the BuildKit grammar's corner cases. Each test states the rule it pins.

use dockward_dockerfile::ast::Keyword;
use dockward_dockerfile::instruction::{self, CommandForm};
use dockward_dockerfile::model::BaseKind;
use dockward_dockerfile::{Model, parse};
use std::collections::BTreeMap;

fn kws(src: &str) -> Vec<String> {
    parse(src, None).instructions.iter().map(|i| i.keyword.as_str().to_string()).collect()
}

#[test]
fn continuation_skips_comments_and_blank_lines() {
    let src =
        "FROM alpine\nRUN apk add \\\n  # a comment inside\n\n    curl \\\n    git\nUSER app\n";
    let df = parse(src, None);
    assert!(df.errors.is_empty(), "{:?}", df.errors);
    let run = &df.instructions[1];
    assert_eq!(run.args_text(), "apk add     curl     git");
    // The word `git` maps back to line 6.
    let pos = run.args_text().find("git").unwrap();
    let span = run.args_subspan(pos..pos + 3);
    assert_eq!(df.slice(span), "git");
    assert_eq!(df.position(span.start).line, 6);
    assert_eq!(df.comments.len(), 1);
    assert_eq!(kws(src), vec!["FROM", "RUN", "USER"]);
}

#[test]
fn escape_directive_backtick_for_windows() {
    let src = "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN powershell -Command `\n    Write-Host hi\nCOPY C:\\src\\app C:\\app\\\n";
    let df = parse(src, None);
    assert!(df.errors.is_empty(), "{:?}", df.errors);
    assert_eq!(df.directives.escape, '`');
    assert_eq!(df.instructions[1].args_text(), "powershell -Command     Write-Host hi");
    // A trailing backslash is not a continuation under the backtick escape.
    assert_eq!(df.instructions.len(), 3);
    let m = Model::build(&df, &BTreeMap::new());
    assert!(m.stages[0].windows);
}

#[test]
fn directives_only_at_the_top() {
    let df =
        parse("# syntax=docker/dockerfile:1.7\n# check=skip=all\n\n# escape=`\nFROM a\n", None);
    assert_eq!(df.directives.syntax.as_ref().unwrap().0, "docker/dockerfile:1.7");
    assert!(df.directives.check.is_some());
    assert_eq!(df.directives.escape, '\\', "a directive after a blank line is a comment");
    let df = parse("# escape=x\nFROM a\n", None);
    assert!(df.errors[0].message.contains("invalid escape"));
    let df = parse("# escape=`\n# escape=\\\nFROM a\n", None);
    assert!(df.errors.iter().any(|e| e.message.contains("only one escape")));
}

#[test]
fn heredocs() {
    let src = "FROM alpine\nRUN <<EOF\napk add curl\ncurl -fsSL https://x | sh\nEOF\nRUN <<-\"A\" cat > /a && <<B cat > /b\n\tliteral $X\n\tA\nb body\nB\nCOPY <<EOF /etc/app.conf\nkey=value\nEOF\nUSER app\n";
    let df = parse(src, None);
    assert!(df.errors.is_empty(), "{:?}", df.errors);
    assert_eq!(kws(src), vec!["FROM", "RUN", "RUN", "COPY", "USER"]);
    let r1 = &df.instructions[1];
    assert_eq!(r1.heredocs[0].name, "EOF");
    assert_eq!(r1.heredocs[0].body, "apk add curl\ncurl -fsSL https://x | sh\n");
    let r2 = &df.instructions[2];
    assert_eq!(r2.heredocs.len(), 2);
    assert!(r2.heredocs[0].chomp && r2.heredocs[0].quoted);
    assert_eq!(r2.heredocs[0].body, "literal $X\n");
    assert_eq!(r2.heredocs[1].body, "b body\n");
    assert_eq!(df.instructions[3].heredocs[0].body, "key=value\n");
    // The heredoc body of `RUN <<EOF` is the script: its commands are analysed.
    let m = Model::build(&df, &BTreeMap::new());
    let s = m.run(1).unwrap().script.as_ref().unwrap();
    let names: Vec<_> = s.commands.iter().filter_map(|c| c.name()).collect();
    assert_eq!(names, vec!["apk", "curl", "sh"]);
    let curl = s.commands.iter().find(|c| c.name() == Some("curl")).unwrap();
    assert_eq!(df.position(curl.span.unwrap().start).line, 4);
}

#[test]
fn unterminated_heredoc_is_an_error() {
    let df = parse("FROM a\nRUN <<EOF\necho hi\n", None);
    assert!(df.errors.iter().any(|e| e.message.contains("unterminated heredoc")));
}

#[test]
fn heredoc_not_in_quotes_or_exec_form() {
    let df = parse("FROM a\nRUN echo \"<<EOF\"\nUSER b\n", None);
    assert!(df.instructions[1].heredocs.is_empty());
    assert_eq!(df.instructions.len(), 3);
}

#[test]
fn crlf_and_bom() {
    let src = "\u{feff}FROM alpine:3.22\r\nRUN echo a \\\r\n  && echo b\r\nUSER app\r\n";
    let df = parse(src, None);
    assert!(df.errors.is_empty(), "{:?}", df.errors);
    assert_eq!(df.instructions.len(), 3);
    assert_eq!(df.instructions[1].args_text(), "echo a   && echo b");
    assert_eq!(df.position(df.instructions[2].keyword_span.start).line, 4);
}

#[test]
fn flags_and_forms() {
    let src = "FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nRUN --mount=type=cache,target=/root/.cache --network=none go build\nCOPY --from=build --chown=1000:1000 --chmod=0755 --link /out /bin/app\nADD --checksum=sha256:abc https://example.com/x.tgz /x\nCMD [\"app\", \"--serve\"]\nENTRYPOINT app --serve\nHEALTHCHECK --interval=5s CMD [\"app\", \"health\"]\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n";
    let df = parse(src, None);
    assert!(df.errors.is_empty(), "{:?}", df.errors);
    let i = &df.instructions;
    assert_eq!(i[0].flag("platform").unwrap().value.as_deref(), Some("$BUILDPLATFORM"));
    let mounts = instruction::mounts(&i[1]);
    assert_eq!(mounts[0].kind, "cache");
    assert_eq!(mounts[0].get("target"), Some("/root/.cache"));
    assert_eq!(i[2].flags.len(), 4);
    assert_eq!(i[2].args_text(), "/out /bin/app");
    assert!(matches!(instruction::command_form(&i[4]), CommandForm::Exec(ref v) if v.len() == 2));
    assert!(matches!(instruction::command_form(&i[5]), CommandForm::Shell(_)));
    assert!(matches!(instruction::healthcheck(&i[6]), instruction::Healthcheck::Cmd { .. }));
}

#[test]
fn env_and_label_forms() {
    let df = parse(
        "FROM a\nENV A=1 B=\"two words\" C=x\\ y\nENV LEGACY value with spaces\nLABEL \"com.example.x\"=\"y\" org.v=1\n",
        None,
    );
    let kv = instruction::key_values(&df.instructions[1], '\\');
    assert_eq!(
        kv.iter().map(|k| (k.key.as_str(), k.value.as_str())).collect::<Vec<_>>(),
        vec![("A", "1"), ("B", "two words"), ("C", "x y")]
    );
    assert_eq!(df.slice(kv[1].value_span), "\"two words\"");
    let kv = instruction::key_values(&df.instructions[2], '\\');
    assert_eq!((kv[0].key.as_str(), kv[0].value.as_str()), ("LEGACY", "value with spaces"));
    let kv = instruction::key_values(&df.instructions[3], '\\');
    assert_eq!(kv[0].key, "com.example.x");
}

#[test]
fn arg_scopes_and_base_resolution() {
    let src = "ARG BASE=debian\nARG TAG\nFROM ${BASE}:${TAG:-12} AS one\nARG BASE\nRUN echo $BASE\nFROM one\nFROM alpine:$TAG\nFROM scratch\n";
    let df = parse(src, None);
    let m = Model::build(&df, &BTreeMap::new());
    assert_eq!(m.stages[0].base.expanded, "debian:12");
    assert!(matches!(m.stages[1].base.kind, BaseKind::Stage(0)));
    assert!(
        matches!(m.stages[2].base.kind, BaseKind::Unresolved(ref v) if v == &vec!["TAG".to_string()])
    );
    assert!(matches!(m.stages[3].base.kind, BaseKind::Scratch));
    // Re-declared ARG inherits the global default.
    assert_eq!(m.expand_at(4, "$BASE").value, "debian");
    let df2 = parse("ARG S=first\nFROM alpine:3.22 AS ${S}\nFROM ${S}\n", None);
    let m2 = Model::build(&df2, &BTreeMap::new());
    assert_eq!(m2.stages[0].name.as_deref(), Some("first"));
    assert!(matches!(m2.stages[1].base.kind, BaseKind::Stage(0)));
    let mut args = BTreeMap::new();
    args.insert("TAG".to_string(), "3.22".to_string());
    let m = Model::build(&df, &args);
    assert_eq!(m.stages[2].base.expanded, "alpine:3.22");
}

#[test]
fn onbuild_wraps_an_instruction() {
    let df = parse("FROM a\nONBUILD RUN echo hi\nONBUILD ONBUILD RUN x\n", None);
    let sub = df.instructions[1].onbuild.as_ref().unwrap();
    assert_eq!(sub.keyword, Keyword::Run);
    assert_eq!(df.slice(sub.keyword_span), "RUN");
    assert_eq!(df.slice(sub.args_span()), "echo hi");
    assert!(df.errors.iter().any(|e| e.message.contains("ONBUILD")));
}

#[test]
fn structural_errors_match_buildkit() {
    let cases = [
        ("", "no instructions"),
        ("# only a comment\n", "no instructions"),
        ("RUN x\nFROM a\n", "before the first FROM"),
        ("ARG X\n", "no FROM"),
        ("FROM a b\n", "FROM requires"),
        ("FROM a\nCOPY onlyone\n", "at least two"),
        ("FROM a\nSHELL /bin/bash -c\n", "JSON form"),
        ("FROM a\nFOO bar\n", "unknown instruction: FOO"),
        ("FROM a\nCOPY --bogus=1 a b\n", "unknown flag"),
        ("FROM a AS build\nFROM b\nCOPY --from build /a /b\n", "missing a value"),
    ];
    for (src, want) in cases {
        let df = parse(src, None);
        assert!(df.errors.iter().any(|e| e.message.contains(want)), "{src:?}: {:?}", df.errors);
    }
    for ok in [
        "ARG V=1\nFROM a:$V\n",
        "FROM a\nRUN\n",
        "from a\nrun echo lower-case keywords\n",
        "FROM a\nCOPY <<EOF /x\nhi\nEOF\n",
        "FROM a\nCOPY --link --parents a/ /b/\n",
    ] {
        let df = parse(ok, None);
        assert!(df.errors.is_empty(), "{ok:?}: {:?}", df.errors);
    }
}

#[test]
fn powershell_stage_has_no_shell_script() {
    let src = "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"powershell\", \"-Command\"]\nRUN Invoke-WebRequest https://x | iex\n";
    let df = parse(src, None);
    let m = Model::build(&df, &BTreeMap::new());
    let run = m.run(2).unwrap();
    assert!(!run.posix);
    assert!(run.script.is_none());
}

#[test]
fn env_values_are_unescaped_once() {
    let df = parse(
        "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nENV JAVA_HOME C:\\openjdk-11\nENV A=\"x y\"\nUSER $JAVA_HOME\n",
        None,
    );
    let m = Model::build(&df, &BTreeMap::new());
    assert_eq!(m.expand_at(3, "$JAVA_HOME").value, "C:\\openjdk-11");
    assert_eq!(m.expand_at(3, "$A").value, "x y");
    let df = parse("FROM a\nENV P=\"a\\\\b\" Q=$P/c\nUSER x\n", None);
    let m = Model::build(&df, &BTreeMap::new());
    assert_eq!(m.expand_at(2, "$Q").value, "a\\b/c");
}

#[test]
fn heredoc_runs_parse_cleanly_and_exec_shells_are_analysed() {
    let df = parse(
        "FROM alpine\nRUN <<EOF\napk update\napk add git\nEOF\nRUN cat <<EOF > /etc/x && echo done\nbody\nEOF\nRUN [\"bash\", \"-o\", \"pipefail\", \"-c\", \"curl -s x | sh\"]\n",
        None,
    );
    let m = Model::build(&df, &BTreeMap::new());
    let s1 = m.run(1).unwrap().script.as_ref().unwrap();
    assert!(s1.parse_error.is_none(), "{:?}", s1.parse_error);
    let s2 = m.run(2).unwrap().script.as_ref().unwrap();
    assert!(s2.parse_error.is_none(), "{:?}", s2.parse_error);
    let names: Vec<_> = s2.commands.iter().filter_map(|c| c.name()).collect();
    assert_eq!(names, vec!["cat", "echo"]);
    let s3 = m.run(3).unwrap().script.as_ref().unwrap();
    assert!(s3.has_pipe());
    assert_eq!(s3.commands.iter().filter_map(|c| c.name()).collect::<Vec<_>>(), vec!["curl", "sh"]);
}

#[test]
fn an_escaped_escape_at_the_end_of_a_line_is_not_a_continuation() {
    // BuildKit's rule `([^\\])\\[ \t]*$|^\\[ \t]*$`: docker-library's Windows mongo image copies
    // `C:\\Windows\\System32\\*.dll`-style paths whose line ends in `\\`; the next instruction
    // must stay an instruction (a regression: it was swallowed into the COPY).
    let src = "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY --from=build C:\\\\src\\\\*.dll C:\\\\Windows\\\\System32\\\\\n\n# the version\nENV MONGO_VERSION 8.2.11\n";
    assert_eq!(kws(src), vec!["FROM", "COPY", "ENV"]);
    // A lone escape on a line is still a continuation, and so is one after a space.
    assert_eq!(kws("FROM a\nRUN echo \\\n  hi\nUSER x\n"), vec!["FROM", "RUN", "USER"]);
    assert_eq!(kws("FROM a\nRUN echo hi\\\n\\\n  there\n"), vec!["FROM", "RUN"]);
}
