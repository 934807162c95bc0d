//! The linter: rules from one or more packs, run over drafts. Owns the
//! per-draft context ([`context`]), running checks ([`run`]), metrics for
//! `limit` checks ([`metric`]), the checks written in code ([`builtin`])
//! and message-kind detection ([`kind`]).

pub(crate) mod builtin;
pub(crate) mod context;
mod fold;
pub(crate) mod kind;
pub(crate) mod metric;
pub(crate) mod run;

use std::sync::{Arc, LazyLock};

use foldhash::HashMap;
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Level, Location};
use crate::draft::{Draft, DraftFormat, ParseError};
use crate::error::LoadError;
use crate::matcher::{Matcher, MatcherBuilder};
use crate::pack::Pack;
use crate::rules::{Bounds, MessageKind, Rule};
use crate::span::{LineIndex, Span};
use context::Context;
use kind::KindDetector;
use run::Finding;

/// Per-draft choices that are not part of the rules: the message kind (to
/// override detection) and rules to skip for this draft.
///
/// ```
/// use outreach_lint::{LintOptions, Linter, MessageKind};
/// let linter = Linter::builtin();
/// let options = LintOptions::default()
///     .with_kind(MessageKind::ThankYou)
///     .skip("pick-your-brain");
/// let report = linter.lint_with("x.txt", "Can I pick your brain?", &options);
/// assert_eq!(report.kind, MessageKind::ThankYou);
/// assert!(report.diagnostics.iter().all(|d| d.rule != "pick-your-brain"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct LintOptions {
    /// The message kind; `None` detects it from the draft.
    pub kind: Option<MessageKind>,
    /// Rule ids not to run on this draft.
    pub skip: Vec<String>,
    /// Ignore the draft's own `X-Outreach-Lint:` and `X-Outreach-Kind:`
    /// header lines, so text that came from someone else cannot turn
    /// rules off or pick its kind.
    pub ignore_switches: bool,
}

impl LintOptions {
    /// The same options, reading the draft as a message of `kind`.
    #[must_use]
    pub fn with_kind(mut self, kind: MessageKind) -> Self {
        self.kind = Some(kind);
        self
    }

    /// The same options, not running rule `id` on the draft.
    #[must_use]
    pub fn skip(mut self, id: impl Into<String>) -> Self {
        self.skip.push(id.into());
        self
    }

    /// The same options, ignoring the draft's `X-Outreach-Lint:` and
    /// `X-Outreach-Kind:` header lines.
    ///
    /// ```
    /// use outreach_lint::{LintOptions, Linter};
    /// let linter = Linter::builtin();
    /// let text = "X-Outreach-Lint: allow pick-your-brain\n\nCan I pick your brain?";
    /// let honoured = linter.lint_with("x", text, &LintOptions::default());
    /// let ignored = linter.lint_with("x", text, &LintOptions::default().without_switches());
    /// assert!(honoured.diagnostics.iter().all(|d| d.rule != "pick-your-brain"));
    /// assert!(ignored.diagnostics.iter().any(|d| d.rule == "pick-your-brain"));
    /// ```
    #[must_use]
    pub fn without_switches(mut self) -> Self {
        self.ignore_switches = true;
        self
    }
}

/// What linting one draft found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Report {
    /// The message kind the rules ran for.
    pub kind: MessageKind,
    /// Why the draft was read as that kind, when it was detected rather
    /// than given: the words that decided ("ask: \"could you\""), or its
    /// `X-Outreach-Kind` header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind_reason: Option<String>,
    /// The findings, sorted by position, then rule id.
    pub diagnostics: Vec<Diagnostic>,
}

/// Rules ready to run. Build it once and reuse it: each pattern is compiled
/// the first time a draft needs it, clones share what was compiled, and
/// linting takes `&self`, so one linter can serve many threads.
///
/// ```
/// use outreach_lint::{Level, Linter};
/// let linter = Linter::builtin();
/// let found = linter.lint("jane.txt", "Hi Jane,\n\nCan I pick your brain sometime?\n\nBest,\nSam\n");
/// let brain = found.iter().find(|d| d.rule == "pick-your-brain").unwrap();
/// assert_eq!(brain.level, Level::Error);
/// assert_eq!((brain.span.line, brain.span.column), (3, 7));
/// assert_eq!(brain.message, "\"pick your brain\" asks for open-ended free time");
/// ```
#[derive(Debug, Clone)]
pub struct Linter {
    rules: Vec<Rule>,
    /// Level per rule index; `None` means the rule is off.
    levels: Vec<Option<Level>>,
    /// Configured bounds per rule index, for `limit` checks.
    bounds: Vec<Bounds>,
    /// Every pattern of `rules` and `kinds`, compiled on first use and
    /// shared by clones.
    matcher: Arc<Matcher>,
    /// The phrasings that tell a draft's message kind.
    kinds: Arc<KindDetector>,
}

impl Default for Linter {
    fn default() -> Self {
        Linter::builtin()
    }
}

impl Linter {
    /// A linter with every built-in pack.
    ///
    /// # Panics
    ///
    /// Only if a built-in pack embedded in this build fails to load, which
    /// the test suite rules out; [`Linter::try_builtin`] returns that as an
    /// error instead.
    pub fn builtin() -> Linter {
        // Built once per process; clones share the compiled patterns.
        static BUILTIN: LazyLock<Result<Linter, LoadError>> = LazyLock::new(Linter::try_builtin);
        match &*BUILTIN {
            Ok(linter) => linter.clone(),
            // The built-in packs are embedded and every test loads them, so
            // this is a broken build, not bad input: stop loudly rather
            // than hand back a linter that finds nothing.
            #[allow(clippy::panic)]
            Err(e) => panic!("a built-in pack fails to load: {e}"),
        }
    }

    /// The linter of the built-in packs, or why it cannot be built.
    ///
    /// ```
    /// let linter = outreach_lint::Linter::try_builtin().unwrap();
    /// assert!(linter.rule("pick-your-brain").is_some());
    /// ```
    ///
    /// # Errors
    ///
    /// When a built-in pack fails to load, which the test suite rules out.
    pub fn try_builtin() -> Result<Linter, LoadError> {
        Pack::builtins().and_then(Linter::from_packs)
    }

    /// A linter with the rules of `packs`, in order. Two packs may not
    /// define the same rule id.
    ///
    /// ```
    /// use outreach_lint::{Linter, Pack};
    /// let core = Pack::builtin("core").unwrap();
    /// let again = Pack::builtin("core").unwrap();
    /// assert!(Linter::from_packs(vec![core.clone()]).is_ok());
    /// let err = Linter::from_packs(vec![core, again]).unwrap_err();
    /// assert!(err.message().contains("defined by both"));
    /// ```
    ///
    /// # Errors
    ///
    /// Two packs that define the same rule id.
    pub fn from_packs(packs: Vec<Pack>) -> Result<Linter, LoadError> {
        let mut rules: Vec<Rule> = Vec::new();
        let mut owner: HashMap<String, String> = HashMap::default();
        for pack in packs {
            let name = pack.name().to_owned();
            for rule in pack.rules {
                if let Some(first) = owner.get(rule.id()) {
                    let source = std::sync::Arc::from("");
                    return Err(LoadError::new(
                        &name,
                        &source,
                        None,
                        format!(
                            "rule `{}` is defined by both pack `{first}` and pack `{name}`",
                            rule.id()
                        ),
                    )
                    .with_help("rename one of them, or leave one pack out"));
                }
                owner.insert(rule.id().to_owned(), name.clone());
                rules.push(rule);
            }
        }
        let levels = rules.iter().map(|r| r.enabled.then(|| r.level())).collect();
        let bounds = vec![Bounds::default(); rules.len()];
        let mut kinds = KindDetector::from_pack(&Pack::kinds()?)?;
        // One matcher for every pattern: each compiles once, and one pass
        // over a draft finds where any of them may match.
        let mut matcher = MatcherBuilder::default();
        for check in rules.iter_mut().flat_map(|r| r.checks.iter_mut()) {
            for set in check.pattern_sets_mut() {
                set.ids = set.patterns.iter().map(|p| matcher.add(p)).collect();
            }
        }
        kinds.register(&mut matcher);
        Ok(Linter {
            rules,
            levels,
            bounds,
            matcher: Arc::new(matcher.build()),
            kinds: Arc::new(kinds),
        })
    }

    /// The kind of message `draft` is, as this linter detects it: the
    /// `X-Outreach-Kind:` header if it names a kind, else the text.
    pub fn detect_kind(&self, draft: &Draft<'_>) -> MessageKind {
        self.kinds
            .detect(&Context::new(draft, &self.matcher), true)
            .0
    }

    /// The matcher, and the patterns that may match in `text` (one section).
    #[cfg(test)]
    pub(crate) fn matcher_hits(&self, text: &str) -> (&Matcher, crate::matcher::Hits) {
        let hits = self
            .matcher
            .hits_in(&text.to_ascii_lowercase(), &[Span::new(0, text.len())])
            .pop()
            .expect("one section");
        (&self.matcher, hits)
    }

    /// The kind detector's pattern sets.
    #[cfg(test)]
    pub(crate) fn kind_sets(&self) -> impl Iterator<Item = &crate::rules::PatternSet> {
        self.kinds.sets()
    }

    /// Every distinct pattern the linter's matcher holds.
    #[cfg(test)]
    pub(crate) fn pattern_sources(&self) -> Vec<String> {
        self.matcher.sources()
    }

    /// Whether two linters share their compiled patterns (clones do).
    #[cfg(test)]
    pub(crate) fn shares_patterns_with(&self, other: &Linter) -> bool {
        Arc::ptr_eq(&self.matcher, &other.matcher)
    }

    /// Every rule, enabled or not, in pack order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The rule with this id.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id() == id)
    }

    /// The level a rule runs at, or `None` when it is off or unknown.
    pub fn level_of(&self, id: &str) -> Option<Level> {
        let i = self.rules.iter().position(|r| r.id() == id)?;
        self.levels.get(i).copied().flatten()
    }

    /// Set a rule's level (`None` turns it off). Returns `false` for an
    /// unknown id.
    ///
    /// ```
    /// use outreach_lint::{Level, Linter};
    /// let mut linter = Linter::builtin();
    /// assert!(linter.set_level("pick-your-brain", None));
    /// assert!(linter.lint("x", "Can I pick your brain?").iter().all(|d| d.rule != "pick-your-brain"));
    /// assert!(!linter.set_level("no-such-rule", Some(Level::Info)));
    /// ```
    pub fn set_level(&mut self, id: &str, level: Option<Level>) -> bool {
        match self.rules.iter().position(|r| r.id() == id) {
            Some(i) => {
                if let Some(slot) = self.levels.get_mut(i) {
                    *slot = level;
                }
                true
            }
            None => false,
        }
    }

    /// Replace the bounds of a rule's `limit` checks (`None` keeps the
    /// pack's). Returns `false` when the rule is unknown or has no limit.
    ///
    /// ```
    /// use outreach_lint::Linter;
    /// let mut linter = Linter::builtin();
    /// assert!(linter.set_bounds("too-long", None, Some(5)));
    /// let found = linter.lint("x", "Hi Jo,\n\nOne two three four five six seven.\n\nBest,\nAl");
    /// assert!(found.iter().any(|d| d.rule == "too-long"));
    /// assert!(!linter.set_bounds("pick-your-brain", None, Some(5)));
    /// ```
    pub fn set_bounds(&mut self, id: &str, min: Option<usize>, max: Option<usize>) -> bool {
        match self.rules.iter().position(|r| r.id() == id) {
            Some(i) if self.rules.get(i).is_some_and(Rule::has_limit) => {
                if let Some(slot) = self.bounds.get_mut(i) {
                    *slot = Bounds { min, max };
                }
                true
            }
            _ => false,
        }
    }

    /// Keep only the rules whose ids are in `ids`, turning on any of them
    /// that were off (opt-in rules, say) at their pack's level; turn the
    /// rest off.
    ///
    /// ```
    /// use outreach_lint::Linter;
    /// let mut linter = Linter::builtin();
    /// assert_eq!(linter.level_of("all-take"), None, "opt-in");
    /// let err = linter.select(["pick-your-brian"]).unwrap_err();
    /// assert_eq!(err.to_string(), "unknown rule `pick-your-brian`; did you mean `pick-your-brain`?");
    /// assert!(linter.level_of("too-long").is_some(), "nothing was turned off");
    /// linter.select(["pick-your-brain", "all-take"]).unwrap();
    /// assert!(linter.level_of("too-long").is_none());
    /// assert!(linter.level_of("all-take").is_some());
    /// ```
    ///
    /// # Errors
    ///
    /// An id no rule has, with the closest one suggested; then no rule is
    /// turned off, rather than every rule.
    pub fn select<'a>(
        &mut self,
        ids: impl IntoIterator<Item = &'a str>,
    ) -> Result<(), UnknownRule> {
        let keep: Vec<&str> = ids.into_iter().collect();
        for id in &keep {
            self.known(id)?;
        }
        for (rule, level) in self.rules.iter().zip(self.levels.iter_mut()) {
            if !keep.contains(&rule.id()) {
                *level = None;
            } else if level.is_none() {
                // Selected by name: an opt-in rule runs too.
                *level = Some(rule.level());
            }
        }
        Ok(())
    }

    /// `Ok` when a rule has this id, else which id was meant.
    ///
    /// # Errors
    ///
    /// An id no rule has, with the closest one suggested.
    pub fn known(&self, id: &str) -> Result<(), UnknownRule> {
        if self.rule(id).is_some() {
            return Ok(());
        }
        let ids = self.rules.iter().map(Rule::id);
        Err(UnknownRule {
            id: id.to_owned(),
            suggestion: crate::error::closest(id, ids).map(str::to_owned),
        })
    }

    /// Lint one draft. `name` is the draft's path or label; it is not read
    /// from disk, but its extension picks the format
    /// ([`DraftFormat::from_path`]): `.md` and `.markdown` are Markdown,
    /// anything else plain text. A Markdown draft whose front matter is
    /// never closed is linted as if it had none; [`Linter::try_lint`]
    /// reports that instead.
    ///
    /// Findings come sorted by position, then rule id.
    ///
    /// ```
    /// use outreach_lint::Linter;
    /// let linter = Linter::builtin();
    /// let text = "Hi Jo,\n\nCould I *pick your brain*?\n";
    /// let found = linter.lint("jo.md", text);
    /// let brain = found.iter().find(|d| d.rule == "pick-your-brain").unwrap();
    /// assert_eq!(&text[brain.span.start..brain.span.end], "pick your brain");
    /// ```
    pub fn lint(&self, name: &str, text: &str) -> Vec<Diagnostic> {
        self.lint_with(name, text, &LintOptions::default())
            .diagnostics
    }

    /// Lint one draft with per-draft options, and say what kind of message
    /// the rules ran for. The format comes from `name` as for
    /// [`Linter::lint`].
    pub fn lint_with(&self, name: &str, text: &str, options: &LintOptions) -> Report {
        self.lint_draft(
            &Draft::parse_lenient(text, DraftFormat::from_path(name)),
            options,
        )
    }

    /// Lint one draft, refusing a Markdown draft that cannot be read (an
    /// unclosed front-matter block). The format comes from `name` as for
    /// [`Linter::lint`].
    ///
    /// ```
    /// use outreach_lint::{LintOptions, Linter};
    /// let linter = Linter::builtin();
    /// let options = LintOptions::default();
    /// assert!(linter.try_lint("a.md", "---\nsubject: Hi\nHello", &options).is_err());
    /// assert!(linter.try_lint("a.txt", "---\nsubject: Hi\nHello", &options).is_ok());
    /// ```
    ///
    /// # Errors
    ///
    /// A Markdown draft whose front matter is never closed.
    pub fn try_lint(
        &self,
        name: &str,
        text: &str,
        options: &LintOptions,
    ) -> Result<Report, ParseError> {
        let draft = Draft::parse_as(text, DraftFormat::from_path(name))?;
        Ok(self.lint_draft(&draft, options))
    }

    /// Lint a draft that is already parsed.
    ///
    /// A draft may also turn rules off for itself in its header block:
    /// `X-Outreach-Lint: allow too-long, generic-praise`.
    pub fn lint_draft(&self, draft: &Draft<'_>, options: &LintOptions) -> Report {
        let allowed = if options.ignore_switches {
            Vec::new()
        } else {
            header_allows(draft)
        };
        let mut cx = Context::new(draft, &self.matcher);
        let (kind, reason) = match options.kind {
            Some(kind) => (kind, None),
            None => {
                let (kind, reason) = self.kinds.detect(&cx, !options.ignore_switches);
                (kind, Some(reason.to_string()))
            }
        };
        cx.set_kind(kind);
        let mut found: Vec<(usize, Finding<'_>)> = Vec::new();
        let mut buffer = Vec::new();
        // `levels` and `bounds` hold one entry per rule, built together.
        for ((index, rule), (level, bounds)) in self
            .rules
            .iter()
            .enumerate()
            .zip(self.levels.iter().zip(&self.bounds))
        {
            if level.is_none()
                || options.skip.iter().any(|s| s == rule.id())
                || allowed.iter().any(|a| *a == rule.id())
            {
                continue;
            }
            for check in &rule.checks {
                run::check(check, &cx, *bounds, &mut buffer);
                found.extend(buffer.drain(..).map(|f| (index, f)));
            }
        }
        if found.is_empty() {
            return Report {
                kind,
                kind_reason: reason,
                diagnostics: Vec::new(),
            };
        }
        let source = draft.source();
        let spans: Vec<Span> = found
            .iter()
            .map(|(_, finding)| draft.to_original(finding.span))
            .collect();
        // Lines and columns of all findings in one pass over the text.
        let offsets: Vec<usize> = spans.iter().flat_map(|s| [s.start, s.end]).collect();
        let places = LineIndex::new(source).line_columns(source, &offsets);
        let mut diagnostics: Vec<Diagnostic> = found
            .into_iter()
            .zip(spans)
            .zip(places.chunks_exact(2))
            .filter_map(|(((index, finding), span), place)| {
                let rule = self.rules.get(index)?;
                let level = (*self.levels.get(index)?)?;
                let matched = source.get(span.range()).unwrap_or_default();
                let fill = |template: &str| fill(template, matched, finding.measured);
                let [start, end] = place else {
                    return None;
                };
                Some(Diagnostic {
                    rule: rule.id().to_owned(),
                    level,
                    message: fill(&finding.check.message),
                    help: fill(&finding.check.help),
                    section: finding.section,
                    span: Location {
                        start: span.start,
                        end: span.end,
                        line: start.line,
                        column: start.column,
                        end_line: end.line,
                        end_column: end.column,
                    },
                    suggestions: finding.check.replace.clone(),
                    folded_into: None,
                })
            })
            .collect();
        diagnostics.sort_by(|a, b| {
            (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule))
        });
        diagnostics.dedup_by(|a, b| a.rule == b.rule && a.span == b.span);
        // One finding shown per problem; the rest point at it.
        fold::fold(&mut diagnostics, |id| {
            self.rules
                .iter()
                .position(|r| r.id() == id)
                .unwrap_or(usize::MAX)
        });
        Report {
            kind,
            kind_reason: reason,
            diagnostics,
        }
    }
}

/// A rule id that no rule of the linter has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRule {
    /// The id as given.
    pub id: String,
    /// The closest id the linter has, if one is close.
    pub suggestion: Option<String>,
}

impl std::fmt::Display for UnknownRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown rule `{}`", self.id)?;
        match &self.suggestion {
            Some(near) => write!(f, "; did you mean `{near}`?"),
            None => Ok(()),
        }
    }
}

impl std::error::Error for UnknownRule {}

/// Rule ids a draft allows for itself: `X-Outreach-Lint: allow a, b`.
fn header_allows<'a>(draft: &Draft<'a>) -> Vec<&'a str> {
    let source = draft.source();
    draft
        .headers()
        .iter()
        .filter(|h| h.name.eq_ignore_ascii_case("x-outreach-lint"))
        .filter_map(|h| source.get(h.value.range()))
        .filter_map(|v| {
            let v = v.trim();
            let rest = v
                .get(..5)
                .filter(|p| p.eq_ignore_ascii_case("allow"))
                .and(v.get(5..))?;
            Some(
                rest.split([',', ' '])
                    .map(str::trim)
                    .filter(|s| !s.is_empty()),
            )
        })
        .flatten()
        .collect()
}

/// At most this many characters of the matched words go into a message. A
/// match may run over a long paragraph, a message is one line, and a pack's
/// template may use `{match}` many times.
const MAX_MATCH_SHOWN: usize = 80;

/// The matched words joined by single spaces, cut at `MAX_MATCH_SHOWN`
/// characters with `…`. Reads no further than it shows.
fn shown_words(matched: &str) -> String {
    let mut out = String::new();
    let mut count = 0;
    for word in matched.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
            count += 1;
        }
        for c in word.chars() {
            if count >= MAX_MATCH_SHOWN {
                out.truncate(out.trim_end().len());
                out.push('…');
                return out;
            }
            out.push(c);
            count += 1;
        }
    }
    out
}

/// Fill a message template: `{match}` becomes the matched words (runs of
/// white space, as in a wrapped line, read as one space); for `limit` rules
/// `{value}`, `{min}` and `{max}` become the measured value and bounds.
fn fill(template: &str, matched: &str, measured: Option<(usize, Bounds)>) -> String {
    if !template.contains('{') {
        return template.to_owned();
    }
    let mut out = template.to_owned();
    if out.contains("{match}") {
        out = out.replace("{match}", &shown_words(matched));
    }
    if let Some((value, bounds)) = measured {
        let show = |n: Option<usize>| n.map_or_else(|| "-".to_owned(), |n| n.to_string());
        out = out
            .replace("{value}", &value.to_string())
            .replace("{min}", &show(bounds.min))
            .replace("{max}", &show(bounds.max));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_match_is_cut_short_in_messages() {
        let long = "word ".repeat(1_000);
        let filled = fill("\"{match}\" {match}", &long, None);
        let shown = shown_words(&long);
        assert!(shown.chars().count() <= MAX_MATCH_SHOWN + 1, "{shown}");
        assert!(
            shown.starts_with("word word") && shown.ends_with("word…"),
            "{shown}"
        );
        assert_eq!(filled, format!("\"{shown}\" {shown}"));
        assert_eq!(shown_words("exactly\n  this"), "exactly this");
    }

    #[test]
    fn fill_collapses_wrapped_whitespace_and_fills_measures() {
        assert_eq!(
            fill("\"{match}\" is vague", "pick\r\n  your brain", None),
            "\"pick your brain\" is vague"
        );
        assert_eq!(fill("no placeholder", "x", None), "no placeholder");
        let bounds = Bounds {
            min: None,
            max: Some(200),
        };
        assert_eq!(
            fill(
                "{value} words; keep it under {max}",
                "x",
                Some((230, bounds))
            ),
            "230 words; keep it under 200"
        );
    }

    #[test]
    fn a_draft_can_allow_rules_in_its_header() {
        let linter = Linter::builtin();
        let text =
            "X-Outreach-Lint: allow pick-your-brain, specific-agenda\n\nCan I pick your brain?";
        let found = linter.lint("x", text);
        assert!(
            found
                .iter()
                .all(|d| d.rule != "pick-your-brain" && d.rule != "specific-agenda"),
            "{found:?}"
        );
        assert!(
            linter
                .lint("x", "Can I pick your brain?")
                .iter()
                .any(|d| d.rule == "pick-your-brain")
        );
    }
}
