//! What a hit is called: company · form (and exhibit) · what the document is, e.g.
//! `TeraWulf · 8-K EX-99.1 · TeraWulf Reports First Quarter 2026 Results`.
//!
//! Filers title most exhibits "Exhibit 99.1", so the stored title alone leaves a list of hits
//! that all read the same. The exhibit number comes from the file name (`ex991`, `ex99-1`,
//! `exhibit991`, `ex99_1`: EDGAR's index does not say it), and what the document is from, in
//! order: a title that says more than an exhibit number or a file name; for a 10-Q or 10-K the
//! period it reports; else the first line of its text that says more (a release's headline).

use super::IndexDocument;

/// Longest description kept, in characters.
const MOST_CHARS: usize = 100;

/// The hit's heading; `text` is the document's visible text.
pub(super) fn heading(doc: &IndexDocument, text: &str) -> String {
    let company = short_name(&doc.company).unwrap_or(&doc.ticker);
    let mut form = doc.form.clone().unwrap_or_else(|| "document".to_string());
    if let Some(exhibit) = exhibit(&doc.url) {
        form = format!("{form} {exhibit}");
    }
    format!("{company} · {form} · {}", what(doc, text))
}

fn what(doc: &IndexDocument, text: &str) -> String {
    if let Some(title) = doc.title.as_deref().filter(|t| says_something(t)) {
        return cut(title);
    }
    let report = match doc.form.as_deref().map(|f| f.trim_end_matches("/A")) {
        Some("10-Q") => Some("quarterly report"),
        Some("10-K") => Some("annual report"),
        _ => None,
    };
    match (report, doc.report_period) {
        (Some(kind), Some(end)) => format!("{kind} for the period ended {end}"),
        _ => text
            .lines()
            .map(str::trim)
            .find(|line| says_something(line))
            .map_or_else(|| report.unwrap_or("untitled").to_string(), cut),
    }
}

/// "TeraWulf Inc." → "TeraWulf"; `None` for an empty name.
fn short_name(name: &str) -> Option<&str> {
    let name = name.trim();
    let suffixes = [" Inc.", " Inc", ", Inc.", " Ltd", " Ltd.", " Limited", " Corp.", " Corporation", " Co."];
    let short = suffixes.iter().find_map(|s| name.strip_suffix(s)).unwrap_or(name).trim_end_matches(',');
    (!short.is_empty()).then_some(short)
}

/// `EX-99.1` from a file name such as `wulf-ex991_20260508.htm` or `ea0226871ex99-1_bitdigital.htm`.
fn exhibit(url: &str) -> Option<String> {
    let file = url.rsplit('/').next()?.to_ascii_lowercase();
    let at = file.rfind("exhibit").map(|i| i + "exhibit".len()).or_else(|| file.rfind("ex").map(|i| i + 2))?;
    let rest = &file[at..];
    let major: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let after = &rest[major.len()..];
    let minor: String = after
        .strip_prefix(['-', '_', '.'])
        .map(|m| m.chars().take_while(char::is_ascii_digit).collect())
        .filter(|m: &String| m.len() <= 2)
        .unwrap_or_default();
    match (major.len(), minor.is_empty()) {
        (2, false) => Some(format!("EX-{major}.{minor}")),
        (2, true) => Some(format!("EX-{major}")),
        (3, true) => Some(format!("EX-{}.{}", &major[..2], &major[2..])),
        _ => None,
    }
}

/// Whether a line says more than an exhibit number, a page marker or a file name.
fn says_something(line: &str) -> bool {
    let lower = line.to_ascii_lowercase();
    let rest = lower.replace("exhibit", "").replace("ex-", "");
    let words = rest.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty() && w.parse::<f64>().is_err());
    words.count() >= 2
}

/// At most [`MOST_CHARS`] characters, cut at a word with an ellipsis.
fn cut(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() <= MOST_CHARS {
        return text.to_string();
    }
    let end = text.char_indices().nth(MOST_CHARS).map_or(text.len(), |(at, _)| at);
    let end = text[..end].rfind(' ').unwrap_or(end);
    format!("{}…", &text[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(form: &str, url: &str, title: Option<&str>) -> IndexDocument {
        IndexDocument {
            ticker: "WULF".into(),
            company: "TeraWulf Inc.".into(),
            form: Some(form.into()),
            url: url.into(),
            title: title.map(String::from),
            report_period: chrono::NaiveDate::from_ymd_opt(2026, 3, 31),
            ..IndexDocument::default()
        }
    }

    #[test]
    fn exhibit_numbers_are_read_from_the_file_names_filers_use() {
        for (file, want) in [
            ("wulf-ex991_20260508.htm", Some("EX-99.1")),
            ("ea022687101ex99-1_bitdigital.htm", Some("EX-99.1")),
            ("exhibit991.htm", Some("EX-99.1")),
            ("clsk-ex99_1.htm", Some("EX-99.1")),
            ("d872210dex991.htm", Some("EX-99.1")),
            ("wulf-20260331.htm", None),
            ("d872210d6k.htm", None),
        ] {
            assert_eq!(exhibit(&format!("https://www.sec.gov/x/{file}")).as_deref(), want, "{file}");
        }
    }

    #[test]
    fn a_bare_exhibit_title_gives_way_to_the_headline() {
        let text = "Exhibit 99.1\nTeraWulf Reports First Quarter 2026 Results\nEASTON, Md. --";
        let release = doc("8-K", "https://x/wulf-ex991_20260508.htm", Some("Exhibit 99.1"));
        assert_eq!(heading(&release, text), "TeraWulf · 8-K EX-99.1 · TeraWulf Reports First Quarter 2026 Results");
        let report = doc("10-Q", "https://x/wulf-20260331.htm", Some("wulf-20260331"));
        assert_eq!(
            heading(&report, "UNITED STATES"),
            "TeraWulf · 10-Q · quarterly report for the period ended 2026-03-31"
        );
        let titled = doc("press release", "https://x/news/q1", Some("TeraWulf posts record HPC revenue"));
        assert_eq!(heading(&titled, ""), "TeraWulf · press release · TeraWulf posts record HPC revenue");
        assert!(heading(&doc("8-K", "https://x/a.htm", None), "").ends_with("· untitled"));
    }

    #[test]
    fn a_long_headline_is_cut_at_a_word() {
        let long = "word ".repeat(40);
        let cut = cut(&long);
        assert!(cut.ends_with("word…") && cut.chars().count() <= MOST_CHARS + 1, "{cut}");
    }
}
