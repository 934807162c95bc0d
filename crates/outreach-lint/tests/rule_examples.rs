//! Every built-in rule carries bad and good example drafts; each bad one
//! must make its rule fire and no good one may. The examples are also what
//! `--explain` shows, so this keeps the documentation honest.

use outreach_lint::{BUILTIN_PACKS, Linter};

fn only(id: &str) -> Linter {
    let mut linter = Linter::builtin();
    linter.select([id]).expect("the rule exists");
    linter
}

#[test]
fn every_builtin_rule_has_docs_and_examples() {
    let linter = Linter::builtin();
    assert!(!BUILTIN_PACKS.is_empty());
    for rule in linter.rules() {
        assert!(
            !rule.explain().trim().is_empty(),
            "{} has no explain",
            rule.id()
        );
        assert!(
            !rule.summary().trim().is_empty(),
            "{} has no summary",
            rule.id()
        );
        assert!(
            !rule.examples().bad.is_empty(),
            "{} has no bad example",
            rule.id()
        );
        assert!(
            !rule.examples().good.is_empty(),
            "{} has no good example",
            rule.id()
        );
    }
}

#[test]
fn bad_examples_fire_and_good_examples_do_not() {
    let mut failures = Vec::new();
    for rule in Linter::builtin().rules() {
        let linter = only(rule.id());
        for bad in &rule.examples().bad {
            if !linter
                .lint("example", bad)
                .iter()
                .any(|d| d.rule == rule.id())
            {
                failures.push(format!(
                    "{} does not fire on its bad example:\n{bad}\n",
                    rule.id()
                ));
            }
        }
        for good in &rule.examples().good {
            let found = linter.lint("example", good);
            if let Some(d) = found.iter().find(|d| d.rule == rule.id()) {
                failures.push(format!(
                    "{} fires on its good example ({}):\n{good}\n",
                    rule.id(),
                    d.message
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_core_contract_ids_are_present_with_their_levels() {
    let linter = Linter::builtin();
    for (id, level) in [
        ("pick-your-brain", "error"),
        ("specific-agenda", "warning"),
        ("references-their-work", "warning"),
        // A warning until its labelled precision reaches 0.95 (README).
        ("double-opt-in", "warning"),
    ] {
        let rule = linter
            .rule(id)
            .unwrap_or_else(|| panic!("missing rule {id}"));
        assert_eq!(rule.level().name(), level, "{id}");
        assert_eq!(rule.pack(), "core");
    }
}
