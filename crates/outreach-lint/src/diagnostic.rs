//! What a lint finds: a rule id, a level, words underlined, and what to do.

use serde::{Deserialize, Serialize};

use crate::draft::SectionKind;

/// How serious a finding is.
///
/// Ordered from least to most serious, so `level >= Level::Warning` reads
/// as "a warning or worse".
///
/// ```
/// use outreach_lint::Level;
/// assert!(Level::Error > Level::Warning && Level::Warning > Level::Info);
/// assert_eq!("warn".parse::<Level>(), Ok(Level::Warning));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Worth knowing; never fails a run by default.
    Info,
    /// Likely to cost a reply.
    #[serde(alias = "warn")]
    Warning,
    /// Almost always wrong.
    Error,
}

impl Level {
    /// The lowercase name used in packs and output.
    pub fn name(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

impl std::fmt::Display for Level {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Level {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "info" => Ok(Level::Info),
            "warning" | "warn" => Ok(Level::Warning),
            "error" => Ok(Level::Error),
            other => Err(format!(
                "unknown level `{other}`; expected error, warning or info"
            )),
        }
    }
}

/// Where a finding is: byte offsets into the text as read, plus 1-based
/// lines and character columns (the JSON contract's `span` object).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Location {
    /// Byte offset of the first underlined byte.
    pub start: usize,
    /// Byte offset one past the last underlined byte.
    pub end: usize,
    /// 1-based line of `start`.
    pub line: usize,
    /// 1-based column of `start`, in characters.
    pub column: usize,
    /// 1-based line of `end`.
    pub end_line: usize,
    /// 1-based column of `end`, in characters.
    pub end_column: usize,
}

/// One finding in one draft.
///
/// Serialises to the `diagnostics[]` entries of the JSON output, version 1.
/// Fields may be added (the JSON contract allows it), so it cannot be built
/// outside this crate; read its fields freely.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Diagnostic {
    /// The rule's id, e.g. `pick-your-brain`.
    pub rule: String,
    /// How serious it is.
    pub level: Level,
    /// What is wrong, in one line.
    pub message: String,
    /// What to write instead.
    pub help: String,
    /// The section the underlined words are in.
    pub section: SectionKind,
    /// The underlined words.
    pub span: Location,
    /// Replacements for the underlined words, best first (from a rule's
    /// `replace`); empty when the rule has none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<String>,
    /// Where several rules fire on the same words, one finding is shown
    /// for that problem and the others are folded into it: for a folded
    /// finding, this is the index (in the same report's list) of the
    /// finding it is folded into, which is itself never folded. `None` for
    /// a finding that is shown.
    ///
    /// The finding shown is the most specific: the highest level, then the
    /// narrowest span (fewest lines, then fewest bytes), then the rule that
    /// comes first in pack order. A
    /// finding folds only into one whose span overlaps or contains its
    /// own, and never into one of the same rule; findings in different
    /// words are never folded together.
    ///
    /// ```
    /// use outreach_lint::Linter;
    /// let found = Linter::builtin().lint("x.txt", "Hi Jo,\n\nCan I pick your brain?\n\nBest,\nAl");
    /// let brain = found.iter().position(|d| d.rule == "pick-your-brain").unwrap();
    /// let agenda = found.iter().find(|d| d.rule == "specific-agenda").unwrap();
    /// assert_eq!(found[brain].folded_into, None);
    /// assert_eq!(agenda.folded_into, Some(brain));
    /// ```
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub folded_into: Option<usize>,
}

/// The concise one-line form, `line:column: level[rule] message`; put the
/// draft's name and a colon in front for the command line's `concise`
/// format.
///
/// ```
/// use outreach_lint::Linter;
/// let found = Linter::builtin().lint("x", "Hi Jo,\n\nCan I pick your brain?\n");
/// let brain = found.iter().find(|d| d.rule == "pick-your-brain").unwrap();
/// assert_eq!(
///     brain.to_string(),
///     "3:7: error[pick-your-brain] \"pick your brain\" asks for open-ended free time"
/// );
/// ```
impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}: {}[{}] {}",
            self.span.line, self.span.column, self.level, self.rule, self.message
        )
    }
}
