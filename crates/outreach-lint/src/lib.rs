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
//! - [`Linter`] holds compiled rules and returns [`Diagnostic`]s;
//!   [`Linter::from_config`] builds one from an `outreach-lint.toml`
//!   ([`Config`]), and [`Linter::lint_input`] lints a [`Message`] given
//!   field by field, or text from someone else, ignoring its in-draft
//!   switches unless allowed; [`Linter::lint_eml`] reads `.eml` files.
//!
//! The library never prints, exits or reads the environment.
#![warn(
    missing_docs,
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::missing_errors_doc
)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

// The layers, lowest first; a module may use those above it in this list,
// never those below (a test in `tests/layers.rs` holds the code to it):
// `span`, `error`; `draft` (text to sections); `diagnostic`; `matcher`
// (fast multi-pattern matching, no rule types); `rules` (rule data);
// `pack` (TOML to rules); `lint` (running rules over drafts); `config` and
// `eml` (`.eml` files, behind the `eml` feature); `embed` (a linter from a
// configuration, drafts as message fields).
#[cfg(feature = "toml")]
mod config;
mod diagnostic;
mod draft;
mod embed;
#[cfg(feature = "eml")]
mod eml;
#[cfg(test)]
mod equivalence;
mod error;
mod lint;
mod matcher;
mod pack;
mod rules;
mod span;

#[cfg(feature = "toml")]
pub use config::Config;
pub use diagnostic::{Diagnostic, Level, Location};
pub use draft::{Draft, DraftFormat, Header, ParseError, Section, SectionKind};
pub use embed::{Input, InputError, Message, PackFile};
#[cfg(feature = "eml")]
pub use eml::{EmlError, EmlReport};
pub use error::{ErrorKind, LoadError};
pub use lint::{LintOptions, Linter, Report, UnknownRule};
pub use pack::{BUILTIN_PACKS, DEFAULT_PACKS, MAX_PACK_SIZE, Pack};
pub use rules::{Examples, MessageKind, Rule, UnknownKind};
pub use span::{LineColumn, LineIndex, Span};

/// What the fuzz targets reach inside the library: not a stable API, and
/// only built with the `internals` feature.
#[cfg(feature = "internals")]
#[doc(hidden)]
pub mod internals {
    pub use crate::matcher::matches;
}
