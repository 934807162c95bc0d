//! Output formats. Each emitter turns the same reports into one format; the
//! library knows nothing of them.

pub(crate) mod concise;
pub(crate) mod github;
pub(crate) mod human;
pub(crate) mod json;
pub(crate) mod sarif;
pub(crate) mod statistics;

use outreach_lint::{Diagnostic, Level, MessageKind};

/// One draft's findings. The draft's text is not kept: the text formats
/// are rendered as each file is linted, and the others need only this.
#[derive(Debug)]
pub(crate) struct FileReport {
    pub(crate) name: String,
    /// The message kind the rules ran for.
    pub(crate) kind: MessageKind,
    /// Why the draft was read as that kind, when it was detected.
    pub(crate) kind_reason: Option<String>,
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Spans refer to a decoded message (an `.eml` body that was
    /// quoted-printable or base64), not the bytes of the file.
    pub(crate) decoded: bool,
}

/// One problem as the text formats show it: the finding shown, and the
/// findings of other rules on the same words folded into it.
pub(crate) struct Problem<'a> {
    pub(crate) shown: &'a Diagnostic,
    pub(crate) folded: Vec<&'a Diagnostic>,
}

impl Problem<'_> {
    /// The ids of the folded rules, each once, most serious first.
    pub(crate) fn folded_rules(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = Vec::new();
        for d in &self.folded {
            if !ids.contains(&d.rule.as_str()) {
                ids.push(&d.rule);
            }
        }
        ids
    }
}

/// A draft's findings grouped into problems, in list order; the folded
/// findings of each most serious first, then in list order. A finding
/// whose `folded_into` does not name a shown finding of the list (which
/// the linter never produces) is shown on its own rather than lost.
pub(crate) fn problems(diagnostics: &[Diagnostic]) -> Vec<Problem<'_>> {
    let target = |i: usize, d: &Diagnostic| {
        d.folded_into
            .filter(|&p| p != i && diagnostics.get(p).is_some_and(|p| p.folded_into.is_none()))
    };
    let mut folded: Vec<Vec<&Diagnostic>> = vec![Vec::new(); diagnostics.len()];
    for (i, d) in diagnostics.iter().enumerate() {
        if let Some(slot) = target(i, d).and_then(|p| folded.get_mut(p)) {
            slot.push(d);
        }
    }
    // Most serious first among the folded ones, then in list order.
    for list in &mut folded {
        list.sort_by_key(|d| std::cmp::Reverse(d.level));
    }
    diagnostics
        .iter()
        .enumerate()
        .zip(folded)
        .filter(|((i, d), _)| target(*i, d).is_none())
        .map(|((_, shown), folded)| Problem { shown, folded })
        .collect()
}

/// Counts over a whole run.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Summary {
    pub(crate) files: usize,
    pub(crate) errors: usize,
    pub(crate) warnings: usize,
    pub(crate) infos: usize,
    /// Findings folded into others and not counted above (only in
    /// [`Summary::shown`]).
    pub(crate) folded: usize,
}

impl Summary {
    /// Every finding, folded or not: what the JSON report lists.
    pub(crate) fn of(reports: &[FileReport]) -> Summary {
        Summary::count(reports.iter().map(|r| r.diagnostics.as_slice()), false)
    }

    /// The problems the text formats show, by the level of the finding
    /// shown, and how many findings were folded into them.
    pub(crate) fn shown(reports: &[FileReport]) -> Summary {
        Summary::count(reports.iter().map(|r| r.diagnostics.as_slice()), true)
    }

    /// Counts over each draft's findings; with `fold`, of the problems
    /// shown.
    fn count<'a>(drafts: impl Iterator<Item = &'a [Diagnostic]>, fold: bool) -> Summary {
        let mut s = Summary::default();
        for diagnostics in drafts {
            s.files += 1;
            let problems = problems(diagnostics);
            let counted: Vec<&Diagnostic> = if fold {
                s.folded += diagnostics.len() - problems.len();
                problems.iter().map(|p| p.shown).collect()
            } else {
                diagnostics.iter().collect()
            };
            for d in counted {
                match d.level {
                    Level::Error => s.errors += 1,
                    Level::Warning => s.warnings += 1,
                    Level::Info => s.infos += 1,
                }
            }
        }
        s
    }

    /// "2 errors, 1 warning in 1 draft", or "no findings in 3 drafts";
    /// with "(3 more on the same words, folded in)" when findings were
    /// folded into those counted.
    pub(crate) fn line(&self) -> String {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let parts: Vec<String> = [
            (self.errors, "error", "errors"),
            (self.warnings, "warning", "warnings"),
            (self.infos, "info", "infos"),
        ]
        .into_iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, one, many)| plural(n, one, many))
        .collect();
        let found = if parts.is_empty() {
            "no findings".to_owned()
        } else {
            parts.join(", ")
        };
        let mut line = format!("{found} in {}", plural(self.files, "draft", "drafts"));
        if self.folded > 0 {
            line.push_str(&format!(
                " ({} more on the same words, folded in)",
                self.folded
            ));
        }
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_line_pluralises_and_skips_zero_counts() {
        let s = Summary {
            files: 1,
            errors: 2,
            warnings: 1,
            infos: 0,
            folded: 0,
        };
        assert_eq!(s.line(), "2 errors, 1 warning in 1 draft");
        let s = Summary {
            files: 3,
            ..Summary::default()
        };
        assert_eq!(s.line(), "no findings in 3 drafts");
        let s = Summary {
            files: 1,
            errors: 1,
            folded: 2,
            ..Summary::default()
        };
        assert_eq!(
            s.line(),
            "1 error in 1 draft (2 more on the same words, folded in)"
        );
    }

    /// Findings of the built-in rules on a draft where several fire on
    /// "pick your brain".
    fn brain() -> Vec<Diagnostic> {
        let text = "Subject: Quick question\n\nHi Jo,\n\nCan I pick your brain?\n\nBest,\nAl\n";
        outreach_lint::Linter::builtin().lint("jo.txt", text)
    }

    #[test]
    fn problems_group_folded_findings_under_the_one_shown() {
        let found = brain();
        let problems = problems(&found);
        assert!(problems.len() < found.len(), "{found:#?}");
        let brain = problems
            .iter()
            .find(|p| p.shown.rule == "pick-your-brain")
            .unwrap();
        assert!(brain.folded_rules().contains(&"specific-agenda"));
        // Every finding is in exactly one problem.
        let total: usize = problems.iter().map(|p| 1 + p.folded.len()).sum();
        assert_eq!(total, found.len());
    }

    #[test]
    fn summaries_count_every_finding_or_the_problems_shown() {
        let diagnostics = brain();
        let folded = diagnostics
            .iter()
            .filter(|d| d.folded_into.is_some())
            .count();
        assert!(folded > 0);
        let all = Summary::count([diagnostics.as_slice()].into_iter(), false);
        let shown = Summary::count([diagnostics.as_slice()].into_iter(), true);
        assert_eq!((all.files, shown.files), (1, 1));
        assert_eq!(all.folded, 0);
        assert_eq!(shown.folded, folded);
        assert_eq!(
            all.errors + all.warnings + all.infos,
            shown.errors + shown.warnings + shown.infos + folded
        );
        assert_eq!(all.errors, shown.errors, "the error is the one shown");
    }
}
