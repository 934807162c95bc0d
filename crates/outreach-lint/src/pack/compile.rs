//! From the TOML schema to compiled rules: every check of a pack is
//! validated here, and every error points at the offending value.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::sync::Arc;

use foldhash::HashMap;

use super::spanned::Spanned;

use crate::draft::SectionKind;
use crate::error::{ErrorKind, LoadError, closest};
use crate::matcher::words::{self, Lists};
use crate::matcher::{Pattern, PatternError};
use crate::pack::Pack;
use crate::pack::schema::{PatternList, RawPack, RawRule, SpannedList, items, span_of, word_items};
use crate::pack::set_ref::set_reference;
use crate::rules::{
    BUILTIN_CHECKS, Check, Condition, Examples, KindSet, MessageKind, Metric, PatternSet, Rule,
    Scope, Sections,
};
use crate::span::Span;

/// How deep `@set` references may nest.
const MAX_SET_DEPTH: usize = 16;

/// How many patterns a pack may expand to in all, counting a set again at
/// each use. Sets that each use the next one twice would otherwise double
/// the work at every level.
const MAX_EXPANDED_PATTERNS: usize = 200_000;

const KINDS: &[&str] = &["forbid", "require", "limit", "builtin"];

/// Where a rule looks when its pack does not say.
pub(crate) const DEFAULT_SECTIONS: &[SectionKind] = &[
    SectionKind::Subject,
    SectionKind::Greeting,
    SectionKind::Body,
    SectionKind::Closing,
    SectionKind::Postscript,
];

pub(crate) struct Compiler<'a> {
    pub(crate) origin: &'a str,
    pub(crate) source: &'a Arc<str>,
    /// Named pattern sets from `[patterns]`, expanded when used.
    pub(crate) sets: BTreeMap<String, Spanned<PatternList>>,
    /// Packs loaded before this one, whose sets `@pack.set` may name.
    pub(crate) deps: &'a [Pack],
    /// Patterns made so far, by source: the same pattern in several rules
    /// is compiled (and later run) once.
    pub(crate) made: RefCell<HashMap<String, Arc<Pattern>>>,
    /// A built-in pack, which the test suite compiles in full: leave every
    /// regex to first use, so a run compiles only what its drafts need.
    pub(crate) trusted: bool,
    /// Patterns expanded so far, against `MAX_EXPANDED_PATTERNS`.
    pub(crate) expanded: Cell<usize>,
}

impl Compiler<'_> {
    fn err(&self, span: Span, message: impl Into<String>) -> LoadError {
        LoadError::new(self.origin, self.source, Some(span), message)
    }

    pub(crate) fn pack(self, raw: RawPack, words: Lists) -> Result<Pack, LoadError> {
        let name = raw.pack.name.get_ref().trim().to_owned();
        if name.is_empty() || name.contains('.') {
            return Err(self.err(
                span_of(&raw.pack.name),
                "a pack needs a non-empty name without dots",
            ));
        }
        // Check every set, used or not, so a broken one is reported early,
        // and keep them expanded for packs that build on this one.
        let mut sets = BTreeMap::new();
        for (set_name, list) in &self.sets {
            self.patterns(list)?;
            sets.insert(
                set_name.clone(),
                self.expand(list)?.into_iter().map(|(p, _)| p).collect(),
            );
        }
        let mut rules: Vec<Rule> = Vec::with_capacity(raw.rule.len());
        let mut seen: HashMap<String, Span> = HashMap::default();
        for raw_rule in raw.rule {
            let rule = self.rule(&name, raw_rule)?;
            if let Some(first) = seen.get(rule.id()) {
                let line = self
                    .source
                    .get(..first.start)
                    .unwrap_or_default()
                    .matches('\n')
                    .count()
                    + 1;
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
            sets,
            words,
        })
    }

    fn expand(&self, list: &Spanned<PatternList>) -> Result<Vec<(String, Span)>, LoadError> {
        let mut out = Vec::new();
        self.expand_into(list, &mut Vec::new(), &mut out)?;
        Ok(out)
    }

    /// Expand `@set` and `@pack.set` references; `stack` holds the sets
    /// being expanded, to catch a set that refers to itself.
    fn expand_into<'s>(
        &'s self,
        list: &Spanned<PatternList>,
        stack: &mut Vec<&'s str>,
        out: &mut Vec<(String, Span)>,
    ) -> Result<(), LoadError> {
        for (pattern, span) in items(list) {
            let Some(set) = set_reference(&pattern) else {
                self.count_expanded(1, span)?;
                out.push((pattern, span));
                continue;
            };
            if let Some((pack, set_name)) = set.split_once('.') {
                let Some(dep) = self.deps.iter().find(|p| p.name() == pack) else {
                    let loaded: Vec<&str> = self.deps.iter().map(Pack::name).collect();
                    return Err(self
                        .err(span, format!("unknown pack `{pack}` in `@{set}`"))
                        .with_help(if loaded.is_empty() {
                            "no pack is loaded before this one".to_owned()
                        } else {
                            format!("packs loaded before this one: {}", loaded.join(", "))
                        }));
                };
                let Some(patterns) = dep.sets.get(set_name) else {
                    let e = self.err(
                        span,
                        format!("pack `{pack}` has no pattern set `{set_name}`"),
                    );
                    return Err(
                        match closest(set_name, dep.sets.keys().map(String::as_str)) {
                            Some(near) => e.with_help(format!("did you mean `@{pack}.{near}`?")),
                            None => e,
                        },
                    );
                };
                self.count_expanded(patterns.len(), span)?;
                out.extend(patterns.iter().map(|p| (p.clone(), span)));
                continue;
            }
            match self.sets.get_key_value(set) {
                Some((key, inner)) => {
                    if stack.len() >= MAX_SET_DEPTH {
                        return Err(self.err(
                            span,
                            format!("pattern sets nest more than {MAX_SET_DEPTH} deep here"),
                        ));
                    }
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
                    let e = self.err(span, format!("unknown pattern set `@{set}`"));
                    return Err(match closest(set, self.sets.keys().map(String::as_str)) {
                        Some(near) => e.with_help(format!("did you mean `@{near}`?")),
                        None => e.with_help(
                            "define it under [patterns], or name another pack's set as `@pack.set`",
                        ),
                    });
                }
            }
        }
        Ok(())
    }

    /// Count `n` more expanded patterns against the pack's budget.
    fn count_expanded(&self, n: usize, span: Span) -> Result<(), LoadError> {
        let expanded = self.expanded.get().saturating_add(n);
        if expanded > MAX_EXPANDED_PATTERNS {
            return Err(self.err(
                span,
                format!(
                    "the pack expands to more than {MAX_EXPANDED_PATTERNS} patterns (counting each use of a set)"
                ),
            ));
        }
        self.expanded.set(expanded);
        Ok(())
    }

    /// Expand a pattern list and make its patterns: a built-in pack's
    /// are left to compile on first use; any other pack's are compiled now,
    /// each on its own so that an error blames the right one.
    fn patterns(&self, list: &Spanned<PatternList>) -> Result<PatternSet, LoadError> {
        let items = self.expand(list)?;
        if items.is_empty() {
            return Err(self.err(span_of(list), "a pattern list may not be empty"));
        }
        let mut patterns = Vec::with_capacity(items.len());
        for (source, span) in items {
            if let Some(made) = self.made.borrow().get(&source) {
                patterns.push(Arc::clone(made));
                continue;
            }
            let pattern = if self.trusted {
                Pattern::trusted(&source)
            } else {
                self.no_control_characters(&source, span)?;
                Pattern::checked(&source).map_err(|e| self.pattern_error(&source, span, e))?
            };
            let pattern = Arc::new(pattern);
            self.made.borrow_mut().insert(source, Arc::clone(&pattern));
            patterns.push(pattern);
        }
        Ok(PatternSet::new(patterns))
    }

    /// A pattern written in a TOML basic string (`"\bword"`) holds a
    /// control character (a backspace) where a regex escape was meant, and
    /// would never match; refuse it and name the fix.
    fn no_control_characters(&self, pattern: &str, span: Span) -> Result<(), LoadError> {
        let Some(c) = pattern.chars().find(|c| c.is_control()) else {
            return Ok(());
        };
        let (name, escape) = match c {
            '\u{8}' => ("a backspace", Some("\\b")),
            '\t' => ("a tab", Some("\\t")),
            '\n' => ("a line break", Some("\\n")),
            '\r' => ("a carriage return", Some("\\r")),
            '\u{c}' => ("a form feed", Some("\\f")),
            _ => ("a control character", None),
        };
        let code = u32::from(c);
        let why = match escape {
            Some(e) => format!("in a TOML \"...\" string `{e}` is {name}, not a regex escape"),
            None => "TOML turned an escape into it".to_owned(),
        };
        Err(self
            .err(span, format!("the pattern has {name} (U+{code:04X}) in it: {why}"))
            .with_help("write patterns as TOML literal strings, in single quotes, where a backslash is kept: '\\bword\\b'"))
    }

    /// `{match}` in any message, `{value}`, `{min}` and `{max}` in a
    /// `limit` rule's: anything else between braces would be shown as
    /// written, so it is refused.
    fn placeholders(&self, message: &Spanned<String>, kind: &str) -> Result<(), LoadError> {
        let text = message.get_ref();
        let limit = kind == "limit";
        let mut rest = text.as_str();
        while let Some(open) = rest.find('{') {
            let after = rest.get(open + 1..).unwrap_or_default();
            let Some(close) = after.find('}') else { break };
            let name = after.get(..close).unwrap_or_default();
            let known = name == "match" || (limit && matches!(name, "value" | "min" | "max"));
            if !known
                && !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
            {
                let names: &[&str] = if limit {
                    &["match", "value", "min", "max"]
                } else {
                    &["match"]
                };
                let e = self.err(
                    span_of(message),
                    format!("unknown placeholder `{{{name}}}` in `message`"),
                );
                return Err(match closest(name, names.iter().copied()) {
                    Some(near) => e.with_help(format!("did you mean `{{{near}}}`?")),
                    None if !limit && matches!(name, "value" | "min" | "max") => {
                        e.with_help(format!("`{{{name}}}` is filled in for `limit` rules only; a `{kind}` rule's message may use {{match}}"))
                    }
                    None => e.with_help(format!(
                        "a `{kind}` rule's message may use {}",
                        names.iter().map(|n| format!("{{{n}}}")).collect::<Vec<_>>().join(", ")
                    )),
                });
            }
            rest = after.get(close + 1..).unwrap_or_default();
        }
        Ok(())
    }

    /// Why `source`, at `span`, was refused.
    fn pattern_error(&self, source: &str, span: Span, e: PatternError) -> LoadError {
        let e = match e {
            PatternError::Invalid(message) => self
                .err(span, format!("invalid regex: {message}"))
                .with_help(format!(
                    "the pattern is `{source}`; regex syntax: https://docs.rs/regex/latest/regex/#syntax"
                )),
            PatternError::TooLarge(limit) => self
                .err(
                    span,
                    format!("invalid regex: Compiled regex exceeds size limit of {limit} bytes."),
                )
                .with_help(format!("the pattern is `{source}`")),
            PatternError::MatchesEmpty => self
                .err(span, "this pattern can match the empty string")
                .with_help(format!(
                    "`{source}` may match no text at all, which leaves nothing to underline; make some part required (`x+` rather than `x*`)"
                )),
        };
        e.with_kind(ErrorKind::InvalidPattern)
    }

    fn sections(&self, list: &SpannedList) -> Result<Sections, LoadError> {
        let mut sections = Sections::EMPTY;
        for item in list.get_ref() {
            let name = item.get_ref();
            match SectionKind::from_name(name) {
                Some(kind) => sections.insert(kind),
                None => {
                    let names = SectionKind::ALL.map(SectionKind::name);
                    return Err(self.unknown(span_of(item), "section", name, &names));
                }
            }
        }
        if sections == Sections::EMPTY {
            return Err(self.err(span_of(list), "the list needs at least one section"));
        }
        Ok(sections)
    }

    fn kinds(
        &self,
        only: Option<&SpannedList>,
        skip: Option<&SpannedList>,
    ) -> Result<KindSet, LoadError> {
        let names = MessageKind::ALL.map(MessageKind::name);
        let parse = |item: &Spanned<String>| {
            MessageKind::from_name(item.get_ref())
                .ok_or_else(|| self.unknown(span_of(item), "message kind", item.get_ref(), &names))
        };
        let mut set = match only {
            Some(list) => {
                let mut set = KindSet::EMPTY;
                for item in list.get_ref() {
                    set.insert(parse(item)?);
                }
                set
            }
            None => KindSet::ALL,
        };
        for item in skip.map(|l| l.get_ref().as_slice()).unwrap_or_default() {
            set.remove(parse(item)?);
        }
        Ok(set)
    }

    fn unknown(&self, span: Span, what: &str, name: &str, valid: &[&str]) -> LoadError {
        let e = self
            .err(span, format!("unknown {what} `{name}`"))
            .with_kind(ErrorKind::UnknownName);
        match closest(name, valid.iter().copied()) {
            Some(near) => e.with_help(format!(
                "did you mean `{near}`? expected one of: {}",
                valid.join(", ")
            )),
            None => e.with_help(format!("expected one of: {}", valid.join(", "))),
        }
    }

    fn count(&self, value: Option<&Spanned<i64>>, key: &str) -> Result<Option<usize>, LoadError> {
        value
            .map(|v| {
                usize::try_from(*v.get_ref())
                    .map_err(|_| self.err(span_of(v), format!("`{key}` must be zero or more")))
            })
            .transpose()
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
                if raw.kind.is_some()
                    || raw.patterns.is_some()
                    || raw.when.is_some()
                    || raw.metric.is_some()
                    || raw.check.is_some()
                {
                    return Err(self
                        .err(id_span, format!("rule `{id}` has both [[rule.case]] tables and its own check keys"))
                        .with_help("move `kind`, `patterns`, `when`, `any`, `metric` and `check` into the cases"));
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
                        || case.safe_fix.is_some()
                    {
                        return Err(self.err(case_span, "a [[rule.case]] holds only check keys; `id`, `level`, `summary`, `explain`, `examples` and `safe-fix` belong to the rule"));
                    }
                    checks.push(self.check(&id, id_span, &case, &raw)?);
                }
            }
            None => checks.push(self.check(&id, id_span, &raw, &RawRule::default())?),
        }
        let safe_fix = match raw.safe_fix {
            Some(flag) if *flag.get_ref() && checks.iter().all(|c| c.replace.is_empty()) => {
                return Err(self
                    .err(span_of(&flag), format!("rule `{id}` has `safe-fix` but no `replace`"))
                    .with_help("`safe-fix = true` lets --fix apply the first `replace` suggestion; add `replace`, or drop `safe-fix`"));
            }
            Some(flag) => flag.into_inner(),
            None => false,
        };
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
            safe_fix,
            enabled: raw.enabled.unwrap_or(true),
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
        macro_rules! key {
            ($field:ident) => {
                raw.$field.as_ref().or(parent.$field.as_ref())
            };
        }
        let Some(kind) = key!(kind) else {
            return Err(self
                .err(id_span, format!("rule `{id}` is missing `kind`"))
                .with_help(format!("kinds are: {}", KINDS.join(", "))));
        };
        let sections = match key!(sections) {
            Some(list) => self.sections(list)?,
            None => Sections::from_slice(DEFAULT_SECTIONS),
        };
        let any_sections = match key!(any_in) {
            Some(list) => self.sections(list)?,
            None => Sections::from_slice(DEFAULT_SECTIONS),
        };
        let kinds = self.kinds(key!(message_kinds), key!(skip_message_kinds))?;
        let unless = key!(unless).map(|l| self.patterns(l)).transpose()?;
        let unless_within = match key!(unless_within) {
            Some(s) => Scope::from_name(s.get_ref())
                .ok_or_else(|| self.unknown(span_of(s), "scope", s.get_ref(), Scope::NAMES))?,
            None => Scope::Match,
        };
        let (Some(message), Some(help)) = (key!(message).cloned(), key!(help).cloned()) else {
            return Err(self
                .err(id_span, format!("rule `{id}` needs both `message` and `help`"))
                .with_help("`message` says what is wrong (it may use {match}); `help` says what to write instead"));
        };
        self.placeholders(&message, kind.get_ref())?;
        let message = message.into_inner();
        let negation = raw.negation.or(parent.negation).unwrap_or(true);
        let replace = key!(replace).cloned().unwrap_or_default();
        let kind_name = kind.get_ref().as_str();
        let needs = |key: &str,
                     v: Option<&'_ Spanned<PatternList>>|
         -> Result<PatternSet, LoadError> {
            match v {
                Some(list) => self.patterns(list),
                None => Err(self.err(span_of(kind), format!("a `{kind_name}` rule needs `{key}`"))),
            }
        };
        // Keys that belong to other kinds are errors, not silently ignored.
        let allowed: &[&str] = match kind_name {
            "forbid" => &["patterns", "replace"],
            "require" => &["when", "any", "any-in", "any-unless", "min"],
            "limit" => &["metric", "min", "max"],
            "builtin" => &["check"],
            _ => &[],
        };
        for (key, present) in [
            ("patterns", key!(patterns).map(span_of)),
            ("replace", key!(replace).map(|_| span_of(kind))),
            ("when", key!(when).map(span_of)),
            ("any", key!(any).map(span_of)),
            ("any-in", key!(any_in).map(span_of)),
            ("any-unless", key!(any_unless).map(span_of)),
            ("min", key!(min).map(span_of)),
            ("max", key!(max).map(span_of)),
            ("metric", key!(metric).map(span_of)),
            ("check", key!(check).map(span_of)),
        ] {
            if let Some(span) = present
                && KINDS.contains(&kind_name)
                && !allowed.contains(&key)
            {
                return Err(self
                    .err(
                        span,
                        format!("`{key}` does not apply to a `{kind_name}` rule"),
                    )
                    .with_help(format!(
                        "a `{kind_name}` rule takes: {}",
                        allowed.join(", ")
                    )));
            }
        }
        let condition = match kind_name {
            "forbid" => Condition::Forbid {
                patterns: needs("patterns", key!(patterns))?,
            },
            "require" => Condition::Require {
                when: needs("when", key!(when))?,
                any: needs("any", key!(any))?,
                any_unless: key!(any_unless).map(|l| self.patterns(l)).transpose()?,
                any_sections,
                min: self.count(key!(min), "min")?.unwrap_or(1).max(1),
            },
            "limit" => {
                let Some(metric) = key!(metric) else {
                    return Err(self
                        .err(span_of(kind), "a `limit` rule needs `metric`")
                        .with_help(format!("metrics are: {}", Metric::NAMES.join(", "))));
                };
                let metric = Metric::from_name(metric.get_ref()).ok_or_else(|| {
                    self.unknown(span_of(metric), "metric", metric.get_ref(), Metric::NAMES)
                })?;
                let (min, max) = (self.count(key!(min), "min")?, self.count(key!(max), "max")?);
                if min.is_none() && max.is_none() {
                    return Err(
                        self.err(span_of(kind), "a `limit` rule needs `min`, `max` or both")
                    );
                }
                if let (Some(lo), Some(hi), Some(at)) = (min, max, key!(min))
                    && lo > hi
                {
                    return Err(self
                        .err(
                            span_of(at),
                            format!(
                                "`min` ({lo}) is greater than `max` ({hi}): nothing could pass"
                            ),
                        )
                        .with_help("swap them, or drop one"));
                }
                Condition::Limit { metric, min, max }
            }
            "builtin" => {
                let Some(name) = key!(check) else {
                    return Err(self.err(
                        span_of(kind),
                        "a `builtin` rule needs `check`, the name of the built-in check",
                    ));
                };
                let name = BUILTIN_CHECKS
                    .iter()
                    .find(|&&n| n == name.get_ref())
                    .ok_or_else(|| {
                        self.unknown(
                            span_of(name),
                            "built-in check",
                            name.get_ref(),
                            BUILTIN_CHECKS,
                        )
                    })?;
                Condition::Builtin { name }
            }
            other => return Err(self.unknown(span_of(kind), "rule kind", other, KINDS)),
        };
        Ok(Check {
            condition,
            sections,
            kinds,
            unless,
            unless_within,
            negation,
            message,
            help,
            replace,
        })
    }
}

/// The build script's translation of the built-in pack `pack`'s word
/// pattern `pattern` (`build.rs`).
#[cfg(feature = "fast")]
fn translated_at_build(pack: &str, pattern: &str) -> Option<&'static str> {
    mod table {
        include!(concat!(env!("OUT_DIR"), "/builtin_words.rs"));
    }
    let key = words::table_key(pack, pattern);
    let key = (crate::matcher::literals::fnv1a(&key), key.len());
    let i = table::WORDS
        .binary_search_by(|(h, n, _)| (*h, *n).cmp(&key))
        .ok()?;
    table::WORDS.get(i).map(|(_, _, regex)| *regex)
}

/// Without the table (the WebAssembly build, which saves the space) every
/// word pattern is translated when its pack loads.
#[cfg(not(feature = "fast"))]
fn translated_at_build(_pack: &str, _pattern: &str) -> Option<&'static str> {
    None
}

pub(crate) fn is_kebab_case(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The pack's word lists, and its pattern sets with every `[concepts]`
/// word pattern translated to a regex (set references are kept as
/// written). A word list of a pack loaded before this one is named
/// `$pack.list`, as sets are `@pack.set`.
///
/// # Errors
///
/// A word pattern that does not translate, pointing at the token at fault;
/// a name used in both `[patterns]` and `[concepts]`.
pub(crate) fn word_patterns(
    origin: &str,
    source: &Arc<str>,
    raw: &mut RawPack,
    deps: &[Pack],
    builtin: bool,
) -> Result<(BTreeMap<String, Spanned<PatternList>>, Lists), LoadError> {
    let mut own = Lists::new();
    for (name, list) in &raw.words {
        own.insert(name.clone(), word_items(list));
    }
    let mut lists = own.clone();
    for dep in deps {
        for (name, items) in &dep.words {
            lists.insert(format!("{}.{name}", dep.name), items.clone());
        }
    }
    let mut sets = std::mem::take(&mut raw.patterns);
    let mut cache = words::Cache::default();
    for (name, list) in std::mem::take(&mut raw.concepts) {
        if sets.contains_key(&name) {
            return Err(LoadError::new(
                origin,
                source,
                Some(span_of(&list)),
                format!("`{name}` is both a pattern set and a concept"),
            )
            .with_help("a set and a concept share one namespace for `@name`: rename one"));
        }
        let whole = list.span();
        let single = list.get_ref().1;
        let mut translated = Vec::new();
        for item in &list.get_ref().0 {
            let text = item.get_ref();
            let span = if single { whole.clone() } else { item.span() };
            if set_reference(text).is_some() {
                translated.push(Spanned::new(span, text.clone()));
                continue;
            }
            if builtin && let Some(regex) = translated_at_build(raw.pack.name.get_ref(), text) {
                translated.push(Spanned::new(span, regex.to_owned()));
                continue;
            }
            let t = words::translate_with(text, &lists, &mut cache).map_err(|e| {
                // Point at the token when the TOML string holds it as
                // written (a literal string, in one or three quotes).
                let raw_text = source.get(span.clone()).unwrap_or_default();
                let quote = if raw_text.starts_with("'''") || raw_text.starts_with("\"\"\"") {
                    3
                } else {
                    1
                };
                let at = Span::new(span.start + quote + e.at.0, span.start + quote + e.at.1);
                let at = match (source.get(at.range()), text.get(e.at.0..e.at.1)) {
                    (Some(found), Some(token)) if found == token => at,
                    _ => Span::new(span.start, span.end),
                };
                LoadError::new(
                    origin,
                    source,
                    Some(at),
                    format!("in a word pattern: {}", e.message),
                )
                .with_kind(ErrorKind::InvalidPattern)
                .with_help(
                    "word patterns are described in docs/rule-language.md, \"Word patterns\"",
                )
            })?;
            translated.push(Spanned::new(span, t.regex));
        }
        sets.insert(name, Spanned::new(whole, PatternList(translated, false)));
    }
    Ok((sets, own))
}
