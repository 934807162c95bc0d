//! Byte offsets to protocol positions and back.
//!
//! The library speaks byte offsets into the text as read; the protocol
//! speaks a zero-based line and a character offset counted in UTF-16 code
//! units (or UTF-8 bytes, when both sides agree to). Lines end at `\n`,
//! `\r\n` or a lone `\r`, as in the protocol and the library alike.

use lsp_types::Position;
use outreach_lint::LineIndex;

/// How the `character` of a position counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    /// UTF-16 code units: the protocol's default.
    Utf16,
    /// UTF-8 bytes, when the client offers it.
    Utf8,
}

impl Encoding {
    /// The length of `text` in this encoding's units.
    fn units(self, text: &str) -> usize {
        match self {
            Encoding::Utf8 => text.len(),
            Encoding::Utf16 => text.chars().map(char::len_utf16).sum(),
        }
    }
}

/// Line starts of one text, for converting in both directions.
#[derive(Debug, Clone)]
pub(crate) struct LineMap {
    starts: Vec<usize>,
}

impl LineMap {
    /// Index the lines of `text`.
    pub(crate) fn new(text: &str) -> Self {
        LineMap {
            starts: LineIndex::new(text).line_starts().to_vec(),
        }
    }

    /// The byte range of line `line` (zero-based), without its line break.
    fn line(&self, text: &str, line: usize) -> (usize, usize) {
        let start = self.starts.get(line).copied().unwrap_or(text.len());
        let next = self.starts.get(line + 1).copied().unwrap_or(text.len());
        let body = text.get(start..next).unwrap_or_default();
        let body = body
            .strip_suffix("\r\n")
            .or_else(|| body.strip_suffix('\n'))
            .or_else(|| body.strip_suffix('\r'))
            .unwrap_or(body);
        (start, start + body.len())
    }

    /// The position of byte `offset`. An offset past the end, or inside a
    /// character, moves back to the nearest character boundary.
    pub(crate) fn position(&self, text: &str, offset: usize, encoding: Encoding) -> Position {
        let mut offset = offset.min(text.len());
        // Terminates: offset 0 is always a character boundary.
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self
            .starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1);
        let start = self.starts.get(line).copied().unwrap_or(0);
        let character = encoding.units(text.get(start..offset).unwrap_or_default());
        Position {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            character: u32::try_from(character).unwrap_or(u32::MAX),
        }
    }

    /// The byte offset of `position`. As the protocol asks, a character
    /// past the end of its line means the end of the line, and a line past
    /// the end of the text means the end of the text; a position inside a
    /// UTF-16 surrogate pair moves back to the start of its character.
    pub(crate) fn offset(&self, text: &str, position: Position, encoding: Encoding) -> usize {
        let line = usize::try_from(position.line).unwrap_or(usize::MAX);
        if line >= self.starts.len() {
            return text.len();
        }
        let (start, end) = self.line(text, line);
        let want = usize::try_from(position.character).unwrap_or(usize::MAX);
        let mut units = 0;
        for (at, c) in text.get(start..end).unwrap_or_default().char_indices() {
            let width = match encoding {
                Encoding::Utf8 => c.len_utf8(),
                Encoding::Utf16 => c.len_utf16(),
            };
            if units + width > want {
                return start + at;
            }
            units += width;
        }
        end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    #[test]
    fn ascii_positions_are_byte_columns() {
        let text = "Hi Jo,\nCan I pick your brain?";
        let map = LineMap::new(text);
        let at = text.find("pick").unwrap();
        assert_eq!(map.position(text, at, Encoding::Utf16), pos(1, 6));
        assert_eq!(map.offset(text, pos(1, 6), Encoding::Utf16), at);
    }

    #[test]
    fn accents_and_emoji_count_utf16_units() {
        // é is 2 bytes and 1 unit; 🙂 is 4 bytes and 2 units (a pair).
        let text = "Café 🙂 time\nrésumé 🙂🙂 pick";
        let map = LineMap::new(text);
        let at = text.find("pick").unwrap();
        assert_eq!(map.position(text, at, Encoding::Utf16), pos(1, 12));
        assert_eq!(map.position(text, at, Encoding::Utf8), pos(1, 18));
        assert_eq!(map.offset(text, pos(1, 12), Encoding::Utf16), at);
        assert_eq!(map.offset(text, pos(1, 18), Encoding::Utf8), at);
        let time = text.find("time").unwrap();
        assert_eq!(map.position(text, time, Encoding::Utf16), pos(0, 8));
    }

    #[test]
    fn a_position_inside_a_surrogate_pair_moves_to_its_character() {
        let text = "🙂x";
        let map = LineMap::new(text);
        assert_eq!(map.offset(text, pos(0, 1), Encoding::Utf16), 0);
        assert_eq!(map.offset(text, pos(0, 2), Encoding::Utf16), 4);
        // And a byte offset inside a character moves back to its start.
        assert_eq!(map.position(text, 2, Encoding::Utf16), pos(0, 0));
    }

    #[test]
    fn crlf_and_lone_cr_end_lines_and_are_not_columns() {
        let text = "a\r\nbé\rc\n\nd";
        let map = LineMap::new(text);
        assert_eq!(
            map.position(text, text.find('c').unwrap(), Encoding::Utf16),
            pos(2, 0)
        );
        assert_eq!(
            map.position(text, text.find('d').unwrap(), Encoding::Utf16),
            pos(4, 0)
        );
        // The end of line 1 is before its `\r`, however far past it one asks.
        assert_eq!(map.offset(text, pos(1, 99), Encoding::Utf16), 6);
        assert_eq!(map.offset(text, pos(0, 1), Encoding::Utf16), 1);
        assert_eq!(map.position(text, 2, Encoding::Utf16), pos(0, 2));
    }

    #[test]
    fn past_the_end_clamps_to_the_end() {
        let text = "ab\ncd";
        let map = LineMap::new(text);
        assert_eq!(map.offset(text, pos(9, 0), Encoding::Utf16), text.len());
        assert_eq!(map.position(text, 99, Encoding::Utf16), pos(1, 2));
        let empty = LineMap::new("");
        assert_eq!(empty.position("", 0, Encoding::Utf16), pos(0, 0));
        assert_eq!(empty.offset("", pos(0, 5), Encoding::Utf16), 0);
    }

    #[test]
    fn round_trips_every_boundary() {
        let text = "\u{feff}Zoë 🙂\r\nnaïve\rend 👋🏽 x\n";
        let map = LineMap::new(text);
        for encoding in [Encoding::Utf16, Encoding::Utf8] {
            // The `\n` of a `\r\n` is inside a line break, not a place.
            for (offset, _) in text.char_indices().filter(|&(i, c)| {
                !(c == '\n' && text.as_bytes().get(i.wrapping_sub(1)) == Some(&b'\r'))
            }) {
                let p = map.position(text, offset, encoding);
                assert_eq!(
                    map.offset(text, p, encoding),
                    offset,
                    "{offset} {encoding:?}"
                );
            }
        }
    }
}
