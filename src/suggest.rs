//! "Did you mean": the closest of some names to one that is not known.

/// The candidate closest to `name`, if any is close enough to be a likely
/// typo (Jaro-Winkler similarity of at least 0.8).
pub(crate) fn closest<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(name, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn suggests_the_nearest_name_only_when_close() {
        let ids = ["pick-your-brain", "specific-agenda", "double-opt-in"];
        assert_eq!(closest("pick-your-brian", ids), Some("pick-your-brain"));
        assert_eq!(closest("zzz", ids), None);
    }
}
