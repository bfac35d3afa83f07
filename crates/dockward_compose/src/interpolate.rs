//! `${VAR}` interpolation, as the Compose Specification defines it.
//!
//! Supported: `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?err}`,
//! `${VAR?err}`, `${VAR:+replacement}`, `${VAR+replacement}`, `$$` (a literal `$`), and nesting
//! in the default/replacement/error text (`${A:-${B:-c}}`). Only the branch that is taken is
//! interpolated, so a variable named in an unused default is neither looked up nor warned about.
//!
//! Interpolation works on one string and reports what it substituted, so that a value can say
//! "came from `${DB_HOST}` in `.env`". The variable store ([`Environment`]) is passed in
//! explicitly: the loader never reads the process environment itself.

use std::collections::BTreeMap;

use dockward_spec::VariableSource;

/// Variables available to interpolation, each with where it came from. Built by the caller from
/// the process environment (passed in) and env files; later inserts override earlier ones.
#[derive(Debug, Clone, Default)]
pub struct Environment {
    vars: BTreeMap<String, (String, VariableSource)>,
}

impl Environment {
    pub fn new() -> Self {
        Environment::default()
    }
    pub fn insert(
        &mut self,
        name: impl Into<String>,
        value: impl Into<String>,
        source: VariableSource,
    ) {
        self.vars.insert(name.into(), (value.into(), source));
    }
    pub fn get(&self, name: &str) -> Option<&(String, VariableSource)> {
        self.vars.get(name)
    }
    pub fn value(&self, name: &str) -> Option<&str> {
        self.vars.get(name).map(|(v, _)| v.as_str())
    }
    pub fn iter(&self) -> impl Iterator<Item = (&String, &(String, VariableSource))> {
        self.vars.iter()
    }
}

/// One substitution made while interpolating a string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Substitution {
    pub variable: String,
    pub source: VariableSource,
}

/// A string after interpolation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Interpolated {
    pub value: String,
    pub substitutions: Vec<Substitution>,
    /// Variables used without a default that are not set (replaced by "").
    pub missing: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InterpolationError {
    /// `${VAR:?message}` / `${VAR?message}` with the variable missing.
    Required { variable: String, message: String },
    /// Text that is not a valid template (`$1`, unclosed `${`, `${VAR:x}`).
    Invalid { message: String },
}

impl std::fmt::Display for InterpolationError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InterpolationError::Required { variable, message } if message.is_empty() => {
                write!(f, "required variable {variable} is missing a value")
            }
            InterpolationError::Required { variable, message } => {
                write!(f, "required variable {variable} is missing a value: {message}")
            }
            InterpolationError::Invalid { message } => f.write_str(message),
        }
    }
}

/// Longest template nesting accepted (`${A:-${B:-...}}`), a guard against hostile input.
const MAX_NESTING: usize = 32;

/// Interpolate `text` with variables from `env`.
pub fn interpolate(text: &str, env: &Environment) -> Result<Interpolated, InterpolationError> {
    let mut out = Interpolated::default();
    expand(text, env, &mut out, 0)?;
    Ok(out)
}

/// Quick check: does interpolation have anything to do?
pub fn has_template(text: &str) -> bool {
    text.contains('$')
}

fn is_name_start(c: char) -> bool {
    c == '_' || c.is_ascii_alphabetic()
}
fn is_name_char(c: char) -> bool {
    c == '_' || c.is_ascii_alphanumeric()
}

fn invalid(text: &str) -> InterpolationError {
    InterpolationError::Invalid {
        message: format!(
            "invalid interpolation format in {text:?}: you may need to escape any $ with another $"
        ),
    }
}

fn expand(
    text: &str,
    env: &Environment,
    out: &mut Interpolated,
    depth: usize,
) -> Result<(), InterpolationError> {
    if depth > MAX_NESTING {
        return Err(InterpolationError::Invalid {
            message: "interpolation nested too deeply".into(),
        });
    }
    let mut rest = text;
    while let Some(i) = rest.find('$') {
        out.value.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let mut chars = after.chars();
        match chars.next() {
            Some('$') => {
                out.value.push('$');
                rest = &after[1..];
            }
            Some('{') => {
                let body_and_rest = &after[1..];
                let close = matching_brace(body_and_rest).ok_or_else(|| invalid(text))?;
                let body = &body_and_rest[..close];
                braced(body, text, env, out, depth)?;
                rest = &body_and_rest[close + 1..];
            }
            Some(c) if is_name_start(c) => {
                let end = after.find(|c: char| !is_name_char(c)).unwrap_or(after.len());
                let name = &after[..end];
                substitute_plain(name, env, out);
                rest = &after[end..];
            }
            _ => return Err(invalid(text)),
        }
    }
    out.value.push_str(rest);
    Ok(())
}

/// Index of the `}` closing a `${` whose body starts `s`, counting nested braces.
fn matching_brace(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => return Some(i),
            '}' => depth -= 1,
            _ => {}
        }
    }
    None
}

fn substitute_plain(name: &str, env: &Environment, out: &mut Interpolated) {
    match env.get(name) {
        Some((v, src)) => {
            out.value.push_str(v);
            out.substitutions
                .push(Substitution { variable: name.to_string(), source: src.clone() });
        }
        None => {
            out.missing.push(name.to_string());
            out.substitutions
                .push(Substitution { variable: name.to_string(), source: VariableSource::Unset });
        }
    }
}

fn braced(
    body: &str,
    whole: &str,
    env: &Environment,
    out: &mut Interpolated,
    depth: usize,
) -> Result<(), InterpolationError> {
    let name_end = body.find(|c: char| !is_name_char(c)).unwrap_or(body.len());
    let name = &body[..name_end];
    if name.is_empty() || !name.starts_with(is_name_start) {
        return Err(invalid(whole));
    }
    let op_text = &body[name_end..];
    if op_text.is_empty() {
        substitute_plain(name, env, out);
        return Ok(());
    }
    let (colon, op_and_arg) = match op_text.strip_prefix(':') {
        Some(r) => (true, r),
        None => (false, op_text),
    };
    let mut it = op_and_arg.chars();
    let op = it.next().ok_or_else(|| invalid(whole))?;
    let arg = it.as_str();
    let found = env.get(name);
    // With `:`, an empty value counts as unset.
    let set = match found {
        Some((v, _)) => !(colon && v.is_empty()),
        None => false,
    };
    match op {
        '-' => {
            if set {
                if let Some((v, src)) = found {
                    out.value.push_str(v);
                    out.substitutions
                        .push(Substitution { variable: name.to_string(), source: src.clone() });
                }
            } else {
                out.substitutions.push(Substitution {
                    variable: name.to_string(),
                    source: VariableSource::Default,
                });
                expand(arg, env, out, depth + 1)?;
            }
        }
        '?' => {
            if set {
                if let Some((v, src)) = found {
                    out.value.push_str(v);
                    out.substitutions
                        .push(Substitution { variable: name.to_string(), source: src.clone() });
                }
            } else {
                let mut msg = Interpolated::default();
                expand(arg, env, &mut msg, depth + 1)?;
                return Err(InterpolationError::Required {
                    variable: name.to_string(),
                    message: msg.value,
                });
            }
        }
        '+' => {
            if set {
                if let Some((_, src)) = found {
                    out.substitutions
                        .push(Substitution { variable: name.to_string(), source: src.clone() });
                }
                expand(arg, env, out, depth + 1)?;
            } else {
                out.substitutions.push(Substitution {
                    variable: name.to_string(),
                    source: VariableSource::Unset,
                });
            }
        }
        _ => return Err(invalid(whole)),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env() -> Environment {
        let mut e = Environment::new();
        e.insert("SET", "value", VariableSource::Environment);
        e.insert("EMPTY", "", VariableSource::DotEnv { file: ".env".into() });
        e.insert("B", "bee", VariableSource::EnvFile { file: "x.env".into() });
        e
    }

    fn ok(t: &str) -> String {
        interpolate(t, &env()).unwrap().value
    }

    #[test]
    fn operators() {
        assert_eq!(ok("$SET"), "value");
        assert_eq!(ok("a${SET}b"), "avalueb");
        assert_eq!(ok("$SET.x"), "value.x");
        assert_eq!(ok("${UNSET:-def}"), "def");
        assert_eq!(ok("${EMPTY:-def}"), "def");
        assert_eq!(ok("${EMPTY-def}"), "");
        assert_eq!(ok("${UNSET-def}"), "def");
        assert_eq!(ok("${SET:-def}"), "value");
        assert_eq!(ok("${SET:+rep}"), "rep");
        assert_eq!(ok("${EMPTY:+rep}"), "");
        assert_eq!(ok("${EMPTY+rep}"), "rep");
        assert_eq!(ok("${UNSET+rep}"), "");
        assert_eq!(ok("${SET:?boom}"), "value");
        assert_eq!(ok("${EMPTY?boom}"), "");
        assert_eq!(ok("${UNSET:-}"), "");
    }

    #[test]
    fn escapes_and_nesting() {
        assert_eq!(ok("$$HOME"), "$HOME");
        assert_eq!(ok("a$$"), "a$");
        assert_eq!(ok("${UNSET:-${B:-c}}"), "bee");
        assert_eq!(ok("${UNSET:-${NOPE:-c}}"), "c");
        assert_eq!(ok("${UNSET:-{\"a\":1}}"), "{\"a\":1}");
        assert_eq!(ok("${UNSET:-a:b}"), "a:b");
    }

    #[test]
    fn errors_and_missing() {
        let e = interpolate("${UNSET:?please set it}", &env()).unwrap_err();
        assert_eq!(
            e,
            InterpolationError::Required {
                variable: "UNSET".into(),
                message: "please set it".into()
            }
        );
        assert!(matches!(
            interpolate("${EMPTY:?}", &env()),
            Err(InterpolationError::Required { .. })
        ));
        assert!(matches!(
            interpolate("${UNSET?x}", &env()),
            Err(InterpolationError::Required { .. })
        ));
        for bad in ["$1", "${", "${SET", "${SET:x}", "${}", "a $ b", "end$", "${1A}"] {
            assert!(
                matches!(interpolate(bad, &env()), Err(InterpolationError::Invalid { .. })),
                "{bad}"
            );
        }
        let r = interpolate("x${NOPE}y$ALSO_NOPE", &env()).unwrap();
        assert_eq!(r.value, "xy");
        assert_eq!(r.missing, vec!["NOPE", "ALSO_NOPE"]);
    }

    #[test]
    fn provenance_recorded() {
        let r = interpolate("${B}-${UNSET:-d}", &env()).unwrap();
        assert_eq!(r.substitutions[0].source, VariableSource::EnvFile { file: "x.env".into() });
        assert_eq!(r.substitutions[1].source, VariableSource::Default);
        // Unused branches are not looked at.
        let r = interpolate("${SET:-${NOPE}}", &env()).unwrap();
        assert!(r.missing.is_empty());
    }

    #[test]
    fn hostile_nesting_is_bounded() {
        let t = "${A:-".repeat(100) + &"}".repeat(100);
        assert!(interpolate(&t, &env()).is_err());
    }
}
