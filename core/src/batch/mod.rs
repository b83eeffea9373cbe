//! Batches: many jobs from a JSON Lines input, at most N in flight, within a budget, surviving crashes.
//!
//! [`run`] first checks the whole input, streaming (each line parsed, validated and estimated; blank lines and
//! `#` comments skipped; ids unique and safe as file names): any problem stops the batch before anything is
//! sent, with every problem listed. The checked jobs become rows of the output folder's journal
//! ([`crate::journal`]), then workers claim rows in line order and take each through create → wait →
//! download, recording every step before the next depends on it. Videos land in `DIR/<id>-<index>.<ext>`
//! (the id defaults to the line number); `DIR/batch-report.json` is rewritten as jobs finish.
//!
//! Running the same input into the same folder again resumes: created jobs are waited on (never created
//! again), a create that may have been sent is sent again with the same idempotency key when the model's
//! endpoint honours it, finished downloads are kept. A different input is refused.
//!
//! With a budget, a job starts only when the holds of running jobs plus the cost of finished ones plus its
//! own hold fit in it; the reservations are journal rows, so the budget holds across restarts and processes.
//! [`plan`] is the dry run: the same checks and the totals, nothing sent, no journal.
//!
//! The engine is host-neutral: the CLI and the Python and Node packages feed it items and read its progress,
//! its summary and the report ([`read_report`]).

mod engine;
mod error;
mod ids;
mod input;
mod read;
mod report;

pub use error::{BatchError, BatchProblem};
pub use input::{BatchItem, BatchPlan, MAX_ID_CHARS, PlanAmounts, lines};
pub use read::{BatchReport, BatchReportJob, BatchTotals, read_report};
pub use report::REPORT_FILE;

use crate::catalog::Catalog;
use crate::client::Client;
use crate::journal::{JobStore, MAX_AMOUNT, SqliteJournal};
use input::{InputCheck, check_budget};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// Jobs in flight unless told otherwise.
pub const DEFAULT_CONCURRENCY: usize = 4;

/// Called with the batch's progress after every change (a job started or finished).
pub type BatchProgressCallback = Arc<dyn Fn(&BatchProgress) + Send + Sync>;

/// Options of [`run`] and [`plan`].
#[derive(Clone)]
pub struct BatchOptions {
    /// The output folder: videos, `batch-report.json`, and the journal in `.omixa/`.
    pub out: PathBuf,
    /// At most this many jobs in flight. Default 4.
    pub concurrency: usize,
    /// The most the batch may hold and spend, in the models' currency.
    pub budget: Option<Decimal>,
    /// How long to wait for each job once created. Default: the client's (15 minutes).
    pub wait_timeout: Option<Duration>,
    /// Drop fields a model omits instead of rejecting the line.
    pub lenient: bool,
    /// The models [`plan`] checks lines against. Default: the built-in catalog. [`run`] checks them against
    /// its client's catalog ([`Client::catalog`]), the one its creates are validated with.
    pub catalog: &'static Catalog,
    pub on_progress: Option<BatchProgressCallback>,
    /// Cancelling stops starting jobs and ends waits and downloads; the journal stays consistent and a rerun
    /// resumes.
    pub cancel: Option<CancellationToken>,
}

impl BatchOptions {
    pub fn new(out: impl Into<PathBuf>) -> Self {
        BatchOptions {
            out: out.into(),
            concurrency: DEFAULT_CONCURRENCY,
            budget: None,
            wait_timeout: None,
            lenient: false,
            catalog: Catalog::builtin(),
            on_progress: None,
            cancel: None,
        }
    }
}

impl fmt::Debug for BatchOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BatchOptions")
            .field("out", &self.out)
            .field("concurrency", &self.concurrency)
            .field("budget", &self.budget)
            .field("wait_timeout", &self.wait_timeout)
            .field("lenient", &self.lenient)
            .field("catalog", &self.catalog)
            .field(
                "on_progress",
                &self.on_progress.as_ref().map(|_| "Fn(&BatchProgress)"),
            )
            .field("cancel", &self.cancel)
            .finish()
    }
}

/// Where a batch is. Counts come from the journal, so they include earlier runs and other processes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct BatchProgress {
    /// Jobs in the input.
    pub total: usize,
    /// Jobs that will not change any more (succeeded, failed, skipped, invalid).
    pub done: usize,
    /// Jobs this process has in flight.
    pub running: usize,
    pub succeeded: usize,
    pub failed: usize,
    pub skipped_budget: usize,
    pub invalid: usize,
    /// What succeeded jobs cost, per currency.
    pub spent: BTreeMap<String, Decimal>,
    pub budget: Option<Decimal>,
}

/// How a run ended. Jobs that did not finish keep their journal state; run again to resume them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BatchSummary {
    pub total: usize,
    pub succeeded: usize,
    pub failed: usize,
    pub skipped_budget: usize,
    pub invalid: usize,
    /// Jobs not finished in this run (`pending` or `created` in the journal): a rerun resumes them.
    pub unfinished: usize,
    /// What succeeded jobs cost, per currency.
    pub charged: BTreeMap<String, Decimal>,
    /// The run was cancelled.
    pub cancelled: bool,
    pub report: PathBuf,
    pub journal: Option<PathBuf>,
}

impl BatchSummary {
    /// Whether every job succeeded.
    pub fn all_succeeded(&self) -> bool {
        self.succeeded == self.total
    }

    /// Whether running the same input again has work left to do.
    pub fn resumable(&self) -> bool {
        self.unfinished > 0
    }
}

/// Checks the input and returns its totals, sending nothing: the dry run. With a budget, also checks that
/// the budget can apply (one currency, every model priced).
pub fn plan(
    items: impl IntoIterator<Item = std::io::Result<BatchItem>>,
    options: &BatchOptions,
) -> Result<BatchPlan, BatchError> {
    check_options(options)?;
    let mut check = InputCheck::new(options.catalog, options.lenient)?;
    for item in items {
        check.check(item.map_err(BatchError::Input)?)?;
    }
    let (mut plan, _digest, unpriced) = check
        .finish()
        .map_err(|problems| BatchError::Invalid { problems })?;
    if options.budget.is_some() {
        check_budget(&plan, &unpriced).map_err(|reason| BatchError::BudgetRefused { reason })?;
    }
    plan.budget = options.budget;
    Ok(plan)
}

/// Runs the batch with the journal of the output folder (`DIR/.omixa/journal.sqlite`), resuming it when it
/// exists.
pub async fn run(
    client: &Client,
    items: impl IntoIterator<Item = std::io::Result<BatchItem>>,
    options: &BatchOptions,
) -> Result<BatchSummary, BatchError> {
    check_options(options)?;
    std::fs::create_dir_all(&options.out).map_err(BatchError::io(&options.out))?;
    let journal = SqliteJournal::open(&options.out)?;
    let path = journal.path().to_owned();
    let mut summary = run_with(client, items, options, Arc::new(journal)).await?;
    summary.journal = Some(path);
    Ok(summary)
}

/// [`run`] with any journal (an in-memory one, a server database).
pub async fn run_with(
    client: &Client,
    items: impl IntoIterator<Item = std::io::Result<BatchItem>>,
    options: &BatchOptions,
    store: Arc<dyn JobStore>,
) -> Result<BatchSummary, BatchError> {
    check_options(options)?;
    std::fs::create_dir_all(&options.out).map_err(BatchError::io(&options.out))?;
    record_input(client.catalog(), items, options, store.as_ref())?;
    engine::Engine::new(client.clone(), store, options)
        .run()
        .await
}

/// Checks the input and records it in the journal, or checks it against the input recorded there.
fn record_input(
    catalog: &'static Catalog,
    items: impl IntoIterator<Item = std::io::Result<BatchItem>>,
    options: &BatchOptions,
    store: &dyn JobStore,
) -> Result<(), BatchError> {
    let mut writer = store.begin_input()?;
    let recording = writer.recorded_digest().is_none();
    let mut check = InputCheck::new(catalog, options.lenient)?;
    let mut failed = false;
    for item in items {
        if let Some(job) = check.check(item.map_err(BatchError::Input)?)?
            && recording
            && !failed
        {
            // Rows of an input with problems are never committed; stop writing them at the first problem.
            writer.add(&job)?;
        }
        failed = failed || check.has_problems();
    }
    let (plan, digest, unpriced) = check
        .finish()
        .map_err(|problems| BatchError::Invalid { problems })?;
    if options.budget.is_some() {
        check_budget(&plan, &unpriced).map_err(|reason| BatchError::BudgetRefused { reason })?;
    }
    if writer
        .recorded_digest()
        .is_some_and(|recorded| recorded != digest)
    {
        return Err(BatchError::InputMismatch {
            directory: options.out.clone(),
        });
    }
    writer.commit(&digest)?;
    Ok(())
}

fn check_options(options: &BatchOptions) -> Result<(), BatchError> {
    if options.concurrency == 0 {
        return Err(BatchError::Options("concurrency must be at least 1".into()));
    }
    if let Some(budget) = options.budget
        && (budget.is_sign_negative() || budget > MAX_AMOUNT)
    {
        return Err(BatchError::Options(format!(
            "the budget must be from 0 to {MAX_AMOUNT}, got {budget}"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
