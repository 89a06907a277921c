//! ToUnicode CMaps: character code → Unicode text.
//!
//! Subset fonts embedded by LibreOffice, Chromium and most report generators use private glyph
//! codes (often 2-byte Identity-H CIDs); the font's `/ToUnicode` CMap is the only way back to
//! text. Only the parts that map codes to text are read (`bfchar`, `bfrange`); everything else in
//! the PostScript-like syntax is skipped. Ranges are expanded up to a fixed number of entries so a
//! hostile CMap cannot ask for billions of them.

use std::collections::HashMap;

/// Most mappings read from one CMap, counting overwrites (a full Unicode BMP font needs about
/// 65k), so that neither huge ranges nor many repeated ones cost more than this.
const MAX_ENTRIES: usize = 131_072;

/// A parsed ToUnicode map.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ToUnicode {
    map: HashMap<u32, String>,
    /// Mappings read so far.
    read: usize,
}

impl ToUnicode {
    /// Reads a CMap program; whatever does not parse is skipped.
    pub fn parse(bytes: &[u8]) -> ToUnicode {
        let tokens = tokenize(bytes);
        let mut cmap = ToUnicode::default();
        let mut i = 0;
        while let Some(token) = tokens.get(i) {
            i += 1;
            match token {
                Token::Word(w) if w == b"beginbfchar" => i = cmap.read_bfchar(&tokens, i),
                Token::Word(w) if w == b"beginbfrange" => i = cmap.read_bfrange(&tokens, i),
                _ => {}
            }
        }
        cmap
    }

    /// The text of `code`, if the CMap maps it.
    pub fn get(&self, code: u32) -> Option<&str> {
        self.map.get(&code).map(String::as_str)
    }

    fn insert(&mut self, code: u32, text: String) {
        self.read += 1;
        self.map.insert(code, text);
    }

    fn full(&self) -> bool {
        self.read >= MAX_ENTRIES
    }

    fn read_bfchar(&mut self, tokens: &[Token], mut i: usize) -> usize {
        while let (Some(Token::Hex(src)), Some(Token::Hex(dst)), false) =
            (tokens.get(i), tokens.get(i + 1), self.full())
        {
            self.insert(code_of(src), utf16_text(dst));
            i += 2;
        }
        i
    }

    fn read_bfrange(&mut self, tokens: &[Token], mut i: usize) -> usize {
        loop {
            let (Some(Token::Hex(lo)), Some(Token::Hex(hi))) = (tokens.get(i), tokens.get(i + 1)) else {
                return i;
            };
            let (lo, hi) = (code_of(lo), code_of(hi));
            let count = hi.saturating_sub(lo).min(MAX_ENTRIES.saturating_sub(self.read) as u32);
            if self.full() {
                return i;
            }
            match tokens.get(i + 2) {
                Some(Token::Hex(dst)) => {
                    let units = utf16_units(dst);
                    for offset in 0..=count {
                        let mut shifted = units.clone();
                        if let Some(last) = shifted.last_mut() {
                            *last = last.wrapping_add(offset as u16);
                        }
                        self.insert(lo.wrapping_add(offset), String::from_utf16_lossy(&shifted));
                    }
                    i += 3;
                }
                Some(Token::Array(items)) => {
                    for (offset, dst) in (0..=count).zip(items) {
                        self.insert(lo.wrapping_add(offset), utf16_text(dst));
                    }
                    i += 3;
                }
                _ => return i,
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Hex(Vec<u8>),
    /// An array of hex strings (other elements dropped).
    Array(Vec<Vec<u8>>),
    Word(Vec<u8>),
}

/// Splits a CMap program into hex strings, arrays of hex strings and bare words.
fn tokenize(bytes: &[u8]) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut array: Option<Vec<Vec<u8>>> = None;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'%' => {
                while bytes.get(i).is_some_and(|&c| c != b'\n' && c != b'\r') {
                    i += 1;
                }
            }
            b'<' if bytes.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if bytes.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => {
                let end = bytes.get(i..).and_then(|rest| rest.iter().position(|&c| c == b'>'));
                let Some(end) = end else { break };
                let hex = hex_bytes(bytes.get(i + 1..i + end).unwrap_or_default());
                match array.as_mut() {
                    Some(items) => items.push(hex),
                    None => tokens.push(Token::Hex(hex)),
                }
                i += end + 1;
            }
            b'[' => {
                array = Some(Vec::new());
                i += 1;
            }
            b']' => {
                tokens.extend(array.take().map(Token::Array));
                i += 1;
            }
            b'(' => {
                while bytes.get(i).is_some_and(|&c| c != b')') {
                    i += 1;
                }
                i += 1;
            }
            c if c.is_ascii_whitespace() => i += 1,
            _ => {
                let start = i;
                while bytes.get(i).is_some_and(|&c| !c.is_ascii_whitespace() && !b"<>[]()%/".contains(&c)) {
                    i += 1;
                }
                if i == start {
                    i += 1;
                } else if array.is_none() {
                    tokens.push(Token::Word(bytes.get(start..i).unwrap_or_default().to_vec()));
                }
            }
        }
    }
    tokens
}

/// Hex digits → bytes; an odd final digit counts as followed by 0 (as PDF says).
fn hex_bytes(hex: &[u8]) -> Vec<u8> {
    let digits: Vec<u8> = hex.iter().filter_map(|&c| (c as char).to_digit(16)).map(|d| d as u8).collect();
    digits.chunks(2).map(|pair| pair.first().unwrap_or(&0) << 4 | pair.get(1).unwrap_or(&0)).collect()
}

/// A source code: its bytes big-endian (at most 4 counted).
pub fn code_of(bytes: &[u8]) -> u32 {
    bytes.iter().take(4).fold(0, |acc, &b| acc << 8 | u32::from(b))
}

fn utf16_units(bytes: &[u8]) -> Vec<u16> {
    bytes.chunks(2).map(|p| u16::from(*p.first().unwrap_or(&0)) << 8 | u16::from(*p.get(1).unwrap_or(&0))).collect()
}

fn utf16_text(bytes: &[u8]) -> String {
    String::from_utf16_lossy(&utf16_units(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CMAP: &[u8] = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
        /CMapName /Adobe-Identity-UCS def
        1 begincodespacerange <0000> <FFFF> endcodespacerange
        3 beginbfchar
        <0003> <0020>
        <0011> <0024> % dollar
        <0044> <00660066>
        endbfchar
        2 beginbfrange
        <0014> <001D> <0030>
        <0100> <0102> [<0041> <0042> <D83DDE00>]
        endbfrange
        endcmap CMapName currentdict /CMap defineresource pop end end";

    #[test]
    fn bfchar_maps_single_codes_and_ligatures() {
        let cmap = ToUnicode::parse(CMAP);
        assert_eq!(cmap.get(0x0003), Some(" "));
        assert_eq!(cmap.get(0x0011), Some("$"));
        assert_eq!(cmap.get(0x0044), Some("ff"));
    }

    #[test]
    fn bfrange_increments_the_last_unit_or_reads_an_array() {
        let cmap = ToUnicode::parse(CMAP);
        assert_eq!(cmap.get(0x0014), Some("0"));
        assert_eq!(cmap.get(0x001D), Some("9"));
        assert_eq!(cmap.get(0x001E), None);
        assert_eq!(cmap.get(0x0101), Some("B"));
        assert_eq!(cmap.get(0x0102), Some("😀"));
    }

    #[test]
    fn garbage_and_huge_ranges_stay_bounded() {
        assert!(ToUnicode::parse(b"beginbfrange <0000> <FFFFFFFF> <0041> endbfrange").map.len() <= MAX_ENTRIES + 1);
        let repeated = b"<0000> <FFFF> <0041> ".repeat(10_000);
        let started = std::time::Instant::now();
        let cmap = ToUnicode::parse(&[b"beginbfrange ".as_slice(), &repeated, b"endbfrange"].concat());
        assert!(cmap.map.len() <= 65_536 && started.elapsed().as_secs() < 5);
        assert!(ToUnicode::parse(b"beginbfchar <00 <41> [ ( endbfchar").map.len() <= 1);
        assert!(ToUnicode::parse(&[0xff; 100]).map.is_empty());
    }
}
