//! `.eml` drafts: the library reads them (its `eml` feature), so the command
//! line, the language server and every binding read mail the same way.
//! This names the pieces the command line uses.

use outreach_lint::{EmlReport, LintOptions, Linter};

/// Said in the output when spans refer to the decoded message.
pub(crate) const DECODED_NOTE: &str = EmlReport::DECODED_NOTE;

/// Lint one `.eml` file. The error is the reason only; the caller names
/// the file.
pub(crate) fn lint(
    linter: &Linter,
    bytes: &[u8],
    options: &LintOptions,
) -> Result<EmlReport, String> {
    linter
        .lint_eml(bytes, options)
        .map_err(|e| e.reason().to_owned())
}
