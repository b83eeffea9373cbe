//! Who may see the dashboard. A request from a loopback peer needs no key: the emulator's default address is
//! loopback, and a browser cannot add an `Authorization` header to a page it navigates to. A request from any
//! other peer (the emulator listening on `--host 0.0.0.0` for a phone on the same network, say) needs the API
//! key, as one of:
//!
//! - `Authorization: Bearer <key>`, as the API takes it;
//! - `?key=<key>` on any dashboard path, answered with a redirect to the same path without it and a cookie
//!   that admits the browser from then on (so the key leaves the address bar). The cookie holds a SHA-256
//!   digest of the key, not the key.
//!
//! A request whose peer is unknown (the router driven in-process, without a socket) counts as non-loopback.

use crate::Shared;
use crate::error_body::error_response;
use axum::extract::connect_info::ConnectInfo;
use axum::extract::{Query, Request, State};
use axum::http::header::{AUTHORIZATION, COOKIE, LOCATION, SET_COOKIE};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::fmt::Write;
use std::net::SocketAddr;
use std::sync::Arc;
use subtle::ConstantTimeEq;

/// The cookie that admits a browser which presented the key once.
const COOKIE_NAME: &str = "omixa_dashboard";

#[derive(Debug, Deserialize)]
struct KeyQuery {
    key: Option<String>,
}

/// Middleware of the dashboard's routes.
pub(crate) async fn require_viewer(
    State(shared): State<Arc<Shared>>,
    request: Request,
    next: Next,
) -> Response {
    let api_key = shared.api_key.as_bytes();
    let query_key = Query::<KeyQuery>::try_from_uri(request.uri())
        .ok()
        .and_then(|Query(query)| query.key);
    if let Some(presented) = query_key {
        return if equal_in_constant_time(presented.as_bytes(), api_key) {
            admit_with_cookie(request.uri().path(), api_key)
        } else {
            unauthorized()
        };
    }
    if from_loopback(&request) || has_bearer_key(&request, api_key) || has_cookie(&request, api_key)
    {
        next.run(request).await
    } else {
        unauthorized()
    }
}

fn from_loopback(request: &Request) -> bool {
    request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .is_some_and(|ConnectInfo(peer)| peer.ip().to_canonical().is_loopback())
}

fn has_bearer_key(request: &Request, api_key: &[u8]) -> bool {
    request
        .headers()
        .get(AUTHORIZATION)
        .and_then(|value| value.as_bytes().strip_prefix(b"Bearer "))
        .is_some_and(|presented| equal_in_constant_time(presented, api_key))
}

fn has_cookie(request: &Request, api_key: &[u8]) -> bool {
    let expected = cookie_value(api_key);
    request
        .headers()
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|cookies| cookies.split(';'))
        .filter_map(|cookie| cookie.trim().split_once('='))
        .any(|(name, value)| {
            name == COOKIE_NAME && equal_in_constant_time(value.as_bytes(), expected.as_bytes())
        })
}

/// A 303 to `path` (the same page without the key) that sets the admitting cookie.
fn admit_with_cookie(path: &str, api_key: &[u8]) -> Response {
    let cookie = format!(
        "{COOKIE_NAME}={}; Path=/; HttpOnly; SameSite=Strict",
        cookie_value(api_key)
    );
    let (Ok(location), Ok(cookie)) = (HeaderValue::from_str(path), HeaderValue::from_str(&cookie))
    else {
        return unauthorized();
    };
    (
        StatusCode::SEE_OTHER,
        [(LOCATION, location), (SET_COOKIE, cookie)],
    )
        .into_response()
}

/// The cookie's value: the hex SHA-256 of the key, so a stolen cookie does not reveal the key to the API.
fn cookie_value(api_key: &[u8]) -> String {
    let digest = ring::digest::digest(&ring::digest::SHA256, api_key);
    digest
        .as_ref()
        .iter()
        .fold(String::with_capacity(64), |mut hex, byte| {
            let _ = write!(hex, "{byte:02x}");
            hex
        })
}

/// How long the comparison takes says nothing about how much of the key was right.
fn equal_in_constant_time(presented: &[u8], expected: &[u8]) -> bool {
    bool::from(presented.ct_eq(expected))
}

fn unauthorized() -> Response {
    error_response(
        StatusCode::UNAUTHORIZED,
        "unauthorized",
        "the dashboard needs the API key from a non-loopback address: open /?key=<key> once, or send \
         Authorization: Bearer <key>",
    )
}
