//! Text in other languages, put into the English words the prose reader knows.
//!
//! Results reach the press in German, Italian, Spanish, French and Portuguese, and in Chinese and
//! Japanese (a portal's machine translation of a 6-K, a local wire copy). The reader decides by
//! roles, and in any language a handful of words carry them: the revenue noun, the quarter, a net
//! result that is not revenue, a comparison. So rather than a second reader, such a text is
//! rewritten into those English words before it is read:
//!
//! - amounts in their own notation ("87,3 Mio. US-Dollar", "13,1 milioni di dollari",
//!   "84,4 millones de dólares", "7,390萬美元", "2.459億美元") become "$87.3 million";
//! - the words of [`EUROPEAN_WORDS`] and [`EAST_ASIAN_WORDS`] become their English words, and
//!   Chinese and Japanese dates and quarters ("2023年6月30日", "2023年第二季度") English ones;
//! - Chinese and Japanese words the glossary lacks are dropped, so that none becomes part of a
//!   line's name; unknown European words stay, and an English line of a European page is left
//!   as it is.
//!
//! A Latin-script text is taken as European only when more of its words are the commonest words
//! of those languages than of English ([`EUROPEAN_COMMON`]): only then is "1.775" a thousand and
//! "87,3" a decimal, so an English "$1,590 million" is never read as $1.59 million. An amount in
//! another currency (euros) is left as it is: the reader reads US dollars only.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::amounts::rescaled;
use super::lexicon::{EAST_ASIAN_WORDS, ENGLISH_COMMON, EUROPEAN_COMMON, EUROPEAN_WORDS};

/// Fewest common words of a European language a text needs to be read as one.
const MIN_EUROPEAN_WORDS: usize = 8;

/// Fewest common English words a line of a European document needs to be left in English.
const MIN_LINE_WORDS: usize = 4;

/// Fewest Chinese or Japanese characters a text needs to be read as one.
const MIN_EAST_ASIAN_CHARS: usize = 20;

/// Latin letters a Chinese or Japanese character stands for, about.
const LETTERS_PER_CHARACTER: usize = 4;

/// `text` in the words the reader knows: unchanged when it is English.
pub fn in_english(text: &str) -> Cow<'_, str> {
    let east_asian = text.chars().filter(|c| is_east_asian(*c)).count();
    let latin = text.chars().filter(char::is_ascii_alphabetic).count();
    // A character of those scripts is about a word, four or five Latin letters: an English text
    // under a portal's Japanese header is still English.
    if east_asian >= MIN_EAST_ASIAN_CHARS && east_asian * LETTERS_PER_CHARACTER > latin {
        return Cow::Owned(from_east_asian(text));
    }
    let (european, english) = common_words(text);
    let document = european >= MIN_EUROPEAN_WORDS && european > english;
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    // A page in another language may hold an English paragraph (a quote, a portal's summary):
    // that line stays as it is, figures and all.
    let foreign: Vec<bool> = lines
        .iter()
        .map(|line| {
            let (european, english) = common_words(line);
            document && !(english >= MIN_LINE_WORDS && english > european)
        })
        .collect();
    if !foreign.contains(&true) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        lines
            .iter()
            .zip(foreign)
            .map(|(line, foreign)| if foreign { from_european(line) } else { (*line).to_owned() })
            .collect(),
    )
}

/// Han ideographs and kana.
fn is_east_asian(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}')
}

/// How many of `text`'s words are among the commonest of the European languages, and of English.
fn common_words(text: &str) -> (usize, usize) {
    let (mut european, mut english) = (0, 0);
    for word in text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()) {
        let word = word.to_lowercase();
        european += usize::from(EUROPEAN_COMMON.contains(&word.as_str()));
        english += usize::from(ENGLISH_COMMON.contains(&word.as_str()));
    }
    (european, english)
}

static EUROPEAN_AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        (?P<pre>(?:US\$|USD|\$)\s?)?
        \b(?P<num>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)
        (?:\s*(?P<scale>mio\b\.?|millionen|millions?|millones|millón|milioni|milione|milhões|milhão|mill\.|mn\b
            |(?P<billion>mrd\b\.?|milliarden?|milliards?|miliardi|miliardo|mil\s+millones|bilhões|bilhão)))?
        (?P<post>\s*(?:(?:de|di|d['’])\s*)?(?:us-dollar|us-\$|usd|us\$|dollari(?:\s+(?:statunitensi|usa))?
            |dólares(?:\s+(?:estadounidenses|americanos))?|dollars?(?:\s+(?:américains|us))?|\$))?
        (?P<foreign>\s+(?:canad\w*|austral\w*|de\s+hong\s+kong|di\s+hong\s+kong|neo[\s-]?zeland\w*|de\s+singapour|de\s+singapur))?",
    )
    .unwrap_or_else(|e| unreachable!("european amount regex: {e}"))
});

static EUROPEAN_WORD: LazyLock<(Regex, HashMap<&'static str, &'static str>)> =
    LazyLock::new(|| glossary(EUROPEAN_WORDS, true));

static EAST_ASIAN_WORD: LazyLock<(Regex, HashMap<&'static str, &'static str>)> =
    LazyLock::new(|| glossary(EAST_ASIAN_WORDS, false));

/// One regex matching every word of `words`, longest first, and the English of each.
fn glossary(
    words: &'static [(&'static str, &'static str)],
    bounded: bool,
) -> (Regex, HashMap<&'static str, &'static str>) {
    let mut keys: Vec<&str> = words.iter().map(|(w, _)| *w).collect();
    keys.sort_by_key(|k| std::cmp::Reverse(k.chars().count()));
    let alternation: Vec<String> =
        keys.iter().map(|k| regex::escape(k).replace(' ', r"\s+").replace('\'', "['’]")).collect();
    let pattern = if bounded {
        format!(r"(?i)\b(?:{})\b", alternation.join("|"))
    } else {
        format!("(?:{})", alternation.join("|"))
    };
    let regex = Regex::new(&pattern).unwrap_or_else(|e| unreachable!("glossary regex: {e}"));
    (regex, words.iter().copied().collect())
}

/// The English of a glossary match, its spaces made single and its letters lower case.
fn english_of(found: &str, words: &HashMap<&'static str, &'static str>) -> String {
    let key = found.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase().replace('’', "'");
    words.get(key.as_str()).map_or_else(|| found.to_owned(), |w| (*w).to_owned())
}

fn from_european(text: &str) -> String {
    let text = EUROPEAN_AMOUNT.replace_all(text, |c: &Captures<'_>| {
        let whole = c.get(0).map_or("", |m| m.as_str());
        // No dollar sign or word, or another country's dollars ("dollars canadiens"): not a
        // US-dollar amount, left as written.
        if (c.name("pre").is_none() && c.name("post").is_none()) || c.name("foreign").is_some() {
            return whole.to_owned();
        }
        let num = c.name("num").map_or("", |m| m.as_str()).replace('.', "").replace(',', ".");
        let word = match (c.name("scale"), c.name("billion")) {
            (_, Some(_)) => " billion",
            (Some(_), None) => " million",
            (None, None) => "",
        };
        format!("${num}{word}")
    });
    let text = FROM_TO.replace_all(&text, "from $amount to");
    let (regex, words) = &*EUROPEAN_WORD;
    let text = regex.replace_all(&text, |c: &Captures<'_>| english_of(&c[0], words));
    // These languages put "total" after its noun ("fatturato totale", "ingresos totales").
    REVENUE_TOTAL.replace_all(&text, "total revenue").into_owned()
}

/// "von 30,0 Mio. US-Dollar auf 41,2 Mio.", "de 9,0 a 12,1 millones": a movement from one amount
/// to another, whose first word is otherwise "of".
static FROM_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:von|de|da|di)\s+(?P<amount>\$[\d.]+(?:\s+(?:million|billion))?)\s+(?:auf|a|à|para)\b")
        .unwrap_or_else(|e| unreachable!("from to regex: {e}"))
});

static REVENUE_TOTAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\brevenue\s+total\b").unwrap_or_else(|e| unreachable!("revenue total regex: {e}")));

static EAST_ASIAN_AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:US\$|\$)?\s*(?:(?P<oku>\d[\d,]*)\s*[億亿]\s*)?(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?P<scale>百万|百萬|千万|千萬|萬|万|億|亿)?\s*(?:美元|美金|米ドル|ドル)",
    )
        .unwrap_or_else(|e| unreachable!("east asian amount regex: {e}"))
});

static EAST_ASIAN_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
        .unwrap_or_else(|e| unreachable!("east asian date regex: {e}"))
});

/// "截至 June 30, 2023 止九個月" (the months ended a date), once the date is English.
static EAST_ASIAN_MONTHS_ENDED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"截至\s*(?P<date>[A-Z][a-z]+ \d{1,2}, \d{4})\s*(?:止)?\s*(?:的)?\s*(?P<n>[三六九]|十二|3|6|9|12)\s*(?:個|个|ヶ|か)?\s*月")
        .unwrap_or_else(|e| unreachable!("east asian months regex: {e}"))
});

/// "前三季度" (the first three quarters), "1-9月": nine months, never the third quarter.
static EAST_ASIAN_YEAR_TO_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"前\s*(?P<n>[二三]|2|3)\s*(?:季度|四半期)|(?:累計|累计)")
        .unwrap_or_else(|e| unreachable!("east asian year to date regex: {e}"))
});

/// A quarter named with its ordinal mark: "2023年第二季度", "第2四半期".
static EAST_ASIAN_QUARTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:(?P<y>\d{4})\s*年\s*(?:度\s*)?)?第\s*(?P<q>[一二三四1-4])\s*(?:季度|四半期)")
        .unwrap_or_else(|e| unreachable!("east asian quarter regex: {e}"))
});

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn from_east_asian(text: &str) -> String {
    let text: String = text
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            '：' => ':',
            '（' => '(',
            '）' => ')',
            '％' => '%',
            '＄' => '$',
            _ => c,
        })
        .collect();
    // The full stop and commas of those scripts end a clause as ". " and ", " do.
    let text = text.replace('。', ". ").replace(['，', '、'], ", ");
    let text = EAST_ASIAN_AMOUNT.replace_all(&text, |c: &Captures<'_>| {
        let num = c.name("num").map_or("", |m| m.as_str()).replace(',', "");
        let scale: i64 = match c.name("scale").map(|m| m.as_str()) {
            Some("百万" | "百萬") => 1_000_000,
            Some("千万" | "千萬") => 10_000_000,
            Some("萬" | "万") => 10_000,
            Some("億" | "亿") => 100_000_000,
            _ => 1,
        };
        // "1億2,345万ドル": hundreds of millions, then the ten thousands.
        let oku =
            c.name("oku").map_or(Some(0), |m| rescaled(&format!("${}", m.as_str().replace(',', "")), 100_000_000));
        let value = rescaled(&format!("${num}"), scale).zip(oku).and_then(|(v, o)| v.checked_add(o));
        value.map_or_else(|| c[0].to_owned(), |v| format!(" {} ", in_millions(v)))
    });
    let text = EAST_ASIAN_DATE.replace_all(&text, |c: &Captures<'_>| {
        let month: usize = c["m"].parse().unwrap_or(0);
        match MONTHS.get(month.wrapping_sub(1)) {
            Some(name) => format!(" {name} {}, {} ", c["d"].trim_start_matches('0'), &c["y"]),
            None => c[0].to_owned(),
        }
    });
    let text = EAST_ASIAN_MONTHS_ENDED.replace_all(&text, |c: &Captures<'_>| {
        let months = match &c["n"] {
            "三" | "3" => "three",
            "六" | "6" => "six",
            "九" | "9" => "nine",
            _ => "twelve",
        };
        format!(" {months} months ended {} ", &c["date"])
    });
    let text = EAST_ASIAN_YEAR_TO_DATE.replace_all(&text, |c: &Captures<'_>| match c.name("n").map(|m| m.as_str()) {
        Some("二" | "2") => " first six months ".to_owned(),
        Some(_) => " first nine months ".to_owned(),
        None => " year to date ".to_owned(),
    });
    let text = EAST_ASIAN_QUARTER.replace_all(&text, |c: &Captures<'_>| {
        let q = match &c["q"] {
            "一" | "1" => 1,
            "二" | "2" => 2,
            "三" | "3" => 3,
            _ => 4,
        };
        match c.name("y") {
            Some(y) => format!(" Q{q} {} ", y.as_str()),
            None => format!(" Q{q} "),
        }
    });
    let text = EAST_ASIAN_SAME_PERIOD.replace_all(&text, " the same period of $y ");
    let text = EAST_ASIAN_COMPARED.replace_all(&text, " compared to $amount in $period ");
    let (regex, words) = &*EAST_ASIAN_WORD;
    let text = regex.replace_all(&text, |c: &Captures<'_>| format!(" {} ", english_of(&c[0], words)));
    // What is left in those scripts are words the reader has no English for: they are dropped, so
    // that none of them is taken for part of a line's name.
    let text = EAST_ASIAN_RUN.replace_all(&text, " ");
    SPACES.replace_all(&text, " ").into_owned()
}

/// "較 Q1 2023 的 $11.1 million": Chinese names the period of a comparison before its figure, and
/// the reader reads a comparison's period after it ("compared to $11.1 million in Q1 2023").
static EAST_ASIAN_COMPARED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:較|较|而)\s*(?P<period>Q[1-4] \d{4}|the same period of \d{4})\s*(?:的|為|为)\s*(?P<amount>\$[\d.,]+(?: million)?)",
    )
    .unwrap_or_else(|e| unreachable!("east asian comparison regex: {e}"))
});

/// "2022年同期" (the same period of 2022).
static EAST_ASIAN_SAME_PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<y>\d{4})\s*年?\s*同期").unwrap_or_else(|e| unreachable!("same period regex: {e}"))
});

static EAST_ASIAN_RUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[\x{3040}-\x{30ff}\x{3400}-\x{4dbf}\x{4e00}-\x{9fff}]+")
        .unwrap_or_else(|e| unreachable!("east asian run regex: {e}"))
});

static SPACES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[ \t]{2,}").unwrap_or_else(|e| unreachable!("spaces regex: {e}")));

/// Whole dollars as the reader's "$73.9 million" (or "$900" below a million).
fn in_millions(value: i64) -> String {
    if value < 1_000_000 {
        return format!("${value}");
    }
    let fraction = format!("{:06}", value % 1_000_000);
    let fraction = fraction.trim_end_matches('0');
    if fraction.is_empty() {
        format!("${} million", value / 1_000_000)
    } else {
        format!("${}.{fraction} million", value / 1_000_000)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_text_is_left_as_it_is() {
        let text = "Revenue of the quarter was $1,590 million, up from $1.2 billion in the year before.";
        assert!(matches!(in_english(text), Cow::Borrowed(_)));
    }

    #[test]
    fn a_german_note_reads_as_english() {
        let text = "Die Firma hat im dritten Quartal 2025 einen Umsatz von 41,2 Mio. US-Dollar erzielt, \
            und der Nettoverlust lag bei 3,5 Mio. US-Dollar. Das ist mit 1.250 Bitcoin mehr als die \
            Firma im Vorquartal hatte, und sie ist mit dem Wachstum zufrieden.";
        let got = in_english(text);
        assert!(got.contains("in the third quarter 2025"), "{got}");
        assert!(got.contains("revenue of $41.2 million"), "{got}");
        assert!(got.contains("net loss lag bei $3.5 million"), "{got}");
        assert!(got.contains("1.250 Bitcoin"), "{got}");
        let moved = format!("{text} Der Umsatz stieg von 30,0 Mio. US-Dollar auf 41,2 Mio. US-Dollar.");
        let got = in_english(&moved);
        assert!(got.contains("from $30.0 million to $41.2 million"), "{got}");
    }

    #[test]
    fn italian_spanish_and_french_amounts_and_nouns() {
        let it = "La società ha riportato per il secondo trimestre del 2024 un fatturato totale di 22,7 milioni \
            di dollari e una perdita netta di 1,1 milioni di dollari, che sono numeri che per gli analisti \
            sono una sorpresa.";
        let got = in_english(it);
        assert!(got.contains("second quarter of 2024"), "{got}");
        assert!(got.contains("a total revenue of $22.7 million"), "{got}");
        let es = "La empresa informó ingresos de 9,4 millones de dólares en el tercer trimestre, frente a los \
            7,0 millones de dólares que por su parte tuvo en el mismo período del año anterior y en los \
            que las cifras fueron menores.";
        let got = in_english(es);
        assert!(got.contains("revenue of $9.4 million"), "{got}");
        assert!(got.contains("compared to the $7.0 million"), "{got}");
        assert!(got.contains("same period"), "{got}");
        assert!(got.contains("third quarter"), "{got}");
        let fr = "Pour le premier trimestre, le chiffre d'affaires est de 1,3 milliard de dollars et la perte \
            nette est de 12 millions de dollars, une hausse pour les analystes et pour la société qui est sur \
            une bonne voie et les marchés.";
        let got = in_english(fr);
        assert!(got.contains("the revenue est of $1.3 billion"), "{got}");
        assert!(got.contains("$12 million"), "{got}");
    }

    #[test]
    fn a_chinese_release_reads_as_english() {
        let text = "公司公佈2024年第三季度業績。收入為4,120萬美元,而2024年第二季度為3,050萬美元。\
            截至2024年9月30日的三個月,挖礦收入為1.05億美元。";
        let got = in_english(text);
        assert!(got.contains("Q3 2024"), "{got}");
        assert!(got.contains("revenue was $41.2 million"), "{got}");
        assert!(got.contains("compared to $30.5 million in Q2 2024"), "{got}");
        assert!(got.contains("three months ended September 30, 2024"), "{got}");
        assert!(got.contains("mining revenue was $105 million"), "{got}");
    }

    #[test]
    fn a_chinese_years_first_quarters_and_other_lines_are_not_the_quarters_revenue() {
        let got = in_english(
            "公司公佈2024年前三季度業績。前三季度收入為1.2億美元,其中產品收入為9,000萬美元,其他收入為50萬美元。",
        );
        assert!(got.contains("first nine months") && !got.contains("Q3"), "{got}");
        assert!(got.contains("product revenue was $90 million"), "{got}");
        assert!(got.contains("other income was"), "{got}");
    }

    #[test]
    fn an_english_line_of_a_page_in_another_language_stays_english() {
        let text = "Acme ha riportato per il terzo trimestre ricavi di 20,2 milioni di dollari, che sono una \
            sorpresa, e anche il margine è salito nel trimestre della società.\n\
            In English: Acme reported Q3 revenue of $20,179,766, up from $1,590 million in the year before.\n";
        let got = in_english(text);
        assert!(got.contains("$20,179,766") && got.contains("$1,590 million"), "{got}");
        assert!(got.contains("revenue of $20.2 million"), "{got}");
    }

    #[test]
    fn another_countrys_dollars_stay_as_written() {
        let text = "La société a réalisé un chiffre d’affaires de 12 millions de dollars canadiens pour le \
            trimestre, et elle est sur une bonne voie pour les marchés qui sont dans une phase avec des hausses.";
        let got = in_english(text);
        assert!(got.contains("revenue") && got.contains("dollars canadiens") && !got.contains("$12"), "{got}");
    }

    #[test]
    fn a_japanese_amount_in_millions_of_dollars() {
        let got = in_english("当社の第2四半期の売上高は12.5百万米ドルでした。ビットコインの採掘は順調でした。");
        assert!(got.contains("Q2"), "{got}");
        assert!(got.contains("revenue") && got.contains("$12.5 million"), "{got}");
        let got = in_english("当社の第3四半期の売上高は1億2,345万ドルで、前年同期は9,870万ドルでした。");
        assert!(got.contains("$123.45 million") && got.contains("$98.7 million"), "{got}");
    }
}
