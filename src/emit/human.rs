//! The default format: rustc-style diagnostics through codespan-reporting.

use std::io::{self, Write};

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity};
use codespan_reporting::files::{SimpleFile, SimpleFiles};
use codespan_reporting::term::termcolor::{Ansi, NoColor, WriteColor};
use codespan_reporting::term::{self, Config};
use outreach_lint::{Diagnostic, Level, LoadError};

use super::{FileReport, Summary};

/// Lines longer than this many bytes are not printed under a finding: one
/// long line with many findings would be printed again for each of them.
const MAX_SHOWN_LINE: usize = 4096;

/// The one mapping from a finding to a codespan diagnostic: the rule id is
/// the code, the words are underlined, and `help:` says what to do.
fn to_codespan(d: &Diagnostic, name: &str, text: &str) -> CsDiagnostic<()> {
    let severity = match d.level {
        Level::Error => Severity::Error,
        Level::Warning => Severity::Warning,
        Level::Info => Severity::Note,
    };
    let diagnostic = CsDiagnostic::new(severity)
        .with_code(d.rule.clone())
        .with_message(d.message.clone());
    if short_line_at(text, d.span.start) && short_line_at(text, d.span.end) {
        return diagnostic
            .with_labels(vec![
                Label::primary((), d.span.start..d.span.end)
                    .with_message(format!("in the {}", d.section)),
            ])
            .with_notes(notes(d));
    }
    let mut shown = vec![format!(
        "at {name}:{}:{}, in the {} (the line is too long to show)",
        d.span.line, d.span.column, d.section
    )];
    shown.extend(notes(d));
    diagnostic.with_notes(shown)
}

/// Whether the line holding byte `at` is short enough to print: it starts
/// and ends within `MAX_SHOWN_LINE` bytes of `at`. Looks no further than
/// that, so the check costs the same however long the line is.
fn short_line_at(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    let is_break = |b: &u8| matches!(b, b'\n' | b'\r');
    let from = at.saturating_sub(MAX_SHOWN_LINE);
    let to = at.saturating_add(MAX_SHOWN_LINE).min(bytes.len());
    let starts_near = from == 0 || bytes.get(from..at).is_some_and(|b| b.iter().any(is_break));
    let ends_near = to == bytes.len() || bytes.get(at..to).is_some_and(|b| b.iter().any(is_break));
    starts_near && ends_near
}

/// `help:` always; `suggestion:` when the rule offers replacements.
fn notes(d: &Diagnostic) -> Vec<String> {
    let mut notes = vec![format!("help: {}", d.help)];
    if !d.suggestions.is_empty() {
        let quoted: Vec<String> = d.suggestions.iter().map(|s| format!("\"{s}\"")).collect();
        notes.push(format!("suggestion: {}", quoted.join(" or ")));
    }
    notes
}

fn render_into(
    writer: &mut dyn WriteColor,
    name: &str,
    text: &str,
    diagnostics: &[Diagnostic],
) -> io::Result<()> {
    let config = Config::default();
    let file = SimpleFile::new(name, text);
    for d in diagnostics {
        let mut one = Vec::new();
        let mut buffer: Box<dyn WriteColor + '_> = if writer.supports_color() {
            Box::new(Ansi::new(&mut one))
        } else {
            Box::new(NoColor::new(&mut one))
        };
        term::emit_to_write_style(&mut *buffer, &config, &file, &to_codespan(d, name, text))
            .map_err(io::Error::other)?;
        drop(buffer);
        let mut rendered = String::from_utf8_lossy(&one).into_owned();
        // codespan calls its lowest severity `note`; every other format
        // (and the summary line) calls this level `info`. The header is
        // the first thing written, so the first `note[` is its name.
        if d.level == Level::Info {
            rendered = rendered.replacen("note[", "info[", 1);
        }
        writer.write_all(rendered.as_bytes())?;
    }
    Ok(())
}

/// One draft's findings as the report shows them; `text` is what the spans
/// point into.
pub(crate) fn render(
    name: &str,
    text: &str,
    diagnostics: &[Diagnostic],
    decoded: bool,
    color: bool,
) -> String {
    let mut buffer = Vec::new();
    // Said once per file, before its findings, rather than on each one.
    if decoded && !diagnostics.is_empty() {
        buffer.extend(format!("note: in {name}, {}\n\n", crate::eml::DECODED_NOTE).bytes());
    }
    // Writing into memory cannot fail; a codespan error on odd spans would
    // only lose this file's snippets, never the run.
    let _ = if color {
        render_into(&mut Ansi::new(&mut buffer), name, text, diagnostics)
    } else {
        render_into(&mut NoColor::new(&mut buffer), name, text, diagnostics)
    };
    String::from_utf8_lossy(&buffer).into_owned()
}

/// The line that closes the report.
pub(crate) fn summary(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    writeln!(out, "{}", Summary::of(reports).line())
}

/// Show a rule pack or configuration error pointing into its TOML.
pub(crate) fn emit_load_error(out: &mut dyn Write, err: &LoadError, color: bool) -> io::Result<()> {
    let mut files = SimpleFiles::new();
    let id = files.add(err.origin(), err.source_text());
    let mut d = CsDiagnostic::error().with_message(err.message().to_owned());
    if let Some(span) = err.span() {
        d = d.with_labels(vec![Label::primary(id, span.range())]);
    } else {
        d = d.with_message(format!("{}: {}", err.origin(), err.message()));
    }
    if let Some(help) = err.help() {
        d = d.with_notes(vec![format!("help: {help}")]);
    }
    let config = Config::default();
    let result = if color {
        term::emit_to_write_style(&mut Ansi::new(&mut *out), &config, &files, &d)
    } else {
        term::emit_to_write_style(&mut NoColor::new(&mut *out), &config, &files, &d)
    };
    result.map_err(io::Error::other)
}
