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
