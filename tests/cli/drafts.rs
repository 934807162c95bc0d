//! Markdown and `.eml` drafts: their headers are read, their syntax does
//! not confuse the rules, and findings point at the right bytes of the file
//! (or say that they refer to the decoded message).

use std::fs;

use crate::util::{root, run, run_in, run_stdin};

/// The text of `path` that a JSON finding's `start`/`end` cover.
fn underlined(path: &str, d: &serde_json::Value) -> String {
    let bytes = fs::read(root().join(path)).expect("fixture");
    let (s, e) = (
        d["span"]["start"].as_u64().expect("start") as usize,
        d["span"]["end"].as_u64().expect("end") as usize,
    );
    String::from_utf8_lossy(&bytes[s..e]).into_owned()
}

fn first(json: &serde_json::Value, rule: &str) -> serde_json::Value {
    json["files"][0]["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|d| d["rule"] == rule)
        .cloned()
        .unwrap_or_else(|| panic!("no {rule} finding in {json}"))
}

#[test]
fn markdown_findings_underline_the_words_not_the_markers() {
    let path = "fixtures/markdown/bad-brain.md";
    let r = run(&["--color", "never", path]);
    assert_eq!(r.code, 1);
    insta::assert_snapshot!(r.transcript());
    let json = run(&["--format", "json", path]).json();
    let d = first(&json, "pick-your-brain");
    assert_eq!(underlined(path, &d), "pick your brain");
    assert_eq!(
        (d["span"]["line"].as_u64(), d["span"]["column"].as_u64()),
        (Some(10), Some(3))
    );
}

#[test]
fn markdown_links_and_lists_count_as_work_and_agenda() {
    let path = "fixtures/markdown/good-agenda.md";
    let core = "specific-agenda,references-their-work";
    let r = run(&["--select", core, path]);
    assert_eq!((r.code, r.stdout.as_str()), (0, "no findings in 1 draft\n"));
    // The same draft without the link and the list fires both rules.
    let text = fs::read_to_string(root().join(path)).expect("fixture");
    let stripped: String = text
        .replace(
            "[Idempotent backfills, part 2](https://blog.example.org/backfills)",
            "Idempotent backfills",
        )
        .lines()
        .filter(|l| !l.starts_with("- "))
        .map(|l| format!("{l}\n"))
        .collect();
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("plain.md"), stripped).expect("write");
    let r = run_in(dir.path(), &["--format", "concise", "plain.md"]);
    assert!(
        r.stdout.contains("warning[references-their-work]"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("warning[specific-agenda]"),
        "{}",
        r.stdout
    );
}

#[test]
fn front_matter_subject_is_linted_as_the_subject() {
    let r = run_stdin(
        &[
            "--format",
            "json",
            "--stdin-filename",
            "note.md",
            "--select",
            "pick-your-brain",
            "-",
        ],
        "---\ntitle: draft 3\nsubject: 'Can I pick your brain?'\n---\nHi Jo,\n\nThanks!\n",
    );
    let json = r.json();
    let d = first(&json, "pick-your-brain");
    assert_eq!(d["section"], "subject");
    assert_eq!(
        (d["span"]["line"].as_u64(), d["span"]["column"].as_u64()),
        (Some(3), Some(17))
    );
    assert_eq!(json["files"][0]["path"], "note.md");
}

#[test]
fn the_same_text_on_stdin_is_plain_text_unless_named_markdown() {
    let text = "Could I **pick your brain**?\n";
    let args = ["--format", "concise", "--select", "pick-your-brain"];
    let plain = run_stdin(&[&args[..], &["-"]].concat(), text);
    let md = run_stdin(
        &[&args[..], &["--stdin-filename", "a.md", "-"]].concat(),
        text,
    );
    assert!(
        plain.stdout.starts_with("<stdin>:1:11: error"),
        "{}",
        plain.stdout
    );
    assert!(md.stdout.starts_with("a.md:1:11: error"), "{}", md.stdout);
}

#[test]
fn plain_eml_findings_point_into_the_file() {
    let path = "fixtures/eml/plain.eml";
    let r = run(&["--color", "never", path]);
    assert_eq!(r.code, 1);
    insta::assert_snapshot!(r.transcript());
    let json = run(&["--format", "json", path]).json();
    assert!(json["files"][0].get("decoded").is_none(), "{json}");
    let d = first(&json, "pick-your-brain");
    assert_eq!(underlined(path, &d), "pick your\nbrain");
    assert_eq!(d["span"]["line"], 12);
}

#[test]
fn encoded_eml_findings_refer_to_the_decoded_text_and_say_so() {
    let path = "fixtures/eml/quoted-printable.eml";
    let r = run(&["--color", "never", path]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stdout.matches("decoded message").count(),
        1,
        "said once for the file, not on every finding: {}",
        r.stdout
    );
    insta::assert_snapshot!(r.transcript());
    let json = run(&["--format", "json", path]).json();
    assert_eq!(json["files"][0]["decoded"], true);
    assert!(
        json["files"][0]["note"]
            .as_str()
            .is_some_and(|n| n.contains("decoded"))
    );
    // The subject's encoded words were decoded before linting.
    let d = first(&json, "specific-agenda");
    assert_eq!(d["section"], "subject");
    assert_eq!(
        d["message"],
        "\"quick chat\" asks for time without saying what for or for how long"
    );
}

#[test]
fn html_only_eml_is_linted_as_text() {
    let r = run(&[
        "--format",
        "concise",
        "--select",
        "pick-your-brain",
        "fixtures/eml/html-only.eml",
    ]);
    assert_eq!(r.code, 1);
    insta::assert_snapshot!(r.stdout, @r#"fixtures/eml/html-only.eml:5:9: error[pick-your-brain] "pick your brain" asks for open-ended free time"#);
}

#[test]
fn each_bad_draft_gets_one_clear_line() {
    for (path, reason) in [
        (
            "fixtures/eml/malformed.eml",
            "is not an email message (no header fields found)",
        ),
        (
            "fixtures/eml/no-text.eml",
            "has no text part to lint (no text/plain or text/html body)",
        ),
        (
            "fixtures/markdown/unclosed.md",
            "the front-matter block opened on line 1 is never closed; end it with a `---` line",
        ),
    ] {
        let r = run(&[path, "fixtures/eml/plain.eml"]);
        assert_eq!(r.code, 2, "{path}");
        assert_eq!(r.stderr, format!("outreach-lint: {path}: {reason}\n"));
        assert!(
            r.stdout.contains("fixtures/eml/plain.eml:12:56"),
            "the other draft is linted"
        );
    }
}

#[test]
fn multipart_eml_lints_the_plain_part_in_place() {
    let path = "fixtures/eml/multipart.eml";
    let json = run(&["--format", "json", path]).json();
    assert!(json["files"][0].get("decoded").is_none(), "{json}");
    let d = first(&json, "pick-your-brain");
    assert_eq!(underlined(path, &d), "pick your brain");
    assert_eq!(
        (d["span"]["line"].as_u64(), d["span"]["column"].as_u64()),
        (Some(15), Some(57))
    );
    // The HTML alternative is not linted a second time.
    let hits = json["files"][0]["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["rule"] == "pick-your-brain")
        .count();
    assert_eq!(hits, 1);
}
