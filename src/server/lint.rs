//! Linting one open document the way the command line would lint the file,
//! and turning the findings into protocol diagnostics.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use lsp_types::{
    Diagnostic as LspDiagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    NumberOrString, Position, Range, Uri,
};
use outreach_lint::{Diagnostic, Draft, DraftFormat, Level, LintOptions};
use serde_json::json;

use super::positions::{Encoding, LineMap};
use crate::emit::{Problem, problems};
use crate::settings::Resolved;

/// The `source` every diagnostic carries.
pub(crate) const SOURCE: &str = "outreach-lint";

/// How a document is read, from its file extension or language id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DocKind {
    /// A plain-text draft.
    Text,
    /// A Markdown draft, front matter as headers.
    Markdown,
    /// An email message, read as the command line reads `.eml` files.
    Email,
}

impl DocKind {
    /// The kind of draft `path` and `language` describe, or `None` for a
    /// document that is not a draft (a configuration file, source code). The
    /// extension wins, because it is what the command line goes by; a buffer
    /// with none (unsaved) goes by its language id.
    pub(crate) fn of(path: Option<&Path>, language: &str) -> Option<DocKind> {
        let ext = path
            .and_then(Path::extension)
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("txt" | "text") => return Some(DocKind::Text),
            Some("md" | "markdown") => return Some(DocKind::Markdown),
            Some("eml") => return Some(DocKind::Email),
            _ => {}
        }
        match language {
            "plaintext" | "text" => Some(DocKind::Text),
            "markdown" => Some(DocKind::Markdown),
            "email" | "eml" | "mail" => Some(DocKind::Email),
            _ => None,
        }
    }

    /// The library's format for this kind (an email is read as plain text
    /// once the CLI has turned it into a draft).
    pub(crate) fn format(self) -> DraftFormat {
        match self {
            DocKind::Markdown => DraftFormat::Markdown,
            DocKind::Text | DocKind::Email => DraftFormat::Text,
        }
    }
}

/// What linting one version of a document found, kept for hover and code
/// actions.
#[derive(Debug)]
pub(crate) struct Linted {
    pub(crate) version: i32,
    pub(crate) text: Arc<str>,
    pub(crate) map: LineMap,
    pub(crate) kind: DocKind,
    /// The findings; their spans point into `text` unless `decoded`.
    pub(crate) findings: Vec<Diagnostic>,
    /// An `.eml` whose findings are in its decoded message, not its bytes.
    pub(crate) decoded: bool,
    /// The configuration the findings came from (for the rules' texts).
    pub(crate) resolved: Arc<Resolved>,
}

impl Linted {
    /// The protocol range of a finding.
    pub(crate) fn range(&self, finding: &Diagnostic, encoding: Encoding) -> Range {
        if self.decoded {
            return Range::default();
        }
        Range {
            start: self.map.position(&self.text, finding.span.start, encoding),
            end: self.map.position(&self.text, finding.span.end, encoding),
        }
    }

    /// A problem as a protocol diagnostic: the finding shown, with each
    /// finding folded into it as related information on its own words
    /// (and named in the message, for clients that show no related
    /// information).
    pub(crate) fn to_lsp(
        &self,
        problem: &Problem<'_>,
        uri: &Uri,
        encoding: Encoding,
    ) -> LspDiagnostic {
        let finding = problem.shown;
        let mut message = finding.message.clone();
        if self.decoded {
            message.push_str(" (in the decoded message)");
        }
        let also = problem.folded_rules();
        if !also.is_empty() {
            message.push_str(&format!(" (also: {})", also.join(", ")));
        }
        if !finding.help.is_empty() {
            message.push_str("\nhelp: ");
            message.push_str(&finding.help);
        }
        LspDiagnostic {
            range: self.range(finding, encoding),
            severity: Some(severity(finding.level)),
            code: Some(NumberOrString::String(finding.rule.clone())),
            source: Some(SOURCE.to_owned()),
            message,
            // The rule and its replacements ride along, so a client that
            // hands diagnostics back with a code-action request has them.
            data: Some(json!({ "rule": finding.rule, "suggestions": finding.suggestions })),
            related_information: (!problem.folded.is_empty()).then(|| {
                problem
                    .folded
                    .iter()
                    .map(|f| DiagnosticRelatedInformation {
                        location: Location {
                            uri: uri.clone(),
                            range: self.range(f, encoding),
                        },
                        message: format!("also {}[{}]: {}", f.level, f.rule, f.message),
                    })
                    .collect()
            }),
            ..LspDiagnostic::default()
        }
    }

    /// One protocol diagnostic per problem.
    pub(crate) fn diagnostics(&self, uri: &Uri, encoding: Encoding) -> Vec<LspDiagnostic> {
        problems(&self.findings)
            .iter()
            .map(|p| self.to_lsp(p, uri, encoding))
            .collect()
    }
}

fn severity(level: Level) -> DiagnosticSeverity {
    match level {
        Level::Error => DiagnosticSeverity::ERROR,
        Level::Warning => DiagnosticSeverity::WARNING,
        Level::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// A diagnostic about the document as a whole (it could not be read, or
/// the linter failed on it), at `range`.
pub(crate) fn problem(
    range: Range,
    severity: DiagnosticSeverity,
    message: String,
) -> LspDiagnostic {
    LspDiagnostic {
        range,
        severity: Some(severity),
        source: Some(SOURCE.to_owned()),
        message,
        ..LspDiagnostic::default()
    }
}

/// The start of a document.
pub(crate) fn top() -> Range {
    Range {
        start: Position::default(),
        end: Position::default(),
    }
}

/// Lint `text` as `kind` with `resolved`. The error is a diagnostic for a
/// draft that cannot be read (Markdown front matter never closed, a file
/// that is not an email).
pub(crate) fn lint(
    resolved: &Arc<Resolved>,
    path: Option<&PathBuf>,
    version: i32,
    text: &Arc<str>,
    kind: DocKind,
    encoding: Encoding,
) -> Result<Linted, Box<LspDiagnostic>> {
    let options: LintOptions = resolved.options_for(path.map(PathBuf::as_path), None);
    let map = LineMap::new(text);
    let (findings, decoded) = match kind {
        DocKind::Email => {
            let eml = crate::eml::lint(&resolved.linter, text.as_bytes(), &options).map_err(
                |reason| {
                    Box::new(problem(
                        top(),
                        DiagnosticSeverity::ERROR,
                        format!("this email cannot be linted: it {reason}"),
                    ))
                },
            )?;
            (eml.diagnostics, eml.decoded)
        }
        DocKind::Text | DocKind::Markdown => {
            let draft = Draft::parse_as(text, kind.format()).map_err(|e| {
                let range = Range {
                    start: map.position(text, e.span().start, encoding),
                    end: map.position(text, e.span().end, encoding),
                };
                Box::new(problem(
                    range,
                    DiagnosticSeverity::ERROR,
                    format!("this draft cannot be linted: {}", e.message()),
                ))
            })?;
            (
                resolved.linter.lint_draft(&draft, &options).diagnostics,
                false,
            )
        }
    };
    Ok(Linted {
        version,
        text: Arc::clone(text),
        map,
        kind,
        findings,
        decoded,
        resolved: Arc::clone(resolved),
    })
}
