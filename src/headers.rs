//! The header lines a draft uses to talk to the linter, `X-Outreach-Lint:
//! allow RULE, ...` and `X-Outreach-Kind: KIND`, checked for names the
//! linter does not know. The linter ignores those, so without a warning a
//! typo would leave the rule running (or the kind detected) in silence.

use outreach_lint::{Draft, Linter, MessageKind};

/// One warning line (`name:line:col: warning: ...`) per unknown rule id or
/// kind in the draft's header block.
pub(crate) fn check(draft: &Draft<'_>, linter: &Linter, name: &str) -> Vec<String> {
    let source = draft.source();
    let mut out = Vec::new();
    let mut warn = |at: usize, message: String| {
        let (line, column) = line_column(source, at);
        out.push(format!("{name}:{line}:{column}: warning: {message}"));
    };
    for header in draft.headers() {
        let start = header.value.start;
        let Some(value) = source.get(header.value.range()) else {
            continue;
        };
        if header.name.eq_ignore_ascii_case("x-outreach-lint") {
            // Read as the linter reads it: `allow`, then ids split on commas
            // and spaces.
            let allow = value.get(..5).filter(|p| p.eq_ignore_ascii_case("allow"));
            if allow.is_none() {
                warn(
                    start,
                    "X-Outreach-Lint takes `allow` and rule ids, e.g. `X-Outreach-Lint: allow too-long`"
                        .to_owned(),
                );
                continue;
            }
            for (offset, id) in words(value, 5) {
                let Err(unknown) = linter.known(id) else {
                    continue;
                };
                let hint = match unknown.suggestion {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => "`outreach-lint --list-rules` lists them all".to_owned(),
                };
                warn(
                    start + offset,
                    format!("X-Outreach-Lint allows an unknown rule `{id}`; {hint}"),
                );
            }
        } else if header.name.eq_ignore_ascii_case("x-outreach-kind")
            && MessageKind::from_name(value).is_none()
        {
            warn(
                start,
                format!(
                    "X-Outreach-Kind names an unknown kind `{}`; {}",
                    value.trim(),
                    crate::args::kind_hint(value.trim())
                ),
            );
        }
    }
    out
}

/// The words of `value` from byte `from` on, split on commas and spaces,
/// with their byte offsets into `value`.
fn words(value: &str, from: usize) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut begin = None;
    for (i, c) in value.char_indices().skip_while(|(i, _)| *i < from) {
        let separator = c == ',' || c.is_whitespace();
        match (begin, separator) {
            (None, false) => begin = Some(i),
            (Some(b), true) => {
                out.extend(value.get(b..i).map(|w| (b, w)));
                begin = None;
            }
            _ => {}
        }
    }
    if let Some(b) = begin {
        out.extend(value.get(b..).map(|w| (b, w)));
    }
    out
}

/// 1-based line and character column of byte `at`.
fn line_column(text: &str, at: usize) -> (usize, usize) {
    let before = text.get(..at).unwrap_or(text);
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.matches('\n').count() + 1;
    let column = before.get(line_start..).map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_on_commas_and_spaces_with_offsets() {
        assert_eq!(
            words("allow a, b,c  d", 5),
            [(6, "a"), (9, "b"), (11, "c"), (14, "d")]
        );
        assert!(words("allow", 5).is_empty());
    }

    #[test]
    fn line_column_counts_characters() {
        assert_eq!(line_column("ab\ncé d", 7), (2, 4));
        assert_eq!(line_column("abc", 0), (1, 1));
    }
}
