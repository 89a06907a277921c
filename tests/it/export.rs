//! The CSV exports over the demo world: `facts --csv` and `signals --csv` print what
//! `/api/series.csv` and `/api/signals.csv` serve, and pandas reads each with the right types.

use std::path::Path;
use std::process::Command;

use reqwest::StatusCode;

use crate::serve::{get, start};
use crate::support::world;

/// Reads each CSV named on the command line with pandas and prints, per file, the column types
/// and the rows asked for; the test checks them.
const PANDAS: &str = r#"
import sys, json, pandas as pd
series = pd.read_csv(sys.argv[1], parse_dates=["period_start", "period_end"])
signals = pd.read_csv(sys.argv[2], parse_dates=["period_start", "period_end"])
q1 = series[(series.ticker == "WULF") & (series.quarter == "Q1 2026") & (series["class"] == "hpc")]
cross = signals[(signals.ticker == "WULF") & (signals.signal == "crossover") & (signals["class"] == "hpc")]
print(json.dumps({
    "series": {c: str(t) for c, t in series.dtypes.items()},
    "signals": {c: str(t) for c, t in signals.dtypes.items()},
    "wulf_q1_hpc": [int(v) for v in q1.value_usd],
    "wulf_q1_source": [str(u) for u in q1.source_url],
    "wulf_crossover": [[str(q), int(v), float(s)] for q, v, s in zip(cross.quarter, cross.value_usd, cross.hpc_share)],
    "tickers": sorted(set(series.ticker)),
}))
"#;

/// The first Python 3 that has pandas: the one on PATH, else Debian's (`python3-pandas`, which
/// .ci/run installs, goes there even when PATH leads to another Python).
fn python_with_pandas() -> &'static str {
    let has_pandas =
        |python: &str| Command::new(python).args(["-c", "import pandas"]).output().is_ok_and(|o| o.status.success());
    ["python3", "/usr/bin/python3"]
        .into_iter()
        .find(|p| has_pandas(p))
        .unwrap_or_else(|| panic!("no python3 with pandas: apt-get install python3-pandas (.ci/run installs it)"))
}

fn minewatch(data_dir: &Path, args: &[&str]) -> String {
    let out =
        Command::new(env!("CARGO_BIN_EXE_minewatch")).arg("--data-dir").arg(data_dir).args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[tokio::test]
async fn the_cli_and_http_exports_agree_and_pandas_reads_them_typed() {
    let dir = &world().dir;
    let base = start(dir, None).await;
    let mut files = Vec::new();
    let folder = tempfile::tempdir().unwrap();
    for (path, args) in [("/api/series.csv", ["facts", "--csv"]), ("/api/signals.csv", ["signals", "--csv"])] {
        let got = get(&format!("{base}{path}")).await;
        assert_eq!(got.status, StatusCode::OK, "{path}: {}", got.body);
        let header = |name: &str| got.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
        assert_eq!(header("content-type"), "text/csv; charset=utf-8", "{path}");
        assert!(header("content-disposition").starts_with("attachment; filename=\"minewatch-"), "{path}");
        assert_eq!(minewatch(dir, &args), got.body, "{args:?} prints what {path} serves");
        let file = folder.path().join(path.trim_start_matches("/api/"));
        std::fs::write(&file, &got.body).unwrap();
        files.push(file);
    }

    let out = Command::new(python_with_pandas()).arg("-c").arg(PANDAS).args(&files).output().unwrap();
    assert!(out.status.success(), "pandas: {}", String::from_utf8_lossy(&out.stderr));
    let read: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for table in ["series", "signals"] {
        let types = &read[table];
        for (column, dtype) in [
            ("ticker", "object"),
            ("fiscal_year", "int64"),
            ("fiscal_quarter", "int64"),
            ("period_start", "datetime64[ns]"),
            ("period_end", "datetime64[ns]"),
            ("value_usd", "int64"),
            ("derived", "bool"),
            ("disagreement", "bool"),
            ("source_url", "object"),
        ] {
            assert_eq!(types[column], dtype, "{table}.{column}: {types}");
        }
    }
    assert_eq!(read["signals"]["hpc_share"], "float64");
    assert_eq!(read["wulf_q1_hpc"], serde_json::json!([21_047_000]));
    assert_eq!(
        read["wulf_q1_source"][0],
        "https://www.sec.gov/Archives/edgar/data/1083301/000108330126000014/wulf-20260331.htm",
        "the 10-Q the value was chosen from, at its address"
    );
    let crossover = &read["wulf_crossover"][0];
    assert_eq!((crossover[0].as_str(), crossover[1].as_i64()), (Some("Q1 2026"), Some(21_047_000)), "{read}");
    assert!(crossover[2].as_f64().unwrap() > 0.5, "{read}");
    assert!(read["tickers"].as_array().unwrap().len() > 5, "{read}");
}

#[tokio::test]
async fn the_series_export_narrows_to_tickers_and_refuses_unknown_ones() {
    let base = start(&world().dir, None).await;
    let wulf = get(&format!("{base}/api/series.csv?ticker=wulf")).await;
    assert_eq!(wulf.status, StatusCode::OK);
    let rows: Vec<&str> = wulf.body.lines().skip(1).collect();
    assert!(!rows.is_empty() && rows.iter().all(|r| r.starts_with("WULF,TeraWulf Inc.,")), "{}", wulf.body);
    for (query, status) in [("ticker=NOPE", StatusCode::NOT_FOUND), ("page=2", StatusCode::BAD_REQUEST)] {
        let got = get(&format!("{base}/api/series.csv?{query}")).await;
        assert_eq!(got.status, status, "{query}: {}", got.body);
    }
}
