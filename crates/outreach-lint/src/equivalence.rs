//! Equivalence tests: every pattern set of the built-in linter, through
//! the matcher, against the plain regex alternation of its patterns, span
//! for span, over thousands of generated drafts. Slow in a debug build, so
//! `#[ignore]`d there; `.ci/run` runs them in release mode
//! (`cargo test --release -p outreach-lint -- --ignored`).

use crate::draft::Draft;
use crate::lint::Linter;
use crate::matcher::words::MARK;
use crate::matcher::{Haystack, MARK_GROUP};
use crate::pack::{BUILTIN_PACKS, Pack};
use crate::rules::PatternSet;
use crate::span::Span;

/// Small deterministic generator (SplitMix64), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Every pattern set of `linter`'s checks and of its kind detector.
fn sets(linter: &Linter) -> Vec<&PatternSet> {
    let mut all: Vec<&PatternSet> = linter
        .rules()
        .iter()
        .flat_map(|r| r.checks.iter())
        .flat_map(|c| c.pattern_sets())
        .collect();
    all.extend(linter.kind_sets());
    all
}

fn sources(set: &PatternSet) -> Vec<String> {
    set.patterns.iter().map(|p| p.source().to_owned()).collect()
}

/// Words from the built-in patterns themselves, so random drafts hit many
/// patterns at once, overlapping and tying, which real drafts rarely do.
fn vocabulary(linter: &Linter) -> Vec<String> {
    let mut words: Vec<String> = sets(linter)
        .into_iter()
        .flat_map(sources)
        .flat_map(|src| {
            let mut found: Vec<String> = src
                .split(|c: char| !(c.is_ascii_alphabetic() || c == '\''))
                .filter(|w| w.len() > 1)
                .map(str::to_owned)
                .collect();
            found.extend(crate::matcher::literals::needles(&src).unwrap_or_default());
            found
        })
        .collect();
    words.sort();
    words.dedup();
    words.extend(
        [
            "\n",
            "\n\n",
            ",",
            ".",
            "?",
            "!",
            "\"",
            "15",
            "minutes",
            "Hi Jane,\n\n",
            "\n\nBest,\nSam\n",
            "\n1.",
            "\n- ",
            ":",
            "(cc'd)",
            "https://x.org/a",
            "—",
            "é",
            "Zoë",
            "\u{2019}",
            "\r\n",
            "pic\u{212A}",
            "a\u{017F}k",
            "PICK",
            "YOUR",
            "BRAIN",
        ]
        .map(str::to_owned),
    );
    words
}

fn random_text(rng: &mut Rng, words: &[String]) -> String {
    let n = 5 + rng.below(120);
    let mut text = String::new();
    for _ in 0..n {
        text.push_str(&words[rng.below(words.len())]);
        // Now and then punctuation beyond ASCII, which runs the patterns'
        // byte forms (see `Chars::Punctuation`).
        let punctuation = [
            "\u{2019}",
            " \u{2014} ",
            "\u{2026} ",
            " \u{201c}",
            "\u{201d} ",
            " \u{1f642} ",
        ];
        match punctuation.get(rng.below(4 * punctuation.len())) {
            Some(p) => text.push_str(p),
            None => text.push(' '),
        }
    }
    text
}

/// Each set of `linter` with its alternation, compiled.
fn references(linter: &Linter) -> Vec<(&PatternSet, regex::Regex)> {
    sets(linter)
        .into_iter()
        .map(|set| {
            // Each marked pattern's group gets a name of its own, since one
            // regex cannot hold two groups of the same name.
            let joined: Vec<String> = sources(set)
                .iter()
                .enumerate()
                .map(|(i, p)| format!("(?:{})", p.replace(MARK_GROUP, &format!("(?P<{MARK}{i}>"))))
                .collect();
            // The whole alternation of a large set is far larger than any
            // one pattern the matcher compiles, so the reference gets room.
            let re = regex::RegexBuilder::new(&joined.join("|"))
                .case_insensitive(true)
                .multi_line(true)
                .size_limit(256 << 20)
                .build()
                .expect("built-in patterns compile");
            (set, re)
        })
        .collect()
}

/// Each set's matches in `text` through the matcher equal its alternation's.
fn assert_sets_match(
    linter: &Linter,
    references: &[(&PatternSet, regex::Regex)],
    text: &str,
) -> usize {
    let (matcher, hits) = linter.matcher_hits(text);
    let mut matched = 0;
    for (set, re) in references {
        // A marked pattern reports the part it marks; only the matching
        // alternative's group takes part in a match.
        let marks: Vec<usize> = re
            .capture_names()
            .enumerate()
            .filter(|(_, name)| {
                name.and_then(|n| n.strip_prefix(MARK))
                    .is_some_and(|i| i.parse::<usize>().is_ok())
            })
            .map(|(i, _)| i)
            .collect();
        let plain: Vec<Span> = re
            .captures_iter(text)
            .map(|c| {
                let m = marks
                    .iter()
                    .find_map(|&i| c.get(i))
                    .or_else(|| c.get(0))
                    .expect("a match");
                Span::new(m.start(), m.end())
            })
            .collect();
        let lower = text.to_ascii_lowercase();
        let hay = Haystack::new(text, &lower);
        let fast = matcher.find(&set.ids, &hits, hay);
        assert_eq!(fast, plain, "{:?} on {text:?}", sources(set));
        assert_eq!(matcher.is_match(&set.ids, &hits, hay), re.is_match(text));
        matched += plain.len();
    }
    matched
}

#[test]
#[ignore = "slow in debug builds: run with --release -- --ignored"]
fn every_set_finds_what_its_alternation_finds_on_random_phrases() {
    let linter = Linter::builtin();
    let words = vocabulary(&linter);
    assert!(words.len() > 400, "{} words", words.len());
    let references = references(&linter);
    let mut rng = Rng(7);
    let mut matched = 0;
    for _ in 0..1000 {
        matched += assert_sets_match(&linter, &references, &random_text(&mut rng, &words));
    }
    assert!(matched > 10_000, "only {matched} matches");
}

#[test]
#[ignore = "slow in debug builds: run with --release -- --ignored"]
fn every_set_finds_what_its_alternation_finds_on_the_corpus() {
    let linter = Linter::builtin();
    let references = references(&linter);
    let check = |text: &str| assert_sets_match(&linter, &references, text);
    let mut matched = 0;
    // 600 drafts and 480 variants: 1,000 drafts held 1.2 million matches,
    // and more only lengthened CI, whose limit this test is most of.
    for (i, text) in xtask::drafts(xtask::DEFAULT_SEED, 600).enumerate() {
        matched += check(&text);
        // A corpus draft in capitals, one with Unicode case variants, one
        // with accents next to the words.
        if i % 5 == 0 {
            check(&text.to_uppercase());
            check(&text.replace('k', "\u{212A}").replace('s', "\u{017F}"));
            check(&text.replace(", ", "é, ").replace(" you", "\u{a0}you"));
            check(
                &text
                    .replace('\'', "\u{2019}")
                    .replace(", ", "\u{2026} ")
                    .replace(". ", " \u{2014} ")
                    .replace(" you", " \u{201c}you"),
            );
        }
    }
    assert!(matched > 5000, "only {matched} matches");
}

#[test]
fn builtin_packs_pass_full_validation() {
    // `Pack::builtin` compiles lazily; the validating loader compiles every
    // pattern now, as for a user's pack, and refuses any that can match
    // the empty string.
    let mut packs: Vec<Pack> = Vec::new();
    for (name, text) in BUILTIN_PACKS {
        match Pack::from_toml_with(name, text, &packs) {
            Ok(pack) => packs.push(pack),
            Err(e) => panic!("{name}: {}", e.message()),
        }
    }
    assert_eq!(packs.len(), BUILTIN_PACKS.len());
    Pack::kinds().expect("the kinds pack loads");
}

#[test]
fn clones_share_compiled_patterns() {
    let a = Linter::builtin();
    let b = Linter::builtin();
    assert!(a.shares_patterns_with(&b));
    let text = "Hi Jo,\n\nCan I pick your brain?\n";
    assert_eq!(a.lint("x", text), b.lint("x", text));
    let parsed = Draft::parse(text);
    assert_eq!(a.detect_kind(&parsed), crate::MessageKind::ColdRequest);
}
