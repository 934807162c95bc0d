//! Markdown drafts: a front-matter block becomes header lines, and Markdown
//! syntax is stripped so the plain-text section parser and the rules see
//! the words, while a [`SourceMap`] keeps every offset pointing into the
//! file as read.
//!
//! What is kept and what goes:
//! - front matter (`---` … `---` at the top): each `key: value` line becomes
//!   a header line; `subject`, `to`, `cc`, `from` … stay as they are,
//!   `kind` becomes `X-Outreach-Kind`, any other key gets an `X-` prefix;
//! - emphasis, strong and strikethrough markers, heading `#`s, code
//!   backticks and fences, and HTML are removed;
//! - `[title](url)` becomes `title url`, so a link still reads as a link
//!   to someone's work; `<url>` becomes `url`;
//! - list markers (`-`, `*`, `1.`) and `>` quotes stay: the rules already
//!   read them as agendas and quoted text (`+` becomes `-`).
//!
//! Line breaks are never removed inside the body, so paragraphs, lists and
//! line numbers keep their shape.
//!
//! This module also owns [`DraftFormat`] and the Markdown constructors of
//! [`Draft`], so the plain-text parser in `draft.rs` stays as it was.

#[cfg(feature = "markdown")]
use std::borrow::Cow;
#[cfg(feature = "markdown")]
use std::ops::Range;

#[cfg(feature = "markdown")]
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag};

use crate::draft::Draft;
use crate::draft::text::{NormText, SourceMap};
use crate::span::Span;

/// Why a Markdown draft could not be read.
///
/// ```
/// use outreach_lint::Draft;
/// let err = Draft::parse_markdown("---\nsubject: Hi\n\nHello").unwrap_err();
/// assert!(err.message().contains("never closed"));
/// assert_eq!(err.span().start, 0);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    message: String,
    span: Span,
}

impl ParseError {
    /// What is wrong, in one line.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Where, as a byte range into the text as read.
    pub fn span(&self) -> Span {
        self.span
    }
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ParseError {}

impl<'a> Draft<'a> {
    /// Parse a Markdown draft: a front-matter block (`---` … `---`) gives
    /// the headers, and Markdown syntax is stripped before the sections are
    /// found, so `**pick your brain**` reads as the phrase, a `[title](url)`
    /// link as a link to someone's work, and `-`/`1.` lists as an agenda.
    /// Spans still point into `text` as read.
    ///
    /// Fails only when a front-matter block is opened and never closed.
    ///
    /// ```
    /// use outreach_lint::{Draft, SectionKind};
    /// let text = "---\nsubject: Your parser talk\n---\nHi Ana,\n\nI loved **your talk**.\n";
    /// let draft = Draft::parse_markdown(text).unwrap();
    /// assert_eq!(draft.subject(), Some("Your parser talk"));
    /// let body = draft.sections().iter().find(|s| s.kind == SectionKind::Body).unwrap();
    /// assert_eq!(&text[body.span.range()], "I loved **your talk**.");
    /// ```
    ///
    /// # Errors
    ///
    /// Front matter opened with `---` and never closed; any Markdown draft
    /// in a build without the `markdown` feature.
    pub fn parse_markdown(text: &'a str) -> Result<Draft<'a>, ParseError> {
        let (stripped, map) = prepare(text, true)?;
        Ok(Draft::build(text, NormText::new(&stripped), Some(map)))
    }

    /// Parse `text` as `format`: [`Draft::parse`] for plain text,
    /// [`Draft::parse_markdown`] for Markdown.
    ///
    /// ```
    /// use outreach_lint::{Draft, DraftFormat};
    /// let format = DraftFormat::from_path("drafts/ana.md");
    /// assert_eq!(format, DraftFormat::Markdown);
    /// let draft = Draft::parse_as("---\nsubject: Hi\n---\nHello", format).unwrap();
    /// assert_eq!(draft.subject(), Some("Hi"));
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Draft::parse_markdown`], for a Markdown draft.
    pub fn parse_as(text: &'a str, format: DraftFormat) -> Result<Draft<'a>, ParseError> {
        match format {
            DraftFormat::Text => Ok(Draft::parse(text)),
            DraftFormat::Markdown => Draft::parse_markdown(text),
        }
    }

    /// Like [`Draft::parse_as`], but never fails: a Markdown draft whose
    /// front matter is never closed is read as Markdown without front matter.
    pub(crate) fn parse_lenient(text: &'a str, format: DraftFormat) -> Draft<'a> {
        Draft::parse_as(text, format).unwrap_or_else(|_| match prepare(text, false) {
            Ok((stripped, map)) => Draft::build(text, NormText::new(&stripped), Some(map)),
            Err(_) => Draft::parse(text),
        })
    }
}

/// How a draft's text is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum DraftFormat {
    /// Plain text, as typed into a mail client.
    #[default]
    Text,
    /// Markdown, optionally with a front-matter block of headers.
    Markdown,
}

impl DraftFormat {
    /// The format a file name implies: `.md` and `.markdown` (any case) are
    /// Markdown, everything else is plain text.
    ///
    /// ```
    /// use outreach_lint::DraftFormat;
    /// assert_eq!(DraftFormat::from_path("notes/Intro.MD"), DraftFormat::Markdown);
    /// assert_eq!(DraftFormat::from_path("intro.txt"), DraftFormat::Text);
    /// assert_eq!(DraftFormat::from_path("<stdin>"), DraftFormat::Text);
    /// ```
    pub fn from_path(name: &str) -> DraftFormat {
        let ext = std::path::Path::new(name)
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default();
        if ext.eq_ignore_ascii_case("md") || ext.eq_ignore_ascii_case("markdown") {
            DraftFormat::Markdown
        } else {
            DraftFormat::Text
        }
    }
}

#[cfg(feature = "markdown")]
type Edits<'t> = Vec<(Range<usize>, Cow<'t, str>)>;

#[cfg(feature = "markdown")]
/// Header names the section parser knows; any other front-matter key is
/// prefixed with `X-` so it still reads as a header.
const KNOWN_HEADERS: &[&str] = &[
    "subject",
    "to",
    "cc",
    "bcc",
    "from",
    "date",
    "reply-to",
    "in-reply-to",
    "references",
];

/// Strip `text` to plain draft text. With `front_matter` false an opening
/// `---` is left to Markdown (a thematic break), which never fails.
#[cfg(feature = "markdown")]
pub(crate) fn prepare(text: &str, front_matter: bool) -> Result<(String, SourceMap), ParseError> {
    let mut edits: Edits<'_> = Vec::new();
    let body_start = if front_matter {
        front_matter_edits(text, &mut edits)?
    } else {
        0
    };
    let body = text.get(body_start..).unwrap_or_default();
    strip_syntax(body, body_start, &mut edits);
    Ok(SourceMap::apply(text, edits))
}

/// Without the `markdown` feature a Markdown draft is refused rather than
/// linted with its syntax as words.
#[cfg(not(feature = "markdown"))]
pub(crate) fn prepare(_text: &str, _front_matter: bool) -> Result<(String, SourceMap), ParseError> {
    Err(ParseError {
        message: "this build of outreach-lint reads plain text only (Markdown needs its `markdown` feature)".to_owned(),
        span: Span::new(0, 0),
    })
}

#[cfg(feature = "markdown")]
/// Lines of `text` from `from`, as (start, end without the line break,
/// end with it).
fn lines_from(text: &str, from: usize) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
    let mut at = from;
    std::iter::from_fn(move || {
        if at >= text.len() {
            return None;
        }
        let rest = text.get(at..)?;
        let (len, next) = match rest.find('\n') {
            Some(n) => (n, n + 1),
            None => (rest.len(), rest.len()),
        };
        let line = (at, at + len, at + next);
        at += next;
        Some(line)
    })
}

#[cfg(feature = "markdown")]
fn is_delimiter(line: &str, closing: bool) -> bool {
    let line = line.trim_end();
    line == "---" || (closing && line == "...")
}

#[cfg(feature = "markdown")]
/// Turn the front-matter block into header lines; returns where the
/// Markdown body starts.
fn front_matter_edits<'t>(text: &'t str, edits: &mut Edits<'t>) -> Result<usize, ParseError> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut lines = lines_from(text, start);
    let Some((open_start, open_end, open_next)) = lines.next() else {
        return Ok(0);
    };
    if !is_delimiter(text.get(open_start..open_end).unwrap_or_default(), false) {
        return Ok(0);
    }
    // The opening line goes entirely, so the first header is the first line.
    edits.push((open_start..open_next, "".into()));
    for (s, e, next) in lines {
        let line = text.get(s..e).unwrap_or_default();
        if is_delimiter(line, true) {
            // Keep its line break: the blank line ends the header block.
            edits.push((s..s + line.trim_end_matches('\r').len(), "".into()));
            return Ok(next);
        }
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            edits.push((s..next, "".into()));
            continue;
        }
        if line.starts_with([' ', '\t']) {
            continue; // a folded value or a YAML list item under a key
        }
        let key_len = line
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(line.len());
        let key = &line[..key_len];
        let is_key = key_len > 0
            && line[key_len..]
                .trim_start_matches([' ', '\t'])
                .starts_with(':')
            && key.starts_with(|c: char| c.is_ascii_alphabetic());
        if !is_key {
            // Not `key: value`: fold it into the header above.
            edits.push((s..s, " ".into()));
            continue;
        }
        let lower = key.to_ascii_lowercase();
        if lower == "kind" {
            edits.push((s..s + key_len, "X-Outreach-Kind".into()));
        } else if !KNOWN_HEADERS.contains(&lower.as_str()) && !lower.starts_with("x-") {
            edits.push((s..s, "X-".into()));
        }
        // A quoted YAML value loses its quotes.
        let colon = line[key_len..].find(':').map_or(key_len, |c| key_len + c);
        let value = line[colon + 1..].trim();
        let value_at =
            s + colon + 1 + (line[colon + 1..].len() - line[colon + 1..].trim_start().len());
        for q in ['"', '\''] {
            if value.len() >= 2 && value.starts_with(q) && value.ends_with(q) {
                edits.push((value_at..value_at + 1, "".into()));
                let close = value_at + value.len() - 1;
                edits.push((close..close + 1, "".into()));
            }
        }
    }
    Err(ParseError {
        message:
            "the front-matter block opened on line 1 is never closed; end it with a `---` line"
                .to_owned(),
        span: Span::new(open_start, open_end),
    })
}

#[cfg(feature = "markdown")]
/// Delete `range` of `text` (offset by `base`) but keep its line breaks.
fn delete(text: &str, base: usize, range: Range<usize>, edits: &mut Edits<'_>) {
    let Some(slice) = text.get(range.clone()) else {
        return;
    };
    let mut at = range.start;
    for piece in slice.split_inclusive('\n') {
        let len = piece.trim_end_matches(['\n', '\r']).len();
        if len > 0 {
            edits.push((base + at..base + at + len, "".into()));
        }
        at += piece.len();
    }
}

#[cfg(feature = "markdown")]
/// An inline or block container being walked: its range and the extent of
/// what it contains.
struct Open<'t> {
    tag: Tag<'t>,
    range: Range<usize>,
    inner: Option<Range<usize>>,
}

#[cfg(feature = "markdown")]
fn strip_syntax<'t>(body: &'t str, base: usize, edits: &mut Edits<'t>) {
    let options = Options::ENABLE_STRIKETHROUGH;
    let mut stack: Vec<Open<'t>> = Vec::new();
    let note_child = |stack: &mut Vec<Open<'t>>, range: &Range<usize>| {
        if let Some(parent) = stack.last_mut() {
            let inner = parent.inner.get_or_insert(range.clone());
            inner.start = inner.start.min(range.start);
            inner.end = inner.end.max(range.end);
        }
    };
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                note_child(&mut stack, &range);
                if matches!(tag, Tag::Item) && body.get(range.start..range.start + 1) == Some("+") {
                    edits.push((base + range.start..base + range.start + 1, "-".into()));
                }
                stack.push(Open {
                    tag,
                    range,
                    inner: None,
                });
            }
            Event::End(_) => {
                if let Some(open) = stack.pop() {
                    close(body, base, open, edits);
                }
            }
            // Code is quoted, not written to the reader: `pick your brain`
            // in backticks is talk about the words, not an ask.
            Event::Code(_) => {
                note_child(&mut stack, &range);
                delete(body, base, range, edits);
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                note_child(&mut stack, &range);
                delete(body, base, range, edits);
            }
            Event::HardBreak => {
                note_child(&mut stack, &range);
                if body.get(range.start..range.start + 1) == Some("\\") {
                    edits.push((base + range.start..base + range.start + 1, "".into()));
                }
            }
            Event::Rule => delete(body, base, range, edits),
            Event::Text(text) => {
                note_child(&mut stack, &range);
                // An escaped character (`\*`) starts a text of its own, with
                // the backslash just before it and in no event: drop it.
                if range.start > 0
                    && body.get(range.start - 1..range.start) == Some("\\")
                    && text.starts_with(|c: char| c.is_ascii_punctuation())
                {
                    edits.push((base + range.start - 1..base + range.start, "".into()));
                }
            }
            _ => note_child(&mut stack, &range),
        }
    }
}

#[cfg(feature = "markdown")]
/// Remove the syntax around a finished container.
fn close<'t>(body: &'t str, base: usize, open: Open<'t>, edits: &mut Edits<'t>) {
    let Open { tag, range, inner } = open;
    let inner = inner.unwrap_or(range.end..range.end);
    let (prefix, suffix) = (range.start..inner.start, inner.end..range.end);
    match tag {
        Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Heading { .. } => {
            delete(body, base, prefix, edits);
            delete(body, base, suffix, edits);
        }
        // A code block, fenced or indented, is not prose to lint.
        Tag::CodeBlock(_) => delete(body, base, range, edits),
        Tag::HtmlBlock => delete(body, base, range, edits),
        Tag::Link {
            link_type,
            dest_url,
            ..
        }
        | Tag::Image {
            link_type,
            dest_url,
            ..
        } => {
            if matches!(link_type, LinkType::Autolink | LinkType::Email) {
                delete(body, base, prefix, edits);
                delete(body, base, suffix, edits);
                return;
            }
            // `[title](url)`: drop `[`, keep the url's own bytes when it is
            // written out, so a finding on it points at the file.
            delete(body, base, prefix, edits);
            let tail = body.get(suffix.clone()).unwrap_or_default();
            match tail
                .find(dest_url.as_ref())
                .filter(|_| !dest_url.is_empty())
            {
                Some(at) => {
                    let url_end = suffix.start + at + dest_url.len();
                    edits.push((base + suffix.start..base + suffix.start + at, " ".into()));
                    delete(body, base, url_end..suffix.end, edits);
                }
                None if dest_url.is_empty() => delete(body, base, suffix, edits),
                None => edits.push((
                    base + suffix.start..base + suffix.end,
                    format!(" {dest_url}").into(),
                )),
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::text::Bias;

    fn out(text: &str) -> String {
        prepare(text, true).expect("parses").0
    }

    #[test]
    fn emphasis_headings_and_code_lose_their_markers() {
        assert_eq!(
            out("Can I *pick* **your brain**?"),
            "Can I pick your brain?"
        );
        assert_eq!(out("# Hello there\n\nText"), "Hello there\n\nText");
        // Code is talk about words, not prose: it is left out whole.
        assert_eq!(out("Use `cargo` ~~now~~"), "Use  now");
        assert_eq!(
            out("Hi\n\n```\npick your brain\n```\n\nBye"),
            "Hi\n\n\n\n\n\nBye"
        );
        assert!(!out("Hi\n\n    pick your brain\n\nBye").contains("pick"));
        assert_eq!(out("Title\n=====\n\nBody"), "Title\n\n\nBody");
    }

    #[test]
    fn links_keep_title_and_url() {
        assert_eq!(
            out("I read [your post](https://ex.org/p) today"),
            "I read your post https://ex.org/p today"
        );
        assert_eq!(out("see <https://ex.org>"), "see https://ex.org");
        assert_eq!(
            out("[post][1]\n\n[1]: https://ex.org/a"),
            "post https://ex.org/a\n\n[1]: https://ex.org/a"
        );
    }

    #[test]
    fn lists_and_quotes_stay() {
        assert_eq!(
            out("- one\n- two\n\n1. a\n2. b"),
            "- one\n- two\n\n1. a\n2. b"
        );
        assert_eq!(out("+ one\n+ two"), "- one\n- two");
        assert_eq!(out("> quoted *text*"), "> quoted text");
        assert_eq!(out(r"a \* star"), "a * star");
    }

    #[test]
    fn front_matter_becomes_headers() {
        let text =
            "---\nsubject: \"Your talk\"\nto: Ana\nkind: cold\ntitle: x\n# note\n---\nHi Ana,\n";
        assert_eq!(
            out(text),
            "subject: Your talk\nto: Ana\nX-Outreach-Kind: cold\nX-title: x\n\nHi Ana,\n"
        );
        assert_eq!(out("\u{feff}---\nto: A\n---\nHi"), "\u{feff}to: A\n\nHi");
    }

    #[test]
    fn unclosed_front_matter_is_an_error_unless_not_asked_for() {
        let err = prepare("---\nsubject: Hi\n\nbody", true).unwrap_err();
        assert_eq!(err.span(), Span::new(0, 3));
        assert!(prepare("---\nsubject: Hi\n\nbody", false).is_ok());
    }

    #[test]
    fn offsets_map_back_into_the_markdown() {
        let text = "Could I **pick your brain**?";
        let (stripped, map) = prepare(text, true).expect("parses");
        let at = stripped.find("pick").expect("found");
        let end = at + "pick your brain".len();
        let range = map.to_original(at, Bias::Start)..map.to_original(end, Bias::End);
        assert_eq!(&text[range], "pick your brain");
    }

    /// Random Markdown-ish drafts: parsing never panics, and every span the
    /// linter reports is a valid range of the text as read.
    #[test]
    fn arbitrary_markdown_gives_spans_inside_the_text() {
        const TOKENS: &[&str] = &[
            "*",
            "**",
            "_",
            "`",
            "```\n",
            "[",
            "](",
            ")",
            "<",
            ">",
            "https://x.org/a",
            "\n",
            "\n\n",
            "---\n",
            "# ",
            "- ",
            "+ ",
            "1. ",
            "\\",
            "é",
            "’",
            "\r\n",
            "pick your brain",
            " ",
            "<!--",
            "-->",
            "~~",
            "subject: Hi\n",
            "kind: x\n",
            "\u{feff}",
            "> ",
            "quick chat",
            "Hi Jo,\n",
            "Thanks,\n",
            "=====\n",
            "[1]: https://y.org\n",
            "&amp;",
            "\t",
        ];
        let linter = crate::Linter::builtin();
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..3000 {
            let mut text = String::new();
            let len = 1 + (state % 24) as usize;
            for _ in 0..len {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push_str(TOKENS[(state % TOKENS.len() as u64) as usize]);
            }
            let strict = prepare(&text, true);
            let lenient = prepare(&text, false);
            assert!(lenient.is_ok(), "{text:?}");
            if let Ok((_, map)) = strict {
                let _ = map.to_original(text.len(), Bias::End);
            }
            for d in linter.lint("fuzz.md", &text) {
                assert!(
                    d.span.start <= d.span.end && text.get(d.span.start..d.span.end).is_some(),
                    "bad span {:?} in {text:?}",
                    d.span
                );
            }
        }
    }
}
