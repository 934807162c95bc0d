//! `file:` URIs to paths and back, for finding a draft's configuration and
//! naming the configuration file a problem is in.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The local path a `file:` URI names, or `None` for other schemes
/// (`untitled:` buffers) and URIs that name another host.
pub(crate) fn to_path(uri: &str) -> Option<PathBuf> {
    let rest = uri
        .get(..7)
        .filter(|s| s.eq_ignore_ascii_case("file://"))
        .and(uri.get(7..))?;
    // `file:///x` has an empty host; `file://localhost/x` names this one.
    let path = match rest.strip_prefix("localhost") {
        Some(p) if p.starts_with('/') => p,
        _ if rest.starts_with('/') => rest,
        _ => return None,
    };
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let bytes = decode(path)?;
    let text = String::from_utf8(bytes).ok()?;
    // `file:///C:/x` on Windows: the path starts at the drive letter.
    if cfg!(windows) {
        let trimmed = text.strip_prefix('/').unwrap_or(&text);
        return Some(PathBuf::from(trimmed));
    }
    Some(PathBuf::from(text))
}

/// A `file:` URI for an absolute `path`.
pub(crate) fn from_path(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut uri = String::from("file://");
    if !text.starts_with('/') {
        uri.push('/');
    }
    for b in text.bytes() {
        let keep = b.is_ascii_alphanumeric() || b"/-._~:".contains(&b);
        if keep {
            uri.push(char::from(b));
        } else {
            let _ = write!(uri, "%{b:02X}");
        }
    }
    uri
}

/// Percent-decoding; `None` for a malformed escape.
fn decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn file_uris_round_trip_with_spaces_and_accents() {
        let path = Path::new("/home/zoë/My Drafts/café #1.md");
        let uri = from_path(path);
        assert_eq!(uri, "file:///home/zo%C3%AB/My%20Drafts/caf%C3%A9%20%231.md");
        assert_eq!(to_path(&uri).as_deref(), Some(path));
        assert_eq!(
            to_path("file://localhost/tmp/a.txt").as_deref(),
            Some(Path::new("/tmp/a.txt"))
        );
        assert_eq!(
            to_path("FILE:///tmp/a%3a.txt").as_deref(),
            Some(Path::new("/tmp/a:.txt"))
        );
    }

    #[test]
    fn other_schemes_and_hosts_have_no_path() {
        assert_eq!(to_path("untitled:Untitled-1"), None);
        assert_eq!(to_path("file://server/share/a.txt"), None);
        assert_eq!(to_path("file:///bad%zz"), None);
    }
}
