//! Machine-applicable fixes: what `dockward scan --fix` writes.
//!
//! A rule that knows the correct rewrite attaches a [`Fix`] to its finding: one or more
//! [`Edit`]s, each a byte range of one file and its replacement, made where the value was
//! written (the Dockerfile span, the Compose key in the override file, `extends` base or YAML
//! anchor it came from), never in a merged copy. Nothing outside the edited ranges changes.
//!
//! [`Applicability`] says whether applying the fix can change what the container does at run
//! time: `Safe` fixes keep behaviour (`MAINTAINER` to `LABEL`, `--no-install-recommends`),
//! `Unsafe` ones change it in the direction the rule asks (`cap_drop: [ALL]`, a non-root
//! `USER`) and are applied only with `--unsafe-fixes`.
//!
//! [`apply`] applies the edits of many fixes to one text: edits are sorted, and a fix whose
//! edits overlap an edit already taken is left for the next pass (the caller rescans and tries
//! again, as ruff does), so every pass produces a well-formed text.

use serde::Serialize;
use std::ops::Range;

/// Whether a fix keeps the container's run-time behaviour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Keeps behaviour: applied by `--fix`.
    Safe,
    /// Changes behaviour as the rule asks: applied only with `--unsafe-fixes`.
    Unsafe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        }
    }
}

/// One replacement in one file.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Edit {
    /// The file, as in [`crate::Location::file`].
    pub file: String,
    /// Byte range replaced (empty for an insertion).
    pub range: Range<usize>,
    /// The new text.
    pub content: String,
}

impl Edit {
    pub fn replace(
        file: impl Into<String>,
        range: Range<usize>,
        content: impl Into<String>,
    ) -> Edit {
        Edit { file: file.into(), range, content: content.into() }
    }
    pub fn insert(file: impl Into<String>, at: usize, content: impl Into<String>) -> Edit {
        Edit { file: file.into(), range: at..at, content: content.into() }
    }
    pub fn delete(file: impl Into<String>, range: Range<usize>) -> Edit {
        Edit { file: file.into(), range, content: String::new() }
    }
}

/// A finding's machine-applicable fix: all its edits are applied together or not at all.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Fix {
    pub applicability: Applicability,
    /// What the fix does, in a few words ("replace `MAINTAINER` with a `LABEL`").
    pub title: String,
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn safe(title: impl Into<String>, edits: Vec<Edit>) -> Fix {
        Fix { applicability: Applicability::Safe, title: title.into(), edits }
    }
    pub fn unsafe_(title: impl Into<String>, edits: Vec<Edit>) -> Fix {
        Fix { applicability: Applicability::Unsafe, title: title.into(), edits }
    }
}

/// The result of applying fixes to one file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub text: String,
    /// Indexes (into the `fixes` given) of the fixes applied.
    pub applied: Vec<usize>,
    /// Indexes of the fixes left for another pass (they overlap an applied one).
    pub deferred: Vec<usize>,
}

/// Apply the edits of `fixes` that concern `file` to `text`. A fix is taken whole or not at
/// all; fixes are considered in the order given, and one that overlaps (or touches, for two
/// insertions at one offset) an edit already taken, or has a range outside the text or not on
/// a character boundary, is not applied (deferred or dropped). Edits of other files are
/// ignored here (the caller applies each file's share; a fix spanning files is applied in
/// each).
pub fn apply(text: &str, file: &str, fixes: &[&Fix]) -> Applied {
    let mut taken: Vec<&Edit> = Vec::new();
    let mut applied = Vec::new();
    let mut deferred = Vec::new();
    for (i, fix) in fixes.iter().enumerate() {
        let edits: Vec<&Edit> = fix.edits.iter().filter(|e| e.file == file).collect();
        if edits.is_empty() {
            continue;
        }
        let valid = edits.iter().all(|e| {
            e.range.start <= e.range.end
                && e.range.end <= text.len()
                && text.is_char_boundary(e.range.start)
                && text.is_char_boundary(e.range.end)
        });
        if !valid {
            continue;
        }
        let clashes = |a: &Edit, b: &Edit| {
            a.range.start < b.range.end && b.range.start < a.range.end
                || a.range.start == b.range.start
                || (a.range.is_empty() || b.range.is_empty())
                    && (a.range.start == b.range.end || b.range.start == a.range.end)
        };
        let self_clash =
            edits.iter().enumerate().any(|(j, a)| edits[j + 1..].iter().any(|b| clashes(a, b)));
        if self_clash {
            continue;
        }
        if edits.iter().any(|e| taken.iter().any(|t| clashes(e, t))) {
            deferred.push(i);
            continue;
        }
        taken.extend(edits);
        applied.push(i);
    }
    taken.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in taken {
        out.push_str(&text[at..e.range.start]);
        out.push_str(&e.content);
        at = e.range.end;
    }
    out.push_str(&text[at..]);
    Applied { text: out, applied, deferred }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(edits: &[(Range<usize>, &str)]) -> Fix {
        Fix::safe("t", edits.iter().map(|(r, c)| Edit::replace("f", r.clone(), *c)).collect())
    }

    #[test]
    fn applies_non_overlapping_edits_in_order() {
        let a = fix(&[(0..3, "ABC")]);
        let b = fix(&[(4..7, "DEF"), (8..8, "!")]);
        let r = apply("abc def gh", "f", &[&b, &a]);
        assert_eq!(r.text, "ABC DEF !gh");
        assert_eq!(r.applied, vec![0, 1]);
    }

    #[test]
    fn overlapping_fix_waits_for_the_next_pass() {
        let a = fix(&[(0..5, "x")]);
        let b = fix(&[(3..7, "y")]);
        let r = apply("0123456789", "f", &[&a, &b]);
        assert_eq!(r.text, "x56789");
        assert_eq!(r.deferred, vec![1]);
    }

    #[test]
    fn two_insertions_at_one_place_do_not_both_apply() {
        let a = fix(&[(2..2, "a")]);
        let b = fix(&[(2..2, "b")]);
        let r = apply("0123", "f", &[&a, &b]);
        assert_eq!(r.text, "01a23");
        assert_eq!(r.deferred, vec![1]);
    }

    #[test]
    fn bad_ranges_and_other_files_are_ignored() {
        let out_of_range = fix(&[(2..99, "x")]);
        let inside_char = fix(&[(1..2, "x")]);
        let other = Fix::safe("t", vec![Edit::replace("g", 0..1, "x")]);
        let r = apply("é1", "f", &[&out_of_range, &inside_char, &other]);
        assert_eq!(r.text, "é1");
        assert!(r.applied.is_empty() && r.deferred.is_empty());
    }
}
