//! SARIF 2.1.0, the format GitHub code scanning and other viewers read: one
//! run whose tool driver lists the rules in force, and one result per
//! finding with its file, region and level.
//!
//! Every finding is a result, folded or not, as in the JSON format: SARIF
//! is read by programs (code-scanning dashboards track each rule's alerts
//! over time, and dismissals with them), which should not see a finding
//! come and go as folding shifts with the configured levels. The folding is
//! kept as links instead: a result that others are folded into lists their
//! places as `relatedLocations` (so a viewer shows them with it), and a
//! folded result carries `properties.foldedInto`, the index in `results` of
//! the result it is folded into.
//!
//! Columns count Unicode code points (`columnKind`), as in every other
//! format; `byteOffset`/`byteLength` are the JSON format's `start`/`end`,
//! left out when spans refer to a decoded `.eml` message.

use std::io::{self, Write};

use outreach_lint::{Diagnostic, Level, Linter};
use serde::Serialize;
use serde::ser::SerializeSeq;
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

// The log is written through borrowed structs rather than a `Value` tree,
// so a run over thousands of drafts streams out without a copy of every
// result in memory.

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    column_kind: &'static str,
    results: Results<'a>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
struct Driver {
    name: &'static str,
    version: &'static str,
    rules: Vec<Value>,
}

/// Every finding of every report, serialised one by one.
struct Results<'a> {
    reports: &'a [FileReport],
    ids: &'a [&'a str],
}

impl Serialize for Results<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        // Results are written in report order, every finding of each, so a
        // finding's index in `results` is its report's first plus its own.
        let mut first = 0;
        for report in self.reports {
            let (uri, base) = uri(&report.name);
            let file = File {
                uri: &uri,
                base,
                decoded: report.decoded,
            };
            // The findings folded into each, gathered in one pass.
            let mut into: Vec<Vec<&Diagnostic>> = vec![Vec::new(); report.diagnostics.len()];
            for f in &report.diagnostics {
                if let Some(slot) = f.folded_into.and_then(|p| into.get_mut(p)) {
                    slot.push(f);
                }
            }
            for (d, folded) in report.diagnostics.iter().zip(into) {
                let mut result = result(d, &file, self.ids);
                if !folded.is_empty() {
                    let related: Vec<Value> = folded
                        .iter()
                        .enumerate()
                        .map(|(id, f)| {
                            let mut at = location(f, &file);
                            at["id"] = json!(id);
                            at["message"] =
                                json!({ "text": format!("also {}: {}", f.rule, f.message) });
                            at
                        })
                        .collect();
                    result["relatedLocations"] = json!(related);
                }
                if let Some(p) = d.folded_into {
                    result["properties"]["foldedInto"] = json!(first + p);
                }
                seq.serialize_element(&result)?;
            }
            first += report.diagnostics.len();
        }
        seq.end()
    }
}

/// What every result in one draft shares.
struct File<'a> {
    uri: &'a str,
    base: Option<&'a str>,
    /// Spans refer to a decoded `.eml` message, not the file's bytes.
    decoded: bool,
}

/// Where a finding is, as a SARIF location.
fn location(d: &Diagnostic, file: &File<'_>) -> Value {
    let mut region = json!({
        "startLine": d.span.line,
        "startColumn": d.span.column,
        "endLine": d.span.end_line,
        "endColumn": d.span.end_column,
    });
    if !file.decoded {
        region["byteOffset"] = json!(d.span.start);
        region["byteLength"] = json!(d.span.end - d.span.start);
    }
    let mut artifact = json!({ "uri": file.uri });
    if let Some(base) = file.base {
        artifact["uriBaseId"] = json!(base);
    }
    json!({ "physicalLocation": { "artifactLocation": artifact, "region": region } })
}

fn result(d: &Diagnostic, file: &File<'_>, ids: &[&str]) -> Value {
    let mut properties = json!({ "section": d.section.name() });
    if file.decoded {
        properties["decoded"] = json!(true);
        properties["note"] = json!(crate::eml::DECODED_NOTE);
    }
    let mut result = json!({
        "ruleId": d.rule,
        "level": level(d.level),
        "message": { "text": format!("{}\nhelp: {}", d.message, d.help) },
        "locations": [location(d, file)],
        "properties": properties,
    });
    if let Some(index) = ids.iter().position(|id| *id == d.rule) {
        result["ruleIndex"] = json!(index);
    }
    result
}

pub(crate) fn emit(out: &mut dyn Write, reports: &[FileReport], linter: &Linter) -> io::Result<()> {
    let rules: Vec<_> = linter
        .rules()
        .iter()
        .filter_map(|r| Some((r, linter.level_of(r.id())?)))
        .collect();
    let descriptors = rules
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
    let ids: Vec<&str> = rules.iter().map(|(r, _)| r.id()).collect();
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "outreach-lint",
                    version: env!("CARGO_PKG_VERSION"),
                    rules: descriptors,
                },
            },
            column_kind: "unicodeCodePoints",
            results: Results { reports, ids: &ids },
        }],
    };
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
