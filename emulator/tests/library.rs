//! The emulator as a library: faults changed while it runs, the ledger as data, a seeded run repeated, and
//! a bad config refused with the field named. Each test starts its own emulator on a free loopback port.

use omixa::client::{Client, Error, JobStatus, ManualClock, WaitOptions};
use omixa_emulator::{Emulator, EmulatorConfig, Faults, UsageKind};
use rust_decimal::Decimal;
use serde_json::{Value, json};
use std::num::NonZeroU64;
use std::str::FromStr;

fn config() -> EmulatorConfig {
    EmulatorConfig {
        job_seconds: 0.0,
        seed: Some(11),
        ..EmulatorConfig::default()
    }
}

fn client(emulator: &Emulator, max_retries: u32) -> Client {
    Client::builder()
        .api_key(emulator.api_key())
        .base_url(emulator.base_url())
        .max_retries(max_retries)
        // Delays are recorded, never slept.
        .clock(ManualClock::new())
        .build()
        .expect("a loopback client builds")
}

/// A Lite request (text to video, 8 s: 0.40 USD).
fn lite_request() -> Value {
    json!({"model": "veo-3.1-lite-generate-001", "prompt": "A lighthouse at dawn", "seconds": 8})
}

#[tokio::test]
async fn the_ledger_is_data_and_faults_change_while_it_runs() {
    let emulator = Emulator::start(config()).await.expect("starts");
    let client = client(&emulator, 0);
    let succeeded = client.create(lite_request()).await.expect("created");
    client
        .wait(&succeeded, WaitOptions::default())
        .await
        .expect("succeeds");

    emulator
        .set_faults(Faults {
            job_failure_rate: 1.0,
            ..emulator.faults()
        })
        .expect("a probability");
    let failing = client.create(lite_request()).await.expect("created");
    let failed = client.wait(&failing, WaitOptions::default()).await;
    assert!(
        matches!(
            failed,
            Err(Error::JobFailed { .. }) | Err(Error::WithJob { .. })
        ),
        "{failed:?}"
    );

    let usage = emulator.usage();
    let ledger: Vec<(UsageKind, &str, Decimal)> = usage
        .records
        .iter()
        .map(|record| (record.kind, record.operation.as_str(), record.amount))
        .collect();
    let forty_cents = Decimal::from_str("0.40").expect("a decimal");
    let (first, second) = (
        succeeded.record.operation.as_str(),
        failing.record.operation.as_str(),
    );
    assert_eq!(
        ledger,
        [
            (UsageKind::Hold, first, forty_cents),
            (UsageKind::Charge, first, forty_cents),
            (UsageKind::Hold, second, forty_cents),
            (UsageKind::Release, second, forty_cents),
        ]
    );
    assert_eq!(usage.creates, 2);
    assert_eq!(usage.totals.amounts["USD"].charged, forty_cents);

    // Every job request from now on is rate limited; the client has no retries left to hide it.
    emulator
        .set_faults(Faults {
            rate_limit_every: NonZeroU64::new(1),
            retry_after_seconds: 9,
            ..Faults::default()
        })
        .expect("valid faults");
    let before = emulator.job_requests();
    let limited = client
        .create(lite_request())
        .await
        .expect_err("rate limited");
    assert_eq!(emulator.job_requests(), before + 1, "counted, not retried");
    assert!(!limited.may_have_been_processed(), "{limited:?}");
    assert_eq!(
        limited.retry_after(),
        Some(std::time::Duration::from_secs(9))
    );
    emulator
        .set_faults(Faults::default())
        .expect("no faults is valid");
    let job = client.create(lite_request()).await.expect("served again");
    assert_eq!(job.record.status, JobStatus::Running);
    emulator.shutdown().await;
}

#[tokio::test]
async fn faults_out_of_range_are_refused_and_name_the_field() {
    let emulator = Emulator::start(config()).await.expect("starts");
    let before = emulator.faults();
    let refused = emulator.set_faults(Faults {
        route_failure_rate: f64::NAN,
        ..before
    });
    let error = refused.expect_err("NaN is no probability");
    assert_eq!(error.field, "route_failure_rate");
    assert_eq!(emulator.faults(), before, "nothing changed");
    emulator.shutdown().await;

    let started = Emulator::start(EmulatorConfig {
        job_seconds: -1.0,
        ..config()
    })
    .await;
    let error = started.expect_err("negative seconds");
    assert_eq!(error.kind(), std::io::ErrorKind::InvalidInput);
    assert!(
        error.to_string().starts_with("job_seconds: expected"),
        "{error}"
    );
}

#[tokio::test]
async fn the_same_seed_and_requests_give_the_same_run() {
    async fn run(seed: u64) -> Vec<(String, Option<String>, JobStatus)> {
        let emulator = Emulator::start(EmulatorConfig {
            seed: Some(seed),
            route_failure_rate: 0.5,
            job_failure_rate: 0.3,
            ..config()
        })
        .await
        .expect("starts");
        let client = client(&emulator, 0);
        let mut jobs = Vec::new();
        for _ in 0..6 {
            let job = client.create(lite_request()).await.expect("created");
            let status = client
                .status(&job.record.operation, &job.record.model)
                .await
                .expect("a status");
            let account = status.record.extra.get("account").and_then(Value::as_str);
            jobs.push((
                status.record.operation.clone(),
                account.map(str::to_owned),
                status.record.status,
            ));
        }
        emulator.shutdown().await;
        jobs
    }
    let first = run(3).await;
    assert_eq!(first, run(3).await);
    assert_ne!(first, run(4).await, "another seed, another run");
}
