//! The client's error type, typed along the life of one call: refused before sending (`Config`,
//! `Validation`), no complete response (`Connection`), a response that is not the API's (`InvalidResponse`),
//! the API said no (`Authentication`, `RateLimit`, `Api`), the job itself ended badly or too late
//! (`JobFailed`, `Timeout`, `NotReady`), the caller stopped it (`Cancelled`), a download reached one of its
//! limits (`Download`), plus local file errors (`Io`).
//! An error that happened once a job may exist is wrapped in `WithJob` with a [`JobHandle`]: what the caller
//! needs to find that job again instead of paying for a second one.
//!
//! Bindings map this enum exhaustively onto their own exception classes; it is deliberately not
//! `#[non_exhaustive]`, so a new variant fails to compile until every binding handles it.

use super::job::Job;
use crate::ValidationError;
use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

/// How to find a job again after a failed call: enough to resume without paying twice.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct JobHandle {
    pub model: String,
    /// Known once the gateway answered the create.
    pub operation: Option<String>,
    /// The create's Idempotency-Key: the same request sent again with it returns the same job.
    pub idempotency_key: Option<String>,
}

impl JobHandle {
    /// The handle of a job the gateway reported.
    pub fn of(job: &Job) -> JobHandle {
        JobHandle {
            model: job.record.model.clone(),
            operation: Some(job.record.operation.clone()),
            idempotency_key: job.idempotency_key.clone(),
        }
    }
}

/// Everything a [`Client`](super::Client) call can fail with. No variant ever holds the API key.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The request failed local validation and was not sent (or the gateway rejected it with the same issues).
    #[error(transparent)]
    Validation(#[from] ValidationError),

    /// The client cannot be used as configured (no API key, a base URL that is not HTTPS...). Nothing was sent.
    #[error("configuration error: {0}")]
    Config(String),

    /// No complete response arrived: the connection was refused or reset, closed mid-response, or a read
    /// timed out.
    #[error("connection error: {message}")]
    Connection {
        message: String,
        /// Whether the request may have reached the server. `false` means the connection was never
        /// established, so sending again cannot duplicate anything.
        sent: bool,
        #[source]
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },

    /// A response arrived but is not what the API returns: not JSON, cut short, the wrong shape, or larger
    /// than the 10 MiB the client reads.
    #[error("invalid response (HTTP {status}): {message}")]
    InvalidResponse { status: u16, message: String },

    /// The gateway rejected the API key (HTTP 401 or 403).
    #[error("authentication failed (HTTP {status}): {message}")]
    Authentication {
        status: u16,
        message: String,
        request_id: Option<String>,
    },

    /// HTTP 429, after the retry budget was spent, or at once when the server asked for a longer wait than
    /// the client will sleep (60 s).
    #[error("rate limited{}: {message}", retry_after_suffix(*retry_after))]
    RateLimit {
        retry_after: Option<Duration>,
        message: String,
        request_id: Option<String>,
    },

    /// Any other non-success answer of the API.
    #[error("API error (HTTP {status}): {message}")]
    Api {
        status: u16,
        message: String,
        /// The response body as text, at most 8 KiB of it.
        body: String,
        request_id: Option<String>,
        /// The delay a 5xx answer asked for before trying again (`Retry-After`, e.g. on a 503).
        retry_after: Option<Duration>,
    },

    /// The job ended with status `failed`.
    #[error("job {} failed: {message}", job.record.operation)]
    JobFailed { message: String, job: Box<Job> },

    /// The job was not final when the wait's timeout ran out. It may still finish: wait again or check its
    /// status later.
    #[error("job {} was not finished after {after:?} (last status: {})", job.record.operation, job.record.status)]
    Timeout { after: Duration, job: Box<Job> },

    /// [`download`](super::Client::download) was given a job that has not succeeded yet.
    #[error("job {} has no results yet (status: {})", job.record.operation, job.record.status)]
    NotReady { job: Box<Job> },

    /// The caller's cancellation token fired.
    #[error("cancelled")]
    Cancelled,

    /// A download reached one of its limits ([`DownloadOptions`](super::DownloadOptions)); the partial file
    /// was removed. Only a stall is worth retrying.
    #[error("download stopped ({limit}): {message}")]
    Download {
        limit: DownloadLimit,
        message: String,
    },

    /// A local file or folder could not be created or written.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// `error` happened after a job may exist; `job` says how to find it again.
    #[error("{error}")]
    WithJob {
        job: Box<JobHandle>,
        error: Box<Error>,
    },
}

fn retry_after_suffix(retry_after: Option<Duration>) -> String {
    retry_after
        .map(|delay| format!(" (retry after {} s)", delay.as_secs_f64()))
        .unwrap_or_default()
}

impl Error {
    /// Whether sending the same request again may succeed. The rule:
    ///
    /// - [`Connection`](Error::Connection), [`InvalidResponse`](Error::InvalidResponse): yes, the response
    ///   was lost or garbled on the way;
    /// - [`RateLimit`](Error::RateLimit): yes, after [`retry_after`](Error::retry_after);
    /// - [`Api`](Error::Api): for 408 (request timeout) and every 5xx;
    /// - everything else: no; the same request gets the same answer.
    ///
    /// The client retries these itself (default: 2 retries per call, capped exponential backoff with jitter,
    /// or the server's `Retry-After` up to 60 s), with one more condition for a create: once its bytes may
    /// have reached the server ([`may_have_been_processed`](Error::may_have_been_processed)), it is sent again
    /// only when the model's endpoint honours `Idempotency-Key`, so a retry can never create (and bill) a
    /// second job.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::WithJob { error, .. } => error.is_retryable(),
            Error::Connection { .. } | Error::InvalidResponse { .. } | Error::RateLimit { .. } => {
                true
            }
            Error::Download { limit, .. } => *limit == DownloadLimit::Stalled,
            Error::Api { status, .. } => *status == 408 || (500..600).contains(status),
            Error::Validation(_)
            | Error::Config(_)
            | Error::Authentication { .. }
            | Error::JobFailed { .. }
            | Error::Timeout { .. }
            | Error::NotReady { .. }
            | Error::Cancelled
            | Error::Io { .. } => false,
        }
    }

    /// Whether the server may have acted on the request, so that sending it again could repeat the action.
    /// A 429 and a 401/403 count as refused before processing: that is what rate limiters and
    /// authentication do.
    pub fn may_have_been_processed(&self) -> bool {
        match self {
            Error::WithJob { error, .. } => error.may_have_been_processed(),
            Error::Connection { sent, .. } => *sent,
            Error::InvalidResponse { .. } | Error::Api { .. } => true,
            Error::RateLimit { .. }
            | Error::Authentication { .. }
            | Error::Validation(_)
            | Error::Config(_)
            | Error::JobFailed { .. }
            | Error::Timeout { .. }
            | Error::NotReady { .. }
            | Error::Cancelled
            | Error::Download { .. }
            | Error::Io { .. } => false,
        }
    }

    /// The delay the server asked for before trying again (`Retry-After` on a 429 or a 5xx), if it gave one.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Error::RateLimit { retry_after, .. } | Error::Api { retry_after, .. } => *retry_after,
            Error::WithJob { error, .. } => error.retry_after(),
            _ => None,
        }
    }

    /// The gateway's request id (`x-request-id`), for support requests.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Authentication { request_id, .. }
            | Error::RateLimit { request_id, .. }
            | Error::Api { request_id, .. } => request_id.as_deref(),
            Error::WithJob { error, .. } => error.request_id(),
            _ => None,
        }
    }

    /// How to find the job this error concerns, when one may exist: the handle of a
    /// [`WithJob`](Error::WithJob), or that of the job inside [`JobFailed`](Error::JobFailed),
    /// [`Timeout`](Error::Timeout) and [`NotReady`](Error::NotReady).
    pub fn job_handle(&self) -> Option<JobHandle> {
        match self {
            Error::WithJob { job, .. } => Some(JobHandle::clone(job)),
            Error::JobFailed { job, .. } | Error::Timeout { job, .. } | Error::NotReady { job } => {
                Some(JobHandle::of(job))
            }
            _ => None,
        }
    }

    /// The error itself, without the [`WithJob`](Error::WithJob) wrapper.
    pub fn root(&self) -> &Error {
        match self {
            Error::WithJob { error, .. } => error.root(),
            other => other,
        }
    }

    /// This error, told how to find the job it concerns. An error that already says so (a `WithJob`, or one
    /// that holds the job) is returned as it is.
    pub(crate) fn with_job(self, handle: impl FnOnce() -> JobHandle) -> Error {
        if self.job_handle().is_some() {
            return self;
        }
        Error::WithJob {
            job: Box::new(handle()),
            error: Box::new(self),
        }
    }

    /// A stable snake_case name of the variant (the same strings in every language and in the CLI's output).
    pub fn kind(&self) -> &'static str {
        match self {
            Error::WithJob { error, .. } => error.kind(),
            Error::Validation(_) => "validation",
            Error::Config(_) => "config",
            Error::Connection { .. } => "connection",
            Error::InvalidResponse { .. } => "invalid_response",
            Error::Authentication { .. } => "authentication",
            Error::RateLimit { .. } => "rate_limit",
            Error::Api { .. } => "api",
            Error::JobFailed { .. } => "job_failed",
            Error::Timeout { .. } => "timeout",
            Error::NotReady { .. } => "not_ready",
            Error::Cancelled => "cancelled",
            Error::Download { .. } => "download",
            Error::Io { .. } => "io",
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Error {
        let path = path.into();
        move |source| Error::Io { path, source }
    }
}

/// Which limit of [`DownloadOptions`](super::DownloadOptions) stopped a download.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DownloadLimit {
    /// A file is larger than `max_bytes`.
    TooLarge,
    /// No bytes arrived for `stall_timeout`.
    Stalled,
    /// The whole download took longer than `deadline`.
    Deadline,
    /// The job lists more than `max_outputs` results.
    TooManyOutputs,
}

impl DownloadLimit {
    /// A stable snake_case name (`too_large`, `stalled`, `deadline`, `too_many_outputs`).
    pub fn as_str(self) -> &'static str {
        match self {
            DownloadLimit::TooLarge => "too_large",
            DownloadLimit::Stalled => "stalled",
            DownloadLimit::Deadline => "deadline",
            DownloadLimit::TooManyOutputs => "too_many_outputs",
        }
    }
}

impl fmt::Display for DownloadLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(status: u16) -> Error {
        Error::Api {
            status,
            message: String::new(),
            body: String::new(),
            request_id: None,
            retry_after: None,
        }
    }

    #[test]
    fn retryable_statuses_are_408_and_5xx() {
        assert!(api(408).is_retryable());
        assert!(api(500).is_retryable());
        assert!(api(503).is_retryable());
        assert!(!api(400).is_retryable());
        assert!(!api(404).is_retryable());
        assert!(
            !Error::Authentication {
                status: 401,
                message: String::new(),
                request_id: None
            }
            .is_retryable()
        );
    }

    #[test]
    fn a_connection_that_never_opened_was_not_processed() {
        let refused = Error::Connection {
            message: "refused".into(),
            sent: false,
            source: None,
        };
        let reset = Error::Connection {
            message: "reset".into(),
            sent: true,
            source: None,
        };
        assert!(refused.is_retryable() && !refused.may_have_been_processed());
        assert!(reset.is_retryable() && reset.may_have_been_processed());
        let limited = Error::RateLimit {
            retry_after: Some(Duration::from_secs(2)),
            message: String::new(),
            request_id: None,
        };
        assert!(!limited.may_have_been_processed());
        assert_eq!(limited.to_string(), "rate limited (retry after 2 s): ");
    }

    #[test]
    fn a_wrapped_error_answers_as_the_inner_one_and_carries_the_handle() {
        let handle = JobHandle {
            model: "veo-3.1-lite-generate-001".into(),
            operation: None,
            idempotency_key: Some("key-1".into()),
        };
        let inner = Error::Api {
            status: 503,
            message: "busy".into(),
            body: String::new(),
            request_id: Some("req-9".into()),
            retry_after: Some(Duration::from_secs(4)),
        };
        let wrapped = inner.with_job(|| handle.clone());
        assert_eq!(wrapped.kind(), "api");
        assert!(wrapped.is_retryable() && wrapped.may_have_been_processed());
        assert_eq!(wrapped.retry_after(), Some(Duration::from_secs(4)));
        assert_eq!(wrapped.request_id(), Some("req-9"));
        assert_eq!(wrapped.to_string(), "API error (HTTP 503): busy");
        assert_eq!(wrapped.job_handle(), Some(handle.clone()));
        assert!(matches!(wrapped.root(), Error::Api { status: 503, .. }));
        // Wrapping twice keeps the first, more precise handle.
        let again = wrapped.with_job(JobHandle::default);
        assert_eq!(again.job_handle(), Some(handle));
        assert!(matches!(again.root(), Error::Api { .. }));
    }
}
