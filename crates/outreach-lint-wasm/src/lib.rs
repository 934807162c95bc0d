//! outreach-lint as a WebAssembly module with a small C-style interface:
//! the host writes a JSON request into memory it got from [`ol_alloc`],
//! calls [`ol_lint`] or [`ol_rules`], and reads a JSON answer, which it
//! hands back with [`ol_free`]. `js/outreach_lint.mjs` wraps this in
//! `lint(text, options)`.
//!
//! JSON in and out keeps the interface to four functions that any host can
//! call, with no generated glue to keep in step with the Rust side.

use std::cell::RefCell;
use std::collections::BTreeMap;

use outreach_lint::{
    DEFAULT_PACKS, Diagnostic, DraftFormat, Input, Level, LintOptions, Linter, MessageKind, Pack,
};
use serde::{Deserialize, Serialize};

/// What `lint(text, options)` asks for.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct Request {
    /// The draft.
    pub text: String,
    /// The message kind to read it as, instead of detecting it.
    pub kind: Option<String>,
    /// The built-in packs to load, in order (default: core, etiquette).
    pub packs: Option<Vec<String>>,
    /// Levels and limits by rule id, as `[rules]` of an
    /// `outreach-lint.toml`: `"off"`, a level, or `{ level, min, max }`.
    pub rules: BTreeMap<String, serde_json::Value>,
    /// `"text"`, the only format this module reads.
    pub format: Option<String>,
    /// Rule ids not to run.
    pub disable: Vec<String>,
    /// Honour the draft's `X-Outreach-Lint:` and `X-Outreach-Kind:` lines.
    pub allow_switches: bool,
}

/// One finding, with the field names the Python package uses, plus the
/// offsets a JavaScript string is indexed by.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Finding {
    /// The rule's id.
    pub rule: String,
    /// `error`, `warning` or `info`.
    pub level: &'static str,
    /// What is wrong.
    pub message: String,
    /// What to write instead.
    pub help: String,
    /// The section the words are in.
    pub section: &'static str,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// 1-based line where the words end.
    pub end_line: usize,
    /// 1-based column where they end, in characters.
    pub end_column: usize,
    /// Byte offset (UTF-8) of the first underlined byte.
    pub start: usize,
    /// Byte offset one past the last underlined byte.
    pub end: usize,
    /// `start` in UTF-16 code units: what `String.prototype.slice` takes.
    pub utf16_start: usize,
    /// `end` in UTF-16 code units.
    pub utf16_end: usize,
    /// Replacements, best first.
    pub suggestions: Vec<String>,
    /// The index, in the same list, of the finding this one is folded
    /// into (another rule on the same problem and words); `None` for the
    /// findings to show.
    pub folded_into: Option<usize>,
}

/// The answer to a request: findings and the kind, or an error.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum Answer {
    /// The draft was linted.
    Linted {
        /// The message kind the rules ran for.
        kind: &'static str,
        /// The findings, by position.
        findings: Vec<Finding>,
    },
    /// The request could not be served.
    Failed {
        /// The error, with the place underlined when it is in a file.
        error: String,
    },
}

/// A rule as the playground lists it.
#[derive(Debug, Serialize)]
pub struct RuleInfo {
    /// The rule's id.
    pub id: String,
    /// The pack it comes from.
    pub pack: String,
    /// Its level by default.
    pub level: &'static str,
    /// One line on what it flags.
    pub summary: String,
    /// Why it matters and what to write instead.
    pub explain: String,
}

/// What a linter is built from: the packs and the rule settings.
type Setup = (Option<Vec<String>>, BTreeMap<String, serde_json::Value>);

thread_local! {
    /// The last linter built, by its setup: a page lints on every key
    /// stroke with the same options.
    static CACHE: RefCell<Option<(Setup, Linter)>> = const { RefCell::new(None) };
}

/// The linter `packs` and `rules` describe, built as the command line
/// builds one from a configuration: only the packs named, then levels and
/// limits. The module has no TOML parser (it would be a fifth of its code),
/// so options come as plain objects instead of `outreach-lint.toml` text.
fn linter_for(setup: Setup) -> Result<Linter, String> {
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some((key, linter)) = cache.as_ref()
            && *key == setup
        {
            return Ok(linter.clone());
        }
        let (packs, rules) = &setup;
        let names: Vec<&str> = match packs {
            Some(names) => names.iter().map(String::as_str).collect(),
            None => DEFAULT_PACKS.to_vec(),
        };
        let packs = names
            .iter()
            .map(|name| Pack::builtin(name).map_err(|e| format!("packs: {}", e.rendered())))
            .collect::<Result<Vec<_>, _>>()?;
        let mut linter = Linter::from_packs(packs).map_err(|e| e.rendered())?;
        for (id, value) in rules {
            configure(&mut linter, id, value).map_err(|e| format!("rules[\"{id}\"]: {e}"))?;
        }
        *cache = Some((setup, linter.clone()));
        Ok(linter)
    })
}

/// Apply one `rules` entry: `"off"`, a level, or `{ level, min, max }`.
fn configure(linter: &mut Linter, id: &str, value: &serde_json::Value) -> Result<(), String> {
    linter.known(id).map_err(|e| e.to_string())?;
    let level = |v: &serde_json::Value| match v.as_str() {
        Some("off") => Ok(None),
        Some(name) => name.parse::<Level>().map(Some),
        None => Err(format!(
            "a level is a string (error, warning, info or off), not {v}"
        )),
    };
    match value {
        serde_json::Value::Object(table) => {
            let bound = |key: &str| match table.get(key) {
                None => Ok(None),
                Some(v) => v
                    .as_u64()
                    .and_then(|n| usize::try_from(n).ok())
                    .map(Some)
                    .ok_or_else(|| format!("`{key}` is a whole number, not {v}")),
            };
            if let Some(key) = table
                .keys()
                .find(|k| !["level", "min", "max"].contains(&k.as_str()))
            {
                return Err(format!("unknown key `{key}`; expected level, min or max"));
            }
            let (min, max) = (bound("min")?, bound("max")?);
            if min.is_some() || max.is_some() {
                if !linter.rule(id).is_some_and(|r| r.has_limit()) {
                    return Err(format!("rule `{id}` has no limit to set"));
                }
                linter.set_bounds(id, min, max);
            }
            if let Some(v) = table.get("level") {
                linter.set_level(id, level(v)?);
            }
        }
        other => {
            linter.set_level(id, level(other)?);
        }
    }
    Ok(())
}

/// UTF-16 offsets of byte offsets, for findings sorted by start.
fn utf16_offset(text: &str, byte: usize) -> usize {
    text.get(..byte).map_or(0, |t| t.encode_utf16().count())
}

fn finding(text: &str, d: Diagnostic) -> Finding {
    Finding {
        level: d.level.name(),
        section: d.section.name(),
        line: d.span.line,
        column: d.span.column,
        end_line: d.span.end_line,
        end_column: d.span.end_column,
        start: d.span.start,
        end: d.span.end,
        utf16_start: utf16_offset(text, d.span.start),
        utf16_end: utf16_offset(text, d.span.end),
        rule: d.rule,
        message: d.message,
        help: d.help,
        suggestions: d.suggestions,
        folded_into: d.folded_into,
    }
}

/// Serve one request given as JSON.
pub fn lint_json(request: &str) -> Answer {
    match serve(request) {
        Ok((kind, findings)) => Answer::Linted {
            kind: kind.name(),
            findings,
        },
        Err(error) => Answer::Failed { error },
    }
}

fn serve(request: &str) -> Result<(MessageKind, Vec<Finding>), String> {
    let request: Request =
        serde_json::from_str(request).map_err(|e| format!("invalid options: {e}"))?;
    let linter = linter_for((request.packs, request.rules))?;
    let mut options = LintOptions::default();
    options.kind = request
        .kind
        .as_deref()
        .map(str::parse::<MessageKind>)
        .transpose()
        .map_err(|e| e.to_string())?;
    options.skip = request.disable;
    // Markdown stripping (pulldown-cmark) is left out of the module to keep
    // it within its size budget; the command line and the Python package
    // read Markdown.
    match request.format.as_deref() {
        None | Some("text") => {}
        Some("markdown") => {
            return Err(
                "this module reads plain text only: lint Markdown drafts with \
                 the command line or the Python package"
                    .to_owned(),
            );
        }
        Some(other) => return Err(format!("unknown format `{other}`; use \"text\"")),
    }
    let input =
        Input::text(&request.text, DraftFormat::Text).allow_switches(request.allow_switches);
    let report = linter
        .lint_input(&input, &options)
        .map_err(|e| e.to_string())?;
    let findings = report
        .diagnostics
        .into_iter()
        .map(|d| finding(&request.text, d))
        .collect();
    Ok((report.kind, findings))
}

/// Every rule of the default packs.
pub fn rules() -> Vec<RuleInfo> {
    let Ok(linter) = linter_for((None, BTreeMap::new())) else {
        return Vec::new();
    };
    linter
        .rules()
        .iter()
        .map(|r| RuleInfo {
            id: r.id().to_owned(),
            pack: r.pack().to_owned(),
            level: r.level().name(),
            summary: r.summary().to_owned(),
            explain: r.explain().to_owned(),
        })
        .collect()
}

/// Hand `json` to the host: a buffer of its length (4 bytes, little
/// endian) then its bytes, freed with [`ol_free`].
fn hand_over(json: String) -> *mut u8 {
    let bytes = json.into_bytes();
    let len = u32::try_from(bytes.len()).unwrap_or(u32::MAX);
    let mut buffer = Vec::with_capacity(bytes.len() + 4);
    buffer.extend_from_slice(&len.to_le_bytes());
    buffer.extend_from_slice(&bytes);
    let mut buffer = buffer.into_boxed_slice();
    let ptr = buffer.as_mut_ptr();
    std::mem::forget(buffer);
    ptr
}

/// Memory for the host to write `len` bytes into.
#[unsafe(no_mangle)]
pub extern "C" fn ol_alloc(len: usize) -> *mut u8 {
    let mut buffer = vec![0u8; len].into_boxed_slice();
    let ptr = buffer.as_mut_ptr();
    std::mem::forget(buffer);
    ptr
}

/// Give back memory from [`ol_alloc`] (`len` as asked) or an answer
/// (`len` its length prefix plus 4).
///
/// # Safety
///
/// `ptr` and `len` must be exactly what [`ol_alloc`] got and returned, or
/// an answer's pointer and full size, and freed once.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ol_free(ptr: *mut u8, len: usize) {
    if ptr.is_null() {
        return;
    }
    // SAFETY: the caller hands back a boxed slice of exactly this size.
    drop(unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(ptr, len)) });
}

/// Lint: `ptr`/`len` hold a JSON [`Request`]; the answer is a buffer as
/// described at [`ol_free`], holding a JSON [`Answer`].
///
/// # Safety
///
/// `ptr` must point to `len` initialised bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ol_lint(ptr: *const u8, len: usize) -> *mut u8 {
    // SAFETY: the caller guarantees `len` readable bytes at `ptr`.
    let bytes = unsafe { std::slice::from_raw_parts(ptr, len) };
    let answer = match std::str::from_utf8(bytes) {
        Ok(request) => lint_json(request),
        Err(_) => Answer::Failed {
            error: "the request is not UTF-8".to_owned(),
        },
    };
    hand_over(
        serde_json::to_string(&answer)
            .unwrap_or_else(|e| format!("{{\"error\":\"cannot write the answer: {e}\"}}")),
    )
}

/// The rules, as a JSON array of [`RuleInfo`], in a buffer as for
/// [`ol_lint`].
#[unsafe(no_mangle)]
pub extern "C" fn ol_rules() -> *mut u8 {
    hand_over(serde_json::to_string(&rules()).unwrap_or_else(|_| "[]".to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn linted(request: &str) -> Vec<Finding> {
        match lint_json(request) {
            Answer::Linted { findings, .. } => findings,
            Answer::Failed { error } => panic!("{error}"),
        }
    }

    #[test]
    fn offsets_in_bytes_and_utf16() {
        let found = linted(r#"{"text": "Hi Zoë 😀,\n\nCan I pick your brain?"}"#);
        let brain = found
            .iter()
            .find(|f| f.rule == "pick-your-brain")
            .expect("fires");
        let text = "Hi Zoë 😀,\n\nCan I pick your brain?";
        assert_eq!(&text[brain.start..brain.end], "pick your brain");
        let units: Vec<u16> = text.encode_utf16().collect();
        assert_eq!(
            String::from_utf16_lossy(&units[brain.utf16_start..brain.utf16_end]),
            "pick your brain"
        );
        assert_eq!(
            brain.start - brain.utf16_start,
            2 + 1,
            "é is 2 bytes, 😀 4 bytes/2 units"
        );
    }

    #[test]
    fn bad_requests_say_why() {
        let error = |r: &str| match lint_json(r) {
            Answer::Failed { error } => error,
            Answer::Linted { .. } => panic!("{r} was accepted"),
        };
        assert!(
            error(r#"{"text": "x", "disable": ["pick-your-brian"]}"#)
                .contains("did you mean `pick-your-brain`?")
        );
        assert!(
            error(r#"{"text": "x", "kind": "cold-requests"}"#).contains("unknown message kind")
        );
        assert!(error(r#"{"text": "x", "colour": 1}"#).contains("unknown field `colour`"));
        assert_eq!(
            error(r#"{"text": "x", "rules": {"pick-your-brian": "off"}}"#),
            "rules[\"pick-your-brian\"]: unknown rule `pick-your-brian`; did you mean `pick-your-brain`?"
        );
        assert!(
            error(r#"{"text": "x", "rules": {"too-long": "loud"}}"#)
                .contains("unknown level `loud`")
        );
        assert!(
            error(r#"{"text": "x", "rules": {"pick-your-brain": {"max": 3}}}"#)
                .contains("rule `pick-your-brain` has no limit to set")
        );
        assert!(
            error(r#"{"text": "x", "rules": {"too-long": {"maximum": 3}}}"#)
                .contains("unknown key `maximum`")
        );
        assert!(
            error(r#"{"text": "x", "packs": ["etiquete"]}"#).contains("did you mean `etiquette`?")
        );
        assert!(error(r#"{"text": "x", "format": "markdown"}"#).contains("plain text only"));
        assert!(error("not json").starts_with("invalid options"));
    }

    #[test]
    fn packs_and_rules_configure_the_linter() {
        let brain = |request: &str| {
            linted(request)
                .into_iter()
                .find(|f| f.rule == "pick-your-brain")
                .map(|f| f.level)
        };
        let text = r#""text": "Hi Jo,\n\nCan I pick your brain?""#;
        assert_eq!(brain(&format!("{{{text}}}")), Some("error"));
        assert_eq!(
            brain(&format!(
                r#"{{{text}, "rules": {{"pick-your-brain": "warning"}}}}"#
            )),
            Some("warning")
        );
        assert_eq!(
            brain(&format!(
                r#"{{{text}, "rules": {{"pick-your-brain": {{"level": "off"}}}}}}"#
            )),
            None
        );
        let long = format!(r#""text": "Hi Jo,\n\n{}Can we talk?""#, "word ".repeat(40));
        let too_long = |rules: &str| {
            linted(&format!("{{{long}, \"rules\": {rules}}}"))
                .iter()
                .any(|f| f.rule == "too-long")
        };
        assert!(!too_long("{}"));
        assert!(too_long(r#"{"too-long": {"max": 20}}"#));
        let only_etiquette = linted(&format!(r#"{{{text}, "packs": ["etiquette"]}}"#));
        assert!(only_etiquette.iter().all(|f| f.rule != "pick-your-brain"));
    }

    #[test]
    fn switches_need_permission() {
        let text = r#"X-Outreach-Lint: allow pick-your-brain\n\nCan I pick your brain?"#;
        let off = linted(&format!(r#"{{"text": "{text}"}}"#));
        let on = linted(&format!(r#"{{"text": "{text}", "allowSwitches": true}}"#));
        assert!(off.iter().any(|f| f.rule == "pick-your-brain"));
        assert!(on.iter().all(|f| f.rule != "pick-your-brain"));
    }

    #[test]
    fn the_interface_round_trips_through_memory() {
        let request = br#"{"text": "Can I pick your brain?"}"#;
        let ptr = ol_alloc(request.len());
        // SAFETY: `ptr` has `request.len()` bytes, from `ol_alloc`.
        let answer = unsafe {
            std::ptr::copy_nonoverlapping(request.as_ptr(), ptr, request.len());
            let out = ol_lint(ptr, request.len());
            ol_free(ptr, request.len());
            let len = u32::from_le_bytes(
                std::slice::from_raw_parts(out, 4)
                    .try_into()
                    .unwrap_or([0; 4]),
            ) as usize;
            let json =
                String::from_utf8_lossy(std::slice::from_raw_parts(out.add(4), len)).into_owned();
            ol_free(out, len + 4);
            json
        };
        assert!(answer.contains(r#""rule":"pick-your-brain""#), "{answer}");
        assert!(answer.contains(r#""kind":"#), "{answer}");
    }
}
