//! `.eml` drafts (RFC 5322, as saved by mail clients), parsed with
//! `mail-parser`.
//!
//! This lives in the CLI rather than the library: a program embedding the
//! library already holds its messages as parsed mail (its own MIME stack),
//! and hands the library the subject and the text; only the command line
//! meets `.eml` files on disk.
//!
//! The message becomes a plain draft: `Subject:` and `To:` header lines
//! (RFC 2047 encoded words decoded), a blank line, and the `text/plain`
//! part (or the HTML part turned into text when there is none). Each piece
//! that is the file's own bytes remembers where it came from, so findings
//! in it point into the file; a finding in decoded text (quoted-printable,
//! base64, encoded words, HTML) leaves the whole file reported against the
//! decoded message, and says so.

use mail_parser::{Encoding, MessageParser, PartType};
use outreach_lint::{Diagnostic, LineIndex, LintOptions, Linter, MessageKind};

/// Said in the output when spans refer to the decoded message.
pub(crate) const DECODED_NOTE: &str =
    "lines and columns refer to the decoded message text, not the bytes of the file";

/// A linted `.eml` file.
#[derive(Debug)]
pub(crate) struct Linted {
    /// The text the spans point into: the file, or the decoded message.
    pub(crate) text: String,
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Whether `text` is the decoded message rather than the file.
    pub(crate) decoded: bool,
    /// The message kind the rules ran for.
    pub(crate) kind: MessageKind,
    /// Why, when it was detected.
    pub(crate) kind_reason: Option<String>,
}

/// A run of the draft text, and where its bytes start in the file when
/// they are the file's own.
struct Piece {
    start: usize,
    end: usize,
    file_at: Option<usize>,
}

/// Lint one `.eml` file. The error is the reason only.
pub(crate) fn lint(linter: &Linter, bytes: &[u8], options: &LintOptions) -> Result<Linted, String> {
    let message = MessageParser::default()
        .parse(bytes)
        .filter(|m| !m.headers().is_empty())
        .ok_or("is not an email message (no header fields found)")?;
    let file = std::str::from_utf8(bytes).ok();
    let mut draft = String::new();
    let mut pieces = Vec::new();
    let mut push = |draft: &mut String, text: &str, file_at: Option<usize>| {
        let start = draft.len();
        draft.push_str(text);
        pieces.push(Piece {
            start,
            end: draft.len(),
            file_at,
        });
    };

    for name in ["Subject", "To"] {
        let Some(header) = message
            .headers()
            .iter()
            .find(|h| h.name.as_str().eq_ignore_ascii_case(name))
        else {
            continue;
        };
        let raw =
            file.and_then(|f| f.get(header.offset_start as usize..header.offset_end as usize));
        // Without encoded words the raw value is what the reader sees.
        let (value, file_at) = match raw {
            Some(raw) if !raw.contains("=?") => {
                let lead = raw.len() - raw.trim_start().len();
                (
                    raw.trim().to_owned(),
                    Some(header.offset_start as usize + lead),
                )
            }
            _ => (decoded_header(&message, name), None),
        };
        push(&mut draft, &format!("{name}: "), None);
        push(&mut draft, &value, file_at);
        push(&mut draft, "\n", None);
    }
    push(&mut draft, "\n", None);

    let part = message
        .text_part(0)
        .or_else(|| message.html_part(0))
        .ok_or("has no text part to lint (no text/plain or text/html body)")?;
    match &part.body {
        PartType::Text(text) => {
            let at = part.offset_body as usize;
            let verbatim = part.encoding == Encoding::None
                && file
                    .and_then(|f| f.get(at..at + text.len()))
                    .is_some_and(|raw| raw == text.as_ref());
            push(&mut draft, text, verbatim.then_some(at));
        }
        PartType::Html(_) => {
            let text = message.body_text(0).unwrap_or_default();
            push(&mut draft, &text, None);
        }
        _ => return Err("has no text part to lint (no text/plain or text/html body)".into()),
    }

    let report = linter.lint_with("message.txt", &draft, options);
    let kind = report.kind;
    let kind_reason = report.kind_reason;
    let diagnostics = report.diagnostics;
    let in_file = |d: &Diagnostic| -> Option<(usize, usize)> {
        let piece = pieces
            .iter()
            .find(|p| p.start <= d.span.start && d.span.end <= p.end)?;
        let at = piece.file_at?;
        Some((
            at + d.span.start - piece.start,
            at + d.span.end - piece.start,
        ))
    };
    let mapped: Option<Vec<(usize, usize)>> = diagnostics.iter().map(in_file).collect();
    match (file, mapped) {
        (Some(file), Some(mapped)) => {
            let lines = LineIndex::new(file);
            let diagnostics = diagnostics
                .into_iter()
                .zip(mapped)
                .map(|(mut d, (start, end))| {
                    let (s, e) = (lines.line_column(file, start), lines.line_column(file, end));
                    d.span.start = start;
                    d.span.end = end;
                    (d.span.line, d.span.column) = (s.line, s.column);
                    (d.span.end_line, d.span.end_column) = (e.line, e.column);
                    d
                })
                .collect();
            Ok(Linted {
                text: file.to_owned(),
                diagnostics,
                decoded: false,
                kind,
                kind_reason,
            })
        }
        _ => Ok(Linted {
            text: draft,
            diagnostics,
            decoded: true,
            kind,
            kind_reason,
        }),
    }
}

/// A header's decoded value: the subject as text, addresses as
/// `Name <address>` lists.
fn decoded_header(message: &mail_parser::Message<'_>, name: &str) -> String {
    if name == "Subject" {
        return message.subject().unwrap_or_default().to_owned();
    }
    message
        .to()
        .map(|to| {
            to.iter()
                .map(|a| match (a.name(), a.address()) {
                    (Some(n), Some(addr)) => format!("{n} <{addr}>"),
                    (Some(n), None) => n.to_owned(),
                    (None, Some(addr)) => addr.to_owned(),
                    (None, None) => String::new(),
                })
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn linter() -> Linter {
        Linter::builtin()
    }

    #[test]
    fn plain_part_findings_point_into_the_file() {
        let eml = "From: a@x.org\r\nTo: b@y.org\r\nSubject: Hello\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHi Bo,\r\n\r\nCould I pick your brain?\r\n";
        let linted = lint(&linter(), eml.as_bytes(), &LintOptions::default()).expect("parses");
        assert!(!linted.decoded);
        let d = linted
            .diagnostics
            .iter()
            .find(|d| d.rule == "pick-your-brain")
            .expect("fires");
        assert_eq!(&eml[d.span.start..d.span.end], "pick your brain");
        assert_eq!((d.span.line, d.span.column), (8, 9));
    }

    #[test]
    fn quoted_printable_and_encoded_subject_are_decoded() {
        let eml = "To: b@y.org\nSubject: =?utf-8?q?pick_your_brain?=\nContent-Transfer-Encoding: quoted-printable\n\nHi Bo,\n\nCould I pick your br=\nain?\n";
        let linted = lint(&linter(), eml.as_bytes(), &LintOptions::default()).expect("parses");
        assert!(linted.decoded);
        assert!(linted.text.starts_with("Subject: pick your brain\n"));
        assert!(linted.text.contains("pick your brain?"));
        let hits = linted
            .diagnostics
            .iter()
            .filter(|d| d.rule == "pick-your-brain")
            .count();
        assert_eq!(hits, 2);
    }

    #[test]
    fn no_headers_and_no_text_part_are_errors() {
        assert!(lint(&linter(), b"just some words\n", &LintOptions::default()).is_err());
        let only_image = "To: b@y.org\nContent-Type: image/png\nContent-Transfer-Encoding: base64\n\niVBORw0KGgo=\n";
        let err = lint(&linter(), only_image.as_bytes(), &LintOptions::default()).unwrap_err();
        assert!(err.contains("no text part"), "{err}");
    }

    #[test]
    fn base64_body_is_decoded_and_flagged() {
        // "Hi Bo,\n\nCould I pick your brain?\n" in base64.
        let eml = "To: b@y.org\nSubject: Hello\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\nSGkgQm8sCgpDb3VsZCBJIHBpY2sgeW91ciBicmFpbj8K\n";
        let linted = lint(&linter(), eml.as_bytes(), &LintOptions::default()).expect("parses");
        assert!(linted.decoded);
        let d = linted
            .diagnostics
            .iter()
            .find(|d| d.rule == "pick-your-brain")
            .expect("fires in the decoded body");
        assert_eq!(&linted.text[d.span.start..d.span.end], "pick your brain");
    }

    #[test]
    fn encoded_words_in_to_are_decoded() {
        let eml = include_str!("../fixtures/eml/quoted-printable.eml");
        let linted = lint(&linter(), eml.as_bytes(), &LintOptions::default()).expect("parses");
        assert!(
            linted.text.starts_with(
                "Subject: Café and a quick chat?\nTo: Zoë Park <zoe@example.org>\n\nHi Zoë,"
            ),
            "{}",
            linted.text
        );
    }
}
