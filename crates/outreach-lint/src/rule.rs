//! Compiled rules and the matching they do over a parsed draft.

use regex::Regex;

use crate::diagnostic::Level;
use crate::draft::SectionKind;
use crate::scan::Scan;
use crate::span::Span;

/// A compiled rule: its id, default level, documentation, and the checks
/// that find it in a draft.
#[derive(Debug, Clone)]
pub struct Rule {
    pub(crate) id: String,
    pub(crate) id_span: Span,
    pub(crate) level: Level,
    pub(crate) pack: String,
    pub(crate) summary: String,
    pub(crate) explain: String,
    pub(crate) examples: Examples,
    pub(crate) checks: Vec<Check>,
}

/// Drafts that show what a rule catches (`bad`) and what it lets through
/// (`good`). The test suite lints each one, so they cannot drift from the
/// rule.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Examples {
    /// Each must make the rule fire.
    pub bad: Vec<String>,
    /// None may make the rule fire.
    pub good: Vec<String>,
}

impl Rule {
    /// The rule's id, e.g. `pick-your-brain`.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The level the pack gives it.
    pub fn level(&self) -> Level {
        self.level
    }

    /// The name of the pack it comes from.
    pub fn pack(&self) -> &str {
        &self.pack
    }

    /// One line on what it catches.
    pub fn summary(&self) -> &str {
        &self.summary
    }

    /// The long explanation: why it matters and what to write instead.
    pub fn explain(&self) -> &str {
        &self.explain
    }

    /// Example drafts it fires on and does not.
    pub fn examples(&self) -> &Examples {
        &self.examples
    }
}

/// One way a rule can fire. Most rules have one; a rule with
/// `[[rule.case]]` tables has one per case.
#[derive(Debug, Clone)]
pub(crate) struct Check {
    pub(crate) kind: CheckKind,
    pub(crate) sections: Sections,
    pub(crate) unless: Option<PatternSet>,
    pub(crate) negation: bool,
    pub(crate) message: String,
    pub(crate) help: String,
}

#[derive(Debug, Clone)]
pub(crate) enum CheckKind {
    /// Any match is a finding.
    Forbid { patterns: PatternSet },
    /// When `when` matches, one of `any` must match somewhere in
    /// `any_sections`; otherwise the first `when` match is a finding.
    Require {
        when: PatternSet,
        any: PatternSet,
        any_sections: Sections,
    },
}

/// Patterns compiled into one alternation, so a section is scanned once per
/// set rather than once per pattern.
#[derive(Debug, Clone)]
pub(crate) struct PatternSet {
    pub(crate) regex: Regex,
    #[allow(dead_code)] // kept for `--explain` and error messages
    pub(crate) sources: Vec<String>,
}

/// A small set of [`SectionKind`]s.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Sections(u8);

impl Sections {
    pub(crate) const EMPTY: Sections = Sections(0);

    fn bit(kind: SectionKind) -> u8 {
        1 << (kind as u8)
    }

    pub(crate) fn insert(&mut self, kind: SectionKind) {
        self.0 |= Self::bit(kind);
    }

    pub(crate) fn contains(self, kind: SectionKind) -> bool {
        self.0 & Self::bit(kind) != 0
    }

    pub(crate) fn from_slice(kinds: &[SectionKind]) -> Sections {
        let mut s = Sections::EMPTY;
        for &k in kinds {
            s.insert(k);
        }
        s
    }
}

/// A finding before it is turned into a [`Diagnostic`](crate::Diagnostic):
/// offsets are still in the normalised text.
#[derive(Debug, Clone)]
pub(crate) struct Finding<'r> {
    pub(crate) check: &'r Check,
    pub(crate) section: SectionKind,
    pub(crate) span: Span,
}

impl Check {
    /// Run this check over a draft, pushing what it finds.
    pub(crate) fn run<'r>(&'r self, scan: &Scan<'_>, out: &mut Vec<Finding<'r>>) {
        match &self.kind {
            CheckKind::Forbid { patterns } => {
                for (section, span) in self.triggers(scan, patterns) {
                    out.push(Finding {
                        check: self,
                        section,
                        span,
                    });
                }
            }
            CheckKind::Require {
                when,
                any,
                any_sections,
            } => {
                let Some((section, span)) = self.triggers(scan, when).next() else {
                    return;
                };
                let satisfied = scan
                    .sections()
                    .iter()
                    .filter(|s| any_sections.contains(s.kind))
                    .any(|s| any.regex.is_match(scan.text(s.norm)));
                if !satisfied {
                    out.push(Finding {
                        check: self,
                        section,
                        span,
                    });
                }
            }
        }
    }

    /// Matches of `patterns` in this check's sections that count: not
    /// negated ("I won't ask to …"), not inside a quoted phrase, not
    /// overlapping an `unless` match.
    fn triggers<'a>(
        &'a self,
        scan: &'a Scan<'_>,
        patterns: &'a PatternSet,
    ) -> impl Iterator<Item = (SectionKind, Span)> + 'a {
        scan.sections()
            .iter()
            .enumerate()
            .filter(|(_, s)| self.sections.contains(s.kind))
            .flat_map(move |(index, section)| {
                let text = scan.text(section.norm);
                let base = section.norm.start;
                let exceptions: Vec<Span> = match &self.unless {
                    Some(unless) => unless
                        .regex
                        .find_iter(text)
                        .map(|m| Span::new(m.start(), m.end()))
                        .collect(),
                    None => Vec::new(),
                };
                patterns
                    .regex
                    .find_iter(text)
                    .filter(|m| !m.is_empty())
                    .map(|m| Span::new(m.start(), m.end()))
                    .filter(move |m| !exceptions.iter().any(|e| e.overlaps(*m)))
                    .filter(move |m| !(self.negation && scan.is_negated(index, m.start)))
                    .filter(move |m| !scan.in_quoted_phrase(index, *m))
                    .map(move |m| (section.kind, Span::new(base + m.start, base + m.end)))
                    .collect::<Vec<_>>()
            })
    }
}
