//! `--fix` and `--diff`: the replacements a pack marks safe (`safe-fix =
//! true`: the first `replace` suggestion), applied to a draft's text.
//!
//! A file is rewritten whole or not at all: the new text goes to a
//! temporary file beside it, which is then renamed over it, so a failure
//! (a full disk, a crash) never leaves half a draft. The file is read again
//! just before, and left alone if it is not the text the findings were
//! made on (changed meanwhile, or decoded from UTF-16 or with `--lossy`).

use std::io::Write;
use std::ops::Range;
use std::path::Path;

use outreach_lint::{Diagnostic, Linter};

/// One replacement: these bytes of the text become `with`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Edit {
    pub(crate) range: Range<usize>,
    pub(crate) with: String,
}

/// The safe edits for a draft's findings, in text order. Where two
/// findings overlap, the first one's edit is kept: applying both would
/// replace words twice.
pub(crate) fn edits(linter: &Linter, diagnostics: &[Diagnostic]) -> Vec<Edit> {
    let mut found: Vec<Edit> = diagnostics
        .iter()
        .filter(|d| linter.rule(&d.rule).is_some_and(|r| r.safe_fix()))
        .filter_map(|d| {
            d.suggestions.first().map(|with| Edit {
                range: d.span.start..d.span.end,
                with: with.clone(),
            })
        })
        .collect();
    found.sort_by_key(|e| (e.range.start, e.range.end));
    let mut kept: Vec<Edit> = Vec::with_capacity(found.len());
    for edit in found {
        if kept
            .last()
            .is_none_or(|last| last.range.end <= edit.range.start)
        {
            kept.push(edit);
        }
    }
    kept
}

/// `text` with `edits` (in order, not overlapping) applied.
pub(crate) fn apply(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for edit in edits {
        out.push_str(text.get(at..edit.range.start).unwrap_or_default());
        out.push_str(&edit.with);
        at = edit.range.end;
    }
    out.push_str(text.get(at..).unwrap_or_default());
    out
}

/// A unified diff from `old` to `new`, as `git diff` shows one.
pub(crate) fn unified_diff(name: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

/// Replace the file at `path`, which must still hold `old`, with `new`:
/// a temporary file in the same folder, then renamed over it. The error
/// is the reason only; the file is then as it was.
pub(crate) fn write(path: &Path, old: &str, new: &str) -> Result<(), String> {
    // Through a symbolic link, the file it points to is rewritten; renaming
    // over the link would replace the link with a copy.
    let target = std::fs::canonicalize(path).map_err(|e| crate::input::io_reason(&e))?;
    let current = std::fs::read(&target).map_err(|e| crate::input::io_reason(&e))?;
    if current != old.as_bytes() {
        return Err(
            "the file is not the UTF-8 text that was linted (it changed meanwhile, \
                    or was decoded from another encoding), so it was left as it is"
                .to_owned(),
        );
    }
    let dir = target.parent().unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let failed =
        |e: std::io::Error| format!("cannot write the fixed text ({e}); the file is unchanged");
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".fix")
        .tempfile_in(dir)
        .map_err(failed)?;
    temp.write_all(new.as_bytes()).map_err(failed)?;
    temp.as_file().sync_all().map_err(failed)?;
    let permissions = std::fs::metadata(&target).map_err(failed)?.permissions();
    std::fs::set_permissions(temp.path(), permissions).map_err(failed)?;
    // On failure the temporary file is removed when `temp` is dropped.
    temp.persist(&target).map_err(|e| failed(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_apply_in_order_and_keep_the_rest() {
        let edits = [
            Edit {
                range: 2..9,
                with: "use".to_owned(),
            },
            Edit {
                range: 13..20,
                with: "use".to_owned(),
            },
        ];
        assert_eq!(apply("I utilise; I utilize it", &edits), "I use; I use it");
        assert_eq!(apply("unchanged", &[]), "unchanged");
    }
}
