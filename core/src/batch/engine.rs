//! The scheduler and the workers of a batch run. The scheduler claims journal rows in line order while fewer
//! than `concurrency` jobs are in flight; each worker takes one row through create → wait → download and
//! records every step in the journal before the next step depends on it.

use super::error::BatchError;
use super::report::write_report;
use super::{BatchOptions, BatchProgress, BatchProgressCallback, BatchSummary};
use crate::client::{Client, CreateOptions, DownloadOptions, Error, Job, WaitOptions};
use crate::journal::{
    Claim, JobRow, JobState, JobStore, JournalCounts, JournalError, Outcome, amount_to_nanos,
};
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::{Value, json};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

/// The report is rewritten at most this often while jobs finish (and once at the end).
const REPORT_INTERVAL: Duration = Duration::from_secs(1);
/// How often to look again when only other processes' jobs are left.
const OTHER_OWNERS_POLL: Duration = Duration::from_millis(250);

/// What every worker shares.
struct Shared {
    client: Client,
    store: Arc<dyn JobStore>,
    out: PathBuf,
    wait_timeout: Option<Duration>,
    cancel: CancellationToken,
}

/// How a worker left its row.
enum Finished {
    Succeeded {
        spent: Option<(String, Decimal)>,
    },
    Failed,
    Invalid,
    /// Still `pending` or `created`: a rerun resumes it.
    Unfinished,
}

pub(super) struct Engine {
    shared: Arc<Shared>,
    concurrency: usize,
    /// In nano units (rounded down, so it is never exceeded).
    budget_nanos: Option<i64>,
    budget: Option<Decimal>,
    on_progress: Option<BatchProgressCallback>,
}

impl Engine {
    pub fn new(client: Client, store: Arc<dyn JobStore>, options: &BatchOptions) -> Engine {
        Engine {
            shared: Arc::new(Shared {
                client,
                store,
                out: options.out.clone(),
                wait_timeout: options.wait_timeout,
                cancel: options.cancel.clone().unwrap_or_default(),
            }),
            concurrency: options.concurrency,
            budget_nanos: options.budget.and_then(|budget| {
                amount_to_nanos(budget.round_dp_with_strategy(9, RoundingStrategy::ToZero))
            }),
            budget: options.budget,
            on_progress: options.on_progress.clone(),
        }
    }

    pub async fn run(self) -> Result<BatchSummary, BatchError> {
        let store = self.shared.store.clone();
        let cancel = self.shared.cancel.clone();
        let mut workers: JoinSet<Result<Finished, JournalError>> = JoinSet::new();
        let mut progress = self.progress(&store.counts()?);
        let mut last_report: Option<Instant> = None;
        let mut exhausted = false;
        loop {
            let mut poll_others = false;
            if !exhausted && !cancel.is_cancelled() {
                while workers.len() < self.concurrency {
                    match store.claim_next(self.budget_nanos)? {
                        Claim::Job(row) => {
                            workers.spawn(work(self.shared.clone(), *row));
                        }
                        Claim::Wait { other_owners, .. } => {
                            // With nothing of ours in flight, a budget wait can only end in a later run.
                            poll_others = other_owners;
                            exhausted = !other_owners && workers.is_empty();
                            break;
                        }
                        Claim::Done => {
                            exhausted = true;
                            break;
                        }
                    }
                }
            }
            progress.running = workers.len();
            self.emit(&progress);
            if workers.is_empty() && !poll_others {
                break;
            }
            tokio::select! {
                joined = workers.join_next(), if !workers.is_empty() => {
                    let Some(joined) = joined else { continue };
                    progress.count(worker_result(joined)?);
                    // Every worker that has finished is counted before the journal's counts are read, so
                    // none is counted twice.
                    while let Some(joined) = workers.try_join_next() {
                        progress.count(worker_result(joined)?);
                    }
                    if last_report.is_none_or(|at| at.elapsed() >= REPORT_INTERVAL) {
                        write_report(store.as_ref(), &self.shared.out, store.owner())?;
                        progress = BatchProgress { running: workers.len(), ..self.progress(&store.counts()?) };
                        last_report = Some(Instant::now());
                    }
                }
                () = tokio::time::sleep(OTHER_OWNERS_POLL), if poll_others => {}
                () = cancel.cancelled(), if !cancel.is_cancelled() => {}
            }
        }
        let report = write_report(store.as_ref(), &self.shared.out, store.owner())?;
        let counts = store.counts()?;
        let final_progress = self.progress(&counts);
        self.emit(&final_progress);
        Ok(BatchSummary {
            total: counts.total(),
            succeeded: counts.get(JobState::Succeeded),
            failed: counts.get(JobState::Failed),
            skipped_budget: counts.get(JobState::SkippedBudget),
            invalid: counts.get(JobState::Invalid),
            unfinished: counts.get(JobState::Pending) + counts.get(JobState::Created),
            charged: counts.charged,
            cancelled: cancel.is_cancelled(),
            report,
            journal: None,
        })
    }

    fn progress(&self, counts: &JournalCounts) -> BatchProgress {
        let mut progress = BatchProgress {
            total: counts.total(),
            running: 0,
            succeeded: counts.get(JobState::Succeeded),
            failed: counts.get(JobState::Failed),
            skipped_budget: counts.get(JobState::SkippedBudget),
            invalid: counts.get(JobState::Invalid),
            spent: counts.charged.clone(),
            budget: self.budget,
            done: 0,
        };
        progress.done =
            progress.succeeded + progress.failed + progress.skipped_budget + progress.invalid;
        progress
    }

    fn emit(&self, progress: &BatchProgress) {
        if let Some(on_progress) = &self.on_progress {
            on_progress(progress);
        }
    }
}

fn worker_result(
    joined: Result<Result<Finished, JournalError>, tokio::task::JoinError>,
) -> Result<Finished, BatchError> {
    joined
        .map_err(|error| BatchError::Internal(format!("a batch worker ended: {error}")))?
        .map_err(BatchError::from)
}

impl BatchProgress {
    fn count(&mut self, finished: Finished) {
        match finished {
            Finished::Succeeded { spent } => {
                self.succeeded += 1;
                if let Some((currency, cost)) = spent {
                    *self.spent.entry(currency).or_default() += cost;
                }
            }
            Finished::Failed => self.failed += 1,
            Finished::Invalid => self.invalid += 1,
            Finished::Unfinished => return,
        }
        self.done = (self.done + 1).min(self.total);
    }
}

/// Takes one claimed row as far as it goes in this run.
async fn work(shared: Arc<Shared>, row: JobRow) -> Result<Finished, JournalError> {
    let job = match &row.operation {
        Some(operation) => resumed(&row, operation)?,
        None => match create(&shared, &row).await? {
            Ok(job) => job,
            Err(finished) => return Ok(finished),
        },
    };
    let waited = shared
        .client
        .wait(
            &job,
            WaitOptions {
                timeout: shared.wait_timeout,
                cancel: Some(shared.cancel.clone()),
                ..WaitOptions::default()
            },
        )
        .await;
    let done = match waited {
        Ok(done) => done,
        Err(error) => return settle(&shared, &row, &error, Stage::Created),
    };
    let options = DownloadOptions {
        file_stem: Some(row.id.clone()),
        ..DownloadOptions::default()
    };
    let downloaded = tokio::select! {
        biased;
        () = shared.cancel.cancelled() => return settle(&shared, &row, &Error::Cancelled, Stage::Created),
        downloaded = shared.client.download_with(&done, &shared.out, &options) => downloaded,
    };
    match downloaded {
        Ok(files) => {
            let names: Vec<String> = files
                .iter()
                .filter_map(|file| file.path.file_name())
                .map(|name| name.to_string_lossy().into_owned())
                .collect();
            shared.store.mark_succeeded(row.line, &names)?;
            Ok(Finished::Succeeded {
                spent: row
                    .price
                    .as_ref()
                    .map(|price| (price.currency.clone(), price.cost)),
            })
        }
        Err(error) => settle(&shared, &row, &error, Stage::Created),
    }
}

/// Creates the row's job with its idempotency key, counting the attempt first. `Err` when the row ended
/// without a job.
async fn create(shared: &Shared, row: &JobRow) -> Result<Result<Job, Finished>, JournalError> {
    let honours_key = shared
        .client
        .catalog()
        .model(&row.model)
        .is_some_and(|model| model.endpoint.honours_idempotency_key);
    if row.attempts > 0 && !honours_key {
        let message = format!(
            "line {}: a create of this job may have reached the gateway without its answer reaching us \
             (Idempotency-Key {}), and model {}'s endpoint does not honour idempotency keys, so sending it \
             again could create and bill a second job: look the job up at the gateway by that key",
            row.line, row.idempotency_key, row.model
        );
        shared
            .store
            .mark_finished(row.line, Outcome::Abandoned, &message)?;
        return Ok(Err(Finished::Failed));
    }
    let request: Value =
        serde_json::from_str(&row.request).map_err(|error| JournalError::Corrupt {
            path: PathBuf::new(),
            message: format!("line {}: the stored request is not JSON: {error}", row.line),
        })?;
    shared.store.mark_sending(row.line)?;
    let options = CreateOptions {
        idempotency_key: Some(row.idempotency_key.clone()),
        ..CreateOptions::default()
    };
    match shared.client.create_with(request, &options).await {
        Ok(job) => {
            shared.store.mark_created(row.line, &job.record.operation)?;
            Ok(Ok(job))
        }
        Err(error) => settle(shared, row, &error, Stage::Create).map(Err),
    }
}

/// A job created by an earlier run, as `wait` needs it.
fn resumed(row: &JobRow, operation: &str) -> Result<Job, JournalError> {
    let corrupt = |message: String| JournalError::Corrupt {
        path: PathBuf::new(),
        message: format!("line {}: {message}", row.line),
    };
    let mut job: Job = serde_json::from_value(json!({
        "status": "running",
        "operation": operation,
        "model": row.model,
    }))
    .map_err(|error| corrupt(format!("cannot rebuild the job: {error}")))?;
    let request: Value = serde_json::from_str(&row.request)
        .map_err(|error| corrupt(format!("the stored request is not JSON: {error}")))?;
    job.poll_interval_seconds = request.get("poll_interval_seconds").and_then(Value::as_f64);
    Ok(job)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// No job exists yet (as far as we know).
    Create,
    /// The gateway has the job.
    Created,
}

/// Records what `error` means for the row: a definite answer of the gateway ends it, anything else leaves it
/// for a rerun.
fn settle(
    shared: &Shared,
    row: &JobRow,
    error: &Error,
    stage: Stage,
) -> Result<Finished, JournalError> {
    let message = error.to_string();
    // The client wraps errors after a create in `WithJob`; what the gateway answered is the root.
    let ended = match (error.root(), stage) {
        (Error::Validation(_), Stage::Create) => Some((Outcome::Invalid, Finished::Invalid)),
        (Error::JobFailed { .. }, _) => Some((Outcome::Failed, Finished::Failed)),
        // The gateway refused the create outright: no job, nothing held.
        (Error::Api { status, .. }, Stage::Create)
            if (400..500).contains(status) && !error.is_retryable() =>
        {
            Some((Outcome::Failed, Finished::Failed))
        }
        _ => None,
    };
    match ended {
        Some((outcome, finished)) => {
            shared.store.mark_finished(row.line, outcome, &message)?;
            Ok(finished)
        }
        None => {
            shared.store.mark_unfinished(row.line, &message)?;
            Ok(Finished::Unfinished)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::{MemoryJournal, NewJob};

    #[tokio::test]
    async fn a_create_that_may_have_been_sent_is_not_repeated_without_idempotency() {
        let store = Arc::new(MemoryJournal::new());
        let mut input = store.begin_input().expect("begins");
        input
            .add(&NewJob {
                line: 7,
                id: "seven".into(),
                // A model this catalog does not know: nothing says its endpoint honours idempotency keys.
                model: "retired-model".into(),
                request: "{}".into(),
                price: None,
            })
            .expect("adds");
        input.commit("digest").expect("commits");
        let Claim::Job(mut row) = store.claim_next(None).expect("claims") else {
            panic!("line 7 is free");
        };
        // As a run that died after sending the create left it.
        row.attempts = 1;
        let folder = tempfile::tempdir().expect("temp dir");
        let shared = Shared {
            // Never called: the decision comes before anything is sent.
            client: Client::builder()
                .api_key("omx_test_unused")
                .base_url("http://127.0.0.1:9")
                .build()
                .expect("builds"),
            store: store.clone(),
            out: folder.path().to_owned(),
            wait_timeout: None,
            cancel: CancellationToken::new(),
        };
        let ended = create(&shared, &row).await.expect("the journal works");
        assert!(matches!(ended, Err(Finished::Failed)));
        let mut rows = Vec::new();
        store
            .for_each_job(&mut |row| {
                rows.push(row.clone());
                Ok(())
            })
            .expect("walks");
        assert_eq!(rows[0].state, JobState::Failed);
        let error = rows[0].last_error.clone().unwrap_or_default();
        assert!(
            error.starts_with("line 7: ")
                && error.contains(&rows[0].idempotency_key)
                && error.contains("does not honour idempotency keys"),
            "{error}"
        );
    }
}
