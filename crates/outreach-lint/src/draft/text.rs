//! The normalised text the rules match against, and the way back to the
//! bytes as read.
//!
//! Rules are written for plain text: `'` not `’`, `"` not `“`, `\n` not `\r\n`,
//! a space not a no-break space. Instead of asking every pattern to spell all
//! variants, the draft is normalised once and each offset found in the
//! normalised text is mapped back to the original bytes. The map is a sorted
//! list of anchors, one per edit, so it costs nothing for text that needed no
//! edits and a binary search otherwise.

/// Text normalised for matching, with a map back to the original offsets.
#[derive(Debug, Clone)]
pub(crate) struct NormText {
    pub(crate) text: String,
    /// `(normalised offset, original offset)` at the end of each edit; between
    /// anchors the two advance together.
    anchors: Vec<(usize, usize)>,
}

/// Whether the `**` at `at` marks emphasis, as drafts pasted from a
/// chat or a document bring along ("**Forward** the link"): two asterisks,
/// no third beside them, opening a word after a space or punctuation or
/// closing one before. Removed, so that words match across them; `2**10`
/// and a row of asterisks stay.
fn is_emphasis(bytes: &[u8], at: usize) -> bool {
    let at_byte = |i: Option<usize>| i.and_then(|i| bytes.get(i)).copied();
    if at_byte(Some(at + 1)) != Some(b'*') {
        return false;
    }
    let before = at_byte(at.checked_sub(1));
    let after = at_byte(Some(at + 2));
    if before == Some(b'*') || after == Some(b'*') {
        return false;
    }
    let blank = |b: Option<u8>| b.is_none_or(|b| b.is_ascii_whitespace());
    let word = |b: Option<u8>| b.is_some_and(|b| !b.is_ascii_whitespace());
    let edge = |b: Option<u8>| blank(b) || b.is_some_and(|b| b.is_ascii_punctuation());
    (edge(before) && word(after)) || (word(before) && edge(after))
}

fn replacement(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{00ad}' => "",
        '\u{2018}' | '\u{2019}' | '\u{201b}' | '\u{2032}' => "'",
        '\u{201c}' | '\u{201d}' | '\u{201f}' | '\u{2033}' => "\"",
        '\u{00a0}' | '\u{2007}' | '\u{202f}' | '\u{2009}' | '\u{200a}' => " ",
        '\u{2028}' | '\u{2029}' | '\u{0085}' => "\n",
        _ => return None,
    })
}

impl NormText {
    pub(crate) fn new(original: &str) -> Self {
        let bytes = original.as_bytes();
        if original.is_ascii()
            && memchr::memchr(b'\r', bytes).is_none()
            && memchr::memmem::find(bytes, b"**").is_none()
        {
            return NormText {
                text: original.to_owned(),
                anchors: Vec::new(),
            };
        }
        let mut text = String::with_capacity(original.len());
        let mut anchors = Vec::new();
        let mut at = 0;
        while at < bytes.len() {
            // Plain ASCII runs are copied whole.
            let plain = bytes
                .get(at..)
                .unwrap_or_default()
                .iter()
                .take_while(|&&b| b != b'\r' && b != b'*' && b < 0x80)
                .count();
            if plain > 0 {
                text.push_str(original.get(at..at + plain).unwrap_or_default());
                at += plain;
                continue;
            }
            let Some(c) = original.get(at..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            let (out, consumed) = match c {
                '*' if is_emphasis(bytes, at) => ("", 2),
                '\r' if bytes.get(at + 1) == Some(&b'\n') => ("\n", 2),
                '\r' => ("\n", 1),
                _ => match replacement(c) {
                    Some(out) => (out, c.len_utf8()),
                    None => {
                        text.push(c);
                        at += c.len_utf8();
                        continue;
                    }
                },
            };
            text.push_str(out);
            if out.len() != consumed {
                anchors.push((text.len(), at + consumed));
            }
            at += consumed;
        }
        NormText { text, anchors }
    }

    /// The original byte offset of normalised offset `at`.
    pub(crate) fn to_original(&self, at: usize) -> usize {
        let i = self.anchors.partition_point(|&(norm, _)| norm <= at);
        // `norm <= at` for the anchor found, so the subtraction cannot wrap.
        match i.checked_sub(1).and_then(|i| self.anchors.get(i).copied()) {
            Some((norm, orig)) => orig + (at - norm),
            None => at,
        }
    }
}

/// Which way an offset at the edge of an edit leans: a span's start leans
/// past deleted syntax (`**pick` starts at `p`), its end leans before it
/// (`brain**` ends after `n`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Bias {
    Start,
    End,
}

/// One edit: `orig` bytes of the original became `out` bytes of the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Edit {
    out_start: usize,
    out_end: usize,
    orig_start: usize,
    orig_end: usize,
}

/// A text made from an original by a list of edits ("this original range
/// becomes that text"), and the way back. Markdown uses it to strip syntax
/// and turn front matter into header lines; [`NormText`] then normalises
/// the result, and the two maps compose.
#[derive(Debug, Clone, Default)]
pub(crate) struct SourceMap {
    edits: Vec<Edit>,
}

impl SourceMap {
    /// Apply `edits` (original byte range, replacement) to `original`.
    /// Edits are sorted first; one that overlaps an earlier edit or does not
    /// fall on character boundaries is dropped rather than trusted.
    #[cfg(feature = "markdown")]
    pub(crate) fn apply(
        original: &str,
        mut edits: Vec<(std::ops::Range<usize>, std::borrow::Cow<'_, str>)>,
    ) -> (String, SourceMap) {
        edits.sort_by_key(|(range, _)| (range.start, range.end));
        let mut out = String::with_capacity(original.len());
        let mut map: Vec<Edit> = Vec::with_capacity(edits.len());
        let mut copied = 0;
        for (range, replacement) in edits {
            if range.start < copied || range.end < range.start {
                continue;
            }
            let (Some(before), Some(_)) = (
                original.get(copied..range.start),
                original.get(range.clone()),
            ) else {
                continue;
            };
            out.push_str(before);
            let out_start = out.len();
            out.push_str(&replacement);
            let edit = Edit {
                out_start,
                out_end: out.len(),
                orig_start: range.start,
                orig_end: range.end,
            };
            copied = range.end;
            // Touching edits merge, so an offset has one edit to lean on.
            match map.last_mut() {
                Some(last)
                    if last.orig_end == edit.orig_start && last.out_end == edit.out_start =>
                {
                    last.out_end = edit.out_end;
                    last.orig_end = edit.orig_end;
                }
                _ => map.push(edit),
            }
        }
        out.push_str(original.get(copied..).unwrap_or_default());
        (out, SourceMap { edits: map })
    }

    /// The original byte offset of output offset `at`. Offsets inside a
    /// replacement map to the edge of the range it replaced.
    pub(crate) fn to_original(&self, at: usize, bias: Bias) -> usize {
        let found = match bias {
            // The last edit starting at or before `at`: a deletion right at
            // `at` is skipped over.
            Bias::Start => self.edits.partition_point(|e| e.out_start <= at),
            // The last edit starting strictly before `at`: a deletion right
            // at `at` is left alone.
            Bias::End => self.edits.partition_point(|e| e.out_start < at),
        };
        let Some(edit) = found.checked_sub(1).and_then(|i| self.edits.get(i)) else {
            return at;
        };
        if at >= edit.out_end {
            edit.orig_end + (at - edit.out_end)
        } else {
            match bias {
                Bias::Start => edit.orig_start,
                Bias::End => edit.orig_end,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(original: &str, needle: &str) -> String {
        let norm = NormText::new(original);
        let at = norm.text.find(needle).expect("needle in normalised text");
        let (s, e) = (norm.to_original(at), norm.to_original(at + needle.len()));
        original[s..e].to_owned()
    }

    #[test]
    fn curly_apostrophes_map_back_to_the_original_bytes() {
        assert_eq!(roundtrip("I’d love to pick your brain", "pick"), "pick");
        assert_eq!(roundtrip("I’d love to", "I'd"), "I’d");
    }

    #[test]
    fn crlf_and_bom_map_back() {
        let original = "\u{feff}Hi\r\n\r\nCan I pick your brain?";
        let norm = NormText::new(original);
        assert_eq!(norm.text, "Hi\n\nCan I pick your brain?");
        assert_eq!(roundtrip(original, "pick your"), "pick your");
        assert_eq!(roundtrip(original, "Hi\n\nCan"), "Hi\r\n\r\nCan");
    }

    #[test]
    fn plain_ascii_is_identity() {
        let norm = NormText::new("plain text\n");
        assert_eq!(norm.to_original(5), 5);
        assert!(norm.anchors.is_empty());
    }

    #[test]
    fn lone_cr_becomes_a_line_break() {
        let norm = NormText::new("a\rb");
        assert_eq!(norm.text, "a\nb");
        assert_eq!(norm.to_original(2), 2);
    }

    fn edits(
        list: &[(usize, usize, &'static str)],
    ) -> Vec<(std::ops::Range<usize>, std::borrow::Cow<'static, str>)> {
        list.iter().map(|&(s, e, r)| (s..e, r.into())).collect()
    }

    #[test]
    fn source_map_strips_markers_and_spans_lean_inward() {
        let original = "Can I **pick your brain**?";
        let (out, map) = SourceMap::apply(original, edits(&[(6, 8, ""), (23, 25, "")]));
        assert_eq!(out, "Can I pick your brain?");
        let s = out.find("pick").unwrap();
        let e = s + "pick your brain".len();
        let (s, e) = (
            map.to_original(s, Bias::Start),
            map.to_original(e, Bias::End),
        );
        assert_eq!(&original[s..e], "pick your brain");
        // After the last edit, offsets shift by what was removed.
        assert_eq!(map.to_original(out.len(), Bias::End), original.len());
    }

    #[test]
    fn source_map_replacements_clamp_to_the_range_they_replace() {
        let original = "[post](https://x.org)";
        let (out, map) =
            SourceMap::apply(original, edits(&[(0, 1, ""), (5, 7, " "), (20, 21, "")]));
        assert_eq!(out, "post https://x.org");
        let url = out.find("https").unwrap();
        assert_eq!(
            &original[map.to_original(url, Bias::Start)..],
            "https://x.org)"
        );
        // Inside the replacement " ": the start leans to the `](`.
        assert_eq!(map.to_original(4, Bias::Start), 5);
        assert_eq!(map.to_original(5, Bias::End), 7);
    }

    #[test]
    fn source_map_drops_overlapping_and_misaligned_edits() {
        let (out, _) = SourceMap::apply("héllo", edits(&[(0, 2, "X"), (1, 3, "Y"), (2, 3, "")]));
        assert_eq!(out, "hYllo");
        let (out, map) = SourceMap::apply("abc", Vec::new());
        assert_eq!(out, "abc");
        assert_eq!(map.to_original(2, Bias::Start), 2);
    }
}
