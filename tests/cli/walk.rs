//! Directories: walked with .gitignore and hidden files honoured, symbolic
//! link loops survived, drafts in a stable order, bad drafts reported one
//! line each while the rest are linted.

use std::fs;
use std::path::Path;

use crate::util::{root, run_in};

const BAD: &str = "Hi Jo,\n\nCould I pick your brain?\n";
const GOOD: &str = "Hi Jo,\n\nThanks for the notes on my talk.\n";

fn write(dir: &Path, rel: &str, text: impl AsRef<[u8]>) {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("mkdir");
    }
    fs::write(path, text).expect("write");
}

/// The file named on each line of concise output, in order.
fn files_of(r: &crate::util::Run) -> Vec<&str> {
    r.stdout
        .lines()
        .filter_map(|l| l.split(':').next())
        .collect()
}

fn concise(dir: &Path, args: &[&str]) -> crate::util::Run {
    let mut all = vec!["--format", "concise", "--select", "pick-your-brain"];
    all.extend(args);
    run_in(dir, &all)
}

/// A drafts folder with something to skip of every kind.
fn drafts_tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    // Written out of order, so sorting is the walker's doing.
    write(d, "drafts/zeta.txt", BAD);
    write(
        d,
        "drafts/nested/deeper/mid.md",
        format!("---\nto: Jo\n---\n{BAD}"),
    );
    write(d, "drafts/alpha.txt", BAD);
    write(
        d,
        "drafts/nested/beta.eml",
        format!("To: jo@example.org\nSubject: Hi\n\n{BAD}"),
    );
    write(d, "drafts/good.txt", GOOD);
    write(d, "drafts/notes.docx", BAD);
    write(d, "drafts/.hidden.txt", BAD);
    write(d, "drafts/.private/secret.txt", BAD);
    write(d, "drafts/.gitignore", "archive/\n*.bak.txt\n");
    write(d, "drafts/archive/old.txt", BAD);
    write(d, "drafts/copy.bak.txt", BAD);
    dir
}

#[test]
fn walks_nested_folders_skipping_ignored_hidden_and_other_files() {
    let dir = drafts_tree();
    let r = concise(dir.path(), &["drafts"]);
    assert_eq!(r.code, 1, "{}", r.transcript());
    let files = files_of(&r);
    assert_eq!(
        files,
        [
            "drafts/alpha.txt",
            "drafts/nested/beta.eml",
            "drafts/nested/deeper/mid.md",
            "drafts/zeta.txt",
        ]
    );
    assert_eq!(r.stderr, "");
}

#[test]
fn order_is_the_same_on_every_run() {
    let dir = drafts_tree();
    for i in 0..40 {
        write(dir.path(), &format!("drafts/many/{:02}.txt", 39 - i), BAD);
    }
    let first = concise(dir.path(), &["drafts"]);
    assert_eq!(first.stdout.lines().count(), 44);
    for _ in 0..3 {
        assert_eq!(concise(dir.path(), &["drafts"]).stdout, first.stdout);
    }
    let many: Vec<&str> = first
        .stdout
        .lines()
        .filter(|l| l.starts_with("drafts/many/"))
        .collect();
    let mut sorted = many.clone();
    sorted.sort();
    assert_eq!(many, sorted);
}

#[test]
fn files_named_on_the_command_line_keep_their_order_and_any_extension() {
    let dir = drafts_tree();
    let r = concise(
        dir.path(),
        &["drafts/zeta.txt", "drafts/notes.docx", "drafts/alpha.txt"],
    );
    let files = files_of(&r);
    assert_eq!(
        files,
        ["drafts/zeta.txt", "drafts/notes.docx", "drafts/alpha.txt"]
    );
}

#[test]
fn ext_changes_what_counts_as_a_draft() {
    let dir = drafts_tree();
    let r = concise(dir.path(), &["--ext", "docx,.MD", "drafts"]);
    let files = files_of(&r);
    assert_eq!(files, ["drafts/nested/deeper/mid.md", "drafts/notes.docx"]);
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_loop_is_reported_not_followed_and_exits_2() {
    let dir = drafts_tree();
    std::os::unix::fs::symlink("..", dir.path().join("drafts/nested/up")).expect("symlink");
    let r = concise(dir.path(), &["drafts"]);
    assert_eq!(
        r.code,
        2,
        "a loop stops part of the folder from being linted:\n{}",
        r.transcript()
    );
    assert_eq!(r.stdout.lines().count(), 4, "{}", r.stdout);
    assert_eq!(
        r.stderr,
        "outreach-lint: drafts/nested/up: symbolic link loop, not followed\n"
    );
}

#[cfg(unix)]
#[test]
fn a_linked_folder_of_drafts_is_walked() {
    let dir = drafts_tree();
    write(dir.path(), "elsewhere/linked.txt", BAD);
    std::os::unix::fs::symlink("../elsewhere", dir.path().join("drafts/shared")).expect("symlink");
    let r = concise(dir.path(), &["drafts"]);
    assert!(
        r.stdout.contains("drafts/shared/linked.txt:3:9"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_folder_with_no_drafts_is_an_error_unless_allowed() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "drafts/readme.pdf", "not a draft");
    let r = run_in(dir.path(), &["drafts"]);
    assert_eq!(r.code, 2);
    insta::assert_snapshot!(r.transcript());
    let r = run_in(dir.path(), &["--allow-empty", "drafts"]);
    assert_eq!(r.code, 0, "{}", r.transcript());
    assert_eq!(r.stdout, "no findings in 0 drafts\n");
    assert_eq!(r.stderr, "");
}

#[test]
fn bad_drafts_are_reported_one_line_each_and_the_rest_still_linted() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    write(d, "drafts/bad.txt", BAD);
    write(d, "drafts/good.txt", GOOD);
    write(d, "drafts/binary.txt", b"Hi\x00\x01\x02");
    for name in ["malformed.eml", "no-text.eml"] {
        let text = fs::read(root().join("fixtures/eml").join(name)).expect("fixture");
        write(d, &format!("drafts/{name}"), text);
    }
    let unclosed = fs::read(root().join("fixtures/markdown/unclosed.md")).expect("fixture");
    write(d, "drafts/unclosed.md", unclosed);
    let r = concise(d, &["drafts"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stdout
            .starts_with("drafts/bad.txt:3:9: error[pick-your-brain]"),
        "{}",
        r.stdout
    );
    assert_eq!(r.stderr.lines().count(), 4, "{}", r.stderr);
    insta::assert_snapshot!(r.transcript());
}

#[test]
fn markdown_files_are_drafts_under_either_extension() {
    let dir = drafts_tree();
    write(
        dir.path(),
        "drafts/long-name.markdown",
        format!("---\nto: Jo\n---\n{BAD}"),
    );
    let r = concise(dir.path(), &["drafts"]);
    assert!(
        files_of(&r).contains(&"drafts/long-name.markdown"),
        "{}",
        r.transcript()
    );
}

#[test]
fn a_draft_given_twice_is_linted_once() {
    let dir = drafts_tree();
    let r = concise(
        dir.path(),
        &["drafts/alpha.txt", "./drafts/alpha.txt", "drafts"],
    );
    assert_eq!(
        files_of(&r),
        [
            "drafts/alpha.txt",
            "drafts/nested/beta.eml",
            "drafts/nested/deeper/mid.md",
            "drafts/zeta.txt",
        ],
        "{}",
        r.transcript()
    );
}
