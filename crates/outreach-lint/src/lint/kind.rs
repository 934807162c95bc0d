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
const SIGNALS: [&str; 6] = [
    "intro-made",
    "two-names",
    "intro-request",
    "follow-up",
    "thank-you",
    "ask",
];

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

    /// The kind of the draft in `cx`: its `X-Outreach-Kind:` header if it
    /// names one, else an introduction made, then a request for one, a
    /// follow-up, thanks without an ask, any ask, else "other". The header
    /// is read only when `header` is true.
    pub(crate) fn detect(&self, cx: &Context<'_>, header: bool) -> MessageKind {
        if let Some(kind) = from_header(cx.draft()).filter(|_| header) {
            return kind;
        }
        let draft = cx.draft();
        let (indexes, parts): (Vec<usize>, Vec<&str>) = draft
            .sections()
            .iter()
            .enumerate()
            .filter(|(_, s)| holds_signals(s.kind))
            .map(|(i, s)| (i, cx.text(s.norm)))
            .unzip();
        // One text for the sections, one per line, so a phrasing's `^` may
        // start any of them.
        let text = parts.join("\n");
        let has = |signal: &str| {
            let Some(set) = SIGNALS
                .iter()
                .position(|s| *s == signal)
                .and_then(|i| self.signals.get(i))
            else {
                return false;
            };
            if signal == "two-names" {
                return draft
                    .sections()
                    .iter()
                    .position(|s| s.kind == SectionKind::Greeting)
                    .is_some_and(|g| cx.is_match(set, g));
            }
            cx.is_match_joined(set, &indexes, &text)
        };
        if has("intro-made") || has("two-names") {
            MessageKind::IntroMade
        } else if has("intro-request") {
            MessageKind::IntroRequest
        } else if has("follow-up") {
            MessageKind::FollowUp
        } else if has("thank-you") && !has("ask") {
            MessageKind::ThankYou
        } else if has("ask") {
            MessageKind::ColdRequest
        } else {
            MessageKind::Other
        }
    }
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
