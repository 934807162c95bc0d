//! The JSON format, version 1: a contract. Fields may be added; none may be
//! renamed or removed.
//!
//! ```json
//! {
//!   "version": 1,
//!   "files": [
//!     { "path": "drafts/jane.txt", "kind": "cold-request",
//!       "diagnostics": [ { "rule": "pick-your-brain", "level": "error",
//!         "message": "...", "help": "...", "section": "body",
//!         "span": { "start": 120, "end": 135, "line": 5, "column": 12,
//!                   "end_line": 5, "end_column": 27 } } ] }
//!   ],
//!   "summary": { "files": 1, "errors": 1, "warnings": 0, "infos": 0 }
//! }
//! ```
//!
//! `start`/`end` are byte offsets into the file as read; `line`/`column` are
//! 1-based and count characters. Added in version 1 without breaking it: a
//! file whose spans refer to a decoded message (an `.eml` body that was
//! quoted-printable or base64) carries `"decoded": true` and a `"note"`;
//! a finding that the other formats fold into another one on the same
//! words is still listed (and counted in `summary`), with `"folded_into"`,
//! the index of that one in the same file's `diagnostics`.

use std::io::{self, Write};

use outreach_lint::{Diagnostic, MessageKind};
use serde::Serialize;

use super::{FileReport, Summary};

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    files: Vec<FileEntry<'a>>,
    summary: SummaryEntry,
}

#[derive(Serialize)]
struct FileEntry<'a> {
    path: &'a str,
    /// The message kind the rules ran for (added in version 1, additive).
    kind: MessageKind,
    /// Why it was read as that kind, when that was detected (additive).
    #[serde(skip_serializing_if = "Option::is_none")]
    kind_reason: Option<&'a str>,
    diagnostics: &'a [Diagnostic],
    /// Present (and true) only when spans refer to a decoded message.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    decoded: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'static str>,
}

#[derive(Serialize)]
struct SummaryEntry {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

pub(crate) fn emit(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    let s = Summary::of(reports);
    let output = Output {
        version: 1,
        files: reports
            .iter()
            .map(|r| FileEntry {
                path: &r.name,
                kind: r.kind,
                kind_reason: r.kind_reason.as_deref(),
                diagnostics: &r.diagnostics,
                decoded: r.decoded,
                note: r.decoded.then_some(crate::eml::DECODED_NOTE),
            })
            .collect(),
        summary: SummaryEntry {
            files: s.files,
            errors: s.errors,
            warnings: s.warnings,
            infos: s.infos,
        },
    };
    serde_json::to_writer_pretty(&mut *out, &output)?;
    writeln!(out)
}
