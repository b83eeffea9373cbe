//! The local emulator (`omixa-emulator`) in-process, for tests of programs built on this package: the native
//! half of `omixa.testing.Emulator` (`python/omixa/testing.py`). It runs on the binding's tokio runtime, so a
//! test needs no `omixa` binary and no second process. Only conversions live here: the emulator decides
//! everything, and checks every setting itself.

use crate::guard::guard;
use crate::runtime::runtime;
use omixa_bindings::testing::{RunningEmulator, Stopped};
use omixa_emulator::{Emulator, EmulatorConfig, Faults, InvalidSetting, UsageRecord};
use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use std::num::NonZeroU64;
use std::time::Duration;

/// Registers the class in `omixa._native`.
pub(crate) fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<PyEmulator>()
}

/// The faults as `omixa.testing.Faults` holds them (`dataclasses.asdict` of it, read item by item).
#[derive(Debug, FromPyObject)]
#[pyo3(from_item_all)]
struct FaultItems {
    rate_limit_every: Option<i64>,
    retry_after_seconds: i64,
    fail_every: Option<i64>,
    drop_every: Option<i64>,
    malformed_every: Option<i64>,
    latency_ms: i64,
    answer_latency_ms: i64,
    job_failure_rate: f64,
    route_failure_rate: f64,
}

impl FaultItems {
    fn to_faults(&self) -> PyResult<Faults> {
        Ok(Faults {
            rate_limit_every: every("rate_limit_every", self.rate_limit_every)?,
            retry_after_seconds: whole("retry_after_seconds", self.retry_after_seconds)?,
            fail_every: every("fail_every", self.fail_every)?,
            drop_every: every("drop_every", self.drop_every)?,
            malformed_every: every("malformed_every", self.malformed_every)?,
            latency: Duration::from_millis(whole("latency_ms", self.latency_ms)?),
            answer_latency: Duration::from_millis(whole(
                "answer_latency_ms",
                self.answer_latency_ms,
            )?),
            job_failure_rate: self.job_failure_rate,
            route_failure_rate: self.route_failure_rate,
        })
    }
}

/// `None`, or a count from 1 (0 would mean "never", which `None` already says).
fn every(field: &str, value: Option<i64>) -> PyResult<Option<NonZeroU64>> {
    value
        .map(|value| {
            u64::try_from(value)
                .ok()
                .and_then(NonZeroU64::new)
                .ok_or_else(|| {
                    PyValueError::new_err(format!(
                        "{field}: expected None or a whole number from 1, got {value}"
                    ))
                })
        })
        .transpose()
}

fn whole(field: &str, value: i64) -> PyResult<u64> {
    u64::try_from(value).map_err(|_| {
        PyValueError::new_err(format!(
            "{field}: expected a whole number from 0, got {value}"
        ))
    })
}

fn invalid(error: InvalidSetting) -> PyErr {
    PyValueError::new_err(error.to_string())
}

/// A running emulator; `stop()` ends it (dropping it does too, without waiting).
#[cfg_attr(
    feature = "stub-gen",
    pyo3_stub_gen_derive::gen_stub_pyclass(module = "omixa._native")
)]
#[pyclass(frozen, name = "_Emulator", module = "omixa._native")]
#[derive(Debug)]
pub(crate) struct PyEmulator(RunningEmulator);

impl PyEmulator {
    fn with_running<T>(&self, ask: impl FnOnce(&Emulator) -> T) -> PyResult<T> {
        self.0.with_running(ask).map_err(stopped)
    }
}

fn stopped(error: Stopped) -> PyErr {
    PyValueError::new_err(error.to_string())
}

#[cfg_attr(feature = "stub-gen", pyo3_stub_gen_derive::gen_stub_pymethods)]
#[cfg_attr(not(feature = "stub-gen"), pyo3_stub_gen_derive::remove_gen_stub)]
#[pymethods]
impl PyEmulator {
    /// Starts an emulator on a free loopback port.
    #[staticmethod]
    #[allow(
        clippy::too_many_arguments,
        reason = "one parameter per keyword argument of Emulator"
    )]
    #[pyo3(signature = (*, job_seconds, job_seconds_max, seed, api_key, accounts, faults, dashboard, catalog = None))]
    fn start(
        py: Python<'_>,
        job_seconds: f64,
        job_seconds_max: Option<f64>,
        seed: Option<u64>,
        api_key: Option<String>,
        accounts: u16,
        #[gen_stub(override_type(type_repr = "collections.abc.Mapping[str, typing.Any]", imports = ("collections.abc", "typing")))]
        faults: FaultItems,
        dashboard: bool,
        #[gen_stub(override_type(type_repr = "Catalog | _StrPath | None"))] catalog: Option<
            &Bound<'_, PyAny>,
        >,
    ) -> PyResult<Self> {
        guard(|| {
            let config = EmulatorConfig {
                catalog: crate::runtime_catalog::argument(py, catalog)?,
                port: 0,
                api_key,
                job_seconds,
                job_seconds_max,
                accounts,
                seed,
                dashboard,
                ..EmulatorConfig::default()
            }
            .with_faults(faults.to_faults()?);
            config.check().map_err(invalid)?;
            let runtime = runtime()?;
            let emulator = py
                .detach(|| runtime.block_on(Emulator::start(config)))
                .map_err(|error| {
                    PyOSError::new_err(format!("cannot start the emulator: {error}"))
                })?;
            Ok(PyEmulator(RunningEmulator::new(emulator)))
        })
    }

    /// `http://127.0.0.1:<port>`.
    #[getter]
    fn base_url(&self) -> &str {
        self.0.base_url()
    }

    /// The key clients must send.
    #[getter]
    fn api_key(&self) -> &str {
        self.0.api_key()
    }

    /// The faults in force, as a dict of `omixa.testing.Faults` fields.
    #[gen_stub(override_return_type(type_repr = "dict[str, typing.Any]", imports = ("typing")))]
    fn faults<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let faults = self.with_running(Emulator::faults)?;
        let dict = PyDict::new(py);
        dict.set_item(
            "rate_limit_every",
            faults.rate_limit_every.map(NonZeroU64::get),
        )?;
        dict.set_item("retry_after_seconds", faults.retry_after_seconds)?;
        dict.set_item("fail_every", faults.fail_every.map(NonZeroU64::get))?;
        dict.set_item("drop_every", faults.drop_every.map(NonZeroU64::get))?;
        dict.set_item(
            "malformed_every",
            faults.malformed_every.map(NonZeroU64::get),
        )?;
        dict.set_item("latency_ms", millis(faults.latency))?;
        dict.set_item("answer_latency_ms", millis(faults.answer_latency))?;
        dict.set_item("job_failure_rate", faults.job_failure_rate)?;
        dict.set_item("route_failure_rate", faults.route_failure_rate)?;
        Ok(dict)
    }

    /// Replaces the faults from the next request on.
    fn set_faults(
        &self,
        #[gen_stub(override_type(type_repr = "collections.abc.Mapping[str, typing.Any]", imports = ("collections.abc", "typing")))]
        faults: FaultItems,
    ) -> PyResult<()> {
        let faults = faults.to_faults()?;
        self.with_running(|emulator| emulator.set_faults(faults))?
            .map_err(invalid)
    }

    /// The ledger: `{"records": [...], "creates", "idempotent_replays"}`, amounts as `Decimal`.
    #[gen_stub(override_return_type(type_repr = "dict[str, typing.Any]", imports = ("typing")))]
    fn usage<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let usage = self.with_running(Emulator::usage)?;
        let records = PyList::empty(py);
        for record in &usage.records {
            records.append(record_dict(py, record)?)?;
        }
        let dict = PyDict::new(py);
        dict.set_item("records", records)?;
        dict.set_item("creates", usage.creates)?;
        dict.set_item("idempotent_replays", usage.idempotent_replays)?;
        Ok(dict)
    }

    /// Job requests (creates and status calls) served so far, faulted ones included.
    fn job_requests(&self) -> PyResult<u64> {
        self.with_running(Emulator::job_requests)
    }

    /// Stops accepting connections and waits until open ones are done. Stopping twice does nothing.
    fn stop(&self, py: Python<'_>) -> PyResult<()> {
        let Some(emulator) = self.0.take() else {
            return Ok(());
        };
        let runtime = runtime()?;
        py.detach(|| runtime.block_on(emulator.shutdown()));
        Ok(())
    }

    fn __repr__(&self) -> String {
        format!("_Emulator(base_url={:?})", self.0.base_url())
    }
}

fn record_dict<'py>(py: Python<'py>, record: &UsageRecord) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    dict.set_item("seq", record.seq)?;
    dict.set_item("kind", record.kind.as_str())?;
    dict.set_item("operation", &record.operation)?;
    dict.set_item("model", record.model)?;
    dict.set_item("account", record.account.as_deref())?;
    dict.set_item("amount", record.amount)?;
    dict.set_item("currency", record.currency)?;
    dict.set_item("note", record.note.as_deref())?;
    Ok(dict)
}

/// Whole milliseconds (the emulator's latencies are set in milliseconds).
fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}
