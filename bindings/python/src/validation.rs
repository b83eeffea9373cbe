//! `omixa.validate`, `omixa.estimate` and `omixa.models`.

use crate::convert;
use crate::errors;
use crate::guard::guard;
use crate::types::{PyEstimate, PyModelInfo};
use crate::values::{self, Originals};
use omixa::ValidateOptions;
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
#[pyfunction]
#[pyo3(signature = (request, /, *, lenient = false))]
pub(crate) fn validate<'py>(
    py: Python<'py>,
    request: &Bound<'py, PyAny>,
    lenient: bool,
) -> PyResult<Bound<'py, PyDict>> {
    guard(|| {
        let mut originals = Originals::default();
        let request = convert::to_host_keeping(request, &mut originals)?;
        let validated = omixa::validate_with(request, &ValidateOptions { lenient })
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
#[pyfunction]
#[pyo3(signature = (request, /, *, lenient = false))]
pub(crate) fn estimate(
    py: Python<'_>,
    request: &Bound<'_, PyAny>,
    lenient: bool,
) -> PyResult<PyEstimate> {
    guard(|| {
        let validated =
            omixa::validate_with(convert::to_host(request)?, &ValidateOptions { lenient })
                .map_err(|error| errors::validation_error(py, error))?;
        errors::warn_dropped(py, &validated.warnings)?;
        Ok(PyEstimate(omixa::estimate_validated(&validated)))
    })
}

/// Every model of the catalog, in id order.
#[pyfunction]
pub(crate) fn models() -> Vec<PyModelInfo> {
    omixa::models()
        .iter()
        .map(|spec| PyModelInfo(spec.info()))
        .collect()
}
