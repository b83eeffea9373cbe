//! Configuring a [`Client`]: explicit builder values first, then `OMIXA_API_KEY` / `OMIXA_BASE_URL`, then
//! defaults; the transport-security rule (HTTPS, or plain HTTP to a loopback host only); and the API key
//! kept in a [`Secret`] that never prints.

use super::clock::{Clock, TokioClock};
use super::error::Error;
use super::retry::{DEFAULT_MAX_RETRIES, DEFAULT_REQUEST_TIMEOUT, Pause, RetryPolicy};
use super::{Client, Inner};
use crate::catalog::Catalog;
use reqwest::header::HeaderValue;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;
use url::{Host, Url};

/// Environment variable holding the workspace API key.
pub const API_KEY_ENV: &str = "OMIXA_API_KEY";
/// Environment variable overriding the gateway's address.
pub const BASE_URL_ENV: &str = "OMIXA_BASE_URL";
/// The public gateway.
pub const DEFAULT_BASE_URL: &str = "https://www.omixa.cloud";

const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
const DEFAULT_READ_TIMEOUT: Duration = Duration::from_secs(60);
const MAX_REDIRECTS: usize = 5;

/// A string that must not leak: its `Debug` is redacted and it has no `Display`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret itself, for the one place that sends it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

/// Builds a [`Client`]. Every setting is optional; see each method for its default.
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    api_key: Option<Secret>,
    base_url: Option<String>,
    max_retries: u32,
    read_timeout: Duration,
    request_timeout: Duration,
    connect_timeout: Duration,
    clock: Arc<dyn Clock>,
    catalog: &'static Catalog,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            api_key: None,
            base_url: None,
            max_retries: DEFAULT_MAX_RETRIES,
            read_timeout: DEFAULT_READ_TIMEOUT,
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            clock: Arc::new(TokioClock),
            catalog: Catalog::builtin(),
        }
    }
}

impl ClientBuilder {
    /// The workspace API key. Default: `OMIXA_API_KEY`; one of the two is required.
    pub fn api_key(mut self, api_key: impl Into<String>) -> Self {
        self.api_key = Some(Secret::new(api_key));
        self
    }

    /// The gateway's address. Default: `OMIXA_BASE_URL`, else `https://www.omixa.cloud`. Must be HTTPS, or
    /// HTTP to a loopback host (`127.0.0.0/8`, `::1`, `localhost`) such as the local emulator.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self
    }

    /// Retries per call after the first attempt (the retry budget). Default: 2.
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = max_retries;
        self
    }

    /// The longest silence while reading a response, per read. Default: 60 s.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.read_timeout = timeout;
        self
    }

    /// The longest one attempt of an API call (create, status) may take, from sending to the last byte of
    /// the answer. Default: 60 s. It also bounds a call's retries: the attempts of one call take at most
    /// twice this, plus the backoff between them. Downloads have their own limits
    /// ([`DownloadOptions`](super::DownloadOptions)).
    pub fn request_timeout(mut self, timeout: Duration) -> Self {
        self.request_timeout = timeout;
        self
    }

    /// The longest wait for a connection. Default: 5 s.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The time source for retry delays, poll intervals and the wait's timeout. Default: real time. Tests
    /// pass a [`ManualClock`](super::ManualClock).
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// The models requests are validated against, and whose endpoint types status calls use. Default: the
    /// built-in catalog ([`Catalog::builtin`]); [`Catalog::load`] adds a folder's models to it.
    pub fn catalog(mut self, catalog: &'static Catalog) -> Self {
        self.catalog = catalog;
        self
    }

    /// Builds the client, reading the environment for what was not set.
    pub fn build(self) -> Result<Client, Error> {
        self.build_with_env(|name| std::env::var(name).ok())
    }

    fn build_with_env(self, env: impl Fn(&str) -> Option<String>) -> Result<Client, Error> {
        let from_env = |name: &str| env(name).filter(|value| !value.trim().is_empty());
        let api_key = self
            .api_key
            .or_else(|| from_env(API_KEY_ENV).map(Secret::new))
            .ok_or_else(|| {
                Error::Config(format!(
                    "no API key: pass one to the client or set {API_KEY_ENV}"
                ))
            })?;
        let base_url = self.base_url.or_else(|| from_env(BASE_URL_ENV));
        let base_url = parse_base_url(base_url.as_deref().unwrap_or(DEFAULT_BASE_URL))?;
        let http = reqwest::Client::builder()
            .connect_timeout(self.connect_timeout)
            .read_timeout(self.read_timeout)
            .redirect(redirect_policy())
            .user_agent(concat!("omixa-rust/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|error| Error::Config(format!("cannot set up the HTTP client: {error}")))?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                authorization: bearer(&api_key)?,
                base_url,
                retry: RetryPolicy {
                    max_retries: self.max_retries,
                    request_timeout: self.request_timeout,
                },
                clock: self.clock,
                pause: Pause::default(),
                catalog: self.catalog,
            }),
        })
    }
}

/// The `Authorization` header value, marked sensitive so `http`'s own `Debug` redacts it too.
fn bearer(api_key: &Secret) -> Result<HeaderValue, Error> {
    let mut value =
        HeaderValue::try_from(format!("Bearer {}", api_key.expose().trim())).map_err(|_| {
            Error::Config("the API key contains characters that cannot be sent in a header".into())
        })?;
    value.set_sensitive(true);
    Ok(value)
}

fn parse_base_url(text: &str) -> Result<Url, Error> {
    let url = Url::parse(text.trim())
        .map_err(|error| Error::Config(format!("invalid base URL {text:?}: {error}")))?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::Config(
            "the base URL must not contain credentials; pass the API key instead".into(),
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(Error::Config(format!(
            "the base URL must not have a query or fragment: {url}"
        )));
    }
    check_transport(&url).map_err(Error::Config)?;
    Ok(url)
}

/// HTTPS everywhere, except plain HTTP to this machine (the local emulator). Applies to the base URL,
/// redirects and result downloads.
pub(crate) fn check_transport(url: &Url) -> Result<(), String> {
    match url.scheme() {
        "https" => Ok(()),
        "http" if is_loopback(url) => Ok(()),
        "http" => Err(format!(
            "refusing plain HTTP to a host that is not loopback: {url} (use https)"
        )),
        other => Err(format!("unsupported URL scheme {other:?} in {url}")),
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

fn redirect_policy() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        if attempt.previous().len() >= MAX_REDIRECTS {
            return attempt.error(format!("more than {MAX_REDIRECTS} redirects"));
        }
        match check_transport(attempt.url()) {
            Ok(()) => attempt.follow(),
            Err(reason) => attempt.error(reason),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "omx_live_do_not_print_me";

    fn env_with(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| {
            pairs
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (*value).to_owned())
        }
    }

    #[test]
    fn secret_debug_is_redacted() {
        let secret = Secret::new(KEY);
        assert_eq!(format!("{secret:?}"), "Secret(<redacted>)");
        let builder = Client::builder().api_key(KEY);
        assert!(!format!("{builder:?}").contains(KEY));
    }

    #[test]
    fn the_built_client_does_not_print_the_key() {
        let client = Client::builder()
            .api_key(KEY)
            .build_with_env(env_with(&[]))
            .expect("builds");
        let debug = format!("{client:?}");
        assert!(!debug.contains(KEY), "{debug}");
    }

    #[test]
    fn builder_values_override_the_environment() {
        let env = env_with(&[
            (API_KEY_ENV, "from-env"),
            (BASE_URL_ENV, "http://127.0.0.1:9"),
        ]);
        let client = Client::builder()
            .base_url("https://gateway.example")
            .build_with_env(&env)
            .expect("builds");
        assert_eq!(client.base_url().as_str(), "https://gateway.example/");
        let client = Client::builder().build_with_env(&env).expect("builds");
        assert_eq!(client.base_url().as_str(), "http://127.0.0.1:9/");
        let client = Client::builder()
            .api_key("k")
            .build_with_env(env_with(&[]))
            .expect("builds");
        assert_eq!(client.base_url().as_str(), "https://www.omixa.cloud/");
    }

    #[test]
    fn a_missing_key_is_a_config_error() {
        let error = Client::builder()
            .build_with_env(env_with(&[(API_KEY_ENV, "  ")]))
            .expect_err("no key");
        assert_eq!(error.kind(), "config");
    }

    #[test]
    fn plain_http_is_for_loopback_only() {
        for allowed in [
            "https://www.omixa.cloud",
            "http://127.0.0.1:8080",
            "http://127.9.9.9",
            "http://[::1]:1",
            "http://localhost:3000/prefix",
        ] {
            assert!(parse_base_url(allowed).is_ok(), "{allowed}");
        }
        for refused in [
            "http://www.omixa.cloud",
            "http://10.0.0.1",
            "http://[::2]",
            "ftp://localhost",
            "https://user:pw@host",
            "not a url",
        ] {
            let error = parse_base_url(refused).expect_err(refused);
            assert_eq!(error.kind(), "config", "{refused}");
        }
    }

    #[test]
    fn an_unsendable_key_is_refused_without_echoing_it() {
        let error = Client::builder()
            .api_key("bad\nkey-secret")
            .build_with_env(env_with(&[]))
            .expect_err("newline");
        assert!(!error.to_string().contains("key-secret"));
    }
}
