//! Seeded mutations of a document: the shapes hostile or broken input takes.
//!
//! One case is one `u64`: it picks the document and one to three mutations (truncation, flipped
//! and inserted bytes, duplicated and unclosed tags, deep nesting, huge numbers, invalid UTF-8,
//! spliced and deleted ranges), so a case seed alone reproduces the bytes.

use fastrand::Rng;

/// A mutated document and what was done to it, to report with its seed.
pub struct Case {
    pub bytes: Vec<u8>,
    pub description: String,
}

/// Fragments worth inserting: markup the readers look for, numbers, scales and dates they read,
/// and characters that change length when lowercased or are more than one byte long.
const TOKENS: &[&str] = &[
    "<",
    ">",
    "</",
    "<td>",
    "</td>",
    "<tr>",
    "</tr>",
    "<table>",
    "</table>",
    "<th colspan=\"0\">",
    "<td colspan=\"99999\">",
    "<td rowspan=\"4294967296\">",
    "<br>",
    "<p>",
    "<li>",
    "<caption>",
    "<![CDATA[",
    "]]>",
    "<!--",
    "-->",
    "<?xml version=\"1.0\"?>",
    "<!DOCTYPE x [<!ENTITY e \"&e;&e;\">]>",
    "&",
    "&amp;",
    "&#0;",
    "&#x110000;",
    "&#99999999999;",
    "&nbsp;",
    "&e;",
    "\"",
    "'",
    "=",
    "<ix:nonFraction name=\"us-gaap:Revenues\" contextRef=\"c-1\" unitRef=\"usd\" decimals=\"-3\" scale=\"3\" \
     format=\"ixt:num-dot-decimal\">1,234</ix:nonFraction>",
    " scale=\"99999\"",
    " scale=\"-400\"",
    " sign=\"-\"",
    " format=\"ixt:fixed-zero\"",
    "<ix:exclude>",
    "<xbrli:context id=\"c-1\">",
    "<xbrldi:explicitMember dimension=\"srt:ProductOrServiceAxis\">x:HPCMember",
    "<item>",
    "<entry>",
    "<link href=\"\"/>",
    "<link>javascript:x</link>",
    "<pubDate>",
    "<updated>9999-99-99",
    "revenue",
    "Total revenue",
    "HPC lease revenue of $",
    "Revenue",
    "$",
    "million",
    "billion",
    "(in thousands)",
    "($ in millions)",
    "Three Months Ended March 31, 2026",
    "Six Months Ended",
    "fiscal 2026",
    "Q4 FY26",
    "compared to",
    "up from",
    "%",
    "(",
    ")",
    "(12)",
    "—",
    "–",
    "“",
    "”",
    "’",
    "…",
    "\u{a0}",
    "\u{2009}",
    "İ",
    "ẞ",
    "ﬁ",
    "١٢٣",
    "１２３",
    "e\u{301}",
    "🚀",
    "\0",
    "\r",
    "\n\n",
    "\t",
    "[crawl]",
    "[[companies]]",
    "[serve]",
    "[detect]",
    "[alert]",
    "nan",
    "inf",
    "-inf",
    "-1",
    "0",
    "1e400",
    "1e-300",
    "\"\"",
    "User-agent: *",
    "Disallow: ",
    "Allow: ",
    "*",
    "$",
    "/*$",
    "#",
    ":",
];

/// Numbers no reader should choke on.
const HUGE_NUMBERS: &[&str] = &[
    "1000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
    "99999999999999999999999",
    "9223372036854775808",
    "-9223372036854775809",
    "18446744073709551616",
    "1e400",
    "1E-400",
    "0.0000000000000000000000001",
    "1,000,000,000,000,000,000,000",
    "(99,999,999,999,999,999,999)",
    "$99,999,999,999,999,999,999.99",
    "-0",
    "NaN",
    "١٢٣",
    "１２３",
];

/// Byte sequences that are not UTF-8: a stray continuation byte, lone lead bytes, a surrogate,
/// an overlong encoding, a code point past U+10FFFF, a UTF-16 byte order mark.
const NOT_UTF8: &[&[u8]] =
    &[b"\x80", b"\xff", b"\xc3", b"\xe2\x80", b"\xed\xa0\x80", b"\xc0\x80", b"\xf4\x90\x80\x80", b"\xfe\xff"];

/// Depths of inserted nesting: around the HTML reader's 512 budget, and far past it.
const DEPTHS: &[usize] = &[64, 500, 511, 512, 513, 2_000, 20_000];

/// The case `seed` makes of one of `documents`: (which document, the mutated bytes).
pub fn case(documents: &[(String, Vec<u8>)], seed: u64) -> (usize, Case) {
    let mut rng = Rng::with_seed(seed);
    let which = rng.usize(..documents.len());
    let mut bytes = documents[which].1.clone();
    let steps: Vec<String> = (0..rng.usize(1..=3)).map(|_| mutate(&mut rng, &mut bytes)).collect();
    (which, Case { bytes, description: steps.join("; ") })
}

/// Applies one mutation to `bytes`; says which.
fn mutate(rng: &mut Rng, bytes: &mut Vec<u8>) -> String {
    let at = rng.usize(..=bytes.len());
    match rng.u8(..12) {
        0 => {
            bytes.truncate(at);
            format!("truncate at {at}")
        }
        1 if !bytes.is_empty() => {
            let at = at.min(bytes.len() - 1);
            let bit = rng.u8(..8);
            bytes[at] ^= 1 << bit;
            format!("flip bit {bit} of byte {at}")
        }
        2 => {
            let random: Vec<u8> = (0..rng.usize(1..16)).map(|_| rng.u8(..)).collect();
            insert(bytes, at, &random);
            format!("insert {random:02x?} at {at}")
        }
        3 | 4 => {
            let token = TOKENS[rng.usize(..TOKENS.len())];
            let times = if rng.bool() { 1 } else { rng.usize(2..200) };
            insert(bytes, at, token.repeat(times).as_bytes());
            format!("insert {token:?} ×{times} at {at}")
        }
        5 => duplicate_tag(rng, bytes, at),
        6 => unclose_tag(bytes, at),
        7 => nest(rng, bytes, at),
        8 => huge_number(rng, bytes, at),
        9 => {
            let invalid = NOT_UTF8[rng.usize(..NOT_UTF8.len())];
            insert(bytes, at, invalid);
            format!("insert non-UTF-8 {invalid:02x?} at {at}")
        }
        10 => {
            let len = rng.usize(..=4096.min(bytes.len() - at));
            let copy = bytes[at..at + len].to_vec();
            let to = rng.usize(..=bytes.len());
            insert(bytes, to, &copy);
            format!("copy {len} bytes from {at} to {to}")
        }
        _ => {
            let len = rng.usize(..=1024.min(bytes.len() - at));
            bytes.drain(at..at + len);
            format!("delete {len} bytes at {at}")
        }
    }
}

fn insert(bytes: &mut Vec<u8>, at: usize, what: &[u8]) {
    bytes.splice(at..at, what.iter().copied());
}

/// The first tag starting at or after `from`: its byte range, `<` to `>` inclusive.
fn tag_after(bytes: &[u8], from: usize) -> Option<(usize, usize)> {
    let start = from + bytes.get(from..)?.iter().position(|&b| b == b'<')?;
    let end = start + bytes[start..].iter().position(|&b| b == b'>')?;
    Some((start, end + 1))
}

/// Repeats the next tag in place, up to a few hundred times.
fn duplicate_tag(rng: &mut Rng, bytes: &mut Vec<u8>, from: usize) -> String {
    let Some((start, end)) = tag_after(bytes, from) else { return "no tag to duplicate".into() };
    let times = rng.usize(1..300);
    let tag = bytes[start..end].to_vec();
    insert(bytes, end, &tag.repeat(times));
    format!("repeat the tag at {start} ×{times}")
}

/// Removes the next closing tag, or the `>` of the next tag when there is none.
fn unclose_tag(bytes: &mut Vec<u8>, from: usize) -> String {
    let closing = bytes.get(from..).and_then(|rest| rest.windows(2).position(|w| w == b"</"));
    match closing.and_then(|i| tag_after(bytes, from + i)) {
        Some((start, end)) => {
            bytes.drain(start..end);
            format!("remove the closing tag at {start}")
        }
        None => match tag_after(bytes, from) {
            Some((_, end)) => {
                bytes.remove(end - 1);
                format!("remove the '>' at {}", end - 1)
            }
            None => "no tag to unclose".into(),
        },
    }
}

/// Opens the next tag (or a `<div>`) hundreds to thousands deep at `at`, closing it again half
/// the time.
fn nest(rng: &mut Rng, bytes: &mut Vec<u8>, at: usize) -> String {
    let tag = match tag_after(bytes, at) {
        Some((start, end)) if bytes.get(start + 1) != Some(&b'/') && end - start < 200 => bytes[start..end].to_vec(),
        _ => b"<div>".to_vec(),
    };
    let depth = DEPTHS[rng.usize(..DEPTHS.len())];
    let name: Vec<u8> =
        tag[1..].iter().copied().take_while(|b| b.is_ascii_alphanumeric() || b":-_".contains(b)).collect();
    let mut nested = tag.repeat(depth);
    let closed = rng.bool();
    if closed {
        nested.extend([&b"</"[..], name.as_slice(), &b">"[..]].concat().repeat(depth));
    }
    insert(bytes, at, &nested);
    format!("nest {:?} {depth} deep at {at}{}", String::from_utf8_lossy(&tag), if closed { ", closed" } else { "" })
}

/// Replaces the next run of digits with a huge or odd number.
fn huge_number(rng: &mut Rng, bytes: &mut Vec<u8>, from: usize) -> String {
    let number = HUGE_NUMBERS[rng.usize(..HUGE_NUMBERS.len())];
    let Some(start) = bytes.get(from..).and_then(|rest| rest.iter().position(u8::is_ascii_digit)).map(|i| from + i)
    else {
        insert(bytes, from, number.as_bytes());
        return format!("insert {number} at {from}");
    };
    let len = bytes[start..].iter().take_while(|b| b.is_ascii_digit() || matches!(b, b',' | b'.')).count();
    bytes.splice(start..start + len, number.bytes());
    format!("replace the number at {start} with {number}")
}
