//! `omixa.Client` and `omixa.AsyncClient`, each with a `videos` resource.
//!
//! Both clients wrap the core's `Client` (one connection pool, cheap to share) and run its calls on the one
//! process-wide runtime: the sync client blocks with the GIL released and Ctrl-C checked on a short tick, the
//! async client returns asyncio awaitables.

use crate::async_progress::{CallbackFailure, progress_relay};
use crate::batch;
use crate::catalog::py_repr;
use crate::convert;
use crate::errors;
use crate::job::PyJob;
use crate::runtime::{Blocking, awaitable, block_on, guard};
use omixa::client::{Client, CreateOptions, DownloadOptions, Job, WaitOptions};
use omixa::validate::HostValue;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// The constructor's timeouts, in seconds: `timeout` (the longest silence while reading) and
/// `request_timeout` (the longest one API request may take).
#[derive(Debug, Clone, Copy)]
struct Timeouts {
    read: Option<f64>,
    request: Option<f64>,
}

/// Downloads `job` into `directory`, keeping files already there unless `overwrite`; the saved paths.
async fn download(
    client: Client,
    job: Job,
    directory: PathBuf,
    overwrite: bool,
) -> Result<Vec<PathBuf>, omixa::client::Error> {
    let options = DownloadOptions {
        overwrite,
        ..DownloadOptions::default()
    };
    let saved = client.download_with(&job, &directory, &options).await?;
    Ok(saved.into_iter().map(|file| file.path).collect())
}

/// Builds the core client from the constructor's arguments, the environment filling what is not given.
fn build_client(
    py: Python<'_>,
    api_key: Option<String>,
    base_url: Option<String>,
    timeouts: Timeouts,
    max_retries: Option<u32>,
) -> PyResult<Client> {
    let mut builder = Client::builder();
    if let Some(api_key) = api_key {
        builder = builder.api_key(api_key);
    }
    if let Some(base_url) = base_url {
        builder = builder.base_url(base_url);
    }
    if let Some(timeout) = duration("timeout", timeouts.read)? {
        builder = builder.timeout(timeout);
    }
    if let Some(timeout) = duration("request_timeout", timeouts.request)? {
        builder = builder.request_timeout(timeout);
    }
    if let Some(max_retries) = max_retries {
        builder = builder.max_retries(max_retries);
    }
    builder
        .build()
        .map_err(|error| errors::client_error(py, error))
}

fn duration(name: &str, seconds: Option<f64>) -> PyResult<Option<Duration>> {
    seconds
        .map(|seconds| {
            Duration::try_from_secs_f64(seconds).map_err(|_| {
                PyValueError::new_err(format!(
                    "`{name}` must be a non-negative number of seconds, got {seconds}"
                ))
            })
        })
        .transpose()
}

/// The request and options of a create call.
fn create_arguments(
    request: Option<&Bound<'_, PyAny>>,
    fields: Option<&Bound<'_, PyDict>>,
    lenient: bool,
    idempotency_key: Option<String>,
) -> PyResult<(HostValue, CreateOptions)> {
    Ok((
        convert::request_value(request, fields)?,
        CreateOptions {
            lenient,
            idempotency_key,
        },
    ))
}

/// The operation and model of a status call, from a `Job` or an operation id.
fn status_arguments(job: &Bound<'_, PyAny>, model: Option<String>) -> PyResult<(String, String)> {
    if let Ok(job) = job.cast::<PyJob>() {
        let job = &job.get().0;
        return Ok((
            job.record.operation.clone(),
            model.unwrap_or_else(|| job.record.model.clone()),
        ));
    }
    if let Ok(operation) = job.cast::<PyString>() {
        return Ok((operation.to_cow()?.into_owned(), model.unwrap_or_default()));
    }
    Err(PyTypeError::new_err(format!(
        "expected an omixa.Job or an operation id (str), got `{}`",
        job.get_type().qualname()?
    )))
}

/// `on_progress` must be callable: said at the call, not at the first poll.
fn check_callable(callback: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
    match callback {
        Some(callback) if !callback.is_callable() => Err(PyTypeError::new_err(format!(
            "on_progress must be callable, got `{}`",
            callback.get_type().qualname()?
        ))),
        _ => Ok(()),
    }
}

fn job_object(py: Python<'_>, job: Job) -> PyResult<Py<PyAny>> {
    // Only a lenient create has warnings; they are emitted where the caller awaits the job.
    errors::warn_dropped(py, job.warnings.clone())?;
    Ok(Py::new(py, PyJob(job))?.into_any())
}

// ---- sync ----------------------------------------------------------------------------------------------------

/// The Omixa client. Safe to share between threads.
///
/// ``api_key`` defaults to the ``OMIXA_API_KEY`` environment variable and ``base_url`` to ``OMIXA_BASE_URL``,
/// else ``https://www.omixa.cloud``. The base URL must be HTTPS, or plain HTTP to a loopback address (the local
/// emulator, ``omixa serve``). ``timeout`` is the longest silence while reading a response, in seconds
/// (default 60); ``request_timeout`` the longest one API request may take, in seconds (default 60; the
/// retries of one call stop within twice it); ``max_retries`` the retries of a transient failure per call
/// (default 2; a create is retried only under its idempotency key, so a retry never bills twice). Raises
/// ``ConfigurationError`` without a key.
///
/// The jobs API is under ``client.videos``. The key never appears in reprs or error messages.
#[pyclass(frozen, name = "Client", module = "omixa")]
#[derive(Debug)]
pub(crate) struct PyClient {
    videos: Py<PyVideos>,
}

#[pymethods]
impl PyClient {
    #[new]
    #[pyo3(signature = (api_key = None, base_url = None, *, timeout = None, request_timeout = None, max_retries = None))]
    fn new(
        py: Python<'_>,
        api_key: Option<String>,
        base_url: Option<String>,
        timeout: Option<f64>,
        request_timeout: Option<f64>,
        max_retries: Option<u32>,
    ) -> PyResult<Self> {
        guard(|| {
            let timeouts = Timeouts {
                read: timeout,
                request: request_timeout,
            };
            let client = build_client(py, api_key, base_url, timeouts, max_retries)?;
            Ok(PyClient {
                videos: Py::new(py, PyVideos { client })?,
            })
        })
    }

    /// The video-generation jobs API: ``create``, ``status``, ``wait``, ``download``.
    #[getter]
    fn videos(&self, py: Python<'_>) -> Py<PyVideos> {
        self.videos.clone_ref(py)
    }

    /// The gateway's address.
    #[getter]
    fn base_url(&self) -> String {
        self.videos.get().client.base_url().to_string()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Client(base_url={})",
            py_repr(py, self.base_url())?
        ))
    }
}

/// The jobs API of a ``Client`` (``client.videos``). Each call blocks, with the GIL released, until it is done;
/// Ctrl-C interrupts it within a fraction of a second.
#[pyclass(frozen, name = "Videos", module = "omixa")]
#[derive(Debug)]
pub(crate) struct PyVideos {
    client: Client,
}

#[pymethods]
impl PyVideos {
    /// Creates a video-generation job and returns it (status ``running``).
    ///
    /// The request is given as keyword fields, as a dict, or both:
    /// ``create(model="veo-3.1-lite-generate-001", prompt="A lighthouse at dawn", seconds=8)``. It is validated
    /// first (``ValidationError``; nothing invalid is ever sent). ``lenient=True`` drops fields the model does
    /// not accept instead of rejecting them (silently: ``omixa.validate(request, lenient=True)`` warns about
    /// each). ``idempotency_key`` makes a create safe to repeat (default: a new random key per call, reused by
    /// its retries).
    #[pyo3(signature = (request = None, /, *, lenient = false, idempotency_key = None, **fields))]
    fn create(
        &self,
        py: Python<'_>,
        request: Option<&Bound<'_, PyAny>>,
        lenient: bool,
        idempotency_key: Option<String>,
        fields: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<PyJob> {
        guard(|| {
            let (request, options) = create_arguments(request, fields, lenient, idempotency_key)?;
            let client = self.client.clone();
            let future = async move { client.create_with(request, &options).await };
            let job = block_on(py, future)?;
            errors::warn_dropped(py, job.warnings.clone())?;
            Ok(PyJob(job))
        })
    }

    /// The job's current state. ``job`` is a ``Job`` or an operation id; ``model`` (default: the job's)
    /// selects how the gateway is asked.
    #[pyo3(signature = (job, /, *, model = None))]
    fn status(
        &self,
        py: Python<'_>,
        job: &Bound<'_, PyAny>,
        model: Option<String>,
    ) -> PyResult<PyJob> {
        guard(|| {
            let (operation, model) = status_arguments(job, model)?;
            let client = self.client.clone();
            let future = async move { client.status(&operation, &model).await };
            block_on(py, future).map(PyJob)
        })
    }

    /// Polls the job until it is final and returns it, at the pace the gateway asks for.
    ///
    /// ``timeout`` is the overall limit in seconds (default 15 minutes; then ``TimeoutError`` with the last
    /// state). A poll that fails for a transient reason (the gateway unreachable, rate limited, a 5xx) does
    /// not end the wait: polling goes on until the job is final or the timeout passes. ``on_progress`` is
    /// called after every poll with the job's last known state, on the calling thread; an exception it raises
    /// ends the wait and propagates. A failed job raises ``JobFailedError``. Any other error carries the
    /// job's ``operation`` and ``idempotency_key``, to wait again later.
    #[pyo3(signature = (job, /, *, timeout = None, on_progress = None))]
    fn wait(
        &self,
        py: Python<'_>,
        job: &Bound<'_, PyJob>,
        timeout: Option<f64>,
        on_progress: Option<Bound<'_, PyAny>>,
    ) -> PyResult<PyJob> {
        guard(|| {
            check_callable(on_progress.as_ref())?;
            let blocking = Blocking::new();
            let options = WaitOptions {
                timeout: duration("timeout", timeout)?,
                on_progress: on_progress.as_ref().map(|_| blocking.progress_sender()),
                cancel: None,
            };
            let client = self.client.clone();
            let job = job.get().0.clone();
            let future = async move { client.wait(&job, options).await };
            let report = |_: Python<'_>, state: Job| match &on_progress {
                Some(callback) => callback.call1((PyJob(state),)).map(drop),
                None => Ok(()),
            };
            blocking.run(py, future, report).map(PyJob)
        })
    }

    /// Downloads every result video of a succeeded job into ``directory`` (created if missing), streaming
    /// each to disk, and returns the files' paths in the order of ``job.data``. File names come from the job,
    /// never the URL: ``<operation>-<index>.mp4``. A file already there is a complete earlier download and
    /// is kept, unless ``overwrite``. Limits (64 outputs, 4 GiB per file, 60 s without data, 30 minutes in
    /// all) raise ``DownloadError``.
    #[pyo3(signature = (job, directory, /, *, overwrite = false))]
    fn download(
        &self,
        py: Python<'_>,
        job: &Bound<'_, PyJob>,
        directory: PathBuf,
        overwrite: bool,
    ) -> PyResult<Vec<PathBuf>> {
        guard(|| {
            let client = self.client.clone();
            let job = job.get().0.clone();
            let future = download(client, job, directory, overwrite);
            block_on(py, future)
        })
    }

    /// Runs many jobs, at most ``concurrency`` at a time, within ``budget``, resumably; returns a
    /// ``BatchReport`` (``BatchPlan`` with ``dry_run=True``: everything checked, nothing sent).
    ///
    /// ``requests`` is an iterable of request dicts or ``{"id": ..., "request": {...}}`` (the id names the
    /// videos, ``OUT/<id>-<index>.mp4``; default the item's position from 1); it is read to the end before
    /// anything is sent. Every item is checked first: any problem raises ``BatchInputError`` listing them all,
    /// and nothing is created. ``out`` holds the videos, ``batch-report.json`` and the journal
    /// (``.omixa/journal.sqlite``): calling ``batch`` again with the same requests and ``out`` resumes, never
    /// creating a job twice. ``budget`` (a ``Decimal`` or ``str``, never a float) bounds what running jobs hold
    /// plus what finished ones cost; jobs that cannot fit end ``skipped_budget``. ``timeout`` bounds each
    /// job's wait, in seconds. ``on_progress(progress)`` gets a ``BatchProgress`` after every change, on the
    /// calling thread; an exception it raises, or Ctrl-C, cancels the batch (the journal stays consistent) and
    /// is raised once the batch has stopped.
    #[pyo3(signature = (requests, /, *, out, concurrency = 4, budget = None, on_progress = None,
                        timeout = None, lenient = false, dry_run = false))]
    #[allow(clippy::too_many_arguments)]
    fn batch(
        &self,
        py: Python<'_>,
        requests: &Bound<'_, PyAny>,
        out: PathBuf,
        concurrency: usize,
        budget: Option<&Bound<'_, PyAny>>,
        on_progress: Option<Bound<'_, PyAny>>,
        timeout: Option<f64>,
        lenient: bool,
        dry_run: bool,
    ) -> PyResult<Py<PyAny>> {
        guard(|| {
            check_callable(on_progress.as_ref())?;
            let timeout = duration("timeout", timeout)?;
            let call = batch::batch_call(requests, out, concurrency, budget, timeout, lenient)?;
            batch::run_blocking(py, self.client.clone(), call, on_progress, dry_run)
        })
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Videos(base_url={})",
            py_repr(py, self.client.base_url().as_str())?
        ))
    }
}

// ---- async ---------------------------------------------------------------------------------------------------

/// The asyncio Omixa client: ``Client`` with coroutines. Takes the same arguments; safe to share between tasks
/// and event loops. The jobs API is under ``client.videos``; cancelling an awaited call stops it.
#[pyclass(frozen, name = "AsyncClient", module = "omixa")]
#[derive(Debug)]
pub(crate) struct PyAsyncClient {
    videos: Py<PyAsyncVideos>,
}

#[pymethods]
impl PyAsyncClient {
    #[new]
    #[pyo3(signature = (api_key = None, base_url = None, *, timeout = None, request_timeout = None, max_retries = None))]
    fn new(
        py: Python<'_>,
        api_key: Option<String>,
        base_url: Option<String>,
        timeout: Option<f64>,
        request_timeout: Option<f64>,
        max_retries: Option<u32>,
    ) -> PyResult<Self> {
        guard(|| {
            let timeouts = Timeouts {
                read: timeout,
                request: request_timeout,
            };
            let client = build_client(py, api_key, base_url, timeouts, max_retries)?;
            Ok(PyAsyncClient {
                videos: Py::new(py, PyAsyncVideos { client })?,
            })
        })
    }

    /// The video-generation jobs API: ``create``, ``status``, ``wait``, ``download`` (all awaitable).
    #[getter]
    fn videos(&self, py: Python<'_>) -> Py<PyAsyncVideos> {
        self.videos.clone_ref(py)
    }

    /// The gateway's address.
    #[getter]
    fn base_url(&self) -> String {
        self.videos.get().client.base_url().to_string()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "AsyncClient(base_url={})",
            py_repr(py, self.base_url())?
        ))
    }
}

/// The jobs API of an ``AsyncClient`` (``client.videos``): the methods of ``Client.videos``, as awaitables.
#[pyclass(frozen, name = "AsyncVideos", module = "omixa")]
#[derive(Debug)]
pub(crate) struct PyAsyncVideos {
    client: Client,
}

#[pymethods]
impl PyAsyncVideos {
    /// Creates a video-generation job and returns it; see ``Client.videos.create``.
    #[pyo3(signature = (request = None, /, *, lenient = false, idempotency_key = None, **fields))]
    fn create<'py>(
        &self,
        py: Python<'py>,
        request: Option<&Bound<'py, PyAny>>,
        lenient: bool,
        idempotency_key: Option<String>,
        fields: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(|| {
            let (request, options) = create_arguments(request, fields, lenient, idempotency_key)?;
            let client = self.client.clone();
            awaitable(
                py,
                async move { client.create_with(request, &options).await },
                job_object,
            )
        })
    }

    /// The job's current state; see ``Client.videos.status``.
    #[pyo3(signature = (job, /, *, model = None))]
    fn status<'py>(
        &self,
        py: Python<'py>,
        job: &Bound<'py, PyAny>,
        model: Option<String>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(|| {
            let (operation, model) = status_arguments(job, model)?;
            let client = self.client.clone();
            awaitable(
                py,
                async move { client.status(&operation, &model).await },
                job_object,
            )
        })
    }

    /// Polls the job until it is final; see ``Client.videos.wait``. ``on_progress`` is called on the event
    /// loop's thread (through ``call_soon_threadsafe``); an exception it raises ends the wait and is raised by
    /// it.
    #[pyo3(signature = (job, /, *, timeout = None, on_progress = None))]
    fn wait<'py>(
        &self,
        py: Python<'py>,
        job: &Bound<'py, PyJob>,
        timeout: Option<f64>,
        on_progress: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(|| {
            check_callable(on_progress.as_ref())?;
            let cancel = CancellationToken::new();
            let failure = Arc::new(CallbackFailure::default());
            let on_progress = on_progress
                .map(|callback| progress_relay(py, callback, Arc::clone(&failure), cancel.clone()))
                .transpose()?;
            let options = WaitOptions {
                timeout: duration("timeout", timeout)?,
                on_progress,
                cancel: Some(cancel),
            };
            let client = self.client.clone();
            let job = job.get().0.clone();
            let future = async move {
                let result = client.wait(&job, options).await;
                match (result, failure.close()) {
                    (_, Some(raised)) => Ok(Err(raised)),
                    (result, None) => result.map(Ok),
                }
            };
            awaitable(py, future, |py, outcome: Result<Job, PyErr>| {
                job_object(py, outcome?)
            })
        })
    }

    /// Downloads every result video of a succeeded job; see ``Client.videos.download``.
    #[pyo3(signature = (job, directory, /, *, overwrite = false))]
    fn download<'py>(
        &self,
        py: Python<'py>,
        job: &Bound<'py, PyJob>,
        directory: PathBuf,
        overwrite: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(|| {
            let client = self.client.clone();
            let job = job.get().0.clone();
            awaitable(
                py,
                download(client, job, directory, overwrite),
                |py, paths| Ok(paths.into_pyobject(py)?.into_any().unbind()),
            )
        })
    }

    /// Runs many jobs; see ``Client.videos.batch``. ``on_progress`` runs on the event loop's thread; an
    /// exception it raises, or cancelling the awaiting task, cancels the batch (the journal stays consistent).
    #[pyo3(signature = (requests, /, *, out, concurrency = 4, budget = None, on_progress = None,
                        timeout = None, lenient = false, dry_run = false))]
    #[allow(clippy::too_many_arguments)]
    fn batch<'py>(
        &self,
        py: Python<'py>,
        requests: &Bound<'py, PyAny>,
        out: PathBuf,
        concurrency: usize,
        budget: Option<&Bound<'py, PyAny>>,
        on_progress: Option<Bound<'py, PyAny>>,
        timeout: Option<f64>,
        lenient: bool,
        dry_run: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(|| {
            check_callable(on_progress.as_ref())?;
            let timeout = duration("timeout", timeout)?;
            let call = batch::batch_call(requests, out, concurrency, budget, timeout, lenient)?;
            batch::run_awaitable(py, self.client.clone(), call, on_progress, dry_run)
        })
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "AsyncVideos(base_url={})",
            py_repr(py, self.client.base_url().as_str())?
        ))
    }
}
