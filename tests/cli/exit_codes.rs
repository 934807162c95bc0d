use crate::util::{run, run_stdin};

#[test]
fn exits_0_on_a_clean_draft() {
    let r = run(&["fixtures/cli/clean.txt"]);
    assert_eq!(r.code, 0, "{}", r.transcript());
    assert_eq!(r.stdout, "no findings in 1 draft\n");
    assert_eq!(r.stderr, "");
}

#[test]
fn exits_1_on_an_error_level_finding() {
    let r = run(&["fixtures/pick-your-brain/bad-coffee.txt"]);
    assert_eq!(r.code, 1, "{}", r.transcript());
    assert!(r.stdout.contains("error[pick-your-brain]"), "{}", r.stdout);
}

#[test]
fn warnings_alone_exit_0_unless_fail_on_warning() {
    let path = "fixtures/specific-agenda/bad-quick-chat.txt";
    let r = run(&[path]);
    assert_eq!(r.code, 0, "{}", r.transcript());
    assert!(r.stdout.contains("warning[specific-agenda]"));
    assert_eq!(run(&["--fail-on", "warning", path]).code, 1);
    assert_eq!(
        run(&[
            "--fail-on",
            "never",
            "fixtures/pick-your-brain/bad-coffee.txt"
        ])
        .code,
        0
    );
}

#[test]
fn exits_2_on_usage_errors() {
    let r = run(&[]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no drafts given"), "{}", r.stderr);
    let r = run(&["--format", "xml", "x.txt"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("invalid value 'xml'"), "{}", r.stderr);
}

#[test]
fn unknown_rule_ids_suggest_the_closest() {
    let r = run(&[
        "--select",
        "pick-your-brian",
        "fixtures/pick-your-brain/bad-coffee.txt",
    ]);
    assert_eq!(r.code, 2);
    insta::assert_snapshot!(r.stderr, @"outreach-lint: unknown rule `pick-your-brian`; did you mean `pick-your-brain`? (--list-rules lists them all)");
    let r = run(&["--explain", "doble-opt-in"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("did you mean `double-opt-in`?"),
        "{}",
        r.stderr
    );
}

#[test]
fn select_and_ignore_narrow_the_rules() {
    let path = "fixtures/pick-your-brain/bad-coffee.txt";
    let r = run(&["--format", "concise", "--ignore", "pick-your-brain", path]);
    assert!(!r.stdout.contains("[pick-your-brain]"), "{}", r.stdout);
    let r = run(&["--format", "concise", "--select", "specific-agenda", path]);
    assert!(
        r.stdout.lines().all(|l| l.contains("[specific-agenda]")),
        "{}",
        r.stdout
    );
    assert_eq!(r.code, 0);
}

#[test]
fn reads_standard_input() {
    let r = run_stdin(
        &["--format", "concise", "-"],
        "Hi Jo,\n\nCan I pick your brain?\n",
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains("<stdin>:3:7: error[pick-your-brain]"),
        "{}",
        r.stdout
    );
    let r = run_stdin(
        &["--format", "concise", "--stdin-filename", "draft.txt", "-"],
        "Can I pick your brain?",
    );
    assert!(
        r.stdout.contains("draft.txt:1:7: error[pick-your-brain]"),
        "{}",
        r.stdout
    );
}

#[test]
fn an_unreadable_draft_does_not_stop_the_others() {
    let r = run(&[
        "--format",
        "concise",
        "missing.txt",
        "fixtures/pick-your-brain/bad-coffee.txt",
    ]);
    assert_eq!(r.code, 2, "exit 2 wins over 1: {}", r.transcript());
    assert_eq!(r.stderr, "outreach-lint: missing.txt: no such file\n");
    assert!(r.stdout.contains("bad-coffee.txt:6:"), "{}", r.stdout);
}

#[test]
fn fail_on_takes_warn_as_packs_do() {
    let path = "fixtures/specific-agenda/bad-quick-chat.txt";
    let r = run(&["--fail-on", "warn", path]);
    assert_eq!(r.code, 1, "{}", r.transcript());
}

#[test]
fn select_tolerates_spaces_and_takes_pack_names() {
    let path = "examples/cold-request.txt";
    let r = run(&[
        "--format",
        "concise",
        "--select",
        "pick-your-brain, vague-subject",
        path,
    ]);
    assert_eq!(r.code, 1, "{}", r.transcript());
    assert!(r.stdout.contains("[vague-subject]"), "{}", r.stdout);
    let r = run(&["--format", "concise", "--select", "core", path]);
    assert_eq!(r.code, 1, "{}", r.transcript());
    assert!(r.stdout.contains("[pick-your-brain]"), "{}", r.stdout);
    assert!(
        !r.stdout.contains("[vague-subject]"),
        "an etiquette rule is not selected by `core`: {}",
        r.stdout
    );
    let r = run(&["--format", "concise", "--ignore", "etiquette", path]);
    assert!(!r.stdout.contains("[vague-subject]"), "{}", r.stdout);
    let r = run(&["--select", "cor", path]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("did you mean `core`?"), "{}", r.stderr);
}

#[test]
fn max_size_takes_units() {
    let path = "fixtures/pick-your-brain/bad-coffee.txt";
    let r = run(&["--max-size", "1k", path]);
    assert_eq!(r.code, 1, "{}", r.transcript());
    let r = run(&["--max-size", "10b", path]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("over the 10-byte limit"), "{}", r.stderr);
    let r = run(&["--max-size", "2MiB", path]);
    assert_eq!(r.code, 1, "{}", r.transcript());
    let r = run(&["--max-size", "lots", path]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("a size such as"), "{}", r.stderr);
}
