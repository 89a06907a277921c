//! `[[pivot]]`: which revenue must overtake which, for one company (`company = "NVDA"`) or for
//! every company (no `company`). A company with no rule of its own or for all is watched under
//! the miners' rule, HPC over the bitcoin side of `[detect]`. A rule that does not read — an
//! unknown class, an empty side, a line on both sides — is refused with its line and its text.

use serde::Deserialize;
use toml::Spanned;

use super::ConfigError;
use super::value::At;
use crate::model::PivotRule;

/// One pivot rule and whom it is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pivot {
    /// The ticker (upper case) it is for; `None`: every company.
    pub company: Option<String>,
    pub rule: PivotRule,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPivot {
    company: Option<Spanned<String>>,
    rule: Spanned<String>,
}

/// Checks every `[[pivot]]`.
pub(super) fn validate(raw: Vec<RawPivot>, at: At) -> Result<Vec<Pivot>, ConfigError> {
    raw.into_iter()
        .map(|p| {
            let text = p.rule.get_ref();
            let rule = PivotRule::parse(text).map_err(|e| at(p.rule.span(), format!("pivot rule {text:?}: {e}")))?;
            let company = match p.company {
                Some(company) => {
                    let ticker = company.get_ref().trim().to_ascii_uppercase();
                    if ticker.is_empty() {
                        return Err(at(company.span(), format!("pivot rule {text:?}: empty company")));
                    }
                    Some(ticker)
                }
                None => None,
            };
            Ok(Pivot { company, rule })
        })
        .collect()
}

/// The rules `ticker` is watched under: its own, then those for every company, each once; none
/// means the miners' rule.
pub(super) fn rules_for(pivots: &[Pivot], ticker: &str) -> Vec<PivotRule> {
    let own = pivots.iter().filter(|p| p.company.as_deref().is_some_and(|c| c.eq_ignore_ascii_case(ticker)));
    let mut rules: Vec<PivotRule> = Vec::new();
    for pivot in own.chain(pivots.iter().filter(|p| p.company.is_none())) {
        if !rules.contains(&pivot.rule) {
            rules.push(pivot.rule.clone());
        }
    }
    rules
}

#[cfg(test)]
mod tests {
    use super::super::parse_tables as parse;
    use super::*;

    #[test]
    fn rules_are_read_for_a_company_and_for_all() {
        let config = parse(
            "[[pivot]]\ncompany = \"nvda\"\nrule = \"Data Center > Gaming\"\n\
             [[pivot]]\nrule = \"hpc > mining + hosting\"\n",
        )
        .unwrap();
        let chips = PivotRule::parse("Data Center > Gaming").unwrap();
        let miners = PivotRule::parse("hpc > mining + hosting").unwrap();
        assert_eq!(config.pivot_rules("NVDA"), [chips, miners.clone()]);
        assert_eq!(config.pivot_rules("WULF"), [miners]);
        assert!(parse("").unwrap().pivot_rules("WULF").is_empty(), "none: the miners' rule");
    }

    #[test]
    fn a_bad_rule_is_named_with_its_line() {
        let cases = [
            ("rule = \"hpc > minning\"", "test.toml:5: pivot rule \"hpc > minning\": unknown class \"minning\""),
            ("rule = \"hpc > \"", "test.toml:5: pivot rule \"hpc > \": the right side of \">\" is empty"),
            ("rule = \"Gaming > Gaming\"", "test.toml:5: pivot rule \"Gaming > Gaming\": Gaming is on both sides"),
            ("rule = \"Data Center\"", "test.toml:5: pivot rule \"Data Center\": expected one \">\""),
            ("company = \" \"\nrule = \"hpc > mining\"", "test.toml:5: pivot rule \"hpc > mining\": empty company"),
        ];
        for (entry, expected) in cases {
            let e = parse(&format!("\n[[pivot]]\n{entry}\n")).err().unwrap_or_default();
            assert!(e.starts_with(expected), "{entry}\n→ {e}");
        }
    }
}
