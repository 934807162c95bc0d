//! The default format: rustc-style diagnostics through codespan-reporting.

use std::io::{self, Write};

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::termcolor::{Ansi, NoColor, WriteColor};
use codespan_reporting::term::{self, Config};
use outreach_lint::{Diagnostic, Level, LoadError};

use super::{FileReport, Summary};

/// The one mapping from a finding to a codespan diagnostic: the rule id is
/// the code, the words are underlined, and `help:` says what to do.
fn to_codespan(d: &Diagnostic, file: usize) -> CsDiagnostic<usize> {
    let severity = match d.level {
        Level::Error => Severity::Error,
        Level::Warning => Severity::Warning,
        Level::Info => Severity::Note,
    };
    CsDiagnostic::new(severity)
        .with_code(d.rule.clone())
        .with_message(d.message.clone())
        .with_labels(vec![
            Label::primary(file, d.span.start..d.span.end)
                .with_message(format!("in the {}", d.section)),
        ])
        .with_notes(notes(d))
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

fn emit_into(writer: &mut dyn WriteColor, reports: &[FileReport]) -> io::Result<()> {
    let config = Config::default();
    let mut files = SimpleFiles::new();
    for report in reports {
        let id = files.add(report.name.as_str(), report.text.as_str());
        for d in &report.diagnostics {
            term::emit_to_write_style(writer, &config, &files, &to_codespan(d, id))
                .map_err(io::Error::other)?;
        }
    }
    writeln!(writer, "{}", Summary::of(reports).line())
}

/// Write every report, then the summary line.
pub(crate) fn emit(out: &mut dyn Write, reports: &[FileReport], color: bool) -> io::Result<()> {
    if color {
        emit_into(&mut Ansi::new(out), reports)
    } else {
        emit_into(&mut NoColor::new(out), reports)
    }
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
