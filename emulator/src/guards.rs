//! Middleware that keeps every answer in the API's shape and every request within bounds:
//!
//! - [`json_errors`]: an error response that is not JSON (axum's own 405, 413, 415, ... rejections are plain
//!   text or empty) becomes `{"error": {"code", "message"}}`, keeping its status and headers;
//! - [`limit_request_head`]: a URI longer than 8 KiB is a 414, a header block over 32 KiB or 100 headers a
//!   431, answered here in JSON (hyper's own, higher limits would close the connection with an empty body),
//!   and a `Content-Length` over the body limit is a 413 at once, before any of the body is read;
//! - [`limit_request_time`]: a request (body included) that takes longer than the request timeout to
//!   handle is answered 408, so a slow body cannot hold a connection forever.

use super::error_body::error_response;
use super::{MAX_REQUEST_BYTES, Shared};
use axum::extract::{Request, State};
use axum::http::header::{CONNECTION, CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use std::sync::Arc;

/// The longest request target accepted.
const MAX_URI_BYTES: usize = 8 * 1024;
/// The largest header block accepted (names and values).
const MAX_HEADER_BYTES: usize = 32 * 1024;
/// The most headers accepted.
const MAX_HEADERS: usize = 100;
/// The most of a plain-text error body carried over into the JSON message.
const MAX_MESSAGE_BYTES: usize = 1024;

/// Rewrites non-JSON error responses as the API's JSON errors.
pub async fn json_errors(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let text = axum::body::to_bytes(body, MAX_MESSAGE_BYTES)
        .await
        .ok()
        .map(|bytes| String::from_utf8_lossy(&bytes).trim().to_owned())
        .filter(|text| !text.is_empty());
    let message = text.unwrap_or_else(|| status.canonical_reason().unwrap_or("error").to_owned());
    let json = error_response(status, code_for(status), &message);
    let (json_parts, json_body) = json.into_parts();
    parts.headers.remove(CONTENT_LENGTH);
    parts.headers.insert(
        CONTENT_TYPE,
        json_parts
            .headers
            .get(CONTENT_TYPE)
            .cloned()
            .unwrap_or(HeaderValue::from_static("application/json")),
    );
    Response::from_parts(parts, json_body)
}

/// The error code of a status the handlers do not answer themselves.
fn code_for(status: StatusCode) -> &'static str {
    match status {
        StatusCode::BAD_REQUEST => "invalid_request",
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
        StatusCode::REQUEST_TIMEOUT => "request_timeout",
        StatusCode::PAYLOAD_TOO_LARGE => "payload_too_large",
        StatusCode::URI_TOO_LONG => "uri_too_long",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
        StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE => "headers_too_large",
        status if status.is_server_error() => "internal_error",
        _ => "client_error",
    }
}

/// Refuses an oversized request target or header block before any handler runs.
pub async fn limit_request_head(request: Request, next: Next) -> Response {
    let uri_bytes = request
        .uri()
        .path_and_query()
        .map_or(0, |target| target.as_str().len());
    if uri_bytes > MAX_URI_BYTES {
        return error_response(
            StatusCode::URI_TOO_LONG,
            "uri_too_long",
            &format!(
                "the request target is {uri_bytes} bytes; at most {MAX_URI_BYTES} are accepted"
            ),
        );
    }
    let headers = request.headers();
    let header_bytes: usize = headers
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len())
        .sum();
    if headers.len() > MAX_HEADERS || header_bytes > MAX_HEADER_BYTES {
        return error_response(
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            "headers_too_large",
            &format!(
                "{} headers of {header_bytes} bytes; at most {MAX_HEADERS} headers of {MAX_HEADER_BYTES} bytes are accepted",
                headers.len()
            ),
        );
    }
    let announced = headers
        .get(CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    if let Some(length) = announced.filter(|length| *length > MAX_REQUEST_BYTES as u64) {
        let mut response = error_response(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            &format!("the body is {length} bytes; at most {MAX_REQUEST_BYTES} are accepted"),
        );
        // The body is not going to be read.
        response
            .headers_mut()
            .insert(CONNECTION, HeaderValue::from_static("close"));
        return response;
    }
    next.run(request).await
}

/// Answers 408 when handling a request (reading its body included) outlasts the request timeout.
pub async fn limit_request_time(
    State(shared): State<Arc<Shared>>,
    request: Request,
    next: Next,
) -> Response {
    match tokio::time::timeout(shared.request_timeout, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            let mut response = error_response(
                StatusCode::REQUEST_TIMEOUT,
                "request_timeout",
                &format!(
                    "the request took longer than {} s",
                    shared.request_timeout.as_secs_f64()
                ),
            );
            // The rest of a slow body is not worth reading.
            response
                .headers_mut()
                .insert(CONNECTION, HeaderValue::from_static("close"));
            response
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_gets_a_code() {
        assert_eq!(
            code_for(StatusCode::METHOD_NOT_ALLOWED),
            "method_not_allowed"
        );
        assert_eq!(code_for(StatusCode::PAYLOAD_TOO_LARGE), "payload_too_large");
        assert_eq!(code_for(StatusCode::BAD_GATEWAY), "internal_error");
        assert_eq!(code_for(StatusCode::IM_A_TEAPOT), "client_error");
    }
}
