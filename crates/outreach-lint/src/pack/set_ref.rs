//! How a pattern list names a pattern set. Plain std only, so the build
//! script reads the built-in packs' lists exactly as the pack compiler does.

/// The set `item` of a pattern list names (`@name` or `@pack.name`), or
/// `None` when it is a pattern; a pattern may start with `@` too (an
/// address, say) when what follows is not a set name.
pub(crate) fn set_reference(item: &str) -> Option<&str> {
    item.strip_prefix('@').filter(|r| {
        !r.is_empty()
            && r.split('.').count() <= 2
            && r.split('.').all(|p| {
                !p.is_empty()
                    && p.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_names_and_patterns_are_told_apart() {
        assert_eq!(set_reference("@meeting-ask"), Some("meeting-ask"));
        assert_eq!(
            set_reference("@core.meeting_ask2"),
            Some("core.meeting_ask2")
        );
        assert_eq!(set_reference("@"), None);
        assert_eq!(set_reference("@a.b.c"), None);
        assert_eq!(set_reference("@a..b"), None);
        assert_eq!(set_reference("@example\\.com"), None);
        assert_eq!(set_reference("pick your brain"), None);
    }
}
