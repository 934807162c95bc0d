//! Errors from loading rule packs: each points at a place in a TOML file so
//! that it can be shown like any other diagnostic.

use std::sync::Arc;

use crate::span::Span;

/// A rule pack (or configuration) that could not be loaded.
///
/// It carries the TOML text and the span of the offending value so that a
/// front end can underline it; `Display` gives a one-line summary.
///
/// ```
/// use outreach_lint::Pack;
/// let err = Pack::from_toml("team.toml", "[pack]\nname = 'team'\n[[rule]]\nid = 'x'\nkind = 'forbid'\nlevel = 'error'\npatterns = ['(']\nmessage = 'm'\nhelp = 'h'\n").unwrap_err();
/// assert_eq!(err.origin(), "team.toml");
/// let span = err.span().unwrap();
/// assert_eq!(&err.source_text()[span.range()], "'('");
/// assert!(err.to_string().contains("invalid regex"));
/// ```
#[derive(Clone, thiserror::Error)]
#[error("{origin}: {message}")]
pub struct LoadError {
    kind: ErrorKind,
    origin: String,
    source_text: Arc<str>,
    span: Option<Span>,
    message: String,
    help: Option<String>,
}

/// What kind of mistake a [`LoadError`] reports, for callers that react to
/// some differently (an editor may offer a fix for an unknown name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The file could not be read.
    Io,
    /// Not valid TOML, or a value of the wrong type or an unknown key.
    Syntax,
    /// A pattern that does not parse, is too large, or matches nothing.
    InvalidPattern,
    /// A name that is not known: a rule, pack, set, section, kind…
    UnknownName,
    /// Over a size limit.
    TooLarge,
    /// Anything else the schema does not allow.
    Invalid,
}

/// Leaves out the source text, which may be a whole pack.
impl std::fmt::Debug for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoadError")
            .field("kind", &self.kind)
            .field("origin", &self.origin)
            .field("span", &self.span)
            .field("message", &self.message)
            .field("help", &self.help)
            .finish()
    }
}

impl LoadError {
    pub(crate) fn new(
        origin: &str,
        source_text: &Arc<str>,
        span: Option<Span>,
        message: impl Into<String>,
    ) -> Self {
        LoadError {
            kind: ErrorKind::Invalid,
            origin: origin.to_owned(),
            source_text: Arc::clone(source_text),
            span,
            message: message.into(),
            help: None,
        }
    }

    /// The same error, of kind `kind`.
    pub(crate) fn with_kind(mut self, kind: ErrorKind) -> Self {
        self.kind = kind;
        self
    }

    /// What kind of mistake this is.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The same error with a suggestion attached.
    ///
    /// ```
    /// use outreach_lint::LoadError;
    /// let io = std::io::Error::new(std::io::ErrorKind::NotFound, "gone");
    /// let err = LoadError::io("team.toml", &io).with_help("check the path");
    /// assert_eq!(err.help(), Some("check the path"));
    /// ```
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// A pack or configuration file that could not be read at all.
    ///
    /// ```
    /// use outreach_lint::LoadError;
    /// let io = std::io::Error::new(std::io::ErrorKind::NotFound, "gone");
    /// let err = LoadError::io("team.toml", &io);
    /// assert_eq!(err.to_string(), "team.toml: cannot read it: gone");
    /// assert!(err.span().is_none());
    /// ```
    pub fn io(origin: &str, err: &std::io::Error) -> Self {
        LoadError::new(
            origin,
            &Arc::from(""),
            None,
            format!("cannot read it: {err}"),
        )
        .with_kind(ErrorKind::Io)
    }

    /// The file (or built-in pack) the error is in.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The full TOML text, for rendering the span in context.
    pub fn source_text(&self) -> &str {
        &self.source_text
    }

    /// The offending value's byte range in [`source_text`](Self::source_text).
    pub fn span(&self) -> Option<Span> {
        self.span
    }

    /// What is wrong.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// A suggestion, such as the closest valid name.
    pub fn help(&self) -> Option<&str> {
        self.help.as_deref()
    }
}

/// The candidate closest to `name`, if any is close enough to be a likely
/// typo (Jaro-Winkler similarity of at least 0.8): the "did you mean" of
/// every error about an unknown name.
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
        assert_eq!(closest("double-optin", ids), Some("double-opt-in"));
        assert_eq!(closest("zzz", ids), None);
    }
}
