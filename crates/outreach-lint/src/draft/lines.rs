//! The patterns that split a draft into sections, run line by line.
//!
//! They are built on first use, and building is what they cost: in Unicode
//! mode `\w`, `\s` and `.` are large automata, several times dearer to
//! build than the ASCII forms. Nearly every line is ASCII, where the two
//! forms match alike; only other lines need the Unicode form.

use std::sync::OnceLock;

use regex::Regex;
use regex_automata::meta;
use regex_automata::util::captures::Captures;
use regex_automata::util::syntax;

/// One of this crate's line patterns (inline flags only).
pub(crate) struct LineRegex {
    pattern: &'static str,
    ascii: OnceLock<meta::Regex>,
    unicode: OnceLock<Regex>,
}

/// A match in a line, with the line's text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LineMatch<'t> {
    text: &'t str,
    start: usize,
    end: usize,
}

impl<'t> LineMatch<'t> {
    pub(crate) fn start(&self) -> usize {
        self.start
    }

    pub(crate) fn end(&self) -> usize {
        self.end
    }

    pub(crate) fn as_str(&self) -> &'t str {
        self.text.get(self.start..self.end).unwrap_or_default()
    }
}

/// The groups of a match in a line.
#[derive(Debug)]
pub(crate) struct LineCaptures<'t> {
    text: &'t str,
    groups: Vec<Option<(usize, usize)>>,
}

impl<'t> LineCaptures<'t> {
    /// Group `i` (0 is the whole match), if it took part.
    pub(crate) fn get(&self, i: usize) -> Option<LineMatch<'t>> {
        let (start, end) = (*self.groups.get(i)?)?;
        Some(LineMatch {
            text: self.text,
            start,
            end,
        })
    }
}

impl LineRegex {
    pub(crate) const fn new(pattern: &'static str) -> LineRegex {
        LineRegex {
            pattern,
            ascii: OnceLock::new(),
            unicode: OnceLock::new(),
        }
    }

    /// This module's patterns are literals that the tests below compile in
    /// both forms, so failure here is a build-time bug.
    #[allow(clippy::expect_used)]
    fn ascii(&self) -> &meta::Regex {
        self.ascii.get_or_init(|| {
            // Without the literal prefilter or a fully built DFA: lines are
            // short, and building those (every case variant of every
            // prefix; every state up front) was most of the cost.
            meta::Builder::new()
                .configure(meta::Config::new().auto_prefilter(false).dfa(false))
                .syntax(syntax::Config::new().unicode(false).utf8(false))
                .build(self.pattern)
                .expect("built-in line pattern is valid")
        })
    }

    #[allow(clippy::expect_used)]
    fn unicode(&self) -> &Regex {
        self.unicode
            .get_or_init(|| Regex::new(self.pattern).expect("built-in line pattern is valid"))
    }

    pub(crate) fn is_match(&self, line: &str) -> bool {
        if line.is_ascii() {
            self.ascii().is_match(line)
        } else {
            self.unicode().is_match(line)
        }
    }

    pub(crate) fn find<'t>(&self, line: &'t str) -> Option<LineMatch<'t>> {
        self.captures(line)?.get(0)
    }

    pub(crate) fn captures<'t>(&self, line: &'t str) -> Option<LineCaptures<'t>> {
        let groups = if line.is_ascii() {
            self.ascii_captures(line)?
                .iter()
                .map(|m| m.map(|m| (m.start, m.end)))
                .collect()
        } else {
            let caps = self.unicode().captures(line)?;
            caps.iter()
                .map(|m| m.map(|m| (m.start(), m.end())))
                .collect()
        };
        Some(LineCaptures { text: line, groups })
    }

    /// The ASCII form's groups in `text`, if it matches.
    fn ascii_captures(&self, text: &str) -> Option<Captures> {
        let re = self.ascii();
        let mut caps = re.create_captures();
        re.captures(text, &mut caps);
        caps.is_match().then_some(caps)
    }

    /// The Unicode form's groups, for tests that compare the roads.
    #[cfg(test)]
    pub(crate) fn unicode_captures(&self, line: &str) -> Option<Vec<Option<(usize, usize)>>> {
        let caps = self.unicode().captures(line)?;
        Some(
            caps.iter()
                .map(|m| m.map(|m| (m.start(), m.end())))
                .collect(),
        )
    }

    /// The pattern's text.
    #[cfg(test)]
    pub(crate) fn pattern(&self) -> &'static str {
        self.pattern
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_forms_find_the_unicode_groups() {
        let re = LineRegex::new(r"(?i)^(hi|dear)\s+([A-Z][\w'-]*),?\s*(.{0,10})$");
        for line in [
            "Hi Ana,",
            "Dear Zoë, hello",
            "hi Łukasz — all",
            "DEAR Ana,\u{a0}x",
            "Hi \u{212A}elvin,",
            "nothing here",
        ] {
            let got = re.captures(line).map(|c| {
                (0..4)
                    .map(|i| c.get(i).map(|m| (m.start(), m.end())))
                    .collect::<Vec<_>>()
            });
            assert_eq!(got, re.unicode_captures(line), "{line}");
            assert_eq!(re.is_match(line), re.unicode().is_match(line), "{line}");
        }
    }

    #[test]
    fn non_ascii_lines_take_the_unicode_form() {
        let re = LineRegex::new(r"^\s*(--?|—|–)\s*\S.{0,40}$");
        assert!(re.is_match("— Ana"));
        assert!(re.is_match("-- Zoë"));
        assert!(!re.is_match("Zoë"));
        assert_eq!(re.pattern(), r"^\s*(--?|—|–)\s*\S.{0,40}$");
    }
}
