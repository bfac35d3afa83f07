//! Problems found while loading a project, each with its location.
//!
//! Loading never stops at the first problem: a missing `extends` file or a bad port in one
//! service must not hide the rest of the project from the rules. Each problem is a
//! [`Diagnostic`] with a [`Category`] (so that callers can count and report them) and a
//! severity: errors are what Compose itself would refuse; warnings are what it would accept
//! while saying something (an unset variable, an empty file).

use std::ops::Range;

use dockward_core::{InputError, Location, Position};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Warning,
    Error,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// A file could not be read (permissions, not UTF-8, too large).
    Io,
    /// A file referenced by the project (`-f`, `extends.file`, `include`, `env_file`, `.env`
    /// given explicitly) does not exist.
    MissingFile,
    /// Not valid YAML.
    Syntax,
    /// A resource limit was hit (alias expansion, depth, size).
    Limit,
    /// Valid YAML that Compose cannot use (duplicate keys, top level not a mapping).
    Structure,
    /// `${...}` problems: `:?` errors, invalid templates, unset variables (warnings).
    Interpolation,
    /// `.env` / `env_file` syntax.
    EnvFile,
    /// Violation of the Compose Specification schema (DW002).
    Schema,
    Extends,
    Include,
    /// A value that cannot be normalised (a port that is not a port).
    Value,
    /// An empty or comment-only file.
    Empty,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Io => "io",
            Category::MissingFile => "missing-file",
            Category::Syntax => "yaml-syntax",
            Category::Limit => "limit",
            Category::Structure => "structure",
            Category::Interpolation => "interpolation",
            Category::EnvFile => "env-file",
            Category::Schema => "schema",
            Category::Extends => "extends",
            Category::Include => "include",
            Category::Value => "value",
            Category::Empty => "empty",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub level: Level,
    pub category: Category,
    pub file: Option<String>,
    /// 1-based; 0 when the problem concerns the whole file or no file.
    pub line: u32,
    pub column: u32,
    pub bytes: Option<Range<usize>>,
    pub message: String,
    /// For schema violations: the JSON pointer of the offending value.
    pub pointer: Option<String>,
}

impl Diagnostic {
    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }

    pub fn location(&self) -> Location {
        let pos = Position { line: self.line, column: self.column };
        Location { file: self.file.clone(), start: pos, end: pos, bytes: self.bytes.clone() }
    }

    /// As the core error type reported under DW001 / in the JSON `errors` array.
    pub fn to_input_error(&self) -> InputError {
        InputError {
            file: self.file.clone(),
            line: (self.line > 0).then_some(self.line),
            column: (self.column > 0).then_some(self.column),
            message: self.message.clone(),
        }
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sev = match self.level {
            Level::Error => "error",
            Level::Warning => "warning",
        };
        match &self.file {
            Some(file) if self.line > 0 => write!(f, "{file}:{}:{}: ", self.line, self.column)?,
            Some(file) => write!(f, "{file}: ")?,
            None => {}
        }
        write!(f, "{sev}[{}]: {}", self.category.as_str(), self.message)
    }
}
