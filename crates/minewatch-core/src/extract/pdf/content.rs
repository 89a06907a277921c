//! The content-stream interpreter: operators in, positioned text runs out.
//!
//! lopdf's `extract_text` throws away where text sits, and tables live entirely in where text
//! sits. This walks a page's operators keeping just the state that moves text — `q`/`Q`, `cm`,
//! `BT`/`Tm`/`Td`/`TD`/`T*`/`TL`, `Tc`/`Tw`/`Tz`/`Ts`/`Tf` — and turns every `Tj`/`TJ`/`'`/`"`
//! into runs in page space, following Form XObjects (`Do`) with their `/Matrix` and `/Resources`.
//! Images are only counted, so that a scanned page can be told from an empty one.

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Object, ObjectId};

use super::budget::{Budget, StreamError};
use super::font::{Font, deref, number};
use super::matrix::Matrix;

/// Deepest nesting of Form XObjects followed.
pub const MAX_FORM_DEPTH: usize = 8;

/// Most operators executed for one page, Form XObjects included (bounds time on hostile files).
pub const MAX_OPERATIONS: usize = 2_000_000;

/// Most Form XObjects drawn on one page (a form drawing itself ten times per level would
/// otherwise mean 10^8 calls within the depth limit).
pub const MAX_FORM_CALLS: usize = 10_000;

/// Deepest `q` nesting kept; deeper saves are ignored (their `Q` restores the deepest kept).
const MAX_SAVE_DEPTH: usize = 256;

/// A TJ adjustment moving the pen by more than this (in em) ends the run: the gap may be a column.
const RUN_BREAK_EM: f64 = 0.1;

/// A piece of text drawn in one go, in page space (before page orientation is applied).
#[derive(Debug, Clone, PartialEq)]
pub struct RawRun {
    /// Baseline origin of the first glyph.
    pub x: f64,
    pub y: f64,
    /// Unit vector of the baseline direction.
    pub dir: (f64, f64),
    /// Advance from the first glyph's origin to the end of the last visible glyph.
    pub width: f64,
    /// Effective font size (text height in page space).
    pub size: f64,
    pub text: String,
}

/// What one page drew.
#[derive(Debug, Default)]
pub struct PageContent {
    pub runs: Vec<RawRun>,
    pub images: usize,
    /// Something was cut short (operator limit, unreadable stream, budget).
    pub truncated: Option<&'static str>,
}

/// Fonts already read, by object id, shared by all pages of a document.
pub type FontCache = HashMap<ObjectId, Rc<Font>>;

/// Graphics state that matters for text (text state parameters are part of it).
#[derive(Debug, Clone)]
struct GState {
    ctm: Matrix,
    font: Rc<Font>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    h_scale: f64,
    leading: f64,
    rise: f64,
}

/// A run being built.
#[derive(Debug)]
struct Pending {
    x: f64,
    y: f64,
    dir: (f64, f64),
    size: f64,
    text: String,
    /// Pen position after the last non-blank glyph, in page space.
    end: (f64, f64),
}

/// Interprets the content of one page.
#[derive(Debug)]
pub struct Interpreter<'a> {
    doc: &'a Document,
    fonts: &'a mut FontCache,
    budget: &'a mut Budget,
    operations_left: usize,
    forms_left: usize,
    out: PageContent,
    gs: GState,
    stack: Vec<GState>,
    tm: Matrix,
    tlm: Matrix,
    pending: Option<Pending>,
}

impl<'a> Interpreter<'a> {
    pub fn new(doc: &'a Document, fonts: &'a mut FontCache, budget: &'a mut Budget) -> Interpreter<'a> {
        Interpreter {
            doc,
            fonts,
            budget,
            operations_left: MAX_OPERATIONS,
            forms_left: MAX_FORM_CALLS,
            out: PageContent::default(),
            gs: GState {
                ctm: Matrix::IDENTITY,
                font: Rc::new(Font::default()),
                size: 0.0,
                char_spacing: 0.0,
                word_spacing: 0.0,
                h_scale: 1.0,
                leading: 0.0,
                rise: 0.0,
            },
            stack: Vec::new(),
            tm: Matrix::IDENTITY,
            tlm: Matrix::IDENTITY,
            pending: None,
        }
    }

    /// Runs a decoded content stream with `resources`, then hands back what was drawn.
    pub fn run_page(mut self, content: &[u8], resources: Option<&Dictionary>) -> Result<PageContent, StreamError> {
        self.run(content, resources, 0)?;
        self.flush();
        Ok(self.out)
    }

    fn run(&mut self, content: &[u8], resources: Option<&Dictionary>, depth: usize) -> Result<(), StreamError> {
        for op in Content::decode_iter(content) {
            let Ok(op) = op else {
                self.out.truncated.get_or_insert("a content stream does not parse to its end");
                break;
            };
            let Some(left) = self.operations_left.checked_sub(1) else {
                self.out.truncated.get_or_insert("the page has too many operators");
                break;
            };
            self.operations_left = left;
            self.execute(&op, resources, depth)?;
        }
        Ok(())
    }

    fn execute(&mut self, op: &Operation, resources: Option<&Dictionary>, depth: usize) -> Result<(), StreamError> {
        let operands = op.operands.as_slice();
        let num = |i: usize| operands.get(i).and_then(number).filter(|v| v.is_finite());
        match op.operator.as_str() {
            "q" if self.stack.len() < MAX_SAVE_DEPTH => self.stack.push(self.gs.clone()),
            "Q" => self.gs = self.stack.pop().unwrap_or_else(|| self.gs.clone()),
            "cm" => {
                if let Some(m) = Matrix::from_operands(operands) {
                    self.gs.ctm = m.then(self.gs.ctm);
                }
            }
            "BT" => {
                self.tm = Matrix::IDENTITY;
                self.tlm = Matrix::IDENTITY;
            }
            "ET" => self.flush(),
            "Tm" => {
                if let Some(m) = Matrix::from_operands(operands) {
                    self.flush();
                    self.tm = m;
                    self.tlm = m;
                }
            }
            "Td" => self.next_line(num(0).unwrap_or(0.0), num(1).unwrap_or(0.0)),
            "TD" => {
                let ty = num(1).unwrap_or(0.0);
                self.gs.leading = -ty;
                self.next_line(num(0).unwrap_or(0.0), ty);
            }
            "T*" => self.next_line(0.0, -self.gs.leading),
            "TL" => self.gs.leading = num(0).unwrap_or(0.0),
            "Tc" => self.gs.char_spacing = num(0).unwrap_or(0.0),
            "Tw" => self.gs.word_spacing = num(0).unwrap_or(0.0),
            "Tz" => self.gs.h_scale = num(0).unwrap_or(100.0) / 100.0,
            "Ts" => self.gs.rise = num(0).unwrap_or(0.0),
            "Tf" => {
                self.gs.size = num(1).unwrap_or(0.0);
                if let Some(name) = operands.first().and_then(|o| o.as_name().ok()) {
                    self.gs.font = self.font(resources, name);
                }
            }
            "Tj" => self.show_operand(operands.first()),
            "'" => {
                self.next_line(0.0, -self.gs.leading);
                self.show_operand(operands.first());
            }
            "\"" => {
                self.gs.word_spacing = num(0).unwrap_or(0.0);
                self.gs.char_spacing = num(1).unwrap_or(0.0);
                self.next_line(0.0, -self.gs.leading);
                self.show_operand(operands.get(2));
            }
            "TJ" => {
                for item in operands.first().and_then(|o| o.as_array().ok()).into_iter().flatten() {
                    match number(item) {
                        Some(adjust) => self.adjust(adjust),
                        None => self.show_operand(Some(item)),
                    }
                }
                self.flush();
            }
            "Do" => {
                if let Some(name) = operands.first().and_then(|o| o.as_name().ok()) {
                    self.draw_xobject(resources, name, depth)?;
                }
            }
            "BI" => self.out.images += 1,
            _ => {}
        }
        Ok(())
    }

    fn next_line(&mut self, tx: f64, ty: f64) {
        self.flush();
        self.tlm = Matrix::translate(tx, ty).then(self.tlm);
        self.tm = self.tlm;
    }

    /// A number in a TJ array: moves the pen back by `adjust` thousandths of an em.
    fn adjust(&mut self, adjust: f64) {
        if !adjust.is_finite() {
            return;
        }
        let em = -adjust / 1000.0;
        if em.abs() > RUN_BREAK_EM {
            self.flush();
        }
        self.tm = Matrix::translate(em * self.gs.size * self.gs.h_scale, 0.0).then(self.tm);
    }

    fn show_operand(&mut self, operand: Option<&Object>) {
        if let Some(Object::String(bytes, _)) = operand {
            self.show(bytes);
        }
        if !matches!(operand, Some(Object::String(..))) {
            self.flush();
        }
    }

    /// Shows a string glyph by glyph, extending the pending run.
    fn show(&mut self, bytes: &[u8]) {
        let font = Rc::clone(&self.gs.font);
        let gs = &self.gs;
        let glyph_space = Matrix::new([gs.size * gs.h_scale, 0.0, 0.0, gs.size, 0.0, gs.rise]);
        let mut text = String::new();
        for (code, len) in font.codes(bytes) {
            let trm = glyph_space.then(self.tm).then(self.gs.ctm);
            text.clear();
            font.push_text(code, &mut text);
            let spacing = self.gs.char_spacing + if font.is_word_space(code, len) { self.gs.word_spacing } else { 0.0 };
            let advance = (font.advance(code) * self.gs.size + spacing) * self.gs.h_scale;
            self.tm = Matrix::translate(advance, 0.0).then(self.tm);
            let end = glyph_space.then(self.tm).then(self.gs.ctm).apply(0.0, 0.0);
            self.extend(trm, &text, end);
        }
    }

    /// Adds one glyph's text, drawn with rendering matrix `trm`, ending at `end`.
    fn extend(&mut self, trm: Matrix, text: &str, end: (f64, f64)) {
        let blank = text.chars().all(char::is_whitespace);
        match self.pending.as_mut() {
            Some(run) => {
                run.text.push_str(text);
                if !blank {
                    run.end = end;
                }
            }
            None if blank => {}
            None => {
                let [a, b, c, d, e, f] = trm.0;
                let len = a.hypot(b);
                let size = c.hypot(d);
                if len > 0.0 && size > 0.0 && size.is_finite() {
                    self.pending =
                        Some(Pending { x: e, y: f, dir: (a / len, b / len), size, text: text.to_string(), end });
                }
            }
        }
    }

    /// Ends the pending run, if any.
    fn flush(&mut self) {
        if let Some(run) = self.pending.take() {
            let width = (run.end.0 - run.x) * run.dir.0 + (run.end.1 - run.y) * run.dir.1;
            let text = run.text.split_whitespace().collect::<Vec<_>>().join(" ");
            self.out.runs.push(RawRun {
                x: run.x,
                y: run.y,
                dir: run.dir,
                width: width.max(0.0),
                size: run.size,
                text,
            });
        }
    }

    fn font(&mut self, resources: Option<&Dictionary>, name: &[u8]) -> Rc<Font> {
        let entry = resource(self.doc, resources, b"Font", name);
        match entry {
            Some(Object::Reference(id)) => {
                if let Some(font) = self.fonts.get(id) {
                    return Rc::clone(font);
                }
                let font = match self.doc.get_dictionary(*id) {
                    Ok(dict) => Rc::new(Font::load(self.doc, dict, self.budget)),
                    Err(_) => Rc::new(Font::default()),
                };
                self.fonts.insert(*id, Rc::clone(&font));
                font
            }
            Some(Object::Dictionary(dict)) => Rc::new(Font::load(self.doc, dict, self.budget)),
            _ => Rc::new(Font::default()),
        }
    }

    fn draw_xobject(&mut self, resources: Option<&Dictionary>, name: &[u8], depth: usize) -> Result<(), StreamError> {
        let Some(stream) =
            deref(self.doc, resource(self.doc, resources, b"XObject", name)).and_then(|o| o.as_stream().ok())
        else {
            return Ok(());
        };
        match stream.dict.get(b"Subtype").and_then(Object::as_name) {
            Ok(b"Image") => self.out.images += 1,
            Ok(b"Form") if depth < MAX_FORM_DEPTH && self.forms_left > 0 => {
                self.forms_left -= 1;
                let content = match self.budget.decompress(stream) {
                    Ok(content) => content,
                    Err(StreamError::Unreadable) => {
                        self.out.truncated.get_or_insert("a Form XObject's stream does not decode");
                        return Ok(());
                    }
                    Err(e) => return Err(e),
                };
                let matrix = stream
                    .dict
                    .get(b"Matrix")
                    .ok()
                    .and_then(|m| m.as_array().ok())
                    .and_then(|m| Matrix::from_operands(m));
                let inner =
                    deref(self.doc, stream.dict.get(b"Resources").ok()).and_then(|o| o.as_dict().ok()).or(resources);
                self.flush();
                let saved = (self.gs.clone(), self.tm, self.tlm, self.stack.len());
                self.gs.ctm = matrix.unwrap_or(Matrix::IDENTITY).then(self.gs.ctm);
                self.run(&content, inner, depth + 1)?;
                self.flush();
                (self.gs, self.tm, self.tlm) = (saved.0, saved.1, saved.2);
                self.stack.truncate(saved.3);
            }
            Ok(b"Form") => {
                self.out.truncated.get_or_insert("Form XObjects nest too deeply or too often");
            }
            _ => {}
        }
        Ok(())
    }
}

/// `resources[category][name]`, following references to the category dictionary.
fn resource<'a>(
    doc: &'a Document,
    resources: Option<&'a Dictionary>,
    category: &[u8],
    name: &[u8],
) -> Option<&'a Object> {
    let dict = deref(doc, resources?.get(category).ok())?.as_dict().ok()?;
    dict.get(name).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    fn runs(content: &[u8]) -> Vec<RawRun> {
        let mut doc = Document::with_version("1.5");
        let font = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Courier", "FirstChar" => 32,
            "Widths" => vec![Object::Integer(600); 95], "Encoding" => "WinAnsiEncoding",
        });
        let resources = dictionary! { "Font" => dictionary! { "F1" => font } };
        let mut fonts = FontCache::new();
        let mut budget = Budget::new(1 << 20);
        Interpreter::new(&doc, &mut fonts, &mut budget)
            .run_page(content, Some(&resources))
            .map(|p| p.runs)
            .unwrap_or_default()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-6
    }

    #[test]
    fn positions_follow_cm_tm_and_td() {
        let r = runs(b"q 2 0 0 2 100 50 cm BT /F1 10 Tf 1 0 0 1 5 5 Tm (AB) Tj 0 -12 Td (C) Tj ET Q");
        assert_eq!(r.len(), 2);
        assert_eq!((r[0].x, r[0].y, r[0].text.as_str()), (110.0, 60.0, "AB"));
        assert!(close(r[0].width, 2.0 * 12.0) && close(r[0].size, 20.0));
        assert_eq!((r[1].x, r[1].y), (110.0, 36.0));
    }

    #[test]
    fn tj_kerning_moves_the_pen_and_large_gaps_split_runs() {
        let r = runs(b"BT /F1 10 Tf 0 0 Td [(A) 100 (B) -3000 (C)] TJ ET");
        assert_eq!(r.iter().map(|r| r.text.as_str()).collect::<Vec<_>>(), ["AB", "C"]);
        assert!(close(r[0].width, 6.0 + 6.0 - 1.0));
        assert!(close(r[1].x, 6.0 - 1.0 + 6.0 + 30.0));
    }

    #[test]
    fn spacing_scaling_leading_and_quote_operators() {
        let r = runs(b"BT /F1 10 Tf 14 TL 2 Tc 5 Tw 50 Tz (A B) Tj T* (x) Tj 1 2 (y) \" ET");
        assert!(close(r[0].width, ((6.0 + 2.0) * 2.0 + 6.0 + 2.0 + 5.0) * 0.5));
        assert_eq!((r[1].y, r[2].y), (-14.0, -28.0));
        assert!(close(r[2].width, (6.0 + 2.0) * 0.5));
    }

    #[test]
    fn unknown_fonts_and_garbage_do_not_panic() {
        assert!(runs(b"BT /Nope 12 Tf (hi) Tj ET")[0].text == "hi");
        assert!(runs(b"BT ] ) Tj [ Tf TJ 1e999 0 Td ET Q Q Q cm").is_empty());
        assert!(runs(&b"q ".repeat(10_000)).is_empty());
    }
}
