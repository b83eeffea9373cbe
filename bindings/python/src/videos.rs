//! The jobs API, written once for both clients: `Client.videos` blocks (the GIL released, Ctrl-C checked on
//! a short tick), `AsyncClient.videos` returns asyncio awaitables. Each call converts its arguments, builds
//! the core's future and hands it to the client's [`Mode`]; the Python classes (`client.rs`) only declare the
//! signatures.

use crate::batch;
use crate::convert;
use crate::errors;
use crate::job::PyJob;
use crate::progress::{CallbackFailure, progress_relay};
use crate::repr::py_repr;
use crate::runtime::{Blocking, awaitable, block_on};
use crate::runtime_catalog;
use omixa::client::{Client, CreateOptions, DownloadOptions, Job, WaitOptions};
use omixa_bindings::job_ref::{JobRef, not_a_job_reference};
use omixa_bindings::options::{TimeUnit, optional_duration};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use std::future::Future;
use std::path::PathBuf;
use std::sync::Arc;
use tokio_util::sync::CancellationToken;

/// How a client's calls reach Python.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// The call returns when it is done.
    Blocking,
    /// The call returns an awaitable at once.
    Awaitable,
}

/// The jobs API of one client.
#[derive(Debug)]
pub(crate) struct Videos {
    pub(crate) client: Client,
    mode: Mode,
}

/// The arguments of `batch`, as both clients take them.
#[derive(Debug)]
pub(crate) struct BatchArguments<'py> {
    pub requests: Bound<'py, PyAny>,
    pub out: PathBuf,
    pub concurrency: usize,
    pub budget: Option<Bound<'py, PyAny>>,
    pub on_progress: Option<Bound<'py, PyAny>>,
    pub timeout: Option<f64>,
    pub lenient: bool,
    pub dry_run: bool,
}

impl Videos {
    pub(crate) fn new(client: Client, mode: Mode) -> Self {
        Videos { client, mode }
    }

    /// `future`'s outcome, `convert`ed to Python, or an awaitable of it.
    fn run<T: Send + 'static>(
        &self,
        py: Python<'_>,
        future: impl Future<Output = Result<T, omixa::client::Error>> + Send + 'static,
        convert: fn(Python<'_>, T) -> PyResult<Py<PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        match self.mode {
            Mode::Blocking => {
                let value = block_on(py, future)?;
                convert(py, value)
            }
            Mode::Awaitable => Ok(awaitable(py, future, convert)?.unbind()),
        }
    }

    pub(crate) fn create(
        &self,
        py: Python<'_>,
        request: Option<&Bound<'_, PyAny>>,
        fields: Option<&Bound<'_, PyDict>>,
        lenient: bool,
        idempotency_key: Option<String>,
        unchecked: bool,
    ) -> PyResult<Py<PyAny>> {
        let request = convert::request_value(request, fields)?;
        let options = CreateOptions {
            lenient,
            idempotency_key,
        };
        let client = self.client.clone();
        if unchecked {
            let request = runtime_catalog::unchecked(py, request)?;
            let future = async move { client.create_unchecked(&request, &options).await };
            return self.run(py, future, job_object);
        }
        let future = async move { client.create_with(request, &options).await };
        // Only a lenient create has warnings: what it dropped, reported where the caller gets the job.
        self.run(py, future, |py, job| {
            errors::warn_dropped(py, &job.warnings)?;
            job_object(py, job)
        })
    }

    pub(crate) fn status(
        &self,
        py: Python<'_>,
        job: &Bound<'_, PyAny>,
        model: Option<String>,
    ) -> PyResult<Py<PyAny>> {
        let target = job_reference(job)?.target(model);
        let client = self.client.clone();
        let future = async move { client.status(&target.operation, &target.model).await };
        self.run(py, future, job_object)
    }

    pub(crate) fn wait(
        &self,
        py: Python<'_>,
        job: &Bound<'_, PyJob>,
        timeout: Option<f64>,
        on_progress: Option<Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        check_callable(on_progress.as_ref())?;
        let timeout = optional_duration("timeout", timeout, TimeUnit::Seconds)
            .map_err(errors::invalid_option)?;
        let client = self.client.clone();
        let job = job.get().0.clone();
        match self.mode {
            // The callback runs on the calling thread, so its exceptions propagate as if called directly.
            Mode::Blocking => {
                let blocking = Blocking::new();
                let options = WaitOptions {
                    timeout,
                    on_progress: on_progress.as_ref().map(|_| blocking.progress_sender()),
                    cancel: None,
                };
                let future = async move { client.wait(&job, options).await };
                let report = |_: Python<'_>, state: Job| match &on_progress {
                    Some(callback) => callback.call1((PyJob(state),)).map(drop),
                    None => Ok(()),
                };
                let job = blocking.run(py, future, report)?;
                job_object(py, job)
            }
            // The callback runs on the event loop's thread; an exception it raises ends the wait.
            Mode::Awaitable => {
                let cancel = CancellationToken::new();
                let failure = Arc::new(CallbackFailure::default());
                let on_progress = on_progress
                    .map(|callback| {
                        progress_relay(py, callback, Arc::clone(&failure), cancel.clone())
                    })
                    .transpose()?;
                let options = WaitOptions {
                    timeout,
                    on_progress,
                    cancel: Some(cancel),
                };
                let future = async move {
                    let result = client.wait(&job, options).await;
                    match (result, failure.close()) {
                        (_, Some(raised)) => Ok(Err(raised)),
                        (result, None) => result.map(Ok),
                    }
                };
                let convert =
                    |py: Python<'_>, outcome: Result<Job, PyErr>| job_object(py, outcome?);
                Ok(awaitable(py, future, convert)?.unbind())
            }
        }
    }

    pub(crate) fn download(
        &self,
        py: Python<'_>,
        job: &Bound<'_, PyJob>,
        directory: PathBuf,
        overwrite: bool,
    ) -> PyResult<Py<PyAny>> {
        let client = self.client.clone();
        let job = job.get().0.clone();
        let options = DownloadOptions {
            overwrite,
            ..DownloadOptions::default()
        };
        let future = async move {
            let saved = client.download_with(&job, &directory, &options).await?;
            Ok(saved.into_iter().map(|file| file.path).collect::<Vec<_>>())
        };
        self.run(py, future, |py, paths| {
            Ok(paths.into_pyobject(py)?.into_any().unbind())
        })
    }

    pub(crate) fn batch(
        &self,
        py: Python<'_>,
        arguments: BatchArguments<'_>,
    ) -> PyResult<Py<PyAny>> {
        check_callable(arguments.on_progress.as_ref())?;
        let timeout = optional_duration("timeout", arguments.timeout, TimeUnit::Seconds)
            .map_err(errors::invalid_option)?;
        let mut call = batch::batch_call(
            &arguments.requests,
            arguments.out,
            arguments.concurrency,
            arguments.budget.as_ref(),
            timeout,
            arguments.lenient,
        )?;
        // A dry run checks lines against the client's models, as the run itself does.
        call.options.catalog = self.client.catalog();
        let client = self.client.clone();
        match self.mode {
            Mode::Blocking => {
                batch::run_blocking(py, client, call, arguments.on_progress, arguments.dry_run)
            }
            Mode::Awaitable => Ok(batch::run_awaitable(
                py,
                client,
                call,
                arguments.on_progress,
                arguments.dry_run,
            )?
            .unbind()),
        }
    }

    /// `Videos(base_url='...')` with the class's name.
    pub(crate) fn repr(&self, py: Python<'_>, class: &str) -> PyResult<String> {
        Ok(format!(
            "{class}(base_url={})",
            py_repr(py, self.client.base_url().as_str())?
        ))
    }
}

/// A `Job` or an operation id.
fn job_reference(job: &Bound<'_, PyAny>) -> PyResult<JobRef> {
    if let Ok(job) = job.cast::<PyJob>() {
        return Ok(JobRef::Job(Box::new(job.get().0.clone())));
    }
    if let Ok(operation) = job.cast::<PyString>() {
        return Ok(JobRef::Operation(operation.to_cow()?.into_owned()));
    }
    let got = format!("`{}`", job.get_type().qualname()?);
    Err(PyTypeError::new_err(not_a_job_reference(&got)))
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
    Ok(Py::new(py, PyJob(job))?.into_any())
}
