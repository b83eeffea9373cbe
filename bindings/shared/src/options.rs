//! The client's options and a batch's budget, read and checked once for both packages. Each host reads its
//! own spelling (`timeout` in seconds in Python, `timeoutMs` in milliseconds in Node) into
//! [`ClientOptions`]; a value that cannot be used is an [`InvalidOption`] naming the option as the caller
//! wrote it.

use omixa::Catalog;
use omixa::client::{Client, Error as ClientError};
use rust_decimal::Decimal;
use std::str::FromStr;
use std::time::Duration;

/// An option the caller gave that cannot be used; the message names it and says what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidOption(pub String);

impl std::fmt::Display for InvalidOption {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for InvalidOption {}

/// The unit a host gives durations in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeUnit {
    Seconds,
    Milliseconds,
}

impl TimeUnit {
    fn name(self) -> &'static str {
        match self {
            TimeUnit::Seconds => "seconds",
            TimeUnit::Milliseconds => "milliseconds",
        }
    }
}

/// A duration option (`name` as the caller spells it): a finite, non-negative number of `unit`s.
pub fn duration(name: &str, amount: f64, unit: TimeUnit) -> Result<Duration, InvalidOption> {
    let seconds = match unit {
        TimeUnit::Seconds => amount,
        TimeUnit::Milliseconds => amount / 1000.0,
    };
    Duration::try_from_secs_f64(seconds).map_err(|_| {
        InvalidOption(format!(
            "`{name}` must be a non-negative number of {}, got {amount}",
            unit.name()
        ))
    })
}

/// [`duration`] for an option that may be left out.
pub fn optional_duration(
    name: &str,
    amount: Option<f64>,
    unit: TimeUnit,
) -> Result<Option<Duration>, InvalidOption> {
    amount
        .map(|amount| duration(name, amount, unit))
        .transpose()
}

/// The options of a client; each one left out takes its default (the environment for the key and the base
/// URL).
#[derive(Debug, Clone, Default)]
pub struct ClientOptions {
    /// Default: `OMIXA_API_KEY`.
    pub api_key: Option<String>,
    /// Default: `OMIXA_BASE_URL`, else the public gateway.
    pub base_url: Option<String>,
    /// The longest silence while reading a response.
    pub read_timeout: Option<Duration>,
    /// The longest one API request may take.
    pub request_timeout: Option<Duration>,
    /// Retries of a transient failure per call.
    pub max_retries: Option<u32>,
    /// The models requests are validated against. Default: `OMIXA_CATALOG`'s, else the built-in ones.
    pub catalog: Option<&'static Catalog>,
}

impl ClientOptions {
    /// The core client; a `config` error without an API key, or with a base URL that is not HTTPS (or
    /// HTTP to a loopback address).
    pub fn build(self) -> Result<Client, ClientError> {
        let catalog = match self.catalog {
            Some(catalog) => catalog,
            None => crate::catalog::from_env()?,
        };
        let mut builder = Client::builder().catalog(catalog);
        if let Some(api_key) = self.api_key {
            builder = builder.api_key(api_key);
        }
        if let Some(base_url) = self.base_url {
            builder = builder.base_url(base_url);
        }
        if let Some(timeout) = self.read_timeout {
            builder = builder.timeout(timeout);
        }
        if let Some(timeout) = self.request_timeout {
            builder = builder.request_timeout(timeout);
        }
        if let Some(max_retries) = self.max_retries {
            builder = builder.max_retries(max_retries);
        }
        builder.build()
    }
}

/// A batch's budget from its text (a decimal string, or the text of a host's decimal type).
pub fn budget(text: &str) -> Result<Decimal, InvalidOption> {
    let text = text.trim();
    Decimal::from_str(text).map_err(|_| {
        InvalidOption(format!(
            "`budget` must be a decimal amount such as \"12.50\", got {text:?}"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_checked_in_the_hosts_unit() {
        let ms = duration("timeoutMs", 1500.0, TimeUnit::Milliseconds);
        assert_eq!(ms, Ok(Duration::from_millis(1500)));
        let seconds = duration("timeout", 1.5, TimeUnit::Seconds);
        assert_eq!(seconds, Ok(Duration::from_millis(1500)));
        let negative = duration("timeout", -1.0, TimeUnit::Seconds).expect_err("negative");
        assert_eq!(
            negative.0,
            "`timeout` must be a non-negative number of seconds, got -1"
        );
        assert!(duration("timeoutMs", f64::NAN, TimeUnit::Milliseconds).is_err());
        assert_eq!(
            optional_duration("timeout", None, TimeUnit::Seconds),
            Ok(None)
        );
    }

    #[test]
    fn a_budget_is_an_exact_decimal() {
        assert_eq!(
            budget(" 12.50 ").map(|amount| amount.to_string()),
            Ok("12.50".into())
        );
        assert!(
            budget("twelve")
                .expect_err("not a number")
                .0
                .contains("\"twelve\"")
        );
    }

    #[test]
    fn a_client_without_a_key_is_a_config_error() {
        let options = ClientOptions {
            api_key: Some(String::new()),
            base_url: Some("http://example.com".into()),
            ..ClientOptions::default()
        };
        let error = options.build().expect_err("no usable key or URL");
        assert_eq!(error.kind(), "config");
    }
}
