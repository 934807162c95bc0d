//! The kinds of message a draft can be, by name. Detecting a draft's kind
//! is the linter's work (`crate::lint::kind`).

use serde::{Deserialize, Serialize};

/// The kinds of message outreach-lint tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
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
}

impl std::fmt::Display for MessageKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A kind name that is not one of [`MessageKind::ALL`] (nor an alias).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownKind(pub String);

impl std::fmt::Display for UnknownKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names = MessageKind::ALL.map(MessageKind::name);
        write!(
            f,
            "unknown message kind `{}`; kinds are: {}",
            self.0,
            names.join(", ")
        )
    }
}

impl std::error::Error for UnknownKind {}

/// The same names as [`MessageKind::from_name`].
///
/// ```
/// use outreach_lint::MessageKind;
/// assert_eq!("thank-you".parse::<MessageKind>(), Ok(MessageKind::ThankYou));
/// let err = "thank-yuo".parse::<MessageKind>().unwrap_err();
/// assert!(err.to_string().starts_with("unknown message kind `thank-yuo`; kinds are: cold-request"));
/// ```
impl std::str::FromStr for MessageKind {
    type Err = UnknownKind;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        MessageKind::from_name(s).ok_or_else(|| UnknownKind(s.to_owned()))
    }
}
