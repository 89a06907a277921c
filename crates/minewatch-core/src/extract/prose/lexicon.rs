//! The prose reader's words, in one place, each class with the reason it is there.
//!
//! The reader decides by roles (which metric governs a figure, which line, which scope, whether
//! it is stated, compared, changed or forecast) and these classes are the words that signal
//! them. A class holds one kind of word; a word is here because of what it does in any
//! sentence, never because one document needed it. All words are lower case.

/// Metrics that are not revenue. The nearest metric word before a figure governs it, so "net
/// loss was $3 million" is a loss, and "cost of revenue" is a cost.
pub const NOT_REVENUE: &[&str] = &[
    // Revenue of a business the company no longer runs.
    "discontinued",
    // A measure of the company's own making, beside the reported revenue ("Adjusted revenue
    // (non-GAAP)").
    "adjusted",
    "non-gaap",
    "pro-forma",
    "forma",
    // Revenue billed and not yet collected: a balance, not the quarter's revenue.
    "receivable",
    "receivables",
    // Earnings and margins: what is left of revenue, not revenue.
    "ebitda",
    "profit",
    "income",
    "loss",
    "losses",
    "margin",
    "eps",
    "share",
    "per",
    "each",
    // Costs and spending.
    "cost",
    "costs",
    "expense",
    "expenses",
    "expenditures",
    "capex",
    // The balance sheet and financing: amounts held or raised, not earned.
    "cash",
    "liquidity",
    "assets",
    "equity",
    "holdings",
    "proceeds",
    "debt",
    "notes",
    "financings",
    "deferred",
    "worth",
    "price",
    // Revenue of another scope: contracted over years, annualised, or not yet earned.
    "backlog",
    "bookings",
    "contract",
    "contracts",
    "contracted",
    "annualized",
    "run-rate",
    "arr",
    "prospective",
    "potential",
    "lifetime",
    "cumulative",
    // A valuation: a price as a multiple of revenue ("8 times revenue of $380 million").
    "times",
    "multiple",
    // Revenue that someone expects rather than the company states.
    "estimate",
    "estimates",
    "estimated",
    "consensus",
    "expected",
    "miss",
];

/// Things a company holds rather than sells as its business: "sales" of them are disposals
/// ("bitcoin sales of $12.1 million", "sales of digital assets"), whose proceeds are not revenue,
/// while "sales" alone, or of what the company makes, is its revenue ("net sales", "miner sales").
pub const HELD_ASSETS: &[&str] = &[
    "bitcoin",
    "btc",
    "ethereum",
    "eth",
    "ether",
    "crypto",
    "cryptocurrency",
    "cryptocurrencies",
    "digital",
    "asset",
    "assets",
    "token",
    "tokens",
    "coin",
    "coins",
    "treasury",
    "property",
    "properties",
    "facility",
    "facilities",
    "land",
    "building",
    "buildings",
    "stock",
    "securities",
    "investments",
    "investment",
    "business",
    "subsidiary",
];

/// The nouns of a metric a comparison must not cross ("Revenue was $X and net loss $Y vs. $Z":
/// $Z is the loss's).
pub const OTHER_METRIC: &[&str] = &[
    "ebitda",
    "profit",
    "income",
    "loss",
    "cost",
    "costs",
    "expenses",
    "margin",
    "cash",
    "assets",
    "liquidity",
    "eps",
];

/// Words that say a figure is someone's expectation, not the quarter's revenue ("analysts had
/// predicted $148.8 million", "forecasts of $159.79 million"). Read in the figure's own clause,
/// with the verbs of [`FORECAST_VERBS`] and the modals of [`MODALS`] ([`is_forecast_word`]).
pub const FORECAST: &[&str] = &[
    "analyst",
    "analysts",
    "analysts'",
    "street",
    "consensus",
    "expectation",
    "expectations",
    "projected",
    "projection",
    "projections",
    "guidance",
    "outlook",
    "target",
    "targets",
];

/// Verbs of expecting, as stems standing for their forms ("expects", "anticipated",
/// "forecasting"): a figure they govern is not yet revenue.
pub const FORECAST_VERBS: &[&str] = &["expect", "anticipate", "forecast", "predict", "estimate", "guide"];

/// Modal verbs: a figure in their clause is what could, would or will be ("Revenue could reach
/// $60 million"), not what was. "May" is left out: it is a month as often.
pub const MODALS: &[&str] = &["will", "would", "could", "should", "might"];

/// Whether `word` (lower case) says a figure is an expectation: a word of [`FORECAST`], a form
/// of a verb of [`FORECAST_VERBS`], or a modal.
pub fn is_forecast_word(word: &str) -> bool {
    FORECAST.contains(&word) || MODALS.contains(&word) || is_form_of(word, FORECAST_VERBS)
}

/// Words that end a line's name when reading backwards from "revenue": function words, and the
/// verbs and sentence words that stand between a subject and the line it reports.
pub const STOP_WORDS: &[&str] = &[
    // Articles, conjunctions, prepositions and pronouns: a name is a run of content words.
    "a",
    "an",
    "the",
    "and",
    "or",
    "of",
    "in",
    "for",
    "with",
    "to",
    "by",
    "from",
    "its",
    "our",
    "their",
    "while",
    "which",
    "that",
    "as",
    "at",
    "on",
    "but",
    "also",
    // Words that open a clause ("Although revenue rose …", "Meanwhile, hosting revenue …").
    "although",
    "though",
    "whereas",
    "when",
    "since",
    "because",
    "if",
    "after",
    "before",
    "despite",
    "meanwhile",
    "however",
    // Verbs of having and being (the verbs of reporting are [`REPORTING_VERBS`]).
    "had",
    "has",
    "have",
    "was",
    "were",
    "is",
    "are",
    "announces",
    "said",
    "grew",
    "include",
    "includes",
    "including",
    "included",
    "driven",
    // Words about the figure, not the line.
    "record",
    "consolidated",
    "higher",
    "lower",
    "mainly",
    "commencement",
    // The company and the quarter as subjects ("the Company's revenue", "the quarter's revenue").
    "company",
    "company's",
    "company’s",
    "quarter",
    "quarter's",
];

/// Verbs a company reports a figure with, as stems: the subject stands before them, the line
/// after ("the Company recognized HPC revenue of $X", "recognizing revenue of $X", "our cloud
/// segment generated $X"). Each stands for its forms: -s, -ed, -ing ([`is_reporting_verb`]).
pub const REPORTING_VERBS: &[&str] = &[
    "recognize",
    "recognise",
    "generate",
    "deliver",
    "post",
    "achieve",
    "exceed",
    "surpass",
    "earn",
    "realize",
    "realise",
    "contribute",
    "add",
    "record",
    "book",
    "report",
    "log",
    "notch",
];

/// Whether `word` (lower case) is a form of one of [`REPORTING_VERBS`].
pub fn is_reporting_verb(word: &str) -> bool {
    is_form_of(word, REPORTING_VERBS)
}

/// Whether `word` (lower case) is a form of one of the verbs `stems`: the verb itself, or with
/// -s, -ed or -ing ("anticipates", "logged", "posting").
fn is_form_of(word: &str, stems: &[&str]) -> bool {
    stems.iter().any(|verb| {
        let stem = verb.strip_suffix('e').unwrap_or(verb);
        let Some(ending) = word.strip_prefix(stem) else {
            return false;
        };
        let doubled = verb.chars().last().map(|c| format!("{c}")).unwrap_or_default();
        let ending =
            ending.strip_prefix(doubled.as_str()).filter(|rest| rest.starts_with(['e', 'i'])).unwrap_or(ending);
        matches!(ending, "" | "e" | "s" | "es" | "ed" | "d" | "ing")
    })
}

/// Words between a line's name and its figure that link them ("revenue … was $Y").
pub const LINKS: &[&str] = &[
    "was",
    "were",
    "is",
    "are",
    "of",
    "to",
    "at",
    "totaled",
    "totalled",
    "totaling",
    "totalling",
    "reach",
    "reached",
    "reaching",
    "amounted",
    "amounting",
    "stood",
    "hit",
    "hitting",
    "contributed",
    ":",
    // Verbs that take the figure as their object, a floor the line passed ("revenue topped $79.3
    // million"); the figure is the line's own. An expectation it passed is not ("exceeded the
    // $45 million consensus": the forecast rules drop it).
    "exceeded",
    "surpassed",
    "topped",
    "crossed",
    "registered",
];

/// Nouns of a change. An amount they govern ("revenue growth of $5.0 million", "an increase in
/// revenue of $14.3 million") is how far a line moved, not where it stands.
pub const CHANGE_NOUNS: &[&str] =
    &["growth", "increase", "decrease", "decline", "gain", "drop", "rise", "reduction", "improvement", "shortfall"];

/// Words that, right after an amount, make it a change ("a $14.3 million decrease in", "$2
/// million higher than"); each stands for the words it starts ("increased", "lowered").
pub const CHANGE_FOLLOWS: &[&str] = &[
    "increase", "decrease", "rise", "decline", "drop", "gain", "more", "less", "larger", "smaller", "higher", "lower",
    "change",
];

/// Verbs of movement. Right before an amount they make it a change ("increased $14.3 million,
/// or 42%, to $48.1 million": the level follows "to"); between a line and "from" they say the
/// line moved from the figure after it.
pub const MOVEMENT: &[&str] = &[
    "grew",
    "rose",
    "fell",
    "slipped",
    "declined",
    "dropped",
    "climbed",
    "jumped",
    "increased",
    "decreased",
    "gained",
    "improved",
    "growing",
    "rising",
    "falling",
    "slipping",
    "declining",
    "dropping",
    "climbing",
    "jumping",
    "increasing",
    "decreasing",
    "gaining",
    "improving",
];

/// Words between a line's name and the earlier figure it moved from ("revenue slipped 5% from").
pub const MOVED_FROM: &[&str] = &[
    // Adverbs of movement (its verbs are [`MOVEMENT`]).
    "up",
    "down",
    "still",
    // How far and against what.
    "by",
    "or",
    "year-over-year",
    "sequentially",
    "quarter-over-quarter",
    "from",
    "the",
];

/// Words that may stand between a link and the figure ("was approximately $Y").
pub const FILLERS: &[&str] =
    &["approximately", "about", "roughly", "nearly", "almost", "record", "a", "total", "usd", "us", "over"];

/// Endings of a compound that describes a line rather than names it ("GPU-powered").
pub const DESCRIBING: &[&str] =
    &["-powered", "-based", "-driven", "-focused", "-led", "-enabled", "-backed", "-oriented"];

/// Words of a line that name nothing but the company's revenue: a line made only of these is
/// the total ("Record quarterly revenue", "top-line revenue", "YoY revenue").
pub const COMPANY_WORDS: &[&str] = &[
    // Revenue itself, and the words for all of it.
    "revenue",
    "revenues",
    "total",
    "top-line",
    "top",
    "line",
    "headline",
    "overall",
    "group",
    "sales",
    "consolidated",
    "net",
    "gaap",
    "reported",
    "actual",
    "operational",
    "operating",
    // The period or the comparison it is stated in.
    "quarterly",
    "q1",
    "q2",
    "q3",
    "q4",
    "yoy",
    "year-over-year",
    "sequential",
    // Praise, which describes the figure and names no business.
    "record",
    "record-breaking",
    "strong",
    "solid",
    "robust",
    // The figure's standing, which names no business either.
    "unaudited",
    "preliminary",
    // The company speaking of itself ("We generated $23.7 million of revenue").
    "we",
];

/// Words that give a figure a scope longer than the quarter: it is not the quarter's revenue
/// unless the reader dated it to that longer period ("FY 2024 revenue", "full-year revenue",
/// "for the nine months").
pub const LONGER_SCOPE: &[&str] = &[
    "fy",
    "full-year",
    "full",
    "annual",
    "twelve",
    "nine",
    "six",
    "year-to-date",
    "ytd",
    "half",
    "half-year",
    "h1",
    "h2",
    "ttm",
    "ltm",
    "trailing",
    "nine-month",
    "six-month",
    "twelve-month",
];

/// Whether a numbered length ("13-week", "39-week", "6-month", "three-month") names a quarter
/// (`Some(false)`) or another scope (`Some(true)`): retailers' 52/53-week calendars state
/// quarters as 13 weeks and nine months as 39. `None` for any other word.
pub fn numbered_length(word: &str) -> Option<bool> {
    let (count, unit) = word.rsplit_once('-')?;
    let weeks = match unit {
        "week" | "weeks" => 1,
        "month" | "months" => 4,
        _ => return None,
    };
    let count: u32 = match count {
        "one" => 1,
        "three" => 3,
        "six" => 6,
        "nine" => 9,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        digits => digits.parse().ok()?,
    };
    Some(!(12..=14).contains(&(count * weeks)))
}

/// Words that give a figure a scope shorter than the quarter: a month's revenue in a monthly
/// update ("Monthly operating revenue of $3.5 million", "for the month of May") is not the
/// quarter's. "Months" is no such word ("three months ended").
pub const SHORTER_SCOPE: &[&str] = &["monthly", "month"];

/// Words that give a figure the quarter's scope; the nearer of these and [`LONGER_SCOPE`] wins
/// ("nine new sites … third-quarter revenue of $X" is the quarter's).
pub const QUARTER_WORDS: &[&str] = &[
    "quarter",
    "quarterly",
    "q1",
    "q2",
    "q3",
    "q4",
    "three",
    "three-month",
    "first-quarter",
    "second-quarter",
    "third-quarter",
    "fourth-quarter",
];

/// Phrases that put a figure in a longer period than a quarter, or in none.
pub const OTHER_PERIOD: &[&str] = &[
    "full year",
    "full-year",
    "year ended",
    "twelve months",
    "nine months",
    "six months",
    "six-month",
    "nine-month",
    "first half",
    "second half",
    "first-half",
    "second-half",
    "half year",
    "half-year",
    "trailing",
    "ttm",
    "ltm",
    "since inception",
    "since its inception",
    "inception to date",
    "inception-to-date",
    "all-time",
    "year-to-date",
    "year to date",
    "ytd",
    "month of",
    "annual",
    "annually",
    "annualized",
    "annualised",
    "guidance",
    "outlook",
    "expect",
    "expects",
    "expected",
];

/// Phrases naming a period still to come: a figure they govern, in its own clause, has no
/// quarter yet ("Revenue could reach $60 million next quarter"). Only the clause counts: "IREN,
/// which becomes a domestic filer next year, put revenue at $X" states the quarter's.
pub const FUTURE_PERIOD: &[&str] =
    &["next quarter", "next year", "next fiscal", "coming quarter", "coming year", "upcoming quarter"];

/// Whether `lower` says one of `phrases` as words of its own: "annual" is not said by
/// "semiannual", "expect" by "beat expectations", nor "month" by "three-month".
pub fn says(lower: &str, phrases: &[&str]) -> bool {
    last_said(lower, phrases).is_some()
}

/// Where `lower` last says one of `phrases` as whole words.
pub fn last_said(lower: &str, phrases: &[&str]) -> Option<usize> {
    let joined = |c: char| c.is_alphanumeric() || c == '-';
    let whole = |at: usize, phrase: &str| {
        let before = lower.get(..at).and_then(|t| t.chars().next_back());
        let after = lower.get(at + phrase.len()..).and_then(|t| t.chars().next());
        !before.is_some_and(joined) && !after.is_some_and(joined)
    };
    phrases
        .iter()
        .filter_map(|phrase| lower.match_indices(phrase).filter(|(at, _)| whole(*at, phrase)).last())
        .map(|(at, _)| at)
        .max()
}

/// Phrases naming the same period a year before: a comparison's ("up from $X in the prior-year
/// period"), or a figure's own ("In the year-ago quarter, revenue was $X").
pub const PRIOR_YEAR: &[&str] = &[
    "prior-year",
    "prior year",
    "year ago",
    "year-ago",
    "year earlier",
    "year prior",
    "last year",
    "previous year",
    "previous-year",
    "preceding year",
    "same period",
    "same quarter",
    "same three-month",
    "corresponding",
];

/// Adverbs that put a change's comparison a year back ("up 48% year over year") and name no
/// period of a figure's own.
pub const YEAR_ON_YEAR: &[&str] = &["year over year", "year-over-year", "yoy", "y/y", "year-on-year", "year on year"];

/// Phrases naming the quarter before, a comparison's or a figure's own.
pub const PRIOR_QUARTER: &[&str] =
    &["previous quarter", "prior quarter", "last quarter", "preceding quarter", "quarter ago", "quarter earlier"];

/// Words that head a table's column of changes ("% Change", "Variance"), besides the adverbs of
/// [`YEAR_ON_YEAR`] and [`QUARTER_ON_QUARTER`] ("YOY", "Q/Q").
pub const CHANGE_COLUMNS: &[&str] = &["change", "variance", "var"];

/// Whether `word` (lower case) heads a column of changes.
pub fn is_change_column(word: &str) -> bool {
    CHANGE_COLUMNS.contains(&word) || YEAR_ON_YEAR.contains(&word) || QUARTER_ON_QUARTER.contains(&word)
}

/// Adverbs that put a change's comparison a quarter back ("grew 10% sequentially").
pub const QUARTER_ON_QUARTER: &[&str] =
    &["sequential", "sequentially", "quarter-over-quarter", "quarter-on-quarter", "quarter on quarter", "qoq", "q/q"];

/// Words of other languages, each put into the English word the reader knows ([`super::language`]).
/// Only the classes the reader decides by are here: the revenue noun, the quarter and its
/// ordinals, net results that are not revenue, the words of comparison and the business lines.
/// German, Italian, Spanish, French and Portuguese; lower case, a space for any run of spaces.
pub const EUROPEAN_WORDS: &[(&str, &str)] = &[
    // The revenue noun: what makes a figure revenue.
    ("umsatz", "revenue"),
    ("umsätze", "revenue"),
    ("umsatzerlöse", "revenue"),
    ("erlöse", "revenue"),
    ("quartalsumsatz", "quarterly revenue"),
    ("gesamtumsatz", "total revenue"),
    ("fatturato", "revenue"),
    ("ricavi", "revenue"),
    ("ricavo", "revenue"),
    ("ingresos", "revenue"),
    ("facturación", "revenue"),
    ("chiffre d'affaires", "revenue"),
    ("revenus", "revenue"),
    ("receita", "revenue"),
    ("receitas", "revenue"),
    ("faturamento", "revenue"),
    ("totale", "total"),
    ("totales", "total"),
    ("totali", "total"),
    // Articles: a line's name is a run of content words, and an article ends it, as in English.
    ("der", "the"),
    ("die", "the"),
    ("das", "the"),
    ("den", "the"),
    ("dem", "the"),
    ("il", "the"),
    ("lo", "the"),
    ("la", "the"),
    ("le", "the"),
    ("les", "the"),
    ("el", "the"),
    ("los", "the"),
    ("las", "the"),
    ("gli", "the"),
    ("i", "the"),
    ("ein", "a"),
    ("eine", "a"),
    ("einen", "a"),
    ("einem", "a"),
    ("un", "a"),
    ("una", "a"),
    ("uno", "a"),
    ("unos", "a"),
    ("unas", "a"),
    ("une", "a"),
    ("uma", "a"),
    // The quarter and the year, and the ordinals that name a quarter.
    ("quartal", "quarter"),
    ("quartals", "quarter"),
    ("trimestre", "quarter"),
    ("trimestres", "quarter"),
    ("vorquartal", "prior quarter"),
    ("vorjahresquartal", "prior-year quarter"),
    ("geschäftsjahr", "fiscal year"),
    ("geschäftsjahres", "fiscal year"),
    ("erste", "first"),
    ("ersten", "first"),
    ("zweite", "second"),
    ("zweiten", "second"),
    ("dritte", "third"),
    ("dritten", "third"),
    ("vierte", "fourth"),
    ("vierten", "fourth"),
    ("primo", "first"),
    ("primer", "first"),
    ("primero", "first"),
    ("premier", "first"),
    ("primeiro", "first"),
    ("secondo", "second"),
    ("segundo", "second"),
    ("deuxième", "second"),
    ("terzo", "third"),
    ("tercer", "third"),
    ("tercero", "third"),
    ("troisième", "third"),
    ("terceiro", "third"),
    ("quarto", "fourth"),
    ("cuarto", "fourth"),
    ("quatrième", "fourth"),
    // Little words that join a quarter to its year and a figure to its noun ("trimestre del
    // 2024", "fatturato di 13,1 milioni"), and a movement to its end ("um 5 Prozent auf").
    ("im", "in the"),
    ("nel", "in the"),
    ("del", "of"),
    ("della", "of"),
    ("des", "of"),
    ("di", "of"),
    ("de", "of"),
    ("du", "of"),
    ("auf", "to"),
    // Where a figure comes from: a line ("Umsatz aus dem Mining", "ricavi da mining"), or the
    // start of a movement ("desde 9,0 millones"; "von X auf Y" is told apart by its amounts).
    ("von", "of"),
    ("aus", "from"),
    ("da", "from"),
    ("desde", "from"),
    // Where a figure stands: "in the" quarter or business.
    ("no", "in the"),
    ("na", "in the"),
    ("nos", "in the"),
    ("nas", "in the"),
    ("em", "in"),
    ("en", "in"),
    ("au", "in the"),
    // Conjunctions and prepositions that split a sentence into the clauses the reader reads one
    // by one ("a revenue of $13.1 million e a net loss of $5.5 million").
    ("und", "and"),
    ("sowie", "and"),
    ("e", "and"),
    ("y", "and"),
    ("et", "and"),
    ("oder", "or"),
    ("mentre", "while"),
    ("mientras", "while"),
    ("während", "while"),
    ("mit", "with"),
    ("con", "with"),
    ("avec", "with"),
    ("com", "with"),
    ("für", "for"),
    ("per", "for"),
    ("para", "for"),
    ("pour", "for"),
    // Net results and other metrics: a figure they govern is not revenue.
    ("nettoverlust", "net loss"),
    ("nettogewinn", "net income"),
    ("verlust", "loss"),
    ("gewinn", "profit"),
    ("perdita", "loss"),
    ("utile", "profit"),
    ("pérdida", "loss"),
    ("ganancia", "profit"),
    ("beneficio", "profit"),
    ("perte", "loss"),
    ("bénéfice", "profit"),
    ("prejuízo", "loss"),
    ("lucro", "profit"),
    // Costs, expenses and margins: what revenue pays for, not revenue ("costo de los ingresos").
    ("kosten", "costs"),
    ("costo", "cost"),
    ("costi", "costs"),
    ("coste", "cost"),
    ("costes", "costs"),
    ("coût", "cost"),
    ("coûts", "costs"),
    ("custo", "cost"),
    ("custos", "costs"),
    ("spese", "expenses"),
    ("gastos", "expenses"),
    ("dépenses", "expenses"),
    ("despesas", "expenses"),
    ("margine", "margin"),
    ("margen", "margin"),
    ("marge", "margin"),
    ("margem", "margin"),
    ("netta", "net"),
    ("netto", "net"),
    ("neta", "net"),
    ("neto", "net"),
    ("nette", "net"),
    ("líquido", "net"),
    // Comparison: the figure after it belongs to another period.
    ("gegenüber", "compared to"),
    ("im vergleich zu", "compared to"),
    ("im vergleich zum", "compared to the"),
    ("verglichen mit", "compared to"),
    ("rispetto a", "compared to"),
    ("rispetto al", "compared to the"),
    ("rispetto ai", "compared to the"),
    ("rispetto alla", "compared to the"),
    ("frente a", "compared to"),
    ("comparado con", "compared to"),
    ("en comparación con", "compared to"),
    ("par rapport à", "compared to"),
    ("em comparação com", "compared to"),
    ("contre", "against"),
    ("contra", "against"),
    ("inferiore a", "below"),
    ("inferiori a", "below"),
    ("inferiores a", "below"),
    ("inférieur à", "below"),
    ("superiore a", "above"),
    ("superiori a", "above"),
    ("superiores a", "above"),
    ("supérieur à", "above"),
    // The period a comparison points to.
    ("mismo período", "same period"),
    ("mismo periodo", "same period"),
    ("stesso periodo", "same period"),
    ("même période", "same period"),
    ("mesmo período", "same period"),
    ("año pasado", "last year"),
    ("año anterior", "prior year"),
    ("anno scorso", "last year"),
    ("anno precedente", "prior year"),
    ("année dernière", "last year"),
    ("année précédente", "prior year"),
    ("ano passado", "last year"),
    ("ano anterior", "prior year"),
    ("vorjahr", "prior year"),
    ("vorjahres", "prior year"),
    ("jahresvergleich", "year-over-year comparison"),
    // Business lines.
    ("minería", "mining"),
    ("minage", "mining"),
    ("mineração", "mining"),
    ("estrazione", "mining"),
    ("alojamiento", "hosting"),
    ("hébergement", "hosting"),
    ("hospedagem", "hosting"),
    ("rechenzentrum", "data center"),
    ("rechenzentren", "data centers"),
    ("ki", "AI"),
    ("ia", "AI"),
];

/// The commonest words of the European languages of [`EUROPEAN_WORDS`]: a text with more of
/// them than of [`ENGLISH_COMMON`] is written in one of those languages, and its figures in their
/// notation ("1.775" a thousand, "87,3" a decimal).
/// Words an English text also holds ("Las Vegas", "per share", "10 a.m. ET", "x.com") are left out.
pub const EUROPEAN_COMMON: &[&str] = &[
    "der", "die", "das", "und", "von", "ist", "wurde", "sich", "dem", "einen", "eine", "bei", "auch", "nicht", "wird",
    "zum", "il", "di", "che", "sono", "delle", "della", "degli", "nel", "nella", "gli", "una", "anche", "non", "que",
    "por", "fue", "del", "los", "las", "en", "su", "sus", "más", "este", "esta", "entre", "durante", "según", "le",
    "les", "du", "au", "aux", "une", "pour", "sur", "avec", "dans", "qui", "ces", "cette", "été", "uma", "foi", "não",
    "pela", "pelo", "ao", "seu", "sua",
];

/// The commonest English words, against which [`EUROPEAN_COMMON`] is counted.
pub const ENGLISH_COMMON: &[&str] =
    &["the", "and", "of", "to", "in", "for", "was", "with", "is", "its", "from", "on", "by", "that", "were"];

/// Words of Chinese (simplified and traditional) and Japanese, each put into the English word the
/// reader knows; these scripts have no spaces, so each is matched where it stands, longest first.
pub const EAST_ASIAN_WORDS: &[(&str, &str)] = &[
    // The revenue noun.
    ("营业收入", "revenue"),
    ("營業收入", "revenue"),
    ("总收入", "total revenue"),
    ("總收入", "total revenue"),
    ("营收", "revenue"),
    ("營收", "revenue"),
    ("收入", "revenue"),
    ("売上高", "revenue"),
    ("売上収益", "revenue"),
    ("売上", "revenue"),
    ("収益", "revenue"),
    // Business lines.
    ("比特币", "bitcoin"),
    ("比特幣", "bitcoin"),
    ("ビットコイン", "bitcoin"),
    ("挖矿", "mining"),
    ("采矿", "mining"),
    ("採礦", "mining"),
    ("挖礦", "mining"),
    ("矿业", "mining"),
    ("礦業", "mining"),
    ("マイニング", "mining"),
    ("托管", "hosting"),
    ("託管", "hosting"),
    ("ホスティング", "hosting"),
    ("高性能计算", "HPC"),
    ("高性能計算", "HPC"),
    ("人工智能", "AI"),
    // Words that make a revenue word another metric or another line: "売上総利益" is gross profit,
    // "其他收入" other income, "產品收入" product revenue.
    ("売上総利益", "gross profit"),
    ("売上原価", "cost of revenue"),
    ("营业成本", "cost of revenue"),
    ("營業成本", "cost of revenue"),
    ("其他收入", "other income"),
    ("利息收入", "interest income"),
    ("净收入", "net income"),
    ("淨收入", "net income"),
    ("产品收入", "product revenue"),
    ("產品收入", "product revenue"),
    ("原価", "cost"),
    ("原价", "cost"),
    ("费用", "expenses"),
    ("費用", "expenses"),
    ("総利益", "gross profit"),
    ("其他", "other"),
    // The scope of a figure other than a quarter.
    ("上半年", "first half"),
    ("全年", "full year"),
    // Net results and other metrics: a figure they govern is not revenue.
    ("净亏损", "net loss"),
    ("淨虧損", "net loss"),
    ("純損失", "net loss"),
    ("净利润", "net income"),
    ("淨利潤", "net income"),
    ("純利益", "net income"),
    ("毛利", "gross profit"),
    ("成本", "cost"),
    // Comparison. A decrease or increase "of" an amount, written after it ("8280万ドルの減少"),
    // makes the amount a change.
    ("の減少", "decrease"),
    ("の増加", "increase"),
    ("減少", "decrease"),
    ("増加", "increase"),
    // … but a movement "from" an amount ("1億7930万ドルから減少") leaves it an earlier figure.
    ("から減少", " "),
    ("から増加", " "),
    ("环比", "sequentially"),
    ("環比", "sequentially"),
    ("前四半期比", "sequentially"),
    ("同比", "year over year"),
    ("前年同期比", "year over year"),
    ("同期", "same period"),
    ("较", "compared to"),
    ("較", "compared to"),
    ("而", "while"),
    // The verb that states a figure, and the words that only contain its character.
    ("因为", "because"),
    ("因為", "because"),
    ("作为", "as"),
    ("作為", "as"),
    ("成为", "became"),
    ("成為", "became"),
    ("认为", "believe"),
    ("認為", "believe"),
    ("为", "was"),
    ("為", "was"),
    ("达到", "reached"),
    ("達到", "reached"),
];
