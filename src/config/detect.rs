//! The `[detect]` table: what counts as a crossover. Errors name the line like the rest of the config.

use serde::Deserialize;
use toml::Spanned;

use super::ConfigError;
use super::value::At;
use crate::detect::DetectSettings;
use crate::model::BitcoinSide;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDetect {
    bitcoin_side: Option<Spanned<String>>,
    approach_threshold: Option<Spanned<f64>>,
}

/// Checks `[detect]`; what it leaves out keeps the detector's defaults.
pub(super) fn validate(raw: RawDetect, at: At) -> Result<DetectSettings, ConfigError> {
    let mut settings = DetectSettings::default();
    if let Some(side) = raw.bitcoin_side {
        settings.bitcoin_side = BitcoinSide::parse(side.get_ref()).ok_or_else(|| {
            at(
                side.span(),
                format!("detect.bitcoin_side {:?}: expected \"mining+hosting\" or \"mining\"", side.get_ref()),
            )
        })?;
    }
    if let Some(threshold) = raw.approach_threshold {
        let t = *threshold.get_ref();
        if !(t > 0.0 && t <= 0.5) {
            return Err(at(threshold.span(), format!("detect.approach_threshold must be in (0, 0.5], got {t}")));
        }
        settings.approach_threshold = t;
    }
    Ok(settings)
}

#[cfg(test)]
mod tests {
    use super::super::parse_tables as parse;
    use super::*;

    #[test]
    fn defaults_without_the_table() {
        assert_eq!(parse("").unwrap().detect, DetectSettings::default());
    }

    #[test]
    fn the_table_is_read() {
        let config = parse("[detect]\nbitcoin_side = \"mining\"\napproach_threshold = 0.3\n").unwrap();
        assert_eq!(config.detect, DetectSettings { bitcoin_side: BitcoinSide::Mining, approach_threshold: 0.3 });
    }

    #[test]
    fn mistakes_name_their_line() {
        let cases = [
            ("[detect]\nbitcoin_side = \"hpc\"\n", "test.toml:4: detect.bitcoin_side \"hpc\""),
            ("[detect]\napproach_threshold = 0.7\n", "test.toml:4: detect.approach_threshold must be in (0, 0.5]"),
        ];
        for (tables, expected) in cases {
            let e = parse(tables).err().unwrap_or_default();
            assert!(e.starts_with(expected), "{tables}\n→ {e}");
        }
    }
}
