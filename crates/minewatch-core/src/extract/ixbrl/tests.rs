//! Whole-document behaviour: facts, contexts, units and what broken input gives.
//! The transforms and number rules have their own tests beside them.

use std::collections::BTreeMap;

use super::*;

/// A small iXBRL document: `body` goes into the page, after a header holding contexts
/// `c1` (a quarter), `c2` (an instant with a dimension) and units `usd`, `eur`, `usdPerShare`.
fn document(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL"
      xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:xbrldi="http://xbrl.org/2006/xbrldi"
      xmlns:iso4217="http://www.xbrl.org/2003/iso4217" xmlns:us-gaap="http://fasb.org/us-gaap/2024"
      xmlns:srt="http://fasb.org/srt/2024" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
      xmlns:ixt="http://www.xbrl.org/inlineXBRL/transformation/2020-02-12"
      xmlns:ixt2="http://www.xbrl.org/inlineXBRL/transformation/2015-02-26"
      xmlns:ixt-sec="http://www.sec.gov/inlineXBRL/transformation/2015-08-31">
<body><div style="display:none"><ix:header><ix:resources>
<xbrli:context id="c1"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">1</xbrli:identifier></xbrli:entity>
  <xbrli:period><xbrli:startDate>2026-01-01</xbrli:startDate><xbrli:endDate>2026-03-31</xbrli:endDate></xbrli:period></xbrli:context>
<xbrli:context id="c2"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">1</xbrli:identifier>
  <xbrli:segment><xbrldi:explicitMember dimension="srt:ProductOrServiceAxis"> us-gaap:HostingMember </xbrldi:explicitMember></xbrli:segment></xbrli:entity>
  <xbrli:period><xbrli:instant>2026-03-31</xbrli:instant></xbrli:period></xbrli:context>
<xbrli:unit id="usd"><xbrli:measure>iso4217:USD</xbrli:measure></xbrli:unit>
<xbrli:unit id="eur"><xbrli:measure>iso4217:EUR</xbrli:measure></xbrli:unit>
<xbrli:unit id="usdPerShare"><xbrli:divide><xbrli:unitNumerator><xbrli:measure>iso4217:USD</xbrli:measure></xbrli:unitNumerator>
  <xbrli:unitDenominator><xbrli:measure>xbrli:shares</xbrli:measure></xbrli:unitDenominator></xbrli:divide></xbrli:unit>
</ix:resources></ix:header></div>
{body}
</body></html>"#
    )
}

fn facts(body: &str) -> Vec<XbrlFact> {
    match parse_detailed(document(body).as_bytes()) {
        Ok(parsed) => {
            assert_eq!(parsed.skipped, vec![], "no fact should be skipped");
            parsed.facts
        }
        Err(e) => panic!("document should parse: {e}"),
    }
}

fn values(body: &str) -> Vec<Option<String>> {
    facts(body).into_iter().map(|f| f.value).collect()
}

fn skipped(body: &str) -> Vec<IxbrlError> {
    match parse_detailed(document(body).as_bytes()) {
        Ok(parsed) => {
            assert!(parsed.facts.is_empty(), "expected no facts, got {:?}", parsed.facts);
            parsed.skipped
        }
        Err(e) => panic!("document should parse: {e}"),
    }
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
}

#[test]
fn reads_a_fact_with_its_context_and_unit() {
    let got = facts(
        r#"<td>$<ix:nonFraction name="us-gaap:Revenues" contextRef="c1" unitRef="usd" decimals="-6"
            scale="6" format="ixt:num-dot-decimal">21.0</ix:nonFraction></td>"#,
    );
    let expected = XbrlFact {
        concept: "us-gaap:Revenues".into(),
        period_start: Some(date("2026-01-01")),
        period_end: date("2026-03-31"),
        dimensions: BTreeMap::new(),
        unit: Some("iso4217:USD".into()),
        decimals: Some("-6".into()),
        value: Some("21000000".into()),
    };
    assert_eq!(got, vec![expected]);
}

#[test]
fn instant_context_dimensions_and_divided_unit() {
    let got = facts(
        r#"<ix:nonFraction name="us-gaap:EarningsPerShareBasic" contextRef="c2" unitRef="usdPerShare"
            decimals="2">0.52</ix:nonFraction>"#,
    );
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].period_start, None);
    assert_eq!(got[0].period_end, date("2026-03-31"));
    let dims: Vec<_> = got[0].dimensions.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(dims, [("srt:ProductOrServiceAxis", "us-gaap:HostingMember")]);
    assert_eq!(got[0].unit.as_deref(), Some("iso4217:USD"));
    assert_eq!(got[0].value.as_deref(), Some("0.52"));
}

#[test]
fn contexts_and_units_after_the_facts_and_a_typed_member() {
    let body = r#"<ix:nonFraction name="us-gaap:Revenues" contextRef="late" unitRef="eth" decimals="0">5</ix:nonFraction>
        <div style="display:none"><xbrli:context id="late"><xbrli:entity><xbrli:identifier scheme="x">1</xbrli:identifier>
        <xbrli:segment><xbrldi:typedMember dimension="us-gaap:StartDateAxis"><us-gaap:d>2027-01-01</us-gaap:d></xbrldi:typedMember></xbrli:segment>
        </xbrli:entity><xbrli:period><xbrli:instant>2026-06-30</xbrli:instant></xbrli:period></xbrli:context>
        <xbrli:unit id="eth"><xbrli:measure>us-gaap:ETH</xbrli:measure></xbrli:unit></div>"#;
    let got = facts(body);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].dimensions.get("us-gaap:StartDateAxis").map(String::as_str), Some("None"));
    assert_eq!(got[0].unit.as_deref(), Some("us-gaap:ETH"));
}

#[test]
fn a_non_usd_unit_is_just_another_unit() {
    let got = facts(r#"<ix:nonFraction name="us-gaap:Revenues" contextRef="c1" unitRef="eur">7</ix:nonFraction>"#);
    assert_eq!(got[0].unit.as_deref(), Some("iso4217:EUR"));
    assert_eq!(got[0].decimals, None);
}

#[test]
fn each_format_transform() {
    let fact = |format: &str, text: &str| {
        format!(r#"<ix:nonFraction name="a:b" contextRef="c1" unitRef="usd" format="{format}">{text}</ix:nonFraction>"#)
    };
    let body = [
        fact("ixt:num-dot-decimal", "1,234.50"),
        fact("ixt:num-comma-decimal", "1.234,50"),
        fact("ixt:fixed-zero", "—"),
        fact("ixt:num-unit-decimal", "5 dollars 25"),
        fact("ixt2:numdotdecimal", "1,234.50"),
        fact("ixt2:numcommadecimal", "1.234,50"),
        fact("ixt2:zerodash", "-"),
        fact("ixt2:numunitdecimal", "5 dollars 5"),
        fact("ixt-sec:numwordsen", "twenty-two"),
        fact("ixt-sec:numwordsen", "no"),
    ]
    .concat();
    let expected = ["1234.5", "1234.5", "0", "5.25", "1234.50", "1234.50", "0", "5.05", "22", "0"];
    assert_eq!(values(&body), expected.map(|v| Some(v.to_owned())));
}

#[test]
fn sign_and_scale() {
    let body = r#"
        <ix:nonFraction name="a:b" contextRef="c1" unitRef="usd" scale="3" sign="-" format="ixt:num-dot-decimal">1,250</ix:nonFraction>
        <ix:nonFraction name="a:b" contextRef="c1" unitRef="usd" scale="-2" format="ixt:num-dot-decimal">52</ix:nonFraction>
        <ix:nonFraction name="a:b" contextRef="c1" unitRef="usd" scale="9" decimals="-8">6.0</ix:nonFraction>
        <ix:nonFraction name="a:b" contextRef="c1" unitRef="usd" scale="6" sign="-" format="ixt:fixed-zero">—</ix:nonFraction>"#;
    assert_eq!(values(body), ["-1250000", "0.52", "6000000000.0", "-0"].map(|v| Some(v.to_owned())));
}

#[test]
fn nested_facts_both_count_and_share_text() {
    let body = r#"<ix:nonFraction name="a:outer" contextRef="c1" unitRef="usd" format="ixt:num-dot-decimal"><b><ix:nonFraction
        name="a:inner" contextRef="c1" unitRef="usd" format="ixt:num-dot-decimal" scale="3">1,000</ix:nonFraction></b></ix:nonFraction>"#;
    let got = facts(body);
    let by_concept: Vec<_> = got.iter().map(|f| (f.concept.as_str(), f.value.as_deref())).collect();
    assert_eq!(by_concept, [("a:inner", Some("1000000")), ("a:outer", Some("1000"))]);
}

#[test]
fn namespace_declarations_inside_the_body_hold_for_their_element_only() {
    let body = r#"<div xmlns:inl="http://www.xbrl.org/2013/inlineXBRL"><inl:nonFraction name="a:b" contextRef="c1"
        unitRef="usd">5</inl:nonFraction></div><span xmlns:inl="urn:not-inline-xbrl"><inl:nonFraction name="a:c"
        contextRef="c1" unitRef="usd">6</inl:nonFraction></span><br xmlns:ix="urn:not-inline-xbrl"/><ix:nonFraction
        name="a:d" contextRef="c1" unitRef="usd">7</ix:nonFraction>"#;
    let got: Vec<_> = facts(body).into_iter().map(|f| (f.concept, f.value)).collect();
    assert_eq!(got, [("a:b".to_owned(), Some("5".to_owned())), ("a:d".to_owned(), Some("7".to_owned()))]);
}

#[test]
fn exclude_content_is_not_part_of_the_value() {
    let body = r#"<ix:nonFraction name="a:b" contextRef="c1" unitRef="usd" format="ixt:num-dot-decimal">1,2<ix:exclude>
        <span>(note 4)</span></ix:exclude>34</ix:nonFraction>"#;
    assert_eq!(values(body), [Some("1234".to_owned())]);
}

#[test]
fn entities_comments_and_cdata_in_the_value() {
    let body = r#"<ix:nonFraction name="a:b" contextRef="c1" unitRef="usd" format="ixt:num-dot-decimal">1&#44;2<!-- x -->3<![CDATA[4]]></ix:nonFraction>"#;
    assert_eq!(values(body), [Some("1234".to_owned())]);
}

#[test]
fn nil_facts_have_no_value() {
    let body = r#"<ix:nonFraction name="us-gaap:CommitmentsAndContingencies" contextRef="c2" unitRef="usd"
        xsi:nil="true"/><ix:nonFraction name="a:b" contextRef="c2" unitRef="usd" xsi:nil="false">3</ix:nonFraction>"#;
    assert_eq!(values(body), [None, Some("3".to_owned())]);
}

#[test]
fn facts_in_hidden_sections_count() {
    let body = r#"<div style="display:none"><ix:hidden><ix:nonFraction name="a:b" contextRef="c1" unitRef="usd"
        decimals="INF">4</ix:nonFraction></ix:hidden></div>"#;
    assert_eq!(values(body), [Some("4".to_owned())]);
}

#[test]
fn a_missing_context_skips_the_fact_with_a_clear_error() {
    let problems = skipped(r#"<ix:nonFraction name="a:b" contextRef="nowhere" unitRef="usd">1</ix:nonFraction>"#);
    assert!(matches!(&problems[..], [IxbrlError::UnknownContext { id, .. }] if id == "nowhere"), "{problems:?}");
    assert!(problems[0].to_string().contains("contextRef \"nowhere\" names no context"));
    let problems = skipped(r#"<ix:nonFraction name="a:b" unitRef="usd">1</ix:nonFraction>"#);
    assert!(matches!(&problems[..], [IxbrlError::MissingAttribute { attribute: "contextRef", .. }]));
}

#[test]
fn a_missing_unit_skips_the_fact_with_a_clear_error() {
    let problems = skipped(r#"<ix:nonFraction name="a:b" contextRef="c1" unitRef="btc">1</ix:nonFraction>"#);
    assert!(matches!(&problems[..], [IxbrlError::UnknownUnit { id, .. }] if id == "btc"), "{problems:?}");
    let problems = skipped(r#"<ix:nonFraction name="a:b" contextRef="c1">1</ix:nonFraction>"#);
    assert!(matches!(&problems[..], [IxbrlError::MissingAttribute { attribute: "unitRef", .. }]));
}

#[test]
fn an_unreadable_number_skips_the_fact_and_says_where() {
    let problems = skipped(
        r#"<ix:nonFraction name="a:b" contextRef="c1" unitRef="usd" format="ixt:num-dot-decimal">(12)</ix:nonFraction>
        <ix:nonFraction name="a:b" contextRef="c1" unitRef="usd">n/a</ix:nonFraction>
        <ix:nonFraction name="a:b" contextRef="c1" unitRef="usd" format="ixt:date-monthname-day-year-en">1</ix:nonFraction>
        <ix:nonFraction name="a:b" contextRef="c1" unitRef="usd" scale="x">1</ix:nonFraction>"#,
    );
    assert!(matches!(&problems[0], IxbrlError::BadNumber { text, .. } if text == "(12)"), "{problems:?}");
    assert!(matches!(&problems[1], IxbrlError::BadNumber { text, .. } if text == "n/a"));
    assert!(matches!(&problems[2], IxbrlError::UnsupportedFormat { .. }));
    assert!(matches!(&problems[3], IxbrlError::BadScale { .. }));
    let IxbrlError::BadNumber { at, .. } = &problems[0] else {
        return;
    };
    assert_eq!(at.line, 20, "{}", problems[0]);
}

#[test]
fn broken_xml_is_an_error_with_a_position() {
    let text = document("<p><b>1</p>");
    let Err(IxbrlError::Xml { at, message }) = parse(text.as_bytes()) else {
        panic!("mismatched tags must fail");
    };
    assert_eq!(at.line, 20, "{message}");
}

#[test]
fn a_truncated_file_is_an_error() {
    let text = document("");
    for cut in [text.len() / 2, text.len() - 10, 200] {
        let result = parse(&text.as_bytes()[..cut]);
        assert!(
            matches!(result, Err(IxbrlError::Truncated { .. } | IxbrlError::Xml { .. })),
            "cut at {cut}: {result:?}"
        );
    }
}

#[test]
fn empty_garbage_and_non_utf8_input_are_errors() {
    assert_eq!(parse(b""), Err(IxbrlError::Empty));
    assert_eq!(parse(b" \n\t "), Err(IxbrlError::Empty));
    assert_eq!(parse(b"\xff\xfe\x00garbage"), Err(IxbrlError::NotUtf8 { offset: 0 }));
    assert_eq!(
        parse(b"just some words"),
        Err(IxbrlError::Xml { at: Position { line: 1, offset: 0 }, message: "text outside the root element".into() })
    );
    assert!(parse(b"<<<>>>").is_err());
    assert!(parse(b"<a></a><b></b>").is_err());
    assert!(parse(b"<a>&nbsp;</a>").is_err());
}

#[test]
fn a_document_without_facts_is_empty_not_an_error() {
    assert_eq!(parse(b"<html><body><p>No XBRL here.</p></body></html>"), Ok(vec![]));
}

#[test]
fn leading_blank_line_and_byte_order_mark_are_accepted() {
    let text = format!(
        "\u{feff}\n\n{}",
        document(r#"<ix:nonFraction name="a:b" contextRef="c1" unitRef="usd">1</ix:nonFraction>"#)
    );
    assert_eq!(parse(text.as_bytes()).map(|f| f.len()), Ok(1));
}

#[test]
fn arbitrary_bytes_never_panic() {
    let text = document(r#"<ix:nonFraction name="a:b" contextRef="c1" unitRef="usd" scale="3">1</ix:nonFraction>"#);
    let bytes = text.as_bytes();
    let mut rng = fastrand::Rng::with_seed(7);
    for _ in 0..300 {
        let mut mutated = bytes.to_vec();
        for _ in 0..rng.usize(1..8) {
            let i = rng.usize(..mutated.len());
            mutated[i] = rng.u8(..);
        }
        let _ = parse(&mutated);
        let _ = parse(&mutated[..rng.usize(..mutated.len())]);
    }
}

#[test]
fn markup_characters_anywhere_never_panic() {
    let text = document(
        r#"<div xmlns:n="http://www.xbrl.org/2013/inlineXBRL"><n:nonFraction name="a:b" contextRef="c1" unitRef="usd"
        scale="3" format="ixt:num-dot-decimal">1<ix:exclude>x</ix:exclude>&#50;</n:nonFraction><br xmlns:q="u"/></div>"#,
    );
    let mut rng = fastrand::Rng::with_seed(21);
    for _ in 0..300 {
        let mutated = markup::sprinkle_markup_characters(&text, &mut rng).into_bytes();
        let _ = parse(&mutated);
        let _ = parse(&mutated[..rng.usize(..mutated.len())]);
    }
}
