//! Validation, estimates and the catalog: `validate`, `estimate`, `models`, and the classes they return.

use crate::convert;
use crate::errors;
use crate::runtime::guard;
use omixa::catalog::{FieldInfo, ModelInfo};
use omixa::{Estimate, ValidateOptions};
use pyo3::IntoPyObjectExt;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use rust_decimal::Decimal;

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
        let mut originals = convert::Originals::default();
        let request = convert::to_host_keeping(request, &mut originals)?;
        let validated = omixa::validate_with(request, &ValidateOptions { lenient })
            .map_err(|error| errors::validation_error(py, error))?;
        if !validated.warnings.is_empty() {
            errors::warn_dropped(py, validated.warnings)?;
        }
        convert::fields_to_dict(py, &validated.fields, &originals)
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
        if !validated.warnings.is_empty() {
            errors::warn_dropped(py, validated.warnings.clone())?;
        }
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

/// One problem found in a request.
///
/// ``code`` is stable (the same strings in every omixa language and the CLI); ``path`` is the JSON pointer
/// of the key as the caller wrote it (``/seconds``, ``/reference_images/1``; empty for the whole request);
/// ``field`` the canonical field name when the issue is about a known field; ``message`` a sentence for
/// people; ``suggestion`` what to do instead, when there is something to suggest.
#[pyclass(frozen, eq, name = "Issue", module = "omixa")]
#[derive(Debug, PartialEq)]
pub(crate) struct PyIssue(omixa::Issue);

impl From<omixa::Issue> for PyIssue {
    fn from(issue: omixa::Issue) -> Self {
        PyIssue(issue)
    }
}

#[pymethods]
impl PyIssue {
    /// The stable code, e.g. ``"out_of_range"``.
    #[getter]
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

/// What a request costs, as returned by ``omixa.estimate``.
///
/// For a priced model: ``cost`` and ``hold`` (``decimal.Decimal``, exact, at least two decimal places), the
/// ``currency`` (ISO 4217, e.g. ``"USD"``), the ``duration_seconds`` and ``sample_count`` priced, and the
/// fields whose assumed default was used, in ``assumed``. For a model without a published price: ``priced``
/// is ``False``, ``reason`` says so, and the money fields are ``None``.
#[pyclass(frozen, name = "Estimate", module = "omixa")]
#[derive(Debug)]
pub(crate) struct PyEstimate(Estimate);

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
        match &self.0 {
            Estimate::Priced(priced) => {
                format!(
                    "{} {} (hold {} {})",
                    priced.cost, priced.currency, priced.hold, priced.currency
                )
            }
            Estimate::Unpriced(unpriced) => unpriced.reason.clone(),
        }
    }
}

/// A model of the catalog, as returned by ``omixa.models()``.
#[pyclass(frozen, name = "ModelInfo", module = "omixa")]
#[derive(Debug)]
pub(crate) struct PyModelInfo(ModelInfo);

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
#[pyclass(frozen, name = "FieldInfo", module = "omixa")]
#[derive(Debug)]
pub(crate) struct PyFieldInfo(FieldInfo);

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
    fn r#type(&self) -> &'static str {
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
    fn minimum<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        number(py, self.0.minimum.as_ref())
    }

    /// The greatest value of a number field, if bounded.
    #[getter]
    fn maximum<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        number(py, self.0.maximum.as_ref())
    }

    /// The value the SDK assumes when the field is absent (used by estimates, never added to requests).
    #[getter]
    fn default<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.0
            .default
            .as_ref()
            .map(|value| convert::to_python(py, value))
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
        .map(|number| convert::to_python(py, &serde_json::Value::Number(number.clone())))
        .transpose()
}

/// `repr(value)` as Python writes it, for building reprs.
pub(crate) fn py_repr<'py, T: IntoPyObject<'py>>(py: Python<'py>, value: T) -> PyResult<String> {
    Ok(value.into_bound_py_any(py)?.repr()?.to_string())
}
