//! Fast multi-pattern matching over text. Knows patterns and spans, and no
//! rule: the rules hold [`Pattern`]s, the linter gathers them into one
//! [`Matcher`].
//!
//! Building regexes is most of what a short run costs (the built-in packs
//! hold a few hundred case-insensitive patterns), and most patterns cannot
//! match a given draft: "pick your brain" needs the letters `pick` or
//! `brain` somewhere. So:
//!
//! 1. Each pattern's syntax tree gives literals one of which every match
//!    contains, its needles ([`literals`]). The built-in patterns are read
//!    at build time (`build.rs`); others when their pack loads.
//! 2. One Aho-Corasick automaton over every needle, built with the matcher,
//!    scans a draft once ([`Matcher::hits_in`]) and records, per section,
//!    the patterns that may match there and where their first and last
//!    needles are. Patterns with no usable needle run everywhere.
//! 3. A pattern set runs only those patterns, each compiled on first use
//!    and shared by every clone of the linter and every thread, and each
//!    only over the stretch where its needles allow a match: from the
//!    first needle, less the most a match holds before one, to the last
//!    needle plus the longest match; for a pattern that cannot cross a
//!    sentence end, only the sentences in it that hold a needle of each of
//!    its sets. Their matches are merged exactly as
//!    the alternation `(?:p1)|(?:p2)|…` would report them
//!    ([`Matcher::find`]).
//! 4. On ASCII text a pattern runs in its non-Unicode form, which matches
//!    the same there and builds several times faster ([`Pattern::regex`]);
//!    so does a pattern whose search window in non-ASCII text is ASCII.
//!    Where [`lowered`] proves it safe, that form is case-sensitive and
//!    runs over the lowercased copy of the text the needles were found in:
//!    case folding is most of what building a pattern costs.
//!
//! The needles over-approximate: they are lowercase and are searched for
//! in an ASCII-lowercased copy of the text; a non-ASCII letter ends a
//! needle (its case variants are not ASCII); and a text holding one of the
//! two characters that Unicode case folding links to ASCII letters (the
//! Kelvin sign for `k`, the long s for `s`) runs every pattern. Anything
//! the extraction does not understand makes a pattern "always run", never
//! "never run". A pattern that can match the empty string is refused when
//! it is made ([`Pattern::checked`]), so every match is at least one byte
//! and merging needs no special case for empty matches.

mod engine;
pub(crate) mod literals;
pub(crate) mod lowered;
pub(crate) mod words;

use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

use aho_corasick::{AhoCorasick, MatchKind};
use engine::Regex;
use foldhash::HashMap;
use regex_automata::{Input, util::syntax};

use crate::span::Span;
use literals::{Facts, analyse};

/// Bounds on one compiled pattern, so a hostile pack cannot exhaust memory.
/// Large enough for Unicode classes with bounded repetition in real rules.
pub(crate) const REGEX_SIZE_LIMIT: usize = 4 << 20;

/// Characters that case-insensitive patterns match as `k` and `s` (Unicode
/// simple case folding). A text holding one runs every pattern, so needles
/// need not spell them.
const FOLD_TRAPS: [&str; 2] = ["\u{212A}", "\u{017F}"];

/// One pattern: matched case-insensitively, `^` and `$` at line ends,
/// compiled on first use in the form the text needs.
#[derive(Debug)]
pub(crate) struct Pattern {
    source: String,
    /// Lowercase literals one of which every match contains; `None`: the
    /// pattern runs on every text.
    needles: Option<Vec<Cow<'static, [u8]>>>,
    /// Further needle sets every match also holds one of (see
    /// [`literals::Analysis::also`]): the pattern is compiled and run only
    /// on a text holding one needle of every set.
    also: Vec<Vec<Cow<'static, [u8]>>>,
    /// How far before a needle a match may start, and how long it may be.
    facts: Facts,
    /// Whether the pattern marks the part of a match to underline: its
    /// group named [`words::MARK`], from a word pattern's `[` `]`.
    marked: bool,
    /// The Unicode form; `None` inside if it does not compile.
    unicode: OnceLock<Option<Regex>>,
    /// The same pattern without Unicode classes, for ASCII text; `None`
    /// inside if it cannot be written so (a non-ASCII character in a class).
    ascii: OnceLock<Option<Regex>>,
    /// The ASCII form (lowered if it can be) for text whose only
    /// non-ASCII characters are punctuation
    /// ([`lowered::decode_for_punctuation`]).
    punctuation: OnceLock<Option<Regex>>,
    /// The ASCII form written case-sensitively for lowercased text
    /// ([`lowered`]), which it is built from when there is one.
    lowered: Option<Cow<'static, [u8]>>,
}

/// How a marked pattern's group opens (see [`words::MARK`]).
pub(crate) const MARK_GROUP: &str = "(?P<m>";

/// Why a pattern was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PatternError {
    /// It does not parse: the regex crate's words.
    Invalid(String),
    /// It compiles larger than the limit, in bytes.
    TooLarge(usize),
    /// It matches the empty string, which would underline nothing.
    MatchesEmpty,
}

impl Pattern {
    /// The pattern as written.
    #[cfg(test)]
    pub(crate) fn source(&self) -> &str {
        &self.source
    }

    /// A pattern trusted to be valid (a built-in pack's, which the tests
    /// compile in full): analysed now, from the build-time table when it is
    /// there, compiled on first use.
    pub(crate) fn trusted(source: &str) -> Pattern {
        let (needles, also, facts, lowered) = match builtin(source) {
            Some(known) => (
                known.needles.map(table_set),
                table_sets(known.also),
                known.facts,
                known.lowered.map(Cow::Borrowed),
            ),
            None => match analyse(source) {
                Some(a) => (
                    a.needles
                        .map(|set| set.into_iter().map(Cow::Owned).collect()),
                    a.also
                        .into_iter()
                        .map(|set| set.into_iter().map(Cow::Owned).collect())
                        .collect(),
                    a.facts,
                    None,
                ),
                None => (None, Vec::new(), Facts::UNKNOWN, None),
            },
        };
        Pattern {
            marked: source.contains(MARK_GROUP),
            source: source.to_owned(),
            needles,
            also,
            facts,
            unicode: OnceLock::new(),
            ascii: OnceLock::new(),
            punctuation: OnceLock::new(),
            lowered,
        }
    }

    /// A pattern from a pack not known in advance: parsed, refused if it
    /// can match the empty string, and compiled now (the Unicode form, the
    /// larger one) so that every error is found while the pack loads.
    pub(crate) fn checked(source: &str) -> Result<Pattern, PatternError> {
        let built = build(source, true, true)?;
        if analyse(source).is_none_or(|a| a.facts.nullable) {
            return Err(PatternError::MatchesEmpty);
        }
        let mut pattern = Pattern::trusted(source);
        pattern.lowered = lowered::lowered(source).map(Cow::Owned);
        let _ = pattern.unicode.set(Some(built));
        Ok(pattern)
    }

    /// The regex to run over text holding `chars`, and whether it runs
    /// over the lowercased text.
    ///
    /// On ASCII text the ASCII form finds what the Unicode form finds:
    /// `\w`, `\s`, `\d` and `\b` agree on ASCII characters, `.` and
    /// negated classes match the same ASCII characters, and no ASCII letter
    /// case-folds to another ASCII letter except its own other case. It is
    /// several times cheaper to build, since a Unicode class is a large
    /// automaton of UTF-8 sequences. A pattern with a [`Pattern::lowered`]
    /// form builds that one instead, case-sensitively, to run over
    /// lowercased text. Over text whose only non-ASCII characters are
    /// punctuation (curly quotes and dashes: most real drafts), either
    /// runs with the classes [`lowered::decode_for_punctuation`] writes.
    fn regex(&self, chars: Chars) -> Option<(&Regex, bool)> {
        let lowered = self.lowered.as_deref();
        let fast = match chars {
            Chars::Ascii => self.ascii.get_or_init(|| match lowered {
                Some(lowered) => build_lowered(lowered),
                None => build(&self.source, false, true).ok(),
            }),
            Chars::Punctuation => self.punctuation.get_or_init(|| {
                let tree = match lowered {
                    Some(lowered) => lowered::decode_for_punctuation(lowered),
                    None => lowered::ascii_for_punctuation(&self.source),
                };
                build_from_tree(&tree?)
            }),
            Chars::Any => &None,
        };
        if let Some(r) = fast.as_ref() {
            return Some((r, lowered.is_some()));
        }
        self.unicode
            .get_or_init(|| build(&self.source, true, true).ok())
            .as_ref()
            .map(|r| (r, false))
    }
}

/// What a stretch of text, with the character either side of it, holds
/// beyond ASCII: it decides which form of a pattern runs over it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Chars {
    Ascii,
    /// Non-ASCII characters that are neither word characters nor spaces,
    /// as `\w` and `\s` read them: punctuation, symbols, emoji.
    Punctuation,
    /// Non-ASCII letters, digits or spaces ("é", a no-break space).
    Any,
}

impl Chars {
    /// What `text[from..to]` and the character on each side of it hold.
    fn around(text: &str, from: usize, to: usize) -> Chars {
        let bytes = text.as_bytes();
        let start = from.saturating_sub(1);
        let end = (to + 1).min(bytes.len());
        if bytes.get(start..end).is_some_and(<[u8]>::is_ascii) {
            return Chars::Ascii;
        }
        // Whole characters: a stretch may end inside one.
        let mut from = from.min(text.len());
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        let mut to = to.clamp(from, text.len());
        while !text.is_char_boundary(to) {
            to += 1;
        }
        let before = text.get(..from).and_then(|t| t.chars().next_back());
        let after = text.get(to..).and_then(|t| t.chars().next());
        let Some(inside) = text.get(from..to) else {
            return Chars::Any;
        };
        let punctuation = |c: char| {
            c.is_ascii()
                || !(c.is_whitespace() || regex_syntax::try_is_word_character(c).unwrap_or(true))
        };
        if before
            .into_iter()
            .chain(inside.chars())
            .chain(after)
            .all(punctuation)
        {
            Chars::Punctuation
        } else {
            Chars::Any
        }
    }
}

/// Compile one pattern: case-insensitive, multi-line, within the size
/// limits. `unicode = false` builds the ASCII form described at
/// [`Pattern::regex`]; `case_insensitive = false`, a case-sensitive one.
fn build(pattern: &str, unicode: bool, case_insensitive: bool) -> Result<Regex, PatternError> {
    let syntax = syntax::Config::new()
        .case_insensitive(case_insensitive)
        .multi_line(true)
        .unicode(unicode)
        .utf8(unicode);
    engine::build(pattern, syntax, REGEX_SIZE_LIMIT).map_err(|e| match e {
        engine::BuildError::TooLarge(limit) => PatternError::TooLarge(limit),
        engine::BuildError::Invalid(text) => PatternError::Invalid(what_is_wrong(&text)),
    })
}

/// Compile a pattern's [`lowered`] form from its encoded tree: no parsing,
/// which for the long patterns word patterns become is half the work.
fn build_lowered(encoded: &[u8]) -> Option<Regex> {
    build_from_tree(&lowered::decode(encoded)?)
}

/// Compile a pattern from its syntax tree.
fn build_from_tree(tree: &regex_syntax::hir::Hir) -> Option<Regex> {
    engine::build_from_hir(tree, REGEX_SIZE_LIMIT).ok()
}

/// The regex crate's errors span several lines with a caret diagram; the
/// last line says what is wrong.
fn what_is_wrong(text: &str) -> String {
    text.lines()
        .rev()
        .find(|l| l.starts_with("error:"))
        .map(|l| l.trim_start_matches("error:").trim().to_owned())
        .unwrap_or_else(|| text.to_owned())
}

/// Compile `pattern` as a whole-crate [`regex::Regex`] with the flags every
/// rule pattern gets: the reference the matcher's merged matches are held
/// to in tests.
#[cfg(test)]
pub(crate) fn compile(pattern: &str) -> Result<regex::Regex, regex::Error> {
    regex::RegexBuilder::new(pattern)
        .case_insensitive(true)
        .multi_line(true)
        .size_limit(REGEX_SIZE_LIMIT)
        .build()
}

/// What the build script read off a built-in pattern (`build.rs`).
#[derive(Debug)]
#[cfg_attr(not(feature = "fast"), allow(dead_code))]
struct Known {
    /// The needles, separated by [`literals::NEEDLE_END`].
    needles: Option<&'static [u8]>,
    /// The `also` sets, separated by [`literals::SET_END`], each as
    /// `needles` is.
    also: &'static [u8],
    facts: Facts,
    /// The pattern [`lowered`], if it can be: its encoded tree.
    lowered: Option<&'static [u8]>,
}

/// The built-in patterns' analyses, sorted by the hash and length of the
/// pattern. Part of the `fast` feature: without it (the WebAssembly build)
/// the patterns are analysed when the linter is built, once per page, and
/// the module is some 40 KB smaller.
#[cfg(feature = "fast")]
mod table {
    use super::{Facts, Known};
    include!(concat!(env!("OUT_DIR"), "/builtin_needles.rs"));
}

/// The needles of one set of the build-time table.
#[cfg_attr(not(feature = "fast"), allow(dead_code))]
fn table_set(set: &'static [u8]) -> Vec<Cow<'static, [u8]>> {
    set.split(|&b| b == literals::NEEDLE_END)
        .map(Cow::Borrowed)
        .collect()
}

/// The `also` sets of the build-time table.
#[cfg_attr(not(feature = "fast"), allow(dead_code))]
fn table_sets(sets: &'static [u8]) -> Vec<Vec<Cow<'static, [u8]>>> {
    if sets.is_empty() {
        return Vec::new();
    }
    sets.split(|&b| b == literals::SET_END)
        .map(table_set)
        .collect()
}

/// The build-time analysis of `source`, if it is a built-in pattern.
#[cfg(feature = "fast")]
fn builtin(source: &str) -> Option<&'static Known> {
    let key = (literals::fnv1a(source), source.len());
    let i = table::BUILTIN
        .binary_search_by(|(h, n, _)| (*h, *n).cmp(&key))
        .ok()?;
    table::BUILTIN.get(i).map(|(_, _, k)| k)
}

/// Without the table every pattern is analysed when it is made.
#[cfg(not(feature = "fast"))]
fn builtin(_source: &str) -> Option<&'static Known> {
    None
}

/// The id of a pattern within one [`Matcher`].
pub(crate) type PatternId = u32;

/// Gathers the patterns of a linter, once each by source text.
#[derive(Debug, Default)]
pub(crate) struct MatcherBuilder {
    ids: HashMap<String, PatternId>,
    patterns: Vec<Arc<Pattern>>,
}

impl MatcherBuilder {
    /// The id of `pattern`, adding it on first sight of its source.
    pub(crate) fn add(&mut self, pattern: &Arc<Pattern>) -> PatternId {
        if let Some(&id) = self.ids.get(&pattern.source) {
            return id;
        }
        let id = self.patterns.len() as PatternId;
        self.patterns.push(Arc::clone(pattern));
        self.ids.insert(pattern.source.clone(), id);
        id
    }

    /// The matcher, with its automaton over every needle.
    pub(crate) fn build(self) -> Matcher {
        let mut needles = Needles::default();
        let mut always = Vec::new();
        let mut wanted = Vec::with_capacity(self.patterns.len());
        let mut sentence_sets = Vec::with_capacity(self.patterns.len());
        for (id, pattern) in self.patterns.iter().enumerate() {
            let id = id as PatternId;
            let mut mask = 0;
            match &pattern.needles {
                Some(set) => {
                    for n in set {
                        needles.add(n, (id, NEEDLES));
                    }
                    for (bit, set) in (0..literals::MAX_ALSO).zip(&pattern.also) {
                        mask |= 1 << bit;
                        for n in set {
                            needles.add(n, (id, 1 << bit));
                        }
                    }
                }
                None => always.push(id),
            }
            wanted.push(mask);
            sentence_sets.push(if pattern.needles.is_some() && pattern.facts.in_sentence {
                mask | MAIN
            } else {
                0
            });
        }
        if !needles.list.is_empty() {
            for trap in FOLD_TRAPS {
                needles.add(trap.as_bytes(), (EVERY_PATTERN, NEEDLES));
            }
        }
        let mut owner_start = Vec::with_capacity(needles.owners.len() + 1);
        let mut owner = Vec::new();
        for list in needles.owners {
            owner_start.push(owner.len() as u32);
            owner.extend(list);
        }
        owner_start.push(owner.len() as u32);
        // No automaton (it failed to build): every pattern runs. The kind
        // is the crate's choice (a contiguous NFA for this many needles):
        // the non-contiguous one builds a little faster, which a one-draft
        // run would notice less than a many-draft run its slower scans.
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&needles.list)
            .ok();
        Matcher {
            patterns: self.patterns,
            automaton,
            owner,
            owner_start,
            wanted,
            sentence_sets,
            always,
        }
    }
}

/// The needles of a matcher being built, each once, with every (pattern,
/// set) it stands for: half the needles of the built-in packs are shared
/// words ("you", "your"), and each copy made the automaton longer to build
/// and reported the same match again.
#[derive(Default)]
struct Needles<'p> {
    list: Vec<&'p [u8]>,
    index: HashMap<&'p [u8], usize>,
    owners: Vec<Vec<(PatternId, u8)>>,
}

impl<'p> Needles<'p> {
    fn add(&mut self, needle: &'p [u8], owner: (PatternId, u8)) {
        let i = *self.index.entry(needle).or_insert_with(|| {
            self.list.push(needle);
            self.owners.push(Vec::new());
            self.list.len() - 1
        });
        if let Some(owners) = self.owners.get_mut(i) {
            owners.push(owner);
        }
    }
}

/// A text to match in.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Haystack<'t> {
    /// The text as written.
    pub(crate) text: &'t str,
    /// The same text with its ASCII letters lowercased (same offsets): the
    /// needles are found in it, and lowered patterns run over it.
    pub(crate) lower: &'t str,
    /// Whether `text` is all ASCII.
    pub(crate) ascii: bool,
}

impl<'t> Haystack<'t> {
    /// `text`, with `lower` made from it by [`str::to_ascii_lowercase`].
    pub(crate) fn new(text: &'t str, lower: &'t str) -> Haystack<'t> {
        debug_assert_eq!(text.len(), lower.len());
        Haystack {
            text,
            lower,
            ascii: text.is_ascii(),
        }
    }
}

/// A pattern to run: its regex, the text it reads (as written or
/// lowercased), the stretches of it to search (in order), and whether it
/// marks the part to underline.
struct Run<'m> {
    regex: &'m Regex,
    text: &'m str,
    stretches: Vec<(usize, usize)>,
    marked: bool,
}

impl Run<'_> {
    /// The first match at or after `at`.
    fn find_from(&self, at: usize) -> Option<regex_automata::Match> {
        self.stretches
            .iter()
            .filter(|&&(_, to)| at <= to)
            .find_map(|&(from, to)| {
                self.regex
                    .find(Input::new(self.text).range(at.max(from)..to))
            })
    }
}

/// The owner of the [`FOLD_TRAPS`] needles: finding one marks every pattern.
const EVERY_PATTERN: PatternId = PatternId::MAX;

/// Every distinct pattern of a linter, and the automaton over their needles.
#[derive(Debug, Default)]
pub(crate) struct Matcher {
    patterns: Vec<Arc<Pattern>>,
    automaton: Option<AhoCorasick>,
    /// The patterns each needle of the automaton is of, by needle index
    /// (from `owner_start`), and which of its sets: [`NEEDLES`], or the bit
    /// of one of its [`Pattern::also`] sets.
    owner: Vec<(PatternId, u8)>,
    /// Where each needle's entries in `owner` start, by needle index, and
    /// where the last one's end.
    owner_start: Vec<u32>,
    /// Each pattern's bits of its `also` sets: all must be found.
    wanted: Vec<u8>,
    /// For a pattern that cannot cross a sentence end and has `also` sets,
    /// the bits of all its sets ([`MAIN`] and `wanted`): all must be found
    /// in one sentence. Zero for the others.
    sentence_sets: Vec<u8>,
    /// Patterns to run whatever the text: no usable needle.
    always: Vec<PatternId>,
}

/// The patterns that may match in one text, by pattern id, each with the
/// offsets where its first and last needles start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Hits {
    first: Vec<u32>,
    last: Vec<u32>,
    /// The bits of each pattern's `also` sets not yet found.
    missing: Vec<u8>,
    /// For a pattern that cannot cross a sentence end (see
    /// [`Matcher::hits_in`]): the sentence being read (its index plus one)
    /// and the bits of the pattern's sets found in it so far.
    current: Vec<(u32, u8)>,
    /// The sentences holding a needle of every set of such a pattern, as
    /// (pattern, start, end) in the section: by pattern, then in the order
    /// of the text, once the scan is over. Only these are searched: a
    /// common word ("you", "let") in every other sentence need not make
    /// the pattern read the whole section.
    sentences: Vec<(PatternId, u32, u32)>,
}

/// The bit of a pattern's main needle set, beside its `also` bits, in
/// [`Hits::current`].
const MAIN: u8 = 1 << 7;

/// A needle of the pattern's main set, whose offsets bound the search.
const NEEDLES: u8 = 0;

/// No needle of the pattern occurs in the text.
const ABSENT: u32 = u32::MAX;
/// Where the last needle is, is not known: search to the end.
const UNKNOWN: u32 = u32::MAX - 1;

impl Hits {
    /// No pattern found yet; `wanted` holds each pattern's `also` bits.
    fn none(wanted: &[u8]) -> Hits {
        Hits {
            first: vec![ABSENT; wanted.len()],
            last: vec![ABSENT; wanted.len()],
            missing: wanted.to_vec(),
            current: vec![(0, 0); wanted.len()],
            sentences: Vec::new(),
        }
    }

    /// Every pattern may match, anywhere.
    fn everywhere(&mut self) {
        self.first.fill(0);
        self.last.fill(UNKNOWN);
        self.missing.fill(0);
    }

    /// Whether pattern `id` may match.
    pub(crate) fn contains(&self, id: PatternId) -> bool {
        self.first.get(id as usize).is_some_and(|&at| at != ABSENT)
            && self.missing.get(id as usize).is_some_and(|&m| m == 0)
    }

    /// Record a needle of set `bit` of pattern `id`, which needs one of
    /// each of its sets (`all`) in one sentence: sentence `k`, from `start`
    /// to `end` in the text, of which this section is `span`. Needles come
    /// in the order of the text.
    fn in_sentence(
        &mut self,
        id: PatternId,
        k: u32,
        bit: u8,
        all: u8,
        sentence: (usize, usize),
        span: Span,
    ) {
        let Some(current) = self.current.get_mut(id as usize) else {
            return;
        };
        if current.0 != k {
            *current = (k, 0);
        }
        let before = current.1;
        current.1 |= bit;
        // Each sentence is recorded once, when its last set is found.
        if current.1 == all && before != all {
            let clamp = |at: usize| (at.clamp(span.start, span.end) - span.start) as u32;
            self.sentences
                .push((id, clamp(sentence.0), clamp(sentence.1)));
        }
    }

    /// The sentences recorded for pattern `id`: [`Hits::sentences`] is
    /// sorted by pattern once the scan is over.
    fn sentences_of(&self, id: PatternId) -> &[(PatternId, u32, u32)] {
        let from = self.sentences.partition_point(|&(p, _, _)| p < id);
        let to = self.sentences.partition_point(|&(p, _, _)| p <= id);
        self.sentences.get(from..to).unwrap_or_default()
    }

    /// Record a needle of one of pattern `id`'s `also` sets.
    fn found_also(&mut self, id: PatternId, bit: u8) {
        if let Some(m) = self.missing.get_mut(id as usize) {
            *m &= !bit;
        }
    }

    /// Record a needle of pattern `id` at offset `at` (`None`: the pattern
    /// runs everywhere). Offsets past `u32` count as "anywhere".
    fn insert(&mut self, id: PatternId, at: Option<usize>) {
        let (Some(first), Some(last)) = (
            self.first.get_mut(id as usize),
            self.last.get_mut(id as usize),
        ) else {
            return;
        };
        match at
            .and_then(|at| u32::try_from(at).ok())
            .filter(|&at| at < UNKNOWN)
        {
            Some(at) => {
                *first = (*first).min(at);
                *last = if *last == ABSENT { at } else { (*last).max(at) };
            }
            None => {
                *first = 0;
                *last = UNKNOWN;
                if let Some(m) = self.missing.get_mut(id as usize) {
                    *m = 0;
                }
            }
        }
    }

    /// The hits of a text that joins section texts, each part's hits with
    /// the offset where its text starts: as if the joined text had been
    /// scanned, so each pattern still runs only where its needles are.
    /// Only the patterns `ids` are joined (the others read as absent): a
    /// joined text is searched for one set. The parts must be separated by
    /// a sentence end (a line break), so no sentence spans two of them.
    pub(crate) fn joined<'h>(
        parts: impl Iterator<Item = (&'h Hits, usize)>,
        ids: &[PatternId],
    ) -> Option<Hits> {
        let mut out: Option<Hits> = None;
        for (h, offset) in parts {
            let out = out.get_or_insert_with(|| {
                let mut none = Hits::none(&h.missing);
                none.missing.fill(u8::MAX);
                none
            });
            let shift = |at: u32| {
                usize::try_from(at)
                    .ok()
                    .and_then(|at| at.checked_add(offset))
            };
            for &id in ids {
                let i = id as usize;
                let (Some(&first), Some(&last)) = (h.first.get(i), h.last.get(i)) else {
                    continue;
                };
                if first != ABSENT {
                    out.insert(id, shift(first));
                    out.insert(id, if last == UNKNOWN { None } else { shift(last) });
                }
                if let (Some(m), Some(&part)) = (out.missing.get_mut(i), h.missing.get(i)) {
                    *m &= part;
                }
            }
            // Each pattern's sentences once, even if the set lists it twice.
            for (k, &id) in ids.iter().enumerate() {
                if ids.get(..k).is_some_and(|before| before.contains(&id)) {
                    continue;
                }
                out.sentences
                    .extend(h.sentences_of(id).iter().filter_map(|&(id, start, end)| {
                        let start = u32::try_from(shift(start)?).ok()?;
                        let end = u32::try_from(shift(end)?).ok()?;
                        Some((id, start, end))
                    }));
            }
        }
        if let Some(out) = &mut out {
            out.sentences.sort_by_key(|&(id, _, _)| id);
        }
        out
    }

    /// The stretches of `text` where pattern `id`'s matches lie, on
    /// character boundaries and in order: the [`Hits::window`], or where
    /// the pattern cannot cross a sentence end, the parts of it in the
    /// sentences that hold a needle of each of its sets.
    fn stretches(&self, id: PatternId, facts: Facts, text: &str) -> Vec<(usize, usize)> {
        let (from, to) = self.window(id, facts, text);
        let known = self.last.get(id as usize).is_some_and(|&at| at < UNKNOWN);
        let sentences = self.sentences_of(id);
        if !known || sentences.is_empty() {
            return vec![(from, to)];
        }
        sentences
            .iter()
            .map(|&(_, start, end)| ((start as usize).max(from), (end as usize).min(to)))
            .filter(|(start, end)| start < end)
            .collect()
    }

    /// The stretch of `text` where pattern `id`'s matches lie, on
    /// character boundaries: from its first needle, less the most a match
    /// holds before one, to its last needle plus the longest match.
    fn window(&self, id: PatternId, facts: Facts, text: &str) -> (usize, usize) {
        let i = id as usize;
        let bytes = text.as_bytes();
        let first = self.first.get(i).map_or(0, |&at| at as usize);
        let mut from = facts.before.map_or(0, |b| first.saturating_sub(b));
        let last = self.last.get(i).copied().filter(|&at| at < UNKNOWN);
        let mut to = match (last, facts.max_len) {
            (Some(last), Some(max)) => (last as usize).saturating_add(max).min(text.len()),
            _ => text.len(),
        };
        // A match that holds no sentence end lies in the sentence of one of
        // its needles: from the sentence of the first to that of the last.
        if facts.in_sentence
            && let Some(last) = last
        {
            let ends = |b: &u8| literals::is_sentence_end(*b);
            let start = bytes
                .get(..first.min(bytes.len()))
                .and_then(|before| before.iter().rposition(ends))
                .map_or(0, |at| at + 1);
            let end = bytes
                .get(last as usize..)
                .and_then(|after| after.iter().position(ends))
                .map_or(text.len(), |at| last as usize + at);
            from = from.max(start);
            to = to.min(end);
        }
        let mut from = from.min(text.len());
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        while !text.is_char_boundary(to) {
            to += 1;
        }
        (from, to.max(from))
    }
}

impl Matcher {
    /// One pass over `lower` for each of `sections` (spans of it, which may
    /// nest): the patterns that may match in that section. `lower` is the
    /// text with its ASCII letters lowercased, as needles are.
    pub(crate) fn hits_in(&self, lower: &str, sections: &[Span]) -> Vec<Hits> {
        let mut all: Vec<Hits> = sections
            .iter()
            .map(|_| {
                let mut hits = Hits::none(&self.wanted);
                for &id in &self.always {
                    hits.insert(id, None);
                }
                hits
            })
            .collect();
        if self.owner.is_empty() || sections.is_empty() {
            return all;
        }
        let Some(automaton) = &self.automaton else {
            all.iter_mut().for_each(Hits::everywhere);
            return all;
        };
        // Sentence ends, for the patterns that need a needle of each of
        // their sets in one sentence.
        let ends: Vec<usize> = if self.sentence_sets.iter().any(|&w| w != 0) {
            (0..)
                .zip(lower.bytes())
                .filter(|&(_, b)| literals::is_sentence_end(b))
                .map(|(at, _)| at)
                .collect()
        } else {
            Vec::new()
        };
        for m in automaton.find_overlapping_iter(lower) {
            let i = m.pattern().as_usize();
            let (Some(&from), Some(&to)) = (self.owner_start.get(i), self.owner_start.get(i + 1))
            else {
                continue;
            };
            let owners = self
                .owner
                .get(from as usize..to as usize)
                .unwrap_or_default();
            // The sentence of the needle, for the patterns that need one:
            // after the last end before it, up to the first end at or after
            // it (a needle of such a pattern holds no sentence end).
            let sentence = || {
                let k = ends.partition_point(|&e| e < m.start());
                let start = k
                    .checked_sub(1)
                    .and_then(|k| ends.get(k))
                    .map_or(0, |&e| e + 1);
                let end = ends.get(k).copied().unwrap_or(lower.len());
                (k as u32 + 1, start, end)
            };
            let sentence = owners
                .iter()
                .any(|&(owner, _)| {
                    self.sentence_sets
                        .get(owner as usize)
                        .is_some_and(|&s| s != 0)
                })
                .then(sentence);
            // A needle counts for each section holding it.
            for (hits, span) in all.iter_mut().zip(sections) {
                if !(span.start <= m.start() && m.end() <= span.end) {
                    continue;
                }
                let at = m.start() - span.start;
                for &(owner, set) in owners {
                    if owner == EVERY_PATTERN {
                        hits.everywhere();
                        continue;
                    } else if set == NEEDLES {
                        hits.insert(owner, Some(at));
                    } else {
                        hits.found_also(owner, set);
                    }
                    let all_sets = self.sentence_sets.get(owner as usize).copied().unwrap_or(0);
                    if all_sets != 0
                        && let Some((k, start, end)) = sentence
                    {
                        let bit = if set == NEEDLES { MAIN } else { set };
                        hits.in_sentence(owner, k, bit, all_sets, (start, end), *span);
                    }
                }
            }
        }
        // A pattern whose sets never met in one sentence cannot match.
        for hits in &mut all {
            hits.sentences.sort_by_key(|&(id, _, _)| id);
            for (id, &sets) in self.sentence_sets.iter().enumerate() {
                let i = id as PatternId;
                if sets != 0
                    && hits.contains(i)
                    && hits.sentences_of(i).is_empty()
                    && hits.last.get(id).is_some_and(|&l| l < UNKNOWN)
                    && let Some(m) = hits.missing.get_mut(id)
                {
                    *m |= MAIN;
                }
            }
        }
        all
    }

    /// The patterns among `ids` that may match, compiled for `text`, each
    /// with the stretch of `text` its matches lie in.
    fn runnable<'m>(
        &'m self,
        ids: &'m [PatternId],
        hits: &'m Hits,
        hay: Haystack<'m>,
    ) -> impl Iterator<Item = Run<'m>> {
        ids.iter()
            .filter(|&&id| hits.contains(id))
            .filter_map(move |&id| {
                let pattern = self.patterns.get(id as usize)?;
                let stretches = hits.stretches(id, pattern.facts, hay.text);
                let (&(from, _), &(_, to)) = (stretches.first()?, stretches.last()?);
                // The window, with one character either side for `\b` to
                // look at, decides: an accented name elsewhere need not
                // cost the Unicode form.
                let chars = if hay.ascii {
                    Chars::Ascii
                } else {
                    Chars::around(hay.text, from, to)
                };
                let (regex, lowered) = pattern.regex(chars)?;
                Some(Run {
                    regex,
                    text: if lowered { hay.lower } else { hay.text },
                    stretches,
                    marked: pattern.marked,
                })
            })
    }

    /// Every pattern's source, for tests.
    #[cfg(test)]
    pub(crate) fn sources(&self) -> Vec<String> {
        self.patterns.iter().map(|p| p.source.clone()).collect()
    }

    /// The first match of the first pattern of `ids`, in their order, that
    /// matches in `text`: not the leftmost match of them all, which would
    /// compile every pattern that may match, but as cheap as
    /// [`Matcher::is_match`].
    pub(crate) fn first_of_first(
        &self,
        ids: &[PatternId],
        hits: &Hits,
        hay: Haystack<'_>,
    ) -> Option<Span> {
        self.runnable(ids, hits, hay)
            .find_map(|run| run.find_from(0))
            .map(|m| Span::new(m.start(), m.end()))
    }

    /// Whether any pattern of `ids` matches anywhere in the text.
    pub(crate) fn is_match(&self, ids: &[PatternId], hits: &Hits, hay: Haystack<'_>) -> bool {
        self.runnable(ids, hits, hay).any(|run| {
            run.stretches
                .iter()
                .any(|&(from, to)| run.regex.is_match(Input::new(run.text).range(from..to)))
        })
    }

    /// The matches of the patterns `ids` in the text, as their alternation
    /// would find them: leftmost first, and at the same start the pattern
    /// listed first.
    pub(crate) fn find(&self, ids: &[PatternId], hits: &Hits, hay: Haystack<'_>) -> Vec<Span> {
        let runs: Vec<Run<'_>> = self.runnable(ids, hits, hay).collect();
        // A marked pattern reports the part of its match it marks.
        let span = |run: &Run<'_>, m: regex_automata::Match| {
            if run.marked {
                let mut caps = run.regex.create_captures();
                run.regex.captures(
                    Input::new(run.text)
                        .range(m.range())
                        .anchored(regex_automata::Anchored::Yes),
                    &mut caps,
                );
                if let Some(g) = caps.get_group_by_name(words::MARK) {
                    return Span::new(g.start, g.end);
                }
            }
            Span::new(m.start(), m.end())
        };
        let mut out = Vec::new();
        match runs.as_slice() {
            [] => {}
            [one] => {
                for &(from, to) in &one.stretches {
                    out.extend(
                        one.regex
                            .find_iter(Input::new(one.text).range(from..to))
                            .map(|m| span(one, m)),
                    );
                }
            }
            _ => {
                let mut next: Vec<Option<regex_automata::Match>> =
                    runs.iter().map(|r| r.find_from(0)).collect();
                let mut at = 0;
                loop {
                    // A pattern's next match from an earlier position is
                    // still its next match unless it starts before `at`.
                    for (r, slot) in runs.iter().zip(next.iter_mut()) {
                        if slot.is_some_and(|m| m.start() < at) {
                            *slot = r.find_from(at);
                        }
                    }
                    // `min_by_key` keeps the first of equal keys: the
                    // pattern listed first wins a tie, as in the alternation.
                    let Some((i, m)) = next
                        .iter()
                        .enumerate()
                        .filter_map(|(i, m)| Some((i, (*m)?)))
                        .min_by_key(|(_, m)| m.start())
                    else {
                        break;
                    };
                    if let Some(run) = runs.get(i) {
                        out.push(span(run, m));
                    }
                    // Matches are never empty (see `Pattern::checked`).
                    at = m.end().max(m.start() + 1);
                }
            }
        }
        out
    }
}

/// The matches of `patterns` in `text` through a matcher of their own, as
/// their alternation would find them, or why a pattern was refused: the
/// entry point for the tests and the fuzz target that hold the matcher to
/// the regex crate on arbitrary patterns.
///
/// # Errors
///
/// A pattern a pack would refuse, and why.
#[cfg(any(test, feature = "internals"))]
pub fn matches(patterns: &[&str], text: &str) -> Result<Vec<(usize, usize)>, String> {
    let mut builder = MatcherBuilder::default();
    let mut ids = Vec::new();
    for p in patterns {
        let pattern = Pattern::checked(p).map_err(|e| format!("{e:?}"))?;
        ids.push(builder.add(&Arc::new(pattern)));
    }
    let matcher = builder.build();
    let lower = text.to_ascii_lowercase();
    let hay = Haystack::new(text, &lower);
    let hits = matcher
        .hits_in(&lower, &[Span::new(0, text.len())])
        .pop()
        .ok_or("no hits")?;
    let found = matcher.find(&ids, &hits, hay);
    if matcher.is_match(&ids, &hits, hay) == found.is_empty() {
        return Err("is_match disagrees with find".to_owned());
    }
    Ok(found.into_iter().map(|s| (s.start, s.end)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(patterns: &[&str]) -> (Matcher, Vec<PatternId>) {
        let mut b = MatcherBuilder::default();
        let ids = patterns
            .iter()
            .map(|p| b.add(&Arc::new(Pattern::trusted(p))))
            .collect();
        (b.build(), ids)
    }

    fn hits(m: &Matcher, text: &str) -> Hits {
        m.hits_in(&text.to_ascii_lowercase(), &[Span::new(0, text.len())])
            .pop()
            .expect("one section")
    }

    /// Whether any of `ids` matches in `text`.
    fn is_match(m: &Matcher, ids: &[PatternId], hits: &Hits, text: &str) -> bool {
        m.is_match(ids, hits, Haystack::new(text, &text.to_ascii_lowercase()))
    }

    /// The matcher's matches and the plain alternation's, side by side.
    fn both(patterns: &[&str], text: &str) -> (Vec<Span>, Vec<Span>) {
        let (m, ids) = matcher(patterns);
        let lower = text.to_ascii_lowercase();
        let fast = m.find(&ids, &hits(&m, text), Haystack::new(text, &lower));
        let j: Vec<String> = patterns.iter().map(|p| format!("(?:{p})")).collect();
        let plain = compile(&j.join("|"))
            .expect("test pattern")
            .find_iter(text)
            .map(|m| Span::new(m.start(), m.end()))
            .collect();
        (fast, plain)
    }

    /// The table the build script wrote holds what the literals module
    /// says, for every pattern the built-in linter uses.
    #[test]
    #[cfg(feature = "fast")]
    fn build_time_needles_are_the_literals_modules() {
        assert!(table::BUILTIN.is_sorted_by(|a, b| (a.0, a.1) < (b.0, b.1)));
        let sources = crate::Linter::builtin().pattern_sources();
        assert!(sources.len() > 200);
        let mut lowerable = 0;
        for source in &sources {
            let known = builtin(source).unwrap_or_else(|| panic!("not in the table: {source}"));
            let a = analyse(source).expect("built-in patterns parse");
            let owned = |set: Vec<Cow<'static, [u8]>>| -> Vec<Vec<u8>> {
                set.into_iter().map(Cow::into_owned).collect()
            };
            let needles = known.needles.map(|set| owned(table_set(set)));
            assert_eq!(needles, a.needles, "{source}");
            let also: Vec<Vec<Vec<u8>>> = table_sets(known.also).into_iter().map(owned).collect();
            assert_eq!(also, a.also, "{source}");
            assert_eq!(known.facts, a.facts, "{source}");
            assert_eq!(
                known.lowered,
                lowered::lowered(source).as_deref(),
                "{source}"
            );
            assert!(!a.facts.nullable, "{source} matches the empty string");
            lowerable += usize::from(known.lowered.is_some());
        }
        // Nearly every built-in pattern runs lowered; a case-sensitive
        // letter (in a name or greeting pattern) is the one reason not to.
        assert!(
            lowerable * 10 > sources.len() * 9,
            "{lowerable} of {}",
            sources.len()
        );
        assert_eq!(
            table::BUILTIN.len(),
            {
                let mut keys: Vec<_> = sources
                    .iter()
                    .map(|s| (literals::fnv1a(s), s.len()))
                    .collect();
                keys.sort();
                keys.dedup();
                keys.len()
            },
            "one entry per built-in pattern, no collisions, none unused"
        );
        assert!(builtin("not a built-in (pattern)").is_none());
    }

    #[test]
    fn merged_matches_equal_the_alternation() {
        let text = "Could we grab a quick chat? Would you be free for a quick call, \
                    or coffee? Quick chat again.";
        let (fast, plain) = both(
            &[r"\bquick (?:chat|call)\b", r"\bcoffee\b", r"\bwould you\b"],
            text,
        );
        assert_eq!(fast, plain);
        assert_eq!(fast.len(), 5);
    }

    #[test]
    fn overlapping_and_tying_patterns_merge_like_the_alternation() {
        for (patterns, text) in [
            (&[r"quick", r"quick chat"][..], "a quick chat"),
            (&[r"quick chat", r"quick"][..], "a quick chat"),
            (
                &[r"a quick", r"quick chat\b"][..],
                "a quick chat, quick chat",
            ),
            (&[r"\w+ing\b", r"pick\w*"][..], "picking pickles, kicking"),
        ] {
            let (fast, plain) = both(patterns, text);
            assert_eq!(fast, plain, "{patterns:?} on {text:?}");
            assert!(!fast.is_empty());
        }
    }

    #[test]
    fn marked_patterns_are_told_by_their_group() {
        assert_eq!(MARK_GROUP, format!("(?P<{}>", words::MARK));
        let marked = Pattern::trusted(r"\bquick (?P<m>chat)\b");
        assert!(marked.marked && !Pattern::trusted(r"\bquick chat\b").marked);
    }

    #[test]
    fn every_needle_set_must_meet_in_one_sentence() {
        // Needle "quick"; "coffee" is required as well, in the same
        // sentence since the pattern cannot cross a sentence end.
        let pattern = r"\bquick(?:[^\S\n]|,)+(?:\w+[^\S\n]+)?coffee\b";
        let (m, ids) = matcher(&[pattern]);
        let may = |text: &str| hits(&m, text).contains(ids[0]);
        assert!(may("A quick, strong coffee?"));
        assert!(!may("A quick note."), "no coffee at all");
        assert!(!may("A quick note. Coffee later."), "not in one sentence");
        assert!(!may("Coffee first. Then a quick note."));
        // Narrowed to the sentences that hold both, the matches are still
        // the regex crate's.
        for text in [
            "Quick coffee. Quick tea! Quick, hot coffee?",
            "quick\nstrong coffee. quick strong coffee",
            "Quick coffee",
        ] {
            let (fast, plain) = both(&[pattern], text);
            assert_eq!(fast, plain, "{text:?}");
            assert!(!fast.is_empty(), "{text:?}");
        }
        // A look-alike letter runs the pattern everywhere, as before.
        assert!(may("A quic\u{212A} note. Coffee later."));
    }

    #[test]
    fn joined_hits_find_what_the_joined_text_holds() {
        // Two sections, scanned apart, then joined one per line: a pattern
        // runs only where its needles are, and finds what the regex crate
        // finds in the joined text.
        let patterns = [
            r"\bquick(?:[^\S\n]|,)+coffee\b",
            r"\bthank you\b",
            r"meet\b[^.!?\n]*\bsoon\b",
        ];
        let (m, ids) = matcher(&patterns);
        let subject = "Quick coffee soon";
        let body = "Thank you. Meet me soon? A quick, coffee.";
        let text = format!("{subject}\n{body}");
        let sections = [
            Span::new(0, subject.len()),
            Span::new(subject.len() + 1, text.len()),
        ];
        let lower = text.to_ascii_lowercase();
        let hits = m.hits_in(&lower, &sections);
        let joined =
            Hits::joined(hits.iter().zip([0, subject.len() + 1]), &ids).expect("two parts");
        let plain = |p: &str| -> Vec<Span> {
            let re = compile(p).expect("compiles");
            re.find_iter(&text)
                .map(|m| Span::new(m.start(), m.end()))
                .collect()
        };
        for (id, p) in ids.iter().zip(patterns) {
            assert!(joined.contains(*id), "{p}");
            let hay = Haystack::new(&text, &lower);
            assert_eq!(m.find(&[*id], &joined, hay), plain(p), "{p}");
        }
        // Only the patterns asked for are joined.
        let first =
            Hits::joined(hits.iter().zip([0, subject.len() + 1]), &ids[..1]).expect("two parts");
        assert!(first.contains(ids[0]));
        assert!(!first.contains(ids[1]) && !first.contains(ids[2]));
        // A pattern whose needles are in neither part does not run.
        let (m, ids) = matcher(&[r"\bbrain\b"]);
        let hits = m.hits_in(&lower, &sections);
        let joined =
            Hits::joined(hits.iter().zip([0, subject.len() + 1]), &ids).expect("two parts");
        assert!(!joined.contains(ids[0]));
    }

    #[test]
    fn only_sentences_holding_every_set_are_searched() {
        let pattern = r"\bquick(?:[^\S\n]|,)+(?:\w+[^\S\n]+)?coffee\b";
        let (m, ids) = matcher(&[pattern]);
        let facts = m.patterns[0].facts;
        let text = "Quick coffee? A quick note. Coffee later! Quick, hot coffee.";
        let stretches = hits(&m, text).stretches(ids[0], facts, text);
        let searched: Vec<&str> = stretches.iter().map(|&(a, b)| &text[a..b]).collect();
        // The two sentences between hold one set each: neither is read.
        assert_eq!(searched, ["Quick coffee", " Quick, hot coffee"]);
        let (fast, plain) = both(&[pattern], text);
        assert_eq!(fast, plain);
        assert_eq!(fast.len(), 2);
    }

    #[test]
    fn kelvin_sign_still_matches() {
        let text = "Can I pic\u{212A} your brain?";
        let (fast, plain) = both(&[r"\bpick your brain\b"], text);
        assert_eq!(fast, plain);
        assert_eq!(fast.len(), 1);
    }

    #[test]
    fn unicode_off_groups_match_as_the_regex_crate_does() {
        // `(?-u:\w)` is an ASCII word byte: "éing" has none before "ing".
        let (fast, plain) = both(&[r"(?-u:\w)ing\b"], "éing");
        assert_eq!(fast, plain);
        assert!(fast.is_empty());
        // `(?-u:\b)` sees "é" as a non-word byte: "xé" has a boundary.
        let (fast, plain) = both(&[r"\bx(?-u:\b)"], "xé");
        assert_eq!(fast, plain);
        assert_eq!(fast.len(), 1);
    }

    #[test]
    fn an_ascii_window_in_non_ascii_text_still_sees_its_neighbours() {
        // "é" is a word character: no boundary before the first "chat",
        // whose window is ASCII but whose neighbour is not.
        for (pattern, text) in [
            (r"\bchat", "échat chat"),
            (r"chat\b", "chaté chat"),
            (r"chat\B", "chaté chat"),
        ] {
            let (fast, plain) = both(&[pattern], text);
            assert_eq!(fast, plain, "{pattern} on {text}");
            assert_eq!(fast.len(), 1, "{pattern} on {text}");
        }
    }

    #[test]
    fn ascii_and_unicode_forms_agree_on_ascii_text() {
        let patterns = [
            r"^\s*[\w'-]+(?: [\w'-]+){0,2},\s+(?:please )?meet\b",
            r"\b(?:what|how|which|why)\b[^.?!\n]{15,}\?",
            r"https?://\S+",
            r"\b\d{1,3}(?:\s*-?\s*(?:-|–|to|or)\s*\d{1,3})?[\s-]*min(?:ute)?s?\b",
            r"(?-i:[A-Z][a-z]+)",
        ];
        let text = "Sam, meet Ali.\nSam Lee, please meet Jo.\nHow did you scope the thesis work?\n\
                    See https://x.org/a?b=1 and HTTP://Y.ORG. 15-20 minutes, 3 to 4 MINS.\n\
                    what?\tWhy\x0bnot\x0cthis one, Kim?";
        assert!(text.is_ascii());
        let lower = text.to_ascii_lowercase();
        for p in patterns {
            let ascii = build(p, false, true).expect("ASCII form");
            let unicode = build(p, true, true).expect("Unicode form");
            let spans = |r: &Regex, text: &str| -> Vec<(usize, usize)> {
                r.find_iter(text).map(|m| (m.start(), m.end())).collect()
            };
            assert_eq!(spans(&ascii, text), spans(&unicode, text), "{p}");
            assert!(
                !spans(&unicode, text).is_empty(),
                "{p} should match the sample"
            );
            // The lowered form, where it is proved, over lowercased text.
            if let Some(low) = lowered::lowered(p) {
                let low = build_lowered(&low).expect("lowered form");
                assert_eq!(spans(&low, &lower), spans(&unicode, text), "{p}");
            }
        }
        // All but the case-sensitive one are lowered.
        let proved = patterns.iter().filter_map(|p| lowered::lowered(p)).count();
        assert_eq!(proved, patterns.len() - 1);
        // A class holding a non-ASCII character has no ASCII form.
        assert!(build(r"[-*•]", false, true).is_err());
        assert!(build(r"[-*•]", true, true).is_ok());
    }

    #[test]
    fn every_builtin_pattern_has_an_ascii_form() {
        // The Unicode form of a pattern with Unicode classes costs several
        // times more to build, on every draft its needles select. A
        // non-ASCII character outside a class ("(?:\"|“)") keeps the ASCII
        // form; inside one ("[\"“]") it loses it.
        for source in crate::Linter::builtin().pattern_sources() {
            assert!(build(&source, false, true).is_ok(), "{source}");
        }
    }

    #[test]
    fn patterns_that_match_nothing_or_do_not_compile_are_refused() {
        for p in ["a*", r"\b", "(?:x)?", "^", "x|"] {
            assert_eq!(
                Pattern::checked(p).err(),
                Some(PatternError::MatchesEmpty),
                "{p}"
            );
        }
        assert!(matches!(
            Pattern::checked("(chat"),
            Err(PatternError::Invalid(m)) if m.contains("unclosed group")
        ));
        assert_eq!(
            Pattern::checked(r"(?:\w{100}){100}").err(),
            Some(PatternError::TooLarge(REGEX_SIZE_LIMIT))
        );
        let ok = Pattern::checked(r"\bchat\b").expect("valid");
        assert!(ok.unicode.get().is_some(), "compiled while loading");
    }

    #[test]
    fn is_match_skips_patterns_whose_needles_are_absent() {
        let (m, ids) = matcher(&[r"\bpick your brain\b", r"\bquick chat\b"]);
        let text = "a QUICK CHAT";
        let h = hits(&m, text);
        assert!(!h.contains(ids[0]) && h.contains(ids[1]));
        assert!(is_match(&m, &ids, &h, text));
        assert!(!is_match(&m, &ids[..1], &h, text));
        // Needles count per section: only the second holds one.
        let per = m.hits_in(
            "quick chat | pick your brain",
            &[Span::new(0, 10), Span::new(13, 28)],
        );
        assert!(per[0].contains(ids[1]) && !per[0].contains(ids[0]));
        assert!(per[1].contains(ids[0]) && !per[1].contains(ids[1]));
    }

    #[test]
    fn a_pattern_is_compiled_once_and_only_when_needed() {
        let (m, ids) = matcher(&[r"\bpick your brain\b", r"\bquick chat\b"]);
        let text = "a quick chat";
        assert!(is_match(&m, &ids, &hits(&m, text), text));
        assert!(m.patterns[1].ascii.get().is_some());
        assert!(m.patterns[0].ascii.get().is_none() && m.patterns[0].unicode.get().is_none());
        // The same source added twice is one pattern.
        let mut b = MatcherBuilder::default();
        let a = b.add(&Arc::new(Pattern::trusted("x")));
        assert_eq!(b.add(&Arc::new(Pattern::trusted("x"))), a);
    }

    #[test]
    fn a_window_is_read_for_what_it_holds_beyond_ascii() {
        let text = "Hi Ana, a quick chat? I\u{2019}d love one \u{2014} Jos\u{e9} too.";
        let at = |s: &str| text.find(s).expect("in the text");
        let quick = at("quick");
        assert_eq!(Chars::around(text, quick, quick + 10), Chars::Ascii);
        // The curly apostrophe inside, or as the neighbour of the window.
        let id = at("I\u{2019}d");
        assert_eq!(Chars::around(text, id, id + 5), Chars::Punctuation);
        assert_eq!(Chars::around(text, id + 4, id + 5), Chars::Punctuation);
        let dash = at("\u{2014}");
        assert_eq!(Chars::around(text, dash - 4, dash + 3), Chars::Punctuation);
        // A letter or a no-break space beyond ASCII needs the Unicode form,
        // even as the one character beside the window.
        let jose = at("Jos");
        assert_eq!(Chars::around(text, jose, jose + 3), Chars::Any);
        assert_eq!(Chars::around("a\u{a0}b", 0, 1), Chars::Any);
        // A window that ends inside a character reads the whole of it.
        assert_eq!(Chars::around(text, dash, dash + 1), Chars::Punctuation);
        assert_eq!(Chars::around(text, jose + 3, jose + 4), Chars::Any);
    }

    #[test]
    fn punctuation_beyond_ascii_runs_the_byte_form_with_the_same_matches() {
        // Curly quotes, dashes, an ellipsis, a bullet and an emoji: each
        // pattern is run by the matcher (as written, and lowered as a
        // user's pack would have it) and by the regex crate over the text
        // as written, and must find the same spans.
        let text = "\u{201c}Quick chat?\u{201d} \u{2014} I\u{2019}d love a QUICK\u{2026} chat?! \
                    Sam\u{2019}s idea \u{2013} \u{201c}Sam\u{2019}s chat\u{201d} \u{1f642}!\n\
                    \u{2022} item one\n\u{2014}\u{2014} two";
        for p in [
            r"\bquick\W+chat\b",
            r"\bchat.{0,2}!",
            r"[^a-z\s]{2}",
            "(?:\"|\u{201c})[a-z ]+\\?(?:\"|\u{201d})",
            "\\w+\u{2019}s\\b",
            "(?-i:[A-Z])\\w+(?:\u{2019}s)? ",
            "^\\s*(?:[-*]|\u{2022})\\s+\\S",
            r"\bS\w*\W{1,3}\b",
        ] {
            let plain: Vec<Span> = compile(p)
                .expect("test pattern")
                .find_iter(text)
                .map(|m| Span::new(m.start(), m.end()))
                .collect();
            assert!(!plain.is_empty(), "{p} should match the sample");
            // `trusted` leaves the lowered form to the build-time table,
            // so a test pattern runs its ASCII form; `checked` lowers it.
            for made in [Pattern::trusted(p), Pattern::checked(p).expect("valid")] {
                let lowered = made.lowered.is_some();
                let mut b = MatcherBuilder::default();
                let ids = vec![b.add(&Arc::new(made))];
                let m = b.build();
                let lower = text.to_ascii_lowercase();
                let fast = m.find(&ids, &hits(&m, text), Haystack::new(text, &lower));
                assert_eq!(fast, plain, "{p} (lowered: {lowered})");
                let pattern = m.patterns.first().expect("one pattern");
                assert!(
                    pattern.punctuation.get().is_some_and(Option::is_some),
                    "{p} (lowered: {lowered})"
                );
            }
        }
        // The case-sensitive one has no lowered form; a class the parser
        // made of quote characters beyond ASCII keeps it.
        assert!(lowered::lowered(r"(?-i:[A-Z])\w+").is_none());
        assert!(lowered::lowered("(?:\"|\u{201c})[a-z]").is_some());
    }

    #[test]
    fn a_class_of_some_bytes_beyond_ascii_has_no_punctuation_form() {
        // No pattern written as text makes one, but a tree that holds one
        // is refused rather than misread.
        assert!(lowered::ascii_for_punctuation(r"(?-u:[\x80-\x90])").is_none());
        assert!(lowered::ascii_for_punctuation(r"(?-u:[^a])").is_some());
    }

    /// Small patterns over a grammar of literals (with case and Unicode
    /// traps), classes, `\w \s \d \b .`, flag groups including
    /// Unicode-off and case switches, repetitions and alternation.
    fn pattern() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let atom = prop::sample::select(vec![
            "a", "b", "ab", "abc", "é", "É", "k", "K", "s", "ß", " ", "-", r"\.", "1", "ask",
            "kiss", r"\babc", r"abc\b", r"abc\B", r"\w", r"\W", r"\s", r"\S", r"\d", r"\b", r"\B",
            ".", "[a-c]", "[^a]", "[éa]", r"[\w-]", "^", "$",
        ])
        .prop_map(str::to_owned);
        atom.prop_recursive(4, 24, 3, |inner| {
            prop_oneof![
                (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("{a}{b}")),
                (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("(?:{a}|{b})")),
                (
                    inner.clone(),
                    prop::sample::select(vec!["?", "*", "+", "{1,3}", "{2}", "+?"])
                )
                    .prop_map(|(a, r)| format!("(?:{a}){r}")),
                (
                    prop::sample::select(vec!["(?i:", "(?-i:", "(?-u:", "(?u:", "(?-iu:", "("]),
                    inner
                )
                    .prop_map(|(f, a)| format!("{f}{a})")),
            ]
        })
    }

    /// Text from letters whose case folds cross ASCII (the Kelvin sign,
    /// the long s), accented and other non-ASCII letters, digits, spaces,
    /// line breaks and punctuation.
    fn text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::strategy::Strategy;
        proptest::collection::vec(
            proptest::sample::select(vec![
                "a",
                "b",
                "c",
                "A",
                "B",
                "é",
                "É",
                "k",
                "K",
                "\u{212A}",
                "s",
                "S",
                "\u{17F}",
                "ß",
                "ẞ",
                " ",
                "\u{a0}",
                "\n",
                ".",
                "-",
                "_",
                "1",
                "ab",
                "abc",
                "x",
                "ask",
                "a\u{17F}\u{212A}",
                "\u{212A}i\u{17F}s",
                "éabc",
                "abcé",
                "abc abc",
                "!",
                "?",
                ". ",
                "abc. abc",
            ]),
            0..24,
        )
        .prop_map(|parts| parts.concat())
    }

    /// The regex crate's own matches of the alternation of `patterns`.
    fn reference(patterns: &[String], text: &str) -> Option<Vec<(usize, usize)>> {
        let joined: Vec<String> = patterns.iter().map(|p| format!("(?:{p})")).collect();
        let re = compile(&joined.join("|")).ok()?;
        Some(re.find_iter(text).map(|m| (m.start(), m.end())).collect())
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(1500))]

        /// Any pattern a pack may hold finds exactly what the regex crate
        /// finds, in ASCII and non-ASCII text alike.
        #[test]
        fn any_pattern_matches_as_the_regex_crate_does(
            patterns in proptest::collection::vec(pattern(), 1..4),
            text in text(),
        ) {
            let refs: Vec<&str> = patterns.iter().map(String::as_str).collect();
            match matches(&refs, &text) {
                Ok(found) => {
                    let expected = reference(&patterns, &text);
                    proptest::prop_assert_eq!(Some(found), expected, "{:?} on {:?}", patterns, text);
                }
                // Refused: it must be invalid, or able to match nothing.
                Err(why) => proptest::prop_assert!(
                    why.contains("MatchesEmpty") || why.contains("Invalid") || why.contains("TooLarge"),
                    "{}", why
                ),
            }
        }

        /// A literal with something on each side that looks past it: where
        /// needles narrow the search to a window, the window's neighbours
        /// still decide `\b`, `\w` and `.` as in the whole text.
        #[test]
        fn windowed_patterns_match_as_the_regex_crate_does(
            before in proptest::sample::select(vec!["", r"\b", r"\B", r"\w", r"\W", ".", r"\s", r"(?-u:\b)", r"\w+"]),
            word in proptest::sample::select(vec!["abc", "chat", "ask"]),
            after in proptest::sample::select(vec!["", r"\b", r"\B", r"\w", r"\W", ".", r"\s", r"(?-u:\W)", r"\w*"]),
            parts in proptest::collection::vec(
                proptest::sample::select(vec!["abc", "chat", "ask", " ", "é", "É", "x", "\n", "ß", "_", "1", ".", "\u{212A}", "!", "? "]),
                0..16,
            ),
        ) {
            let pattern = format!("{before}{word}{after}");
            let text = parts.concat();
            match matches(&[&pattern], &text) {
                Ok(found) => {
                    let expected = reference(std::slice::from_ref(&pattern), &text);
                    proptest::prop_assert_eq!(Some(found), expected, "{} on {:?}", pattern, text);
                }
                Err(why) => proptest::prop_assert!(why.contains("Invalid"), "{}", why),
            }
        }
    }
}
