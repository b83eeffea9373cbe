//! Panic containment: no Rust panic reaches the interpreter as PyO3's `PanicException` (a `BaseException`
//! that `except Exception` would not catch); it becomes an `OmixaError` saying it is a bug.

use crate::classes::omixa_error;
use pyo3::prelude::*;
use std::any::Any;
use std::panic::AssertUnwindSafe;

/// Runs `body`, turning a Rust panic into an `OmixaError`.
pub(crate) fn guard<T>(body: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    std::panic::catch_unwind(AssertUnwindSafe(body))
        .unwrap_or_else(|payload| Err(panic_error(payload.as_ref())))
}

/// The `OmixaError` for a panic's payload.
pub(crate) fn panic_error(payload: &(dyn Any + Send)) -> PyErr {
    let message = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("no message");
    omixa_error(format!(
        "internal error in omixa (a bug; please report it): {message}"
    ))
}
