//! The linter: compiled rules from one or more packs, run over drafts.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Level, Location};
use crate::draft::Draft;
use crate::error::LoadError;
use crate::markdown::{DraftFormat, ParseError};
use crate::pack::{BUILTIN_PACKS, Pack};
use crate::rule::{Finding, Rule};
use crate::scan::Scan;
use crate::span::{LineIndex, Span};

/// Rules ready to run. Build it once and reuse it: patterns are compiled when
/// the linter is built, and linting takes `&self`, so one linter can serve
/// many threads.
///
/// ```
/// use outreach_lint::{Level, Linter};
/// let linter = Linter::builtin();
/// let found = linter.lint("jane.txt", "Hi Jane,\n\nCan I pick your brain sometime?\n\nBest,\nSam\n");
/// let brain = found.iter().find(|d| d.rule == "pick-your-brain").unwrap();
/// assert_eq!(brain.level, Level::Error);
/// assert_eq!((brain.span.line, brain.span.column), (3, 7));
/// assert_eq!(brain.message, "\"pick your brain\" asks for open-ended free time");
/// ```
#[derive(Debug, Clone)]
pub struct Linter {
    rules: Vec<Rule>,
    /// Level per rule index; `None` means the rule is off.
    levels: Vec<Option<Level>>,
}

impl Default for Linter {
    fn default() -> Self {
        Linter::builtin()
    }
}

impl Linter {
    /// A linter with every built-in pack.
    pub fn builtin() -> Linter {
        // The built-in packs are tested to load; should one ever fail, the
        // others still run rather than the embedding program panicking.
        let packs = BUILTIN_PACKS
            .iter()
            .filter_map(|(name, _)| Pack::builtin(name)?.ok())
            .collect();
        Linter::from_packs(packs).unwrap_or_else(|_| Linter {
            rules: Vec::new(),
            levels: Vec::new(),
        })
    }

    /// A linter with the rules of `packs`, in order. Two packs may not
    /// define the same rule id.
    ///
    /// ```
    /// use outreach_lint::{Linter, Pack};
    /// let core = Pack::builtin("core").unwrap().unwrap();
    /// let again = Pack::builtin("core").unwrap().unwrap();
    /// assert!(Linter::from_packs(vec![core.clone()]).is_ok());
    /// let err = Linter::from_packs(vec![core, again]).unwrap_err();
    /// assert!(err.message().contains("defined by both"));
    /// ```
    pub fn from_packs(packs: Vec<Pack>) -> Result<Linter, LoadError> {
        let mut rules: Vec<Rule> = Vec::new();
        let mut owner: HashMap<String, String> = HashMap::new();
        for pack in packs {
            let name = pack.name().to_owned();
            for rule in pack.into_rules() {
                if let Some(first) = owner.get(rule.id()) {
                    let source = std::sync::Arc::from("");
                    return Err(LoadError::new(
                        &name,
                        &source,
                        None,
                        format!(
                            "rule `{}` is defined by both pack `{first}` and pack `{name}`",
                            rule.id()
                        ),
                    )
                    .with_help("rename one of them, or leave one pack out"));
                }
                owner.insert(rule.id().to_owned(), name.clone());
                rules.push(rule);
            }
        }
        let levels = rules.iter().map(|r| Some(r.level())).collect();
        Ok(Linter { rules, levels })
    }

    /// Every rule, enabled or not, in pack order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The rule with this id.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id() == id)
    }

    /// The level a rule runs at, or `None` when it is off or unknown.
    pub fn level_of(&self, id: &str) -> Option<Level> {
        let i = self.rules.iter().position(|r| r.id() == id)?;
        self.levels[i]
    }

    /// Set a rule's level (`None` turns it off). Returns `false` for an
    /// unknown id.
    ///
    /// ```
    /// use outreach_lint::{Level, Linter};
    /// let mut linter = Linter::builtin();
    /// assert!(linter.set_level("pick-your-brain", None));
    /// assert!(linter.lint("x", "Can I pick your brain?").iter().all(|d| d.rule != "pick-your-brain"));
    /// assert!(!linter.set_level("no-such-rule", Some(Level::Info)));
    /// ```
    pub fn set_level(&mut self, id: &str, level: Option<Level>) -> bool {
        match self.rules.iter().position(|r| r.id() == id) {
            Some(i) => {
                self.levels[i] = level;
                true
            }
            None => false,
        }
    }

    /// Keep only the rules whose ids are in `ids`; turn the rest off.
    pub fn select<'a>(&mut self, ids: impl IntoIterator<Item = &'a str>) {
        let keep: Vec<&str> = ids.into_iter().collect();
        for (rule, level) in self.rules.iter().zip(self.levels.iter_mut()) {
            if !keep.contains(&rule.id()) {
                *level = None;
            }
        }
    }

    /// Lint one draft. `name` is the draft's path or label; it is not read
    /// from disk, but its extension picks the format
    /// ([`DraftFormat::from_path`]): `.md` and `.markdown` are Markdown,
    /// anything else plain text. A Markdown draft whose front matter is
    /// never closed is linted as if it had none; [`Linter::try_lint`]
    /// reports that instead.
    ///
    /// Findings come sorted by position, then rule id.
    ///
    /// ```
    /// use outreach_lint::Linter;
    /// let linter = Linter::builtin();
    /// let text = "Hi Jo,\n\nCould I *pick your brain*?\n";
    /// let found = linter.lint("jo.md", text);
    /// let brain = found.iter().find(|d| d.rule == "pick-your-brain").unwrap();
    /// assert_eq!(&text[brain.span.start..brain.span.end], "pick your brain");
    /// ```
    pub fn lint(&self, name: &str, text: &str) -> Vec<Diagnostic> {
        self.lint_draft(&Draft::parse_lenient(text, DraftFormat::from_path(name)))
    }

    /// Lint one draft, refusing a Markdown draft that cannot be read (an
    /// unclosed front-matter block). The format comes from `name` as for
    /// [`Linter::lint`].
    ///
    /// ```
    /// use outreach_lint::Linter;
    /// let linter = Linter::builtin();
    /// assert!(linter.try_lint("a.md", "---\nsubject: Hi\nHello").is_err());
    /// assert!(linter.try_lint("a.txt", "---\nsubject: Hi\nHello").is_ok());
    /// ```
    pub fn try_lint(&self, name: &str, text: &str) -> Result<Vec<Diagnostic>, ParseError> {
        let draft = Draft::parse_as(text, DraftFormat::from_path(name))?;
        Ok(self.lint_draft(&draft))
    }

    /// Lint a draft that is already parsed.
    pub fn lint_draft(&self, draft: &Draft<'_>) -> Vec<Diagnostic> {
        let scan = Scan::new(draft);
        let mut found: Vec<(usize, Finding<'_>)> = Vec::new();
        let mut buffer = Vec::new();
        for (index, rule) in self.rules.iter().enumerate() {
            if self.levels[index].is_none() {
                continue;
            }
            for check in &rule.checks {
                check.run(&scan, &mut buffer);
                found.extend(buffer.drain(..).map(|f| (index, f)));
            }
        }
        if found.is_empty() {
            return Vec::new();
        }
        let source = draft.source();
        let lines = LineIndex::new(source);
        let mut diagnostics: Vec<Diagnostic> = found
            .into_iter()
            .filter_map(|(index, finding)| {
                let rule = &self.rules[index];
                let level = self.levels[index]?;
                let span = draft.to_original(finding.span);
                let matched = source.get(span.range()).unwrap_or_default();
                Some(Diagnostic {
                    rule: rule.id().to_owned(),
                    level,
                    message: fill(&finding.check.message, matched),
                    help: fill(&finding.check.help, matched),
                    section: finding.section,
                    span: locate(source, &lines, span),
                })
            })
            .collect();
        diagnostics.sort_by(|a, b| {
            (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule))
        });
        diagnostics.dedup_by(|a, b| a.rule == b.rule && a.span == b.span);
        diagnostics
    }
}

fn locate(source: &str, lines: &LineIndex, span: Span) -> Location {
    let start = lines.line_column(source, span.start);
    let end = lines.line_column(source, span.end);
    Location {
        start: span.start,
        end: span.end,
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
    }
}

/// Put the matched words into a message template: `{match}` becomes the
/// words, with runs of white space (a wrapped line) read as one space.
fn fill(template: &str, matched: &str) -> String {
    if !template.contains("{match}") {
        return template.to_owned();
    }
    let words = matched.split_whitespace().collect::<Vec<_>>().join(" ");
    template.replace("{match}", &words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_collapses_wrapped_whitespace() {
        assert_eq!(
            fill("\"{match}\" is vague", "pick\r\n  your brain"),
            "\"pick your brain\" is vague"
        );
        assert_eq!(fill("no placeholder", "x"), "no placeholder");
    }
}
