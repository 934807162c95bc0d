//! The default format: rustc-style diagnostics through codespan-reporting,
//! one per problem, with the findings folded into it shown under it.

use std::io::{self, Write};

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity};
use codespan_reporting::files::{Error as FilesError, Files, SimpleFile, SimpleFiles};
use codespan_reporting::term::termcolor::{Ansi, NoColor, WriteColor};
use codespan_reporting::term::{self, Config};
use outreach_lint::{Diagnostic, Level, LoadError};

use super::{FileReport, Problem, Summary};

/// Lines longer than this many bytes are not printed under a finding: one
/// long line with many findings would be printed again for each of them.
const MAX_SHOWN_LINE: usize = 4096;

/// A line longer than this many characters is cut around the finding, as
/// rustc does: a draft written one line per paragraph, as mail clients
/// save them, would otherwise print the paragraph with the carets far out.
const WIDE_LINE: usize = 160;
/// Characters kept on each side of the underlined words in a cut line.
const CONTEXT: usize = 50;

/// The one mapping from a problem to a codespan diagnostic: the rule id is
/// the code, the words are underlined, each finding folded into it is an
/// `also` note (on the same words) or a secondary label (on words of its
/// own), and `help:` says what to do.
fn to_codespan(problem: &Problem<'_>, name: &str, text: &str) -> CsDiagnostic<()> {
    let d = problem.shown;
    let diagnostic = headline(d);
    let printable =
        |d: &Diagnostic| short_line_at(text, d.span.start) && short_line_at(text, d.span.end);
    if printable(d) {
        let mut labels = vec![label(d, d.span.start..d.span.end)];
        let mut notes_before = Vec::new();
        for f in &problem.folded {
            // On the same words a second underline adds nothing (and over
            // several lines it doubles the gutter): a note reads better.
            if f.span.start == d.span.start && f.span.end == d.span.end {
                notes_before.push(folded_note(f, false));
            } else if printable(f) {
                labels.push(folded_label(f, f.span.start..f.span.end));
            } else {
                notes_before.push(folded_note(f, true));
            }
        }
        notes_before.extend(notes(d));
        return diagnostic.with_labels(labels).with_notes(notes_before);
    }
    let mut shown = vec![format!(
        "at {name}:{}:{}, in the {} (the line is too long to show)",
        d.span.line, d.span.column, d.section
    )];
    shown.extend(problem.folded.iter().map(|f| folded_note(f, true)));
    shown.extend(notes(d));
    diagnostic.with_notes(shown)
}

/// A folded finding under its words: its level, rule and message.
fn folded_label(f: &Diagnostic, range: std::ops::Range<usize>) -> Label<()> {
    Label::secondary((), range).with_message(format!("also {}[{}]: {}", f.level, f.rule, f.message))
}

/// A folded finding as a note, with where it is when `located` (its
/// words are not the ones underlined).
fn folded_note(f: &Diagnostic, located: bool) -> String {
    if located {
        format!(
            "also {}[{}] at {}:{}: {}",
            f.level, f.rule, f.span.line, f.span.column, f.message
        )
    } else {
        format!("also {}[{}]: {}", f.level, f.rule, f.message)
    }
}

/// The level, rule id and message, without the words shown.
fn headline(d: &Diagnostic) -> CsDiagnostic<()> {
    let severity = match d.level {
        Level::Error => Severity::Error,
        Level::Warning => Severity::Warning,
        Level::Info => Severity::Note,
    };
    CsDiagnostic::new(severity)
        .with_code(d.rule.clone())
        .with_message(d.message.clone())
}

fn label(d: &Diagnostic, range: std::ops::Range<usize>) -> Label<()> {
    Label::primary((), range).with_message(format!("in the {}", d.section))
}

/// The part of a long line shown for a finding within it: the underlined
/// words with up to [`CONTEXT`] characters each side, `…` where the line
/// goes on. Reports the finding's real line and columns.
struct Window<'a> {
    name: &'a str,
    text: String,
    line: usize,
    /// The real column of the first character after the leading `…`.
    first_column: usize,
    /// Bytes of the leading `…` (0 when the line starts in the window).
    lead: usize,
}

impl<'a> Window<'a> {
    /// The window for `d`, when it is on one line that is too wide to show
    /// whole; with the underlined range inside the window's text. Looks at
    /// no more than [`WIDE_LINE`] characters each side of the finding.
    fn around(name: &'a str, text: &str, d: &Diagnostic) -> Option<(Self, std::ops::Range<usize>)> {
        if d.span.line != d.span.end_line {
            return None;
        }
        let (start, end) = (d.span.start, d.span.end);
        let in_line = |c: &char| *c != '\n' && *c != '\r';
        let before: Vec<(usize, char)> = text
            .get(..start)?
            .char_indices()
            .rev()
            .take_while(|(_, c)| in_line(c))
            .take(WIDE_LINE + 1)
            .collect();
        let after = text.get(end..)?;
        let after_chars = after
            .chars()
            .take_while(in_line)
            .take(WIDE_LINE + 1)
            .count();
        let inside = text.get(start..end)?.chars().count();
        if before.len() + inside + after_chars <= WIDE_LINE {
            return None;
        }
        let left = before.len().min(CONTEXT);
        let from = match left.checked_sub(1) {
            Some(i) => before.get(i).map_or(start, |(at, _)| *at),
            None => start,
        };
        let right = after_chars.min(CONTEXT);
        let to = end + after.chars().take(right).map(char::len_utf8).sum::<usize>();
        let prefix = if before.len() > CONTEXT { "…" } else { "" };
        let suffix = if after_chars > CONTEXT { "…" } else { "" };
        let window = Window {
            name,
            text: format!("{prefix}{}{suffix}", text.get(from..to)?),
            line: d.span.line,
            first_column: d.span.column.saturating_sub(left),
            lead: prefix.len(),
        };
        let range = prefix.len() + start - from..prefix.len() + end - from;
        Some((window, range))
    }
}

impl<'w> Files<'w> for Window<'_> {
    type FileId = ();
    type Name = &'w str;
    type Source = &'w str;

    fn name(&'w self, (): ()) -> Result<&'w str, FilesError> {
        Ok(self.name)
    }

    fn source(&'w self, (): ()) -> Result<&'w str, FilesError> {
        Ok(&self.text)
    }

    fn line_index(&'w self, (): (), _byte_index: usize) -> Result<usize, FilesError> {
        Ok(0)
    }

    fn line_number(&'w self, (): (), _line_index: usize) -> Result<usize, FilesError> {
        Ok(self.line)
    }

    fn column_number(
        &'w self,
        (): (),
        _line_index: usize,
        byte_index: usize,
    ) -> Result<usize, FilesError> {
        let shown = self
            .text
            .get(self.lead..byte_index.max(self.lead))
            .map_or(0, |t| t.chars().count());
        Ok(self.first_column + shown)
    }

    fn line_range(
        &'w self,
        (): (),
        _line_index: usize,
    ) -> Result<std::ops::Range<usize>, FilesError> {
        Ok(0..self.text.len())
    }
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
    for problem in super::problems(diagnostics) {
        let d = problem.shown;
        let mut one = Vec::new();
        let mut buffer: Box<dyn WriteColor + '_> = if writer.supports_color() {
            Box::new(Ansi::new(&mut one))
        } else {
            Box::new(NoColor::new(&mut one))
        };
        match Window::around(name, text, d) {
            Some((window, range)) => {
                // The window shows the shown finding's words only, so
                // folded ones are notes here.
                let mut shown: Vec<String> = problem
                    .folded
                    .iter()
                    .map(|f| folded_note(f, f.span != d.span))
                    .collect();
                shown.extend(notes(d));
                let diagnostic = headline(d)
                    .with_labels(vec![label(d, range)])
                    .with_notes(shown);
                term::emit_to_write_style(&mut *buffer, &config, &window, &diagnostic)
            }
            None => term::emit_to_write_style(
                &mut *buffer,
                &config,
                &file,
                &to_codespan(&problem, name, text),
            ),
        }
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

/// The line that closes the report: the problems shown, by level, and how
/// many more findings were folded into them.
pub(crate) fn summary(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    writeln!(out, "{}", Summary::shown(reports).line())
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
