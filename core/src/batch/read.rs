//! Reading `DIR/batch-report.json` back as typed values, for hosts that hand the report to their callers (the
//! Python and Node packages) rather than print it.

use super::error::BatchError;
use super::report::REPORT_FILE;
use crate::journal::JobState;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The batch report: every job of the journal and the totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchReport {
    pub jobs: Vec<BatchReportJob>,
    pub totals: BatchTotals,
}

/// One job of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchReportJob {
    pub line: u64,
    pub id: String,
    pub status: JobState,
    pub operation: Option<String>,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub cost: Option<Decimal>,
    pub currency: Option<String>,
    /// The downloaded videos; [`read_report`] makes them paths inside the output folder.
    pub files: Vec<PathBuf>,
    pub error: Option<String>,
}

/// The report's counts per status, and what succeeded jobs cost.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchTotals {
    pub succeeded: usize,
    pub failed: usize,
    pub skipped_budget: usize,
    pub invalid: usize,
    /// Not finished in the runs so far: a rerun resumes them.
    pub pending: usize,
    pub created: usize,
    /// What succeeded jobs cost, per currency (amounts as decimal strings in the file).
    #[serde(with = "amounts")]
    pub charged: BTreeMap<String, Decimal>,
}

/// Reads the report of the output folder `out`, with each job's files as paths inside `out`.
pub fn read_report(out: &Path) -> Result<BatchReport, BatchError> {
    let path = out.join(REPORT_FILE);
    let text = std::fs::read(&path).map_err(BatchError::io(&path))?;
    let mut report: BatchReport =
        serde_json::from_slice(&text).map_err(|error| BatchError::Io {
            path: path.clone(),
            source: std::io::Error::new(std::io::ErrorKind::InvalidData, error),
        })?;
    for job in &mut report.jobs {
        for file in &mut job.files {
            *file = out.join(&*file);
        }
    }
    Ok(report)
}

/// `{"USD": "0.40"}` both ways: amounts are exact, so never JSON numbers.
mod amounts {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::collections::BTreeMap;

    #[derive(Serialize, Deserialize)]
    struct Amount(#[serde(with = "rust_decimal::serde::str")] Decimal);

    pub fn serialize<S: Serializer>(
        amounts: &BTreeMap<String, Decimal>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let text: BTreeMap<&String, Amount> = amounts
            .iter()
            .map(|(currency, amount)| (currency, Amount(*amount)))
            .collect();
        text.serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<BTreeMap<String, Decimal>, D::Error> {
        let text = BTreeMap::<String, Amount>::deserialize(deserializer)?;
        Ok(text
            .into_iter()
            .map(|(currency, Amount(amount))| (currency, amount))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_reads_back_with_paths_in_the_folder_and_exact_amounts() {
        let out = tempfile::tempdir().expect("temporary folder");
        let text = r#"{"jobs": [
{"line": 2, "id": "intro", "status": "succeeded", "operation": "op_1", "cost": "0.40", "currency": "USD", "files": ["intro-0.mp4"], "error": null},
{"line": 3, "id": "3", "status": "skipped_budget", "operation": null, "cost": "0.10", "currency": "USD", "files": [], "error": "over budget"}
], "totals": {"succeeded": 1, "failed": 0, "skipped_budget": 1, "invalid": 0, "pending": 0, "created": 0, "charged": {"USD": "0.40"}}}"#;
        std::fs::write(out.path().join(REPORT_FILE), text).expect("written");
        let report = read_report(out.path()).expect("a report");
        assert_eq!(report.jobs[0].files, vec![out.path().join("intro-0.mp4")]);
        assert_eq!(report.jobs[0].cost, Some(Decimal::new(40, 2)));
        assert_eq!(report.jobs[1].status, JobState::SkippedBudget);
        assert_eq!(report.totals.skipped_budget, 1);
        assert_eq!(report.totals.charged["USD"].to_string(), "0.40");
    }

    #[test]
    fn a_missing_report_is_an_io_error_naming_it() {
        let out = tempfile::tempdir().expect("temporary folder");
        let error = read_report(out.path()).expect_err("no report");
        assert_eq!(error.kind(), "io");
        assert!(error.to_string().contains(REPORT_FILE), "{error}");
    }
}
