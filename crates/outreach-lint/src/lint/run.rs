//! Running one check over a draft: matches that count (not negated, not
//! quoted, not cancelled by an exception), `require` conditions, limits and
//! the checks written in code.

use crate::draft::SectionKind;
use crate::lint::builtin;
use crate::lint::context::Context;
use crate::lint::metric;
use crate::rules::{Bounds, Check, Condition, PatternSet, Scope};
use crate::span::Span;

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

/// Run `check` over a draft, pushing what it finds. `bounds` replaces a
/// `limit` check's own where set.
pub(crate) fn check<'r>(
    check: &'r Check,
    cx: &Context<'_>,
    bounds: Bounds,
    out: &mut Vec<Finding<'r>>,
) {
    check.run(cx, bounds, out);
}

impl Check {
    fn run<'r>(&'r self, scan: &Context<'_>, bounds: Bounds, out: &mut Vec<Finding<'r>>) {
        if !self.kinds.contains(scan.kind()) {
            return;
        }
        let found = |section, span| Finding {
            check: self,
            section,
            span,
            measured: None,
        };
        match &self.condition {
            Condition::Forbid { patterns } => {
                out.extend(
                    self.triggers(scan, patterns, usize::MAX)
                        .into_iter()
                        .map(|(k, s)| found(k, s)),
                );
            }
            Condition::Require {
                when,
                any,
                any_unless,
                any_sections,
                min,
            } => {
                // What is required comes first: most drafts have it, and
                // finding it stops at the first pattern that matches, where
                // finding the first trigger compiles every pattern that may
                // trigger. The finding is the same either way.
                let mut count = 0;
                for (index, _) in scan
                    .sections()
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| any_sections.contains(s.kind))
                {
                    count += match any_unless {
                        // "What would be a good time for a call?" is a
                        // question, but not one that says what the call is
                        // for: what `any_unless` matches does not count.
                        // Most sections hold no exception: then counting
                        // stops at the first match, as without one.
                        Some(not) => {
                            let exceptions = scan.find_all(not, index);
                            if exceptions.is_empty() {
                                scan.count(any, index, *min)
                            } else {
                                scan.find_all(any, index)
                                    .into_iter()
                                    .filter(|m| !overlaps_any(&exceptions, *m))
                                    .take(*min)
                                    .count()
                            }
                        }
                        None => scan.count(any, index, *min),
                    };
                    if count >= *min {
                        return;
                    }
                }
                // Only the first trigger is reported; stop looking after it.
                if let Some((section, span)) = self.triggers(scan, when, 1).into_iter().next() {
                    out.push(found(section, span));
                }
            }
            Condition::Limit { metric, min, max } => {
                let bounds = Bounds {
                    min: bounds.min.or(*min),
                    max: bounds.max.or(*max),
                };
                if let Some((section, span, value)) =
                    metric::out_of_bounds(*metric, scan, self.sections, bounds)
                {
                    out.push(Finding {
                        check: self,
                        section,
                        span,
                        measured: Some((value, bounds)),
                    });
                }
            }
            Condition::Builtin { name } => {
                let mut hits = Vec::new();
                builtin::run(name, scan, self.sections, &mut hits);
                out.extend(hits.into_iter().map(|(k, s)| found(k, s)));
            }
        }
    }

    /// Matches of `patterns` in this check's sections that count: not
    /// negated ("I won't ask to …"), not inside a quoted phrase, not
    /// cancelled by an `unless` match. Stops once `limit` are found.
    fn triggers(
        &self,
        scan: &Context<'_>,
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
