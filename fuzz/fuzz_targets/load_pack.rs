//! Arbitrary bytes as a rule pack, and as a configuration file. Loading
//! must return a value or a `LoadError` whose span lies inside the TOML,
//! never panic or run away; a pack that loads is run over a few drafts with
//! the same span checks as `lint_bytes`, and a configuration that loads is
//! applied to the built-in rules and run the same way.
#![no_main]

use libfuzzer_sys::fuzz_target;
use outreach_lint::{Config, Linter, LoadError, Pack};

const DRAFTS: &[&str] = &[
    "Subject: Coffee?\n\nHi Jane,\n\nCould I pick your brain over a quick chat?\n\nBest,\nSam\n",
    "Hi Kim,\r\n\r\nI\u{2019}d love an intro to Ana \u{2014} just cc me.\r\n\r\nThanks,\r\nLee",
    "\u{feff}synergy synergies \"circle back\"\rP.S. not a quick chat\n> quoted\n",
];

fn lint_all(linter: &Linter) {
    for draft in DRAFTS {
        let found = linter.lint("draft.txt", draft);
        outreach_lint_fuzz::check(draft, &found);
    }
}

/// An error must point inside the text it names, on character boundaries.
fn check_error(text: &str, err: &LoadError) {
    assert!(!err.message().is_empty());
    let source = err.source_text();
    if let Some(span) = err.span() {
        assert!(span.end <= source.len(), "error span {span:?} past the end");
        assert!(
            source.is_char_boundary(span.start) && source.is_char_boundary(span.end),
            "error span {span:?} splits a character"
        );
        assert_eq!(source, text, "a spanned error names another text");
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Pack::from_toml("fuzz.toml", text) {
        Ok(pack) => match Linter::from_packs(vec![pack]) {
            Ok(linter) => lint_all(&linter),
            Err(err) => panic!("a single pack that loaded was refused: {err}"),
        },
        Err(err) => check_error(text, &err),
    }
    match Config::from_toml("fuzz.toml", text) {
        Ok(config) => {
            let _ = (
                config.packs(),
                config.kind(),
                config.skipped_for("drafts/a.txt"),
            );
            let mut linter = Linter::builtin();
            match config.apply(&mut linter) {
                Ok(()) => lint_all(&linter),
                Err(err) => check_error(text, &err),
            }
        }
        Err(err) => check_error(text, &err),
    }
});
