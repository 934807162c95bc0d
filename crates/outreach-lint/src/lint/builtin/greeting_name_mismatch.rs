//! `greeting-name-mismatch`: the greeting names someone the message is not
//! addressed to ("Hi Sarah," in a message to Priya), the classic mail-merge
//! slip.
//!
//! The recipient's names come from the `To:` header: the display name
//! ("Priya Raman <p@x.org>") or, without one, the address's local part
//! (`priya.raman@`). Silent when there is no `To:`, no greeting, or no name
//! in the greeting. Names are compared case- and accent-insensitively, with
//! common short forms (Bob for Robert), prefixes (Chris for Christina) and
//! endings of four letters or more (Seun for Oluwaseun).

use crate::draft::SectionKind;
use crate::lint::context::Context;
use crate::rules::Sections;
use crate::span::Span;

const TITLES: &[&str] = &[
    "dr",
    "mr",
    "mrs",
    "ms",
    "mx",
    "miss",
    "prof",
    "professor",
    "sir",
    "madam",
    "dear",
    // Clergy and office: "Dear Father Brennan" to "Fr. Michael Brennan".
    "father",
    "fr",
    "sister",
    "brother",
    "rev",
    "reverend",
    "pastor",
    "rabbi",
    "imam",
    "canon",
    "bishop",
    "cllr",
    "councillor",
];
const NOT_NAMES: &[&str] = &[
    "there",
    "team",
    "all",
    "everyone",
    "everybody",
    "folks",
    "friend",
    "friends",
    "and",
    "hi",
    "hello",
    "hey",
    "again",
    // Roles and offices, not names: "Dear Hiring Manager".
    "hiring",
    "manager",
    "managers",
    "recruiter",
    "recruiters",
    "recruiting",
    "editor",
    "editors",
    "committee",
    "admissions",
    "department",
    "colleague",
    "colleagues",
    "sir/madam",
    "director",
    "coordinator",
    "officer",
    "host",
    "producer",
    "founder",
    "founders",
    "author",
    "reviewer",
    "reviewers",
    "staff",
    "board",
    "members",
    "partner",
    "partners",
];
const ROLE_MAILBOXES: &[&str] = &[
    "info",
    "hello",
    "contact",
    "team",
    "jobs",
    "careers",
    "admin",
    "support",
    "sales",
    "hr",
    "recruiting",
    "office",
    "press",
    "mail",
    "inbox",
];

/// Short forms and the names they stand for.
const ALIASES: &[(&str, &str)] = &[
    // Diminutives that share few letters with the name: Russian, Spanish.
    ("sasha", "aleksandr"),
    ("sasha", "alexander"),
    ("sasha", "aleksandra"),
    ("sasha", "alexandra"),
    ("misha", "mikhail"),
    ("dima", "dmitry"),
    ("dima", "dmitri"),
    ("kolya", "nikolai"),
    ("vanya", "ivan"),
    ("pasha", "pavel"),
    ("tanya", "tatiana"),
    ("tanya", "tatyana"),
    ("natasha", "natalia"),
    ("natasha", "natalya"),
    ("katya", "ekaterina"),
    ("katya", "yekaterina"),
    ("zhenya", "evgeny"),
    ("zhenya", "yevgeny"),
    ("pepe", "jose"),
    ("paco", "francisco"),
    ("nacho", "ignacio"),
    ("bob", "robert"),
    ("rob", "robert"),
    ("bobby", "robert"),
    ("bill", "william"),
    ("will", "william"),
    ("liz", "elizabeth"),
    ("beth", "elizabeth"),
    ("betty", "elizabeth"),
    ("mike", "michael"),
    ("jim", "james"),
    ("jimmy", "james"),
    ("kate", "katherine"),
    ("katie", "katherine"),
    ("kathy", "katherine"),
    ("dave", "david"),
    ("tom", "thomas"),
    ("matt", "matthew"),
    ("nick", "nicholas"),
    ("tony", "anthony"),
    ("andy", "andrew"),
    ("ben", "benjamin"),
    ("joe", "joseph"),
    ("steve", "stephen"),
    ("steve", "steven"),
    ("jen", "jennifer"),
    ("jenny", "jennifer"),
    ("pat", "patricia"),
    ("pat", "patrick"),
    ("ed", "edward"),
    ("ted", "edward"),
    ("greg", "gregory"),
    ("jon", "jonathan"),
    ("josh", "joshua"),
    ("nate", "nathan"),
    ("zach", "zachary"),
    ("meg", "margaret"),
    ("peggy", "margaret"),
    ("maggie", "margaret"),
    ("sasha", "alexandra"),
    ("sasha", "alexander"),
    ("dick", "richard"),
    ("rick", "richard"),
    ("rich", "richard"),
    ("chuck", "charles"),
    ("charlie", "charles"),
    ("sue", "susan"),
    ("suzy", "susan"),
    ("abby", "abigail"),
    ("vicky", "victoria"),
    ("larry", "lawrence"),
];

pub(crate) fn run(scan: &Context<'_>, sections: Sections, out: &mut Vec<(SectionKind, Span)>) {
    if !sections.contains(SectionKind::Greeting) {
        return;
    }
    let draft = scan.draft();
    let Some(to) = draft.header("to") else { return };
    let recipients = recipient_names(to);
    if recipients.is_empty() {
        return;
    }
    let Some((index, greeting)) = draft
        .sections()
        .iter()
        .enumerate()
        .find(|(_, s)| s.kind == SectionKind::Greeting)
    else {
        return;
    };
    let text = scan.section_text(index);
    let names = greeting_names(text);
    if names.is_empty() {
        return;
    }
    // Each name in the greeting must belong to some recipient.
    for (start, name) in names {
        let folded = fold(name);
        if !recipients.iter().any(|r| r.matches(&folded)) {
            let at = greeting.norm.start + start;
            out.push((SectionKind::Greeting, Span::new(at, at + name.len())));
        }
    }
}

/// A recipient's name words, or the bare local part of the address.
enum Recipient {
    Names(Vec<String>),
    LocalPart(String),
}

impl Recipient {
    fn matches(&self, name: &str) -> bool {
        match self {
            Recipient::Names(words) => words.iter().any(|w| same_name(w, name)),
            // A bare address is weak evidence: "jdoe@" may well be Jane.
            Recipient::LocalPart(local) => {
                local.contains(name)
                    || local.chars().next() == name.chars().next()
                    || same_name(local, name)
            }
        }
    }
}

/// Whether the greeting's `b` may name the recipient's `a`.
fn same_name(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() >= 3 && long.starts_with(short) {
        return true;
    }
    // Short forms from the end of the recipient's name, `a`: Seun for
    // Oluwaseun, Femi for Olufemi, Drew for Andrew. Not the other way
    // round: Elena is not a long form of Lena.
    if b.len() >= 4 && a.len() > b.len() && a.ends_with(b) {
        return true;
    }
    ALIASES
        .iter()
        .any(|&(s, l)| (s == a && l == b) || (s == b && l == a))
}

fn recipient_names(to: &str) -> Vec<Recipient> {
    let mut out = Vec::new();
    for part in to.split([',', ';']) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let (display, address) = match part.split_once('<') {
            Some((d, a)) => (
                d.trim().trim_matches('"').trim(),
                a.trim_end_matches('>').trim(),
            ),
            None if part.contains('@') => ("", part),
            None => (part, ""),
        };
        let words: Vec<String> = display
            .split(|c: char| !c.is_alphabetic() && c != '\'' && c != '-')
            .filter(|w| w.len() > 1)
            .map(fold)
            .collect();
        if !words.is_empty() {
            out.push(Recipient::Names(words));
            continue;
        }
        let local = address.split('@').next().unwrap_or_default();
        let parts: Vec<String> = local
            .split(['.', '_', '-', '+'])
            .filter(|w| w.chars().all(char::is_alphabetic) && w.len() > 1)
            .map(fold)
            .collect();
        // Each arm indexes only parts it knows exist.
        match parts.len() {
            0 => {}
            1 if ROLE_MAILBOXES.contains(&parts[0].as_str()) => {}
            1 => out.push(Recipient::LocalPart(parts[0].clone())),
            _ => out.push(Recipient::Names(parts)),
        }
    }
    out
}

/// The capitalised name words of a greeting, with their offsets.
fn greeting_names(greeting: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut first = true;
    for (at, word) in unicode_segmentation::UnicodeSegmentation::unicode_word_indices(greeting) {
        if first {
            first = false; // the greeting word itself
            continue;
        }
        let lower = word.to_lowercase();
        if TITLES.contains(&lower.as_str()) || NOT_NAMES.contains(&lower.as_str()) {
            continue;
        }
        if word.chars().next().is_some_and(char::is_uppercase)
            && word
                .chars()
                .all(|c| c.is_alphabetic() || c == '\'' || c == '-')
        {
            out.push((at, word));
        }
    }
    // Only the first name of "Hi Jane Doe," needs to match; an unknown
    // surname is not a mismatch. Keep the first word after each conjunction.
    let mut kept = Vec::new();
    let mut take_next = true;
    let lowered = greeting.to_lowercase();
    for (at, word) in out {
        let before = lowered.get(..at).unwrap_or_default();
        let after_conjunction = before.trim_end().ends_with(" and")
            || before.trim_end().ends_with('&')
            || before.trim_end().ends_with('+')
            || before.trim_end().ends_with(',');
        if take_next || after_conjunction {
            kept.push((at, word));
        }
        take_next = false;
    }
    kept
}

/// Lowercase and strip the accents of common Latin letters.
fn fold(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
            'ç' | 'č' | 'ć' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ě' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
            'ñ' | 'ń' | 'ň' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' => 'u',
            'ý' | 'ÿ' => 'y',
            'š' | 'ś' => 's',
            'ž' | 'ź' | 'ż' => 'z',
            'ł' => 'l',
            'ř' => 'r',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::{LintOptions, Linter};

    fn fires(text: &str) -> Vec<String> {
        let mut linter = Linter::builtin();
        linter
            .select(["greeting-name-mismatch"])
            .expect("a built-in rule");
        linter
            .lint_with("t", text, &LintOptions::default())
            .diagnostics
            .into_iter()
            .map(|d| text[d.span.start..d.span.end].to_owned())
            .collect()
    }

    #[test]
    fn a_role_is_not_a_name() {
        assert!(fires("To: Jo Park <jo@x.org>\n\nDear Hiring Manager,\n\nHello.\n").is_empty());
        assert!(
            fires("To: Jo Park <jo@x.org>\n\nDear Admissions Committee,\n\nHello.\n").is_empty()
        );
    }

    #[test]
    fn fires_on_a_different_first_name() {
        assert_eq!(
            fires("To: Priya Raman <priya@example.org>\n\nHi Sarah,\n\nHello."),
            ["Sarah"]
        );
    }

    #[test]
    fn ignores_matching_names_titles_and_short_forms() {
        assert!(
            fires("To: Priya Raman <priya@example.org>\n\nDear Dr. Raman,\n\nHello.").is_empty()
        );
        assert!(fires("To: Robert Ng <r@example.org>\n\nHi Bob,\n\nHello.").is_empty());
        assert!(fires("To: \"Zoë Adams\" <z@example.org>\n\nHi Zoe,\n\nHello.").is_empty());
        assert!(fires("To: Christina Holt <c@example.org>\n\nHey Chris!\n\nHello.").is_empty());
        assert!(fires("To: Oluwaseun Bello <o@example.org>\n\nHi Seun,\n\nHello.").is_empty());
        assert!(fires("To: Andrew Mills <a@example.org>\n\nHi Drew,\n\nHello.").is_empty());
        assert!(fires("To: Aleksandr Volkov <a@example.org>\n\nHi Sasha,\n\nHello.").is_empty());
        // A longer name is not a long form of the recipient's.
        assert_eq!(
            fires("To: Lena Okafor <l@example.org>\n\nHi Elena,\n\nHello.").len(),
            1
        );
        // Too short an ending to be a short form of the name.
        assert_eq!(
            fires("To: Natalia Ruiz <n@example.org>\n\nHi Lia,\n\nHello.").len(),
            1
        );
    }

    #[test]
    fn is_silent_without_to_or_name() {
        assert!(fires("Hi Sarah,\n\nHello.").is_empty());
        assert!(fires("To: priya@example.org\n\nHi there,\n\nHello.").is_empty());
        assert!(fires("To: info@example.org\n\nHi Sarah,\n\nHello.").is_empty());
    }

    #[test]
    fn uses_the_address_when_there_is_no_display_name() {
        assert_eq!(
            fires("To: priya.raman@example.org\n\nHi Sarah,\n\nHello."),
            ["Sarah"]
        );
        assert!(fires("To: jdoe@example.org\n\nHi Jane,\n\nHello.").is_empty());
    }

    #[test]
    fn checks_each_name_of_a_two_person_greeting() {
        assert_eq!(
            fires("To: Ana Li <a@x.org>, Bo Kim <b@x.org>\n\nHi Ana and Carl,\n\nMeet."),
            ["Carl"]
        );
    }
}
