//! One problem, one finding. Several rules often fire on the same words (a
//! vague ask is open-ended, offers nothing back and has no easy out); the
//! reader should see one finding there, the most specific, with the others
//! folded into it. Nothing is dropped: a folded finding stays in the list
//! with [`Diagnostic::folded_into`] naming the one it is folded into, so
//! machine formats still see every rule that fired.
//!
//! Which finding is shown ("most specific", first wins):
//! 1. the higher level (error, then warning, then info): the one the user
//!    ranks most serious, so the finding shown carries the run's verdict;
//! 2. the narrower span (over fewer lines, then fewer bytes): a rule that
//!    underlines three words knows more about them than one that underlines
//!    the sentence around them. Lines count first so that a draft saved
//!    with CRLF line ends folds as it does with LF;
//! 3. the rule that comes first in pack order: packs list their pointed
//!    rules before the broad ones (`pick-your-brain` before
//!    `specific-agenda`, `all-take` and `no-easy-out` last);
//! 4. the earlier position, so the outcome never depends on input order.
//!
//! Findings are taken in that order. Each one folds into the first finding
//! already shown whose span overlaps its own and whose rule differs; if
//! there is none, it is shown itself. So a finding is only ever folded into
//! one that is shown, never into a folded one, and only into one whose
//! words it shares: in a chain where A overlaps B and B overlaps C but A
//! and C share nothing, C is not folded into A. Two findings of the same
//! rule are never folded together: they are two places where the same
//! thing is wrong. Spans that only touch share nothing; an empty span (a
//! place, not words) stands for the point before the character it is at.

use std::cmp::Reverse;
use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostic, Location};

/// A span as a half-open range of points with room for empty spans: the
/// bytes `a..b` become `2a..2b`, and an empty span at `a` becomes
/// `2a..2a + 1`, the point before byte `a`.
fn extent(span: &Location) -> (usize, usize) {
    let start = span.start.saturating_mul(2);
    (
        start,
        span.end.saturating_mul(2).max(start.saturating_add(1)),
    )
}

/// How wide a span is, for "the narrower span": lines crossed, then
/// bytes. Bytes alone would rank a span across a CRLF line end wider than
/// the same span across an LF one.
fn width(span: &Location) -> (usize, usize) {
    (
        span.end_line.saturating_sub(span.line),
        span.end.saturating_sub(span.start),
    )
}

/// Whether two spans share words (or an empty span lies within the other).
#[cfg(test)]
fn overlaps(a: &Location, b: &Location) -> bool {
    let (a, b) = (extent(a), extent(b));
    a.0 < b.1 && b.0 < a.1
}

/// The points covered by findings shown so far, as disjoint segments
/// `start -> (end, label)`: each point is labelled with the first finding
/// shown over it, in the order findings are taken. Any other shown finding
/// over that point came later, and has the same rule (had its rule
/// differed, it would have been folded), so the labels in a span are
/// enough to find the first shown finding of another rule over it.
#[derive(Default)]
struct Covered {
    segments: BTreeMap<usize, (usize, usize)>,
}

impl Covered {
    /// The segments that meet `from..to`, as `(start, end, label)`.
    fn within(&self, from: usize, to: usize) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
        let before = self
            .segments
            .range(..from)
            .next_back()
            .filter(|(_, (end, _))| *end > from);
        before
            .into_iter()
            .chain(self.segments.range(from..to))
            .map(|(start, (end, label))| (*start, *end, *label))
    }

    /// Label the points of `from..to` not yet covered with `label`.
    fn cover(&mut self, from: usize, to: usize, label: usize) {
        let mut gaps = Vec::new();
        let mut at = from;
        for (start, end, _) in self.within(from, to) {
            if start > at {
                gaps.push((at, start));
            }
            at = at.max(end);
        }
        if at < to {
            gaps.push((at, to));
        }
        for (start, end) in gaps {
            self.segments.insert(start, (end, label));
        }
    }
}

/// Set [`Diagnostic::folded_into`] on each finding of `diagnostics` that
/// another one, more specific, covers. `rank` gives a rule's place in pack
/// order (lower comes first). The list's order is left as it is, so the
/// indices stay valid. Each finding looks only at the segments of shown
/// findings in its own span, so the work grows with the number of findings
/// over each word, not with the square of the findings in a draft.
pub(crate) fn fold(diagnostics: &mut [Diagnostic], rank: impl Fn(&str) -> usize) {
    // The order findings are taken in, most specific first; the position
    // in `order` is the label a shown finding gets in `Covered`.
    let mut order: Vec<usize> = (0..diagnostics.len()).collect();
    order.sort_by_cached_key(|&i| {
        diagnostics.get(i).map(|d| {
            (
                Reverse(d.level),
                width(&d.span),
                rank(&d.rule),
                d.span.start,
                i,
            )
        })
    });
    let rule_of = |label: usize| {
        order
            .get(label)
            .and_then(|&i| diagnostics.get(i))
            .map(|d| d.rule.as_str())
    };
    let mut covered = Covered::default();
    let mut folded: Vec<(usize, usize)> = Vec::new();
    for (label, &i) in order.iter().enumerate() {
        let Some(d) = diagnostics.get(i) else {
            continue;
        };
        let (from, to) = extent(&d.span);
        let first = covered
            .within(from, to)
            .map(|(_, _, shown)| shown)
            .filter(|&shown| rule_of(shown).is_some_and(|r| r != d.rule))
            .min();
        match first.and_then(|shown| order.get(shown)) {
            Some(&into) => folded.push((i, into)),
            None => covered.cover(from, to, label),
        }
    }
    for (i, into) in folded {
        if let Some(d) = diagnostics.get_mut(i) {
            d.folded_into = Some(into);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Level;
    use crate::draft::SectionKind;

    /// Rules in the order a pack would list them.
    const ORDER: &[&str] = &[
        "pick-your-brain",
        "specific-agenda",
        "all-take",
        "no-easy-out",
    ];

    fn rank(rule: &str) -> usize {
        ORDER.iter().position(|r| *r == rule).unwrap_or(ORDER.len())
    }

    fn finding(rule: &str, level: Level, start: usize, end: usize) -> Diagnostic {
        Diagnostic {
            rule: rule.to_owned(),
            level,
            message: format!("{rule} here"),
            help: String::new(),
            section: SectionKind::Body,
            span: Location {
                start,
                end,
                line: 1,
                column: start + 1,
                end_line: 1,
                end_column: end + 1,
            },
            suggestions: Vec::new(),
            folded_into: None,
        }
    }

    /// `folded_into` of each finding, after folding them in list order.
    fn folded(mut list: Vec<Diagnostic>) -> Vec<Option<usize>> {
        fold(&mut list, rank);
        list.iter().map(|d| d.folded_into).collect()
    }

    #[test]
    fn the_higher_level_is_shown_and_the_rest_fold_into_it() {
        let list = vec![
            finding("no-easy-out", Level::Info, 10, 25),
            finding("pick-your-brain", Level::Error, 10, 25),
            finding("specific-agenda", Level::Warning, 10, 25),
        ];
        assert_eq!(folded(list), [Some(1), None, Some(1)]);
    }

    #[test]
    fn at_the_same_level_the_narrower_span_is_shown() {
        // `all-take` comes later in pack order but underlines less.
        let list = vec![
            finding("specific-agenda", Level::Warning, 0, 40),
            finding("all-take", Level::Warning, 10, 20),
        ];
        assert_eq!(folded(list), [Some(1), None]);
    }

    #[test]
    fn a_span_over_fewer_lines_is_narrower() {
        // Fewer bytes, but across a line end: the one-line span is shown.
        let mut across = finding("pick-your-brain", Level::Warning, 10, 20);
        across.span.end_line = 2;
        let list = vec![across, finding("all-take", Level::Warning, 12, 24)];
        assert_eq!(folded(list), [Some(1), None]);
    }

    #[test]
    fn at_the_same_level_and_width_pack_order_decides() {
        let list = vec![
            finding("no-easy-out", Level::Warning, 10, 20),
            finding("specific-agenda", Level::Warning, 10, 20),
            finding("all-take", Level::Warning, 12, 22),
        ];
        assert_eq!(folded(list), [Some(1), None, Some(1)]);
    }

    #[test]
    fn the_outcome_does_not_depend_on_the_order_of_the_list() {
        let a = finding("all-take", Level::Info, 5, 30);
        let b = finding("pick-your-brain", Level::Error, 10, 25);
        assert_eq!(folded(vec![a.clone(), b.clone()]), [Some(1), None]);
        assert_eq!(folded(vec![b, a]), [None, Some(0)]);
    }

    #[test]
    fn findings_that_share_no_words_are_never_folded() {
        let list = vec![
            finding("pick-your-brain", Level::Error, 0, 10),
            // Touching is not sharing: this starts where the first ends.
            finding("specific-agenda", Level::Warning, 10, 20),
            finding("all-take", Level::Info, 30, 40),
        ];
        assert_eq!(folded(list), [None, None, None]);
    }

    #[test]
    fn an_empty_span_is_the_point_before_its_character() {
        let list = vec![
            finding("specific-agenda", Level::Warning, 10, 20),
            finding("no-easy-out", Level::Info, 15, 15),
            finding("all-take", Level::Info, 10, 10),
            // Just past the words: it touches them, and shares nothing.
            finding("pick-your-brain", Level::Info, 20, 20),
        ];
        assert_eq!(folded(list), [None, Some(0), Some(0), None]);
        // Two empty spans at one place are one place.
        let list = vec![
            finding("all-take", Level::Info, 5, 5),
            finding("no-easy-out", Level::Info, 5, 5),
        ];
        assert_eq!(folded(list), [None, Some(0)]);
    }

    #[test]
    fn the_same_rule_twice_is_two_problems() {
        let list = vec![
            finding("specific-agenda", Level::Warning, 0, 20),
            finding("specific-agenda", Level::Warning, 10, 30),
        ];
        assert_eq!(folded(list), [None, None]);
    }

    #[test]
    fn a_chain_folds_into_the_shown_finding_never_into_a_folded_one() {
        // A (most specific) overlaps B, B overlaps C, C shares nothing
        // with A: B folds into A; C is not folded into A (no shared
        // words) nor into B (itself folded), so C is shown.
        let list = vec![
            finding("pick-your-brain", Level::Error, 0, 10),
            finding("specific-agenda", Level::Warning, 5, 20),
            finding("all-take", Level::Info, 15, 30),
        ];
        assert_eq!(folded(list), [None, Some(0), None]);
        // With B most specific, A and C both fold into it.
        let list = vec![
            finding("pick-your-brain", Level::Warning, 0, 10),
            finding("specific-agenda", Level::Error, 5, 20),
            finding("all-take", Level::Info, 15, 30),
        ];
        assert_eq!(folded(list), [Some(1), None, Some(1)]);
    }

    #[test]
    fn a_finding_folds_into_the_most_specific_of_the_shown_ones_it_overlaps() {
        // Two errors of one rule are both shown; the warning across both
        // folds into the narrower one.
        let list = vec![
            finding("pick-your-brain", Level::Error, 0, 15),
            finding("specific-agenda", Level::Warning, 0, 40),
            finding("pick-your-brain", Level::Error, 30, 40),
        ];
        assert_eq!(folded(list), [None, Some(2), None]);
    }

    #[test]
    fn separate_groups_are_folded_separately() {
        let list = vec![
            finding("all-take", Level::Info, 0, 10),
            finding("specific-agenda", Level::Warning, 0, 10),
            finding("no-easy-out", Level::Info, 50, 60),
            finding("pick-your-brain", Level::Error, 52, 58),
        ];
        assert_eq!(folded(list), [Some(1), None, Some(3), None]);
    }

    /// The rule as written, checking every shown finding in turn: what
    /// `fold` must agree with.
    fn fold_slowly(list: &mut [Diagnostic]) {
        let mut order: Vec<usize> = (0..list.len()).collect();
        order.sort_by_key(|&i| {
            let d = &list[i];
            (
                Reverse(d.level),
                width(&d.span),
                rank(&d.rule),
                d.span.start,
                i,
            )
        });
        let mut shown: Vec<usize> = Vec::new();
        for i in order {
            let into = shown
                .iter()
                .copied()
                .find(|&p| list[p].rule != list[i].rule && overlaps(&list[p].span, &list[i].span));
            match into {
                Some(p) => list[i].folded_into = Some(p),
                None => shown.push(i),
            }
        }
    }

    #[test]
    fn fold_agrees_with_the_rule_as_written_on_random_findings() {
        let levels = [Level::Info, Level::Warning, Level::Error];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let mut folds = 0;
        for _ in 0..500 {
            let count = 1 + next(12);
            let list: Vec<Diagnostic> = (0..count)
                .map(|_| {
                    let start = next(40);
                    let end = start + next(4) * next(6);
                    finding(ORDER[next(ORDER.len())], levels[next(3)], start, end)
                })
                .collect();
            let mut fast = list.clone();
            fold(&mut fast, rank);
            let mut slow = list;
            fold_slowly(&mut slow);
            assert_eq!(fast, slow);
            folds += fast.iter().filter(|d| d.folded_into.is_some()).count();
        }
        assert!(folds > 100, "the cases fold: {folds}");
    }

    #[test]
    fn a_wide_finding_over_many_shown_ones_folds_into_the_first() {
        // Many narrow errors of one rule, a warning over all of them and a
        // warning over each: each narrow warning folds into its own error,
        // the wide one into the first error.
        let mut list = Vec::new();
        for n in 0..20_000 {
            list.push(finding("pick-your-brain", Level::Error, n * 10, n * 10 + 5));
            list.push(finding(
                "specific-agenda",
                Level::Warning,
                n * 10 + 1,
                n * 10 + 4,
            ));
        }
        list.push(finding("all-take", Level::Warning, 0, 200_000));
        fold(&mut list, rank);
        for (n, pair) in list.chunks(2).take(20_000).enumerate() {
            assert_eq!(pair[0].folded_into, None);
            assert_eq!(pair[1].folded_into, Some(n * 2));
        }
        assert_eq!(list.last().unwrap().folded_into, Some(0));
    }

    #[test]
    fn a_folded_finding_never_outranks_the_one_it_is_folded_into() {
        // The level decides first, so the findings shown carry the highest
        // level of the draft: the exit code does not change with folding.
        let levels = [Level::Info, Level::Warning, Level::Error];
        let mut list = Vec::new();
        for (n, rule) in ORDER.iter().enumerate() {
            for (m, level) in levels.iter().enumerate() {
                list.push(finding(rule, *level, n * 3 + m, n * 3 + m + 7));
            }
        }
        let copy = list.clone();
        fold(&mut list, rank);
        assert!(list.iter().any(|d| d.folded_into.is_some()));
        for d in &list {
            if let Some(p) = d.folded_into {
                let p = &list[p];
                assert!(p.folded_into.is_none(), "folded into a folded one");
                assert!(p.level >= d.level);
                assert!(overlaps(&p.span, &d.span));
                assert_ne!(p.rule, d.rule);
            }
        }
        // Folding only marks findings; it never removes or reorders them.
        assert_eq!(list.len(), copy.len());
        for (a, b) in list.iter().zip(&copy) {
            assert_eq!((&a.rule, a.span), (&b.rule, b.span));
        }
    }
}
