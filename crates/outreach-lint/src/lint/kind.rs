//! Which kind of message a draft is: a cold request, an introduction, a
//! follow-up… Some rules only make sense for some messages
//! (`references-their-work` should not nag a thank-you note), so each draft
//! gets a [`MessageKind`]: from an `X-Outreach-Kind:` header when it has
//! one, else detected from the text by the phrasings of the `kinds` pack
//! (`rules/kinds.toml`). Callers can override both (`LintOptions::kind`).

use std::sync::Arc;

use crate::draft::{Draft, SectionKind};
use crate::error::LoadError;
use crate::lint::Linter;
use crate::lint::context::Context;
use crate::matcher::{MatcherBuilder, Pattern};
use crate::pack::Pack;
use crate::rules::{MessageKind, PatternSet};

impl MessageKind {
    /// Detect the kind of a parsed draft: the `X-Outreach-Kind:` header if it
    /// names a kind, else the text.
    ///
    /// ```
    /// use outreach_lint::{Draft, MessageKind};
    /// let kind = |t| MessageKind::detect(&Draft::parse(t));
    /// assert_eq!(kind("Hi Ana,\n\nAna, meet Bo. You two should talk."), MessageKind::IntroMade);
    /// assert_eq!(kind("Hi Jo,\n\nCould you introduce me to Bo?"), MessageKind::IntroRequest);
    /// assert_eq!(kind("Hi Jo,\n\nJust following up on my last email."), MessageKind::FollowUp);
    /// assert_eq!(kind("Hi Jo,\n\nThank you for taking the time to meet yesterday."), MessageKind::ThankYou);
    /// assert_eq!(kind("Hi Jo,\n\nWould you have 15 minutes for two questions?"), MessageKind::ColdRequest);
    /// assert_eq!(kind("X-Outreach-Kind: follow-up\n\nHi Jo"), MessageKind::FollowUp);
    /// ```
    pub fn detect(draft: &Draft<'_>) -> MessageKind {
        Linter::builtin().detect_kind(draft)
    }
}

/// The signals, each a set of the `kinds` pack, in the order they are
/// weighed (see [`KindDetector::detect`]).
const SIGNALS: [&str; 5] = [
    "intro-made",
    "intro-request",
    "follow-up",
    "thank-you",
    "ask",
];

/// The kind each signal decides.
const DECIDES: [MessageKind; 5] = [
    MessageKind::IntroMade,
    MessageKind::IntroRequest,
    MessageKind::FollowUp,
    MessageKind::ThankYou,
    MessageKind::ColdRequest,
];

/// Why a draft was read as its kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Reason {
    /// Its `X-Outreach-Kind:` header.
    Header,
    /// A signal's words, as matched.
    Words { signal: &'static str, words: String },
    /// No signal matched.
    Nothing,
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reason::Header => f.write_str("its X-Outreach-Kind header"),
            Reason::Words { signal, words } => write!(f, "{signal}: \"{words}\""),
            Reason::Nothing => f.write_str("no ask, introduction, follow-up or thanks found"),
        }
    }
}

/// The phrasings that tell a draft's kind, one pattern set per signal.
#[derive(Debug, Clone)]
pub(crate) struct KindDetector {
    /// By the order of [`SIGNALS`].
    signals: Vec<PatternSet>,
}

impl KindDetector {
    /// The detector of the `kinds` pack.
    ///
    /// # Errors
    ///
    /// When `pack` lacks one of the signal sets.
    pub(crate) fn from_pack(pack: &Pack) -> Result<KindDetector, LoadError> {
        let signals = SIGNALS
            .iter()
            .map(|name| {
                let sources = pack.set(name).ok_or_else(|| {
                    LoadError::new(
                        pack.name(),
                        &Arc::from(""),
                        None,
                        format!("the kinds pack has no pattern set `{name}`"),
                    )
                })?;
                Ok(PatternSet::new(
                    sources
                        .iter()
                        .map(|s| Arc::new(Pattern::trusted(s)))
                        .collect(),
                ))
            })
            .collect::<Result<_, LoadError>>()?;
        Ok(KindDetector { signals })
    }

    /// The pattern sets, one per signal.
    #[cfg(test)]
    pub(crate) fn sets(&self) -> impl Iterator<Item = &PatternSet> {
        self.signals.iter()
    }

    /// Register every phrasing with the linter's matcher.
    pub(crate) fn register(&mut self, matcher: &mut MatcherBuilder) {
        for set in &mut self.signals {
            set.ids = set.patterns.iter().map(|p| matcher.add(p)).collect();
        }
    }

    /// The kind of the draft in `cx`, and why: its `X-Outreach-Kind:`
    /// header if it names one (read only when `header` is true), else the
    /// first signal found of: an introduction made, a request for one, a
    /// follow-up, thanks that open the message, any ask; else "other".
    ///
    /// Thanks count only in the subject and the message's first paragraph,
    /// so a request that ends "thank you for your time" stays a request,
    /// and a thank-you note with a small ask after it stays a thank-you.
    pub(crate) fn detect(&self, cx: &Context<'_>, header: bool) -> (MessageKind, Reason) {
        if let Some(kind) = from_header(cx.draft()).filter(|_| header) {
            return (kind, Reason::Header);
        }
        let draft = cx.draft();
        // One text for the sections, one per line, so a phrasing's `^` may
        // start any of them.
        let (text, parts) = join(
            draft
                .sections()
                .iter()
                .enumerate()
                .filter(|(_, s)| holds_signals(s.kind))
                .map(|(i, _)| (i, cx.section_text(i))),
        );
        let (opening, opening_parts) = opening(cx);
        let (text_lower, opening_lower) = (text.to_ascii_lowercase(), opening.to_ascii_lowercase());
        for ((signal, kind), set) in SIGNALS.iter().zip(DECIDES).zip(&self.signals) {
            let (within, lower, parts) = if *signal == "thank-you" {
                (
                    opening.as_str(),
                    opening_lower.as_str(),
                    opening_parts.as_slice(),
                )
            } else {
                (text.as_str(), text_lower.as_str(), parts.as_slice())
            };
            if let Some(m) = cx.first_match_joined(set, parts, within, lower) {
                let words = within.get(m.range()).unwrap_or_default();
                let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
                return (kind, Reason::Words { signal, words });
            }
        }
        (MessageKind::Other, Reason::Nothing)
    }
}

/// The subject and the first paragraph of the message: where thanks open
/// a thank-you note.
fn opening(cx: &Context<'_>) -> (String, Vec<(usize, usize)>) {
    let sections = cx.sections();
    let subject = sections
        .iter()
        .position(|s| s.kind == SectionKind::Subject)
        .map(|i| (i, cx.section_text(i)));
    let first = sections
        .iter()
        .position(|s| s.kind == SectionKind::Body)
        .map(|i| {
            let body = cx.section_text(i);
            (i, body.split("\n\n").next().unwrap_or(body))
        });
    join(subject.into_iter().chain(first))
}

/// Texts of sections joined one per line, with each one's section index
/// and offset in the result (a text that starts a section keeps that
/// section's offsets, so its needles' positions carry over).
fn join<'t>(parts: impl Iterator<Item = (usize, &'t str)>) -> (String, Vec<(usize, usize)>) {
    let mut text = String::new();
    let mut offsets = Vec::new();
    for (i, part) in parts {
        if !offsets.is_empty() {
            text.push('\n');
        }
        offsets.push((i, text.len()));
        text.push_str(part);
    }
    (text, offsets)
}

/// The kind an `X-Outreach-Kind:` header names, if it names one.
pub(crate) fn from_header(draft: &Draft<'_>) -> Option<MessageKind> {
    draft
        .header("x-outreach-kind")
        .and_then(MessageKind::from_name)
}

/// Whether a section is read for signals: subject, greeting, body, P.S.
fn holds_signals(kind: SectionKind) -> bool {
    matches!(
        kind,
        SectionKind::Subject | SectionKind::Greeting | SectionKind::Body | SectionKind::Postscript
    )
}

#[cfg(test)]
mod tests {
    use crate::{Draft, LintOptions, Linter, MessageKind};

    fn read(text: &str) -> (MessageKind, Option<String>) {
        let report = Linter::builtin().lint_draft(&Draft::parse(text), &LintOptions::default());
        (report.kind, report.kind_reason)
    }

    #[test]
    fn a_request_to_two_people_is_not_an_introduction() {
        let (kind, why) = read(
            "Hi Ana and Bo,\n\nCould either of you spare 15 minutes to tell me how you moved into data engineering?\n\nThanks,\nLee\n",
        );
        assert_eq!(kind, MessageKind::ColdRequest);
        assert!(why.is_some_and(|w| w.starts_with("ask: ")));
    }

    #[test]
    fn thanks_that_open_the_message_make_a_thank_you_note_even_with_a_small_ask() {
        let (kind, why) = read(
            "Hi Ana,\n\nThank you for taking the time to meet yesterday. One small thing: could you send the slides?\n\nBest,\nLee\n",
        );
        assert_eq!(kind, MessageKind::ThankYou);
        assert_eq!(
            why.as_deref(),
            Some("thank-you: \"Thank you for taking the time\"")
        );
        // Thanks that close a request leave it a request.
        let (kind, _) = read(
            "Hi Ana,\n\nCould I ask you two questions about your post on caching?\n\nThank you for your time.\n\nBest,\nLee\n",
        );
        assert_eq!(kind, MessageKind::ColdRequest);
    }

    #[test]
    fn the_words_that_decided_are_the_reason() {
        let (kind, why) = read("Hi Ana,\n\nAna, meet Bo. You two should talk.\n");
        assert_eq!(kind, MessageKind::IntroMade);
        assert!(why.is_some_and(|w| w.starts_with("intro-made: ")));
        let (kind, why) = read("X-Outreach-Kind: follow-up\n\nHi Jo");
        assert_eq!(kind, MessageKind::FollowUp);
        assert_eq!(why.as_deref(), Some("its X-Outreach-Kind header"));
        let (kind, why) = read("Hi Jo,\n\nA note, with nothing in it.\n");
        assert_eq!(kind, MessageKind::Other);
        assert!(why.is_some_and(|w| w.starts_with("no ask")));
    }
}
