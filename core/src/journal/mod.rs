//! The batch journal: one durable row per intended job, so that a batch survives crashes, restarts and a
//! second process working on the same folder without creating (and paying for) any job twice.
//!
//! A row goes `pending` → `created` → `succeeded` / `failed`, or ends `skipped_budget` (it never fitted the
//! budget) or `invalid` (the gateway refused the request). Every change is committed before the action that
//! depends on it: the idempotency key exists from the row's insertion, the attempt is counted before the
//! create's first byte is sent, the operation is stored as soon as the create answers, and the files when the
//! download completes.
//!
//! A worker *claims* a row before working on it; the claim names its owner (one random id per process run)
//! and, for a job that reserves budget, adds its hold to the journal's running totals in the same
//! transaction, so the budget holds across processes and restarts. A claim whose owner has died is stale and
//! is taken over at once (see [`owner`]).
//!
//! [`JobStore`] is the seam: [`SqliteJournal`] is the durable implementation, [`MemoryJournal`] an in-memory
//! one for tests and for measuring what durability costs.

mod amount;
mod memory;
pub mod owner;
mod schema;
mod sqlite;

pub use amount::{MAX_AMOUNT, amount_from_nanos, amount_to_nanos};
pub use memory::MemoryJournal;
pub use schema::SCHEMA_VERSION;
pub use sqlite::SqliteJournal;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

/// Where a job is in the journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    /// Not created yet, or its create may have been sent without an answer (see [`JobRow::attempts`]).
    Pending,
    /// The gateway answered the create; the job is running or its result is not downloaded yet.
    Created,
    /// Finished and downloaded.
    Succeeded,
    /// The job failed, or could not be created safely; see [`JobRow::last_error`].
    Failed,
    /// Its hold could not fit the budget even with nothing else running; nothing was sent.
    SkippedBudget,
    /// The gateway rejected the request.
    Invalid,
}

impl JobState {
    pub const ALL: [JobState; 6] = [
        JobState::Pending,
        JobState::Created,
        JobState::Succeeded,
        JobState::Failed,
        JobState::SkippedBudget,
        JobState::Invalid,
    ];

    /// The stable string, as stored and reported.
    pub const fn as_str(self) -> &'static str {
        match self {
            JobState::Pending => "pending",
            JobState::Created => "created",
            JobState::Succeeded => "succeeded",
            JobState::Failed => "failed",
            JobState::SkippedBudget => "skipped_budget",
            JobState::Invalid => "invalid",
        }
    }

    pub fn parse(text: &str) -> Option<JobState> {
        JobState::ALL
            .into_iter()
            .find(|state| state.as_str() == text)
    }

    /// Whether the row will not change any more.
    pub const fn is_final(self) -> bool {
        !matches!(self, JobState::Pending | JobState::Created)
    }
}

impl fmt::Display for JobState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A job's estimate as the journal keeps it. Absent for a model without a published price.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobPrice {
    pub cost: Decimal,
    pub hold: Decimal,
    pub currency: String,
}

/// A row to insert: one validated line of the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewJob {
    /// The input's line number, from 1; the row's key.
    pub line: u64,
    /// The job's name in file names and the report, unique in the input.
    pub id: String,
    pub model: String,
    /// The normalized request, as JSON text.
    pub request: String,
    pub price: Option<JobPrice>,
}

/// A row as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobRow {
    pub line: u64,
    pub id: String,
    pub model: String,
    pub request: String,
    /// Generated when the row was inserted; sent with every create of this row.
    pub idempotency_key: String,
    pub price: Option<JobPrice>,
    pub state: JobState,
    /// The gateway's operation, once a create answered.
    pub operation: Option<String>,
    /// The downloaded files, as names inside the output folder.
    pub files: Vec<String>,
    /// How many times a create of this row was started: more than 0 with no operation means a create may
    /// have reached the gateway without its answer reaching us.
    pub attempts: u32,
    pub last_error: Option<String>,
    /// The claim: the owner working on the row, if any.
    pub owner: Option<String>,
    /// Unix time in milliseconds.
    pub created_at_ms: i64,
    pub updated_at_ms: i64,
}

/// The answer of [`JobStore::claim_next`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// This row is now the caller's; its hold (if any) is reserved.
    Job(Box<JobRow>),
    /// Nothing can start now, but rows remain: try again after a running job settles.
    Wait {
        /// The next row in line order waits for reserved budget to be released.
        budget: bool,
        /// Rows are claimed by other owners that are still alive.
        other_owners: bool,
    },
    /// No unfinished row is left that anyone but the caller holds.
    Done,
}

/// Whether a job can start within the budget, in nano units of its currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    Start,
    /// It fits once running jobs settle.
    Wait,
    /// It does not fit even with nothing else running.
    Never,
}

/// The budget rule, shared by every store: a job starts when the holds of running jobs, the charges of
/// finished ones and its own hold fit in the budget.
pub fn admit(held: i64, charged: i64, hold: i64, budget: Option<i64>) -> Admission {
    let Some(budget) = budget else {
        return Admission::Start;
    };
    if charged.saturating_add(hold) > budget {
        Admission::Never
    } else if held.saturating_add(charged).saturating_add(hold) > budget {
        Admission::Wait
    } else {
        Admission::Start
    }
}

/// Rows per state and what succeeded jobs cost, per currency.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JournalCounts {
    pub by_state: BTreeMap<JobState, usize>,
    pub charged: BTreeMap<String, Decimal>,
}

impl JournalCounts {
    pub fn get(&self, state: JobState) -> usize {
        self.by_state.get(&state).copied().unwrap_or(0)
    }

    pub fn total(&self) -> usize {
        self.by_state.values().sum()
    }
}

/// How a job that will not run again ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The job failed at the gateway (its hold was released).
    Failed,
    /// The gateway rejected the request (nothing was held).
    Invalid,
    /// The job may exist at the gateway but cannot be followed: its hold stays counted as spent.
    Abandoned,
}

/// Records the input of a batch, all or nothing. Dropping it without [`commit`](InputWriter::commit) keeps
/// nothing. While it lives, no other writer can change the journal.
pub trait InputWriter {
    /// The digest of the input recorded earlier, if any: then the rows are there already and
    /// [`add`](InputWriter::add) must not be called.
    fn recorded_digest(&self) -> Option<&str>;
    /// Inserts a row, with a new idempotency key.
    fn add(&mut self, job: &NewJob) -> Result<(), JournalError>;
    /// Stores the input's digest (when none was recorded) and makes everything durable.
    fn commit(self: Box<Self>, digest: &str) -> Result<(), JournalError>;
}

/// The journal's operations. Each is one transaction; a store belongs to one owner (one process run).
pub trait JobStore: Send + Sync + fmt::Debug {
    /// This store's owner id, as written in claims.
    fn owner(&self) -> &str;
    /// Starts recording an input (or checking it against the one recorded).
    fn begin_input(&self) -> Result<Box<dyn InputWriter + '_>, JournalError>;
    /// Claims the first unfinished row in line order that nobody alive holds, reserving its hold when it
    /// fits `budget` (nano units, see [`amount_to_nanos`]); rows that can never fit become `skipped_budget`.
    /// A row reserved earlier (a resumed job) is claimed without a second reservation.
    fn claim_next(&self, budget: Option<i64>) -> Result<Claim, JournalError>;
    /// Counts a create attempt; committed before the create is sent.
    fn mark_sending(&self, line: u64) -> Result<(), JournalError>;
    /// Stores the operation a create answered.
    fn mark_created(&self, line: u64, operation: &str) -> Result<(), JournalError>;
    /// The job succeeded and `files` are complete: its reservation becomes its cost.
    fn mark_succeeded(&self, line: u64, files: &[String]) -> Result<(), JournalError>;
    /// The row ends as `outcome` says, with `error`.
    fn mark_finished(&self, line: u64, outcome: Outcome, error: &str) -> Result<(), JournalError>;
    /// The row could not be finished in this run: it keeps its state and reservation, and the claim, until
    /// this owner ends, so a later run (or another process, once this one has ended) resumes it.
    fn mark_unfinished(&self, line: u64, error: &str) -> Result<(), JournalError>;
    /// Row counts per state and charges per currency.
    fn counts(&self) -> Result<JournalCounts, JournalError>;
    /// Calls `visit` with every row in line order, without holding them all in memory.
    fn for_each_job(
        &self,
        visit: &mut dyn FnMut(&JobRow) -> Result<(), JournalError>,
    ) -> Result<(), JournalError>;
}

/// Why the journal could not be used.
#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    /// The journal was written by a newer version of this SDK.
    #[error(
        "{} was written by a newer omixa (journal schema version {found}; this version reads up to {supported}): use that version, or another output folder",
        path.display()
    )]
    TooNew {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    /// The database refused an operation.
    #[error("journal {}: {source}", path.display())]
    Database {
        path: PathBuf,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// A value in the journal is not what this version writes.
    #[error("journal {}: {message}", path.display())]
    Corrupt { path: PathBuf, message: String },
    /// A local file or folder of the journal could not be used.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The row is no longer claimed by this owner (another process took it over).
    #[error("line {line}: the journal row is no longer claimed by this process")]
    ClaimLost { line: u64 },
}

impl JournalError {
    /// A stable snake_case name of the variant.
    pub fn kind(&self) -> &'static str {
        match self {
            JournalError::TooNew { .. } => "journal_too_new",
            JournalError::Database { .. } => "journal",
            JournalError::Corrupt { .. } => "journal_corrupt",
            JournalError::Io { .. } => "io",
            JournalError::ClaimLost { .. } => "journal_claim_lost",
        }
    }
}

/// Unix time in milliseconds.
pub(crate) fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| {
            i64::try_from(elapsed.as_millis()).unwrap_or(i64::MAX)
        })
}

/// A new idempotency key: a UUID v4.
pub(crate) fn new_idempotency_key() -> String {
    uuid::Builder::from_random_bytes(rand::random())
        .into_uuid()
        .to_string()
}

#[cfg(test)]
mod tests;
