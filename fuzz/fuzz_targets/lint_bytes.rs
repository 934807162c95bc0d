//! Arbitrary bytes as a draft: decoded lossily (so every input reaches the
//! parser), then parsed and linted with the built-in rules as plain text
//! and as Markdown. It must not panic, every span must be sound, and a
//! second run must agree with the first.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use outreach_lint::{Draft, Linter};

static LINTER: LazyLock<Linter> = LazyLock::new(Linter::builtin);

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let found = LINTER.lint("fuzz.txt", &text);
    outreach_lint_fuzz::check(&text, &found);
    assert_eq!(
        found,
        LINTER.lint("fuzz.txt", &text),
        "linting is not deterministic"
    );

    // Markdown maps stripped text back to the file: the spans must still
    // land in it. Front matter left open is an error, not a panic.
    let found = LINTER.lint("fuzz.md", &text);
    outreach_lint_fuzz::check_diagnostics(&text, &found);
    if let Ok(draft) = Draft::parse_markdown(&text) {
        outreach_lint_fuzz::check_sections(&text, &draft);
    }
});
