//! Whatever is in the folder, and whatever pack is given: odd encodings,
//! huge or binary files, and hostile rule packs each get a clear answer,
//! never a panic or a hang, and no draft is ever written to.

use std::fs;
use std::path::Path;

use filetime::FileTime;

use crate::util::{Run, run_in, run_stdin};

fn temp_with(name: &str, bytes: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join(name), bytes).expect("write draft");
    dir
}

/// The one rule these tests need, one line per finding.
const CONCISE_PICK: [&str; 4] = ["--format", "concise", "--select", "pick-your-brain"];

fn concise(dir: &Path, extra: &[&str]) -> Run {
    let mut args = CONCISE_PICK.to_vec();
    args.extend(extra);
    run_in(dir, &args)
}

/// [`concise`] on `text` read from standard input.
fn concise_stdin(text: impl Into<Vec<u8>>) -> Run {
    let mut args = CONCISE_PICK.to_vec();
    args.push("-");
    run_stdin(&args, text)
}

const BRAIN: &str = "Hi Jo,\n\nCan I pick your brain?\n";

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut bytes = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for unit in text.encode_utf16() {
        bytes.extend(if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    bytes
}

#[test]
fn utf8_with_and_without_bom_report_the_same_place() {
    let dir = temp_with("plain.txt", BRAIN.as_bytes());
    fs::write(dir.path().join("bom.txt"), format!("\u{feff}{BRAIN}")).expect("write");
    let r = concise(dir.path(), &["plain.txt", "bom.txt"]);
    assert_eq!(r.code, 1, "{}", r.transcript());
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert!(
        lines[0].starts_with("plain.txt:3:7: error[pick-your-brain]"),
        "{}",
        r.stdout
    );
    assert!(
        lines[1].starts_with("bom.txt:3:7: error[pick-your-brain]"),
        "{}",
        r.stdout
    );
    // Byte offsets are into the file as read: the BOM's three bytes count.
    let r = run_in(
        dir.path(),
        &[
            "--format",
            "json",
            "--select",
            "pick-your-brain",
            "plain.txt",
            "bom.txt",
        ],
    );
    let json = r.json();
    let start = |i: usize| json["files"][i]["diagnostics"][0]["span"]["start"].as_u64();
    let at = BRAIN.find("pick").expect("needle") as u64;
    assert_eq!(start(0), Some(at));
    assert_eq!(start(1), Some(at + 3));
}

#[test]
fn utf16_big_and_little_endian_spans_refer_to_the_decoded_text() {
    let text = "Hi Zoë,\r\n\r\nCan I pick your brain?\r\n";
    let dir = temp_with("le.txt", &utf16(text, false));
    fs::write(dir.path().join("be.txt"), utf16(text, true)).expect("write");
    let r = run_in(
        dir.path(),
        &[
            "--format",
            "json",
            "--select",
            "pick-your-brain",
            "le.txt",
            "be.txt",
        ],
    );
    assert_eq!(r.code, 1, "{}", r.transcript());
    let json = r.json();
    let decoded_start = text.find("pick").expect("needle") as u64;
    for file in 0..2 {
        let span = &json["files"][file]["diagnostics"][0]["span"];
        assert_eq!(span["start"].as_u64(), Some(decoded_start), "{span}");
        assert_eq!(
            (span["line"].as_u64(), span["column"].as_u64()),
            (Some(3), Some(7))
        );
    }
}

#[test]
fn odd_length_utf16_is_refused_with_a_reason() {
    let mut bytes = utf16("Hi", false);
    bytes.push(b'!');
    let dir = temp_with("odd.txt", &bytes);
    let r = concise(dir.path(), &["odd.txt"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "outreach-lint: odd.txt: is not valid UTF-16LE: odd number of bytes\n"
    );
}

#[test]
fn lossy_lints_invalid_utf8_with_a_warning() {
    let dir = temp_with("latin1.txt", b"Hi Jos\xe9,\n\nCan I pick your brain?\n");
    let r = concise(dir.path(), &["latin1.txt"]);
    assert_eq!(r.code, 2, "refused without --lossy: {}", r.transcript());
    assert_eq!(r.stdout, "");

    let r = concise(dir.path(), &["--lossy", "latin1.txt"]);
    assert_eq!(r.code, 1, "{}", r.transcript());
    insta::assert_snapshot!(r.stderr, @"outreach-lint: latin1.txt: warning: is not valid UTF-8 (invalid byte at byte offset 6); replaced 1 bad sequence with U+FFFD, so byte offsets refer to the repaired text");
    assert!(
        r.stdout
            .starts_with("latin1.txt:3:7: error[pick-your-brain]"),
        "{}",
        r.stdout
    );
}

#[test]
fn lossy_still_refuses_binary_files() {
    let dir = temp_with("blob.txt", b"Hi\x00\xff\xfe");
    let r = concise(dir.path(), &["--lossy", "blob.txt"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("binary file (NUL byte at byte offset 2)"),
        "{}",
        r.stderr
    );
}

#[test]
fn nul_bytes_mean_binary_and_the_other_drafts_still_run() {
    let dir = temp_with("mixed.txt", b"Can I pick your brain?\x00");
    fs::write(dir.path().join("ok.txt"), BRAIN).expect("write");
    let r = concise(dir.path(), &["mixed.txt", "ok.txt"]);
    assert_eq!(r.code, 2, "{}", r.transcript());
    assert_eq!(
        r.stderr,
        "outreach-lint: mixed.txt: looks like a binary file (NUL byte at byte offset 22), not a draft\n"
    );
    assert!(
        r.stdout.starts_with("ok.txt:3:7: error[pick-your-brain]"),
        "{}",
        r.stdout
    );
}

#[test]
fn cr_only_line_endings_count_lines() {
    let dir = temp_with(
        "mac.txt",
        b"Hi Jo,\r\rThanks for the talk.\rCan I pick your brain?\r\rBest,\rAl",
    );
    let r = concise(dir.path(), &["mac.txt"]);
    assert_eq!(r.code, 1, "{}", r.transcript());
    assert!(
        r.stdout.starts_with("mac.txt:4:7: error[pick-your-brain]"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_two_million_character_line_is_linted_to_its_end() {
    // One line, no breaks: the finding is at its very end.
    let line = format!("{} pick your brain", "é".repeat(2_000_000));
    let r = concise_stdin(line);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stdout
            .starts_with("<stdin>:1:2000002: error[pick-your-brain]"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_long_line_full_of_findings_reports_every_one() {
    // 80,000 matches in one sentence-free line: each is checked for a
    // negation and quotes before it, which must not rescan the line.
    let line = "pick your brain ".repeat(80_000);
    let r = concise_stdin(line);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 80_000, "one line per match");
    assert!(
        lines[79_999].starts_with("<stdin>:1:1279985: error[pick-your-brain]"),
        "{}",
        lines[79_999]
    );
}

#[test]
fn many_short_lines_are_linted() {
    // Each line break once looked for a list number in the whole rest of
    // the text; 200,000 lines without a period made that quadratic.
    let mut text = "word\n".repeat(200_000);
    text.push_str("Can I pick your brain?\n");
    let r = concise_stdin(text);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stdout
            .starts_with("<stdin>:200001:7: error[pick-your-brain]"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_50_mb_draft_is_refused_by_the_default_limit_without_reading_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let big = fs::File::create(dir.path().join("big.txt")).expect("create");
    // Sparse: the size is on record, the bytes never need to exist.
    big.set_len(50_000_000).expect("set length");
    fs::write(dir.path().join("ok.txt"), BRAIN).expect("write");
    let r = concise(dir.path(), &["big.txt", "ok.txt"]);
    assert_eq!(r.code, 2, "{}", r.transcript());
    assert_eq!(
        r.stderr,
        "outreach-lint: big.txt: is 50000000 bytes, over the 10485760-byte limit (raise it with --max-size)\n"
    );
    assert!(r.stdout.starts_with("ok.txt:3:7:"), "{}", r.stdout);
}

/// Every draft in a folder keeps its bytes and its modification time.
#[test]
fn linting_a_folder_changes_nothing_in_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let drafts: Vec<(&str, Vec<u8>)> = vec![
        ("plain.txt", BRAIN.as_bytes().to_vec()),
        ("crlf.txt", BRAIN.replace('\n', "\r\n").into_bytes()),
        ("bom.txt", format!("\u{feff}{BRAIN}").into_bytes()),
        ("utf16.txt", utf16(BRAIN, false)),
        ("latin1.txt", b"Hi Jos\xe9, can I pick your brain?".to_vec()),
        ("binary.txt", b"\x89PNG\x00\x00".to_vec()),
        (
            "curly.txt",
            "I\u{2019}d love to \u{201c}pick your brain\u{201d}\u{2028}"
                .as_bytes()
                .to_vec(),
        ),
    ];
    let past = FileTime::from_unix_time(1_600_000_000, 0);
    for (name, bytes) in &drafts {
        let path = dir.path().join(name);
        fs::write(&path, bytes).expect("write");
        filetime::set_file_mtime(&path, past).expect("set mtime");
    }
    let listing = |dir: &Path| {
        let mut names: Vec<String> = fs::read_dir(dir)
            .expect("read dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let before = listing(dir.path());
    for extra in [
        &["--format", "human"][..],
        &["--format", "json"],
        &["--lossy"],
    ] {
        let mut args = extra.to_vec();
        args.push(".");
        let r = run_in(dir.path(), &args);
        assert_eq!(r.code, 2, "the binary draft is refused: {}", r.transcript());
        assert!(
            r.stderr.contains("binary.txt: looks like a binary file"),
            "{}",
            r.stderr
        );
    }
    // The walk did reach the drafts: all but the binary one were linted.
    let r = run_in(dir.path(), &["--format", "json", "--lossy", "."]);
    assert_eq!(r.json()["summary"]["files"], 6, "{}", r.stdout);
    for (name, bytes) in &drafts {
        let path = dir.path().join(name);
        assert_eq!(&fs::read(&path).expect("read"), bytes, "{name} changed");
        let meta = fs::metadata(&path).expect("metadata");
        assert_eq!(
            FileTime::from_last_modification_time(&meta),
            past,
            "{name} was touched"
        );
    }
    assert_eq!(listing(dir.path()), before, "files were added or removed");
}

// --- Hostile rule packs ---------------------------------------------------

fn pack_run(toml: &str) -> Run {
    let dir = temp_with("pack.toml", toml.as_bytes());
    fs::write(dir.path().join("draft.txt"), BRAIN).expect("write draft");
    run_in(
        dir.path(),
        &["--color", "never", "--pack", "pack.toml", "draft.txt"],
    )
}

const HEAD: &str = "[pack]\nname = \"team\"\n";

fn forbid_rule(id: &str, patterns: &str) -> String {
    format!(
        "[[rule]]\nid = \"{id}\"\nkind = \"forbid\"\nlevel = \"warning\"\npatterns = {patterns}\nmessage = \"m\"\nhelp = \"h\"\n"
    )
}

#[test]
fn a_regex_over_the_size_limit_is_an_error_at_the_pattern() {
    let r = pack_run(&format!(
        "{HEAD}{}",
        forbid_rule("huge", r"['ok', '(?:\w{100}){100}']")
    ));
    assert_eq!(r.code, 2, "{}", r.transcript());
    insta::assert_snapshot!(r.stderr, @r"
    error: invalid regex: Compiled regex exceeds size limit of 4194304 bytes.
      ┌─ pack.toml:7:19
      │
    7 │ patterns = ['ok', '(?:\w{100}){100}']
      │                   ^^^^^^^^^^^^^^^^^^
      │
      = help: the pattern is `(?:\w{100}){100}`
    ");
}

#[test]
fn patterns_that_each_fit_the_limit_load_together() {
    // Each pattern is compiled on its own, never as one alternation, so a
    // list of patterns that each fit is no problem however long.
    let one = r"'\w{20}'";
    let list = format!("[{}]", [one; 8].join(", "));
    let r = pack_run(&format!("{HEAD}{}", forbid_rule("many", &list)));
    assert!(r.code < 2, "{}", r.transcript());
    assert!(r.stderr.is_empty(), "{}", r.stderr);
}

#[test]
fn pattern_sets_that_double_at_each_level_are_refused() {
    // s0 uses s1 twice, s1 uses s2 twice, …: 2^40 patterns if expanded.
    let mut toml = format!("{HEAD}[patterns]\n");
    for i in 0..40 {
        toml.push_str(&format!("s{i} = ['@s{n}', '@s{n}']\n", n = i + 1));
    }
    toml.push_str("s40 = ['x']\n");
    let r = pack_run(&toml);
    assert_eq!(r.code, 2, "{}", r.transcript());
    assert!(
        r.stderr
            .starts_with("error: pattern sets nest more than 16 deep here"),
        "{}",
        r.stderr
    );
}

#[test]
fn wide_pattern_sets_are_refused_past_the_expansion_budget() {
    // Ten levels of sets that each use the next one four times: 4^10.
    let mut toml = format!("{HEAD}[patterns]\n");
    for i in 0..10 {
        toml.push_str(&format!(
            "s{i} = ['@s{n}', '@s{n}', '@s{n}', '@s{n}']\n",
            n = i + 1
        ));
    }
    toml.push_str("s10 = ['x']\n");
    let r = pack_run(&toml);
    assert_eq!(r.code, 2, "{}", r.transcript());
    assert!(
        r.stderr
            .starts_with("error: the pack expands to more than 200000 patterns"),
        "{}",
        r.stderr
    );
}

#[test]
fn deeply_nested_toml_is_refused() {
    for value in [
        format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)),
        format!("{}1{}", "{ a = ".repeat(50_000), " }".repeat(50_000)),
    ] {
        let r = pack_run(&format!("{HEAD}[patterns]\ndeep = {value}\n"));
        assert_eq!(r.code, 2, "{}", r.transcript());
        assert!(r.stderr.starts_with("error: "), "{}", r.stderr);
        assert!(
            r.stderr.contains("recurs"),
            "{}",
            &r.stderr[..r.stderr.len().min(300)]
        );
    }
    let keys = vec!["a"; 100_000].join(".");
    let r = pack_run(&format!("{HEAD}[{keys}]\n"));
    assert_eq!(r.code, 2);
    assert_eq!(r.stderr, "error: pack.toml: recursion limit\n\n");
}

#[test]
fn a_huge_pack_file_is_refused_without_reading_it_all() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pack = fs::File::create(dir.path().join("huge.toml")).expect("create");
    pack.set_len(64 << 20).expect("set length");
    fs::write(dir.path().join("draft.txt"), BRAIN).expect("write draft");
    let r = run_in(dir.path(), &["--pack", "huge.toml", "draft.txt"]);
    assert_eq!(r.code, 2, "{}", r.transcript());
    assert_eq!(
        r.stderr,
        "error: huge.toml: cannot read it: it is over the 8388608-byte limit for a rule pack or configuration\n\n"
    );
}

#[test]
fn a_pack_of_ten_thousand_rules_loads_and_runs() {
    let mut toml = String::from(HEAD);
    for i in 0..10_000 {
        toml.push_str(&forbid_rule(
            &format!("term-{i}"),
            &format!(r"['\bterm{i}\b']"),
        ));
    }
    let dir = temp_with("big.toml", toml.as_bytes());
    fs::write(
        dir.path().join("draft.txt"),
        "Hi Al,\n\nWe use term9999 and term42 here.\n",
    )
    .expect("write");
    let r = run_in(
        dir.path(),
        &[
            "--format",
            "concise",
            "--pack",
            "big.toml",
            "--select",
            "term-42,term-9999,term-7",
            "draft.txt",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.transcript());
    assert_eq!(
        r.stdout,
        "draft.txt:3:8: warning[term-9999] m\ndraft.txt:3:21: warning[term-42] m\n"
    );
}

#[test]
fn human_output_does_not_reprint_a_very_long_line_for_each_finding() {
    // 1,600 findings on one 40,000-byte line: printing the line under each
    // would be 64 MB of output; each shows the words around it instead.
    let line = "Could I pick your brain? ".repeat(1_600);
    let r = run_stdin(
        &["--color", "never", "--select", "pick-your-brain", "-"],
        line,
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stdout.len() < 1_600 * 500,
        "{} bytes of output",
        r.stdout.len()
    );
    let first = r.stdout.split("\n\n").next().unwrap_or_default();
    insta::assert_snapshot!(first, @r#"
    error[pick-your-brain]: "pick your brain" asks for open-ended free time
      ┌─ <stdin>:1:9
      │
    1 │ Could I pick your brain? Could I pick your brain? Could I pick your brain…
      │         ^^^^^^^^^^^^^^^ in the body
      │
      = help: Name the two or three questions you want answered, and how long it would take.
    "#);
    assert!(
        r.stdout.ends_with("1600 errors in 1 draft\n"),
        "{}",
        &r.stdout[r.stdout.len() - 200..]
    );
}

#[cfg(target_os = "linux")]
#[test]
fn an_endless_device_is_read_only_up_to_the_limit() {
    // /dev/zero reports no size and never ends: reading stops at the limit.
    let dir = tempfile::tempdir().expect("temp dir");
    let r = run_in(
        dir.path(),
        &["--max-size", "4096", "/dev/zero", "/dev/null"],
    );
    assert_eq!(r.code, 2, "{}", r.transcript());
    assert_eq!(
        r.stderr,
        "outreach-lint: /dev/zero: is more than 4096 bytes, over the 4096-byte limit (raise it with --max-size)\n"
    );
    assert!(
        r.stdout.ends_with("no findings in 1 draft\n"),
        "{}",
        r.stdout
    );
}
