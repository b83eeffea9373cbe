//! Each fault flag alone (retried to success, or the typed error once the budget is spent), then all of them
//! at once: 50 jobs that all succeed with exactly 50 holds and 50 charges.
//!
//! The emulator counts job requests (creates and status calls) from 1; a test that wants its create to be
//! request 2 first makes one status call.

mod common;

use common::{Harness, lite_request, records, start, start_with_retries, usage};
use omixa::client::{Error, JobStatus, WaitOptions};
use omixa_emulator::EmulatorConfig;
use std::num::NonZeroU64;
use std::time::Duration;

fn every(n: u64) -> Option<NonZeroU64> {
    NonZeroU64::new(n)
}

/// Uses up job request number 1 with a status call for an unknown operation.
async fn spend_one_request(harness: &Harness) {
    let _ = harness.client.status("op_warm_up", "").await;
}

/// Creates, waits and checks the job succeeded; returns the number of holds and charges in the ledger.
async fn lifecycle(harness: &Harness) -> (usize, usize) {
    let job = harness
        .client
        .create(lite_request())
        .await
        .expect("created");
    let done = harness
        .client
        .wait(&job, WaitOptions::default())
        .await
        .expect("succeeds");
    assert_eq!(done.record.status, JobStatus::Succeeded);
    let usage = usage(&harness.emulator).await;
    (
        records(&usage, "hold").len(),
        records(&usage, "charge").len(),
    )
}

#[tokio::test]
async fn rate_limits_are_retried_after_retry_after() {
    let harness = start(EmulatorConfig {
        rate_limit_every: every(2),
        retry_after_seconds: 3,
        ..common::config()
    })
    .await;
    // Request 1 creates; request 2 (the first poll) is limited; request 3 answers.
    assert_eq!(lifecycle(&harness).await, (1, 1));
    assert!(
        harness.clock.sleeps().contains(&Duration::from_secs(3)),
        "{:?}",
        harness.clock.sleeps()
    );
}

/// A 429 pauses the whole client: another call, on a clone, waits out the Retry-After before it is sent.
#[tokio::test]
async fn a_rate_limit_pauses_every_clone_of_the_client() {
    let harness = start_with_retries(
        EmulatorConfig {
            rate_limit_every: every(2),
            retry_after_seconds: 3,
            ..common::config()
        },
        0,
    )
    .await;
    let job = harness
        .client
        .create(lite_request())
        .await
        .expect("request 1 is not limited");
    let limited = harness
        .client
        .status(&job.record.operation, &job.record.model)
        .await
        .expect_err("request 2 is limited, and there are no retries");
    assert_eq!(limited.kind(), "rate_limit");
    assert!(harness.clock.sleeps().is_empty());

    let worker = harness.client.clone();
    let polled = worker
        .status(&job.record.operation, &job.record.model)
        .await
        .expect("request 3 answers");
    assert_eq!(polled.record.operation, job.record.operation);
    assert_eq!(
        harness.clock.sleeps(),
        [Duration::from_secs(3)],
        "the clone waited for the pause the first call was told about"
    );
}

#[tokio::test]
async fn rate_limits_beyond_the_budget_are_a_rate_limit_error() {
    let harness = start(EmulatorConfig {
        rate_limit_every: every(1),
        ..common::config()
    })
    .await;
    let error = harness
        .client
        .create(lite_request())
        .await
        .expect_err("always limited");
    assert_eq!(error.kind(), "rate_limit");
    assert_eq!(error.retry_after(), Some(Duration::from_secs(1)));
    assert_eq!(
        harness.clock.sleeps(),
        [Duration::from_secs(1), Duration::from_secs(1)],
        "two retries"
    );
}

#[tokio::test]
async fn server_errors_are_retried_with_backoff() {
    let harness = start(EmulatorConfig {
        fail_every: every(2),
        ..common::config()
    })
    .await;
    assert_eq!(lifecycle(&harness).await, (1, 1));
    let sleeps = harness.clock.sleeps();
    assert!(
        sleeps
            .iter()
            .any(|delay| (Duration::from_millis(250)..=Duration::from_millis(500)).contains(delay)),
        "{sleeps:?}"
    );
}

#[tokio::test]
async fn server_errors_beyond_the_budget_are_an_api_error() {
    let harness = start(EmulatorConfig {
        fail_every: every(1),
        ..common::config()
    })
    .await;
    let error = harness
        .client
        .create(lite_request())
        .await
        .expect_err("always failing");
    assert!(
        matches!(error.root(), Error::Api { status: 500, body, .. } if body.contains("internal_error")),
        "{error}"
    );
    assert!(error.is_retryable());
    let sleeps = harness.clock.sleeps();
    assert_eq!(sleeps.len(), 2);
    assert!(
        sleeps[0] <= Duration::from_millis(500) && sleeps[1] <= Duration::from_secs(1),
        "{sleeps:?}"
    );
    assert!(
        records(&usage(&harness.emulator).await, "hold").is_empty(),
        "a 500 acts on nothing"
    );
}

#[tokio::test]
async fn a_dropped_create_is_retried_with_its_key_and_held_once() {
    let harness = start(EmulatorConfig {
        drop_every: every(2),
        ..common::config()
    })
    .await;
    spend_one_request(&harness).await;
    // Request 2 is the create: the job is made, then the connection is cut; request 3 replays it.
    assert_eq!(lifecycle(&harness).await, (1, 1));
}

#[tokio::test]
async fn dropped_connections_beyond_the_budget_are_a_connection_error() {
    let harness = start(EmulatorConfig {
        drop_every: every(1),
        ..common::config()
    })
    .await;
    let error = harness
        .client
        .create(lite_request())
        .await
        .expect_err("always dropped");
    assert!(
        matches!(error.root(), Error::Connection { sent: true, .. }),
        "{error}"
    );
    assert_eq!(harness.clock.sleeps().len(), 2);
    // Three attempts under one idempotency key: one job, one hold.
    assert_eq!(records(&usage(&harness.emulator).await, "hold").len(), 1);
}

#[tokio::test]
async fn a_malformed_create_response_is_retried_and_held_once() {
    let harness = start(EmulatorConfig {
        malformed_every: every(2),
        ..common::config()
    })
    .await;
    spend_one_request(&harness).await;
    assert_eq!(lifecycle(&harness).await, (1, 1));
}

#[tokio::test]
async fn malformed_bodies_beyond_the_budget_are_an_invalid_response() {
    let harness = start(EmulatorConfig {
        malformed_every: every(1),
        ..common::config()
    })
    .await;
    let error = harness
        .client
        .create(lite_request())
        .await
        .expect_err("always malformed");
    assert!(
        matches!(error.root(), Error::InvalidResponse { status: 200, .. }),
        "{error}"
    );
    assert!(error.is_retryable());
    assert_eq!(harness.clock.sleeps().len(), 2);
    assert_eq!(
        records(&usage(&harness.emulator).await, "hold").len(),
        1,
        "three attempts, one key, one hold"
    );
}

#[tokio::test]
async fn latency_only_slows_things_down() {
    let harness = start(EmulatorConfig {
        latency_ms: 20,
        ..common::config()
    })
    .await;
    assert_eq!(lifecycle(&harness).await, (1, 1));
    assert!(
        harness.clock.sleeps().is_empty(),
        "latency is not an error: nothing retried"
    );
}

/// Every job request divisible by 2, 3, 5 or 7 is faulted: 77% of them. At most 9 in a row are (10
/// consecutive integers always hold one coprime to 210), so a sequential client with 9 retries per call
/// always gets through, and the idempotency key must keep every replayed create from holding twice.
#[tokio::test]
async fn fifty_jobs_through_every_fault_are_held_and_charged_exactly_once() {
    let config = EmulatorConfig {
        rate_limit_every: every(2),
        fail_every: every(3),
        drop_every: every(5),
        malformed_every: every(7),
        ..common::config()
    };
    let harness = start_with_retries(config, 9).await;
    let mut operations = std::collections::BTreeSet::new();
    for _ in 0..50 {
        let job = harness
            .client
            .create(lite_request())
            .await
            .expect("created despite the faults");
        let done = harness
            .client
            .wait(&job, WaitOptions::default())
            .await
            .expect("succeeds despite the faults");
        assert_eq!(done.record.status, JobStatus::Succeeded);
        operations.insert(done.record.operation);
    }
    assert_eq!(operations.len(), 50);
    let usage = usage(&harness.emulator).await;
    assert_eq!(records(&usage, "hold").len(), 50);
    assert_eq!(records(&usage, "charge").len(), 50);
    assert_eq!(records(&usage, "release").len(), 0);
    assert_eq!(usage["totals"]["amounts"]["USD"]["charged"], "20.00");
    assert!(
        harness.clock.sleeps().len() > 100,
        "the faults were really there"
    );
}

/// A response slower than the per-request timeout is a transport failure: retried within the budget, then
/// reported as a connection error.
#[tokio::test]
async fn a_response_slower_than_the_request_timeout_is_retried_then_a_connection_error() {
    let emulator = omixa_emulator::Emulator::start(EmulatorConfig {
        latency_ms: 2_000,
        ..common::config()
    })
    .await
    .expect("the emulator starts");
    let clock = omixa::client::ManualClock::new();
    let client = omixa::client::Client::builder()
        .api_key(common::KEY)
        .base_url(emulator.base_url())
        .timeout(Duration::from_millis(100))
        .clock(clock.clone())
        .build()
        .expect("a loopback client builds");
    let error = client
        .create(lite_request())
        .await
        .expect_err("every attempt times out");
    assert!(matches!(error.root(), Error::Connection { .. }), "{error}");
    assert_eq!(clock.sleeps().len(), 2, "two retries, then the error");
}
