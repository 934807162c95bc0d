//! One line per problem, `path:line:col: level[rule] message`, for editors,
//! grep and quick scans. Findings of other rules on the same words are
//! folded into the line: `(also: rule, rule)`.

use std::fmt::Write;

use outreach_lint::Diagnostic;

/// One draft's problems, one line each.
pub(crate) fn render(name: &str, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for problem in super::problems(diagnostics) {
        let d = problem.shown;
        // The library's one-line form, after the draft's name.
        let _ = write!(out, "{name}:{d}");
        let also = problem.folded_rules();
        if !also.is_empty() {
            let _ = write!(out, " (also: {})", also.join(", "));
        }
        out.push('\n');
    }
    out
}
