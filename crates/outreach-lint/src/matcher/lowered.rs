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
//! [`lowered`] writes that case-sensitive pattern from the
//! case-insensitive reading of the pattern's ASCII form: each class holds
//! both cases of a letter or neither (otherwise part of the pattern is
//! case-sensitive, and the pattern keeps its case-insensitive form), and
//! loses its capitals, which lowercased text never holds. The result is
//! written back as a pattern for a parser without Unicode, tersely: the
//! regex crate's own printer spells every group and flag out, and
//! parsing its longer text cost back a third of what lowering saved.
//! Built-in patterns are lowered once, by the build script.
//!
//! This module depends on nothing else in the crate: the build script
//! compiles it too.

use std::fmt::Write as _;

use regex_syntax::hir::{
    Capture, Class, ClassBytes, ClassBytesRange, Hir, HirKind, Look, Repetition,
};

/// A pattern that finds, case-sensitively in ASCII text with its letters
/// lowercased, what `pattern`'s ASCII form (no Unicode classes,
/// case-insensitive, multi-line) finds in that text; `None` when part of
/// `pattern` is case-sensitive or it does not parse.
pub(crate) fn lowered(pattern: &str) -> Option<String> {
    let parser = |case_insensitive: bool| {
        regex_syntax::ParserBuilder::new()
            .case_insensitive(case_insensitive)
            .multi_line(true)
            .unicode(false)
            .utf8(false)
            .build()
    };
    let tree = without_capitals(&parser(true).parse(pattern).ok()?, true)?;
    let mut lowered = String::new();
    write(&tree, &mut lowered)?;
    // Checked, not assumed: the text must read back as the same tree.
    let back = without_capitals(&parser(false).parse(&lowered).ok()?, false)?;
    (back == tree).then_some(lowered)
}

/// Write `hir` as a pattern for a parser without Unicode, multi-line;
/// `None` for what a lowered ASCII form never holds (Unicode classes,
/// Unicode word boundaries, an empty class).
fn write(hir: &Hir, out: &mut String) -> Option<()> {
    match hir.kind() {
        HirKind::Empty => out.push_str("(?:)"),
        HirKind::Literal(literal) => literal.0.iter().for_each(|&b| byte(b, out)),
        HirKind::Class(Class::Bytes(class)) => {
            if class.ranges().is_empty() {
                return None;
            }
            out.push('[');
            for r in class.ranges() {
                byte(r.start(), out);
                if r.end() != r.start() {
                    out.push('-');
                    byte(r.end(), out);
                }
            }
            out.push(']');
        }
        HirKind::Class(Class::Unicode(_)) => return None,
        HirKind::Look(look) => out.push_str(match look {
            Look::Start => r"\A",
            Look::End => r"\z",
            Look::StartLF => "^",
            Look::EndLF => "$",
            Look::WordAscii => r"\b",
            Look::WordAsciiNegate => r"\B",
            _ => return None,
        }),
        HirKind::Repetition(rep) => {
            atom(&rep.sub, out)?;
            match (rep.min, rep.max) {
                (0, Some(1)) => out.push('?'),
                (0, None) => out.push('*'),
                (1, None) => out.push('+'),
                (min, None) => write!(out, "{{{min},}}").ok()?,
                (min, Some(max)) if min == max => write!(out, "{{{min}}}").ok()?,
                (min, Some(max)) => write!(out, "{{{min},{max}}}").ok()?,
            }
            if !rep.greedy {
                out.push('?');
            }
        }
        HirKind::Capture(cap) => {
            match &cap.name {
                Some(name) => write!(out, "(?P<{name}>").ok()?,
                None => out.push('('),
            }
            write(&cap.sub, out)?;
            out.push(')');
        }
        HirKind::Concat(subs) => {
            for sub in subs {
                if matches!(sub.kind(), HirKind::Alternation(_)) {
                    group(sub, out)?;
                } else {
                    write(sub, out)?;
                }
            }
        }
        HirKind::Alternation(subs) => {
            for (i, sub) in subs.iter().enumerate() {
                if i > 0 {
                    out.push('|');
                }
                write(sub, out)?;
            }
        }
    }
    Some(())
}

/// `hir` as one atom, for a repetition to apply to.
fn atom(hir: &Hir, out: &mut String) -> Option<()> {
    match hir.kind() {
        HirKind::Literal(literal) if literal.0.len() == 1 => write(hir, out),
        HirKind::Class(_) | HirKind::Capture(_) => write(hir, out),
        _ => group(hir, out),
    }
}

/// `hir` in a group that captures nothing.
fn group(hir: &Hir, out: &mut String) -> Option<()> {
    out.push_str("(?:");
    write(hir, out)?;
    out.push(')');
    Some(())
}

/// One byte of a literal or class: letters, digits and spaces as they are,
/// anything else escaped, so that no byte is read as syntax.
fn byte(b: u8, out: &mut String) {
    if b.is_ascii_alphanumeric() || b == b' ' {
        out.push(char::from(b));
    } else {
        let _ = write!(out, "\\x{b:02X}");
    }
}

/// A class of bytes as [`without_capitals`] reads it.
fn without_capital_bytes(class: &ClassBytes, folded: bool) -> Option<Hir> {
    let has = |b: u8| {
        class
            .ranges()
            .iter()
            .any(|r| r.start() <= b && b <= r.end())
    };
    if folded && (b'a'..=b'z').any(|b| has(b) != has(b.to_ascii_uppercase())) {
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
        // the same bytes, for a pattern read without Unicode. A class
        // holding anything else has no lowered form ([`write`] refuses it).
        HirKind::Class(Class::Unicode(class)) => {
            without_capital_bytes(&class.to_byte_class()?, folded)?
        }
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
    use super::lowered;

    type Spans = Vec<(usize, usize)>;

    /// The matches of `pattern` as rules run it, and of its lowered form
    /// over the lowercased text.
    fn both(pattern: &str, text: &str) -> (Spans, Spans) {
        let spans = |re: regex::bytes::Regex, text: &str| -> Spans {
            re.find_iter(text.as_bytes())
                .map(|m| (m.start(), m.end()))
                .collect()
        };
        let original = regex::bytes::RegexBuilder::new(pattern)
            .case_insensitive(true)
            .multi_line(true)
            .build()
            .expect("valid");
        let low = lowered(pattern).expect("lowerable");
        // As the matcher builds it: no Unicode, bytes that need not be
        // UTF-8 (the printer writes classes of bytes).
        let low = regex::bytes::RegexBuilder::new(&low)
            .multi_line(true)
            .unicode(false)
            .build()
            .expect("the lowered form compiles");
        (
            spans(original, text),
            spans(low, &text.to_ascii_lowercase()),
        )
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
}
