//! The one error map of the Node binding.
//!
//! Every failure crosses into JavaScript as an `Error` whose message is a JSON payload
//! `{"kind": ..., "message": ..., ...details}`; `index.js` turns it into the class registered for `kind`
//! (`ValidationError`, `RateLimitError`, ...). The error classes are defined in JavaScript because only
//! there can they be real `Error` subclasses that `instanceof` and stack traces work with; napi-rs can only
//! throw plain errors. [`KINDS`] lists every kind, and a test checks that `index.js` maps each one.
//!
//! The matches below are exhaustive on purpose: a new core error variant fails to compile until it is
//! mapped here.

use omixa::ValidationError;
use omixa::batch::BatchError;
use omixa::client::Error as ClientError;
use omixa::journal::JournalError;
use omixa::media::MediaError;
use serde_json::{Value, json};

/// Every `kind` a payload can carry.
pub(crate) const KINDS: &[&str] = &[
    "validation",
    "config",
    "connection",
    "invalid_response",
    "authentication",
    "rate_limit",
    "api",
    "job_failed",
    "timeout",
    "not_ready",
    "cancelled",
    "download",
    "io",
    "type",
    "invalid_input",
    "budget_refused",
    "journal_mismatch",
    "invalid_options",
    "journal",
    "journal_corrupt",
    "journal_too_new",
    "journal_claim_lost",
    "internal",
];

/// A failure on its way to JavaScript.
#[derive(Debug)]
pub(crate) enum NativeError {
    Validation(ValidationError),
    Client(ClientError),
    Media(MediaError),
    Batch(BatchError),
    /// A value that cannot be sent (thrown as a `TypeError`).
    TypeError(String),
}

impl From<ValidationError> for NativeError {
    fn from(error: ValidationError) -> Self {
        NativeError::Validation(error)
    }
}

impl From<ClientError> for NativeError {
    fn from(error: ClientError) -> Self {
        NativeError::Client(error)
    }
}

impl From<BatchError> for NativeError {
    fn from(error: BatchError) -> Self {
        NativeError::Batch(error)
    }
}

impl From<MediaError> for NativeError {
    fn from(error: MediaError) -> Self {
        NativeError::Media(error)
    }
}

impl From<NativeError> for napi::Error {
    fn from(error: NativeError) -> Self {
        napi::Error::new(napi::Status::GenericFailure, error.payload().to_string())
    }
}

impl NativeError {
    /// The JSON payload: `kind` first (`index.js` recognizes payloads by their `{"kind":` prefix), then
    /// `message`, then the details of the kind, with wire names in snake_case as everywhere in omixa.
    fn payload(&self) -> Value {
        match self {
            NativeError::Validation(error) => validation(error),
            NativeError::Client(error) => client(error),
            NativeError::Media(error) => match error {
                MediaError::UnknownMediaType | MediaError::InvalidMediaType(_) => {
                    json!({"kind": "type", "message": error.to_string()})
                }
                MediaError::Read { path, source } => io(&error.to_string(), path, source),
            },
            NativeError::Batch(error) => batch(error),
            NativeError::TypeError(message) => json!({"kind": "type", "message": message}),
        }
    }
}

/// The payload of a batch error: its `kind()`, or `io` (as for the client) for a file that could not be
/// read or written. One arm per variant and per journal error, no catch-all.
fn batch(error: &BatchError) -> Value {
    let message = error.to_string();
    match error {
        BatchError::Invalid { problems } => {
            json!({"kind": error.kind(), "message": message, "problems": problems})
        }
        BatchError::BudgetRefused { .. }
        | BatchError::InputMismatch { .. }
        | BatchError::Options(_)
        | BatchError::Internal(_)
        | BatchError::Journal(
            JournalError::TooNew { .. }
            | JournalError::Database { .. }
            | JournalError::Corrupt { .. }
            | JournalError::ClaimLost { .. },
        ) => json!({"kind": error.kind(), "message": message}),
        BatchError::Journal(JournalError::Io { path, source })
        | BatchError::Io { path, source } => io(&message, path, source),
        BatchError::Input(source) => {
            json!({"kind": "io", "message": message, "path": null, "errno": source.raw_os_error()})
        }
    }
}

fn validation(error: &ValidationError) -> Value {
    json!({"kind": "validation", "message": error.to_string(), "issues": error.issues})
}

fn io(message: &str, path: &std::path::Path, source: &std::io::Error) -> Value {
    json!({
        "kind": "io",
        "message": message,
        "path": path.to_string_lossy(),
        // `index.js` names it as Node does (`ENOENT`), with `util.getSystemErrorName`.
        "errno": source.raw_os_error(),
    })
}

/// The payload of a client error, with the job's `operation` and `idempotency_key` (each `null` when
/// unknown) on every one, so a caller can find the job again. Also the `last_error` of a wait's progress.
pub(crate) fn client(error: &ClientError) -> Value {
    let handle = error.job_handle().unwrap_or_default();
    let mut payload = client_kind(error);
    if let Value::Object(members) = &mut payload {
        members.insert("operation".into(), json!(handle.operation));
        members.insert("idempotency_key".into(), json!(handle.idempotency_key));
    }
    payload
}

/// The payload of each variant, with its details. `WithJob` has the kind of the error it wraps.
fn client_kind(error: &ClientError) -> Value {
    let message = error.to_string();
    match error {
        ClientError::Validation(error) => validation(error),
        ClientError::Config(_) => json!({"kind": "config", "message": message}),
        ClientError::Connection { sent, .. } => {
            json!({"kind": "connection", "message": message, "sent": sent})
        }
        ClientError::InvalidResponse { status, .. } => {
            json!({"kind": "invalid_response", "message": message, "status": status})
        }
        ClientError::Authentication {
            status, request_id, ..
        } => {
            json!({"kind": "authentication", "message": message, "status": status, "request_id": request_id})
        }
        ClientError::RateLimit {
            retry_after,
            request_id,
            ..
        } => json!({
            "kind": "rate_limit",
            "message": message,
            "status": 429,
            "request_id": request_id,
            "retry_after": retry_after.map(|delay| delay.as_secs_f64()),
        }),
        ClientError::Api {
            status,
            body,
            request_id,
            ..
        } => {
            json!({"kind": "api", "message": message, "status": status, "request_id": request_id, "body": body})
        }
        ClientError::JobFailed { job, .. } => {
            json!({"kind": "job_failed", "message": message, "job": job})
        }
        ClientError::Timeout { after, job } => {
            json!({"kind": "timeout", "message": message, "job": job, "timeout_ms": after.as_millis() as f64})
        }
        ClientError::NotReady { job } => {
            json!({"kind": "not_ready", "message": message, "job": job})
        }
        ClientError::Cancelled => json!({"kind": "cancelled", "message": message}),
        ClientError::Download { limit, .. } => {
            json!({"kind": "download", "message": message, "limit": limit.as_str()})
        }
        ClientError::Io { path, source } => io(&message, path, source),
        ClientError::WithJob { error, .. } => client_kind(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn kind(error: NativeError) -> String {
        error.payload()["kind"]
            .as_str()
            .expect("every payload has a kind")
            .to_owned()
    }

    #[test]
    fn every_payload_kind_is_listed_and_comes_first() {
        let errors = [
            NativeError::TypeError("x".into()),
            NativeError::Media(MediaError::UnknownMediaType),
            NativeError::Client(ClientError::Config("x".into())),
            NativeError::Client(ClientError::Cancelled),
            NativeError::Client(ClientError::RateLimit {
                retry_after: Some(Duration::from_millis(1500)),
                message: "slow down".into(),
                request_id: None,
            }),
        ];
        for error in errors {
            let text = napi::Error::from(error).reason;
            assert!(text.starts_with("{\"kind\":"), "{text}");
            let payload: Value = serde_json::from_str(&text).expect("JSON");
            assert!(
                KINDS.contains(&payload["kind"].as_str().unwrap_or_default()),
                "{text}"
            );
        }
        let limited = NativeError::Client(ClientError::RateLimit {
            retry_after: Some(Duration::from_millis(1500)),
            message: String::new(),
            request_id: Some("req-1".into()),
        });
        assert_eq!(limited.payload()["retry_after"], json!(1.5));
        assert_eq!(
            kind(NativeError::Client(ClientError::Cancelled)),
            "cancelled"
        );
    }

    #[test]
    fn a_wrapped_error_has_the_inner_kind_and_the_handle() {
        let wrapped = ClientError::WithJob {
            job: Box::new(omixa::client::JobHandle {
                model: "veo-3.1-lite-generate-001".into(),
                operation: Some("op_1".into()),
                idempotency_key: Some("key-1".into()),
            }),
            error: Box::new(ClientError::Cancelled),
        };
        let payload = NativeError::Client(wrapped).payload();
        assert_eq!(payload["kind"], "cancelled");
        assert_eq!(payload["operation"], "op_1");
        assert_eq!(payload["idempotency_key"], "key-1");
        let plain = NativeError::Client(ClientError::Config("x".into())).payload();
        assert_eq!(plain["operation"], Value::Null);
    }
}
