//! BuildKit's variable substitution for instruction arguments (FROM, USER, WORKDIR, COPY, ...):
//! `$V`, `${V}`, `${V:-w}`, `${V-w}`, `${V:+w}`, `${V+w}`, `${V:?e}`, `${V?e}`, `${V#p}`,
//! `${V##p}`, `${V%s}`, `${V%%s}`, `${V/p/r}`, `${V//p/r}`. Words may nest (`${A:-${B}}`).
//! Single quotes keep text literal; the escape character protects the next character.
//!
//! Unlike BuildKit, which silently substitutes an empty string, we record every variable
//! that had no value, so rules can say "unresolved" instead of guessing.

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Expanded {
    pub value: String,
    /// Variables that were referenced without a value and without a default.
    pub unresolved: Vec<String>,
    /// `${V:?msg}` errors that fired.
    pub errors: Vec<String>,
}

impl Expanded {
    pub fn is_complete(&self) -> bool {
        self.unresolved.is_empty() && self.errors.is_empty()
    }
}

/// Expand `text`. `lookup` returns a variable's value when it is set.
pub fn expand(text: &str, escape: char, lookup: &dyn Fn(&str) -> Option<String>) -> Expanded {
    let mut out = Expanded::default();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    let mut quote: Option<char> = None;
    expand_into(&chars, &mut i, escape, lookup, &mut out, &mut quote, None, 0);
    out
}

const MAX_DEPTH: usize = 32;

#[allow(clippy::too_many_arguments)]
fn expand_into(
    c: &[char],
    i: &mut usize,
    escape: char,
    lookup: &dyn Fn(&str) -> Option<String>,
    out: &mut Expanded,
    quote: &mut Option<char>,
    stop: Option<char>,
    depth: usize,
) {
    while *i < c.len() {
        let ch = c[*i];
        if stop == Some(ch) && quote.is_none() {
            return;
        }
        match (ch, *quote) {
            ('\'', None) => {
                *quote = Some('\'');
                *i += 1;
            }
            ('\'', Some('\'')) => {
                *quote = None;
                *i += 1;
            }
            (_, Some('\'')) => {
                out.value.push(ch);
                *i += 1;
            }
            ('"', None) => {
                *quote = Some('"');
                *i += 1;
            }
            ('"', Some('"')) => {
                *quote = None;
                *i += 1;
            }
            (e, _) if e == escape => {
                *i += 1;
                if let Some(&n) = c.get(*i) {
                    out.value.push(n);
                    *i += 1;
                } else {
                    out.value.push(e);
                }
            }
            ('$', _) => {
                *i += 1;
                if depth >= MAX_DEPTH {
                    out.errors.push("variable substitution nested too deeply".into());
                    return;
                }
                variable(c, i, escape, lookup, out, depth);
            }
            _ => {
                out.value.push(ch);
                *i += 1;
            }
        }
    }
}

fn name_at(c: &[char], i: &mut usize) -> String {
    let mut name = String::new();
    while let Some(&ch) = c.get(*i) {
        if ch.is_ascii_alphanumeric() || ch == '_' {
            name.push(ch);
            *i += 1;
        } else {
            break;
        }
    }
    name
}

/// Expand a nested word up to the closing `}` (or `stop`), returning its text.
fn sub_word(
    c: &[char],
    i: &mut usize,
    escape: char,
    lookup: &dyn Fn(&str) -> Option<String>,
    out: &mut Expanded,
    stop: char,
    depth: usize,
) -> String {
    let mut inner = Expanded::default();
    let mut q = None;
    expand_into(c, i, escape, lookup, &mut inner, &mut q, Some(stop), depth + 1);
    out.unresolved.extend(inner.unresolved);
    out.errors.extend(inner.errors);
    inner.value
}

fn variable(
    c: &[char],
    i: &mut usize,
    escape: char,
    lookup: &dyn Fn(&str) -> Option<String>,
    out: &mut Expanded,
    depth: usize,
) {
    match c.get(*i) {
        Some('{') => {
            *i += 1;
            let name = name_at(c, i);
            if name.is_empty() {
                // `${}` or `${!x}`: keep literally; BuildKit reports a syntax error here.
                out.errors.push("bad substitution".into());
                skip_to_brace(c, i);
                return;
            }
            let value = lookup(&name);
            let name_for_errors = name.clone();
            let op: String = match c.get(*i) {
                Some('}') => {
                    *i += 1;
                    match value {
                        Some(v) => out.value.push_str(&v),
                        None => out.unresolved.push(name),
                    }
                    return;
                }
                Some(':') => {
                    *i += 1;
                    match c.get(*i) {
                        Some(&o @ ('-' | '+' | '?')) => {
                            *i += 1;
                            format!(":{o}")
                        }
                        _ => {
                            out.errors.push(format!("unsupported modifier in ${{{name}:...}}"));
                            skip_to_brace(c, i);
                            return;
                        }
                    }
                }
                Some(&o @ ('-' | '+' | '?')) => {
                    *i += 1;
                    o.to_string()
                }
                Some('#') | Some('%') => {
                    let o = c[*i];
                    *i += 1;
                    if c.get(*i) == Some(&o) {
                        *i += 1;
                        format!("{o}{o}")
                    } else {
                        o.to_string()
                    }
                }
                Some('/') => {
                    *i += 1;
                    if c.get(*i) == Some(&'/') {
                        *i += 1;
                        "//".into()
                    } else {
                        "/".into()
                    }
                }
                _ => {
                    out.errors.push(format!("bad substitution in ${{{name}...}}"));
                    skip_to_brace(c, i);
                    return;
                }
            };
            let set_nonempty = value.as_deref().is_some_and(|v| !v.is_empty());
            let set = value.is_some();
            match op.as_str() {
                ":-" | "-" => {
                    let w = sub_word(c, i, escape, lookup, out, '}', depth);
                    let use_value = if op == ":-" { set_nonempty } else { set };
                    out.value.push_str(if use_value { value.as_deref().unwrap_or("") } else { &w });
                }
                ":+" | "+" => {
                    let w = sub_word(c, i, escape, lookup, out, '}', depth);
                    let use_word = if op == ":+" { set_nonempty } else { set };
                    if use_word {
                        out.value.push_str(&w);
                    }
                }
                ":?" | "?" => {
                    let w = sub_word(c, i, escape, lookup, out, '}', depth);
                    let ok = if op == ":?" { set_nonempty } else { set };
                    if ok {
                        out.value.push_str(value.as_deref().unwrap_or(""));
                    } else {
                        out.errors.push(if w.is_empty() {
                            format!("{name}: is not allowed to be unset")
                        } else {
                            format!("{name}: {w}")
                        });
                    }
                }
                "#" | "##" | "%" | "%%" => {
                    let pat = sub_word(c, i, escape, lookup, out, '}', depth);
                    match value {
                        Some(v) => out.value.push_str(&trim_pattern(&v, &pat, &op)),
                        None => out.unresolved.push(name),
                    }
                }
                _ => {
                    // `/pat/repl` or `//pat/repl`
                    let pat = sub_word(c, i, escape, lookup, out, '/', depth);
                    let repl = if c.get(*i) == Some(&'/') {
                        *i += 1;
                        sub_word(c, i, escape, lookup, out, '}', depth)
                    } else {
                        String::new()
                    };
                    match value {
                        Some(v) => {
                            out.value.push_str(&replace_pattern(&v, &pat, &repl, op == "//"))
                        }
                        None => out.unresolved.push(name),
                    }
                }
            }
            if c.get(*i) == Some(&'}') {
                *i += 1;
            } else {
                out.errors.push(format!("missing '}}' in ${{{name_for_errors}...}}"));
            }
        }
        Some(&ch) if ch.is_ascii_alphabetic() || ch == '_' => {
            let name = name_at(c, i);
            match lookup(&name) {
                Some(v) => out.value.push_str(&v),
                None => out.unresolved.push(name),
            }
        }
        _ => out.value.push('$'),
    }
}

fn skip_to_brace(c: &[char], i: &mut usize) {
    while *i < c.len() && c[*i] != '}' {
        *i += 1;
    }
    if *i < c.len() {
        *i += 1;
    }
}

/// Glob match of whole strings: `*` matches any run of characters (`/` and `.` included),
/// `?` one character. Shared with rules that match image patterns.
pub fn glob_match(pattern: &str, s: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let s: Vec<char> = s.chars().collect();
    glob(&p, &s)
}

/// Glob match with `*` and `?` (enough for the patterns seen in Dockerfiles).
fn glob(p: &[char], s: &[char]) -> bool {
    let (mut pi, mut si, mut star, mut mark) = (0, 0, None, 0);
    while si < s.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == s[si]) {
            pi += 1;
            si += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = si;
            pi += 1;
        } else if let Some(st) = star {
            pi = st + 1;
            mark += 1;
            si = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

fn trim_pattern(v: &str, pat: &str, op: &str) -> String {
    let s: Vec<char> = v.chars().collect();
    let p: Vec<char> = pat.chars().collect();
    let n = s.len();
    let prefixes: Box<dyn Iterator<Item = usize>> = match op {
        "#" => Box::new(0..=n),
        "##" => Box::new((0..=n).rev()),
        "%" => Box::new((0..=n).rev()),
        _ => Box::new(0..=n),
    };
    for k in prefixes {
        match op {
            "#" | "##" => {
                if glob(&p, &s[..k]) {
                    return s[k..].iter().collect();
                }
            }
            _ => {
                if glob(&p, &s[k..]) {
                    return s[..k].iter().collect();
                }
            }
        }
    }
    v.to_string()
}

fn replace_pattern(v: &str, pat: &str, repl: &str, all: bool) -> String {
    if pat.is_empty() {
        return v.to_string();
    }
    let s: Vec<char> = v.chars().collect();
    let p: Vec<char> = pat.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let mut replaced = false;
    while i < s.len() {
        if !replaced || all {
            // longest match starting at i
            if let Some(len) = (1..=s.len() - i).rev().find(|&l| glob(&p, &s[i..i + l])) {
                out.push_str(repl);
                i += len;
                replaced = true;
                continue;
            }
        }
        out.push(s[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(n: &str) -> Option<String> {
        match n {
            "V" => Some("1.2.3".into()),
            "E" => Some(String::new()),
            "P" => Some("/usr/local/bin".into()),
            _ => None,
        }
    }
    fn x(s: &str) -> String {
        expand(s, '\\', &env).value
    }

    #[test]
    fn operators() {
        assert_eq!(x("a$V"), "a1.2.3");
        assert_eq!(x("${V}b"), "1.2.3b");
        assert_eq!(x("${U:-def}"), "def");
        assert_eq!(x("${E:-def}"), "def");
        assert_eq!(x("${E-def}"), "");
        assert_eq!(x("${U-def}"), "def");
        assert_eq!(x("${V:+alt}"), "alt");
        assert_eq!(x("${E:+alt}"), "");
        assert_eq!(x("${E+alt}"), "alt");
        assert_eq!(x("${U+alt}"), "");
        assert_eq!(x("${P#*/}"), "usr/local/bin");
        assert_eq!(x("${P##*/}"), "bin");
        assert_eq!(x("${P%/*}"), "/usr/local");
        assert_eq!(x("${P%%/l*}"), "/usr");
        assert_eq!(x("${V/./-}"), "1-2.3");
        assert_eq!(x("${V//./-}"), "1-2-3");
        assert_eq!(x("${U:-${V}}"), "1.2.3");
        assert_eq!(x("'$V'"), "$V");
        assert_eq!(x("\\$V"), "$V");
        assert_eq!(x("\"$V\""), "1.2.3");
        let e = expand("${U}", '\\', &env);
        assert_eq!(e.unresolved, vec!["U"]);
        let e = expand("${U:?must be set}", '\\', &env);
        assert_eq!(e.errors, vec!["U: must be set"]);
        assert_eq!(expand("`$V", '`', &env).value, "$V");
    }

    #[test]
    fn hostile() {
        let deep = "${A:-".repeat(200) + &"}".repeat(200);
        let _ = expand(&deep, '\\', &env);
        let _ = expand("${", '\\', &env);
        let _ = expand("${V", '\\', &env);
        let _ = expand("${V/", '\\', &env);
        let _ = expand("$", '\\', &env);
    }
}
