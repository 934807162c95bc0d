//! Compiled rules and the matching they do over a parsed draft.

use crate::checks::BuiltinFn;
use crate::diagnostic::Level;
use crate::draft::SectionKind;
use crate::engine::LazyRegex;
use crate::kind::MessageKind;
use crate::metric::Metric;
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
    /// The pack says its first `replace` suggestion may be applied without
    /// review (`safe-fix = true`).
    pub(crate) safe_fix: bool,
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

    /// Whether the rule has a `limit` check, whose bounds configuration may
    /// change.
    pub fn has_limit(&self) -> bool {
        self.checks
            .iter()
            .any(|c| matches!(c.kind, CheckKind::Limit { .. }))
    }

    /// Whether a tool may apply the first of a finding's suggestions
    /// without asking (`safe-fix = true` in the pack).
    pub fn safe_fix(&self) -> bool {
        self.safe_fix
    }

    /// The metric of the rule's first `limit` check, if it has one.
    pub fn limit_metric(&self) -> Option<&'static str> {
        self.checks.iter().find_map(|c| match c.kind {
            CheckKind::Limit { metric, .. } => Some(metric.name()),
            _ => None,
        })
    }
}

/// One way a rule can fire. Most rules have one; a rule with
/// `[[rule.case]]` tables has one per case.
#[derive(Debug, Clone)]
pub(crate) struct Check {
    pub(crate) kind: CheckKind,
    pub(crate) sections: Sections,
    pub(crate) kinds: KindSet,
    pub(crate) unless: Option<PatternSet>,
    pub(crate) unless_within: Scope,
    pub(crate) negation: bool,
    pub(crate) message: String,
    pub(crate) help: String,
    pub(crate) replace: Vec<String>,
}

/// How far an `unless` match reaches to cancel a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Only a match it overlaps.
    Match,
    /// Any match in the same sentence or the next one.
    Sentence,
    /// Every match in the draft.
    Draft,
}

impl Scope {
    pub(crate) const NAMES: &'static [&'static str] = &["match", "sentence", "draft"];

    pub(crate) fn from_name(name: &str) -> Option<Scope> {
        match name {
            "match" => Some(Scope::Match),
            "sentence" => Some(Scope::Sentence),
            "draft" => Some(Scope::Draft),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) enum CheckKind {
    /// Any match is a finding.
    Forbid { patterns: PatternSet },
    /// When `when` matches, `any` must match at least `min` times somewhere
    /// in `any_sections`; otherwise the first `when` match is a finding.
    Require {
        when: PatternSet,
        any: PatternSet,
        any_sections: Sections,
        min: usize,
    },
    /// A metric over the sections must stay within bounds.
    Limit {
        metric: Metric,
        min: Option<usize>,
        max: Option<usize>,
    },
    /// A check written in code.
    Builtin { run: BuiltinFn },
}

/// Patterns joined into one alternation. The [`Linter`](crate::Linter)
/// runs them through its engine (see `engine.rs`), which gives the same
/// matches while compiling and running only the patterns a draft can match;
/// `regex`, the whole alternation compiled on first use, is the reference.
#[derive(Debug, Clone)]
pub(crate) struct PatternSet {
    pub(crate) regex: LazyRegex,
    pub(crate) sources: Vec<String>,
    /// The engine's id for each of `sources`, set when a linter is built;
    /// empty until then (the alternation is used).
    pub(crate) ids: Vec<u32>,
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

/// A small set of [`MessageKind`]s a check applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct KindSet(u8);

impl KindSet {
    pub(crate) const ALL: KindSet = KindSet(u8::MAX);
    pub(crate) const EMPTY: KindSet = KindSet(0);

    fn bit(kind: MessageKind) -> u8 {
        1 << (kind as u8)
    }

    pub(crate) fn insert(&mut self, kind: MessageKind) {
        self.0 |= Self::bit(kind);
    }

    pub(crate) fn remove(&mut self, kind: MessageKind) {
        self.0 &= !Self::bit(kind);
    }

    pub(crate) fn contains(self, kind: MessageKind) -> bool {
        self.0 & Self::bit(kind) != 0
    }
}

/// Bounds that configuration puts in place of a `limit` check's own.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Bounds {
    pub(crate) min: Option<usize>,
    pub(crate) max: Option<usize>,
}

/// Whether `m` overlaps one of `sorted`, a list of non-overlapping spans in
/// text order (as `find_iter` yields them). Only the few spans that can
/// touch `m` are looked at, so many matches against many exceptions stay
/// linear rather than quadratic.
fn overlaps_any(sorted: &[Span], m: Span) -> bool {
    let from = sorted.partition_point(|e| e.end < m.start);
    let to = sorted.partition_point(|e| e.start <= m.end);
    sorted
        .get(from..to.max(from))
        .is_some_and(|near| near.iter().any(|e| e.overlaps(m)))
}

/// A finding before it is turned into a [`Diagnostic`](crate::Diagnostic):
/// offsets are still in the normalised text.
#[derive(Debug, Clone)]
pub(crate) struct Finding<'r> {
    pub(crate) check: &'r Check,
    pub(crate) section: SectionKind,
    pub(crate) span: Span,
    /// For `limit` checks: the measured value and the bounds it broke.
    pub(crate) measured: Option<(usize, Bounds)>,
}

impl Check {
    /// Run this check over a draft, pushing what it finds. `bounds` replaces
    /// a `limit` check's own where set.
    pub(crate) fn run<'r>(&'r self, scan: &Scan<'_>, bounds: Bounds, out: &mut Vec<Finding<'r>>) {
        if !self.kinds.contains(scan.kind()) {
            return;
        }
        let found = |section, span| Finding {
            check: self,
            section,
            span,
            measured: None,
        };
        match &self.kind {
            CheckKind::Forbid { patterns } => {
                out.extend(
                    self.triggers(scan, patterns, usize::MAX)
                        .into_iter()
                        .map(|(k, s)| found(k, s)),
                );
            }
            CheckKind::Require {
                when,
                any,
                any_sections,
                min,
            } => {
                // Only the first trigger is reported; stop looking after it.
                let Some((section, span)) = self.triggers(scan, when, 1).into_iter().next() else {
                    return;
                };
                let mut count = 0;
                for (index, _) in scan
                    .sections()
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| any_sections.contains(s.kind))
                {
                    count += scan.count(any, index, *min);
                    if count >= *min {
                        return;
                    }
                }
                out.push(found(section, span));
            }
            CheckKind::Limit { metric, min, max } => {
                let bounds = Bounds {
                    min: bounds.min.or(*min),
                    max: bounds.max.or(*max),
                };
                if let Some((section, span, value)) =
                    crate::metric::check(*metric, scan, self.sections, bounds)
                {
                    out.push(Finding {
                        check: self,
                        section,
                        span,
                        measured: Some((value, bounds)),
                    });
                }
            }
            CheckKind::Builtin { run } => {
                let mut hits = Vec::new();
                run(scan, self.sections, &mut hits);
                out.extend(hits.into_iter().map(|(k, s)| found(k, s)));
            }
        }
    }

    /// Matches of `patterns` in this check's sections that count: not
    /// negated ("I won't ask to …"), not inside a quoted phrase, not
    /// cancelled by an `unless` match. Stops once `limit` are found.
    fn triggers(
        &self,
        scan: &Scan<'_>,
        patterns: &PatternSet,
        limit: usize,
    ) -> Vec<(SectionKind, Span)> {
        let mut out = Vec::new();
        if self.unless_within == Scope::Draft
            && let Some(unless) = &self.unless
            && scan
                .sections()
                .iter()
                .enumerate()
                .any(|(index, s)| self.sections.contains(s.kind) && scan.is_match(unless, index))
        {
            return out;
        }
        for (index, section) in scan.sections().iter().enumerate() {
            if !self.sections.contains(section.kind) {
                continue;
            }
            let mut exceptions: Option<Vec<Span>> = None;
            for m in scan.find_all(patterns, index) {
                if m.is_empty() {
                    continue;
                }
                if let Some(unless) = &self.unless {
                    let exceptions = exceptions.get_or_insert_with(|| scan.find_all(unless, index));
                    let cancelled = match self.unless_within {
                        Scope::Match | Scope::Draft => overlaps_any(exceptions, m),
                        Scope::Sentence => {
                            // The sentence and the one after it: "I'm a huge
                            // fan. Your post on X saved me a week."
                            let sentence = scan.sentence_around(index, m.start);
                            let next = scan.sentence_around(index, sentence.end);
                            let reach = Span::new(sentence.start, next.end.max(sentence.end));
                            overlaps_any(exceptions, reach)
                        }
                    };
                    if cancelled {
                        continue;
                    }
                }
                if (self.negation && scan.is_negated(index, m.start))
                    || scan.in_quoted_phrase(index, m)
                {
                    continue;
                }
                out.push((
                    section.kind,
                    Span::new(section.norm.start + m.start, section.norm.start + m.end),
                ));
                if out.len() >= limit {
                    return out;
                }
            }
        }
        out
    }
}
