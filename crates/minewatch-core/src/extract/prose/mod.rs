//! Revenue figures stated in sentences and bullets, read as a person reads them.
//!
//! The text is split into units (sentences, bullet items, clauses: [`sentences`]); every money
//! amount in a unit is found ([`amounts`]), attached to the revenue line that governs it or left
//! out ([`attach`]), and dated to its own quarter ([`dating`]). A comparison figure ("up from
//! $9.8 million in the second quarter of 2024") is a fact of its own quarter, at lower confidence.
//! A table flattened into the text gives its rows the periods and scale of its header
//! ([`rows`]).
//!
//! Scope is read from the figure outward and never past what governs it: the figure's own
//! clause ("for the nine months ended …"), the heading it stands under ("Year-to-date"), then the
//! document ("its fiscal year 2024 results" dates no figure to a quarter it mentions in passing).
//!
//! Total means total: a line is Total when a rule says so ("Total revenue") or when it names
//! nothing but the company's revenue ("Revenue", "Record quarterly revenue", "GAAP revenue"); any
//! other line no rule knows is Other with a warning. Two different totals for one quarter are a
//! warning naming both; the document's own statement is kept over a comparison, else the first.

use std::sync::LazyLock;

use regex::Regex;

mod amounts;
mod attach;
mod breakdown;
mod cells;
mod dating;
mod fiscal_year;
mod inline;
mod issuer;
mod language;
mod lexicon;
mod markdown;
mod rows;
mod scope;
mod sentences;

use super::Rules;
use super::cell::scale_in;
use super::formerly::{stated_in, stated_rename};
use super::period::{dates, floor_char_boundary, mentions};
use super::segment::{classify, classify_or_warn, divides_another_way, normalise};
use crate::model::{Extractor, Fact, Period, Segment};
use amounts::{
    Amount, amounts, in_its_own_dollars, in_us_dollars, net_of_dropped, rescaled, signed_dollars, signs_joined,
};
use attach::{Reading, Role, attach};
use dating::{
    Calendar, comparison_period, implied, last_closed, looks_back, named_together, own_period, placed_by_dates,
    respectively, results_released, shift_back, yearless_quarters,
};
use lexicon::{COMPANY_WORDS, says};
use rows::Columns;
use scope::{heading_scope, other_scope, reports_a_year, scope_after, speaks_of_a_year};
use sentences::units;

/// Most days after its quarter's end that a document reporting the quarter comes out (a
/// foreign filer's half-year report takes up to about six months).
const STALE_DAYS: i64 = 200;

/// Confidence of a figure read from a sentence.
pub const PROSE_CONFIDENCE: f32 = 0.5;

/// Confidence of a comparison figure read from a sentence (rounded, and about another quarter).
pub const COMPARISON_CONFIDENCE: f32 = 0.4;

/// Most words a line of a table's header has ("Key GAAP Metrics ($ in thousands) Three Months").
const COLUMN_WORDS: usize = 12;

/// Most words of a line that sets the scope of the figures under it even when it ends with a
/// full stop ("Year-to-date (9 mo).").
const SCOPE_HEADING_WORDS: usize = 5;

/// How far (a factor either way) a bare amount, scaled, may be from the document's largest
/// revenue figure.
const BESIDE: f64 = 3.0;

/// The rules a filer the configuration does not know is read by: the fiscal calendar its text
/// states ("whose fiscal year ends June 30"), for its tables and its prose alike.
pub fn in_stated_calendar<'r>(text: &str, rules: &Rules<'r>) -> Rules<'r> {
    match fiscal_year::stated(text) {
        Some(fye) if rules.name.is_empty() => Rules { fye, ..*rules },
        _ => *rules,
    }
}

/// Revenue facts stated in `text`, each in its own period. `stated` are the document's other
/// facts (its tables'): with the figures read here they tell a bare amount's scale.
pub fn read_prose(text: &str, rules: &Rules<'_>, stated: &[Fact], warnings: &mut Vec<String>) -> Vec<Fact> {
    let rules = &in_stated_calendar(text, rules);
    // A filer the configuration does not know is told apart from its lines by the name the text gives it.
    let named = issuer::named(text).filter(|_| rules.name.is_empty());
    let rules = &Rules { name: named.as_deref().unwrap_or(rules.name), ..*rules };
    // Another company named as a subject is told from this one only when the text itself lists
    // this one: a configured company may be written under a former name ("Marathon" for MARA).
    let issuer_listed = named.is_some();
    let text = net_of_dropped(&in_its_own_dollars(&signed_dollars(&language::in_english(text)))).into_owned();
    let text = plain_hyphens(&breakdown::written_out(&cells::joined(&markdown::unflattened(&text))));
    let text = text.as_str();
    let report = reporting_quarter(text, rules).filter(|_| !reports_a_year(text));
    let mut cal = Calendar {
        fye: rules.fye,
        report,
        heading: None,
        compared_to: None,
        longer_heading: false,
        published: rules.published,
        previous: None,
    };
    let mut facts: Vec<Fact> = Vec::new();
    // Facts of bare amounts ("the $161.4 of Q1"), with the amount as written, until the scale is known.
    let mut bare: Vec<(Fact, String)> = Vec::new();
    // The line the unit before stated, which a later clause of its sentence may speak of.
    let mut carried: Option<String> = None;
    // The clauses of the current sentence before this unit: a later clause reads its period and
    // scope there ("For the nine months ended …, mining revenue of $A; hosting revenue of $B").
    let mut sentence = String::new();
    // The header of a table flattened into the text, for the rows under it.
    let mut columns = Columns::default();
    // The business line the text spoke of last, which "this segment" later names.
    let mut antecedent: Option<Segment> = None;
    let units = units(text).into_iter().flat_map(|mut unit| {
        unit.text = in_us_dollars(&signs_joined(&unit.text)).into_owned();
        inline::split(&unit, rules.fye).unwrap_or_else(|| vec![unit])
    });
    for mut unit in units {
        if let Some(row) = columns.dollar_cells(&unit.text, rules.fye) {
            unit.text = row;
        }
        if !unit.follows {
            sentence.clear();
        }
        let context = sentence.clone();
        sentence.push_str(&unit.text);
        sentence.push_str("; ");
        let found = amounts(&unit.text);
        if found.is_empty() {
            let words = unit.text.split_whitespace().count();
            // A header kept with its cells ("Metric | Q3 FY2025 (Ended June 30, 2025) | …",
            // "Revenue by Segment (Details) - USD ($) $ in Thousands | 3 Months Ended") is short by
            // its cells, not by its words.
            let cells = unit.text.contains('|');
            let short = (cells || words <= COLUMN_WORDS) && !unit.text.ends_with('.');
            columns.line(&unit.text, short, rules.fye);
            if short || words <= SCOPE_HEADING_WORDS {
                cal.longer_heading = heading_scope(&unit.text).unwrap_or(cal.longer_heading);
            }
            carried = None;
            antecedent = classify(&unit.text, rules.overrides).filter(|s| *s != Segment::Total).or(antecedent);
            let quarter = mentions(&unit.text, rules.fye).into_iter().find(|m| m.period.months() == Some(3));
            let lower = unit.text.to_ascii_lowercase();
            if lower.contains("compared to") || lower.contains("compared with") {
                cal.compared_to = quarter.map(|m| m.period).or(cal.compared_to);
            } else if unit.heading {
                // A table's header names its first column first: that is the document's quarter.
                let first = columns.periods.iter().flatten().find(|p| p.months() == Some(3)).copied();
                cal.heading = first.or(quarter.map(|m| m.period)).or(cal.heading);
            }
            continue;
        }
        columns.close();
        let figures: Vec<&_> = found.iter().filter(|a| !a.change).collect();
        let row = columns.of_row(&unit.text, &figures, rules.fye);
        if row.is_none() && columns.unmatched_row(&unit.text, &figures) {
            warnings.push(format!("a table row whose figures match no header columns is not read: {:?}", unit.text));
            continue;
        }
        // A line of a table flattened into text keeps its scale note: "Revenue 000s … $41,299".
        let note = scale_in(&unit.text).filter(|s| *s > 1).or(row.as_ref().and(columns.scale));
        let speaks_on = unit.follows || points_back(&unit.text);
        let mut readings = attach(&unit.text, &found, carried.as_deref().filter(|_| speaks_on));
        if row.is_some() {
            let under_revenue = columns.revenue
                || unit.parent.as_deref().is_some_and(|p| classify(p, rules.overrides) == Some(Segment::Total));
            readings = rows::row_readings(&unit.text, &readings, &found, under_revenue);
        }
        carried = readings.iter().rev().find(|r| r.role == Role::Head).map(|r| r.label.clone());
        let mut periods: Vec<Option<Period>> = vec![None; found.len()];
        let mut looked_back = vec![false; found.len()];
        let mut prev_end = 0;
        for (i, a) in found.iter().enumerate() {
            if a.change {
                continue;
            }
            let text = unit.text.as_str();
            let before = text.get(prev_end..a.start).unwrap_or("");
            let tail = text.get(a.end..found.get(i + 1).map_or(text.len(), |n| n.start)).unwrap_or("");
            let prev_end_before = prev_end;
            prev_end = a.end;
            let Some(reading) = readings.iter().find(|r| r.amount == i) else {
                continue;
            };
            let lead = format!("{context}{}", text.get(..a.start).unwrap_or(""));
            periods[i] = match reading.role {
                Role::Head | Role::Part => {
                    // Right after a figure, the words up to the comma are that figure's ("$27.1
                    // million reported in the third quarter of 2024, …").
                    // "from $30 million in the prior quarter to $35 million": the words before "to"
                    // are the earlier figure's.
                    let after_earlier = found[..i]
                        .iter()
                        .rposition(|p| !p.change)
                        .and_then(|p| readings.iter().find(|r| r.amount == p))
                        .is_some_and(|r| r.role == Role::Earlier);
                    let own = match before.rsplit_once(" to ") {
                        Some((_, after)) if after_earlier && after.trim().is_empty() => after,
                        _ if prev_end_before > 0 => before.split_once(',').map_or(before, |(_, b)| b),
                        _ => before,
                    };
                    let period = own_period(&lead, own, tail, &cal).filter(|p| {
                        p.months() != Some(3) || !scope_after(tail).unwrap_or_else(|| other_scope(before, &lead))
                    });
                    // "In the previous quarter, mining revenue was $X": the figure is an earlier
                    // quarter's, dated from the document's.
                    match looks_back(own, rules.fye) {
                        Some(months) if period.is_some() && period == cal.heading.or(cal.report) => {
                            looked_back[i] = true;
                            period.and_then(|p| shift_back(p, months))
                        }
                        _ => period,
                    }
                }
                Role::Comparison { head } => {
                    // "grew 20% sequentially to $X from $Y": the head's clause may say how far back.
                    let head_clause = found.get(head).and_then(|h| text.get(..h.start)).unwrap_or("");
                    let head_clause = head_clause.rsplit([';', ',']).next().unwrap_or(head_clause);
                    periods
                        .get(head)
                        .copied()
                        .flatten()
                        .and_then(|h| comparison_period(before, tail, h, &cal).or_else(|| implied(head_clause, h)))
                }
                Role::Earlier => {
                    own_period(&lead, "", "", &cal).and_then(|current| comparison_period(before, tail, current, &cal))
                }
            };
        }
        if let Some(row) = &row {
            let columns = found.iter().enumerate().filter(|(_, a)| !a.change).map(|(i, _)| i);
            for (i, period) in columns.zip(row) {
                periods[i] = *period;
            }
        }
        // A "respectively" sentence dates each figure, even one its own words left undated ("for
        // the three and six months ended June 30, 2025 was $A and $B, respectively").
        // Comparisons have their own list ("…, compared to $C and $D for the same periods in 2024").
        let own = |r: &&Reading| !matches!(r.role, Role::Comparison { .. });
        let all: Vec<usize> = readings.iter().filter(own).map(|r| r.amount).collect();
        // Otherwise every dated figure counts, comparisons too, as the periods the sentence names.
        let dated: Vec<usize> = readings.iter().map(|r| r.amount).filter(|&i| periods[i].is_some()).collect();
        let (stated, respective) = match named_together(&unit.text, all.len(), rules.fye) {
            Some(each) => (all.clone(), Some(each)),
            None => {
                let each = respectively(&unit.text, dated.len(), rules.fye);
                (dated, each)
            }
        };
        for (&i, period) in stated.iter().zip(respective.iter().flatten()) {
            periods[i] = Some(*period);
        }
        // … each the comparison of the figure in its place, its line's and a period back from its.
        let compared: Vec<usize> =
            readings.iter().filter(|r| matches!(r.role, Role::Comparison { .. })).map(|r| r.amount).collect();
        let listed_pairs = says(&unit.text.to_ascii_lowercase(), &["respectively"]) && all.len() >= 2;
        if listed_pairs && compared.len() == all.len() {
            // The list's period words follow its last figure.
            let list_tail = compared.last().map_or("", |&c| around(&unit.text, &found, c).1);
            for (&c, &h) in compared.iter().zip(&all) {
                let (before, tail) = around(&unit.text, &found, c);
                periods[c] = periods[h].and_then(|p| {
                    comparison_period(before, tail, p, &cal).or_else(|| comparison_period(before, list_tail, p, &cal))
                });
                let line = readings.iter().find(|r| r.amount == h).map(|r| r.label.clone());
                if let (Some(line), Some(reading)) = (line, readings.iter_mut().find(|r| r.amount == c)) {
                    reading.label = line;
                }
            }
        }
        // "Mining revenue was $A and $B for the second quarters of 2025 and 2024, respectively":
        // one line's figures for periods that could not be told apart are not all the first's.
        let one_line = stated.iter().filter_map(|&i| readings.iter().find(|r| r.amount == i)).map(|r| &r.label);
        let one_line = one_line.clone().all(|label| Some(label) == one_line.clone().next());
        if respective.is_none()
            && stated.len() > 1
            && one_line
            && says(&unit.text.to_ascii_lowercase(), &["respectively"])
        {
            for &i in &stated[1..] {
                periods[i] = None;
            }
        }
        // In a row or a "respectively" list, a figure of a period before the latest one listed is
        // that figure's comparison.
        let listed = row.is_some() || respective.is_some();
        let latest = stated.iter().filter_map(|&i| periods[i]).map(|p| p.end).max();
        let mut heads = readings.iter().filter(|r| r.role == Role::Head).filter_map(|r| periods[r.amount]);
        cal.previous = heads.rfind(|p| p.months() == Some(3)).or(cal.previous);
        for reading in readings {
            let (Some(period), Some(amount)) = (periods[reading.amount], found.get(reading.amount)) else {
                continue;
            };
            // "This segment generated $85 million in revenue": the line the text spoke of last.
            let subject = unit.text.get(..amount.start).unwrap_or("");
            let (label, segment) = match antecedent.filter(|_| demonstrative(&reading.label)) {
                Some(segment) => (reading.label.clone(), segment),
                // "the segment booked $48.0 million" with no segment named before: whose it is
                // cannot be told.
                None if demonstrative(&reading.label) => {
                    warnings.push(format!("{:?} points back to no line named before: not read", reading.label));
                    continue;
                }
                None => match line_of(
                    &stated_in(&reading.label, subject),
                    unit.parent.as_deref(),
                    reading.by_mining,
                    (rules, issuer_listed),
                    warnings,
                ) {
                    Some((label, Segment::Total)) if POINTS_BACK.is_match(subject) => {
                        (label, antecedent.unwrap_or(Segment::Total))
                    }
                    Some(line) => line,
                    None => {
                        warnings.push(format!("{:?} is another company's: not read", reading.label));
                        continue;
                    }
                },
            };
            antecedent = Some(segment).filter(|s| *s != Segment::Total).or(antecedent);
            let comparison = matches!(reading.role, Role::Comparison { .. } | Role::Earlier)
                || looked_back[reading.amount]
                || listed && latest.is_some_and(|l| period.end < l);
            let value_usd = match note {
                Some(scale) if !amount.scaled && !amount.bare => amount.value_usd.saturating_mul(scale),
                _ => amount.value_usd,
            };
            let fact = Fact {
                segment,
                period,
                value_usd,
                label,
                concept: None,
                extractor: Extractor::Prose,
                confidence: if comparison { COMPARISON_CONFIDENCE } else { PROSE_CONFIDENCE },
                raw_text: unit.text.clone(),
            };
            if amount.bare {
                bare.push((fact, unit.text.get(amount.start..amount.end).unwrap_or("").to_string()));
            } else {
                keep(&mut facts, fact, warnings);
            }
        }
    }
    let largest = stated.iter().chain(&facts).map(|f| f.value_usd.saturating_abs()).max();
    for (mut fact, written) in bare {
        match largest.and_then(|l| scale_beside(&written, l)) {
            Some(value_usd) => {
                fact.value_usd = value_usd;
                keep(&mut facts, fact, warnings);
            }
            None => warnings.push(format!("{written:?} states no scale and no figure beside it tells one: not read")),
        }
    }
    // A quarter that had not ended when the text came out has no figures yet: a figure dated
    // there was misread (a fiscal label in the wrong calendar, a forecast).
    facts.retain(|f| {
        let ended = rules.published.is_none_or(|day| f.period.end <= day);
        if !ended {
            warnings.push(format!(
                "{} dated {} to {}, after the text came out: not read",
                f.value_usd, f.period.start, f.period.end
            ));
        }
        ended
    });
    facts
}

/// `text` with the Unicode hyphens inside words ("Year‑to‑date" with U+2011) written as the
/// ASCII hyphen every rule is written with.
fn plain_hyphens(text: &str) -> String {
    text.replace(['\u{2010}', '\u{2011}'], "-")
}

/// A bare amount at the scale (thousands, millions, billions) that puts it within a factor
/// [`BESIDE`] of the document's largest revenue figure: "$161.4" beside $153.0 million is
/// $161.4 million.
fn scale_beside(written: &str, largest: i64) -> Option<i64> {
    [1_000, 1_000_000, 1_000_000_000].into_iter().filter_map(|scale| rescaled(written, scale)).find(|&v| {
        let ratio = v as f64 / largest as f64;
        (1.0 / BESIDE..=BESIDE).contains(&ratio)
    })
}

/// The line's label and segment, `None` for another company's figure. A bare "revenue" under a "HPC Hosting:" parent is the parent's;
/// "revenue … by mining" is mining's; a line naming only the company's revenue is Total.
fn line_of(
    label: &str,
    parent: Option<&str>,
    by_mining: bool,
    (rules, issuer_listed): (&Rules<'_>, bool),
    warnings: &mut Vec<String>,
) -> Option<(String, Segment)> {
    // Named as written (a former name it states kept), classed by its name now.
    let (written, current) = (label, stated_rename(label).0);
    let label = current.as_str();
    let words = normalise(label);
    // The label's own words, hyphenated compounds whole ("year-over-year", "top-line").
    let lower = label.to_lowercase();
    let mut own_words = lower.split(|c: char| !c.is_alphanumeric() && c != '-').filter(|w| !w.is_empty());
    let company = names_company(label, rules.name);
    // A company named as the subject and not this document's ("Rival miner Ashcombe Digital
    // posted revenue"): not this company's figure. Unless the text lists its own company, the
    // name is taken for that company's.
    let named = attach::proper_name(label).as_deref() == Some(label) && classify(label, rules.overrides).is_none();
    if named && !company {
        return (!issuer_listed).then(|| (written.to_string(), Segment::Total));
    }
    let company_level = (own_words.all(|w| COMPANY_WORDS.contains(&w)) && !words.contains("total")) || company;
    let parent = parent.and_then(|p| classify(p, rules.overrides).filter(|s| *s != Segment::Total).map(|s| (p, s)));
    Some(match (classify(label, rules.overrides), parent) {
        (None, Some((name, segment))) => (name.to_string(), segment),
        (_, Some((name, segment))) if company_level => (name.to_string(), segment),
        _ if company_level && by_mining => (written.to_string(), Segment::Mining),
        // "Cipher Mining reported revenue of $49 million": the company, whatever its name says.
        _ if company => (written.to_string(), Segment::Total),
        (Some(segment), _) => (written.to_string(), segment),
        (None, None) if company_level => (written.to_string(), Segment::Total),
        (None, None) if divides_another_way(label) => {
            warnings.push(format!("revenue divided by something other than its business is no line: {written:?}"));
            return None;
        }
        (None, None) => (written.to_string(), classify_or_warn(label, rules.overrides, warnings)),
    })
}

static POINTS_BACK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:this|that|the)\s+(?:segment|business|unit|division)\b")
        .unwrap_or_else(|e| unreachable!("{e}"))
});

/// Whether a sentence opens by pointing back at the figure of the one before: "This was a bump
/// from the $69 million of December", "It compares with $9.8 million a year ago".
fn points_back(text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or("");
    matches!(first, "This" | "That" | "It")
}

/// Whether a line is named only by pointing back ("This segment", "The business", "That unit"):
/// it is the business line the text spoke of last.
fn demonstrative(label: &str) -> bool {
    const POINTING: &[&str] = &["this", "that", "the"];
    const BUSINESS: &[&str] = &["segment", "business", "unit", "division"];
    let lower = label.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    match words.as_slice() {
        [w] => *w == "this" || *w == "that",
        [w, noun] => POINTING.contains(w) && BUSINESS.contains(noun),
        _ => false,
    }
}

/// The words between figure `i` and the figures before and after it.
fn around<'t>(text: &'t str, found: &[Amount], i: usize) -> (&'t str, &'t str) {
    let start = found.get(i).map_or(0, |a| a.start);
    let end = found.get(i).map_or(0, |a| a.end);
    let prev = found[..i].iter().rev().find(|a| !a.change).map_or(0, |a| a.end);
    let next = found[i + 1..].iter().find(|a| !a.change).map_or(text.len(), |a| a.start);
    (text.get(prev..start).unwrap_or(""), text.get(end..next).unwrap_or(""))
}

/// Whether a line's name holds the company's own name ("Key Takeaways Bit Digital" generated …,
/// "Cipher Mining" reported …) or any company's legal name ("Oakhurst Mining Corp."): the
/// subject is the company, the figure its total.
fn names_company(label: &str, registered: &str) -> bool {
    // A registered name's endings, the legal form and the words a group adds ("Holdings").
    const SUFFIXES: &[&str] = &["co", "holdings", "group"];
    let name = registered.split(',').next().unwrap_or("").to_lowercase();
    let mut words: Vec<&str> = name.split(|c: char| c.is_whitespace() || c == '.').filter(|w| !w.is_empty()).collect();
    while words.last().is_some_and(|w| issuer::LEGAL_FORMS.contains(w) || SUFFIXES.contains(w)) {
        words.pop();
    }
    let lower = label.to_lowercase();
    let label_words: Vec<&str> =
        lower.split(|c: char| c.is_whitespace() || c == '.').filter(|w| !w.is_empty()).collect();
    // The name, and after it nothing that names a line ("Oakhurst Mining Corp. today", not
    // "TeraWulf HPC lease").
    let at =
        (!words.is_empty()).then(|| label_words.windows(words.len()).position(|w| w == words.as_slice())).flatten();
    let named = at.is_some_and(|at| classify(&label_words[at + words.len()..].join(" "), &[]).is_none());
    named || lower == words.first().copied().unwrap_or_default() || issuer::has_legal_form(label)
}

/// Adds `fact` to `facts` unless it repeats the same line's figure. A second, different total for
/// a quarter that has one keeps the stronger role (the document's own statement over a
/// comparison), else the first, and says why.
fn keep(facts: &mut Vec<Fact>, fact: Fact, warnings: &mut Vec<String>) {
    let same = |f: &Fact| f.period == fact.period && f.segment == fact.segment;
    if facts.iter().filter(|f| same(f)).any(|f| f.label == fact.label && f.value_usd == fact.value_usd) {
        return;
    }
    let other_total =
        facts.iter().position(|f| same(f) && f.segment == Segment::Total && f.value_usd != fact.value_usd);
    let Some(at) = other_total.filter(|_| fact.segment == Segment::Total) else {
        facts.push(fact);
        return;
    };
    let first = &facts[at];
    let stronger = fact.confidence > first.confidence;
    warnings.push(format!(
        "two totals for {} to {}: {} ({:?}) and {} ({:?}); kept {}",
        fact.period.start,
        fact.period.end,
        first.value_usd,
        first.label,
        fact.value_usd,
        fact.label,
        if stronger { "the second, the document's own statement over a comparison" } else { "the first" }
    ));
    if stronger {
        facts[at] = fact;
    }
}

/// How far (bytes) before a quarter's name a comparison cue makes it a comparison.
const COMPARISON_REACH: usize = 60;

static COMPARED_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    // "than" compares only as a word of its own: "better-than-expected results" are the quarter's.
    // A decimal point ("from the $28.4 million") does not end the clause.
    // Words that measure one figure against another ("above the $8.4 million of Q2 2025",
    // "surpassing the prior record set in Q1") compare as well.
    Regex::new(
        r"(?i)(?:\b(?:compared|opposed|from|vs|versus|against|above|below|exceeding|exceeded|surpassing|surpassed|topping|topped)\b|\bthan\s)(?:[^.;]|\.\d)*$",
    )
        .unwrap_or_else(|e| unreachable!("{e}"))
});

static A_QUARTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bquarter(?:ly)?\b").unwrap_or_else(|e| unreachable!("{e}")));

/// The quarter a release reports: the first three-month period it names by date, else the first
/// it names by label ("first quarter 2026", "fiscal Q2 2026"), else the first it names by number
/// alone, in the year its dates tell, else (a text that speaks only of "the quarter") the one
/// closed last before it was published.
pub fn reporting_quarter(text: &str, rules: &Rules<'_>) -> Option<Period> {
    // A quarter named as a comparison ("as compared to $34.4 million in the first quarter of
    // fiscal year 2024") is never the one reported.
    let compared = |at: usize| {
        let window = text.get(floor_char_boundary(text, at.saturating_sub(COMPARISON_REACH))..at).unwrap_or("");
        COMPARED_BEFORE.is_match(window)
    };
    // "… last issued its quarterly earnings results on May 15th": the quarter closed last before
    // that day, whatever quarters the note's estimates name.
    let released = results_released(text, rules.published);
    if let Some(quarter) = released.and_then(|day| last_closed(day, rules.fye)) {
        return Some(quarter);
    }
    let quarters: Vec<_> =
        mentions(text, rules.fye).into_iter().filter(|m| m.period.months() == Some(3) && !compared(m.at)).collect();
    // A quarter that closed long before the document came out is a comparison when the text also
    // names a quarter by number alone ("… loss recorded in Q2 2022" in a note of August 2023 on
    // "steady results in Q2"): that one is placed by the day of publication below.
    let stale = |m: &&super::period::Mention| {
        rules.published.is_some_and(|day| (day - m.period.end).num_days() > STALE_DAYS)
            && yearless_quarters(text).next().is_some()
    };
    let quarters: Vec<_> = quarters.iter().filter(|m| !stale(m)).collect();
    let named = quarters.iter().find(|m| m.dated).or(quarters.first()).map(|m| m.period);
    // A quarter named only by its number ("Total revenue: $95.4 million for the third quarter")
    // takes its year from the day the document was published and the dates it writes, in a
    // document that names no year's figures beside it.
    named.or_else(|| {
        // Beside a year's figures a quarter may be the fiscal year's or the calendar's, or no
        // quarter's at all ("average quarterly revenue"), and nothing tells which.
        if speaks_of_a_year(text) {
            return None;
        }
        match yearless_quarters(text).find(|(at, _)| !compared(*at)) {
            Some((_, n)) => {
                let dates: Vec<_> = rules.published.into_iter().chain(dates(text)).collect();
                placed_by_dates(n, &dates, rules.fye)
            }
            // "Quarterly revenue of $31.3 million", "this quarter": the one closed last before
            // the document was published.
            None => rules.published.filter(|_| A_QUARTER.is_match(text)).and_then(|day| last_closed(day, rules.fye)),
        }
    })
}

#[cfg(test)]
mod tests {
    use chrono::{Datelike, NaiveDate};

    use super::*;
    use crate::model::{FiscalYearEnd, Segment};

    const DEC: Rules<'static> =
        Rules { fye: FiscalYearEnd { month: 12, day: 31 }, overrides: &[], name: "", published: None };

    /// The segment and value of each figure `text` states for a period starting in `year`.
    fn lines_of(text: &str, year: i32) -> Vec<(Segment, i64)> {
        let facts = read_prose(text, &DEC, &[], &mut Vec::new());
        facts.into_iter().filter(|f| f.period.start.year() == year).map(|f| (f.segment, f.value_usd)).collect()
    }

    fn read(text: &str) -> Vec<(Segment, i64, String)> {
        read_prose(text, &DEC, &[], &mut Vec::new()).into_iter().map(|f| (f.segment, f.value_usd, f.label)).collect()
    }

    #[test]
    fn the_three_sentence_shapes_and_amount_first() {
        let text = "TeraWulf reported results for the first quarter of 2026.\n\
            HPC lease revenue of $21.0 million, up 117% quarter over quarter.\n\
            As power moved to HPC tenants, revenue from bitcoin mining decreased to $12.9 million.\n\
            For the quarter, total revenue was $34.0 million; Adjusted EBITDA was $9.8 million.\n\
            IREN generated $7.3 million in AI cloud services revenue.";
        assert_eq!(
            read(text),
            vec![
                (Segment::Hpc, 21_000_000, "HPC lease revenue".into()),
                (Segment::Mining, 12_900_000, "revenue from bitcoin mining".into()),
                (Segment::Total, 34_000_000, "total revenue".into()),
                (Segment::Hpc, 7_300_000, "AI cloud services revenue".into()),
            ]
        );
        let facts = read_prose(text, &DEC, &[], &mut Vec::new());
        let q1 = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap_or_default();
        assert_eq!(facts[0].period, Period { start: q1(1, 1), end: q1(3, 31) });
        assert_eq!(facts[0].extractor, Extractor::Prose);
        assert_eq!(facts[0].raw_text, "HPC lease revenue of $21.0 million, up 117% quarter over quarter.");
    }

    #[test]
    fn two_lines_in_one_sentence() {
        let text = "Results for the three months ended November 30, 2025. \
            Bit Digital AI generated high performance computing services revenue of $12.2 million \
            and the Company recognized data center hosting revenue of $41.6 million.";
        assert_eq!(
            read(text),
            vec![
                (Segment::Hpc, 12_200_000, "high performance computing services revenue".into()),
                (Segment::Hosting, 41_600_000, "data center hosting revenue".into()),
            ]
        );
    }

    #[test]
    fn other_periods_and_undated_releases_are_skipped() {
        assert!(read("Total revenue was $34.0 million.").is_empty());
        let text = "First quarter 2026 results. Full year 2025 revenue was $168.5 million. \
            Net loss was $16.3 million. Cost of revenue was $9.1 million.";
        assert!(read(text).is_empty());
    }

    /// Reads `text` as the fixture company "Acme Compute, Inc.", third quarter 2025.
    fn read_acme(text: &str) -> Vec<(Segment, i64, String, NaiveDate)> {
        let rules = Rules { name: "Acme Compute, Inc.", ..DEC };
        let text = format!("Acme Compute reports results for the three months ended September 30, 2025.\n{text}");
        read_prose(&text, &rules, &[], &mut Vec::new())
            .into_iter()
            .map(|f| (f.segment, f.value_usd, f.label, f.period.start))
            .collect()
    }

    #[test]
    fn a_quarter_long_closed_does_not_date_a_note_on_a_quarter_named_by_number() {
        let text = "Acme Mining had a steady Q2. Its loss narrowed from the $90.0 million it booked in Q2 \
            2022. Revenue climbed from $40 million in Q1 to nearly $55 million in Q2.";
        let rules = Rules { published: NaiveDate::from_ymd_opt(2023, 8, 9), ..DEC };
        let got: Vec<_> =
            read_prose(text, &rules, &[], &mut Vec::new()).into_iter().map(|f| (f.value_usd, f.period.start)).collect();
        let day = |m| NaiveDate::from_ymd_opt(2023, m, 1).unwrap_or_default();
        assert_eq!(got, [(40_000_000, day(1)), (55_000_000, day(4))]);
    }

    #[test]
    fn a_balance_at_year_end_does_not_make_a_note_speak_of_a_year() {
        let text = "Acme posted Q3 revenue of $20,179,766 (cloud $18,032,898; colocation $1,692,280). \
            Cash rose to $166.5 million from $11.7 million at year-end.";
        let rules = Rules { published: NaiveDate::from_ymd_opt(2025, 11, 13), ..DEC };
        let got: Vec<_> =
            read_prose(text, &rules, &[], &mut Vec::new()).into_iter().map(|f| (f.segment, f.value_usd)).collect();
        assert_eq!(got, [(Segment::Total, 20_179_766), (Segment::Hpc, 18_032_898), (Segment::Hpc, 1_692_280)]);
    }

    #[test]
    fn a_later_clause_of_another_scope_leaves_the_quarter_alone() {
        let dated = |text: &str, published| {
            let rules = Rules { published: NaiveDate::from_ymd_opt(2025, 8, published), ..DEC };
            read_prose(text, &rules, &[], &mut Vec::new())
                .into_iter()
                .map(|f| (f.value_usd, f.period.start))
                .collect::<Vec<_>>()
        };
        let q2 = NaiveDate::from_ymd_opt(2025, 4, 1).unwrap_or_default();
        let text = "Its GPU arm brought in $4.4 million of revenue in Q2 2025, which points to an annualized pace near $18 million.";
        assert_eq!(dated(text, 12), [(4_400_000, q2)]);
        let text = "Quarterly revenue came to $12.5 million, and the board kept its full-year 2025 outlook.";
        assert_eq!(dated(text, 6), [(12_500_000, q2)]);
    }

    #[test]
    fn a_quarter_not_yet_ended_when_the_text_came_out_has_no_figures() {
        let rules = Rules { published: NaiveDate::from_ymd_opt(2025, 11, 3), ..DEC };
        let mut warnings = Vec::new();
        assert!(read_prose("Revenue for Q4 2025 was $9.0 million.", &rules, &[], &mut warnings).is_empty());
        assert!(warnings.iter().any(|w| w.contains("after the text came out")));
    }

    #[test]
    fn a_balance_at_year_end_does_not_make_results_a_year() {
        let text = "Cash up since year-end, Acme posts its results for Q3 2025. Revenue was $30.1 million.";
        let rules = Rules { published: NaiveDate::from_ymd_opt(2025, 11, 13), ..DEC };
        let got: Vec<_> = read_prose(text, &rules, &[], &mut Vec::new()).into_iter().map(|f| f.period.start).collect();
        assert_eq!(got, [NaiveDate::from_ymd_opt(2025, 7, 1).unwrap_or_default()]);
    }

    #[test]
    fn a_note_dates_the_quarter_by_the_day_the_results_came_out() {
        let text = "Acme Mining last put out its quarterly earnings data on Tuesday, May 14th. The firm had \
            revenue of $18.5 million for the quarter, against analysts' estimates of $17.2 million.";
        let rules = Rules { published: NaiveDate::from_ymd_opt(2024, 7, 22), ..DEC };
        let got: Vec<_> = read_prose(text, &rules, &[], &mut Vec::new()).into_iter().map(|f| f.period).collect();
        let q1 = Period {
            start: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
            end: NaiveDate::from_ymd_opt(2024, 3, 31).unwrap(),
        };
        assert_eq!(got, vec![q1]);
        // A release a week before a quarter's end reports the quarter before it.
        let june =
            "Acme Mining put out its quarterly results on Monday, June 24th. Revenue of $9.0 million for the quarter.";
        let got: Vec<_> = read_prose(june, &rules, &[], &mut Vec::new()).into_iter().map(|f| f.period).collect();
        assert_eq!(got, vec![q1]);
        // Without the day, the quarter closed last before publication.
        let text = text.replace("on Tuesday, May 14th", "recently");
        let got: Vec<_> = read_prose(&text, &rules, &[], &mut Vec::new()).into_iter().map(|f| f.period.start).collect();
        assert_eq!(got, vec![NaiveDate::from_ymd_opt(2024, 4, 1).unwrap()]);
    }

    fn q3_2025() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 7, 1).unwrap_or_default()
    }

    #[test]
    fn revenue_from_a_few_customers_is_a_concentration_not_a_line() {
        let got = read_acme(
            "In the quarter Acme earned about $12.4 million of revenue from a single customer, 31% of the total.",
        );
        assert!(got.is_empty(), "{got:?}");
        let got = read_acme("Revenue of $5.0 million came from two hosting clients.");
        assert!(got.is_empty(), "{got:?}");
        let got = read_acme("Hosting revenue was $40.1 million, from customers in Texas and Georgia.");
        assert_eq!(got.iter().map(|f| (f.0, f.1)).collect::<Vec<_>>(), vec![(Segment::Hosting, 40_100_000)]);
    }

    #[test]
    fn a_heading_of_a_longer_scope_governs_the_figures_under_it() {
        let got = read_acme("Year-to-date (9 mo).\nRevenue advanced 87% to $542.7 M on more machines.");
        assert!(got.is_empty(), "{got:?}");
        let got = read_acme("Year to date\nRevenue was $542.7 million.\nThird quarter\nRevenue was $198.6 million.");
        assert_eq!(got.iter().map(|f| f.1).collect::<Vec<_>>(), vec![198_600_000]);
    }

    #[test]
    fn beating_expectations_leaves_an_earlier_figure_its_quarter() {
        let text = "Acme fourth quarter 2025 results. Revenue was $56.8 million. It beat analyst expectations \
            and rose from the $28.4 million revenue earned in the fourth quarter of 2024.";
        let got = read_acme(text);
        assert_eq!(
            got.iter().map(|f| (f.1, f.3.year())).collect::<Vec<_>>(),
            vec![(56_800_000, 2025), (28_400_000, 2024)]
        );
        let got = read_acme("Acme fourth quarter 2025 results. We expect revenue of $60.0 million.");
        assert!(got.is_empty(), "{got:?}");
        values_read(&[
            ("Acme third quarter 2025. Revenue could reach $60.0 million.", &[]),
            ("Acme third quarter 2025. Revenue is set to top $60.0 million next quarter.", &[]),
            ("Acme third quarter 2025. Acme, a domestic filer next year, put revenue at $50.0 million.", &[50_000_000]),
        ]);
    }

    /// The values `read_acme` reads from each text, beside the values wanted.
    fn values_read(cases: &[(&str, &[i64])]) {
        for (text, want) in cases {
            let got: Vec<i64> = read_acme(text).iter().map(|f| f.1).collect();
            assert_eq!(got, *want, "{text}");
        }
    }

    #[test]
    fn a_years_outlook_leaves_a_quarter_named_by_number_placed() {
        let text = "The second quarter was a busy one. We delivered revenue of $21.9 million. For the full \
            year, we continue to expect revenue of about $95 million.";
        let rules = Rules { published: NaiveDate::from_ymd_opt(2025, 8, 6), ..DEC };
        let got: Vec<_> =
            read_prose(text, &rules, &[], &mut Vec::new()).into_iter().map(|f| (f.value_usd, f.period.start)).collect();
        assert_eq!(got, [(21_900_000, NaiveDate::from_ymd_opt(2025, 4, 1).unwrap_or_default())]);
    }

    #[test]
    fn a_segment_pointing_back_to_none_is_not_read() {
        let got = read_acme("The segment booked $48.0 million of revenue in the quarter.");
        assert!(got.is_empty(), "{got:?}");
        let got = read_acme("\"Good,\" said CEO Ann Lee, \"and the segment booked $48.0 million of revenue.\"");
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn a_respectively_list_of_lines_keeps_its_comparisons_a_year_back() {
        let text = "Mining and hosting revenue for the third quarter of 2025 were $20.0 million and $6.0 million, \
            respectively, compared to $15.0 million and $4.0 million in the third quarter of 2024.";
        let got: Vec<_> = read_acme(text).into_iter().map(|f| (f.0, f.1, f.3.year())).collect();
        let want = [
            (Segment::Mining, 20_000_000, 2025),
            (Segment::Hosting, 6_000_000, 2025),
            (Segment::Mining, 15_000_000, 2024),
            (Segment::Hosting, 4_000_000, 2024),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn another_companys_revenue_is_not_read() {
        let rules = Rules { published: NaiveDate::from_ymd_opt(2025, 11, 10), ..DEC };
        let read = |text: &str| {
            let text = format!("Acme Compute Inc. (NASDAQ: ACMC) reports its third quarter 2025.\n{text}");
            read_prose(&text, &rules, &[], &mut Vec::new())
                .into_iter()
                .map(|f| (f.segment, f.value_usd))
                .collect::<Vec<_>>()
        };
        assert!(read("Rival miner Ashcombe Digital posted revenue of $60.2 million for the quarter.").is_empty());
        assert_eq!(
            read("Acme Compute posted revenue of $61.0 million for the quarter."),
            [(Segment::Total, 61_000_000)]
        );
    }

    #[test]
    fn a_quarter_a_figure_is_measured_against_is_not_the_one_reported() {
        let text = "Hosting revenue was $9.1 million in the third quarter, above the $8.4 million of Q2 2025.";
        let rules = Rules { published: NaiveDate::from_ymd_opt(2025, 11, 10), ..DEC };
        let got: Vec<_> =
            read_prose(text, &rules, &[], &mut Vec::new()).into_iter().map(|f| (f.value_usd, f.period.start)).collect();
        assert_eq!(got[0], (9_100_000, NaiveDate::from_ymd_opt(2025, 7, 1).unwrap_or_default()));
    }

    #[test]
    fn a_respectively_list_dates_each_figure_and_its_comparison_in_order() {
        let text = "Revenue for the three and nine months ended September 30, 2025 was $5.0 million and $14.0 \
            million, respectively, against $4.0 million and $11.0 million for the same periods in 2024.";
        let got: Vec<_> = read_acme(text).into_iter().map(|f| (f.1, f.3)).collect();
        let day = |y, m| NaiveDate::from_ymd_opt(y, m, 1).unwrap_or_default();
        let want = [
            (5_000_000, day(2025, 7)),
            (14_000_000, day(2025, 1)),
            (4_000_000, day(2024, 7)),
            (11_000_000, day(2024, 1)),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn the_scope_right_after_a_figure_governs_it() {
        values_read(&[
            ("Acme third quarter 2025.\nRevenue of $26.1 million for the half, up from $25.4 million.", &[]),
            ("Acme third quarter 2025.\nMining revenue reached $60.1 million in the first nine months.", &[]),
            (
                "Acme third quarter 2025.\nNine new sites lifted revenue to $25.0 million for the quarter.",
                &[25_000_000],
            ),
            (
                "Acme second quarter 2025.\nHosting revenue was $9.0 million for the half and $4.6 million for the quarter.",
                &[4_600_000],
            ),
            ("Acme third quarter 2025.\nTrailing-twelve-month revenue: $64.0M", &[]),
            ("Acme third quarter 2025.\nFor 1H25, revenue totaled $118.0 million.", &[]),
            ("Acme fourth quarter 2025.\nYear-to-date revenue through the fourth quarter was $188.0 million.", &[]),
            ("Acme third quarter 2025.\nRevenue of discontinued operations was $9.2 million.", &[]),
            (
                "Acme third quarter 2025.\nYear-to-date revenue came to $90.0 million, and third-quarter revenue was $31.0 million.",
                &[31_000_000],
            ),
            (
                "Acme fourth quarter 2025.\nRevenue for the year came to $98.0 million, and revenue for the quarter to $30.0 million.",
                &[30_000_000],
            ),
        ]);
    }

    #[test]
    fn a_months_figure_is_not_the_quarters() {
        values_read(&[
            ("Third quarter update.\nRevenue for the month of September was $4.1 million.", &[]),
            ("Acme third quarter 2025.\nMonthly revenue reached $4.4 million (+3% on August).", &[]),
            ("Acme third quarter 2025.\nGPU cloud revenue reached $0.4 million for the month.", &[]),
            ("Revenue for the three months ended September 30, 2025 was $12.6 million.", &[12_600_000]),
            // A heading naming a month is a page's furniture, not the scope of what follows.
            ("Stock of the Month\nAcme third quarter 2025.\nRevenue was $12.6 million.", &[12_600_000]),
            (
                "Acme third quarter 2025.\nSeptember in brief: mining revenue of $4.0 million, hosting revenue of $0.3 million.",
                &[],
            ),
        ]);
    }

    #[test]
    fn a_document_reporting_a_year_dates_no_figure_to_a_quarter_it_mentions_in_passing() {
        let text = "A look at Acme's fiscal year 2025 financial results.\n\
            Total revenue rose 141% to $108.1 million. In Q4 2025 mining fell to 40% of the total.";
        assert!(read(text).is_empty());
        let text = "Acme's fourth quarter 2025 and full year results.\nTotal revenue was $30.2 million.";
        assert_eq!(read(text).len(), 1);
    }

    /// What `read_acme` reads from `text`: each value and the first day of its period.
    fn dated(text: &str) -> Vec<(i64, NaiveDate)> {
        read_acme(text).iter().map(|f| (f.1, f.3)).collect()
    }

    #[test]
    fn comparisons_a_quarter_ago_and_year_on_year() {
        let q2 = NaiveDate::from_ymd_opt(2025, 4, 1).unwrap_or_default();
        let q3_24 = NaiveDate::from_ymd_opt(2024, 7, 1).unwrap_or_default();
        let cases = [
            (
                "Mining revenue was $60.0 million, up from $50.0 million a quarter ago.",
                vec![(60_000_000, q3_2025()), (50_000_000, q2)],
            ),
            (
                "Hosting revenue was $6.0 million, down from $7.0 million year-on-year.",
                vec![(6_000_000, q3_2025()), (7_000_000, q3_24)],
            ),
            // A movement adverb in the head figure's clause dates its comparison.
            (
                "Revenue grew 20% sequentially to $41.0 million from $34.2 million.",
                vec![(41_000_000, q3_2025()), (34_200_000, q2)],
            ),
            // No adverb: the earlier figure's period cannot be told.
            ("Mining revenue rose to $30.0 million from $28.0 million.", vec![(30_000_000, q3_2025())]),
        ];
        for (text, want) in cases {
            assert_eq!(dated(text), want, "{text}");
        }
    }

    #[test]
    fn a_metric_named_after_revenue_or_a_multiple_of_it_is_not_revenue() {
        assert!(read_acme("The company has $500 million in revenue backlog.").is_empty());
        assert!(read_acme("Its market value is $3.1 billion, or 8 times revenue of $380 million.").is_empty());
        assert_eq!(read_acme("Acme earned $88.0 million in revenue this quarter.").len(), 1);
    }

    #[test]
    fn issue_22_a_contract_value_is_not_the_quarters_revenue() {
        let got = read_acme(
            "Acme signed a new campus lease, an expansion worth about $4.1 billion of total potential revenue over twelve years.",
        );
        assert!(got.is_empty(), "{got:?}");
        let got = read_acme("The lease brings $2.2 billion in revenue over ten years to the company.");
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn issue_22_a_nine_month_paragraph_is_not_the_quarter() {
        let text = "Third-quarter revenue was $15.9 million.\n\
            For the nine months ended September 30, 2025, mining revenue of $18.0 million; hosting revenue of $25.3 million.";
        let quarter: Vec<_> = read_acme(text).into_iter().filter(|f| f.3 == q3_2025()).collect();
        assert_eq!(quarter, vec![(Segment::Total, 15_900_000, "revenue".into(), q3_2025())]);
        let got = read_acme("FY 2025 revenue climbed 80% to $378.9M on a larger fleet.");
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn issue_22_a_flattened_table_keeps_its_scale_note() {
        let text = "Revenue 000s Three Months Ended Sep 30 2025 2024 % Change Total revenue $ 31,205 $ 22,140 41 %";
        let got = read_acme(text);
        assert_eq!(got.first().map(|f| (f.0, f.1)), Some((Segment::Total, 31_205_000)), "{got:?}");
        assert!(got.iter().all(|f| f.1 >= 1_000_000), "{got:?}");
    }

    #[test]
    fn issue_22_a_business_line_is_its_own_line_not_a_second_total() {
        let text = "Revenues were $63.0 million. The Data Center Business generated $41.7 million in revenue.";
        let got = read_acme(text);
        assert_eq!(got[0], (Segment::Total, 63_000_000, "Revenues".into(), q3_2025()));
        assert_eq!(got[1].1, 41_700_000);
        assert_eq!(got[1].2, "Data Center Business");
        assert_ne!(got[1].0, Segment::Total);
    }

    #[test]
    fn issue_22_the_company_as_subject_states_the_total() {
        assert_eq!(
            read_acme("Acme Compute's revenue for the quarter was $15.9 million."),
            vec![(Segment::Total, 15_900_000, "revenue".into(), q3_2025())]
        );
        assert_eq!(
            read_acme("Acme Compute generated $15.9 million in revenue, short of its own plan."),
            vec![(Segment::Total, 15_900_000, "Acme Compute".into(), q3_2025())]
        );
        assert_eq!(read_acme("Operational revenue grew to $15.9 million.")[0].0, Segment::Total);
    }

    #[test]
    fn words_about_the_figure_scope_and_role() {
        // A comparison modifier names no line: the company's total.
        assert_eq!(
            read_acme("The deck showed a 104% year-over-year revenue increase to $61.4 million.")[0].0,
            Segment::Total
        );
        // Revenue per coin is a price.
        assert!(read_acme("Revenues from each bitcoin mined were $86,522 in July.").is_empty());
        // A bare year after the figure is the year's.
        assert!(read_acme("The company achieved a record revenue of $387.5 million in 2024.").is_empty());
    }

    #[test]
    fn a_quarter_named_as_a_comparison_is_not_the_one_reported() {
        let text = "Mining revenue of $42.0 million, as compared to $34.4 million in the first quarter of fiscal year 2024.\n\
            Results for the three months ended December 31, 2023.";
        let iren = Rules { fye: FiscalYearEnd { month: 6, day: 30 }, ..DEC };
        let facts = read_prose(text, &iren, &[], &mut Vec::new());
        let oct = NaiveDate::from_ymd_opt(2023, 10, 1).unwrap_or_default();
        let jul = NaiveDate::from_ymd_opt(2023, 7, 1).unwrap_or_default();
        let got: Vec<_> = facts.iter().map(|f| (f.value_usd, f.period.start)).collect();
        assert_eq!(got, vec![(42_000_000, oct), (34_400_000, jul)]);
    }

    #[test]
    fn the_figure_a_line_moved_to_is_its_own_and_the_one_it_moved_from_earlier() {
        let got = read_acme("Mining revenue grew from $71.4 million in Q3 2024 to $142.9 million in Q3 2025.");
        let q3_24 = NaiveDate::from_ymd_opt(2024, 7, 1).unwrap_or_default();
        assert_eq!(
            got.iter().map(|f| (f.0, f.1, f.3)).collect::<Vec<_>>(),
            vec![(Segment::Mining, 71_400_000, q3_24), (Segment::Mining, 142_900_000, q3_2025())]
        );
    }

    #[test]
    fn parts_subjects_and_the_next_clauses_metric() {
        let got = read_acme(
            "Revenues of $19.1 million comprised $18.8 million from bitcoin mining and $0.3 million from hosting.",
        );
        assert_eq!(
            got.iter().map(|f| (f.0, f.1)).collect::<Vec<_>>(),
            vec![(Segment::Total, 19_100_000), (Segment::Mining, 18_800_000), (Segment::Hosting, 300_000)]
        );
        let got = read_acme(
            "Operating revenue of $41.3 million—split between $34.3 million in Hosting (managed sites), $5.5 million in Power, and $1.5 million in Cloud Services—missed estimates.",
        );
        assert_eq!(
            got.iter().map(|f| (f.0, f.1)).collect::<Vec<_>>(),
            vec![
                (Segment::Total, 41_300_000),
                (Segment::Hosting, 34_300_000),
                (Segment::Other, 5_500_000),
                (Segment::Hpc, 1_500_000)
            ]
        );
        let got =
            read_acme("Total revenue was $50.0 million. Our AI cloud segment delivered revenue of $15.2 million.");
        assert_eq!(
            got.iter().map(|f| (f.0, f.1)).collect::<Vec<_>>(),
            vec![(Segment::Total, 50_000_000), (Segment::Hpc, 15_200_000)]
        );
        let got = read_acme("Of the quarter's revenue, $30.5 million came from HPC leases.");
        assert_eq!(got.iter().map(|f| (f.0, f.1)).collect::<Vec<_>>(), vec![(Segment::Hpc, 30_500_000)]);
        let got = read_acme("HPC revenue of $12.1 million in the first half of 2025 doubled.");
        assert!(got.is_empty(), "{got:?}");
        let rules = Rules { name: "Acme Mining Corp.", ..DEC };
        let text = "Acme Mining reported revenue of $49 million for the third quarter of 2025.";
        let got = read_prose(text, &rules, &[], &mut Vec::new());
        assert_eq!(got.iter().map(|f| (f.segment, f.value_usd)).collect::<Vec<_>>(), [(Segment::Total, 49_000_000)]);
        let got = read_acme("Year\u{2011}to\u{2011}date revenue was $55.6 million.");
        assert!(got.is_empty(), "{got:?}");
        let got = read_acme("It disclosed a profit of $23.4 million derived from selling bitcoin.");
        assert!(got.is_empty(), "{got:?}");
        let got = read_acme("Revenue rose from $51 million in Q2 to almost $82 million in Q3.");
        assert_eq!(got.iter().map(|f| f.1).collect::<Vec<_>>(), [51_000_000, 82_000_000]);
        let got = read_acme("Acme Compute posted revenue of $50.0 million.");
        assert_eq!(got.iter().map(|f| (f.0, f.1)).collect::<Vec<_>>(), vec![(Segment::Total, 50_000_000)]);
        let got = read_acme("We mined 212.5 bitcoin in the quarter, which brought about $9.8 million of revenue.");
        assert_eq!(got.iter().map(|f| (f.0, f.1)).collect::<Vec<_>>(), vec![(Segment::Mining, 9_800_000)]);
        let got = read_acme(
            "In the third quarter of 2025, Acme reported $70.1 million in revenue. This was up from the \
             $61.0 million of the third quarter of 2024.",
        );
        let july = |y| NaiveDate::from_ymd_opt(y, 7, 1).unwrap_or_default();
        let want = [(Segment::Total, 70_100_000, july(2025)), (Segment::Total, 61_000_000, july(2024))];
        assert_eq!(got.iter().map(|f| (f.0, f.1, f.3)).collect::<Vec<_>>(), want);
        let got =
            read_acme("Acme earned revenue of $29.6 million by mining 858 clean and green bitcoin and 7,309 ether.");
        assert_eq!(got.iter().map(|f| (f.0, f.1)).collect::<Vec<_>>(), vec![(Segment::Mining, 29_600_000)]);
        let got = read_acme("The hosting segment grew, contributing $13.9 million in revenue.");
        assert_eq!(got.iter().map(|f| (f.0, f.1)).collect::<Vec<_>>(), vec![(Segment::Hosting, 13_900_000)]);
        let got =
            read_acme("Revenue of $51.7 million, net income of $250.9 million and adjusted EBITDA of $297.0 million");
        assert_eq!(got.iter().map(|f| (f.0, f.1)).collect::<Vec<_>>(), vec![(Segment::Total, 51_700_000)]);
        let got = read_acme("Mining revenue rose to $98.6 M (Q3-24: $54.1 M) while cost of revenue rose to $40.1 M.");
        assert_eq!(got.iter().map(|f| f.1).collect::<Vec<_>>(), vec![98_600_000, 54_100_000]);
    }

    #[test]
    fn issue_22_ordinary_sentences() {
        // The bitcoin mined is how the revenue was earned, not its line.
        let got = read_acme("Revenue was $91.2 million, driven by mining 802 bitcoin and a growing HPC business.");
        assert_eq!(got, vec![(Segment::Total, 91_200_000, "Revenue".into(), q3_2025())]);
        // The expectation is someone else's figure; the stated one is read.
        let got = read_acme("Quarterly revenue of $52.3 million versus analysts' expectations of $50.1 million.");
        assert_eq!(got, vec![(Segment::Total, 52_300_000, "Quarterly revenue".into(), q3_2025())]);
        let got = read_acme("Analysts had predicted quarterly revenue of $49.0 million.");
        assert!(got.is_empty(), "{got:?}");
        // Unaudited revenue is revenue.
        let got = read_acme("The segment generated $42.0 million of unaudited revenue from HPC.");
        assert_eq!(got.iter().map(|f| (f.0, f.1)).collect::<Vec<_>>(), vec![(Segment::Hpc, 42_000_000)]);
        // The quarter's figure beside the year's.
        let got = read_acme("Third-quarter revenue was $38.1 million and full-year revenue was $140.0 million.");
        assert_eq!(got, vec![(Segment::Total, 38_100_000, "revenue".into(), q3_2025())]);
        // A figure the line moved from is the quarter before, not a year back.
        let got = read_acme(
            "Revenue was $197.8 million, down 21% sequentially from $250.4 million and up 48% year over year.",
        );
        let q2 = NaiveDate::from_ymd_opt(2025, 4, 1).unwrap_or_default();
        assert_eq!(
            got.iter().map(|f| (f.1, f.3)).collect::<Vec<_>>(),
            vec![(197_800_000, q3_2025()), (250_400_000, q2)]
        );
        // A profit after a figure is a profit.
        let got = read_acme("Revenue was $42.0 million, while Acme turned a $17.0 million profit.");
        assert_eq!(got.len(), 1, "{got:?}");
    }

    #[test]
    fn a_table_flattened_over_lines_gives_rows_its_columns_and_scale() {
        let text = "Acme Compute reports results for the third quarter of 2025.\n\
            Selected figures ($ in thousands)\nThree Months Ended\nQ3 2025\nThree Months Ended\nQ3 2024\n\
            Revenue $47,636 $35,574\nCost of revenue $22,094 $13,918";
        let facts = read_prose(text, &DEC, &[], &mut Vec::new());
        let got: Vec<_> = facts.iter().map(|f| (f.value_usd, f.period.start.year(), f.confidence)).collect();
        assert_eq!(got, vec![(47_636_000, 2025, PROSE_CONFIDENCE), (35_574_000, 2024, COMPARISON_CONFIDENCE)]);
    }

    #[test]
    fn respectively_gives_each_figure_its_own_period() {
        let got = read_acme(
            "The cloud business generated $17.8 million and $71.3 million in revenue during the three and nine months \
            ended September 30, 2025, respectively.",
        );
        let jan = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or_default();
        assert_eq!(
            got.iter().map(|f| (f.1, f.3)).collect::<Vec<_>>(),
            vec![(17_800_000, q3_2025()), (71_300_000, jan)]
        );
        let got = read_acme(
            "Hosting revenue was $3.0 million and $2.0 million for the third quarters of 2025 and 2024, respectively.",
        );
        assert_eq!(got.iter().map(|f| f.1).collect::<Vec<_>>(), vec![3_000_000]);
        let got = read_acme("Hosting revenue was $3.0 million and $2.0 million for Q3 2025 and Q3 2024, respectively.");
        let q3_24 = NaiveDate::from_ymd_opt(2024, 7, 1).unwrap_or_default();
        assert_eq!(
            got.iter().map(|f| (f.1, f.3)).collect::<Vec<_>>(),
            vec![(3_000_000, q3_2025()), (2_000_000, q3_24)]
        );
        let text = "Revenue was $35.2 million and $20.5 million for the three months ended September 30, 2025 and \
            2024, respectively.";
        let facts = read_prose(text, &DEC, &[], &mut Vec::new());
        let got: Vec<_> = facts.iter().map(|f| (f.value_usd, f.period.start.year(), f.confidence)).collect();
        assert_eq!(got, vec![(35_200_000, 2025, PROSE_CONFIDENCE), (20_500_000, 2024, COMPARISON_CONFIDENCE)]);
    }

    #[test]
    fn curly_quote_before_revenue_does_not_panic() {
        let text = "Results for the first quarter of 2026. Its “AI Cloud” revenue of $7.3 million doubled.";
        assert_eq!(read(text), vec![(Segment::Hpc, 7_300_000, "AI Cloud revenue".into())]);
    }

    #[test]
    fn comparisons_are_facts_of_their_own_quarter() {
        let text = "Core Scientific reported results for the second quarter of 2025.\n\
            Colocation (formerly “HPC hosting”) revenue was $10.6 million, up from $5.5 million in the prior-year period.\n\
            Total revenue was $78.6 million vs. $141.1 million, and $90 million vs. $95 million.";
        let facts = read_prose(text, &DEC, &[], &mut Vec::new());
        let got: Vec<_> = facts.iter().map(|f| (f.value_usd, f.period.start, f.confidence)).collect();
        let d = |y, m| NaiveDate::from_ymd_opt(y, m, 1).unwrap_or_default();
        assert_eq!(
            got,
            vec![
                (10_600_000, d(2025, 4), PROSE_CONFIDENCE),
                (5_500_000, d(2024, 4), COMPARISON_CONFIDENCE),
                (78_600_000, d(2025, 4), PROSE_CONFIDENCE),
            ]
        );
    }

    #[test]
    fn a_bare_amount_takes_the_scale_of_the_figures_beside_it() {
        let text = "Results for the second quarter of 2025.\nRevenue slipped 5% from the $161.4 of Q1 2025.";
        let table = read_prose(
            "Results for the second quarter of 2025. Total revenue was $153.0 million.",
            &DEC,
            &[],
            &mut Vec::new(),
        );
        let facts = read_prose(text, &DEC, &table, &mut Vec::new());
        let got: Vec<_> = facts.iter().map(|f| (f.segment, f.value_usd, f.period.start, f.confidence)).collect();
        let q1 = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or_default();
        assert_eq!(got, vec![(Segment::Total, 161_400_000, q1, COMPARISON_CONFIDENCE)]);
        let mut warnings = Vec::new();
        assert!(read_prose(text, &DEC, &[], &mut warnings).is_empty());
        assert_eq!(warnings, vec!["\"$161.4\" states no scale and no figure beside it tells one: not read"]);
    }

    #[test]
    fn company_level_revenue_is_total_and_a_second_total_is_a_warning() {
        let mut warnings = Vec::new();
        let text = "Results for the first quarter of 2026.\nQ1 revenue of $34.0 million.\nTotal revenue was $35.0 million.\n\
            Widget revenue was $1.0 million.";
        let facts = read_prose(text, &DEC, &[], &mut warnings);
        let got: Vec<_> = facts.iter().map(|f| (f.segment, f.value_usd)).collect();
        assert_eq!(got, vec![(Segment::Total, 34_000_000), (Segment::Other, 1_000_000)]);
        assert!(warnings[0].contains("two totals") && warnings[0].contains("35000000"), "{warnings:?}");
        assert!(warnings[1].contains("Widget revenue"), "{warnings:?}");
    }

    #[test]
    fn a_quarter_named_without_a_year_takes_it_from_the_dates_written() {
        let text = "Highlights\n- Revenue for the second quarter: $12.5 million.\n\
            - Held 410 bitcoin as of June 30, 2025.\nPublished August 7, 2025";
        let facts = read_prose(text, &DEC, &[], &mut Vec::new());
        let periods: Vec<_> = facts.iter().map(|f| (f.period.start.month(), f.period.end.year())).collect();
        assert_eq!(periods, vec![(4, 2025)]);
        // Beside a year's figures the number alone is not enough.
        let text = "Full-year revenue reached $40.0 million; the fourth quarter set a record.\nOn March 3, 2025";
        assert!(read_prose(text, &DEC, &[], &mut Vec::new()).iter().all(|f| f.period.months() != Some(3)));
    }

    #[test]
    fn the_publication_date_places_a_text_that_names_its_quarter_by_no_year() {
        let published = Some(NaiveDate::from_ymd_opt(2024, 5, 9).unwrap_or_default());
        let rules = Rules { published, ..DEC };
        let text = "Acme posted quarterly revenue of $18.2 million as demand for its halls grew.";
        let facts = read_prose(text, &rules, &[], &mut Vec::new());
        assert_eq!(
            facts.iter().map(|f| (f.period.end, f.value_usd)).collect::<Vec<_>>(),
            vec![(NaiveDate::from_ymd_opt(2024, 3, 31).unwrap_or_default(), 18_200_000)]
        );
        // Undated, it is not read into a quarter at all.
        assert!(read_prose(text, &DEC, &[], &mut Vec::new()).is_empty());
    }

    #[test]
    fn this_segment_is_the_line_spoken_of_last() {
        let lead =
            "Acme reported results for the third quarter of 2025.\nIts GPU cloud business drove most of the growth.\n";
        for (sentence, label) in [
            ("This segment earned $9.5 million of revenue in the quarter.", "This"),
            ("In the quarter the segment accounted for $9.5 million of revenue.", "revenue"),
        ] {
            assert_eq!(
                read(&format!("{lead}{sentence}")),
                vec![(Segment::Hpc, 9_500_000, label.to_string())],
                "{sentence}"
            );
        }
    }

    #[test]
    fn a_statement_kept_as_cells_signs_only_its_first_and_total_rows() {
        let text = "Acme Compute, fourth quarter 2024\n(in thousands) | Q4 2024 | Q4 2023\nRevenue:\n\
            Self-mining | $ | 60,112 | $ | 41,200\nHosting revenue | 5,001 | 6,300\nHPC revenue | 3,410 | —\n\
            Total revenue | $ | 68,523 | $ | 47,500\nCost of revenue | 40,100 | 30,200";
        assert_eq!(
            lines_of(text, 2024),
            vec![
                (Segment::Mining, 60_112_000),
                (Segment::Hosting, 5_001_000),
                (Segment::Hpc, 3_410_000),
                (Segment::Total, 68_523_000)
            ]
        );
    }

    #[test]
    fn a_quarter_named_after_a_decimal_figure_it_is_compared_with_is_not_the_one_reported() {
        let text = "Sales were up sharply from the $12.5 million earned in the second quarter of 2023.\n\
            In the second quarter of 2024, the mix shifted.";
        let q2_2024 = Period {
            start: NaiveDate::from_ymd_opt(2024, 4, 1).unwrap_or_default(),
            end: NaiveDate::from_ymd_opt(2024, 6, 30).unwrap_or_default(),
        };
        assert_eq!(reporting_quarter(text, &DEC), Some(q2_2024));
    }

    #[test]
    fn a_statement_laid_out_in_spaces_under_a_two_line_header() {
        let text = "($ in thousands)        Three Months Ended June 30,\n        2025        2024\nRevenues:\n\
            Bitcoin mining      $ 30,250    $ 22,900\n  GPU cloud           4,100         —\n\
            Total revenues       34,350      22,900";
        assert_eq!(
            lines_of(text, 2025),
            vec![(Segment::Mining, 30_250_000), (Segment::Hpc, 4_100_000), (Segment::Total, 34_350_000)]
        );
        assert_eq!(
            lines_of(text, 2024),
            vec![(Segment::Mining, 22_900_000), (Segment::Hpc, 0), (Segment::Total, 22_900_000)]
        );
    }

    #[test]
    fn an_edgar_r_pages_members_name_the_rows_under_them() {
        let text = "Revenue by Segment (Details) - USD ($) $ in Thousands | 3 Months Ended\n\
            Sep. 30, 2025 | Sep. 30, 2024\nSegment Reporting Information [Line Items]\n\
            Revenues | $ 52,000 | $ 40,000\nSelf-Mining [Member]\nSegment Reporting Information [Line Items]\n\
            Revenues | 31,000 | 35,000\nGPU Cloud [Member]\nSegment Reporting Information [Line Items]\n\
            Revenues | 21,000 | 5,000";
        assert_eq!(
            lines_of(text, 2025),
            vec![(Segment::Total, 52_000_000), (Segment::Mining, 31_000_000), (Segment::Hpc, 21_000_000)]
        );
    }

    #[test]
    fn a_table_of_one_period_column_in_cells_reads_each_row() {
        let text = "Quarterly results by business\n| Business | Q3 2025 Revenue | Change |\n|---|---|---|\n\
            | Self-mining | $31.4 million | +12% |\n| AI cloud | $6.2 million | n/a |\n| Net loss | $4.0 million | |";
        assert_eq!(lines_of(text, 2025), vec![(Segment::Mining, 31_400_000), (Segment::Hpc, 6_200_000)]);
    }

    #[test]
    fn a_floor_the_revenue_passed_is_its_figure_and_a_clause_word_names_no_line() {
        assert_eq!(
            read_acme("Revenue for the quarter topped $52.0 million, beating the $48.0 million consensus."),
            [(Segment::Total, 52_000_000, "Revenue".into(), NaiveDate::from_ymd_opt(2025, 7, 1).unwrap_or_default())]
        );
        let got = read_acme("Although revenue rose from $40.1 million in the second quarter, costs rose faster.");
        assert_eq!(got.iter().map(|f| f.2.as_str()).collect::<Vec<_>>(), ["revenue"]);
    }

    #[test]
    fn credits_an_aside_calls_revenue_a_forecast_behind_a_listing_and_adjusted_revenue_are_not_read() {
        assert!(read_acme("Curtailment credits, which Acme books as revenue, came to $3.9 million.").is_empty());
        assert!(read_acme("Adjusted revenue was $51.7 million in the quarter.").is_empty());
        let text =
            "Analysts expect Fenwick Digital Inc. (NASDAQ: FNWK) to report third-quarter revenue of $64.3 million.";
        let rules = Rules { published: NaiveDate::from_ymd_opt(2025, 11, 3), ..DEC };
        assert!(read_prose(text, &rules, &[], &mut Vec::new()).is_empty());
    }

    #[test]
    fn group_revenue_is_the_total_and_last_quarter_dates_back_past_a_legal_name() {
        let got = read_acme("Group revenue was $45.6 million for the quarter.");
        assert_eq!(got.iter().map(|f| (f.0, f.1)).collect::<Vec<_>>(), [(Segment::Total, 45_600_000)]);
        let rules = Rules { published: NaiveDate::from_ymd_opt(2025, 10, 28), ..DEC };
        for text in [
            "Last quarter, Brantwood Data Inc. reported revenue of $29.4 million. It reports third-quarter results soon.",
            "Brantwood Data Inc. reports soon. Last quarter, the company reported revenue of $29.4 million.",
        ] {
            let got: Vec<_> =
                read_prose(text, &rules, &[], &mut Vec::new()).into_iter().map(|f| f.period.start).collect();
            assert_eq!(got, [NaiveDate::from_ymd_opt(2025, 4, 1).unwrap_or_default()], "{text}");
        }
    }

    #[test]
    fn the_company_speaking_of_itself_and_comparisons_opened_by_a_movement() {
        let got = read_acme(
            "The company recorded $12.7 million in revenue, as opposed to the $51.7 million in the prior-year quarter.",
        );
        let day = |y, m| NaiveDate::from_ymd_opt(y, m, 1).unwrap_or_default();
        assert_eq!(
            got.iter().map(|f| (f.0, f.1, f.3)).collect::<Vec<_>>(),
            [(Segment::Total, 12_700_000, day(2025, 7)), (Segment::Total, 51_700_000, day(2024, 7))]
        );
        let got = read_acme(
            "Quarterly sales were $27.8 million. That is a 32% decrease over sales of $41.2 million a year ago.",
        );
        assert_eq!(
            got.iter().map(|f| (f.0, f.1, f.3)).collect::<Vec<_>>(),
            [(Segment::Total, 27_800_000, day(2025, 7)), (Segment::Total, 41_200_000, day(2024, 7))]
        );
    }

    #[test]
    fn a_move_from_an_earlier_quarter_to_this_one() {
        let day = |y, m| NaiveDate::from_ymd_opt(y, m, 1).unwrap_or_default();
        for text in [
            "Revenue increased from the prior quarter's $30.0 million to $35.0 million.",
            "Revenue increased from $30.0 million in the prior quarter to $35.0 million.",
        ] {
            let got: Vec<_> = read_acme(text).into_iter().map(|f| (f.1, f.3)).collect();
            assert_eq!(got, [(30_000_000, day(2025, 4)), (35_000_000, day(2025, 7))], "{text}");
        }
    }

    #[test]
    fn what_the_company_earned_from_a_known_business_is_that_line() {
        let got = read_acme("The company earned $15.0 million from its AI business line in the quarter.");
        assert_eq!(got.iter().map(|f| (f.0, f.1)).collect::<Vec<_>>(), [(Segment::Hpc, 15_000_000)]);
        assert!(read_acme("The company generated $20.0 million from operations in the quarter.").is_empty());
    }

    #[test]
    fn a_description_set_off_by_commas_is_not_the_subject() {
        let got =
            read_acme("Acme Compute, a bitcoin miner in Texas, reported revenue of $41.0 million for the quarter.");
        assert_eq!(got.iter().map(|f| (f.0, f.1)).collect::<Vec<_>>(), [(Segment::Total, 41_000_000)]);
    }

    #[test]
    fn a_scope_in_parentheses_after_a_figure_is_its_own() {
        let got = read_acme("Hosting revenue declined to $1.2 million (Q3) and $2.3 million (nine months).");
        assert_eq!(got.iter().map(|f| (f.0, f.1)).collect::<Vec<_>>(), [(Segment::Hosting, 1_200_000)]);
    }

    #[test]
    fn a_sentence_under_a_header_of_periods_is_no_table_row() {
        let text = "Q3 2025 against Q3 2024\nTotal revenue was $41.0 million, $5.0 million";
        assert_eq!(lines_of(text, 2025), vec![(Segment::Total, 41_000_000)]);
        let text = "2025年第3四半期の業績\n総収益は4,100万ドル、500万ドル増加";
        assert_eq!(lines_of(text, 2025), vec![(Segment::Total, 41_000_000)]);
    }
}
