//! Which revenue line governs each amount of a unit, read as a person reads it:
//!
//! - the line before the figure, through asides in parentheses and quotes and words naming the
//!   period: `Colocation (formerly “HPC hosting”) revenue was $10.6 million`, `X revenue for the
//!   First Quarter of 2025 was $Y`, `increase in X revenue to $Y`, `revenue from X of $Y`;
//! - the line after it: `$Y of X revenue`, `$Y in revenue`, `$Y quarterly revenue`,
//!   `$Y revenue from X`, `X recognized $Y of revenue`;
//! - a part of the figure before it: `…, including $A from X and $B from Y`, `of which $A was from X`;
//! - a comparison of the figure before it (`compared to`, `up from`, `vs.`, `more than the`,
//!   `a 250% rise on the`, `up on`, `($Y in Q2 FY25)`), which keeps that figure's line, also when it says
//!   "in revenue" again (`as compared to $70.0 million in revenue for …`);
//! - in a later clause of the same sentence, a figure the line moved from (`…; that is down from
//!   $50.6 million`) is that sentence's line.
//!
//! A figure whose nearest metric is not revenue (EBITDA, cost of revenue, cash, backlog, an
//! estimate …) is not revenue, and neither are its comparisons. Changes are never figures.

use std::sync::LazyLock;

use regex::Regex;

use super::super::segment::classify;
use super::amounts::Amount;
use super::lexicon::{
    COMPANY_WORDS, DESCRIBING, FILLERS, HELD_ASSETS, LINKS, MOVED_FROM, MOVEMENT, NOT_REVENUE, OTHER_METRIC,
    QUARTER_ON_QUARTER, STOP_WORDS, YEAR_ON_YEAR, is_forecast_word, is_reporting_verb,
};
use crate::model::Segment;

/// How an amount relates to its unit's other amounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The unit's statement of a line's figure.
    Head,
    /// A part of the head figure before it ("including $26.1 million from digital assets").
    Part,
    /// The head figure's comparison: another period's figure of the same line.
    Comparison { head: usize },
    /// Another period's figure of a line whose own figure the unit does not state ("revenue
    /// slipped 5% from $161.4 million in Q1").
    Earlier,
}

/// A revenue amount with the line that governs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// Index into the unit's amounts.
    pub amount: usize,
    pub label: String,
    pub role: Role,
    /// "revenue of $X this quarter by mining 834 bitcoin": the figure is mining's.
    pub by_mining: bool,
}

/// Most words kept before "revenue" in a line's name ("high performance computing services").
const MAX_LABEL_WORDS: usize = 5;

static WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[a-z0-9][a-z0-9\-/]*|:").unwrap_or_else(|e| unreachable!("word regex: {e}")));

static CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)\b(?P<cmp>compared\s+(?:to|with)|opposed\s+to|from|vs|versus|against|than|below|above
            |(?:rise|increase|gain|growth|decline|decrease|drop|fall|jump|up|down)\s+(?:on|over))\b|(?P<paren>\(\s*(?:[\w\-/'\s]{1,20}:\s*)?$)
        |\b(?P<part>including|included|includes|of\s+which|compris(?:ing|ed|es)|consist(?:ing|ed|s)\s+of|composed\s+of|made\s+up\s+of|split\s+between)\b|\b(?P<and>and)\b|\b(?P<now>to|of|was|were|is|are|at|totaled|totalled)\b",
    )
    .unwrap_or_else(|e| unreachable!("cue regex: {e}"))
});

static COMPARED_METRIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:increase|decrease|decline|drop|rise|growth|gain|jump|up|down|rose|fell|grew|increased|decreased|declined|dropped|jumped|climbed)\s+(?:from|over|versus|vs\.?|against|on|(?:compared|opposed)\s+(?:to|with))\s+(?:the\s+)?(?:[a-z\-]+\s+){0,2}?(?:revenues?|sales)\s+of\s*$",
    )
    .unwrap_or_else(|e| unreachable!("{e}"))
});

static OF_REVENUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:of|in)\s+((?:[\w\-]+\s+){0,4}?)(revenues?|sales)\b").unwrap_or_else(|e| unreachable!("{e}"))
});

static REVENUE_FROM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(revenues?\s+from\s+[^,.;(]+?)\s*(?:[,.;(]|\band\b|$)").unwrap_or_else(|e| unreachable!("{e}"))
});

static BARE_REVENUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:record\s+)?((?:quarterly\s+)?revenues?)\b").unwrap_or_else(|e| unreachable!("{e}"))
});

static RELATED_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s+(related\s+to\s+[^,.;(]+?)\s*(?:\bfor\b|[,.;(]|$)").unwrap_or_else(|e| unreachable!("{e}"))
});

static FROM_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:\s+(?:this|the|in\s+the|during\s+the)\s+quarter)?\s+(?:was\s+)?from\s+(?:its\s+|the\s+)?([^,.;]+?)\s*(?:\band\b|[,.;]|$)",
    )
    .unwrap_or_else(|e| unreachable!("{e}"))
});

/// `before` without the verb of reporting it ends in ("The Company's HPC segment recognized",
/// "… brought in"), or `None` when it ends in none: the amount after the verb is its subject's.
fn before_reporting_verb(before: &str) -> Option<&str> {
    // The verb's object may open with an article and how the figure moved ("posted a 52% QoQ
    // revenue rise"): those words stand between the verb and the metric, not in the subject.
    // An object that opens with an article and a change ("a 77% Y/Y revenue increase") stands
    // after a verb whatever the verb is ("saw", "enjoyed"), so the word before it is one.
    let mut trimmed = before.trim_end();
    let (mut percent, mut article) = (false, false);
    while let Some((rest, last)) = trimmed.rsplit_once(char::is_whitespace) {
        let lower = last.to_ascii_lowercase();
        let is_article = matches!(lower.as_str(), "a" | "an");
        let moved = lower.ends_with('%')
            || YEAR_ON_YEAR.contains(&lower.as_str())
            || QUARTER_ON_QUARTER.contains(&lower.as_str());
        if !(moved || is_article) {
            break;
        }
        percent |= lower.ends_with('%');
        article = is_article;
        trimmed = rest.trim_end();
    }
    let (rest, last) = trimmed.rsplit_once(char::is_whitespace).unwrap_or(("", trimmed));
    let last = last.to_ascii_lowercase();
    if is_reporting_verb(&last) || (percent && article) {
        return Some(rest);
    }
    let (rest, verb) = rest.trim_end().rsplit_once(char::is_whitespace).unwrap_or(("", rest.trim_end()));
    let brought = matches!(verb.to_ascii_lowercase().as_str(), "brought" | "bringing" | "brings" | "bring");
    (last == "in" && brought).then_some(rest)
}

/// `before` without the movement it ends in ("the mining business grew 70% Y/Y to" → "the
/// mining business"): the figure a line moved to is the line's.
fn before_movement(before: &str) -> Option<&str> {
    let (mut rest, last) = before.trim_end().rsplit_once(char::is_whitespace)?;
    if !last.eq_ignore_ascii_case("to") {
        return None;
    }
    loop {
        let (earlier, word) = rest.trim_end().rsplit_once(char::is_whitespace)?;
        let lower = word.to_ascii_lowercase();
        if lower.ends_with('%')
            || YEAR_ON_YEAR.contains(&lower.as_str())
            || QUARTER_ON_QUARTER.contains(&lower.as_str())
        {
            rest = earlier;
            continue;
        }
        // Only a business moves its revenue so ("the mining business grew"): a holding or another
        // metric that grew ("our bitcoin treasury", "equipment deposits") is no line.
        let subject = earlier.rsplit([',', ';']).next().unwrap_or(earlier).to_ascii_lowercase();
        let business = has_word(&subject, &["business", "segment", "unit", "arm", "division", "operations"]);
        // ("business" also names a holding sold, but not in a subject that grew.)
        let held = HELD_ASSETS.iter().any(|w| *w != "business" && has_word(&subject, &[w]));
        let other = held || has_word(&subject, NOT_REVENUE) || has_word(&subject, OTHER_METRIC);
        return (MOVEMENT.contains(&lower.as_str()) && business && !other).then_some(earlier);
    }
}

static BOUND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:and|but|while|whereas|compared\s+(?:to|with)|from|vs|versus|against|than|above|below)\b")
        .unwrap_or_else(|e| unreachable!("{e}"))
});

static OVER_YEARS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[^,;.]*?\bover\s+(?:the\s+)?(?:\w+\s+)?(?:years|year\s+term|term|life)\b")
        .unwrap_or_else(|e| unreachable!("{e}"))
});

static FROM_FEW_CUSTOMERS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^[^,;.]*?\bfrom\s+(?:one|a\s+single|a|two|three|four|five|its\s+largest|our\s+largest|a\s+major|each)\s+(?:\w+\s+)?(?:customers?|clients?)\b",
    )
    .unwrap_or_else(|e| unreachable!("{e}"))
});

static CAME_FROM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s+(?:came|comes|was\s+derived|were\s+derived|derived)\s+from\s+(?:its\s+|the\s+|our\s+)?([^,.;]+?)\s*(?:\band\b|[,.;]|$)")
        .unwrap_or_else(|e| unreachable!("{e}"))
});

static IN_NAMED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s+in\s+(?:its\s+)?([A-Z][\w\-/&]*(?:\s+[A-Z][\w\-/&]*)*)").unwrap_or_else(|e| unreachable!("{e}"))
});

/// Capitalised words after "in" that name a time, not a business ("in Fiscal 2025", "in June").
const PERIOD_NAMES: &[&str] = &[
    "fiscal",
    "fy",
    "first",
    "second",
    "third",
    "fourth",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "the",
    "this",
    "that",
    "each",
    "full",
];

/// A parenthesised aside ("(GAAP)", "(in thousands)").
pub static ASIDE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\([^()]*\)").unwrap_or_else(|e| unreachable!("aside regex: {e}")));

/// The revenue amounts of `unit` with their lines; other amounts are left out.
///
/// `carried` is the line the sentence's earlier clause stated, when `unit` is a later clause of it.
pub fn attach(unit: &str, amounts: &[Amount], carried: Option<&str>) -> Vec<Reading> {
    // "top line" keeps its length as one word, so that offsets into `unit` hold.
    let lower = unit.to_ascii_lowercase().replace("top line", "top-line");
    let mut readings: Vec<Reading> = Vec::new();
    // The last head: its index and its label when it is revenue.
    let mut head: Option<(usize, Option<String>)> = None;
    // The role and label of the amount just before, when it was revenue.
    let mut previous: Option<(Role, String)> = None;
    // The second line of "X and Y revenue were $A and $B", waiting for $B.
    let mut second: Option<String> = None;
    // The line a list of figures shares with its last one ("generated $A and $B in revenue"),
    // waiting for that one.
    let mut shared: Option<(usize, Option<String>)> = None;
    let mut prev_end = 0;
    for (i, a) in amounts.iter().enumerate() {
        if a.change {
            continue;
        }
        let next_start = amounts.get(i + 1).map_or(unit.len(), |n| n.start);
        let before = unit.get(prev_end..a.start).unwrap_or("");
        let lower_before = lower.get(prev_end..a.start).unwrap_or("");
        let tail = unit.get(a.end..next_start).unwrap_or("");
        prev_end = a.end;
        // "… by mining 834 bitcoin" says the figure is mining's, unless the sentence goes on to
        // another business ("driven by mining 802 bitcoin and a growing HPC business"); another
        // coin counted ("858 bitcoin and 7,309 ether") is more mining.
        let lower_tail = tail.to_ascii_lowercase();
        let by_mining = lower_tail.split_once("by mining").is_some_and(|(_, rest)| mines_only(rest))
            || mined_before(lower.get(..a.start).unwrap_or(""));
        let reading = |label: String, role: Role| Reading { amount: i, label, role, by_mining };
        if not_stated(lower_before, tail) {
            previous = None;
            continue;
        }
        if let Some(label) = named_before_parenthesis(before, tail, lower.get(..a.start).unwrap_or("")) {
            head = Some((i, Some(label.clone())));
            previous = Some((Role::Head, label.clone()));
            readings.push(reading(label, Role::Head));
            continue;
        }
        // " from mining, " after "$40.2 million" names where that figure came from: the cue
        // is in the words after it.
        let after_source = after_source(lower_before);
        let cue = match last_cue(after_source) {
            _ if a.value_usd == 0 => Cue::Comparison,
            // "Revenue was $58.0 million, with $40.2 million from mining": "with" opens its parts.
            Cue::Current if last_words(lower_before, 1) == "with" => Cue::Part,
            cue => cue,
        };
        let compares =
            cue == Cue::Comparison && matches!(head, Some((_, Some(_)))) && !has_word(lower_before, OTHER_METRIC);
        let found = match shared.take_if(|(j, _)| *j == i) {
            Some((_, found)) => Some(found),
            None => amount_first(before, tail).or_else(|| {
                let (j, found) = listed_before(unit, amounts, i, before)?;
                shared = Some((j, found.clone()));
                Some(found)
            }),
        };
        if let Some(found) = found.filter(|found| !(compares && names_no_line(found))) {
            head = Some((i, found.clone()));
            previous = found.map(|label| (Role::Head, label));
            readings.extend(previous.clone().map(|(role, label)| reading(label, role)));
            continue;
        }
        // A list of parts goes on after a comma: "including $A from X, $B from Y, and $C from Z".
        let after_comma = lower_before.rsplit_once(',').map(|(_, rest)| rest.trim());
        let continues_parts = matches!(previous, Some((Role::Part, _))) && matches!(after_comma, Some("" | "and"));
        // The business the figure's next words say it came from ("$40.2 million from mining").
        let source = business_it_came_from(tail);
        let found = match (cue, &previous, &head) {
            _ if continues_parts => part_label(tail).map(|label| (Role::Part, label)),
            (Cue::Comparison, _, Some((h, Some(label)))) if !has_word(lower_before, OTHER_METRIC) => {
                Some((Role::Comparison { head: *h }, label.clone()))
            }
            (Cue::Comparison, _, None) => match label_first(before, lower_before, moved_from) {
                Some(Ok(Names::One(label))) => Some((Role::Earlier, label)),
                Some(_) => None,
                None => carried.map(|label| (Role::Earlier, label.to_string())),
            },
            (Cue::And, Some((Role::Part, _)), _) | (Cue::Part, _, Some((_, Some(_)))) => {
                part_label(tail).or_else(|| part_before(lower_before)).map(|label| (Role::Part, label))
            }
            // "Revenue included $10.1M from bitcoin mining and …": parts of a revenue the unit
            // names without a figure of its own.
            (Cue::Part, _, None) if WORD.find_iter(lower_before).any(|w| is_revenue_word(w.as_str())) => {
                part_label(tail).map(|label| (Role::Part, label))
            }
            (Cue::And, _, _) if second.is_some() => second.take().map(|label| (Role::Head, label)),
            // "… and $B from HPC": a figure that names where it came from is that line's.
            (Cue::And, Some((role, label)), _) => {
                let own = FROM_LINE.captures(tail).and_then(|c| c.get(1)).map(|m| without_asides(m.as_str()));
                Some((*role, own.unwrap_or_else(|| label.clone())))
            }
            // "… $40.2 million from mining, $6.1 million from hosting": a list goes on after a comma.
            (Cue::Current, Some((role, _)), _) if after_source.trim() == "," && source.is_some() => {
                source.clone().map(|line| (*role, line))
            }
            // "grew from $71.4 million in Q1 2024 to $142.9 million in Q1 2025": the figure the
            // line moved to is its own.
            (Cue::Current, Some((Role::Earlier, label)), _) if last_word_is_to(lower_before) => {
                head = Some((i, Some(label.clone())));
                Some((Role::Head, label.clone()))
            }
            (Cue::Current, _, _) => match label_first(before, lower_before, links) {
                Some(Ok(names)) => {
                    let label = match names {
                        Names::One(label) => label,
                        Names::Pair(first, other, _) if next_is_and(&lower, amounts, i) => {
                            second = Some(other);
                            first
                        }
                        Names::Pair(_, _, both) => both,
                    };
                    let label = source.clone().filter(|_| names_no_business(&label)).unwrap_or(label);
                    // "the mining segment accounted for 94% of total revenues, amounting to $X":
                    // the revenue is the whole the share is of; the figure is the subject's.
                    let label = match SHARE_OF.find(lower_before) {
                        Some(share) => before.get(..share.start()).and_then(sharer),
                        None => Some(label),
                    };
                    head = Some((i, label.clone()));
                    label.map(|label| (Role::Head, label))
                }
                Some(Err(())) => {
                    head = Some((i, None));
                    None
                }
                None => line_as_subject(before, lower.get(..a.start).unwrap_or("")).map(|label| {
                    head = Some((i, Some(label.clone())));
                    (Role::Head, label)
                }),
            },
            _ => None,
        };
        previous = found.clone();
        readings.extend(found.map(|(role, label)| reading(label, role)));
    }
    readings
}

/// A business line whose figure stands alone in parentheses right after its name, in a unit
/// that has spoken of revenue: "new revenue streams from colocation services ($1.6M) and ETH
/// staking ($0.6M)". Only a name the segment rules know is taken: "from Q2 ($8M)" names none.
fn named_before_parenthesis(before: &str, tail: &str, lower_so_far: &str) -> Option<String> {
    if !tail.trim_start().starts_with(')') {
        return None;
    }
    let name = before.trim_end().strip_suffix('(')?.trim_end();
    if !name.ends_with(char::is_alphabetic) || !WORD.find_iter(lower_so_far).any(|w| is_revenue_word(w.as_str())) {
        return None;
    }
    let label = names_before(name).0.join(" ");
    let known = classify(&label, &[]).is_some_and(|segment| segment != Segment::Total);
    known.then_some(label)
}

/// Whether the words after "by mining" speak of mining alone: no "and" goes on to another
/// business ("and a growing HPC business"); more coins ("858 bitcoin and 7,309 ether") are
/// more mining.
fn mines_only(rest: &str) -> bool {
    let clause = rest.split([',', ';']).next().unwrap_or(rest);
    clause.match_indices(" and ").all(|(at, and)| {
        let after = clause.get(at + and.len()..).unwrap_or("");
        let after = after.split(" and ").next().unwrap_or(after);
        let counted = after.starts_with(|c: char| c.is_ascii_digit());
        counted || classify(after, &[]).is_none_or(|segment| segment == Segment::Mining)
    })
}

/// Whether the figure stands in a relative clause about bitcoin just mined: "Mined 86.4 bitcoin
/// in Q1, which generated $4.6 million in revenue" (the revenue is what the mining brought).
fn mined_before(lower_so_far: &str) -> bool {
    let Some((earlier, clause)) = lower_so_far.rsplit_once(',') else {
        return false;
    };
    let relative = matches!(words_of(clause).first(), Some(&"which" | &"that"));
    let earlier = earlier.rsplit([',', ';']).next().unwrap_or(earlier);
    relative && has_word(earlier, &["mined"])
}

/// A business line that is the subject of a verb of reporting right before the figure, in a
/// unit that has spoken of revenue: "…, while colocation brought in $3.4 million". Only a name
/// the segment rules know is taken: "the company generated $9 million" names none.
fn line_as_subject(before: &str, lower_so_far: &str) -> Option<String> {
    let head = before_reporting_verb(before).or_else(|| before_movement(before))?;
    let line = subject(head)?;
    let known = classify(&line, &[]).is_some_and(|segment| segment != Segment::Total);
    (known && WORD.find_iter(lower_so_far).any(|w| is_revenue_word(w.as_str()))).then_some(line)
}

/// The line named after the last of a list of figures, for figure `i` of the list, with that
/// last figure's index: "generated $17.8 million and $71.3 million in revenue during the three
/// and nine months …" names one line for both.
fn listed_before(unit: &str, amounts: &[Amount], i: usize, before: &str) -> Option<(usize, Option<String>)> {
    let mut at = i;
    loop {
        let a = amounts.get(at)?;
        let next = amounts.iter().enumerate().skip(at + 1).find(|(_, n)| !n.change);
        let joiner = unit.get(a.end..next.map_or(unit.len(), |(_, n)| n.start))?.trim().to_ascii_lowercase();
        if !matches!(joiner.as_str(), "and" | "," | ", and" | "or") {
            return None;
        }
        let (j, n) = next?;
        let tail = unit.get(n.end..amounts.get(j + 1).map_or(unit.len(), |after| after.start))?;
        if let Some(found) = amount_first(before, tail) {
            return Some((j, found));
        }
        at = j;
    }
}

/// Whether the words before a figure end with "to", fillers aside ("… in Q1 2024 to $142.9
/// million", "… to almost $82 million").
fn last_word_is_to(lower_before: &str) -> bool {
    words_of(lower_before).into_iter().rev().find(|w| !FILLERS.contains(w)) == Some("to")
}

/// The last `n` words of `text`, lower case.
fn last_words(text: &str, n: usize) -> String {
    let lower = text.to_ascii_lowercase();
    let words = words_of(&lower);
    words[words.len().saturating_sub(n)..].join(" ")
}

/// Whether the next figure after amount `i` follows an "and" ("were $A and $B").
fn next_is_and(lower: &str, amounts: &[Amount], i: usize) -> bool {
    let (Some(a), Some(next)) = (amounts.get(i), amounts.iter().skip(i + 1).find(|n| !n.change)) else {
        return false;
    };
    lower.get(a.end..next.start).is_some_and(|between| last_cue(between) == Cue::And)
}

/// A share of revenue right before a figure, joined to it by a link alone: "accounted for 94% of
/// total revenues, amounting to" (never "35% of total revenue of", whose figure is the whole's).
static SHARE_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\d\s*%\s+of\s+(?:[a-z0-9'’\-]+\s+){0,4}?(?:revenues?|sales)\s*(?:,\s*|\s+)(?:amounting\s+to|or|at|totaling|totalling|equal\s+to)\s*$",
    )
    .unwrap_or_else(|e| unreachable!("{e}"))
});

/// The business whose share of revenue the words before the share name ("the mining segment
/// accounted for"), when the segment rules know it.
fn sharer(before_share: &str) -> Option<String> {
    let words: Vec<&str> = before_share.split_whitespace().collect();
    let verb = words.iter().rposition(|w| w.to_ascii_lowercase().ends_with("ed") || is_reporting_verb(w))?;
    let line = subject(&words[..verb].join(" "))?;
    classify(&line, &[]).is_some_and(|segment| segment != Segment::Total).then_some(line)
}

/// Whether a line's name names no business: the total's words ("Revenue"), or a word of the
/// filing's own ("Segment revenue").
fn names_no_business(label: &str) -> bool {
    classify(label, &[]).is_none_or(|segment| segment == Segment::Total)
}

/// The business a figure's next words say it came from, when the segment rules know it:
/// "$40.2 million from mining, …" → "mining"; "$9 million from new customers" → none.
fn business_it_came_from(tail: &str) -> Option<String> {
    let line = without_asides(FROM_LINE.captures(tail)?.get(1)?.as_str());
    classify(&line, &[]).is_some_and(|segment| segment != Segment::Total).then_some(line)
}

/// The words after the source a previous figure's "from" names, when it names a business
/// (" from mining, " → ", "); else all of them.
fn after_source(lower_before: &str) -> &str {
    FROM_LINE
        .captures(lower_before)
        .and_then(|c| c.get(1))
        .filter(|line| classify(line.as_str(), &[]).is_some_and(|segment| segment != Segment::Total))
        .map_or(lower_before, |line| lower_before.get(line.end()..).unwrap_or(""))
}

/// Whether a line read after a figure names nothing but revenue ("$70.0 million in revenue").
fn names_no_line(found: &Option<String>) -> bool {
    found.as_deref().is_some_and(|label| is_revenue_word(&label.to_ascii_lowercase()))
}

/// What the words just before an amount make of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    Comparison,
    Part,
    And,
    Current,
}

/// The last cue word before an amount: "from", "vs.", "(" compare; "including" breaks down;
/// "and" continues; anything else states.
fn last_cue(lower_before: &str) -> Cue {
    let last = CUE.captures_iter(lower_before).last();
    // "… revenue and production - revenues for Q3 reached $X": an "and" before the line the
    // figure is stated for belongs to other words.
    let after = |c: &regex::Captures<'_>| lower_before.get(c.get(0).map_or(0, |m| m.end())..).unwrap_or("");
    let names_line_after = |c: &regex::Captures<'_>| WORD.find_iter(after(c)).any(|w| is_revenue_word(w.as_str()));
    // "Revenue from bitcoin mining reached $X": a linking verb after the cue states the figure.
    let linked_after = |c: &regex::Captures<'_>| WORD.find_iter(after(c)).any(|w| LINKS.contains(&w.as_str()));
    match last {
        // "a 32.6% decrease from sales of $41.2 million": the metric a movement's comparison
        // opens ("compared with HPC revenue of $7.8 million" after a forecast is a figure of its own).
        _ if COMPARED_METRIC.is_match(lower_before) => Cue::Comparison,
        Some(c) if c.name("and").is_some() && names_line_after(&c) => Cue::Current,
        Some(c) if c.name("cmp").is_some() && linked_after(&c) => Cue::Current,
        Some(c) if c.name("cmp").is_some() || c.name("paren").is_some() => Cue::Comparison,
        Some(c) if c.name("part").is_some() => Cue::Part,
        Some(c) if c.name("and").is_some() => Cue::And,
        _ => Cue::Current,
    }
}

/// Whether a figure is not the quarter's revenue by the words of its own clause: someone's
/// expectation ("analysts had predicted $148.8 million", "$89.76 million analysts expected"), a
/// metric named right after it ("a $17 million profit"), revenue over a contract's years
/// ("$4.1 billion … over twelve years"), or a share of revenue from a few customers ("$29.7
/// million from one customer, 11% of revenue": a concentration, not a line).
fn not_stated(lower_before: &str, tail: &str) -> bool {
    // An aside closed before the figure is no clause boundary: "analysts expect Fenwick Digital
    // Inc. (NASDAQ: FNWK) to report revenue of" is one clause.
    let lower_before = ASIDE.replace_all(lower_before, " ");
    let lower_before = lower_before.as_ref();
    let clause = lower_before.rsplit([',', ';', '(', '—', '–']).next().unwrap_or(lower_before);
    // A spaced hyphen sets off a clause as a dash does ("… beat the estimate [1] - Mining revenue").
    let clause = clause.rsplit(" - ").next().unwrap_or(clause);
    // Bounded also by a conjunction or a comparison: "… analysts expected and up from $Y" is
    // the line's earlier figure, not an expectation.
    let clause = BOUND.split(clause).last().unwrap_or(clause);
    let lower_tail = tail.to_ascii_lowercase();
    // The metric right after the figure is the figure's own only inside its clause: "$51.7
    // million, net income of …" names the next figure's metric.
    let own_tail = lower_tail.split([',', ';', '(', ')', '—']).next().unwrap_or("");
    let own_tail = BOUND.split(own_tail).next().unwrap_or(own_tail);
    // The words naming the figure's metric, up to "revenue" ("$5.0 million in new bookings").
    let metric_words: Vec<&str> =
        WORD.find_iter(own_tail).map(|w| w.as_str()).take_while(|w| !is_revenue_word(w)).take(3).collect();
    WORD.find_iter(clause).any(|w| is_forecast_word(w.as_str()))
        || DEDUCTED.is_match(clause)
        || metric_words.first().is_some_and(|w| is_forecast_word(w))
        || metric_words.iter().any(|w| NOT_REVENUE.contains(w))
        || OVER_YEARS.is_match(&lower_tail)
        || FROM_FEW_CUSTOMERS.is_match(&lower_tail)
}

/// Words that set an amount apart from the line as a deduction or an exclusion ("Mining revenue,
/// net of $2.0 million of pool fees, was …", "excluding the $4.0 million one-time item").
static DEDUCTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:net\s+of|excluding|exclusive\s+of|excludes|less|minus)(?:\s+the|\s+a|\s+an)?\s*$")
        .unwrap_or_else(|e| unreachable!("{e}"))
});

fn has_word(lower: &str, words: &[&str]) -> bool {
    WORD.find_iter(lower).any(|w| words.contains(&w.as_str()))
}

/// A line named after the figure: `$Y of X revenue`, `$Y revenue from X`, `$Y quarterly
/// revenue`, `X recognized $Y of revenue`. `Some(None)` when the words say it is not revenue
/// ("$100 million of annualized HPC revenue").
fn amount_first(before: &str, tail: &str) -> Option<Option<String>> {
    if let Some(c) = OF_REVENUE.captures(tail) {
        let words = c.get(1).map_or("", |m| m.as_str()).trim();
        let revenue = c.get(2).map_or("revenue", |m| m.as_str());
        let after = tail.get(c.get(0).map_or(0, |m| m.end())..).unwrap_or("");
        // "$500 million in revenue backlog": the word after "revenue" may name the metric.
        let next = WORD.find(&after.to_ascii_lowercase()).map(|w| w.as_str().to_string()).unwrap_or_default();
        let disposal = revenue.eq_ignore_ascii_case("sales") && has_word(&words.to_ascii_lowercase(), HELD_ASSETS);
        if disposal || has_word(&words.to_ascii_lowercase(), NOT_REVENUE) || NOT_REVENUE.contains(&next.as_str()) {
            return Some(None);
        }
        let words = words.split_whitespace().filter(|w| !w.eq_ignore_ascii_case("record")).collect::<Vec<_>>();
        // "$51.30 in Q3 and mining revenue": the revenue is the next clause's, not this figure's.
        if after_unnamed_conjunct(&words).len() < words.len() {
            return None;
        }
        // "$42.0 million of unaudited revenue from HPC": words that name no business give way
        // to the line the figure came from.
        let names_business = words.iter().any(|w| !COMPANY_WORDS.contains(&w.to_ascii_lowercase().as_str()));
        if let Some(line) = FROM_LINE.captures(after).and_then(|r| r.get(1)).filter(|_| !names_business) {
            return Some(Some(without_asides(line.as_str())));
        }
        if !words.is_empty() {
            return Some(Some(format!("{} {revenue}", words.join(" "))));
        }
        if let Some(related) = RELATED_TO.captures(after).and_then(|r| r.get(1)) {
            return Some(Some(format!("{revenue} {}", related.as_str().trim())));
        }
        if let Some(line) = FROM_LINE.captures(after).and_then(|r| r.get(1)) {
            return Some(Some(without_asides(line.as_str())));
        }
        if let Some(head) = before_reporting_verb(before) {
            // "The company generated $12.7 million in revenue": the company's own, its total.
            let itself = names_itself(head.rsplit(',').next().unwrap_or(head));
            return Some(subject(head).or_else(|| itself.then(|| revenue.to_string())));
        }
        return Some(Some(revenue.to_string()));
    }
    // "$30.5 million came from HPC leases": the figure is the line it came from, unless another
    // metric governs it ("a profit of $23.4 million derived from selling bitcoin").
    let other_metric = WORD.find_iter(&before.to_ascii_lowercase()).last().is_some_and(|w| w.as_str() == "of")
        && has_word(&last_words(before, 3), NOT_REVENUE);
    if let Some(line) = CAME_FROM.captures(tail).and_then(|c| c.get(1)).filter(|_| !other_metric) {
        return Some(Some(without_asides(line.as_str())));
    }
    if let Some(c) = REVENUE_FROM.captures(tail).and_then(|c| c.get(1)) {
        return Some(Some(without_asides(c.as_str())));
    }
    // "The company earned $15 million from its AI business line in Q3": what a company reports
    // earning from a business the segment rules know is that line's revenue.
    let reported = WORD.find_iter(&before.to_ascii_lowercase()).last().is_some_and(|w| is_reporting_verb(w.as_str()));
    if let Some(line) = business_it_came_from(tail).filter(|_| reported) {
        let line = line.split(" in ").next().unwrap_or(&line).split(" during ").next().unwrap_or(&line);
        return Some(Some(line.to_string()));
    }
    BARE_REVENUE.captures(tail).and_then(|c| c.get(1)).map(|m| Some(m.as_str().to_string()))
}

/// A part's line named between the word that opens the parts and its figure: "of which mining
/// accounted for" → "mining". The words after the line are cut while the rest still names it.
fn part_before(lower_before: &str) -> Option<String> {
    let cue = CUE.captures_iter(lower_before).filter_map(|c| c.name("part")).last()?;
    let mut words: Vec<&str> = lower_before.get(cue.end()..)?.split_whitespace().collect();
    let segment = classify(&words.join(" "), &[]).filter(|s| *s != Segment::Total)?;
    while words.len() > 1 && classify(&words[..words.len() - 1].join(" "), &[]) == Some(segment) {
        words.pop();
    }
    Some(words.join(" "))
}

/// A part's line: "from digital assets", "was from Bitcoin mining", or a business named with
/// capitals after "in" ("$34.3 million in Compute, $5.5 million in Power").
fn part_label(tail: &str) -> Option<String> {
    let from = FROM_LINE.captures(tail).and_then(|c| c.get(1)).map(|m| without_asides(m.as_str()));
    let named = || {
        let name = IN_NAMED.captures(tail)?.get(1)?.as_str();
        let lower = name.to_ascii_lowercase();
        let a_period = lower.split_whitespace().any(|w| PERIOD_NAMES.contains(&w) || w.starts_with('q'));
        (!a_period).then(|| name.to_string())
    };
    from.or_else(named).filter(|l| !l.is_empty())
}

/// Whether the words between a line's name and its figure link them: the last that is not a
/// filler is "was", "of", "to", ":" ….
fn links(gap_words: &[&str]) -> bool {
    gap_words.iter().rev().find(|w| !FILLERS.contains(w)).is_none_or(|w| LINKS.contains(w))
}

/// Whether the words between a line's name and a figure say the line moved from it ("slipped
/// 5% from the").
fn moved_from(gap_words: &[&str]) -> bool {
    // "from the prior quarter's $30 million": a period's possessive (its "s" a word of its own
    // here) names whose figure it is.
    let gap_words = match gap_words.iter().rposition(|w| *w == "from") {
        Some(at) if gap_words.last() == Some(&"s") && gap_words.len() - at <= 5 => &gap_words[..=at],
        _ => gap_words,
    };
    let ends_from = gap_words.last() == Some(&"from") || gap_words.ends_with(&["from", "the"]);
    ends_from
        && gap_words
            .iter()
            .all(|w| MOVED_FROM.contains(w) || MOVEMENT.contains(w) || w.chars().all(|c| c.is_ascii_digit()))
}

/// Whether a word names revenue: "revenue", "revenues", "sales" and "top line" (written
/// "top-line" in the lowercased text).
pub(super) fn is_revenue_word(word: &str) -> bool {
    matches!(word, "revenue" | "revenues" | "sales" | "top-line")
}

/// Whether "sales" at `metric` are a disposal of something held: an asset named just before
/// ("bitcoin sales") or after ("sales of digital assets").
fn sells_holdings(lower_before: &str, metric: &regex::Match) -> bool {
    if metric.as_str() != "sales" {
        return false;
    }
    let before = words_of(lower_before.get(..metric.start()).unwrap_or(""));
    let after = words_of(lower_before.get(metric.end()..).unwrap_or(""));
    let of = after.first() == Some(&"of") || after.first() == Some(&"from");
    let named_after = of && after.iter().skip(1).take(2).any(|w| HELD_ASSETS.contains(w));
    before.iter().rev().take(2).any(|w| HELD_ASSETS.contains(w)) || named_after
}

/// The line named before the figure: the nearest metric word before it must be "revenue", and
/// the words between must link them (`gap_ok`). `Some(Err(()))` when the nearest metric is
/// something else (or "cost of revenue"), `None` when no metric is named.
fn label_first(before: &str, lower_before: &str, gap_ok: fn(&[&str]) -> bool) -> Option<Result<Names, ()>> {
    let metric = WORD
        .find_iter(lower_before)
        .filter(|w| is_revenue_word(w.as_str()) || NOT_REVENUE.contains(&w.as_str()))
        .last()?;
    if !is_revenue_word(metric.as_str())
        || sells_holdings(lower_before, &metric)
        || in_relative_aside(lower_before, &metric)
    {
        return Some(Err(()));
    }
    let gap = lower_before.get(metric.end()..).unwrap_or("");
    // "the top line showed strong growth, increasing 87% from the $27.1 million": the clause
    // after the last comma links the line to its figure; the words before it go on about the line.
    let after_comma = gap.rsplit_once(',').map(|(_, last)| last);
    if !gap_ok(&words_of(gap)) && !after_comma.is_some_and(|last| gap_ok(&words_of(last))) {
        return None;
    }
    let name_before = lower_before.get(..metric.start()).unwrap_or("");
    // Only the words of the metric's own clause qualify it: "…, or $0.04 per share, on total
    // revenue of" is revenue.
    let name_clause = name_before.rsplit([',', ';']).next().unwrap_or(name_before);
    let close: Vec<&str> = WORD.find_iter(name_clause).map(|w| w.as_str()).collect();
    // "a loss of $0.08 per share on revenue of": "on" opens the metric's own phrase.
    if close.iter().rev().take_while(|w| **w != "on").take(3).any(|w| NOT_REVENUE.contains(w)) {
        return Some(Err(()));
    }
    let revenue = before.get(metric.range()).unwrap_or("revenue");
    let (mut label, first) = names_before(before.get(..metric.start()).unwrap_or(""));
    // "Our AI cloud segment delivered revenue of $15.2 million": a bare "revenue" is its
    // subject's when the subject names a business line.
    let head = before.get(..metric.start()).unwrap_or("");
    if let Some(head) = before_reporting_verb(head).filter(|_| label.is_empty()) {
        let named = subject(head);
        let line = named.clone().filter(|s| classify(s, &[]).is_some_and(|seg| seg != Segment::Total));
        // "Fluidstack reported revenue of $210 million": a company as the subject, this
        // document's or another's, for the reader to tell.
        if let Some(line) = line.or_else(|| named.as_deref().and_then(proper_name)) {
            return Some(Ok(Names::One(line)));
        }
    }
    label.push(revenue.to_string());
    if let Some(from) = from_phrase(before.get(metric.end()..).unwrap_or("")) {
        label.push(from);
    }
    let label = label.join(" ");
    Some(Ok(match first {
        Some(first) => Names::Pair(
            format!("{} {revenue}", first.join(" ")),
            label.clone(),
            format!("{} and {label}", first.join(" ")),
        ),
        None => Names::One(label),
    }))
}

/// Whether the metric word stands in a relative clause set off by commas that closes before the
/// figure: "curtailment credits, which it records as revenue, totaled $3.9 million" states the
/// credits, whatever the aside calls them.
fn in_relative_aside(lower_before: &str, metric: &regex::Match) -> bool {
    let opens = lower_before.get(..metric.start()).and_then(|b| b.rfind(',')).map(|at| at + 1);
    let closed = lower_before.get(metric.end()..).is_some_and(|after| after.contains(','));
    let aside = opens.and_then(|at| lower_before.get(at..metric.start())).unwrap_or("");
    closed && matches!(aside.split_whitespace().next(), Some("which" | "that" | "who"))
}

/// The words of a lowercased stretch of text.
fn words_of(text: &str) -> Vec<&str> {
    WORD.find_iter(text).map(|w| w.as_str()).collect()
}

/// The line or lines a statement names: "X and Y revenue were $A and $B" names two.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Names {
    One(String),
    /// The first line, the second, and both as one name ("Power and capacity revenue").
    Pair(String, String, String),
}

/// "from bitcoin mining" in "Revenue from bitcoin mining was", also after a word of where the
/// revenue came from ("revenue generated from mining", "revenue generation from mining").
fn from_phrase(gap: &str) -> Option<String> {
    static FROM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s+(?:(?:generation|generated|derived|earned|contribution|coming)\s+)?(from\s+.+?)\s*(?:\b(?:was|were|is|are|of|for|during|in\s+the|grew|rose|fell|came|\w+ed)\b|[,:(]|$)")
            .unwrap_or_else(|e| unreachable!("{e}"))
    });
    FROM.captures(gap).and_then(|c| c.get(1)).map(|m| m.as_str().to_string())
}

/// The words of a line's name that end `text`, asides and quote marks removed; for "Mining and
/// hosting" the two names.
fn names_before(text: &str) -> (Vec<String>, Option<Vec<String>>) {
    let cleaned = without_asides(text);
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    let last = name_end(&words);
    let rest = &words[..words.len() - last.len()];
    let first = rest
        .split_last()
        .filter(|(and, _)| and.eq_ignore_ascii_case("and") && !last.is_empty())
        .map(|(_, before)| name_end(before))
        // Words of another metric or a period end another clause ("4.1 cents per kWh and
        // hosting", "$98,500 in Q3 and hosting").
        .filter(|first| {
            let lower = first.join(" ").to_ascii_lowercase();
            let period = first.iter().any(|w| w.chars().any(|c| c.is_ascii_digit()));
            !period && !has_word(&lower, NOT_REVENUE) && !has_word(&lower, OTHER_METRIC)
        });
    (last, first)
}

/// The name words at the end of `words`. "Total" opens a name: nothing before it is the line's
/// ("… Financial Highlights Total revenue was"); so does a name's first capital, and the words
/// after a possessive.
fn name_end(words: &[&str]) -> Vec<String> {
    let opens = words.iter().rposition(|w| w.eq_ignore_ascii_case("total"));
    let words = opens.map_or(words, |at| &words[at..]);
    let kept = words
        .iter()
        .rev()
        .take_while(|w| {
            let lower = w.to_lowercase();
            let quarter = lower.len() == 2 && lower.starts_with('q') && lower.ends_with(['1', '2', '3', '4']);
            // A participle of reporting with a capital is a label's adjective ("Reported
            // Revenue"); the verb still reports in a headline ("Acme Reports Quarterly Revenue",
            // "ACME REPORTED").
            let titled =
                w.starts_with(char::is_uppercase) && w.chars().skip(1).any(char::is_lowercase) && lower.ends_with('d');
            // A word of comparison ("Y/Y", "QoQ", "sequential") says how a figure moved, not
            // what it is: "a 77% Y/Y revenue increase" names no line.
            let compares = YEAR_ON_YEAR.contains(&lower.as_str()) || QUARTER_ON_QUARTER.contains(&lower.as_str());
            let stop = STOP_WORDS.contains(&lower.as_str()) || compares || (is_reporting_verb(&lower) && !titled);
            !stop
                && !w.ends_with([',', ';', ':', '.', ')'])
                && w.chars().any(char::is_alphanumeric)
                && (quarter || !w.chars().any(|c| c.is_ascii_digit()))
                && !lower.ends_with("-quarter")
        })
        .take(MAX_LABEL_WORDS)
        .count();
    let name = &words[words.len() - kept..];
    // A possessive is the owner, not the line: "Hut 8's operational revenue" → "operational".
    let name = name.iter().rposition(|w| is_possessive(w)).map_or(name, |at| &name[at + 1..]);
    // A name written with capitals starts at its first capital: the lower-case words before it
    // are the sentence's ("IREN put Bitcoin mining revenue at …").
    let capital = |w: &&str| w.starts_with(char::is_uppercase);
    let name = name.iter().position(capital).map_or(name, |at| &name[at..]);
    name.iter().map(|w| (*w).to_string()).collect()
}

/// The words after an "and" whose left side names no business while its right side does: the
/// left is the end of another clause ("$51.30 in Q3 and mining revenue"). Two businesses
/// ("mining and hosting revenue") stay one name.
fn after_unnamed_conjunct<'w>(words: &'w [&'w str]) -> &'w [&'w str] {
    let Some(at) = words.iter().rposition(|w| w.eq_ignore_ascii_case("and")) else {
        return words;
    };
    let (left, right) = (words[..at].join(" "), &words[at + 1..]);
    let names = |text: &str| classify(text, &[]).is_some();
    if !names(&left) && names(&right.join(" ")) { right } else { words }
}

/// The subject named by the words before a verb of reporting: "The Company's HPC segment" → "HPC".
fn subject(before: &str) -> Option<String> {
    let cleaned = without_asides(before);
    // "Last quarter, the company reported": the company itself is the subject, and the words
    // of an earlier clause ("Last quarter") are not searched for another.
    // "Oakhurst Corp., a Canadian bitcoin miner, reported": a description set off by commas
    // ("a …", "which …") is not the subject; the name before it is.
    let described = |piece: &&str| {
        matches!(piece.split_whitespace().next().map(str::to_lowercase).as_deref(), Some("a" | "an" | "which" | "who"))
    };
    let count = cleaned.split(',').count();
    let pieces: Vec<&str> =
        cleaned.rsplit(',').enumerate().filter(|(i, p)| i + 1 == count || !described(p)).map(|(_, p)| p).collect();
    let upto = pieces.iter().position(|p| names_itself(p)).map_or(pieces.len(), |at| at + 1);
    pieces[..upto].iter().find_map(|piece| {
        let words: Vec<&str> = piece.split_whitespace().collect();
        // The subject's name starts after its last determiner or owner ("Key Metrics The
        // company's Bitcoin Mining segment" → "Bitcoin Mining segment") and runs to its verb.
        let determiner =
            |w: &&str| ["the", "its", "our", "their", "a", "an", "by"].contains(&w.to_lowercase().as_str());
        let determiner_at = words.iter().rposition(|w| determiner(w) || is_possessive(w));
        let start = determiner_at.map_or(0, |at| at + 1);
        // A conjunction opening the clause is not the name's ("while colocation brought in").
        let stop = |w: &&&str| STOP_WORDS.contains(&w.to_lowercase().as_str());
        let name: Vec<&str> = words[start..]
            .iter()
            .skip_while(stop)
            .take_while(|w| {
                let lower = w.to_lowercase();
                !STOP_WORDS.contains(&lower.as_str()) && !lower.ends_with("ed") && !is_reporting_verb(&lower)
            })
            .take(MAX_LABEL_WORDS)
            .copied()
            .collect();
        // "the segment booked $X" points back: the determiner is kept for the reader to resolve.
        if name == ["segment"] && determiner_at.is_some_and(|at| POINTING.contains(&words[at].to_lowercase().as_str()))
        {
            return Some(format!("{} segment", words[start - 1]));
        }
        let name = name.strip_suffix(&["segment"]).unwrap_or(&name);
        // A clause that opens with a verb ("…, began generating revenue in January, and
        // recognized $8.1 million") shares the subject named before it.
        let verb_first = name.first().is_some_and(|w| w.starts_with(char::is_lowercase))
            && determiner_at.is_none()
            && classify(&name.join(" "), &[]).is_none();
        (!name.is_empty() && !verb_first).then(|| name.join(" "))
    })
}

/// Whether a clause's subject is the company speaking of itself ("the company", "we").
fn names_itself(clause: &str) -> bool {
    clause.split_whitespace().any(|w| matches!(w.to_lowercase().as_str(), "company" | "company's" | "company’s" | "we"))
}

/// Words that point back at a line named before ("the segment", "this segment").
const POINTING: &[&str] = &["the", "this", "that"];

/// The capitalised name a subject ends with ("Rival miner Ashcombe Digital" → "Ashcombe
/// Digital"), when it is a name and not the company's own words ("The Company").
pub fn proper_name(subject: &str) -> Option<String> {
    let words: Vec<&str> = subject.split_whitespace().collect();
    let capital = |w: &&str| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
    let from = words.iter().rposition(|w| !capital(w)).map_or(0, |at| at + 1);
    let name = &words[from..];
    let generic = |w: &&str| {
        let lower = w.to_lowercase();
        COMPANY_WORDS.contains(&lower.as_str())
            || STOP_WORDS.contains(&lower.as_str())
            || lower.chars().all(|c| c.is_ascii_digit())
    };
    // "The Data Center Business", "Cloud Services": a line named with capitals.
    let business = name.last().is_some_and(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "business" | "segment" | "unit" | "division" | "operations" | "services" | "arm"
        )
    });
    (!name.is_empty() && !business && !name.iter().any(generic)).then(|| name.join(" "))
}

/// "TeraWulf's", "company’s": the owner of what follows, never part of a line's name.
fn is_possessive(word: &str) -> bool {
    let lower = word.to_lowercase();
    lower.ends_with("'s") || lower.ends_with("’s") || lower.ends_with("s'")
}

/// Text without parenthesised asides, quote marks and describing compounds, spaces collapsed.
fn without_asides(text: &str) -> String {
    let text = ASIDE.replace_all(text, " ");
    let text = text.replace(['“', '”', '"'], "");
    let describing = |w: &&str| DESCRIBING.iter().any(|d| w.to_ascii_lowercase().ends_with(d));
    text.split_whitespace().filter(|w| !describing(w)).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::super::amounts::amounts;
    use super::*;

    fn read(unit: &str) -> Vec<(i64, String, Role)> {
        let found = amounts(unit);
        attach(unit, &found, None).into_iter().map(|r| (found[r.amount].value_usd, r.label, r.role)).collect()
    }

    #[test]
    fn lines_through_asides_and_period_words() {
        let got = read("Colocation (formerly “HPC hosting”) revenue was $10.6 million, up from $5.5 million in 2024");
        assert_eq!(
            got,
            vec![
                (10_600_000, "Colocation revenue".into(), Role::Head),
                (5_500_000, "Colocation revenue".into(), Role::Comparison { head: 0 })
            ]
        );
        let got = read("Total revenue for the First Quarter of 2025 was $24.3 million");
        assert_eq!(got, vec![(24_300_000, "Total revenue".into(), Role::Head)]);
        let got = read("24% increase in Bitcoin mining revenue to $141.2 million ($113.5 million in Q2 FY25)");
        assert_eq!(got[0].1, "Bitcoin mining revenue");
        assert_eq!(got[1].2, Role::Comparison { head: 0 });
    }

    #[test]
    fn lines_named_after_the_figure() {
        assert_eq!(read("The Company's HPC recognized $12.5 million of revenue")[0].1, "HPC");
        assert_eq!(
            read("$69.5 million revenue from external sales of miners")[0].1,
            "revenue from external sales of miners"
        );
        assert_eq!(read("$162.3M quarterly revenue, up 120%")[0].1, "quarterly revenue");
        assert!(read("aims for $100 million of annualized HPC revenue").is_empty());
        let got = read("Mining and hosting revenue were $5.0 million and $2.0 million");
        assert_eq!(
            got,
            vec![(5_000_000, "Mining revenue".into(), Role::Head), (2_000_000, "hosting revenue".into(), Role::Head)]
        );
        let got = read("Its top line kept expanding, climbing 40% from the $9.1 million of a year before.");
        assert_eq!(got, vec![(9_100_000, "top line".into(), Role::Earlier)]);
        assert!(read("Revenue growth slowed, totaling $5.0 million in new bookings.").is_empty());
        let got = read("Revenue came to $7.2 million, well up on $4.0 million a year earlier");
        assert_eq!(got[1], (4_000_000, "Revenue".into(), Role::Comparison { head: 0 }));
        let got = read("The hosting arm posted a 52% QoQ revenue rise to $6.4 million.");
        assert_eq!(got, vec![(6_400_000, "hosting arm".into(), Role::Head)]);
        let got = read("Power cost 4.1 cents per kWh and hosting revenue was $5.5 million.");
        assert_eq!(got, vec![(5_500_000, "hosting revenue".into(), Role::Head)]);
        let got = read("It sold coins at $98,500 in Q3 and hosting revenue came to $3.6 million.");
        assert_eq!(got, vec![(3_600_000, "hosting revenue".into(), Role::Head)]);
        let got =
            read("Q3 revenue of $30.0 million came with $21.0 million from mining and $9.0 million from hosting.");
        assert_eq!(got[1], (21_000_000, "mining".into(), Role::Part));
        assert_eq!(got[2], (9_000_000, "hosting".into(), Role::Part));
        let got = read("Revenue by segment was $21.0 million from mining, $9.0 million from hosting.");
        assert_eq!(got, vec![(21_000_000, "mining".into(), Role::Head), (9_000_000, "hosting".into(), Role::Head)]);
        let got = read("Revenue was $30.0 million from new customers.");
        assert_eq!(got, vec![(30_000_000, "Revenue".into(), Role::Head)]);
        let got = read("Last quarter the hosting unit accounted for 31% of total revenues, amounting to $6.2 million.");
        assert_eq!(got, vec![(6_200_000, "hosting unit".into(), Role::Head)]);
        assert!(read("Its biggest client accounted for 31% of total revenues, amounting to $6.2 million.").is_empty());
        let got = read("HPC accounted for 35% of total revenue of $30.0 million.");
        assert_eq!(got, vec![(30_000_000, "total revenue".into(), Role::Head)]);
        let got = read("Net income was $9.2 million, or $0.04 per share, on total revenue of $57.9 million.");
        assert_eq!(got, vec![(57_900_000, "total revenue".into(), Role::Head)]);
        let got = read("Hosting revenue rose to $8.1 million, while the mining business grew 70% Y/Y to $1.7 million.");
        assert_eq!(got[1], (1_700_000, "mining business".into(), Role::Head));
        let got = read("Quarterly revenue was $80.9 million, of which mining accounted for $76.0 million.");
        assert_eq!(got[1], (76_000_000, "mining".into(), Role::Part));
        let got = read(
            "Revenue grew. Acme's AI cloud business, known as Cirrus, began billing in May, and recognized $8.1 million of revenue.",
        );
        assert_eq!(got, vec![(8_100_000, "AI cloud business".into(), Role::Head)]);
        assert!(
            read("Hosting revenue was $6.0 million, while our bitcoin treasury grew to $120.0 million.").len() == 1
        );
        let got = read("Data center and mining revenue were $10.0 million and $25.0 million, respectively.");
        assert_eq!(got[0].1, "Data center revenue");
        let got = read("Its GPU cloud unit enjoyed a 31% revenue jump to $2.2 million.");
        assert_eq!(got, vec![(2_200_000, "GPU cloud unit".into(), Role::Head)]);
        let got = read("Revenue from bitcoin mining reached $12.0 million, up from $9.0 million");
        assert_eq!(got[0], (12_000_000, "Revenue from bitcoin mining".into(), Role::Head));
        assert_eq!(got[1].2, Role::Comparison { head: 0 });
        assert_eq!(read("revenue generated from self-mining of $7.3M")[0].1, "revenue from self-mining");
        let got = read("Revenue from mining reached $12.0 million, while colocation brought in $3.4 million");
        assert_eq!(got[1], (3_400_000, "colocation".into(), Role::Head));
        assert!(read("Revenue rose and the company generated $9.0 million").is_empty());
        assert!(read("Mining revenue, net of $2.0 million of pool fees, rose.").is_empty());
        let got = read("Quarterly revenue hit a record $9.4 million.");
        assert_eq!(got[0].1, "Quarterly revenue");
        let got = read("Hosting revenue also grew sharply, climbing 80% to reach $3.3 million.");
        assert_eq!(got[0].1, "Hosting revenue");
        let got =
            read("Of the $9.0 million of revenue, $6.0 million came from mining and $2.5 million from GPU cloud.");
        assert_eq!(got.iter().map(|r| r.1.as_str()).collect::<Vec<_>>(), vec!["revenue", "mining", "GPU cloud"]);
        let got = read("Power and capacity revenue decreased by $1.79 million, or 63%, to $1.07 million");
        assert_eq!(got, vec![(1_070_000, "Power and capacity revenue".into(), Role::Head)]);

        // A verb of reporting in any of its forms ends the line's name: the name is after it.
        let got = read("a record quarter for Acme, recognizing revenue of $8.8 million");
        assert_eq!(got, vec![(8_800_000, "Acme".into(), Role::Head)]);
        assert_eq!(read("Acme logged hosting revenue of $2.2 million")[0].1, "hosting revenue");
        assert_eq!(read("The cloud unit brought in $3.1 million of revenue")[0].1, "cloud unit");
        assert_eq!(read("Its second-quarter highlights include revenues of $8.8 million")[0].1, "revenues");
    }

    #[test]
    fn a_figure_in_parentheses_after_a_line_is_that_lines() {
        let got = read("Two new revenue streams: colocation services ($1.6M) and ETH staking ($0.6M).");
        assert_eq!(
            got,
            vec![(1_600_000, "colocation services".into(), Role::Head), (600_000, "ETH staking".into(), Role::Head)]
        );
        // After a figure, or a name no rule knows, a parenthesis is no line's figure.
        let got = read("Revenue was $9.0 million ($7.5 million in Q2)");
        assert_eq!(got[1].2, Role::Comparison { head: 0 });
        assert!(read("Revenue grew strongly since Q2 ($8.0 million)").is_empty());
    }

    #[test]
    fn sales_are_revenue_unless_they_dispose_of_holdings() {
        let got = read("Its sales climbed to $48.0 million, a 20% rise on the year.");
        assert_eq!(got, vec![(48_000_000, "sales".into(), Role::Head)]);
        assert_eq!(read("Net sales were $12.5 million")[0].1, "Net sales");
        assert_eq!(read("Miner sales came to $6.1 million")[0].1, "Miner sales");
        assert_eq!(read("It booked $7.0 million in sales").len(), 1);
        assert!(read("It booked $7.0 million in bitcoin sales").is_empty());
        assert!(read("Bitcoin sales brought in $12.1 million of cash.").is_empty());
        assert!(read("Sales of digital assets totaled $3.4 million.").is_empty());
        assert!(read("Its sales of the land parcel reached $2.0 million.").is_empty());
    }

    #[test]
    fn parts_changes_and_other_metrics() {
        let got = read(
            "revenue totaled $35.8 million, including $26.1 million from digital assets and $9.7 million from HPC (GPU), down from $50.6 million",
        );
        let labels: Vec<_> = got.iter().map(|g| (g.1.as_str(), g.2)).collect();
        assert_eq!(
            labels,
            vec![
                ("revenue", Role::Head),
                ("digital assets", Role::Part),
                ("HPC", Role::Part),
                ("revenue", Role::Comparison { head: 0 })
            ]
        );
        assert!(read("a $14.3 million decrease in total revenue and $14.4 million more in cash").is_empty());
        assert!(read("Cost of revenue was US$142.8 million vs. US$74.8 million.").is_empty());
        assert!(read("Adjusted EBITDA was $21.5 million compared to $46.0 million").is_empty());
    }

    #[test]
    fn lists_of_parts() {
        let got = read("Revenue included $10.1 million from bitcoin mining and $12.2 million from cloud services.");
        let parts: Vec<_> = got.iter().map(|g| (g.0, g.1.as_str(), g.2)).collect();
        assert_eq!(
            parts,
            vec![(10_100_000, "bitcoin mining", Role::Part), (12_200_000, "cloud services.", Role::Part)]
                .into_iter()
                .map(|(v, l, r)| (v, l.trim_end_matches('.'), r))
                .collect::<Vec<_>>()
        );
        let got = read(
            "Revenue was $35.2 million, including $13.9 million from self-mining, $9.0 million from managed services, and $8.9 million from other services",
        );
        let labels: Vec<_> = got.iter().map(|g| (g.1.as_str(), g.2)).collect();
        assert_eq!(
            labels,
            vec![
                ("Revenue", Role::Head),
                ("self-mining", Role::Part),
                ("managed services", Role::Part),
                ("other services", Role::Part)
            ]
        );
        assert_eq!(read("revenue for the quarter, reaching $35.2 million")[0].0, 35_200_000);
    }

    #[test]
    fn an_earlier_figure_of_a_line_whose_own_figure_is_not_stated() {
        let got = read("The top line still grew, increasing 87% year-over-year from the $27.1 million reported");
        assert_eq!(got, vec![(27_100_000, "top line".into(), Role::Earlier)]);
        let got = read("Bitcoin mining revenue fell 12% from $54.3 million");
        assert_eq!(got, vec![(54_300_000, "Bitcoin mining revenue".into(), Role::Earlier)]);
        assert!(read("Net loss narrowed from $27.1 million").is_empty());
        let hive = "realized $900,000 of revenue this quarter from its GPU-powered high performance computing unit";
        assert_eq!(read(hive)[0].1, "high performance computing unit");
    }
}
