//! The client's readers of gateway responses: a job body ([`omixa::client::Job`]) and the classification of
//! an error response (status, headers, body) into a typed [`omixa::client::Error`].
//!
//! Inputs are written like a bare HTTP response so that recorded responses can be corpus files:
//!
//! ```text
//! 429
//! retry-after: 2
//! x-request-id: req_1
//!
//! {"error": {"code": "rate_limited", "message": "slow down"}}
//! ```
//!
//! A first line that is not a status code means there is no head: the whole input is the body, read as a job
//! and classified under each status the client treats specially.

use omixa::client::{Error, Job};
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use std::time::{Duration, SystemTime};

/// The statuses a body without a head is classified under: each branch of the classification.
const STATUSES: [u16; 5] = [400, 401, 429, 500, 418];
/// The most characters of an error body kept, plus the ellipsis that marks the cut.
const MAX_KEPT_BODY_CHARS: usize = 8 * 1024 + 1;

/// Reads the body as a job and classifies the response.
///
/// Invariants: a job that parses survives a JSON round trip unchanged; classification never panics and
/// maps 401/403 to authentication, 429 to rate limit (a numeric `Retry-After` read exactly), a 400 with
/// issues to validation, anything else to an API error that keeps the status and at most 8 KiB of the body,
/// with a `Retry-After` only for a server error.
pub fn gateway_response(data: &[u8]) {
    let (statuses, headers, body) = match split_head(data) {
        Some((status, headers, body)) => (vec![status], headers, body),
        None => (STATUSES.to_vec(), HeaderMap::new(), data),
    };
    check_job(body);
    // A fixed clock keeps HTTP-date `Retry-After`s reproducible.
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    for status in statuses {
        let Ok(status) = StatusCode::from_u16(status) else {
            continue;
        };
        let error = omixa::client::classify_error_response(status, &headers, body, now);
        check_error(status, &headers, &error);
    }
}

/// `status\nname: value\n...\n\nbody`, or `None` when the first line is not a number.
fn split_head(data: &[u8]) -> Option<(u16, HeaderMap, &[u8])> {
    let end = data.windows(2).position(|pair| pair == b"\n\n");
    let (head, body) = match end {
        Some(end) => (&data[..end], &data[end + 2..]),
        None => (data, &data[data.len()..]),
    };
    let head = std::str::from_utf8(head).ok()?;
    let mut lines = head.lines();
    let status = lines.next()?.trim().parse().ok()?;
    let mut headers = HeaderMap::new();
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.trim().as_bytes()),
            HeaderValue::from_str(value.trim()),
        ) {
            headers.append(name, value);
        }
    }
    Some((status, headers, body))
}

fn check_job(body: &[u8]) {
    let Ok(job) = serde_json::from_slice::<Job>(body) else {
        return;
    };
    let value = serde_json::to_value(&job).expect("a job serializes");
    let again: Job = serde_json::from_value(value.clone())
        .unwrap_or_else(|error| panic!("a serialized job does not read back: {error}\n{value}"));
    assert_eq!(again, job, "a job changed in a JSON round trip");
    let _ = (job.record.status.is_final(), job.record.status.to_string());
}

fn check_error(status: StatusCode, headers: &HeaderMap, error: &Error) {
    assert!(!error.to_string().is_empty(), "an error without a message");
    let code = status.as_u16();
    match error {
        Error::Authentication { status, .. } => {
            assert!(matches!(code, 401 | 403) && *status == code, "{error:?}");
        }
        Error::RateLimit { retry_after, .. } => {
            assert_eq!(code, 429, "{error:?}");
            let seconds = headers
                .get("retry-after")
                .and_then(|value| value.to_str().ok())
                .and_then(|value| value.trim().parse::<u64>().ok());
            if let Some(seconds) = seconds {
                assert_eq!(*retry_after, Some(Duration::from_secs(seconds)));
            }
        }
        Error::Validation(validation) => {
            assert_eq!(code, 400, "{error:?}");
            assert!(
                !validation.issues.is_empty(),
                "a validation error without issues"
            );
        }
        Error::Api {
            status,
            body,
            retry_after,
            ..
        } => {
            assert!(!matches!(code, 401 | 403 | 429), "{error:?}");
            // Only a server error's Retry-After is honoured.
            assert!(
                retry_after.is_none() || (500..600).contains(&code),
                "{error:?}"
            );
            assert_eq!(*status, code);
            assert!(
                body.chars().count() <= MAX_KEPT_BODY_CHARS,
                "an error body kept whole"
            );
            assert_eq!(
                error.is_retryable(),
                code == 408 || (500..600).contains(&code),
                "{error:?}"
            );
        }
        other => panic!(
            "an error response classified as {}: {other:?}",
            other.kind()
        ),
    }
}
