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
//! 2. the narrower span: a rule that underlines three words knows more
//!    about them than one that underlines the sentence around them;
//! 3. the rule that comes first in pack order: packs list their pointed
//!    rules before the broad ones (`pick-your-brain` before
//!    `specific-agenda`, `all-take` and `no-easy-out` last);
//! 4. the earlier position, so the outcome never depends on input order.
//!
//! Findings are taken in that order. Each one folds into the first finding
//! already shown whose span overlaps its own (or contains it, or lies in
//! it) and whose rule differs; if there is none, it is shown itself. So a
//! finding is only ever folded into one that is shown, never into a folded
//! one, and only into one whose words it shares: in a chain where A
//! overlaps B and B overlaps C but A and C share nothing, C is not folded
//! into A. Two findings of the same rule are never folded together: they
//! are two places where the same thing is wrong.

use std::cmp::Reverse;

use crate::diagnostic::{Diagnostic, Location};

/// Whether two spans share words, or one lies within the other (which also
/// catches an empty span inside or at the edge of another).
fn overlaps(a: &Location, b: &Location) -> bool {
    let within =
        |inner: &Location, outer: &Location| outer.start <= inner.start && inner.end <= outer.end;
    (a.start < b.end && b.start < a.end) || within(a, b) || within(b, a)
}

/// Set [`Diagnostic::folded_into`] on each finding of `diagnostics` that
/// another one, more specific, covers. `rank` gives a rule's place in pack
/// order (lower comes first). The list's order is left as it is, so the
/// indices stay valid; findings arrive sorted by position, and the work is
/// done per run of findings that touch, so a long draft costs no more than
/// its parts.
pub(crate) fn fold(diagnostics: &mut [Diagnostic], rank: impl Fn(&str) -> usize) {
    // Runs of findings whose spans touch, in position order: only findings
    // of the same run can overlap. Sorting the indices (not the findings)
    // keeps this right whatever order the list is in.
    let mut by_start: Vec<usize> = (0..diagnostics.len()).collect();
    by_start.sort_by_key(|&i| diagnostics.get(i).map(|d| (d.span.start, d.span.end)));
    let mut run: Vec<usize> = Vec::new();
    let mut run_end = 0;
    for i in by_start {
        let Some((start, end)) = diagnostics.get(i).map(|d| (d.span.start, d.span.end)) else {
            continue;
        };
        if !run.is_empty() && start > run_end {
            fold_run(diagnostics, &mut run, &rank);
        }
        run_end = if run.is_empty() {
            end
        } else {
            run_end.max(end)
        };
        run.push(i);
    }
    fold_run(diagnostics, &mut run, &rank);
}

/// Fold the findings at `run` (indices into `diagnostics`), which may
/// overlap each other and nothing else; empties `run`.
fn fold_run(diagnostics: &mut [Diagnostic], run: &mut Vec<usize>, rank: &impl Fn(&str) -> usize) {
    if run.len() < 2 {
        run.clear();
        return;
    }
    run.sort_by_cached_key(|&i| {
        diagnostics.get(i).map(|d| {
            (
                Reverse(d.level),
                d.span.end - d.span.start,
                rank(&d.rule),
                d.span.start,
                i,
            )
        })
    });
    let mut shown: Vec<usize> = Vec::new();
    for &i in run.iter() {
        let Some(d) = diagnostics.get(i) else {
            continue;
        };
        let into = shown.iter().copied().find(|&p| {
            diagnostics
                .get(p)
                .is_some_and(|p| p.rule != d.rule && overlaps(&p.span, &d.span))
        });
        match (into, diagnostics.get_mut(i)) {
            (Some(p), Some(d)) => d.folded_into = Some(p),
            _ => shown.push(i),
        }
    }
    run.clear();
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
    fn a_span_inside_another_is_folded_even_when_empty() {
        let list = vec![
            finding("specific-agenda", Level::Warning, 10, 20),
            finding("no-easy-out", Level::Info, 20, 20),
            finding("all-take", Level::Info, 10, 10),
        ];
        assert_eq!(folded(list), [None, Some(0), Some(0)]);
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
