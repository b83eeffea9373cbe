//! `omixa.Issue`: one problem found in a request, a view of the core's `Issue`.

use crate::repr::py_repr;
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// One problem found in a request.
///
/// ``code`` is stable (the same strings in every omixa language and the CLI); ``path`` is the JSON pointer
/// of the key as the caller wrote it (``/seconds``, ``/reference_images/1``; empty for the whole request);
/// ``field`` the canonical field name when the issue is about a known field; ``message`` a sentence for
/// people; ``suggestion`` what to do instead, when there is something to suggest.
#[cfg_attr(
    feature = "stub-gen",
    pyo3_stub_gen_derive::gen_stub_pyclass(module = "omixa._native")
)]
#[pyclass(frozen, eq, name = "Issue", module = "omixa")]
#[derive(Debug, PartialEq)]
pub(crate) struct PyIssue(omixa::Issue);

impl From<omixa::Issue> for PyIssue {
    fn from(issue: omixa::Issue) -> Self {
        PyIssue(issue)
    }
}

#[cfg_attr(feature = "stub-gen", pyo3_stub_gen_derive::gen_stub_pymethods)]
#[cfg_attr(not(feature = "stub-gen"), pyo3_stub_gen_derive::remove_gen_stub)]
#[pymethods]
impl PyIssue {
    /// The stable code, e.g. ``"out_of_range"``.
    #[getter]
    #[gen_stub(override_return_type(type_repr = "_tables.IssueCode", imports = ("omixa._tables")))]
    fn code(&self) -> &'static str {
        self.0.code().as_str()
    }

    /// JSON pointer to the key as written, e.g. ``"/seconds"``.
    #[getter]
    fn path(&self) -> &str {
        &self.0.path
    }

    /// The canonical field name, when the issue is about a known field.
    #[getter]
    fn field(&self) -> Option<&str> {
        self.0.field()
    }

    /// A sentence for people.
    #[getter]
    fn message(&self) -> String {
        self.0.message()
    }

    /// What to do instead, e.g. ``"did you mean `duration_seconds`?"``, when there is something to suggest.
    #[getter]
    fn suggestion(&self) -> Option<String> {
        self.0.suggestion()
    }

    /// The issue as a plain dict with the keys ``code``, ``path``, ``field``, ``message``, ``suggestion``.
    #[gen_stub(override_return_type(type_repr = "dict[str, str | None]"))]
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("code", self.code())?;
        dict.set_item("path", self.path())?;
        dict.set_item("field", self.field())?;
        dict.set_item("message", self.message())?;
        dict.set_item("suggestion", self.suggestion())?;
        Ok(dict)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Issue(code={}, path={}, field={}, message={}, suggestion={})",
            py_repr(py, self.code())?,
            py_repr(py, self.path())?,
            py_repr(py, self.field())?,
            py_repr(py, self.message())?,
            py_repr(py, self.suggestion())?,
        ))
    }

    fn __str__(&self) -> String {
        self.0.to_string()
    }
}

/// The issues of a ``ValidationError`` omixa raised, kept as the core's data. ``omixa._errors.ValidationError``
/// builds its message and its ``Issue`` objects from them the first time either is read, so a caller that
/// catches the error and moves on never pays for the sentences nor for their "did you mean" searches.
#[cfg_attr(
    feature = "stub-gen",
    pyo3_stub_gen_derive::gen_stub_pyclass(module = "omixa._native")
)]
#[pyclass(frozen, name = "_ValidationIssues", module = "omixa._native")]
#[derive(Debug)]
pub(crate) struct PyValidationIssues(omixa::ValidationError);

impl From<omixa::ValidationError> for PyValidationIssues {
    fn from(error: omixa::ValidationError) -> Self {
        PyValidationIssues(error)
    }
}

#[cfg_attr(feature = "stub-gen", pyo3_stub_gen_derive::gen_stub_pymethods)]
#[pymethods]
impl PyValidationIssues {
    /// The error's message: the number of issues, then one line per issue.
    fn message(&self) -> String {
        self.0.to_string()
    }

    /// The issues as ``Issue`` objects, in the order they were found.
    fn issues(&self) -> Vec<PyIssue> {
        self.0.issues.iter().cloned().map(PyIssue).collect()
    }
}
