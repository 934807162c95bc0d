//! `--fix` and `--diff`: only replacements a pack marks `safe-fix`, the
//! file rewritten whole or not at all, and nothing left to fix after.

use std::fs;
use std::path::Path;

use crate::util::{Run, run_in, run_stdin_in};

const PACK: &str = r#"[pack]
name = "team"

[[rule]]
id = "utilise"
kind = "forbid"
level = "warning"
patterns = ['\butili[sz]e\b']
replace = ["use"]
safe-fix = true
message = '"{match}" is a long way to say use'
help = "Say use."

[[rule]]
id = "leverage"
kind = "forbid"
level = "warning"
patterns = ['\bleverage\b']
replace = ["use"]
message = '"{match}" is jargon'
help = "Say what you would do."
"#;

const DRAFT: &str = "Subject: Two questions about your parser\n\nHi Jo,\n\nI utilise your library daily and leverage its errors.\nCould I utilize 15 minutes of your time for two questions about it?\n\nThanks,\nAl\n";

const FIXED: &str = "Subject: Two questions about your parser\n\nHi Jo,\n\nI use your library daily and leverage its errors.\nCould I use 15 minutes of your time for two questions about it?\n\nThanks,\nAl\n";

fn folder(draft_name: &str, draft: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("team.toml"), PACK).expect("write pack");
    fs::write(dir.path().join(draft_name), draft).expect("write draft");
    dir
}

fn lint(dir: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["--no-config", "--pack", "team.toml", "--format", "concise"];
    args.extend(extra);
    run_in(dir, &args)
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn diff_shows_the_safe_fixes_and_changes_nothing() {
    let dir = folder("d.txt", DRAFT.as_bytes());
    let before = fs::metadata(dir.path().join("d.txt"))
        .expect("meta")
        .modified()
        .ok();
    let r = lint(dir.path(), &["--diff", "d.txt"]);
    assert_eq!(r.code, 1, "something to fix: {}", r.transcript());
    insta::assert_snapshot!(r.transcript(), @r"
    exit: 1
    --- stdout
    --- a/d.txt
    +++ b/d.txt
    @@ -3,6 +3,6 @@
     Hi Jo,
     
    -I utilise your library daily and leverage its errors.
    -Could I utilize 15 minutes of your time for two questions about it?
    +I use your library daily and leverage its errors.
    +Could I use 15 minutes of your time for two questions about it?
     
     Thanks,
    --- stderr
    outreach-lint: 1 draft would be changed; --fix applies the changes
    ");
    assert_eq!(
        fs::read_to_string(dir.path().join("d.txt")).expect("read"),
        DRAFT
    );
    let after = fs::metadata(dir.path().join("d.txt"))
        .expect("meta")
        .modified()
        .ok();
    assert_eq!(before, after);
    // --diff wins over --fix: a preview never writes.
    let r = lint(dir.path(), &["--fix", "--diff", "d.txt"]);
    assert_eq!(r.code, 1);
    assert_eq!(
        fs::read_to_string(dir.path().join("d.txt")).expect("read"),
        DRAFT
    );
}

#[test]
fn fix_changes_the_file_only_as_the_diff_showed_and_leaves_nothing_to_fix() {
    let dir = folder("d.txt", DRAFT.as_bytes());
    let diff = lint(dir.path(), &["--diff", "d.txt"]).stdout;
    let r = lint(dir.path(), &["--fix", "d.txt"]);
    assert_eq!(r.code, 0, "warnings only are left: {}", r.transcript());
    assert_eq!(r.stderr, "outreach-lint: d.txt: fixed 2 findings\n");
    assert!(
        r.stdout.contains("d.txt:5:30: warning[leverage]"),
        "a replacement not marked safe-fix is only reported, at its place in the new text: {}",
        r.stdout
    );
    assert!(!r.stdout.contains("[utilise]"), "{}", r.stdout);
    let fixed = fs::read_to_string(dir.path().join("d.txt")).expect("read");
    assert_eq!(fixed, FIXED);
    // The lines the diff took out and put in are exactly the lines changed.
    let removed: Vec<&str> = DRAFT
        .lines()
        .filter(|l| !FIXED.lines().any(|f| f == *l))
        .collect();
    let added: Vec<&str> = FIXED
        .lines()
        .filter(|l| !DRAFT.lines().any(|d| d == *l))
        .collect();
    let minus: Vec<&str> = diff
        .lines()
        .filter_map(|l| l.strip_prefix('-'))
        .filter(|l| !l.starts_with("--"))
        .collect();
    let plus: Vec<&str> = diff
        .lines()
        .filter_map(|l| l.strip_prefix('+'))
        .filter(|l| !l.starts_with("++"))
        .collect();
    assert_eq!((minus, plus), (removed, added));
    assert_eq!(
        files_in(dir.path()),
        ["d.txt", "team.toml"],
        "no temporary file is left"
    );

    let again = lint(dir.path(), &["--diff", "d.txt"]);
    assert_eq!(again.code, 0, "nothing left to fix: {}", again.transcript());
    assert_eq!(again.stdout, "");
    let again = lint(dir.path(), &["--fix", "d.txt"]);
    assert_eq!(again.stderr, "", "{}", again.transcript());
    assert_eq!(
        fs::read_to_string(dir.path().join("d.txt")).expect("read"),
        FIXED
    );
}

#[cfg(unix)]
#[test]
fn fix_keeps_the_file_mode_and_rewrites_through_a_link() {
    use std::os::unix::fs::PermissionsExt;
    let dir = folder("d.txt", DRAFT.as_bytes());
    let path = dir.path().join("d.txt");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).expect("chmod");
    std::os::unix::fs::symlink("d.txt", dir.path().join("link.txt")).expect("symlink");
    let r = lint(dir.path(), &["--fix", "link.txt"]);
    assert_eq!(r.code, 0, "{}", r.transcript());
    assert_eq!(fs::read_to_string(&path).expect("read"), FIXED);
    let meta = fs::symlink_metadata(dir.path().join("link.txt")).expect("meta");
    assert!(meta.file_type().is_symlink(), "the link is still a link");
    let mode = fs::metadata(&path).expect("meta").permissions().mode();
    assert_eq!(mode & 0o777, 0o640);
}

#[test]
fn a_failed_write_leaves_the_file_untouched() {
    // A name so long that the temporary file beside it cannot be created
    // (over the 255-byte limit on a name): the write fails before the
    // rename, whoever runs the test.
    let name = format!("{}.txt", "d".repeat(246));
    let dir = folder(&name, DRAFT.as_bytes());
    let r = lint(dir.path(), &["--fix", &name]);
    assert_eq!(r.code, 2, "{}", r.transcript());
    assert!(
        r.stderr.contains("not fixed: cannot write the fixed text")
            && r.stderr.contains("the file is unchanged"),
        "{}",
        r.stderr
    );
    assert_eq!(
        fs::read_to_string(dir.path().join(&name)).expect("read"),
        DRAFT
    );
    assert_eq!(files_in(dir.path()), [name.as_str(), "team.toml"]);
}

#[test]
fn a_draft_that_is_not_utf8_as_read_is_not_rewritten() {
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(DRAFT.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let dir = folder("d.txt", &utf16);
    let r = lint(dir.path(), &["--fix", "d.txt"]);
    assert_eq!(r.code, 2, "{}", r.transcript());
    assert!(
        r.stderr.contains("not the UTF-8 text that was linted"),
        "{}",
        r.stderr
    );
    assert_eq!(fs::read(dir.path().join("d.txt")).expect("read"), utf16);
}

#[test]
fn standard_input_gets_a_diff_but_is_never_fixed() {
    let dir = folder("unused.txt", b"");
    let args = [
        "--no-config",
        "--pack",
        "team.toml",
        "--stdin-filename",
        "d.txt",
    ];
    let r = run_stdin_in(dir.path(), &[&args[..], &["--fix", "-"]].concat(), DRAFT);
    assert!(
        r.stderr.contains("d.txt: warning: not fixed"),
        "{}",
        r.transcript()
    );
    let r = run_stdin_in(dir.path(), &[&args[..], &["--diff", "-"]].concat(), DRAFT);
    assert_eq!(r.code, 1, "{}", r.transcript());
    assert!(
        r.stdout.starts_with("--- a/d.txt\n+++ b/d.txt\n"),
        "{}",
        r.stdout
    );
}

#[test]
fn safe_fix_needs_a_replacement() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("team.toml"),
        "[pack]\nname = \"team\"\n\n[[rule]]\nid = \"a\"\nkind = \"forbid\"\nlevel = \"warning\"\npatterns = ['x']\nsafe-fix = true\nmessage = \"m\"\nhelp = \"h\"\n",
    )
    .expect("write pack");
    fs::write(dir.path().join("d.txt"), "x\n").expect("write draft");
    let r = run_in(
        dir.path(),
        &[
            "--no-config",
            "--color",
            "never",
            "--pack",
            "team.toml",
            "d.txt",
        ],
    );
    assert_eq!(r.code, 2, "{}", r.transcript());
    assert!(
        r.stderr
            .contains("rule `a` has `safe-fix` but no `replace`"),
        "{}",
        r.stderr
    );
}
