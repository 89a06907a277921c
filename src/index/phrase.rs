//! Exact phrases: a quoted phrase matches its words in their order, stop words included.
//!
//! The prose fields drop English stop words, which keeps single-word and AND queries cheap but
//! makes `"statements of operations"` match `statements for operations` too (the dropped word
//! leaves a gap any word fills). As search engines do, the index keeps a second, unfiltered field
//! with positions (`schema::name::EXACT`: title and text); [`route`] sends every quoted phrase
//! without a field of its own there, and [`snippet`] cuts the passage around the first place a
//! phrase stands and marks it whole, rather than the lone words tantivy's snippets mark.

use tantivy::query_grammar::{Delimiter, UserInputAst, UserInputLeaf};
use tantivy::tokenizer::TextAnalyzer;

use super::schema::{exact_analyzer, name};
use super::search::Snippet;

/// `ast` with each quoted phrase that names no field searched in the unfiltered field; returns
/// the phrases' words (lowercased, as the field has them), to find them in the text again.
pub(super) fn route(ast: &mut UserInputAst) -> Vec<Vec<String>> {
    let mut phrases = Vec::new();
    visit(ast, &mut phrases);
    phrases
}

fn visit(ast: &mut UserInputAst, phrases: &mut Vec<Vec<String>>) {
    match ast {
        UserInputAst::Clause(clauses) => clauses.iter_mut().for_each(|(_, clause)| visit(clause, phrases)),
        UserInputAst::Boost(inner, _) => visit(inner, phrases),
        UserInputAst::Leaf(leaf) => {
            if let UserInputLeaf::Literal(literal) = leaf.as_mut()
                && literal.field_name.is_none()
                && literal.delimiter == Delimiter::DoubleQuotes
            {
                literal.field_name = Some(name::EXACT.to_string());
                let words = words(&mut exact_analyzer(), &literal.phrase);
                if words.len() > 1 && literal.slop == 0 {
                    phrases.push(words.into_iter().map(|(word, ..)| word).collect());
                }
            }
        }
    }
}

/// The words of `text` as the unfiltered field has them, with their byte ranges.
fn words(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize)> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push((token.text.clone(), token.offset_from, token.offset_to));
    }
    out
}

/// The passage of about `chars` characters around the first place one of `phrases` stands in
/// `text`, each place a phrase stands in it marked whole; `None` when no phrase stands in it.
pub(super) fn snippet(text: &str, phrases: &[Vec<String>], chars: usize) -> Option<Snippet> {
    if phrases.is_empty() {
        return None;
    }
    let words = words(&mut exact_analyzer(), text);
    let mut places: Vec<(usize, usize)> = Vec::new();
    for i in 0..words.len() {
        for phrase in phrases {
            let matches = words.get(i..i + phrase.len()).is_some_and(|run| run.iter().map(|w| &w.0).eq(phrase));
            if matches && places.last().is_none_or(|&(_, end)| end <= words[i].1) {
                places.push((words[i].1, words[i + phrase.len() - 1].2));
            }
        }
    }
    let &(first_start, first_end) = places.first()?;
    let (start, end) = window(text, first_start, first_end, chars);
    let highlights =
        places.iter().filter(|&&(s, e)| s >= start && e <= end).map(|&(s, e)| (s - start, e - start)).collect();
    Some(Snippet { text: text[start..end].to_string(), highlights, html: String::new() })
}

/// Byte bounds (on character boundaries) of about `chars` characters of `text` centred on
/// `from..to`, widened to word breaks where one is near.
fn window(text: &str, from: usize, to: usize, chars: usize) -> (usize, usize) {
    let around = chars.saturating_sub(text[from..to].chars().count()) / 2;
    let start = text[..from].char_indices().rev().nth(around.saturating_sub(1)).map_or(0, |(at, _)| at);
    let end = text[to..].char_indices().nth(around).map_or(text.len(), |(at, _)| to + at);
    let start = text[start..from].find(char::is_whitespace).map_or(start, |at| start + at + 1).min(from);
    let end = text[to..end].rfind(char::is_whitespace).map_or(end, |at| to + at).max(to);
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrases_of(query: &str) -> (UserInputAst, Vec<Vec<String>>) {
        let mut ast = tantivy::query_grammar::parse_query(query).unwrap();
        let phrases = route(&mut ast);
        (ast, phrases)
    }

    #[test]
    fn quoted_phrases_go_to_the_exact_field_and_fielded_ones_stay() {
        let (ast, phrases) = phrases_of("\"Statements of Operations\" AND title:\"annual report\" colocation");
        assert_eq!(phrases, [["statements", "of", "operations"]]);
        let shown = format!("{ast:?}");
        assert!(shown.contains("\"exact\":\"Statements of Operations\""), "{shown}");
        assert!(shown.contains("\"title\":\"annual report\""), "{shown}");
    }

    #[test]
    fn the_snippet_marks_the_phrase_whole_and_skips_near_misses() {
        let text = "Statements for operations are elsewhere. The condensed consolidated statements of \
                    operations show HPC lease revenue; statements of operations again.";
        let phrases = vec![vec!["statements".to_string(), "of".to_string(), "operations".to_string()]];
        let s = snippet(text, &phrases, 80).unwrap();
        let marked = s.marked("[", "]");
        assert!(marked.contains("[statements of operations]"), "{marked}");
        assert!(!marked.contains("[Statements for"), "{marked}");
        assert!(s.text.chars().count() <= 90, "{}", s.text);
        assert_eq!(snippet("nothing like it", &phrases, 80), None);
    }

    #[test]
    fn a_window_at_either_end_of_a_multibyte_text_stays_on_character_boundaries() {
        let text = "é".repeat(50) + " phrase here " + &"ü".repeat(50);
        let phrases = vec![vec!["phrase".to_string(), "here".to_string()]];
        let s = snippet(&text, &phrases, 20).unwrap();
        assert_eq!(s.marked("[", "]").matches("[phrase here]").count(), 1, "{}", s.text);
    }
}
