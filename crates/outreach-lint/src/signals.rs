//! The phrasings that tell what kind of message a draft is
//! ([`crate::kind`]). Plain data, so the build script can read them too.

/// The phrasings of each signal, in the order of the signal indexes in
/// [`crate::kind`] (made, request, follow-up, thanks, ask). They
/// are matched case-insensitively, `^` at the start of any line; a signal
/// occurs when any of its phrasings matches. The linter's engine runs each
/// phrasing on its own (only those whose literals occur); detection
/// without a linter joins them into one pattern per signal.
pub(crate) const SIGNALS_BY_KIND: [&[&str]; 5] = [
    &[
        r"^\s*[\w'-]+(?: [\w'-]+){0,2},\s+(?:please )?meet\b",
        r"\bintroduc(?:e|ing) you (?:both|two|to each other|to (?-i:[A-Z]))",
        r"\byou two should\b",
        r"\b(?:let|leave) (?:you|it to you)(?: two| both)? (?:to )?take it from here\b",
        r"\bthis is an introduction\b",
        r"\blooping in\b",
        r"\b(?:I'd like|I want|I wanted) you to meet\b",
    ],
    &[
        r"\b(?:introduce|connect) me (?:to|with)\b",
        r"\bput me in touch with\b",
        r"\b(?:make|do) (?:an |the |a )?intro(?:duction)? (?:to|for me)\b",
        r"\bdo you know (?:anyone|someone|anybody) (?:at|who|in|on)\b",
        r"\bany other contacts\b",
    ],
    &[
        r"\b(?:just )?(?:following|follow) up on\b",
        r"\bfollowing up\b",
        r"\bchecking in\b",
        r"\bcircling back\b",
        r"\bbump(?:ing)? (?:this|to the top)\b",
        r"\bfloating this\b",
        r"\b(?:my|the) (?:previous|last|earlier) (?:email|message|note)\b",
        r"\bhaven't heard back\b",
        r"\bin case (?:it|this) got buried\b",
    ],
    &[
        r"^\s*(?:thank you|thanks|many thanks)(?: so much| again)? for (?:taking the time|meeting|the (?:call|chat|meeting|conversation|intro(?:duction)?)|your time|speaking|talking|chatting|telling me|sharing|the advice|your help)",
    ],
    &[
        r"\b(?:would|could|can|will) you\b",
        r"\b(?:are|were) you (?:open|willing|available|free)\b",
        r"\bif you (?:could|can|would|have)\b",
        r"\b(?:can|may|could) I\b",
        r"\bI(?:'d| would) (?:love|like) to\b",
        r"\b(?:be|am) (?:hoping|wondering)\b",
        r"\badd you to my\b",
        r"\?",
    ],
];

/// A greeting to two people ("Hi Ana and Bo"), read in the greeting alone.
pub(crate) const TWO_NAMES_PATTERN: &str =
    r"\A(?:hi|hey|hello|dear)\s+(?-i:[A-Z])[\w'-]+\s+(?:and|&|\+)\s+(?-i:[A-Z])[\w'-]+";
