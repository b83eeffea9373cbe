//! `omixa.Job` and `omixa.VideoOutput`: a job as the gateway last reported it, plus what the SDK keeps (its
//! idempotency key), convertible to and from its JSON shape so it can be stored and resumed later.

use crate::classes::omixa_error;
use crate::convert::to_value;
use crate::repr::py_repr;
use crate::values::to_python;
use omixa::client::{Job, VideoOutput};
use omixa_bindings::job_ref::job_from_value;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

/// A video-generation job, as the gateway last reported it.
///
/// ``operation`` is its id (pass the job or the id to ``status``; store the id to come back later),
/// ``status`` is ``"running"``, ``"succeeded"`` or ``"failed"`` (or a status this SDK does not know, kept as
/// sent), ``data`` lists the result videos once it succeeded, ``error`` says why it failed.
#[cfg_attr(
    feature = "stub-gen",
    pyo3_stub_gen_derive::gen_stub_pyclass(module = "omixa._native")
)]
#[pyclass(frozen, name = "Job", module = "omixa")]
#[derive(Debug, Clone)]
pub(crate) struct PyJob(pub(crate) Job);

impl From<Job> for PyJob {
    fn from(job: Job) -> Self {
        PyJob(job)
    }
}

#[cfg_attr(feature = "stub-gen", pyo3_stub_gen_derive::gen_stub_pymethods)]
#[cfg_attr(not(feature = "stub-gen"), pyo3_stub_gen_derive::remove_gen_stub)]
#[pymethods]
impl PyJob {
    /// The job's id.
    #[getter]
    fn operation(&self) -> &str {
        &self.0.record.operation
    }

    /// The model id.
    #[getter]
    fn model(&self) -> &str {
        &self.0.record.model
    }

    /// The provider that runs the job, e.g. ``"google"``.
    #[getter]
    fn provider(&self) -> &str {
        &self.0.record.provider
    }

    /// ``"running"``, ``"succeeded"``, ``"failed"``, or another status as the gateway sent it.
    #[getter]
    fn status(&self) -> &str {
        self.0.record.status.as_str()
    }

    /// Whether the job will not change any more (it succeeded or failed).
    #[getter]
    fn is_final(&self) -> bool {
        self.0.record.status.is_final()
    }

    /// How long the gateway suggests waiting before the next status call, in seconds.
    #[getter]
    fn poll_after_seconds(&self) -> Option<f64> {
        self.0.record.poll_after_seconds
    }

    /// The result videos, once the job has succeeded.
    #[getter]
    fn data(&self) -> Vec<PyVideoOutput> {
        self.0
            .record
            .data
            .iter()
            .cloned()
            .map(PyVideoOutput)
            .collect()
    }

    /// Why the job failed, when it did.
    #[getter]
    fn error(&self) -> Option<&str> {
        self.0.record.error.as_deref()
    }

    /// The ``Idempotency-Key`` the job was created with (``None`` for a job only known by its operation):
    /// creating the same request with this key again returns this job instead of making, and billing, a new one.
    #[getter]
    fn idempotency_key(&self) -> Option<&str> {
        self.0.idempotency_key.as_deref()
    }

    /// The job as the gateway's JSON shape (a dict), including members this SDK does not model and its
    /// ``idempotency_key``. ``Job.from_dict`` restores it, e.g. in another process, to ``wait`` or ``download``.
    #[gen_stub(override_return_type(type_repr = "dict[str, typing.Any]", imports = ("typing")))]
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let value = serde_json::to_value(&self.0)
            .map_err(|error| omixa_error(format!("cannot encode the job: {error}")))?;
        to_python(py, &value)
    }

    /// A job from its JSON shape (as ``to_dict`` returns it), e.g. one stored earlier.
    #[staticmethod]
    fn from_dict(
        #[gen_stub(override_type(type_repr = "collections.abc.Mapping[str, typing.Any]", imports = ("collections.abc", "typing")))]
        data: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        job_from_value(to_value(data)?)
            .map(PyJob)
            .map_err(PyValueError::new_err)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let job = &self.0;
        let mut repr = format!(
            "Job(operation={}, model={}, status={}",
            py_repr(py, job.record.operation.as_str())?,
            py_repr(py, job.record.model.as_str())?,
            py_repr(py, job.record.status.as_str())?,
        );
        if !job.record.data.is_empty() {
            let urls: Vec<&str> = job
                .record
                .data
                .iter()
                .map(|output| output.url.as_str())
                .collect();
            repr.push_str(&format!(", videos={}", py_repr(py, urls)?));
        }
        if let Some(error) = &job.record.error {
            repr.push_str(&format!(", error={}", py_repr(py, error.as_str())?));
        }
        repr.push(')');
        Ok(repr)
    }
}

/// One result video of a job: its ``url`` and ``content_type`` (e.g. ``"video/mp4"``).
#[cfg_attr(
    feature = "stub-gen",
    pyo3_stub_gen_derive::gen_stub_pyclass(module = "omixa._native")
)]
#[pyclass(frozen, name = "VideoOutput", module = "omixa")]
#[derive(Debug)]
pub(crate) struct PyVideoOutput(VideoOutput);

#[cfg_attr(feature = "stub-gen", pyo3_stub_gen_derive::gen_stub_pymethods)]
#[pymethods]
impl PyVideoOutput {
    /// Where to download the video from (``download`` does it for you).
    #[getter]
    fn url(&self) -> &str {
        &self.0.url
    }

    /// The media type, e.g. ``"video/mp4"``, when the gateway gave one.
    #[getter]
    fn content_type(&self) -> Option<&str> {
        self.0.content_type.as_deref()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "VideoOutput(url={}, content_type={})",
            py_repr(py, self.url())?,
            py_repr(py, self.content_type())?
        ))
    }
}
