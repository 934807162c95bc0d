//! User configuration (`outreach-lint.toml`): which packs to load, levels
//! and bounds per rule, rules to skip for some files, and the message kind.
//!
//! ```toml
//! packs = ["core", "etiquette"]  # replaces the default list
//! extend-packs = ["./team-rules.toml"]  # adds to it
//! kind = "cold-request"          # skip detection for every draft
//! fail-on = "warning"            # what fails a run of the command
//!
//! [rules]
//! too-long = { level = "error", max = 150 }
//! generic-praise = "off"
//!
//! [per-file]
//! "archive/**" = ["too-long"]
//! ```
//!
//! Parsing is strict and every error points into the file. Finding the file
//! and reading packs from disk is the caller's job: the library reads
//! nothing itself.

use std::collections::BTreeMap;
use std::sync::Arc;

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Level;
use crate::error::{LoadError, closest};
use crate::lint::Linter;
use crate::pack::{DEFAULT_PACKS, span_of, toml_error};
use crate::rules::MessageKind;
use crate::span::Span;

/// A parsed `outreach-lint.toml`.
///
/// ```
/// use outreach_lint::{Config, Linter};
/// let config = Config::from_toml("outreach-lint.toml", r#"
/// [rules]
/// generic-praise = "off"
/// too-long = { level = "error", max = 150 }
/// [per-file]
/// "archive/**" = ["pick-your-brain"]
/// "#).unwrap();
/// let mut linter = Linter::builtin();
/// config.apply(&mut linter).unwrap();
/// assert_eq!(linter.level_of("generic-praise"), None);
/// assert_eq!(config.skipped_for("archive/2024/old.txt"), vec!["pick-your-brain".to_string()]);
/// assert!(config.skipped_for("drafts/new.txt").is_empty());
/// ```
#[derive(Debug, Clone)]
pub struct Config {
    origin: String,
    source: Arc<str>,
    packs: Option<Vec<(String, Span)>>,
    extend_packs: Vec<(String, Span)>,
    kind: Option<MessageKind>,
    fail_on: Option<Option<Level>>,
    rules: Vec<RuleSetting>,
    per_file: Vec<(GlobSet, Vec<(String, Span)>)>,
}

/// What `[rules]` says about one rule.
#[derive(Debug, Clone)]
struct RuleSetting {
    id: String,
    span: Span,
    /// `Some(None)` turns the rule off.
    level: Option<Option<Level>>,
    min: Option<usize>,
    max: Option<usize>,
    /// Where `min`/`max` were written, for "this rule has no limit".
    bounds_span: Option<Span>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    packs: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    extend_packs: Vec<Spanned<String>>,
    kind: Option<Spanned<String>>,
    fail_on: Option<Spanned<String>>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    #[serde(default)]
    per_file: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            origin: String::new(),
            source: Arc::from(""),
            packs: None,
            extend_packs: Vec::new(),
            kind: None,
            fail_on: None,
            rules: Vec::new(),
            per_file: Vec::new(),
        }
    }
}

impl Config {
    /// Parse a configuration file. `origin` names it in errors.
    ///
    /// # Errors
    ///
    /// Invalid TOML, an unknown key or level, a bad glob, or a value of the
    /// wrong type: a [`LoadError`] pointing at it.
    pub fn from_toml(origin: &str, text: &str) -> Result<Config, LoadError> {
        let source: Arc<str> = Arc::from(text);
        let raw: RawConfig = toml::from_str(text).map_err(|e| toml_error(origin, &source, &e))?;
        let err =
            |span: Span, message: String| LoadError::new(origin, &source, Some(span), message);
        let kind = match raw.kind {
            Some(k) => Some(MessageKind::from_name(k.get_ref()).ok_or_else(|| {
                let names = MessageKind::ALL.map(MessageKind::name);
                err(
                    span_of(&k),
                    format!("unknown message kind `{}`", k.get_ref()),
                )
                .with_help(format!("kinds are: {}", names.join(", ")))
            })?),
            None => None,
        };
        let fail_on = match raw.fail_on {
            Some(f) if f.get_ref() == "never" => Some(None),
            Some(f) => Some(Some(f.get_ref().parse::<Level>().map_err(|_| {
                err(span_of(&f), format!("unknown level `{}`", f.get_ref()))
                    .with_help("use \"error\", \"warning\", \"info\" or \"never\"")
            })?)),
            None => None,
        };
        let mut rules = Vec::new();
        for (id, value) in raw.rules {
            rules.push(setting(id.get_ref(), span_of(&id), &value, &err)?);
        }
        let mut per_file = Vec::new();
        for (glob, ids) in raw.per_file {
            let compiled = Glob::new(glob.get_ref())
                .and_then(|g| GlobSetBuilder::new().add(g).build())
                .map_err(|e| err(span_of(&glob), format!("invalid glob: {}", e.kind())))?;
            per_file.push((
                compiled,
                ids.into_iter()
                    .map(|i| (i.get_ref().clone(), span_of(&i)))
                    .collect(),
            ));
        }
        let spanned = |list: Vec<Spanned<String>>| -> Vec<(String, Span)> {
            list.into_iter()
                .map(|s| (s.get_ref().clone(), span_of(&s)))
                .collect()
        };
        let packs = raw.packs.map(spanned);
        let extend_packs = spanned(raw.extend_packs);
        Ok(Config {
            origin: origin.to_owned(),
            source,
            packs,
            extend_packs,
            kind,
            fail_on,
            rules,
            per_file,
        })
    }

    /// Where this configuration came from (empty for the default).
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The packs to load, in order: built-in names (`core`) or paths to TOML
    /// files, relative to the configuration file. `packs` replaces
    /// [`DEFAULT_PACKS`]; `extend-packs` adds to `packs` (or to the
    /// defaults).
    ///
    /// ```
    /// use outreach_lint::Config;
    /// let packs = |t| Config::from_toml("c", t).unwrap().packs();
    /// assert_eq!(packs("extend-packs = [\"team.toml\"]"), ["core", "etiquette", "team.toml"]);
    /// assert_eq!(packs("packs = [\"team.toml\"]"), ["team.toml"]);
    /// ```
    pub fn packs(&self) -> Vec<String> {
        let base: Vec<String> = match &self.packs {
            Some(p) => p.iter().map(|(name, _)| name.clone()).collect(),
            None => DEFAULT_PACKS.iter().map(|s| (*s).to_owned()).collect(),
        };
        let extra = self.extend_packs.iter().map(|(name, _)| name.clone());
        base.into_iter().chain(extra).collect()
    }

    /// An error about the `index`th entry of [`Config::packs`] (e.g. a
    /// file that cannot be read), pointing at it.
    pub fn pack_error(&self, index: usize, message: impl Into<String>) -> LoadError {
        let base = self.packs.as_ref().map_or(DEFAULT_PACKS.len(), Vec::len);
        let span = match index.checked_sub(base) {
            Some(i) => self.extend_packs.get(i),
            None => self.packs.as_ref().and_then(|p| p.get(index)),
        }
        .map(|(_, s)| *s);
        LoadError::new(&self.origin, &self.source, span, message)
    }

    /// The least serious level that fails a run (`fail-on`): `Some(None)`
    /// for `"never"`, `None` when the file does not say.
    pub fn fail_on(&self) -> Option<Option<Level>> {
        self.fail_on
    }

    /// The message kind every draft is linted as, if set.
    pub fn kind(&self) -> Option<MessageKind> {
        self.kind
    }

    /// Apply `[rules]` levels and bounds, and check every rule id in
    /// `[rules]` and `[per-file]` exists in `linter`. This leaves the
    /// linter's packs as they are, even those `packs` does not name:
    /// [`Linter::from_config`] builds a linter of the configured packs.
    ///
    /// # Errors
    ///
    /// A rule id the linter does not have (with the closest one
    /// suggested), or bounds on a rule without a limit.
    pub fn apply(&self, linter: &mut Linter) -> Result<(), LoadError> {
        let ids: Vec<String> = linter.rules().iter().map(|r| r.id().to_owned()).collect();
        let unknown = |id: &str, span: Span| {
            let e = LoadError::new(
                &self.origin,
                &self.source,
                Some(span),
                format!("unknown rule `{id}`"),
            );
            match closest(id, ids.iter().map(String::as_str)) {
                Some(near) => e.with_help(format!(
                    "did you mean `{near}`? (`outreach-lint --list-rules` lists them all)"
                )),
                None => e.with_help("`outreach-lint --list-rules` lists every rule"),
            }
        };
        for setting in &self.rules {
            let Some(rule) = linter.rule(&setting.id) else {
                return Err(unknown(&setting.id, setting.span));
            };
            if setting.min.is_some() || setting.max.is_some() {
                if !rule.has_limit() {
                    return Err(LoadError::new(
                        &self.origin,
                        &self.source,
                        setting.bounds_span.or(Some(setting.span)),
                        format!("rule `{}` has no limit to set", setting.id),
                    )
                    .with_help("`min` and `max` apply to limit rules such as `too-long`"));
                }
                linter.set_bounds(&setting.id, setting.min, setting.max);
            }
            if let Some(level) = setting.level {
                linter.set_level(&setting.id, level);
            }
        }
        for (_, ids) in &self.per_file {
            for (id, span) in ids {
                if linter.rule(id).is_none() {
                    return Err(unknown(id, *span));
                }
            }
        }
        Ok(())
    }

    /// Rule ids `[per-file]` skips for `path` (relative to the configuration
    /// file's folder, with `/` separators).
    pub fn skipped_for(&self, path: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for (globs, ids) in &self.per_file {
            if globs.is_match(path) {
                out.extend(ids.iter().map(|(id, _)| id.clone()));
            }
        }
        out.sort();
        out.dedup();
        out
    }
}

/// One `[rules]` entry: `"off"`, a level, or a table of `level`, `min`,
/// `max` (also spelled `max-<metric>`, e.g. `max-words`).
fn setting(
    id: &str,
    span: Span,
    value: &Spanned<toml::Value>,
    err: &dyn Fn(Span, String) -> LoadError,
) -> Result<RuleSetting, LoadError> {
    let vspan = span_of(value);
    let level = |s: &str| -> Result<Option<Level>, LoadError> {
        match s {
            "off" => Ok(None),
            other => other.parse::<Level>().map(Some).map_err(|_| {
                err(vspan, format!("unknown level `{other}`"))
                    .with_help("use \"error\", \"warning\", \"info\" or \"off\"")
            }),
        }
    };
    let mut out = RuleSetting {
        id: id.to_owned(),
        span,
        level: None,
        min: None,
        max: None,
        bounds_span: None,
    };
    match value.get_ref() {
        toml::Value::String(s) => out.level = Some(level(s)?),
        toml::Value::Table(table) => {
            for (key, v) in table {
                let count = || -> Result<usize, LoadError> {
                    v.as_integer()
                        .and_then(|n| usize::try_from(n).ok())
                        .ok_or_else(|| {
                            err(
                                vspan,
                                format!("`{key}` must be a whole number, zero or more"),
                            )
                        })
                };
                match key.as_str() {
                    "level" => match v.as_str() {
                        Some(s) => out.level = Some(level(s)?),
                        None => return Err(err(vspan, "`level` must be a string".to_owned())),
                    },
                    k if k == "min" || k.starts_with("min-") => {
                        out.min = Some(count()?);
                        out.bounds_span = Some(vspan);
                    }
                    k if k == "max" || k.starts_with("max-") => {
                        out.max = Some(count()?);
                        out.bounds_span = Some(vspan);
                    }
                    other => {
                        return Err(err(vspan, format!("unknown key `{other}` for rule `{id}`"))
                            .with_help("a rule takes `level`, `min` and `max` (or `max-words` and the like)"));
                    }
                }
            }
        }
        _ => {
            return Err(err(vspan, format!("rule `{id}` takes a level (\"off\", \"error\", \"warning\", \"info\") or a table")).with_help(format!("e.g. {id} = \"off\" or {id} = {{ level = \"warning\" }}")));
        }
    }
    if let (Some(min), Some(max)) = (out.min, out.max)
        && min > max
    {
        return Err(err(
            vspan,
            format!("`min` ({min}) is greater than `max` ({max}): nothing could pass"),
        )
        .with_help("swap them, or drop one"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> LoadError {
        let e = match Config::from_toml("c.toml", text) {
            Ok(config) => config
                .apply(&mut Linter::builtin())
                .expect_err("config should be refused"),
            Err(e) => e,
        };
        assert!(e.span().is_some(), "{e:?} has no span");
        e
    }

    fn underlined(e: &LoadError) -> &str {
        e.span()
            .and_then(|s| e.source_text().get(s.range()))
            .unwrap_or_default()
    }

    #[test]
    fn unknown_rule_suggests_the_closest() {
        let e = err("[rules]\ngeneric-prase = \"off\"\n");
        assert_eq!(e.message(), "unknown rule `generic-prase`");
        assert!(
            e.help()
                .unwrap_or_default()
                .starts_with("did you mean `generic-praise`?")
        );
        assert_eq!(underlined(&e), "generic-prase");
    }

    #[test]
    fn wrong_types_and_levels_point_at_the_value() {
        let e = err("[rules]\ntoo-long = 3\n");
        assert_eq!(underlined(&e), "3");
        let e = err("[rules]\ntoo-long = \"loud\"\n");
        assert_eq!(e.message(), "unknown level `loud`");
        let e = err("[rules]\ntoo-long = { max = \"ten\" }\n");
        assert_eq!(e.message(), "`max` must be a whole number, zero or more");
        let e = err("packs = \"core\"\n");
        assert!(e.message().contains("invalid type"), "{}", e.message());
    }

    #[test]
    fn bounds_only_for_limit_rules() {
        let e = err("[rules]\npick-your-brain = { max = 3 }\n");
        assert_eq!(e.message(), "rule `pick-your-brain` has no limit to set");
    }

    #[test]
    fn unknown_top_level_key_and_kind() {
        let e = err("[rule]\ntoo-long = \"off\"\n");
        assert!(
            e.message().starts_with("unknown field `rule`"),
            "{}",
            e.message()
        );
        assert_eq!(e.help(), Some("did you mean `rules`?"));
        assert_eq!(
            Config::from_toml("c", "kind = \"cold\"")
                .map(|c| c.kind())
                .ok()
                .flatten(),
            Some(MessageKind::ColdRequest)
        );
        let e = err("kind = \"colder\"\n");
        assert_eq!(e.message(), "unknown message kind `colder`");
    }

    #[test]
    fn levels_bounds_and_off_apply() {
        let config = Config::from_toml("c", "[rules]\ntoo-long = { level = \"error\", max-words = 5 }\npick-your-brain = \"warning\"\ndouble-opt-in = \"off\"\n").expect("valid");
        let mut linter = Linter::builtin();
        config.apply(&mut linter).expect("applies");
        assert_eq!(linter.level_of("too-long"), Some(Level::Error));
        assert_eq!(linter.level_of("pick-your-brain"), Some(Level::Warning));
        assert_eq!(linter.level_of("double-opt-in"), None);
        let found = linter.lint("x", "Hi Jo,\n\nOne two three four five six.\n\nBest,\nAl");
        assert!(
            found
                .iter()
                .any(|d| d.rule == "too-long" && d.level == Level::Error),
            "{found:?}"
        );
    }

    #[test]
    fn per_file_globs_and_bad_globs() {
        let config = Config::from_toml("c", "[per-file]\n\"drafts/archive/**\" = [\"too-long\"]\n\"*.md\" = [\"vague-subject\", \"too-long\"]\n").expect("valid");
        assert_eq!(
            config.skipped_for("drafts/archive/a/b.txt"),
            vec!["too-long"]
        );
        assert_eq!(
            config.skipped_for("x.md"),
            vec!["too-long", "vague-subject"]
        );
        assert!(config.skipped_for("drafts/x.txt").is_empty());
        let e = err("[per-file]\n\"drafts/[\" = [\"too-long\"]\n");
        assert!(e.message().starts_with("invalid glob"), "{}", e.message());
    }
}
