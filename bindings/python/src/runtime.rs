//! Running the core's async calls from Python: one shared tokio runtime for the process, a blocking bridge
//! for the sync client (GIL released, Ctrl-C checked on a short tick) and an awaitable bridge for the async
//! client, each containing panics (see [`crate::guard`]).

use crate::classes::omixa_error;
use crate::errors;
use crate::guard::{guard, panic_error};
use futures_util::FutureExt;
use omixa::client::{Error, Job};
use pyo3::prelude::*;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::OnceLock;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;
use tokio::runtime::Runtime;
use tokio::task::JoinHandle;

/// How often a blocked sync call wakes to run Python's signal handlers (so Ctrl-C interrupts it).
const SIGNAL_TICK: Duration = Duration::from_millis(50);

static RUNTIME: OnceLock<Runtime> = OnceLock::new();

/// The process-wide runtime every client shares (sync and async), started on first use.
pub(crate) fn runtime() -> PyResult<&'static Runtime> {
    if let Some(runtime) = RUNTIME.get() {
        return Ok(runtime);
    }
    let built = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("omixa-worker")
        .build()
        .map_err(|error| omixa_error(format!("cannot start the async runtime: {error}")))?;
    // Two threads may race to build one; the loser's runtime is dropped unused.
    let runtime = RUNTIME.get_or_init(|| built);
    // The async client's awaitables run on the same runtime. `Err` only means it was already set, to this one.
    let _ = pyo3_async_runtimes::tokio::init_with_runtime(runtime);
    Ok(runtime)
}

/// What a task running for a blocked sync call reports to it.
enum Event<T> {
    /// A state observed by `wait`, for the caller's progress callback.
    Progress(Job),
    /// The call's outcome; `Err` holds a panic's payload.
    Done(std::thread::Result<Result<T, Error>>),
}

/// Aborts the task when the blocked call returns early (Ctrl-C, a raising callback): the future is dropped,
/// which stops the call, so nothing keeps running for a caller who has gone.
struct AbortOnDrop(JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// A call of the sync client: the future runs on the shared runtime while the calling thread waits with the
/// GIL released, waking every [`SIGNAL_TICK`] to run signal handlers, and runs the progress callback itself, so
/// callbacks run on the caller's thread and their exceptions propagate as if called directly.
pub(crate) struct Blocking<T> {
    events: Sender<Event<T>>,
    receiver: Receiver<Event<T>>,
}

impl<T: Send + 'static> Blocking<T> {
    pub(crate) fn new() -> Self {
        let (events, receiver) = mpsc::channel();
        Blocking { events, receiver }
    }

    /// A progress callback for the core's `wait` that hands the job's state after each poll to the waiting
    /// thread.
    pub(crate) fn progress_sender(&self) -> omixa::client::ProgressCallback {
        let events = self.events.clone();
        std::sync::Arc::new(move |progress: &omixa::client::WaitProgress<'_>| {
            // The receiver is gone only when the caller stopped waiting; the state is then unwanted.
            let _ = events.send(Event::Progress(progress.job.clone()));
        })
    }

    /// Runs `future` to completion, calling `on_progress` for each state `progress_sender` reported.
    pub(crate) fn run(
        self,
        py: Python<'_>,
        future: impl Future<Output = Result<T, Error>> + Send + 'static,
        mut on_progress: impl FnMut(Python<'_>, Job) -> PyResult<()>,
    ) -> PyResult<T> {
        let Blocking {
            events,
            mut receiver,
        } = self;
        let task = runtime()?.spawn(async move {
            let outcome = AssertUnwindSafe(future).catch_unwind().await;
            let _ = events.send(Event::Done(outcome));
        });
        let _abort = AbortOnDrop(task);
        loop {
            // `Receiver` is not `Sync`, so it is moved into the detached closure and back out.
            let (returned, event) = py.detach(move || {
                let event = receiver.recv_timeout(SIGNAL_TICK);
                (receiver, event)
            });
            receiver = returned;
            match event {
                Ok(Event::Progress(job)) => on_progress(py, job)?,
                Ok(Event::Done(Ok(result))) => {
                    return result.map_err(|error| errors::client_error(py, error));
                }
                Ok(Event::Done(Err(payload))) => return Err(panic_error(payload.as_ref())),
                Err(RecvTimeoutError::Timeout) => py.check_signals()?,
                Err(RecvTimeoutError::Disconnected) => {
                    return Err(omixa_error(
                        "internal error in omixa: the call ended without a result",
                    ));
                }
            }
        }
    }
}

/// Runs a call of the sync client that reports no progress (see [`Blocking`]).
pub(crate) fn block_on<T: Send + 'static>(
    py: Python<'_>,
    future: impl Future<Output = Result<T, Error>> + Send + 'static,
) -> PyResult<T> {
    Blocking::new().run(py, future, |_, _| Ok(()))
}

/// A call of the async client: an asyncio awaitable for `future`, which runs on the shared runtime. Cancelling
/// the awaitable drops the future, which stops the call. The result is converted to Python by `convert`.
pub(crate) fn awaitable<'py, T, F>(
    py: Python<'py>,
    future: F,
    convert: impl FnOnce(Python<'_>, T) -> PyResult<Py<PyAny>> + Send + 'static,
) -> PyResult<Bound<'py, PyAny>>
where
    T: Send + 'static,
    F: Future<Output = Result<T, Error>> + Send + 'static,
{
    runtime()?;
    pyo3_async_runtimes::tokio::future_into_py(py, async move {
        let outcome = AssertUnwindSafe(future).catch_unwind().await;
        Python::attach(|py| match outcome {
            Ok(Ok(value)) => guard(|| convert(py, value)),
            Ok(Err(error)) => Err(errors::client_error(py, error)),
            Err(payload) => Err(panic_error(payload.as_ref())),
        })
    })
}
