//! The per-draft context shared by every check of one lint run: the
//! sections, the patterns that may match in each (one pass of the
//! matcher), and sentence boundaries computed once per paragraph on first
//! use.

use std::borrow::Cow;
use std::sync::OnceLock;

use unicode_segmentation::UnicodeSegmentation;

use crate::draft::{Draft, Section};
use crate::matcher::{Haystack, Hits, Matcher};
use crate::rules::{MessageKind, PatternSet};
use crate::span::Span;

/// Words that, shortly before a match in the same clause, turn an ask into
/// its opposite: "I promise not to …", "instead of a quick chat".
const NEGATORS: &[&str] = &[
    "not",
    "never",
    "no",
    "nothing",
    "none",
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

/// Words after a negator that make it part of a set phrase rather than a
/// negation of what follows: "not only", "no worries", "not sure".
const NOT_GOVERNING: &[&str] = &[
    "only",
    "just",
    "sure",
    "matter",
    "doubt",
    "worries",
    "problem",
    "pressure",
    "obligation",
    "rush",
    "hurry",
    "less",
    // "nothing short of amazing", "nothing but praise", "none other than".
    "short",
    "but",
    "other",
];

/// How many words back the negation window reaches.
const NEGATION_WINDOW: usize = 6;

/// How many bytes back the negation window may reach at most. Six words
/// fit easily; the bound keeps each look-back short, so a long sentence
/// with many matches is checked in linear time, not quadratic.
const NEGATION_REACH: usize = 256;

/// One draft being linted.
pub(crate) struct Context<'d> {
    draft: &'d Draft<'d>,
    kind: MessageKind,
    matcher: &'d Matcher,
    /// Per section, the patterns that may match there.
    hits: Vec<Hits>,
    /// The draft's match text with its ASCII letters lowercased: where
    /// needles are found and lowered patterns run.
    lower: String,
    /// Whether each section is all ASCII (its patterns then run in their
    /// cheaper ASCII form).
    ascii: Vec<bool>,
    /// Sentence boundaries per section, paragraph by paragraph on first use.
    sentences: Vec<OnceLock<Paragraphs>>,
    /// Offsets of `"` (relative to the section) per section, so that the
    /// quotes before a match are counted by binary search, not by a scan.
    quotes: Vec<OnceLock<Vec<usize>>>,
}

impl<'d> Context<'d> {
    /// The context for `draft`, after one pass of `matcher` over its text
    /// to see which patterns can match in each section. Per section rather
    /// than per draft: a pattern whose literals occur only in the signature
    /// need not run over the body.
    pub(crate) fn new(draft: &'d Draft<'d>, matcher: &'d Matcher) -> Self {
        let sections = draft.sections();
        let spans: Vec<Span> = sections.iter().map(|s| s.norm).collect();
        let text = draft.match_text();
        let lower = text.to_ascii_lowercase();
        Context {
            draft,
            kind: MessageKind::Other,
            matcher,
            hits: matcher.hits_in(&lower, &spans),
            lower,
            ascii: spans
                .iter()
                .map(|s| text.get(s.range()).is_some_and(str::is_ascii))
                .collect(),
            sentences: sections.iter().map(|_| OnceLock::new()).collect(),
            quotes: sections.iter().map(|_| OnceLock::new()).collect(),
        }
    }

    /// Every match of `set` in section `index`, in order, relative to the
    /// section.
    pub(crate) fn find_all(&self, set: &PatternSet, index: usize) -> Vec<Span> {
        match self.hits.get(index) {
            Some(hits) => self.matcher.find(&set.ids, hits, self.haystack(index)),
            None => Vec::new(),
        }
    }

    /// Whether `set` matches anywhere in section `index`.
    pub(crate) fn is_match(&self, set: &PatternSet, index: usize) -> bool {
        self.hits
            .get(index)
            .is_some_and(|hits| self.matcher.is_match(&set.ids, hits, self.haystack(index)))
    }

    /// How many matches `set` has in section `index`, counting at most `max`.
    pub(crate) fn count(&self, set: &PatternSet, index: usize, max: usize) -> usize {
        if max <= 1 {
            return usize::from(self.is_match(set, index)).min(max);
        }
        self.find_all(set, index).len().min(max)
    }

    /// A match of `set` in `text`, which joins (prefixes of) sections, one
    /// per line (`lower`: the same, ASCII-lowercased): `parts` holds each
    /// one's index and the offset where it starts in `text`. The first
    /// match of the first of its patterns that matches; each pattern runs
    /// only where its needles are.
    pub(crate) fn first_match_joined(
        &self,
        set: &PatternSet,
        parts: &[(usize, usize)],
        text: &str,
        lower: &str,
    ) -> Option<Span> {
        let hits = Hits::joined(
            parts
                .iter()
                .filter_map(|&(i, offset)| Some((self.hits.get(i)?, offset))),
            &set.ids,
        )?;
        self.matcher
            .first_of_first(&set.ids, &hits, Haystack::new(text, lower))
    }

    /// Section `index`'s text, as written and lowercased.
    fn haystack(&self, index: usize) -> Haystack<'_> {
        let span = self.sections().get(index).map(|s| s.norm);
        let lower = span.and_then(|s| self.lower.get(s.range()));
        Haystack {
            text: self.section_text(index),
            lower: lower.unwrap_or_default(),
            ascii: self.ascii.get(index).copied().unwrap_or(false),
        }
    }

    /// Set the kind of message the draft is read as.
    pub(crate) fn set_kind(&mut self, kind: MessageKind) {
        self.kind = kind;
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

    /// The paragraphs of section `index`, split on first use (`None` for
    /// an index past the sections).
    fn paragraphs(&self, index: usize) -> Option<&Paragraphs> {
        let text = self.section_text(index);
        self.sentences
            .get(index)
            .map(|s| s.get_or_init(|| Paragraphs::new(text)))
    }

    /// Sentence spans of section `index`, relative to the section.
    pub(crate) fn sentences(&self, index: usize) -> Vec<Span> {
        let text = self.section_text(index);
        let Some(paragraphs) = self.paragraphs(index) else {
            return Vec::new();
        };
        let starts: Vec<usize> = (0..paragraphs.starts.len())
            .flat_map(|p| paragraphs.sentence_starts(text, p).iter().copied())
            .collect();
        starts
            .iter()
            .enumerate()
            .map(|(i, &s)| Span::new(s, starts.get(i + 1).copied().unwrap_or(text.len())))
            .collect()
    }

    /// The sentence of section `index` that holds relative offset `at`,
    /// as a relative span. Only `at`'s paragraph is segmented (once).
    pub(crate) fn sentence_around(&self, index: usize, at: usize) -> Span {
        let text = self.section_text(index);
        let Some(paragraphs) = self.paragraphs(index) else {
            return Span::new(0, text.len());
        };
        let p = paragraphs
            .starts
            .partition_point(|&s| s <= at)
            .saturating_sub(1);
        let Some(&para_start) = paragraphs.starts.get(p) else {
            // Empty text: no paragraph, no sentence.
            return Span::new(0, text.len());
        };
        let para_end = paragraphs.starts.get(p + 1).copied().unwrap_or(text.len());
        let starts = paragraphs.sentence_starts(text, p);
        let i = starts.partition_point(|&s| s <= at);
        let start = starts
            .get(i.saturating_sub(1))
            .copied()
            .unwrap_or(para_start);
        // A sentence ends where the next begins: in this paragraph, else
        // where the next paragraph starts.
        let end = starts.get(i).copied().unwrap_or(para_end);
        Span::new(start, end)
    }

    /// Whether a negating word comes shortly before relative offset `at`, in
    /// the same clause and sentence.
    pub(crate) fn is_negated(&self, index: usize, at: usize) -> bool {
        let text = self.section_text(index);
        // A match that opens with a clause's punctuation (", assist me")
        // starts a clause of its own: nothing before it governs it.
        if text
            .get(at..)
            .and_then(|t| t.chars().next())
            .is_some_and(|c| ends_clause(c) || matches!(c, '.' | '!' | '?'))
        {
            return false;
        }
        // Most matches have no negator anywhere near: a byte test spares
        // them the segmentation of their sentence.
        if !may_hold_negator(text, at.saturating_sub(NEGATION_REACH), at) {
            return false;
        }
        let sentence_start = self.sentence_around(index, at).start;
        let mut from = sentence_start.max(at.saturating_sub(NEGATION_REACH));
        while from < at && !text.is_char_boundary(from) {
            from += 1;
        }
        let before = text.get(from..at).unwrap_or_default();
        let clause = before
            .char_indices()
            .rev()
            .find(|&(_, c)| ends_clause(c))
            .map_or(before, |(i, c)| {
                before.get(i + c.len_utf8()..).unwrap_or_default()
            });
        // A negator governs what follows it, unless it only starts a
        // phrase of its own: "not only would I love a quick chat", "no
        // worries if not", "not sure whether".
        let words: Vec<&str> = clause.unicode_words().collect();
        let from = words.len().saturating_sub(NEGATION_WINDOW);
        words.iter().enumerate().skip(from).any(|(i, w)| {
            NEGATORS.iter().any(|n| n.eq_ignore_ascii_case(w))
                && !words
                    .get(i + 1)
                    .is_some_and(|next| NOT_GOVERNING.iter().any(|x| x.eq_ignore_ascii_case(next)))
        })
    }

    /// Whether relative span `m` sits inside quotes within its sentence:
    /// talk *about* a phrase, not a use of it. Double quotes (straight or
    /// curly, which normalisation straightens) and single ones: a `'` that
    /// opens after a space or bracket and closes before a space or
    /// punctuation, so that apostrophes ("don't", "James'") are not read
    /// as quotes.
    pub(crate) fn in_quoted_phrase(&self, index: usize, m: Span) -> bool {
        self.in_double_quotes(index, m) || self.in_single_quotes(index, m)
    }

    /// Whether relative span `m` is inside single quotes in its sentence.
    fn in_single_quotes(&self, index: usize, m: Span) -> bool {
        let text = self.section_text(index);
        let Some(before) = text.get(..m.start) else {
            return false;
        };
        if !before.contains('\'') || !text.get(m.end..).is_some_and(|t| t.contains('\'')) {
            return false;
        }
        let sentence = self.sentence_around(index, m.start);
        let bytes = text.as_bytes();
        let opens = |i: usize| {
            (i == sentence.start
                || i == 0
                || bytes.get(i - 1).is_some_and(|b| b" ([{\t\n".contains(b)))
                && bytes.get(i + 1).is_some_and(|b| !b.is_ascii_whitespace())
        };
        let closes = |i: usize| {
            i > 0
                && bytes.get(i - 1).is_some_and(|b| !b.is_ascii_whitespace())
                && bytes
                    .get(i + 1)
                    .is_none_or(|b| b.is_ascii_whitespace() || b".,;:!?)]}".contains(b))
        };
        let open_before = (sentence.start..m.start)
            .rev()
            .filter(|&i| bytes.get(i) == Some(&b'\''))
            .find(|&i| opens(i) || closes(i))
            .is_some_and(opens);
        let close_after = (m.end..sentence.end.min(text.len()))
            .filter(|&i| bytes.get(i) == Some(&b'\''))
            .find(|&i| closes(i) || opens(i))
            .is_some_and(closes);
        open_before && close_after
    }

    /// Whether relative span `m` is inside double quotes in its sentence.
    fn in_double_quotes(&self, index: usize, m: Span) -> bool {
        let text = self.section_text(index);
        let Some(quotes) = self.quotes.get(index) else {
            return false;
        };
        let quotes = quotes.get_or_init(|| text.match_indices('"').map(|(i, _)| i).collect());
        // No quote before the match, or none after it: not quoted, whatever
        // the sentence (and the sentence need not be found).
        if quotes.first().is_none_or(|&q| q >= m.start) || quotes.last().is_none_or(|&q| q < m.end)
        {
            return false;
        }
        let sentence = self.sentence_around(index, m.start);
        let before = quotes
            .partition_point(|&q| q < m.start)
            .saturating_sub(quotes.partition_point(|&q| q < sentence.start));
        let next_after = quotes.get(quotes.partition_point(|&q| q < m.end));
        before % 2 == 1 && next_after.is_some_and(|&q| q < sentence.end)
    }
}

/// Whether `c` ends a clause within a sentence: a negation before it
/// governs nothing after it.
fn ends_clause(c: char) -> bool {
    matches!(c, ',' | ';' | ':' | '(' | '—' | '–')
}

/// Whether `text[from..at]` may hold one of the [`NEGATORS`] as a word: a
/// cheap test that lets most matches skip the word segmentation of their
/// clause. It errs on the side of "may": an ASCII-case-insensitive
/// occurrence counts unless an ASCII letter, digit or underscore touches it
/// inside the range, since word segmentation never splits those apart.
fn may_hold_negator(text: &str, from: usize, at: usize) -> bool {
    let Some(window) = text.as_bytes().get(from..at) else {
        return true;
    };
    let joins = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_';
    window.iter().enumerate().any(|(i, first)| {
        if i > 0 && window.get(i - 1).is_some_and(joins) {
            return false;
        }
        negators_starting_with(*first).iter().any(|n| {
            window.get(i..i + n.len()).is_some_and(|w| {
                w.eq_ignore_ascii_case(n.as_bytes())
                    && window.get(i + n.len()).is_none_or(|b| !joins(b))
            })
        })
    })
}

/// The [`NEGATORS`] that start with `first` (either case).
fn negators_starting_with(first: u8) -> &'static [&'static str] {
    match first.to_ascii_lowercase() {
        b'a' => &["aren't", "avoid"],
        b'd' => &["don't", "dont", "didn't"],
        b'i' => &["instead", "isn't"],
        b'n' => &["not", "never", "no", "nor", "nothing", "none"],
        b'r' => &["rather"],
        b's' => &["shouldn't"],
        b'w' => &["without", "won't", "wont", "wouldn't"],
        _ => &[],
    }
}

/// A section cut into paragraphs for sentence segmentation.
///
/// A single line break inside a paragraph is read as a space first, so
/// hard-wrapped lines do not split a sentence; any other line break ends a
/// sentence. Unicode's sentence rules always break after a line break and
/// never look across one, so segmenting each paragraph on its own gives
/// exactly the boundaries of segmenting the whole section, and a match
/// only pays for its own paragraph.
#[derive(Debug)]
struct Paragraphs {
    /// Start offset of each non-empty paragraph; the first is 0.
    starts: Vec<usize>,
    /// Sentence starts (relative to the section) per paragraph.
    sentences: Vec<OnceLock<Vec<usize>>>,
}

impl Paragraphs {
    fn new(text: &str) -> Paragraphs {
        let bytes = text.as_bytes();
        let mut starts = Vec::new();
        if !text.is_empty() {
            starts.push(0);
        }
        for (i, _) in text.match_indices('\n') {
            let kept =
                bytes.get(i + 1) == Some(&b'\n') || (i > 0 && bytes.get(i - 1) == Some(&b'\n'));
            if kept && i + 1 < text.len() {
                starts.push(i + 1);
            }
        }
        let sentences = starts.iter().map(|_| OnceLock::new()).collect();
        Paragraphs { starts, sentences }
    }

    /// Sentence starts of paragraph `p` of `text` (the section this was
    /// built from), relative to the section.
    fn sentence_starts(&self, text: &str, p: usize) -> &[usize] {
        let Some(cell) = self.sentences.get(p) else {
            return &[];
        };
        cell.get_or_init(|| {
            let start = self.starts.get(p).copied().unwrap_or(0);
            let end = self.starts.get(p + 1).copied().unwrap_or(text.len());
            sentence_starts(text, start, end)
        })
    }
}

/// Sentence starts by Unicode's sentence boundaries in `text[start..end]`,
/// relative to `text`, lone line breaks read as spaces.
fn sentence_starts(text: &str, start: usize, end: usize) -> Vec<usize> {
    unwrapped(text, start, end)
        .split_sentence_bound_indices()
        .map(|(i, _)| start + i)
        .collect()
}

/// `text[start..end]` with each lone line break (one not next to another)
/// read as a space, so that hard-wrapped lines stay one sentence. Offsets
/// are unchanged; the text is borrowed when it holds no line break.
fn unwrapped(text: &str, start: usize, end: usize) -> Cow<'_, str> {
    let Some(part) = text.get(start..end) else {
        return Cow::Borrowed("");
    };
    if !part.contains('\n') {
        return Cow::Borrowed(part);
    }
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(part.len());
    for (i, c) in part.char_indices() {
        let i = start + i;
        let lone_break = c == '\n'
            && bytes.get(i + 1) != Some(&b'\n')
            && (i == 0 || bytes.get(i - 1) != Some(&b'\n'));
        out.push(if lone_break { ' ' } else { c });
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    static MATCHER: std::sync::LazyLock<Matcher> = std::sync::LazyLock::new(Matcher::default);

    fn negated(text: &str, needle: &str) -> bool {
        let draft = Draft::parse(text);
        let scan = Context::new(&draft, &MATCHER);
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
    fn a_match_that_opens_a_clause_is_not_negated() {
        // The pattern's match starts at the comma that opens its clause.
        assert!(!negated("If you are not free, assist me.", ", assist"));
        assert!(negated("If you are not free, do not assist me.", "assist"));
    }

    #[test]
    fn hard_wrapped_lines_stay_one_sentence() {
        let draft = Draft::parse("I would never\nask to pick your brain. Next.");
        let text = draft.match_text();
        assert_eq!(sentence_starts(text, 0, text.len()), vec![0, 38]);
    }

    #[test]
    fn a_negator_that_starts_a_set_phrase_governs_nothing() {
        assert!(!negated(
            "Not only would I love a quick chat, I'd",
            "quick chat"
        ));
        assert!(!negated("No worries, can I pick your brain?", "pick"));
        assert!(negated("I'm not asking for a quick chat.", "quick chat"));
    }

    #[test]
    fn single_quotes_quote_but_apostrophes_do_not() {
        let quoted = |text: &str, needle: &str| {
            let draft = Draft::parse(text);
            let cx = Context::new(&draft, &MATCHER);
            let at = cx.section_text(0).find(needle).expect("needle");
            cx.in_quoted_phrase(0, Span::new(at, at + needle.len()))
        };
        assert!(quoted(
            "People who write 'pick your brain' annoy me.",
            "pick your brain"
        ));
        assert!(quoted(
            "People who write \u{2018}pick your brain\u{2019} annoy me.",
            "pick your brain"
        ));
        assert!(!quoted(
            "I don't want to pick your brain, it's rude.",
            "pick your brain"
        ));
        assert!(!quoted(
            "James' team can pick your brain.",
            "pick your brain"
        ));
    }

    #[test]
    fn quoted_phrases_are_talk_about_words() {
        let text = "People who say \"pick your brain\" annoy me.";
        let draft = Draft::parse(text);
        let scan = Context::new(&draft, &MATCHER);
        let at = text.find("pick").expect("needle");
        assert!(scan.in_quoted_phrase(0, Span::new(at, at + 15)));
        assert!(!scan.in_quoted_phrase(0, Span::new(0, 6)));
    }

    /// The old whole-section segmentation, kept as the reference.
    fn whole_section_starts(text: &str) -> Vec<usize> {
        let bytes = text.as_bytes();
        let unwrapped: String = text
            .char_indices()
            .map(|(i, c)| {
                let lone_break = c == '\n'
                    && bytes.get(i + 1) != Some(&b'\n')
                    && (i == 0 || bytes.get(i - 1) != Some(&b'\n'));
                if lone_break { ' ' } else { c }
            })
            .collect();
        unwrapped
            .split_sentence_bound_indices()
            .map(|(i, _)| i)
            .collect()
    }

    /// Pieces that exercise the sentence rules around line breaks: terminal
    /// punctuation, closing quotes and brackets, lowercase continuations,
    /// abbreviations, numbers, non-ASCII letters and runs of line breaks.
    const PIECES: &[&str] = &[
        "word",
        "Word",
        "e.g.",
        "U.S.",
        "3.5",
        ". ",
        "? ",
        "! ",
        ".",
        "?",
        "\"",
        ")",
        "(",
        " ",
        "\n",
        "\n\n",
        "\n\n\n",
        "\r\n",
        ", ",
        "; ",
        "é",
        "Élan",
        "…",
        "—",
        "not",
        "no",
        "won't",
        "x:not",
        "pick your brain",
        "\u{2029}",
        "\u{85}",
        "1,000",
        "a",
        "I",
        // Long runs, so that the negation window (256 bytes) starts mid-section.
        "and a long stretch of ordinary words that fills the window a good deal further ",
        "so many more words that the window reaches back past a sentence or two of its own ",
    ];

    fn text_from(picks: &[usize]) -> String {
        picks.iter().map(|&i| PIECES[i % PIECES.len()]).collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(256))]

        #[test]
        fn paragraph_segmentation_equals_whole_section(
            picks in proptest::collection::vec(0usize..64, 0..60),
        ) {
            let text = text_from(&picks);
            let draft = Draft::parse(&text);
            let scan = Context::new(&draft, &MATCHER);
            for (index, section) in draft.sections().iter().enumerate() {
                let section_text = scan.text(section.norm);
                let expected = whole_section_starts(section_text);
                let got: Vec<usize> = scan.sentences(index).iter().map(|s| s.start).collect();
                proptest::prop_assert_eq!(&got, &expected, "section {:?}", section_text);
                for at in (0..=section_text.len()).filter(|&i| section_text.is_char_boundary(i)) {
                    let i = expected.partition_point(|&s| s <= at);
                    let start = expected.get(i.saturating_sub(1)).copied().unwrap_or(0);
                    let end = expected.get(i).copied().unwrap_or(section_text.len());
                    proptest::prop_assert_eq!(scan.sentence_around(index, at), Span::new(start, end));
                }
            }
        }
    }
    #[test]
    fn the_negator_pretest_knows_every_first_letter() {
        let listed: usize = (0..=255u8)
            .filter(|b| !b.is_ascii_uppercase())
            .map(|b| negators_starting_with(b).len())
            .sum();
        assert_eq!(listed, NEGATORS.len());
        for n in NEGATORS {
            assert!(negators_starting_with(n.as_bytes()[0]).contains(n), "{n}");
            assert!(may_hold_negator(n, 0, n.len()), "{n}");
            let upper = n.to_ascii_uppercase();
            assert!(may_hold_negator(&upper, 0, n.len()), "{upper}");
        }
    }

    #[test]
    fn the_negator_pretest_reads_whole_words_only() {
        assert!(may_hold_negator("I will not", 0, 10));
        assert!(may_hold_negator("I WON'T", 0, 7));
        assert!(!may_hold_negator("I know another", 0, 14));
        assert!(!may_hold_negator("cannot", 0, 6));
        // Cut at the start of the range: the word may begin before it.
        assert!(may_hold_negator("cannot", 3, 6));
        // Cut at the end of the range: the word may continue past it.
        assert!(may_hold_negator("I kno", 3, 5));
    }
}
