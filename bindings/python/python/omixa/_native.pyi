# Generated from the annotations in bindings/python/src by pyo3-stub-gen; do not edit. Regenerate with
# `make python-stub` (cargo run -p omixa-python --no-default-features --features stub-gen --bin stub_gen).
# ruff: noqa: E501, F401, F403, F405
r"""
The native module of omixa; the public API is the ``omixa`` package, which re-exports it.

The catalog's types (per-model request TypedDicts, accepted-value Literals, the keyword overloads of
``videos.create``) are generated from ``spec/`` into ``omixa/_models.pyi``; this stub only uses them.
"""

import builtins
import collections.abc
import decimal
from omixa import _batch
from omixa import _models
from omixa import _tables
import os
import pathlib
import typing
from typing import TypeAlias
__all__ = [
    "AsyncClient",
    "AsyncVideos",
    "Catalog",
    "Client",
    "Estimate",
    "FieldInfo",
    "Image",
    "Issue",
    "Job",
    "ModelInfo",
    "VideoOutput",
    "Videos",
    "_Emulator",
    "_ValidationIssues",
    "__version__",
    "_panic",
    "estimate",
    "load_catalog",
    "models",
    "validate",
]

_StrPath: TypeAlias = str | os.PathLike[str]
__version__: builtins.str
@typing.final
class AsyncClient:
    r"""
    The asyncio Omixa client: ``Client`` with coroutines. Takes the same arguments; safe to share between tasks
    and event loops. The jobs API is under ``client.videos``; cancelling an awaited call stops it.
    """
    @property
    def videos(self) -> AsyncVideos:
        r"""
        The video-generation jobs API: ``create``, ``status``, ``wait``, ``download``, ``batch`` (all awaitable).
        """
    @property
    def base_url(self) -> builtins.str:
        r"""
        The gateway's address.
        """
    def __new__(cls, api_key: typing.Optional[builtins.str] = None, base_url: typing.Optional[builtins.str] = None, *, timeout: typing.Optional[builtins.float] = None, request_timeout: typing.Optional[builtins.float] = None, max_retries: typing.Optional[builtins.int] = None, catalog: Catalog | _StrPath | None = None) -> AsyncClient: ...
    def __repr__(self) -> builtins.str: ...

@typing.final
class AsyncVideos:
    r"""
    The jobs API of an ``AsyncClient`` (``client.videos``): the methods of ``Client.videos``, as awaitables.
    """
    create: _models.CreateVideo[collections.abc.Awaitable[Job]]
    r"""
    Creates a job: ``create(model=..., prompt=..., ...)`` (keywords typed per model), or
    ``create(request_dict)``. Options: ``lenient``, ``idempotency_key``, ``unchecked``.
    """
    def status(self, job: Job | str, /, *, model: typing.Optional[builtins.str] = None) -> collections.abc.Awaitable[Job]:
        r"""
        The job's current state; see ``Client.videos.status``.
        """
    def wait(self, job: Job, /, *, timeout: typing.Optional[builtins.float] = None, on_progress: collections.abc.Callable[[Job], object] | None = None) -> collections.abc.Awaitable[Job]:
        r"""
        Polls the job until it is final; see ``Client.videos.wait``. ``on_progress`` is called on the event
        loop's thread (through ``call_soon_threadsafe``); an exception it raises ends the wait and is raised by
        it.
        """
    def download(self, job: Job, directory: _StrPath, /, *, overwrite: builtins.bool = False) -> collections.abc.Awaitable[list[pathlib.Path]]:
        r"""
        Downloads every result video of a succeeded job; see ``Client.videos.download``.
        """
    @typing.overload
    def batch(self, requests: collections.abc.Iterable[collections.abc.Mapping[str, typing.Any]], /, *, out: _StrPath, concurrency: builtins.int = 4, budget: decimal.Decimal | str | None = None, on_progress: collections.abc.Callable[[_batch.BatchProgress], object] | None = None, timeout: typing.Optional[builtins.float] = None, lenient: builtins.bool = False, dry_run: typing.Literal[False] = False) -> collections.abc.Awaitable[_batch.BatchReport]:
        r"""
        Runs many jobs; see ``Client.videos.batch``. ``on_progress`` runs on the event loop's thread; an
        exception it raises, or cancelling the awaiting task, cancels the batch (the journal stays consistent).
        """
    @typing.overload
    def batch(self, requests: collections.abc.Iterable[collections.abc.Mapping[str, typing.Any]], /, *, out: _StrPath, concurrency: int = 4, budget: decimal.Decimal | str | None = None, on_progress: collections.abc.Callable[[_batch.BatchProgress], object] | None = None, timeout: float | None = None, lenient: bool = False, dry_run: typing.Literal[True]) -> collections.abc.Awaitable[_batch.BatchPlan]: ...
    @typing.overload
    def batch(self, requests: collections.abc.Iterable[collections.abc.Mapping[str, typing.Any]], /, *, out: _StrPath, concurrency: int = 4, budget: decimal.Decimal | str | None = None, on_progress: collections.abc.Callable[[_batch.BatchProgress], object] | None = None, timeout: float | None = None, lenient: bool = False, dry_run: bool = False) -> collections.abc.Awaitable[_batch.BatchReport | _batch.BatchPlan]: ...
    def __repr__(self) -> builtins.str: ...

@typing.final
class Catalog:
    r"""
    A set of models: the built-in ones plus those of a catalog folder (``omixa.load_catalog``).
    
    Its models validate and estimate exactly like built-in ones; the typed stubs (``omixa.models`` types)
    do not know them. Pass it to ``Client(catalog=...)`` to create jobs for them.
    """
    def models(self) -> builtins.list[ModelInfo]:
        r"""
        Every model, in id order (``origin`` says where each comes from).
        """
    def origin(self, model: builtins.str) -> typing.Optional[builtins.str]:
        r"""
        Where the model comes from: ``"built-in"``, the folder it was loaded from, or ``None`` if unknown.
        """
    def validate(self, request: collections.abc.Mapping[str, typing.Any], /, *, lenient: builtins.bool = False) -> dict[str, typing.Any]:
        r"""
        ``omixa.validate`` against this catalog's models.
        """
    def estimate(self, request: collections.abc.Mapping[str, typing.Any], /, *, lenient: builtins.bool = False) -> Estimate:
        r"""
        ``omixa.estimate`` against this catalog's models.
        """
    def __repr__(self) -> builtins.str: ...

@typing.final
class Client:
    r"""
    The Omixa client. Safe to share between threads.
    
    ``api_key`` defaults to the ``OMIXA_API_KEY`` environment variable and ``base_url`` to ``OMIXA_BASE_URL``,
    else ``https://www.omixa.cloud``. The base URL must be HTTPS, or plain HTTP to a loopback address (the local
    emulator, ``omixa serve``). ``timeout`` is the longest silence while reading a response, in seconds
    (default 60); ``request_timeout`` the longest one API request may take, in seconds (default 60; the
    retries of one call stop within twice it); ``max_retries`` the retries of a transient failure per call
    (default 2; a create is retried only under its idempotency key, so a retry never bills twice). Raises
    ``ConfigurationError`` without a key.
    
    The jobs API is under ``client.videos``. The key never appears in reprs or error messages.
    """
    @property
    def videos(self) -> Videos:
        r"""
        The video-generation jobs API: ``create``, ``status``, ``wait``, ``download``, ``batch``.
        """
    @property
    def base_url(self) -> builtins.str:
        r"""
        The gateway's address.
        """
    def __new__(cls, api_key: typing.Optional[builtins.str] = None, base_url: typing.Optional[builtins.str] = None, *, timeout: typing.Optional[builtins.float] = None, request_timeout: typing.Optional[builtins.float] = None, max_retries: typing.Optional[builtins.int] = None, catalog: Catalog | _StrPath | None = None) -> Client: ...
    def __repr__(self) -> builtins.str: ...

@typing.final
class Estimate:
    r"""
    What a request costs, as returned by ``omixa.estimate``.
    
    For a priced model: ``cost`` and ``hold`` (``decimal.Decimal``, exact, at least two decimal places), the
    ``currency`` (ISO 4217, e.g. ``"USD"``), the ``duration_seconds`` and ``sample_count`` priced, and the
    fields whose assumed default was used, in ``assumed``. For a model without a published price: ``priced``
    is ``False``, ``reason`` says so, and the money fields are ``None``.
    """
    @property
    def model(self) -> builtins.str:
        r"""
        The model id.
        """
    @property
    def priced(self) -> builtins.bool:
        r"""
        Whether the model has a published price (if not, the money fields are ``None``).
        """
    @property
    def cost(self) -> typing.Optional[decimal.Decimal]:
        r"""
        Price per second × duration × sample count.
        """
    @property
    def hold(self) -> typing.Optional[decimal.Decimal]:
        r"""
        What the gateway holds when the job is created: the cost, but at least the model's minimum hold.
        """
    @property
    def currency(self) -> typing.Optional[builtins.str]:
        r"""
        ISO 4217 code of ``cost`` and ``hold``, e.g. ``"USD"``.
        """
    @property
    def duration_seconds(self) -> typing.Optional[decimal.Decimal]:
        r"""
        The duration priced, in seconds.
        """
    @property
    def sample_count(self) -> typing.Optional[builtins.int]:
        r"""
        The number of videos priced.
        """
    @property
    def assumed(self) -> builtins.list[builtins.str]:
        r"""
        The fields whose assumed default was used because the request left them out.
        """
    @property
    def reason(self) -> typing.Optional[builtins.str]:
        r"""
        Why there is no price, for a model without a published one.
        """
    def __repr__(self) -> builtins.str: ...
    def __str__(self) -> builtins.str:
        r"""
        ``"0.40 USD (hold 0.40 USD)"``, or the reason there is no price.
        """

@typing.final
class FieldInfo:
    r"""
    One request field of a model (see ``ModelInfo.fields``).
    
    ``type`` is one of ``"string"``, ``"number"``, ``"integer"``, ``"boolean"``, ``"inline_image"``,
    ``"inline_image_list"``, ``"video_source"``.
    """
    @property
    def name(self) -> builtins.str:
        r"""
        The canonical wire name, e.g. ``"duration_seconds"``.
        """
    @property
    def aliases(self) -> builtins.list[builtins.str]:
        r"""
        Other names the gateway accepts for the field, e.g. ``["seconds"]``.
        """
    @property
    def type(self) -> builtins.str:
        r"""
        The kind of value, e.g. ``"string"`` or ``"inline_image"``.
        """
    @property
    def required(self) -> builtins.bool: ...
    @property
    def description(self) -> builtins.str: ...
    @property
    def accepted(self) -> builtins.list[builtins.str]:
        r"""
        The accepted values of a string field (empty when any string goes).
        """
    @property
    def media_types(self) -> builtins.list[builtins.str]:
        r"""
        The accepted media types of an inline image or video field, e.g. ``["image/png", ...]``.
        """
    @property
    def minimum(self) -> int | float | None:
        r"""
        The least value of a number field, if bounded.
        """
    @property
    def maximum(self) -> int | float | None:
        r"""
        The greatest value of a number field, if bounded.
        """
    @property
    def default(self) -> int | float | str | bool | None:
        r"""
        The value the SDK assumes when the field is absent (used by estimates, never added to requests).
        """
    @property
    def assumption(self) -> typing.Optional[builtins.str]:
        r"""
        Why the SDK adds something the model's page does not give (a bound, a media type), if it does.
        """
    def __repr__(self) -> builtins.str: ...

@typing.final
class Image:
    r"""
    An inline image, ready to pass as a field value: ``start_frame=omixa.Image.from_path("first.png")``.
    
    Holds a ``data:<media type>;base64,...`` URL. The media type is sniffed from the bytes (PNG, JPEG, WebP,
    and the other types the core recognises) unless given. In a request it becomes the object form the
    gateway takes, ``{"type": "image_url", "image_url": {"url": "data:..."}}``.
    """
    @property
    def media_type(self) -> builtins.str:
        r"""
        The media type, e.g. ``"image/png"``.
        """
    @property
    def data_url(self) -> builtins.str:
        r"""
        The ``data:<media type>;base64,...`` URL.
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...
    @staticmethod
    def from_path(path: _StrPath) -> Image:
        r"""
        Reads an image file. Raises ``OSError`` if it cannot be read, ``ValueError`` if its type cannot be
        told from its bytes.
        """
    @staticmethod
    def from_bytes(data: bytes | bytearray, mime: typing.Optional[builtins.str] = None) -> Image:
        r"""
        Wraps image bytes (``bytes`` or ``bytearray``). ``mime`` is the media type, e.g. ``"image/png"``;
        when ``None`` it is sniffed from the bytes, and ``ValueError`` is raised if it cannot be.
        """
    def to_dict(self) -> dict[str, typing.Any]:
        r"""
        The object form the gateway takes: ``{"type": "image_url", "image_url": {"url": ...}}``.
        """
    def __repr__(self) -> builtins.str: ...

@typing.final
class Issue:
    r"""
    One problem found in a request.
    
    ``code`` is stable (the same strings in every omixa language and the CLI); ``path`` is the JSON pointer
    of the key as the caller wrote it (``/seconds``, ``/reference_images/1``; empty for the whole request);
    ``field`` the canonical field name when the issue is about a known field; ``message`` a sentence for
    people; ``suggestion`` what to do instead, when there is something to suggest.
    """
    @property
    def code(self) -> _tables.IssueCode:
        r"""
        The stable code, e.g. ``"out_of_range"``.
        """
    @property
    def path(self) -> builtins.str:
        r"""
        JSON pointer to the key as written, e.g. ``"/seconds"``.
        """
    @property
    def field(self) -> typing.Optional[builtins.str]:
        r"""
        The canonical field name, when the issue is about a known field.
        """
    @property
    def message(self) -> builtins.str:
        r"""
        A sentence for people.
        """
    @property
    def suggestion(self) -> typing.Optional[builtins.str]:
        r"""
        What to do instead, e.g. ``"did you mean `duration_seconds`?"``, when there is something to suggest.
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...
    def to_dict(self) -> dict[str, str | None]:
        r"""
        The issue as a plain dict with the keys ``code``, ``path``, ``field``, ``message``, ``suggestion``.
        """
    def __repr__(self) -> builtins.str: ...
    def __str__(self) -> builtins.str: ...

@typing.final
class Job:
    r"""
    A video-generation job, as the gateway last reported it.
    
    ``operation`` is its id (pass the job or the id to ``status``; store the id to come back later),
    ``status`` is ``"running"``, ``"succeeded"`` or ``"failed"`` (or a status this SDK does not know, kept as
    sent), ``data`` lists the result videos once it succeeded, ``error`` says why it failed.
    """
    @property
    def operation(self) -> builtins.str:
        r"""
        The job's id.
        """
    @property
    def model(self) -> builtins.str:
        r"""
        The model id.
        """
    @property
    def provider(self) -> builtins.str:
        r"""
        The provider that runs the job, e.g. ``"google"``.
        """
    @property
    def status(self) -> builtins.str:
        r"""
        ``"running"``, ``"succeeded"``, ``"failed"``, or another status as the gateway sent it.
        """
    @property
    def is_final(self) -> builtins.bool:
        r"""
        Whether the job will not change any more (it succeeded or failed).
        """
    @property
    def poll_after_seconds(self) -> typing.Optional[builtins.float]:
        r"""
        How long the gateway suggests waiting before the next status call, in seconds.
        """
    @property
    def data(self) -> builtins.list[VideoOutput]:
        r"""
        The result videos, once the job has succeeded.
        """
    @property
    def error(self) -> typing.Optional[builtins.str]:
        r"""
        Why the job failed, when it did.
        """
    @property
    def idempotency_key(self) -> typing.Optional[builtins.str]:
        r"""
        The ``Idempotency-Key`` the job was created with (``None`` for a job only known by its operation):
        creating the same request with this key again returns this job instead of making, and billing, a new one.
        """
    def to_dict(self) -> dict[str, typing.Any]:
        r"""
        The job as the gateway's JSON shape (a dict), including members this SDK does not model and its
        ``idempotency_key``. ``Job.from_dict`` restores it, e.g. in another process, to ``wait`` or ``download``.
        """
    @staticmethod
    def from_dict(data: collections.abc.Mapping[str, typing.Any]) -> Job:
        r"""
        A job from its JSON shape (as ``to_dict`` returns it), e.g. one stored earlier.
        """
    def __repr__(self) -> builtins.str: ...

@typing.final
class ModelInfo:
    r"""
    A model of the catalog, as returned by ``omixa.models()``.
    """
    @property
    def id(self) -> builtins.str:
        r"""
        The model id to put in ``model``, e.g. ``"veo-3.1-lite-generate-001"``.
        """
    @property
    def name(self) -> builtins.str:
        r"""
        Human name, e.g. ``"Veo 3.1 Lite"``.
        """
    @property
    def description(self) -> builtins.str: ...
    @property
    def provider(self) -> builtins.str:
        r"""
        The provider named on the model's page, e.g. ``"google"``.
        """
    @property
    def source(self) -> builtins.str:
        r"""
        The published model page the catalog entry is traced to.
        """
    @property
    def endpoint(self) -> builtins.str:
        r"""
        The endpoint type, e.g. ``"google_veo_video_jobs"``.
        """
    @property
    def price_per_second(self) -> typing.Optional[decimal.Decimal]:
        r"""
        Price of one second of one video, or ``None`` when the model's page publishes no price.
        """
    @property
    def minimum_hold(self) -> typing.Optional[decimal.Decimal]:
        r"""
        The least amount held when a job is created, or ``None`` without a published price.
        """
    @property
    def currency(self) -> typing.Optional[builtins.str]:
        r"""
        ISO 4217 code of the prices, or ``None`` without a published price.
        """
    @property
    def fields(self) -> builtins.list[FieldInfo]:
        r"""
        The request fields, in the order of the model's page.
        """
    @property
    def omitted(self) -> builtins.list[builtins.str]:
        r"""
        Fields of the shared definitions that this model does not accept, e.g. ``["sample_count"]``.
        """
    def __repr__(self) -> builtins.str: ...

@typing.final
class VideoOutput:
    r"""
    One result video of a job: its ``url`` and ``content_type`` (e.g. ``"video/mp4"``).
    """
    @property
    def url(self) -> builtins.str:
        r"""
        Where to download the video from (``download`` does it for you).
        """
    @property
    def content_type(self) -> typing.Optional[builtins.str]:
        r"""
        The media type, e.g. ``"video/mp4"``, when the gateway gave one.
        """
    def __repr__(self) -> builtins.str: ...

@typing.final
class Videos:
    r"""
    The jobs API of a ``Client`` (``client.videos``). Each call blocks, with the GIL released, until it is done;
    Ctrl-C interrupts it within a fraction of a second.
    """
    create: _models.CreateVideo[Job]
    r"""
    Creates a job: ``create(model=..., prompt=..., ...)`` (keywords typed per model), or
    ``create(request_dict)``. Options: ``lenient``, ``idempotency_key``, ``unchecked``.
    """
    def status(self, job: Job | str, /, *, model: typing.Optional[builtins.str] = None) -> Job:
        r"""
        The job's current state. ``job`` is a ``Job`` or an operation id; ``model`` (default: the job's)
        selects how the gateway is asked.
        """
    def wait(self, job: Job, /, *, timeout: typing.Optional[builtins.float] = None, on_progress: collections.abc.Callable[[Job], object] | None = None) -> Job:
        r"""
        Polls the job until it is final and returns it, at the pace the gateway asks for.
        
        ``timeout`` is the overall limit in seconds (default 15 minutes; then ``TimeoutError`` with the last
        state). A poll that fails for a transient reason (the gateway unreachable, rate limited, a 5xx) does
        not end the wait: polling goes on until the job is final or the timeout passes. ``on_progress`` is
        called after every poll with the job's last known state, on the calling thread; an exception it raises
        ends the wait and propagates. A failed job raises ``JobFailedError``. Any other error carries the
        job's ``operation`` and ``idempotency_key``, to wait again later.
        """
    def download(self, job: Job, directory: _StrPath, /, *, overwrite: builtins.bool = False) -> list[pathlib.Path]:
        r"""
        Downloads every result video of a succeeded job into ``directory`` (created if missing), streaming
        each to disk, and returns the files' paths in the order of ``job.data``. File names come from the job,
        never the URL: ``<operation>-<index>.mp4``. A file already there is a complete earlier download and
        is kept, unless ``overwrite``. Limits (64 outputs, 4 GiB per file, 60 s without data, 30 minutes in
        all) raise ``DownloadError``.
        """
    @typing.overload
    def batch(self, requests: collections.abc.Iterable[collections.abc.Mapping[str, typing.Any]], /, *, out: _StrPath, concurrency: builtins.int = 4, budget: decimal.Decimal | str | None = None, on_progress: collections.abc.Callable[[_batch.BatchProgress], object] | None = None, timeout: typing.Optional[builtins.float] = None, lenient: builtins.bool = False, dry_run: typing.Literal[False] = False) -> _batch.BatchReport:
        r"""
        Runs many jobs, at most ``concurrency`` at a time, within ``budget``, resumably; returns a
        ``BatchReport`` (``BatchPlan`` with ``dry_run=True``: everything checked, nothing sent).
        
        ``requests`` is an iterable of request dicts or ``{"id": ..., "request": {...}}`` (the id names the
        videos, ``OUT/<id>-<index>.mp4``; default the item's position from 1); it is read to the end before
        anything is sent. Every item is checked first: any problem raises ``BatchInputError`` listing them all,
        and nothing is created. ``out`` holds the videos, ``batch-report.json`` and the journal
        (``.omixa/journal.sqlite``): calling ``batch`` again with the same requests and ``out`` resumes, never
        creating a job twice. ``budget`` (a ``Decimal`` or ``str``, never a float) bounds what running jobs hold
        plus what finished ones cost; jobs that cannot fit end ``skipped_budget``. ``timeout`` bounds each
        job's wait, in seconds. ``on_progress(progress)`` gets a ``BatchProgress`` after every change, on the
        calling thread; an exception it raises, or Ctrl-C, cancels the batch (the journal stays consistent) and
        is raised once the batch has stopped.
        """
    @typing.overload
    def batch(self, requests: collections.abc.Iterable[collections.abc.Mapping[str, typing.Any]], /, *, out: _StrPath, concurrency: int = 4, budget: decimal.Decimal | str | None = None, on_progress: collections.abc.Callable[[_batch.BatchProgress], object] | None = None, timeout: float | None = None, lenient: bool = False, dry_run: typing.Literal[True]) -> _batch.BatchPlan: ...
    @typing.overload
    def batch(self, requests: collections.abc.Iterable[collections.abc.Mapping[str, typing.Any]], /, *, out: _StrPath, concurrency: int = 4, budget: decimal.Decimal | str | None = None, on_progress: collections.abc.Callable[[_batch.BatchProgress], object] | None = None, timeout: float | None = None, lenient: bool = False, dry_run: bool = False) -> _batch.BatchReport | _batch.BatchPlan: ...
    def __repr__(self) -> builtins.str: ...

@typing.final
class _Emulator:
    r"""
    A running emulator; `stop()` ends it (dropping it does too, without waiting).
    """
    @property
    def base_url(self) -> builtins.str:
        r"""
        `http://127.0.0.1:<port>`.
        """
    @property
    def api_key(self) -> builtins.str:
        r"""
        The key clients must send.
        """
    @staticmethod
    def start(*, job_seconds: builtins.float, job_seconds_max: typing.Optional[builtins.float], seed: typing.Optional[builtins.int], api_key: typing.Optional[builtins.str], accounts: builtins.int, faults: collections.abc.Mapping[str, typing.Any], dashboard: builtins.bool, catalog: Catalog | _StrPath | None = None) -> _Emulator:
        r"""
        Starts an emulator on a free loopback port.
        """
    def faults(self) -> dict[str, typing.Any]:
        r"""
        The faults in force, as a dict of `omixa.testing.Faults` fields.
        """
    def set_faults(self, faults: collections.abc.Mapping[str, typing.Any]) -> None:
        r"""
        Replaces the faults from the next request on.
        """
    def usage(self) -> dict[str, typing.Any]:
        r"""
        The ledger: `{"records": [...], "creates", "idempotent_replays"}`, amounts as `Decimal`.
        """
    def job_requests(self) -> builtins.int:
        r"""
        Job requests (creates and status calls) served so far, faulted ones included.
        """
    def stop(self) -> None:
        r"""
        Stops accepting connections and waits until open ones are done. Stopping twice does nothing.
        """
    def __repr__(self) -> builtins.str: ...

@typing.final
class _ValidationIssues:
    r"""
    The issues of a ``ValidationError`` omixa raised, kept as the core's data. ``omixa._errors.ValidationError``
    builds its message and its ``Issue`` objects from them the first time either is read, so a caller that
    catches the error and moves on never pays for the sentences nor for their "did you mean" searches.
    """
    def message(self) -> builtins.str:
        r"""
        The error's message: the number of issues, then one line per issue.
        """
    def issues(self) -> builtins.list[Issue]:
        r"""
        The issues as ``Issue`` objects, in the order they were found.
        """

def _panic(message: builtins.str) -> None:
    r"""
    Panics, for the tests that check a panic surfaces as `OmixaError` and never as `PanicException`.
    """

def estimate(request: collections.abc.Mapping[str, typing.Any], /, *, lenient: builtins.bool = False) -> Estimate:
    r"""
    Estimates what a request costs, in exact decimals.
    
    Validates the request first (raising ``ValidationError`` as ``validate`` does), then returns an
    ``Estimate``: cost = price per second × duration × sample count, hold = the cost but at least the model's
    minimum hold. Defaults the request leaves out (duration, sample count) are assumed and listed in
    ``assumed``. For a model whose page publishes no price, the estimate has ``priced=False`` and a
    ``reason``, and its money fields are ``None``: no price is ever invented.
    """

def load_catalog(folder: _StrPath) -> Catalog:
    r"""
    Loads a catalog folder laid out like the SDK's ``spec/`` (``models/``, optionally ``fields/`` and
    ``endpoints/``) and returns the built-in models plus its own.
    
    Its models may include the built-in field sets and endpoint types by name. Raises ``ConfigurationError``
    listing every problem as ``file:line:col: message``; a model id that is already built in is one.
    """

def models() -> builtins.list[ModelInfo]:
    r"""
    Every model of the catalog (the built-in ones and `OMIXA_CATALOG`'s), in id order.
    """

def validate(request: collections.abc.Mapping[str, typing.Any], /, *, lenient: builtins.bool = False) -> dict[str, typing.Any]:
    r"""
    Validates a request and returns it normalized.
    
    ``request`` is a dict as the gateway takes it (any alias allowed, ``omixa.Image`` values allowed). The
    result is a new dict: canonical field names (``seconds`` becomes ``duration_seconds``...), inline images
    in object form, and ``video_operation`` inferred when absent. Nothing else is added or dropped, except in
    ``lenient`` mode, where fields the model does not accept are dropped with a ``DroppedFieldWarning``.
    
    Raises ``ValidationError`` (a ``ValueError``) listing every issue at once, or ``TypeError`` for a value
    JSON cannot carry.
    """

