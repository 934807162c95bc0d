//! Every reported line and column must point at the first character of the
//! underlined words, whatever the line endings and however many bytes each
//! character takes.

use std::fs;

use crate::util::run_in;

/// The character at 1-based `line`/`column` of `text`, splitting lines on
/// `\r\n`, `\n` and lone `\r` and skipping a leading BOM.
fn char_at(text: &str, line: usize, column: usize) -> Option<char> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let normalised = text.replace("\r\n", "\n").replace('\r', "\n");
    normalised
        .split('\n')
        .nth(line - 1)?
        .chars()
        .nth(column - 1)
}

fn check_spans(name: &str, text: &str) -> usize {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join(name), text).expect("write");
    let r = run_in(dir.path(), &["--format", "json", name]);
    let json = r.json();
    let diagnostics = json["files"][0]["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    for d in &diagnostics {
        let span = &d["span"];
        let (start, end) = (
            span["start"].as_u64().unwrap_or(0) as usize,
            span["end"].as_u64().unwrap_or(0) as usize,
        );
        let underlined = text
            .get(start..end)
            .unwrap_or_else(|| panic!("span {start}..{end} off a char boundary in {name}"));
        let first = underlined.chars().next().expect("non-empty span");
        let line = span["line"].as_u64().unwrap_or(0) as usize;
        let column = span["column"].as_u64().unwrap_or(0) as usize;
        assert_eq!(char_at(text, line, column), Some(first), "{name}: {d}");
    }
    diagnostics.len()
}

#[test]
fn crlf_draft_with_non_ascii_text_points_at_each_match() {
    let text = "Subject: Café chat?\r\n\r\nHi Zoë,\r\n\r\nJe suis ravi — I’d love to pick your brain.\r\nCould you introduce me to Åsa? ✨ Just cc me.\r\n\r\nMerci,\r\nRené\r\n";
    let found = check_spans("crlf.txt", text);
    assert!(
        found >= 4,
        "expected findings from several rules, got {found}"
    );
}

#[test]
fn bom_and_lone_cr_drafts_point_at_each_match() {
    let text = "\u{feff}Hi Zoë,\r\rÇa va? Can I pick your brain over a quick chat?\r\rBest,\rRené";
    assert!(check_spans("cr.txt", text) >= 2);
}

#[test]
fn every_fixture_reports_consistent_spans() {
    let root = crate::util::root().join("fixtures");
    let mut checked = 0;
    for dir in fs::read_dir(&root).expect("fixtures dir").flatten() {
        for file in fs::read_dir(dir.path()).into_iter().flatten().flatten() {
            let text = fs::read_to_string(file.path()).expect("fixture is UTF-8");
            check_spans("f.txt", &text);
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} fixtures checked");
}
