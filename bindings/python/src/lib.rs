//! `omixa._native`: the Python binding of the Omixa core. Types, conversions and the error map only; every
//! decision about requests, prices, media and jobs is the core's (`omixa` crate). The public Python API is
//! the `omixa` package (`python/omixa/__init__.py`), which re-exports what is here.

mod async_progress;
mod batch;
mod catalog;
mod client;
mod convert;
mod errors;
mod job;
mod media;
mod runtime;
mod testing;
mod text;

use pyo3::prelude::*;

/// Panics, for the tests that check a panic surfaces as `OmixaError` and never as `PanicException`.
#[pyfunction]
fn _panic(message: &str) -> PyResult<()> {
    runtime::guard(|| panic!("{message}"))
}

#[pymodule]
#[pyo3(name = "_native")]
fn native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    module.add_function(wrap_pyfunction!(catalog::validate, module)?)?;
    module.add_function(wrap_pyfunction!(catalog::estimate, module)?)?;
    module.add_function(wrap_pyfunction!(catalog::models, module)?)?;
    module.add_function(wrap_pyfunction!(_panic, module)?)?;
    module.add_class::<catalog::PyIssue>()?;
    module.add_class::<catalog::PyEstimate>()?;
    module.add_class::<catalog::PyModelInfo>()?;
    module.add_class::<catalog::PyFieldInfo>()?;
    module.add_class::<media::PyImage>()?;
    module.add_class::<client::PyClient>()?;
    module.add_class::<client::PyVideos>()?;
    module.add_class::<client::PyAsyncClient>()?;
    module.add_class::<client::PyAsyncVideos>()?;
    module.add_class::<job::PyJob>()?;
    module.add_class::<job::PyVideoOutput>()?;
    testing::register(module)?;
    Ok(())
}
