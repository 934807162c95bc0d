//! Checks written in code, for what patterns cannot express. A pack names
//! one with `kind = "builtin"` and `check = "<name>"`; each lives in its own
//! file, registered by one line in [`BUILTINS`].

mod greeting_name_mismatch;

use crate::draft::SectionKind;
use crate::rule::Sections;
use crate::scan::Scan;
use crate::span::Span;

/// A built-in check: given the draft and the rule's sections, push each
/// finding's section and normalised span.
pub(crate) type BuiltinFn = fn(&Scan<'_>, Sections, &mut Vec<(SectionKind, Span)>);

/// Every built-in check, by the name packs use.
pub(crate) const BUILTINS: &[(&str, BuiltinFn)] =
    &[("greeting-name-mismatch", greeting_name_mismatch::run)];

/// The built-in check called `name`.
pub(crate) fn lookup(name: &str) -> Option<BuiltinFn> {
    BUILTINS.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
}
