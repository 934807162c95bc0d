//! Properties that hold for any text: every span lies inside the draft on
//! character boundaries, its line and column agree with its byte offset,
//! linting is deterministic, a draft with CRLF line endings gets the
//! same findings as the same draft with LF, at the corresponding places and
//! folded alike, and a folded finding points at a shown one it overlaps.
//!
//! Inputs mix arbitrary text with the phrases and shapes the rules and the
//! section parser look for, so that findings are common rather than rare.

use std::sync::LazyLock;

use outreach_lint::{BUILTIN_PACKS, Diagnostic, Draft, LineIndex, Linter, Pack};
use proptest::prelude::*;

static LINTER: LazyLock<Linter> = LazyLock::new(Linter::builtin);
/// A second linter, built separately from the packs' text (its patterns
/// compiled while loading, not shared with [`LINTER`]): findings must not
/// depend on which one runs, nor on what either compiled before.
static OTHER: LazyLock<Linter> = LazyLock::new(|| {
    let mut packs: Vec<Pack> = Vec::new();
    for (name, text) in BUILTIN_PACKS {
        let pack = Pack::from_toml_with(name, text, &packs).expect("built-in packs load");
        packs.push(pack);
    }
    Linter::from_packs(packs).expect("built-in packs combine")
});

/// The 1-based line and character column of `offset`, counted the slow,
/// obvious way: `\n`, `\r\n` and a lone `\r` each end a line, and a BOM at
/// the very start is not a column.
fn naive_line_column(text: &str, offset: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let (mut line, mut line_start) = (1, 0);
    for i in 0..offset {
        let ends_line =
            bytes[i] == b'\n' || (bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
        if ends_line {
            line += 1;
            line_start = i + 1;
        }
    }
    if line_start == 0 && text.starts_with('\u{feff}') && offset >= 3 {
        line_start = 3;
    }
    (line, text[line_start..offset].chars().count() + 1)
}

/// Pieces drafts are made of: rule phrases, section markers, line endings
/// of every kind, characters the normaliser rewrites, and multi-byte text.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "pick your brain", "picking your brains", "quick chat", "grab coffee",
            "hop on a call", "15 minutes", "your talk at", "your post on",
            "introduce me to", "just cc me", "as we discussed", "only if she's open to it",
            "won't ask to pick your brain", "instead of a quick chat", "not",
            "Subject: ", "To: a@b.c", "Hi Jane,", "Dear Dr. Smith,", "Hey, Jason,",
            "Best,", "Thanks,", "Cheers", "-- ", "— Chris", "P.S. ", "> ",
            "On Tue, Mar 3 Sam wrote:", "---------- Forwarded message ----------",
            "1. ", "- ", "?", ".", ",", "\"", "(", ")", ":", " ", "  ", "\t",
        ])
        .prop_map(str::to_owned),
        3 => prop::sample::select(vec!["\n", "\n\n", "\r\n", "\r", "\r\n\r\n"]).prop_map(str::to_owned),
        2 => prop::sample::select(vec![
            "\u{2019}", "\u{201c}", "\u{201d}", "\u{00a0}", "\u{200b}", "\u{00ad}",
            "\u{2028}", "\u{0085}", "\u{feff}", "é", "Zoë", "Åsa", "✨", "日本語", "\u{1F600}",
            "\u{fffd}", "\u{0301}",
        ])
        .prop_map(str::to_owned),
        2 => "[a-zA-Z ]{1,12}",
        1 => any::<String>(),
    ]
}

fn draft_text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..40).prop_map(|pieces| pieces.concat())
}

/// The same, without carriage returns or characters that normalise to a
/// line break, so that `\n` can be swapped for `\r\n` one for one.
fn lf_text() -> impl Strategy<Value = String> {
    draft_text().prop_map(|t| {
        t.chars()
            .filter(|c| !matches!(c, '\r' | '\u{2028}' | '\u{2029}' | '\u{0085}'))
            .collect()
    })
}

fn check_spans(text: &str, found: &[Diagnostic]) -> Result<(), TestCaseError> {
    for section in Draft::parse(text).sections() {
        let s = section.span;
        prop_assert!(s.start <= s.end && s.end <= text.len(), "{section:?}");
        prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
    }
    for d in found {
        let s = d.span;
        prop_assert!(s.start <= s.end && s.end <= text.len(), "{d:?}");
        prop_assert!(text.is_char_boundary(s.start), "{d:?}");
        prop_assert!(text.is_char_boundary(s.end), "{d:?}");
        prop_assert_eq!(
            naive_line_column(text, s.start),
            (s.line, s.column),
            "start of {:?}",
            d
        );
        prop_assert_eq!(
            naive_line_column(text, s.end),
            (s.end_line, s.end_column),
            "end of {:?}",
            d
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn spans_are_in_bounds_on_char_boundaries_and_placed_right(text in draft_text()) {
        let found = LINTER.lint("p.txt", &text);
        check_spans(&text, &found)?;
    }

    #[test]
    fn linting_is_deterministic(text in draft_text()) {
        let first = LINTER.lint("p.txt", &text);
        prop_assert_eq!(&first, &LINTER.lint("p.txt", &text));
        prop_assert_eq!(&first, &OTHER.lint("p.txt", &text));
    }

    #[test]
    fn crlf_and_lf_give_the_same_findings_at_corresponding_places(text in lf_text()) {
        let crlf = text.replace('\n', "\r\n");
        let lf_found = LINTER.lint("lf.txt", &text);
        let crlf_found = LINTER.lint("crlf.txt", &crlf);
        // An LF offset moves on by one byte for each line break before it.
        let moved = |at: usize| at + text[..at].matches('\n').count();
        prop_assert_eq!(lf_found.len(), crlf_found.len());
        for (lf, cr) in lf_found.iter().zip(&crlf_found) {
            prop_assert_eq!((&lf.rule, lf.level, &lf.message, lf.section, lf.folded_into), (&cr.rule, cr.level, &cr.message, cr.section, cr.folded_into));
            prop_assert_eq!(moved(lf.span.start), cr.span.start, "{:?} vs {:?}", lf, cr);
            prop_assert_eq!(moved(lf.span.end), cr.span.end, "{:?} vs {:?}", lf, cr);
            prop_assert_eq!((lf.span.line, lf.span.column), (cr.span.line, cr.span.column));
            prop_assert_eq!((lf.span.end_line, lf.span.end_column), (cr.span.end_line, cr.span.end_column));
        }
    }

    #[test]
    fn a_folded_finding_points_at_a_shown_one_it_shares_words_with(text in draft_text()) {
        let found = LINTER.lint("p.txt", &text);
        for d in &found {
            let Some(i) = d.folded_into else { continue };
            let p = &found[i];
            prop_assert!(p.folded_into.is_none(), "{:?} folded into folded {:?}", d, p);
            prop_assert!(p.rule != d.rule && p.level >= d.level, "{:?} into {:?}", d, p);
            let empty_inside = |a: &Diagnostic, b: &Diagnostic| {
                a.span.start == a.span.end && b.span.start <= a.span.start && a.span.start < b.span.end.max(b.span.start + 1)
            };
            prop_assert!(
                (p.span.start < d.span.end && d.span.start < p.span.end) || empty_inside(d, p) || empty_inside(p, d),
                "{:?} into {:?}", d, p
            );
        }
    }

    #[test]
    fn line_index_agrees_with_counting(text in draft_text(), picks in prop::collection::vec(any::<prop::sample::Index>(), 1..8)) {
        let index = LineIndex::new(&text);
        for pick in picks {
            let mut at = pick.index(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let got = index.line_column(&text, at);
            prop_assert_eq!((got.line, got.column), naive_line_column(&text, at), "offset {}", at);
        }
    }
}

/// The generators do reach the rules: without findings the properties
/// above would hold vacuously.
#[test]
fn generated_drafts_do_produce_findings() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = draft_text();
    let with_findings = (0..200)
        .filter(|_| {
            let text = strategy
                .new_tree(&mut runner)
                .map(|t| t.current())
                .unwrap_or_default();
            !LINTER.lint("p.txt", &text).is_empty()
        })
        .count();
    assert!(
        with_findings >= 20,
        "only {with_findings} of 200 drafts had findings"
    );
}
