//! Turning an article's bytes into text: a byte-order mark first, then (for HTML) the
//! charset the page declares, then UTF-8 if the bytes are valid UTF-8, else a guess by
//! `chardetng` (the detector Firefox uses for unlabelled legacy pages). Decoding is
//! `encoding_rs` (the WHATWG Encoding Standard: `iso-8859-1` reads as windows-1252).
//!
//! Linear in the input: the BOM and the meta prescan look at a bounded prefix, the
//! detector and the decoder make one pass each.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8};

/// How far into an HTML page to look for `<meta charset>`; the HTML standard's prescan
/// reads 1024 bytes, pages written by hand put the tag a little later, so take more.
const META_PRESCAN_LEN: usize = 4096;

/// Why this encoding was used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EncodingSource {
    /// A byte-order mark at the start of the file.
    ByteOrderMark,
    /// `<meta charset>` or `<meta http-equiv="Content-Type" content="…; charset=…">`.
    Declared,
    /// The bytes are valid UTF-8.
    Utf8,
    /// Guessed from the bytes by the detector.
    Detected,
}

/// Decoded text, the encoding used and the diagnostics worth showing the user.
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub encoding: &'static Encoding,
    pub source: EncodingSource,
    pub diagnostics: Vec<String>,
}

/// Decodes `raw`; `html` turns on the `<meta charset>` prescan. Never fails: bytes
/// that are invalid in the chosen encoding become U+FFFD and a diagnostic says so.
pub fn decode(raw: &[u8], html: bool) -> Decoded<'_> {
    let (encoding, source) = choose(raw, html);
    // `decode` strips a BOM of the encoding it is given and replaces invalid bytes.
    let (text, had_errors) = match source {
        EncodingSource::ByteOrderMark => {
            let (text, _, had_errors) = encoding.decode(raw);
            (text, had_errors)
        }
        _ => encoding.decode_without_bom_handling(raw),
    };
    let mut diagnostics = Vec::new();
    let name = encoding.name().to_ascii_lowercase();
    match source {
        EncodingSource::Utf8 => {}
        EncodingSource::ByteOrderMark if encoding == UTF_8 => {}
        EncodingSource::ByteOrderMark => diagnostics.push(format!(
            "read as {name} (the file starts with its byte-order mark)"
        )),
        EncodingSource::Declared if encoding == UTF_8 => {}
        EncodingSource::Declared => {
            diagnostics.push(format!("read as {name}, the encoding the page declares"))
        }
        EncodingSource::Detected => diagnostics.push(format!(
            "the file is not UTF-8; read as {name} (detected from its bytes)"
        )),
    }
    if had_errors {
        diagnostics.push(format!(
            "some bytes are not valid {name}; they were replaced by \u{fffd}"
        ));
    }
    Decoded {
        text,
        encoding,
        source,
        diagnostics,
    }
}

fn choose(raw: &[u8], html: bool) -> (&'static Encoding, EncodingSource) {
    if let Some((encoding, _)) = Encoding::for_bom(raw) {
        return (encoding, EncodingSource::ByteOrderMark);
    }
    if html && let Some(encoding) = declared_charset(raw.get(..META_PRESCAN_LEN).unwrap_or(raw)) {
        // A page that says UTF-16 in ASCII bytes is not UTF-16 (HTML standard).
        let encoding = encoding.output_encoding();
        // A wrong "utf-8" label on legacy bytes is common; trust the bytes then.
        if encoding != UTF_8 || std::str::from_utf8(raw).is_ok() {
            return (encoding, EncodingSource::Declared);
        }
    }
    if std::str::from_utf8(raw).is_ok() || is_damaged_utf8(raw) {
        return (UTF_8, EncodingSource::Utf8);
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(raw, true);
    (detector.guess(None, false), EncodingSource::Detected)
}

/// UTF-8 with a few broken bytes: it holds valid multi-byte sequences and they
/// outnumber the invalid bytes. A legacy 8-bit reading would garble every valid
/// character, so such a file is read as UTF-8 and only the broken bytes are replaced.
fn is_damaged_utf8(raw: &[u8]) -> bool {
    let mut multibyte = 0usize;
    let mut invalid = 0usize;
    for chunk in raw.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += chunk.invalid().len();
    }
    multibyte > 0 && multibyte >= invalid
}

/// The encoding named by the first `<meta charset=…>` or `content="…charset=…"` in
/// `prefix`, if it is a label the Encoding Standard knows. ASCII case-insensitive.
fn declared_charset(prefix: &[u8]) -> Option<&'static Encoding> {
    let lower = prefix.to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = find(lower.get(from..)?, b"<meta") {
        let tag_start = from + found;
        let tag_end = lower
            .get(tag_start..)
            .and_then(|rest| rest.iter().position(|&byte| byte == b'>'))
            .map_or(lower.len(), |end| tag_start + end);
        let tag = lower.get(tag_start..tag_end)?;
        if let Some(at) = find(tag, b"charset") {
            let after = tag.get(at + "charset".len()..)?;
            let after = trim_start(after);
            if let Some(value) = after.strip_prefix(b"=") {
                let value = trim_start(value);
                let value = value
                    .strip_prefix(b"\"")
                    .or_else(|| value.strip_prefix(b"'"))
                    .unwrap_or(value);
                let end = value
                    .iter()
                    .position(|&byte| {
                        matches!(byte, b'"' | b'\'' | b';' | b'/' | b'>')
                            || byte.is_ascii_whitespace()
                    })
                    .unwrap_or(value.len());
                if let Some(encoding) = value.get(..end).and_then(Encoding::for_label) {
                    return Some(encoding);
                }
            }
        }
        from = tag_end.max(tag_start + 1);
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

fn trim_start(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|byte| !byte.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    bytes.get(start..).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_charset_reads_both_meta_forms() {
        let meta = declared_charset(b"<html><head><META CHARSET='windows-1252'>");
        assert_eq!(meta.map(Encoding::name), Some("windows-1252"));
        let http = declared_charset(
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">",
        );
        assert_eq!(http.map(Encoding::name), Some("windows-1252"));
        assert_eq!(declared_charset(b"<meta name=x content=y>"), None);
    }

    #[test]
    fn latin1_bytes_are_detected_and_named() {
        let decoded = decode(
            b"C\xf4te d'Ivoire opposes the sanctions, said the minister.",
            false,
        );
        assert!(decoded.text.contains("Côte d'Ivoire"), "{}", decoded.text);
        assert_eq!(decoded.source, EncodingSource::Detected);
        assert!(
            decoded
                .diagnostics
                .iter()
                .any(|d| d.contains("windows-1252"))
        );
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut raw = vec![0xff, 0xfe];
        for unit in "Türkiye".encode_utf16() {
            raw.extend_from_slice(&unit.to_le_bytes());
        }
        let decoded = decode(&raw, false);
        assert_eq!(decoded.text, "Türkiye");
        assert_eq!(decoded.source, EncodingSource::ByteOrderMark);
    }
}
