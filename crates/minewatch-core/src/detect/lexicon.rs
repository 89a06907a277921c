//! The words that make a revenue line speak of the pivot (AI, HPC, GPUs, data centers,
//! colocation, cloud) or of the business it leaves (mining, digital assets), each with the reason
//! it counts. They match whole words of a line as filers write it — an XBRL member
//! (`abc:DataCenterMember`, camel case split) or a label ("Colocation revenue") — through the
//! one normalisation the segment rules use, so `xyz:AICloudMember` and "AI cloud" are alike and
//! no single filing's phrasing is needed.

use crate::extract::segment::{has_phrase, normalise};

/// A phrase of the lexicon and why a line that contains it counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    /// Normalised words, matched on word boundaries.
    pub words: &'static str,
    pub reason: &'static str,
}

const fn term(words: &'static str, reason: &'static str) -> Term {
    Term { words, reason }
}

/// Lines that speak of the pivot.
pub const PIVOT: &[Term] = &[
    term("ai", "artificial intelligence: the workloads the pivot serves"),
    term("artificial intelligence", "artificial intelligence: the workloads the pivot serves"),
    term("hpc", "high-performance computing, the miners' name for AI hosting"),
    term("high performance computing", "high-performance computing, the miners' name for AI hosting"),
    term("gpu", "GPUs: the chips AI training and inference rent"),
    term("gpus", "GPUs: the chips AI training and inference rent"),
    term("data center", "data centers: the capacity AI tenants lease"),
    term("data centers", "data centers: the capacity AI tenants lease"),
    term("data centre", "data centers: the capacity AI tenants lease"),
    term("datacenter", "data centers: the capacity AI tenants lease"),
    term("colocation", "colocation: space and power leased to computing tenants"),
    term("co location", "colocation: space and power leased to computing tenants"),
    term("cloud", "cloud: computing capacity sold as a service (GPU cloud)"),
];

/// Lines that contain a pivot word but sell bitcoin mining, not computing.
pub const NOT_PIVOT: &[Term] = &[
    term("cloud mining", "hash rate sold under contract: mining, not computing"),
    term("cloud hash rate", "hash rate sold under contract: mining, not computing"),
    term("cloud hashrate", "hash rate sold under contract: mining, not computing"),
];

/// Lines that speak of bitcoin mining or digital assets: the business a pivot leaves.
pub const BITCOIN: &[Term] = &[
    term("mining", "mining: bitcoin mined for the company's own account or others'"),
    term("bitcoin", "bitcoin: the asset miners earn"),
    term("digital asset", "digital assets: how filers name mined coins"),
    term("digital assets", "digital assets: how filers name mined coins"),
    term("cryptocurrency", "cryptocurrency: mined coins"),
    term("crypto", "cryptocurrency: mined coins"),
    term("hash rate", "hash rate: mining capacity sold or used"),
    term("hashrate", "hash rate: mining capacity sold or used"),
];

/// The pivot term a line speaks of, if any.
pub fn pivot_term(line: &str) -> Option<&'static Term> {
    let words = normalise(line);
    if matches(NOT_PIVOT, &words).is_some() {
        return None;
    }
    matches(PIVOT, &words)
}

/// The mining or digital-asset term a line speaks of, if any.
pub fn bitcoin_term(line: &str) -> Option<&'static Term> {
    matches(BITCOIN, &normalise(line))
}

fn matches(terms: &'static [Term], words: &str) -> Option<&'static Term> {
    terms.iter().find(|t| has_phrase(words, t.words))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_and_labels_match_as_filers_write_them() {
        for line in [
            "abc:DataCenterMember",
            "Data center revenue",
            "xyz:AICloudServicesMember",
            "Colocation revenue",
            "q:HPCHostingMember",
            "GPU-as-a-service",
            "Cloud services",
            "q:HighPerformanceComputingRevenue",
        ] {
            assert!(pivot_term(line).is_some(), "{line}");
        }
        assert_eq!(pivot_term("abc:DataCenterMember").map(|t| t.words), Some("data center"));
        for line in ["Cloud mining", "q:CloudHashRateMember", "Retail", "abc:GamingMember", "Maintenance", "Chain"] {
            assert!(pivot_term(line).is_none(), "{line}");
        }
    }

    #[test]
    fn bitcoin_lines_match_and_words_inside_words_do_not() {
        for line in
            ["Digital asset mining revenue", "q:BitcoinMiningMember", "Cryptocurrency revenue", "Hashrate sales"]
        {
            assert!(bitcoin_term(line).is_some(), "{line}");
        }
        // "Aid" holds "ai" and "Undermining" holds "mining", but not as words.
        for line in ["Financial aid", "Undermining fees", "Coal sales"] {
            assert!(bitcoin_term(line).is_none() && pivot_term(line).is_none(), "{line}");
        }
    }

    #[test]
    fn every_term_is_normalised_and_has_a_reason() {
        for t in PIVOT.iter().chain(NOT_PIVOT).chain(BITCOIN) {
            assert_eq!(normalise(t.words), t.words);
            assert!(!t.reason.is_empty(), "{}", t.words);
        }
    }
}
