//! The runtime catalog in Python: ``omixa.load_catalog(folder)`` and ``omixa.Catalog``, the ``catalog=`` option
//! of the clients, and ``OMIXA_CATALOG`` for the module-level functions. Loading and every rule are the
//! core's (`omixa::Catalog`); this only converts arguments and errors.

use crate::errors;
use crate::guard::guard;
use crate::types::{PyEstimate, PyModelInfo};
use crate::validation::{estimate_in, validate_in};
use omixa::Catalog;
use omixa::client::UNCHECKED_WARNING;
use omixa::validate::HostValue;
use pyo3::exceptions::{PyUserWarning, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use serde_json::Value;
use std::ffi::CString;
use std::path::PathBuf;

/// A set of models: the built-in ones plus those of a catalog folder (``omixa.load_catalog``).
///
/// Its models validate and estimate exactly like built-in ones; the typed stubs (``omixa.models`` types)
/// do not know them. Pass it to ``Client(catalog=...)`` to create jobs for them.
#[cfg_attr(
    feature = "stub-gen",
    pyo3_stub_gen_derive::gen_stub_pyclass(module = "omixa._native")
)]
#[pyclass(frozen, name = "Catalog", module = "omixa")]
#[derive(Debug)]
pub(crate) struct PyCatalog(pub(crate) &'static Catalog);

#[cfg_attr(feature = "stub-gen", pyo3_stub_gen_derive::gen_stub_pymethods)]
#[cfg_attr(not(feature = "stub-gen"), pyo3_stub_gen_derive::remove_gen_stub)]
#[pymethods]
impl PyCatalog {
    /// Every model, in id order (``origin`` says where each comes from).
    fn models(&self) -> Vec<PyModelInfo> {
        self.0
            .models()
            .iter()
            .map(|model| PyModelInfo(model.info()))
            .collect()
    }

    /// Where the model comes from: ``"built-in"``, the folder it was loaded from, or ``None`` if unknown.
    fn origin(&self, model: &str) -> Option<String> {
        self.0.origin(model).map(ToString::to_string)
    }

    /// ``omixa.validate`` against this catalog's models.
    #[pyo3(signature = (request, /, *, lenient = false))]
    #[gen_stub(override_return_type(type_repr = "dict[str, typing.Any]", imports = ("typing")))]
    fn validate<'py>(
        &self,
        py: Python<'py>,
        #[gen_stub(override_type(type_repr = "collections.abc.Mapping[str, typing.Any]", imports = ("collections.abc", "typing")))]
        request: &Bound<'py, PyAny>,
        lenient: bool,
    ) -> PyResult<Bound<'py, PyDict>> {
        validate_in(py, self.0, request, lenient)
    }

    /// ``omixa.estimate`` against this catalog's models.
    #[pyo3(signature = (request, /, *, lenient = false))]
    fn estimate(
        &self,
        py: Python<'_>,
        #[gen_stub(override_type(type_repr = "collections.abc.Mapping[str, typing.Any]", imports = ("collections.abc", "typing")))]
        request: &Bound<'_, PyAny>,
        lenient: bool,
    ) -> PyResult<PyEstimate> {
        estimate_in(py, self.0, request, lenient)
    }

    fn __repr__(&self) -> String {
        let ids: Vec<&str> = self.0.models().iter().map(|model| model.id).collect();
        format!("Catalog(models={ids:?})")
    }
}

/// Loads a catalog folder laid out like the SDK's ``spec/`` (``models/``, optionally ``fields/`` and
/// ``endpoints/``) and returns the built-in models plus its own.
///
/// Its models may include the built-in field sets and endpoint types by name. Raises ``ConfigurationError``
/// listing every problem as ``file:line:col: message``; a model id that is already built in is one.
#[cfg_attr(feature = "stub-gen", pyo3_stub_gen_derive::gen_stub_pyfunction)]
#[cfg_attr(not(feature = "stub-gen"), pyo3_stub_gen_derive::remove_gen_stub)]
#[pyfunction]
pub(crate) fn load_catalog(
    py: Python<'_>,
    #[gen_stub(override_type(type_repr = "_StrPath"))] folder: PathBuf,
) -> PyResult<PyCatalog> {
    guard(|| {
        omixa_bindings::catalog::load(&folder)
            .map(PyCatalog)
            .map_err(|error| errors::client_error(py, error))
    })
}

/// The ``catalog=`` argument of the clients: an ``omixa.Catalog``, a folder, or ``None`` (``OMIXA_CATALOG``).
pub(crate) fn argument(
    py: Python<'_>,
    catalog: Option<&Bound<'_, PyAny>>,
) -> PyResult<&'static Catalog> {
    let Some(catalog) = catalog else {
        return crate::validation::from_env(py);
    };
    if let Ok(loaded) = catalog.cast::<PyCatalog>() {
        return Ok(loaded.get().0);
    }
    let folder: PathBuf = catalog.extract().map_err(|_| {
        pyo3::exceptions::PyTypeError::new_err(format!(
            "catalog: expected an omixa.Catalog or a folder (str or os.PathLike), got `{}`",
            catalog
                .get_type()
                .qualname()
                .map(|name| name.to_string())
                .unwrap_or_default()
        ))
    })?;
    omixa_bindings::catalog::load(&folder).map_err(|error| errors::client_error(py, error))
}

/// A request for ``create(..., unchecked=True)``: warns (``UserWarning``) that nothing is validated, and gives
/// the request as JSON, to be sent as written.
pub(crate) fn unchecked(py: Python<'_>, request: HostValue) -> PyResult<Value> {
    let message = CString::new(UNCHECKED_WARNING)
        .map_err(|error| crate::classes::omixa_error(error.to_string()))?;
    PyErr::warn(py, &py.get_type::<PyUserWarning>(), &message, 1)?;
    request.into_json().ok_or_else(|| {
        PyValueError::new_err(
            "an unchecked request holds a number JSON cannot carry (NaN or an infinity)",
        )
    })
}
