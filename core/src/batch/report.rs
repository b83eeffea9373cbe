//! `DIR/batch-report.json`: every job of the journal with its status, and the totals. Written by streaming
//! the journal's rows (memory stays flat), into a temporary file renamed over the report, so a reader never
//! sees half a report.
//!
//! ```json
//! {"jobs": [{"line": 1, "id": "intro", "status": "succeeded", "operation": "op_...", "cost": "0.40",
//!            "currency": "USD", "files": ["intro-0.mp4"], "error": null}],
//!  "totals": {"succeeded": 1, "failed": 0, "skipped_budget": 0, "invalid": 0, "pending": 0, "created": 0,
//!             "charged": {"USD": "0.40"}}}
//! ```

use super::error::BatchError;
use crate::journal::{JobState, JobStore, JournalError};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// The report's file name inside the output folder.
pub const REPORT_FILE: &str = "batch-report.json";

#[derive(Serialize)]
struct ReportJob<'a> {
    line: u64,
    id: &'a str,
    status: JobState,
    operation: Option<&'a str>,
    #[serde(with = "rust_decimal::serde::str_option")]
    cost: Option<Decimal>,
    currency: Option<&'a str>,
    files: &'a [String],
    error: Option<&'a str>,
}

#[derive(Serialize, Default)]
struct Totals {
    succeeded: usize,
    failed: usize,
    skipped_budget: usize,
    invalid: usize,
    /// Not finished in the runs so far: a rerun resumes them.
    pending: usize,
    created: usize,
    /// What succeeded jobs cost, per currency.
    charged: BTreeMap<String, Amount>,
}

#[derive(Serialize, Default)]
struct Amount(#[serde(with = "rust_decimal::serde::str")] Decimal);

/// Writes the report of `store` into `directory`; `owner` makes the temporary file this process's own.
pub(crate) fn write_report(
    store: &dyn JobStore,
    directory: &Path,
    owner: &str,
) -> Result<PathBuf, BatchError> {
    let path = directory.join(REPORT_FILE);
    let temporary = directory.join(format!(".{REPORT_FILE}.{owner}.tmp"));
    let result = write_to(store, &temporary)
        .and_then(|()| std::fs::rename(&temporary, &path).map_err(BatchError::io(&path)));
    if result.is_err() {
        // Best effort: the error matters more than a leftover temporary file.
        let _ = std::fs::remove_file(&temporary);
    }
    result.map(|()| path)
}

fn write_to(store: &dyn JobStore, temporary: &Path) -> Result<(), BatchError> {
    let io = |source| BatchError::Io {
        path: temporary.to_owned(),
        source,
    };
    let mut out = BufWriter::new(File::create(temporary).map_err(io)?);
    let mut totals = Totals::default();
    let mut first = true;
    // `visit` must answer a journal error; I/O failures are kept aside and returned after the walk.
    let mut failure: Option<BatchError> = None;
    store
        .for_each_job(&mut |row| {
            let counter = match row.state {
                JobState::Succeeded => &mut totals.succeeded,
                JobState::Failed => &mut totals.failed,
                JobState::SkippedBudget => &mut totals.skipped_budget,
                JobState::Invalid => &mut totals.invalid,
                JobState::Pending => &mut totals.pending,
                JobState::Created => &mut totals.created,
            };
            *counter += 1;
            if let (JobState::Succeeded, Some(price)) = (row.state, &row.price) {
                totals.charged.entry(price.currency.clone()).or_default().0 += price.cost;
            }
            let job = ReportJob {
                line: row.line,
                id: &row.id,
                status: row.state,
                operation: row.operation.as_deref(),
                cost: row.price.as_ref().map(|price| price.cost),
                currency: row.price.as_ref().map(|price| price.currency.as_str()),
                files: &row.files,
                error: row.last_error.as_deref(),
            };
            let separator: &[u8] = if first { b"{\"jobs\": [\n" } else { b",\n" };
            first = false;
            let written = out
                .write_all(separator)
                .and_then(|()| serde_json::to_writer(&mut out, &job).map_err(std::io::Error::from));
            match written {
                Ok(()) => Ok(()),
                Err(source) => {
                    failure = Some(io(source));
                    Err(JournalError::Io {
                        path: temporary.to_owned(),
                        source: std::io::Error::other("stopped: the report could not be written"),
                    })
                }
            }
        })
        .map_err(|error| failure.take().unwrap_or(BatchError::Journal(error)))?;
    let opening: &[u8] = if first { b"{\"jobs\": [" } else { b"" };
    out.write_all(opening).map_err(io)?;
    out.write_all(b"\n], \"totals\": ").map_err(io)?;
    serde_json::to_writer(&mut out, &totals).map_err(|error| io(error.into()))?;
    out.write_all(b"}\n").map_err(io)?;
    // No fsync: the report is derived from the journal and rewritten by every run.
    out.flush().map_err(io)
}
