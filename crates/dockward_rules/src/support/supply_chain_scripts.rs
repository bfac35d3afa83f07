//! Shell-script helpers for the supply-chain rules (DW702-DW704, DW707): every script a build
//! runs (RUN, and RUN inside ONBUILD), downloads (`curl`/`wget`) and where their output goes,
//! interpreters that read a program from stdin, and settings written as `key=value` text
//! (`sslverify=0` into a repo file, `strict-ssl=false`, `[trusted=yes]`).

use crate::context::DockerfileCtx;
use dockward_dockerfile::ast::{Instruction, Keyword, Span};
use dockward_dockerfile::shell::{ShellCommand, ShellScript, ShellWord, basename};
use std::borrow::Cow;

/// A shell script the build runs, with the instruction it comes from.
pub struct ScriptRef<'a> {
    /// The RUN instruction (for ONBUILD: the wrapped RUN).
    pub inst: &'a Instruction,
    /// Index of the top-level instruction (the ONBUILD itself for a trigger).
    pub index: usize,
    pub script: Cow<'a, ShellScript>,
    pub onbuild: bool,
}

/// Every RUN script (None for PowerShell/cmd stages and non-shell exec forms is skipped), then
/// the RUN triggers of ONBUILD instructions in non-Windows stages.
pub fn scripts<'a>(ctx: &DockerfileCtx<'a>) -> Vec<ScriptRef<'a>> {
    let mut out = Vec::new();
    for run in ctx.runs() {
        let Some(script) = &run.script else { continue };
        if ctx.model.stages.get(run.stage).is_some_and(|s| s.windows) && !run.posix {
            continue;
        }
        out.push(ScriptRef {
            inst: ctx.inst(run.inst),
            index: run.inst,
            script: Cow::Borrowed(script),
            onbuild: false,
        });
    }
    for inst in ctx.instructions() {
        let Some(sub) = inst.onbuild.as_deref() else { continue };
        if sub.keyword != Keyword::Run || ctx.stage_of(inst).is_some_and(|s| s.windows) {
            continue;
        }
        let Some(script) = ctx.model.onbuild_run(inst.index).and_then(|r| r.script.as_ref()) else {
            continue;
        };
        out.push(ScriptRef {
            inst: sub,
            index: inst.index,
            script: Cow::Borrowed(script),
            onbuild: true,
        });
    }
    out
}

/// The span of a command, else of the instruction's first line.
pub fn cmd_span(cmd: &ShellCommand, inst: &Instruction) -> Span {
    cmd.span.unwrap_or_else(|| inst.head_span())
}

pub fn word_span(w: &ShellWord, cmd: &ShellCommand, inst: &Instruction) -> Span {
    w.span.or(cmd.span).unwrap_or_else(|| inst.head_span())
}

/// The command's words as one line, for messages (shortened when long).
pub fn show(cmd: &ShellCommand) -> String {
    let s = cmd.words.iter().map(|w| w.raw.as_str()).collect::<Vec<_>>().join(" ");
    clip(&s, 100)
}

pub fn clip(s: &str, max: usize) -> String {
    let one = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() <= max {
        return one;
    }
    let cut: String = one.chars().take(max.saturating_sub(1)).collect();
    format!("{cut}…")
}

/// `busybox wget ...` → (`wget`, args).
pub fn program(cmd: &ShellCommand) -> Option<(&str, &[ShellWord])> {
    let name = cmd.name()?;
    if name == "busybox" {
        let w = cmd.words.get(1)?;
        return Some((basename(&w.value), cmd.words.get(2..).unwrap_or(&[])));
    }
    Some((name, cmd.args()))
}

// ---------------------------------------------------------------- downloads

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Downloader {
    Curl,
    Wget,
}

impl Downloader {
    pub fn as_str(self) -> &'static str {
        match self {
            Downloader::Curl => "curl",
            Downloader::Wget => "wget",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Download {
    pub tool: Downloader,
    /// First URL-like argument (or first operand).
    pub url: Option<String>,
    /// The body goes to stdout.
    pub to_stdout: bool,
    /// The file the body is written to (`-o`, `-O`, wget's default name, `> file`).
    pub file: Option<String>,
}

/// curl short options that take a value.
pub const CURL_SHORT_VALUE: &str = "AbcCdDeEFHKmoPQrtTuUwxXyYzh";
pub const CURL_LONG_VALUE: &[&str] = &[
    "output",
    "user-agent",
    "cookie",
    "cookie-jar",
    "continue-at",
    "data",
    "data-binary",
    "data-raw",
    "data-urlencode",
    "data-ascii",
    "dump-header",
    "referer",
    "cert",
    "form",
    "form-string",
    "header",
    "config",
    "max-time",
    "proxy-user",
    "range",
    "telnet-option",
    "upload-file",
    "user",
    "proxy",
    "write-out",
    "request",
    "speed-limit",
    "speed-time",
    "time-cond",
    "cacert",
    "capath",
    "connect-timeout",
    "retry",
    "retry-delay",
    "retry-max-time",
    "max-filesize",
    "interface",
    "limit-rate",
    "key",
    "key-type",
    "pass",
    "resolve",
    "connect-to",
    "output-dir",
    "proto",
    "proto-redir",
    "ciphers",
    "url",
    "cert-type",
    "noproxy",
    "create-dirs-mode",
    "unix-socket",
    "dns-servers",
    "netrc-file",
    "oauth2-bearer",
    "aws-sigv4",
    "json",
    "variable",
    "expand-url",
    "expand-output",
    "proxy-cacert",
    "pinnedpubkey",
    "crlfile",
    "hostpubmd5",
    "hostpubsha256",
    "etag-save",
    "etag-compare",
    "trace",
    "trace-ascii",
    "stderr",
    "preproxy",
    "socks5",
    "socks5-hostname",
    "socks4",
    "socks4a",
    "max-redirs",
    "happy-eyeballs-timeout-ms",
    "tls-max",
    "retry-connrefused-delay",
    "parallel-max",
    "mail-from",
    "mail-rcpt",
    "ftp-port",
    "quote",
    "login-options",
    "sasl-authzid",
    "service-name",
];
const WGET_SHORT_VALUE: &str = "OoaeiBtTwQPUlDRAXIn";
const WGET_LONG_VALUE: &[&str] = &[
    "output-document",
    "output-file",
    "append-output",
    "execute",
    "input-file",
    "base",
    "tries",
    "timeout",
    "wait",
    "quota",
    "directory-prefix",
    "user-agent",
    "level",
    "domains",
    "reject",
    "accept",
    "exclude-directories",
    "include-directories",
    "header",
    "user",
    "password",
    "http-user",
    "http-password",
    "ca-certificate",
    "certificate",
    "private-key",
    "post-data",
    "post-file",
    "method",
    "body-data",
    "body-file",
    "referer",
    "load-cookies",
    "save-cookies",
    "progress",
    "limit-rate",
    "bind-address",
    "ca-directory",
    "dns-timeout",
    "connect-timeout",
    "read-timeout",
    "waitretry",
    "secure-protocol",
    "ciphers",
    "restrict-file-names",
    "default-page",
    "cut-dirs",
    "rejected-log",
    "report-speed",
    "proxy-user",
    "proxy-password",
    "config",
    "local-encoding",
    "remote-encoding",
    "use-askpass",
    "xattr",
    "tries",
];

pub fn is_url(s: &str) -> bool {
    let l = s.to_ascii_lowercase();
    l.contains("://") || l.starts_with("www.")
}

/// A curl or wget command (wrappers removed) and where its download goes.
pub fn download(cmd: &ShellCommand) -> Option<Download> {
    let (name, args) = program(cmd)?;
    let tool = match name {
        "curl" => Downloader::Curl,
        "wget" => Downloader::Wget,
        _ => return None,
    };
    let (short_value, long_value) = match tool {
        Downloader::Curl => (CURL_SHORT_VALUE, CURL_LONG_VALUE),
        Downloader::Wget => (WGET_SHORT_VALUE, WGET_LONG_VALUE),
    };
    let mut output: Option<String> = None;
    let mut remote_name = false;
    let mut operands: Vec<String> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let v = args[i].value.as_str();
        i += 1;
        if v == "--" {
            operands.extend(args[i..].iter().map(|w| w.value.clone()));
            break;
        }
        if let Some(long) = v.strip_prefix("--") {
            let (lname, inline) = match long.split_once('=') {
                Some((n, val)) => (n, Some(val.to_string())),
                None => (long, None),
            };
            let value = if inline.is_none() && long_value.contains(&lname) {
                i += 1;
                args.get(i - 1).map(|w| w.value.clone())
            } else {
                inline
            };
            match (tool, lname) {
                (Downloader::Curl, "output") | (Downloader::Wget, "output-document") => {
                    output = value
                }
                (Downloader::Curl, "remote-name") | (Downloader::Curl, "remote-name-all") => {
                    remote_name = true
                }
                (_, "url") => operands.extend(value),
                _ => {}
            }
            continue;
        }
        if v.len() > 1 && v.starts_with('-') {
            let group = &v[1..];
            for (pos, c) in group.char_indices() {
                if tool == Downloader::Curl && c == 'O' {
                    remote_name = true;
                }
                if short_value.contains(c) {
                    let rest = &group[pos + c.len_utf8()..];
                    let value = if rest.is_empty() {
                        i += 1;
                        args.get(i - 1).map(|w| w.value.clone())
                    } else {
                        Some(rest.to_string())
                    };
                    if (tool == Downloader::Curl && c == 'o')
                        || (tool == Downloader::Wget && c == 'O')
                    {
                        output = value;
                    }
                    break;
                }
            }
            continue;
        }
        operands.push(v.to_string());
    }
    let url = operands.iter().find(|o| is_url(o)).or(operands.first()).cloned();
    let redirect = cmd
        .redirects
        .iter()
        .find(|(op, _)| op == ">" || op == ">>" || op == ">|")
        .map(|(_, w)| w.value.clone());
    let stdout_name = |o: &str| o == "-" || o == "/dev/stdout" || o == "/proc/self/fd/1";
    let (to_stdout, file) = match tool {
        Downloader::Curl => match (&output, remote_name) {
            (Some(o), _) if stdout_name(o) => (redirect.is_none(), redirect),
            (Some(o), _) => (false, Some(o.clone())),
            (None, true) => (false, url.as_deref().map(url_file_name)),
            (None, false) => (redirect.is_none(), redirect),
        },
        Downloader::Wget => match &output {
            Some(o) if stdout_name(o) => (redirect.is_none(), redirect),
            Some(o) => (false, Some(o.clone())),
            None => (false, url.as_deref().map(url_file_name)),
        },
    };
    Some(Download { tool, url, to_stdout, file })
}

/// The file name `curl -O` / `wget` gives a download: the last path segment of the URL.
pub fn url_file_name(url: &str) -> String {
    let no_query = url.split(['?', '#']).next().unwrap_or(url);
    let path = no_query.split_once("://").map(|(_, r)| r).unwrap_or(no_query);
    let seg = path.rsplit('/').next().unwrap_or(path);
    if seg.is_empty() || !path.contains('/') { "index.html".to_string() } else { seg.to_string() }
}

// ------------------------------------------------------------- interpreters

pub fn is_shell(name: &str) -> bool {
    matches!(name, "sh" | "bash" | "zsh" | "ash" | "dash" | "ksh" | "mksh" | "yash" | "fish")
}

/// Interpreters whose program can come from stdin or a file.
pub fn interpreter_kind(name: &str) -> Option<&'static str> {
    if is_shell(name) {
        return Some("shell");
    }
    let strip_ver = |p: &str| {
        name.strip_prefix(p).is_some_and(|r| r.chars().all(|c| c.is_ascii_digit() || c == '.'))
    };
    if strip_ver("python") || strip_ver("pypy") {
        return Some("python");
    }
    if strip_ver("perl") {
        return Some("perl");
    }
    if strip_ver("ruby") {
        return Some("ruby");
    }
    if name == "node" || name == "nodejs" || name == "deno" || name == "bun" {
        return Some("node");
    }
    if strip_ver("php") {
        return Some("php");
    }
    None
}

/// How an interpreter invocation gets its program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProgramSource {
    /// Reads the program from stdin (`sh`, `bash -s -- args`, `python3 -`).
    Stdin,
    /// From the argument at this index in `cmd.words` (`sh -c '...'`, `python -c`, `perl -e`).
    Inline(usize),
    /// Runs a script file (`sh install.sh`): the index in `cmd.words`.
    File(usize),
    /// Something else (`python -m json.tool`, `node --version`).
    Other,
}

/// Where the interpreter `cmd` (wrappers removed; `busybox sh` allowed) takes its program from.
pub fn program_source(cmd: &ShellCommand) -> Option<(String, ProgramSource)> {
    let (name, _) = program(cmd)?;
    let kind = interpreter_kind(name)?;
    let offset = if cmd.name() == Some("busybox") { 2 } else { 1 };
    let args = cmd.words.get(offset..).unwrap_or(&[]);
    // (letters that mean "program inline", letters that take a value, long options with a value)
    let (inline, short_value, long_value, stop_other): (&str, &str, &[&str], &str) = match kind {
        "shell" => ("c", "oO", &["rcfile", "init-file"], ""),
        "python" => ("c", "WXQ", &["check-hash-based-pycs"], "m"),
        "perl" => ("eE", "IMmlx0iCd", &[], ""),
        "ruby" => ("e", "rIECFKTxW", &[], ""),
        "node" => (
            "ep",
            "r",
            &[
                "require",
                "import",
                "input-type",
                "loader",
                "experimental-loader",
                "conditions",
                "title",
            ],
            "",
        ),
        _ => ("r", "cdz", &[], "f"),
    };
    let inline_long: &[&str] = match kind {
        "node" => &["eval", "print"],
        "shell" => &["command"],
        _ => &[],
    };
    let mut stdin_flag = false;
    let mut i = 0;
    while i < args.len() {
        let v = args[i].value.as_str();
        let here = i + offset;
        i += 1;
        if v == "-" {
            return Some((name.to_string(), ProgramSource::Stdin));
        }
        if v == "--" {
            // `php -- args`: the program comes from stdin, the rest are its arguments.
            if stdin_flag || kind == "php" {
                return Some((name.to_string(), ProgramSource::Stdin));
            }
            return Some((
                name.to_string(),
                match args.get(i) {
                    Some(w) if is_stdin_path(&w.value) => ProgramSource::Stdin,
                    Some(_) => ProgramSource::File(i + offset),
                    None => ProgramSource::Stdin,
                },
            ));
        }
        if let Some(long) = v.strip_prefix("--") {
            let lname = long.split('=').next().unwrap_or("");
            if inline_long.contains(&lname) {
                return Some((
                    name.to_string(),
                    ProgramSource::Inline(if long.contains('=') { here } else { here + 1 }),
                ));
            }
            if !long.contains('=') && long_value.contains(&lname) {
                i += 1;
            }
            if kind == "node" && matches!(lname, "version" | "help" | "check") {
                return Some((name.to_string(), ProgramSource::Other));
            }
            continue;
        }
        if (v.starts_with('-') || (kind == "shell" && v.starts_with('+'))) && v.len() > 1 {
            let group = &v[1..];
            for (pos, c) in group.char_indices() {
                if inline.contains(c) {
                    let rest = &group[pos + c.len_utf8()..];
                    // `python -c'code'`, `perl -e'code'`: the code is attached.
                    return Some((
                        name.to_string(),
                        ProgramSource::Inline(if rest.is_empty() || kind == "shell" {
                            here + 1
                        } else {
                            here
                        }),
                    ));
                }
                if stop_other.contains(c) {
                    return Some((name.to_string(), ProgramSource::Other));
                }
                if kind == "shell" && c == 's' {
                    stdin_flag = true;
                }
                // `sh -n file`: syntax check only, nothing runs.
                if kind == "shell" && c == 'n' && !v.starts_with('+') {
                    return Some((name.to_string(), ProgramSource::Other));
                }
                if kind == "node" && c == 'v' {
                    return Some((name.to_string(), ProgramSource::Other));
                }
                if short_value.contains(c) {
                    if pos + c.len_utf8() == group.len() {
                        i += 1;
                    }
                    break;
                }
            }
            continue;
        }
        if stdin_flag {
            return Some((name.to_string(), ProgramSource::Stdin));
        }
        if is_stdin_path(v) {
            return Some((name.to_string(), ProgramSource::Stdin));
        }
        return Some((name.to_string(), ProgramSource::File(here)));
    }
    Some((name.to_string(), ProgramSource::Stdin))
}

fn is_stdin_path(v: &str) -> bool {
    matches!(v, "-" | "/dev/stdin" | "/proc/self/fd/0" | "/dev/fd/0")
}

/// Commands that check a file's integrity or signature.
pub fn is_verification(cmd: &ShellCommand) -> bool {
    let Some((name, args)) = program(cmd) else { return false };
    match name {
        "sha1sum" | "sha224sum" | "sha256sum" | "sha384sum" | "sha512sum" | "shasum" | "md5sum"
        | "b2sum" | "cksum" | "gpgv" | "minisign" | "signify" | "cosign" | "slsa-verifier"
        | "rekor-cli" | "sigstore" => true,
        "gpg" | "gpg2" => {
            args.iter().any(|w| w.value.starts_with("--verify") || w.value == "--verify-files")
        }
        "openssl" => {
            args.iter().any(|w| w.value == "dgst" || w.value == "sha256" || w.value == "sha512")
        }
        "rpm" => args.iter().any(|w| w.value == "-K" || w.value == "--checksig"),
        _ => false,
    }
}

// ----------------------------------------------------------- settings text

/// Places where a setting `key<sep>value` appears in `text` (case-insensitive key), with the
/// value (lower-cased, quotes removed). `sep` is `=`, `:` or whitespace as given in `seps`.
pub fn find_settings(
    text: &str,
    key: &str,
    seps: &[char],
) -> Vec<(std::ops::Range<usize>, String)> {
    let lower = text.to_ascii_lowercase();
    let k = key.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(pos) = lower.get(from..).and_then(|s| s.find(&k)) {
        let start = from + pos;
        let mut j = start + k.len();
        from = j;
        // The key must not continue as a longer identifier (`sslverify_x`).
        if lower[j..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
            continue;
        }
        let b = lower.as_bytes();
        let skip_space = |mut j: usize| {
            while j < b.len() && (b[j] == b' ' || b[j] == b'\t' || b[j] == b'"' || b[j] == b'\'') {
                j += 1;
            }
            j
        };
        j = skip_space(j);
        if j < b.len() && seps.contains(&(b[j] as char)) && b[j] != b' ' {
            j = skip_space(j + 1);
        } else if !(seps.contains(&' ') && j > start + k.len()) {
            continue;
        }
        let vstart = j;
        while j < b.len()
            && (b[j].is_ascii_alphanumeric() || b[j] == b'_' || b[j] == b'-' || b[j] == b'.')
        {
            j += 1;
        }
        if j > vstart && lower.is_char_boundary(vstart) && lower.is_char_boundary(j) {
            out.push((start..j, lower[vstart..j].to_string()));
        }
    }
    out
}

/// Text that a command writes as configuration: the arguments of `echo`/`printf`, the
/// replacement of a `sed` substitution, `tee`-less heredocs are handled by the caller.
pub fn written_texts(cmd: &ShellCommand) -> Vec<&ShellWord> {
    let Some((name, args)) = program(cmd) else { return Vec::new() };
    match name {
        "echo" | "printf" => args.iter().filter(|w| !w.value.starts_with('-')).collect(),
        "sed" => args.iter().filter(|w| !w.value.starts_with('-')).take(1).collect(),
        _ => Vec::new(),
    }
}

/// For a `sed` expression `s/old/new/flags`, the `new` part (what gets written); otherwise all.
pub fn sed_written(expr: &str) -> &str {
    let mut chars = expr.char_indices();
    match (chars.next(), chars.next()) {
        (Some((_, 's')), Some((i, d))) if !d.is_alphanumeric() && !d.is_whitespace() => {
            let body = &expr[i + d.len_utf8()..];
            let mut parts = body.splitn(3, d);
            let _old = parts.next();
            parts.next().unwrap_or("")
        }
        _ => expr,
    }
}

/// The line of `text` around `range` (lines end at a newline or a literal `\n`, as in
/// `echo -e "a\nb"`), trimmed and shortened for a message.
pub fn excerpt(text: &str, range: std::ops::Range<usize>) -> String {
    let start = range.start.min(text.len());
    let end = range.end.min(text.len()).max(start);
    let head = text.get(..start).unwrap_or("");
    let tail = text.get(end..).unwrap_or("");
    let from = [head.rfind('\n').map(|p| p + 1), head.rfind("\\n").map(|p| p + 2)]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(0);
    let to = [tail.find('\n'), tail.find("\\n")]
        .into_iter()
        .flatten()
        .min()
        .map(|p| end + p)
        .unwrap_or(text.len());
    clip(text.get(from..to).unwrap_or(text).trim(), 100)
}

/// A piece of text a script passes to a command or writes to a file, for `key=value` scans.
#[derive(Debug, Clone)]
pub struct TextPiece {
    pub text: String,
    pub span: Span,
    /// The program it belongs to (`echo`, `dnf`, …); empty for a heredoc line.
    pub program: String,
    /// Index of the command in the script, if any.
    pub command: Option<usize>,
    /// Written as data (echo/printf/sed/heredoc), not passed as an option.
    pub written: bool,
}

/// Programs that only read or test text: their arguments are not settings.
fn reads_only(name: &str) -> bool {
    matches!(
        name,
        "grep"
            | "egrep"
            | "fgrep"
            | "rg"
            | "ag"
            | "test"
            | "["
            | "[["
            | "awk"
            | "gawk"
            | "mawk"
            | "cat"
            | "head"
            | "tail"
            | "diff"
    )
}

/// Arguments of every command (data written by `echo`/`printf`, the replacement part of a
/// `sed` substitution, options of other programs), plus the lines of heredocs that no shell
/// runs (`cat <<EOF > /etc/yum.repos.d/x.repo`).
pub fn text_pieces(sref: &ScriptRef, file_text: &str) -> Vec<TextPiece> {
    let s = &*sref.script;
    let mut out = Vec::new();
    for (i, cmd) in s.commands.iter().enumerate() {
        let eff = cmd.effective();
        let Some((name, args)) = program(&eff) else { continue };
        if reads_only(name) {
            continue;
        }
        let fallback = cmd_span(cmd, sref.inst);
        let mut push = |text: String, span: Option<Span>, written: bool| {
            out.push(TextPiece {
                text,
                span: span.unwrap_or(fallback),
                program: name.to_string(),
                command: Some(i),
                written,
            });
        };
        match name {
            "echo" | "printf" => {
                for w in args.iter().filter(|w| !w.value.starts_with('-')) {
                    push(w.value.clone(), w.span, true);
                }
                // `echo gpgcheck=0`: the shell analysis files `k=v` arguments as assignments.
                for (k, v) in &eff.assignments {
                    push(format!("{k}={v}"), None, true);
                }
            }
            "sed" => {
                let mut exprs: Vec<&ShellWord> = Vec::new();
                let mut k = 0;
                while k < args.len() {
                    let v = args[k].value.as_str();
                    if v == "-e" || v == "--expression" {
                        if let Some(w) = args.get(k + 1) {
                            exprs.push(w);
                        }
                        k += 2;
                        continue;
                    }
                    if let Some(e) = v.strip_prefix("--expression=") {
                        let _ = e;
                        exprs.push(&args[k]);
                    }
                    k += 1;
                }
                if exprs.is_empty()
                    && let Some(w) = args.iter().find(|w| !w.value.starts_with('-'))
                {
                    exprs.push(w);
                }
                for w in exprs {
                    let e = w.value.strip_prefix("--expression=").unwrap_or(&w.value);
                    push(sed_written(e).to_string(), w.span, true);
                }
            }
            _ => {
                for w in args {
                    push(w.value.clone(), w.span, false);
                }
            }
        }
    }
    for h in &sref.inst.heredocs {
        let run_by_shell = s.commands.iter().any(|c| {
            c.span.is_some_and(|sp| sp.start >= h.body_span.start && sp.end <= h.body_span.end)
        });
        if run_by_shell {
            continue;
        }
        for (line, span) in lines_of(h, file_text) {
            out.push(TextPiece {
                text: line.to_string(),
                span,
                program: String::new(),
                command: None,
                written: true,
            });
        }
    }
    out
}

/// Lines of a heredoc body as written in the file, each with its span.
fn lines_of<'a>(h: &dockward_dockerfile::ast::Heredoc, file_text: &'a str) -> Vec<(&'a str, Span)> {
    let mut out = Vec::new();
    let raw = file_text.get(h.body_span.range()).unwrap_or("");
    let mut offset = h.body_span.start;
    for line in raw.split_inclusive('\n') {
        let text = line.trim_end_matches(['\n', '\r']);
        out.push((text, Span::new(offset, offset + text.len())));
        offset += line.len();
    }
    out
}

/// Heredoc bodies of an instruction (RUN/COPY/ADD) with each line's file span.
pub fn heredoc_lines<'a>(inst: &Instruction, file_text: &'a str) -> Vec<(&'a str, Span)> {
    inst.heredocs.iter().flat_map(|h| lines_of(h, file_text)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cmd(s: &str) -> ShellCommand {
        dockward_dockerfile::shell::analyze(s, &|r| Span::new(r.start, r.end))
            .commands
            .remove(0)
            .effective_owned()
    }

    #[test]
    fn downloads() {
        let d = download(&cmd("curl -fsSL https://x.io/install.sh")).unwrap();
        assert!(d.to_stdout);
        assert_eq!(d.url.as_deref(), Some("https://x.io/install.sh"));
        let d = download(&cmd("curl -fsSLo /tmp/i.sh https://x.io/install.sh")).unwrap();
        assert!(!d.to_stdout);
        assert_eq!(d.file.as_deref(), Some("/tmp/i.sh"));
        let d = download(&cmd("curl -fsSLO https://x.io/install.sh?x=1")).unwrap();
        assert_eq!(d.file.as_deref(), Some("install.sh"));
        let d = download(&cmd("curl -H 'X-k: 1' -o - https://x.io/a")).unwrap();
        assert!(d.to_stdout);
        let d = download(&cmd("wget -qO- https://x.io/a")).unwrap();
        assert!(d.to_stdout);
        let d = download(&cmd("wget -q https://x.io/a/b.sh")).unwrap();
        assert!(!d.to_stdout);
        assert_eq!(d.file.as_deref(), Some("b.sh"));
        let d = download(&cmd("wget --output-document=- https://x.io/a")).unwrap();
        assert!(d.to_stdout);
        let d = download(&cmd("curl -sL https://x.io/a > /tmp/a.sh")).unwrap();
        assert_eq!((d.to_stdout, d.file.as_deref()), (false, Some("/tmp/a.sh")));
        assert!(download(&cmd("busybox wget -O - http://x/y")).unwrap().to_stdout);
        assert!(download(&cmd("echo curl")).is_none());
    }

    #[test]
    fn program_sources() {
        let src = |s: &str| program_source(&cmd(s)).map(|(_, p)| p);
        assert_eq!(src("sh"), Some(ProgramSource::Stdin));
        assert_eq!(src("sudo -E bash -"), Some(ProgramSource::Stdin));
        assert_eq!(src("bash -s -- -b /usr/local/bin"), Some(ProgramSource::Stdin));
        assert_eq!(src("sh -c 'echo hi'"), Some(ProgramSource::Inline(2)));
        assert_eq!(src("bash -ec 'echo hi'"), Some(ProgramSource::Inline(2)));
        assert_eq!(src("bash install.sh"), Some(ProgramSource::File(1)));
        assert_eq!(src("sh -n install.sh"), Some(ProgramSource::Other));
        assert_eq!(src("bash -x /dev/stdin"), Some(ProgramSource::Stdin));
        assert_eq!(src("python3 -c 'import sys'"), Some(ProgramSource::Inline(2)));
        assert_eq!(src("python3 -m json.tool"), Some(ProgramSource::Other));
        assert_eq!(src("python3 -"), Some(ProgramSource::Stdin));
        assert_eq!(src("python3"), Some(ProgramSource::Stdin));
        assert_eq!(src("perl -pe 's/a/b/'"), Some(ProgramSource::Inline(2)));
        assert_eq!(src("perl -e'print 1'"), Some(ProgramSource::Inline(1)));
        assert_eq!(src("node -e 'x'"), Some(ProgramSource::Inline(2)));
        assert_eq!(src("busybox sh"), Some(ProgramSource::Stdin));
        assert_eq!(src("tar xz"), None);
    }

    #[test]
    fn hostile_inputs_do_not_panic() {
        for s in [
            "curl -",
            "curl -o",
            "wget -O",
            "curl --url",
            "sh -c",
            "python3 -W",
            "bash --",
            "php --",
            "curl -ké https://x",
            "é -k",
            "sed",
            "sed -e",
            "echo ''",
        ] {
            let c = cmd(s);
            let _ = download(&c);
            let _ = program_source(&c);
            let _ = is_verification(&c);
        }
        for t in ["", "sslverify", "sslverify=", "sslverify = ", "é sslverify=0 é", "SSLVERIFY=ÿ"]
        {
            let _ = find_settings(t, "sslverify", &['=', ' ']);
            let _ = excerpt(t, 0..t.len());
            // A reversed range on purpose: excerpt must not panic on one.
            #[allow(clippy::reversed_empty_ranges)]
            let _ = excerpt(t, 5..2);
        }
        assert_eq!(sed_written("s"), "s");
        assert_eq!(sed_written("sé"), "sé");
        assert_eq!(url_file_name(""), "index.html");
    }

    #[test]
    fn settings() {
        let s = find_settings("[repo]\nSSLVerify = False\ngpgcheck=0", "sslverify", &['=']);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].1, "false");
        assert_eq!(find_settings("sslverify_x=0", "sslverify", &['=']).len(), 0);
        assert_eq!(find_settings("strict-ssl false", "strict-ssl", &['=', ' '])[0].1, "false");
        assert_eq!(sed_written("s/gpgcheck=1/gpgcheck=0/g"), "gpgcheck=0");
        assert_eq!(sed_written("s|a|b|"), "b");
        assert_eq!(url_file_name("https://x.io/a/b.sh?x"), "b.sh");
    }
}
