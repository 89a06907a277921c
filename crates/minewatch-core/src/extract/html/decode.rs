//! Bytes → text, choosing the charset as browsers do (the WHATWG encoding sniffing order): a byte
//! order mark, then the HTTP `Content-Type` charset, then a `<meta>` charset in the first 1024
//! bytes, then UTF-8 when the bytes are valid UTF-8, else Windows-1252 (older EDGAR exhibits).
//! Decoding is `encoding_rs`, the decoder browsers use; a bad byte becomes U+FFFD, never an error.

use std::borrow::Cow;
use std::sync::LazyLock;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252, X_USER_DEFINED};
use regex::bytes::Regex;

/// How far into the document a `<meta>` charset is looked for (as browsers do).
const META_PRESCAN_BYTES: usize = 1024;

/// `<meta charset="…">` or `<meta http-equiv="Content-Type" content="text/html; charset=…">`.
static META_CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i-u)<meta\s[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)"#)
        .unwrap_or_else(|e| unreachable!("meta charset regex: {e}"))
});

/// The document's text. `content_type` is the HTTP header it was served with, if known (a file
/// name or anything without a `charset` parameter is no hint).
pub fn decode<'b>(bytes: &'b [u8], content_type: Option<&str>) -> Cow<'b, str> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return encoding.decode_without_bom_handling(bytes.get(bom..).unwrap_or_default()).0;
    }
    encoding_of(bytes, content_type).decode_without_bom_handling(bytes).0
}

/// The charset of a document without a byte order mark.
fn encoding_of(bytes: &[u8], content_type: Option<&str>) -> &'static Encoding {
    if let Some(encoding) = content_type.and_then(header_charset) {
        return encoding;
    }
    if let Some(encoding) = meta_charset(bytes) {
        return encoding;
    }
    if std::str::from_utf8(bytes).is_ok() { UTF_8 } else { WINDOWS_1252 }
}

/// The `charset` parameter of a `Content-Type` header value.
fn header_charset(content_type: &str) -> Option<&'static Encoding> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        if !name.trim().eq_ignore_ascii_case("charset") {
            return None;
        }
        Encoding::for_label(value.trim().trim_matches(['"', '\'']).as_bytes())
    })
}

/// The charset a `<meta>` tag declares near the start. A page that reached us as bytes cannot be
/// UTF-16 by its own say-so, so browsers read such a declaration as UTF-8, and `x-user-defined`
/// as Windows-1252.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..META_PRESCAN_BYTES).unwrap_or(bytes);
    let label = META_CHARSET.captures(head)?.get(1)?.as_bytes();
    let encoding = Encoding::for_label(label)?;
    Some(if encoding == X_USER_DEFINED { WINDOWS_1252 } else { encoding.output_encoding() })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// “Quoted” – dashed, in Windows-1252.
    const CP1252: &[u8] = b"\x93Quoted\x94 \x96 dashed";

    #[test]
    fn windows_1252_is_the_fallback_for_bytes_that_are_not_utf8() {
        assert_eq!(decode(CP1252, None), "“Quoted” – dashed");
        assert_eq!(decode(b"\x97 and \x80", Some("release.htm")), "— and €");
        assert_eq!(decode("é “x”".as_bytes(), Some("text/html")), "é “x”");
    }

    #[test]
    fn a_meta_charset_names_the_encoding_even_of_valid_utf8() {
        // "é" in UTF-8 is two bytes, which Windows-1252 reads as "Ã©".
        let meta = b"<html><head><meta charset=\"windows-1252\"><title>caf\xc3\xa9</title>";
        assert!(decode(meta, None).ends_with("<title>cafÃ©</title>"));
        let http_equiv = b"<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=ISO-8859-1\">\x93x\x94";
        assert!(decode(http_equiv, None).ends_with("“x”"));
        let utf16 = b"<meta charset=utf-16>caf\xc3\xa9";
        assert!(decode(utf16, None).ends_with("café"), "a page read as bytes is not UTF-16 by its own say");
        let late = [b" ".repeat(META_PRESCAN_BYTES).as_slice(), b"<meta charset=windows-1252>caf\xc3\xa9"].concat();
        assert!(decode(&late, None).ends_with("café"), "a meta past the first 1024 bytes is not looked at");
    }

    #[test]
    fn the_header_charset_beats_the_meta() {
        let page = b"<meta charset=\"utf-8\">\x93x\x94";
        assert!(decode(page, Some("text/html; charset=\"Windows-1252\"")).ends_with("“x”"));
        assert!(decode(page, Some("text/html; charset=utf-8")).ends_with("\u{fffd}x\u{fffd}"));
        assert!(decode(page, Some("text/html; charset=no-such-thing")).ends_with("\u{fffd}x\u{fffd}"));
    }

    #[test]
    fn a_utf8_bom_beats_the_header_and_is_not_text() {
        let page = "\u{feff}<p>“x”</p>".as_bytes();
        assert_eq!(decode(page, Some("text/html; charset=windows-1252")), "<p>“x”</p>");
        let utf16 = b"\xff\xfe<\x00p\x00>\x00";
        assert_eq!(decode(utf16, None), "<p>");
    }
}
