//! One problem, one finding: where rules fire on the same words, the most
//! specific finding is shown and the others point at it with
//! `folded_into`; nothing is dropped.

use outreach_lint::{Diagnostic, Level, Linter, Pack};

const PACK: &str = r#"
[pack]
name = "overlap"
description = "Rules that fire on the same words"

[[rule]]
id = "vague-ask"
kind = "forbid"
level = "error"
patterns = ['pick your brain']
message = "vague ask"
help = "Ask two questions."

[[rule]]
id = "open-time"
kind = "forbid"
level = "warning"
patterns = ['your brain sometime']
message = "open-ended time"
help = "Bound the time."

[[rule]]
id = "no-offer"
kind = "forbid"
level = "info"
patterns = ['love to pick']
message = "nothing offered"
help = "Offer something."

[[rule]]
id = "jargon"
kind = "forbid"
level = "warning"
patterns = ['synergy']
message = "jargon"
help = "Say it plainly."
"#;

const DRAFT: &str = "Hi Jo,\n\nI'd love to pick your brain sometime about synergy.\n\nBest,\nAl\n";

fn linter() -> Linter {
    Linter::from_packs(vec![Pack::from_toml("overlap.toml", PACK).unwrap()]).unwrap()
}

/// Each finding as `(rule, rule it is folded into)`.
fn folding(found: &[Diagnostic]) -> Vec<(&str, Option<&str>)> {
    found
        .iter()
        .map(|d| {
            let into = d.folded_into.map(|i| found[i].rule.as_str());
            (d.rule.as_str(), into)
        })
        .collect()
}

/// What must hold of any report: a folded finding points at a shown one of
/// another rule, at least as serious, whose span shares its words.
fn assert_well_folded(found: &[Diagnostic]) {
    for d in found {
        let Some(i) = d.folded_into else { continue };
        let p = &found[i];
        assert_eq!(p.folded_into, None, "{} folded into a folded one", d.rule);
        assert_ne!(p.rule, d.rule);
        assert!(p.level >= d.level, "{} outranks {}", d.rule, p.rule);
        let (a, b) = (&p.span, &d.span);
        let within = |x: &outreach_lint::Location, y: &outreach_lint::Location| {
            y.start <= x.start && x.end <= y.end
        };
        assert!(
            (a.start < b.end && b.start < a.end) || within(a, b) || within(b, a),
            "{} folded into {} with no words shared",
            d.rule,
            p.rule
        );
    }
}

#[test]
fn the_most_serious_finding_is_shown_and_the_others_fold_into_it() {
    let found = linter().lint("jo.txt", DRAFT);
    assert_well_folded(&found);
    assert_eq!(
        folding(&found),
        [
            ("no-offer", Some("vague-ask")),
            ("vague-ask", None),
            ("open-time", Some("vague-ask")),
            // Other words, another problem.
            ("jargon", None),
        ]
    );
}

#[test]
fn levels_decide_and_chains_fold_only_into_shown_findings() {
    let mut linter = linter();
    linter.set_level("vague-ask", Some(Level::Info));
    let found = linter.lint("jo.txt", DRAFT);
    assert_well_folded(&found);
    // `open-time` is now the most serious; `vague-ask` folds into it.
    // `no-offer` shares words with `vague-ask` only, which is folded, so
    // it is shown on its own.
    assert_eq!(
        folding(&found),
        [
            ("no-offer", None),
            ("vague-ask", Some("open-time")),
            ("open-time", None),
            ("jargon", None),
        ]
    );
}

#[test]
fn json_lists_every_finding_and_marks_the_folded_ones() {
    let found = linter().lint("jo.txt", DRAFT);
    let json = serde_json::to_value(&found).unwrap();
    let entries = json.as_array().unwrap();
    assert_eq!(entries.len(), 4);
    let vague = found.iter().position(|d| d.rule == "vague-ask").unwrap();
    for (entry, d) in entries.iter().zip(&found) {
        match d.folded_into {
            Some(i) => assert_eq!(entry["folded_into"], i),
            None => assert!(entry.get("folded_into").is_none(), "{entry}"),
        }
    }
    assert_eq!(entries[0]["folded_into"], vague);
    // And it reads back the same.
    let back: Vec<Diagnostic> = serde_json::from_value(json).unwrap();
    assert_eq!(back, found);
}

#[test]
fn a_real_draft_shows_one_finding_per_problem() {
    let text = include_str!("../../../examples/cold-request.txt");
    let found = Linter::builtin().lint("cold-request.txt", text);
    assert_well_folded(&found);
    let shown: Vec<&Diagnostic> = found.iter().filter(|d| d.folded_into.is_none()).collect();
    assert!(shown.len() < found.len(), "nothing folded: {found:#?}");
    // "pick your brain" draws several rules; the error is the one shown.
    let brain = found
        .iter()
        .position(|d| d.rule == "pick-your-brain")
        .unwrap();
    assert_eq!(found[brain].folded_into, None);
    assert!(found.iter().any(|d| d.folded_into == Some(brain)));
    // The highest level shown is the highest level found.
    let max = |list: &mut dyn Iterator<Item = &Diagnostic>| list.map(|d| d.level).max();
    assert_eq!(max(&mut shown.iter().copied()), max(&mut found.iter()));
}
