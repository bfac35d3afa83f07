//! Lossless Dockerfile parser following BuildKit's grammar, and shell analysis of RUN.
//!
//! The parser mirrors `moby/buildkit/frontend/dockerfile/parser`: parser directives at the top
//! (`# syntax=`, `# escape=`, `# check=`), logical lines joined across escape-continuations with
//! comment and blank lines inside them dropped, heredocs for RUN/COPY/ADD, flags before the
//! arguments, and per-instruction argument forms (exec/JSON or shell, key=value pairs). Every
//! node keeps byte spans into the original text so findings can point at the exact value.
//!
//! Layering: [`parse`] builds the syntax tree ([`ast`]); [`model::Model`] adds meaning (stages,
//! ARG scopes, resolved base images, the shell of each stage, parsed RUN scripts). Rules read
//! both and never re-parse.

pub mod ast;
pub mod expand;
mod heredoc;
pub mod instruction;
mod lexer;
pub mod model;
pub mod shell;
mod words;

pub use ast::{Dockerfile, Instruction, Keyword, ParseError, Span};
pub use lexer::parse;
pub use model::Model;
