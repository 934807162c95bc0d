//! `--list-rules` and `--explain RULE`, rendered from the linter's own rule
//! registry so the docs cannot drift from the rules.

use std::io::Write;

use anyhow::{Result, bail};
use outreach_lint::{Linter, Rule};

pub(crate) fn list_rules(out: &mut dyn Write, linter: &Linter, json: bool) -> Result<()> {
    // The level shown is the one in force: configuration may change or
    // turn off a rule.
    let level = |rule: &Rule| linter.level_of(rule.id()).map_or("off", |l| l.name());
    if json {
        let rules: Vec<serde_json::Value> = linter
            .rules()
            .iter()
            .map(|rule| {
                serde_json::json!({
                    "id": rule.id(),
                    "level": level(rule),
                    "default_level": rule.level().name(),
                    "pack": rule.pack(),
                    "summary": summary(rule),
                })
            })
            .collect();
        let doc = serde_json::json!({ "version": 1, "rules": rules });
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        writeln!(out)?;
        return Ok(());
    }
    let width = linter
        .rules()
        .iter()
        .map(|r| r.id().len())
        .max()
        .unwrap_or(0);
    for rule in linter.rules() {
        writeln!(
            out,
            "{:width$}  {:7}  {:9}  {}",
            rule.id(),
            level(rule),
            rule.pack(),
            summary(rule)
        )?;
    }
    Ok(())
}

/// A rule's summary for a listing. A pack rule with neither `summary` nor
/// `explain` is summed up by its message, whose placeholders are filled
/// only for a finding; shown with nothing to fill them, they read as "…".
fn summary(rule: &Rule) -> String {
    let mut text = rule.summary().to_owned();
    for placeholder in ["{match}", "{value}", "{min}", "{max}"] {
        text = text.replace(placeholder, "…");
    }
    text
}

/// The rule with this id, or an error that suggests the closest one.
pub(crate) fn known_rule<'l>(linter: &'l Linter, id: &str) -> Result<&'l Rule> {
    // The library names the closest id; the CLI adds where to see them all.
    linter
        .known(id)
        .map_err(|e| anyhow::anyhow!("{e} (--list-rules lists them all)"))?;
    linter
        .rule(id)
        .ok_or_else(|| anyhow::anyhow!("unknown rule `{id}`"))
}

/// An error for a `--select`/`--ignore` entry that is neither a rule id nor
/// a pack name, suggesting the closest of either.
pub(crate) fn known_rule_or_pack(linter: &Linter, name: &str) -> Result<()> {
    let mut names: Vec<&str> = linter.rules().iter().map(|r| r.id()).collect();
    names.extend(linter.rules().iter().map(|r| r.pack()));
    match crate::suggest::closest(name, names.iter().copied()) {
        Some(near) => {
            bail!("unknown rule `{name}`; did you mean `{near}`? (--list-rules lists them all)")
        }
        None => bail!("unknown rule or pack `{name}` (--list-rules lists rules and their packs)"),
    }
}

pub(crate) fn explain(out: &mut dyn Write, linter: &Linter, id: &str) -> Result<()> {
    let rule = known_rule(linter, id)?;
    writeln!(
        out,
        "{} ({} pack, {} by default)",
        rule.id(),
        rule.pack(),
        rule.level()
    )?;
    writeln!(out, "{}", rule.summary())?;
    writeln!(out)?;
    writeln!(out, "{}", rule.explain().trim())?;
    let examples = rule.examples();
    for (title, list) in [("Flagged", &examples.bad), ("Not flagged", &examples.good)] {
        if list.is_empty() {
            continue;
        }
        writeln!(out)?;
        writeln!(out, "{title}:")?;
        for example in list {
            writeln!(out)?;
            for line in example.lines() {
                writeln!(out, "    {line}")?;
            }
        }
    }
    let id = rule.id();
    writeln!(out)?;
    writeln!(out, "Configure or silence it:")?;
    writeln!(
        out,
        "    outreach-lint.toml   [rules] {id} = \"warning\"   (a level, or \"off\")"
    )?;
    if let Some(metric) = rule.limit_metric() {
        writeln!(
            out,
            "    bounds               [rules] {id} = {{ max = 150 }}   (counts {metric})"
        )?;
    }
    writeln!(
        out,
        "    some files           [per-file] \"archive/**\" = [\"{id}\"]"
    )?;
    writeln!(
        out,
        "    one draft            X-Outreach-Lint: allow {id}   (in its header block)"
    )?;
    writeln!(out, "    one run              --ignore {id}")?;
    Ok(())
}
