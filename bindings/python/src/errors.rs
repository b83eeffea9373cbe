//! The one map from the core's errors to Python exceptions: each error becomes the shared
//! [`ErrorPayload`] (`omixa-bindings` decides its kind and details, for both packages), and the payload is
//! raised as the class the shared table names for its kind, with the details as the keyword arguments of
//! that class (`status_code`, `request_id`, `job`, `timeout` in seconds...). The one exception is the error
//! of `validate` and `estimate`, the class of kind `validation` with the core's issues left unrendered until
//! read ([`validation_error`]): a program may raise thousands of them and read few. Lenient validation's
//! `DroppedFieldWarning`s are issued here too.

use crate::classes;
use crate::job::PyJob;
use crate::types::{PyIssue, PyValidationIssues};
use omixa::batch::BatchError;
use omixa::client::Error;
use omixa_bindings::display::dropped_fields;
use omixa_bindings::error::{Details, ErrorKind, ErrorPayload};
use omixa_bindings::options::InvalidOption;
use pyo3::exceptions::PyValueError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

/// `ValidationError` with every issue. Made without its `__init__`: the instance gets only `_native`, the
/// core's issues as they are, and `omixa._errors.ValidationError` builds its message and `Issue` objects from
/// them when first read. Raising and catching the error then costs no more than the exception object.
pub(crate) fn validation_error(py: Python<'_>, error: omixa::ValidationError) -> PyErr {
    let instance = classes::error_class(py, ErrorKind::Validation)
        .and_then(classes::bare_exception)
        .and_then(|instance| {
            instance.setattr(intern!(py, "_native"), PyValidationIssues::from(error))?;
            Ok(instance)
        });
    instance.map_or_else(|error| error, PyErr::from_value)
}

/// The exception for a client error, with the job's `operation` and `idempotency_key` (each `None` when
/// unknown) on every one, so a caller can find the job again.
pub(crate) fn client_error(py: Python<'_>, error: Error) -> PyErr {
    raise(py, ErrorPayload::client(&error))
}

/// The exception for a batch error.
pub(crate) fn batch_error(py: Python<'_>, error: BatchError) -> PyErr {
    raise(py, ErrorPayload::batch(&error))
}

/// An option that cannot be used, as the `ValueError` Python raises for a bad argument value.
pub(crate) fn invalid_option(error: InvalidOption) -> PyErr {
    PyValueError::new_err(error.0)
}

/// Warns with a `DroppedFieldWarning` for each field lenient validation dropped, attributed to the caller's line.
pub(crate) fn warn_dropped(py: Python<'_>, warnings: &[omixa::Issue]) -> PyResult<()> {
    for dropped in dropped_fields(warnings) {
        let issue = PyIssue::from(dropped.issue.clone());
        let warning = classes::dropped_field_warning(py)?.call1((dropped.message, issue))?;
        py.import("warnings")?.call_method1("warn", (warning,))?;
    }
    Ok(())
}

/// The exception for a payload (or the exception building it raised).
pub(crate) fn raise(py: Python<'_>, payload: ErrorPayload) -> PyErr {
    instance(py, payload).map_or_else(|error| error, PyErr::from_value)
}

fn instance(py: Python<'_>, payload: ErrorPayload) -> PyResult<Bound<'_, PyAny>> {
    let ErrorPayload {
        kind,
        message,
        details,
        operation,
        idempotency_key,
    } = payload;
    let class = classes::error_class(py, kind)?;
    let kwargs = PyDict::new(py);
    if kind.is_batch() {
        kwargs.set_item("kind", kind.as_str())?;
    }
    let instance = match details {
        Details::None | Details::Connection { .. } => class.call((message,), Some(&kwargs))?,
        Details::Issues(issues) => {
            let issues = issues
                .into_iter()
                .map(|issue| Py::new(py, PyIssue::from(issue)))
                .collect::<PyResult<Vec<_>>>()?;
            class.call1((message, PyList::new(py, issues)?))?
        }
        Details::Response {
            status,
            request_id,
            body,
            retry_after,
        } => {
            kwargs.set_item("status_code", status)?;
            kwargs.set_item("request_id", request_id)?;
            kwargs.set_item("body", body)?;
            kwargs.set_item("retry_after", retry_after.map(|delay| delay.as_secs_f64()))?;
            class.call((message,), Some(&kwargs))?
        }
        Details::Job { job, timeout } => {
            kwargs.set_item("job", PyJob::from(*job))?;
            if let Some(timeout) = timeout {
                kwargs.set_item("timeout", timeout.as_secs_f64())?;
            }
            class.call((message,), Some(&kwargs))?
        }
        Details::Download { limit } => {
            kwargs.set_item("limit", limit)?;
            class.call((message,), Some(&kwargs))?
        }
        // As `OSError(errno, strerror, filename)`, so it prints like one.
        Details::File {
            path: Some(path),
            errno: Some(errno),
            strerror,
        } => class.call1((errno, strerror, path.into_os_string()))?,
        Details::File { .. } => class.call1((message,))?,
        Details::Problems(problems) => {
            let problem_class = classes::batch_class(py, "BatchProblem")?;
            let problems = problems
                .iter()
                .map(|problem| {
                    problem_class.call1((
                        problem.line,
                        &problem.path,
                        &problem.code,
                        &problem.message,
                    ))
                })
                .collect::<PyResult<Vec<_>>>()?;
            kwargs.set_item("problems", problems)?;
            class.call((message,), Some(&kwargs))?
        }
    };
    if kind != ErrorKind::Type {
        instance.setattr("operation", operation)?;
        instance.setattr("idempotency_key", idempotency_key)?;
    }
    Ok(instance)
}
