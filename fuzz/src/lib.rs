//! What every lint result must satisfy, whatever the input: the checks the
//! fuzz targets run after each call, so a wrong span fails as loudly as a
//! panic does.

use outreach_lint::{Diagnostic, Draft};

/// The 1-based line and character column of `offset`, computed the slow,
/// obvious way: count `\n`, `\r\n` and lone `\r` before it, then the
/// characters since the last one (a BOM at the very start is not a column).
pub fn naive_line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let mut line = 1;
    let mut line_start = 0;
    let bytes = before.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let breaks = b == b'\n' || (b == b'\r' && text.as_bytes().get(i + 1) != Some(&b'\n'));
        if breaks {
            line += 1;
            line_start = i + 1;
        }
    }
    if line_start == 0 && before.starts_with('\u{feff}') {
        line_start = 3;
    }
    (line, before[line_start..].chars().count() + 1)
}

/// Panic unless every section and diagnostic of `text`, parsed as plain
/// text, is in bounds, on character boundaries, and placed at the line and
/// column its offsets say.
pub fn check(text: &str, diagnostics: &[Diagnostic]) {
    check_sections(text, &Draft::parse(text));
    check_diagnostics(text, diagnostics);
}

/// Every section of `draft` lies in `text` on character boundaries.
pub fn check_sections(text: &str, draft: &Draft<'_>) {
    for section in draft.sections() {
        let s = section.span;
        assert!(
            s.start <= s.end && s.end <= text.len(),
            "section {s:?} out of bounds"
        );
        assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "section {s:?} splits a character"
        );
    }
}

/// Every diagnostic lies in `text` on character boundaries, at the line and
/// column its offsets say.
pub fn check_diagnostics(text: &str, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        let s = d.span;
        assert!(
            s.start <= s.end && s.end <= text.len(),
            "{d:?} out of bounds"
        );
        assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "{d:?} splits a character"
        );
        assert_eq!(
            naive_line_column(text, s.start),
            (s.line, s.column),
            "{d:?} start"
        );
        assert_eq!(
            naive_line_column(text, s.end),
            (s.end_line, s.end_column),
            "{d:?} end"
        );
    }
}
