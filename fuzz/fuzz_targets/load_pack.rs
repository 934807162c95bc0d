//! Arbitrary bytes as a rule pack. Loading must return a pack or a
//! `LoadError` whose span lies inside the TOML text, never panic or run
//! away; a pack that loads is then run over a few drafts with the same span
//! checks as `lint_bytes`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use outreach_lint::{Linter, Pack};

const DRAFTS: &[&str] = &[
    "Subject: Coffee?\n\nHi Jane,\n\nCould I pick your brain over a quick chat?\n\nBest,\nSam\n",
    "Hi Kim,\r\n\r\nI\u{2019}d love an intro to Ana \u{2014} just cc me.\r\n\r\nThanks,\r\nLee",
    "\u{feff}synergy synergies \"circle back\"\rP.S. not a quick chat\n> quoted\n",
];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Pack::from_toml("fuzz.toml", text) {
        Ok(pack) => {
            // A pack may clash with the built-ins; alone it must always do.
            let Ok(linter) = Linter::from_packs(vec![pack]) else {
                panic!("a single pack that loaded was refused by the linter");
            };
            for draft in DRAFTS {
                let found = linter.lint("draft.txt", draft);
                outreach_lint_fuzz::check(draft, &found);
            }
        }
        Err(err) => {
            assert_eq!(err.source_text(), text);
            if let Some(span) = err.span() {
                assert!(span.end <= text.len(), "error span {span:?} past the end");
                assert!(
                    text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                    "error span {span:?} splits a character"
                );
            }
            assert!(!err.message().is_empty());
        }
    }
});
