//! Lint cold-outreach drafts: parse a draft into sections, run etiquette
//! rules written in TOML over them, and get back diagnostics with byte
//! spans, lines and columns.
//!
//! ```
//! use outreach_lint::Linter;
//!
//! let linter = Linter::builtin();
//! let draft = "Subject: Coffee?\n\nHi Ana,\n\nCould I pick your brain over coffee?\n\nThanks,\nLee\n";
//! for d in linter.lint("ana.txt", draft) {
//!     println!("{}:{}:{}: {}[{}] {}", "ana.txt", d.span.line, d.span.column, d.level, d.rule, d.message);
//! }
//! assert!(linter.lint("ana.txt", draft).iter().any(|d| d.rule == "pick-your-brain"));
//! ```
//!
//! The pieces:
//! - [`Draft::parse`] splits text into [`Section`]s (never fails);
//!   [`Draft::parse_markdown`] does the same for Markdown drafts, with
//!   front matter as headers and offsets still into the file as read;
//! - [`Pack::from_toml`] loads a rule pack, reporting errors as [`LoadError`]s
//!   that point into the TOML;
//! - [`Linter`] holds compiled rules and returns [`Diagnostic`]s.
//!
//! The library never prints, exits or reads the environment.
#![warn(missing_docs, clippy::print_stdout, clippy::print_stderr)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

mod analysis;
mod checks;
mod compile;
mod config;
mod diagnostic;
#[cfg(test)]
mod differential;
mod draft;
mod engine;
mod error;
mod kind;
mod line_regex;
mod linter;
mod markdown;
mod metric;
mod pack;
mod rule;
mod scan;
mod schema;
mod set_ref;
mod signals;
mod span;
mod stand_in;
mod text;

pub use config::{Config, DEFAULT_PACKS};
pub use diagnostic::{Diagnostic, Level, Location};
pub use draft::{Draft, Header, Section, SectionKind};
pub use error::{LoadError, closest};
pub use kind::MessageKind;
pub use linter::{LintOptions, Linter, Report};

pub use markdown::{DraftFormat, ParseError};
pub use pack::{BUILTIN_PACKS, MAX_PACK_SIZE, Pack};
pub use rule::{Examples, Rule};
pub use span::{LineColumn, LineIndex, Span};
