//! The matching engine: one literal scan per draft decides which patterns
//! can match at all, and only those are compiled and run.
//!
//! Building regexes is most of what a short run costs (the built-in packs
//! hold about a hundred case-insensitive Unicode patterns), and most
//! patterns cannot match a given draft: "pick your brain" needs the letters
//! `pick` or `brain` somewhere. So:
//!
//! 1. When a [`Linter`](crate::Linter) is built, each distinct pattern is
//!    parsed (syntax only, no compilation) and the literal strings that every
//!    match must contain are read off its syntax tree ([`needles`]).
//! 2. All needles of all patterns go into one Aho-Corasick automaton; per
//!    draft, one pass over the text marks the patterns whose needles occur
//!    ([`Engine::hits`]). Patterns with no usable needle are always marked.
//! 3. A pattern set (the alternation a rule names) then runs only its marked
//!    patterns, each compiled on first use and shared by every clone of the
//!    linter and every thread. Their matches are merged exactly as the
//!    alternation `(?:p1)|(?:p2)|…` would report them ([`Engine::find`]).
//!
//! The needles over-approximate: they are lowercase and are searched for
//! in an ASCII-lowercased copy of the draft; a non-ASCII letter ends a
//! needle (its case variants are not ASCII); and a draft holding one of the
//! two characters that Unicode case folding links to ASCII letters (the
//! Kelvin sign for `k`, the long s for `s`) runs every pattern. Anything
//! the extraction does not understand makes the pattern "always run",
//! never "never run".

use std::ops::Deref;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex::Regex;
use regex_automata::{Input, meta, util::syntax};
use regex_syntax::ast::{self, Ast};

use crate::compile::{REGEX_DFA_SIZE_LIMIT, REGEX_SIZE_LIMIT, compile};
use crate::rule::{CheckKind, PatternSet, Rule};
use crate::span::Span;

/// Cap on the size of a literal set while it is being built; past it the
/// extraction gives up on that piece rather than blow up combinatorially.
const MAX_SET: usize = 32;
/// Needles longer than this select no better and only grow the automaton.
const MAX_NEEDLE: usize = 24;
/// Needles are cut to this many bytes once extracted.
const KEEP_NEEDLE: usize = 12;
/// Needles shorter than this match almost every draft and only cost time.
const MIN_NEEDLE: usize = 3;
/// Bracketed classes with more members than this are not enumerated.
const MAX_CLASS: usize = 10;
/// Characters that case-insensitive patterns match as `k` and `s` (Unicode
/// simple case folding). A draft holding one runs every pattern, so needles
/// need not spell them.
const FOLD_TRAPS: [&str; 2] = ["\u{212A}", "\u{017F}"];

/// A regex compiled on first use. Dereferences to the compiled [`Regex`].
#[derive(Debug, Clone)]
pub(crate) struct LazyRegex {
    pattern: String,
    cell: OnceLock<Regex>,
    /// The non-Unicode form, for ASCII text (see [`Pattern::regex`]); `None`
    /// if it cannot be written so.
    ascii: OnceLock<Option<meta::Regex>>,
}

impl LazyRegex {
    /// A regex to be compiled from `pattern` when first used.
    pub(crate) fn new(pattern: String) -> Self {
        LazyRegex {
            pattern,
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
            pattern,
            cell,
            ascii: OnceLock::new(),
        }
    }

    /// The form to search `text` with: on ASCII text (`ascii`) the
    /// non-Unicode form, which finds the same matches and builds several
    /// times faster.
    fn form(&self, ascii: bool) -> Form<'_> {
        if ascii
            && let Some(r) = self
                .ascii
                .get_or_init(|| build(&self.pattern, false))
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
            .get_or_init(|| compile(&self.pattern).unwrap_or_else(|_| never()))
    }
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
    /// Whether the pattern finds the same matches through an ASCII
    /// [`StandIn`](crate::stand_in::StandIn) as in the original text.
    stand_in_safe: bool,
    /// The most bytes a match can hold before the first byte of one of the
    /// pattern's needles (`None`: unbounded, search from the start).
    before: Option<usize>,
    /// Whether the pattern can match the empty string; sets holding one
    /// keep the plain alternation, whose handling of empty matches is
    /// subtle to reproduce.
    nullable: bool,
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
    automaton: Option<AhoCorasick>,
    /// The same automaton as a DFA, once [`DFA_AFTER`] texts are scanned.
    dfa: OnceLock<Option<AhoCorasick>>,
    /// Texts scanned so far.
    scans: AtomicUsize,
    /// The needles, by needle index, to build the DFA from.
    needles: Vec<Vec<u8>>,
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
/// offset where its first needle starts (0 for patterns that always run).
#[derive(Debug, Clone)]
pub(crate) struct Hits(Vec<u32>);

/// No needle of the pattern occurs in the text.
const ABSENT: u32 = u32::MAX;

impl Hits {
    fn contains(&self, id: u32) -> bool {
        self.0.get(id as usize).is_some_and(|&at| at != ABSENT)
    }

    /// Record a needle of pattern `id` at offset `at`.
    fn insert(&mut self, id: u32, at: usize) {
        if let Some(first) = self.0.get_mut(id as usize) {
            // An offset past u32 is recorded as 0: search from the start.
            let at = u32::try_from(at).unwrap_or(0).min(ABSENT - 1);
            *first = (*first).min(at);
        }
    }

    /// Where pattern `id` can first begin to match: its first needle, less
    /// the most bytes its matches can hold before a needle.
    fn start(&self, id: u32, before: Option<usize>) -> usize {
        let first = self.0.get(id as usize).map_or(0, |&at| at as usize);
        before.map_or(0, |b| first.saturating_sub(b))
    }

    /// The same hits with each offset moved by `map` (into another text
    /// with the same characters, such as an ASCII stand-in).
    pub(crate) fn mapped(&self, map: impl Fn(usize) -> usize) -> Hits {
        Hits(
            self.0
                .iter()
                .map(|&at| {
                    if at == ABSENT {
                        ABSENT
                    } else {
                        u32::try_from(map(at as usize)).unwrap_or(0).min(ABSENT - 1)
                    }
                })
                .collect(),
        )
    }
}

/// Builds an [`Engine`], interning patterns by their source text.
#[derive(Default)]
struct EngineBuilder {
    ids: std::collections::HashMap<String, u32>,
    patterns: Vec<Pattern>,
    needles: Vec<Vec<u8>>,
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
        let parsed = ast::parse::Parser::new().parse(source).ok();
        let info = parsed.as_ref().map(|a| Info::of(a, 0));
        let mut before = None;
        match info.as_ref().and_then(|i| usable(i.required())) {
            Some(needles) => {
                before = info.as_ref().and_then(Info::before_required);
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
            // Unparsable (never for a loaded pack): keep the safe path.
            nullable: info.as_ref().is_none_or(|i| i.nullable),
            before,
            stand_in_safe: parsed.as_ref().is_some_and(crate::stand_in::is_safe_ast),
        });
        self.ids.insert(source.to_owned(), id);
        id
    }

    fn build(mut self) -> Engine {
        let automaton = if self.needles.is_empty() {
            None
        } else {
            for trap in FOLD_TRAPS {
                self.needles.push(trap.as_bytes().to_vec());
                self.owner.push(EVERY_PATTERN);
            }
            // Built once per process, run over a few KB per draft: the
            // plain (noncontiguous) NFA builds several times faster than
            // the DFA, and measured no slower to scan drafts with than the
            // contiguous one, which is built from it.
            automaton(&self.needles, AhoCorasickKind::NoncontiguousNFA)
        };
        // Without an automaton (it could not be built) every pattern runs.
        let always = if automaton.is_none() {
            (0..self.patterns.len() as u32).collect()
        } else {
            self.always
        };
        Engine {
            patterns: self.patterns,
            automaton,
            dfa: OnceLock::new(),
            scans: AtomicUsize::new(0),
            needles: self.needles,
            owner: self.owner,
            always,
            kind: None,
        }
    }
}

/// The automaton over `needles`, if it can be built.
fn automaton(needles: &[Vec<u8>], kind: AhoCorasickKind) -> Option<AhoCorasick> {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::Standard)
        .kind(Some(kind))
        .build(needles)
        .ok()
}

/// Texts scanned with the NFA before the engine builds the DFA: a DFA
/// scans drafts about twice as fast but costs as much to build as scanning
/// about a thousand drafts (eight sections each), so only runs over more
/// drafts than that get one.
const DFA_AFTER: usize = 8_000;

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
            signals: crate::kind::SIGNALS_BY_KIND
                .iter()
                .map(|alts| alts.iter().map(|a| builder.intern(a)).collect())
                .collect(),
            two_names: vec![builder.intern(crate::kind::TWO_NAMES_PATTERN)],
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
        let mut all = Hits(vec![ABSENT; self.patterns.len()]);
        for h in hits {
            for (a, &at) in all.0.iter_mut().zip(&h.0) {
                if at != ABSENT {
                    *a = 0;
                }
            }
        }
        all
    }

    /// One pass over `text`: the patterns that may match somewhere in it,
    /// and where each one's first needle is.
    pub(crate) fn hits(&self, text: &str) -> Hits {
        let mut hits = Hits(vec![ABSENT; self.patterns.len()]);
        for &id in &self.always {
            hits.insert(id, 0);
        }
        let ac = match self.dfa.get() {
            Some(Some(dfa)) => Some(dfa),
            _ => {
                // Exactly one caller builds the DFA; the others go on with
                // the NFA meanwhile.
                if self.scans.fetch_add(1, Ordering::Relaxed) == DFA_AFTER
                    && self.automaton.is_some()
                {
                    self.dfa
                        .get_or_init(|| automaton(&self.needles, AhoCorasickKind::DFA));
                }
                self.automaton.as_ref()
            }
        };
        if let Some(ac) = ac {
            // Needles are lowercase; a lowercased copy of a few KB is
            // cheaper than doubling every state of the automaton.
            let lower = text.to_ascii_lowercase();
            for m in ac.find_overlapping_iter(&lower) {
                match self.owner.get(m.pattern().as_usize()) {
                    Some(&EVERY_PATTERN) => {
                        hits.0.fill(0);
                        break;
                    }
                    Some(&id) => hits.insert(id, m.start()),
                    None => {}
                }
            }
        }
        hits
    }

    /// Whether every pattern of `ids` that may match (per `hits`) finds the
    /// same matches through an ASCII stand-in as in the original text.
    pub(crate) fn reads_stand_ins(&self, ids: &[u32], hits: &Hits) -> bool {
        ids.iter().filter(|&&id| hits.contains(id)).all(|&id| {
            self.patterns
                .get(id as usize)
                .is_some_and(|p| p.stand_in_safe)
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
            let from = char_floor(text, hits.start(id, pattern.before));
            if pattern
                .regex(ascii)?
                .is_match(Input::new(text).range(from..))
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
        // Each pattern to run, and where its matches can first start: no
        // match begins more than `before` bytes ahead of its first needle.
        let mut runs: Vec<(&meta::Regex, usize)> = Vec::new();
        for &id in ids {
            let pattern = self.patterns.get(id as usize)?;
            if pattern.nullable {
                return None;
            }
            if hits.contains(id) {
                let from = char_floor(text, hits.start(id, pattern.before));
                runs.push((pattern.regex(ascii)?, from));
            }
        }
        let mut out = Vec::new();
        match runs.as_slice() {
            [] => {}
            [(one, from)] => out.extend(
                one.find_iter(Input::new(text).range(*from..))
                    .map(|m| Span::new(m.start(), m.end())),
            ),
            _ => {
                let find_at = |(r, from): &(&meta::Regex, usize), at: usize| {
                    let at = at.max(*from);
                    if at <= text.len() {
                        r.find(Input::new(text).range(at..))
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

/// The nearest character boundary of `text` at or before `at`.
fn char_floor(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

// ---------------------------------------------------------------------------
// Needle extraction from the syntax tree.

/// What a piece of syntax tells about the strings it matches. Literal sets
/// are lowercased ASCII (plus the exact bytes of the few extra spellings),
/// to be searched ASCII-case-insensitively.
///
/// Lengths are in bytes of the text matched. A set's strings are as long as
/// what they match: an ASCII letter matches only its own two cases, except
/// for `k` and `s`, and text holding their Unicode look-alikes
/// ([`FOLD_TRAPS`]) is searched from the start.
#[derive(Debug, Clone)]
struct Info {
    /// Every string the piece can match, when that set is small.
    exact: Option<Vec<Vec<u8>>>,
    /// Strings one of which every match contains.
    required: Option<Vec<Vec<u8>>>,
    /// Whether it can match the empty string.
    nullable: bool,
    /// The longest match of the piece (`None`: unbounded).
    max_len: Option<usize>,
    /// The most bytes a match holds before the `required` string it
    /// contains starts (`None`: unbounded).
    before: Option<usize>,
}

/// The longest a single character can be in UTF-8.
const MAX_CHAR: usize = 4;

impl Info {
    fn unknown(nullable: bool, max_len: Option<usize>) -> Info {
        Info {
            exact: None,
            required: None,
            nullable,
            max_len,
            before: None,
        }
    }

    fn exact(set: Vec<Vec<u8>>) -> Info {
        let nullable = set.iter().any(Vec::is_empty);
        let max_len = set.iter().map(Vec::len).max();
        Info {
            exact: Some(set),
            required: None,
            nullable,
            max_len,
            before: None,
        }
    }

    /// The best "every match contains one of these" set known.
    fn required(&self) -> Option<&Vec<Vec<u8>>> {
        match (&self.exact, &self.required) {
            (Some(e), _) if !e.iter().any(Vec::is_empty) => Some(e),
            (_, Some(r)) => Some(r),
            _ => None,
        }
    }

    /// How far into a match the string of [`Info::required`] can start.
    fn before_required(&self) -> Option<usize> {
        match (&self.exact, &self.required) {
            (Some(e), _) if !e.iter().any(Vec::is_empty) => Some(0),
            (_, Some(_)) => self.before,
            _ => None,
        }
    }

    /// [`Info::required`], taking the set rather than copying it.
    fn into_required(self) -> Option<Vec<Vec<u8>>> {
        match (self.exact, self.required) {
            (Some(e), _) if !e.iter().any(Vec::is_empty) => Some(e),
            (_, r) => r,
        }
    }

    /// Syntax-tree walk; `depth` guards against pathological nesting.
    fn of(node: &Ast, depth: usize) -> Info {
        if depth > 64 {
            return Info::unknown(true, None);
        }
        match node {
            Ast::Empty(_) | Ast::Flags(_) | Ast::Assertion(_) => Info::exact(vec![Vec::new()]),
            Ast::Literal(lit) => match spelling(lit.c, &mut [0; 4]) {
                Some(bytes) => Info::exact(vec![bytes.to_vec()]),
                None => Info::unknown(false, Some(MAX_CHAR)),
            },
            Ast::Dot(_) | Ast::ClassUnicode(_) | Ast::ClassPerl(_) => {
                Info::unknown(false, Some(MAX_CHAR))
            }
            Ast::ClassBracketed(class) => match bracketed(class) {
                Some(set) => Info::exact(set),
                // A negated class may match nothing at all but never "".
                None => Info::unknown(false, Some(MAX_CHAR)),
            },
            Ast::Repetition(rep) => {
                let sub = Info::of(&rep.ast, depth + 1);
                let (min, max) = match &rep.op.kind {
                    ast::RepetitionKind::ZeroOrOne => (0, Some(1)),
                    ast::RepetitionKind::ZeroOrMore => (0, None),
                    ast::RepetitionKind::OneOrMore => (1, None),
                    ast::RepetitionKind::Range(r) => match *r {
                        ast::RepetitionRange::Exactly(n) => (n, Some(n)),
                        ast::RepetitionRange::AtLeast(n) => (n, None),
                        ast::RepetitionRange::Bounded(m, n) => (m, Some(n)),
                    },
                };
                let max_len = sub
                    .max_len
                    .zip(max)
                    .and_then(|(l, n)| l.checked_mul(n as usize));
                if min == 0 {
                    // `x?` is {"", x}; anything looser is unknown.
                    return match (max, sub.exact) {
                        (Some(1), Some(mut e)) => {
                            e.push(Vec::new());
                            dedup(&mut e);
                            Info::exact(e)
                        }
                        _ => Info::unknown(true, max_len),
                    };
                }
                if max == Some(1) {
                    return sub;
                }
                // The first repetition holds a required string, within
                // the same reach as in the piece alone.
                let nullable = sub.nullable;
                let before = sub.before_required();
                Info {
                    exact: None,
                    required: sub.into_required(),
                    nullable,
                    max_len,
                    before,
                }
            }
            Ast::Group(group) => Info::of(&group.ast, depth + 1),
            Ast::Alternation(alt) => {
                let infos: Vec<Info> = alt.asts.iter().map(|a| Info::of(a, depth + 1)).collect();
                let nullable = infos.iter().any(|i| i.nullable);
                let max_len = infos
                    .iter()
                    .map(|i| i.max_len)
                    .try_fold(0, |m, l| Some(m.max(l?)));
                // With every string known, `required()` reads `exact`.
                if infos.iter().all(|i| i.exact.is_some()) {
                    let exact = union(infos.into_iter().map(|i| i.exact));
                    if exact.is_some() {
                        return Info {
                            exact,
                            required: None,
                            nullable,
                            max_len,
                            before: None,
                        };
                    }
                    // Too many strings: nothing better is known.
                    return Info::unknown(nullable, max_len);
                }
                let before = infos
                    .iter()
                    .map(Info::before_required)
                    .try_fold(0, |m, b| Some(m.max(b?)));
                Info {
                    exact: None,
                    required: union(infos.into_iter().map(Info::into_required)),
                    nullable,
                    max_len,
                    before,
                }
            }
            Ast::Concat(concat) => {
                // Runs of plain characters become one string up front,
                // rather than a cross product per character.
                let mut infos: Vec<Info> = Vec::with_capacity(concat.asts.len());
                let mut word: Vec<u8> = Vec::new();
                let mut buf = [0; 4];
                for a in &concat.asts {
                    if let Ast::Literal(lit) = a
                        && let Some(bytes) = spelling(lit.c, &mut buf)
                    {
                        word.extend_from_slice(bytes);
                        continue;
                    }
                    if !word.is_empty() {
                        infos.push(Info::exact(vec![std::mem::take(&mut word)]));
                    }
                    infos.push(Info::of(a, depth + 1));
                }
                if !word.is_empty() {
                    infos.push(Info::exact(vec![word]));
                }
                concatenation(infos)
            }
        }
    }
}

/// A concatenation: the cross product of adjacent exact pieces gives longer
/// needles ("would you" rather than "you"); the best run wins. Each
/// candidate remembers how far into a match it can start: the longest the
/// pieces before it can be.
fn concatenation(infos: Vec<Info>) -> Info {
    let nullable = infos.iter().all(|i| i.nullable);
    let add = |a: Option<usize>, b: Option<usize>| a.zip(b).and_then(|(a, b)| a.checked_add(b));
    let mut candidates: Vec<(Vec<Vec<u8>>, Option<usize>)> = Vec::new();
    let mut run: Vec<Vec<u8>> = vec![Vec::new()];
    // Where the current piece and the current run can start at the latest.
    let mut at = Some(0);
    let mut run_at = Some(0);
    // Whether `run` still spans every piece so far: then it is the whole
    // concatenation's exact set.
    let mut whole = true;
    for info in infos {
        let len = info.max_len;
        let before = info.before_required();
        match info.exact {
            Some(e) => match cross(&run, &e) {
                Some(next) => run = next,
                None => {
                    whole = false;
                    candidates.push((std::mem::replace(&mut run, e), run_at));
                    run_at = at;
                }
            },
            None => {
                whole = false;
                candidates.push((std::mem::replace(&mut run, vec![Vec::new()]), run_at));
                if let Some(r) = info.required {
                    candidates.push((r, add(at, before)));
                }
                run_at = add(at, len);
            }
        }
        at = add(at, len);
    }
    if whole {
        return Info {
            exact: Some(run),
            required: None,
            nullable,
            max_len: at,
            before: None,
        };
    }
    candidates.push((run, run_at));
    let best = candidates
        .into_iter()
        .filter(|(c, _)| !c.is_empty() && !c.iter().any(Vec::is_empty))
        .max_by_key(|(c, _)| {
            let shortest = c.iter().map(Vec::len).min().unwrap_or(0);
            (shortest.min(8), std::cmp::Reverse(c.len()))
        });
    let (required, before) = match best {
        Some((set, before)) => (Some(set), before),
        None => (None, None),
    };
    Info {
        exact: None,
        required,
        nullable,
        max_len: at,
        before,
    }
}

fn cross(a: &[Vec<u8>], b: &[Vec<u8>]) -> Option<Vec<Vec<u8>>> {
    if a.len() * b.len() > MAX_SET {
        return None;
    }
    let mut out = Vec::with_capacity(a.len() * b.len());
    for x in a {
        for y in b {
            if x.len() + y.len() > MAX_NEEDLE {
                return None;
            }
            let mut s = x.clone();
            s.extend_from_slice(y);
            out.push(s);
        }
    }
    dedup(&mut out);
    Some(out)
}

fn union(sets: impl Iterator<Item = Option<Vec<Vec<u8>>>>) -> Option<Vec<Vec<u8>>> {
    let mut out = Vec::new();
    for set in sets {
        out.extend(set?);
        if out.len() > MAX_SET {
            return None;
        }
    }
    dedup(&mut out);
    Some(out)
}

fn dedup(set: &mut Vec<Vec<u8>>) {
    set.sort();
    set.dedup();
}

/// The needle bytes for one literal character (written into `buf`), or
/// `None` for one whose case variants the automaton cannot follow: a
/// non-ASCII letter. `k` and `s`, which Unicode case folding links to the
/// Kelvin sign and the long s, are handled by [`FOLD_TRAPS`] instead of
/// doubling every needle.
fn spelling(c: char, buf: &mut [u8; 4]) -> Option<&[u8]> {
    if c.is_ascii() {
        buf[0] = c.to_ascii_lowercase() as u8;
        return Some(&buf[..1]);
    }
    // A character with no case mapping at all has no case variants.
    let caseless = c.to_lowercase().eq([c]) && c.to_uppercase().eq([c]);
    caseless.then(|| c.encode_utf8(buf).as_bytes())
}

/// The members of a small, positive, ASCII-only bracketed class.
fn bracketed(class: &ast::ClassBracketed) -> Option<Vec<Vec<u8>>> {
    if class.negated {
        return None;
    }
    let mut chars: Vec<char> = Vec::new();
    collect_class(&class.kind, &mut chars)?;
    if chars.len() > MAX_CLASS {
        return None;
    }
    let mut set = Vec::new();
    let mut buf = [0; 4];
    for c in chars {
        set.push(spelling(c, &mut buf)?.to_vec());
    }
    dedup(&mut set);
    Some(set)
}

fn collect_class(set: &ast::ClassSet, out: &mut Vec<char>) -> Option<()> {
    let ast::ClassSet::Item(item) = set else {
        return None; // intersections and differences
    };
    collect_item(item, out)
}

fn collect_item(item: &ast::ClassSetItem, out: &mut Vec<char>) -> Option<()> {
    match item {
        ast::ClassSetItem::Empty(_) => Some(()),
        ast::ClassSetItem::Literal(lit) => {
            out.push(lit.c);
            Some(())
        }
        ast::ClassSetItem::Range(range) => {
            let (a, b) = (range.start.c, range.end.c);
            if !a.is_ascii()
                || !b.is_ascii()
                || (b as u32).saturating_sub(a as u32) > MAX_CLASS as u32
            {
                return None;
            }
            out.extend(a..=b);
            Some(())
        }
        ast::ClassSetItem::Union(union) => {
            for item in &union.items {
                collect_item(item, out)?;
            }
            Some(())
        }
        _ => None, // Perl, Unicode and ASCII classes, nested brackets
    }
}

/// Needles worth searching for: none empty, and none a short run of
/// letters or digits (which nearly every draft holds). Punctuation such as
/// `"` or `?` is rare enough to be worth it.
fn usable(set: Option<&Vec<Vec<u8>>>) -> Option<Vec<Vec<u8>>> {
    let set = set?;
    let weak = |n: &Vec<u8>| {
        n.is_empty() || (n.len() < MIN_NEEDLE && n.iter().any(u8::is_ascii_alphanumeric))
    };
    if set.is_empty() || set.iter().any(weak) {
        return None;
    }
    // A prefix of a needle is in every match too; past a dozen bytes a
    // needle selects hardly better and only grows the automaton.
    let mut out: Vec<Vec<u8>> = set
        .iter()
        .map(|n| n.get(..KEEP_NEEDLE).unwrap_or(n).to_vec())
        .collect();
    dedup(&mut out);
    Some(out)
}

/// The needles extracted for `pattern`, as strings (for tests and docs).
#[cfg(test)]
pub(crate) fn needles(pattern: &str) -> Option<Vec<String>> {
    let parsed = ast::parse::Parser::new().parse(pattern).ok()?;
    let info = Info::of(&parsed, 0);
    usable(info.required()).map(|set| {
        set.into_iter()
            .map(|n| String::from_utf8_lossy(&n).into_owned())
            .collect()
    })
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

    #[test]
    fn needles_are_the_literals_every_match_needs() {
        assert_eq!(
            needles(r"\b(?:would|could|can|will) you\b"),
            Some(vec![
                "can you".into(),
                "could you".into(),
                "will you".into(),
                "would you".into()
            ])
        );
        // No Kelvin-sign or long-s spellings: FOLD_TRAPS covers those. Long
        // needles are cut to their first KEEP_NEEDLE bytes.
        assert_eq!(
            needles(r"\bpick(?:ing)? your brains?\b"),
            Some(vec!["pick your br".into(), "picking your".into()])
        );
    }

    /// How far into a match the pattern's needle can start.
    fn before(pattern: &str) -> Option<usize> {
        let parsed = ast::parse::Parser::new().parse(pattern).expect("valid");
        Info::of(&parsed, 0).before_required()
    }

    #[test]
    fn needles_know_how_far_into_a_match_they_start() {
        // Literal first: the match starts at the needle.
        assert_eq!(before(r"\bpick your brain\b"), Some(0));
        assert_eq!(before(r"\b(?:would|could) you\b[^?]{0,5}\?"), Some(0));
        // Bounded pieces first: up to four bytes per character.
        assert_eq!(before(r"[^.]{0,3}\bneedle"), Some(12));
        assert_eq!(before(r"(?:a|bc)?\s?needle"), Some(6));
        // The first repetition holds the needle.
        assert_eq!(before(r"(?:.needle)+"), Some(4));
        // Unbounded pieces first: search from the start.
        assert_eq!(before(r"\w+ needle"), None);
        assert_eq!(before(r"(?:x\s*needle)+"), None);
    }

    #[test]
    fn patterns_without_a_sure_literal_always_run() {
        assert_eq!(needles(r"\bon\b"), None);
        assert_eq!(
            needles(r"https?://\S+"),
            Some(vec!["http://".into(), "https://".into()])
        );
        assert_eq!(
            needles(r"(?:\d+[.)]|[-*])\s+\S"),
            Some(vec![")".into(), "*".into(), "-".into(), ".".into()])
        );
        // Punctuation is rare enough to search for, and caseless non-ASCII
        // characters are their own needles.
        assert_eq!(needles(r"\?"), Some(vec!["?".into()]));
        assert_eq!(needles(r"[“”]"), Some(vec!["“".into(), "”".into()]));
        assert_eq!(needles(r"(?:ab)*"), None);
        assert_eq!(needles(r"[^abc]{3}"), None);
        // Non-ASCII letters have case variants the automaton cannot see.
        assert_eq!(needles(r"é"), None);
    }

    #[test]
    fn the_dfa_built_after_many_scans_finds_what_the_nfa_found() {
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
        let before: Vec<Vec<u32>> = texts.iter().map(|t| engine.hits(t).0).collect();
        assert!(engine.dfa.get().is_none());
        for _ in 0..DFA_AFTER {
            engine.hits("a quick chat");
        }
        assert!(
            matches!(engine.dfa.get(), Some(Some(_))),
            "the DFA is built"
        );
        let after: Vec<Vec<u32>> = texts.iter().map(|t| engine.hits(t).0).collect();
        assert_eq!(after, before);
        assert!(before.iter().flatten().filter(|&&at| at != ABSENT).count() > 50);
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
    fn caseless_means_no_case_variants_for_the_regex_too() {
        // `spelling` trusts std's case tables to agree with the regex
        // crate's simple case folding for characters with no case mapping.
        for c in ['“', '”', '•', '–', '—', '€', '→', 'ſ', 'é', 'ß', 'Σ'] {
            let ours = spelling(c, &mut [0; 4]).is_some();
            let re = compile(&regex::escape(&c.to_string())).expect("escaped");
            let variants = (0x80u32..0x3000)
                .filter_map(char::from_u32)
                .filter(|&o| o != c && re.is_match(&o.to_string()))
                .count();
            if ours {
                assert_eq!(variants, 0, "{c:?}");
            }
        }
        assert!(spelling('é', &mut [0; 4]).is_none() && spelling('ß', &mut [0; 4]).is_none());
        assert!(spelling('“', &mut [0; 4]).is_some());
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
        let lazy = LazyRegex::new(r"\bchat\b".to_owned());
        assert!(lazy.cell.get().is_none());
        assert!(lazy.is_match("a Chat"));
        assert!(lazy.cell.get().is_some());
        let broken = LazyRegex::new("(".to_owned());
        assert!(!broken.is_match("("));
    }
}
