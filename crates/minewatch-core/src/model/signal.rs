//! Signals: what minewatch tells analysts about a company's quarter, and the evidence it rests on
//! (the figures of its quarter and the one before, HPC's share, and the documents they came from).

use serde::{Deserialize, Serialize};

use super::{Extractor, Period, PivotRule, Segment, Source};

/// What HPC is compared against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum BitcoinSide {
    /// Self-mining plus hosting other people's miners (the default: both are bitcoin revenue).
    #[default]
    #[serde(rename = "mining+hosting")]
    MiningAndHosting,
    /// Self-mining alone.
    #[serde(rename = "mining")]
    Mining,
}

impl BitcoinSide {
    pub fn as_str(self) -> &'static str {
        match self {
            BitcoinSide::MiningAndHosting => "mining+hosting",
            BitcoinSide::Mining => "mining",
        }
    }

    pub fn parse(s: &str) -> Option<BitcoinSide> {
        [BitcoinSide::MiningAndHosting, BitcoinSide::Mining].into_iter().find(|side| side.as_str() == s)
    }

    /// The segments summed into the bitcoin side.
    pub fn segments(self) -> &'static [Segment] {
        match self {
            BitcoinSide::MiningAndHosting => &[Segment::Mining, Segment::Hosting],
            BitcoinSide::Mining => &[Segment::Mining],
        }
    }
}

/// The kinds of signal, as stored and shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SignalKind {
    Crossover,
    Retraction,
    Approaching,
}

impl SignalKind {
    pub const ALL: [SignalKind; 3] = [SignalKind::Crossover, SignalKind::Retraction, SignalKind::Approaching];

    pub fn as_str(self) -> &'static str {
        match self {
            SignalKind::Crossover => "crossover",
            SignalKind::Retraction => "retraction",
            SignalKind::Approaching => "approaching",
        }
    }

    pub fn parse(s: &str) -> Option<SignalKind> {
        SignalKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The kind that undoes this one: raising it after this one makes this one news again.
    pub fn opposite(self) -> Option<SignalKind> {
        match self {
            SignalKind::Crossover => Some(SignalKind::Retraction),
            SignalKind::Retraction => Some(SignalKind::Crossover),
            SignalKind::Approaching => None,
        }
    }
}

/// A signal already in the store: enough to tell whether the series still shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RaisedSignal {
    pub ticker: String,
    /// The pivot rule it was raised under; `None`: the miners' rule.
    pub rule: Option<PivotRule>,
    pub kind: SignalKind,
    pub fiscal_year: i32,
    pub fiscal_quarter: u8,
}

impl RaisedSignal {
    /// The same identity as [`Signal::key`].
    pub fn key(&self) -> String {
        key(&self.ticker, self.rule.as_ref(), self.kind, self.fiscal_year, self.fiscal_quarter)
    }
}

/// `WULF/crossover/2026Q1` under the miners' rule, `NVDA/data-center-over-gaming/crossover/2023Q1`
/// under another: two rules on one company and quarter are two signals.
fn key(ticker: &str, rule: Option<&PivotRule>, kind: SignalKind, fiscal_year: i32, fiscal_quarter: u8) -> String {
    let rule = rule.map_or(String::new(), |r| format!("{}/", r.slug()));
    format!("{ticker}/{rule}{}/{fiscal_year}Q{fiscal_quarter}", kind.as_str())
}

/// One signal about one company's fiscal quarter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Signal {
    pub ticker: String,
    /// The company's name, for messages.
    pub company: String,
    /// The pivot rule whose crossover this is; `None`: the miners' rule (HPC over the bitcoin
    /// side of `[detect]`), whose signals keep the keys they always had.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<PivotRule>,
    pub kind: SignalKind,
    pub fiscal_year: i32,
    pub fiscal_quarter: u8,
    /// "Q1 2026" or "Q2 FY2026".
    pub quarter: String,
    pub period: Period,
    pub evidence: SignalEvidence,
}

impl Signal {
    /// The signal's identity, e.g. `WULF/crossover/2026Q1`: the store keeps one signal per key.
    pub fn key(&self) -> String {
        key(&self.ticker, self.rule.as_ref(), self.kind, self.fiscal_year, self.fiscal_quarter)
    }

    /// The two sides compared, as messages name them: `("HPC", "mining+hosting")` under the
    /// miners' rule, `("Data Center", "Gaming")` under that rule.
    pub fn sides(&self) -> (String, String) {
        match &self.rule {
            None => ("HPC".to_string(), self.evidence.bitcoin_side.as_str().to_string()),
            Some(rule) => (rule.rising_name(), rule.falling_name()),
        }
    }
}

/// The two sides of a quarter's comparison, absent lines as zero: HPC and the bitcoin side under
/// the miners' rule (hence the names), what overtakes and what is overtaken under another rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuarterFigures {
    pub quarter: String,
    /// HPC, or the rule's rising side.
    pub hpc_usd: i64,
    /// The bitcoin side, or the rule's falling side.
    pub bitcoin_usd: i64,
    /// HPC / (HPC + bitcoin side): the rising side's share of both.
    pub share: f64,
}

/// Why an Approaching signal was raised.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Approach {
    /// Rise of the share per quarter over the last three, when it rose in each.
    pub trend_per_quarter: Option<f64>,
    /// Quarters until the linear projection passes 50%, when within the horizon.
    pub quarters_to_cross: Option<u32>,
    pub threshold: f64,
    pub above_threshold: bool,
}

/// Everything a signal rests on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignalEvidence {
    pub bitcoin_side: BitcoinSide,
    pub current: QuarterFigures,
    /// The quarter right before, when the series has it.
    pub previous: Option<QuarterFigures>,
    pub approach: Option<Approach>,
    /// The facts behind the HPC and bitcoin-side figures, this quarter's first.
    pub sources: Vec<Evidence>,
}

/// The fact a resolved figure came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub segment: Segment,
    pub value_usd: i64,
    pub document_id: i64,
    pub url: String,
    pub form: Option<String>,
    /// The line as the document wrote it ("HPC lease revenue").
    pub label: String,
    pub extractor: Extractor,
    /// Derived from other periods (Q4 = FY − 9M) rather than read directly.
    pub derived: bool,
}

impl Evidence {
    /// The evidence `source` gives for `segment` (a derived value's sources are its inputs).
    pub fn of(segment: Segment, derived: bool, source: &Source) -> Evidence {
        Evidence {
            segment,
            value_usd: source.value_usd,
            document_id: source.document_id,
            url: source.url.clone(),
            form: Some(source.form.clone()),
            label: source.labels.join(" + "),
            extractor: source.extractor,
            derived,
        }
    }
}
