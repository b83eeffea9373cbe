//! Progress of an async wait or batch: the core calls back on a runtime thread, and the caller's ``on_progress`` must
//! run on the event loop's thread, so each state is scheduled there; an exception the callback raises is kept
//! and ends the wait.

use crate::job::PyJob;
use omixa::client::{ProgressCallback, WaitProgress};
use pyo3::prelude::*;
use std::sync::{Arc, Mutex, PoisonError};
use tokio_util::sync::CancellationToken;

/// The exception an async wait's progress callback raised, kept for the wait to raise.
#[derive(Debug, Default)]
pub(crate) struct CallbackFailure(Mutex<FailureState>);

#[derive(Debug, Default)]
enum FailureState {
    #[default]
    Waiting,
    Raised(PyErr),
    /// The wait is over: a later exception has no wait to end.
    Closed,
}

impl CallbackFailure {
    /// Records `error` for the wait; hands it back if the wait is already over.
    fn record(&self, error: PyErr) -> Result<(), PyErr> {
        let mut state = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        match *state {
            FailureState::Waiting => {
                *state = FailureState::Raised(error);
                Ok(())
            }
            // The first exception already ended the wait; later ones are reported by the event loop.
            FailureState::Raised(_) | FailureState::Closed => Err(error),
        }
    }

    /// Ends the wait, returning the exception that ended it, if one did.
    pub(crate) fn close(&self) -> Option<PyErr> {
        let mut state = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        match std::mem::replace(&mut *state, FailureState::Closed) {
            FailureState::Raised(error) => Some(error),
            FailureState::Waiting | FailureState::Closed => None,
        }
    }
}

/// A progress callback for the core that schedules `callback(job)` (the last known state) on the running
/// event loop after every poll.
pub(crate) fn progress_relay(
    py: Python<'_>,
    callback: Bound<'_, PyAny>,
    failure: Arc<CallbackFailure>,
    cancel: CancellationToken,
) -> PyResult<ProgressCallback> {
    let relay = LoopRelay::new(py, callback, failure, cancel)?;
    Ok(Arc::new(move |progress: &WaitProgress<'_>| {
        let job = progress.job.clone();
        relay.schedule(move |py| Ok(Py::new(py, PyJob(job))?.into_any()));
    }))
}

/// Schedules calls of an async call's progress callback on the event loop that awaits it.
pub(crate) struct LoopRelay {
    event_loop: Py<PyAny>,
    relay: Py<ProgressRelay>,
}

impl LoopRelay {
    pub(crate) fn new(
        py: Python<'_>,
        callback: Bound<'_, PyAny>,
        failure: Arc<CallbackFailure>,
        cancel: CancellationToken,
    ) -> PyResult<Self> {
        Ok(LoopRelay {
            event_loop: pyo3_async_runtimes::get_running_loop(py)?
                .unbind()
                .into_any(),
            relay: Py::new(
                py,
                ProgressRelay {
                    callback: callback.unbind(),
                    failure,
                    cancel,
                },
            )?,
        })
    }

    /// Schedules `callback(argument(py))` on the loop (from any thread).
    pub(crate) fn schedule(&self, argument: impl FnOnce(Python<'_>) -> PyResult<Py<PyAny>>) {
        Python::attach(|py| {
            let scheduled = argument(py).and_then(|argument| {
                self.event_loop.call_method1(
                    py,
                    "call_soon_threadsafe",
                    (self.relay.clone_ref(py), argument),
                )
            });
            if let Err(error) = scheduled {
                // The loop is closed: nobody is waiting any more.
                error.write_unraisable(py, None);
            }
        });
    }
}

/// Runs an async call's progress callback on the event loop; an exception ends the call.
#[pyclass(frozen)]
struct ProgressRelay {
    callback: Py<PyAny>,
    failure: Arc<CallbackFailure>,
    cancel: CancellationToken,
}

#[pymethods]
impl ProgressRelay {
    fn __call__(&self, py: Python<'_>, argument: Py<PyAny>) -> PyResult<()> {
        match self.callback.call1(py, (argument,)) {
            Ok(_) => Ok(()),
            Err(error) => {
                self.failure.record(error)?;
                self.cancel.cancel();
                Ok(())
            }
        }
    }
}
