//! Reading a journal row: the columns as stored, then checked into a [`JobRow`].

use crate::journal::{JobPrice, JobRow, JobState};
use rust_decimal::Decimal;
use std::str::FromStr;

pub(super) const ROW_COLUMNS: &str = "line, id, model, request, idempotency_key, cost, hold, currency, state, \
     operation, files, attempts, last_error, owner, created_at_ms, updated_at_ms";

/// A row's columns as read, before they are checked.
pub(super) struct RawRow {
    line: i64,
    id: String,
    model: String,
    request: String,
    idempotency_key: String,
    cost: Option<String>,
    hold: Option<String>,
    currency: Option<String>,
    state: String,
    operation: Option<String>,
    files: String,
    attempts: i64,
    last_error: Option<String>,
    owner: Option<String>,
    created_at_ms: i64,
    updated_at_ms: i64,
}

impl RawRow {
    pub(super) fn read(row: &rusqlite::Row<'_>) -> rusqlite::Result<RawRow> {
        Ok(RawRow {
            line: row.get(0)?,
            id: row.get(1)?,
            model: row.get(2)?,
            request: row.get(3)?,
            idempotency_key: row.get(4)?,
            cost: row.get(5)?,
            hold: row.get(6)?,
            currency: row.get(7)?,
            state: row.get(8)?,
            operation: row.get(9)?,
            files: row.get(10)?,
            attempts: row.get(11)?,
            last_error: row.get(12)?,
            owner: row.get(13)?,
            created_at_ms: row.get(14)?,
            updated_at_ms: row.get(15)?,
        })
    }

    pub(super) fn into_row(self) -> Result<JobRow, String> {
        let line = self.line;
        let decimal = |text: &str| {
            Decimal::from_str(text).map_err(|_| format!("line {line}: {text:?} is not a decimal"))
        };
        let price = match (self.cost, self.hold, self.currency) {
            (Some(cost), Some(hold), Some(currency)) => Some(JobPrice {
                cost: decimal(&cost)?,
                hold: decimal(&hold)?,
                currency,
            }),
            _ => None,
        };
        Ok(JobRow {
            line: u64::try_from(line).map_err(|_| format!("line {line} is not a line number"))?,
            state: JobState::parse(&self.state)
                .ok_or_else(|| format!("line {line}: unknown state {:?}", self.state))?,
            files: serde_json::from_str(&self.files)
                .map_err(|_| format!("line {line}: the file list is not a JSON array of names"))?,
            attempts: u32::try_from(self.attempts).unwrap_or(u32::MAX),
            id: self.id,
            model: self.model,
            request: self.request,
            idempotency_key: self.idempotency_key,
            price,
            operation: self.operation,
            last_error: self.last_error,
            owner: self.owner,
            created_at_ms: self.created_at_ms,
            updated_at_ms: self.updated_at_ms,
        })
    }
}
