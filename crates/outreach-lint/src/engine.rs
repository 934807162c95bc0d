//! The matching engine: one literal scan per draft decides which patterns
//! can match at all, and where; only those are compiled and run, and only
//! over the stretch of text where they can match.
//!
//! Building regexes is most of what a short run costs (the built-in packs
//! hold a couple of hundred case-insensitive patterns), and most patterns
//! cannot match a given draft: "pick your brain" needs the letters `pick`
//! or `brain` somewhere. So:
//!
//! 1. Each distinct pattern's syntax tree gives the literal strings every
//!    match must contain, how far into a match they can start and how long
//!    a match can be ([`crate::analysis`]). The built-in patterns are read
//!    at build time (`build.rs`); others when their pack loads.
//! 2. One pass over a draft finds the needles ([`Engine::hits_in`]): one
//!    by one (memchr's memmem) for a run's first few drafts, then with an
//!    Aho-Corasick NFA, and after a thousand drafts with a DFA. Per
//!    section, it records which patterns may match and where their first
//!    and last needles are. Patterns with no usable needle always run.
//! 3. A pattern set (the alternation a rule names) then runs only its marked
//!    patterns, each compiled on first use and shared by every clone of the
//!    linter and every thread, each searched only from where its first
//!    needle allows a match to start to where its last allows one to end.
//!    Their matches are merged exactly as the alternation `(?:p1)|(?:p2)|…`
//!    would report them ([`Engine::find`]).
//! 4. On ASCII text a pattern runs in its non-Unicode form, which matches
//!    the same there and builds several times faster; other text goes
//!    through an ASCII stand-in when the pattern allows
//!    ([`crate::stand_in`]), else the Unicode form.
//!
//! The needles over-approximate: they are lowercase and are searched for
//! in an ASCII-lowercased copy of the draft; a non-ASCII letter ends a
//! needle (its case variants are not ASCII); and a draft holding one of the
//! two characters that Unicode case folding links to ASCII letters (the
//! Kelvin sign for `k`, the long s for `s`) runs every pattern everywhere.
//! Anything the extraction does not understand makes the pattern "always
//! run", never "never run". The differential tests hold all of this to the
//! plain alternations, finding for finding and span for span.

use std::borrow::Cow;
use std::ops::Deref;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex::Regex;
use regex_automata::{Input, meta, util::syntax};

use crate::analysis::{Facts, analyse};
use crate::compile::{REGEX_DFA_SIZE_LIMIT, REGEX_SIZE_LIMIT, compile};
use crate::rule::{CheckKind, PatternSet, Rule};
use crate::span::Span;

/// Characters that case-insensitive patterns match as `k` and `s` (Unicode
/// simple case folding). A draft holding one runs every pattern, so needles
/// need not spell them.
const FOLD_TRAPS: [&str; 2] = ["\u{212A}", "\u{017F}"];

/// A regex compiled on first use. Dereferences to the compiled [`Regex`].
#[derive(Debug, Clone)]
pub(crate) struct LazyRegex {
    /// The patterns the regex is the alternation of.
    parts: Vec<String>,
    /// `(?:p1)|(?:p2)|…`, written on first use: most sets never need it.
    pattern: OnceLock<String>,
    cell: OnceLock<Regex>,
    /// The non-Unicode form, for ASCII text (see [`Pattern::regex`]); `None`
    /// if it cannot be written so.
    ascii: OnceLock<Option<meta::Regex>>,
}

impl LazyRegex {
    /// The alternation of `parts`, to be written and compiled when first
    /// used.
    pub(crate) fn new(parts: Vec<String>) -> Self {
        LazyRegex {
            parts,
            pattern: OnceLock::new(),
            cell: OnceLock::new(),
            ascii: OnceLock::new(),
        }
    }

    /// A regex already compiled (a user pack, whose patterns are compiled
    /// when it loads so that errors point into the TOML).
    pub(crate) fn ready(pattern: String, regex: Regex) -> Self {
        let cell = OnceLock::new();
        let _ = cell.set(regex);
        LazyRegex {
            parts: Vec::new(),
            pattern: OnceLock::from(pattern),
            cell,
            ascii: OnceLock::new(),
        }
    }

    /// The alternation's source.
    fn pattern(&self) -> &str {
        self.pattern.get_or_init(|| alternation(&self.parts))
    }

    /// The form to search `text` with: on ASCII text (`ascii`) the
    /// non-Unicode form, which finds the same matches and builds several
    /// times faster.
    fn form(&self, ascii: bool) -> Form<'_> {
        if ascii
            && let Some(r) = self
                .ascii
                .get_or_init(|| build(self.pattern(), false))
                .as_ref()
        {
            return Form::Ascii(r);
        }
        Form::Unicode(self)
    }

    /// The spans of the first `max` matches in `text` (empty ones too).
    pub(crate) fn find_spans(&self, text: &str, ascii: bool, max: usize) -> Vec<Span> {
        match self.form(ascii) {
            Form::Ascii(r) => r
                .find_iter(text)
                .take(max)
                .map(|m| Span::new(m.start(), m.end()))
                .collect(),
            Form::Unicode(r) => r
                .find_iter(text)
                .take(max)
                .map(|m| Span::new(m.start(), m.end()))
                .collect(),
        }
    }

    /// Whether the regex matches anywhere in `text`.
    pub(crate) fn matches(&self, text: &str, ascii: bool) -> bool {
        match self.form(ascii) {
            Form::Ascii(r) => r.is_match(text),
            Form::Unicode(r) => r.is_match(text),
        }
    }
}

/// A [`LazyRegex`] in the form chosen for a text.
enum Form<'r> {
    Ascii(&'r meta::Regex),
    Unicode(&'r LazyRegex),
}

impl Deref for LazyRegex {
    type Target = Regex;

    fn deref(&self) -> &Regex {
        // Only the built-in packs are compiled lazily, and a test compiles
        // every one of their patterns; should one still fail, it matches
        // nothing rather than panicking inside an embedding program.
        self.cell
            .get_or_init(|| compile(self.pattern()).unwrap_or_else(|_| never()))
    }
}

/// One pattern that matches what any of `parts` matches, leftmost first.
pub(crate) fn alternation(parts: &[impl AsRef<str>]) -> String {
    parts
        .iter()
        .map(|p| format!("(?:{})", p.as_ref()))
        .collect::<Vec<_>>()
        .join("|")
}

/// A regex that matches nothing (an empty class).
#[allow(clippy::expect_used)] // a constant pattern, exercised by the tests below
fn never() -> Regex {
    static NEVER: OnceLock<Regex> = OnceLock::new();
    NEVER
        .get_or_init(|| Regex::new(r"[^\s\S]").expect("constant pattern is valid"))
        .clone()
}

/// What the engine knows about one distinct pattern.
#[derive(Debug)]
struct Pattern {
    source: String,
    /// Compiled on first use; `None` if it does not compile (the set then
    /// falls back to its alternation).
    unicode: OnceLock<Option<meta::Regex>>,
    /// The same pattern without Unicode classes, for ASCII text; `None` if
    /// it cannot be written so (a non-ASCII character in a class).
    ascii: OnceLock<Option<meta::Regex>>,
    /// Its analysis: search bounds, stand-in safety, and whether it can
    /// match the empty string (sets holding such a pattern keep the plain
    /// alternation, whose handling of empty matches is subtle to
    /// reproduce).
    facts: Facts,
}

impl Pattern {
    /// The regex to run over text that is all ASCII (`ascii`) or not.
    ///
    /// On ASCII text the two compile to the same matches: `\w`, `\s`, `\d`
    /// and `\b` agree on ASCII characters, `.` and negated classes match
    /// the same ASCII characters, and no ASCII letter case-folds to another
    /// ASCII letter except its own upper or lower case. The ASCII form is
    /// several times cheaper to build, since a Unicode class is a large
    /// automaton of UTF-8 sequences.
    fn regex(&self, ascii: bool) -> Option<&meta::Regex> {
        if ascii
            && let Some(r) = self
                .ascii
                .get_or_init(|| build(&self.source, false))
                .as_ref()
        {
            return Some(r);
        }
        self.unicode
            .get_or_init(|| build(&self.source, true))
            .as_ref()
    }
}

/// Compile one pattern as [`compile`] does, with the same syntax options and
/// limits, minus two things that cost build time and change no match: the
/// regex crate's literal prefilter (the automaton has already found the
/// literals; building it, for every case variant of every prefix, was
/// about 40% of compiling these patterns) and the fully compiled DFA (the
/// lazy DFA is as fast on text this short). `unicode = false` builds the
/// ASCII form described at [`Pattern::regex`].
fn build(pattern: &str, unicode: bool) -> Option<meta::Regex> {
    let config = meta::Config::new()
        .auto_prefilter(false)
        .dfa(false)
        .nfa_size_limit(Some(REGEX_SIZE_LIMIT))
        .onepass_size_limit(Some(REGEX_SIZE_LIMIT))
        .hybrid_cache_capacity(REGEX_DFA_SIZE_LIMIT);
    let syntax = syntax::Config::new()
        .case_insensitive(true)
        .multi_line(true)
        .unicode(unicode)
        .utf8(unicode);
    meta::Builder::new()
        .configure(config)
        .syntax(syntax)
        .build(pattern)
        .ok()
}

/// Every distinct pattern of a linter's rules, the automaton over their
/// needles, and which patterns have none.
#[derive(Debug, Default)]
pub(crate) struct Engine {
    patterns: Vec<Pattern>,
    /// The automaton over every needle, built once [`AUTOMATON_AFTER`]
    /// texts are scanned (`None` inside: it could not be built, and every
    /// pattern runs).
    automaton: OnceLock<Option<AhoCorasick>>,
    /// The same automaton as a DFA, once [`DFA_AFTER`] texts are scanned.
    dfa: OnceLock<Option<AhoCorasick>>,
    /// Texts scanned so far.
    scans: AtomicUsize,
    /// The needles, by needle index, to build the DFA from.
    needles: Needles,
    /// Pattern id of each needle, by needle index.
    owner: Vec<u32>,
    /// Patterns to run whatever the text: no usable needle.
    always: Vec<u32>,
    /// The message-kind signals' phrasings, when the engine holds them.
    kind: Option<KindPatterns>,
}

/// Pattern ids of the message-kind signals ([`crate::kind`]).
#[derive(Debug)]
pub(crate) struct KindPatterns {
    /// Each signal's phrasings, by signal.
    pub(crate) signals: Vec<Vec<u32>>,
    /// The greeting to two people.
    pub(crate) two_names: Vec<u32>,
}

/// The owner of the [`FOLD_TRAPS`] needles: finding one marks every pattern.
const EVERY_PATTERN: u32 = u32::MAX;

/// The patterns that may match one text, by pattern id, each with the
/// offsets where its first and last needles start (`0` and [`UNKNOWN`] for
/// patterns that run on every text).
#[derive(Debug, Clone)]
pub(crate) struct Hits {
    first: Vec<u32>,
    last: Vec<u32>,
}

/// No needle of the pattern occurs in the text.
const ABSENT: u32 = u32::MAX;
/// Where the last needle is, is not known: search to the end.
const UNKNOWN: u32 = u32::MAX - 1;

impl Hits {
    /// No pattern may match, in a text for `patterns` patterns.
    fn none(patterns: usize) -> Hits {
        Hits {
            first: vec![ABSENT; patterns],
            last: vec![ABSENT; patterns],
        }
    }

    /// Every pattern may match, anywhere.
    fn everywhere(&mut self) {
        self.first.fill(0);
        self.last.fill(UNKNOWN);
    }

    fn contains(&self, id: u32) -> bool {
        self.first.get(id as usize).is_some_and(|&at| at != ABSENT)
    }

    /// Record a needle of pattern `id` at offset `at` (`None`: the pattern
    /// runs everywhere).
    fn insert(&mut self, id: u32, at: Option<usize>) {
        let (Some(first), Some(last)) = (
            self.first.get_mut(id as usize),
            self.last.get_mut(id as usize),
        ) else {
            return;
        };
        // Offsets past u32 are recorded as "anywhere": search it all.
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
            }
        }
    }

    /// Where pattern `id` can first begin to match: its first needle, less
    /// the most bytes its matches can hold before a needle.
    fn start(&self, id: u32, before: Option<usize>) -> usize {
        let first = self.first.get(id as usize).map_or(0, |&at| at as usize);
        before.map_or(0, |b| first.saturating_sub(b))
    }

    /// Where pattern `id`'s matches in a text of `len` bytes end at the
    /// latest: its last needle, plus the longest a match can be.
    fn end(&self, id: u32, max_len: Option<usize>, len: usize) -> usize {
        match (self.last.get(id as usize), max_len) {
            (Some(&last), Some(max)) if last < UNKNOWN => {
                (last as usize).saturating_add(max).min(len)
            }
            _ => len,
        }
    }

    /// The same hits with each offset moved by `map` (into another text
    /// with the same characters, such as an ASCII stand-in).
    pub(crate) fn mapped(&self, map: impl Fn(usize) -> usize) -> Hits {
        let moved = |offsets: &[u32]| {
            offsets
                .iter()
                .map(|&at| {
                    if at >= UNKNOWN {
                        at
                    } else {
                        u32::try_from(map(at as usize)).map_or(UNKNOWN, |m| m.min(UNKNOWN - 1))
                    }
                })
                .collect()
        };
        Hits {
            first: moved(&self.first),
            last: moved(&self.last),
        }
    }
}

/// What the build script read off a built-in pattern (`build.rs`).
#[derive(Debug)]
struct Known {
    needles: Option<&'static [&'static [u8]]>,
    facts: Facts,
}

/// Needles, borrowed from the build-time table or made at run time.
type Needles = Vec<Cow<'static, [u8]>>;

/// The built-in patterns' analyses, sorted by pattern.
mod builtin {
    use super::{Facts, Known};
    include!(concat!(env!("OUT_DIR"), "/builtin_analysis.rs"));
}

/// The build-time analysis of `source`, if it is a built-in pattern.
fn known(source: &str) -> Option<&'static Known> {
    let i = builtin::BUILTIN
        .binary_search_by(|(s, _)| (*s).cmp(source))
        .ok()?;
    builtin::BUILTIN.get(i).map(|(_, k)| k)
}

/// Builds an [`Engine`], interning patterns by their source text.
#[derive(Default)]
struct EngineBuilder {
    ids: std::collections::HashMap<String, u32>,
    patterns: Vec<Pattern>,
    needles: Needles,
    owner: Vec<u32>,
    always: Vec<u32>,
}

impl EngineBuilder {
    /// The id of `source`, registering it on first sight.
    fn intern(&mut self, source: &str) -> u32 {
        if let Some(&id) = self.ids.get(source) {
            return id;
        }
        let id = self.patterns.len() as u32;
        // Built-in patterns were analysed at build time; others now.
        let (needles, facts): (Option<Needles>, Facts) = match known(source) {
            Some(k) => (
                k.needles
                    .map(|set| set.iter().map(|&n| Cow::Borrowed(n)).collect()),
                k.facts,
            ),
            None => match analyse(source) {
                Some(a) => (
                    a.needles
                        .map(|set| set.into_iter().map(Cow::Owned).collect()),
                    a.facts,
                ),
                None => (None, Facts::UNKNOWN),
            },
        };
        match needles {
            Some(needles) => {
                for n in needles {
                    self.needles.push(n);
                    self.owner.push(id);
                }
            }
            None => self.always.push(id),
        }
        self.patterns.push(Pattern {
            source: source.to_owned(),
            unicode: OnceLock::new(),
            ascii: OnceLock::new(),
            facts,
        });
        self.ids.insert(source.to_owned(), id);
        id
    }

    fn build(mut self) -> Engine {
        if !self.needles.is_empty() {
            for trap in FOLD_TRAPS {
                self.needles.push(Cow::Borrowed(trap.as_bytes()));
                self.owner.push(EVERY_PATTERN);
            }
        }
        Engine {
            patterns: self.patterns,
            automaton: OnceLock::new(),
            dfa: OnceLock::new(),
            scans: AtomicUsize::new(0),
            needles: self.needles,
            owner: self.owner,
            always: self.always,
            kind: None,
        }
    }
}

/// The automaton over `needles`, if it can be built.
fn automaton(needles: &[Cow<'static, [u8]>], kind: AhoCorasickKind) -> Option<AhoCorasick> {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::Standard)
        .kind(Some(kind))
        .build(needles)
        .ok()
}

/// Drafts whose needles are looked for one by one before the engine builds
/// the automaton: building it costs as much as a dozen drafts' worth of
/// single-needle searches, so a run over one draft never pays for it.
const AUTOMATON_AFTER: usize = 8;

/// The longest text searched needle by needle: that costs time in
/// proportion to the text times the needles, the automaton only to the
/// text.
const SINGLE_NEEDLE_TEXT: usize = 16 * 1024;

/// Texts scanned with the NFA before the engine builds the DFA: a DFA
/// scans drafts about twice as fast but costs as much to build as scanning
/// about a thousand drafts, so only runs over more drafts than that get
/// one.
const DFA_AFTER: usize = 1_000;

impl Engine {
    /// The engine for `rules`: every pattern of every check is registered
    /// and each [`PatternSet`] learns its patterns' ids.
    pub(crate) fn for_rules(rules: &mut [Rule]) -> Engine {
        let mut builder = EngineBuilder::default();
        for check in rules.iter_mut().flat_map(|r| r.checks.iter_mut()) {
            let sets: Vec<&mut PatternSet> = match &mut check.kind {
                CheckKind::Forbid { patterns } => vec![patterns],
                CheckKind::Require { when, any, .. } => vec![when, any],
                CheckKind::Limit { .. } | CheckKind::Builtin { .. } => Vec::new(),
            };
            for set in sets.into_iter().chain(check.unless.as_mut()) {
                set.ids = set.sources.iter().map(|s| builder.intern(s)).collect();
            }
        }
        // Kind detection runs on every draft: through the engine, only the
        // phrasings whose literals occur are compiled and run.
        let kind = KindPatterns {
            signals: crate::signals::SIGNALS_BY_KIND
                .iter()
                .map(|alts| alts.iter().map(|a| builder.intern(a)).collect())
                .collect(),
            two_names: vec![builder.intern(crate::signals::TWO_NAMES_PATTERN)],
        };
        Engine {
            kind: Some(kind),
            ..builder.build()
        }
    }

    /// The message-kind signals, if this engine holds them.
    pub(crate) fn kind_patterns(&self) -> Option<&KindPatterns> {
        self.kind.as_ref()
    }

    /// The patterns that may match in any of `hits` (of several sections),
    /// searched from the start: for text that joins those sections.
    pub(crate) fn hits_in_any<'h>(&self, hits: impl Iterator<Item = &'h Hits>) -> Hits {
        let mut all = Hits::none(self.patterns.len());
        for h in hits {
            for (id, &at) in h.first.iter().enumerate() {
                if at != ABSENT {
                    all.insert(id as u32, None);
                }
            }
        }
        all
    }

    /// One pass over `text`: the patterns that may match somewhere in it,
    /// and where their first and last needles are.
    #[cfg(test)]
    pub(crate) fn hits(&self, text: &str) -> Hits {
        let mut all = self.hits_in(text, &[Span::new(0, text.len())]);
        all.pop().unwrap_or_else(|| Hits::none(self.patterns.len()))
    }

    /// One pass over `text` for each of `sections` (spans of it, which may
    /// nest): the patterns that may match in the section, and where their
    /// first and last needles are, relative to the section.
    pub(crate) fn hits_in(&self, text: &str, sections: &[Span]) -> Vec<Hits> {
        let mut all: Vec<Hits> = sections
            .iter()
            .map(|_| {
                let mut hits = Hits::none(self.patterns.len());
                for &id in &self.always {
                    hits.insert(id, None);
                }
                hits
            })
            .collect();
        if self.needles.is_empty() || sections.is_empty() {
            return all;
        }
        let scans = self.scans.fetch_add(1, Ordering::Relaxed);
        // Needles are lowercase; a lowercased copy of a few KB is cheaper
        // than doubling every state of the automaton.
        let lower = text.to_ascii_lowercase();
        // A needle found at `start..end` counts for each section holding it.
        let mut found = |start: usize, end: usize, owner: u32| {
            for (hits, span) in all.iter_mut().zip(sections) {
                if span.start <= start && end <= span.end {
                    if owner == EVERY_PATTERN {
                        hits.everywhere();
                    } else {
                        hits.insert(owner, Some(start - span.start));
                    }
                }
            }
        };
        let ac = match self.dfa.get() {
            Some(Some(dfa)) => dfa,
            _ if scans < AUTOMATON_AFTER
                && text.len() <= SINGLE_NEEDLE_TEXT
                && self.automaton.get().is_none() =>
            {
                self.single_needles(lower.as_bytes(), &mut found);
                return all;
            }
            _ => {
                // Exactly one caller builds the DFA; the others go on with
                // the NFA meanwhile. The NFA builds several times faster
                // than the DFA, and measured no slower to scan drafts with
                // than the contiguous NFA, which is built from it.
                if scans == DFA_AFTER {
                    self.dfa
                        .get_or_init(|| automaton(&self.needles, AhoCorasickKind::DFA));
                }
                let nfa = self
                    .automaton
                    .get_or_init(|| automaton(&self.needles, AhoCorasickKind::NoncontiguousNFA));
                let Some(nfa) = nfa else {
                    // No automaton: every pattern runs.
                    all.iter_mut().for_each(Hits::everywhere);
                    return all;
                };
                nfa
            }
        };
        for m in ac.find_overlapping_iter(&lower) {
            if let Some(&owner) = self.owner.get(m.pattern().as_usize()) {
                found(m.start(), m.end(), owner);
            }
        }
        all
    }

    /// [`Engine::hits_in`] without the automaton: every occurrence of each
    /// needle in `lower` (overlapping ones too), by single-needle searches.
    fn single_needles(&self, lower: &[u8], found: &mut impl FnMut(usize, usize, u32)) {
        for (needle, &owner) in self.needles.iter().zip(&self.owner) {
            let finder = memchr::memmem::Finder::new(needle);
            let mut from = 0;
            while let Some(i) = lower.get(from..).and_then(|rest| finder.find(rest)) {
                let at = from + i;
                found(at, at + needle.len(), owner);
                from = at + 1;
            }
        }
    }

    /// Whether every pattern of `ids` that may match (per `hits`) finds the
    /// same matches through an ASCII stand-in as in the original text.
    pub(crate) fn reads_stand_ins(&self, ids: &[u32], hits: &Hits) -> bool {
        ids.iter().filter(|&&id| hits.contains(id)).all(|&id| {
            self.patterns
                .get(id as usize)
                .is_some_and(|p| p.facts.stand_in_safe)
        })
    }

    /// Whether the set with pattern `ids` matches anywhere in `text`;
    /// `None` when the set needs the plain alternation instead.
    pub(crate) fn is_match(&self, ids: &[u32], hits: &Hits, text: Haystack<'_>) -> Option<bool> {
        let Haystack { text, ascii } = text;
        if ids.is_empty() {
            return None;
        }
        // Per section, not per draft: a name with an accent in the greeting
        // should not send the whole body down the Unicode path.
        for &id in ids.iter().filter(|&&id| hits.contains(id)) {
            let pattern = self.patterns.get(id as usize)?;
            let (from, to) = window(text, hits, id, pattern);
            if pattern
                .regex(ascii)?
                .is_match(Input::new(text).range(from..to))
            {
                return Some(true);
            }
        }
        Some(false)
    }

    /// The non-empty matches of the set with pattern `ids` in `text`, as the
    /// alternation of its patterns would find them: leftmost first, and at
    /// the same start the pattern listed first. `None` when the set needs
    /// the plain alternation instead (a pattern may match the empty string,
    /// or does not compile).
    pub(crate) fn find(&self, ids: &[u32], hits: &Hits, text: Haystack<'_>) -> Option<Vec<Span>> {
        let Haystack { text, ascii } = text;
        if ids.is_empty() {
            return None;
        }
        // Each pattern to run, and the stretch its matches lie in: no match
        // begins more than `before` bytes ahead of its first needle or ends
        // more than its longest match past its last one.
        let mut runs: Vec<(&meta::Regex, usize, usize)> = Vec::new();
        for &id in ids {
            let pattern = self.patterns.get(id as usize)?;
            if pattern.facts.nullable {
                return None;
            }
            if hits.contains(id) {
                let (from, to) = window(text, hits, id, pattern);
                runs.push((pattern.regex(ascii)?, from, to));
            }
        }
        let mut out = Vec::new();
        match runs.as_slice() {
            [] => {}
            [(one, from, to)] => out.extend(
                one.find_iter(Input::new(text).range(*from..*to))
                    .map(|m| Span::new(m.start(), m.end())),
            ),
            _ => {
                let find_at = |(r, from, to): &(&meta::Regex, usize, usize), at: usize| {
                    let at = at.max(*from);
                    if at <= *to {
                        r.find(Input::new(text).range(at..*to))
                    } else {
                        None
                    }
                };
                let mut next: Vec<Option<regex_automata::Match>> =
                    runs.iter().map(|r| find_at(r, 0)).collect();
                let mut at = 0;
                loop {
                    // A pattern's next match from an earlier position is
                    // still its next match unless it starts before `at`.
                    for (r, slot) in runs.iter().zip(next.iter_mut()) {
                        if slot.is_some_and(|m| m.start() < at) {
                            *slot = find_at(r, at);
                        }
                    }
                    // `min_by_key` keeps the first of equal keys: the
                    // pattern listed first wins a tie, as in the alternation.
                    let Some(m) = next.iter().flatten().min_by_key(|m| m.start()) else {
                        break;
                    };
                    out.push(Span::new(m.start(), m.end()));
                    at = m.end();
                }
            }
        }
        Some(out)
    }
}

/// A text to search, and whether it is all ASCII (which callers searching
/// one section many times know already).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Haystack<'t> {
    pub(crate) text: &'t str,
    pub(crate) ascii: bool,
}

impl<'t> Haystack<'t> {
    /// `text`, checking whether it is ASCII.
    #[cfg(test)]
    pub(crate) fn new(text: &'t str) -> Haystack<'t> {
        Haystack {
            text,
            ascii: text.is_ascii(),
        }
    }
}

/// The stretch of `text` that pattern `id`'s matches lie in, on character
/// boundaries.
fn window(text: &str, hits: &Hits, id: u32, pattern: &Pattern) -> (usize, usize) {
    let from = char_floor(text, hits.start(id, pattern.facts.before));
    let mut to = hits.end(id, pattern.facts.max_len, text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    (from, to.max(from))
}

/// The nearest character boundary of `text` at or before `at`.
fn char_floor(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn engine(patterns: &[&str]) -> (Engine, Vec<u32>) {
        let mut b = EngineBuilder::default();
        let ids = patterns.iter().map(|p| b.intern(p)).collect();
        (b.build(), ids)
    }

    fn joined(patterns: &[&str]) -> Regex {
        let j: Vec<String> = patterns.iter().map(|p| format!("(?:{p})")).collect();
        compile(&j.join("|")).expect("test pattern")
    }

    /// The engine's matches and the plain alternation's, side by side.
    fn both(patterns: &[&str], text: &str) -> (Vec<Span>, Vec<Span>) {
        let (engine, ids) = engine(patterns);
        let hits = engine.hits(text);
        let fast = engine
            .find(&ids, &hits, Haystack::new(text))
            .expect("no nullable pattern");
        let plain = joined(patterns)
            .find_iter(text)
            .filter(|m| !m.is_empty())
            .map(|m| Span::new(m.start(), m.end()))
            .collect();
        (fast, plain)
    }

    /// The table the build script wrote holds what the analysis module
    /// says, for every pattern the built-in linter uses.
    #[test]
    fn build_time_analyses_are_the_analysis_modules() {
        assert!(builtin::BUILTIN.is_sorted_by(|a, b| a.0 < b.0));
        for (source, known) in builtin::BUILTIN {
            let a = analyse(source).expect("built-in patterns parse");
            let needles = known
                .needles
                .map(|set| set.iter().map(|n| n.to_vec()).collect::<Vec<_>>());
            assert_eq!(needles, a.needles, "{source}");
            assert_eq!(known.facts, a.facts, "{source}");
        }
        let linter = crate::Linter::builtin();
        assert!(linter.engine.patterns.len() > 200);
        for pattern in &linter.engine.patterns {
            assert!(known(&pattern.source).is_some(), "{}", pattern.source);
        }
        assert!(known("not a built-in (pattern)").is_none());
    }

    /// Single-needle searches (the first texts), the NFA (from
    /// `AUTOMATON_AFTER` texts on) and the DFA (from `DFA_AFTER` on) find
    /// the same hits.
    #[test]
    fn every_way_of_finding_needles_finds_the_same_hits() {
        let patterns = [
            r"\bquick (?:chat|call)\b",
            r"\bpick(?:ing)? your brains?\b",
            r"(?:\d+[.)]|[-*])\s+\S",
            r"\?",
        ];
        let (engine, _) = engine(&patterns);
        let texts: Vec<String> = xtask::drafts(5, 50)
            .chain(["pic\u{212A} your brain".to_owned(), String::new()])
            .collect();
        let both = |h: Hits| [h.first, h.last].concat();
        let seen = |engine: &Engine| -> Vec<Vec<u32>> {
            texts.iter().map(|t| both(engine.hits(t))).collect()
        };
        // A fresh engine for each text: its first scan is single-needle.
        let single: Vec<Vec<u32>> = texts
            .iter()
            .map(|t| {
                let (fresh, _) = self::engine(&patterns);
                let hits = both(fresh.hits(t));
                assert!(fresh.automaton.get().is_none(), "no automaton yet");
                hits
            })
            .collect();
        while engine.scans.load(Ordering::Relaxed) < AUTOMATON_AFTER {
            engine.hits("a quick chat");
        }
        let nfa = seen(&engine);
        assert!(
            matches!(engine.automaton.get(), Some(Some(_))),
            "the NFA is built"
        );
        assert!(engine.dfa.get().is_none());
        while engine.scans.load(Ordering::Relaxed) <= DFA_AFTER {
            engine.hits("a quick chat");
        }
        assert!(
            matches!(engine.dfa.get(), Some(Some(_))),
            "the DFA is built"
        );
        let dfa = seen(&engine);
        assert_eq!(nfa, single);
        assert_eq!(dfa, single);
        assert!(single.iter().flatten().filter(|&&at| at < UNKNOWN).count() > 50);
    }

    #[test]
    fn merged_matches_equal_the_alternation() {
        let patterns = [
            r"\bquick (?:chat|call)\b",
            r"\bchat\b",
            r"\bcall me\b",
            r"\b(?:can|could) (?:I|we) (?:chat|call)",
            r"coffee",
        ];
        for text in [
            "Could we chat? A quick chat, or call me. Coffee, coffee; can I call",
            "quick chat quick call chatchat call mequick chat",
            "nothing to see",
            "CAN WE CHAT about a QUICK CALL over COFFEE",
            "pic\u{212A} a quic\u{212A} chat",
        ] {
            let (fast, plain) = both(&patterns, text);
            assert_eq!(fast, plain, "{text}");
        }
        let (fast, _) = both(&patterns, "Could we chat? A quick chat");
        assert_eq!(fast, vec![Span::new(0, 13), Span::new(17, 27)]);
    }

    #[test]
    fn ties_go_to_the_pattern_listed_first() {
        let text = "a quick chat over coffee";
        for patterns in [
            [r"\bquick chat\b", r"\bquick chat over coffee\b"],
            [r"\bquick chat over coffee\b", r"\bquick chat\b"],
        ] {
            let (fast, plain) = both(&patterns, text);
            assert_eq!(fast, plain);
        }
        let (fast, _) = both(&[r"\bquick chat\b", r"\bquick chat over coffee\b"], text);
        assert_eq!(fast, vec![Span::new(2, 12)]);
    }

    #[test]
    fn overlapping_and_tying_patterns_merge_like_the_alternation() {
        let patterns = [
            r"\bquick\b",
            r"\bquick chat\b",
            r"\bchat over\b",
            r"quick chat over",
            r"over coffee",
            r"\bcoffee",
            r"chat",
        ];
        let words = [
            "quick", "chat", "over", "coffee", "QUICK", "Chat", "x", ",", "\n",
        ];
        let mut seed = 1u64;
        for _ in 0..500 {
            let mut text = String::new();
            for _ in 0..12 {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push_str(words[(seed >> 33) as usize % words.len()]);
                text.push(' ');
            }
            let (fast, plain) = both(&patterns, &text);
            assert_eq!(fast, plain, "{text:?}");
        }
    }

    #[test]
    fn kelvin_sign_still_matches() {
        let text = "Can I pic\u{212A} your brain?";
        let (fast, plain) = both(&[r"\bpick your brain\b"], text);
        assert_eq!(fast, plain);
        assert_eq!(fast.len(), 1);
    }

    #[test]
    fn a_pattern_too_big_to_compile_hands_the_set_back() {
        // Non-ASCII text needs the Unicode form, which is over the limit.
        let text = "café chat";
        let (engine, ids) = engine(&[r"\bchat\w{5000}", "chat"]);
        let hits = engine.hits(text);
        assert!(build(r"\w{5000}", true).is_none());
        assert!(engine.find(&ids, &hits, Haystack::new(text)).is_none());
        assert!(engine.is_match(&ids, &hits, Haystack::new(text)).is_none());
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
        for p in patterns {
            let ascii = build(p, false).expect("ASCII form");
            let unicode = build(p, true).expect("Unicode form");
            let spans = |r: &meta::Regex| -> Vec<(usize, usize)> {
                r.find_iter(text).map(|m| (m.start(), m.end())).collect()
            };
            assert_eq!(spans(&ascii), spans(&unicode), "{p}");
            assert!(!spans(&unicode).is_empty(), "{p} should match the sample");
        }
        // A class holding a non-ASCII character has no ASCII form.
        assert!(build(r"[-*•]", false).is_none());
        assert!(build(r"[-*•]", true).is_some());
    }

    #[test]
    fn nullable_sets_keep_the_alternation() {
        let (engine, ids) = engine(&["a*", "chat"]);
        let hits = engine.hits("chat");
        assert!(engine.find(&ids, &hits, Haystack::new("chat")).is_none());
    }

    #[test]
    fn is_match_skips_patterns_whose_needles_are_absent() {
        let (engine, ids) = engine(&[r"\bpick your brain\b", r"\bquick chat\b"]);
        let text = "a QUICK CHAT";
        let hits = engine.hits(text);
        assert!(!hits.contains(ids[0]) && hits.contains(ids[1]));
        assert_eq!(
            engine.is_match(&ids, &hits, Haystack::new(text)),
            Some(true)
        );
        assert_eq!(
            engine.is_match(&ids[..1], &hits, Haystack::new(text)),
            Some(false)
        );
    }

    #[test]
    fn never_matches_nothing_and_lazy_regex_compiles_on_use() {
        assert!(!never().is_match("anything at all\n"));
        let lazy = LazyRegex::new(vec![r"\bchat\b".to_owned()]);
        assert!(lazy.cell.get().is_none());
        assert!(lazy.is_match("a Chat"));
        assert!(lazy.cell.get().is_some());
        let broken = LazyRegex::new(vec!["(".to_owned()]);
        assert!(!broken.is_match("("));
    }
}
