use std::fs;

use crate::util::{run_in, run_stdin};

fn temp_with(name: &str, bytes: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join(name), bytes).expect("write draft");
    dir
}

#[test]
fn missing_file_names_the_path() {
    let dir = tempfile::tempdir().expect("temp dir");
    let r = run_in(dir.path(), &["nowhere/draft.txt"]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stderr, "outreach-lint: nowhere/draft.txt: no such file\n");
}

#[test]
fn invalid_utf8_names_the_byte_offset() {
    let dir = temp_with("latin1.txt", b"Hi Jos\xe9,\n\nCan we talk?\n");
    let r = run_in(dir.path(), &["latin1.txt"]);
    assert_eq!(r.code, 2);
    insta::assert_snapshot!(r.stderr, @"outreach-lint: latin1.txt: is not valid UTF-8 (invalid byte at byte offset 6); save it as UTF-8");
}

#[test]
fn binary_file_is_refused() {
    let dir = temp_with("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    let r = run_in(dir.path(), &["image.txt"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("image.txt: looks like a binary file (NUL byte at byte offset 8)"),
        "{}",
        r.stderr
    );
}

#[test]
fn oversized_file_is_refused_with_the_limit() {
    let dir = temp_with("big.txt", &vec![b'a'; 2048]);
    let r = run_in(dir.path(), &["--max-size", "1024", "big.txt"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "outreach-lint: big.txt: is 2048 bytes, over the 1024-byte limit (raise it with --max-size)\n"
    );
    let r = run_stdin(&["--max-size", "10", "-"], vec![b'a'; 64]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("over the 10-byte limit"), "{}", r.stderr);
}

#[test]
fn an_empty_directory_is_walked_and_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir(dir.path().join("drafts")).expect("mkdir");
    let r = run_in(dir.path(), &["drafts"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .starts_with("outreach-lint: drafts: no drafts found"),
        "{}",
        r.stderr
    );
}

#[test]
fn empty_and_blank_drafts_are_linted_not_refused() {
    let dir = temp_with("empty.txt", b"");
    fs::write(dir.path().join("blank.txt"), "\r\n\r\n   \n").expect("write");
    let r = run_in(dir.path(), &["empty.txt", "blank.txt"]);
    assert_eq!(r.code, 0, "{}", r.transcript());
    assert_eq!(r.stdout, "no findings in 2 drafts\n");
}

#[test]
fn utf16_with_bom_is_decoded() {
    let text = "Hi Jo,\r\n\r\nCan I pick your brain?\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let dir = temp_with("utf16.txt", &bytes);
    let r = run_in(
        dir.path(),
        &[
            "--format",
            "concise",
            "--select",
            "pick-your-brain",
            "utf16.txt",
        ],
    );
    assert_eq!(r.code, 1, "{}", r.transcript());
    assert_eq!(
        r.stdout.lines().next(),
        Some(
            "utf16.txt:3:7: error[pick-your-brain] \"pick your brain\" asks for open-ended free time"
        )
    );
}

#[test]
fn a_draft_with_no_greeting_or_closing_is_still_linted() {
    let r = run_stdin(
        &["--format", "concise", "--select", "pick-your-brain", "-"],
        "pick your brain?",
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.starts_with("<stdin>:1:1: error[pick-your-brain]"),
        "{}",
        r.stdout
    );
}

#[test]
fn no_summary_when_nothing_could_be_linted() {
    let dir = tempfile::tempdir().expect("temp dir");
    let r = run_in(dir.path(), &["missing.txt"]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "", "no 'no findings in 0 drafts' line");
    assert_eq!(r.stderr, "outreach-lint: missing.txt: no such file\n");
}
