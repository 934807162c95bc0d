//! A deterministic corpus of outreach drafts for benchmarks and
//! differential tests.
//!
//! Drafts have the shape of real ones: header lines, a greeting, two to five
//! paragraphs (120 to 350 words in all), a closing and a signature, and now
//! and then a P.S. or a quoted earlier message. About two in five are
//! written to pass every core rule; the rest each trip one rule on purpose.
//! Some are hard-wrapped, some use CRLF, curly quotes or non-ASCII names, so
//! the normalisation paths are exercised too.
//!
//! The same seed and index always give the same bytes, on every platform:
//! the generator uses its own SplitMix64 rather than a crate whose stream
//! might change between versions.
//!
//! ```
//! let a = xtask::draft(7, 3);
//! assert_eq!(a, xtask::draft(7, 3));
//! assert_ne!(a, xtask::draft(7, 4));
//! assert!(xtask::word_count(&a) >= 120);
//! ```

/// The seed the benchmarks and `benches/cli.sh` use unless told otherwise.
pub const DEFAULT_SEED: u64 = 0x6f75_7472_6561_6368; // "outreach"

/// SplitMix64: tiny, fast, and fully determined by its seed.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next_u64() % (hi - lo + 1) as u64) as usize
    }

    /// True with probability `percent` / 100.
    pub fn percent(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    /// One item of a non-empty slice.
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next_u64() % items.len() as u64) as usize]
    }
}

/// What a generated draft is meant to trip, if anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Written to pass the core rules: a named piece of work, an agenda, a
    /// bounded ask.
    Good,
    /// Asks to "pick your brain".
    PickYourBrain,
    /// A quick chat or coffee with no agenda and no time bound.
    SpecificAgenda,
    /// A request that names nothing the recipient made.
    ReferencesTheirWork,
    /// Asks for an introduction without leaving room to check first.
    IntroRequest,
    /// Introduces two people without saying both agreed.
    IntroMade,
    /// Goes around the introducer ("send me her email").
    IntroBypass,
}

impl Kind {
    /// The kind of draft number `index` for `seed`.
    pub fn of(seed: u64, index: usize) -> Kind {
        match Rng::new(mix(seed, index)).next_u64() % 20 {
            0..=7 => Kind::Good,
            8..=9 => Kind::PickYourBrain,
            10..=12 => Kind::SpecificAgenda,
            13..=15 => Kind::ReferencesTheirWork,
            16 => Kind::IntroRequest,
            17..=18 => Kind::IntroMade,
            _ => Kind::IntroBypass,
        }
    }
}

fn mix(seed: u64, index: usize) -> u64 {
    seed ^ (index as u64).wrapping_mul(0xd134_2543_de82_ef95)
}

const FIRST: &[&str] = &[
    "Jane", "Priya", "Omar", "Lena", "Tom", "Maya", "Dario", "Chen", "Hannah", "Farah", "Joel",
    "Wen", "Sam", "Ali", "Noor", "Kofi", "Ines", "Mateo", "Aiko", "Ruth", "Tariq", "Elena",
];
const FIRST_INTL: &[&str] = &["Zoë", "José", "Søren", "Chloé", "Łukasz", "Aoife", "Renée"];
const LAST: &[&str] = &[
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Haddad",
    "Nakamura",
    "Osei",
    "Kowalski",
    "Brennan",
    "Castillo",
    "Varga",
    "Abebe",
    "Fischer",
];
const FIELD: &[&str] = &[
    "data engineering",
    "site reliability",
    "product design",
    "developer relations",
    "urban planning",
    "clinical research",
    "compiler work",
    "technical writing",
    "supply chain analytics",
    "wetland ecology",
];
const COMPANY: &[&str] = &[
    "a logistics startup",
    "a regional hospital",
    "a small design studio",
    "the city transit agency",
    "a payments company",
    "a university lab",
    "a mid-sized retailer",
];
const TOPIC: &[&str] = &[
    "backfilling event tables",
    "rate limiting at the edge",
    "incremental builds",
    "sediment sampling",
    "accessible form design",
    "on-call rotations for small teams",
    "pricing experiments",
    "register allocation",
    "writing release notes people read",
];
const WORK: &[&str] = &[
    "post",
    "talk",
    "paper",
    "book",
    "library",
    "podcast episode",
    "newsletter",
    "tutorial",
];
const VENUE: &[&str] = &[
    "RustConf",
    "PyData",
    "the spring meetup",
    "Strange Loop",
    "the regional summit",
];

/// Background sentences: what people write around the ask. None of them
/// asks for anything, so they never decide a rule on their own.
const FILLER: &[&str] = &[
    "I have spent the last {years} years in {field} at {company}, mostly on the unglamorous parts that keep things running.",
    "Before that I worked in retail operations, which taught me more about queues and patience than any course did.",
    "Lately I have been reading everything I can find about {topic}, and keeping notes on what worked for other teams.",
    "Our team is small, five people, and we share one on-call rotation across two time zones.",
    "Last quarter we moved our nightly jobs to a new scheduler and the migration took twice as long as planned.",
    "I am trying to decide how to spend the next two years, and {field} keeps coming up as the place I want to grow.",
    "Most of what I know about {topic} came from trial and error, and a fair amount of it from error.",
    "The part I find hardest is knowing which problems are worth solving now and which can wait a year.",
    "I keep a short log of every incident we have had, with what we changed afterwards and whether it helped.",
    "My manager is supportive, but nobody on the team has done this kind of work before, so we are learning together.",
    "We run a weekly reading group at {company}, and {topic} was the subject two weeks in a row.",
    "I grew up near the coast and still spend most weekends outdoors, which is partly why this field appeals to me.",
    "Next month I start a part-time course in {field}, and I want to arrive with sharper questions than I have today.",
    "The numbers we collect are noisy, and I have not yet found a way to explain that to the people who read our reports.",
    "None of this is urgent, and I know your calendar is full; I am grateful you read this far.",
];

/// A sentence that names a piece of the recipient's work.
fn their_work(r: &mut Rng) -> String {
    match r.range(0, 3) {
        0 => format!(
            "Your {} on {} changed how our team works, and I have shared it with three colleagues since.",
            r.pick(WORK),
            r.pick(TOPIC)
        ),
        1 => format!(
            "I watched your talk at {} on {} and tried the approach on our own jobs the week after.",
            r.pick(VENUE),
            r.pick(TOPIC)
        ),
        2 => format!(
            "I read your {} about {}, and the section on failure modes was the clearest I have seen.",
            r.pick(WORK),
            r.pick(TOPIC)
        ),
        _ => format!(
            "The notes you published at https://example.org/{}/notes are pinned in our team channel.",
            r.range(100, 999)
        ),
    }
}

/// A bounded ask with an agenda.
fn good_ask(r: &mut Rng) -> String {
    match r.range(0, 2) {
        0 => format!(
            "Would you have {} minutes for a call in the next few weeks? I have two questions about {}.",
            r.pick(&["15", "20", "twenty", "fifteen"]),
            r.pick(TOPIC)
        ),
        1 => format!(
            "Could I ask you two short questions by email about {}, specifically how you decided when to stop?",
            r.pick(TOPIC)
        ),
        _ => "Would half an hour next month suit you? Specifically, I would like to hear how you chose your first project.".to_owned(),
    }
}

fn fill(template: &str, r: &mut Rng) -> String {
    let mut out = template.to_owned();
    if out.contains("{years}") {
        out = out.replace("{years}", &r.range(2, 12).to_string());
    }
    for (slot, pool) in [
        ("{field}", FIELD),
        ("{company}", COMPANY),
        ("{topic}", TOPIC),
    ] {
        while out.contains(slot) {
            out = out.replacen(slot, r.pick(pool), 1);
        }
    }
    out
}

/// The sentences that make the draft what `kind` says it is.
fn key_sentences(kind: Kind, r: &mut Rng, other: &str) -> Vec<String> {
    match kind {
        Kind::Good => vec![their_work(r), good_ask(r)],
        Kind::PickYourBrain => vec![
            their_work(r),
            format!(
                "I would love to {} sometime about {}.",
                r.pick(&[
                    "pick your brain",
                    "pick your brains",
                    "do a little brain-picking"
                ]),
                r.pick(TOPIC)
            ),
        ],
        Kind::SpecificAgenda => vec![
            their_work(r),
            r.pick(&[
                "Would you be up for a quick chat sometime?",
                "I'd love to grab coffee whenever it's convenient for you.",
                "Could we schedule a call when you have a moment?",
                "Would you be open to a quick call to touch base?",
            ])
            .to_owned(),
        ],
        Kind::ReferencesTheirWork => vec![format!(
            "Would you be open to a 20-minute call about your career? I have two questions about {}.",
            r.pick(TOPIC)
        )],
        Kind::IntroRequest => vec![their_work(r), format!("Could you introduce me to {other}?")],
        Kind::IntroMade => vec![
            format!(
                "{other}, meet my colleague. She works on {}.",
                r.pick(TOPIC)
            ),
            "You two should talk. I'll let you take it from here!".to_owned(),
        ],
        Kind::IntroBypass => vec![
            their_work(r),
            format!(
                "Could you send me {} email? I'll reach out to {} directly and mention your name.",
                r.pick(&["her", "his", "their"]),
                r.pick(&["her", "him", "them"])
            ),
        ],
    }
}

/// Wrap a paragraph at `width` columns, the way mail clients do.
fn wrap(paragraph: &str, width: usize) -> String {
    let mut out = String::with_capacity(paragraph.len() + paragraph.len() / width);
    let mut col = 0;
    for word in paragraph.split(' ') {
        let len = word.chars().count();
        if col > 0 && col + 1 + len > width {
            out.push('\n');
            col = 0;
        } else if col > 0 {
            out.push(' ');
            col += 1;
        }
        out.push_str(word);
        col += len;
    }
    out
}

/// The number of white-space separated words in `text`.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Draft number `index` of the corpus for `seed`.
pub fn draft(seed: u64, index: usize) -> String {
    let kind = Kind::of(seed, index);
    let mut r = Rng::new(mix(seed, index).rotate_left(17));
    let first = if r.percent(10) {
        r.pick(FIRST_INTL)
    } else {
        r.pick(FIRST)
    };
    let last = r.pick(LAST);
    let sender = r.pick(FIRST);
    let other = r.pick(FIRST);

    let mut lines: Vec<String> = Vec::new();
    if r.percent(80) {
        let subject = match kind {
            Kind::IntroMade => format!("Intro: {first} <> {other}"),
            Kind::IntroRequest | Kind::IntroBypass => format!("Intro to {other}?"),
            _ => format!("Question about {}", r.pick(TOPIC)),
        };
        lines.push(format!("Subject: {subject}"));
        if r.percent(50) {
            lines.push(format!(
                "To: {first} {last} <{}@example.com>",
                first.to_lowercase()
            ));
        }
        lines.push(String::new());
    }
    let greeting = match kind {
        Kind::IntroMade => format!("Hi {first} and {other},"),
        _ => match r.range(0, 3) {
            0 => format!("Hi {first},"),
            1 => format!("Dear Dr. {last},"),
            2 => format!("Hello {first},"),
            _ => format!("{first},"),
        },
    };
    lines.push(greeting);
    lines.push(String::new());

    // Paragraphs: filler sentences up to the word budget, with the key
    // sentences spread over them.
    let budget = r.range(120, 350);
    let paragraphs = r.range(2, 5);
    let keys = key_sentences(kind, &mut r, other);
    let key_words: usize = keys.iter().map(|k| word_count(k)).sum();
    let mut paras: Vec<Vec<String>> = vec![Vec::new(); paragraphs];
    let mut words = key_words;
    // Filler in a shuffled order, so a draft does not repeat itself.
    let mut order: Vec<usize> = (0..FILLER.len()).collect();
    for i in (1..order.len()).rev() {
        order.swap(i, r.range(0, i));
    }
    let mut p = 0;
    while words < budget {
        let s = fill(FILLER[order[p % order.len()]], &mut r);
        words += word_count(&s);
        paras[p % paragraphs].push(s);
        p += 1;
    }
    // The work reference opens the draft, the ask closes it, as people write.
    let n_keys = keys.len();
    for (k, key) in keys.into_iter().enumerate() {
        if k + 1 == n_keys && n_keys > 1 {
            paras[paragraphs - 1].push(key);
        } else {
            paras[0].insert(0, key);
        }
    }
    let width = if r.percent(60) {
        Some(r.range(64, 78))
    } else {
        None
    };
    for para in paras {
        let text = para.join(" ");
        lines.push(match width {
            Some(w) => wrap(&text, w),
            None => text,
        });
        lines.push(String::new());
    }
    lines.push(
        r.pick(&[
            "Best,",
            "Thanks,",
            "Kind regards,",
            "Thanks so much,",
            "Cheers,",
        ])
        .to_owned(),
    );
    lines.push(sender.to_owned());
    if r.percent(40) {
        lines.push(format!("{} | {}", r.pick(FIELD), r.pick(COMPANY)));
    }
    if r.percent(15) {
        lines.push(String::new());
        lines.push(format!(
            "P.S. I also enjoyed the thread on {} last week.",
            r.pick(TOPIC)
        ));
    }
    if r.percent(10) {
        lines.push(String::new());
        lines.push(format!(
            "On Mon, 3 Mar 2025 at 09:14, {first} {last} wrote:"
        ));
        lines.push("> Thanks for reaching out. Happy to help where I can.".to_owned());
        lines.push(format!("> {first}"));
    }
    let mut text = lines.join("\n");
    text.push('\n');
    if r.percent(15) {
        text = text
            .replace("I'd", "I\u{2019}d")
            .replace("I'll", "I\u{2019}ll")
            .replace("it's", "it\u{2019}s");
    }
    if r.percent(10) {
        text = text.replace('\n', "\r\n");
    }
    text
}

/// The first `count` drafts for `seed`.
pub fn drafts(seed: u64, count: usize) -> impl Iterator<Item = String> {
    (0..count).map(move |i| draft(seed, i))
}

/// One draft about 250 words long, of the `Good` kind and all ASCII: the
/// "typical draft" of the benchmarks. It is the first such draft of the
/// corpus for `seed` with 230 to 270 words.
pub fn typical(seed: u64) -> String {
    typical_where(seed, |d| d.is_ascii())
}

/// Like [`typical`], but with a non-ASCII name in it ("Chloé"): the slower
/// path, where Unicode word boundaries keep the regex engine off its
/// fastest matcher.
pub fn typical_non_ascii(seed: u64) -> String {
    typical_where(seed, |d| !d.is_ascii())
}

fn typical_where(seed: u64, keep: impl Fn(&str) -> bool) -> String {
    (0..100_000)
        .map(|i| (i, draft(seed, i)))
        .find(|(i, d)| {
            Kind::of(seed, *i) == Kind::Good && (230..=270).contains(&word_count(d)) && keep(d)
        })
        .map(|(_, d)| d)
        .unwrap_or_default()
}

/// One large draft of at least `bytes` bytes: a greeting, then the bodies of
/// corpus drafts one after another as a single long message. It is the
/// worst case for the per-draft work (one huge body section).
pub fn large(seed: u64, bytes: usize) -> String {
    let mut out = String::from("Subject: A long one\n\nHi Jane,\n\n");
    let mut i = 0;
    while out.len() < bytes {
        let d = draft(seed, i).replace("\r\n", "\n");
        // Keep only the paragraphs between greeting and closing.
        let paragraphs: Vec<&str> = d.split("\n\n").collect();
        let n = paragraphs.len();
        for para in paragraphs.iter().take(n.saturating_sub(1)).skip(1) {
            if para.starts_with("Subject:") || para.starts_with("Hi ") {
                continue;
            }
            out.push_str(para);
            out.push_str("\n\n");
        }
        i += 1;
    }
    out.push_str("Best,\nSam\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_bytes() {
        let a: Vec<String> = drafts(1, 50).collect();
        let b: Vec<String> = drafts(1, 50).collect();
        assert_eq!(a, b);
        let c: Vec<String> = drafts(2, 50).collect();
        assert_ne!(a, c);
    }

    #[test]
    fn drafts_have_the_promised_size() {
        for d in drafts(DEFAULT_SEED, 300) {
            let words = word_count(&d);
            assert!((120..=460).contains(&words), "{words} words:\n{d}");
        }
    }

    #[test]
    fn every_kind_occurs() {
        let kinds: Vec<Kind> = (0..200).map(|i| Kind::of(DEFAULT_SEED, i)).collect();
        for k in [
            Kind::Good,
            Kind::PickYourBrain,
            Kind::SpecificAgenda,
            Kind::ReferencesTheirWork,
            Kind::IntroRequest,
            Kind::IntroMade,
            Kind::IntroBypass,
        ] {
            assert!(kinds.contains(&k), "{k:?} never generated");
        }
    }

    #[test]
    fn typical_is_about_250_words() {
        let t = typical(DEFAULT_SEED);
        assert!((230..=270).contains(&word_count(&t)), "{t}");
        assert!(t.is_ascii());
        let n = typical_non_ascii(DEFAULT_SEED);
        assert!((230..=270).contains(&word_count(&n)), "{n}");
        assert!(!n.is_ascii());
    }

    #[test]
    fn large_reaches_its_size_and_is_one_draft() {
        let l = large(3, 200_000);
        assert!(l.len() >= 200_000);
        assert!(l.starts_with("Subject:"));
        assert_eq!(l.matches("\nBest,\nSam\n").count(), 1);
    }

    #[test]
    fn wrap_keeps_every_word_and_the_width() {
        let text = "one two three four five six seven eight nine ten";
        let wrapped = wrap(text, 12);
        assert_eq!(wrapped.replace('\n', " "), text);
        assert!(wrapped.lines().all(|l| l.chars().count() <= 12));
    }
}
