//! Recording an input: one IMMEDIATE transaction on the writer connection, committed with the digest.

use super::{SqliteJournal, to_sql_line};
use crate::journal::{InputWriter, JournalError, NewJob, amount_to_nanos, new_idempotency_key};
use rusqlite::{Connection, params};
use rust_decimal::Decimal;
use std::sync::MutexGuard;

/// The input being recorded: an open IMMEDIATE transaction on the writer connection.
pub(super) struct SqliteInput<'a> {
    pub(super) journal: &'a SqliteJournal,
    pub(super) connection: MutexGuard<'a, Connection>,
    pub(super) recorded: Option<String>,
    /// Whether the transaction still needs a COMMIT or ROLLBACK.
    pub(super) open: bool,
    pub(super) now: i64,
}

impl InputWriter for SqliteInput<'_> {
    fn recorded_digest(&self) -> Option<&str> {
        self.recorded.as_deref()
    }

    fn add(&mut self, job: &NewJob) -> Result<(), JournalError> {
        let price = job.price.as_ref();
        let nanos = |amount: Decimal| {
            amount_to_nanos(amount).ok_or_else(|| {
                self.journal.corrupt(format!(
                    "line {}: the amount {amount} is beyond what the journal counts",
                    job.line
                ))
            })
        };
        let hold_nanos = price.map(|price| nanos(price.hold)).transpose()?;
        let cost_nanos = price.map(|price| nanos(price.cost)).transpose()?;
        let mut statement = self
            .connection
            .prepare_cached(
                "INSERT INTO jobs (line, id, model, request, idempotency_key, cost, hold, currency,
                 hold_nanos, cost_nanos, state, created_at_ms, updated_at_ms)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'pending', ?11, ?11)",
            )
            .map_err(self.journal.database())?;
        statement
            .execute(params![
                to_sql_line(job.line),
                job.id,
                job.model,
                job.request,
                new_idempotency_key(),
                price.map(|price| price.cost.to_string()),
                price.map(|price| price.hold.to_string()),
                price.map(|price| price.currency.as_str()),
                hold_nanos,
                cost_nanos,
                self.now,
            ])
            .map_err(self.journal.database())?;
        Ok(())
    }

    fn commit(mut self: Box<Self>, digest: &str) -> Result<(), JournalError> {
        if self.recorded.is_none() {
            self.connection
                .execute(
                    "INSERT INTO meta (key, value) VALUES ('input_digest', ?1)",
                    [digest],
                )
                .map_err(self.journal.database())?;
        }
        self.connection
            .execute_batch("COMMIT; PRAGMA synchronous = NORMAL;")
            .map_err(self.journal.database())?;
        self.open = false;
        Ok(())
    }
}

impl Drop for SqliteInput<'_> {
    fn drop(&mut self) {
        if self.open {
            // Nothing of an abandoned input is kept; a failure here leaves the transaction to be rolled back
            // when the connection closes.
            let _ = self
                .connection
                .execute_batch("ROLLBACK; PRAGMA synchronous = NORMAL;");
        }
    }
}
