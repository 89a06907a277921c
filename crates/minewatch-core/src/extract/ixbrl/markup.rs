//! The document's markup, cut into tokens with byte searches, and checked to be well-formed.
//!
//! Why not an XML reader's event loop: a 10-Q is mostly XHTML styling (`<td style="…">`,
//! `<span>`), and a general reader pays for every tag — namespace scopes, attribute iteration,
//! UTF-8 checks of each event — although at most one tag in twenty is an `ix:` element or a
//! context or unit. Here `memchr` jumps from one `<` or `&` to the next and over quoted attribute
//! values, and a tag costs a name and a comparison with the tag it closes. What a tag says is
//! read only for the few tags the scanner asks about (`super::scan`).
//!
//! Every tag is still seen, because Arelle refuses a document that is not well-formed XML: end
//! tags must close the element opened last, markup must be closed, and text references must be
//! known (checked by the scanner). Nothing else is checked, as before (attribute syntax only
//! where attributes are read).

use memchr::{memchr, memchr2, memchr3, memmem};

/// One piece of the document, borrowed from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Token<'a> {
    /// Character data up to the next markup or reference (never empty; a lone `&` is text).
    Text(&'a str),
    /// The name of an entity or character reference, between `&` and `;`.
    Ref(&'a str),
    /// The content of a CDATA section.
    CData(&'a str),
    /// A start tag: everything between `<` and `>`, and the length of the name it begins with.
    Start { content: &'a str, name_len: usize },
    /// An empty-element tag: everything between `<` and `/>`, and the length of its name.
    Empty { content: &'a str, name_len: usize },
    /// An end tag (already matched against the element it closes).
    End(&'a str),
    /// A comment, processing instruction, XML declaration or document type: nothing to read.
    Skipped,
}

/// What went wrong, at a byte offset.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct MarkupError {
    pub offset: usize,
    pub message: String,
}

/// Tokens of `text` in document order, with the names of the elements still open.
#[derive(Debug)]
pub(super) struct Markup<'a> {
    text: &'a str,
    pos: usize,
    open: Vec<&'a str>,
}

impl<'a> Markup<'a> {
    pub fn new(text: &'a str) -> Markup<'a> {
        Markup { text, pos: 0, open: Vec::new() }
    }

    /// Byte offset of the next token.
    pub fn offset(&self) -> usize {
        self.pos
    }

    /// The next token, `None` at the end of the document.
    pub fn next_token(&mut self) -> Result<Option<Token<'a>>, MarkupError> {
        let bytes = self.text.as_bytes();
        let start = self.pos;
        let token = match bytes.get(start) {
            None => return Ok(None),
            Some(b'<') => self.markup(start)?,
            Some(b'&') => self.reference(start),
            Some(_) => {
                let end = memchr2(b'<', b'&', &bytes[start..]).map_or(bytes.len(), |i| start + i);
                self.pos = end;
                Token::Text(&self.text[start..end])
            }
        };
        Ok(Some(token))
    }

    /// `&name;`, or a lone `&` taken as text up to the next `&` or `<` (as quick-xml reads it).
    fn reference(&mut self, start: usize) -> Token<'a> {
        let bytes = self.text.as_bytes();
        let rest = &bytes[start + 1..];
        match memchr3(b';', b'&', b'<', rest) {
            Some(i) if rest[i] == b';' => {
                self.pos = start + 1 + i + 1;
                Token::Ref(&self.text[start + 1..start + 1 + i])
            }
            found => {
                let end = found.map_or(bytes.len(), |i| start + 1 + i);
                self.pos = end;
                Token::Text(&self.text[start..end])
            }
        }
    }

    /// Markup starting with `<` at `start`.
    fn markup(&mut self, start: usize) -> Result<Token<'a>, MarkupError> {
        let bytes = self.text.as_bytes();
        match bytes.get(start + 1) {
            Some(b'/') => self.end_tag(start),
            Some(b'!') => self.bang(start),
            Some(b'?') => {
                let end = self.find(start, 2, b"?>", "unclosed processing instruction")?;
                self.pos = end + 2;
                Ok(Token::Skipped)
            }
            _ => self.start_tag(start),
        }
    }

    fn start_tag(&mut self, start: usize) -> Result<Token<'a>, MarkupError> {
        let gt = self.tag_end(start)?;
        self.pos = gt + 1;
        let whole = &self.text[start + 1..gt];
        let (content, empty) = match whole.strip_suffix('/') {
            Some(content) => (content, true),
            None => (whole, false),
        };
        let name_len = content.bytes().position(is_whitespace).unwrap_or(content.len());
        let name = &content[..name_len];
        if !name.bytes().next().is_some_and(starts_name) || name.bytes().any(|b| matches!(b, b'<' | b'&' | b'=')) {
            return Err(MarkupError { offset: start, message: format!("{name:?} is not an element name") });
        }
        if empty {
            return Ok(Token::Empty { content, name_len });
        }
        self.open.push(name);
        Ok(Token::Start { content, name_len })
    }

    /// The `>` ending the tag opened at `start`, quoted attribute values jumped over.
    fn tag_end(&self, start: usize) -> Result<usize, MarkupError> {
        let bytes = self.text.as_bytes();
        let unclosed = || MarkupError { offset: start, message: "unclosed tag".to_owned() };
        let mut at = start + 1;
        loop {
            let i = at + memchr3(b'>', b'"', b'\'', &bytes[at..]).ok_or_else(unclosed)?;
            if bytes[i] == b'>' {
                return Ok(i);
            }
            at = i + 1 + memchr(bytes[i], &bytes[i + 1..]).ok_or_else(unclosed)? + 1;
        }
    }

    fn end_tag(&mut self, start: usize) -> Result<Token<'a>, MarkupError> {
        let bytes = self.text.as_bytes();
        let gt = start
            + memchr(b'>', &bytes[start..])
                .ok_or_else(|| MarkupError { offset: start, message: "unclosed end tag".to_owned() })?;
        self.pos = gt + 1;
        let name = self.text[start + 2..gt].trim_end_matches(|c: char| c.is_ascii() && is_whitespace(c as u8));
        match self.open.pop() {
            Some(open) if open == name => Ok(Token::End(name)),
            Some(open) => {
                Err(MarkupError { offset: start, message: format!("expected `</{open}>`, found `</{name}>`") })
            }
            None => Err(MarkupError { offset: start, message: format!("`</{name}>` closes no element") }),
        }
    }

    /// `<!--…-->`, `<![CDATA[…]]>` or `<!DOCTYPE…>`.
    fn bang(&mut self, start: usize) -> Result<Token<'a>, MarkupError> {
        let rest = &self.text.as_bytes()[start..];
        if rest.starts_with(b"<!--") {
            let end = self.find(start, 4, b"-->", "unclosed comment")?;
            self.pos = end + 3;
            Ok(Token::Skipped)
        } else if rest.starts_with(b"<![CDATA[") {
            let end = self.find(start, 9, b"]]>", "unclosed CDATA section")?;
            self.pos = end + 3;
            Ok(Token::CData(&self.text[start + 9..end]))
        } else if rest.len() >= 9 && rest[2..9].eq_ignore_ascii_case(b"DOCTYPE") {
            self.pos = self.doctype_end(start)? + 1;
            Ok(Token::Skipped)
        } else {
            Err(MarkupError { offset: start, message: "unknown `<!` markup".to_owned() })
        }
    }

    /// The `>` ending a document type declaration, its internal subset (`[…]`) included.
    fn doctype_end(&self, start: usize) -> Result<usize, MarkupError> {
        let mut depth = 0usize;
        for (i, &b) in self.text.as_bytes()[start..].iter().enumerate() {
            match b {
                b'[' => depth += 1,
                b']' => depth = depth.saturating_sub(1),
                b'>' if depth == 0 => return Ok(start + i),
                _ => {}
            }
        }
        Err(MarkupError { offset: start, message: "unclosed document type".to_owned() })
    }

    /// Offset of the first `needle` after the `skip` bytes opening the markup at `start`.
    fn find(&self, start: usize, skip: usize, needle: &[u8], unclosed: &str) -> Result<usize, MarkupError> {
        let from = (start + skip).min(self.text.len());
        memmem::find(&self.text.as_bytes()[from..], needle)
            .map(|i| from + i)
            .ok_or_else(|| MarkupError { offset: start, message: unclosed.to_owned() })
    }
}

/// XML whitespace.
fn is_whitespace(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// Whether an element name may start with this byte (any non-ASCII byte may: names are not
/// checked further than that, as quick-xml did not check them).
fn starts_name(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b == b':' || !b.is_ascii()
}

/// `text` with a few of its ASCII characters replaced by markup characters, for tests that
/// feed broken markup to the tokenizer or the whole reader (still UTF-8: only ASCII changes).
#[cfg(test)]
pub(super) fn sprinkle_markup_characters(text: &str, rng: &mut fastrand::Rng) -> String {
    const MARKUP: &[char] = &['<', '>', '/', '!', '?', '-', '[', ']', '&', ';', '"', '\'', '=', ' ', ':', '#', 'x'];
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..rng.usize(1..6) {
        let i = rng.usize(..chars.len());
        if chars[i].is_ascii() {
            chars[i] = MARKUP[rng.usize(..MARKUP.len())];
        }
    }
    chars.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Result<Vec<Token<'_>>, MarkupError> {
        let mut markup = Markup::new(text);
        let mut out = Vec::new();
        while let Some(token) = markup.next_token()? {
            out.push(token);
        }
        Ok(out)
    }

    #[test]
    fn tags_text_references_and_sections() {
        let got = tokens(r#"<a x="1>2" y='/'><b/>t&amp;u&v<![CDATA[<c>]]><!-- <d> --><?pi x?></a >"#);
        let expected = [
            Token::Start { content: r#"a x="1>2" y='/'"#, name_len: 1 },
            Token::Empty { content: "b", name_len: 1 },
            Token::Text("t"),
            Token::Ref("amp"),
            Token::Text("u"),
            Token::Text("&v"),
            Token::CData("<c>"),
            Token::Skipped,
            Token::Skipped,
            Token::End("a"),
        ];
        assert_eq!(got, Ok(expected.to_vec()));
    }

    #[test]
    fn a_doctype_with_an_internal_subset_is_skipped() {
        let got = tokens("<!DOCTYPE html [<!ENTITY x 'y'>]><html/>");
        assert_eq!(got.map(|t| t.len()), Ok(2));
    }

    #[test]
    fn malformed_markup_is_an_error_where_it_starts() {
        let error = |text| tokens(text).err().map(|e| e.offset);
        assert_eq!(error("<a><b></a>"), Some(6));
        assert_eq!(error("<a></a></a>"), Some(7));
        assert_eq!(error("<a><!-- never closed"), Some(3));
        assert_eq!(error(r#"<a x="never closed>"#), Some(0));
        assert_eq!(error("<a><!X></a>"), Some(3));
        assert_eq!(error("<<<>>>"), Some(0));
        assert_eq!(error("<a></a"), Some(3));
    }

    /// Markup characters dropped anywhere and cuts at any point give an error or tokens, never a
    /// panic (every slice is cut at one of these ASCII bytes, so always at a character boundary).
    #[test]
    fn markup_characters_anywhere_never_panic() {
        let text = r#"<?xml version="1.0"?><!DOCTYPE h [<!ENTITY e 'x'>]><h xmlns:ix="u"><ix:a b='1' c="&amp;">é&#44;<![CDATA[x]]><!-- c --><br/></ix:a></h>"#;
        let mut rng = fastrand::Rng::with_seed(21);
        for _ in 0..2000 {
            let mutated = sprinkle_markup_characters(text, &mut rng);
            let cut = rng.usize(..=mutated.len());
            for text in [mutated.as_str(), mutated.get(..cut).unwrap_or_default()] {
                let _ = tokens(text);
            }
        }
    }
}
