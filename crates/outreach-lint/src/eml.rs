//! `.eml` drafts (RFC 5322, as saved by mail clients), parsed with
//! `mail-parser` (the `eml` feature, on by default).
//!
//! The message becomes a plain draft: `Subject:` and `To:` header lines
//! (RFC 2047 encoded words decoded), a blank line, and the `text/plain`
//! part (or the HTML part turned into text when there is none; never both,
//! as linting the raw file would). Each piece that is the file's own bytes
//! remembers where it came from, so findings in it point into the file; a
//! finding in decoded text (quoted-printable, base64, encoded words, HTML)
//! leaves the whole file reported against the decoded message, and says so
//! ([`EmlReport::decoded`]).

use crate::diagnostic::Diagnostic;
use crate::lint::{LintOptions, Linter};
use crate::rules::MessageKind;
use crate::span::LineIndex;
use mail_parser::{Encoding, MessageParser, PartType};

/// A linted `.eml` file.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct EmlReport {
    /// The text the spans point into: the file, or the decoded message.
    pub text: String,
    /// The findings, sorted by position, then rule id.
    pub diagnostics: Vec<Diagnostic>,
    /// Whether `text` is the decoded message rather than the file.
    pub decoded: bool,
    /// The message kind the rules ran for.
    pub kind: MessageKind,
    /// Why the message was read as that kind, when it was detected.
    pub kind_reason: Option<String>,
}

impl EmlReport {
    /// What to tell a reader when spans refer to the decoded message.
    pub const DECODED_NOTE: &str =
        "lines and columns refer to the decoded message text, not the bytes of the file";
}

/// Why a file could not be linted as an email message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmlError(String);

impl EmlError {
    /// The reason, worded to follow the file's name: "is not an email
    /// message (…)".
    pub fn reason(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for EmlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the file {}", self.0)
    }
}

impl std::error::Error for EmlError {}

impl From<&str> for EmlError {
    fn from(reason: &str) -> Self {
        EmlError(reason.to_owned())
    }
}

/// A run of the draft text, and where its bytes start in the file when
/// they are the file's own.
struct Piece {
    start: usize,
    end: usize,
    file_at: Option<usize>,
}

impl Linter {
    /// Lint one `.eml` file: its subject, recipients and text part.
    ///
    /// ```
    /// use outreach_lint::{LintOptions, Linter};
    /// let eml = "To: b@y.org\r\nSubject: Hello\r\nContent-Type: text/plain\r\n\r\nHi Bo,\r\n\r\nCould I pick your brain?\r\n";
    /// let report = Linter::builtin().lint_eml(eml.as_bytes(), &LintOptions::default()).unwrap();
    /// let brain = report.diagnostics.iter().find(|d| d.rule == "pick-your-brain").unwrap();
    /// assert_eq!(&eml[brain.span.start..brain.span.end], "pick your brain");
    /// assert!(Linter::builtin().lint_eml(b"no headers", &LintOptions::default()).is_err());
    /// ```
    ///
    /// # Errors
    ///
    /// Bytes that are not an email message, or a message with no text or
    /// HTML part.
    pub fn lint_eml(&self, bytes: &[u8], options: &LintOptions) -> Result<EmlReport, EmlError> {
        lint(self, bytes, options)
    }
}

fn lint(linter: &Linter, bytes: &[u8], options: &LintOptions) -> Result<EmlReport, EmlError> {
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
        _ => {
            return Err("has no text part to lint (no text/plain or text/html body)".into());
        }
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
            Ok(EmlReport {
                text: file.to_owned(),
                diagnostics,
                decoded: false,
                kind,
                kind_reason,
            })
        }
        _ => Ok(EmlReport {
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
        assert!(err.reason().contains("no text part"), "{err}");
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
        let eml = "From: =?utf-8?q?Tom=C3=A1s_Silva?= <tomas@example.net>\nTo: =?utf-8?q?Zo=C3=AB_Park?= <zoe@example.org>\nSubject: =?utf-8?q?Caf=C3=A9_and_a_quick_chat=3F?=\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\nHi Zo=C3=AB,\n\nI'm new here.\n";
        let linted = lint(&linter(), eml.as_bytes(), &LintOptions::default()).expect("parses");
        assert!(
            linted.text.starts_with(
                "Subject: Café and a quick chat?\nTo: Zoë Park <zoe@example.org>\n\nHi Zoë,"
            ),
            "{}",
            linted.text
        );
    }

    #[test]
    fn multipart_lints_the_text_part_only() {
        let eml = "To: b@y.org\nSubject: Hello\nMIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=\"b1\"\n\n--b1\nContent-Type: text/plain; charset=utf-8\n\nHi Bo,\n\nCould I pick your brain?\n\n--b1\nContent-Type: text/html; charset=utf-8\n\n<p>Hi Bo,</p><p>Could I pick your brain?</p>\n--b1--\n";
        let linted = lint(&linter(), eml.as_bytes(), &LintOptions::default()).expect("parses");
        let hits: Vec<_> = linted
            .diagnostics
            .iter()
            .filter(|d| d.rule == "pick-your-brain")
            .collect();
        assert_eq!(hits.len(), 1, "{hits:?}");
        assert!(
            eml[..hits[0].span.start].rfind("text/plain") > eml[..hits[0].span.start].rfind("<p>")
        );
        // The raw file through `lint` meets the HTML part too.
        let raw = linter().lint("m.txt", eml);
        assert_eq!(
            raw.iter().filter(|d| d.rule == "pick-your-brain").count(),
            2
        );
    }
}
