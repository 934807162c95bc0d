//! Turning the paths on the command line into a list of drafts: files as
//! given, directories walked with the `ignore` crate (so `.gitignore`,
//! `.ignore` and hidden files are skipped, and symbolic-link loops are
//! detected rather than followed forever).

use std::path::{Path, PathBuf};

/// One draft to lint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// Standard input, reported under this name.
    Stdin(String),
    /// A file, reported under its path as reached from the argument.
    File(PathBuf),
}

impl Target {
    /// The name to show for it.
    pub(crate) fn name(&self) -> String {
        match self {
            Target::Stdin(name) => name.clone(),
            Target::File(path) => path.display().to_string(),
        }
    }
}

/// What walking the arguments gave: drafts in a stable order, and the
/// problems met on the way (each `(path, reason)`, reported as one line).
#[derive(Debug, Default)]
pub(crate) struct Walked {
    pub(crate) targets: Vec<Target>,
    pub(crate) problems: Vec<(String, String)>,
}

/// Expand `paths`: files (and `-`) stay in the order given; each directory
/// contributes its drafts sorted by path, so output is the same on every run.
/// A draft reached twice (named twice, or named and inside a folder named)
/// is linted once, where it first appears.
pub(crate) fn collect(
    paths: &[PathBuf],
    stdin_name: &str,
    exts: &[String],
    allow_empty: bool,
) -> Walked {
    let mut walked = Walked::default();
    for path in paths {
        if path.as_os_str() == "-" {
            walked.targets.push(Target::Stdin(stdin_name.to_owned()));
        } else if path.is_dir() {
            walk_dir(path, exts, allow_empty, &mut walked);
        } else {
            // Missing or unreadable files are reported when read.
            walked.targets.push(Target::File(path.clone()));
        }
    }
    let mut seen = std::collections::HashSet::new();
    walked.targets.retain(|target| match target {
        // Standard input can be read only once.
        Target::Stdin(_) => seen.insert(PathBuf::from("-")),
        Target::File(path) => seen.insert(same_file_key(path)),
    });
    walked
}

/// One key per file however it was spelt: the canonical path when the file
/// exists, else the path made absolute and tidied.
fn same_file_key(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| {
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        abs.components().collect()
    })
}

fn walk_dir(dir: &Path, exts: &[String], allow_empty: bool, walked: &mut Walked) {
    let mut found = Vec::new();
    let walker = ignore::WalkBuilder::new(dir)
        // Drafts folders are often not git repositories of their own; their
        // .gitignore still says what is not a draft.
        .require_git(false)
        // A linked folder of drafts is still drafts; loops are reported.
        .follow_links(true)
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                if is_file && has_draft_extension(entry.path(), exts) {
                    found.push(entry.into_path());
                }
            }
            // A link loop is reported like any folder that cannot be read:
            // drafts beyond it may have been missed, so the run exits 2.
            Err(err) => walked.problems.push(describe(&err, dir)),
        }
    }
    if found.is_empty() && !allow_empty {
        let list: Vec<String> = exts.iter().map(|e| format!("*.{e}")).collect();
        walked.problems.push((
            dir.display().to_string(),
            format!(
                "no drafts found (looked for {}; change that with --ext, or pass --allow-empty)",
                list.join(", ")
            ),
        ));
    }
    found.sort();
    walked.targets.extend(found.into_iter().map(Target::File));
}

fn has_draft_extension(path: &Path, exts: &[String]) -> bool {
    let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
        return false;
    };
    exts.iter()
        .any(|want| want.trim_start_matches('.').eq_ignore_ascii_case(ext))
}

/// The path an error is about and a short reason, for one stderr line.
fn describe(err: &ignore::Error, dir: &Path) -> (String, String) {
    match err {
        ignore::Error::Loop { child, .. } => (
            child.display().to_string(),
            "symbolic link loop, not followed".to_owned(),
        ),
        ignore::Error::WithPath { path, err } => {
            let (_, reason) = describe(err, dir);
            (path.display().to_string(), reason)
        }
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            describe(err, dir)
        }
        ignore::Error::Io(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
            (dir.display().to_string(), "permission denied".to_owned())
        }
        other => (dir.display().to_string(), other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_match_without_dot_and_case() {
        let exts = vec!["txt".to_owned(), ".MD".to_owned()];
        assert!(has_draft_extension(Path::new("a/b.TXT"), &exts));
        assert!(has_draft_extension(Path::new("b.md"), &exts));
        assert!(!has_draft_extension(Path::new("b.eml"), &exts));
        assert!(!has_draft_extension(Path::new("README"), &exts));
    }
}
