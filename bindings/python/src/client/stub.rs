//! What the stub says about the clients' jobs API that the Rust signatures cannot.
//!
//! - `create` is an attribute typed by the catalog's generated `CreateVideo` protocol (one keyword overload
//!   per model, in `omixa/_models.pyi`) rather than a method taking `**fields`.
//! - `batch` returns a `BatchPlan` exactly when `dry_run=True`. The signature generated from the Rust method
//!   is the `dry_run: Literal[False]` overload (it carries the docstring); the two below follow it, the one
//!   for a `bool` held in a variable last, as overloads are tried in order (pyo3-stub-gen orders a class's
//!   additions by source file and position, and this file comes after `client.rs`).

use super::{PyAsyncVideos as AsyncVideos, PyVideos as Videos};
use pyo3_stub_gen::TypeInfo;
use pyo3_stub_gen::derive::gen_methods_from_python;
use pyo3_stub_gen::inventory::submit;
use pyo3_stub_gen::type_info::{MemberInfo, PyMethodsInfo};
use std::any::TypeId;
use std::collections::{HashMap, HashSet};

/// The type of `create`: the protocol, with the type a call returns.
fn create_type(returns: &str) -> TypeInfo {
    TypeInfo {
        name: format!("_models.CreateVideo[{returns}]"),
        source_module: None,
        import: HashSet::from(["omixa._models".into(), "collections.abc".into()]),
        type_refs: HashMap::new(),
    }
}

/// The docstring of `create` (the method's own, at run time, says more).
const CREATE_DOC: &str = "Creates a job: ``create(model=..., prompt=..., ...)`` (keywords typed per model), or\n\
                          ``create(request_dict)``. Options: ``lenient``, ``idempotency_key``, ``unchecked``.";

/// Declares `create` on a jobs-API class, its calls returning `$returns`.
macro_rules! create_attribute {
    ($class:ty, $returns:literal) => {
        submit! {
            PyMethodsInfo {
                struct_id: TypeId::of::<$class>,
                attrs: &[MemberInfo {
                    name: "create",
                    r#type: || create_type($returns),
                    doc: CREATE_DOC,
                    default: None,
                    deprecated: None,
                }],
                getters: &[],
                setters: &[],
                methods: &[],
                file: file!(),
                line: line!(),
                column: column!(),
            }
        }
    };
}

create_attribute!(Videos, "Job");
create_attribute!(AsyncVideos, "collections.abc.Awaitable[Job]");

submit! {
    gen_methods_from_python! {
        r#"
        import collections.abc
        import decimal
        import typing
        import omixa._batch

        class Videos:
            @typing.overload
            def batch(
                self,
                requests: collections.abc.Iterable[collections.abc.Mapping[str, typing.Any]],
                /,
                *,
                out: _StrPath,
                concurrency: int = 4,
                budget: decimal.Decimal | str | None = None,
                on_progress: collections.abc.Callable[[_batch.BatchProgress], object] | None = None,
                timeout: float | None = None,
                lenient: bool = False,
                dry_run: typing.Literal[True],
            ) -> _batch.BatchPlan: ...
            @typing.overload
            def batch(
                self,
                requests: collections.abc.Iterable[collections.abc.Mapping[str, typing.Any]],
                /,
                *,
                out: _StrPath,
                concurrency: int = 4,
                budget: decimal.Decimal | str | None = None,
                on_progress: collections.abc.Callable[[_batch.BatchProgress], object] | None = None,
                timeout: float | None = None,
                lenient: bool = False,
                dry_run: bool = False,
            ) -> _batch.BatchReport | _batch.BatchPlan: ...
        "#
    }
}

submit! {
    gen_methods_from_python! {
        r#"
        import collections.abc
        import decimal
        import typing
        import omixa._batch

        class AsyncVideos:
            @typing.overload
            def batch(
                self,
                requests: collections.abc.Iterable[collections.abc.Mapping[str, typing.Any]],
                /,
                *,
                out: _StrPath,
                concurrency: int = 4,
                budget: decimal.Decimal | str | None = None,
                on_progress: collections.abc.Callable[[_batch.BatchProgress], object] | None = None,
                timeout: float | None = None,
                lenient: bool = False,
                dry_run: typing.Literal[True],
            ) -> collections.abc.Awaitable[_batch.BatchPlan]: ...
            @typing.overload
            def batch(
                self,
                requests: collections.abc.Iterable[collections.abc.Mapping[str, typing.Any]],
                /,
                *,
                out: _StrPath,
                concurrency: int = 4,
                budget: decimal.Decimal | str | None = None,
                on_progress: collections.abc.Callable[[_batch.BatchProgress], object] | None = None,
                timeout: float | None = None,
                lenient: bool = False,
                dry_run: bool = False,
            ) -> collections.abc.Awaitable[_batch.BatchReport | _batch.BatchPlan]: ...
        "#
    }
}
