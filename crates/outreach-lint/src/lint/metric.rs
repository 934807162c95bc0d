//! Metrics for `limit` rules: words, sentences, questions, links… counted
//! over a rule's sections, and where to point when a bound is broken.

use std::sync::LazyLock;

use regex::Regex;
use unicode_segmentation::UnicodeSegmentation;

use crate::draft::SectionKind;
use crate::lint::context::Context;
use crate::rules::{Bounds, Metric, Sections};
use crate::span::Span;

static LINK: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::expect_used)] // a literal, exercised by the tests below
    Regex::new(r"(?i)\bhttps?://\S+|\bwww\.\S+").expect("link pattern is valid")
});

/// Measure `metric` over the sections in `sections`. Returns the value and
/// the counted items (absolute normalised spans, in text order), or `None`
/// when the draft has none of those sections.
fn measure(
    metric: Metric,
    scan: &Context<'_>,
    sections: Sections,
) -> Option<(usize, Vec<(SectionKind, Span)>)> {
    let mut items: Vec<(SectionKind, Span)> = Vec::new();
    let mut seen = false;
    let mut words_total = 0;
    let mut sentence_count = 0;
    for (index, section) in scan.sections().iter().enumerate() {
        if !sections.contains(section.kind) {
            continue;
        }
        seen = true;
        let text = scan.section_text(index);
        let base = section.norm.start;
        let abs = |s: usize, e: usize| (section.kind, Span::new(base + s, base + e));
        match metric {
            Metric::Words => items.extend(
                text.unicode_word_indices()
                    .map(|(i, w)| abs(i, i + w.len())),
            ),
            Metric::Characters => items.extend(
                text.char_indices()
                    .filter(|(_, c)| !c.is_whitespace())
                    .map(|(i, c)| abs(i, i + c.len_utf8())),
            ),
            Metric::Links => items.extend(LINK.find_iter(text).map(|m| abs(m.start(), m.end()))),
            Metric::Sentences | Metric::Questions | Metric::AvgSentenceWords => {
                for s in scan.sentences(index) {
                    let body = text.get(s.range()).unwrap_or_default();
                    let trimmed = body.trim_end();
                    if trimmed.unicode_words().next().is_none() {
                        continue;
                    }
                    let span = abs(s.start, s.start + trimmed.len());
                    match metric {
                        Metric::Questions if trimmed.ends_with('?') => items.push(span),
                        Metric::Questions => {}
                        Metric::AvgSentenceWords => {
                            words_total += trimmed.unicode_words().count();
                            sentence_count += 1;
                            items.push(span);
                        }
                        _ => items.push(span),
                    }
                }
            }
            Metric::Paragraphs => {
                let mut start = None;
                let mut last_end = 0;
                for (i, line) in text.split('\n').scan(0, |at, l| {
                    let here = *at;
                    *at += l.len() + 1;
                    Some((here, l))
                }) {
                    if line.trim().is_empty() {
                        if let Some(s) = start.take() {
                            items.push(abs(s, last_end));
                        }
                    } else {
                        start.get_or_insert(i);
                        last_end = i + line.len();
                    }
                }
                if let Some(s) = start {
                    items.push(abs(s, last_end));
                }
            }
        }
    }
    if !seen {
        return None;
    }
    let value = match metric {
        Metric::AvgSentenceWords if sentence_count > 0 => {
            (words_total + sentence_count / 2) / sentence_count
        }
        Metric::AvgSentenceWords => 0,
        _ => items.len(),
    };
    Some((value, items))
}

/// Check `metric` against `bounds`: where to point and the measured value
/// when a bound is broken.
pub(crate) fn out_of_bounds(
    metric: Metric,
    scan: &Context<'_>,
    sections: Sections,
    bounds: Bounds,
) -> Option<(SectionKind, Span, usize)> {
    let (value, items) = measure(metric, scan, sections)?;
    let first_section = || {
        scan.sections()
            .iter()
            .find(|s| sections.contains(s.kind))
            .map(|s| (s.kind, s.norm))
    };
    if let Some(max) = bounds.max
        && value > max
    {
        // Point at what went over: the first item past the bound, or for an
        // average, the longest sentence.
        let (kind, span) = match metric {
            Metric::AvgSentenceWords => *items.iter().max_by_key(|(_, s)| s.len())?,
            _ => *items.get(max)?,
        };
        return Some((kind, span, value));
    }
    if let Some(min) = bounds.min
        && value < min
    {
        let (kind, span) = items.first().copied().or_else(first_section)?;
        return Some((kind, span, value));
    }
    None
}
