//! The rule-pack TOML schema as written, before any checking. Every value
//! that can be wrong keeps its span so errors can point at it.

use std::collections::BTreeMap;
use std::fmt;

use super::spanned::Spanned;
use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};

use crate::diagnostic::Level;
use crate::span::Span;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPack {
    pub(crate) pack: RawMeta,
    #[serde(default)]
    pub(crate) patterns: BTreeMap<String, Spanned<PatternList>>,
    /// Named word lists: a string of words, or a list of words and phrases.
    #[serde(default)]
    pub(crate) words: BTreeMap<String, Spanned<PatternList>>,
    /// Named sets of word patterns.
    #[serde(default)]
    pub(crate) concepts: BTreeMap<String, Spanned<PatternList>>,
    #[serde(default)]
    pub(crate) rule: Vec<RawRule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawMeta {
    pub(crate) name: Spanned<String>,
    pub(crate) description: Option<String>,
}

pub(crate) type SpannedList = Spanned<Vec<Spanned<String>>>;

/// A `[[rule]]` table, and also a `[[rule.case]]` table within it: a case
/// takes the check keys and inherits what it leaves out from its rule.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawRule {
    pub(crate) id: Option<Spanned<String>>,
    pub(crate) kind: Option<Spanned<String>>,
    pub(crate) level: Option<Level>,
    #[serde(rename = "in")]
    pub(crate) sections: Option<SpannedList>,
    pub(crate) message_kinds: Option<SpannedList>,
    pub(crate) skip_message_kinds: Option<SpannedList>,
    pub(crate) patterns: Option<Spanned<PatternList>>,
    pub(crate) replace: Option<Vec<String>>,
    pub(crate) safe_fix: Option<Spanned<bool>>,
    pub(crate) unless: Option<Spanned<PatternList>>,
    pub(crate) unless_within: Option<Spanned<String>>,
    pub(crate) when: Option<Spanned<PatternList>>,
    pub(crate) any: Option<Spanned<PatternList>>,
    pub(crate) any_in: Option<SpannedList>,
    pub(crate) any_unless: Option<Spanned<PatternList>>,
    pub(crate) min: Option<Spanned<i64>>,
    pub(crate) max: Option<Spanned<i64>>,
    pub(crate) metric: Option<Spanned<String>>,
    pub(crate) check: Option<Spanned<String>>,
    pub(crate) negation: Option<bool>,
    pub(crate) enabled: Option<bool>,
    pub(crate) message: Option<Spanned<String>>,
    pub(crate) help: Option<String>,
    pub(crate) summary: Option<String>,
    pub(crate) explain: Option<String>,
    pub(crate) examples: Option<RawExamples>,
    pub(crate) case: Option<Vec<Spanned<RawRule>>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawExamples {
    #[serde(default)]
    pub(crate) bad: Vec<String>,
    #[serde(default)]
    pub(crate) good: Vec<String>,
}

/// A list of patterns; a single string is accepted as a list of one.
pub(crate) struct PatternList(pub(crate) Vec<Spanned<String>>, pub(crate) bool);

impl<'de> Deserialize<'de> for PatternList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = PatternList;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a pattern string or a list of pattern strings")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<PatternList, E> {
                Ok(PatternList(vec![Spanned::new(0..0, v.to_owned())], true))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<PatternList, A::Error> {
                let mut out = Vec::new();
                while let Some(item) = seq.next_element::<Spanned<String>>()? {
                    out.push(item);
                }
                Ok(PatternList(out, false))
            }
        }
        d.deserialize_any(V)
    }
}

/// Each pattern with its own span (a lone string takes the value's).
pub(crate) fn items(spanned: &Spanned<PatternList>) -> Vec<(String, Span)> {
    let outer = spanned.span();
    let list = spanned.get_ref();
    list.0
        .iter()
        .map(|s| {
            let r = if list.1 { outer.clone() } else { s.span() };
            (s.get_ref().clone(), Span::new(r.start, r.end))
        })
        .collect()
}

/// The items of a `[words]` list: a single string is split into words,
/// a list gives one word or phrase per item.
pub(crate) fn word_items(spanned: &Spanned<PatternList>) -> Vec<String> {
    let list = spanned.get_ref();
    if list.1 {
        list.0
            .iter()
            .flat_map(|s| {
                s.get_ref()
                    .split_whitespace()
                    .map(str::to_owned)
                    .collect::<Vec<_>>()
            })
            .collect()
    } else {
        list.0
            .iter()
            .map(|s| s.get_ref().trim().to_owned())
            .collect()
    }
}

pub(crate) fn span_of<T>(s: &Spanned<T>) -> Span {
    let r = s.span();
    Span::new(r.start, r.end)
}
