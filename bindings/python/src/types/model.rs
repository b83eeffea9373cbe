//! `omixa.ModelInfo` and `omixa.FieldInfo`: the catalog as `omixa.models()` returns it.

use crate::repr::py_repr;
use crate::values::to_python;
use omixa::catalog::{FieldInfo, ModelInfo};
use pyo3::prelude::*;
use rust_decimal::Decimal;

/// A model of the catalog, as returned by ``omixa.models()``.
#[cfg_attr(
    feature = "stub-gen",
    pyo3_stub_gen_derive::gen_stub_pyclass(module = "omixa._native")
)]
#[pyclass(frozen, name = "ModelInfo", module = "omixa")]
#[derive(Debug)]
pub(crate) struct PyModelInfo(pub(crate) ModelInfo);

#[cfg_attr(feature = "stub-gen", pyo3_stub_gen_derive::gen_stub_pymethods)]
#[pymethods]
impl PyModelInfo {
    /// The model id to put in ``model``, e.g. ``"veo-3.1-lite-generate-001"``.
    #[getter]
    fn id(&self) -> &'static str {
        self.0.id
    }

    /// Human name, e.g. ``"Veo 3.1 Lite"``.
    #[getter]
    fn name(&self) -> &'static str {
        self.0.name
    }

    #[getter]
    fn description(&self) -> &'static str {
        self.0.description
    }

    /// The provider named on the model's page, e.g. ``"google"``.
    #[getter]
    fn provider(&self) -> &'static str {
        self.0.provider
    }

    /// The published model page the catalog entry is traced to.
    #[getter]
    fn source(&self) -> &'static str {
        self.0.source
    }

    /// The endpoint type, e.g. ``"google_veo_video_jobs"``.
    #[getter]
    fn endpoint(&self) -> &'static str {
        self.0.endpoint
    }

    /// Price of one second of one video, or ``None`` when the model's page publishes no price.
    #[getter]
    fn price_per_second(&self) -> Option<Decimal> {
        self.0.price_per_second
    }

    /// The least amount held when a job is created, or ``None`` without a published price.
    #[getter]
    fn minimum_hold(&self) -> Option<Decimal> {
        self.0.minimum_hold
    }

    /// ISO 4217 code of the prices, or ``None`` without a published price.
    #[getter]
    fn currency(&self) -> Option<&'static str> {
        self.0.currency
    }

    /// The request fields, in the order of the model's page.
    #[getter]
    fn fields(&self) -> Vec<PyFieldInfo> {
        self.0.fields.iter().cloned().map(PyFieldInfo).collect()
    }

    /// Fields of the shared definitions that this model does not accept, e.g. ``["sample_count"]``.
    #[getter]
    fn omitted(&self) -> Vec<&'static str> {
        self.0.omitted.clone()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "ModelInfo(id={}, name={}, provider={})",
            py_repr(py, self.0.id)?,
            py_repr(py, self.0.name)?,
            py_repr(py, self.0.provider)?,
        ))
    }
}

/// One request field of a model (see ``ModelInfo.fields``).
///
/// ``type`` is one of ``"string"``, ``"number"``, ``"integer"``, ``"boolean"``, ``"inline_image"``,
/// ``"inline_image_list"``, ``"video_source"``.
#[cfg_attr(
    feature = "stub-gen",
    pyo3_stub_gen_derive::gen_stub_pyclass(module = "omixa._native")
)]
#[pyclass(frozen, name = "FieldInfo", module = "omixa")]
#[derive(Debug)]
pub(crate) struct PyFieldInfo(FieldInfo);

#[cfg_attr(feature = "stub-gen", pyo3_stub_gen_derive::gen_stub_pymethods)]
#[cfg_attr(not(feature = "stub-gen"), pyo3_stub_gen_derive::remove_gen_stub)]
#[pymethods]
impl PyFieldInfo {
    /// The canonical wire name, e.g. ``"duration_seconds"``.
    #[getter]
    fn name(&self) -> &'static str {
        self.0.name
    }

    /// Other names the gateway accepts for the field, e.g. ``["seconds"]``.
    #[getter]
    fn aliases(&self) -> Vec<&'static str> {
        self.0.aliases.to_vec()
    }

    /// The kind of value, e.g. ``"string"`` or ``"inline_image"``.
    #[getter]
    #[pyo3(name = "type")]
    fn kind(&self) -> &'static str {
        self.0.kind
    }

    #[getter]
    fn required(&self) -> bool {
        self.0.required
    }

    #[getter]
    fn description(&self) -> &'static str {
        self.0.description
    }

    /// The accepted values of a string field (empty when any string goes).
    #[getter]
    fn accepted(&self) -> Vec<&'static str> {
        self.0.accepted.to_vec()
    }

    /// The accepted media types of an inline image or video field, e.g. ``["image/png", ...]``.
    #[getter]
    fn media_types(&self) -> Vec<&'static str> {
        self.0.media_types.to_vec()
    }

    /// The least value of a number field, if bounded.
    #[getter]
    #[gen_stub(override_return_type(type_repr = "int | float | None"))]
    fn minimum<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        number(py, self.0.minimum.as_ref())
    }

    /// The greatest value of a number field, if bounded.
    #[getter]
    #[gen_stub(override_return_type(type_repr = "int | float | None"))]
    fn maximum<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        number(py, self.0.maximum.as_ref())
    }

    /// The value the SDK assumes when the field is absent (used by estimates, never added to requests).
    #[getter]
    #[gen_stub(override_return_type(type_repr = "int | float | str | bool | None"))]
    fn default<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.0
            .default
            .as_ref()
            .map(|value| to_python(py, value))
            .transpose()
    }

    /// Why the SDK adds something the model's page does not give (a bound, a media type), if it does.
    #[getter]
    fn assumption(&self) -> Option<&'static str> {
        self.0.assumption
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "FieldInfo(name={}, type={}, required={})",
            py_repr(py, self.0.name)?,
            py_repr(py, self.0.kind)?,
            py_repr(py, self.0.required)?,
        ))
    }
}

/// A bound as a Python ``int`` or ``float``.
fn number<'py>(
    py: Python<'py>,
    bound: Option<&serde_json::Number>,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    bound
        .map(|number| to_python(py, &serde_json::Value::Number(number.clone())))
        .transpose()
}
