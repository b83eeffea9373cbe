//! `omixa.validate`, `omixa.estimate` and `omixa.models`, against the built-in models plus `OMIXA_CATALOG`'s
//! (and, through [`validate_in`] and [`estimate_in`], against an `omixa.Catalog`).

use crate::convert;
use crate::errors;
use crate::guard::guard;
use crate::types::{PyEstimate, PyModelInfo};
use crate::values::{self, Originals};
use omixa::{Catalog, ValidateOptions};
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// Validates a request and returns it normalized.
///
/// ``request`` is a dict as the gateway takes it (any alias allowed, ``omixa.Image`` values allowed). The
/// result is a new dict: canonical field names (``seconds`` becomes ``duration_seconds``...), inline images
/// in object form, and ``video_operation`` inferred when absent. Nothing else is added or dropped, except in
/// ``lenient`` mode, where fields the model does not accept are dropped with a ``DroppedFieldWarning``.
///
/// Raises ``ValidationError`` (a ``ValueError``) listing every issue at once, or ``TypeError`` for a value
/// JSON cannot carry.
#[cfg_attr(feature = "stub-gen", pyo3_stub_gen_derive::gen_stub_pyfunction)]
#[cfg_attr(not(feature = "stub-gen"), pyo3_stub_gen_derive::remove_gen_stub)]
#[pyfunction]
#[pyo3(signature = (request, /, *, lenient = false))]
#[gen_stub(override_return_type(type_repr = "dict[str, typing.Any]", imports = ("typing")))]
pub(crate) fn validate<'py>(
    py: Python<'py>,
    #[gen_stub(override_type(type_repr = "collections.abc.Mapping[str, typing.Any]", imports = ("collections.abc", "typing")))]
    request: &Bound<'py, PyAny>,
    lenient: bool,
) -> PyResult<Bound<'py, PyDict>> {
    let catalog = from_env(py)?;
    validate_in(py, catalog, request, lenient)
}

/// `validate` against `catalog`'s models.
pub(crate) fn validate_in<'py>(
    py: Python<'py>,
    catalog: &'static Catalog,
    request: &Bound<'py, PyAny>,
    lenient: bool,
) -> PyResult<Bound<'py, PyDict>> {
    guard(|| {
        let mut originals = Originals::default();
        let request = convert::to_host_keeping(request, &mut originals)?;
        let validated = catalog
            .validate_with(request, &ValidateOptions { lenient })
            .map_err(|error| errors::validation_error(py, error))?;
        errors::warn_dropped(py, &validated.warnings)?;
        values::fields_to_dict(py, &validated.fields, &originals)
    })
}

/// Estimates what a request costs, in exact decimals.
///
/// Validates the request first (raising ``ValidationError`` as ``validate`` does), then returns an
/// ``Estimate``: cost = price per second × duration × sample count, hold = the cost but at least the model's
/// minimum hold. Defaults the request leaves out (duration, sample count) are assumed and listed in
/// ``assumed``. For a model whose page publishes no price, the estimate has ``priced=False`` and a
/// ``reason``, and its money fields are ``None``: no price is ever invented.
#[cfg_attr(feature = "stub-gen", pyo3_stub_gen_derive::gen_stub_pyfunction)]
#[cfg_attr(not(feature = "stub-gen"), pyo3_stub_gen_derive::remove_gen_stub)]
#[pyfunction]
#[pyo3(signature = (request, /, *, lenient = false))]
pub(crate) fn estimate(
    py: Python<'_>,
    #[gen_stub(override_type(type_repr = "collections.abc.Mapping[str, typing.Any]", imports = ("collections.abc", "typing")))]
    request: &Bound<'_, PyAny>,
    lenient: bool,
) -> PyResult<PyEstimate> {
    let catalog = from_env(py)?;
    estimate_in(py, catalog, request, lenient)
}

/// `estimate` against `catalog`'s models.
pub(crate) fn estimate_in(
    py: Python<'_>,
    catalog: &'static Catalog,
    request: &Bound<'_, PyAny>,
    lenient: bool,
) -> PyResult<PyEstimate> {
    guard(|| {
        let validated = catalog
            .validate_with(convert::to_host(request)?, &ValidateOptions { lenient })
            .map_err(|error| errors::validation_error(py, error))?;
        errors::warn_dropped(py, &validated.warnings)?;
        Ok(PyEstimate(omixa::estimate_validated(&validated)))
    })
}

/// Every model of the catalog (the built-in ones and `OMIXA_CATALOG`'s), in id order.
#[cfg_attr(feature = "stub-gen", pyo3_stub_gen_derive::gen_stub_pyfunction)]
#[pyfunction]
pub(crate) fn models(py: Python<'_>) -> PyResult<Vec<PyModelInfo>> {
    Ok(from_env(py)?
        .models()
        .iter()
        .map(|spec| PyModelInfo(spec.info()))
        .collect())
}

/// The catalog of the module-level functions: `OMIXA_CATALOG`'s, else the built-in one.
pub(crate) fn from_env(py: Python<'_>) -> PyResult<&'static Catalog> {
    omixa_bindings::catalog::from_env().map_err(|error| errors::client_error(py, error))
}
