//! `omixa._native`: the Python binding of the Omixa core. Types, conversions and the error map only; every
//! decision about requests, prices, media and jobs is the core's (`omixa` crate), and what this binding
//! shares with the Node one (error payloads, options, job references, the conversions' policies) is
//! `omixa-bindings`'s. The public Python API is the `omixa` package (`python/omixa/__init__.py`), which
//! re-exports what is here.
//!
//! The modules form layers: each uses only the modules named before it in this list (`tests/test_layers.py`
//! reads the list and fails on a module that uses a later one, or on an import circle):
//!
//! 1. leaves: [`text`] (a `str`'s UTF-8), [`repr`], [`classes`] (the Python-defined classes raised and
//!    returned), [`guard`] (panics as `OmixaError`);
//! 2. [`values`]: JSON values to Python objects;
//! 3. [`types`]: the plain data classes (`Issue`, `Estimate`, `ModelInfo`, `FieldInfo`, `Image`);
//! 4. [`convert`]: Python objects to the core's values;
//! 5. [`job`]: `Job` and `VideoOutput`;
//! 6. [`errors`]: the core's errors as exceptions;
//! 7. [`runtime`], [`progress`]: running the core's futures for Python;
//! 8. the API: [`validation`], [`runtime_catalog`] (`omixa.Catalog`, `load_catalog`), [`batch`], [`videos`] (the jobs API, once for both clients), [`client`],
//!    [`testing`] (the emulator in-process).
//!
//! The type stub `python/omixa/_native.pyi` is generated from this crate by `pyo3-stub-gen`: the Python
//! classes and functions carry its annotations (`gen_stub_*`, and `gen_stub(override_...)` where the Rust
//! type says less than the Python one), which only the `stub-gen` feature turns on; the `stub_gen` binary
//! writes the file (`src/bin/stub_gen.rs`). Without the feature, `remove_gen_stub` erases them.

mod batch;
mod classes;
mod client;
mod convert;
mod errors;
mod guard;
mod job;
mod progress;
mod repr;
mod runtime;
mod runtime_catalog;
mod testing;
mod text;
mod types;
mod validation;
mod values;
mod videos;

use pyo3::prelude::*;

/// Panics, for the tests that check a panic surfaces as `OmixaError` and never as `PanicException`.
#[cfg_attr(feature = "stub-gen", pyo3_stub_gen_derive::gen_stub_pyfunction)]
#[pyfunction]
fn _panic(message: &str) -> PyResult<()> {
    guard::guard(|| panic!("{message}"))
}

#[pymodule]
#[pyo3(name = "_native")]
fn native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    module.add_function(wrap_pyfunction!(validation::validate, module)?)?;
    module.add_function(wrap_pyfunction!(validation::estimate, module)?)?;
    module.add_function(wrap_pyfunction!(validation::models, module)?)?;
    module.add_function(wrap_pyfunction!(_panic, module)?)?;
    module.add_function(wrap_pyfunction!(runtime_catalog::load_catalog, module)?)?;
    module.add_class::<runtime_catalog::PyCatalog>()?;
    module.add_class::<types::PyIssue>()?;
    module.add_class::<types::PyValidationIssues>()?;
    module.add_class::<types::PyEstimate>()?;
    module.add_class::<types::PyModelInfo>()?;
    module.add_class::<types::PyFieldInfo>()?;
    module.add_class::<types::PyImage>()?;
    module.add_class::<client::PyClient>()?;
    module.add_class::<client::PyVideos>()?;
    module.add_class::<client::PyAsyncClient>()?;
    module.add_class::<client::PyAsyncVideos>()?;
    module.add_class::<job::PyJob>()?;
    module.add_class::<job::PyVideoOutput>()?;
    testing::register(module)?;
    Ok(())
}

/// What the stub says about the module itself: its docstring, `__version__`, the path type the functions
/// take, and the private names PyO3 lists in `__all__` (pyo3-stub-gen leaves `_` names out by default).
#[cfg(feature = "stub-gen")]
mod stub {
    pyo3_stub_gen::define_stub_info_gatherer!(stub_info);

    pyo3_stub_gen::module_doc!(
        "omixa._native",
        "The native module of omixa; the public API is the ``omixa`` package, which re-exports it.\n\n\
         The catalog's types (per-model request TypedDicts, accepted-value Literals, the keyword overloads of\n\
         ``videos.create``) are generated from ``spec/`` into ``omixa/_models.pyi``; this stub only uses them."
    );
    pyo3_stub_gen::module_variable!("omixa._native", "__version__", String);
    pyo3_stub_gen::derive::gen_type_alias_from_python!(
        "omixa._native",
        r#"
        import os
        from typing import TypeAlias
        _StrPath: TypeAlias = str | os.PathLike[str]
        "#
    );
    pyo3_stub_gen::export_verbatim!("omixa._native", "__version__");
    pyo3_stub_gen::export_verbatim!("omixa._native", "_panic");
    pyo3_stub_gen::export_verbatim!("omixa._native", "_Emulator");
    pyo3_stub_gen::export_verbatim!("omixa._native", "_ValidationIssues");
}

#[cfg(feature = "stub-gen")]
pub use stub::stub_info;
