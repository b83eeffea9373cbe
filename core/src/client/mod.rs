//! The HTTP client and job lifecycle: create → wait → download against the Omixa gateway or the
//! local emulator (`omixa serve`).
//!
//! ```no_run
//! # async fn run() -> Result<(), omixa::client::Error> {
//! use omixa::client::{Client, WaitOptions};
//!
//! let client = Client::from_env()?; // OMIXA_API_KEY, OMIXA_BASE_URL
//! let job = client
//!     .create(serde_json::json!({
//!         "model": "veo-3.1-lite-generate-001",
//!         "prompt": "A lighthouse at dawn",
//!         "seconds": 8,
//!     }))
//!     .await?;
//! let done = client.wait(&job, WaitOptions::default()).await?;
//! let files = client.download(&done, std::path::Path::new("videos")).await?;
//! # Ok(()) }
//! ```
//!
//! Every call validates or checks what it can before sending, retries transient failures within a budget
//! (see [`Error::is_retryable`]), and reports failures as a typed [`Error`]. An error after which a job may
//! exist carries a [`JobHandle`] ([`Error::job_handle`]): the operation, or the create's idempotency key, to
//! find the job again without paying twice. The API key is held as a sensitive header value and never
//! appears in `Debug` output, logs or errors.

mod builder;
mod clock;
mod create;
mod download;
mod error;
mod job;
mod retry;
mod transport;
mod wait;

pub use builder::{API_KEY_ENV, BASE_URL_ENV, ClientBuilder, DEFAULT_BASE_URL, Secret};
pub use clock::{Clock, ManualClock, Sleep, TokioClock};
pub use create::{CreateOptions, UNCHECKED_WARNING};
pub use download::{
    DEFAULT_DOWNLOAD_DEADLINE, DEFAULT_MAX_DOWNLOAD_BYTES, DEFAULT_MAX_OUTPUTS,
    DEFAULT_STALL_TIMEOUT, DownloadOptions, DownloadProgress, DownloadProgressCallback, Downloaded,
};
pub use error::{DownloadLimit, Error, JobHandle};
pub use job::{Job, JobRecord, JobStatus, VideoOutput};
pub use retry::{DEFAULT_MAX_RETRIES, DEFAULT_REQUEST_TIMEOUT, MAX_RETRY_AFTER};
pub use wait::{DEFAULT_WAIT_TIMEOUT, ProgressCallback, WaitOptions, WaitProgress};

/// How the client reads a gateway error response, exposed for the fuzz targets only: not a supported API.
#[doc(hidden)]
pub use transport::classify as classify_error_response;

use crate::catalog::{Catalog, StatusRequest};
use bytes::Bytes;
use reqwest::header::HeaderValue;
use retry::{Pause, RetryPolicy};
use serde_json::Value;
use std::fmt;
use std::sync::Arc;
use transport::ApiCall;
use url::Url;

/// A client of the Omixa jobs API. Cheap to clone (one shared connection pool); `Send + Sync`.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    /// `Bearer <key>`, marked sensitive.
    authorization: HeaderValue,
    base_url: Url,
    retry: RetryPolicy,
    clock: Arc<dyn Clock>,
    /// Set by a 429's `Retry-After`; every call of the client (and its clones) waits it out.
    pause: Pause,
    catalog: &'static Catalog,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url.as_str())
            .field("api_key", &"<redacted>")
            .field("max_retries", &self.inner.retry.max_retries)
            .field("clock", &self.inner.clock)
            .finish()
    }
}

impl Client {
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client configured from `OMIXA_API_KEY` and `OMIXA_BASE_URL` alone.
    pub fn from_env() -> Result<Client, Error> {
        ClientBuilder::default().build()
    }

    /// The gateway's address.
    pub fn base_url(&self) -> &Url {
        &self.inner.base_url
    }

    /// The models this client validates requests against ([`ClientBuilder::catalog`]).
    pub fn catalog(&self) -> &'static Catalog {
        self.inner.catalog
    }

    /// The job's current state. `model` picks the catalog's endpoint type, which decides how the operation is
    /// passed (POST JSON `{"operation", "model"}` or GET `?operation=&model=`); an empty or unknown model
    /// uses the catalog's default endpoint type ([`Catalog::default_endpoint`]) and is not sent.
    pub async fn status(&self, operation: &str, model: &str) -> Result<Job, Error> {
        let catalog = self.inner.catalog;
        let known = catalog.model(model);
        let endpoint = known.map_or_else(|| catalog.default_endpoint(), |model| model.endpoint);
        let mut url = self.endpoint_url(endpoint.status_path);
        let call = match endpoint.status_request {
            StatusRequest::PostJson => {
                let mut body = serde_json::Map::new();
                body.insert("operation".into(), Value::from(operation));
                if known.is_some() {
                    body.insert("model".into(), Value::from(model));
                }
                let body = serde_json::to_vec(&body).map_err(|error| {
                    Error::Config(format!("cannot encode the status request: {error}"))
                })?;
                ApiCall::post_json(url, Bytes::from(body))
            }
            StatusRequest::GetQuery => {
                url.query_pairs_mut()
                    .append_pair("operation", operation)
                    .append_pair("model", model);
                ApiCall::get(url)
            }
        };
        let mut record: JobRecord = self.call_json(&call).await?;
        if record.operation.is_empty() {
            operation.clone_into(&mut record.operation);
        }
        if record.model.is_empty() {
            model.clone_into(&mut record.model);
        }
        Ok(Job::from(record))
    }

    /// `path` under the base URL (which may itself have a path prefix).
    fn endpoint_url(&self, path: &str) -> Url {
        let mut url = self.inner.base_url.clone();
        let joined = format!("{}{path}", url.path().trim_end_matches('/'));
        url.set_path(&joined);
        url
    }
}
