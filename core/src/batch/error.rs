//! What a batch can fail with as a whole (a job's own failure is a row of the report, not an error), and the
//! problems of an invalid input.

use crate::journal::JournalError;
use serde::Serialize;
use std::fmt;
use std::path::PathBuf;

/// One problem of one input line: `line N: <path>: <code>: <message>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BatchProblem {
    pub line: u64,
    /// A JSON pointer into the line's request (`/seconds`), `/id` for the id, empty for the whole line.
    pub path: String,
    /// A validation issue code (`out_of_range`...), or `invalid_json`, `invalid_line`, `invalid_id`,
    /// `duplicate_id`.
    pub code: String,
    pub message: String,
}

impl fmt::Display for BatchProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() {
            "/"
        } else {
            &self.path
        };
        write!(
            f,
            "line {}: {path}: {}: {}",
            self.line, self.code, self.message
        )
    }
}

/// Why a batch did not run, or stopped.
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    /// Lines of the input are invalid; nothing was created.
    #[error("the input has {} problem{}; nothing was created", problems.len(), plural(problems.len()))]
    Invalid { problems: Vec<BatchProblem> },

    /// The budget cannot bound this input (mixed currencies, a model without a price); nothing was created.
    #[error("the budget cannot be applied: {reason}")]
    BudgetRefused { reason: String },

    /// The output folder's journal belongs to a different input.
    #[error(
        "{} was used for a different input (the journal's input digest differs from this input's); \
         use another output folder, or run the same input again to resume",
        directory.display()
    )]
    InputMismatch { directory: PathBuf },

    /// The options cannot be used (a concurrency of 0, a negative budget...).
    #[error("invalid batch options: {0}")]
    Options(String),

    /// The journal could not be opened, read or written.
    #[error(transparent)]
    Journal(#[from] JournalError),

    /// The input could not be read.
    #[error("cannot read the input: {0}")]
    Input(#[source] std::io::Error),

    /// An output file or folder could not be written.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// A worker ended abnormally (a bug); the journal keeps every row consistent.
    #[error("internal error: {0}")]
    Internal(String),
}

impl BatchError {
    /// A stable snake_case name of the variant (the journal's own kinds for journal errors).
    pub fn kind(&self) -> &'static str {
        match self {
            BatchError::Invalid { .. } => "invalid_input",
            BatchError::BudgetRefused { .. } => "budget_refused",
            BatchError::InputMismatch { .. } => "journal_mismatch",
            BatchError::Options(_) => "invalid_options",
            BatchError::Journal(error) => error.kind(),
            BatchError::Input(_) => "input",
            BatchError::Io { .. } => "io",
            BatchError::Internal(_) => "internal",
        }
    }

    /// The problems of an invalid input (empty for other errors).
    pub fn problems(&self) -> &[BatchProblem] {
        match self {
            BatchError::Invalid { problems } => problems,
            _ => &[],
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> BatchError {
        let path = path.into();
        move |source| BatchError::Io { path, source }
    }
}

pub(crate) fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}
