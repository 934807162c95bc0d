//! What the matcher reads off a pattern's syntax tree before compiling it:
//! the literals every match contains (its needles), how far into a match
//! they can start, how long a match can be, and whether it can match the
//! empty string.
//!
//! This module depends on nothing else in the crate: the build script also
//! compiles it, to read the built-in packs' patterns once at build time
//! (`build.rs`), so a run need not parse them.

use regex_syntax::ast::{self, Ast};

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
/// At most this many further needle sets per pattern ([`Analysis::also`]).
pub(crate) const MAX_ALSO: usize = 7;
/// Needles of an `also` set are at least this long: the commonest words
/// ("you", "for", "are") are in nearly every sentence, so finding them
/// rules out little and costs a stop of the automaton each time.
const MIN_ALSO: usize = 4;

/// What the matcher needs to know about one pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Analysis {
    /// Lowercase literals one of which every match contains, to be searched
    /// for ASCII-case-insensitively; `None`: the pattern runs on every text.
    pub(crate) needles: Option<Vec<Vec<u8>>>,
    /// Further sets of the same kind: every match also contains one
    /// literal of each. "would you ... time" needs "time" as well as
    /// "would you", so a draft without "time" need not compile it.
    pub(crate) also: Vec<Vec<Vec<u8>>>,
    pub(crate) facts: Facts,
}

/// A pattern's analysis besides its needles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Facts {
    /// The most bytes a match can hold before the first byte of one of the
    /// needles (`None`: unbounded).
    pub(crate) before: Option<usize>,
    /// The longest a match can be, in bytes (`None`: unbounded).
    pub(crate) max_len: Option<usize>,
    /// Whether the pattern can match the empty string (packs refuse such
    /// patterns: a match of nothing underlines nothing).
    pub(crate) nullable: bool,
    /// Whether no match can hold a sentence end (`.`, `!`, `?`) or a line
    /// break: then a match lies within the sentence of a needle, whatever
    /// its length (word patterns are all so).
    pub(crate) in_sentence: bool,
}

impl Facts {
    /// What is safe to assume of a pattern that does not parse (never one
    /// of a loaded pack): no bounds, may match the empty string.
    pub(crate) const UNKNOWN: Facts = Facts {
        before: None,
        max_len: None,
        nullable: true,
        in_sentence: false,
    };
}

/// The characters that end a sentence or a line, for [`Facts::in_sentence`].
pub(crate) const SENTENCE_ENDS: [char; 4] = ['.', '!', '?', '\n'];

/// Whether byte `b` is one of [`SENTENCE_ENDS`].
pub(crate) fn is_sentence_end(b: u8) -> bool {
    matches!(b, b'.' | b'!' | b'?' | b'\n')
}

/// In the build-time table of the built-in patterns' analyses (written by
/// `build.rs`, read by the matcher), each needle set is one byte string:
/// its needles separated by this byte...
pub(crate) const NEEDLE_END: u8 = 0x1f;
/// ...and a pattern's `also` sets separated by this one.
pub(crate) const SET_END: u8 = 0x1e;

/// Whether some match of `node` may hold one of `chars`; `true` when in
/// doubt (a Unicode class, deep nesting).
fn may_match_any(node: &Ast, chars: [char; 4], depth: usize) -> bool {
    if depth > 64 {
        return true;
    }
    match node {
        Ast::Empty(_) | Ast::Flags(_) | Ast::Assertion(_) => false,
        Ast::Literal(lit) => chars.contains(&lit.c),
        // `.` may match any of them (`(?s)` even the line break).
        Ast::Dot(_) | Ast::ClassUnicode(_) => true,
        Ast::ClassPerl(class) => perl_has_any(class, chars),
        Ast::ClassBracketed(class) => chars
            .iter()
            .any(|&c| set_contains(&class.kind, c, depth + 1).unwrap_or(true) != class.negated),
        Ast::Repetition(rep) => may_match_any(&rep.ast, chars, depth + 1),
        Ast::Group(group) => may_match_any(&group.ast, chars, depth + 1),
        Ast::Alternation(alt) => alt.asts.iter().any(|a| may_match_any(a, chars, depth + 1)),
        Ast::Concat(concat) => concat
            .asts
            .iter()
            .any(|a| may_match_any(a, chars, depth + 1)),
    }
}

/// Whether a Perl class (`\d`, `\s`, `\w` or their negations) holds one
/// of `chars`, which are all ASCII punctuation or `\n`.
fn perl_has_any(class: &ast::ClassPerl, chars: [char; 4]) -> bool {
    chars.iter().any(|&c| perl_contains(class, c))
}

fn perl_contains(class: &ast::ClassPerl, c: char) -> bool {
    let inside = match class.kind {
        ast::ClassPerlKind::Digit => c.is_ascii_digit(),
        ast::ClassPerlKind::Space => c.is_whitespace(),
        ast::ClassPerlKind::Word => c.is_alphanumeric() || c == '_',
    };
    inside != class.negated
}

/// Whether the bracketed set holds `c`; `None` when that is not known
/// here (a Unicode or POSIX class).
fn set_contains(set: &ast::ClassSet, c: char, depth: usize) -> Option<bool> {
    if depth > 64 {
        return None;
    }
    match set {
        ast::ClassSet::Item(item) => item_contains(item, c, depth + 1),
        ast::ClassSet::BinaryOp(op) => {
            let (l, r) = (
                set_contains(&op.lhs, c, depth + 1)?,
                set_contains(&op.rhs, c, depth + 1)?,
            );
            Some(match op.kind {
                ast::ClassSetBinaryOpKind::Intersection => l && r,
                ast::ClassSetBinaryOpKind::Difference => l && !r,
                ast::ClassSetBinaryOpKind::SymmetricDifference => l != r,
            })
        }
    }
}

fn item_contains(item: &ast::ClassSetItem, c: char, depth: usize) -> Option<bool> {
    match item {
        ast::ClassSetItem::Empty(_) => Some(false),
        ast::ClassSetItem::Literal(lit) => Some(lit.c == c),
        ast::ClassSetItem::Range(range) => Some(range.start.c <= c && c <= range.end.c),
        ast::ClassSetItem::Perl(class) => Some(perl_contains(class, c)),
        ast::ClassSetItem::Bracketed(class) => {
            set_contains(&class.kind, c, depth + 1).map(|inside| inside != class.negated)
        }
        ast::ClassSetItem::Union(union) => {
            let mut any = false;
            for item in &union.items {
                any |= item_contains(item, c, depth + 1)?;
            }
            Some(any)
        }
        ast::ClassSetItem::Ascii(_) | ast::ClassSetItem::Unicode(_) => None,
    }
}

/// A stable 64-bit hash (FNV-1a) of `text`: the build-time table's key.
#[cfg_attr(not(feature = "fast"), allow(dead_code))]
pub(crate) fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The analysis of `pattern`, or `None` if it does not parse.
pub(crate) fn analyse(pattern: &str) -> Option<Analysis> {
    let parsed = ast::parse::Parser::new().parse(pattern).ok()?;
    let info = Info::of(&parsed, 0);
    let needles = usable(info.required());
    let facts = Facts {
        before: needles.as_ref().and(info.before_required()),
        max_len: info.max_len,
        nullable: info.nullable,
        in_sentence: !may_match_any(&parsed, SENTENCE_ENDS, 0),
    };
    let mut also: Vec<Vec<Vec<u8>>> = Vec::new();
    if needles.is_some() {
        for set in &info.also {
            if let Some(set) = usable(Some(set))
                && shortest(&set) >= MIN_ALSO
                && Some(&set) != needles.as_ref()
                && !also.contains(&set)
            {
                also.push(set);
            }
        }
        // The most selective first: long needles, few of them.
        also.sort_by_key(|set| (std::cmp::Reverse(shortest(set).min(8)), set.len()));
        also.truncate(MAX_ALSO);
    }
    Some(Analysis {
        needles,
        also,
        facts,
    })
}

/// The length of the shortest string of `set`.
fn shortest(set: &[Vec<u8>]) -> usize {
    set.iter().map(Vec::len).min().unwrap_or(0)
}

/// What a piece of syntax tells about the strings it matches. Literal sets
/// are lowercased ASCII (plus the exact bytes of the few extra spellings),
/// to be searched ASCII-case-insensitively.
///
/// Lengths are in bytes of the text matched. A set's strings are as long as
/// what they match: an ASCII letter matches only its own two cases, except
/// for `k` and `s`, and text holding their Unicode look-alikes
/// (the matcher's `FOLD_TRAPS`) is searched from the start.
#[derive(Debug, Clone)]
struct Info {
    /// Every string the piece can match, when that set is small.
    exact: Option<Vec<Vec<u8>>>,
    /// Strings one of which every match contains.
    required: Option<Vec<Vec<u8>>>,
    /// Other sets every match contains one string of, besides `required`.
    also: Vec<Vec<Vec<u8>>>,
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
            also: Vec::new(),
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
            also: Vec::new(),
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
                let also = sub.also.clone();
                Info {
                    exact: None,
                    required: sub.into_required(),
                    also,
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
                            also: Vec::new(),
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
                    also: Vec::new(),
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
    let mut also: Vec<Vec<Vec<u8>>> = Vec::new();
    for info in infos {
        let len = info.max_len;
        let before = info.before_required();
        also.extend(info.also);
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
            also,
            nullable,
            max_len: at,
            before: None,
        };
    }
    candidates.push((run, run_at));
    candidates.retain(|(c, _)| !c.is_empty() && !c.iter().any(Vec::is_empty));
    // The best candidate is the needle set; every other one is required
    // too, and goes to `also`.
    let best = candidates
        .iter()
        .enumerate()
        .max_by_key(|(_, (c, _))| (shortest(c).min(8), std::cmp::Reverse(c.len())))
        .map(|(i, _)| i);
    let (required, before) = match best {
        Some(i) => {
            let (set, before) = candidates.swap_remove(i);
            (Some(set), before)
        }
        None => (None, None),
    };
    also.extend(candidates.into_iter().map(|(c, _)| c));
    Info {
        exact: None,
        required,
        also,
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
/// Kelvin sign and the long s, are handled by the matcher's `FOLD_TRAPS` instead of
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
    analyse(pattern)?.needles.map(|set| {
        set.into_iter()
            .map(|n| String::from_utf8_lossy(&n).into_owned())
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matcher::compile;

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

    #[test]
    fn the_byte_test_knows_the_sentence_ends() {
        for b in 0..=u8::MAX {
            assert_eq!(
                is_sentence_end(b),
                SENTENCE_ENDS.contains(&char::from(b)),
                "{b}"
            );
        }
    }

    #[test]
    fn every_required_piece_gives_a_set() {
        let also = |p: &str| {
            analyse(p)
                .expect("parses")
                .also
                .into_iter()
                .map(|set| {
                    set.into_iter()
                        .map(|n| String::from_utf8_lossy(&n).into_owned())
                        .collect::<Vec<_>>()
                })
                .collect::<Vec<_>>()
        };
        // "would you" is the needle; "time" is required too.
        assert_eq!(
            also(r"\b(?:would|could) you\b\s+\w+\s+(?:time|times)\b"),
            vec![vec!["time".to_owned(), "times".to_owned()]]
        );
        // Inside a required group, and in the first repetition ("quick",
        // the longer, is the needle).
        assert_eq!(
            also(r"(?:\bquick\s+chat\b)+"),
            vec![vec!["chat".to_owned()]]
        );
        // Optional pieces and alternatives require nothing of their own,
        // and the commonest short words are not worth a set.
        assert!(also(r"\bquick\b(?:\s+chat)?").is_empty());
        assert!(also(r"\b(?:quick\s+chat|brief\s+call)\b").is_empty());
        assert_eq!(
            also(r"\bquick\s+call\s+for\b"),
            vec![vec!["call".to_owned()]],
            "no set for \"for\""
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
        // And how long a match can be: four bytes a character unless the
        // exact strings are known.
        let max_len = |p: &str| analyse(p).and_then(|a| a.facts.max_len);
        assert_eq!(max_len(r"\bpick your brain\b"), Some(15));
        assert_eq!(max_len(r"(?:a|bc)?\s?needle"), Some(12));
        assert_eq!(max_len(r"[^.]{0,3}x"), Some(13));
        assert_eq!(max_len(r"\w+ needle"), None);
    }

    #[test]
    fn some_patterns_never_cross_a_sentence_end() {
        let inside = |p: &str| analyse(p).expect("parses").facts.in_sentence;
        assert!(inside(r"\bquick(?:[^\S\n]|[,;:])+chat\b"));
        assert!(inside(r"\w+ [a-z]+"));
        assert!(!inside(r"quick.chat"));
        assert!(!inside(r"\W"));
        assert!(!inside(r"quick\s+chat"), "\\s holds a line break");
        assert!(!inside(r"[^a]"));
        assert!(!inside(r"time\?"));
        assert!(!inside(r"\p{L}"), "not known here: assume it may");
        assert!(
            !inside(r"[[:alpha:]]"),
            "POSIX classes are not read: assume it may"
        );
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
}
