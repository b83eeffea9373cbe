//! The poll schedule, and the wait driven by scripted polls on a [`ManualClock`]: no HTTP, no real time.

use super::*;
use crate::client::ManualClock;
use std::collections::VecDeque;
use std::sync::Mutex;

#[test]
fn default_interval_grows_to_twenty_seconds() {
    let mut schedule = PollSchedule::new(None);
    let delays: Vec<f64> = (0..9)
        .map(|_| schedule.next_delay(None).as_secs_f64())
        .collect();
    assert_eq!(
        delays,
        [2.0, 3.0, 4.5, 6.75, 10.125, 15.1875, 20.0, 20.0, 20.0]
    );
}

#[test]
fn the_server_hint_wins_then_the_request_interval() {
    let mut schedule = PollSchedule::new(Some(4.0));
    assert_eq!(schedule.next_delay(Some(0.5)), Duration::from_millis(500));
    assert_eq!(schedule.next_delay(None), Duration::from_secs(4));
    assert_eq!(schedule.next_delay(Some(f64::NAN)), Duration::from_secs(4));
    assert_eq!(schedule.next_delay(Some(-1.0)), Duration::from_secs(4));
    assert_eq!(
        PollSchedule::new(None).next_delay(Some(0.0)),
        Duration::ZERO
    );
}

fn running(operation: &str) -> Job {
    let mut job = Job::pending(operation, "veo-3.1-lite-generate-001");
    job.idempotency_key = Some("key-7".into());
    job.record.poll_after_seconds = Some(1.0);
    job
}

/// A status call's answer: the gateway's record alone.
fn succeeded(operation: &str) -> Job {
    let mut job = Job::pending(operation, "veo-3.1-lite-generate-001");
    job.record.status = JobStatus::Succeeded;
    job
}

fn unreachable() -> Error {
    Error::Connection {
        message: "connection refused".into(),
        sent: false,
        source: None,
    }
}

fn unavailable(retry_after: Option<u64>) -> Error {
    Error::Api {
        status: 503,
        message: "unavailable".into(),
        body: String::new(),
        request_id: None,
        retry_after: retry_after.map(Duration::from_secs),
    }
}

/// What a scripted wait did: every poll's failure count as reported, and the polls made.
#[derive(Debug, Default)]
struct Observed {
    reported_failures: Vec<u32>,
    reported_errors: Vec<Option<&'static str>>,
    polls: u32,
}

/// Waits for `job` on `clock`, the polls answering `script` in turn (then `running` forever).
async fn scripted_wait(
    clock: &ManualClock,
    job: &Job,
    timeout: Duration,
    script: Vec<Result<Job, Error>>,
) -> (Result<Job, Error>, Observed) {
    let observed = Arc::new(Mutex::new(Observed::default()));
    let reporter = Arc::clone(&observed);
    let options = WaitOptions {
        timeout: Some(timeout),
        on_progress: Some(Arc::new(move |progress: &WaitProgress<'_>| {
            let mut observed = reporter.lock().expect("not poisoned");
            observed.reported_failures.push(progress.poll_failures);
            observed
                .reported_errors
                .push(progress.last_error.map(Error::kind));
        })),
        cancel: None,
    };
    let script = Mutex::new(VecDeque::from(script));
    let result = wait_with(clock, job, &options, |operation, _model| {
        observed.lock().expect("not poisoned").polls += 1;
        let next = script.lock().expect("not poisoned").pop_front();
        async move { next.unwrap_or_else(|| Ok(Job::pending(operation, ""))) }
    })
    .await;
    let observed = std::mem::take(&mut *observed.lock().expect("not poisoned"));
    (result, observed)
}

#[tokio::test]
async fn ten_failed_polls_are_missed_polls_and_the_wait_goes_on() {
    let clock = ManualClock::new();
    let job = running("op_patient");
    let mut script: Vec<Result<Job, Error>> = (0..10).map(|_| Err(unreachable())).collect();
    script.push(Ok(succeeded("op_patient")));
    let (result, observed) = scripted_wait(&clock, &job, DEFAULT_WAIT_TIMEOUT, script).await;

    let done = result.expect("the job succeeded after ten failed polls");
    assert_eq!(done.record.status, JobStatus::Succeeded);
    assert_eq!(
        done.idempotency_key.as_deref(),
        Some("key-7"),
        "kept from the job"
    );
    assert_eq!(observed.polls, 11);
    assert_eq!(
        observed.reported_failures,
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0]
    );
    assert_eq!(observed.reported_errors[0], Some("connection"));
    assert_eq!(observed.reported_errors[10], None);
    // The gateway's hint first, then a backoff that grows with the failures and never passes 20 s.
    let sleeps = clock.sleeps();
    assert_eq!(sleeps.len(), 11);
    assert_eq!(sleeps[0], Duration::from_secs(1));
    for (failures, delay) in (1..=10).zip(&sleeps[1..]) {
        assert!(
            *delay >= backoff(failures, 0.0) && *delay <= backoff(failures, 1.0),
            "after {failures} failures: {delay:?}"
        );
        assert!(*delay <= DEFAULT_POLL_CAP);
    }
}

#[tokio::test]
async fn a_failed_poll_honours_the_servers_retry_after() {
    let clock = ManualClock::new();
    let job = running("op_busy");
    let script = vec![Err(unavailable(Some(9))), Ok(succeeded("op_busy"))];
    let (result, _) = scripted_wait(&clock, &job, DEFAULT_WAIT_TIMEOUT, script).await;
    assert!(result.is_ok());
    assert_eq!(
        clock.sleeps(),
        [Duration::from_secs(1), Duration::from_secs(9)]
    );
}

#[tokio::test]
async fn an_error_that_cannot_succeed_ends_the_wait_at_once_with_the_handle() {
    let clock = ManualClock::new();
    let job = running("op_revoked");
    let script = vec![Err(Error::Authentication {
        status: 401,
        message: "bad key".into(),
        request_id: None,
    })];
    let (result, observed) = scripted_wait(&clock, &job, DEFAULT_WAIT_TIMEOUT, script).await;
    let error = result.expect_err("401 ends the wait");
    assert_eq!(error.kind(), "authentication");
    assert_eq!(observed.polls, 1);
    assert!(observed.reported_failures.is_empty(), "no poll to report");
    assert_eq!(
        error.job_handle(),
        Some(JobHandle {
            model: "veo-3.1-lite-generate-001".into(),
            operation: Some("op_revoked".into()),
            idempotency_key: Some("key-7".into()),
        })
    );
}

#[tokio::test]
async fn failing_polls_end_at_the_deadline_with_the_last_known_state() {
    let clock = ManualClock::new();
    let job = running("op_late");
    let timeout = Duration::from_secs(30);
    // The server asks for 100 s each time: the wait never sleeps past its deadline, and polls once there.
    let script = (0..5).map(|_| Err(unavailable(Some(100)))).collect();
    let (result, observed) = scripted_wait(&clock, &job, timeout, script).await;
    let error = result.expect_err("the deadline passes");
    let Error::Timeout { after, job: last } = &error else {
        panic!("expected a timeout, got {error:?}");
    };
    assert_eq!(*after, timeout);
    assert_eq!(last.record.operation, "op_late");
    assert_eq!(clock.elapsed(), timeout);
    assert_eq!(
        clock.sleeps(),
        [Duration::from_secs(1), Duration::from_secs(29)]
    );
    assert_eq!(observed.polls, 2);
    assert_eq!(
        error.job_handle().and_then(|handle| handle.idempotency_key),
        Some("key-7".into())
    );
}

#[tokio::test]
async fn cancelling_names_the_job() {
    let clock = ManualClock::new();
    let job = running("op_cancelled");
    let cancel = CancellationToken::new();
    cancel.cancel();
    let options = WaitOptions {
        cancel: Some(cancel),
        ..WaitOptions::default()
    };
    let result = wait_with(clock.as_ref(), &job, &options, |operation, _| async move {
        Ok(Job::pending(operation, ""))
    })
    .await;
    let error = result.expect_err("cancelled");
    assert!(matches!(error.root(), Error::Cancelled));
    assert_eq!(
        error.job_handle().and_then(|handle| handle.operation),
        Some("op_cancelled".into())
    );
}
