//! Reading drafts: bytes from a file or standard input, checked and decoded
//! into text. Every refusal is an error a person can act on.

use std::io::Read;
use std::path::{Path, PathBuf};

/// Where a draft comes from.
#[derive(Debug, Clone)]
pub(crate) enum Source {
    Stdin,
    File(PathBuf),
}

/// Read one draft's bytes. The error is the reason only; the caller names
/// the file.
pub(crate) fn read(source: &Source, max_size: u64) -> Result<Vec<u8>, String> {
    match source {
        Source::Stdin => read_limited(std::io::stdin().lock(), max_size, 0),
        Source::File(path) => read_file(path, max_size),
    }
}

/// Like [`decode`], but invalid sequences become U+FFFD (a binary file is
/// still refused); the second value says what was replaced.
pub(crate) fn decode_lossy(bytes: Vec<u8>) -> Result<(String, Option<String>), String> {
    let reason = match decode(bytes.clone()) {
        Ok(text) => return Ok((text, None)),
        Err(reason) if reason.contains("binary") => return Err(reason),
        Err(reason) => reason,
    };
    let (text, replaced) = if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        utf16_lossy(rest, u16::from_le_bytes)
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        utf16_lossy(rest, u16::from_be_bytes)
    } else {
        // Each chunk with an invalid tail is one U+FFFD, as in `from_utf8_lossy`.
        let replaced = bytes
            .utf8_chunks()
            .filter(|c| !c.invalid().is_empty())
            .count();
        (String::from_utf8_lossy(&bytes).into_owned(), replaced)
    };
    let what = reason.split("; ").next().unwrap_or(&reason);
    let plural = if replaced == 1 { "" } else { "s" };
    Ok((
        text,
        Some(format!(
            "{what}; replaced {replaced} bad sequence{plural} with U+FFFD, so byte offsets refer to the repaired text"
        )),
    ))
}

/// UTF-16 with unpaired surrogates replaced; a trailing odd byte counts as
/// one more bad sequence.
fn utf16_lossy(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> (String, usize) {
    let chunks = bytes.chunks_exact(2);
    let odd = usize::from(!chunks.remainder().is_empty());
    let mut replaced = odd;
    // `chunks_exact(2)` yields two-byte chunks only, so both indexes exist.
    let mut text: String = char::decode_utf16(chunks.map(|c| unit([c[0], c[1]])))
        .map(|r| {
            r.unwrap_or_else(|_| {
                replaced += 1;
                char::REPLACEMENT_CHARACTER
            })
        })
        .collect();
    if odd == 1 {
        text.push(char::REPLACEMENT_CHARACTER);
    }
    (text, replaced)
}

fn read_file(path: &Path, max_size: u64) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| io_reason(&e))?;
    if meta.is_dir() {
        return Err("is a directory".to_owned());
    }
    if meta.len() > max_size {
        return Err(too_big(meta.len(), max_size, true));
    }
    let file = std::fs::File::open(path).map_err(|e| io_reason(&e))?;
    // Sized from the metadata, the file is read in one call (plus the one
    // that finds its end) rather than in a series of growing reads.
    let expected = usize::try_from(meta.len()).unwrap_or(0);
    read_limited(file, max_size, expected)
}

/// Read at most `max_size` bytes, refusing more (the size on disk may
/// change, and standard input has none).
fn read_limited(reader: impl Read, max_size: u64, expected: usize) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::with_capacity(expected.saturating_add(1));
    reader
        .take(max_size.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| io_reason(&e))?;
    if bytes.len() as u64 > max_size {
        // Reading stopped one byte past the limit: the true size is unknown.
        return Err(too_big(max_size, max_size, false));
    }
    Ok(bytes)
}

fn too_big(size: u64, max: u64, exact: bool) -> String {
    let more = if exact { "" } else { "more than " };
    format!("is {more}{size} bytes, over the {max}-byte limit (raise it with --max-size)")
}

pub(crate) fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => e.to_string(),
    }
}

/// Refuse a file with NUL bytes: it is binary, not a draft (UTF-16 text,
/// which has them, is decoded before this is asked).
pub(crate) fn refuse_binary(bytes: &[u8]) -> Result<(), String> {
    match memchr_nul(bytes) {
        Some(at) => Err(format!(
            "looks like a binary file (NUL byte at byte offset {at}), not a draft"
        )),
        None => Ok(()),
    }
}

/// Bytes to text: UTF-8 (with or without BOM) as is, UTF-16 with a BOM
/// decoded; NUL bytes mean a binary file, and invalid UTF-8 is reported at
/// its byte offset.
pub(crate) fn decode(bytes: Vec<u8>) -> Result<String, String> {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes, "UTF-16LE");
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes, "UTF-16BE");
    }
    refuse_binary(&bytes)?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        format!("is not valid UTF-8 (invalid byte at byte offset {at}); save it as UTF-8")
    })
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16, name: &str) -> Result<String, String> {
    if !bytes.len().is_multiple_of(2) {
        return Err(format!("is not valid {name}: odd number of bytes"));
    }
    // `chunks_exact(2)` yields two-byte chunks only, so both indexes exist.
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    char::decode_utf16(units)
        .enumerate()
        .map(|(i, r)| {
            r.map_err(|_| {
                format!(
                    "is not valid {name} (unpaired surrogate at byte offset {})",
                    2 + i * 2
                )
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{decode, decode_lossy};

    #[test]
    fn lossy_replaces_each_bad_sequence_and_says_so() {
        let (text, warning) = decode_lossy(b"Jos\xe9 and \xff\xfe? no: \xc3".to_vec()).unwrap();
        assert_eq!(text, "Jos\u{fffd} and \u{fffd}\u{fffd}? no: \u{fffd}");
        let warning = warning.unwrap();
        assert!(warning.contains("byte offset 3"), "{warning}");
        assert!(warning.contains("replaced 4 bad sequences"), "{warning}");
        assert_eq!(decode_lossy(b"fine \xef\xbf\xbd".to_vec()).unwrap().1, None);
        assert!(
            decode_lossy(b"a\x00b".to_vec())
                .unwrap_err()
                .contains("binary")
        );
    }

    #[test]
    fn lossy_utf16_replaces_unpaired_surrogates() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend([0x48, 0x00, 0x00, 0xD8, 0x69, 0x00, 0x21]);
        let (text, warning) = decode_lossy(bytes).unwrap();
        assert_eq!(text, "H\u{fffd}i\u{fffd}");
        assert!(warning.unwrap().contains("replaced 2 bad sequences"));
    }

    #[test]
    fn utf16_with_bom_decodes_both_byte_orders() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Hi é".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Hi é".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(le).as_deref(), Ok("Hi é"));
        assert_eq!(decode(be).as_deref(), Ok("Hi é"));
    }

    #[test]
    fn invalid_utf8_names_the_offset() {
        let err = decode(b"Hi \xff there".to_vec()).unwrap_err();
        assert!(err.contains("byte offset 3"), "{err}");
    }

    #[test]
    fn nul_means_binary() {
        let err = decode(b"PK\x03\x04\x00\x00".to_vec()).unwrap_err();
        assert!(err.contains("binary") && err.contains("offset 4"), "{err}");
    }
}
