//! Differential tests: the engine against the plain alternations it
//! replaces, over generated drafts. Any difference in any finding is a bug
//! in the engine.

use crate::draft::Draft;
use crate::engine::Haystack;
use crate::linter::{LintOptions, Linter};
use crate::pack::{BUILTIN_PACKS, Pack};
use crate::rule::{CheckKind, PatternSet};
use crate::span::Span;
use crate::stand_in::StandIn;

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

fn assert_same(linter: &Linter, text: &str) {
    let draft = Draft::parse(text);
    let options = LintOptions::default();
    let fast = linter.lint_draft(&draft, &options);
    let plain = linter.lint_reference(&draft, &options);
    assert_eq!(
        fast.diagnostics, plain.diagnostics,
        "engine and alternation differ on:\n{text:?}"
    );
    assert_eq!(fast.kind, plain.kind, "kinds differ on:\n{text:?}");
}

fn findings(linter: &Linter, text: &str) -> usize {
    linter.lint("x.txt", text).len()
}

/// Every pattern set of `linter`'s checks.
fn sets(linter: &Linter) -> Vec<&PatternSet> {
    linter
        .rules()
        .iter()
        .flat_map(|r| r.checks.iter())
        .flat_map(|c| {
            let mut sets = match &c.kind {
                CheckKind::Forbid { patterns } => vec![patterns],
                CheckKind::Require { when, any, .. } => vec![when, any],
                CheckKind::Limit { .. } | CheckKind::Builtin { .. } => Vec::new(),
            };
            sets.extend(c.unless.as_ref());
            sets
        })
        .collect()
}

fn random_text(rng: &mut Rng, words: &[String]) -> String {
    let n = 5 + rng.below(120);
    let mut text = String::new();
    for _ in 0..n {
        text.push_str(&words[rng.below(words.len())]);
        text.push(' ');
    }
    text
}

/// Words taken from the built-in patterns themselves, so random drafts hit
/// many patterns at once, overlapping and tying, which realistic drafts
/// rarely do.
fn vocabulary() -> Vec<String> {
    let linter = Linter::builtin();
    let mut words: Vec<String> = sets(&linter)
        .into_iter()
        .flat_map(|s| s.sources.iter())
        .flat_map(|src| {
            // Single words, and the whole phrases the engine searches for.
            let mut found: Vec<String> = src
                .split(|c: char| !(c.is_ascii_alphabetic() || c == '\''))
                .filter(|w| w.len() > 1)
                .map(str::to_owned)
                .collect();
            found.extend(crate::analysis::needles(src).unwrap_or_default());
            found
        })
        .collect();
    words.sort();
    words.dedup();
    words.extend(
        [
            "\n",
            "\n\n",
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

#[test]
fn engine_matches_the_alternations_on_the_corpus() {
    let linter = Linter::builtin();
    let mut fired = 0;
    for (i, text) in xtask::drafts(xtask::DEFAULT_SEED, 1000).enumerate() {
        assert_same(&linter, &text);
        // A corpus draft in capitals and one with Unicode case variants.
        if i % 5 == 0 {
            assert_same(&linter, &text.to_uppercase());
            assert_same(
                &linter,
                &text.replace('k', "\u{212A}").replace('s', "\u{017F}"),
            );
        }
        fired += usize::from(findings(&linter, &text) > 0);
    }
    // The comparison means something only if the rules fire.
    assert!(fired > 400, "only {fired} drafts had findings");
}

/// Kind detection through the engine (only the phrasings whose literals
/// occur) against the plain detection, on drafts of every kind, with
/// accents and odd spaces around the signals.
#[test]
fn engine_detects_the_kinds_plain_detection_does() {
    let linter = Linter::builtin();
    let openings = [
        "Hi Ana,\n\nAna, meet Bo. You two should talk.",
        "Hi Zoë and Łukasz,\n\nHere you go.",
        "Hi Jo,\n\nCould you introduce me to Inês?",
        "Hi Jo,\n\nJust following up on my last email.",
        "Hi Jo,\n\nThank you for taking the time to meet yesterday.",
        "Hi Jo,\n\nThanks for the call. Could you send the slides?",
        "Hi Jo,\n\nWould you\u{a0}have 15 minutes?",
        "Hi Jo,\n\nA note with no ask — none at all.",
        "Subject: ²\n\nHi Jo,\n\nChecking in.",
    ];
    let mut kinds = std::collections::BTreeSet::new();
    let drafts = xtask::drafts(3, 200).enumerate().map(|(i, d)| {
        let opening = openings[i % openings.len()];
        match i % 3 {
            0 => format!("{opening}\n\n{d}"),
            1 => d.replace("Hi ", "Hi Zoë ").replace(", ", "é, "),
            _ => d,
        }
    });
    for text in drafts.chain(openings.iter().map(|o| o.to_string())) {
        assert_same(&linter, &text);
        kinds.insert(crate::MessageKind::detect(&Draft::parse(&text)));
    }
    assert!(kinds.len() >= 5, "only {kinds:?}");
}

#[test]
fn engine_matches_the_alternations_on_random_phrases() {
    let linter = Linter::builtin();
    let words = vocabulary();
    assert!(words.len() > 400, "{} words", words.len());
    let mut rng = Rng(42);
    let mut fired = 0;
    for _ in 0..800 {
        let text = random_text(&mut rng, &words);
        assert_same(&linter, &text);
        fired += findings(&linter, &text);
    }
    assert!(fired > 500, "only {fired} findings");
}

/// Set by set, span by span: stricter than comparing findings, since a
/// `require` rule reports only its first trigger.
#[test]
fn every_set_finds_what_its_alternation_finds() {
    let linter = Linter::builtin();
    let words = vocabulary();
    let mut rng = Rng(7);
    let mut matched = 0;
    let mut through_stand_ins = 0;
    for _ in 0..400 {
        let text = random_text(&mut rng, &words);
        let hits = linter.engine.hits(&text);
        let stand_in = StandIn::new(&text).filter(|_| !text.is_ascii()).map(|s| {
            let mapped = hits.mapped(|at| s.offset_of(at));
            (s, mapped)
        });
        for set in sets(&linter) {
            let plain: Vec<Span> = set
                .regex
                .find_iter(&text)
                .filter(|m| !m.is_empty())
                .map(|m| Span::new(m.start(), m.end()))
                .collect();
            // `None`: a set that may match the empty string stays with
            // its alternation.
            if let Some(fast) = linter.engine.find(&set.ids, &hits, Haystack::new(&text)) {
                assert_eq!(fast, plain, "{:?} on {text:?}", set.sources);
                matched += plain.len();
            }
            // The same through an ASCII stand-in, where the scan would use one.
            if let Some((s, stand_in_hits)) = stand_in.as_ref()
                && linter.engine.reads_stand_ins(&set.ids, &hits)
                && let Some(fast) =
                    linter
                        .engine
                        .find(&set.ids, stand_in_hits, Haystack::new(s.text()))
            {
                let fast: Vec<Span> = fast
                    .into_iter()
                    .map(|m| Span::new(s.original(m.start), s.original(m.end)))
                    .collect();
                assert_eq!(fast, plain, "stand-in: {:?} on {text:?}", set.sources);
                through_stand_ins += plain.len();
                assert_eq!(
                    linter
                        .engine
                        .is_match(&set.ids, stand_in_hits, Haystack::new(s.text())),
                    Some(set.regex.is_match(&text))
                );
            }
            assert_eq!(
                linter
                    .engine
                    .is_match(&set.ids, &hits, Haystack::new(&text)),
                Some(set.regex.is_match(&text))
            );
        }
    }
    assert!(matched > 5000, "only {matched} matches");
    assert!(
        through_stand_ins > 1000,
        "only {through_stand_ins} through stand-ins"
    );
}

#[test]
fn engine_matches_the_alternations_on_rule_examples() {
    let linter = Linter::builtin();
    for rule in linter.rules() {
        for text in rule.examples().bad.iter().chain(&rule.examples().good) {
            assert_same(&linter, text);
        }
    }
}

#[test]
fn builtin_packs_pass_full_validation() {
    // `Pack::builtin` compiles lazily; the validating loader checks every
    // pattern alone and compiles every set joined, as for a user's pack.
    let mut packs: Vec<Pack> = Vec::new();
    for (name, text) in BUILTIN_PACKS {
        match Pack::from_toml_with(name, text, &packs) {
            Ok(pack) => packs.push(pack),
            Err(e) => panic!("{name}: {}", e.message()),
        }
    }
    assert_eq!(packs.len(), BUILTIN_PACKS.len());
}

#[test]
fn clones_share_compiled_patterns() {
    let a = Linter::builtin();
    let b = Linter::builtin();
    assert!(std::sync::Arc::ptr_eq(&a.engine, &b.engine));
    let text = "Hi Jo,\n\nCan I pick your brain?\n";
    assert_eq!(a.lint("x", text), b.lint("x", text));
}
