//! The one map from the core's errors to Python exceptions. The classes live in `omixa/_errors.py` (several
//! have two bases, e.g. `ValidationError(OmixaError, ValueError)`, which `create_exception!` cannot express);
//! they are imported once and raised from here only.

use crate::catalog::PyIssue;
use crate::job::PyJob;
use omixa::client::Error;
use omixa::media::MediaError;
use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyType};

/// The exception and warning classes of `omixa._errors`.
#[derive(Debug, Clone, Copy)]
enum Class {
    Omixa,
    Configuration,
    Validation,
    Api,
    Authentication,
    RateLimit,
    InvalidResponse,
    Connection,
    Timeout,
    JobFailed,
    JobNotReady,
    Cancelled,
    Download,
    File,
    DroppedField,
}

impl Class {
    const COUNT: usize = Class::DroppedField as usize + 1;

    const fn name(self) -> &'static str {
        match self {
            Class::Omixa => "OmixaError",
            Class::Configuration => "ConfigurationError",
            Class::Validation => "ValidationError",
            Class::Api => "APIError",
            Class::Authentication => "AuthenticationError",
            Class::RateLimit => "RateLimitError",
            Class::InvalidResponse => "InvalidResponseError",
            Class::Connection => "ConnectionError",
            Class::Timeout => "TimeoutError",
            Class::JobFailed => "JobFailedError",
            Class::JobNotReady => "JobNotReadyError",
            Class::Cancelled => "CancelledError",
            Class::Download => "DownloadError",
            Class::File => "FileError",
            Class::DroppedField => "DroppedFieldWarning",
        }
    }

    fn get(self, py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
        static CLASSES: [PyOnceLock<Py<PyType>>; Class::COUNT] =
            [const { PyOnceLock::new() }; Class::COUNT];
        CLASSES[self as usize].import(py, "omixa._errors", self.name())
    }

    /// An instance of the class, built from `message` and the keyword arguments `kwargs` sets, as a raisable
    /// error (or the error that building it raised).
    fn error(
        self,
        py: Python<'_>,
        message: String,
        kwargs: impl FnOnce(&Bound<'_, PyDict>) -> PyResult<()>,
    ) -> PyErr {
        let instance = self.get(py).and_then(|class| {
            let named = PyDict::new(py);
            kwargs(&named)?;
            class.call((message,), Some(&named))
        });
        match instance {
            Ok(instance) => PyErr::from_value(instance),
            Err(error) => error,
        }
    }
}

/// A plain `OmixaError`: for internal errors only (a panic, a broken invariant).
pub(crate) fn omixa_error(message: impl Into<String>) -> PyErr {
    let message = message.into();
    Python::attach(|py| Class::Omixa.error(py, message, |_| Ok(())))
}

/// `ValidationError` with every issue.
pub(crate) fn validation_error(py: Python<'_>, error: omixa::ValidationError) -> PyErr {
    let message = error.to_string();
    let issues = error
        .issues
        .into_iter()
        .map(|issue| Py::new(py, PyIssue::from(issue)))
        .collect::<PyResult<Vec<_>>>();
    let issues = match issues.and_then(|issues| PyList::new(py, issues)) {
        Ok(issues) => issues,
        Err(error) => return error,
    };
    let instance = Class::Validation
        .get(py)
        .and_then(|class| class.call1((message, issues)));
    match instance {
        Ok(instance) => PyErr::from_value(instance),
        Err(error) => error,
    }
}

/// Warns with a `DroppedFieldWarning` for each field lenient validation dropped, attributed to the caller's line.
pub(crate) fn warn_dropped(py: Python<'_>, warnings: Vec<omixa::Issue>) -> PyResult<()> {
    for issue in warnings {
        let message = issue.message();
        let warning = Class::DroppedField
            .get(py)?
            .call1((message, PyIssue::from(issue)))?;
        py.import("warnings")?.call_method1("warn", (warning,))?;
    }
    Ok(())
}

/// The exception for a client error, with the job's `operation` and `idempotency_key` (each `None` when
/// unknown) on every one, so a caller can find the job again.
pub(crate) fn client_error(py: Python<'_>, error: Error) -> PyErr {
    let handle = error.job_handle().unwrap_or_default();
    let raised = exception(py, error);
    let value = raised.value(py);
    let attached = value
        .setattr("operation", handle.operation)
        .and_then(|()| value.setattr("idempotency_key", handle.idempotency_key));
    match attached {
        Ok(()) => raised,
        Err(error) => error,
    }
}

/// The exception class for each variant, with its details. One arm per variant and no catch-all: a new
/// variant in the core does not compile until it is mapped here. `WithJob` raises the class of the error it
/// wraps.
fn exception(py: Python<'_>, error: Error) -> PyErr {
    let message = error.to_string();
    match error {
        Error::Validation(error) => validation_error(py, error),
        Error::Config(_) => Class::Configuration.error(py, message, |_| Ok(())),
        Error::Connection { .. } => Class::Connection.error(py, message, |_| Ok(())),
        Error::InvalidResponse { status, .. } => {
            Class::InvalidResponse
                .error(py, message, |kwargs| kwargs.set_item("status_code", status))
        }
        Error::Authentication {
            status, request_id, ..
        } => Class::Authentication.error(py, message, |kwargs| {
            kwargs.set_item("status_code", status)?;
            kwargs.set_item("request_id", request_id)
        }),
        Error::RateLimit {
            retry_after,
            request_id,
            ..
        } => Class::RateLimit.error(py, message, |kwargs| {
            kwargs.set_item("retry_after", retry_after.map(|delay| delay.as_secs_f64()))?;
            kwargs.set_item("request_id", request_id)
        }),
        Error::Api {
            status,
            body,
            request_id,
            ..
        } => Class::Api.error(py, message, |kwargs| {
            kwargs.set_item("status_code", status)?;
            kwargs.set_item("request_id", request_id)?;
            kwargs.set_item("body", body)
        }),
        Error::JobFailed { job, .. } => Class::JobFailed.error(py, message, |kwargs| {
            kwargs.set_item("job", PyJob::from(*job))
        }),
        Error::Timeout { after, job } => Class::Timeout.error(py, message, |kwargs| {
            kwargs.set_item("job", PyJob::from(*job))?;
            kwargs.set_item("timeout", after.as_secs_f64())
        }),
        Error::NotReady { job } => Class::JobNotReady.error(py, message, |kwargs| {
            kwargs.set_item("job", PyJob::from(*job))
        }),
        Error::Cancelled => Class::Cancelled.error(py, message, |_| Ok(())),
        Error::Download { limit, .. } => Class::Download.error(py, message, |kwargs| {
            kwargs.set_item("limit", limit.as_str())
        }),
        Error::Io { path, source } => file_error(py, &message, path, &source),
        Error::WithJob { error, .. } => exception(py, *error),
    }
}

/// `FileError(errno, strerror, filename)`, as `OSError` takes them, so it prints like one.
fn file_error(
    py: Python<'_>,
    message: &str,
    path: std::path::PathBuf,
    source: &std::io::Error,
) -> PyErr {
    let instance = Class::File
        .get(py)
        .and_then(|class| match source.raw_os_error() {
            Some(code) => class.call1((code, os_message(source, code), path.into_os_string())),
            None => class.call1((message,)),
        });
    match instance {
        Ok(instance) => PyErr::from_value(instance),
        Err(error) => error,
    }
}

/// The exception for an `Image` that cannot be built: `OSError` (with errno and file name, as `open` raises
/// it) for an unreadable file, `ValueError` for bytes of unknown type or a malformed media type.
pub(crate) fn media_error(error: MediaError) -> PyErr {
    match error {
        MediaError::UnknownMediaType | MediaError::InvalidMediaType(_) => {
            PyValueError::new_err(error.to_string())
        }
        MediaError::Read { path, source } => match source.raw_os_error() {
            Some(code) => {
                PyOSError::new_err((code, os_message(&source, code), path.into_os_string()))
            }
            None => PyOSError::new_err(format!("cannot read {}: {source}", path.display())),
        },
    }
}

/// An OS error's message without the " (os error N)" std appends, as `strerror` reads.
fn os_message(error: &std::io::Error, code: i32) -> String {
    let text = error.to_string();
    text.strip_suffix(&format!(" (os error {code})"))
        .map_or_else(|| text.clone(), str::to_owned)
}
