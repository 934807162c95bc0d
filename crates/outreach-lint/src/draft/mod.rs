//! A draft split into the sections rules are written against.
//!
//! Parsing never fails: any text is a draft, and whatever is not recognised as
//! a header, greeting, closing, signature, postscript or quoted text is body.
//! Section spans are byte ranges into the text as read. Plain text is
//! parsed here, Markdown in [`markdown`] (front matter as headers, offsets
//! still into the file as read), normalisation in [`text`]. This layer
//! knows no rule and no matcher.

mod lines;
pub(crate) mod markdown;
pub(crate) mod text;

pub use markdown::{DraftFormat, ParseError};

use lines::LineRegex;
use serde::{Deserialize, Serialize};

use crate::span::Span;
use text::{Bias, NormText, SourceMap};

/// Which part of a draft a piece of text belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum SectionKind {
    /// Header lines at the top (`Subject:`, `To:`, `Cc:`, `From:`, `X-…:`).
    Headers,
    /// The value of the `Subject:` header.
    Subject,
    /// The salutation: "Hi Jane,", "Dear Dr. Smith,".
    Greeting,
    /// The message itself.
    Body,
    /// The sign-off: "Best,", "Thanks again,".
    Closing,
    /// The sender's name and details, after the closing or a `-- ` line.
    Signature,
    /// Quoted earlier messages: `>` lines, and everything from "On … wrote:",
    /// a forwarded-message marker or a mail client's reply header ("From:"
    /// then "Sent:") on.
    Quoted,
    /// A "P.S." paragraph.
    Postscript,
}

impl SectionKind {
    /// Every section kind, in the order they usually appear.
    pub const ALL: [SectionKind; 8] = [
        SectionKind::Headers,
        SectionKind::Subject,
        SectionKind::Greeting,
        SectionKind::Body,
        SectionKind::Closing,
        SectionKind::Signature,
        SectionKind::Quoted,
        SectionKind::Postscript,
    ];

    /// The kebab-case name used in rule packs and JSON output.
    ///
    /// ```
    /// use outreach_lint::SectionKind;
    /// assert_eq!(SectionKind::Postscript.name(), "postscript");
    /// assert_eq!(SectionKind::from_name("greeting"), Some(SectionKind::Greeting));
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            SectionKind::Headers => "headers",
            SectionKind::Subject => "subject",
            SectionKind::Greeting => "greeting",
            SectionKind::Body => "body",
            SectionKind::Closing => "closing",
            SectionKind::Signature => "signature",
            SectionKind::Quoted => "quoted",
            SectionKind::Postscript => "postscript",
        }
    }

    /// The kind with this kebab-case name.
    pub fn from_name(name: &str) -> Option<SectionKind> {
        SectionKind::ALL.into_iter().find(|k| k.name() == name)
    }
}

impl std::fmt::Display for SectionKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// One section of a draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Section {
    /// What the section is.
    pub kind: SectionKind,
    /// Where it is, in the text as read.
    pub span: Span,
    /// Where it is in the normalised text the rules match against.
    pub(crate) norm: Span,
}

/// A header line from the block at the top of a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// The header name as written (`Subject`, `to`, `X-Outreach-Kind`).
    pub name: String,
    /// The header value, trimmed, in the text as read.
    pub value: Span,
}

/// A parsed draft: the text as read, split into sections.
///
/// ```
/// use outreach_lint::{Draft, SectionKind};
/// let draft = Draft::parse("Subject: Hello\n\nHi Jane,\n\nCould we talk?\n\nBest,\nSam\n");
/// assert_eq!(draft.subject(), Some("Hello"));
/// let kinds: Vec<_> = draft.sections().iter().map(|s| s.kind).collect();
/// assert_eq!(kinds, [
///     SectionKind::Headers, SectionKind::Subject, SectionKind::Greeting,
///     SectionKind::Body, SectionKind::Closing, SectionKind::Signature,
/// ]);
/// assert_eq!(draft.text_of(SectionKind::Greeting), vec!["Hi Jane,"]);
/// ```
#[derive(Debug, Clone)]
pub struct Draft<'a> {
    source: &'a str,
    /// For a Markdown draft, the map from the stripped text back to the
    /// source; `None` for plain text, whose text is the source.
    prep: Option<SourceMap>,
    pub(crate) norm: NormText,
    /// The normalised text with the line breaks inside a paragraph turned
    /// into spaces, so phrases match across hard-wrapped lines. Same length
    /// as `norm.text`, so offsets are shared.
    unwrapped: String,
    sections: Vec<Section>,
    headers: Vec<Header>,
}

#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
}

// This module's own patterns, compiled on first use; the unit tests below
// run every one of them.
static HEADER: LineRegex = LineRegex::new(
    r"(?i)^(subject|to|cc|bcc|from|date|reply-to|in-reply-to|references|x-[a-z0-9-]+)[ \t]*:[ \t]*(.*)$",
);
static GREETING_WORD: LineRegex = LineRegex::new(
    r"(?i)^(hi|hello|hey|heya|hiya|howdy|dear|respected|greetings|good (morning|afternoon|evening|day)|to whom it may concern|salutations|yo|kia ora|hola|buen(os)? d(í|i)as?|buenas( tardes| noches)?|bonjour|bonsoir|salut|hallo|guten (morgen|tag|abend)|moin|servus|ciao|buongiorno|buonasera|salve|olá|bom dia|boa (tarde|noite)|hej|hei|hoi|goedemorgen|goedemiddag|cze(s|ś)(c|ć)|dzie(n|ń) dobry|ahoj|merhaba|namaste|namaskar|jambo|habari|sawubona|aloha)\b",
);
static NAME_GREETING: LineRegex = LineRegex::new(r"^([A-Z][\w'-]*(?: [A-Z][\w'-]*)?),(?:\s|$)");
static CLOSING: LineRegex = LineRegex::new(
    r"(?i)^(best|thanks|thank you|many thanks|cheers|regards|kind regards|best regards|warm regards|warmest regards|warmly|sincerely|yours|all the best|respectfully|take care|with gratitude|gratefully|talk soon|speak soon)\b.{0,40}$",
);
static INLINE_CLOSING: LineRegex = LineRegex::new(
    r"(?i)[.!?]\s+((?:thanks|thank you|many thanks|best|cheers|regards|best regards)(?: again| so much)?[,!.]?)(?:\s+((?-i:[A-Z])[\w.'-]*(?: (?-i:[A-Z])[\w.'-]*)?))?\s*$",
);
static QUOTE_START: LineRegex = LineRegex::new(
    r"(?i)^\s*(on\b.{0,200}\bwrote:\s*$|-{2,}\s*(forwarded message|original message)\s*-{2,}|begin forwarded message:)",
);
static POSTSCRIPT: LineRegex = LineRegex::new(r"(?i)^\s*p\.?\s?(p\.?\s?)?s\b\.?");
static TRAILING_NAME: LineRegex =
    LineRegex::new(r"[.!?]\s+(?:--?|—|–)\s*((?-i:[A-Z])[\w'-]*(?: (?-i:[A-Z])[\w'-]*)?)\s*$");
static DASH_SIGNATURE: LineRegex = LineRegex::new(r"^\s*(--?|—|–)\s*\S.{0,40}$");

/// Words that start a line followed by a comma but are not names.
const NOT_NAMES: &[&str] = &[
    "Yes",
    "No",
    "So",
    "Well",
    "Also",
    "However",
    "Again",
    "Sorry",
    "Thanks",
    "Okay",
    "Ok",
    "Oh",
    "Anyway",
    "Anyhow",
    "Sure",
    "Hopefully",
    "Otherwise",
    "Finally",
    "Meanwhile",
    "Honestly",
    "First",
    "Second",
    "Lastly",
    "Unfortunately",
    "Fortunately",
    "Besides",
    "Still",
    "Plus",
];

impl<'a> Draft<'a> {
    /// Split `text` into sections. Never fails: unrecognised text is body.
    /// A fenced code block (a line of three backticks or tildes, to the
    /// next such line) is code even in plain text, and is not linted.
    pub fn parse(text: &'a str) -> Draft<'a> {
        let blanked = blank_fenced_code(text);
        Draft::build(
            text,
            NormText::new(blanked.as_deref().unwrap_or(text)),
            None,
        )
    }

    /// A draft of `text` whose normalised text is `norm`; `prep` maps the
    /// text `norm` was made from back to `text` when they differ (Markdown).
    pub(crate) fn build(text: &'a str, norm: NormText, prep: Option<SourceMap>) -> Draft<'a> {
        let (sections, header_spans) = parse_sections(&norm.text);
        let to_orig = |s: Span| through(prep.as_ref(), &norm, s);
        let sections = sections
            .into_iter()
            .map(|(kind, s)| Section {
                kind,
                span: to_orig(s),
                norm: s,
            })
            .collect();
        let headers = header_spans
            .into_iter()
            .map(|(name, value)| Header {
                name,
                value: to_orig(value),
            })
            .collect();
        let unwrapped = unwrap_lines(&norm.text);
        Draft {
            source: text,
            prep,
            norm,
            unwrapped,
            sections,
            headers,
        }
    }

    /// The text exactly as read.
    pub fn source(&self) -> &'a str {
        self.source
    }

    /// All sections, in the order they appear (a header line's `subject`
    /// follows its `headers` entry).
    pub fn sections(&self) -> &[Section] {
        &self.sections
    }

    /// The header lines at the top of the draft.
    pub fn headers(&self) -> &[Header] {
        &self.headers
    }

    /// The value of the first header called `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&'a str> {
        let source = self.source;
        self.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .and_then(|h| source.get(h.value.range()))
    }

    /// The subject line's value, if the draft has one.
    pub fn subject(&self) -> Option<&'a str> {
        self.header("subject")
    }

    /// The text of every section of `kind`, as read.
    pub fn text_of(&self, kind: SectionKind) -> Vec<&'a str> {
        let source = self.source;
        self.sections
            .iter()
            .filter(|s| s.kind == kind)
            .filter_map(|s| source.get(s.span.range()))
            .collect()
    }

    /// The normalised text (curly quotes straightened, line breaks unified,
    /// wrapped lines joined) that rules match against.
    pub(crate) fn match_text(&self) -> &str {
        &self.unwrapped
    }

    /// Map a span of the normalised text back to the text as read.
    pub(crate) fn to_original(&self, span: Span) -> Span {
        through(self.prep.as_ref(), &self.norm, span)
    }
}

/// Map a span of the normalised text back through the normalisation and,
/// for Markdown, the stripping of syntax.
fn through(prep: Option<&SourceMap>, norm: &NormText, span: Span) -> Span {
    let (start, end) = (norm.to_original(span.start), norm.to_original(span.end));
    match prep {
        None => Span::new(start, end),
        Some(map) => {
            let start = map.to_original(start, Bias::Start);
            Span::new(start, map.to_original(end, Bias::End).max(start))
        }
    }
}

/// Turn each line break inside a paragraph into a space, keeping blank lines
/// and the breaks before list items and quoted lines, and around a line of
/// underscores (a rule drawn in a signature, not a blank to fill in). Byte
/// lengths are kept.
pub(crate) fn unwrap_lines(text: &str) -> String {
    // The slicing below cannot fail: `i` is the offset of an ASCII `\n`, so
    // `i + 1` and `last` (always just past one) are character boundaries,
    // and `bytes[i - 1]` is read only when `i > 0`.
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    let mut line_start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b != b'\n' {
            continue;
        }
        let prev_blank = i == 0 || bytes[i - 1] == b'\n';
        let prev_rule = is_separator(&text[line_start..i]);
        line_start = i + 1;
        let next = &text[i + 1..];
        let next_line = next.trim_start_matches([' ', '\t']);
        let starts_item = next_line.is_empty()
            || next_line.starts_with(['\n', '-', '*', '•', '>', '+'])
            || starts_numbered_item(next_line)
            || is_separator(next_line.split('\n').next().unwrap_or_default());
        if !prev_blank && !prev_rule && !starts_item {
            out.push_str(&text[last..i]);
            out.push(' ');
            last = i + 1;
        }
    }
    out.push_str(&text[last..]);
    out
}

/// Whether `line` opens with a list number: one to three digits, then `.`
/// or `)`. Looks at those few bytes only, so a text of many lines is
/// scanned in linear time.
fn starts_numbered_item(line: &str) -> bool {
    let digits = line.bytes().take(4).take_while(u8::is_ascii_digit).count();
    (1..=3).contains(&digits) && matches!(line.as_bytes().get(digits), Some(b'.' | b')'))
}

fn split_lines(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            lines.push(Line { start, end: i });
            start = i + 1;
        }
    }
    if start < text.len() {
        lines.push(Line {
            start,
            end: text.len(),
        });
    }
    lines
}

/// Trim whitespace off both ends of `span` in `text`.
fn trim(text: &str, span: Span) -> Span {
    let slice = text.get(span.range()).unwrap_or_default();
    let start = span.start + (slice.len() - slice.trim_start().len());
    let end = span.start + slice.trim_end().len();
    Span::new(start, end.max(start))
}

type Parsed = (Vec<(SectionKind, Span)>, Vec<(String, Span)>);

fn parse_sections(text: &str) -> Parsed {
    // Indexing below cannot fail: line indexes run over `0..lines.len()`
    // (`region_end <= lines.len()`), `role` has one entry per line, `pieces`
    // is indexed only at positions found in it, and every span comes from a
    // line of this same text (split at ASCII `\n`) or a regex match inside
    // one, so it lies on character boundaries.
    let lines = split_lines(text);
    let line_text = |l: &Line| text.get(l.start..l.end).unwrap_or_default();
    let is_blank = |l: &Line| line_text(l).trim().is_empty();
    let mut sections: Vec<(SectionKind, Span)> = Vec::new();
    let mut headers = Vec::new();

    // Header block: only when the very first line is a known header, or
    // the second after a label a paste brings along ("LinkedIn InMail",
    // "Slack DM"): a few words, no punctuation, no greeting.
    let mut i = 0;
    if let (Some(first), Some(second)) = (lines.first(), lines.get(1)) {
        let label = line_text(first).trim();
        if !label.is_empty()
            && label.split_whitespace().count() <= 4
            && !label.contains(|c: char| c.is_ascii_punctuation() && c != '-' && c != '\'')
            && !HEADER.is_match(label)
            && !GREETING_WORD.is_match(label)
            && HEADER.is_match(line_text(second))
        {
            i = 1;
        }
    }
    while i < lines.len() {
        let line = lines[i];
        let lt = line_text(&line);
        if let Some(caps) = HEADER.captures(lt) {
            let (Some(name), Some(value)) = (caps.get(1), caps.get(2)) else {
                break;
            };
            let mut full = Span::new(line.start, line.end);
            let value_span = Span::new(line.start + value.start(), line.start + value.end());
            // Folded continuation lines (RFC 5322) belong to the same header.
            let mut j = i + 1;
            while j < lines.len()
                && line_text(&lines[j]).starts_with([' ', '\t'])
                && !is_blank(&lines[j])
            {
                full.end = lines[j].end;
                j += 1;
            }
            let value_span = trim(
                text,
                Span::new(value_span.start, full.end.max(value_span.start)),
            );
            sections.push((SectionKind::Headers, full));
            if name.as_str().eq_ignore_ascii_case("subject") && !value_span.is_empty() {
                sections.push((SectionKind::Subject, value_span));
            }
            headers.push((name.as_str().to_owned(), value_span));
            i = j;
        } else {
            break;
        }
    }

    // Everything from "On … wrote:" or a forwarding marker on is quoted,
    // and from a mail client's reply header ("From: …" then "Sent: …"),
    // with the line of underscores some clients put above it.
    let quote_from = (i..lines.len()).find_map(|j| {
        let line = line_text(&lines[j]);
        if may_start_quote(line) && QUOTE_START.is_match(line) {
            return Some(j);
        }
        let next = lines.get(j + 1).map(&line_text).unwrap_or_default();
        if !is_reply_header(line, next) {
            return None;
        }
        let above = j.checked_sub(1).filter(|&k| k >= i);
        Some(match above {
            Some(k) if is_separator(line_text(&lines[k])) => k,
            _ => j,
        })
    });
    let region_end = quote_from.unwrap_or(lines.len());

    // Classify the remaining lines; `None` means not yet assigned.
    let mut role: Vec<Option<SectionKind>> = vec![None; lines.len()];
    for j in i..region_end {
        if line_text(&lines[j]).trim_start().starts_with('>') {
            role[j] = Some(SectionKind::Quoted);
        }
    }
    // A "-- " line starts the signature.
    let sig_delim = (i..region_end)
        .find(|&j| role[j].is_none() && matches!(line_text(&lines[j]).trim_end(), "--" | "-- "));
    if let Some(d) = sig_delim {
        for r in role.iter_mut().take(region_end).skip(d) {
            if r.is_none() {
                *r = Some(SectionKind::Signature);
            }
        }
    }
    // A "P.S." runs to the end of its paragraph, but only after some content.
    let first_content = (i..region_end).find(|&j| role[j].is_none() && !is_blank(&lines[j]));
    if let Some(first) = first_content {
        let mut j = first + 1;
        while j < region_end {
            if role[j] != Some(SectionKind::Quoted) && POSTSCRIPT.is_match(line_text(&lines[j])) {
                let mut k = j;
                while k < region_end && !is_blank(&lines[k]) && role[k] != Some(SectionKind::Quoted)
                {
                    role[k] = Some(SectionKind::Postscript);
                    k += 1;
                }
                j = k;
            } else {
                j += 1;
            }
        }
    }

    // The lines still unassigned make up greeting, body, closing, signature.
    let main: Vec<usize> = (i..region_end)
        .filter(|&j| role[j].is_none() && !is_blank(&lines[j]))
        .collect();
    let mut greeting: Option<Span> = None;
    let mut body_from_first: Option<Span> = None; // rest of the greeting line
    if let Some(&g) = main.first() {
        let line = lines[g];
        if let Some(end) = greeting_end(line_text(&line)) {
            greeting = Some(trim(text, Span::new(line.start, line.start + end)));
            let rest = trim(text, Span::new(line.start + end, line.end));
            if !rest.is_empty() {
                body_from_first = Some(rest);
            }
            role[g] = Some(SectionKind::Greeting);
        }
    }
    let body_lines: Vec<usize> = main
        .iter()
        .copied()
        .filter(|&j| role[j].is_none())
        .collect();

    // Closing: the last line that reads as a sign-off, followed only by a few
    // short lines (the signature), and preceded by some body.
    let has_body_before = |k: usize| body_from_first.is_some() || body_lines.iter().any(|&b| b < k);
    let mut found_closing = false;
    for (pos, &c) in body_lines.iter().enumerate().rev() {
        let after = &body_lines[pos + 1..];
        if after.len() > 6
            || after
                .iter()
                .any(|&a| signature_width(line_text(&lines[a])) > 60)
        {
            break;
        }
        if CLOSING.is_match(line_text(&lines[c]).trim()) && has_body_before(c) {
            role[c] = Some(SectionKind::Closing);
            for &a in after {
                role[a] = Some(SectionKind::Signature);
            }
            found_closing = true;
            break;
        }
    }

    // Lay the lines out as pieces in text order; blank lines are `None`.
    let mut pieces: Vec<(Option<SectionKind>, Span)> = Vec::new();
    for (j, line) in lines.iter().enumerate().skip(i) {
        let span = Span::new(line.start, line.end);
        if j >= region_end {
            pieces.push((Some(SectionKind::Quoted), span));
        } else if is_blank(line) {
            pieces.push((None, span));
        } else if role[j] == Some(SectionKind::Greeting) {
            if let Some(g) = greeting {
                pieces.push((Some(SectionKind::Greeting), g));
            }
            if let Some(rest) = body_from_first {
                pieces.push((Some(SectionKind::Body), rest));
            }
        } else {
            pieces.push((Some(role[j].unwrap_or(SectionKind::Body)), span));
        }
    }

    // With no closing line of its own, the last body text may still end in
    // one ("… deck? Thanks, Alex") or in a dashed name ("… weekend! – Nigella").
    let last_content = pieces.iter().rposition(|(k, _)| {
        matches!(
            k,
            Some(SectionKind::Body | SectionKind::Signature | SectionKind::Closing)
        )
    });
    if let Some(p) =
        last_content.filter(|&p| !found_closing && pieces[p].0 == Some(SectionKind::Body))
    {
        let span = pieces[p].1;
        let piece_text = &text[span.range()];
        let line_start = piece_text.rfind('\n').map_or(0, |n| n + 1);
        let last_line = &piece_text[line_start..];
        let at = span.start + line_start;
        let body_before = line_start > 0
            || pieces[..p]
                .iter()
                .any(|(k, _)| *k == Some(SectionKind::Body));
        let mut tail: Vec<(Option<SectionKind>, Span)> = Vec::new();
        let mut cut = None;
        if let Some(caps) = INLINE_CLOSING.captures(last_line) {
            if let Some(m) = caps.get(1) {
                cut = Some(at + m.start());
                tail.push((
                    Some(SectionKind::Closing),
                    Span::new(at + m.start(), at + m.end()),
                ));
                if let Some(n) = caps.get(2) {
                    tail.push((
                        Some(SectionKind::Signature),
                        Span::new(at + n.start(), at + n.end()),
                    ));
                }
            }
        } else if DASH_SIGNATURE.is_match(last_line) && body_before {
            cut = Some(at);
            tail.push((Some(SectionKind::Signature), Span::new(at, span.end)));
        } else if let Some(m) = trailing_dash_signature(last_line) {
            cut = Some(at + m);
            tail.push((Some(SectionKind::Signature), Span::new(at + m, span.end)));
        }
        if let Some(cut) = cut {
            pieces[p].1 = Span::new(span.start, cut);
            pieces.splice(p + 1..p + 1, tail);
        }
    }

    // Merge runs of the same kind; blank lines join a run but never start one.
    let mut run: Option<(SectionKind, Span)> = None;
    let mut flush = |run: &mut Option<(SectionKind, Span)>| {
        if let Some((kind, span)) = run.take() {
            let span = trim(text, span);
            if !span.is_empty() {
                sections.push((kind, span));
            }
        }
    };
    for (kind, span) in pieces {
        match (kind, run.as_mut()) {
            (None, Some((_, s))) => s.end = span.end,
            (None, None) => {}
            (Some(k), Some((rk, s))) if *rk == k && k != SectionKind::Greeting => s.end = span.end,
            (Some(k), _) => {
                flush(&mut run);
                run = Some((k, span));
            }
        }
    }
    flush(&mut run);
    (sections, headers)
}

/// A cheap test that passes every line [`QUOTE_START`] matches: each of its
/// branches needs `--`, `wrote:` or `begin` (and a colon), letters with no
/// non-ASCII case variants. Other lines skip the regex, and most drafts
/// never compile it (its `.{0,200}` makes it one of the costliest to build).
fn may_start_quote(line: &str) -> bool {
    let has = |needle: &[u8]| {
        line.as_bytes()
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle))
    };
    // `contains` is a fast scan; the closer look runs on the few lines
    // with a colon.
    line.contains("--") || (line.contains(':') && (has(b"wrote:") || has(b"begin")))
}

/// Whether `line` and the `next` open a quoted reply's header, as mail
/// clients write it: "From: Ana <ana@example.org>" then "Sent: …" or
/// "Date: …".
fn is_reply_header(line: &str, next: &str) -> bool {
    let starts = |l: &str, word: &str| {
        l.get(..word.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(word))
    };
    starts(line, "from:") && (starts(next, "sent:") || starts(next, "date:"))
}

/// A line of underscores: the rule some mail clients draw above a reply.
fn is_separator(line: &str) -> bool {
    let line = line.trim();
    line.len() >= 8 && line.bytes().all(|b| b == b'_')
}

/// The most words a name may run to before a dash or an emoji that ends
/// the greeting.
const MAX_NAME_WORDS: usize = 6;

/// Where the greeting ends on its line, if the line opens with one.
///
/// Slicing here cannot fail: every offset is a match end, the position of
/// an ASCII terminator plus one, or just past a character from
/// `char_indices`, all within `line`.
fn greeting_end(line: &str) -> Option<usize> {
    let trimmed_start = line.len() - line.trim_start().len();
    let l = &line[trimmed_start..];
    if let Some(m) = GREETING_WORD.find(l) {
        // The greeting runs to the first terminator after the name, skipping
        // the dots of titles ("Dr.", "Ms.").
        let mut end = None;
        let mut chars = l
            .char_indices()
            .skip_while(|&(at, _)| at < m.end())
            .peekable();
        let mut word_start = m.end();
        // Words since the greeting word: a dash or an emoji well past a
        // name, with more text after it, marks a sentence, not the end of
        // the greeting ("yo kesh huge fan of everything you put out 🔥
        // honestly …"). A comma still ends a long address ("Dear Dr. Lan
        // and colleagues at the Hanoi Automation Lab,").
        let mut words = 0;
        let mid_sentence =
            |words: usize, after: usize| words > MAX_NAME_WORDS && !l[after..].trim().is_empty();
        while let Some((at, c)) = chars.next() {
            if at > 80 {
                break;
            }
            let next_is_space = chars.peek().is_none_or(|&(_, n)| n.is_whitespace());
            match c {
                // A hyphen spaced as a dash: "Hey Carla - I can see …".
                ',' | '!' | ':' | ';' | '—' | '–' | '-'
                    if (next_is_space || c == ',')
                        && (c != '-' || l[..at].ends_with(char::is_whitespace)) =>
                {
                    // "Hey, Jason, …", "Hello, (Dr. Ms. Mr.) ____.": a comma
                    // straight after the greeting word may still be followed
                    // by the name, which then belongs to the greeting.
                    // So may "Hi there, Graham!", "Greetings of the day, Mrs. Okonkwo!".
                    let filler = l[m.end()..at].trim();
                    let only_filler = filler.eq_ignore_ascii_case("there")
                        || filler.eq_ignore_ascii_case("again")
                        || filler.eq_ignore_ascii_case("of the day");
                    if c == ',' && (at == m.end() || only_filler) && name_follows(&l[at + 1..]) {
                        continue;
                    }
                    if matches!(c, '—' | '–' | '-') && mid_sentence(words, at + c.len_utf8()) {
                        break;
                    }
                    end = Some(at + c.len_utf8());
                    break;
                }
                '.' if next_is_space => {
                    let word = l[word_start..at]
                        .trim()
                        .trim_start_matches(['(', '['])
                        .to_ascii_lowercase();
                    if !matches!(
                        word.as_str(),
                        "dr" | "mr" | "mrs" | "ms" | "mx" | "prof" | "st" | "sr" | "jr"
                    ) {
                        end = Some(at + 1);
                        break;
                    }
                    continue;
                }
                '?' => {
                    end = Some(m.end());
                    break;
                }
                // A wave or a smile after the name ends the greeting: "hey
                // Priyanka 👋 I just joined…".
                c if next_is_space && is_emoji(c) => {
                    if !mid_sentence(words, at + c.len_utf8()) {
                        end = Some(at + c.len_utf8());
                    }
                    break;
                }
                c if c.is_whitespace() => {
                    if !l[..at].ends_with(char::is_whitespace) {
                        words += 1;
                    }
                    word_start = at + c.len_utf8();
                }
                _ => {}
            }
        }
        let end = match end {
            Some(e) => e,
            // No terminator: a short line is all greeting ("Hi Jane"), a long
            // one keeps only the greeting word.
            None if l.split_whitespace().count() <= 4 => l.len(),
            None => m.end(),
        };
        return Some(trimmed_start + end);
    }
    if let Some(caps) = NAME_GREETING.captures(l) {
        let name = caps.get(1)?;
        let first = name.as_str().split(' ').next().unwrap_or_default();
        if !NOT_NAMES.iter().any(|n| n.eq_ignore_ascii_case(first)) {
            return Some(trimmed_start + name.end() + 1);
        }
    }
    None
}

/// `text` with each closed fenced code block turned to spaces, byte for
/// byte, so that every offset still points at the same place; `None` when
/// there is none. An unclosed fence is left alone: a stray "```" should not
/// hide the rest of a draft.
fn blank_fenced_code(text: &str) -> Option<String> {
    if !text.contains("```") && !text.contains("~~~") {
        return None;
    }
    let fence = |line: &str| {
        let t = line.trim_start_matches(' ');
        (line.len() - t.len() <= 3)
            .then(|| ["```", "~~~"].into_iter().find(|f| t.starts_with(f)))
            .flatten()
    };
    let mut out = String::with_capacity(text.len());
    let mut found = false;
    let mut open: Option<(&str, usize)> = None; // fence, where its block starts in `out`
    for line in text.split_inclusive('\n') {
        let start = out.len();
        out.push_str(line);
        match (open, fence(line)) {
            (None, Some(f)) => open = Some((f, start)),
            (Some((f, from)), Some(g)) if f == g => {
                // Every byte but line ends becomes a space: same length, and
                // still UTF-8 however many bytes a character had.
                let blank: String = out[from..]
                    .bytes()
                    .map(|b| {
                        if matches!(b, b'\n' | b'\r') {
                            b as char
                        } else {
                            ' '
                        }
                    })
                    .collect();
                out.truncate(from);
                out.push_str(&blank);
                open = None;
                found = true;
            }
            _ => {}
        }
    }
    found.then_some(out)
}

/// Whether `c` is a pictograph (emoji) rather than a letter or mark: the
/// blocks people greet with, and the dingbats and symbols before them.
fn is_emoji(c: char) -> bool {
    matches!(c as u32, 0x2600..=0x27BF | 0x1F300..=0x1FAFF)
}

/// Whether what follows "Hello," starts with a name, title or name slot
/// ("Jason", "(Dr.", "\[Name\]", "____") rather than the message ("my name
/// is", "I'm Fernando", "can I ask").
fn name_follows(rest: &str) -> bool {
    let Some(word) = rest.split_whitespace().next() else {
        return false;
    };
    let first = word.chars().next().unwrap_or(' ');
    let pronoun = matches!(
        word.trim_end_matches([',', '.', '!']),
        "I" | "I'm"
            | "I'd"
            | "I've"
            | "I'll"
            | "My"
            | "We"
            | "We're"
            | "This"
            | "It"
            | "Hope"
            | "Thanks"
            | "Thank"
    );
    !pronoun && (first.is_uppercase() || matches!(first, '(' | '[' | '_' | '{' | '<'))
}

/// How long a line after a sign-off is, for telling a signature from
/// prose: its characters, a link counting as one word ("Google Scholar:
/// https://scholar.example.org/citations?user=…" is a signature line).
fn signature_width(line: &str) -> usize {
    line.split_whitespace()
        .map(|w| {
            let link = ["http://", "https://", "www."].iter().any(|p| {
                w.len() > p.len() && w.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p))
            });
            if link { 4 } else { w.chars().count() }
        })
        .sum::<usize>()
        + line.split_whitespace().count().saturating_sub(1)
}

/// `"… weekend! – Nigella"` → where "Nigella" starts.
fn trailing_dash_signature(line: &str) -> Option<usize> {
    TRAILING_NAME
        .captures(line)
        .and_then(|c| c.get(0))
        .map(|m| m.start() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every line pattern, in ASCII, stand-in and Unicode form, finds the
    /// same groups as its Unicode form on corpus lines, plain and with
    /// accents, odd spaces and dashes.
    #[test]
    fn line_patterns_agree_with_their_unicode_form() {
        let patterns: [&LineRegex; 9] = [
            &HEADER,
            &GREETING_WORD,
            &NAME_GREETING,
            &CLOSING,
            &INLINE_CLOSING,
            &QUOTE_START,
            &POSTSCRIPT,
            &DASH_SIGNATURE,
            &TRAILING_NAME,
        ];
        let mut lines: Vec<String> = xtask::drafts(9, 100)
            .flat_map(|d| d.lines().map(str::to_owned).collect::<Vec<_>>())
            .collect();
        let varied: Vec<String> = lines
            .iter()
            .map(|l| {
                l.replacen("a", "å", 1)
                    .replacen(' ', "\u{a0}", 1)
                    .replacen(", ", " — ", 1)
            })
            .collect();
        lines.extend(varied);
        lines.extend(
            [
                "Hi Zoë,",
                "Zoë, meet Łukasz.",
                "Thanks again, Zoë Ølund",
                "Zoë said hi. Thanks again, Ølund",
                "Café first! Best, Ana Zoë",
                "On Mon, Zoë Ølund wrote:",
                "— Ølund",
                "Great weekend! – Zoë",
                "P.S. Zoë says hi",
                "X-Ünknown: value",
            ]
            .map(str::to_owned),
        );
        let mut matched = 0;
        for re in patterns {
            for line in &lines {
                let got = re.captures(line).map(|c| {
                    (0..8)
                        .map(|i| c.get(i).map(|m| (m.start(), m.end())))
                        .collect::<Vec<_>>()
                });
                let want = re.unicode_captures(line).map(|mut g| {
                    g.resize(8, None);
                    g
                });
                assert_eq!(got, want, "{} on {line:?}", re.pattern());
                matched += usize::from(want.is_some());
            }
        }
        assert!(matched > 500, "only {matched} matches");
    }

    fn kinds(text: &str) -> Vec<(SectionKind, String)> {
        let draft = Draft::parse(text);
        draft
            .sections()
            .iter()
            .map(|s| (s.kind, text[s.span.range()].to_owned()))
            .collect()
    }

    fn only(text: &str, kind: SectionKind) -> Vec<String> {
        kinds(text)
            .into_iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, t)| t)
            .collect()
    }

    use SectionKind::*;

    #[test]
    fn a_mail_clients_reply_header_starts_the_quoted_text() {
        let text = "Hi Ana,\n\nThe numbers are attached.\n\nBest,\nBo\n\n________________________________\nFrom: Ana <ana@example.org>\nSent: Friday, 21 February 2025 16:04\nTo: Bo\nSubject: Numbers\n\nCould you send the numbers by [date]?\n";
        let draft = Draft::parse(text);
        let quoted = draft
            .sections()
            .iter()
            .find(|s| s.kind == Quoted)
            .expect("a quoted section");
        assert!(text[quoted.span.range()].starts_with("____"));
        assert!(text[quoted.span.range()].contains("[date]"));
        // A "From:" line alone, in the body, is not a reply header.
        let body = "Hi Ana,\n\nFrom: the team at Acme\nWe loved the talk.\n";
        assert!(
            !Draft::parse(body)
                .sections()
                .iter()
                .any(|s| s.kind == Quoted)
        );
    }

    #[test]
    fn quote_start_lines_pass_the_cheap_test() {
        let lines = [
            "On Mon, 3 Mar 2025 at 09:14, Jane Doe <jane@example.com> wrote:",
            "on tuesday Sam WROTE:  ",
            "---------- Forwarded message ---------",
            "-----Original Message-----",
            "Begin forwarded message:",
            "BEGIN FORWARDED MESSAGE:",
        ];
        for line in lines {
            assert!(QUOTE_START.is_match(line), "{line}");
            assert!(may_start_quote(line), "{line}");
        }
        // Lines the regex refuses may pass the cheap test; the reverse
        // never happens, so the regex alone decides.
        for line in ["Hi Jane,", "I wrote: a book", "Best,", "on the way"] {
            assert!(
                !QUOTE_START.is_match(line) || may_start_quote(line),
                "{line}"
            );
        }
        for draft in xtask::drafts(5, 200) {
            for line in draft.lines() {
                assert!(
                    !QUOTE_START.is_match(line) || may_start_quote(line),
                    "{line}"
                );
            }
        }
    }

    #[test]
    fn splits_a_full_email() {
        let text = "Subject: Your talk on parsers\nTo: Jane Doe <jane@example.com>\n\nHi Jane,\n\nI watched your talk.\nCould I ask two questions?\n\nBest,\nSam Lee\nsam.example\n";
        assert_eq!(
            kinds(text),
            vec![
                (Headers, "Subject: Your talk on parsers".into()),
                (Subject, "Your talk on parsers".into()),
                (Headers, "To: Jane Doe <jane@example.com>".into()),
                (Greeting, "Hi Jane,".into()),
                (
                    Body,
                    "I watched your talk.\nCould I ask two questions?".into()
                ),
                (Closing, "Best,".into()),
                (Signature, "Sam Lee\nsam.example".into()),
            ]
        );
        let draft = Draft::parse(text);
        assert_eq!(draft.header("TO"), Some("Jane Doe <jane@example.com>"));
    }

    #[test]
    fn crlf_and_bom_spans_point_into_the_original() {
        let text = "\u{feff}Subject: Hi\r\n\r\nDear Dr. Smith,\r\nI read your paper.\r\nThanks,\r\nAna\r\n";
        let got = kinds(text);
        assert_eq!(got[1], (Subject, "Hi".into()));
        assert_eq!(got[2], (Greeting, "Dear Dr. Smith,".into()));
        assert_eq!(got[3], (Body, "I read your paper.".into()));
        assert_eq!(got[4], (Closing, "Thanks,".into()));
        assert_eq!(got[5], (Signature, "Ana".into()));
    }

    #[test]
    fn no_headers_no_greeting_no_closing_is_all_body() {
        assert_eq!(
            kinds("Can I buy you coffee?"),
            vec![(Body, "Can I buy you coffee?".into())]
        );
    }

    #[test]
    fn only_a_subject_line() {
        assert_eq!(
            kinds("Subject: Coffee?"),
            vec![
                (Headers, "Subject: Coffee?".into()),
                (Subject, "Coffee?".into())
            ]
        );
    }

    #[test]
    fn greeting_without_a_name() {
        assert_eq!(only("Hi,\n\nCan we talk?", Greeting), vec!["Hi,"]);
        assert_eq!(
            only("Hello!\nQuick question about your post.", Greeting),
            vec!["Hello!"]
        );
    }

    #[test]
    fn a_label_line_above_the_headers() {
        let text = "LinkedIn InMail\nFrom: Ana Ruiz\nSubject: Your diary-study template\n\nHello Mira,\n\nOne question.";
        assert_eq!(only(text, Subject), vec!["Your diary-study template"]);
        assert_eq!(only(text, Greeting), vec!["Hello Mira,"]);
        // A sentence, or a greeting, is not a label.
        for text in [
            "I wrote this.\nSubject: x\n\nHi Mira,\n\nOne question.",
            "Hi Mira\nSubject: x\n\nOne question.",
        ] {
            assert!(only(text, Subject).is_empty(), "{text}");
        }
    }

    #[test]
    fn greetings_in_other_languages() {
        assert_eq!(
            only("Hola, buen día:\n\nUna pregunta.", Greeting),
            vec!["Hola,"]
        );
        // The greeting word is not read as the name.
        assert_eq!(
            only("Cześć Marek,\n\nPytanie.", Greeting),
            vec!["Cześć Marek,"]
        );
        assert_eq!(
            only("Bom dia Ana!\n\nUma pergunta.", Greeting),
            vec!["Bom dia Ana!"]
        );
    }

    #[test]
    fn thanks_alone_is_body_not_closing() {
        assert_eq!(kinds("Thanks!"), vec![(Body, "Thanks!".into())]);
    }

    #[test]
    fn greeting_and_closing_on_the_same_line_as_text() {
        let text = "Hi Sam, could you send the deck? Thanks, Alex";
        assert_eq!(
            kinds(text),
            vec![
                (Greeting, "Hi Sam,".into()),
                (Body, "could you send the deck?".into()),
                (Closing, "Thanks,".into()),
                (Signature, "Alex".into()),
            ]
        );
    }

    #[test]
    fn greeting_with_comma_after_the_word_and_the_name() {
        assert_eq!(
            only("Hey, Jason, it was great meeting you.", Greeting),
            vec!["Hey, Jason,"]
        );
        assert_eq!(
            only("Hello Ms. Smith. My name is Ima.", Greeting),
            vec!["Hello Ms. Smith."]
        );
        assert_eq!(
            only("Hi there, Graham!\n\nCould you look at our roof?", Greeting),
            vec!["Hi there, Graham!"]
        );
        assert_eq!(
            only("Hi there, could you look at our roof?", Greeting),
            vec!["Hi there,"]
        );
        assert_eq!(
            only(
                "Greetings of the day, Mrs. Okonkwo!\n\nCould I ask?",
                Greeting
            ),
            vec!["Greetings of the day, Mrs. Okonkwo!"]
        );
    }

    #[test]
    fn fenced_code_in_plain_text_is_blanked_byte_for_byte() {
        let text = "Hi Ana,\n\n```py\n# URGENT: reply ASAP ✓\n```\nWould you look?\n";
        let blanked = blank_fenced_code(text).expect("a closed fence");
        assert_eq!(blanked.len(), text.len());
        assert!(!blanked.contains("URGENT") && !blanked.contains("```"));
        assert!(blanked.starts_with("Hi Ana,\n\n") && blanked.ends_with("Would you look?\n"));
        // An unclosed fence hides nothing.
        assert_eq!(blank_fenced_code("Hi,\n```\nplease reply ASAP\n"), None);
        assert_eq!(blank_fenced_code("Hi Ana, no code here."), None);
    }

    #[test]
    fn an_emoji_after_the_name_ends_the_greeting() {
        assert_eq!(
            only(
                "hey Priyanka 👋 I just joined the payments team last Monday and have a question.",
                Greeting
            ),
            vec!["hey Priyanka 👋"]
        );
    }

    #[test]
    fn a_terminator_far_past_the_name_does_not_end_the_greeting() {
        // The line is a sentence, not a long name: only the word greets.
        assert_eq!(
            only(
                "yo kesh huge fan of everything you put out 🔥 honestly one of the sharpest people here",
                Greeting
            ),
            vec!["yo"]
        );
        // A comma still ends a long address, and an emoji at the line's end
        // still ends a long greeting.
        assert_eq!(
            only(
                "Dear Dr. Lan and colleagues at the Hanoi Automation Lab, I am writing to ask.",
                Greeting
            ),
            vec!["Dear Dr. Lan and colleagues at the Hanoi Automation Lab,"]
        );
        assert_eq!(
            only(
                "hey Morag, Ewan from the bar team at the Kelpie here 👋",
                Greeting
            ),
            vec!["hey Morag,"]
        );
        assert_eq!(
            only(
                "hey there from the bar team at the Kelpie, it's Ewan 👋",
                Greeting
            ),
            vec!["hey there from the bar team at the Kelpie,"]
        );
        assert_eq!(
            only("Hey Carla - I can see you opened my notes.", Greeting),
            vec!["Hey Carla -"]
        );
    }

    #[test]
    fn bare_name_greeting_but_not_yes() {
        assert_eq!(
            only("Darla,  I'd like to add you.", Greeting),
            vec!["Darla,"]
        );
        assert!(only("Yes, of course! Thank you.", Greeting).is_empty());
    }

    #[test]
    fn dash_signature_delimiter() {
        let text = "Hi Jo,\n\nAre you free?\n\n-- \nJo's friend\nwww.example.com";
        assert_eq!(
            only(text, Signature),
            vec!["-- \nJo's friend\nwww.example.com"]
        );
        assert_eq!(only(text, Body), vec!["Are you free?"]);
    }

    #[test]
    fn quoted_reply_is_its_own_section() {
        let text = "Hi Kim,\n\nJust floating this up.\n\nOn Tue, Mar 3, 2026 at 9:00 AM Sam <s@x.org> wrote:\n> Could I pick your brain?\n> Sam";
        assert_eq!(only(text, Body), vec!["Just floating this up."]);
        assert_eq!(only(text, Quoted).len(), 1);
        assert!(only(text, Quoted)[0].starts_with("On Tue"));
    }

    #[test]
    fn angle_quoted_lines_inside_the_body() {
        let text = "Hi,\n\n> You wrote that I should ask.\nSo I am asking: what should I read?";
        assert_eq!(only(text, Quoted), vec!["> You wrote that I should ask."]);
        assert_eq!(
            only(text, Body),
            vec!["So I am asking: what should I read?"]
        );
    }

    #[test]
    fn postscript_after_the_signature() {
        let text = "Hi Al,\n\nWould Tuesday work?\n\nBest,\nBo\n\nP.S. Loved your essay on tides.";
        assert_eq!(
            only(text, Postscript),
            vec!["P.S. Loved your essay on tides."]
        );
        assert_eq!(only(text, Closing), vec!["Best,"]);
        assert_eq!(only(text, Signature), vec!["Bo"]);
    }

    #[test]
    fn a_long_link_in_the_signature_keeps_the_closing() {
        let text = "Dear Ana,\n\nOne question about your paper on soils.\n\n\
                    Yours sincerely,\nAde Nwosu\n\
                    Google Scholar: https://scholar.example.org/citations?user=anwosu-ph\n";
        assert_eq!(only(text, Closing), vec!["Yours sincerely,"]);
        // Prose that long is still prose, not a signature.
        let text = "Dear Ana,\n\nOne question about your paper on soils.\n\n\
                    Yours sincerely,\nAde Nwosu\n\
                    I also wanted to add one more thing about the field trial we ran.\n";
        assert!(only(text, Closing).is_empty());
    }

    #[test]
    fn dash_name_line_is_a_signature() {
        let text = "Hi Kevin,\n\nJust floating this back up.\n\n— Chris";
        assert_eq!(only(text, Signature), vec!["— Chris"]);
        let inline = "Hi Marcus! I read your article. Have a great Friday! – Nigella";
        assert_eq!(only(inline, Signature), vec!["– Nigella"]);
        assert_eq!(
            only(inline, Body),
            vec!["I read your article. Have a great Friday!"]
        );
    }

    #[test]
    fn empty_and_blank_drafts_have_no_sections() {
        assert!(kinds("").is_empty());
        assert!(kinds("\n\n  \r\n").is_empty());
    }

    #[test]
    fn wrapped_lines_are_joined_for_matching_but_lists_are_not() {
        let text = "I'd\nlove to.\n\nTopics:\n- one\n2. two\nend";
        let joined = unwrap_lines(text);
        assert_eq!(joined, "I'd love to.\n\nTopics:\n- one\n2. two end");
        assert_eq!(joined.len(), text.len());
        // A rule of underscores keeps its own line; a blank in a sentence
        // is joined like any word.
        let text = "Ana Ruiz, RN\n__________\nNorth Clinic\nI'm at ____\nnow";
        assert_eq!(
            unwrap_lines(text),
            "Ana Ruiz, RN\n__________\nNorth Clinic I'm at ____ now"
        );
    }

    #[test]
    fn folded_header_lines_join_their_header() {
        let text = "Subject: A long\n subject line\nTo: a@b.c\n\nHi";
        let draft = Draft::parse(text);
        assert_eq!(draft.subject(), Some("A long\n subject line"));
        assert_eq!(draft.header("to"), Some("a@b.c"));
    }
}
