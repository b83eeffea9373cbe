//! The host-neutral half of the Python and Node bindings.
//!
//! Both bindings expose the same contract: the same error kinds with the same details, the same client
//! options, "a job or its operation id" wherever a job is named, the same rule for handing a caller's own
//! large strings back, the same error path (a JSON pointer) for a value that cannot be sent. That contract is
//! written here once, in plain Rust; each binding only converts host values (PyO3 objects, N-API handles) to
//! and from these types and wraps them in its classes.
//!
//! - [`error`]: every failure of the core as an [`error::ErrorPayload`] keyed by the core's `kind()`, with
//!   one exhaustive match per core error enum, and [`error::ErrorKind`] with the class each host raises.
//! - [`catalog`]: the runtime catalog (`OMIXA_CATALOG`, a folder) with its errors.
//! - [`options`]: the client's options, their validation and the budget of a batch.
//! - [`job_ref`]: a job, or an operation id with an optional model.
//! - [`originals`]: when a string the core hands back is the caller's own, so the host returns it as is.
//! - [`path`]: a value that cannot be converted, with the JSON pointer of where it was.
//! - [`display`]: texts both hosts show (an estimate, a dropped field).
//! - [`testing`]: the in-process emulator of both `testing` modules, stopped at most once.
//! - [`tables`]: the tables each host's own language needs (issue codes, error kinds and classes), emitted
//!   from the core's enums into `_tables.py` and `tables.js`/`tables.d.ts` (a test keeps them current).

pub mod catalog;
pub mod display;
pub mod error;
pub mod job_ref;
pub mod options;
pub mod originals;
pub mod path;
pub mod tables;
pub mod testing;
