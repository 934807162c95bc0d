//! Which patterns can run case-sensitively over lowercased text.
//!
//! Every rule pattern is case-insensitive, and building a case-insensitive
//! regex is dear: each letter becomes a class of its two cases, and
//! folding the classes is most of translating a pattern. Over text whose
//! ASCII letters are lowercased (the matcher keeps such a copy, same
//! offsets), a pattern whose letters are all lowercase and all meant
//! case-insensitively finds the same matches written case-sensitively,
//! and builds in a fraction of the time.
//!
//! [`lowered`] reads that case-sensitive pattern off the
//! case-insensitive reading of the pattern's ASCII form: each class holds
//! both cases of a letter or neither (otherwise part of the pattern is
//! case-sensitive, and the pattern keeps its case-insensitive form), and
//! loses its capitals, which lowercased text never holds. The result is
//! kept as its syntax tree, encoded in a few bytes per node ([`decode`]
//! turns it back), not as pattern text: parsing and translating the long
//! texts that word patterns become was half of building them, and the
//! regex crate builds from a tree as well as from text. Built-in patterns
//! are lowered once, by the build script.
//!
//! This module depends on nothing else in the crate: the build script
//! compiles it too.

use regex_syntax::hir::{
    Capture, Class, ClassBytes, ClassBytesRange, ClassUnicode, ClassUnicodeRange, Hir, HirKind,
    Look, Repetition,
};

/// A pattern that finds, case-sensitively in ASCII text with its letters
/// lowercased, what `pattern`'s ASCII form (no Unicode classes,
/// case-insensitive, multi-line) finds in that text, as its encoded syntax
/// tree; `None` when part of `pattern` is case-sensitive or it does not
/// parse.
pub(crate) fn lowered(pattern: &str) -> Option<Vec<u8>> {
    let tree = without_capitals(&ascii_form(pattern)?, true)?;
    let mut encoded = Vec::new();
    encode(&tree, &mut encoded)?;
    // Checked, not assumed: the bytes must decode to the same tree.
    (decode(&encoded)? == tree).then_some(encoded)
}

/// `pattern`'s ASCII form: no Unicode classes, case-insensitive,
/// multi-line, over bytes.
fn ascii_form(pattern: &str) -> Option<Hir> {
    regex_syntax::ParserBuilder::new()
        .case_insensitive(true)
        .multi_line(true)
        .unicode(false)
        .utf8(false)
        .build()
        .parse(pattern)
        .ok()
}

/// `pattern`'s ASCII form, for text whose only non-ASCII characters are
/// punctuation: the pattern that has no lowered form (a case-sensitive
/// part) gets the classes [`decode_for_punctuation`] writes.
#[allow(
    dead_code,
    reason = "the build script compiles this module too, and only encodes"
)]
pub(crate) fn ascii_for_punctuation(pattern: &str) -> Option<Hir> {
    let mut encoded = Vec::new();
    encode(&ascii_form(pattern)?, &mut encoded)?;
    decode_for_punctuation(&encoded)
}

/// The tags of [`encode`]'s nodes.
mod tag {
    pub(super) const EMPTY: u8 = 0;
    pub(super) const LITERAL: u8 = 1;
    pub(super) const CLASS: u8 = 2;
    pub(super) const LOOK: u8 = 3;
    pub(super) const REPETITION: u8 = 4;
    pub(super) const CAPTURE: u8 = 5;
    pub(super) const CONCAT: u8 = 6;
    pub(super) const ALTERNATION: u8 = 7;
    pub(super) const CHARS: u8 = 8;
}

/// Append `hir` to `out`, each node as a tag and its fields, children
/// after their parent; numbers as LEB128. A class of characters is one the
/// parser made of literals ("(?:\"|“)"), so it is small.
fn encode(hir: &Hir, out: &mut Vec<u8>) -> Option<()> {
    match hir.kind() {
        HirKind::Empty => out.push(tag::EMPTY),
        HirKind::Literal(literal) => {
            out.push(tag::LITERAL);
            number(literal.0.len(), out);
            out.extend_from_slice(&literal.0);
        }
        HirKind::Class(Class::Bytes(class)) => {
            out.push(tag::CLASS);
            number(class.ranges().len(), out);
            for r in class.ranges() {
                out.extend([r.start(), r.end()]);
            }
        }
        HirKind::Class(Class::Unicode(class)) => {
            out.push(tag::CHARS);
            number(class.ranges().len(), out);
            for r in class.ranges() {
                number(usize::try_from(u32::from(r.start())).ok()?, out);
                number(usize::try_from(u32::from(r.end())).ok()?, out);
            }
        }
        HirKind::Look(look) => {
            out.push(tag::LOOK);
            number(usize::try_from(look.as_repr()).ok()?, out);
        }
        HirKind::Repetition(rep) => {
            out.push(tag::REPETITION);
            number(usize::try_from(rep.min).ok()?, out);
            // The maximum plus one; zero for none.
            number(
                rep.max
                    .map_or(Some(0), |max| usize::try_from(max).ok()?.checked_add(1))?,
                out,
            );
            out.push(u8::from(rep.greedy));
            encode(&rep.sub, out)?;
        }
        HirKind::Capture(cap) => {
            out.push(tag::CAPTURE);
            number(usize::try_from(cap.index).ok()?, out);
            // A name is never empty: zero length is no name.
            let name = cap.name.as_deref().unwrap_or_default();
            number(name.len(), out);
            out.extend_from_slice(name.as_bytes());
            encode(&cap.sub, out)?;
        }
        HirKind::Concat(subs) | HirKind::Alternation(subs) => {
            out.push(if matches!(hir.kind(), HirKind::Concat(_)) {
                tag::CONCAT
            } else {
                tag::ALTERNATION
            });
            number(subs.len(), out);
            for sub in subs {
                encode(sub, out)?;
            }
        }
    }
    Some(())
}

/// Append `n` as LEB128: seven bits a byte, low bits first.
fn number(mut n: usize, out: &mut Vec<u8>) {
    while n >= 0x80 {
        out.push((n as u8 & 0x7F) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// The tree [`encode`] wrote, rebuilt through the smart constructors that
/// built it; `None` if the bytes are not such a tree.
pub(crate) fn decode(bytes: &[u8]) -> Option<Hir> {
    Reader::new(bytes, false).all()
}

/// The tree [`encode`] wrote, for lowercased text whose only non-ASCII
/// characters are punctuation, symbols and the like: neither word
/// characters nor spaces (’ — … “ ” •, emoji). A class holding every byte
/// above ASCII (`.`, `\W`, `[^a-z]`) matches any one such character, as
/// the Unicode form's class does, instead of one byte of it; the classes
/// that hold none of those bytes (`\w`, `\s`, `[a-z]`) hold none of those
/// characters in the Unicode form either, and `\b` already reads a byte
/// above ASCII as a non-word character. Over such text it finds what the
/// Unicode form finds, at a fraction of the build cost. `None` for a class
/// holding only some bytes above ASCII, which no pattern written as text
/// makes.
#[allow(
    dead_code,
    reason = "the build script compiles this module too, and only encodes"
)]
pub(crate) fn decode_for_punctuation(bytes: &[u8]) -> Option<Hir> {
    Reader::new(bytes, true).all()
}

/// Any one character of two to four bytes in UTF-8.
fn multibyte_char() -> Hir {
    let class = |from: u8, to: u8| {
        Hir::class(Class::Bytes(ClassBytes::new([ClassBytesRange::new(
            from, to,
        )])))
    };
    let tail = |n: u32| {
        Hir::repetition(Repetition {
            min: n,
            max: Some(n),
            greedy: true,
            sub: Box::new(class(0x80, 0xBF)),
        })
    };
    Hir::alternation(vec![
        Hir::concat(vec![class(0xC2, 0xDF), tail(1)]),
        Hir::concat(vec![class(0xE0, 0xEF), tail(2)]),
        Hir::concat(vec![class(0xF0, 0xF4), tail(3)]),
    ])
}

/// A cursor over encoded bytes.
struct Reader<'b> {
    bytes: &'b [u8],
    at: usize,
    /// Write classes as [`decode_for_punctuation`] does.
    punctuation: bool,
}

impl<'b> Reader<'b> {
    fn new(bytes: &'b [u8], punctuation: bool) -> Reader<'b> {
        Reader {
            bytes,
            at: 0,
            punctuation,
        }
    }

    /// The tree, which must use every byte.
    fn all(mut self) -> Option<Hir> {
        let hir = self.hir()?;
        (self.at == self.bytes.len()).then_some(hir)
    }

    /// A class read off its ranges.
    fn class(&self, ranges: impl Iterator<Item = ClassBytesRange>) -> Option<Hir> {
        let class = ClassBytes::new(ranges);
        if !self.punctuation || class.is_ascii() {
            return Some(Hir::class(Class::Bytes(class)));
        }
        let above = ClassBytes::new([ClassBytesRange::new(0x80, 0xFF)]);
        let mut high = class.clone();
        high.intersect(&above);
        if high != above {
            return None;
        }
        let mut ascii = class;
        ascii.difference(&above);
        Some(if ascii.ranges().is_empty() {
            multibyte_char()
        } else {
            Hir::alternation(vec![Hir::class(Class::Bytes(ascii)), multibyte_char()])
        })
    }

    fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    fn take(&mut self, n: usize) -> Option<&'b [u8]> {
        let bytes = self.bytes;
        let taken = bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(taken)
    }

    fn number(&mut self) -> Option<usize> {
        let mut n = 0usize;
        for shift in (0..usize::BITS).step_by(7) {
            let b = self.byte()?;
            n |= usize::from(b & 0x7F).checked_shl(shift)?;
            if b & 0x80 == 0 {
                return Some(n);
            }
        }
        None
    }

    fn u32(&mut self) -> Option<u32> {
        u32::try_from(self.number()?).ok()
    }

    fn hir(&mut self) -> Option<Hir> {
        Some(match self.byte()? {
            tag::EMPTY => Hir::empty(),
            tag::LITERAL => {
                let n = self.number()?;
                Hir::literal(self.take(n)?)
            }
            tag::CLASS => {
                let n = self.number()?;
                let pairs = self.take(n.checked_mul(2)?)?;
                let ranges = pairs
                    .chunks_exact(2)
                    .map(|p| ClassBytesRange::new(p[0], p[1]));
                self.class(ranges)?
            }
            tag::CHARS => {
                let n = self.number()?;
                // Each range is at least two bytes.
                if n > self.bytes.len() - self.at {
                    return None;
                }
                let ranges = (0..n)
                    .map(|_| {
                        let start = char::from_u32(self.u32()?)?;
                        let end = char::from_u32(self.u32()?)?;
                        Some(ClassUnicodeRange::new(start, end))
                    })
                    .collect::<Option<Vec<_>>>()?;
                Hir::class(Class::Unicode(ClassUnicode::new(ranges)))
            }
            tag::LOOK => Hir::look(Look::from_repr(self.u32()?)?),
            tag::REPETITION => {
                let min = self.u32()?;
                let max = self.u32()?.checked_sub(1);
                let greedy = self.byte()? != 0;
                let sub = Box::new(self.hir()?);
                Hir::repetition(Repetition {
                    min,
                    max,
                    greedy,
                    sub,
                })
            }
            tag::CAPTURE => {
                let index = self.u32()?;
                let n = self.number()?;
                let name = std::str::from_utf8(self.take(n)?).ok()?;
                let name = (!name.is_empty()).then(|| name.into());
                let sub = Box::new(self.hir()?);
                Hir::capture(Capture { index, name, sub })
            }
            t @ (tag::CONCAT | tag::ALTERNATION) => {
                let n = self.number()?;
                // Each node is at least one byte: a count the bytes cannot
                // hold is not a tree.
                if n > self.bytes.len() - self.at {
                    return None;
                }
                let subs = (0..n).map(|_| self.hir()).collect::<Option<Vec<_>>>()?;
                if t == tag::CONCAT {
                    Hir::concat(subs)
                } else {
                    Hir::alternation(subs)
                }
            }
            _ => return None,
        })
    }
}

/// Whether a class holds one case of an ASCII letter and not the other,
/// by `has` (is this byte in it): that part of the pattern is
/// case-sensitive.
fn splits_case(has: impl Fn(u8) -> bool) -> bool {
    (b'a'..=b'z').any(|b| has(b) != has(b.to_ascii_uppercase()))
}

/// A class of bytes as [`without_capitals`] reads it.
fn without_capital_bytes(class: &ClassBytes, folded: bool) -> Option<Hir> {
    let has = |b: u8| {
        class
            .ranges()
            .iter()
            .any(|r| r.start() <= b && b <= r.end())
    };
    if folded && splits_case(has) {
        return None;
    }
    let mut class = class.clone();
    class.difference(&ClassBytes::new([ClassBytesRange::new(b'A', b'Z')]));
    Some(Hir::class(Class::Bytes(class)))
}

/// `hir`, the case-insensitive reading of a pattern, as it reads
/// lowercased text: its classes without capitals and as classes of bytes,
/// rebuilt through the smart constructors (so `[Aa]` less `A` becomes the
/// literal `a`). With `folded`, `None` if part of it is case-sensitive: a
/// class that holds one case of a letter and not the other, or a literal
/// holding a letter (the case-insensitive reading writes letters as
/// classes). Without, only the same shape, to compare a lowered pattern
/// read back with the tree it was written from.
fn without_capitals(hir: &Hir, folded: bool) -> Option<Hir> {
    Some(match hir.kind() {
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(literal) => {
            if folded && literal.0.iter().any(u8::is_ascii_alphabetic) {
                return None;
            }
            Hir::literal(literal.0.clone())
        }
        HirKind::Class(Class::Bytes(class)) => without_capital_bytes(class, folded)?,
        // The parser writes some ASCII classes as classes of characters:
        // the same bytes, for a pattern read without Unicode. A class that
        // also holds other characters is one it made of literals
        // ("(?:\"|“)"): its ASCII part loses its capitals, and the rest is
        // kept as written, which is how the ASCII form reads it too.
        HirKind::Class(Class::Unicode(class)) => match class.to_byte_class() {
            Some(bytes) => without_capital_bytes(&bytes, folded)?,
            None => {
                let has = |b: u8| {
                    let c = char::from(b);
                    class
                        .ranges()
                        .iter()
                        .any(|r| r.start() <= c && c <= r.end())
                };
                if folded && splits_case(has) {
                    return None;
                }
                let mut class = class.clone();
                class.difference(&ClassUnicode::new([ClassUnicodeRange::new('A', 'Z')]));
                Hir::class(Class::Unicode(class))
            }
        },
        HirKind::Look(look) => Hir::look(*look),
        HirKind::Repetition(rep) => Hir::repetition(Repetition {
            min: rep.min,
            max: rep.max,
            greedy: rep.greedy,
            sub: Box::new(without_capitals(&rep.sub, folded)?),
        }),
        HirKind::Capture(cap) => Hir::capture(Capture {
            index: cap.index,
            name: cap.name.clone(),
            sub: Box::new(without_capitals(&cap.sub, folded)?),
        }),
        HirKind::Concat(subs) => Hir::concat(
            subs.iter()
                .map(|h| without_capitals(h, folded))
                .collect::<Option<_>>()?,
        ),
        HirKind::Alternation(subs) => Hir::alternation(
            subs.iter()
                .map(|h| without_capitals(h, folded))
                .collect::<Option<_>>()?,
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::{decode, lowered};
    use regex_automata::meta;

    type Spans = Vec<(usize, usize)>;

    /// The matches of `pattern` as rules run it, and of its lowered form
    /// over the lowercased text.
    fn both(pattern: &str, text: &str) -> (Spans, Spans) {
        let original = regex::bytes::RegexBuilder::new(pattern)
            .case_insensitive(true)
            .multi_line(true)
            .build()
            .expect("valid");
        let original = original
            .find_iter(text.as_bytes())
            .map(|m| (m.start(), m.end()))
            .collect();
        let low = decode(&lowered(pattern).expect("lowerable")).expect("decodes");
        // As the matcher builds it, from the tree.
        let low = meta::Regex::builder()
            .build_from_hir(&low)
            .expect("the lowered form compiles");
        let lower = text.to_ascii_lowercase();
        let low = low
            .find_iter(lower.as_bytes())
            .map(|m| (m.start(), m.end()))
            .collect();
        (original, low)
    }

    #[test]
    fn lowered_patterns_match_the_same() {
        let text = "Could I PICK your Brain? I'd love a quick Call, \
                    {First_Name}; Dear Sir, XYZ. Pick yer brains.";
        for p in [
            r"\bpick (?:your|yer) brains?\b",
            r"\b(?:can|could) I\b",
            r"(?-i:[^\S\n]|[,;:])+call",
            r"(?-i:\b[\w'-]+\b) brains?",
            r"\{\s*[a-z_]+\s*\}",
            r"(?P<m>quick) call",
            r"[^a-z ]+",
        ] {
            let (original, low) = both(p, text);
            assert!(!original.is_empty(), "{p} should match the sample");
            assert_eq!(original, low, "{p}");
        }
    }

    #[test]
    fn case_sensitive_letters_keep_the_pattern_as_it_is() {
        for p in [
            r"(?-i:Dear) sir",
            r"(?-i:dear)",
            r"(?-i:[A-Z])\w+",
            r"\b(?:null|(?-i:NaN))\b",
            r"(?-i:[a-z])",
            r"(",
        ] {
            assert_eq!(lowered(p), None, "{p}");
        }
    }

    #[test]
    fn broken_encodings_decode_to_nothing() {
        let encoded = lowered(r"\b(?P<m>pick) (?:your|yer){1,2} brains?\b").expect("lowerable");
        assert!(decode(&encoded).is_some());
        // Every shorter prefix, and every single byte changed, either
        // decodes to nothing or to some tree: never a panic.
        for n in 0..encoded.len() {
            assert_eq!(decode(&encoded[..n]), None, "prefix of {n} bytes");
        }
        for i in 0..encoded.len() {
            for b in [0, 7, 8, 0x7F, 0x80, 0xFF] {
                let mut changed = encoded.clone();
                changed[i] = b;
                let _ = decode(&changed);
            }
        }
        assert_eq!(decode(&[0, 0]), None, "trailing bytes");
        assert_eq!(
            decode(&[6, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F]),
            None,
            "huge count"
        );
    }
}
