use crate::util::run;

const ALL_CORE: &[&str] = &[
    "fixtures/pick-your-brain/bad-coffee.txt",
    "fixtures/double-opt-in/bad-intro-made.txt",
    "fixtures/cli/clean.txt",
];

#[test]
fn human_output_for_several_drafts() {
    let mut args = vec!["--color", "never"];
    args.extend(ALL_CORE);
    insta::assert_snapshot!(run(&args).transcript());
}

#[test]
fn concise_output_is_one_line_per_finding() {
    let mut args = vec!["--format", "concise"];
    args.extend(ALL_CORE);
    let r = run(&args);
    insta::assert_snapshot!(r.transcript());
    for line in r.stdout.lines() {
        let mut parts = line.splitn(4, ':');
        let (path, line_no, col) = (parts.next(), parts.next(), parts.next());
        assert!(path.is_some_and(|p| p.ends_with(".txt")), "{line}");
        assert!(
            line_no.is_some_and(|n| n.parse::<usize>().is_ok()),
            "{line}"
        );
        assert!(col.is_some_and(|n| n.parse::<usize>().is_ok()), "{line}");
    }
}

#[test]
fn json_output_follows_the_version_1_contract() {
    let mut args = vec!["--format", "json"];
    args.extend(ALL_CORE);
    let r = run(&args);
    let json = r.json();
    assert_eq!(json["version"], 1);
    assert_eq!(json["files"].as_array().map(Vec::len), Some(3));
    assert_eq!(json["summary"]["files"], 3);
    for file in json["files"].as_array().into_iter().flatten() {
        assert!(file["path"].is_string());
        for d in file["diagnostics"].as_array().into_iter().flatten() {
            for key in ["rule", "level", "message", "help", "section"] {
                assert!(d[key].is_string(), "{key} missing in {d}");
            }
            for key in ["start", "end", "line", "column", "end_line", "end_column"] {
                assert!(d["span"][key].is_u64(), "span.{key} missing in {d}");
            }
        }
    }
    insta::assert_json_snapshot!(json);
}

#[test]
fn json_for_a_clean_draft_has_an_empty_list() {
    let r = run(&["--format", "json", "fixtures/cli/clean.txt"]);
    assert_eq!(r.code, 0);
    insta::assert_json_snapshot!(r.json());
}

#[test]
fn colour_is_on_only_when_asked_or_on_a_terminal() {
    let path = "fixtures/pick-your-brain/bad-coffee.txt";
    assert!(
        !run(&[path]).stdout.contains('\u{1b}'),
        "piped output is plain"
    );
    assert!(run(&["--color", "always", path]).stdout.contains("\u{1b}["));
}

#[test]
fn list_rules_shows_id_level_pack_and_summary() {
    let r = run(&["--list-rules"]);
    assert_eq!(r.code, 0);
    insta::assert_snapshot!(r.stdout);
}

#[test]
fn explain_renders_the_rule_docs_and_examples() {
    let r = run(&["--explain", "double-opt-in"]);
    assert_eq!(r.code, 0);
    insta::assert_snapshot!(r.stdout);
}
