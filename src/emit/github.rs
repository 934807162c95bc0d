//! GitHub Actions workflow commands: one `::error file=…,line=…::message`
//! line per problem, which a workflow run shows as annotations on the
//! changed lines. Findings of other rules on the same words are folded into
//! the annotation (`also: rule, rule`) rather than annotated again.

use std::fmt::Write;

use outreach_lint::{Diagnostic, Level};

/// One draft's problems as workflow commands.
pub(crate) fn render(name: &str, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for problem in super::problems(diagnostics) {
        let d = problem.shown;
        let also = problem.folded_rules();
        let also = if also.is_empty() {
            String::new()
        } else {
            format!(" (also: {})", also.join(", "))
        };
        let command = match d.level {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Info => "notice",
        };
        let _ = writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            property(name),
            d.span.line,
            d.span.column,
            d.span.end_line,
            d.span.end_column,
            property(&d.rule),
            data(&format!("{}{also} (help: {})", d.message, d.help)),
        );
    }
    out
}

/// Escape a command's message, as the runner unescapes it.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property value: as `data`, plus the `:` and `,` that separate
/// properties.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_and_line_breaks_are_escaped() {
        assert_eq!(property("a,b:c%\n"), "a%2Cb%3Ac%25%0A");
        assert_eq!(data("50%: a, b\r\n"), "50%25: a, b%0D%0A");
    }
}
