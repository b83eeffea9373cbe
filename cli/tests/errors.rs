//! Failures, each as its typed error: authentication, gateway-side validation, cancellation, the overall
//! timeout, a failed job, a hostile result, a long Retry-After, and the API key absent from all of them.

mod common;

use common::{KEY, client_for, lite_request, records, start, usage};
use omixa::client::{Error, JobStatus, ManualClock, VideoOutput, WaitOptions};
use omixa_emulator::EmulatorConfig;
use std::sync::Arc;
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// Asserts that neither the message nor the `Debug` form of `error` contains `secret`.
fn assert_no_secret(error: &Error, secret: &str) {
    assert!(
        !error.to_string().contains(secret),
        "Display leaks the key: {error}"
    );
    assert!(
        !format!("{error:?}").contains(secret),
        "Debug leaks the key: {error:?}"
    );
}

#[tokio::test]
async fn a_wrong_key_is_an_authentication_error_that_never_shows_the_key() {
    let harness = start(common::config()).await;
    let wrong_key = "omx_live_wrong_key_f00d";
    let client = client_for(&harness.emulator, wrong_key, 2, &harness.clock);
    let error = client.create(lite_request()).await.expect_err("401");
    assert!(
        matches!(error, Error::Authentication { status: 401, .. }),
        "{error}"
    );
    assert_eq!(error.kind(), "authentication");
    assert!(!error.is_retryable());
    assert!(error.request_id().is_some_and(|id| id.starts_with("req_")));
    assert!(harness.clock.sleeps().is_empty(), "a 401 is not retried");
    assert_no_secret(&error, wrong_key);
    assert!(!format!("{client:?}").contains(wrong_key));
    assert!(!format!("{:?}", harness.client).contains(KEY));

    let status_error = client.status("op_x", "").await.expect_err("401");
    assert_no_secret(&status_error, wrong_key);
}

#[tokio::test]
async fn the_gateway_rejects_an_invalid_request_with_the_local_issue_codes() {
    let harness = start(common::config()).await;
    let invalid: serde_json::Value =
        serde_json::from_str(include_str!("../../examples/invalid.json"))
            .expect("the example is JSON");
    let local = omixa::validate(invalid.clone()).expect_err("invalid locally");

    // Sent raw, bypassing local validation.
    let response = reqwest::Client::new()
        .post(format!(
            "{}/api/v1/videos/jobs",
            harness.emulator.base_url()
        ))
        .bearer_auth(KEY)
        .json(&invalid)
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status(), 400);
    let body: serde_json::Value = response.json().await.expect("JSON");
    assert_eq!(body["error"]["code"], "invalid_request");
    assert_eq!(
        body["error"]["issues"],
        serde_json::to_value(&local.issues).expect("issues serialize")
    );

    // Through the client nothing is sent: no usage record, and the same issues.
    let error = harness.client.create(invalid).await.expect_err("invalid");
    let Error::Validation(validation) = &error else {
        panic!("expected a validation error, got {error}")
    };
    assert_eq!(validation.issues, local.issues);
    assert!(records(&usage(&harness.emulator).await, "hold").is_empty());
}

#[tokio::test]
async fn cancelling_ends_the_wait() {
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
    let cancel = CancellationToken::new();
    let canceller = cancel.clone();
    let options = WaitOptions {
        on_progress: Some(Arc::new(move |_| canceller.cancel())),
        cancel: Some(cancel),
        ..WaitOptions::default()
    };
    let error = harness
        .client
        .wait(&job, options)
        .await
        .expect_err("cancelled");
    assert!(matches!(error.root(), Error::Cancelled), "{error}");
    assert_eq!(
        error.job_handle().and_then(|handle| handle.operation),
        Some(job.record.operation.clone()),
        "a cancelled wait names the job it leaves running"
    );
    assert_eq!(
        harness.clock.sleeps().len(),
        2,
        "the first delay, one poll, then the delay that was cancelled"
    );
}

#[tokio::test]
async fn the_overall_timeout_is_a_timeout_error_with_the_last_state() {
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
    let options = WaitOptions {
        timeout: Some(Duration::from_secs(60)),
        ..WaitOptions::default()
    };
    let error = harness
        .client
        .wait(&job, options)
        .await
        .expect_err("times out");
    let Error::Timeout { after, job: last } = &error else {
        panic!("expected a timeout, got {error}")
    };
    assert_eq!(*after, Duration::from_secs(60));
    assert_eq!(last.record.status, JobStatus::Running);
    assert_eq!(
        harness.clock.elapsed(),
        Duration::from_secs(60),
        "virtual time, never slept"
    );
    assert!(!error.is_retryable());
}

#[tokio::test]
async fn a_failed_job_is_job_failed_and_its_hold_is_released() {
    let harness = start(EmulatorConfig {
        job_failure_rate: 1.0,
        ..common::config()
    })
    .await;
    let job = harness
        .client
        .create(lite_request())
        .await
        .expect("created");
    let error = harness
        .client
        .wait(&job, WaitOptions::default())
        .await
        .expect_err("fails");
    assert_eq!(error.kind(), "job_failed");
    let Error::JobFailed { job: failed, .. } = &error else {
        panic!("expected JobFailed, got {error}")
    };
    let folder = tempfile::tempdir().expect("temp dir");
    let refused = harness
        .client
        .download(failed, folder.path())
        .await
        .expect_err("nothing to download");
    assert_eq!(refused.kind(), "job_failed");

    let usage = usage(&harness.emulator).await;
    assert_eq!(records(&usage, "hold").len(), 1);
    assert_eq!(records(&usage, "release").len(), 1);
    assert_eq!(records(&usage, "release")[0]["amount"], "0.40");
    assert!(records(&usage, "charge").is_empty());
}

#[tokio::test]
async fn a_result_url_cannot_place_a_file_outside_the_output_folder() {
    let harness = start(common::config()).await;
    let job = harness
        .client
        .create(lite_request())
        .await
        .expect("created");
    let mut hostile = harness
        .client
        .wait(&job, WaitOptions::default())
        .await
        .expect("succeeds");
    // A gateway gone bad: a traversal in the operation, the URL's last segment and the content type.
    let real_url = hostile.record.data[0].url.clone();
    let escaping_url = format!(
        "{}/..%2F..%2Fescape.mp4",
        real_url
            .rsplit_once('/')
            .map_or(real_url.as_str(), |(base, _)| base)
    );
    hostile.record.operation = "../../escape".into();
    hostile.record.data = vec![VideoOutput {
        url: escaping_url,
        content_type: Some("video/../../mp4".into()),
    }];

    let root = tempfile::tempdir().expect("temp dir");
    let output = root.path().join("a").join("b");
    let files = harness
        .client
        .download(&hostile, &output)
        .await
        .expect("downloads, safely named");
    assert_eq!(files, [output.join("escape-0.bin")]);
    assert!(files[0].is_file());
    let everything: Vec<_> = walk(root.path());
    assert_eq!(
        everything,
        [output.join("escape-0.bin")],
        "nothing else was written anywhere"
    );
}

fn walk(folder: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(folder).expect("lists").flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path))
        } else {
            files.push(path)
        }
    }
    files
}

#[tokio::test]
async fn a_retry_after_beyond_a_minute_is_returned_at_once() {
    let config = EmulatorConfig {
        rate_limit_every: std::num::NonZeroU64::new(1),
        retry_after_seconds: 120,
        ..common::config()
    };
    let harness = start(config).await;
    let error = harness
        .client
        .create(lite_request())
        .await
        .expect_err("rate limited");
    assert_eq!(error.kind(), "rate_limit");
    assert_eq!(error.retry_after(), Some(Duration::from_secs(120)));
    assert!(harness.clock.sleeps().is_empty());
}

#[tokio::test]
async fn an_unreachable_gateway_is_a_connection_error_after_the_budget() {
    // Bind a port, then free it, so nothing listens there.
    let address = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port");
    let clock = ManualClock::new();
    let client = omixa::client::Client::builder()
        .api_key(KEY)
        .base_url(format!("http://{address}"))
        .clock(clock.clone())
        .build()
        .expect("builds");
    let error = client.create(lite_request()).await.expect_err("refused");
    assert!(
        matches!(error.root(), Error::Connection { sent: false, .. }),
        "{error}"
    );
    assert!(
        error
            .job_handle()
            .is_some_and(|handle| handle.idempotency_key.is_some() && handle.operation.is_none()),
        "a create that may have been sent says which key to send it again with"
    );
    assert_eq!(
        clock.sleeps().len(),
        2,
        "refused connections are retried: nothing was sent"
    );
    assert_no_secret(&error, KEY);
}

#[tokio::test]
async fn plain_http_to_another_host_is_refused_before_anything_is_sent() {
    let error = omixa::client::Client::builder()
        .api_key(KEY)
        .base_url("http://www.omixa.cloud")
        .build()
        .expect_err("refused");
    assert_eq!(error.kind(), "config");
    assert_no_secret(&error, KEY);
}
