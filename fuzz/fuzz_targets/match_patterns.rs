//! Arbitrary patterns, as a user's pack may hold them, against arbitrary
//! text: the library's matcher (literal prefilter, ASCII forms, merged
//! alternation) must find exactly what the regex crate finds for the
//! alternation of the same patterns, or refuse a pattern the regex crate
//! refuses too or that can match the empty string.
//!
//! Input: up to three patterns, one per line, then a NUL byte, then the
//! text; decoded lossily. Seeds in `seeds/match_patterns` use flag groups
//! (`(?-u:...)`, `(?i)`), classes and the Unicode case traps.
#![no_main]

use libfuzzer_sys::fuzz_target;
use outreach_lint::internals::matches;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let Some((head, text)) = input.split_once('\0') else {
        return;
    };
    let patterns: Vec<&str> = head.lines().take(3).collect();
    // Long patterns only make the regex crate's compile slow, not the
    // comparison sharper.
    if patterns.is_empty() || patterns.iter().any(|p| p.len() > 80) {
        return;
    }
    let joined: Vec<String> = patterns.iter().map(|p| format!("(?:{p})")).collect();
    let reference = regex::RegexBuilder::new(&joined.join("|"))
        .case_insensitive(true)
        .multi_line(true)
        .size_limit(4 << 20)
        .build();
    match (matches(&patterns, text), reference) {
        (Ok(found), Ok(re)) => {
            let expected: Vec<(usize, usize)> =
                re.find_iter(text).map(|m| (m.start(), m.end())).collect();
            assert_eq!(found, expected, "{patterns:?} on {text:?}");
        }
        // The library compiles each pattern alone; the regex crate may
        // refuse only the whole alternation (too large together).
        (Ok(_), Err(_)) => {}
        (Err(why), Ok(re)) => assert!(
            why.contains("MatchesEmpty") || why.contains("Invalid") || why.contains("TooLarge"),
            "{why} for {patterns:?}; regex crate: {re:?}"
        ),
        (Err(_), Err(_)) => {}
    }
});
