//! Arbitrary bytes as a draft: decoded the way the command decodes them
//! (lossily, so every input reaches the parser), parsed and linted with the
//! built-in rules. It must not panic, every span must be sound, and a
//! second run must agree with the first.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use outreach_lint::Linter;

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
});
