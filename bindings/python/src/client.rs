//! `omixa.Client` and `omixa.AsyncClient`, each with a `videos` resource: the Python classes, their
//! signatures and docstrings. What the calls do is written once, in [`crate::videos`]; the two clients differ
//! only in their [`Mode`].
//!
//! Both wrap the core's `Client` (one connection pool, cheap to share) and run its calls on the one
//! process-wide runtime.

use crate::errors;
use crate::guard::guard;
use crate::job::PyJob;
use crate::repr::py_repr;
use crate::runtime_catalog;
use crate::videos::{BatchArguments, Mode, Videos};
use omixa_bindings::options::{ClientOptions, TimeUnit, optional_duration};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::path::PathBuf;

#[cfg(feature = "stub-gen")]
mod stub;

/// The jobs API of a client built from the constructor's arguments, the environment filling what is not
/// given.
#[allow(
    clippy::too_many_arguments,
    reason = "one parameter per keyword argument of the constructors"
)]
fn videos(
    py: Python<'_>,
    api_key: Option<String>,
    base_url: Option<String>,
    timeout: Option<f64>,
    request_timeout: Option<f64>,
    max_retries: Option<u32>,
    catalog: Option<&Bound<'_, PyAny>>,
    mode: Mode,
) -> PyResult<Videos> {
    let duration = |name, seconds| {
        optional_duration(name, seconds, TimeUnit::Seconds).map_err(errors::invalid_option)
    };
    let options = ClientOptions {
        api_key,
        base_url,
        read_timeout: duration("timeout", timeout)?,
        request_timeout: duration("request_timeout", request_timeout)?,
        max_retries,
        catalog: Some(runtime_catalog::argument(py, catalog)?),
    };
    let client = options
        .build()
        .map_err(|error| errors::client_error(py, error))?;
    Ok(Videos::new(client, mode))
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
#[cfg_attr(
    feature = "stub-gen",
    pyo3_stub_gen_derive::gen_stub_pyclass(module = "omixa._native")
)]
#[pyclass(frozen, name = "Client", module = "omixa")]
#[derive(Debug)]
pub(crate) struct PyClient {
    videos: Py<PyVideos>,
}

#[cfg_attr(feature = "stub-gen", pyo3_stub_gen_derive::gen_stub_pymethods)]
#[cfg_attr(not(feature = "stub-gen"), pyo3_stub_gen_derive::remove_gen_stub)]
#[pymethods]
impl PyClient {
    #[new]
    #[pyo3(signature = (api_key = None, base_url = None, *, timeout = None, request_timeout = None, max_retries = None, catalog = None))]
    fn new(
        py: Python<'_>,
        api_key: Option<String>,
        base_url: Option<String>,
        timeout: Option<f64>,
        request_timeout: Option<f64>,
        max_retries: Option<u32>,
        #[gen_stub(override_type(type_repr = "Catalog | _StrPath | None"))] catalog: Option<
            &Bound<'_, PyAny>,
        >,
    ) -> PyResult<Self> {
        guard(|| {
            let videos = videos(
                py,
                api_key,
                base_url,
                timeout,
                request_timeout,
                max_retries,
                catalog,
                Mode::Blocking,
            )?;
            Ok(PyClient {
                videos: Py::new(py, PyVideos(videos))?,
            })
        })
    }

    /// The video-generation jobs API: ``create``, ``status``, ``wait``, ``download``, ``batch``.
    #[getter]
    fn videos(&self, py: Python<'_>) -> Py<PyVideos> {
        self.videos.clone_ref(py)
    }

    /// The gateway's address.
    #[getter]
    fn base_url(&self) -> String {
        self.videos.get().0.client.base_url().to_string()
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
#[cfg_attr(
    feature = "stub-gen",
    pyo3_stub_gen_derive::gen_stub_pyclass(module = "omixa._native")
)]
#[pyclass(frozen, name = "Videos", module = "omixa")]
#[derive(Debug)]
pub(crate) struct PyVideos(Videos);

#[cfg_attr(feature = "stub-gen", pyo3_stub_gen_derive::gen_stub_pymethods)]
#[cfg_attr(not(feature = "stub-gen"), pyo3_stub_gen_derive::remove_gen_stub)]
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
    #[gen_stub(skip)]
    #[pyo3(signature = (request = None, /, *, lenient = false, idempotency_key = None, unchecked = false, **fields))]
    fn create(
        &self,
        py: Python<'_>,
        request: Option<&Bound<'_, PyAny>>,
        lenient: bool,
        idempotency_key: Option<String>,
        unchecked: bool,
        fields: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        guard(|| {
            self.0
                .create(py, request, fields, lenient, idempotency_key, unchecked)
        })
    }

    /// The job's current state. ``job`` is a ``Job`` or an operation id; ``model`` (default: the job's)
    /// selects how the gateway is asked.
    #[pyo3(signature = (job, /, *, model = None))]
    #[gen_stub(override_return_type(type_repr = "Job"))]
    fn status(
        &self,
        py: Python<'_>,
        #[gen_stub(override_type(type_repr = "Job | str"))] job: &Bound<'_, PyAny>,
        model: Option<String>,
    ) -> PyResult<Py<PyAny>> {
        guard(|| self.0.status(py, job, model))
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
    #[gen_stub(override_return_type(type_repr = "Job"))]
    fn wait(
        &self,
        py: Python<'_>,
        job: &Bound<'_, PyJob>,
        timeout: Option<f64>,
        #[gen_stub(override_type(type_repr = "collections.abc.Callable[[Job], object] | None", imports = ("collections.abc")))]
        on_progress: Option<Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        guard(|| self.0.wait(py, job, timeout, on_progress))
    }

    /// Downloads every result video of a succeeded job into ``directory`` (created if missing), streaming
    /// each to disk, and returns the files' paths in the order of ``job.data``. File names come from the job,
    /// never the URL: ``<operation>-<index>.mp4``. A file already there is a complete earlier download and
    /// is kept, unless ``overwrite``. Limits (64 outputs, 4 GiB per file, 60 s without data, 30 minutes in
    /// all) raise ``DownloadError``.
    #[pyo3(signature = (job, directory, /, *, overwrite = false))]
    #[gen_stub(override_return_type(type_repr = "list[pathlib.Path]", imports = ("pathlib")))]
    fn download(
        &self,
        py: Python<'_>,
        job: &Bound<'_, PyJob>,
        #[gen_stub(override_type(type_repr = "_StrPath"))] directory: PathBuf,
        overwrite: bool,
    ) -> PyResult<Py<PyAny>> {
        guard(|| self.0.download(py, job, directory, overwrite))
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
    #[allow(clippy::too_many_arguments, reason = "the Python signature")]
    #[gen_stub(override_return_type(type_repr = "_batch.BatchReport", imports = ("omixa._batch")))]
    fn batch(
        &self,
        py: Python<'_>,
        #[gen_stub(override_type(type_repr = "collections.abc.Iterable[collections.abc.Mapping[str, typing.Any]]", imports = ("collections.abc", "typing")))]
        requests: Bound<'_, PyAny>,
        #[gen_stub(override_type(type_repr = "_StrPath"))] out: PathBuf,
        concurrency: usize,
        #[gen_stub(override_type(type_repr = "decimal.Decimal | str | None", imports = ("decimal")))]
        budget: Option<Bound<'_, PyAny>>,
        #[gen_stub(override_type(type_repr = "collections.abc.Callable[[_batch.BatchProgress], object] | None", imports = ("collections.abc", "omixa._batch")))]
        on_progress: Option<Bound<'_, PyAny>>,
        timeout: Option<f64>,
        lenient: bool,
        #[gen_stub(override_type(type_repr = "typing.Literal[False]", imports = ("typing")))]
        dry_run: bool,
    ) -> PyResult<Py<PyAny>> {
        let arguments = BatchArguments {
            requests,
            out,
            concurrency,
            budget,
            on_progress,
            timeout,
            lenient,
            dry_run,
        };
        guard(|| self.0.batch(py, arguments))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        self.0.repr(py, "Videos")
    }
}

// ---- async ---------------------------------------------------------------------------------------------------

/// The asyncio Omixa client: ``Client`` with coroutines. Takes the same arguments; safe to share between tasks
/// and event loops. The jobs API is under ``client.videos``; cancelling an awaited call stops it.
#[cfg_attr(
    feature = "stub-gen",
    pyo3_stub_gen_derive::gen_stub_pyclass(module = "omixa._native")
)]
#[pyclass(frozen, name = "AsyncClient", module = "omixa")]
#[derive(Debug)]
pub(crate) struct PyAsyncClient {
    videos: Py<PyAsyncVideos>,
}

#[cfg_attr(feature = "stub-gen", pyo3_stub_gen_derive::gen_stub_pymethods)]
#[cfg_attr(not(feature = "stub-gen"), pyo3_stub_gen_derive::remove_gen_stub)]
#[pymethods]
impl PyAsyncClient {
    #[new]
    #[pyo3(signature = (api_key = None, base_url = None, *, timeout = None, request_timeout = None, max_retries = None, catalog = None))]
    fn new(
        py: Python<'_>,
        api_key: Option<String>,
        base_url: Option<String>,
        timeout: Option<f64>,
        request_timeout: Option<f64>,
        max_retries: Option<u32>,
        #[gen_stub(override_type(type_repr = "Catalog | _StrPath | None"))] catalog: Option<
            &Bound<'_, PyAny>,
        >,
    ) -> PyResult<Self> {
        guard(|| {
            let videos = videos(
                py,
                api_key,
                base_url,
                timeout,
                request_timeout,
                max_retries,
                catalog,
                Mode::Awaitable,
            )?;
            Ok(PyAsyncClient {
                videos: Py::new(py, PyAsyncVideos(videos))?,
            })
        })
    }

    /// The video-generation jobs API: ``create``, ``status``, ``wait``, ``download``, ``batch`` (all awaitable).
    #[getter]
    fn videos(&self, py: Python<'_>) -> Py<PyAsyncVideos> {
        self.videos.clone_ref(py)
    }

    /// The gateway's address.
    #[getter]
    fn base_url(&self) -> String {
        self.videos.get().0.client.base_url().to_string()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "AsyncClient(base_url={})",
            py_repr(py, self.base_url())?
        ))
    }
}

/// The jobs API of an ``AsyncClient`` (``client.videos``): the methods of ``Client.videos``, as awaitables.
#[cfg_attr(
    feature = "stub-gen",
    pyo3_stub_gen_derive::gen_stub_pyclass(module = "omixa._native")
)]
#[pyclass(frozen, name = "AsyncVideos", module = "omixa")]
#[derive(Debug)]
pub(crate) struct PyAsyncVideos(Videos);

#[cfg_attr(feature = "stub-gen", pyo3_stub_gen_derive::gen_stub_pymethods)]
#[cfg_attr(not(feature = "stub-gen"), pyo3_stub_gen_derive::remove_gen_stub)]
#[pymethods]
impl PyAsyncVideos {
    /// Creates a video-generation job and returns it; see ``Client.videos.create``.
    #[gen_stub(skip)]
    #[pyo3(signature = (request = None, /, *, lenient = false, idempotency_key = None, unchecked = false, **fields))]
    fn create(
        &self,
        py: Python<'_>,
        request: Option<&Bound<'_, PyAny>>,
        lenient: bool,
        idempotency_key: Option<String>,
        unchecked: bool,
        fields: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        guard(|| {
            self.0
                .create(py, request, fields, lenient, idempotency_key, unchecked)
        })
    }

    /// The job's current state; see ``Client.videos.status``.
    #[pyo3(signature = (job, /, *, model = None))]
    #[gen_stub(override_return_type(type_repr = "collections.abc.Awaitable[Job]", imports = ("collections.abc")))]
    fn status(
        &self,
        py: Python<'_>,
        #[gen_stub(override_type(type_repr = "Job | str"))] job: &Bound<'_, PyAny>,
        model: Option<String>,
    ) -> PyResult<Py<PyAny>> {
        guard(|| self.0.status(py, job, model))
    }

    /// Polls the job until it is final; see ``Client.videos.wait``. ``on_progress`` is called on the event
    /// loop's thread (through ``call_soon_threadsafe``); an exception it raises ends the wait and is raised by
    /// it.
    #[pyo3(signature = (job, /, *, timeout = None, on_progress = None))]
    #[gen_stub(override_return_type(type_repr = "collections.abc.Awaitable[Job]", imports = ("collections.abc")))]
    fn wait(
        &self,
        py: Python<'_>,
        job: &Bound<'_, PyJob>,
        timeout: Option<f64>,
        #[gen_stub(override_type(type_repr = "collections.abc.Callable[[Job], object] | None", imports = ("collections.abc")))]
        on_progress: Option<Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        guard(|| self.0.wait(py, job, timeout, on_progress))
    }

    /// Downloads every result video of a succeeded job; see ``Client.videos.download``.
    #[pyo3(signature = (job, directory, /, *, overwrite = false))]
    #[gen_stub(override_return_type(type_repr = "collections.abc.Awaitable[list[pathlib.Path]]", imports = ("collections.abc", "pathlib")))]
    fn download(
        &self,
        py: Python<'_>,
        job: &Bound<'_, PyJob>,
        #[gen_stub(override_type(type_repr = "_StrPath"))] directory: PathBuf,
        overwrite: bool,
    ) -> PyResult<Py<PyAny>> {
        guard(|| self.0.download(py, job, directory, overwrite))
    }

    /// Runs many jobs; see ``Client.videos.batch``. ``on_progress`` runs on the event loop's thread; an
    /// exception it raises, or cancelling the awaiting task, cancels the batch (the journal stays consistent).
    #[pyo3(signature = (requests, /, *, out, concurrency = 4, budget = None, on_progress = None,
                        timeout = None, lenient = false, dry_run = false))]
    #[allow(clippy::too_many_arguments, reason = "the Python signature")]
    #[gen_stub(override_return_type(type_repr = "collections.abc.Awaitable[_batch.BatchReport]", imports = ("collections.abc", "omixa._batch")))]
    fn batch(
        &self,
        py: Python<'_>,
        #[gen_stub(override_type(type_repr = "collections.abc.Iterable[collections.abc.Mapping[str, typing.Any]]", imports = ("collections.abc", "typing")))]
        requests: Bound<'_, PyAny>,
        #[gen_stub(override_type(type_repr = "_StrPath"))] out: PathBuf,
        concurrency: usize,
        #[gen_stub(override_type(type_repr = "decimal.Decimal | str | None", imports = ("decimal")))]
        budget: Option<Bound<'_, PyAny>>,
        #[gen_stub(override_type(type_repr = "collections.abc.Callable[[_batch.BatchProgress], object] | None", imports = ("collections.abc", "omixa._batch")))]
        on_progress: Option<Bound<'_, PyAny>>,
        timeout: Option<f64>,
        lenient: bool,
        #[gen_stub(override_type(type_repr = "typing.Literal[False]", imports = ("typing")))]
        dry_run: bool,
    ) -> PyResult<Py<PyAny>> {
        let arguments = BatchArguments {
            requests,
            out,
            concurrency,
            budget,
            on_progress,
            timeout,
            lenient,
            dry_run,
        };
        guard(|| self.0.batch(py, arguments))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        self.0.repr(py, "AsyncVideos")
    }
}
