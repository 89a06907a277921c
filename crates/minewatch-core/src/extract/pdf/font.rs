//! Fonts: how a shown string splits into character codes, how wide each glyph is, and what text
//! each code stands for.
//!
//! Column gaps are only visible if glyph advances are right, so widths come from the font
//! (`/Widths` + `/FirstChar` for simple fonts, `/W` + `/DW` for CID fonts) and text from
//! `/ToUnicode` first, then the simple encoding (WinAnsi, MacRoman, Standard, `/Differences`,
//! decoded through lopdf's tables).

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object};

use super::budget::Budget;
use super::cmap::ToUnicode;

/// Glyph width used when a font gives none, in thousandths of an em.
const FALLBACK_WIDTH: f64 = 500.0;

/// Most widths read from one font's `/Widths` or `/W`, counting overwrites, so a hostile font
/// cannot ask for billions.
const MAX_WIDTHS: usize = 131_072;

/// Helvetica's advance widths for codes 32..=126 (Adobe AFM), for standard fonts without
/// `/Widths`.
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
    556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,
    722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556,
    556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334,
    260, 334, 584,
];

/// A font as text extraction needs it.
#[derive(Debug, Clone)]
pub struct Font {
    /// Composite (Type0) fonts here use 2-byte codes (Identity-H and the like).
    two_byte: bool,
    widths: HashMap<u32, f64>,
    default_width: f64,
    /// Glyph space → text space for widths (1/1000, or a Type3 font's `/FontMatrix`).
    width_scale: f64,
    to_unicode: Option<ToUnicode>,
    /// Simple fonts: text of each byte under the font's encoding.
    encoding: Option<Vec<String>>,
}

impl Default for Font {
    /// An unknown font: 1-byte codes read as Latin-1, every glyph half an em wide.
    fn default() -> Self {
        Font {
            two_byte: false,
            widths: HashMap::new(),
            default_width: FALLBACK_WIDTH,
            width_scale: 0.001,
            to_unicode: None,
            encoding: None,
        }
    }
}

impl Font {
    /// Reads a font dictionary; anything missing falls back to defaults rather than failing.
    pub fn load(doc: &Document, dict: &Dictionary, budget: &mut Budget) -> Font {
        let subtype = dict.get(b"Subtype").and_then(Object::as_name).unwrap_or_default();
        let to_unicode = deref(doc, dict.get(b"ToUnicode").ok())
            .and_then(|o| o.as_stream().ok())
            .and_then(|s| budget.decompress(s).ok())
            .map(|bytes| ToUnicode::parse(&bytes));
        if subtype == b"Type0" {
            let descendant = deref(doc, dict.get(b"DescendantFonts").ok())
                .and_then(|o| o.as_array().ok())
                .and_then(|a| deref(doc, a.first()))
                .and_then(|o| o.as_dict().ok());
            let (widths, default_width) = descendant.map(|d| cid_widths(doc, d)).unwrap_or_default();
            return Font {
                two_byte: true,
                widths,
                default_width: if default_width > 0.0 { default_width } else { 1000.0 },
                to_unicode,
                ..Font::default()
            };
        }
        let (widths, default_width) = simple_widths(doc, dict);
        let width_scale = match deref(doc, dict.get(b"FontMatrix").ok()).and_then(|o| o.as_array().ok()) {
            Some(m) if subtype == b"Type3" => m.first().and_then(number).unwrap_or(0.001),
            _ => 0.001,
        };
        Font { widths, default_width, width_scale, to_unicode, encoding: simple_encoding(doc, dict), ..Font::default() }
    }

    /// Splits a shown string into character codes, each with its byte length.
    pub fn codes<'a>(&self, bytes: &'a [u8]) -> impl Iterator<Item = (u32, usize)> + 'a {
        let step = if self.two_byte { 2 } else { 1 };
        bytes.chunks(step).map(move |c| (super::cmap::code_of(c), c.len()))
    }

    /// Advance of `code` in text space units per unit of font size.
    pub fn advance(&self, code: u32) -> f64 {
        self.widths.get(&code).copied().unwrap_or(self.default_width) * self.width_scale
    }

    /// Whether word spacing (`Tw`) applies: the single-byte code 32.
    pub fn is_word_space(&self, code: u32, len: usize) -> bool {
        code == 32 && len == 1
    }

    /// Appends the text `code` stands for.
    pub fn push_text(&self, code: u32, out: &mut String) {
        if let Some(text) = self.to_unicode.as_ref().and_then(|m| m.get(code)) {
            out.push_str(text);
        } else if let Some(text) = self.encoding.as_ref().and_then(|e| e.get(code as usize)) {
            out.push_str(text);
        } else if !self.two_byte {
            out.extend(char::from_u32(code));
        }
    }
}

/// Follows a reference (one level is all fonts need).
pub fn deref<'a>(doc: &'a Document, object: Option<&'a Object>) -> Option<&'a Object> {
    match object? {
        Object::Reference(id) => doc.get_object(*id).ok(),
        other => Some(other),
    }
}

/// A number operand or array element as `f64`.
pub fn number(object: &Object) -> Option<f64> {
    match object {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

/// `/Widths` from `/FirstChar`, `/MissingWidth` as default; Helvetica's metrics for a standard
/// font that gives no widths.
fn simple_widths(doc: &Document, dict: &Dictionary) -> (HashMap<u32, f64>, f64) {
    let first = dict.get(b"FirstChar").ok().and_then(number).unwrap_or(0.0).max(0.0) as u32;
    let descriptor = deref(doc, dict.get(b"FontDescriptor").ok()).and_then(|o| o.as_dict().ok());
    let missing = descriptor.and_then(|d| d.get(b"MissingWidth").ok()).and_then(number).filter(|w| *w > 0.0);
    match deref(doc, dict.get(b"Widths").ok()).and_then(|o| o.as_array().ok()) {
        Some(widths) => {
            let map = (first..)
                .zip(widths.iter().take(MAX_WIDTHS))
                .filter_map(|(c, w)| Some((c, number(deref(doc, Some(w))?)?)))
                .collect();
            (map, missing.unwrap_or(FALLBACK_WIDTH))
        }
        None => {
            let map = (32..).zip(HELVETICA).map(|(c, w)| (c, f64::from(w))).collect();
            (map, missing.unwrap_or(FALLBACK_WIDTH))
        }
    }
}

/// A CID font's `/W` (`c [w1 w2 …]` and `c1 c2 w` forms) and `/DW`.
fn cid_widths(doc: &Document, dict: &Dictionary) -> (HashMap<u32, f64>, f64) {
    let default = dict.get(b"DW").ok().and_then(number).unwrap_or(1000.0);
    let mut map = HashMap::new();
    let items = deref(doc, dict.get(b"W").ok()).and_then(|o| o.as_array().ok()).map(Vec::as_slice).unwrap_or_default();
    let mut i = 0;
    let mut left = MAX_WIDTHS;
    while let Some(first) = items.get(i).and_then(number) {
        let first = first.max(0.0) as u32;
        match (deref(doc, items.get(i + 1)), items.get(i + 2).and_then(number)) {
            (Some(Object::Array(list)), _) => {
                let list = list.get(..list.len().min(left)).unwrap_or_default();
                map.extend((first..).zip(list).filter_map(|(c, w)| Some((c, number(w)?))));
                left -= list.len();
                i += 2;
            }
            (Some(last), Some(w)) => {
                let last = number(last).unwrap_or(0.0).max(0.0) as u32;
                let count = last.saturating_sub(first).min(left.saturating_sub(1) as u32);
                map.extend((first..=first.saturating_add(count)).map(|c| (c, w)));
                left = left.saturating_sub(count as usize + 1);
                i += 3;
            }
            _ => break,
        }
        if left == 0 {
            break;
        }
    }
    (map, default)
}

/// The text of each byte under a simple font's `/Encoding` (lopdf's WinAnsi, MacRoman,
/// Standard and `/Differences` tables), or `None` when the font names none and has a ToUnicode.
fn simple_encoding(doc: &Document, dict: &Dictionary) -> Option<Vec<String>> {
    let encoding = dict.get(b"Encoding").ok();
    if encoding.is_none() && dict.has(b"ToUnicode") {
        return None;
    }
    let mut probe = Dictionary::new();
    probe.set("Type", Object::Name(b"Font".to_vec()));
    if let Some(encoding) = encoding {
        probe.set("Encoding", encoding.clone());
    }
    let table = probe.get_font_encoding(doc).ok()?;
    Some((0u8..=255).map(|b| table.bytes_to_string(&[b]).unwrap_or_default()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    fn load(dict: Dictionary) -> Font {
        Font::load(&Document::new(), &dict, &mut Budget::new(1 << 20))
    }

    #[test]
    fn simple_widths_start_at_first_char() {
        let font = load(dictionary! {
            "Type" => "Font", "Subtype" => "TrueType", "FirstChar" => 65,
            "Widths" => vec![600.into(), 700.into()], "Encoding" => "WinAnsiEncoding",
        });
        assert!((font.advance(65) - 0.6).abs() < 1e-9);
        assert!((font.advance(66) - 0.7).abs() < 1e-9);
        assert!((font.advance(67) - FALLBACK_WIDTH / 1000.0).abs() < 1e-9);
        let mut s = String::new();
        font.codes(b"A\x80").for_each(|(c, _)| font.push_text(c, &mut s));
        assert_eq!(s, "A€");
    }

    #[test]
    fn cid_widths_read_both_forms_and_two_byte_codes() {
        let w: Vec<Object> = vec![3.into(), vec![250.into(), 300.into()].into(), 10.into(), 12.into(), 500.into()];
        let font = load(dictionary! {
            "Type" => "Font", "Subtype" => "Type0", "Encoding" => "Identity-H",
            "DescendantFonts" => vec![dictionary! { "Subtype" => "CIDFontType2", "DW" => 800, "W" => w }.into()],
        });
        assert_eq!(font.codes(&[0, 3, 0, 4, 0]).collect::<Vec<_>>(), vec![(3, 2), (4, 2), (0, 1)]);
        assert!((font.advance(3) - 0.25).abs() < 1e-9);
        assert!((font.advance(4) - 0.3).abs() < 1e-9);
        assert!((font.advance(11) - 0.5).abs() < 1e-9);
        assert!((font.advance(13) - 0.8).abs() < 1e-9);
    }

    #[test]
    fn huge_and_repeated_w_ranges_stay_bounded() {
        let w: Vec<Object> = (0..3000).flat_map(|_| [0.into(), 4_000_000_000i64.into(), 500.into()]).collect();
        let started = std::time::Instant::now();
        let font = load(dictionary! {
            "Type" => "Font", "Subtype" => "Type0",
            "DescendantFonts" => vec![dictionary! { "W" => w }.into()],
        });
        assert!(font.widths.len() <= MAX_WIDTHS && started.elapsed().as_secs() < 5);
    }

    #[test]
    fn differences_override_the_base_encoding() {
        let differences: Vec<Object> = vec![65.into(), Object::Name(b"dollar".to_vec())];
        let font = load(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
            "Encoding" => dictionary! { "BaseEncoding" => "WinAnsiEncoding", "Differences" => differences },
        });
        let mut s = String::new();
        font.codes(b"AB").for_each(|(c, _)| font.push_text(c, &mut s));
        assert_eq!(s, "$B");
        assert!((font.advance(u32::from(b'$')) - 0.556).abs() < 1e-9);
    }
}
