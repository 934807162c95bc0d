//! Rule packs: TOML files of named pattern sets and rules, checked and
//! compiled once into [`Rule`]s.
//!
//! The schema is deliberately strict (unknown keys are errors) so that a
//! typo in a pack is reported instead of silently ignored. Every error points
//! at the offending value in the TOML text.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::Arc;

use regex::{Regex, RegexBuilder};
use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use toml::Spanned;

use crate::diagnostic::Level;
use crate::draft::SectionKind;
use crate::error::{LoadError, closest};
use crate::rule::{Check, CheckKind, Examples, PatternSet, Rule, Sections};
use crate::span::Span;

/// The packs built into the library, as `(name, TOML text)`.
///
/// They live inside this crate's package so that it stays publishable on
/// its own; the repository's top-level `rules/` points here.
pub const BUILTIN_PACKS: &[(&str, &str)] = &[("core", include_str!("../rules/core.toml"))];

/// Bounds on one compiled pattern, so a hostile pack cannot exhaust memory.
const REGEX_SIZE_LIMIT: usize = 1 << 20;
const REGEX_DFA_SIZE_LIMIT: usize = 2 << 20;

/// A loaded rule pack.
///
/// ```
/// use outreach_lint::Pack;
/// let pack = Pack::from_toml("team.toml", r#"
/// [pack]
/// name = "team"
///
/// [[rule]]
/// id = "synergy"
/// kind = "forbid"
/// level = "warning"
/// patterns = ['\bsynerg(y|ies)\b']
/// message = "\"{match}\" is jargon"
/// help = "Say what you would do together."
/// "#).unwrap();
/// assert_eq!(pack.name(), "team");
/// assert_eq!(pack.rules()[0].id(), "synergy");
/// ```
#[derive(Debug, Clone)]
pub struct Pack {
    name: String,
    description: Option<String>,
    rules: Vec<Rule>,
}

impl Pack {
    /// Parse and compile a pack. `origin` names it in errors (a path, or
    /// `built-in pack core`).
    pub fn from_toml(origin: &str, text: &str) -> Result<Pack, LoadError> {
        let source: Arc<str> = Arc::from(text);
        let raw: RawPack = toml::from_str(text).map_err(|e| toml_error(origin, &source, &e))?;
        let mut raw = raw;
        let sets = std::mem::take(&mut raw.patterns);
        Compiler {
            origin,
            source: &source,
            sets,
        }
        .pack(raw)
    }

    /// A pack built into the library, by name (`core`).
    pub fn builtin(name: &str) -> Option<Result<Pack, LoadError>> {
        BUILTIN_PACKS
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(n, text)| Pack::from_toml(&format!("built-in pack {n}"), text))
    }

    /// The pack's name from its `[pack]` table.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The pack's one-line description, if it has one.
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// The pack's rules, in file order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    pub(crate) fn into_rules(self) -> Vec<Rule> {
        self.rules
    }
}

// ---------------------------------------------------------------------------
// The TOML schema, as written.

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPack {
    pack: RawMeta,
    #[serde(default)]
    patterns: BTreeMap<String, Spanned<PatternList>>,
    #[serde(default)]
    rule: Vec<RawRule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    name: Spanned<String>,
    description: Option<String>,
}

/// A `[[rule]]` table, and also a `[[rule.case]]` table within it: a case
/// takes the check keys and inherits what it leaves out from its rule.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawRule {
    id: Option<Spanned<String>>,
    kind: Option<Spanned<String>>,
    level: Option<Level>,
    #[serde(rename = "in")]
    sections: Option<Spanned<Vec<Spanned<String>>>>,
    any_in: Option<Spanned<Vec<Spanned<String>>>>,
    patterns: Option<Spanned<PatternList>>,
    unless: Option<Spanned<PatternList>>,
    when: Option<Spanned<PatternList>>,
    any: Option<Spanned<PatternList>>,
    negation: Option<bool>,
    message: Option<String>,
    help: Option<String>,
    summary: Option<String>,
    explain: Option<String>,
    examples: Option<RawExamples>,
    case: Option<Vec<Spanned<RawRule>>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawExamples {
    #[serde(default)]
    bad: Vec<String>,
    #[serde(default)]
    good: Vec<String>,
}

/// A list of patterns; a single string is accepted as a list of one.
struct PatternList(Vec<Spanned<String>>, bool);

impl<'de> Deserialize<'de> for PatternList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = PatternList;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a pattern string or a list of pattern strings")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<PatternList, E> {
                Ok(PatternList(vec![Spanned::new(0..0, v.to_owned())], true))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<PatternList, A::Error> {
                let mut out = Vec::new();
                while let Some(item) = seq.next_element::<Spanned<String>>()? {
                    out.push(item);
                }
                Ok(PatternList(out, false))
            }
        }
        d.deserialize_any(V)
    }
}

/// Each pattern with its own span (a lone string takes the value's).
fn items(spanned: &Spanned<PatternList>) -> Vec<(String, Span)> {
    {
        let outer = spanned.span();
        let list = spanned.get_ref();
        list.0
            .iter()
            .map(|s| {
                let r = if list.1 { outer.clone() } else { s.span() };
                (s.get_ref().clone(), Span::new(r.start, r.end))
            })
            .collect()
    }
}

fn span_of<T>(s: &Spanned<T>) -> Span {
    let r = s.span();
    Span::new(r.start, r.end)
}

// ---------------------------------------------------------------------------
// From the schema to compiled rules.

const KINDS: &[&str] = &["forbid", "require"];
const DEFAULT_SECTIONS: &[SectionKind] = &[
    SectionKind::Subject,
    SectionKind::Greeting,
    SectionKind::Body,
    SectionKind::Closing,
    SectionKind::Postscript,
];

struct Compiler<'a> {
    origin: &'a str,
    source: &'a Arc<str>,
    /// Named pattern sets from `[patterns]`, expanded when used.
    sets: BTreeMap<String, Spanned<PatternList>>,
}

impl Compiler<'_> {
    fn err(&self, span: Span, message: impl Into<String>) -> LoadError {
        LoadError::new(self.origin, self.source, Some(span), message)
    }

    fn pack(self, raw: RawPack) -> Result<Pack, LoadError> {
        let name = raw.pack.name.get_ref().trim().to_owned();
        if name.is_empty() {
            return Err(self.err(span_of(&raw.pack.name), "a pack needs a non-empty name"));
        }
        // Check every set, used or not, so a broken one is reported early.
        for list in self.sets.values() {
            self.patterns(list)?;
        }
        let mut rules: Vec<Rule> = Vec::with_capacity(raw.rule.len());
        let mut seen: HashMap<String, Span> = HashMap::new();
        for raw_rule in raw.rule {
            let rule = self.rule(&name, raw_rule)?;
            if let Some(first) = seen.get(rule.id()) {
                let (line, _) = line_of(self.source, first.start);
                return Err(self
                    .err(
                        rule.id_span,
                        format!("rule `{}` is defined twice", rule.id()),
                    )
                    .with_help(format!("the first definition is on line {line}")));
            }
            seen.insert(rule.id().to_owned(), rule.id_span);
            rules.push(rule);
        }
        Ok(Pack {
            name,
            description: raw.pack.description,
            rules,
        })
    }

    fn expand(&self, list: &Spanned<PatternList>) -> Result<Vec<(String, Span)>, LoadError> {
        let mut out = Vec::new();
        self.expand_into(list, &mut Vec::new(), &mut out)?;
        Ok(out)
    }

    /// Expand `@set` references recursively; `stack` holds the sets being
    /// expanded, to catch a set that refers to itself.
    fn expand_into<'s>(
        &'s self,
        list: &Spanned<PatternList>,
        stack: &mut Vec<&'s str>,
        out: &mut Vec<(String, Span)>,
    ) -> Result<(), LoadError> {
        for (pattern, span) in items(list) {
            if let Some(set) = pattern.strip_prefix('@') {
                match self.sets.get_key_value(set) {
                    Some((key, inner)) => {
                        if stack.contains(&key.as_str()) {
                            return Err(
                                self.err(span, format!("pattern set `@{set}` refers to itself"))
                            );
                        }
                        stack.push(key);
                        self.expand_into(inner, stack, out)?;
                        stack.pop();
                    }
                    None => {
                        let mut e = self.err(span, format!("unknown pattern set `@{set}`"));
                        if let Some(near) = closest(set, self.sets.keys().map(String::as_str)) {
                            e = e.with_help(format!("did you mean `@{near}`?"));
                        } else {
                            e = e.with_help("define it under [patterns] before using it");
                        }
                        return Err(e);
                    }
                }
            } else {
                out.push((pattern, span));
            }
        }
        Ok(())
    }

    fn patterns(&self, list: &Spanned<PatternList>) -> Result<PatternSet, LoadError> {
        let items = self.expand(list)?;
        if items.is_empty() {
            return Err(self.err(span_of(list), "a pattern list may not be empty"));
        }
        for (pattern, span) in &items {
            compile(pattern).map_err(|e| {
                self.err(*span, format!("invalid regex: {}", first_line_of_regex_error(&e)))
                    .with_help(format!("the pattern is `{pattern}`; regex syntax: https://docs.rs/regex/latest/regex/#syntax"))
            })?;
        }
        // Each pattern compiled alone above (to blame the right one); one
        // alternation finds any of them in a single pass.
        let joined = items
            .iter()
            .map(|(p, _)| format!("(?:{p})"))
            .collect::<Vec<_>>()
            .join("|");
        let regex = compile(&joined).map_err(|e| {
            self.err(
                span_of(list),
                format!(
                    "the patterns together are too large: {}",
                    first_line_of_regex_error(&e)
                ),
            )
        })?;
        Ok(PatternSet {
            regex,
            sources: items.into_iter().map(|(p, _)| p).collect(),
        })
    }

    fn sections(&self, list: &Spanned<Vec<Spanned<String>>>) -> Result<Sections, LoadError> {
        let mut sections = Sections::EMPTY;
        for item in list.get_ref() {
            let name = item.get_ref();
            match SectionKind::from_name(name) {
                Some(kind) => sections.insert(kind),
                None => {
                    let names = SectionKind::ALL.map(SectionKind::name);
                    let mut e = self.err(span_of(item), format!("unknown section `{name}`"));
                    e = match closest(name, names) {
                        Some(near) => e.with_help(format!(
                            "did you mean `{near}`? sections are: {}",
                            names.join(", ")
                        )),
                        None => e.with_help(format!("sections are: {}", names.join(", "))),
                    };
                    return Err(e);
                }
            }
        }
        if sections == Sections::EMPTY {
            return Err(self.err(span_of(list), "`in` needs at least one section"));
        }
        Ok(sections)
    }

    fn rule(&self, pack: &str, mut raw: RawRule) -> Result<Rule, LoadError> {
        let Some(id) = raw.id.take() else {
            return Err(self.err(Span::new(0, 0), "a [[rule]] is missing `id`"));
        };
        let id_span = span_of(&id);
        let id = id.into_inner();
        if !is_kebab_case(&id) {
            return Err(self
                .err(id_span, format!("rule id `{id}` is not kebab-case"))
                .with_help("use lowercase words joined by hyphens, naming the pattern (e.g. `pick-your-brain`)"));
        }
        let Some(level) = raw.level.take() else {
            return Err(self
                .err(id_span, format!("rule `{id}` is missing `level`"))
                .with_help("add level = \"error\", \"warning\" or \"info\""));
        };
        let mut checks = Vec::new();
        match raw.case.take() {
            Some(cases) => {
                if raw.kind.is_some() || raw.patterns.is_some() || raw.when.is_some() {
                    return Err(self
                        .err(
                            id_span,
                            format!(
                                "rule `{id}` has both [[rule.case]] tables and its own check keys"
                            ),
                        )
                        .with_help("move `kind`, `patterns`, `when` and `any` into the cases"));
                }
                for case in cases {
                    let case_span = span_of(&case);
                    let case = case.into_inner();
                    if case.id.is_some()
                        || case.level.is_some()
                        || case.explain.is_some()
                        || case.examples.is_some()
                        || case.case.is_some()
                        || case.summary.is_some()
                    {
                        return Err(self.err(case_span, "a [[rule.case]] may only hold check keys (kind, in, patterns, unless, when, any, any-in, negation, message, help)"));
                    }
                    checks.push(self.check(&id, id_span, &case, &raw)?);
                }
            }
            None => checks.push(self.check(&id, id_span, &raw, &RawRule::default())?),
        }
        let explain = raw.explain.unwrap_or_default();
        let summary = raw
            .summary
            .or_else(|| {
                explain
                    .lines()
                    .find(|l| !l.trim().is_empty())
                    .map(|l| l.trim().to_owned())
            })
            .unwrap_or_else(|| {
                checks
                    .first()
                    .map(|c| c.message.clone())
                    .unwrap_or_default()
            });
        let examples = raw
            .examples
            .map(|e| Examples {
                bad: e.bad,
                good: e.good,
            })
            .unwrap_or_default();
        Ok(Rule {
            id,
            id_span,
            level,
            pack: pack.to_owned(),
            summary,
            explain,
            examples,
            checks,
        })
    }

    /// Compile one check from `raw`, taking what it leaves out from `parent`.
    fn check(
        &self,
        id: &str,
        id_span: Span,
        raw: &RawRule,
        parent: &RawRule,
    ) -> Result<Check, LoadError> {
        let kind = raw.kind.as_ref().or(parent.kind.as_ref());
        let Some(kind) = kind else {
            return Err(self
                .err(id_span, format!("rule `{id}` is missing `kind`"))
                .with_help(format!("kinds are: {}", KINDS.join(", "))));
        };
        let sections = match raw.sections.as_ref().or(parent.sections.as_ref()) {
            Some(list) => self.sections(list)?,
            None => Sections::from_slice(DEFAULT_SECTIONS),
        };
        let any_sections = match raw.any_in.as_ref().or(parent.any_in.as_ref()) {
            Some(list) => self.sections(list)?,
            None => Sections::from_slice(DEFAULT_SECTIONS),
        };
        let unless = match raw.unless.as_ref().or(parent.unless.as_ref()) {
            Some(list) => Some(self.patterns(list)?),
            None => None,
        };
        let message = raw.message.clone().or_else(|| parent.message.clone());
        let help = raw.help.clone().or_else(|| parent.help.clone());
        let (Some(message), Some(help)) = (message, help) else {
            return Err(self.err(id_span, format!("rule `{id}` needs both `message` and `help`"))
                .with_help("`message` says what is wrong (it may use {match}); `help` says what to write instead"));
        };
        let negation = raw.negation.or(parent.negation).unwrap_or(true);
        fn require_key<'p>(
            c: &Compiler<'_>,
            kind: &Spanned<String>,
            key: &str,
            v: Option<&'p Spanned<PatternList>>,
        ) -> Result<&'p Spanned<PatternList>, LoadError> {
            v.ok_or_else(|| {
                c.err(
                    span_of(kind),
                    format!("a `{}` rule needs `{key}`", kind.get_ref()),
                )
            })
        }
        let forbid_only = |key: &str, v: Option<&Spanned<PatternList>>| match v {
            Some(v) => Err(self.err(
                span_of(v),
                format!(
                    "`{key}` belongs to `require` rules, not `{}`",
                    kind.get_ref()
                ),
            )),
            None => Ok(()),
        };
        let check_kind = match kind.get_ref().as_str() {
            "forbid" => {
                forbid_only("when", raw.when.as_ref().or(parent.when.as_ref()))?;
                forbid_only("any", raw.any.as_ref().or(parent.any.as_ref()))?;
                let patterns = require_key(
                    self,
                    kind,
                    "patterns",
                    raw.patterns.as_ref().or(parent.patterns.as_ref()),
                )?;
                CheckKind::Forbid {
                    patterns: self.patterns(patterns)?,
                }
            }
            "require" => {
                let when = require_key(
                    self,
                    kind,
                    "when",
                    raw.when.as_ref().or(parent.when.as_ref()),
                )?;
                let any = require_key(self, kind, "any", raw.any.as_ref().or(parent.any.as_ref()))?;
                if let Some(p) = raw.patterns.as_ref().or(parent.patterns.as_ref()) {
                    return Err(self.err(span_of(p), "`patterns` belongs to `forbid` rules; a `require` rule uses `when` and `any`"));
                }
                CheckKind::Require {
                    when: self.patterns(when)?,
                    any: self.patterns(any)?,
                    any_sections,
                }
            }
            other => {
                let mut e = self.err(span_of(kind), format!("unknown rule kind `{other}`"));
                e = match closest(other, KINDS.iter().copied()) {
                    Some(near) => e.with_help(format!(
                        "did you mean `{near}`? kinds are: {}",
                        KINDS.join(", ")
                    )),
                    None => e.with_help(format!("kinds are: {}", KINDS.join(", "))),
                };
                return Err(e);
            }
        };
        Ok(Check {
            kind: check_kind,
            sections,
            unless,
            negation,
            message,
            help,
        })
    }
}

/// A TOML syntax or schema error, with the closest key suggested for an
/// unknown one.
pub(crate) fn toml_error(origin: &str, source: &Arc<str>, e: &toml::de::Error) -> LoadError {
    let span = e.span().map(|r| Span::new(r.start, r.end));
    let message = e.message().trim().to_owned();
    let suggestion = message.strip_prefix("unknown field `").and_then(|rest| {
        let (field, expected) = rest.split_once("`, expected one of ")?;
        let candidates: Vec<&str> = expected.split(", ").map(|c| c.trim_matches('`')).collect();
        closest(field, candidates.iter().copied()).map(|c| format!("did you mean `{c}`?"))
    });
    let err = LoadError::new(origin, source, span, message);
    match suggestion {
        Some(help) => err.with_help(help),
        None => err,
    }
}

/// Compile one pattern the way every rule pattern is compiled:
/// case-insensitive, multi-line, with size limits.
pub(crate) fn compile(pattern: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(pattern)
        .case_insensitive(true)
        .multi_line(true)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_DFA_SIZE_LIMIT)
        .build()
}

/// The regex crate's errors span several lines with a caret diagram; the
/// last line says what is wrong.
fn first_line_of_regex_error(e: &regex::Error) -> String {
    let text = e.to_string();
    text.lines()
        .rev()
        .find(|l| l.starts_with("error:"))
        .map(|l| l.trim_start_matches("error:").trim().to_owned())
        .unwrap_or(text)
}

fn is_kebab_case(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn line_of(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    (
        before.matches('\n').count() + 1,
        before.rfind('\n').map_or(offset, |n| offset - n - 1) + 1,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_err(text: &str) -> LoadError {
        Pack::from_toml("t.toml", text).expect_err("pack should not load")
    }

    fn underlined(e: &LoadError) -> &str {
        let span = e.span().expect("error has a span");
        &e.source_text()[span.range()]
    }

    const HEAD: &str = "[pack]\nname = 't'\n";

    #[test]
    fn builtin_packs_load() {
        for (name, _) in BUILTIN_PACKS {
            let pack = Pack::builtin(name).expect("listed").expect("loads");
            assert!(!pack.rules().is_empty());
        }
    }

    #[test]
    fn bad_regex_points_at_the_pattern() {
        let e = load_err(&format!(
            "{HEAD}[[rule]]\nid='a'\nkind='forbid'\nlevel='error'\npatterns=['ok', 'bad(']\nmessage='m'\nhelp='h'\n"
        ));
        assert_eq!(underlined(&e), "'bad('");
        assert!(e.message().starts_with("invalid regex"), "{}", e.message());
    }

    #[test]
    fn unknown_set_suggests_the_closest() {
        let e = load_err(&format!(
            "{HEAD}[patterns]\nmeeting-ask=['chat']\n[[rule]]\nid='a'\nkind='forbid'\nlevel='error'\npatterns=['@meeting-asks']\nmessage='m'\nhelp='h'\n"
        ));
        assert_eq!(e.message(), "unknown pattern set `@meeting-asks`");
        assert_eq!(e.help(), Some("did you mean `@meeting-ask`?"));
    }

    #[test]
    fn unknown_kind_and_section_are_named() {
        let e = load_err(&format!(
            "{HEAD}[[rule]]\nid='a'\nkind='forbit'\nlevel='error'\npatterns=['x']\nmessage='m'\nhelp='h'\n"
        ));
        assert_eq!(underlined(&e), "'forbit'");
        assert!(
            e.help()
                .unwrap_or_default()
                .contains("did you mean `forbid`?")
        );
        let e = load_err(&format!(
            "{HEAD}[[rule]]\nid='a'\nkind='forbid'\nlevel='error'\nin=['bdoy']\npatterns=['x']\nmessage='m'\nhelp='h'\n"
        ));
        assert_eq!(underlined(&e), "'bdoy'");
    }

    #[test]
    fn unknown_key_and_bad_level_come_from_toml_with_a_span() {
        let e = load_err(&format!(
            "{HEAD}[[rule]]\nid='a'\nkind='forbid'\nlevel='error'\npattern=['x']\nmessage='m'\nhelp='h'\n"
        ));
        assert!(
            e.message().contains("unknown field `pattern`"),
            "{}",
            e.message()
        );
        assert!(e.span().is_some());
        let e = load_err(&format!(
            "{HEAD}[[rule]]\nid='a'\nkind='forbid'\nlevel='fatal'\npatterns=['x']\nmessage='m'\nhelp='h'\n"
        ));
        assert!(
            e.message().contains("unknown variant `fatal`"),
            "{}",
            e.message()
        );
    }

    #[test]
    fn duplicate_and_non_kebab_ids_are_refused() {
        let rule = "[[rule]]\nid='a'\nkind='forbid'\nlevel='error'\npatterns=['x']\nmessage='m'\nhelp='h'\n";
        let e = load_err(&format!("{HEAD}{rule}{rule}"));
        assert!(e.message().contains("defined twice"));
        assert_eq!(e.help(), Some("the first definition is on line 4"));
        let e = load_err(&format!(
            "{HEAD}[[rule]]\nid='Pick_Brain'\nkind='forbid'\nlevel='error'\npatterns=['x']\nmessage='m'\nhelp='h'\n"
        ));
        assert!(e.message().contains("not kebab-case"));
    }

    #[test]
    fn require_needs_when_and_any() {
        let e = load_err(&format!(
            "{HEAD}[[rule]]\nid='a'\nkind='require'\nlevel='error'\nwhen=['x']\nmessage='m'\nhelp='h'\n"
        ));
        assert_eq!(e.message(), "a `require` rule needs `any`");
    }

    #[test]
    fn a_single_string_is_a_list_of_one() {
        let pack = Pack::from_toml("t", &format!("{HEAD}[[rule]]\nid='a'\nkind='require'\nlevel='error'\nwhen='chat'\nany='\\?'\nmessage='m'\nhelp='h'\n")).expect("loads");
        assert_eq!(pack.rules().len(), 1);
        let e = load_err(&format!(
            "{HEAD}[[rule]]\nid='a'\nkind='require'\nlevel='error'\nwhen='(('\nany='x'\nmessage='m'\nhelp='h'\n"
        ));
        assert_eq!(underlined(&e), "'(('");
    }

    #[test]
    fn bad_toml_syntax_has_a_span() {
        let e = load_err("[pack\nname='x'");
        assert!(e.span().is_some());
    }
}
