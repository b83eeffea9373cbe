//! Injected faults, on one counter of job requests: every create and status call (`POST /api/v1/videos/jobs`,
//! `POST` and `GET /api/v1/videos/jobs/status`) that passed authentication, counted from 1. Request `n`
//! gets the first fault whose flag divides it:
//!
//! | flag | the response | the job |
//! | --- | --- | --- |
//! | `--rate-limit-every N` | 429 with `Retry-After` (`--retry-after` seconds) | never reached |
//! | `--fail-every N` | 500 | never reached |
//! | `--drop-every N` | headers, half the body, then the connection is cut | the request was processed: a create made its job |
//! | `--malformed-every N` | 200 with the JSON body cut in half | the request was processed |
//!
//! `--latency-ms` delays every request, files and usage included, before it is handled; `--answer-latency-ms`
//! delays every response after the request was handled. Usage and result files are never faulted,
//! so tests can always read the ledger. The settings are [`Faults`]; they can change while the emulator runs.
//!
//! Each injected fault is also written in a [`FaultLog`] (a count per kind and the most recent ones), which the
//! dashboard shows.

use super::Shared;
use super::error_body::error_response;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::header::{CONTENT_LENGTH, RETRY_AFTER};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use std::collections::{BTreeMap, VecDeque};
use std::num::NonZeroU64;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// The most of a response body the fault layer buffers to cut it.
const MAX_BUFFERED_BODY: usize = 1024 * 1024;
/// Injected faults the log lists one by one (its counts cover all of them).
const RECENT_FAULTS: usize = 50;

/// What goes wrong, and how often: the faults injected into job requests, the latency of every response,
/// and the odds that a job's provider route or its generation fails. Set at start from [`EmulatorConfig`]
/// and changed while the emulator runs with [`Emulator::set_faults`]; a change applies from the next request
/// on (and, for the two rates, to jobs created from then on).
///
/// [`EmulatorConfig`]: crate::EmulatorConfig
/// [`Emulator::set_faults`]: crate::Emulator::set_faults
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Faults {
    /// Answer every Nth job request with 429 and a `Retry-After`.
    pub rate_limit_every: Option<NonZeroU64>,
    /// The `Retry-After` of an injected 429, in seconds.
    pub retry_after_seconds: u64,
    /// Answer every Nth job request with 500, without acting on it.
    pub fail_every: Option<NonZeroU64>,
    /// Act on every Nth job request, then cut the connection halfway through the response.
    pub drop_every: Option<NonZeroU64>,
    /// Act on every Nth job request, then send its JSON body cut in half.
    pub malformed_every: Option<NonZeroU64>,
    /// Delay every request (files and usage too) before it is handled.
    pub latency: Duration,
    /// Delay every response after the request was acted on.
    pub answer_latency: Duration,
    /// Probability (0 to 1) that a job fails after it started; its hold is released.
    pub job_failure_rate: f64,
    /// Probability (0 to 1) that the route to one provider account fails before output starts; the next
    /// healthy account takes the job.
    pub route_failure_rate: f64,
}

impl Default for Faults {
    /// No fault at all; a 429, once enabled, asks for a retry after 1 s.
    fn default() -> Self {
        Faults {
            rate_limit_every: None,
            retry_after_seconds: 1,
            fail_every: None,
            drop_every: None,
            malformed_every: None,
            latency: Duration::ZERO,
            answer_latency: Duration::ZERO,
            job_failure_rate: 0.0,
            route_failure_rate: 0.0,
        }
    }
}

/// A setting out of its range: which one, and what was expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: expected {expected}")]
pub struct InvalidSetting {
    /// The setting's name, as in [`Faults`] or [`EmulatorConfig`](crate::EmulatorConfig).
    pub field: &'static str,
    /// What it must be, with the value given.
    pub expected: String,
}

impl Faults {
    /// Checks the two rates are probabilities.
    pub fn check(&self) -> Result<(), InvalidSetting> {
        check_probability("job_failure_rate", self.job_failure_rate)?;
        check_probability("route_failure_rate", self.route_failure_rate)
    }
}

pub(crate) fn check_probability(field: &'static str, value: f64) -> Result<(), InvalidSetting> {
    if (0.0..=1.0).contains(&value) {
        Ok(())
    } else {
        Err(InvalidSetting {
            field,
            expected: format!("a probability from 0 to 1, got {value}"),
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Fault {
    RateLimit,
    ServerError,
    DropConnection,
    Malformed,
}

impl Faults {
    /// The fault for job request number `n` (from 1), if any.
    fn fault_for(&self, n: u64) -> Option<Fault> {
        let hits =
            |every: Option<NonZeroU64>| every.is_some_and(|every| n.is_multiple_of(every.get()));
        [
            (self.rate_limit_every, Fault::RateLimit),
            (self.fail_every, Fault::ServerError),
            (self.drop_every, Fault::DropConnection),
            (self.malformed_every, Fault::Malformed),
        ]
        .into_iter()
        .find_map(|(every, fault)| hits(every).then_some(fault))
    }
}

/// Counts job requests.
#[derive(Debug, Default)]
pub struct FaultCounter(AtomicU64);

impl FaultCounter {
    /// Job requests counted so far.
    pub fn count(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

/// The faults injected so far: how many of each kind, and the most recent ones.
#[derive(Debug, Default)]
pub struct FaultLog {
    counts: BTreeMap<Fault, u64>,
    recent: VecDeque<InjectedFault>,
}

/// One injected fault.
#[derive(Debug, Clone)]
pub struct InjectedFault {
    /// The job request's number on the fault counter.
    pub request: u64,
    pub fault: Fault,
    pub method: String,
    pub path: String,
    pub at: Instant,
}

impl FaultLog {
    fn record(&mut self, fault: InjectedFault) {
        *self.counts.entry(fault.fault).or_default() += 1;
        if self.recent.len() == RECENT_FAULTS {
            self.recent.pop_front();
        }
        self.recent.push_back(fault);
    }

    /// How many faults of each kind were injected (kinds never injected are absent).
    pub fn counts(&self) -> &BTreeMap<Fault, u64> {
        &self.counts
    }

    /// The most recent injected faults, newest first.
    pub fn recent(&self) -> impl Iterator<Item = &InjectedFault> {
        self.recent.iter().rev()
    }
}

/// Middleware of the job routes.
pub(crate) async fn inject(
    State(shared): State<Arc<Shared>>,
    request: Request,
    next: Next,
) -> Response {
    let n = shared.fault_counter.0.fetch_add(1, Ordering::Relaxed) + 1;
    let plan = shared.faults();
    let fault = plan.fault_for(n);
    if let Some(fault) = fault {
        shared.fault_log().record(InjectedFault {
            request: n,
            fault,
            method: request.method().to_string(),
            path: request.uri().path().to_owned(),
            at: Instant::now(),
        });
    }
    match fault {
        None => next.run(request).await,
        Some(Fault::RateLimit) => {
            let mut response = error_response(
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                "too many requests (injected fault)",
            );
            response
                .headers_mut()
                .insert(RETRY_AFTER, HeaderValue::from(plan.retry_after_seconds));
            response
        }
        Some(Fault::ServerError) => error_response(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal_error",
            "internal error (injected fault)",
        ),
        Some(fault @ (Fault::DropConnection | Fault::Malformed)) => {
            let response = next.run(request).await;
            let (mut parts, body) = response.into_parts();
            let Ok(body) = axum::body::to_bytes(body, MAX_BUFFERED_BODY).await else {
                return error_response(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal_error",
                    "response too large to fault",
                );
            };
            let half = body.slice(..body.len() / 2);
            parts.headers.remove(CONTENT_LENGTH);
            let body = if fault == Fault::Malformed {
                Body::from(half)
            } else {
                // A body stream that fails makes hyper abort the connection mid-response.
                let cut = std::io::Error::new(
                    std::io::ErrorKind::ConnectionAborted,
                    "connection dropped (injected fault)",
                );
                Body::from_stream(futures_util::stream::iter([
                    Ok::<Bytes, std::io::Error>(half),
                    Err(cut),
                ]))
            };
            Response::from_parts(parts, body).into_response()
        }
    }
}

/// Middleware of every route: the configured latency, and an `x-request-id` on every response.
pub(crate) async fn latency_and_request_id(
    State(shared): State<Arc<Shared>>,
    request: Request,
    next: Next,
) -> Response {
    let latency = shared.faults().latency;
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    let id = shared.request_ids.fetch_add(1, Ordering::Relaxed) + 1;
    let mut response = next.run(request).await;
    // Read again: a test may have changed it while the request was handled.
    let answer_latency = shared.faults().answer_latency;
    if !answer_latency.is_zero() {
        tokio::time::sleep(answer_latency).await;
    }
    if let Ok(value) = HeaderValue::from_str(&format!("req_{id:08}")) {
        response.headers_mut().insert("x-request-id", value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every(n: u64) -> Option<NonZeroU64> {
        NonZeroU64::new(n)
    }

    #[test]
    fn the_first_matching_flag_wins() {
        let plan = Faults {
            rate_limit_every: every(2),
            fail_every: every(3),
            drop_every: every(5),
            malformed_every: every(7),
            ..Faults::default()
        };
        let faults: Vec<Option<Fault>> = (1..=7).map(|n| plan.fault_for(n)).collect();
        use Fault::*;
        assert_eq!(
            faults,
            [
                None,
                Some(RateLimit),
                Some(ServerError),
                Some(RateLimit),
                Some(DropConnection),
                Some(RateLimit),
                Some(Malformed)
            ]
        );
        assert_eq!(Faults::default().fault_for(6), None);
    }

    #[test]
    fn the_log_counts_every_fault_and_lists_the_most_recent() {
        let mut log = FaultLog::default();
        let total = RECENT_FAULTS as u64 + 5;
        for request in 1..=total {
            log.record(InjectedFault {
                request,
                fault: if request % 2 == 0 {
                    Fault::RateLimit
                } else {
                    Fault::ServerError
                },
                method: "POST".into(),
                path: "/api/v1/videos/jobs".into(),
                at: Instant::now(),
            });
        }
        assert_eq!(log.counts().values().sum::<u64>(), total);
        assert_eq!(log.counts()[&Fault::RateLimit], total / 2);
        let listed: Vec<u64> = log.recent().map(|fault| fault.request).collect();
        assert_eq!(listed.len(), RECENT_FAULTS);
        assert_eq!((listed[0], listed[RECENT_FAULTS - 1]), (total, 6));
    }
}
