//! `omixa.Estimate`: what a request costs, a view of the core's `Estimate`.

use crate::repr::py_repr;
use omixa::Estimate;
use omixa_bindings::display;
use pyo3::prelude::*;
use rust_decimal::Decimal;

/// What a request costs, as returned by ``omixa.estimate``.
///
/// For a priced model: ``cost`` and ``hold`` (``decimal.Decimal``, exact, at least two decimal places), the
/// ``currency`` (ISO 4217, e.g. ``"USD"``), the ``duration_seconds`` and ``sample_count`` priced, and the
/// fields whose assumed default was used, in ``assumed``. For a model without a published price: ``priced``
/// is ``False``, ``reason`` says so, and the money fields are ``None``.
#[cfg_attr(
    feature = "stub-gen",
    pyo3_stub_gen_derive::gen_stub_pyclass(module = "omixa._native")
)]
#[pyclass(frozen, name = "Estimate", module = "omixa")]
#[derive(Debug)]
pub(crate) struct PyEstimate(pub(crate) Estimate);

#[cfg_attr(feature = "stub-gen", pyo3_stub_gen_derive::gen_stub_pymethods)]
#[pymethods]
impl PyEstimate {
    /// The model id.
    #[getter]
    fn model(&self) -> &'static str {
        self.0.model()
    }

    /// Whether the model has a published price (if not, the money fields are ``None``).
    #[getter]
    fn priced(&self) -> bool {
        self.0.priced().is_some()
    }

    /// Price per second × duration × sample count.
    #[getter]
    fn cost(&self) -> Option<Decimal> {
        self.0.priced().map(|priced| priced.cost)
    }

    /// What the gateway holds when the job is created: the cost, but at least the model's minimum hold.
    #[getter]
    fn hold(&self) -> Option<Decimal> {
        self.0.priced().map(|priced| priced.hold)
    }

    /// ISO 4217 code of ``cost`` and ``hold``, e.g. ``"USD"``.
    #[getter]
    fn currency(&self) -> Option<&'static str> {
        self.0.priced().map(|priced| priced.currency)
    }

    /// The duration priced, in seconds.
    #[getter]
    fn duration_seconds(&self) -> Option<Decimal> {
        self.0.priced().map(|priced| priced.duration_seconds)
    }

    /// The number of videos priced.
    #[getter]
    fn sample_count(&self) -> Option<i64> {
        self.0.priced().map(|priced| priced.sample_count)
    }

    /// The fields whose assumed default was used because the request left them out.
    #[getter]
    fn assumed(&self) -> Vec<&'static str> {
        self.0
            .priced()
            .map(|priced| priced.assumed.clone())
            .unwrap_or_default()
    }

    /// Why there is no price, for a model without a published one.
    #[getter]
    fn reason(&self) -> Option<&str> {
        match &self.0 {
            Estimate::Priced(_) => None,
            Estimate::Unpriced(unpriced) => Some(&unpriced.reason),
        }
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(match &self.0 {
            Estimate::Priced(priced) => format!(
                "Estimate(model={}, cost={}, hold={}, currency={}, duration_seconds={}, sample_count={}, assumed={})",
                py_repr(py, priced.model)?,
                py_repr(py, priced.cost)?,
                py_repr(py, priced.hold)?,
                py_repr(py, priced.currency)?,
                py_repr(py, priced.duration_seconds)?,
                priced.sample_count,
                py_repr(py, &priced.assumed)?,
            ),
            Estimate::Unpriced(unpriced) => format!(
                "Estimate(model={}, priced=False, reason={})",
                py_repr(py, unpriced.model)?,
                py_repr(py, &unpriced.reason)?,
            ),
        })
    }

    /// ``"0.40 USD (hold 0.40 USD)"``, or the reason there is no price.
    fn __str__(&self) -> String {
        display::estimate(&self.0)
    }
}
