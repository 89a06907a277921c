//! Pivot rules: which revenue must overtake which for a crossover, written the way an analyst
//! says it — `"hpc > mining + hosting"`, `"Data Center > Gaming"`.
//!
//! Each side of `>` is one term or a sum of terms (`+`). A term is a class — one of the words
//! `mining`, `hpc`, `hosting`, `other`, `total`, written in lower case as `facts --lines` shows
//! them — or a line as the company reports it: its XBRL member (`nvda:DataCenterMember`) or its
//! label (`Data Center`, `HPC lease revenue`). So a single lower-case word must be a class, and
//! any other lower-case word is a mistake (`hcp`), not a line: a line is written as reported.
//! Lines match by their name's letters and digits, case aside, without an XBRL prefix or the
//! `Member` suffix, so `Data Center`, `data center` and `nvda:DataCenterMember` are one line.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{BitcoinSide, Segment};

/// One term of a rule's side.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PivotTerm {
    /// A class of lines (mining, HPC, …) as the resolved series holds it.
    Class(Segment),
    /// A line as the company reports it, by member or label (as written in the rule).
    Line(String),
}

impl PivotTerm {
    /// Whether a reported line's name (a member or a label) is this term's line.
    pub fn names_line(&self, name: &str) -> bool {
        matches!(self, PivotTerm::Line(line) if line_key(line) == line_key(name))
    }
}

impl fmt::Display for PivotTerm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PivotTerm::Class(segment) => f.write_str(segment.as_str()),
            PivotTerm::Line(line) => f.write_str(line),
        }
    }
}

/// A line's name reduced to what identifies it: no XBRL prefix, no `Member` suffix, its letters
/// and digits in lower case.
fn line_key(name: &str) -> String {
    let name = name.trim();
    let local = match name.split_once(':') {
        Some((prefix, local)) if !prefix.contains(char::is_whitespace) => local,
        _ => name,
    };
    let local = local.strip_suffix("Member").unwrap_or(local);
    local.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

/// A pivot rule: the sum of `rising` overtaking the sum of `falling`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct PivotRule {
    pub rising: Vec<PivotTerm>,
    pub falling: Vec<PivotTerm>,
}

/// Why a rule's text is not a rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PivotRuleError {
    #[error("expected one \">\" between what overtakes and what it overtakes, as in \"hpc > mining + hosting\"")]
    NotOneComparison,
    #[error("the {0} side of \">\" is empty (or has an empty term around \"+\")")]
    EmptySide(&'static str),
    #[error(
        "unknown class {0:?}: the classes are mining, hpc, hosting, other and total; a line is written as the \
         company reports it (\"Data Center\", \"nvda:DataCenterMember\")"
    )]
    UnknownClass(String),
    #[error("{0} is on both sides: a revenue cannot overtake itself")]
    BothSides(String),
}

impl PivotRule {
    /// Reads a rule from its text.
    pub fn parse(text: &str) -> Result<PivotRule, PivotRuleError> {
        let sides: Vec<&str> = text.split('>').collect();
        let [rising, falling] = sides[..] else {
            return Err(PivotRuleError::NotOneComparison);
        };
        let rule = PivotRule { rising: side(rising, "left")?, falling: side(falling, "right")? };
        let same = |a: &PivotTerm, b: &PivotTerm| match (a, b) {
            (PivotTerm::Class(x), PivotTerm::Class(y)) => x == y,
            (PivotTerm::Line(x), PivotTerm::Line(_)) => b.names_line(x),
            _ => false,
        };
        if let Some(term) = rule.rising.iter().find(|a| rule.falling.iter().any(|b| same(a, b))) {
            return Err(PivotRuleError::BothSides(term.to_string()));
        }
        Ok(rule)
    }

    /// The miners' rule, the default: HPC over the bitcoin side `[detect] bitcoin_side` names.
    pub fn miners(side: BitcoinSide) -> PivotRule {
        PivotRule {
            rising: vec![PivotTerm::Class(Segment::Hpc)],
            falling: side.segments().iter().map(|&s| PivotTerm::Class(s)).collect(),
        }
    }

    /// The rule compares classes only, so the resolved series alone answers it.
    pub fn classes_only(&self) -> bool {
        self.rising.iter().chain(&self.falling).all(|t| matches!(t, PivotTerm::Class(_)))
    }

    /// What overtakes, as written ("Data Center", "hpc").
    pub fn rising_name(&self) -> String {
        join(&self.rising)
    }

    /// What is overtaken ("Gaming", "mining + hosting").
    pub fn falling_name(&self) -> String {
        join(&self.falling)
    }

    /// The rule in a form fit for a key or a URL: `data-center-over-gaming`.
    pub fn slug(&self) -> String {
        let words = self.to_string().replace('>', " over ").replace('+', " plus ");
        let mut slug = String::new();
        for word in words.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
            if !slug.is_empty() {
                slug.push('-');
            }
            slug.push_str(&word.to_ascii_lowercase());
        }
        slug
    }
}

fn join(terms: &[PivotTerm]) -> String {
    terms.iter().map(ToString::to_string).collect::<Vec<_>>().join(" + ")
}

/// One side's terms.
fn side(text: &str, which: &'static str) -> Result<Vec<PivotTerm>, PivotRuleError> {
    let terms: Vec<&str> = text.split('+').map(str::trim).collect();
    if terms.iter().any(|t| t.is_empty()) {
        return Err(PivotRuleError::EmptySide(which));
    }
    terms.into_iter().map(term).collect()
}

/// A class when written as one lower-case word, else a line.
fn term(text: &str) -> Result<PivotTerm, PivotRuleError> {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let one_lowercase_word = line.chars().all(|c| c.is_ascii_lowercase());
    if one_lowercase_word {
        Segment::parse(&line).map(PivotTerm::Class).ok_or(PivotRuleError::UnknownClass(line))
    } else {
        Ok(PivotTerm::Line(line))
    }
}

impl fmt::Display for PivotRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} > {}", self.rising_name(), self.falling_name())
    }
}

impl From<PivotRule> for String {
    fn from(rule: PivotRule) -> String {
        rule.to_string()
    }
}

impl TryFrom<String> for PivotRule {
    type Error = PivotRuleError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        PivotRule::parse(&text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(name: &str) -> PivotTerm {
        PivotTerm::Line(name.into())
    }

    #[test]
    fn classes_lines_and_sums_are_read() {
        let miners = PivotRule::parse("hpc > mining + hosting").unwrap();
        assert_eq!(miners, PivotRule::miners(BitcoinSide::MiningAndHosting));
        assert!(miners.classes_only());
        let chips = PivotRule::parse("  Data   Center>Gaming ").unwrap();
        assert_eq!(chips, PivotRule { rising: vec![line("Data Center")], falling: vec![line("Gaming")] });
        assert_eq!(chips.to_string(), "Data Center > Gaming");
        assert_eq!(chips.slug(), "data-center-over-gaming");
        assert_eq!(miners.slug(), "hpc-over-mining-plus-hosting");
        let mixed = PivotRule::parse("nvda:DataCenterMember > Gaming + other").unwrap();
        assert_eq!(mixed.falling, [line("Gaming"), PivotTerm::Class(Segment::Other)]);
        assert!(!mixed.classes_only());
        assert_eq!(mixed.rising_name(), "nvda:DataCenterMember");
        assert_eq!(mixed.falling_name(), "Gaming + other");
    }

    #[test]
    fn a_line_matches_its_member_and_its_label() {
        let term = line("Data Center");
        for name in ["nvda:DataCenterMember", "Data center", "DATA CENTER", "Data-Center"] {
            assert!(term.names_line(name), "{name}");
        }
        for name in ["nvda:GamingMember", "Data Center Networking", "Data"] {
            assert!(!term.names_line(name), "{name}");
        }
        assert!(line("nvda:GamingMember").names_line("Gaming"));
        assert!(!PivotTerm::Class(Segment::Hpc).names_line("hpc"));
    }

    #[test]
    fn bad_rules_say_what_is_wrong() {
        let cases = [
            ("hpc mining", PivotRuleError::NotOneComparison),
            ("hpc > mining > hosting", PivotRuleError::NotOneComparison),
            (" > mining", PivotRuleError::EmptySide("left")),
            ("hpc > ", PivotRuleError::EmptySide("right")),
            ("hpc > mining + ", PivotRuleError::EmptySide("right")),
            ("hcp > mining", PivotRuleError::UnknownClass("hcp".into())),
            ("hpc > gaming", PivotRuleError::UnknownClass("gaming".into())),
            ("Data Center > Data Center", PivotRuleError::BothSides("Data Center".into())),
            ("Gaming > nvda:GamingMember", PivotRuleError::BothSides("Gaming".into())),
            ("hpc > mining + hpc", PivotRuleError::BothSides("hpc".into())),
        ];
        for (text, expected) in cases {
            assert_eq!(PivotRule::parse(text), Err(expected), "{text}");
        }
    }

    #[test]
    fn a_rule_is_stored_as_its_text() {
        let rule = PivotRule::parse("Data Center > Gaming").unwrap();
        let json = serde_json::to_string(&rule).unwrap();
        assert_eq!(json, "\"Data Center > Gaming\"");
        assert_eq!(serde_json::from_str::<PivotRule>(&json).unwrap(), rule);
        assert!(serde_json::from_str::<PivotRule>("\"A > A\"").is_err());
    }
}
