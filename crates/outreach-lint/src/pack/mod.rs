//! Rule packs: TOML files of named pattern sets and rules, checked and
//! compiled once into [`Rule`]s.
//!
//! The schema is deliberately strict (unknown keys are errors) so that a
//! typo in a pack is reported instead of silently ignored. Every error points
//! at the offending value in the TOML text. The schema lives in `schema.rs`,
//! the checking in `compile.rs`, set references in `set_ref.rs`; the
//! reference is `docs/rule-language.md`.

mod compile;
mod schema;
mod set_ref;
mod spanned;

use std::collections::BTreeMap;
use std::sync::{Arc, LazyLock};

#[cfg(feature = "toml")]
pub(crate) use schema::span_of;

use crate::error::{LoadError, closest};
use crate::rules::Rule;
#[cfg(feature = "toml")]
use crate::span::Span;
use compile::Compiler;
use schema::RawPack;

/// The packs built into the library, as `(name, TOML text)`, in load order:
/// a pack may use the pattern sets of those before it.
///
/// They live inside this crate's package so that it stays publishable on
/// its own; the repository's top-level `rules/` points here.
pub const BUILTIN_PACKS: &[(&str, &str)] = &[
    ("core", include_str!("../../rules/core.toml")),
    ("etiquette", include_str!("../../rules/etiquette.toml")),
];

/// The packs loaded when a configuration does not list any (with or
/// without the `toml` feature: the WebAssembly module's default too).
pub const DEFAULT_PACKS: &[&str] = &["core", "etiquette"];

/// The phrasings that tell a draft's message kind, as pattern sets of a
/// pack of their own: data, like the rules (see `crate::lint::kind`).
#[cfg(feature = "toml")]
const KINDS_PACK: &str = include_str!("../../rules/kinds.toml");

/// The built-in packs as [`Pack::load`] reads them: their TOML text.
#[cfg(feature = "toml")]
const LOADED: &[(&str, &str)] = BUILTIN_PACKS;

/// Without the TOML parser, the JSON the build script made of each pack.
#[cfg(not(feature = "toml"))]
const LOADED: &[(&str, &str)] = &[
    ("core", include_str!(concat!(env!("OUT_DIR"), "/core.json"))),
    (
        "etiquette",
        include_str!(concat!(env!("OUT_DIR"), "/etiquette.json")),
    ),
];

#[cfg(not(feature = "toml"))]
const KINDS_PACK: &str = include_str!(concat!(env!("OUT_DIR"), "/kinds.json"));

/// A loaded rule pack.
///
/// ```
/// use outreach_lint::Pack;
/// let pack = Pack::from_toml("team.toml", r#"
/// [pack]
/// name = "team"
///
/// [[rule]]
/// id = "synergy"
/// kind = "forbid"
/// level = "warning"
/// patterns = ['\bsynerg(y|ies)\b']
/// message = "\"{match}\" is jargon"
/// help = "Say what you would do together."
/// "#).unwrap();
/// assert_eq!(pack.name(), "team");
/// assert_eq!(pack.rules()[0].id(), "synergy");
/// ```
#[derive(Debug, Clone)]
pub struct Pack {
    pub(crate) name: String,
    pub(crate) description: Option<String>,
    pub(crate) rules: Vec<Rule>,
    /// Its pattern sets, expanded, for packs that build on it (`@name.set`).
    pub(crate) sets: BTreeMap<String, Vec<String>>,
    /// Its word lists, for packs whose word patterns use them
    /// (`$name.list`).
    pub(crate) words: crate::matcher::words::Lists,
}

/// The largest rule pack accepted, in bytes. A pack of ten thousand rules
/// is about 2 MB; anything far past that is not a pack someone wrote.
///
/// ```
/// use outreach_lint::{MAX_PACK_SIZE, Pack};
/// let huge = format!("[pack]\nname = 'x'\n#{}\n", "-".repeat(MAX_PACK_SIZE));
/// let err = Pack::from_toml("huge.toml", &huge).unwrap_err();
/// assert!(err.message().contains("byte limit for a rule pack"));
/// ```
pub const MAX_PACK_SIZE: usize = 8 << 20;

impl Pack {
    /// Parse and compile a pack that uses no other pack's pattern sets.
    /// `origin` names it in errors (a path, or `built-in pack core`).
    ///
    /// # Errors
    ///
    /// As [`Pack::from_toml_with`].
    #[cfg(feature = "toml")]
    pub fn from_toml(origin: &str, text: &str) -> Result<Pack, LoadError> {
        Pack::from_toml_with(origin, text, &[])
    }

    /// Parse and compile a pack whose patterns may name the sets of `deps`
    /// as `@pack.set`.
    ///
    /// ```
    /// use outreach_lint::Pack;
    /// let core = Pack::builtin("core").unwrap();
    /// let team = Pack::from_toml_with("team.toml", r#"
    /// [pack]
    /// name = "team"
    /// [[rule]]
    /// id = "coffee-ask"
    /// kind = "forbid"
    /// level = "info"
    /// patterns = "@core.meeting-ask"
    /// message = "a meeting ask"
    /// help = "Say what it is for."
    /// "#, &[core]).unwrap();
    /// assert_eq!(team.rules().len(), 1);
    /// ```
    ///
    /// # Errors
    ///
    /// Anything the pack gets wrong, as a [`LoadError`] that points at the
    /// offending value: invalid TOML, an unknown key, kind, section or
    /// set, a pattern that does not compile or can match the empty string,
    /// a rule without `message` or `help`, a rule id defined twice.
    #[cfg(feature = "toml")]
    pub fn from_toml_with(origin: &str, text: &str, deps: &[Pack]) -> Result<Pack, LoadError> {
        Pack::load(origin, text, deps, false)
    }

    /// Parse a pack; `trusted` (the built-in packs, which the test suite
    /// compiles in full) leaves every regex to its first use.
    fn load(origin: &str, text: &str, deps: &[Pack], trusted: bool) -> Result<Pack, LoadError> {
        let source: Arc<str> = Arc::from(text);
        if text.len() > MAX_PACK_SIZE {
            return Err(LoadError::new(
                origin,
                &source,
                None,
                format!(
                    "is {} bytes, over the {MAX_PACK_SIZE}-byte limit for a rule pack",
                    text.len()
                ),
            ));
        }
        let mut raw = parse(origin, &source)?;
        let (sets, words) = compile::word_patterns(origin, &source, &mut raw, deps, trusted)?;
        Compiler {
            origin,
            source: &source,
            sets,
            deps,
            made: Default::default(),
            trusted,
            expanded: Default::default(),
        }
        .pack(raw, words)
    }

    /// A pack built into the library, by name (`core`, `etiquette`), loaded
    /// with the built-in packs before it.
    ///
    /// ```
    /// use outreach_lint::Pack;
    /// assert_eq!(Pack::builtin("core").unwrap().name(), "core");
    /// let err = Pack::builtin("etiquete").unwrap_err();
    /// assert_eq!(err.kind(), outreach_lint::ErrorKind::UnknownName);
    /// assert_eq!(err.help(), Some("did you mean `etiquette`?"));
    /// ```
    ///
    /// # Errors
    ///
    /// An unknown name, or a built-in pack that fails to load (which the
    /// test suite rules out).
    pub fn builtin(name: &str) -> Result<Pack, LoadError> {
        let Some(position) = LOADED.iter().position(|(n, _)| *n == name) else {
            let names = LOADED.iter().map(|(n, _)| *n);
            let e = LoadError::new(
                name,
                &Arc::from(""),
                None,
                format!("no built-in pack is called `{name}`"),
            )
            .with_kind(crate::error::ErrorKind::UnknownName);
            return Err(match closest(name, names) {
                Some(near) => e.with_help(format!("did you mean `{near}`?")),
                None => e.with_help(format!(
                    "the built-in packs are: {}",
                    LOADED
                        .iter()
                        .map(|(n, _)| *n)
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            });
        };
        Pack::builtins().map(|mut packs| packs.swap_remove(position))
    }

    /// The pack of message-kind phrasings.
    pub(crate) fn kinds() -> Result<Pack, LoadError> {
        static KINDS: LazyLock<Result<Pack, LoadError>> = LazyLock::new(|| {
            let builtins = Pack::builtins()?;
            Pack::load("built-in pack kinds", KINDS_PACK, &builtins, true)
        });
        KINDS.clone()
    }

    /// The patterns of the pattern set `name`, expanded.
    pub(crate) fn set(&self, name: &str) -> Option<&[String]> {
        self.sets.get(name).map(Vec::as_slice)
    }

    /// Every built-in pack, in load order.
    ///
    /// # Errors
    ///
    /// When one fails to load, which the test suite rules out.
    ///
    /// They are compiled once per process and cloned from then on (a
    /// compiled pattern is shared, not copied).
    pub fn builtins() -> Result<Vec<Pack>, LoadError> {
        static BUILTINS: LazyLock<Result<Vec<Pack>, LoadError>> = LazyLock::new(|| {
            let mut packs: Vec<Pack> = Vec::with_capacity(LOADED.len());
            for (name, text) in LOADED {
                let pack = Pack::load(&format!("built-in pack {name}"), text, &packs, true)?;
                packs.push(pack);
            }
            Ok(packs)
        });
        BUILTINS.clone()
    }

    /// The pack's name from its `[pack]` table.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The pack's one-line description, if it has one.
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// The pack's rules, in file order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }
}

/// The pack in `source`, as TOML.
#[cfg(feature = "toml")]
fn parse(origin: &str, source: &Arc<str>) -> Result<RawPack, LoadError> {
    toml::from_str(source).map_err(|e| toml_error(origin, source, &e))
}

/// The pack in `source`, as the JSON the build script makes of a built-in
/// pack.
#[cfg(not(feature = "toml"))]
fn parse(origin: &str, source: &Arc<str>) -> Result<RawPack, LoadError> {
    serde_json::from_str(source).map_err(|e| LoadError::new(origin, source, None, e.to_string()))
}

/// A TOML syntax or schema error, with the closest key suggested for an
/// unknown one.
#[cfg(feature = "toml")]
pub(crate) fn toml_error(origin: &str, source: &Arc<str>, e: &toml::de::Error) -> LoadError {
    let span = e.span().map(|r| Span::new(r.start, r.end));
    let message = e.message().trim().to_owned();
    let suggestion = message.strip_prefix("unknown field `").and_then(|rest| {
        let (field, expected) = rest.split_once("`, expected one of ")?;
        let candidates: Vec<&str> = expected.split(", ").map(|c| c.trim_matches('`')).collect();
        closest(field, candidates.iter().copied()).map(|c| format!("did you mean `{c}`?"))
    });
    let err =
        LoadError::new(origin, source, span, message).with_kind(crate::error::ErrorKind::Syntax);
    match suggestion {
        Some(help) => err.with_help(help),
        None => err,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_err(text: &str) -> LoadError {
        Pack::from_toml("t.toml", text).expect_err("pack should not load")
    }

    fn underlined(e: &LoadError) -> &str {
        let span = e.span().expect("error has a span");
        &e.source_text()[span.range()]
    }

    /// The build script's translations of the built-in word patterns are
    /// what translating them when the pack loads gives.
    #[test]
    #[cfg(feature = "fast")]
    fn built_in_word_patterns_are_translated_as_at_load() {
        let builtins = Pack::builtins().expect("built-in packs load");
        let kinds = ("kinds", KINDS_PACK);
        for (i, &(name, text)) in LOADED.iter().chain([&kinds]).enumerate() {
            let deps = &builtins[..i.min(builtins.len())];
            let source: Arc<str> = Arc::from(text);
            let sets = |builtin: bool| {
                let mut raw = parse(name, &source).expect("parses");
                compile::word_patterns(name, &source, &mut raw, deps, builtin)
                    .expect("translates")
                    .0
            };
            let (table, at_load) = (sets(true), sets(false));
            assert!(table.len() > 5, "{name}");
            for (set, list) in &at_load {
                let tabled = table.get(set).map(|l| l.get_ref().0.clone());
                let loaded: Vec<_> = list
                    .get_ref()
                    .0
                    .iter()
                    .map(|p| p.get_ref().clone())
                    .collect();
                let tabled: Option<Vec<_>> =
                    tabled.map(|v| v.iter().map(|p| p.get_ref().clone()).collect());
                assert_eq!(tabled, Some(loaded), "{name}: {set}");
            }
        }
    }

    const HEAD: &str = "[pack]\nname = 't'\n";

    #[test]
    fn builtin_packs_load() {
        for (name, _) in BUILTIN_PACKS {
            let pack = Pack::builtin(name).expect("loads");
            assert!(!pack.rules().is_empty());
        }
    }

    #[test]
    fn bad_regex_points_at_the_pattern() {
        let e = load_err(&format!(
            "{HEAD}[[rule]]\nid='a'\nkind='forbid'\nlevel='error'\npatterns=['ok', 'bad(']\nmessage='m'\nhelp='h'\n"
        ));
        assert_eq!(underlined(&e), "'bad('");
        assert!(e.message().starts_with("invalid regex"), "{}", e.message());
    }

    #[test]
    fn unknown_set_suggests_the_closest() {
        let e = load_err(&format!(
            "{HEAD}[patterns]\nmeeting-ask=['chat']\n[[rule]]\nid='a'\nkind='forbid'\nlevel='error'\npatterns=['@meeting-asks']\nmessage='m'\nhelp='h'\n"
        ));
        assert_eq!(e.message(), "unknown pattern set `@meeting-asks`");
        assert_eq!(e.help(), Some("did you mean `@meeting-ask`?"));
    }

    #[test]
    fn unknown_kind_and_section_are_named() {
        let e = load_err(&format!(
            "{HEAD}[[rule]]\nid='a'\nkind='forbit'\nlevel='error'\npatterns=['x']\nmessage='m'\nhelp='h'\n"
        ));
        assert_eq!(underlined(&e), "'forbit'");
        assert!(
            e.help()
                .unwrap_or_default()
                .contains("did you mean `forbid`?")
        );
        let e = load_err(&format!(
            "{HEAD}[[rule]]\nid='a'\nkind='forbid'\nlevel='error'\nin=['bdoy']\npatterns=['x']\nmessage='m'\nhelp='h'\n"
        ));
        assert_eq!(underlined(&e), "'bdoy'");
    }

    #[test]
    fn unknown_key_and_bad_level_come_from_toml_with_a_span() {
        let e = load_err(&format!(
            "{HEAD}[[rule]]\nid='a'\nkind='forbid'\nlevel='error'\npattern=['x']\nmessage='m'\nhelp='h'\n"
        ));
        assert!(
            e.message().contains("unknown field `pattern`"),
            "{}",
            e.message()
        );
        assert!(e.span().is_some());
        let e = load_err(&format!(
            "{HEAD}[[rule]]\nid='a'\nkind='forbid'\nlevel='fatal'\npatterns=['x']\nmessage='m'\nhelp='h'\n"
        ));
        assert!(
            e.message().contains("unknown variant `fatal`"),
            "{}",
            e.message()
        );
    }

    #[test]
    fn duplicate_and_non_kebab_ids_are_refused() {
        let rule = "[[rule]]\nid='a'\nkind='forbid'\nlevel='error'\npatterns=['x']\nmessage='m'\nhelp='h'\n";
        let e = load_err(&format!("{HEAD}{rule}{rule}"));
        assert!(e.message().contains("defined twice"));
        assert_eq!(e.help(), Some("the first definition is on line 4"));
        let e = load_err(&format!(
            "{HEAD}[[rule]]\nid='Pick_Brain'\nkind='forbid'\nlevel='error'\npatterns=['x']\nmessage='m'\nhelp='h'\n"
        ));
        assert!(e.message().contains("not kebab-case"));
    }

    #[test]
    fn require_needs_when_and_any() {
        let e = load_err(&format!(
            "{HEAD}[[rule]]\nid='a'\nkind='require'\nlevel='error'\nwhen=['x']\nmessage='m'\nhelp='h'\n"
        ));
        assert_eq!(e.message(), "a `require` rule needs `any`");
    }

    #[test]
    fn a_single_string_is_a_list_of_one() {
        let pack = Pack::from_toml("t", &format!("{HEAD}[[rule]]\nid='a'\nkind='require'\nlevel='error'\nwhen='chat'\nany='\\?'\nmessage='m'\nhelp='h'\n")).expect("loads");
        assert_eq!(pack.rules().len(), 1);
        let e = load_err(&format!(
            "{HEAD}[[rule]]\nid='a'\nkind='require'\nlevel='error'\nwhen='(('\nany='x'\nmessage='m'\nhelp='h'\n"
        ));
        assert_eq!(underlined(&e), "'(('");
    }

    #[test]
    fn bad_toml_syntax_has_a_span() {
        let e = load_err("[pack\nname='x'");
        assert!(e.span().is_some());
    }
}

#[cfg(test)]
mod language_tests {
    use super::*;

    const HEAD: &str = "[pack]\nname = 't'\n";

    fn load_err(text: &str) -> LoadError {
        Pack::from_toml("t.toml", text).expect_err("pack should not load")
    }

    #[test]
    fn keys_of_another_kind_are_refused() {
        let e = load_err(&format!(
            "{HEAD}[[rule]]\nid='a'\nkind='forbid'\nlevel='error'\npatterns=['x']\nmax=3\nmessage='m'\nhelp='h'\n"
        ));
        assert_eq!(e.message(), "`max` does not apply to a `forbid` rule");
    }

    #[test]
    fn limit_needs_a_known_metric_and_a_bound() {
        let e = load_err(&format!(
            "{HEAD}[[rule]]\nid='a'\nkind='limit'\nlevel='info'\nmetric='wrods'\nmax=3\nmessage='m'\nhelp='h'\n"
        ));
        assert_eq!(e.message(), "unknown metric `wrods`");
        assert!(
            e.help()
                .unwrap_or_default()
                .starts_with("did you mean `words`?")
        );
        let e = load_err(&format!(
            "{HEAD}[[rule]]\nid='a'\nkind='limit'\nlevel='info'\nmetric='words'\nmessage='m'\nhelp='h'\n"
        ));
        assert_eq!(e.message(), "a `limit` rule needs `min`, `max` or both");
        let e = load_err(&format!(
            "{HEAD}[[rule]]\nid='a'\nkind='limit'\nlevel='info'\nmetric='words'\nmax=-1\nmessage='m'\nhelp='h'\n"
        ));
        assert_eq!(e.message(), "`max` must be zero or more");
    }

    #[test]
    fn unknown_builtin_and_message_kind_are_named() {
        let e = load_err(&format!(
            "{HEAD}[[rule]]\nid='a'\nkind='builtin'\nlevel='info'\ncheck='greeting-mismatch'\nmessage='m'\nhelp='h'\n"
        ));
        assert_eq!(e.message(), "unknown built-in check `greeting-mismatch`");
        let e = load_err(&format!(
            "{HEAD}[[rule]]\nid='a'\nkind='forbid'\nlevel='info'\npatterns='x'\nmessage-kinds=['cold-requests']\nmessage='m'\nhelp='h'\n"
        ));
        assert_eq!(e.message(), "unknown message kind `cold-requests`");
    }

    #[test]
    fn another_packs_sets_need_that_pack_loaded_first() {
        let text = format!(
            "{HEAD}[[rule]]\nid='a'\nkind='forbid'\nlevel='info'\npatterns='@core.meeting-asks'\nmessage='m'\nhelp='h'\n"
        );
        let e = load_err(&text);
        assert_eq!(e.message(), "unknown pack `core` in `@core.meeting-asks`");
        let core = Pack::builtin("core").expect("loads");
        let e = Pack::from_toml_with("t.toml", &text, &[core]).expect_err("no such set");
        assert_eq!(e.message(), "pack `core` has no pattern set `meeting-asks`");
        assert_eq!(e.help(), Some("did you mean `@core.meeting-ask`?"));
    }

    #[test]
    fn a_set_that_refers_to_itself_is_refused() {
        let e = load_err(&format!("{HEAD}[patterns]\na=['@b']\nb=['@a']\n"));
        assert!(e.message().ends_with("refers to itself"), "{}", e.message());
    }
}
