//! `[serve]`: the HTTP server's settings. The bearer token may also come from the environment,
//! so that it need not be written into a config file that is checked in.

use serde::Deserialize;

use super::ConfigError;
use super::value::At;

/// Environment variable that sets (and overrides) `serve.token`.
pub const TOKEN_ENV: &str = "MINEWATCH_TOKEN";

/// Validated `[serve]` settings.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct ServeConfig {
    /// When set, every request must carry `Authorization: Bearer <token>`.
    token: Option<String>,
}

impl std::fmt::Debug for ServeConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServeConfig").field("token", &self.token.as_ref().map(|_| "<set>")).finish()
    }
}

impl ServeConfig {
    /// The token to require: `MINEWATCH_TOKEN` when set and not blank, else `serve.token`.
    pub fn token(&self) -> Option<String> {
        std::env::var(TOKEN_ENV).ok().filter(|t| !t.trim().is_empty()).or_else(|| self.token.clone())
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawServe {
    token: Option<toml::Spanned<String>>,
}

/// Checks `[serve]`.
pub(super) fn validate(raw: RawServe, at: At) -> Result<ServeConfig, ConfigError> {
    let Some(token) = raw.token else { return Ok(ServeConfig::default()) };
    let value = token.get_ref();
    if value.is_empty() || value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(at(token.span(), "serve.token must be non-empty and without spaces".to_string()));
    }
    Ok(ServeConfig { token: Some(value.clone()) })
}
