//! The job lifecycle against the in-process emulator: create → wait → download, billing, idempotency,
//! both status request forms, failover, and unpriced models.

mod common;

use common::{KEY, example_request, lite_request, records, start, usage};
use omixa::client::{CreateOptions, Error, JobStatus, WaitOptions};
use omixa_emulator::EmulatorConfig;
use serde_json::json;
use std::time::Duration;

#[tokio::test]
async fn create_wait_download_and_bill() {
    let harness = start(common::config()).await;
    let job = harness
        .client
        .create(example_request())
        .await
        .expect("created");
    assert_eq!(job.record.status, JobStatus::Running);
    assert_eq!(job.record.provider, "google");
    assert_eq!(
        job.poll_interval_seconds,
        Some(2.0),
        "kept from the request"
    );

    let done = harness
        .client
        .wait(&job, WaitOptions::default())
        .await
        .expect("succeeds");
    assert_eq!(done.record.status, JobStatus::Succeeded);
    assert_eq!(done.record.data.len(), 1);
    assert_eq!(
        done.record.data[0].content_type.as_deref(),
        Some("video/mp4")
    );
    // The create response's hint is the request's wait_seconds; the job (0 s) was done at the first poll.
    assert_eq!(harness.clock.sleeps(), [Duration::from_secs(3)]);

    let folder = tempfile::tempdir().expect("temp dir");
    let files = harness
        .client
        .download(&done, folder.path())
        .await
        .expect("downloads");
    assert_eq!(
        files,
        [folder
            .path()
            .join(format!("{}-0.mp4", done.record.operation))]
    );
    let video = std::fs::read(&files[0]).expect("the file is there");
    assert_eq!(video, omixa_emulator::mp4::sample_video());
    assert_eq!(&video[4..8], b"ftyp");
    assert!(
        std::fs::read_dir(folder.path())
            .expect("lists")
            .all(|entry| {
                entry.is_ok_and(|entry| !entry.file_name().to_string_lossy().ends_with(".part"))
            })
    );

    let usage = usage(&harness.emulator).await;
    let holds = records(&usage, "hold");
    let charges = records(&usage, "charge");
    assert_eq!((holds.len(), charges.len()), (1, 1));
    assert_eq!(holds[0]["amount"], "0.40");
    assert_eq!(charges[0]["amount"], "0.40");
    assert_eq!(charges[0]["currency"], "USD");
    assert_eq!(charges[0]["operation"], done.record.operation.as_str());
    assert_eq!(usage["totals"]["amounts"]["USD"]["charged"], "0.40");
}

#[tokio::test]
async fn progress_is_reported_for_every_poll() {
    let harness = start(EmulatorConfig {
        job_seconds: 3600.0,
        ..common::config()
    })
    .await;
    let job = harness
        .client
        .create(lite_request())
        .await
        .expect("created");
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let recorder = seen.clone();
    let options = WaitOptions {
        timeout: Some(Duration::from_secs(12)),
        on_progress: Some(std::sync::Arc::new(move |progress| {
            recorder
                .lock()
                .expect("lock")
                .push(progress.job.record.status.clone())
        })),
        cancel: None,
    };
    let error = harness
        .client
        .wait(&job, options)
        .await
        .expect_err("times out");
    assert_eq!(error.kind(), "timeout");
    // Without a request interval the emulator suggests the time left, at most 5 s: polls at 5, 10 and 12 s.
    assert_eq!(harness.clock.sleeps(), [5, 5, 2].map(Duration::from_secs));
    assert_eq!(
        *seen.lock().expect("lock"),
        [JobStatus::Running, JobStatus::Running, JobStatus::Running]
    );
}

#[tokio::test]
async fn status_answers_post_json_and_get_query_alike() {
    let harness = start(common::config()).await;
    let job = harness
        .client
        .create(lite_request())
        .await
        .expect("created");
    let status_url = format!("{}/api/v1/videos/jobs/status", harness.emulator.base_url());
    let http = reqwest::Client::new();
    let by_post: serde_json::Value = http
        .post(&status_url)
        .bearer_auth(KEY)
        .json(&json!({"operation": job.record.operation, "model": job.record.model}))
        .send()
        .await
        .expect("answers")
        .json()
        .await
        .expect("JSON");
    let by_get: serde_json::Value = http
        .get(&status_url)
        .bearer_auth(KEY)
        .query(&[("operation", job.record.operation.as_str())])
        .send()
        .await
        .expect("answers")
        .json()
        .await
        .expect("JSON");
    assert_eq!(by_post, by_get);
    assert_eq!(by_get["status"], "succeeded");

    let missing = harness
        .client
        .status("op_does_not_exist", "")
        .await
        .expect_err("unknown operation");
    assert!(
        matches!(missing, Error::Api { status: 404, .. }),
        "{missing}"
    );
    let wrong_model = harness
        .client
        .status(&job.record.operation, "veo-3.1-generate-preview")
        .await
        .expect_err("other model");
    assert!(
        matches!(wrong_model, Error::Api { status: 404, .. }),
        "{wrong_model}"
    );
}

#[tokio::test]
async fn the_same_idempotency_key_gives_the_same_job_and_one_hold() {
    let harness = start(common::config()).await;
    let options = CreateOptions {
        idempotency_key: Some("order-1234".into()),
        ..CreateOptions::default()
    };
    let first = harness
        .client
        .create_with(lite_request(), &options)
        .await
        .expect("created");
    let again = harness
        .client
        .create_with(lite_request(), &options)
        .await
        .expect("replayed");
    assert_eq!(first.record.operation, again.record.operation);

    let other_request = json!({"model": "veo-3.1-lite-generate-001", "prompt": "Something else"});
    let reused = harness
        .client
        .create_with(other_request, &options)
        .await
        .expect_err("key reused");
    assert!(
        matches!(reused.root(), Error::Api { status: 422, .. }),
        "{reused}"
    );
    assert_eq!(records(&usage(&harness.emulator).await, "hold").len(), 1);
}

#[tokio::test]
async fn every_sample_is_a_file() {
    let harness = start(common::config()).await;
    let request = json!({"model": "veo-3.1-lite-generate-001", "prompt": "Waves", "seconds": 4, "n_variants": 3});
    let job = harness.client.create(request).await.expect("created");
    let done = harness
        .client
        .wait(&job, WaitOptions::default())
        .await
        .expect("succeeds");
    let folder = tempfile::tempdir().expect("temp dir");
    let files = harness
        .client
        .download(&done, folder.path())
        .await
        .expect("downloads");
    let names: Vec<String> = files
        .iter()
        .filter_map(|path| path.file_name()?.to_str().map(str::to_owned))
        .collect();
    let op = &done.record.operation;
    assert_eq!(
        names,
        [
            format!("{op}-0.mp4"),
            format!("{op}-1.mp4"),
            format!("{op}-2.mp4")
        ]
    );
    // 4 s × 3 samples × 0.05.
    assert_eq!(
        records(&usage(&harness.emulator).await, "charge")[0]["amount"],
        "0.60"
    );
}

#[tokio::test]
async fn a_model_without_a_price_holds_and_charges_zero() {
    let harness = start(common::config()).await;
    let request = json!({"model": "veo-3.1-generate-preview", "prompt": "A quiet harbour"});
    let job = harness.client.create(request).await.expect("created");
    harness
        .client
        .wait(&job, WaitOptions::default())
        .await
        .expect("succeeds");
    let usage = usage(&harness.emulator).await;
    let (hold, charge) = (records(&usage, "hold")[0], records(&usage, "charge")[0]);
    assert_eq!(
        (hold["amount"].as_str(), charge["amount"].as_str()),
        (Some("0"), Some("0"))
    );
    assert!(
        hold["note"]
            .as_str()
            .is_some_and(|note| note.contains("held and charged 0")),
        "{hold}"
    );
    assert!(hold["currency"].is_null());
}

#[tokio::test]
async fn failover_is_recorded_in_the_job_and_the_usage() {
    let harness = start(EmulatorConfig {
        route_failure_rate: 0.5,
        ..common::config()
    })
    .await;
    let mut failed_over = None;
    for _ in 0..20 {
        let job = harness
            .client
            .create(lite_request())
            .await
            .expect("created");
        let failures = job.record.extra["route_failures"]
            .as_array()
            .map_or(0, Vec::len);
        if failures > 0 && job.record.extra["account"].is_string() {
            failed_over = Some(job);
            break;
        }
    }
    let job =
        failed_over.expect("with a seeded 50% route failure rate some job fails over within 20");
    let account = job.record.extra["account"].clone();
    assert_ne!(
        job.record.extra["route_failures"][0]["account"], account,
        "another account took over"
    );
    let done = harness
        .client
        .wait(&job, WaitOptions::default())
        .await
        .expect("succeeds on the healthy account");
    assert_eq!(done.record.extra["account"], account);
    let usage = usage(&harness.emulator).await;
    let charge = records(&usage, "charge")
        .into_iter()
        .find(|record| record["operation"] == job.record.operation.as_str());
    assert_eq!(
        charge.map(|record| record["account"].clone()),
        Some(account)
    );
}

#[tokio::test]
async fn every_route_failing_fails_the_job_and_releases_the_hold() {
    let harness = start(EmulatorConfig {
        route_failure_rate: 1.0,
        ..common::config()
    })
    .await;
    let job = harness
        .client
        .create(lite_request())
        .await
        .expect("created");
    assert!(job.record.extra["account"].is_null());
    let error = harness
        .client
        .wait(&job, WaitOptions::default())
        .await
        .expect_err("fails");
    let Error::JobFailed {
        message,
        job: failed,
    } = error
    else {
        panic!("expected JobFailed, got {error}")
    };
    assert!(
        message.contains("all 3 provider accounts failed"),
        "{message}"
    );
    assert_eq!(failed.record.status, JobStatus::Failed);
}
