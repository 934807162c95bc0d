//! SARIF 2.1.0, the format GitHub code scanning and other viewers read: one
//! run whose tool driver lists the rules in force, and one result per
//! finding with its file, region and level.
//!
//! Columns count Unicode code points (`columnKind`), as in every other
//! format; `byteOffset`/`byteLength` are the JSON format's `start`/`end`,
//! left out when spans refer to a decoded `.eml` message.

use std::io::{self, Write};

use outreach_lint::{Level, Linter};
use serde_json::{Value, json};

use super::FileReport;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Info => "note",
    }
}

pub(crate) fn emit(out: &mut dyn Write, reports: &[FileReport], linter: &Linter) -> io::Result<()> {
    let rules: Vec<_> = linter
        .rules()
        .iter()
        .filter_map(|r| Some((r, linter.level_of(r.id())?)))
        .collect();
    let descriptors: Vec<Value> = rules
        .iter()
        .map(|(rule, configured)| {
            json!({
                "id": rule.id(),
                "shortDescription": { "text": rule.summary() },
                "help": { "text": rule.explain() },
                "defaultConfiguration": { "level": level(*configured) },
                "properties": { "pack": rule.pack() },
            })
        })
        .collect();
    let mut results = Vec::new();
    for report in reports {
        let (uri, base) = uri(&report.name);
        for d in &report.diagnostics {
            let mut region = json!({
                "startLine": d.span.line,
                "startColumn": d.span.column,
                "endLine": d.span.end_line,
                "endColumn": d.span.end_column,
            });
            let mut location = json!({ "uri": uri });
            if let Some(base) = base {
                location["uriBaseId"] = json!(base);
            }
            let mut result = json!({
                "ruleId": d.rule,
                "level": level(d.level),
                "message": { "text": format!("{}\nhelp: {}", d.message, d.help) },
                "locations": [{
                    "physicalLocation": { "artifactLocation": location, "region": region.clone() }
                }],
                "properties": { "section": d.section.name() },
            });
            if let Some(index) = rules.iter().position(|(r, _)| r.id() == d.rule) {
                result["ruleIndex"] = json!(index);
            }
            if report.decoded {
                result["properties"]["decoded"] = json!(true);
                result["properties"]["note"] = json!(crate::eml::DECODED_NOTE);
            } else {
                region["byteOffset"] = json!(d.span.start);
                region["byteLength"] = json!(d.span.end - d.span.start);
                result["locations"][0]["physicalLocation"]["region"] = region;
            }
            results.push(result);
        }
    }
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "outreach-lint",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": descriptors,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

/// A path as a URI reference: relative paths are relative to the source
/// root (`%SRCROOT%`), absolute ones become `file://` URIs.
fn uri(name: &str) -> (String, Option<&'static str>) {
    let slashed = name.replace('\\', "/");
    let mut encoded = String::with_capacity(slashed.len());
    for b in slashed.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b) {
            encoded.push(char::from(b));
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    if slashed.starts_with('/') {
        (format!("file://{encoded}"), None)
    } else {
        (encoded, Some("%SRCROOT%"))
    }
}

#[cfg(test)]
mod tests {
    use super::uri;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(
            uri("drafts/my note.md"),
            ("drafts/my%20note.md".to_owned(), Some("%SRCROOT%"))
        );
        assert_eq!(uri("<stdin>").0, "%3Cstdin%3E");
        assert_eq!(
            uri("/tmp/a#b.txt"),
            ("file:///tmp/a%23b.txt".to_owned(), None)
        );
    }
}
