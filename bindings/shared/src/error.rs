//! Every failure of the core as data a host turns into its exception: an [`ErrorPayload`] with the core's
//! stable kind name, the message, the details of the kind and, for client errors, how to find the job again.
//!
//! The functions below match the core's error enums exhaustively, with no catch-all: a new variant in the
//! core does not compile until it is mapped here, and through [`ErrorKind::class_name`] it reaches both
//! packages (Python's `omixa._errors`, Node's `index.js`) with a class. The kinds are those of the core's
//! `kind()` methods (`omixa::client::Error::kind`, `omixa::batch::BatchError::kind`); the tests check each
//! mapping against them.

use omixa::batch::{BatchError, BatchProblem};
use omixa::client::{Error as ClientError, Job};
use omixa::journal::JournalError;
use omixa::media::MediaError;
use omixa::{Issue, ValidationError};
use serde_json::{Map, Value, json};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The stable name of a failure, the same in every omixa language and in the CLI's output, and the class
/// each package raises for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    Validation,
    Config,
    Connection,
    InvalidResponse,
    Authentication,
    RateLimit,
    Api,
    JobFailed,
    Timeout,
    NotReady,
    Cancelled,
    Download,
    Io,
    /// A value the host cannot send (a function, binary data, NaN in a job...), or bytes of no known media
    /// type: the host's own type error.
    Type,
    InvalidInput,
    BudgetRefused,
    JournalMismatch,
    InvalidOptions,
    Journal,
    JournalCorrupt,
    JournalTooNew,
    JournalClaimLost,
    /// A bug in omixa (a panic, a broken invariant): the base class, `OmixaError`.
    Internal,
}

impl ErrorKind {
    /// Every kind, in the order of the tables emitted for the hosts.
    pub const ALL: [ErrorKind; 23] = [
        ErrorKind::Validation,
        ErrorKind::Config,
        ErrorKind::Connection,
        ErrorKind::InvalidResponse,
        ErrorKind::Authentication,
        ErrorKind::RateLimit,
        ErrorKind::Api,
        ErrorKind::JobFailed,
        ErrorKind::Timeout,
        ErrorKind::NotReady,
        ErrorKind::Cancelled,
        ErrorKind::Download,
        ErrorKind::Io,
        ErrorKind::Type,
        ErrorKind::InvalidInput,
        ErrorKind::BudgetRefused,
        ErrorKind::JournalMismatch,
        ErrorKind::InvalidOptions,
        ErrorKind::Journal,
        ErrorKind::JournalCorrupt,
        ErrorKind::JournalTooNew,
        ErrorKind::JournalClaimLost,
        ErrorKind::Internal,
    ];

    /// The snake_case name (`"rate_limit"`), as the core's `kind()` spells it.
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Validation => "validation",
            ErrorKind::Config => "config",
            ErrorKind::Connection => "connection",
            ErrorKind::InvalidResponse => "invalid_response",
            ErrorKind::Authentication => "authentication",
            ErrorKind::RateLimit => "rate_limit",
            ErrorKind::Api => "api",
            ErrorKind::JobFailed => "job_failed",
            ErrorKind::Timeout => "timeout",
            ErrorKind::NotReady => "not_ready",
            ErrorKind::Cancelled => "cancelled",
            ErrorKind::Download => "download",
            ErrorKind::Io => "io",
            ErrorKind::Type => "type",
            ErrorKind::InvalidInput => "invalid_input",
            ErrorKind::BudgetRefused => "budget_refused",
            ErrorKind::JournalMismatch => "journal_mismatch",
            ErrorKind::InvalidOptions => "invalid_options",
            ErrorKind::Journal => "journal",
            ErrorKind::JournalCorrupt => "journal_corrupt",
            ErrorKind::JournalTooNew => "journal_too_new",
            ErrorKind::JournalClaimLost => "journal_claim_lost",
            ErrorKind::Internal => "internal",
        }
    }

    /// The class both packages raise for the kind (`TypeError` is each host's built-in one).
    pub const fn class_name(self) -> &'static str {
        match self {
            ErrorKind::Validation => "ValidationError",
            ErrorKind::Config => "ConfigurationError",
            ErrorKind::Connection => "ConnectionError",
            ErrorKind::InvalidResponse => "InvalidResponseError",
            ErrorKind::Authentication => "AuthenticationError",
            ErrorKind::RateLimit => "RateLimitError",
            ErrorKind::Api => "APIError",
            ErrorKind::JobFailed => "JobFailedError",
            ErrorKind::Timeout => "TimeoutError",
            ErrorKind::NotReady => "JobNotReadyError",
            ErrorKind::Cancelled => "CancelledError",
            ErrorKind::Download => "DownloadError",
            ErrorKind::Io => "FileError",
            ErrorKind::Type => "TypeError",
            ErrorKind::InvalidInput => "BatchInputError",
            ErrorKind::BudgetRefused => "BudgetRefusedError",
            ErrorKind::JournalMismatch => "JournalMismatchError",
            ErrorKind::InvalidOptions => "BatchOptionsError",
            ErrorKind::Journal
            | ErrorKind::JournalCorrupt
            | ErrorKind::JournalTooNew
            | ErrorKind::JournalClaimLost => "JournalError",
            ErrorKind::Internal => "OmixaError",
        }
    }

    /// Whether the kind is a batch's (its class is a `BatchError` and carries the `kind`).
    pub const fn is_batch(self) -> bool {
        matches!(
            self,
            ErrorKind::InvalidInput
                | ErrorKind::BudgetRefused
                | ErrorKind::JournalMismatch
                | ErrorKind::InvalidOptions
                | ErrorKind::Journal
                | ErrorKind::JournalCorrupt
                | ErrorKind::JournalTooNew
                | ErrorKind::JournalClaimLost
        )
    }
}

/// What a kind carries besides its message.
#[derive(Debug, Clone)]
pub enum Details {
    None,
    /// A validation error: every issue.
    Issues(Vec<Issue>),
    /// A connection error: whether the request may have reached the server.
    Connection {
        sent: bool,
    },
    /// An answer of the gateway (`invalid_response`, `authentication`, `rate_limit`, `api`).
    Response {
        status: u16,
        request_id: Option<String>,
        /// The body as text (at most 8 KiB), for `api`.
        body: Option<String>,
        /// The delay the server asked for (`Retry-After`).
        retry_after: Option<Duration>,
    },
    /// A job that failed, was not final in time (`timeout` is set) or is not ready.
    Job {
        job: Box<Job>,
        timeout: Option<Duration>,
    },
    /// The download limit reached (`too_large`, `stalled`, `deadline`, `too_many_outputs`).
    Download {
        limit: &'static str,
    },
    /// A local file: its path when known, and the OS error number with its text (`strerror`) when there is
    /// one.
    File {
        path: Option<PathBuf>,
        errno: Option<i32>,
        strerror: String,
    },
    /// The problems of a batch's input.
    Problems(Vec<BatchProblem>),
}

/// A failure on its way to a host.
#[derive(Debug, Clone)]
pub struct ErrorPayload {
    pub kind: ErrorKind,
    pub message: String,
    pub details: Details,
    /// The job's operation, once the gateway has answered its create (client errors only).
    pub operation: Option<String>,
    /// The create's idempotency key (client errors only).
    pub idempotency_key: Option<String>,
}

impl ErrorPayload {
    /// A payload without details or job.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        ErrorPayload {
            kind,
            message: message.into(),
            details: Details::None,
            operation: None,
            idempotency_key: None,
        }
    }

    /// A value the host cannot send.
    pub fn type_error(message: impl Into<String>) -> Self {
        ErrorPayload::new(ErrorKind::Type, message)
    }

    /// A bug in omixa.
    pub fn internal(message: impl Into<String>) -> Self {
        ErrorPayload::new(ErrorKind::Internal, message)
    }

    fn with(mut self, details: Details) -> Self {
        self.details = details;
        self
    }

    /// A request that failed validation, its issues moved into the payload.
    pub fn validation(error: ValidationError) -> Self {
        let message = error.to_string();
        ErrorPayload::new(ErrorKind::Validation, message).with(Details::Issues(error.issues))
    }

    /// A client error, with the job's handle on every one (both `None` when no job can exist).
    pub fn client(error: &ClientError) -> Self {
        let handle = error.job_handle().unwrap_or_default();
        let mut payload = client_kind(error, error.to_string());
        payload.operation = handle.operation;
        payload.idempotency_key = handle.idempotency_key;
        payload
    }

    /// A batch error. An input or output file that could not be read or written is a file error (`io`), as
    /// for the client.
    pub fn batch(error: &BatchError) -> Self {
        let message = error.to_string();
        let kind = |kind: ErrorKind| {
            debug_assert_eq!(kind.as_str(), error.kind());
            ErrorPayload::new(kind, message.clone())
        };
        match error {
            BatchError::Invalid { problems } => {
                kind(ErrorKind::InvalidInput).with(Details::Problems(problems.clone()))
            }
            BatchError::BudgetRefused { .. } => kind(ErrorKind::BudgetRefused),
            BatchError::InputMismatch { .. } => kind(ErrorKind::JournalMismatch),
            BatchError::Options(_) => kind(ErrorKind::InvalidOptions),
            BatchError::Internal(_) => kind(ErrorKind::Internal),
            BatchError::Journal(journal) => match journal {
                JournalError::TooNew { .. } => kind(ErrorKind::JournalTooNew),
                JournalError::Database { .. } => kind(ErrorKind::Journal),
                JournalError::Corrupt { .. } => kind(ErrorKind::JournalCorrupt),
                JournalError::ClaimLost { .. } => kind(ErrorKind::JournalClaimLost),
                JournalError::Io { path, source } => file(message.clone(), Some(path), source),
            },
            BatchError::Io { path, source } => file(message.clone(), Some(path), source),
            BatchError::Input(source) => file(message.clone(), None, source),
        }
    }

    /// An image that cannot be built: bytes of no known type or a malformed media type (`type`), or a file
    /// that cannot be read (`io`).
    pub fn media(error: &MediaError) -> Self {
        let message = error.to_string();
        match error {
            MediaError::UnknownMediaType | MediaError::InvalidMediaType(_) => {
                ErrorPayload::type_error(message)
            }
            MediaError::Read { path, source } => file(message, Some(path), source),
        }
    }

    /// The payload as one JSON object: `kind`, `message`, `operation`, `idempotency_key`, then the details
    /// with snake_case names (`status`, `request_id`, `body`, `retry_after` in seconds, `job`, `timeout_ms`,
    /// `issues`, `problems`, `path`, `errno`, `sent`, `limit`). What Node sets on its error objects and what a
    /// wait's progress reports as its last error.
    pub fn to_json(&self) -> Value {
        let mut object = Map::new();
        object.insert("kind".into(), self.kind.as_str().into());
        object.insert("message".into(), self.message.as_str().into());
        object.insert("operation".into(), json!(self.operation));
        object.insert("idempotency_key".into(), json!(self.idempotency_key));
        let mut set = |name: &str, value: Value| {
            object.insert(name.into(), value);
        };
        match &self.details {
            Details::None => {}
            Details::Issues(issues) => set("issues", json!(issues)),
            Details::Connection { sent } => set("sent", json!(sent)),
            Details::Response {
                status,
                request_id,
                body,
                retry_after,
            } => {
                set("status", json!(status));
                set("request_id", json!(request_id));
                set("body", json!(body));
                set(
                    "retry_after",
                    json!(retry_after.map(|delay| delay.as_secs_f64())),
                );
            }
            Details::Job { job, timeout } => {
                set("job", json!(job));
                if let Some(timeout) = timeout {
                    set("timeout_ms", json!(timeout.as_millis() as f64));
                }
            }
            Details::Download { limit } => set("limit", json!(limit)),
            Details::File {
                path,
                errno,
                strerror,
            } => {
                set(
                    "path",
                    json!(path.as_ref().map(|path| path.to_string_lossy())),
                );
                set("errno", json!(errno));
                set("strerror", json!(strerror));
            }
            Details::Problems(problems) => set("problems", json!(problems)),
        }
        Value::Object(object)
    }
}

/// The payload of each client error variant. `WithJob` has the kind and details of the error it wraps.
fn client_kind(error: &ClientError, message: String) -> ErrorPayload {
    let payload = |kind: ErrorKind| ErrorPayload::new(kind, message.clone());
    let response = |status: u16, request_id: &Option<String>| Details::Response {
        status,
        request_id: request_id.clone(),
        body: None,
        retry_after: None,
    };
    match error {
        ClientError::Validation(error) => {
            payload(ErrorKind::Validation).with(Details::Issues(error.issues.clone()))
        }
        ClientError::Config(_) => payload(ErrorKind::Config),
        ClientError::Connection { sent, .. } => {
            payload(ErrorKind::Connection).with(Details::Connection { sent: *sent })
        }
        ClientError::InvalidResponse { status, .. } => {
            payload(ErrorKind::InvalidResponse).with(response(*status, &None))
        }
        ClientError::Authentication {
            status, request_id, ..
        } => payload(ErrorKind::Authentication).with(response(*status, request_id)),
        ClientError::RateLimit {
            retry_after,
            request_id,
            ..
        } => payload(ErrorKind::RateLimit).with(Details::Response {
            status: 429,
            request_id: request_id.clone(),
            body: None,
            retry_after: *retry_after,
        }),
        ClientError::Api {
            status,
            body,
            request_id,
            retry_after,
            ..
        } => payload(ErrorKind::Api).with(Details::Response {
            status: *status,
            request_id: request_id.clone(),
            body: Some(body.clone()),
            retry_after: *retry_after,
        }),
        ClientError::JobFailed { job, .. } => {
            payload(ErrorKind::JobFailed).with(job_details(job, None))
        }
        ClientError::Timeout { after, job } => {
            payload(ErrorKind::Timeout).with(job_details(job, Some(*after)))
        }
        ClientError::NotReady { job } => payload(ErrorKind::NotReady).with(job_details(job, None)),
        ClientError::Cancelled => payload(ErrorKind::Cancelled),
        ClientError::Download { limit, .. } => {
            payload(ErrorKind::Download).with(Details::Download {
                limit: limit.as_str(),
            })
        }
        ClientError::Io { path, source } => file(message, Some(path), source),
        ClientError::WithJob { error, .. } => client_kind(error, message),
    }
}

fn job_details(job: &Job, timeout: Option<Duration>) -> Details {
    Details::Job {
        job: Box::new(job.clone()),
        timeout,
    }
}

fn file(message: String, path: Option<&Path>, source: &std::io::Error) -> ErrorPayload {
    let errno = source.raw_os_error();
    let text = source.to_string();
    // std appends " (os error N)"; `strerror` is the text without it, as the OS gives it.
    let strerror = match errno {
        Some(code) => text
            .strip_suffix(&format!(" (os error {code})"))
            .map_or_else(|| text.clone(), str::to_owned),
        None => text,
    };
    ErrorPayload::new(ErrorKind::Io, message).with(Details::File {
        path: path.map(Path::to_path_buf),
        errno,
        strerror,
    })
}

#[cfg(test)]
mod tests;
