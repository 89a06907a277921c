//! What makes two statements one revenue line by name: the same XBRL member (or line concept),
//! the same label in other case, spacing, footnote marks or with "revenue" after it, or a rename
//! the company states — in the label itself ("Colocation (formerly “HPC hosting”) revenue") or as
//! a label override in `companies.toml` (`line = "…"`: every label matching the pattern is that
//! line). Members and labels are kept apart here: a label is joined to a member only on the
//! figures (`join.rs`), never because the words look alike.

use crate::extract::formerly::stated_rename;
use crate::extract::segment::{normalise, overrides_label};
use crate::model::{Extractor, Fact, LabelOverride};

/// A line's identity by name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) enum LineName {
    /// An XBRL member or line concept, case aside.
    Member(String),
    /// A label's words, footnotes and a closing "revenue" aside.
    Label(String),
}

impl LineName {
    /// The name a written line (a member if it is an XBRL QName, else a label) goes by.
    pub(super) fn of_text(text: &str) -> LineName {
        if is_qname(text) { LineName::Member(text.trim().to_lowercase()) } else { LineName::Label(label_words(text)) }
    }

    pub(super) fn is_member(&self) -> bool {
        matches!(self, LineName::Member(_))
    }
}

/// A fact's line as the fact names it: its name as reported (a stated former name aside; the
/// override's line when an override names one), the name it goes by, and the names it had before.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Named {
    pub shown: String,
    pub name: LineName,
    pub formerly: Vec<String>,
}

impl Named {
    /// Every name this statement says the line goes or went by.
    pub fn names(&self) -> impl Iterator<Item = LineName> + '_ {
        std::iter::once(self.name.clone()).chain(self.formerly.iter().map(|f| LineName::of_text(f)))
    }
}

/// The line `fact` speaks of. An override naming a line (`line = "…"`) decides first: the fact's
/// line is the override's, its own name a former one.
pub(super) fn named(fact: &Fact, overrides: &[LabelOverride]) -> Named {
    let label = fact.label.trim();
    let (shown, mut formerly) =
        if fact.extractor == Extractor::Ixbrl { (label.to_string(), Vec::new()) } else { stated_rename(label) };
    let own = if fact.extractor == Extractor::Ixbrl {
        LineName::Member(label.to_lowercase())
    } else {
        LineName::Label(label_words(&shown))
    };
    match overrides.iter().find_map(|o| o.line.as_deref().filter(|_| overrides_label(o, label))) {
        Some(line) if LineName::of_text(line) != own => {
            formerly.push(shown);
            Named { shown: line.trim().to_string(), name: LineName::of_text(line), formerly }
        }
        _ => Named { shown, name: own, formerly },
    }
}

/// A label's words as a line's name: normalised ([`normalise`]), without a closing "revenue" or
/// "revenues" ("HPC hosting revenue" and "HPC hosting" are one line), unless that is all it is.
fn label_words(label: &str) -> String {
    let words = normalise(label);
    for tail in [" revenues", " revenue"] {
        if let Some(head) = words.strip_suffix(tail) {
            return head.to_string();
        }
    }
    words
}

/// Whether `text` is an XBRL QName (`nvda:DataCenterMember`), not words.
fn is_qname(text: &str) -> bool {
    let part = |p: &str| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    text.trim().split_once(':').is_some_and(|(prefix, local)| part(prefix) && part(local))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Period, Segment};

    fn fact(label: &str, extractor: Extractor) -> Fact {
        let day = chrono::NaiveDate::default();
        Fact {
            segment: Segment::Hpc,
            period: Period { start: day, end: day },
            value_usd: 1,
            label: label.into(),
            concept: None,
            extractor,
            confidence: 1.0,
            raw_text: String::new(),
        }
    }

    fn label(words: &str) -> LineName {
        LineName::Label(words.into())
    }

    #[test]
    fn a_label_names_its_line_by_its_words_without_a_closing_revenue() {
        for text in ["HPC hosting revenue", "HPC Hosting", "HPC hosting revenues (1)", "  HPC  hosting* "] {
            assert_eq!(named(&fact(text, Extractor::HtmlTable), &[]).name, label("hpc hosting"), "{text}");
        }
        assert_eq!(named(&fact("Revenue", Extractor::Prose), &[]).name, label("revenue"));
        let member = named(&fact("core:HpcHostingMember", Extractor::Ixbrl), &[]);
        assert_eq!(
            (member.shown.as_str(), member.name),
            ("core:HpcHostingMember", LineName::Member("core:hpchostingmember".into()))
        );
    }

    #[test]
    fn a_former_name_stated_in_the_label_is_the_same_line() {
        let found = named(&fact("Colocation (formerly “HPC hosting”) revenue", Extractor::Prose), &[]);
        assert_eq!(
            found,
            Named {
                shown: "Colocation revenue".into(),
                name: label("colocation"),
                formerly: vec!["HPC hosting".into()]
            }
        );
        assert_eq!(found.names().collect::<Vec<_>>(), vec![label("colocation"), label("hpc hosting")]);
        let found =
            named(&fact("High-Density Colocation (“HDC”, formerly “HPC hosting”) revenue", Extractor::Prose), &[]);
        assert_eq!(
            (found.shown.as_str(), &found.formerly),
            ("High-Density Colocation revenue", &vec!["HPC hosting".to_string()])
        );
        let found = named(&fact("Cloud services (formerly known as GPU rental, net)", Extractor::HtmlTable), &[]);
        assert_eq!((found.name, found.formerly), (label("cloud services"), vec!["GPU rental".to_string()]));
    }

    #[test]
    fn an_aside_that_states_no_rename_stays_in_the_name() {
        let found = named(&fact("Hosting revenue (1)", Extractor::HtmlTable), &[]);
        assert_eq!(
            (found.shown.as_str(), found.name, found.formerly),
            ("Hosting revenue (1)", label("hosting"), Vec::<String>::new())
        );
        let found = named(&fact("Colocation (HDC) revenue", Extractor::HtmlTable), &[]);
        assert_eq!((found.name, found.formerly), (label("colocation hdc"), Vec::<String>::new()));
    }

    #[test]
    fn an_override_naming_a_line_renames_the_labels_it_matches() {
        let overrides = [
            LabelOverride { pattern: "hpc hosting".into(), segment: Segment::Hpc, line: Some("Colocation".into()) },
            LabelOverride { pattern: "compute".into(), segment: Segment::Other, line: None },
            LabelOverride { pattern: "GPU".into(), segment: Segment::Hpc, line: Some("acme:CloudMember".into()) },
        ];
        let found = named(&fact("HPC hosting revenue", Extractor::HtmlTable), &overrides);
        assert_eq!(
            found,
            Named {
                shown: "Colocation".into(),
                name: label("colocation"),
                formerly: vec!["HPC hosting revenue".into()]
            }
        );
        assert_eq!(named(&fact("Compute revenue", Extractor::HtmlTable), &overrides).formerly, Vec::<String>::new());
        let found = named(&fact("GPU rental", Extractor::Prose), &overrides);
        assert_eq!(found.name, LineName::Member("acme:cloudmember".into()));
        // The line an override names is no rename of itself.
        let itself =
            [LabelOverride { pattern: "colocation".into(), segment: Segment::Hpc, line: Some("Colocation".into()) }];
        assert_eq!(named(&fact("Colocation revenue", Extractor::HtmlTable), &itself).formerly, Vec::<String>::new());
    }
}
