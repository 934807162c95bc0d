//! Checks written in code, for what patterns cannot express. A pack names
//! one with `kind = "builtin"` and `check = "<name>"` (the names are
//! `crate::rules::BUILTIN_CHECKS`); each lives in its own file.

mod greeting_name_mismatch;

use crate::draft::SectionKind;
use crate::lint::context::Context;
use crate::rules::Sections;
use crate::span::Span;

/// Run the built-in check called `name`, pushing each finding's section
/// and normalised span.
pub(crate) fn run(
    name: &str,
    cx: &Context<'_>,
    sections: Sections,
    out: &mut Vec<(SectionKind, Span)>,
) {
    if name == "greeting-name-mismatch" {
        greeting_name_mismatch::run(cx, sections, out);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_listed_check_runs_here() {
        // A name listed for packs but not dispatched above would load and
        // then silently find nothing.
        let source = include_str!("mod.rs");
        for name in crate::rules::BUILTIN_CHECKS {
            assert!(source.contains(&format!("name == \"{name}\"")), "{name}");
        }
    }
}
