//! `client.videos.batch(...)`: the arguments converted to the core's batch options, the core's engine run
//! (sync: on the shared runtime while the caller waits with the GIL released; async: as an awaitable), and
//! its answers handed to `omixa._batch` and `omixa._errors` to become Python values and exceptions.
//!
//! The requests are collected into a list before the batch starts: pulling a Python iterator from the
//! engine's thread would take the GIL inside the runtime for every item, and the core checks every item
//! before it sends anything anyway.

use crate::classes::{self, batch_class, omixa_error};
use crate::convert;
use crate::errors::{self, batch_error};
use crate::guard::panic_error;
use crate::progress::{CallbackFailure, LoopRelay};
use crate::runtime::runtime;
use crate::values;
use futures_util::FutureExt;
use omixa::batch::{self, BatchError, BatchItem, BatchOptions, BatchProgress, BatchSummary};
use omixa::client::Client;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyFloat, PyString};
use rust_decimal::Decimal;
use serde::Serialize;
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// How often a blocked sync batch wakes to run Python's signal handlers (so Ctrl-C cancels it).
const SIGNAL_TICK: Duration = Duration::from_millis(50);

/// What a batch's arguments become before it runs.
pub(crate) struct BatchCall {
    pub items: Vec<std::io::Result<BatchItem>>,
    pub options: BatchOptions,
}

/// Converts the arguments shared by the sync and async `batch`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn batch_call(
    requests: &Bound<'_, PyAny>,
    out: PathBuf,
    concurrency: usize,
    budget: Option<&Bound<'_, PyAny>>,
    timeout: Option<Duration>,
    lenient: bool,
) -> PyResult<BatchCall> {
    let mut items = Vec::new();
    for (index, request) in requests.try_iter()?.enumerate() {
        let value = convert::to_value(&request?)?;
        items.push(Ok(BatchItem::Value {
            line: index as u64 + 1,
            value,
        }));
    }
    let mut options = BatchOptions::new(out);
    options.concurrency = concurrency;
    options.budget = budget.map(budget_amount).transpose()?;
    options.wait_timeout = timeout;
    options.lenient = lenient;
    Ok(BatchCall { items, options })
}

/// A budget from a `Decimal` or a `str`; a float is refused, as it cannot hold most amounts exactly.
fn budget_amount(budget: &Bound<'_, PyAny>) -> PyResult<Decimal> {
    let text = if budget.is_instance(classes::decimal(budget.py())?)? {
        budget.str()?.to_cow()?.into_owned()
    } else if let Ok(text) = budget.cast::<PyString>() {
        text.to_cow()?.into_owned()
    } else if budget.is_instance_of::<PyFloat>() {
        return Err(PyTypeError::new_err(
            "budget must be a decimal.Decimal or a str such as \"12.50\", not a float (floats cannot hold \
             most amounts exactly)",
        ));
    } else {
        return Err(PyTypeError::new_err(format!(
            "budget must be a decimal.Decimal or a str such as \"12.50\", got `{}`",
            budget.get_type().qualname()?
        )));
    };
    omixa_bindings::options::budget(&text).map_err(errors::invalid_option)
}

/// The dry run: every item checked, the plan as an `omixa.BatchPlan`.
fn plan(py: Python<'_>, call: BatchCall) -> PyResult<Py<PyAny>> {
    let plan = py
        .detach(move || batch::plan(call.items, &call.options))
        .map_err(|error| batch_error(py, error))?;
    batch_class(py, "BatchPlan")?
        .call_method1("_from_native", (json(py, &plan)?,))
        .map(Bound::unbind)
}

/// The report of a finished run as an `omixa.BatchReport`.
fn report(py: Python<'_>, summary: BatchSummary, out: &std::path::Path) -> PyResult<Py<PyAny>> {
    let report = batch::read_report(out).map_err(|error| batch_error(py, error))?;
    batch_class(py, "BatchReport")?
        .call_method1("_from_native", (json(py, &summary)?, json(py, &report)?))
        .map(Bound::unbind)
}

/// Progress as an `omixa.BatchProgress`.
fn progress(py: Python<'_>, progress: &BatchProgress) -> PyResult<Py<PyAny>> {
    batch_class(py, "BatchProgress")?
        .call_method1("_from_native", (json(py, progress)?,))
        .map(Bound::unbind)
}

fn json<'py>(py: Python<'py>, value: &impl Serialize) -> PyResult<Bound<'py, PyAny>> {
    let value = serde_json::to_value(value)
        .map_err(|error| omixa_error(format!("internal error in omixa: {error}")))?;
    values::to_python(py, &value)
}

/// What the engine's task reports to the blocked caller.
enum Event {
    Progress(BatchProgress),
    Done(std::thread::Result<Result<BatchSummary, BatchError>>),
}

/// Runs a batch for the sync client (or its dry run, [`plan`]). The engine runs on the shared runtime; the caller waits with the GIL
/// released, runs `on_progress` on its own thread, and checks signals on a short tick. Ctrl-C, or an
/// exception from `on_progress`, cancels the batch, waits until the engine has left the journal consistent,
/// then raises that exception.
pub(crate) fn run_blocking(
    py: Python<'_>,
    client: Client,
    call: BatchCall,
    on_progress: Option<Bound<'_, PyAny>>,
    dry_run: bool,
) -> PyResult<Py<PyAny>> {
    if dry_run {
        return plan(py, call);
    }
    let BatchCall { items, mut options } = call;
    let (events, receiver) = mpsc::channel();
    let cancel = CancellationToken::new();
    options.cancel = Some(cancel.clone());
    if on_progress.is_some() {
        let progress_events = events.clone();
        options.on_progress = Some(Arc::new(move |progress: &BatchProgress| {
            // The receiver is gone only once the caller has its answer; the progress is then unwanted.
            let _ = progress_events.send(Event::Progress(progress.clone()));
        }));
    }
    let out = options.out.clone();
    runtime()?.spawn(async move {
        let outcome = AssertUnwindSafe(batch::run(&client, items, &options))
            .catch_unwind()
            .await;
        let _ = events.send(Event::Done(outcome));
    });
    let mut receiver = receiver;
    let mut interruption: Option<PyErr> = None;
    loop {
        let (returned, event) = py.detach(move || {
            let event = receiver.recv_timeout(SIGNAL_TICK);
            (receiver, event)
        });
        receiver = returned;
        let step = match event {
            Ok(Event::Progress(state)) => match (&on_progress, &interruption) {
                (Some(callback), None) => {
                    progress(py, &state).and_then(|state| callback.call1((state,)).map(drop))
                }
                _ => Ok(()),
            },
            Ok(Event::Done(Ok(result))) => {
                if let Some(raised) = interruption {
                    return Err(raised);
                }
                let summary = result.map_err(|error| batch_error(py, error))?;
                return report(py, summary, &out);
            }
            Ok(Event::Done(Err(payload))) => return Err(panic_error(payload.as_ref())),
            Err(RecvTimeoutError::Timeout) if interruption.is_none() => py.check_signals(),
            Err(RecvTimeoutError::Timeout) => Ok(()),
            Err(RecvTimeoutError::Disconnected) => {
                return Err(omixa_error(
                    "internal error in omixa: the batch ended without a result",
                ));
            }
        };
        if let Err(raised) = step {
            // Cancelling stops new jobs and ends waits; the engine still commits what it did before it returns.
            cancel.cancel();
            interruption = Some(raised);
        }
    }
}

/// Runs a batch for the async client (or its dry run): an awaitable whose `on_progress` runs on the event loop. An exception
/// from `on_progress`, or cancelling the awaitable's task, cancels the batch; the engine leaves the journal
/// consistent before the awaitable ends.
pub(crate) fn run_awaitable<'py>(
    py: Python<'py>,
    client: Client,
    call: BatchCall,
    on_progress: Option<Bound<'py, PyAny>>,
    dry_run: bool,
) -> PyResult<Bound<'py, PyAny>> {
    runtime()?;
    if dry_run {
        // Checking needs no I/O: the plan is ready at once.
        let plan = plan(py, call)?;
        return pyo3_async_runtimes::tokio::future_into_py(py, async move { Ok(plan) });
    }
    let BatchCall { items, mut options } = call;
    let cancel = CancellationToken::new();
    options.cancel = Some(cancel.clone());
    let failure = Arc::new(CallbackFailure::default());
    if let Some(callback) = on_progress {
        let relay = LoopRelay::new(py, callback, Arc::clone(&failure), cancel.clone())?;
        options.on_progress = Some(Arc::new(move |state: &BatchProgress| {
            let state = state.clone();
            relay.schedule(move |py| progress(py, &state));
        }));
    }
    let out = options.out.clone();
    pyo3_async_runtimes::tokio::future_into_py(py, async move {
        // Dropping the awaitable's future (a cancelled task) cancels the batch rather than abandoning it.
        let _cancel_on_drop = cancel.drop_guard();
        let outcome = AssertUnwindSafe(batch::run(&client, items, &options))
            .catch_unwind()
            .await;
        let raised = failure.close();
        Python::attach(|py| match (outcome, raised) {
            (Err(payload), _) => Err(panic_error(payload.as_ref())),
            (Ok(_), Some(raised)) => Err(raised),
            (Ok(Err(error)), None) => Err(batch_error(py, error)),
            (Ok(Ok(summary)), None) => report(py, summary, &out),
        })
    })
}
