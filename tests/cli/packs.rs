//! Extra rule packs from `--pack`, and errors in them rendered against the
//! TOML with exit 2.

use std::fs;

use crate::util::{run, run_in};

fn pack_run(toml: &str, extra: &[&str]) -> crate::util::Run {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("team.toml"), toml).expect("write pack");
    fs::write(
        dir.path().join("draft.txt"),
        "Hi Lu,\n\nLet's explore synergies and circle back.\n",
    )
    .expect("write draft");
    let mut args = vec!["--color", "never", "--pack", "team.toml"];
    args.extend(extra);
    args.push("draft.txt");
    run_in(dir.path(), &args)
}

#[test]
fn the_example_team_pack_adds_its_rules() {
    let r = run(&[
        "--pack",
        "examples/team-pack.toml",
        "--format",
        "concise",
        "--select",
        "synergy-speak",
        "fixtures/cli/jargon.txt",
    ]);
    assert_eq!(r.code, 0, "{}", r.transcript());
    insta::assert_snapshot!(r.stdout);
}

#[test]
fn bad_regex_points_into_the_pack() {
    let r = pack_run(
        "[pack]\nname = \"team\"\n\n[[rule]]\nid = \"synergy\"\nkind = \"forbid\"\nlevel = \"warning\"\npatterns = ['\\bsynerg(y|ies']\nmessage = \"jargon\"\nhelp = \"say it plainly\"\n",
        &[],
    );
    assert_eq!(r.code, 2);
    insta::assert_snapshot!(r.stderr);
}

#[test]
fn bad_toml_points_at_line_and_column() {
    let r = pack_run("[pack]\nname = \"team\n", &[]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("team.toml:2:"), "{}", r.stderr);
    insta::assert_snapshot!(r.stderr);
}

#[test]
fn unknown_key_is_named() {
    let r = pack_run(
        "[pack]\nname = \"team\"\n\n[[rule]]\nid = \"synergy\"\nkind = \"forbid\"\nlevel = \"warning\"\npattern = ['synergy']\nmessage = \"m\"\nhelp = \"h\"\n",
        &[],
    );
    assert_eq!(r.code, 2);
    insta::assert_snapshot!(r.stderr);
}

#[test]
fn missing_pack_file_is_a_clear_error() {
    let r = run(&["--pack", "nowhere.toml", "fixtures/cli/jargon.txt"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("nowhere.toml: cannot read it"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_pack_reusing_a_builtin_id_is_refused() {
    let r = pack_run(
        "[pack]\nname = \"team\"\n\n[[rule]]\nid = \"pick-your-brain\"\nkind = \"forbid\"\nlevel = \"warning\"\npatterns = ['x']\nmessage = \"m\"\nhelp = \"h\"\n",
        &[],
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("defined by both pack `core` and pack `team`"),
        "{}",
        r.stderr
    );
}

#[test]
fn unknown_rule_kind_suggests_the_closest() {
    let r = pack_run(
        "[pack]\nname = \"team\"\n\n[[rule]]\nid = \"synergy\"\nkind = \"forbidden\"\nlevel = \"warning\"\npatterns = ['synergy']\nmessage = \"m\"\nhelp = \"h\"\n",
        &[],
    );
    assert_eq!(r.code, 2);
    insta::assert_snapshot!(r.stderr);
}

#[test]
fn replacements_show_as_suggestions_in_human_and_json() {
    let pack = "[pack]\nname = \"team\"\n\n[[rule]]\nid = \"synergy\"\nkind = \"forbid\"\nlevel = \"warning\"\npatterns = ['\\bexplore synergies\\b']\nreplace = [\"compare notes\", \"trade ideas\"]\nmessage = \"jargon\"\nhelp = \"say it plainly\"\n";
    let r = pack_run(pack, &["--select", "synergy"]);
    assert!(
        r.stdout
            .contains("= suggestion: \"compare notes\" or \"trade ideas\""),
        "{}",
        r.stdout
    );
    let r = pack_run(pack, &["--select", "synergy", "--format", "json"]);
    assert_eq!(
        r.json()["files"][0]["diagnostics"][0]["suggestions"],
        serde_json::json!(["compare notes", "trade ideas"])
    );
}

#[test]
fn a_control_character_in_a_pattern_is_refused_with_the_fix() {
    // `"\bsynerg"` in a TOML basic string is a backspace, then "synerg".
    let r = pack_run(
        "[pack]\nname = \"team\"\n\n[[rule]]\nid = \"synergy\"\nkind = \"forbid\"\nlevel = \"warning\"\npatterns = [\"\\bsynerg(y|ies)\"]\nmessage = \"jargon\"\nhelp = \"say it plainly\"\n",
        &[],
    );
    assert_eq!(r.code, 2, "{}", r.transcript());
    insta::assert_snapshot!(r.stderr);
}

#[test]
fn an_unknown_placeholder_in_a_message_is_refused() {
    let r = pack_run(
        "[pack]\nname = \"team\"\n\n[[rule]]\nid = \"synergy\"\nkind = \"forbid\"\nlevel = \"warning\"\npatterns = ['synerg(y|ies)']\nmessage = \"\\\"{matc}\\\" is jargon\"\nhelp = \"say it plainly\"\n",
        &[],
    );
    assert_eq!(r.code, 2, "{}", r.transcript());
    insta::assert_snapshot!(r.stderr);
    let r = pack_run(
        "[pack]\nname = \"team\"\n\n[[rule]]\nid = \"synergy\"\nkind = \"forbid\"\nlevel = \"warning\"\npatterns = ['synerg(y|ies)']\nmessage = \"{value} times\"\nhelp = \"say it plainly\"\n",
        &[],
    );
    assert_eq!(r.code, 2, "{}", r.transcript());
    assert!(r.stderr.contains("for `limit` rules only"), "{}", r.stderr);
    let r = pack_run(
        "[pack]\nname = \"team\"\n\n[[rule]]\nid = \"short\"\nkind = \"limit\"\nlevel = \"warning\"\nmetric = \"words\"\nmax = 3\nmessage = \"{value} words, over {max}; {match} {}\"\nhelp = \"h\"\n",
        &["--format", "concise"],
    );
    assert_eq!(r.code, 0, "known placeholders load: {}", r.transcript());
    assert!(r.stdout.contains("words, over 3"), "{}", r.stdout);
}

#[test]
fn a_limit_with_min_over_max_is_refused() {
    let r = pack_run(
        "[pack]\nname = \"team\"\n\n[[rule]]\nid = \"size\"\nkind = \"limit\"\nlevel = \"warning\"\nmetric = \"words\"\nmin = 50\nmax = 10\nmessage = \"m\"\nhelp = \"h\"\n",
        &[],
    );
    assert_eq!(r.code, 2, "{}", r.transcript());
    insta::assert_snapshot!(r.stderr);
}
