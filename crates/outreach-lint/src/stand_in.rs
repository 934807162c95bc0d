//! ASCII stand-ins for non-ASCII text, so that patterns stay on the regex
//! engine's fast path.
//!
//! The lazy DFA that makes the regex crate fast gives up on a Unicode word
//! boundary (`\b`) as soon as it meets a non-ASCII byte, and the engines it
//! falls back to are tens of times slower: one accented name sent a whole
//! draft down that road. Yet a pattern that spells only ASCII cannot tell
//! two non-ASCII characters apart except by what `\w`, `\s`, `\d`, `\b` and
//! `.` say about them. So each non-ASCII character is replaced by one ASCII
//! byte that all of those say the same about (`_` for a word character,
//! `\x0B` for white space, `\x01` for anything else), the pattern's ASCII
//! form runs over that, and offsets map back. Character for character, the
//! matches are the ones the Unicode pattern finds in the original text.
//!
//! Two things would break that, and send the text (or pattern) down the
//! Unicode road instead: a non-ASCII digit (`\d` matches it, but no stand-in
//! byte is both a digit and unlike every pattern digit), and the Kelvin sign
//! or long s, which case-insensitive patterns match as `k` and `s`; and, on
//! the pattern side, anything that names a stand-in byte or a class beyond
//! `\w`, `\s` and `\d` ([`is_safe`]).

use crate::analysis::{OTHER, SPACE, WORD};

/// Characters that Unicode simple case folding links to an ASCII letter.
const FOLDS_TO_ASCII: [char; 2] = ['\u{212A}', '\u{017F}'];

/// The stand-in byte for `c`, or `None` when there is none (see the module
/// documentation).
fn stand_in_byte(c: char) -> Option<u8> {
    if c.is_ascii() {
        return Some(c as u8);
    }
    // `is_numeric` is wider than `\d` (decimal digits): erring wide only
    // sends a little more text down the Unicode road.
    if FOLDS_TO_ASCII.contains(&c) || c.is_numeric() {
        return None;
    }
    if regex_syntax::try_is_word_character(c).ok()? {
        Some(WORD)
    } else if c.is_whitespace() {
        // `char::is_whitespace` is Unicode's White_Space, as `\s` is.
        Some(SPACE)
    } else {
        Some(OTHER)
    }
}

/// A non-ASCII text rewritten in ASCII, one byte per character, with the
/// way back to the original offsets.
#[derive(Debug)]
pub(crate) struct StandIn {
    text: String,
    /// Original offset of each byte of `text`, plus one for its end.
    offsets: Vec<usize>,
}

impl StandIn {
    /// The stand-in for `text`, or `None` if a character has none.
    pub(crate) fn new(text: &str) -> Option<StandIn> {
        let mut bytes = Vec::with_capacity(text.len());
        let mut offsets = Vec::with_capacity(text.len() + 1);
        for (i, c) in text.char_indices() {
            bytes.push(stand_in_byte(c)?);
            offsets.push(i);
        }
        offsets.push(text.len());
        // Every byte pushed is ASCII.
        let text = String::from_utf8(bytes).ok()?;
        Some(StandIn { text, offsets })
    }

    /// The ASCII text.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// The offset in the stand-in of the first character at or after
    /// offset `at` of the original text.
    pub(crate) fn offset_of(&self, at: usize) -> usize {
        self.offsets.partition_point(|&o| o < at)
    }

    /// The offset in the original text of offset `at` of the stand-in.
    pub(crate) fn original(&self, at: usize) -> usize {
        self.offsets
            .get(at)
            .or(self.offsets.last())
            .copied()
            .unwrap_or(0)
    }
}

/// The text a pattern runs over, and in which of its forms.
pub(crate) enum Road<'t> {
    /// ASCII text, as it is, for the non-Unicode form.
    Ascii(&'t str),
    /// Other text through its stand-in, for the non-Unicode form.
    StandIn(StandIn),
    /// The text itself, for the Unicode form.
    Unicode(&'t str),
}

impl<'t> Road<'t> {
    /// The road for `text` and a pattern that reads the same through a
    /// stand-in or not (`safe`, asked only of non-ASCII text).
    pub(crate) fn of(text: &'t str, safe: impl FnOnce() -> bool) -> Road<'t> {
        if text.is_ascii() {
            return Road::Ascii(text);
        }
        if safe()
            && let Some(s) = StandIn::new(text)
        {
            return Road::StandIn(s);
        }
        Road::Unicode(text)
    }

    /// `ascii` on the text the non-Unicode form runs over, or `unicode`
    /// on the original text.
    pub(crate) fn run<'a, R>(
        &'a self,
        ascii: impl FnOnce(&'a str) -> R,
        unicode: impl FnOnce(&'a str) -> R,
    ) -> R {
        match self {
            Road::Ascii(t) => ascii(t),
            Road::StandIn(s) => ascii(s.text()),
            Road::Unicode(t) => unicode(t),
        }
    }
}

/// Whether `pattern` finds the same matches in a [`StandIn`] (ASCII form)
/// as in the original text (Unicode form); see
/// [`crate::analysis::Facts::stand_in_safe`]. Unparsable patterns are
/// not safe.
pub(crate) fn is_safe(pattern: &str) -> bool {
    crate::analysis::analyse(pattern).is_some_and(|a| a.facts.stand_in_safe)
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::{Regex, RegexBuilder};

    fn unicode(p: &str) -> Regex {
        RegexBuilder::new(p)
            .multi_line(true)
            .build()
            .expect("valid")
    }

    fn ascii(p: &str) -> regex::bytes::Regex {
        regex::bytes::RegexBuilder::new(p)
            .unicode(false)
            .multi_line(true)
            .build()
            .expect("valid")
    }

    /// The stand-in bytes agree with the regex crate's own tables about
    /// every character: what `\w`, `\s`, `\d`, `.` and a case-insensitive
    /// letter match in Unicode mode, the stand-in matches in ASCII mode.
    #[test]
    fn stand_ins_agree_with_the_regex_tables_for_every_character() {
        let classes = [
            r"\w",
            r"\s",
            r"\d",
            r".",
            r"(?i)[a-z]",
            r"\W",
            r"[^,]",
            r"\S",
        ];
        let pairs: Vec<(Regex, regex::bytes::Regex)> = classes
            .iter()
            .map(|c| (unicode(&format!("^{c}$")), ascii(&format!("^{c}$"))))
            .collect();
        let mut checked = 0;
        for c in '\u{80}'..=char::MAX {
            let Some(b) = stand_in_byte(c) else { continue };
            let mut buf = [0; 4];
            let s = c.encode_utf8(&mut buf);
            for ((u, a), class) in pairs.iter().zip(classes) {
                assert_eq!(
                    u.is_match(s),
                    a.is_match(&[b]),
                    "{class} on U+{:04X}",
                    c as u32
                );
            }
            checked += 1;
        }
        assert!(checked > 1_000_000, "{checked}");
    }

    #[test]
    fn digits_and_case_fold_traps_have_no_stand_in() {
        for c in ['\u{212A}', '\u{017F}', '٣', '²'] {
            assert_eq!(stand_in_byte(c), None, "{c}");
        }
        assert!(StandIn::new("5 \u{212A} is cold").is_none());
    }

    #[test]
    fn offsets_map_back_to_the_original() {
        let s = StandIn::new("Zoë — hi").expect("stand-in");
        assert_eq!(s.text(), "Zo_ \x01 hi");
        assert_eq!(s.original(3), 4); // the space after ë
        assert_eq!(s.original(5), 8); // the space after the dash
        assert_eq!(s.original(s.text().len()), "Zoë — hi".len());
        // And forth: a byte inside a character maps to the next one.
        assert_eq!(s.offset_of(4), 3);
        assert_eq!(s.offset_of(3), 3);
        assert_eq!(s.offset_of(5), 4);
        assert_eq!(s.offset_of("Zoë — hi".len()), s.text().len());
    }

    #[test]
    fn safety_reads_the_pattern() {
        assert!(is_safe(r"(?i)\bpick your brain\b"));
        assert!(is_safe(r"[\w'-]+(?: [\w'-]+){0,2},\s+meet\b|\?"));
        assert!(is_safe(r"(?-i:[A-Z])[^.?!]{0,80}"));
        assert!(!is_safe(r"snake_case"));
        assert!(!is_safe(r"[!-~]")); // holds `_`
        assert!(!is_safe(r"[[:punct:]]"));
        assert!(!is_safe(r"\p{Lu}"));
        assert!(!is_safe(r"café"));
        assert!(!is_safe(r"(unclosed"));
    }

    /// The claim itself, on a mixed text: each safe pattern finds the same
    /// spans through the stand-in as in Unicode mode.
    #[test]
    fn safe_patterns_find_the_same_spans_through_a_stand_in() {
        let text = "Zoë, meet Łukasz — he wrote «Čapek» in 2019.\u{a0}Would you\u{2003}mind? naïve_x über-cool";
        let s = StandIn::new(text).expect("stand-in");
        for p in [
            r"(?i)\bmeet\b",
            r"(?i)\b\w+\b",
            r"\s+",
            r"\W+",
            r"(?i)would you\s\w+\?",
            r"[^,.]{3,9}",
            r".{2}\b",
            r"\b\w{3}\b",
            r"(?i)^\w+,\s+meet \w+",
            r"\B\w\B",
        ] {
            assert!(is_safe(p), "{p}");
            let want: Vec<(usize, usize)> = unicode(p)
                .find_iter(text)
                .map(|m| (m.start(), m.end()))
                .collect();
            let got: Vec<(usize, usize)> = ascii(p)
                .find_iter(s.text().as_bytes())
                .map(|m| (s.original(m.start()), s.original(m.end())))
                .collect();
            assert_eq!(got, want, "{p}");
        }
    }
}
