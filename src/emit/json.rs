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
//! quoted-printable or base64) carries `"decoded": true` and a `"note"`.

use std::io::{self, Write};

use outreach_lint::{Diagnostic, MessageKind};
use serde::Serialize;

use super::{FileReport, Summary};

#[derive(Serialize)]
struct FileEntry<'a> {
    path: &'a str,
    /// The message kind the rules ran for (added in version 1, additive).
    kind: MessageKind,
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

/// `value` pretty-printed (two-space indents) as if nested `depth` levels
/// deep: JSON strings hold no raw line breaks, so every one is the
/// printer's, and indenting after each gives the nested layout.
fn pretty_at(value: &impl Serialize, depth: usize) -> serde_json::Result<String> {
    let text = serde_json::to_string_pretty(value)?;
    Ok(text.replace('\n', &format!("\n{}", "  ".repeat(depth))))
}

/// One file's entry of the report, rendered where the file is linted (in
/// parallel) and spliced into the report as is, at its depth there.
pub(crate) fn entry(report: &FileReport) -> serde_json::Result<String> {
    let entry = FileEntry {
        path: &report.name,
        kind: report.kind,
        diagnostics: &report.diagnostics,
        decoded: report.decoded,
        note: report.decoded.then_some(crate::eml::DECODED_NOTE),
    };
    pretty_at(&entry, 2)
}

/// The report, laid out exactly as `serde_json::to_writer_pretty` lays out
/// `{ "version", "files", "summary" }`, from entries rendered already
/// (those missing are rendered here).
pub(crate) fn emit(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    let s = Summary::of(reports);
    out.write_all(b"{\n  \"version\": 1,\n  \"files\": [")?;
    for (i, report) in reports.iter().enumerate() {
        out.write_all(if i == 0 { b"\n    " } else { b",\n    " })?;
        match &report.json {
            Some(json) => out.write_all(json.as_bytes())?,
            None => out.write_all(entry(report)?.as_bytes())?,
        }
    }
    if !reports.is_empty() {
        out.write_all(b"\n  ")?;
    }
    let summary = SummaryEntry {
        files: s.files,
        errors: s.errors,
        warnings: s.warnings,
        infos: s.infos,
    };
    writeln!(out, "],\n  \"summary\": {}\n}}", pretty_at(&summary, 1)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hand-laid report is byte for byte what serde_json prints for
    /// the same document in one go.
    #[test]
    fn the_report_reads_as_if_printed_in_one_go() {
        let draft = "Hi,\n\nCan I pick your brain?\n";
        let linter = outreach_lint::Linter::builtin();
        let report = |name: &str, decoded: bool, pre: bool| {
            let mut r = FileReport {
                name: name.to_owned(),
                kind: MessageKind::ColdRequest,
                diagnostics: linter.lint(name, draft),
                decoded,
                json: None,
            };
            if pre {
                r.json = entry(&r).ok();
            }
            r
        };
        for reports in [
            vec![],
            vec![report("a.txt", false, true)],
            vec![
                report("a.txt", false, false),
                report("b \"q\".eml", true, true),
            ],
            vec![
                report("empty.txt", false, true),
                report("c.txt", false, false),
            ],
        ] {
            let mut ours = Vec::new();
            emit(&mut ours, &reports).expect("written");
            let s = Summary::of(&reports);
            #[derive(Serialize)]
            struct Output<'a> {
                version: u32,
                files: Vec<FileEntry<'a>>,
                summary: SummaryEntry,
            }
            let whole = Output {
                version: 1,
                files: reports
                    .iter()
                    .map(|r| FileEntry {
                        path: &r.name,
                        kind: r.kind,
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
            let mut theirs = serde_json::to_string_pretty(&whole).expect("printed");
            theirs.push('\n');
            assert_eq!(String::from_utf8(ours).expect("utf-8"), theirs);
        }
    }
}
