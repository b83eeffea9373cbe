//! `repr()` of Rust values as Python writes them, for the classes' own reprs.

use pyo3::IntoPyObjectExt;
use pyo3::prelude::*;

/// `repr(value)` as Python writes it.
pub(crate) fn py_repr<'py, T: IntoPyObject<'py>>(py: Python<'py>, value: T) -> PyResult<String> {
    Ok(value.into_bound_py_any(py)?.repr()?.to_string())
}
