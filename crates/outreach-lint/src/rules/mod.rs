//! Rule data: what a compiled rule is (its checks, their conditions,
//! scopes, sections and pattern sets), with no code that runs it. The pack
//! compiler (`crate::pack`) makes rules; the linter (`crate::lint`) runs
//! them.

mod message_kind;

use std::sync::Arc;

pub use message_kind::{MessageKind, UnknownKind};

use crate::diagnostic::Level;
use crate::draft::SectionKind;
use crate::matcher::{Pattern, PatternId};
use crate::span::Span;

/// A compiled rule: its id, default level, documentation, and the checks
/// that find it in a draft.
#[derive(Debug, Clone)]
pub struct Rule {
    pub(crate) id: String,
    pub(crate) id_span: Span,
    pub(crate) level: Level,
    pub(crate) pack: String,
    pub(crate) summary: String,
    pub(crate) explain: String,
    pub(crate) examples: Examples,
    pub(crate) checks: Vec<Check>,
    /// The pack says its first `replace` suggestion may be applied without
    /// review (`safe-fix = true`).
    pub(crate) safe_fix: bool,
    /// Whether the rule runs unless configuration turns it off; `false`
    /// for rules that are opt-in (`enabled = false` in the pack).
    pub(crate) enabled: bool,
}

/// Drafts that show what a rule catches (`bad`) and what it lets through
/// (`good`). The test suite lints each one, so they cannot drift from the
/// rule.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Examples {
    /// Each must make the rule fire.
    pub bad: Vec<String>,
    /// None may make the rule fire.
    pub good: Vec<String>,
}

impl Rule {
    /// The rule's id, e.g. `pick-your-brain`.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The level the pack gives it.
    pub fn level(&self) -> Level {
        self.level
    }

    /// The name of the pack it comes from.
    pub fn pack(&self) -> &str {
        &self.pack
    }

    /// One line on what it catches.
    pub fn summary(&self) -> &str {
        &self.summary
    }

    /// The long explanation: why it matters and what to write instead.
    pub fn explain(&self) -> &str {
        &self.explain
    }

    /// Example drafts it fires on and does not.
    pub fn examples(&self) -> &Examples {
        &self.examples
    }

    /// Whether the rule has a `limit` check, whose bounds configuration may
    /// change.
    pub fn has_limit(&self) -> bool {
        self.checks
            .iter()
            .any(|c| matches!(c.condition, Condition::Limit { .. }))
    }

    /// Whether a tool may apply the first of a finding's suggestions
    /// without asking (`safe-fix = true` in the pack).
    pub fn safe_fix(&self) -> bool {
        self.safe_fix
    }

    /// Whether the rule runs by default, or only when configuration or
    /// `--select` turns it on (`enabled = false` in its pack).
    pub fn enabled_by_default(&self) -> bool {
        self.enabled
    }

    /// The metric of the rule's first `limit` check, if it has one.
    pub fn limit_metric(&self) -> Option<&'static str> {
        self.checks.iter().find_map(|c| match c.condition {
            Condition::Limit { metric, .. } => Some(metric.name()),
            _ => None,
        })
    }
}

/// One way a rule can fire. Most rules have one; a rule with
/// `[[rule.case]]` tables has one per case.
#[derive(Debug, Clone)]
pub(crate) struct Check {
    pub(crate) condition: Condition,
    pub(crate) sections: Sections,
    pub(crate) kinds: KindSet,
    pub(crate) unless: Option<PatternSet>,
    pub(crate) unless_within: Scope,
    pub(crate) negation: bool,
    pub(crate) message: String,
    pub(crate) help: String,
    pub(crate) replace: Vec<String>,
}

impl Check {
    /// Every pattern set the check runs: its condition's and its
    /// exceptions, for the linter to give each a matcher id.
    pub(crate) fn pattern_sets_mut(&mut self) -> Vec<&mut PatternSet> {
        let mut sets = match &mut self.condition {
            Condition::Forbid { patterns } => vec![patterns],
            Condition::Require {
                when,
                any,
                any_unless,
                ..
            } => [when, any].into_iter().chain(any_unless.as_mut()).collect(),
            Condition::Limit { .. } | Condition::Builtin { .. } => Vec::new(),
        };
        sets.extend(self.unless.as_mut());
        sets
    }

    /// [`Check::pattern_sets_mut`], to read; it must list the same sets.
    #[cfg(test)]
    pub(crate) fn pattern_sets(&self) -> Vec<&PatternSet> {
        let mut sets = match &self.condition {
            Condition::Forbid { patterns } => vec![patterns],
            Condition::Require {
                when,
                any,
                any_unless,
                ..
            } => [when, any].into_iter().chain(any_unless.as_ref()).collect(),
            Condition::Limit { .. } | Condition::Builtin { .. } => Vec::new(),
        };
        sets.extend(self.unless.as_ref());
        sets
    }
}

/// How far an `unless` match reaches to cancel a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Only a match it overlaps.
    Match,
    /// Any match in the same sentence or the next one.
    Sentence,
    /// Every match in the draft.
    Draft,
}

impl Scope {
    pub(crate) const NAMES: &'static [&'static str] = &["match", "sentence", "draft"];

    pub(crate) fn from_name(name: &str) -> Option<Scope> {
        match name {
            "match" => Some(Scope::Match),
            "sentence" => Some(Scope::Sentence),
            "draft" => Some(Scope::Draft),
            _ => None,
        }
    }
}

/// When a check fires (a pack's `kind = "..."`).
#[derive(Debug, Clone)]
pub(crate) enum Condition {
    /// Any match is a finding.
    Forbid { patterns: PatternSet },
    /// When `when` matches, `any` must match at least `min` times somewhere
    /// in `any_sections`; otherwise the first `when` match is a finding. A
    /// match of `any` that overlaps one of `any_unless` does not count.
    Require {
        when: PatternSet,
        any: PatternSet,
        any_unless: Option<PatternSet>,
        any_sections: Sections,
        min: usize,
    },
    /// A metric over the sections must stay within bounds.
    Limit {
        metric: Metric,
        min: Option<usize>,
        max: Option<usize>,
    },
    /// A check written in code, by name (see `crate::lint::builtin`).
    Builtin { name: &'static str },
}

/// The checks written in code that a pack may name with `check = "..."`.
pub(crate) const BUILTIN_CHECKS: &[&str] = &["greeting-name-mismatch"];

/// Patterns that match as their alternation would: a match of any of them,
/// leftmost first, the one listed first at a tie.
#[derive(Debug, Clone)]
pub(crate) struct PatternSet {
    pub(crate) patterns: Vec<Arc<Pattern>>,
    /// The linter's matcher's id for each of `patterns`, set when the
    /// linter is built.
    pub(crate) ids: Vec<PatternId>,
}

impl PatternSet {
    /// A set of `patterns`, not yet in a matcher.
    pub(crate) fn new(patterns: Vec<Arc<Pattern>>) -> PatternSet {
        PatternSet {
            patterns,
            ids: Vec::new(),
        }
    }
}

/// A small set of [`SectionKind`]s.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Sections(u8);

impl Sections {
    pub(crate) const EMPTY: Sections = Sections(0);

    fn bit(kind: SectionKind) -> u8 {
        1 << (kind as u8)
    }

    pub(crate) fn insert(&mut self, kind: SectionKind) {
        self.0 |= Self::bit(kind);
    }

    pub(crate) fn contains(self, kind: SectionKind) -> bool {
        self.0 & Self::bit(kind) != 0
    }

    pub(crate) fn from_slice(kinds: &[SectionKind]) -> Sections {
        let mut s = Sections::EMPTY;
        for &k in kinds {
            s.insert(k);
        }
        s
    }
}

/// A small set of [`MessageKind`]s a check applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct KindSet(u8);

impl KindSet {
    pub(crate) const ALL: KindSet = KindSet(u8::MAX);
    pub(crate) const EMPTY: KindSet = KindSet(0);

    fn bit(kind: MessageKind) -> u8 {
        1 << (kind as u8)
    }

    pub(crate) fn insert(&mut self, kind: MessageKind) {
        self.0 |= Self::bit(kind);
    }

    pub(crate) fn remove(&mut self, kind: MessageKind) {
        self.0 &= !Self::bit(kind);
    }

    pub(crate) fn contains(self, kind: MessageKind) -> bool {
        self.0 & Self::bit(kind) != 0
    }
}

/// Bounds that configuration puts in place of a `limit` check's own.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Bounds {
    pub(crate) min: Option<usize>,
    pub(crate) max: Option<usize>,
}

/// What a `limit` check counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Metric {
    Words,
    Sentences,
    Questions,
    Links,
    Characters,
    Paragraphs,
    AvgSentenceWords,
}

impl Metric {
    pub(crate) const ALL: [Metric; 7] = [
        Metric::Words,
        Metric::Sentences,
        Metric::Questions,
        Metric::Links,
        Metric::Characters,
        Metric::Paragraphs,
        Metric::AvgSentenceWords,
    ];

    pub(crate) const NAMES: &'static [&'static str] = &[
        "words",
        "sentences",
        "questions",
        "links",
        "characters",
        "paragraphs",
        "avg-sentence-words",
    ];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Metric::Words => "words",
            Metric::Sentences => "sentences",
            Metric::Questions => "questions",
            Metric::Links => "links",
            Metric::Characters => "characters",
            Metric::Paragraphs => "paragraphs",
            Metric::AvgSentenceWords => "avg-sentence-words",
        }
    }

    pub(crate) fn from_name(name: &str) -> Option<Metric> {
        Metric::ALL.into_iter().find(|m| m.name() == name)
    }
}
