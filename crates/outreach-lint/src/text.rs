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
        let needs_work = original.bytes().any(|b| b == b'\r' || b >= 0x80);
        if !needs_work {
            return NormText {
                text: original.to_owned(),
                anchors: Vec::new(),
            };
        }
        let mut text = String::with_capacity(original.len());
        let mut anchors = Vec::new();
        let mut chars = original.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            let (out, consumed) = match c {
                '\r' => {
                    if let Some(&(_, '\n')) = chars.peek() {
                        chars.next();
                        ("\n", 2)
                    } else {
                        ("\n", 1)
                    }
                }
                _ => match replacement(c) {
                    Some(out) => (out, c.len_utf8()),
                    None => {
                        text.push(c);
                        continue;
                    }
                },
            };
            text.push_str(out);
            if out.len() != consumed {
                anchors.push((text.len(), at + consumed));
            }
        }
        NormText { text, anchors }
    }

    /// The original byte offset of normalised offset `at`.
    pub(crate) fn to_original(&self, at: usize) -> usize {
        let i = self.anchors.partition_point(|&(norm, _)| norm <= at);
        match i.checked_sub(1).map(|i| self.anchors[i]) {
            Some((norm, orig)) => orig + (at - norm),
            None => at,
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
}
