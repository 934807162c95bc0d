//! Output formats. Each emitter turns the same reports into one format; the
//! library knows nothing of them.

pub(crate) mod concise;
pub(crate) mod github;
pub(crate) mod human;
pub(crate) mod json;
pub(crate) mod sarif;
pub(crate) mod statistics;

use outreach_lint::{Diagnostic, Level, MessageKind};

/// One draft's findings. The draft's text is not kept: the text formats
/// are rendered as each file is linted, and the others need only this.
#[derive(Debug)]
pub(crate) struct FileReport {
    pub(crate) name: String,
    /// The message kind the rules ran for.
    pub(crate) kind: MessageKind,
    /// Why the draft was read as that kind, when it was detected.
    pub(crate) kind_reason: Option<String>,
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Spans refer to a decoded message (an `.eml` body that was
    /// quoted-printable or base64), not the bytes of the file.
    pub(crate) decoded: bool,
}

/// Counts over a whole run.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Summary {
    pub(crate) files: usize,
    pub(crate) errors: usize,
    pub(crate) warnings: usize,
    pub(crate) infos: usize,
}

impl Summary {
    pub(crate) fn of(reports: &[FileReport]) -> Summary {
        let mut s = Summary {
            files: reports.len(),
            ..Summary::default()
        };
        for d in reports.iter().flat_map(|r| &r.diagnostics) {
            match d.level {
                Level::Error => s.errors += 1,
                Level::Warning => s.warnings += 1,
                Level::Info => s.infos += 1,
            }
        }
        s
    }

    /// "2 errors, 1 warning in 1 draft", or "no findings in 3 drafts".
    pub(crate) fn line(&self) -> String {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let parts: Vec<String> = [
            (self.errors, "error", "errors"),
            (self.warnings, "warning", "warnings"),
            (self.infos, "info", "infos"),
        ]
        .into_iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, one, many)| plural(n, one, many))
        .collect();
        let found = if parts.is_empty() {
            "no findings".to_owned()
        } else {
            parts.join(", ")
        };
        format!("{found} in {}", plural(self.files, "draft", "drafts"))
    }
}

#[cfg(test)]
mod tests {
    use super::Summary;

    #[test]
    fn summary_line_pluralises_and_skips_zero_counts() {
        let s = Summary {
            files: 1,
            errors: 2,
            warnings: 1,
            infos: 0,
        };
        assert_eq!(s.line(), "2 errors, 1 warning in 1 draft");
        let s = Summary {
            files: 3,
            ..Summary::default()
        };
        assert_eq!(s.line(), "no findings in 3 drafts");
    }
}
