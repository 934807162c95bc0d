//! Word patterns: rules written in words rather than regex. A word pattern
//! is compiled to a regex and then matched like any other pattern, so it
//! shares the one matching path (literal prefilter, ASCII forms, compiled
//! once) rather than needing a second engine; what it adds is the language.
//!
//! The syntax, one pattern per string, tokens separated by spaces:
//!
//! | token | matches |
//! | --- | --- |
//! | `meet` | the word and its inflections: meet, meets, met, meeting |
//! | `=meet` | that form only |
//! | `chat\|call` | any of the alternatives (each inflected unless `=`) |
//! | `(get back\|reply)` | any of the alternative phrases |
//! | `word?` | the word, or nothing |
//! | `$name` | any item of the word list `name` (a pack's `[words]`); `$a\|word` mixes lists and words |
//! | `_` | any one word |
//! | `#num` | a number, in digits or words (`15`, `fifteen`, `a few`) |
//! | `...` or `...N` | a gap of up to 3 (or N, at most 9) words |
//! | `?` `!` `,` `:` | that punctuation, spaces allowed before it |
//! | `[` … `]` | the part of the match to underline |
//!
//! Words match case-insensitively, whole words only, within one sentence:
//! the space between two tokens may hold commas, quotes, brackets and
//! dashes, never `.`, `?`, `!` or a paragraph break.
//!
//! This module depends on nothing else in the crate: the build script
//! compiles it too, to translate the built-in packs' word patterns once.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use foldhash::HashMap;

/// Space between two words of a phrase: spaces and in-sentence
/// punctuation, never a sentence end or a paragraph break.
///
/// Written case-sensitive (`(?-i:…)`): case does not apply to spaces and
/// punctuation, and case-folding a negated Unicode class is most of what
/// compiling a pattern would otherwise cost.
///
/// Only ASCII inside brackets, so that the pattern has an ASCII form (the
/// dashes are alternatives of their own); curly quotes and apostrophes
/// need no place here, since the text is normalised to straight ones.
const SEP: &str = r#"(?-i:[^\S\n]|[,;:"()/-]|–|—)+"#;

/// Space before punctuation.
const BEFORE_PUNCT: &str = r"(?-i:[^\S\n]*)";

/// One word, for `_` and gaps.
const ANY_WORD: &str = r"(?-i:\b[\w'-]+\b)";

/// A number, in digits or words.
const NUMBER: &str = r"\b(?:\d{1,4}(?:[.,]\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|forty-five|sixty|ninety|a few|a couple(?: of)?|several)\b";

/// The key under which the build script keeps a built-in pack's
/// translation of one word pattern: the same pattern reads other lists in
/// another pack.
#[cfg_attr(not(feature = "fast"), allow(dead_code))]
pub(crate) fn table_key(pack: &str, pattern: &str) -> String {
    format!("{pack}\0{pattern}")
}

/// Word lists by name, each item a word or a phrase.
pub(crate) type Lists = BTreeMap<String, Vec<String>>;

/// A word pattern translated to a regex.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Translated {
    /// The regex source; when the pattern has a marker, its group `m` is
    /// the part to underline.
    pub(crate) regex: String,
}

/// A mistake in a word pattern: what is wrong, and the byte range of the
/// offending token within the pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct WordsError {
    pub(crate) message: String,
    pub(crate) at: (usize, usize),
}

/// The name of the capture group that marks the part to underline.
pub(crate) const MARK: &str = "m";

/// One parsed token.
#[derive(Debug)]
struct Token {
    /// The regex for the token alone.
    regex: String,
    optional: bool,
    punct: bool,
    /// A gap of up to this many words, in place of a word.
    gap: Option<u8>,
    opens_mark: bool,
    closes_mark: bool,
    at: (usize, usize),
}

/// Translate `pattern`, whose `$name` tokens name lists in `lists`.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn translate(pattern: &str, lists: &Lists) -> Result<Translated, WordsError> {
    translate_with(pattern, lists, &mut Cache::default())
}

/// Regexes already made while translating one pack's patterns, which use
/// the same few lists and tokens many times ("$meeting", "would|could|can",
/// "your"): each list's by name, each word token's by its text. Inflecting
/// and escaping them again was a sixth of a one-draft run.
#[derive(Default)]
pub(crate) struct Cache {
    lists: BTreeMap<String, String>,
    tokens: HashMap<String, String>,
}

/// [`translate`], reusing and filling `cache`.
pub(crate) fn translate_with(
    pattern: &str,
    lists: &Lists,
    cache: &mut Cache,
) -> Result<Translated, WordsError> {
    let tokens = tokenize(pattern, lists, cache)?;
    let Some(first) = tokens.first() else {
        return Err(WordsError {
            message: "a word pattern needs at least one word".to_owned(),
            at: (0, pattern.len()),
        });
    };
    if tokens.iter().all(|t| t.optional || t.gap.is_some()) {
        return Err(WordsError {
            message: "every token is optional, so the pattern could match nothing".to_owned(),
            at: first.at,
        });
    }
    for (i, t) in tokens.iter().enumerate() {
        if t.gap.is_some() && (i == 0 || i + 1 == tokens.len()) {
            return Err(WordsError {
                message: "a gap (`...`) goes between two words, not at an end".to_owned(),
                at: t.at,
            });
        }
        if t.optional && (t.opens_mark || t.closes_mark) {
            return Err(WordsError {
                message:
                    "the underline (`[` `]`) must start and end on a word that is not optional"
                        .to_owned(),
                at: t.at,
            });
        }
    }
    let opens = tokens.iter().filter(|t| t.opens_mark).count();
    let closes = tokens.iter().filter(|t| t.closes_mark).count();
    let open_at = tokens.iter().position(|t| t.opens_mark);
    let close_at = tokens.iter().position(|t| t.closes_mark);
    if opens > 1 || closes > 1 || opens != closes || open_at > close_at {
        return Err(WordsError {
            message: "mark the part to underline with one `[` before a word and one `]` after a later (or the same) word".to_owned(),
            at: (0, pattern.len()),
        });
    }

    let mut out = String::new();
    // Whether the next word needs the space before it written: not at the
    // start, nor after an optional first word that wrote its own.
    let mut need_sep = false;
    for t in &tokens {
        let sep = if t.punct { BEFORE_PUNCT } else { SEP };
        if let Some(n) = t.gap {
            let _ = write!(out, "(?:{SEP}{ANY_WORD}){{0,{n}}}");
            continue;
        }
        if t.optional {
            if need_sep {
                let _ = write!(out, "(?:{sep}{})?", t.regex);
            } else {
                // An optional first word carries the space after it.
                let _ = write!(out, "(?:{}{SEP})?", t.regex);
            }
            continue;
        }
        if need_sep {
            out.push_str(sep);
        }
        if t.opens_mark {
            let _ = write!(out, "(?P<{MARK}>");
        }
        out.push_str(&t.regex);
        if t.closes_mark {
            out.push(')');
        }
        need_sep = true;
    }
    Ok(Translated { regex: out })
}

fn tokenize(pattern: &str, lists: &Lists, cache: &mut Cache) -> Result<Vec<Token>, WordsError> {
    let mut tokens = Vec::new();
    for (start, word) in split_tokens(pattern) {
        let at = (start, start + word.len());
        let err = |message: String| WordsError { message, at };
        let mut body = word;
        let opens_mark = body.starts_with('[');
        body = body.trim_start_matches('[');
        let closes_mark = body.ends_with(']');
        body = body.trim_end_matches(']');
        if body.starts_with('[') || body.ends_with(']') {
            return Err(err("one `[` or `]` per token".to_owned()));
        }
        // Punctuation stands for itself; `!?` is an optional `!`.
        let is_punct = |t: &str| !t.is_empty() && t.chars().all(|c| "?!,:;.".contains(c));
        let (punct, optional_punct) = match body.strip_suffix('?') {
            Some(b) if is_punct(b) => (b, true),
            _ => (body, false),
        };
        if is_punct(punct) {
            tokens.push(Token {
                regex: escape(punct),
                optional: optional_punct,
                punct: true,
                gap: None,
                opens_mark,
                closes_mark,
                at,
            });
            continue;
        }
        if let Some(n) = body.strip_prefix("...") {
            let gap = if n.is_empty() {
                3
            } else {
                match n.parse::<u8>() {
                    Ok(n @ 1..=9) => n,
                    _ => {
                        return Err(err(format!(
                            "`{body}`: a gap is `...` or `...N` with N from 1 to 9"
                        )));
                    }
                }
            };
            tokens.push(Token {
                regex: String::new(),
                optional: false,
                punct: false,
                gap: Some(gap),
                opens_mark,
                closes_mark,
                at,
            });
            continue;
        }
        let (body, optional) = match body.strip_suffix('?') {
            Some(b) if !b.is_empty() => (b, true),
            _ => (body, false),
        };
        // A word token's regex depends on its text alone (and the pack's
        // lists), so each is made once per pack.
        let regex = match cache.tokens.get(body) {
            Some(regex) => regex.clone(),
            None => {
                let regex = word_token_regex(body, lists, &mut cache.lists).map_err(err)?;
                cache.tokens.insert(body.to_owned(), regex.clone());
                regex
            }
        };
        tokens.push(Token {
            regex,
            optional,
            punct: false,
            gap: None,
            opens_mark,
            closes_mark,
            at,
        });
    }
    Ok(tokens)
}

/// The regex of a word token (`chat|call`, `(get back|reply)`, `$meeting`,
/// `_`, `#num`), or what is wrong with it. List regexes are made once, in
/// `list_cache`.
fn word_token_regex(
    body: &str,
    lists: &Lists,
    list_cache: &mut BTreeMap<String, String>,
) -> Result<String, String> {
    // `(get back|reply)`: alternative phrases.
    if let Some(inner) = body.strip_prefix('(').and_then(|b| b.strip_suffix(')')) {
        if inner.split('|').any(|p| p.trim().is_empty()) {
            return Err(format!("`{body}` has an empty alternative"));
        }
        if let Some(bad) = inner.chars().find(|c| {
            !(c.is_alphanumeric() || c.is_whitespace() || matches!(c, '\'' | '-' | '’' | '|' | '='))
        }) {
            return Err(format!(
                "`{body}`: `{bad}` cannot stand in a phrase; a phrase is words"
            ));
        }
        let phrases: Vec<String> = inner.split('|').map(phrase).collect();
        return Ok(format!("(?:{})", phrases.join("|")));
    }
    match body {
        "_" => return Ok(ANY_WORD.to_owned()),
        "#num" => return Ok(NUMBER.to_owned()),
        _ => {}
    }
    let mut forms = Vec::new();
    let mut phrases = Vec::new();
    for alt in body.split('|') {
        if alt.is_empty() {
            return Err(format!("`{body}` has an empty alternative"));
        }
        if alt == "#num" {
            phrases.push(NUMBER.to_owned());
            continue;
        }
        if let Some(name) = alt.strip_prefix('$') {
            let Some(items) = lists.get(name) else {
                let known: Vec<&str> = lists.keys().map(String::as_str).collect();
                return Err(if known.is_empty() {
                    format!("unknown word list `${name}`: this pack defines none under [words]")
                } else {
                    format!(
                        "unknown word list `${name}`; the lists are: {}",
                        known.join(", ")
                    )
                });
            };
            let regex = list_cache
                .entry(name.to_owned())
                .or_insert_with(|| list_regex(items));
            phrases.push(regex.clone());
            continue;
        }
        if let Some(bad) = alt
            .trim_start_matches('=')
            .chars()
            .find(|c| !(c.is_alphanumeric() || matches!(c, '\'' | '-' | '’')))
        {
            return Err(format!(
                "`{alt}`: `{bad}` is not part of a word (write regex in `patterns`, or punctuation as a token of its own)"
            ));
        }
        match alt.strip_prefix('=') {
            Some(exact) => forms.push(exact.to_lowercase()),
            None => forms.extend(inflections(&alt.to_lowercase())),
        }
    }
    if !forms.is_empty() {
        phrases.push(word_regex(&forms));
    }
    Ok(match phrases.as_slice() {
        [one] => one.clone(),
        _ => format!("(?:{})", phrases.join("|")),
    })
}

/// The tokens of `pattern` with their byte offsets: runs of non-space
/// characters, except that a `(` … `)` group is one token whatever spaces
/// it holds.
fn split_tokens(pattern: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut depth = 0usize;
    for (i, c) in pattern.char_indices() {
        match c {
            '(' => {
                depth += 1;
                start.get_or_insert(i);
            }
            ')' => depth = depth.saturating_sub(1),
            c if c.is_whitespace() && depth == 0 => {
                if let Some(s) = start.take() {
                    out.push((s, &pattern[s..i]));
                }
            }
            _ => {
                start.get_or_insert(i);
            }
        }
    }
    if let Some(s) = start {
        out.push((s, &pattern[s..]));
    }
    out
}

/// A word list as one regex: its single words as one alternation, each
/// with its plural (list items name things: "call", "calls"), then its
/// phrases.
fn list_regex(items: &[String]) -> String {
    let mut words = Vec::new();
    let mut phrases = Vec::new();
    for item in items {
        let item = item.trim();
        if let Some((head, last)) = item.rsplit_once(char::is_whitespace) {
            // A list names things: the head of "coffee chat" stays as it
            // is and the last word takes its plural, not every inflection
            // of every word ("coffeeing chatted").
            let head: Vec<String> = head
                .split_whitespace()
                .map(|w| word_regex(&[w.trim_start_matches('=').to_lowercase()]))
                .collect();
            phrases.push(format!(
                "{}{SEP}{}",
                head.join(SEP),
                word_regex(&item_forms(last))
            ));
        } else {
            words.extend(item_forms(item));
        }
    }
    if !words.is_empty() {
        phrases.push(word_regex(&words));
    }
    format!("(?:{})", phrases.join("|"))
}

/// The forms of a list item's word: as written after `=`, else with its
/// plurals.
fn item_forms(word: &str) -> Vec<String> {
    match word.strip_prefix('=') {
        Some(exact) => vec![exact.to_lowercase()],
        None => plurals(&word.to_lowercase()),
    }
}

/// A word and its plural forms.
fn plurals(word: &str) -> Vec<String> {
    if let Some((_, forms)) = IRREGULAR.iter().find(|(lemma, _)| *lemma == word) {
        let mut out = vec![word.to_owned()];
        out.extend(forms.iter().map(|f| (*f).to_owned()));
        return out;
    }
    // A compound noun takes its plural at the end: "pull-requests".
    if word.contains('-') {
        return vec![word.to_owned(), format!("{word}s")];
    }
    inflections(word)
        .into_iter()
        .filter(|f| f == word || !(f.ends_with("ed") || f.ends_with("ing")))
        .collect()
}

/// A list item: one word (inflected) or a phrase of words (each inflected).
fn phrase(item: &str) -> String {
    let words: Vec<String> = item
        .split_whitespace()
        .map(|w| match w.strip_prefix('=') {
            Some(exact) => word_regex(&[exact.to_lowercase()]),
            None => word_regex(&inflections(&w.to_lowercase())),
        })
        .collect();
    words.join(SEP)
}

/// Whole words, any of `forms`: a hyphen in a form also matches a space or
/// nothing ("follow-up", "follow up", "followup").
fn word_regex(forms: &[String]) -> String {
    let mut forms: Vec<String> = forms
        .iter()
        .map(|f| {
            let mut out = String::with_capacity(f.len() + 4);
            for (i, part) in f.split('-').enumerate() {
                if i > 0 {
                    out.push_str("[- ]?");
                }
                escape_into(&part.replace('’', "'"), &mut out);
            }
            out
        })
        .collect();
    // Longest first, so that a form never stops short inside a longer one;
    // then alphabetical, so that equal forms sit together.
    forms.sort_unstable_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    forms.dedup();
    format!(r"\b(?:{})\b", forms.join("|"))
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(s, &mut out);
    out
}

/// `s` with regex metacharacters escaped, appended to `out`.
fn escape_into(s: &str, out: &mut String) {
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '.'
                | '+'
                | '*'
                | '?'
                | '('
                | ')'
                | '|'
                | '['
                | ']'
                | '{'
                | '}'
                | '^'
                | '$'
                | '#'
                | '&'
                | '-'
                | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
}

/// Words that take no inflection: pronouns, determiners, prepositions,
/// conjunctions and auxiliaries. Inflecting them only adds noise ("yous").
#[rustfmt::skip]
const CLOSED: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "before", "both", "but", "by", "can", "could", "did", "do", "does", "each", "either", "for",
    "from", "had", "has", "have", "he", "her", "hers", "him", "his", "how", "i", "if", "in",
    "into", "is", "it", "its", "just", "may", "me", "might", "mine", "more", "most", "much",
    "must", "my", "no", "nor", "not", "of", "off", "on", "once", "only", "or", "our", "ours",
    "out", "over", "own", "please", "shall", "she", "should", "so", "some", "such", "than", "that",
    "the", "their", "theirs", "them", "then", "there", "these", "they", "this", "those", "through",
    "to", "too", "under", "until", "up", "us", "very", "was", "we", "were", "what", "when",
    "where", "whether", "which", "while", "who", "whom", "whose", "why", "will", "with", "would",
    "you", "your", "yours", "yourself", "i'd", "i'm", "i've", "i'll", "you'd", "you're", "you've",
    "you'll", "it's", "let's", "don't", "won't", "can't", "couldn't", "wouldn't",
    "everything", "anything", "something", "nothing", "everyone", "anyone", "someone", "nobody",
    // Adverbs, numbers and other words with no verb or plural forms.
    "above", "again", "ago", "already", "below", "ever", "here", "never", "per", "soon", "sometime",
    "still", "yet", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "first", "second", "third", "fourth", "fifth", "1st", "2nd", "3rd", "4th", "5th",
];

/// How messages typed on a phone spell some closed words: a pattern that
/// says "about" also matches "abt", "you're" "youre", "don't" "dont".
/// Only forms of three letters or more that are rare inside other words:
/// needles are found as substrings, so "u" for "you", "ur" for "your",
/// "w" for "with" or "ill" for "i'll" ("will") would make every pattern
/// holding the word run on most sentences (measured: "u" and "ur" alone
/// cost 7% more instructions on 1,000 drafts). The patterns that need one
/// say it: `your|=ur`, `with|w`.
const CHAT: &[(&str, &[&str])] = &[
    ("you're", &["youre"]),
    ("you'd", &["youd"]),
    ("you've", &["youve"]),
    ("you'll", &["youll"]),
    ("about", &["abt"]),
    ("don't", &["dont"]),
    ("please", &["pls", "plz"]),
];

/// Verbs in -ly of five letters or more, which inflect; other such words
/// are adverbs, which do not ("really", not "reallying").
const VERBS_IN_LY: &[&str] = &[
    "apply", "reply", "supply", "comply", "multiply", "rally", "tally", "bully", "imply",
];

/// Whether `word` is already an inflected form, or an adjective: it takes
/// no further endings ("interested", not "interesteded"), except a plural
/// for a noun in -ing ("meetings").
fn is_a_form(word: &str) -> bool {
    let long = word.len() > 4;
    (long && word.ends_with("ed") && !word.ends_with("eed"))
        || (long
            && word.ends_with('s')
            && !word.ends_with("ss")
            && !word.ends_with("us")
            && !word.ends_with("is"))
        || (long
            && ["ous", "ful", "able", "ible", "ier"]
                .iter()
                .any(|e| word.ends_with(e)))
}

/// Verbs and nouns whose forms do not follow the rules: the lemma, then
/// its other forms.
const IRREGULAR: &[(&str, &[&str])] = &[
    ("be", &["am", "is", "are", "was", "were", "been", "being"]),
    ("become", &["becomes", "became", "becoming"]),
    ("begin", &["begins", "began", "begun", "beginning"]),
    ("bring", &["brings", "brought", "bringing"]),
    ("build", &["builds", "built", "building"]),
    ("buy", &["buys", "bought", "buying"]),
    ("catch", &["catches", "caught", "catching"]),
    ("choose", &["chooses", "chose", "chosen", "choosing"]),
    ("come", &["comes", "came", "coming"]),
    ("do", &["does", "did", "done", "doing"]),
    ("draw", &["draws", "drew", "drawn", "drawing"]),
    ("drive", &["drives", "drove", "driven", "driving"]),
    ("feel", &["feels", "felt", "feeling"]),
    ("find", &["finds", "found", "finding"]),
    ("forget", &["forgets", "forgot", "forgotten", "forgetting"]),
    ("get", &["gets", "got", "gotten", "getting"]),
    ("give", &["gives", "gave", "given", "giving"]),
    ("go", &["goes", "went", "gone", "going"]),
    ("grow", &["grows", "grew", "grown", "growing"]),
    ("have", &["has", "had", "having"]),
    ("hear", &["hears", "heard", "hearing"]),
    ("hold", &["holds", "held", "holding"]),
    ("keep", &["keeps", "kept", "keeping"]),
    ("know", &["knows", "knew", "known", "knowing"]),
    ("lead", &["leads", "led", "leading"]),
    ("learn", &["learns", "learned", "learnt", "learning"]),
    ("leave", &["leaves", "left", "leaving"]),
    ("lend", &["lends", "lent", "lending"]),
    ("let", &["lets", "letting"]),
    ("make", &["makes", "made", "making"]),
    ("mean", &["means", "meant", "meaning"]),
    ("meet", &["meets", "met", "meeting"]),
    ("pay", &["pays", "paid", "paying"]),
    ("put", &["puts", "putting"]),
    ("read", &["reads", "reading"]),
    ("run", &["runs", "ran", "running"]),
    ("say", &["says", "said", "saying"]),
    ("see", &["sees", "saw", "seen", "seeing"]),
    ("send", &["sends", "sent", "sending"]),
    ("set", &["sets", "setting"]),
    ("show", &["shows", "showed", "shown", "showing"]),
    ("sit", &["sits", "sat", "sitting"]),
    ("speak", &["speaks", "spoke", "spoken", "speaking"]),
    ("spend", &["spends", "spent", "spending"]),
    ("take", &["takes", "took", "taken", "taking"]),
    ("teach", &["teaches", "taught", "teaching"]),
    ("tell", &["tells", "told", "telling"]),
    ("think", &["thinks", "thought", "thinking"]),
    (
        "understand",
        &["understands", "understood", "understanding"],
    ),
    ("win", &["wins", "won", "winning"]),
    ("write", &["writes", "wrote", "written", "writing"]),
    ("child", &["children"]),
    ("person", &["people", "persons"]),
    ("man", &["men"]),
    ("woman", &["women"]),
    ("analysis", &["analyses"]),
    ("thesis", &["theses"]),
];

/// The forms of `word` (lowercase): itself, and for an open-class word its
/// plural or third person, past, and -ing forms, regular or irregular.
/// Over-generation is harmless (a form nobody writes matches nothing);
/// missing a form loses a match.
pub(crate) fn inflections(word: &str) -> Vec<String> {
    let mut out = vec![word.to_owned()];
    if let Some((_, short)) = CHAT.iter().find(|(w, _)| *w == word) {
        out.extend(short.iter().map(|s| (*s).to_owned()));
    }
    if CLOSED.contains(&word) || word.contains(['\'', '’']) || word.len() < 2 {
        return out;
    }
    if word.len() >= 5 && word.ends_with("ly") && !VERBS_IN_LY.contains(&word) {
        return out;
    }
    if !word.contains('-') {
        if is_a_form(word) {
            return out;
        }
        if word.len() > 5 && word.ends_with("ing") {
            out.push(format!("{word}s"));
            return out;
        }
    }
    if let Some((_, forms)) = IRREGULAR.iter().find(|(lemma, _)| *lemma == word) {
        out.extend(forms.iter().map(|f| (*f).to_owned()));
        return out;
    }
    // A compound ("catch-up", "follow up") inflects its first word only when
    // that is a verb the table knows; otherwise its last.
    if let Some((head, tail)) = word.split_once('-') {
        for f in inflections(head).into_iter().skip(1) {
            out.push(format!("{f}-{tail}"));
        }
        if let Some((before, last)) = word.rsplit_once('-') {
            for f in inflections(last).into_iter().skip(1) {
                out.push(format!("{before}-{f}"));
            }
        }
        out.push(format!("{word}s"));
        return out;
    }
    let bytes = word.as_bytes();
    let last = bytes[bytes.len() - 1];
    let vowel = |b: u8| b"aeiou".contains(&b);
    let stem = &word[..word.len() - 1];
    if last == b'y' && bytes.len() > 2 && !vowel(bytes[bytes.len() - 2]) {
        out.extend([
            format!("{stem}ies"),
            format!("{stem}ied"),
            format!("{word}ing"),
        ]);
    } else if last == b'e' {
        out.extend([format!("{word}s"), format!("{word}d"), format!("{stem}ing")]);
        if word.ends_with("ee") {
            out.push(format!("{word}ing"));
        }
    } else if word.ends_with(['s', 'x', 'z']) || word.ends_with("ch") || word.ends_with("sh") {
        out.extend([
            format!("{word}es"),
            format!("{word}ed"),
            format!("{word}ing"),
        ]);
    } else {
        out.extend([
            format!("{word}s"),
            format!("{word}ed"),
            format!("{word}ing"),
        ]);
        // A short word ending consonant-vowel-consonant doubles it: chat,
        // chatted, chatting; plan, planned.
        let n = bytes.len();
        if (3..=5).contains(&n)
            && !vowel(last)
            && !b"wxy".contains(&last)
            && vowel(bytes[n - 2])
            && !vowel(bytes[n - 3])
        {
            let c = last as char;
            out.extend([format!("{word}{c}ed"), format!("{word}{c}ing")]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lists() -> Lists {
        let mut l = Lists::new();
        l.insert(
            "meeting".to_owned(),
            vec![
                "chat".into(),
                "call".into(),
                "coffee".into(),
                "catch-up".into(),
                "coffee chat".into(),
            ],
        );
        l
    }

    fn regex(pattern: &str) -> regex::Regex {
        let t = translate(pattern, &lists()).expect("valid word pattern");
        regex::RegexBuilder::new(&t.regex)
            .case_insensitive(true)
            .multi_line(true)
            .build()
            .expect("translates to a valid regex")
    }

    fn finds(pattern: &str, text: &str) -> Option<String> {
        let re = regex(pattern);
        let caps = re.captures(text)?;
        let m = caps.name(MARK).or_else(|| caps.get(0))?;
        Some(m.as_str().to_owned())
    }

    #[test]
    fn closed_words_match_their_phone_spellings() {
        let pattern = "could you|u hook me up with|w an intro";
        assert_eq!(
            finds(pattern, "could u hook me up w an intro?").as_deref(),
            Some("could u hook me up w an intro")
        );
        assert!(finds("about your|=ur talk", "abt ur talk").is_some());
        assert!(finds("don't mind", "dont mind").is_some());
        assert!(finds("you're keen", "youre keen").is_some());
        // An exact form takes none, and a short form is a whole word.
        assert!(finds("=about it", "abt it").is_none());
        assert!(finds("about them", "bout them").is_none());
    }

    #[test]
    fn a_word_matches_its_inflections_regular_and_irregular() {
        for text in ["we could meet", "she meets", "we met", "a meeting"] {
            assert!(finds("meet", text).is_some(), "{text}");
        }
        for text in ["a quick chat", "we chatted", "chatting", "chats"] {
            assert!(finds("chat", text).is_some(), "{text}");
        }
        assert_eq!(finds("write", "you wrote it"), Some("wrote".into()));
        assert_eq!(finds("study", "two studies"), Some("studies".into()));
        // Whole words only, and `=` takes one form.
        assert!(finds("meet", "a meetup").is_none());
        assert!(finds("=meet", "we met").is_none());
    }

    #[test]
    fn alternatives_lists_optional_words_and_gaps() {
        assert!(finds("quick? chat|call", "a call").is_some());
        assert!(finds("quick? chat|call", "a quick call").is_some());
        assert_eq!(
            finds("grab a? $meeting", "could we grab coffee?"),
            Some("grab coffee".into())
        );
        assert!(finds("a $meeting", "a catch up").is_some());
        assert!(finds("a $meeting|walk", "a walk").is_some());
        assert!(finds("(get back|reply) soon", "got back soon").is_some());
        assert!(finds("(get back|reply) soon", "replied soon").is_some());
        assert!(finds("(get back|reply) soon", "get soon").is_none());
        assert!(finds("by #num|tomorrow", "by 5").is_some());
        assert_eq!(
            finds("pick ...2 brain", "pick your huge brain"),
            Some("pick your huge brain".into())
        );
        assert!(finds("pick ...1 brain", "pick your huge brain").is_none());
        assert!(finds("#num minute", "fifteen minutes").is_some());
        assert!(finds("#num minute", "15 minutes").is_some());
        assert!(finds("have _ time", "have some time").is_some());
    }

    #[test]
    fn list_items_name_things_and_take_only_a_plural() {
        // The last word of a phrase takes its plural; the others stay.
        assert!(finds("a $meeting", "a coffee chat").is_some());
        assert!(finds("two $meeting", "two coffee chats").is_some());
        assert!(finds("the $meeting", "the coffeeing chat").is_none());
        // A compound takes its plural at the end, and no verb endings.
        assert!(finds("two $meeting", "two catch-ups").is_some());
        assert!(finds("the $meeting", "the catching-up").is_none());
        assert!(finds("we $meeting", "we chatted").is_none());
    }

    #[test]
    fn words_stay_in_one_sentence_and_punctuation_is_a_token() {
        assert!(finds("quick chat", "a quick, short chat").is_none());
        assert!(finds("quick chat", "quick — chat").is_some());
        assert!(finds("quick chat", "be quick. Chat").is_none());
        assert!(finds("quick chat", "quick\n\nchat").is_none());
        assert!(finds("any time ?", "do you have any time ?").is_some());
        assert!(finds("any time ?", "any time?").is_some());
        assert!(finds("now !?", "now").is_some() && finds("now !?", "now!").is_some());
    }

    #[test]
    fn a_marker_says_what_to_underline() {
        assert_eq!(
            finds("could I [pick your brain] ?", "Could I pick your brain?"),
            Some("pick your brain".into())
        );
        assert_eq!(
            finds("send me ...2 [email|number]", "send me her email"),
            Some("email".into())
        );
    }

    #[test]
    fn mistakes_point_at_the_token() {
        let err = |p: &str| translate(p, &lists()).expect_err(p);
        let e = err("grab a $meetings");
        assert!(
            e.message.contains("unknown word list `$meetings`"),
            "{}",
            e.message
        );
        assert_eq!(e.at, (7, 16));
        assert!(err("...2 brain").message.contains("between two words"));
        assert!(err("pick ...12 brain").message.contains("1 to 9"));
        assert!(
            err("maybe? perhaps?")
                .message
                .contains("could match nothing")
        );
        assert!(err("[pick your brain").message.contains("one `[`"));
        assert!(
            err("pick y%r brain")
                .message
                .contains("is not part of a word")
        );
        assert!(
            err("pick (your|) brain")
                .message
                .contains("empty alternative")
        );
        assert!(err("").message.contains("at least one word"));
    }

    #[test]
    fn inflections_follow_english_spelling() {
        let has = |w: &str, f: &str| inflections(w).iter().any(|x| x == f);
        assert!(has("reply", "replied") && has("reply", "replies") && has("reply", "replying"));
        assert!(has("hope", "hoped") && has("hope", "hoping"));
        assert!(has("plan", "planned") && has("chat", "chatting"));
        assert!(has("catch-up", "catch-ups") && has("follow-up", "follow-ups"));
        assert!(has("agree", "agreeing") && has("agree", "agreed"));
        assert_eq!(inflections("about"), ["about", "abt"], "a chat spelling");
        assert_eq!(
            inflections("your"),
            ["your"],
            "no one-letter or two-letter form"
        );
        assert_eq!(inflections("with"), ["with"]);
        assert_eq!(inflections("really"), ["really"], "an adverb");
        assert!(has("apply", "applied") && has("reply", "replying"));
        // Forms and adjectives take no further endings; a noun in -ing
        // its plural.
        for word in [
            "interested",
            "details",
            "available",
            "previous",
            "earlier",
            "never",
        ] {
            assert_eq!(inflections(word), [word], "{word}");
        }
        assert_eq!(inflections("meeting"), ["meeting", "meetings"]);
        assert!(has("need", "needed") && has("discuss", "discussed") && has("focus", "focusing"));
    }
}
