//! One HTTP exchange with the gateway: build the request, send it, read at most 10 MiB of the answer, and turn
//! the result into a value or a typed [`Error`]. Retrying is the caller's business ([`super::retry`]).
//!
//! JSON bodies are parsed by `serde_json`, whose default recursion limit (128 levels) bounds nesting, so a
//! hostile body cannot overflow the stack.

use super::Client;
use super::error::Error;
use super::retry::Resend;
use super::retry::parse_retry_after;
use bytes::Bytes;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HeaderMap, HeaderValue, RETRY_AFTER};
use reqwest::{Method, Response, StatusCode};
use serde::de::DeserializeOwned;
use std::time::SystemTime;
use url::Url;

/// The most of a response body the client reads.
pub(crate) const MAX_BODY_BYTES: usize = 10 * 1024 * 1024;
/// The most of an error body kept in [`Error::Api`].
const MAX_ERROR_BODY_CHARS: usize = 8 * 1024;
const REQUEST_ID: &str = "x-request-id";
const IDEMPOTENCY_KEY: &str = "idempotency-key";

/// One API request, sent once per attempt.
#[derive(Debug)]
pub(crate) struct ApiCall {
    method: Method,
    url: Url,
    json_body: Option<Bytes>,
    idempotency_key: Option<HeaderValue>,
    pub resend: Resend,
}

impl ApiCall {
    pub fn get(url: Url) -> Self {
        ApiCall {
            method: Method::GET,
            url,
            json_body: None,
            idempotency_key: None,
            resend: Resend::Safe,
        }
    }

    pub fn post_json(url: Url, body: Bytes) -> Self {
        ApiCall {
            method: Method::POST,
            url,
            json_body: Some(body),
            idempotency_key: None,
            resend: Resend::Safe,
        }
    }

    pub fn idempotency_key(mut self, key: HeaderValue) -> Self {
        self.idempotency_key = Some(key);
        self
    }

    pub fn resend(mut self, resend: Resend) -> Self {
        self.resend = resend;
        self
    }
}

impl Client {
    /// Sends `call` (retrying per the policy) and parses the JSON answer.
    pub(crate) async fn call_json<T: DeserializeOwned>(&self, call: &ApiCall) -> Result<T, Error> {
        let inner = &self.inner;
        inner
            .retry
            .run_call(inner.clock.as_ref(), &inner.pause, call.resend, || {
                self.attempt_json(call)
            })
            .await
    }

    async fn attempt_json<T: DeserializeOwned>(&self, call: &ApiCall) -> Result<T, Error> {
        let mut request = self
            .inner
            .http
            .request(call.method.clone(), call.url.clone())
            .timeout(self.inner.retry.request_timeout)
            .header(AUTHORIZATION, self.inner.authorization.clone());
        if let Some(body) = &call.json_body {
            request = request
                .header(CONTENT_TYPE, "application/json")
                .body(body.clone());
        }
        if let Some(key) = &call.idempotency_key {
            request = request.header(IDEMPOTENCY_KEY, key.clone());
        }
        let response = request.send().await.map_err(connection_error)?;
        let status = response.status();
        if !status.is_success() {
            return Err(error_response(response).await);
        }
        let body = read_body(response).await?;
        serde_json::from_slice(&body).map_err(|error| Error::InvalidResponse {
            status: status.as_u16(),
            message: format!("the body is not the expected JSON: {error}"),
        })
    }

    /// Sends an authenticated `GET` when `url` is on the gateway's own origin, and an anonymous one elsewhere
    /// (result URLs are often pre-signed storage links, which must never see the API key).
    pub(crate) async fn get_result(&self, url: &Url) -> Result<Response, Error> {
        let mut request = self.inner.http.get(url.clone());
        if url.origin() == self.inner.base_url.origin() {
            request = request.header(AUTHORIZATION, self.inner.authorization.clone());
        }
        let response = request.send().await.map_err(connection_error)?;
        if response.status().is_success() {
            Ok(response)
        } else {
            Err(error_response(response).await)
        }
    }
}

/// A transport failure. `sent` is false only when the connection was never established.
pub(crate) fn connection_error(error: reqwest::Error) -> Error {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    Error::Connection {
        message,
        sent: !error.is_connect(),
        source: Some(Box::new(error)),
    }
}

/// Reads the whole body, refusing more than [`MAX_BODY_BYTES`].
async fn read_body(mut response: Response) -> Result<Bytes, Error> {
    let status = response.status().as_u16();
    let too_large = || Error::InvalidResponse {
        status,
        message: format!("the body is larger than {MAX_BODY_BYTES} bytes"),
    };
    if response
        .content_length()
        .is_some_and(|length| length > MAX_BODY_BYTES as u64)
    {
        return Err(too_large());
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(connection_error)? {
        if body.len() + chunk.len() > MAX_BODY_BYTES {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Bytes::from(body))
}

/// The typed error of a non-success response. The gateway's error body is
/// `{"error": {"code", "message", "issues"?}}`; a 400 carrying validation issues becomes
/// [`Error::Validation`] with the same issue objects local validation produces.
pub(crate) async fn error_response(response: Response) -> Error {
    let status = response.status();
    let headers = response.headers().clone();
    let body = match read_body(response).await {
        Ok(body) => body,
        Err(error) => return error,
    };
    classify(status, &headers, &body, SystemTime::now())
}

/// The typed error of a non-success response already read: `body` is the gateway's error body, `now` the
/// moment a `Retry-After` date is measured from.
pub fn classify(status: StatusCode, headers: &HeaderMap, body: &[u8], now: SystemTime) -> Error {
    let request_id = headers
        .get(REQUEST_ID)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let parsed: Option<ErrorBody> = serde_json::from_slice(body).ok();
    let message = parsed
        .as_ref()
        .and_then(|parsed| parsed.error.message.clone())
        .unwrap_or_else(|| {
            status
                .canonical_reason()
                .unwrap_or("unexpected status")
                .to_owned()
        });
    match status.as_u16() {
        400 => {
            if let Some(issues) = parsed
                .and_then(|parsed| parsed.error.issues)
                .filter(|issues| !issues.is_empty())
            {
                return Error::Validation(crate::ValidationError { issues });
            }
        }
        401 | 403 => {
            return Error::Authentication {
                status: status.as_u16(),
                message,
                request_id,
            };
        }
        429 => {
            return Error::RateLimit {
                retry_after: retry_after(headers, now),
                message,
                request_id,
            };
        }
        _ => {}
    }
    // A 503 (or another 5xx) may say when the gateway expects to be back; nothing else's is honoured.
    let retry_after = if status.is_server_error() {
        retry_after(headers, now)
    } else {
        None
    };
    let text = String::from_utf8_lossy(body);
    let body = match text.char_indices().nth(MAX_ERROR_BODY_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.into_owned(),
    };
    Error::Api {
        status: status.as_u16(),
        message,
        body,
        request_id,
        retry_after,
    }
}

fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<std::time::Duration> {
    headers
        .get(RETRY_AFTER)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| parse_retry_after(value, now))
}

#[derive(serde::Deserialize)]
struct ErrorBody {
    error: ErrorDetail,
}

#[derive(serde::Deserialize)]
struct ErrorDetail {
    message: Option<String>,
    issues: Option<Vec<crate::Issue>>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(name, value)| {
                (
                    reqwest::header::HeaderName::from_static(name),
                    HeaderValue::from_static(value),
                )
            })
            .collect()
    }

    #[test]
    fn classifies_gateway_error_bodies() {
        let now = SystemTime::now();
        let body = br#"{"error":{"code":"unauthorized","message":"bad key"}}"#;
        let error = classify(
            StatusCode::UNAUTHORIZED,
            &headers(&[("x-request-id", "req_1")]),
            body,
            now,
        );
        assert!(
            matches!(&error, Error::Authentication { status: 401, message, .. } if message == "bad key")
        );
        assert_eq!(error.request_id(), Some("req_1"));

        let error = classify(
            StatusCode::TOO_MANY_REQUESTS,
            &headers(&[("retry-after", "2")]),
            b"",
            now,
        );
        assert_eq!(error.retry_after(), Some(Duration::from_secs(2)));

        let error = classify(StatusCode::BAD_GATEWAY, &HeaderMap::new(), b"<html>", now);
        assert!(
            matches!(&error, Error::Api { status: 502, message, body, .. } if message == "Bad Gateway" && body == "<html>")
        );
        assert!(error.is_retryable());
        assert_eq!(error.retry_after(), None);

        let unavailable = classify(
            StatusCode::SERVICE_UNAVAILABLE,
            &headers(&[("retry-after", "7")]),
            b"",
            now,
        );
        assert_eq!(unavailable.retry_after(), Some(Duration::from_secs(7)));
        let not_found = classify(
            StatusCode::NOT_FOUND,
            &headers(&[("retry-after", "7")]),
            b"",
            now,
        );
        assert_eq!(not_found.retry_after(), None);
    }

    #[test]
    fn a_400_with_issues_is_a_validation_error() {
        let body = br#"{"error":{"code":"invalid_request","message":"1 issue","issues":[
            {"code":"out_of_range","path":"/seconds","field":"duration_seconds","message":"too long","suggestion":null}]}}"#;
        let error = classify(
            StatusCode::BAD_REQUEST,
            &HeaderMap::new(),
            body,
            SystemTime::now(),
        );
        let Error::Validation(validation) = error else {
            panic!("expected a validation error, got {error:?}")
        };
        assert_eq!(validation.issues[0].code(), crate::IssueCode::OutOfRange);
    }
}
