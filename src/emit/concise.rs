//! One line per finding, `path:line:col: level[rule] message`, for editors,
//! grep and quick scans.

use std::fmt::Write;

use outreach_lint::Diagnostic;

/// One draft's findings, one line each.
pub(crate) fn render(name: &str, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        // The library's one-line form, after the draft's name.
        let _ = writeln!(out, "{name}:{d}");
    }
    out
}
