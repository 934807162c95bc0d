//! One compiled pattern: a forward NFA, its lazy DFA, and a PikeVM (or,
//! with the `fast` feature, a bounded backtracker) for what the DFA cannot
//! do.
//!
//! The regex crate's meta regex also compiles a reverse NFA for every
//! pattern, to find where a match starts once the forward DFA has found
//! where it ends. Compiling it was about a sixth of a one-draft run, and
//! matches are few: a draft holds a handful per pattern, most patterns
//! none. So the start is found forwards instead: the leftmost-first
//! match starts at the first position from which an anchored search
//! matches at all, and no earlier than its longest length before its end.
//! The result is the meta regex's, match for match (the equivalence tests
//! hold every built-in pattern to the regex crate).

use regex_automata::nfa::thompson::{self, WhichCaptures, pikevm::PikeVM};
use regex_automata::util::{captures::Captures, pool::Pool, syntax};
use regex_automata::{Anchored, Input, Match, PatternID, hybrid};
use regex_syntax::hir::Hir;

#[cfg(feature = "fast")]
use regex_automata::nfa::thompson::backtrack::BoundedBacktracker;

/// A cache for each thread searching with a [`Regex`].
type CachePool = Pool<Cache, Box<dyn Fn() -> Cache + Send + Sync>>;

/// A compiled pattern.
pub(crate) struct Regex {
    dfa: hybrid::dfa::DFA,
    pikevm: PikeVM,
    #[cfg(feature = "fast")]
    backtrack: BoundedBacktracker,
    /// The longest a match can be, in bytes, if bounded: where to start
    /// looking for a match's start.
    max_len: Option<usize>,
    pool: CachePool,
}

impl std::fmt::Debug for Regex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Regex")
            .field("max_len", &self.max_len)
            .finish_non_exhaustive()
    }
}

/// Search state, one per thread.
struct Cache {
    dfa: hybrid::dfa::Cache,
    pikevm: regex_automata::nfa::thompson::pikevm::Cache,
    #[cfg(feature = "fast")]
    backtrack: regex_automata::nfa::thompson::backtrack::Cache,
}

/// Why a pattern did not compile.
#[derive(Debug)]
pub(crate) enum BuildError {
    /// It does not parse, or an engine refused it: their words.
    Invalid(String),
    /// It compiles larger than this many bytes.
    TooLarge(usize),
}

/// Parse `pattern` with the flags given and compile it.
pub(crate) fn build(
    pattern: &str,
    config: syntax::Config,
    size_limit: usize,
) -> Result<Regex, BuildError> {
    let hir =
        syntax::parse_with(pattern, &config).map_err(|e| BuildError::Invalid(e.to_string()))?;
    build_from_hir(&hir, size_limit)
}

/// Compile a syntax tree.
pub(crate) fn build_from_hir(hir: &Hir, size_limit: usize) -> Result<Regex, BuildError> {
    let nfa = thompson::Compiler::new()
        .configure(
            thompson::Config::new()
                .nfa_size_limit(Some(size_limit))
                .shrink(false)
                .which_captures(WhichCaptures::All),
        )
        .build_from_hir(hir)
        .map_err(|e| match e.size_limit() {
            Some(limit) => BuildError::TooLarge(limit),
            None => BuildError::Invalid(e.to_string()),
        })?;
    let dfa = hybrid::dfa::Builder::new()
        .configure(
            hybrid::dfa::DFA::config()
                // A Unicode `\b` is read as ASCII until the text holds a byte
                // beyond it; then the search gives up and the PikeVM runs.
                .unicode_word_boundary(true)
                .cache_capacity(size_limit)
                .minimum_cache_clear_count(Some(3))
                .minimum_bytes_per_state(Some(10)),
        )
        .build_from_nfa(nfa.clone())
        .map_err(|e| BuildError::Invalid(e.to_string()))?;
    let pikevm =
        PikeVM::new_from_nfa(nfa.clone()).map_err(|e| BuildError::Invalid(e.to_string()))?;
    #[cfg(feature = "fast")]
    let backtrack = BoundedBacktracker::new_from_nfa(nfa.clone())
        .map_err(|e| BuildError::Invalid(e.to_string()))?;
    let pool: CachePool = {
        let dfa = dfa.clone();
        let pikevm = pikevm.clone();
        #[cfg(feature = "fast")]
        let backtrack = backtrack.clone();
        Pool::new(Box::new(move || Cache {
            dfa: dfa.create_cache(),
            pikevm: pikevm.create_cache(),
            #[cfg(feature = "fast")]
            backtrack: backtrack.create_cache(),
        }))
    };
    Ok(Regex {
        max_len: hir.properties().maximum_len(),
        dfa,
        pikevm,
        #[cfg(feature = "fast")]
        backtrack,
        pool,
    })
}

impl Regex {
    /// The leftmost-first match in `input`'s span.
    pub(crate) fn find(&self, input: Input<'_>) -> Option<Match> {
        let mut guard = self.pool.get();
        let cache = &mut *guard;
        let end = match self.dfa.try_search_fwd(&mut cache.dfa, &input) {
            Ok(None) => return None,
            Ok(Some(half)) => half.offset(),
            Err(_) => return self.find_slow(cache, &input),
        };
        let from = match self.max_len {
            Some(len) => input.start().max(end.saturating_sub(len)),
            None => input.start(),
        };
        for start in from..end {
            let anchored = input
                .clone()
                .range(start..input.end())
                .anchored(Anchored::Yes);
            match self.dfa.try_search_fwd(&mut cache.dfa, &anchored) {
                Ok(None) => {}
                Ok(Some(half)) => {
                    return Some(Match::new(PatternID::ZERO, start..half.offset()));
                }
                Err(_) => return self.find_slow(cache, &input),
            }
        }
        // Not reached: the forward search found a match ending at `end`.
        self.find_slow(cache, &input)
    }

    /// Whether there is a match in `input`'s span.
    pub(crate) fn is_match(&self, input: Input<'_>) -> bool {
        let input = input.earliest(true);
        let mut guard = self.pool.get();
        let cache = &mut *guard;
        match self.dfa.try_search_fwd(&mut cache.dfa, &input) {
            Ok(found) => found.is_some(),
            Err(_) => self.find_slow(cache, &input).is_some(),
        }
    }

    /// Every match in `input`'s span, left to right, none overlapping.
    pub(crate) fn find_iter<'h>(
        &'h self,
        input: impl Into<Input<'h>>,
    ) -> impl Iterator<Item = Match> + 'h {
        let input = input.into();
        let mut at = input.start();
        std::iter::from_fn(move || {
            if at > input.end() {
                return None;
            }
            let m = self.find(input.clone().range(at..input.end()))?;
            // No pattern matches the empty string (packs refuse them); step
            // past one anyway rather than loop.
            at = if m.is_empty() { m.end() + 1 } else { m.end() };
            Some(m)
        })
    }

    /// Fresh capture slots for [`Regex::captures`].
    pub(crate) fn create_captures(&self) -> Captures {
        self.pikevm.create_captures()
    }

    /// The groups of the leftmost-first match in `input`'s span.
    pub(crate) fn captures(&self, input: Input<'_>, caps: &mut Captures) {
        let mut guard = self.pool.get();
        let cache = &mut *guard;
        #[cfg(feature = "fast")]
        if input.get_span().len() <= self.backtrack.max_haystack_len()
            && self
                .backtrack
                .try_search(&mut cache.backtrack, &input, caps)
                .is_ok()
        {
            return;
        }
        self.pikevm.search(&mut cache.pikevm, &input, caps);
    }

    /// The match as the engines that never give up find it.
    fn find_slow(&self, cache: &mut Cache, input: &Input<'_>) -> Option<Match> {
        #[cfg(feature = "fast")]
        if input.get_span().len() <= self.backtrack.max_haystack_len()
            && let Ok(m) = self.backtrack.try_find(&mut cache.backtrack, input.clone())
        {
            return m;
        }
        self.pikevm.find(&mut cache.pikevm, input.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compile(pattern: &str) -> Regex {
        let config = syntax::Config::new()
            .case_insensitive(true)
            .multi_line(true);
        build(pattern, config, 4 << 20).expect("pattern compiles")
    }

    fn spans(pattern: &str, text: &str) -> Vec<(usize, usize)> {
        compile(pattern)
            .find_iter(text)
            .map(|m| (m.start(), m.end()))
            .collect()
    }

    fn reference(pattern: &str, text: &str) -> Vec<(usize, usize)> {
        regex::RegexBuilder::new(pattern)
            .case_insensitive(true)
            .multi_line(true)
            .build()
            .expect("pattern compiles")
            .find_iter(text)
            .map(|m| (m.start(), m.end()))
            .collect()
    }

    #[test]
    fn matches_start_where_the_regex_crate_starts_them() {
        // Unbounded lengths (no bound to start the start search from),
        // alternatives that start at different places, matches far into a
        // long text, and a Unicode `\b` over accented words, where the lazy
        // DFA gives up and the other engines answer.
        let text = format!(
            "{}Could you pick your brain? No: I'd love to pick    ur brains, Renée. \
             Café chat, quick chat, a chat about élan.",
            "filler words and more filler. ".repeat(40)
        );
        for pattern in [
            r"\bpick\s+(?:your|ur)\s+brains?\b",
            r"\b(?:quick|café)\s+chat\b",
            r"\w+\s+chat",
            r"(?:a|an)\s+\w+\s+about\s+\w+",
            r"\bRen\w+",
            r"[^.]*\?",
        ] {
            let found = spans(pattern, &text);
            assert!(!found.is_empty(), "{pattern} should match");
            assert_eq!(found, reference(pattern, &text), "{pattern}");
        }
    }

    #[test]
    fn is_match_and_captures_agree_with_find() {
        let regex = compile(r"\bwould you (?P<m>be open to)\b");
        let text = "Hi Ana, would you be open to a call?";
        assert!(regex.is_match(Input::new(text)));
        assert!(!regex.is_match(Input::new(text).range(..20)));
        let m = regex.find(Input::new(text)).expect("a match");
        assert_eq!(&text[m.range()], "would you be open to");
        let mut caps = regex.create_captures();
        regex.captures(
            Input::new(text).range(m.range()).anchored(Anchored::Yes),
            &mut caps,
        );
        let group = caps.get_group_by_name("m").expect("the marked group");
        assert_eq!(&text[group.range()], "be open to");
    }
}
