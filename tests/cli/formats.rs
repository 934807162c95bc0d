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
fn concise_output_is_one_line_per_problem() {
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

/// A draft where three rules fire on overlapping words and one elsewhere,
/// with only those rules on.
fn overlapping(format: &str) -> crate::util::Run {
    run(&[
        "--color",
        "never",
        "--format",
        format,
        "--pack",
        "fixtures/cli/overlap-pack.toml",
        "--select",
        "overlap",
        "fixtures/cli/overlap.txt",
    ])
}

#[test]
fn human_output_shows_folded_findings_under_the_one_shown() {
    let r = overlapping("human");
    assert_eq!(r.code, 1);
    // Two problems: two headers, the folded rules as labels of the first.
    let headers: Vec<&str> = r
        .stdout
        .lines()
        .filter(|l| l.starts_with("error[") || l.starts_with("warning[") || l.starts_with("info["))
        .collect();
    assert_eq!(headers.len(), 2, "{}", r.stdout);
    assert!(
        r.stdout
            .contains("also warning[open-time]: open-ended time")
    );
    assert!(r.stdout.contains("also info[no-offer]: nothing offered"));
    assert!(
        r.stdout
            .ends_with("1 error, 1 warning in 1 draft (2 more on the same words, folded in)\n"),
        "{}",
        r.stdout
    );
    insta::assert_snapshot!(r.transcript());
}

#[test]
fn concise_output_names_the_folded_rules_on_the_line_shown() {
    let r = overlapping("concise");
    assert_eq!(r.stdout.lines().count(), 2, "{}", r.stdout);
    insta::assert_snapshot!(r.transcript());
}

#[test]
fn json_output_lists_folded_findings_with_folded_into() {
    let r = overlapping("json");
    let json = r.json();
    let list = json["files"][0]["diagnostics"].as_array().unwrap().clone();
    // Every rule that fired is listed, and counted.
    assert_eq!(list.len(), 4);
    assert_eq!(json["summary"]["errors"], 1);
    assert_eq!(json["summary"]["warnings"], 2);
    assert_eq!(json["summary"]["infos"], 1);
    let shown = list.iter().position(|d| d["rule"] == "vague-ask").unwrap();
    for d in &list {
        match d["rule"].as_str().unwrap() {
            "no-offer" | "open-time" => assert_eq!(d["folded_into"], shown, "{d}"),
            _ => assert!(d.get("folded_into").is_none(), "{d}"),
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

/// The same few drafts (plain text, Markdown, a plain and an encoded
/// `.eml`) in every format.
const MIXED: &[&str] = &[
    "fixtures/pick-your-brain/bad-coffee.txt",
    "fixtures/markdown/bad-brain.md",
    "fixtures/eml/plain.eml",
    "fixtures/eml/quoted-printable.eml",
];

fn mixed(format: &str, extra: &[&str]) -> crate::util::Run {
    let mut args = vec!["--color", "never", "--format", format];
    args.extend(extra);
    args.extend(MIXED);
    run(&args)
}

/// SARIF output with what changes between releases blanked out.
fn sarif_snapshot(json: &serde_json::Value) -> serde_json::Value {
    let mut json = json.clone();
    json["runs"][0]["tool"]["driver"]["version"] = "[version]".into();
    for rule in json["runs"][0]["tool"]["driver"]["rules"]
        .as_array_mut()
        .into_iter()
        .flatten()
    {
        // The rule docs have their own tests; keep only their shape here.
        rule["help"]["text"] = "[explain]".into();
    }
    json
}

#[test]
fn every_format_for_the_same_drafts() {
    for format in ["human", "concise", "github"] {
        let r = mixed(format, &[]);
        assert_eq!(r.code, 1, "{format}");
        insta::assert_snapshot!(format!("mixed_{format}"), r.transcript());
    }
    let r = mixed("json", &[]);
    assert_eq!(r.code, 1);
    insta::assert_json_snapshot!("mixed_json", r.json());
    let r = mixed("sarif", &[]);
    assert_eq!(r.code, 1);
    insta::assert_json_snapshot!("mixed_sarif", sarif_snapshot(&r.json()));
}

/// The SARIF 2.1.0 schema, as shipped inside the `serde-sarif` crate (a
/// dev-dependency), found through `cargo metadata` rather than copied here.
fn sarif_schema() -> serde_json::Value {
    let out = std::process::Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(crate::util::root())
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).expect("metadata JSON");
    let manifest = meta["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| p["name"] == "serde-sarif")
        .and_then(|p| p["manifest_path"].as_str())
        .expect("serde-sarif is a dev-dependency");
    let path = std::path::Path::new(manifest)
        .parent()
        .expect("crate folder")
        .join("src/schema.json");
    let text = std::fs::read_to_string(&path).expect("schema file in the serde-sarif crate");
    serde_json::from_str(&text).expect("schema is JSON")
}

fn fix_patterns(value: &mut serde_json::Value) -> usize {
    const STRAY: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
    match value {
        serde_json::Value::String(s) if s == STRAY => {
            *s = "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$".to_owned();
            1
        }
        serde_json::Value::Array(items) => items.iter_mut().map(fix_patterns).sum(),
        serde_json::Value::Object(map) => map.values_mut().map(fix_patterns).sum(),
        _ => 0,
    }
}

#[test]
fn sarif_output_is_valid_sarif_2_1_0() {
    let schema = sarif_schema();
    assert_eq!(
        schema["title"],
        "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    );
    // The published schema's `language` patterns have a stray `]`
    // (`…-[a-zA-Z]{2}]?$`) that a strict ECMA-262 check rejects when the
    // schema itself is validated; give them the pattern they mean. Our
    // output has no `language`, so nothing we emit depends on it.
    let mut schema = schema;
    let fixed = fix_patterns(&mut schema);
    assert_eq!(fixed, 2, "the schema's language patterns changed");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let r = mixed("sarif", &[]);
    let log = r.json();
    let errors: Vec<String> = validator.iter_errors(&log).map(|e| e.to_string()).collect();
    assert!(
        errors.is_empty(),
        "SARIF is invalid:\n{}",
        errors.join("\n")
    );
    // The schema cannot see this: every result names a rule the driver lists.
    let rules = &log["runs"][0]["tool"]["driver"]["rules"];
    let results = log["runs"][0]["results"].as_array().expect("results");
    let json = mixed("json", &[]).json();
    let expected: usize = json["files"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| f["diagnostics"].as_array().map_or(0, Vec::len))
        .sum();
    assert!(expected > 0);
    assert_eq!(results.len(), expected, "one SARIF result per finding");
    for result in results {
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
    // And the typed model of the same schema reads it back.
    let typed: serde_sarif::sarif::Sarif = serde_json::from_value(log).expect("typed SARIF");
    assert_eq!(typed.runs.len(), 1);
    // A schema check that passes everything would prove nothing.
    let mut broken = r.json();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(validator.iter_errors(&broken).next().is_some());
}

#[test]
fn github_annotations_escape_what_would_break_them() {
    let r = mixed("github", &[]);
    for line in r.stdout.lines() {
        assert!(
            ["::error file=", "::warning file=", "::notice file="]
                .iter()
                .any(|p| line.starts_with(p)),
            "{line}"
        );
        let (props, message) = line
            .trim_start_matches("::")
            .split_once("::")
            .expect("command::message");
        assert!(!message.contains('\n') && !message.is_empty());
        assert_eq!(props.matches(',').count(), 5, "{props}");
    }
}

#[test]
fn quiet_keeps_only_the_summary_and_the_exit_code() {
    let r = mixed("human", &["--quiet"]);
    assert_eq!(r.code, 1);
    let full = mixed("human", &[]);
    let summary = full.stdout.lines().last().expect("a summary line");
    assert!(summary.contains(" in 4 drafts"), "{summary}");
    assert_eq!(r.stdout, format!("{summary}\n"));
    let r = mixed("concise", &["-q"]);
    assert_eq!((r.code, r.stdout.as_str()), (1, ""));
}

#[test]
fn statistics_count_findings_per_rule() {
    let r = mixed("human", &["--quiet", "--statistics"]);
    assert_eq!(r.code, 1);
    insta::assert_snapshot!(r.stdout, @r"
        4  pick-your-brain        error
        4  references-their-work  warning
        4  specific-agenda        warning
        1  vague-subject          warning
    4 errors, 4 warnings in 4 drafts (5 more on the same words, folded in)
    ");
}

#[test]
fn no_color_turns_colour_off_in_auto_mode_only() {
    let path = "fixtures/pick-your-brain/bad-coffee.txt";
    let r = crate::util::cmd()
        .env("NO_COLOR", "1")
        .args(["--color", "always", path])
        .output()
        .expect("runs");
    assert!(
        String::from_utf8_lossy(&r.stdout).contains("\u{1b}["),
        "--color always wins"
    );
    let r = crate::util::cmd()
        .env("NO_COLOR", "1")
        .args(["--color", "auto", path])
        .output()
        .expect("runs");
    assert!(!String::from_utf8_lossy(&r.stdout).contains('\u{1b}'));
}

#[test]
fn the_info_level_is_called_info_in_human_output_too() {
    let path = "fixtures/all-take/bad-favour.txt";
    let human = run(&["--color", "never", "--select", "all-take", path]);
    assert!(
        human.stdout.starts_with("info[all-take]: "),
        "{}",
        human.transcript()
    );
    let colour = run(&["--color", "always", "--select", "all-take", path]);
    assert!(
        colour.stdout.contains("info[all-take]") && !colour.stdout.contains("note["),
        "{}",
        colour.stdout
    );
    let concise = run(&["--format", "concise", "--select", "all-take", path]);
    assert!(
        concise.stdout.contains(" info[all-take] "),
        "{}",
        concise.stdout
    );
}

#[test]
fn list_rules_fills_no_raw_placeholders_and_has_a_json_form() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("team.toml"),
        "[pack]\nname = \"team\"\n\n[[rule]]\nid = \"short\"\nkind = \"limit\"\nlevel = \"warning\"\nmetric = \"words\"\nmax = 3\nmessage = \"{value} words, over {max}\"\nhelp = \"h\"\n",
    )
    .expect("write pack");
    let r = crate::util::run_in(
        dir.path(),
        &["--no-config", "--pack", "team.toml", "--list-rules"],
    );
    assert_eq!(r.code, 0, "{}", r.transcript());
    let short = r
        .stdout
        .lines()
        .find(|l| l.starts_with("short "))
        .unwrap_or_default();
    assert!(short.ends_with("team       … words, over …"), "{short:?}");
    let r = crate::util::run_in(
        dir.path(),
        &[
            "--no-config",
            "--pack",
            "team.toml",
            "--list-rules",
            "--format",
            "json",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.transcript());
    let json = r.json();
    assert_eq!(json["version"], 1);
    let rules = json["rules"].as_array().cloned().unwrap_or_default();
    let first = rules.first().cloned().unwrap_or_default();
    assert_eq!(first["id"], "pick-your-brain");
    assert_eq!(first["level"], "error");
    assert_eq!(first["default_level"], "error");
    assert_eq!(first["pack"], "core");
    assert!(first["summary"].as_str().is_some_and(|s| !s.is_empty()));
    let last = rules.last().cloned().unwrap_or_default();
    assert_eq!(last["summary"], "… words, over …");
}

#[test]
fn the_readme_sample_output_is_what_the_command_prints() {
    let readme = std::fs::read_to_string(crate::util::root().join("README.md")).expect("README");
    let command = "$ outreach-lint examples/cold-request.txt\n";
    let start = readme.find(command).expect("the README shows a run") + command.len();
    let shown = readme
        .get(start..)
        .and_then(|rest| rest.find("```").and_then(|end| rest.get(..end)))
        .expect("the sample is closed");
    let r = run(&["--color", "never", "examples/cold-request.txt"]);
    assert_eq!(
        shown, r.stdout,
        "README sample differs from the real output"
    );
}

#[test]
fn a_long_line_is_cut_around_the_finding() {
    let sentence =
        "I have been reading your posts on release engineering and they changed how we ship. ";
    let draft = format!(
        "Subject: Two questions\n\nHi Jo,\n\n{}Could I pick your brain about canary releases? {}\n\nThanks,\nAl\n",
        sentence.repeat(8),
        sentence.repeat(4)
    );
    let r = crate::util::run_stdin(
        &[
            "--color",
            "never",
            "--select",
            "pick-your-brain",
            "--stdin-filename",
            "long.txt",
            "-",
        ],
        draft,
    );
    assert_eq!(r.code, 1, "{}", r.transcript());
    assert!(
        r.stdout.lines().all(|l| l.chars().count() < 140),
        "no line printed whole: {}",
        r.stdout
    );
    insta::assert_snapshot!(r.stdout, @r#"
    error[pick-your-brain]: "pick your brain" asks for open-ended free time
      ┌─ long.txt:5:681
      │
    5 │ …engineering and they changed how we ship. Could I pick your brain about canary releases? I have been reading your p…
      │                                                    ^^^^^^^^^^^^^^^ in the body
      │
      = help: Name the two or three questions you want answered, and how long it would take.

    1 error in 1 draft
    "#);
}

#[test]
fn completions_and_man_page_are_printed() {
    for (shell, marker) in [
        ("bash", "_outreach__lint()"),
        ("zsh", "#compdef outreach-lint"),
        ("fish", "complete -c outreach-lint"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[outreach-lint]"),
    ] {
        let r = run(&["--completions", shell]);
        assert_eq!(r.code, 0, "{shell}: {}", r.stderr);
        assert!(r.stdout.contains(marker), "{shell}: {}", r.stdout);
        assert!(r.stdout.contains("fail-on"), "{shell} completes the flags");
    }
    let r = run(&["--man"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains(".TH outreach-lint 1"), "{}", r.stdout);
    assert!(r.stdout.contains("\\fB\\-\\-fail\\-on\\fR"), "{}", r.stdout);
    let r = run(&["--completions", "tcsh"]);
    assert_eq!(r.code, 2, "{}", r.transcript());
}
