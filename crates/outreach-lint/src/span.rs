//! Byte spans and their translation to 1-based lines and character columns.
//!
//! Every span the library hands out is a byte range into the text exactly as
//! it was read (BOM, CRLF and all). Lines and columns are computed only at the
//! edge, when a [`Diagnostic`](crate::Diagnostic) is built.

use serde::{Deserialize, Serialize};

/// A half-open byte range `start..end` into a draft's text as read.
///
/// ```
/// use outreach_lint::Span;
/// let span = Span::new(3, 8);
/// assert_eq!(&"Hi Jane, hello"[span.range()], "Jane,");
/// assert_eq!(span.len(), 5);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (swapped if given backwards).
    pub fn new(start: usize, end: usize) -> Self {
        if start <= end {
            Span { start, end }
        } else {
            Span {
                start: end,
                end: start,
            }
        }
    }

    /// The span as a `Range`, for slicing.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// Whether two spans share at least one byte (or touch, for empty spans).
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
            || (self.is_empty() || other.is_empty())
                && self.start <= other.end
                && other.start <= self.end
    }
}

/// A 1-based line and column, where the column counts Unicode scalar values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineColumn {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in characters (not bytes, not display cells).
    pub column: usize,
}

/// Maps byte offsets to lines and columns.
///
/// A line ends at `\n`, `\r\n` or a lone `\r`. A byte-order mark at the start
/// of the text is not counted as a column, since no editor shows it.
///
/// ```
/// use outreach_lint::LineIndex;
/// let text = "Subject: Hi\r\nCafé is where we met";
/// let index = LineIndex::new(text);
/// let at = index.line_column(text, text.find("where").unwrap());
/// assert_eq!((at.line, at.column), (2, 9));
/// ```
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    /// Index the line starts of `text`.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            match bytes.get(i) {
                Some(b'\n') => line_starts.push(i + 1),
                Some(b'\r') if bytes.get(i + 1) != Some(&b'\n') => line_starts.push(i + 1),
                _ => {}
            }
        }
        LineIndex { line_starts }
    }

    /// Byte offset where each line starts; the first is always 0.
    pub fn line_starts(&self) -> &[usize] {
        &self.line_starts
    }

    /// The line and column of byte `offset` in `text` (the text this index was
    /// built from). Offsets past the end or inside a character clamp to the
    /// nearest character boundary before them.
    pub fn line_column(&self, text: &str, offset: usize) -> LineColumn {
        let (offset, line, start) = self.place(text, offset);
        let column = chars_between(text, start, offset) + 1;
        LineColumn { line, column }
    }

    /// [`line_column`](Self::line_column) for many offsets at once. Offsets
    /// are visited in order and each column is counted on from the previous
    /// one on the same line, so the work is one pass over the text however
    /// many offsets share a long line.
    pub(crate) fn line_columns(&self, text: &str, offsets: &[usize]) -> Vec<LineColumn> {
        let mut order: Vec<usize> = (0..offsets.len()).collect();
        order.sort_by_key(|&i| offsets.get(i).copied().unwrap_or(0));
        let mut out = vec![LineColumn { line: 1, column: 1 }; offsets.len()];
        // (offset, where its line's columns start, its place) of the last one.
        let mut last: Option<(usize, usize, LineColumn)> = None;
        for i in order {
            let (offset, line, start) = self.place(text, offsets.get(i).copied().unwrap_or(0));
            let column = match last {
                Some((at, from, prev)) if prev.line == line && from == start && at <= offset => {
                    prev.column + chars_between(text, at, offset)
                }
                _ => chars_between(text, start, offset) + 1,
            };
            let place = LineColumn { line, column };
            last = Some((offset, start, place));
            if let Some(slot) = out.get_mut(i) {
                *slot = place;
            }
        }
        out
    }

    /// `offset` clamped back onto a character boundary, its 1-based line,
    /// and the byte where that line's columns start (past a leading BOM).
    fn place(&self, text: &str, offset: usize) -> (usize, usize, usize) {
        let mut offset = offset.min(text.len());
        // Terminates: offset 0 is always a character boundary.
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let mut start = line
            .checked_sub(1)
            .and_then(|i| self.line_starts.get(i))
            .copied()
            .unwrap_or(0);
        if start == 0 && text.starts_with('\u{feff}') && offset >= 3 {
            start = 3;
        }
        (offset, line.max(1), start)
    }
}

/// Characters in `text[from..to]` (none if that is not a valid range).
fn chars_between(text: &str, from: usize, to: usize) -> usize {
    text.get(from..to).map_or(0, |s| s.chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_lone_cr_and_crlf_as_one_break_each() {
        let text = "a\rb\r\nc\nd";
        let index = LineIndex::new(text);
        assert_eq!(index.line_starts(), &[0, 2, 5, 7]);
        let d = index.line_column(text, 7);
        assert_eq!((d.line, d.column), (4, 1));
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "naïve café pick";
        let index = LineIndex::new(text);
        let at = index.line_column(text, text.find("pick").unwrap());
        assert_eq!(at.column, 12);
    }

    #[test]
    fn bom_is_not_a_column() {
        let text = "\u{feff}Hi there";
        let index = LineIndex::new(text);
        assert_eq!(index.line_column(text, 3).column, 1);
        assert_eq!(index.line_column(text, 6).column, 4);
    }

    #[test]
    fn offset_inside_a_character_clamps_back() {
        let text = "é";
        let index = LineIndex::new(text);
        assert_eq!(index.line_column(text, 1).column, 1);
        assert_eq!(index.line_column(text, 99).column, 2);
    }

    #[test]
    fn many_offsets_at_once_agree_with_one_at_a_time() {
        let text = "\u{feff}Hé\r\nwörld\rok\n\nend é";
        let index = LineIndex::new(text);
        let offsets: Vec<usize> = (0..=text.len() + 2).rev().chain([5, 0, 9]).collect();
        let batch = index.line_columns(text, &offsets);
        for (&offset, got) in offsets.iter().zip(&batch) {
            assert_eq!(*got, index.line_column(text, offset), "offset {offset}");
        }
    }

    #[test]
    fn overlap_is_symmetric_and_strict_for_non_empty_spans() {
        assert!(Span::new(0, 5).overlaps(Span::new(4, 9)));
        assert!(!Span::new(0, 5).overlaps(Span::new(5, 9)));
        assert!(Span::new(3, 3).overlaps(Span::new(0, 5)));
    }
}
