//! Hover and code actions over a document's latest findings.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Command, Diagnostic as LspDiagnostic, Hover,
    HoverContents, MarkupContent, MarkupKind, Position, Range, TextEdit, Uri, WorkspaceEdit,
};
use outreach_lint::{Diagnostic, Draft, DraftFormat, Linter};

use super::lint::{DocKind, Linted};
use super::positions::Encoding;
use crate::emit::problems;

/// The command that shows a rule's explanation.
pub(crate) const EXPLAIN: &str = "outreach-lint.explain";

/// Findings of `linted` under byte range `from..=to` (touching counts, so
/// the cursor just after a word still finds it).
fn under(linted: &Linted, from: usize, to: usize) -> impl Iterator<Item = &Diagnostic> {
    linted
        .findings
        .iter()
        .filter(move |f| linted.decoded || (f.span.start <= to && from <= f.span.end))
}

/// The hover for `position`: each finding there with its rule's
/// explanation.
pub(crate) fn hover(linted: &Linted, position: Position, encoding: Encoding) -> Option<Hover> {
    let at = linted.map.offset(&linted.text, position, encoding);
    let mut shown: Vec<&str> = Vec::new();
    let mut parts: Vec<String> = Vec::new();
    let mut range = None;
    for finding in under(linted, at, at) {
        range.get_or_insert_with(|| linted.range(finding, encoding));
        if shown.contains(&finding.rule.as_str()) {
            continue;
        }
        shown.push(&finding.rule);
        let mut part = format!(
            "**{}** ({}): {}",
            finding.rule, finding.level, finding.message
        );
        if !finding.help.is_empty() {
            part.push_str("\n\n");
            part.push_str(&finding.help);
        }
        if let Some(rule) = linted.resolved.linter.rule(&finding.rule) {
            part.push_str("\n\n");
            part.push_str(rule.explain().trim());
        }
        parts.push(part);
    }
    if parts.is_empty() {
        return None;
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: parts.join("\n\n---\n\n"),
        }),
        range,
    })
}

/// Code actions for the findings in `range`: each suggested replacement,
/// allowing the rule in this draft, and explaining the rule. Edits are
/// offered only when `current` is the version the findings are for.
pub(crate) fn code_actions(
    uri: &Uri,
    linted: &Linted,
    range: Range,
    current: Option<i32>,
    encoding: Encoding,
) -> Vec<CodeActionOrCommand> {
    let from = linted.map.offset(&linted.text, range.start, encoding);
    let to = linted.map.offset(&linted.text, range.end, encoding);
    let fresh = current == Some(linted.version);
    let mut actions = Vec::new();
    let mut rules: Vec<&str> = Vec::new();
    let edit = |edits: Vec<TextEdit>| WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    };
    // An action names the diagnostic the client was sent: for a finding
    // folded into another, that one's. Each is built once.
    let problems = problems(&linted.findings);
    let problem_of: HashMap<*const Diagnostic, usize> = problems
        .iter()
        .enumerate()
        .flat_map(|(i, p)| {
            std::iter::once(p.shown)
                .chain(p.folded.iter().copied())
                .map(move |d| (std::ptr::from_ref(d), i))
        })
        .collect();
    let mut published: HashMap<usize, LspDiagnostic> = HashMap::new();
    for finding in under(linted, from, to) {
        let Some(diagnostic) = problem_of.get(&std::ptr::from_ref(finding)).and_then(|&i| {
            let problem = problems.get(i)?;
            Some(
                published
                    .entry(i)
                    .or_insert_with(|| linted.to_lsp(problem, uri, encoding))
                    .clone(),
            )
        }) else {
            continue;
        };
        if fresh && !linted.decoded {
            for (i, replacement) in finding.suggestions.iter().enumerate() {
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: format!("Replace with “{replacement}”"),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![diagnostic.clone()]),
                    edit: Some(edit(vec![TextEdit {
                        // The finding's own words, which a folded one
                        // need not share in full with the one shown.
                        range: linted.range(finding, encoding),
                        new_text: replacement.clone(),
                    }])),
                    is_preferred: Some(i == 0),
                    ..CodeAction::default()
                }));
            }
        }
        if rules.contains(&finding.rule.as_str()) {
            continue;
        }
        rules.push(&finding.rule);
        // An .eml file's own headers are not read for switches, so the
        // header line would not help there.
        if fresh
            && linted.kind != DocKind::Email
            && let Some((start, end, text)) =
                allow_edit(&linted.text, linted.kind.format(), &finding.rule)
        {
            let range = Range {
                start: linted.map.position(&linted.text, start, encoding),
                end: linted.map.position(&linted.text, end, encoding),
            };
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("Allow {} in this draft", finding.rule),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic.clone()]),
                edit: Some(edit(vec![TextEdit {
                    range,
                    new_text: text,
                }])),
                ..CodeAction::default()
            }));
        }
        actions.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: format!("Explain {}", finding.rule),
            kind: Some(CodeActionKind::EMPTY),
            command: Some(Command {
                title: format!("Explain {}", finding.rule),
                command: EXPLAIN.to_owned(),
                arguments: Some(vec![
                    serde_json::Value::from(finding.rule.clone()),
                    serde_json::Value::from(uri.as_str()),
                ]),
            }),
            ..CodeAction::default()
        }));
    }
    actions
}

/// Whether `action` is of one of the kinds in `only`: the kind itself or
/// one under it (`quickfix` covers `quickfix.rewrite`).
pub(crate) fn is_kind(action: &CodeActionOrCommand, only: &[CodeActionKind]) -> bool {
    let kind = match action {
        CodeActionOrCommand::CodeAction(a) => a.kind.as_ref().map_or("", |k| k.as_str()),
        CodeActionOrCommand::Command(_) => "",
    };
    only.iter().any(|k| {
        let k = k.as_str();
        kind == k
            || kind
                .strip_prefix(k)
                .is_some_and(|rest| rest.starts_with('.'))
    })
}

/// The edit that allows `rule` for this draft through its header block:
/// `(start, end, new text)` in bytes. It adds the rule to an existing
/// `X-Outreach-Lint: allow` line, or adds such a line (in the front matter
/// for Markdown, making one if there is none). `None` when the draft cannot
/// be parsed or already allows the rule.
pub(crate) fn allow_edit(
    text: &str,
    format: DraftFormat,
    rule: &str,
) -> Option<(usize, usize, String)> {
    let draft = Draft::parse_as(text, format).ok()?;
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let existing = draft
        .headers()
        .iter()
        .filter(|h| h.name.eq_ignore_ascii_case("x-outreach-lint"))
        .find_map(|h| {
            let value = text.get(h.value.range())?;
            let rest = value
                .get(..5)
                .filter(|p| p.eq_ignore_ascii_case("allow"))
                .and(value.get(5..))?;
            Some((h.value.end, rest))
        });
    if let Some((end, rest)) = existing {
        let mut ids = rest.split([',', ' ']).map(str::trim);
        if ids.any(|id| id == rule) {
            return None;
        }
        let sep = if rest.trim().is_empty() { " " } else { ", " };
        return Some((end, end, format!("{sep}{rule}")));
    }
    // After a byte-order mark, which editors do not show.
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let line = format!("X-Outreach-Lint: allow {rule}{eol}");
    match format {
        DraftFormat::Markdown => {
            let first = text.get(start..).unwrap_or_default();
            let first_line = first.split('\n').next().unwrap_or_default();
            if first_line.trim_end() == "---" {
                let at = start + first_line.len() + usize::from(first.len() > first_line.len());
                let line = format!("x-outreach-lint: allow {rule}{eol}");
                // An opening line with no line break after it gets one.
                let lead = if at == text.len() && !text.ends_with('\n') {
                    eol
                } else {
                    ""
                };
                Some((at, at, format!("{lead}{line}")))
            } else {
                Some((
                    start,
                    start,
                    format!("---{eol}x-outreach-lint: allow {rule}{eol}---{eol}"),
                ))
            }
        }
        DraftFormat::Text => {
            if draft.headers().is_empty() {
                // A header line needs a blank line between it and the text.
                Some((start, start, format!("{line}{eol}")))
            } else {
                Some((start, start, line))
            }
        }
    }
}

/// The explanation of `rule`, as `--explain` prints it.
pub(crate) fn explanation(linter: &Linter, rule: &str) -> String {
    let mut out = Vec::new();
    match crate::explain::explain(&mut out, linter, rule) {
        Ok(()) => String::from_utf8_lossy(&out).into_owned(),
        Err(e) => format!("{e:#}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(text: &str, edit: (usize, usize, String)) -> String {
        let mut out = text.to_owned();
        out.replace_range(edit.0..edit.1, &edit.2);
        out
    }

    fn allowed(text: &str, name: &str) -> String {
        let format = DraftFormat::from_path(name);
        let linter = Linter::builtin();
        assert!(
            linter
                .lint(name, text)
                .iter()
                .any(|d| d.rule == "pick-your-brain"),
            "the rule fires before: {text}"
        );
        let edit = allow_edit(text, format, "pick-your-brain").expect("an edit");
        let after = apply(text, edit);
        let found = linter.lint(name, &after);
        assert!(
            found.iter().all(|d| d.rule != "pick-your-brain"),
            "still flagged after the edit:\n{after}"
        );
        assert!(
            allow_edit(&after, format, "pick-your-brain").is_none(),
            "allowed twice:\n{after}"
        );
        after
    }

    #[test]
    fn kinds_match_themselves_and_kinds_under_them() {
        let action = |kind: &str| {
            CodeActionOrCommand::CodeAction(CodeAction {
                kind: Some(CodeActionKind::from(kind.to_owned())),
                ..CodeAction::default()
            })
        };
        let quickfix = [CodeActionKind::QUICKFIX];
        assert!(is_kind(&action("quickfix"), &quickfix));
        assert!(is_kind(&action("quickfix.allow"), &quickfix));
        assert!(!is_kind(&action("quickfixes"), &quickfix));
        assert!(!is_kind(&action(""), &quickfix));
        assert!(is_kind(&action(""), &[CodeActionKind::EMPTY]));
    }

    #[test]
    fn a_plain_draft_without_headers_gets_a_header_block() {
        let after = allowed("Hi Jo,\n\nCan I pick your brain?\n", "a.txt");
        assert!(after.starts_with("X-Outreach-Lint: allow pick-your-brain\n\nHi Jo,"));
    }

    #[test]
    fn a_header_block_gets_one_more_line_with_its_line_ends() {
        let after = allowed(
            "Subject: Coffee\r\n\r\nHi Jo,\r\n\r\nCan I pick your brain?\r\n",
            "a.txt",
        );
        assert!(after.starts_with("X-Outreach-Lint: allow pick-your-brain\r\nSubject: Coffee\r\n"));
    }

    #[test]
    fn an_existing_allow_line_is_extended() {
        let after = allowed(
            "X-Outreach-Lint: allow too-long\n\nHi Jo,\n\nCan I pick your brain?\n",
            "a.txt",
        );
        assert!(after.starts_with("X-Outreach-Lint: allow too-long, pick-your-brain\n"));
    }

    #[test]
    fn markdown_uses_front_matter() {
        let after = allowed("Hi Jo,\n\nCan I *pick your brain*?\n", "a.md");
        assert!(after.starts_with("---\nx-outreach-lint: allow pick-your-brain\n---\nHi Jo,"));
        let after = allowed(
            "---\nsubject: Coffee\n---\nHi Jo,\n\nCan I pick your brain?\n",
            "a.md",
        );
        assert!(
            after.starts_with("---\nx-outreach-lint: allow pick-your-brain\nsubject: Coffee\n")
        );
    }
}
