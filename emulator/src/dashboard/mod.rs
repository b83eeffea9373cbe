//! The dashboard: a page at `/` that watches the emulator live: its jobs (status, model, account, failovers,
//! age), the ledger (the most recent holds, charges and releases, and the totals per currency), the faults
//! injected so far, and each succeeded job's videos in `<video>` elements.
//!
//! | route | what |
//! | --- | --- |
//! | `GET /` | the page, rendered by askama from `templates/dashboard/page.html`: the emulator's settings and the panels the script fills |
//! | `GET /dashboard/state` | the live state as JSON ([`snapshot`]), which the script polls every second |
//! | `GET /dashboard/assets/{name}` | the script, the stylesheet and the icon, built into the binary |
//!
//! No build step: the page is server-rendered HTML and the script is plain JavaScript that fills `<template>`
//! rows with text (never HTML). Result videos are linked by path (`/files/...`), so they play whatever host
//! name the browser reached the emulator by.
//!
//! The dashboard is off unless [`EmulatorConfig::dashboard`](crate::EmulatorConfig::dashboard) asks for it
//! (`omixa serve` does, unless `--no-dashboard`); off, `/` stays a JSON 404 like any unknown path. Its routes
//! are outside the API: never faulted, and not counted on the fault counter.

mod access;
mod snapshot;

use crate::{EmulatorConfig, Faults, Shared};
use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::HeaderValue;
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, X_CONTENT_TYPE_OPTIONS,
};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::num::NonZeroU64;
use std::sync::Arc;

/// How often the script asks for the state, in milliseconds.
const POLL_MILLISECONDS: u64 = 1_000;

/// The page may load only its own script, stylesheet, icon, state and videos.
const CONTENT_SECURITY_POLICY_VALUE: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
     img-src 'self'; media-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; \
     frame-ancestors 'none'";

/// The files the page loads, built into the binary: `(name, content type, bytes)`.
const ASSETS: [(&str, &str, &str); 3] = [
    (
        "dashboard.js",
        "text/javascript; charset=utf-8",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/templates/dashboard/dashboard.js"
        )),
    ),
    (
        "dashboard.css",
        "text/css; charset=utf-8",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/templates/dashboard/dashboard.css"
        )),
    ),
    (
        "icon.svg",
        "image/svg+xml",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/templates/dashboard/icon.svg"
        )),
    ),
];

/// What the page shows of the emulator's configuration that stays as it started (the faults can change
/// while it runs: [`fault_settings`]).
#[derive(Debug)]
pub(crate) struct Settings {
    /// `(label, value)` rows, e.g. `("Jobs run", "5 s")`.
    rows: Vec<(&'static str, String)>,
}

impl Settings {
    pub(crate) fn new(config: &EmulatorConfig, base_url: &str) -> Settings {
        let seconds = |seconds: f64| format!("{seconds} s");
        let rows = vec![
            ("Address", base_url.to_owned()),
            (
                "Jobs run",
                match config.job_seconds_max {
                    Some(longest) if longest > config.job_seconds => {
                        format!("{} to {}", seconds(config.job_seconds), seconds(longest))
                    }
                    _ => seconds(config.job_seconds),
                },
            ),
            ("Provider accounts", config.accounts.to_string()),
        ];
        Settings { rows }
    }
}

/// The faults in force as settings rows, each injected fault named by its `omixa serve` flag.
fn fault_settings(faults: &Faults) -> Vec<(&'static str, String)> {
    let every =
        |n: Option<NonZeroU64>, flag: &str, what: &str| n.map(|n| format!("{flag} {n}: {what}"));
    let injected = [
        every(
            faults.rate_limit_every,
            "--rate-limit-every",
            &format!("429, Retry-After {} s", faults.retry_after_seconds),
        ),
        every(faults.fail_every, "--fail-every", "500"),
        every(faults.drop_every, "--drop-every", "connection cut mid-body"),
        every(
            faults.malformed_every,
            "--malformed-every",
            "JSON body cut in half",
        ),
        (!faults.latency.is_zero()).then(|| format!("--latency-ms {}", faults.latency.as_millis())),
        (!faults.answer_latency.is_zero())
            .then(|| format!("--answer-latency-ms {}", faults.answer_latency.as_millis())),
    ];
    let injected: Vec<String> = injected.into_iter().flatten().collect();
    vec![
        ("Route failure rate", faults.route_failure_rate.to_string()),
        ("Job failure rate", faults.job_failure_rate.to_string()),
        (
            "Faults",
            if injected.is_empty() {
                "none".to_owned()
            } else {
                injected.join("; ")
            },
        ),
    ]
}

#[derive(Template)]
#[template(path = "dashboard/page.html")]
struct Page {
    settings: Vec<(&'static str, String)>,
    poll_milliseconds: u64,
}

/// The dashboard's routes, each behind the access check.
pub(crate) fn routes(shared: Arc<Shared>) -> Router<Arc<Shared>> {
    Router::new()
        .route("/", get(page))
        .route("/dashboard/state", get(state))
        .route("/dashboard/assets/{name}", get(asset))
        .layer(axum::middleware::from_fn_with_state(
            shared,
            access::require_viewer,
        ))
}

/// `GET /`.
async fn page(State(shared): State<Arc<Shared>>) -> Response {
    let Some(settings) = &shared.dashboard else {
        return crate::handlers::not_found().await;
    };
    let mut rows = settings.rows.clone();
    rows.extend(fault_settings(&shared.faults()));
    let page = Page {
        settings: rows,
        poll_milliseconds: POLL_MILLISECONDS,
    };
    match page.render() {
        Ok(html) => {
            with_page_headers(([(CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response())
        }
        Err(error) => crate::error_body::error_response(
            axum::http::StatusCode::INTERNAL_SERVER_ERROR,
            "internal_error",
            &format!("cannot render the dashboard: {error}"),
        ),
    }
}

/// `GET /dashboard/state`.
async fn state(State(shared): State<Arc<Shared>>) -> Response {
    with_page_headers(snapshot::json(&shared))
}

/// `GET /dashboard/assets/{name}`.
async fn asset(Path(name): Path<String>) -> Response {
    match ASSETS.iter().find(|(asset, _, _)| *asset == name) {
        Some((_, content_type, body)) => {
            with_page_headers(([(CONTENT_TYPE, *content_type)], *body).into_response())
        }
        None => crate::handlers::not_found().await,
    }
}

/// Never cached (the state is live, and an upgraded binary brings new assets), never sniffed, and the page
/// confined to its own origin.
fn with_page_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(
        CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY_VALUE),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setting(rows: &[(&'static str, String)], label: &str) -> String {
        rows.iter()
            .find(|(row, _)| *row == label)
            .map(|(_, value)| value.clone())
            .unwrap_or_else(|| panic!("no {label} row"))
    }

    #[test]
    fn the_settings_name_each_configured_fault_by_its_flag() {
        let quiet = Settings::new(&EmulatorConfig::default(), "http://127.0.0.1:8080");
        assert_eq!(setting(&quiet.rows, "Address"), "http://127.0.0.1:8080");
        assert_eq!(
            setting(&fault_settings(&Faults::default()), "Faults"),
            "none"
        );

        let config = EmulatorConfig {
            job_seconds: 1.0,
            job_seconds_max: Some(3.5),
            rate_limit_every: NonZeroU64::new(4),
            retry_after_seconds: 2,
            malformed_every: NonZeroU64::new(9),
            latency_ms: 30,
            route_failure_rate: 0.5,
            ..EmulatorConfig::default()
        };
        let settings = Settings::new(&config, "http://127.0.0.1:8080");
        assert_eq!(setting(&settings.rows, "Jobs run"), "1 s to 3.5 s");
        let faults = fault_settings(&config.faults());
        assert_eq!(setting(&faults, "Route failure rate"), "0.5");
        assert_eq!(
            setting(&faults, "Faults"),
            "--rate-limit-every 4: 429, Retry-After 2 s; --malformed-every 9: JSON body cut in half; \
             --latency-ms 30"
        );
    }
}
