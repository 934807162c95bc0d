//! A value with the place it was written.
//!
//! With the `toml` feature this is `toml::Spanned`, which the TOML parser
//! fills in. Without it the built-in packs are read from JSON, which has no
//! spans to give; they are never wrong (the test suite loads them), so
//! every span is empty and the value passes through unchanged.

#[cfg(feature = "toml")]
pub(crate) use toml::Spanned;

#[cfg(not(feature = "toml"))]
pub(crate) use plain::Spanned;

#[cfg(not(feature = "toml"))]
mod plain {
    use std::ops::Range;

    use serde::{Deserialize, Deserializer};

    /// A value read from a format without spans.
    #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
    pub(crate) struct Spanned<T> {
        value: T,
    }

    impl<T> Spanned<T> {
        pub(crate) fn new(_span: Range<usize>, value: T) -> Self {
            Spanned { value }
        }

        pub(crate) fn span(&self) -> Range<usize> {
            0..0
        }

        pub(crate) fn get_ref(&self) -> &T {
            &self.value
        }

        pub(crate) fn into_inner(self) -> T {
            self.value
        }
    }

    impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            T::deserialize(d).map(|value| Spanned { value })
        }
    }
}
