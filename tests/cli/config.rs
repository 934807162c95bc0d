//! Configuration files: discovery, precedence, per-file skips, levels,
//! and errors rendered against the TOML with exit 2.

use std::fs;
use std::path::Path;

use crate::util::{Run, root, run_in};

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("mkdir");
    }
    fs::write(path, text).expect("write");
}

const BRAIN: &str = "Subject: Two questions about your talk\n\nHi Jo,\n\nCould I pick your brain about your talk on caching?\n\nThanks,\nAl\n";

fn rules_fired(r: &Run) -> Vec<String> {
    let json = r.json();
    let mut out: Vec<String> = json["files"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|f| f["diagnostics"].as_array().cloned().unwrap_or_default())
        .map(|d| {
            format!(
                "{}:{}",
                d["rule"].as_str().unwrap_or_default(),
                d["level"].as_str().unwrap_or_default()
            )
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

#[test]
fn nearest_configuration_wins() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        dir.path(),
        "outreach-lint.toml",
        "[rules]\npick-your-brain = \"info\"\n",
    );
    write(
        dir.path(),
        "team/.outreach-lint.toml",
        "[rules]\npick-your-brain = \"off\"\n",
    );
    write(dir.path(), "top.txt", BRAIN);
    write(dir.path(), "team/deep/nested/draft.txt", BRAIN);
    let r = run_in(
        dir.path(),
        &["--format", "json", "--select", "pick-your-brain", "top.txt"],
    );
    assert_eq!(
        rules_fired(&r),
        ["pick-your-brain:info"],
        "{}",
        r.transcript()
    );
    assert_eq!(r.code, 0, "an info does not fail the run");
    let r = run_in(
        dir.path(),
        &["--format", "json", "team/deep/nested/draft.txt"],
    );
    assert!(
        !rules_fired(&r)
            .iter()
            .any(|r| r.starts_with("pick-your-brain:")),
        "the nearer config turns it off: {}",
        r.transcript()
    );
}

#[test]
fn explicit_config_and_no_config() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        dir.path(),
        "outreach-lint.toml",
        "[rules]\npick-your-brain = \"off\"\n",
    );
    write(
        dir.path(),
        "other.toml",
        "[rules]\npick-your-brain = \"warning\"\n",
    );
    write(dir.path(), "d.txt", BRAIN);
    let only = ["--format", "json", "--select", "pick-your-brain"];
    let r = run_in(dir.path(), &["--format", "json", "d.txt"]);
    assert!(
        !rules_fired(&r)
            .iter()
            .any(|r| r.starts_with("pick-your-brain:"))
    );
    let r = run_in(
        dir.path(),
        &[&only[..], &["--config", "other.toml", "d.txt"]].concat(),
    );
    assert_eq!(rules_fired(&r), ["pick-your-brain:warning"]);
    let r = run_in(dir.path(), &[&only[..], &["--no-config", "d.txt"]].concat());
    assert_eq!(rules_fired(&r), ["pick-your-brain:error"]);
}

#[test]
fn per_file_skips_and_limit_bounds() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        dir.path(),
        "outreach-lint.toml",
        "[rules]\ntoo-long = { level = \"error\", max = 5 }\n\n[per-file]\n\"archive/**\" = [\"too-long\", \"pick-your-brain\"]\n",
    );
    write(dir.path(), "new.txt", BRAIN);
    write(dir.path(), "archive/2025/old.txt", BRAIN);
    let args = ["--format", "json", "--select", "too-long,pick-your-brain"];
    let r = run_in(dir.path(), &[&args[..], &["new.txt"]].concat());
    assert_eq!(
        rules_fired(&r),
        ["pick-your-brain:error", "too-long:error"],
        "{}",
        r.transcript()
    );
    let r = run_in(dir.path(), &[&args[..], &["archive/2025/old.txt"]].concat());
    assert!(rules_fired(&r).is_empty(), "{}", r.transcript());
    assert_eq!(r.code, 0);
}

#[test]
fn a_team_pack_loads_through_the_configuration() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pack = fs::read_to_string(root().join("examples/team-pack.toml")).expect("example pack");
    write(dir.path(), "rules/team.toml", &pack);
    write(
        dir.path(),
        "outreach-lint.toml",
        "packs = [\"core\", \"etiquette\", \"rules/team.toml\"]\n",
    );
    write(
        dir.path(),
        "d.txt",
        "Hi Lu,\n\nYour post on on-call was great. Let's find synergies: 20 minutes on Tuesday?\n",
    );
    let r = run_in(
        dir.path(),
        &["--format", "concise", "--select", "synergy-speak", "d.txt"],
    );
    assert_eq!(
        r.stdout,
        "d.txt:3:44: warning[synergy-speak] \"synergies\" is jargon\n",
        "{}",
        r.transcript()
    );
}

#[test]
fn kind_comes_from_flag_config_or_header() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ask = "Hi Jo,\n\nCould you spare 20 minutes for two questions about hiring?\n";
    write(dir.path(), "a.txt", ask);
    write(
        dir.path(),
        "b.txt",
        &format!("X-Outreach-Kind: thank-you\n\n{ask}"),
    );
    let kind = |r: &Run| r.json()["files"][0]["kind"].as_str().map(str::to_owned);
    assert_eq!(
        kind(&run_in(dir.path(), &["--format", "json", "a.txt"])).as_deref(),
        Some("cold-request")
    );
    assert_eq!(
        kind(&run_in(dir.path(), &["--format", "json", "b.txt"])).as_deref(),
        Some("thank-you")
    );
    assert_eq!(
        kind(&run_in(
            dir.path(),
            &["--format", "json", "--kind", "follow-up", "a.txt"]
        ))
        .as_deref(),
        Some("follow-up")
    );
    write(
        dir.path(),
        "outreach-lint.toml",
        "kind = \"intro-request\"\n",
    );
    assert_eq!(
        kind(&run_in(dir.path(), &["--format", "json", "a.txt"])).as_deref(),
        Some("intro-request")
    );
    let r = run_in(dir.path(), &["--kind", "colder", "a.txt"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("unknown kind `colder`"), "{}", r.stderr);
}

#[test]
fn verbose_says_kind_and_configuration() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        dir.path(),
        "a.txt",
        "Hi Jo,\n\nThank you for taking the time to meet yesterday.\n",
    );
    let r = run_in(dir.path(), &["--no-config", "-v", "a.txt"]);
    assert_eq!(
        r.stderr,
        "outreach-lint: a.txt: read as thank-you (detected from thank-you: \"Thank you for taking the time\"); configuration: none\n"
    );
}

#[test]
fn init_writes_a_working_starter_and_never_overwrites() {
    let dir = tempfile::tempdir().expect("temp dir");
    let r = run_in(dir.path(), &["--init"]);
    assert_eq!(r.code, 0, "{}", r.transcript());
    assert_eq!(r.stdout, "wrote outreach-lint.toml\n");
    let written = fs::read_to_string(dir.path().join("outreach-lint.toml")).expect("written");
    assert!(written.contains("packs = [\"core\", \"etiquette\"]"));
    assert!(
        written.contains("`packs` REPLACES") && written.contains("# extend-packs = ["),
        "the starter says which key replaces and which adds: {written}"
    );
    assert!(written.contains("# fail-on = \"warning\""), "{written}");
    write(dir.path(), "d.txt", BRAIN);
    let r = run_in(
        dir.path(),
        &["--format", "json", "--select", "pick-your-brain", "d.txt"],
    );
    assert_eq!(
        rules_fired(&r),
        ["pick-your-brain:error"],
        "the starter config loads: {}",
        r.transcript()
    );
    let r = run_in(dir.path(), &["--init"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "outreach-lint: outreach-lint.toml already exists; not overwriting it\n"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("outreach-lint.toml")).expect("still there"),
        written
    );
}

/// Each configuration error: rendered against the file, exit 2.
fn config_error(name: &str, config: &str) {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "outreach-lint.toml", config);
    write(dir.path(), "d.txt", BRAIN);
    let r = run_in(dir.path(), &["--color", "never", "d.txt"]);
    assert_eq!(r.code, 2, "{name}: {}", r.transcript());
    assert!(
        r.stdout.is_empty()
            || r.stdout.contains("in 0 drafts")
            || r.stdout.starts_with("no findings"),
        "{name}: {}",
        r.stdout
    );
    insta::assert_snapshot!(name, r.stderr);
}

#[test]
fn configuration_errors_point_into_the_file() {
    config_error("config_bad_toml", "[rules\ntoo-long = \"off\"\n");
    config_error("config_unknown_key", "pack = [\"core\"]\n");
    config_error("config_unknown_rule", "[rules]\ngeneric-prase = \"off\"\n");
    config_error("config_wrong_type", "[rules]\ntoo-long = 150\n");
    config_error("config_unknown_level", "[rules]\ntoo-long = \"loud\"\n");
    config_error("config_unknown_pack", "packs = [\"core\", \"etiquete\"]\n");
    config_error(
        "config_missing_pack_file",
        "packs = [\"core\", \"./nowhere.toml\"]\n",
    );
    config_error(
        "config_bounds_on_a_pattern_rule",
        "[rules]\npick-your-brain = { max = 2 }\n",
    );
    config_error(
        "config_unknown_rule_in_per_file",
        "[per-file]\n\"old/**\" = [\"to-long\"]\n",
    );
}

#[test]
fn a_broken_pack_named_by_the_configuration_points_into_the_pack() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        dir.path(),
        "outreach-lint.toml",
        "packs = [\"core\", \"team.toml\"]\n",
    );
    write(
        dir.path(),
        "team.toml",
        "[pack]\nname = \"team\"\n\n[patterns]\nasks = ['@core.meeting-asks']\n",
    );
    write(dir.path(), "d.txt", BRAIN);
    let r = run_in(dir.path(), &["--color", "never", "d.txt"]);
    assert_eq!(r.code, 2);
    insta::assert_snapshot!(r.stderr);
}

#[test]
fn list_rules_shows_the_levels_in_force() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        dir.path(),
        "outreach-lint.toml",
        "[rules]\ngeneric-praise = \"off\"\ntoo-long = \"error\"\n",
    );
    let r = run_in(dir.path(), &["--list-rules"]);
    let level = |id: &str| {
        r.stdout
            .lines()
            .find(|l| l.starts_with(&format!("{id} ")))
            .and_then(|l| l.split_whitespace().nth(1))
            .map(str::to_owned)
    };
    assert_eq!(level("generic-praise").as_deref(), Some("off"));
    assert_eq!(level("too-long").as_deref(), Some("error"));
    assert_eq!(level("pick-your-brain").as_deref(), Some("error"));
}

#[test]
fn stdin_filename_picks_the_configuration_and_per_file_skips() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        dir.path(),
        "outreach-lint.toml",
        "[per-file]\n\"archive/**\" = [\"pick-your-brain\"]\n",
    );
    write(
        dir.path(),
        "team/outreach-lint.toml",
        "[rules]\npick-your-brain = \"info\"\n",
    );
    let only = ["--format", "json", "--select", "pick-your-brain"];
    let piped = |name: &str| {
        crate::util::run_stdin_in(
            dir.path(),
            &[&only[..], &["--stdin-filename", name, "-"]].concat(),
            BRAIN,
        )
    };
    let r = piped("archive/2025/old.txt");
    assert!(
        rules_fired(&r).is_empty(),
        "[per-file] applies to the name given: {}",
        r.transcript()
    );
    let r = piped("team/new.txt");
    assert_eq!(
        rules_fired(&r),
        ["pick-your-brain:info"],
        "the configuration nearest the name given applies: {}",
        r.transcript()
    );
    let r = piped("new.txt");
    assert_eq!(rules_fired(&r), ["pick-your-brain:error"]);
}

#[test]
fn select_turns_on_a_rule_the_configuration_turns_off() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        dir.path(),
        "outreach-lint.toml",
        "[rules]\npick-your-brain = \"off\"\n",
    );
    write(dir.path(), "d.txt", BRAIN);
    let r = run_in(dir.path(), &["--format", "json", "d.txt"]);
    assert!(!rules_fired(&r).contains(&"pick-your-brain:error".to_owned()));
    let r = run_in(
        dir.path(),
        &["--format", "json", "--select", "pick-your-brain", "d.txt"],
    );
    assert_eq!(
        rules_fired(&r),
        ["pick-your-brain:error"],
        "flags win over the file: {}",
        r.transcript()
    );
}

#[test]
fn verbose_says_when_the_draft_set_its_kind() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        dir.path(),
        "a.txt",
        "X-Outreach-Kind: follow-up\n\nHi Jo,\n\nThank you for taking the time to meet yesterday.\n",
    );
    write(dir.path(), "c.toml", "kind = \"thank-you\"\n");
    let r = run_in(dir.path(), &["--no-config", "-v", "a.txt"]);
    assert_eq!(
        r.stderr,
        "outreach-lint: a.txt: read as follow-up (set in the draft); configuration: none\n"
    );
    let r = run_in(dir.path(), &["--config", "c.toml", "-v", "a.txt"]);
    assert_eq!(
        r.stderr,
        "outreach-lint: a.txt: read as thank-you (set in the configuration); configuration: c.toml\n"
    );
    let r = run_in(
        dir.path(),
        &["--kind", "other", "-v", "--no-config", "a.txt"],
    );
    assert_eq!(
        r.stderr,
        "outreach-lint: a.txt: read as other (given with --kind); configuration: none\n"
    );
}

#[test]
fn a_misspelt_rule_in_the_allow_header_is_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        dir.path(),
        "d.txt",
        "X-Outreach-Lint: allow too-long, pick-your-brian\nX-Outreach-Kind: colder\n\nHi Jo,\n\nCould I pick your brain?\n",
    );
    let r = run_in(
        dir.path(),
        &[
            "--no-config",
            "--format",
            "concise",
            "--select",
            "pick-your-brain",
            "d.txt",
        ],
    );
    assert_eq!(r.code, 1, "the rule still runs: {}", r.transcript());
    insta::assert_snapshot!(r.stderr, @r"
    outreach-lint: d.txt:1:34: warning: X-Outreach-Lint allows an unknown rule `pick-your-brian`; did you mean `pick-your-brain`?
    outreach-lint: d.txt:2:18: warning: X-Outreach-Kind names an unknown kind `colder`; kinds are: cold-request, intro-request, intro-made, follow-up, thank-you, other
    ");
}

#[test]
fn kind_intro_is_refused_as_ambiguous_and_aliases_work() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "a.txt", BRAIN);
    let r = run_in(dir.path(), &["--kind", "intro", "a.txt"]);
    assert_eq!(r.code, 2, "{}", r.transcript());
    assert!(
        r.stderr.contains("did you mean `intro-request` (asking to be introduced) or `intro-made` (introducing two people)?"),
        "{}",
        r.stderr
    );
    let kind = |k: &str| {
        run_in(dir.path(), &["--format", "json", "--kind", k, "a.txt"]).json()["files"][0]["kind"]
            .as_str()
            .map(str::to_owned)
    };
    assert_eq!(kind("cold").as_deref(), Some("cold-request"));
    assert_eq!(kind("followup").as_deref(), Some("follow-up"));
    assert_eq!(kind("Thanks").as_deref(), Some("thank-you"));
    write(dir.path(), "outreach-lint.toml", "kind = \"intro\"\n");
    let r = run_in(dir.path(), &["a.txt"]);
    assert_eq!(r.code, 2, "{}", r.transcript());
    assert!(
        r.stderr.contains("unknown message kind `intro`"),
        "{}",
        r.stderr
    );
}

#[test]
fn fail_on_can_be_set_in_the_configuration() {
    let dir = tempfile::tempdir().expect("temp dir");
    let chat = fs::read_to_string(root().join("fixtures/specific-agenda/bad-quick-chat.txt"))
        .expect("fixture");
    write(dir.path(), "d.txt", &chat);
    assert_eq!(
        run_in(dir.path(), &["d.txt"]).code,
        0,
        "warnings alone pass"
    );
    write(dir.path(), "outreach-lint.toml", "fail-on = \"warning\"\n");
    let r = run_in(dir.path(), &["d.txt"]);
    assert_eq!(r.code, 1, "{}", r.transcript());
    let r = run_in(dir.path(), &["--fail-on", "never", "d.txt"]);
    assert_eq!(r.code, 0, "the flag wins: {}", r.transcript());
    write(dir.path(), "outreach-lint.toml", "fail-on = \"warn\"\n");
    assert_eq!(run_in(dir.path(), &["d.txt"]).code, 1);
    write(dir.path(), "outreach-lint.toml", "fail-on = \"never\"\n");
    assert_eq!(
        run_in(dir.path(), &["fixtures/none.txt", "d.txt"]).code,
        2,
        "a missing draft still exits 2"
    );
}

#[test]
fn extend_packs_adds_to_the_built_in_packs_and_packs_replaces_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pack = fs::read_to_string(root().join("examples/team-pack.toml")).expect("example pack");
    write(dir.path(), "team.toml", &pack);
    write(
        dir.path(),
        "d.txt",
        "Subject: Hi\n\nHi Lu,\n\nLet's find synergies. Could I pick your brain?\n",
    );
    let fired = |config: &str| {
        write(dir.path(), "outreach-lint.toml", config);
        let r = run_in(dir.path(), &["--format", "json", "d.txt"]);
        assert_ne!(r.code, 2, "{}", r.transcript());
        rules_fired(&r)
    };
    let added = fired("extend-packs = [\"team.toml\"]\n");
    assert!(
        added.contains(&"synergy-speak:warning".to_owned()),
        "{added:?}"
    );
    assert!(
        added.contains(&"pick-your-brain:error".to_owned()),
        "{added:?}"
    );
    let replaced = fired("packs = [\"team.toml\"]\n");
    assert!(
        replaced.contains(&"synergy-speak:warning".to_owned()),
        "{replaced:?}"
    );
    assert!(
        !replaced.contains(&"pick-your-brain:error".to_owned()),
        "{replaced:?}"
    );
}

#[test]
fn config_fail_on_and_extend_packs_errors_point_into_the_file() {
    config_error("config_unknown_fail_on", "fail-on = \"warnings\"\n");
    config_error(
        "config_missing_extended_pack",
        "packs = [\"core\"]\nextend-packs = [\"etiquette\", \"./nowhere.toml\"]\n",
    );
    config_error(
        "config_min_over_max",
        "[rules]\ntoo-long = { min = 300, max = 150 }\n",
    );
    config_error(
        "config_min_over_max",
        "[rules]\ntoo-long = { min = 300, max = 150 }\n",
    );
}

#[test]
fn help_lists_the_kinds_and_their_aliases() {
    let r = crate::util::run(&["--help"]);
    // Help may be wrapped to the terminal's width.
    let words = r.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("cold-request (or cold), intro-request, intro-made, follow-up (or followup), thank-you (or thanks), other"),
        "{}",
        r.stdout
    );
}
