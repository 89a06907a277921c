//! Revenue label or XBRL member → [`Segment`].
//!
//! Miners name the same business many ways ("Digital asset revenue", "Bitcoin mining revenue",
//! `core:ColocationServiceMember`, "HPC hosting") and rename lines over time, so the mapping is a
//! list of ordered keyword rules plus per-company [`LabelOverride`]s checked first. A revenue line
//! no rule knows still counts: it becomes [`Segment::Other`] and a warning, never silence.

use crate::model::{LabelOverride, Segment};

/// Ordered default rules: the first rule with a matching phrase wins. Phrases match whole words
/// of the normalised label (lowercase, camel case split, punctuation and footnotes removed).
///
/// Order matters: "HPC hosting" is Hpc before "hosting" is Hosting; "Digital asset hosted mining"
/// is Hosting before "mining" is Mining; "sales of mining machines" is Other before Mining.
const RULES: &[(Segment, &[&str])] = &[
    (
        Segment::Other,
        &[
            "staking",
            "engineering",
            "power",
            "machine",
            "machines",
            "equipment",
            "demand response",
            "cloud hash rate",
            // Selling hash rate under contract to customers, not mining for the company's own
            // account: the same business as "cloud hash rate".
            "cloud mining",
            // Selling machines, not a service of the business: "the sale of miners to a hosting
            // customer", "the resale of GPU servers".
            "sale of miners",
            "sales of miners",
            "resale",
            "other",
            "elimination",
            "eliminations",
            "corporate",
            "operating segments",
        ],
    ),
    // Colocation of miners: a miner that rents space to other companies' mining machines calls it
    // "digital colocation" as often as hosting (colocation named with mining words is hosting
    // too: see `classify`). Before Hpc, where a bare "colocation" is a data-center lease.
    (Segment::Hosting, &["digital colocation"]),
    (
        Segment::Hpc,
        &[
            "hpc",
            "high performance computing",
            "high density colocation",
            "colocation",
            "ai",
            "artificial intelligence",
            "cloud services",
            "cloud service",
            // After "cloud mining" and "cloud hash rate" above: a miner's cloud is GPU cloud.
            "cloud",
            "gpu",
            "tenant fit out",
            "lease",
            "leases",
            "lease income",
        ],
    ),
    (Segment::Hosting, &["hosted mining", "hosting", "hosted"]),
    (
        Segment::Mining,
        &["mining", "self mining", "digital asset", "digital assets", "bitcoin", "cryptocurrency", "digital currency"],
    ),
];

/// Labels that mean the whole of revenue once normalised.
const TOTAL_LABELS: &[&str] = &[
    "revenue",
    "revenues",
    "total",
    "total revenue",
    "total revenues",
    "net revenue",
    "net revenues",
    "total net revenue",
    "total net revenues",
    "revenue net",
    "revenues net",
    "total revenue net",
    "total revenues net",
    "sales",
    "net sales",
    "total net sales",
    "sales net",
    "total sales",
    "consolidated revenue",
    "consolidated revenues",
    "total consolidated revenue",
    "revenues total",
    "top line",
    // The US GAAP taxonomy's standard label for revenue, as EDGAR's pages print it.
    "revenue from contract with customer excluding assessed tax",
    "revenue from contract with customer including assessed tax",
];

/// Words that make a line something other than revenue even when "revenue" or "sales" appears.
const NOT_REVENUE: &[&str] = &[
    "cost",
    "costs",
    "expense",
    "expenses",
    "deferred",
    "unearned",
    "receivable",
    "receivables",
    "per",
    "margin",
    "percentage",
    "percent",
    "gross",
    "profit",
    "income tax",
    "backlog",
    // How far a line moved, not where it stands ("Revenue growth").
    "growth",
    // A measure of the company's own making beside the reported revenue: adjusted, or as if an
    // acquired business had been owned all along.
    "adjusted",
    "non gaap",
    "pro forma",
    // A cash-flow adjustment, a remeasurement or a count, not the period's revenue.
    "non cash",
    "fair value",
    "units",
];

/// Phrases of revenue divided along another axis than the business it came from: by
/// counterparty ("Revenue – related party", "third parties"), by when it is recognised ("at a
/// point in time", "over time") or by accounting standard ("from contracts with customers").
/// (Eliminations between lines are a line of their own, `Other`, so lines add up to the total.)
const ANOTHER_AXIS: &[&str] = &[
    "party",
    "parties",
    "affiliate",
    "affiliates",
    "affiliated",
    "unaffiliated",
    "contracts with customers",
    "point in time",
    "over time",
];

/// Whether a revenue label divides revenue along another axis ([`ANOTHER_AXIS`]) and names no
/// business: part of revenue, but no line of it ("Revenue – related party"; not "Hosting
/// revenue from third parties", which is hosting).
pub fn divides_another_way(label: &str) -> bool {
    let words = normalise(label);
    ANOTHER_AXIS.iter().any(|p| has_phrase(&words, p)) && classify(label, &[]).is_none()
}

/// Lowercase words of a label or member: `iren:AICloudServicesMember` → "ai cloud services",
/// "Colocation revenue (1)" → "colocation revenue"; "Sales, net of returns" → "sales net of returns".
pub fn normalise(label: &str) -> String {
    let local = match label.split_once(':') {
        Some((prefix, local)) if is_qname_part(prefix) && is_qname_part(local) => local,
        _ => label,
    };
    let local = local.strip_suffix("Member").unwrap_or(local);
    let mut spaced = String::with_capacity(local.len() + 8);
    let chars: Vec<char> = local.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let next = chars.get(i + 1).copied();
        let boundary = c.is_uppercase()
            && prev.is_some_and(|p| p.is_lowercase() || (p.is_uppercase() && next.is_some_and(char::is_lowercase)));
        if boundary {
            spaced.push(' ');
        }
        spaced.push(c);
    }
    let without_notes = strip_footnotes(&spaced.to_lowercase());
    without_notes.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

fn is_qname_part(part: &str) -> bool {
    !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Drops footnote marks: "(1)", "(a)", "*", "†", superscript digits.
pub fn strip_footnotes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let footnote_len = match c {
            '(' => {
                let inner: String = rest[1..].chars().take_while(|&c| c != ')').take(3).collect();
                let is_mark =
                    inner.chars().count() == 1 || (inner.len() <= 2 && inner.chars().all(|c| c.is_ascii_digit()));
                (is_mark && rest[1 + inner.len()..].starts_with(')')).then_some(inner.len() + 2)
            }
            '*' | '†' | '‡' | '¹' | '²' | '³' | '⁴' | '⁵' | '⁶' | '⁷' | '⁸' | '⁹' | '⁰' => {
                Some(c.len_utf8())
            }
            _ => None,
        };
        match footnote_len {
            Some(len) => rest = &rest[len..],
            None => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    out
}

/// True when `phrase` occurs in `words` on word boundaries (both are normalised).
pub fn has_phrase(words: &str, phrase: &str) -> bool {
    words.match_indices(phrase).any(|(at, _)| {
        let before = words[..at].chars().next_back();
        let after = words[at + phrase.len()..].chars().next();
        before.is_none_or(|c| c == ' ') && after.is_none_or(|c| c == ' ')
    })
}

/// Whether a table row or sentence subject is a revenue line at all ("Cost of revenue" is not).
pub fn is_revenue_label(label: &str) -> bool {
    is_revenue_line(label, false)
}

/// Like [`is_revenue_label`], but under a "Revenue:" heading every line counts unless it names a
/// cost, expense or margin ("Colocation" under "Revenues:" is a revenue line).
pub fn is_revenue_line(label: &str, under_revenue_heading: bool) -> bool {
    // A ratio ("HPC revenue as % of total") is no amount of money.
    if label.contains('%') {
        return false;
    }
    let words = normalise(label);
    let mentions_revenue = || ["revenue", "revenues", "sales", "lease income"].iter().any(|p| has_phrase(&words, p));
    !NOT_REVENUE.iter().any(|p| has_phrase(&words, p)) && (under_revenue_heading || mentions_revenue())
}

/// Whether an override's pattern matches a label or member: as written or by its words, case aside.
pub fn overrides_label(o: &LabelOverride, label: &str) -> bool {
    label.to_lowercase().contains(&o.pattern.to_lowercase()) || normalise(label).contains(&normalise(&o.pattern))
}

/// The segment of a revenue label or member, or `None` when no override or rule knows it.
pub fn classify(label: &str, overrides: &[LabelOverride]) -> Option<Segment> {
    let words = normalise(label);
    if let Some(o) = overrides.iter().find(|o| overrides_label(o, label)) {
        return Some(o.segment);
    }
    let core = words.strip_suffix(" member").unwrap_or(&words);
    if TOTAL_LABELS.contains(&core) || is_total_phrase(core) {
        return Some(Segment::Total);
    }
    if core == "compute" || core == "compute segment" {
        // Hut 8's "Compute" holds both bitcoin mining and GPU-as-a-service.
        return Some(Segment::Other);
    }
    // "Revenue from digital currency mining and sale of energy", "Mining and hosting revenue":
    // a line of two businesses is neither's.
    if let Some((left, right)) = core.split_once(" and ")
        && by_rules(left) != by_rules(right)
    {
        return Some(Segment::Other);
    }
    // "Colocation revenue from third-party bitcoin miners": colocation of mining machines is
    // hosting, whatever words name the machines.
    let mines = |phrases: &[&str]| phrases.iter().any(|p| has_phrase(core, p));
    let computes = mines(&["hpc", "ai", "gpu", "high performance computing"]);
    if mines(&["colocation"])
        && mines(&["bitcoin", "miner", "miners", "mining", "digital asset", "digital assets"])
        && !computes
    {
        return Some(Segment::Hosting);
    }
    by_rules(core)
}

/// The segment the first rule naming a phrase of `words` gives.
fn by_rules(words: &str) -> Option<Segment> {
    RULES.iter().find(|(_, phrases)| phrases.iter().any(|p| has_phrase(words, p))).map(|(segment, _)| *segment)
}

/// Words that qualify the whole of revenue without naming a line ("Revenue (GAAP)").
/// "Operating" is the income statement's own word for the revenue of the business as a whole
/// ("Total operating revenues").
const TOTAL_QUALIFIERS: &[&str] =
    &["total", "consolidated", "net", "gaap", "unaudited", "reported", "as", "and", "operating"];

/// Words naming the segments taken together, which only a consolidated total may carry ("Total
/// segment and consolidated revenue"; "Total segment revenue" alone may leave lines out).
const ALL_SEGMENTS: &[&str] = &["segment", "segments", "reportable", "operating"];

/// "sales net of returns and allowances", "total revenues net of discounts", "Revenue (GAAP)",
/// "Total segment and consolidated revenue".
fn is_total_phrase(words: &str) -> bool {
    let net_of = ["sales net of ", "net sales net of ", "revenues net of ", "revenue net of "]
        .iter()
        .any(|head| words.strip_prefix("total ").unwrap_or(words).starts_with(head));
    let list: Vec<&str> = words.split(' ').collect();
    let is_revenue = |w: &&str| matches!(*w, "revenue" | "revenues");
    let consolidated = list.contains(&"consolidated");
    let qualified = list.iter().any(is_revenue)
        && list
            .iter()
            .all(|w| is_revenue(w) || TOTAL_QUALIFIERS.contains(w) || (consolidated && ALL_SEGMENTS.contains(w)));
    net_of || qualified
}

/// Like [`classify`], but an unknown revenue line becomes [`Segment::Other`] and a warning.
pub fn classify_or_warn(label: &str, overrides: &[LabelOverride], warnings: &mut Vec<String>) -> Segment {
    classify(label, overrides).unwrap_or_else(|| {
        warnings.push(format!("unrecognised revenue line {label:?} counted as other"));
        Segment::Other
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(label: &str) -> Option<Segment> {
        classify(label, &[])
    }

    #[test]
    fn miners_labels_map_to_their_segments() {
        use Segment::*;
        let cases = [
            ("Digital asset revenue", Mining),
            ("Digital asset self-mining revenue", Mining),
            ("Bitcoin mining revenue", Mining),
            ("Revenue from bitcoin mining", Mining),
            ("Revenue from digital currency mining", Mining),
            ("Digital asset hosted mining revenue", Hosting),
            // Two businesses in one line are neither's; two names of one business are its.
            ("Revenue from digital currency mining and sale of energy", Other),
            ("Mining and hosting revenue", Other),
            ("HPC hosting and colocation revenue", Hpc),
            ("Data Center Hosting", Hosting),
            ("hosting revenue", Hosting),
            ("HPC lease revenue", Hpc),
            ("Colocation revenue", Hpc),
            ("Digital colocation revenue", Hosting),
            ("Bitcoin mining colocation services", Hosting),
            ("Colocation revenue from third-party bitcoin miners", Hosting),
            ("HPC colocation at former bitcoin mining sites", Hpc),
            ("the sale of self-mined bitcoin", Mining),
            ("High-Density Colocation (HDC)", Hpc),
            ("HPC hosting", Hpc),
            ("HPC Hosting", Hpc),
            ("AI Cloud Services", Hpc),
            ("High performance computing services", Hpc),
            ("High performance computing hosting revenue", Hpc),
            ("Cloud services", Hpc),
            ("ETH staking revenue", Other),
            ("Engineering revenue", Other),
            ("Power and capacity", Other),
            ("Sales of mining machines", Other),
            ("the sale of miners to a hosting customer", Other),
            ("the resale of GPU servers", Other),
            ("Compute", Other),
            ("Total revenue", Total),
            ("Total revenues", Total),
            ("Revenues", Total),
            ("Revenues:", Total),
            ("Total revenue (1)", Total),
            ("SALES, Net of returns and allowances", Total),
            ("Revenue (GAAP)", Total),
            ("Total segment and consolidated revenue", Total),
            ("Total consolidated revenue", Total),
            ("Total operating revenues", Total),
        ];
        for (label, want) in cases {
            assert_eq!(seg(label), Some(want), "{label}");
        }
        // A segment subtotal is not total revenue.
        assert_eq!(seg("Total segment revenue"), None);
        assert_eq!(seg("Total HPC hosting revenue"), Some(Hpc));
    }

    #[test]
    fn xbrl_members_map_to_their_segments() {
        assert_eq!(seg("core:ColocationServiceMember"), Some(Segment::Hpc));
        assert_eq!(seg("core:DigitalAssetSelfMiningServiceMember"), Some(Segment::Mining));
        assert_eq!(seg("core:DigitalAssetHostedMiningServiceMember"), Some(Segment::Hosting));
        assert_eq!(seg("apld:HPCHostingBusinessMember"), Some(Segment::Hpc));
        assert_eq!(seg("apld:DataCenterHostingBusinessMember"), Some(Segment::Hosting));
        assert_eq!(seg("iren:AICloudServicesMember"), Some(Segment::Hpc));
        assert_eq!(seg("Cloud-mining revenue"), Some(Segment::Other));
        assert_eq!(seg("iren:BitcoinMiningRevenueMember"), Some(Segment::Mining));
        assert_eq!(seg("btbt:HighPerformanceComputingMember"), Some(Segment::Hpc));
    }

    #[test]
    fn normalise_splits_camel_case_and_drops_notes() {
        assert_eq!(normalise("apld:HPCHostingBusinessMember"), "hpc hosting business");
        assert_eq!(normalise("Colocation revenue (1)*"), "colocation revenue");
        assert_eq!(normalise("Revenue²"), "revenue");
    }

    #[test]
    fn overrides_are_checked_first() {
        let overrides = [LabelOverride { pattern: "compute".into(), segment: Segment::Hpc, line: None }];
        assert_eq!(classify("Compute", &overrides), Some(Segment::Hpc));
        assert_eq!(classify("hut:ComputeSegmentMember", &overrides), Some(Segment::Hpc));
    }

    #[test]
    fn unknown_lines_become_other_with_a_warning() {
        let mut warnings = Vec::new();
        assert_eq!(seg("Widget revenue"), None);
        assert_eq!(classify_or_warn("Widget revenue", &[], &mut warnings), Segment::Other);
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("Widget revenue"));
    }

    #[test]
    fn cost_lines_are_not_revenue() {
        assert!(is_revenue_label("HPC lease revenue"));
        assert!(is_revenue_label("Total revenues"));
        assert!(is_revenue_label("Net sales"));
        assert!(!is_revenue_label("Cost of revenue"));
        assert!(!is_revenue_label("Cost of revenues (exclusive of depreciation)"));
        assert!(!is_revenue_label("Deferred revenue"));
        assert!(!is_revenue_label("Gross profit"));
        assert!(!is_revenue_label("Net income"));
        assert!(is_revenue_line("Colocation", true));
        assert!(!is_revenue_line("Colocation", false));
        assert!(!is_revenue_line("Cost of revenue", true));
    }
}
