//! What a draft is: a cold request, an introduction, a follow-up…
//!
//! Some rules only make sense for some messages (`references-their-work`
//! should not nag a thank-you note), so each draft gets a [`MessageKind`]:
//! from an `X-Outreach-Kind:` header when it has one, else detected from the
//! text. Callers can override both (`LintOptions::kind`).

use std::sync::LazyLock;

use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::util::syntax;
use regex_automata::{Input, MatchKind, PatternSet, meta};
use serde::{Deserialize, Serialize};

use crate::draft::{Draft, SectionKind};
use crate::signals::{SIGNALS_BY_KIND, TWO_NAMES_PATTERN};
use crate::stand_in::Road;

/// The kinds of message outreach-lint tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MessageKind {
    /// A first message asking a stranger for something.
    ColdRequest,
    /// Asking someone to introduce you to a third person.
    IntroRequest,
    /// Introducing two people to each other.
    IntroMade,
    /// A nudge after an earlier message.
    FollowUp,
    /// Thanks after a meeting or a favour.
    ThankYou,
    /// None of the above (a reply, a note with no ask).
    Other,
}

impl MessageKind {
    /// Every kind.
    pub const ALL: [MessageKind; 6] = [
        MessageKind::ColdRequest,
        MessageKind::IntroRequest,
        MessageKind::IntroMade,
        MessageKind::FollowUp,
        MessageKind::ThankYou,
        MessageKind::Other,
    ];

    /// The kebab-case name used in packs, headers, flags and JSON.
    ///
    /// ```
    /// use outreach_lint::MessageKind;
    /// assert_eq!(MessageKind::IntroMade.name(), "intro-made");
    /// assert_eq!(MessageKind::from_name("follow-up"), Some(MessageKind::FollowUp));
    /// assert_eq!(MessageKind::from_name("cold"), Some(MessageKind::ColdRequest));
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            MessageKind::ColdRequest => "cold-request",
            MessageKind::IntroRequest => "intro-request",
            MessageKind::IntroMade => "intro-made",
            MessageKind::FollowUp => "follow-up",
            MessageKind::ThankYou => "thank-you",
            MessageKind::Other => "other",
        }
    }

    /// The kind with this name (a few short aliases are accepted).
    pub fn from_name(name: &str) -> Option<MessageKind> {
        let name = name.trim().to_ascii_lowercase();
        let alias = match name.as_str() {
            "cold" => "cold-request",
            // No `intro`: it reads as either kind of introduction.
            "followup" => "follow-up",
            "thanks" | "thankyou" => "thank-you",
            other => other,
        };
        MessageKind::ALL.into_iter().find(|k| k.name() == alias)
    }

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
        if let Some(kind) = from_header(draft) {
            return kind;
        }
        let text = signal_text(draft);
        // The phrasings read the same through a stand-in (a test checks).
        let hits =
            Road::of(&text, || true).run(|t| SIGNALS_ASCII.matches(t), |t| SIGNALS.matches(t));
        decide(
            |i| hits.contains(&i),
            || {
                greeting(draft).is_some_and(|g| {
                    Road::of(g, || true)
                        .run(|t| TWO_NAMES_ASCII.is_match(t), |t| TWO_NAMES.is_match(t))
                })
            },
        )
    }
}

/// The kind an `X-Outreach-Kind:` header names, if it names one.
pub(crate) fn from_header(draft: &Draft<'_>) -> Option<MessageKind> {
    draft
        .header("x-outreach-kind")
        .and_then(MessageKind::from_name)
}

/// Whether a section is read for signals: subject, greeting, body, P.S.
pub(crate) fn holds_signals(kind: SectionKind) -> bool {
    matches!(
        kind,
        SectionKind::Subject | SectionKind::Greeting | SectionKind::Body | SectionKind::Postscript
    )
}

/// The text signals are looked for in: the sections that hold them, one
/// per line.
pub(crate) fn signal_text(draft: &Draft<'_>) -> String {
    draft
        .sections()
        .iter()
        .filter(|s| holds_signals(s.kind))
        .filter_map(|s| draft.match_text().get(s.norm.range()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The greeting's text, if the draft has one.
fn greeting<'d>(draft: &'d Draft<'_>) -> Option<&'d str> {
    draft
        .sections()
        .iter()
        .find(|s| s.kind == SectionKind::Greeting)
        .and_then(|s| draft.match_text().get(s.norm.range()))
}

/// The kind, from which signals occur (`has`, by the indexes below) and
/// whether the greeting names two people. Signals are asked for lazily, in
/// order, so a caller can skip the ones the answer does not need.
pub(crate) fn decide(has: impl Fn(usize) -> bool, two_names: impl Fn() -> bool) -> MessageKind {
    if has(INTRO_MADE) || two_names() {
        MessageKind::IntroMade
    } else if has(INTRO_REQUEST) {
        MessageKind::IntroRequest
    } else if has(FOLLOW_UP) {
        MessageKind::FollowUp
    } else if has(THANK_YOU) && !has(REQUEST) {
        MessageKind::ThankYou
    } else if has(REQUEST) {
        MessageKind::ColdRequest
    } else {
        MessageKind::Other
    }
}

impl std::fmt::Display for MessageKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

const INTRO_MADE: usize = 0;
const INTRO_REQUEST: usize = 1;
const FOLLOW_UP: usize = 2;
const THANK_YOU: usize = 3;
const REQUEST: usize = 4;

/// Each signal's phrasings joined into one pattern.
fn signal_patterns() -> Vec<String> {
    SIGNALS_BY_KIND
        .iter()
        .map(|alts| {
            alts.iter()
                .map(|a| format!("(?:{a})"))
                .collect::<Vec<_>>()
                .join("|")
        })
        .collect()
}

/// One pattern per signal; a single pass over the text finds them all.
static SIGNALS: LazyLock<SignalSet> = LazyLock::new(|| SignalSet::new(&signal_patterns(), true));
/// The same without Unicode classes: `\w`, `\s` and `\b` agree with their
/// Unicode forms on ASCII text, and ASCII letters case-fold only to each
/// other, so on ASCII text it finds exactly what [`SIGNALS`] finds.
static SIGNALS_ASCII: LazyLock<SignalSet> =
    LazyLock::new(|| SignalSet::new(&signal_patterns(), false));
static TWO_NAMES: LazyLock<SignalSet> =
    LazyLock::new(|| SignalSet::new(&[TWO_NAMES_PATTERN], true));
static TWO_NAMES_ASCII: LazyLock<SignalSet> =
    LazyLock::new(|| SignalSet::new(&[TWO_NAMES_PATTERN], false));

/// Patterns searched together, reporting which of them match anywhere.
///
/// Built with the regex crate's engine directly rather than as a
/// `RegexSet`, to leave out what detection never uses and what costs most
/// of the build: capture groups and the literal prefilter (the patterns
/// are alternations of many phrases, so its literal extraction is slow).
struct SignalSet(meta::Regex);

impl SignalSet {
    /// Compile this module's own patterns; they are literals exercised by
    /// the doctests and unit tests, so failure here is a build-time bug.
    #[allow(clippy::expect_used)]
    fn new<P: AsRef<str>>(patterns: &[P], unicode: bool) -> SignalSet {
        let config = meta::Config::new()
            .match_kind(MatchKind::All)
            .which_captures(WhichCaptures::None)
            .auto_prefilter(false);
        let regex = meta::Builder::new()
            .configure(config)
            .syntax(
                syntax::Config::new()
                    .case_insensitive(true)
                    .multi_line(true)
                    .unicode(unicode)
                    .utf8(unicode),
            )
            .build_many(patterns)
            .expect("built-in kind patterns are valid");
        SignalSet(regex)
    }

    /// Indices of the patterns that match somewhere in `text`.
    fn matches(&self, text: &str) -> Vec<usize> {
        let mut set = PatternSet::new(self.0.pattern_len());
        self.0
            .which_overlapping_matches(&Input::new(text), &mut set);
        set.iter().map(|p| p.as_usize()).collect()
    }

    /// Whether any pattern matches somewhere in `text`.
    fn is_match(&self, text: &str) -> bool {
        self.0.is_match(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stand_in::StandIn;

    fn kind(text: &str) -> MessageKind {
        MessageKind::detect(&Draft::parse(text))
    }

    #[test]
    fn ascii_forms_agree_with_the_unicode_ones_on_ascii_text() {
        let mut texts: Vec<String> = xtask::drafts(11, 300).collect();
        texts.push("Hi Sam and Ali,\n\nSam, meet Ali. You two should talk!".to_owned());
        texts.push("THANKS FOR TAKING THE TIME. following up on my last note".to_owned());
        let mut signals = 0;
        for text in texts.iter().filter(|t| t.is_ascii()) {
            let unicode: Vec<usize> = SIGNALS.matches(text).into_iter().collect();
            let ascii: Vec<usize> = SIGNALS_ASCII.matches(text).into_iter().collect();
            assert_eq!(ascii, unicode, "{text}");
            signals += unicode.len();
            for line in text.lines() {
                assert_eq!(
                    TWO_NAMES_ASCII.is_match(line),
                    TWO_NAMES.is_match(line),
                    "{line}"
                );
            }
        }
        assert!(signals > 200, "only {signals} signals");
    }

    #[test]
    fn stand_ins_find_the_unicode_signals_in_non_ascii_text() {
        for p in SIGNALS_BY_KIND
            .iter()
            .flat_map(|a| a.iter())
            .chain([&TWO_NAMES_PATTERN])
        {
            assert!(crate::stand_in::is_safe(p), "{p}");
        }
        // Accents, dashes and odd spaces next to every kind of signal,
        // including where they decide a word boundary.
        let mut texts: Vec<String> = xtask::drafts(12, 300)
            .map(|t| {
                t.replace("Hi ", "Hi Zoë ")
                    .replace(" you", "\u{a0}you")
                    .replace(", ", "é, ")
            })
            .collect();
        texts.extend(
            [
                "Hi Zoë and Łukasz,\n\nZoë, meet Łukasz — you two should talk!",
                "Hi Åsa,\n\nÅsa, please meet Bo.",
                "Olá — could you introduce me to Inês?",
                "Following upé on my last note; checkingé in.",
                "Danke — thanks for taking the time, Jürgen.",
                "Hello Ana,\u{2003}would you\u{a0}review this?",
            ]
            .map(str::to_owned),
        );
        let mut signals = 0;
        for text in texts.iter().filter(|t| !t.is_ascii()) {
            let s = StandIn::new(text).expect("no digit or fold trap here");
            let unicode: Vec<usize> = SIGNALS.matches(text).into_iter().collect();
            let stand_in: Vec<usize> = SIGNALS_ASCII.matches(s.text()).into_iter().collect();
            assert_eq!(stand_in, unicode, "{text}");
            signals += unicode.len();
            for line in text.lines() {
                let s = StandIn::new(line).expect("stand-in");
                assert_eq!(
                    TWO_NAMES_ASCII.is_match(s.text()),
                    TWO_NAMES.is_match(line),
                    "{line}"
                );
            }
        }
        assert!(signals > 200, "only {signals} signals");
    }

    #[test]
    fn greeting_two_people_is_an_introduction() {
        assert_eq!(
            kind("Hi Farah and Joel,\n\nHere you go."),
            MessageKind::IntroMade
        );
    }

    #[test]
    fn thanks_with_a_new_ask_is_still_a_request() {
        assert_eq!(
            kind("Thank you for the call! Could you send the slides?"),
            MessageKind::ColdRequest
        );
    }

    #[test]
    fn header_overrides_the_text_but_only_with_a_known_kind() {
        assert_eq!(
            kind("X-Outreach-Kind: thank-you\n\nCould you help?"),
            MessageKind::ThankYou
        );
        assert_eq!(
            kind("X-Outreach-Kind: nonsense\n\nCould you help?"),
            MessageKind::ColdRequest
        );
    }

    #[test]
    fn a_note_with_no_ask_is_other() {
        assert_eq!(
            kind("Alice sends regrets that she cannot make the intro."),
            MessageKind::Other
        );
        assert_eq!(kind(""), MessageKind::Other);
    }
}
