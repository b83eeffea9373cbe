//! The Python classes the native module raises and returns but does not define: the exceptions of
//! `omixa._errors` (several have two bases, e.g. `ValidationError(OmixaError, ValueError)`, which PyO3's
//! `create_exception!` cannot express) and the batch classes of `omixa._batch`. Each is imported once, by the
//! name the shared table gives ([`ErrorKind::class_name`]).

use omixa_bindings::error::ErrorKind;
use pyo3::exceptions::PyBaseException;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;

/// The class raised for `kind` (`TypeError` is the built-in one).
pub(crate) fn error_class(py: Python<'_>, kind: ErrorKind) -> PyResult<&Bound<'_, PyType>> {
    static CLASSES: [PyOnceLock<Py<PyType>>; ErrorKind::ALL.len()] =
        [const { PyOnceLock::new() }; ErrorKind::ALL.len()];
    let module = match kind {
        ErrorKind::Type => "builtins",
        _ => "omixa._errors",
    };
    CLASSES[kind as usize].import(py, module, kind.class_name())
}

/// An instance of the exception class `class` made without running its `__init__`: `BaseException.__new__`
/// sets only `args` (empty here). For a class whose `__init__` the native module skips on purpose, as it sets
/// what the instance needs itself.
pub(crate) fn bare_exception<'py>(class: &Bound<'py, PyType>) -> PyResult<Bound<'py, PyAny>> {
    static NEW: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let py = class.py();
    let new = NEW.get_or_try_init(py, || {
        py.get_type::<PyBaseException>()
            .getattr("__new__")
            .map(Bound::unbind)
    })?;
    new.bind(py).call1((class,))
}

/// `omixa.DroppedFieldWarning`.
pub(crate) fn dropped_field_warning(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static CLASS: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    CLASS.import(py, "omixa._errors", "DroppedFieldWarning")
}

/// A class of `omixa._batch` (`BatchReport`, `BatchProblem`...).
pub(crate) fn batch_class<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("omixa._batch")?.getattr(name)
}

/// `decimal.Decimal`.
pub(crate) fn decimal(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    DECIMAL.import(py, "decimal", "Decimal")
}

/// A plain `OmixaError`: for internal errors only (a panic, a broken invariant).
pub(crate) fn omixa_error(message: impl Into<String>) -> PyErr {
    let message = message.into();
    Python::attach(|py| {
        match error_class(py, ErrorKind::Internal).and_then(|class| class.call1((message,))) {
            Ok(instance) => PyErr::from_value(instance),
            Err(error) => error,
        }
    })
}
