//! Per-draft state shared by every check of one lint run: the sections,
//! and sentence boundaries computed once per section on first use.

use std::sync::OnceLock;

use unicode_segmentation::UnicodeSegmentation;

use crate::draft::{Draft, Section};
use crate::engine::{Engine, Hits};
use crate::kind::MessageKind;
use crate::rule::PatternSet;
use crate::span::Span;

/// Words that, shortly before a match in the same clause, turn an ask into
/// its opposite: "I promise not to …", "instead of a quick chat".
const NEGATORS: &[&str] = &[
    "not",
    "never",
    "no",
    "without",
    "instead",
    "rather",
    "won't",
    "don't",
    "wont",
    "dont",
    "wouldn't",
    "shouldn't",
    "didn't",
    "isn't",
    "aren't",
    "nor",
    "avoid",
];

/// How many words back the negation window reaches.
const NEGATION_WINDOW: usize = 6;

/// How many bytes back the negation window may reach at most. Six words
/// fit easily; the bound keeps each look-back short, so a long sentence
/// with many matches is checked in linear time, not quadratic.
const NEGATION_REACH: usize = 256;

pub(crate) struct Scan<'d> {
    draft: &'d Draft<'d>,
    kind: MessageKind,
    /// Sentence start offsets (relative to the section) per section.
    sentences: Vec<OnceLock<Vec<usize>>>,
    /// The engine and the patterns that may match this draft; without it,
    /// pattern sets run as plain alternations.
    engine: Option<(&'d Engine, Hits)>,
    /// Offsets of `"` (relative to the section) per section, so that the
    /// quotes before a match are counted by binary search, not by a scan.
    quotes: Vec<OnceLock<Vec<usize>>>,
}

impl<'d> Scan<'d> {
    pub(crate) fn new(draft: &'d Draft<'d>, kind: MessageKind) -> Self {
        let sentences = draft.sections().iter().map(|_| OnceLock::new()).collect();
        let quotes = draft.sections().iter().map(|_| OnceLock::new()).collect();
        Scan {
            draft,
            kind,
            sentences,
            engine: None,
            quotes,
        }
    }

    /// A scan that matches through `engine`, after one pass over the text to
    /// see which patterns can match it.
    pub(crate) fn with_engine(draft: &'d Draft<'d>, kind: MessageKind, engine: &'d Engine) -> Self {
        let hits = engine.hits(draft.match_text());
        Scan {
            engine: Some((engine, hits)),
            ..Scan::new(draft, kind)
        }
    }

    /// Every match of `set` in `text` (a section's text), in order.
    pub(crate) fn find_all(&self, set: &PatternSet, text: &str) -> Vec<Span> {
        if let Some((engine, hits)) = &self.engine
            && let Some(found) = engine.find(&set.ids, hits, text)
        {
            return found;
        }
        set.regex
            .find_iter(text)
            .map(|m| Span::new(m.start(), m.end()))
            .collect()
    }

    /// Whether `set` matches anywhere in `text` (a section's text).
    pub(crate) fn is_match(&self, set: &PatternSet, text: &str) -> bool {
        if let Some((engine, hits)) = &self.engine
            && let Some(found) = engine.is_match(&set.ids, hits, text)
        {
            return found;
        }
        set.regex.is_match(text)
    }

    /// How many matches `set` has in `text`, counting at most `max`.
    pub(crate) fn count(&self, set: &PatternSet, text: &str, max: usize) -> usize {
        if let Some((engine, hits)) = &self.engine
            && let Some(found) = engine.find(&set.ids, hits, text)
        {
            // The engine reports no empty match, and serves only sets that
            // cannot have one, so its count is the alternation's.
            return found.len().min(max);
        }
        set.regex.find_iter(text).take(max).count()
    }

    /// What kind of message the draft is.
    pub(crate) fn kind(&self) -> MessageKind {
        self.kind
    }

    /// The draft being linted.
    pub(crate) fn draft(&self) -> &Draft<'d> {
        self.draft
    }

    pub(crate) fn sections(&self) -> &[Section] {
        self.draft.sections()
    }

    /// Normalised text of `span` (spans come from sections, so always valid).
    pub(crate) fn text(&self, span: Span) -> &str {
        self.draft
            .match_text()
            .get(span.range())
            .unwrap_or_default()
    }

    pub(crate) fn section_text(&self, index: usize) -> &str {
        self.sections().get(index).map_or("", |s| self.text(s.norm))
    }

    /// Sentence start offsets of section `index`, computed on first use
    /// (none for an index past the sections).
    fn sentence_starts_of(&self, index: usize) -> &[usize] {
        let text = self.section_text(index);
        self.sentences
            .get(index)
            .map_or(&[], |s| s.get_or_init(|| sentence_starts(text)))
    }

    /// Sentence spans of section `index`, relative to the section.
    pub(crate) fn sentences(&self, index: usize) -> Vec<Span> {
        let text = self.section_text(index);
        let starts = self.sentence_starts_of(index);
        starts
            .iter()
            .enumerate()
            .map(|(i, &s)| Span::new(s, starts.get(i + 1).copied().unwrap_or(text.len())))
            .collect()
    }

    /// The sentence of section `index` that holds relative offset `at`,
    /// as a relative span.
    pub(crate) fn sentence_around(&self, index: usize, at: usize) -> Span {
        let text = self.section_text(index);
        let starts = self.sentence_starts_of(index);
        let i = starts.partition_point(|&s| s <= at);
        let start = starts.get(i.saturating_sub(1)).copied().unwrap_or(0);
        let end = starts.get(i).copied().unwrap_or(text.len());
        Span::new(start, end)
    }

    /// Whether a negating word comes shortly before relative offset `at`, in
    /// the same clause.
    pub(crate) fn is_negated(&self, index: usize, at: usize) -> bool {
        let text = self.section_text(index);
        let sentence = self.sentence_around(index, at);
        let mut from = sentence.start.max(at.saturating_sub(NEGATION_REACH));
        while from < at && !text.is_char_boundary(from) {
            from += 1;
        }
        let before = text.get(from..at).unwrap_or_default();
        let clause = before
            .char_indices()
            .rev()
            .find(|(_, c)| matches!(c, ',' | ';' | ':' | '(' | '—' | '–'))
            .map_or(before, |(i, c)| {
                before.get(i + c.len_utf8()..).unwrap_or_default()
            });
        clause
            .unicode_words()
            .rev()
            .take(NEGATION_WINDOW)
            .any(|w| NEGATORS.iter().any(|n| n.eq_ignore_ascii_case(w)))
    }

    /// Whether relative span `m` sits inside double quotes within its
    /// sentence: talk *about* a phrase, not a use of it.
    pub(crate) fn in_quoted_phrase(&self, index: usize, m: Span) -> bool {
        let text = self.section_text(index);
        let sentence = self.sentence_around(index, m.start);
        let Some(quotes) = self.quotes.get(index) else {
            return false;
        };
        let quotes = quotes.get_or_init(|| text.match_indices('"').map(|(i, _)| i).collect());
        let before = quotes
            .partition_point(|&q| q < m.start)
            .saturating_sub(quotes.partition_point(|&q| q < sentence.start));
        let next_after = quotes.get(quotes.partition_point(|&q| q < m.end));
        before % 2 == 1 && next_after.is_some_and(|&q| q < sentence.end)
    }
}

/// Sentence starts by Unicode's sentence boundaries. A single line break
/// inside a paragraph is read as a space first, so hard-wrapped lines do not
/// split a sentence; a blank line still does.
fn sentence_starts(text: &str) -> Vec<usize> {
    let unwrapped: String = {
        let bytes = text.as_bytes();
        let mut out = String::with_capacity(text.len());
        for (i, c) in text.char_indices() {
            let lone_break = c == '\n'
                && bytes.get(i + 1) != Some(&b'\n')
                && (i == 0 || bytes.get(i - 1) != Some(&b'\n'));
            out.push(if lone_break { ' ' } else { c });
        }
        out
    };
    unwrapped
        .split_sentence_bound_indices()
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn negated(text: &str, needle: &str) -> bool {
        let draft = Draft::parse(text);
        let scan = Scan::new(&draft, MessageKind::Other);
        let section = draft
            .sections()
            .iter()
            .position(|s| scan.text(s.norm).contains(needle))
            .expect("needle");
        let at = scan.section_text(section).find(needle).expect("needle");
        scan.is_negated(section, at)
    }

    #[test]
    fn negation_within_the_window_counts() {
        assert!(negated("I promise not to ask to pick your brain.", "pick"));
        assert!(negated("I won’t ask to pick your brain.", "pick"));
        assert!(negated(
            "Rather than a quick chat, here are my questions.",
            "quick chat"
        ));
    }

    #[test]
    fn negation_does_not_cross_a_clause_or_sentence() {
        assert!(!negated("No pressure, but can I pick your brain?", "pick"));
        assert!(!negated(
            "I do not know you. Can I pick your brain?",
            "pick"
        ));
    }

    #[test]
    fn hard_wrapped_lines_stay_one_sentence() {
        let draft = Draft::parse("I would never\nask to pick your brain. Next.");
        let starts = sentence_starts(draft.match_text());
        assert_eq!(starts, vec![0, 38]);
    }

    #[test]
    fn quoted_phrases_are_talk_about_words() {
        let text = "People who say \"pick your brain\" annoy me.";
        let draft = Draft::parse(text);
        let scan = Scan::new(&draft, MessageKind::Other);
        let at = text.find("pick").expect("needle");
        assert!(scan.in_quoted_phrase(0, Span::new(at, at + 15)));
        assert!(!scan.in_quoted_phrase(0, Span::new(0, 6)));
    }
}
