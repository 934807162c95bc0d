//! The rule-language reference (`docs/rule-language.md`) and the README are
//! documentation with examples; this runs every example so they cannot rot.
//!
//! - a ```` ```toml pack ```` block must load, with the built-in packs before it;
//! - each ```` ```text bad ```` block after it must make one of its rules fire,
//!   and each ```` ```text good ```` block must not;
//! - a ```` ```toml config ```` block must parse and apply to the built-in rules.

use std::path::Path;

use outreach_lint::{Config, Linter, Pack};

/// Fenced blocks as (info string, body).
fn blocks(markdown: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in markdown.lines() {
        match (&mut current, line.strip_prefix("```")) {
            (None, Some(info)) => current = Some((info.trim().to_owned(), String::new())),
            (Some(_), Some(_)) => out.extend(current.take()),
            (Some((_, body)), None) => {
                body.push_str(line);
                body.push('\n');
            }
            (None, None) => {}
        }
    }
    out
}

fn run_examples(file: &str) -> (usize, usize) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
    let builtins = Pack::builtins().expect("built-in packs load");
    let mut packs_checked = 0;
    let mut drafts_checked = 0;
    let mut current: Option<Pack> = None;
    for (info, body) in blocks(&text) {
        match info.as_str() {
            "toml pack" => {
                let pack = Pack::from_toml_with(file, &body, &builtins)
                    .unwrap_or_else(|e| panic!("{file}: pack example does not load: {e}\n{body}"));
                current = Some(pack);
                packs_checked += 1;
            }
            "toml config" => {
                let config = Config::from_toml(file, &body).unwrap_or_else(|e| {
                    panic!("{file}: config example does not parse: {e}\n{body}")
                });
                config.apply(&mut Linter::builtin()).unwrap_or_else(|e| {
                    panic!("{file}: config example does not apply: {e}\n{body}")
                });
                packs_checked += 1;
            }
            "text bad" | "text good" => {
                let pack = current
                    .clone()
                    .unwrap_or_else(|| panic!("{file}: a draft example before any pack"));
                let ids: Vec<String> = pack.rules().iter().map(|r| r.id().to_owned()).collect();
                let mut packs = builtins.clone();
                packs.push(pack);
                let linter = Linter::from_packs(packs).expect("example pack has fresh ids");
                let fired = linter
                    .lint("example", &body)
                    .into_iter()
                    .any(|d| ids.contains(&d.rule));
                assert_eq!(
                    fired,
                    info == "text bad",
                    "{file}: {info} example {}:\n{body}",
                    if fired { "fires" } else { "does not fire" }
                );
                drafts_checked += 1;
            }
            _ => {}
        }
    }
    (packs_checked, drafts_checked)
}

#[test]
fn rule_language_examples_load_and_behave() {
    let (packs, drafts) = run_examples("docs/rule-language.md");
    assert!(
        packs >= 7 && drafts >= 12,
        "only {packs} packs and {drafts} drafts checked"
    );
}

#[test]
fn readme_examples_load_and_behave() {
    let (configs, _) = run_examples("README.md");
    assert!(
        configs >= 2,
        "only {configs} examples checked in the README"
    );
}

#[test]
fn readme_rule_tables_match_the_rules() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README");
    let mut listed: Vec<(String, String)> = readme
        .lines()
        .filter_map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            let id = cells.get(1)?.strip_prefix('`')?.strip_suffix('`')?;
            // "info (opt-in)": the level, and a note that it is off by default.
            let level = cells.get(2)?.trim_end_matches(" (opt-in)");
            matches!(level, "error" | "warning" | "info").then(|| (id.to_owned(), level.to_owned()))
        })
        .collect();
    let mut actual: Vec<(String, String)> = Linter::builtin()
        .rules()
        .iter()
        .map(|r| (r.id().to_owned(), r.level().name().to_owned()))
        .collect();
    listed.sort();
    actual.sort();
    assert_eq!(
        listed, actual,
        "the README's rule tables differ from the built-in rules"
    );
}
