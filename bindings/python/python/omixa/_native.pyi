"""Type stub of the native module ``omixa._native`` (hand-written; checked by ``python -m mypy.stubtest``).

The catalog's types (per-model request TypedDicts, accepted-value Literals, the keyword overloads of
``videos.create``) are generated from ``spec/`` into ``omixa/_models.pyi``; this file only uses them.
"""

import os
from collections.abc import Awaitable, Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Literal, Optional, Union, final, overload

from omixa._batch import BatchPlan, BatchProgress, BatchReport
from omixa._models import CreateVideo, VideoRequest
from omixa._tables import IssueCode

__version__: str

_StrPath = Union[str, "os.PathLike[str]"]

def validate(request: Mapping[str, Any], /, *, lenient: bool = False) -> dict[str, Any]:
    """Validates a request and returns it normalized (canonical names, object-form images, the operation
    inferred). Raises ``ValidationError`` with every issue."""

def estimate(request: Mapping[str, Any], /, *, lenient: bool = False) -> Estimate:
    """Validates a request and estimates its cost in exact decimals (``priced=False`` for a model without a
    published price)."""

def models() -> list[ModelInfo]:
    """Every model of the catalog (the built-in ones and ``OMIXA_CATALOG``'s), in id order."""

def load_catalog(folder: _StrPath) -> Catalog:
    """The built-in models plus those of a catalog folder laid out like ``spec/``; raises
    ``ConfigurationError`` listing every problem as ``file:line:col: message``."""

@final
class Catalog:
    """Built-in models plus a folder's (``load_catalog``); the typed stubs do not know the folder's models."""

    def models(self) -> list[ModelInfo]: ...
    def origin(self, model: str) -> Optional[str]: ...
    def validate(self, request: Mapping[str, Any], /, *, lenient: bool = False) -> dict[str, Any]: ...
    def estimate(self, request: Mapping[str, Any], /, *, lenient: bool = False) -> Estimate: ...

def _panic(message: str) -> None: ...
@final
class Issue:
    """One problem found in a request."""

    @property
    def code(self) -> IssueCode: ...
    @property
    def path(self) -> str: ...
    @property
    def field(self) -> Optional[str]: ...
    @property
    def message(self) -> str: ...
    @property
    def suggestion(self) -> Optional[str]: ...
    def to_dict(self) -> dict[str, Optional[str]]: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class Estimate:
    """What a request costs (``omixa.estimate``)."""

    @property
    def model(self) -> str: ...
    @property
    def priced(self) -> bool: ...
    @property
    def cost(self) -> Optional[Decimal]: ...
    @property
    def hold(self) -> Optional[Decimal]: ...
    @property
    def currency(self) -> Optional[str]: ...
    @property
    def duration_seconds(self) -> Optional[Decimal]: ...
    @property
    def sample_count(self) -> Optional[int]: ...
    @property
    def assumed(self) -> list[str]: ...
    @property
    def reason(self) -> Optional[str]: ...

@final
class ModelInfo:
    """A model of the catalog (``omixa.models()``)."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def provider(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def endpoint(self) -> str: ...
    @property
    def price_per_second(self) -> Optional[Decimal]: ...
    @property
    def minimum_hold(self) -> Optional[Decimal]: ...
    @property
    def currency(self) -> Optional[str]: ...
    @property
    def fields(self) -> list[FieldInfo]: ...
    @property
    def omitted(self) -> list[str]: ...

@final
class FieldInfo:
    """One request field of a model."""

    @property
    def name(self) -> str: ...
    @property
    def aliases(self) -> list[str]: ...
    @property
    def type(self) -> str: ...
    @property
    def required(self) -> bool: ...
    @property
    def description(self) -> str: ...
    @property
    def accepted(self) -> list[str]: ...
    @property
    def media_types(self) -> list[str]: ...
    @property
    def minimum(self) -> Optional[Union[int, float]]: ...
    @property
    def maximum(self) -> Optional[Union[int, float]]: ...
    @property
    def default(self) -> Optional[Union[int, float, str, bool]]: ...
    @property
    def assumption(self) -> Optional[str]: ...

@final
class Image:
    """An inline image, ready to pass as a field value."""

    @staticmethod
    def from_path(path: _StrPath) -> Image: ...
    @staticmethod
    def from_bytes(data: Union[bytes, bytearray], mime: Optional[str] = None) -> Image: ...
    @property
    def media_type(self) -> str: ...
    @property
    def data_url(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class VideoOutput:
    """One result video of a job."""

    @property
    def url(self) -> str: ...
    @property
    def content_type(self) -> Optional[str]: ...

@final
class Job:
    """A video-generation job, as the gateway last reported it."""

    @property
    def operation(self) -> str: ...
    @property
    def model(self) -> str: ...
    @property
    def provider(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def is_final(self) -> bool: ...
    @property
    def poll_after_seconds(self) -> Optional[float]: ...
    @property
    def data(self) -> list[VideoOutput]: ...
    @property
    def error(self) -> Optional[str]: ...
    @property
    def idempotency_key(self) -> Optional[str]:
        """The key the job was created with: creating the same request with it again returns this job."""
    def to_dict(self) -> dict[str, Any]:
        """The job's JSON shape, ``idempotency_key`` included; ``Job.from_dict`` restores it to wait or download."""
    @staticmethod
    def from_dict(data: Mapping[str, Any]) -> Job:
        """A job from ``to_dict``'s shape (stored earlier, maybe by another process); ``operation`` and
        ``status`` are required."""

@final
class Client:
    """The Omixa client (sync). Safe to share between threads."""

    def __new__(
        cls,
        api_key: Optional[str] = None,
        base_url: Optional[str] = None,
        *,
        timeout: Optional[float] = None,
        request_timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
        catalog: Union[Catalog, _StrPath, None] = None,
    ) -> Client: ...
    @property
    def videos(self) -> Videos: ...
    @property
    def base_url(self) -> str: ...

@final
class Videos:
    """The jobs API of a ``Client``."""

    create: CreateVideo[Job]
    """Creates a job: ``create(model=..., prompt=..., ...)`` (keywords typed per model), or
    ``create(request_dict)``. Options: ``lenient``, ``idempotency_key``, ``unchecked``."""

    def status(self, job: Union[Job, str], /, *, model: Optional[str] = None) -> Job: ...
    def wait(
        self,
        job: Job,
        /,
        *,
        timeout: Optional[float] = None,
        on_progress: Optional[Callable[[Job], object]] = None,
    ) -> Job: ...
    def download(self, job: Job, directory: _StrPath, /, *, overwrite: bool = False) -> list[Path]: ...
    @overload
    def batch(
        self,
        requests: Iterable[Mapping[str, Any]],
        /,
        *,
        out: _StrPath,
        concurrency: int = 4,
        budget: Union[Decimal, str, None] = None,
        on_progress: Optional[Callable[[BatchProgress], object]] = None,
        timeout: Optional[float] = None,
        lenient: bool = False,
        dry_run: Literal[False] = False,
    ) -> BatchReport: ...
    @overload
    def batch(
        self,
        requests: Iterable[Mapping[str, Any]],
        /,
        *,
        out: _StrPath,
        concurrency: int = 4,
        budget: Union[Decimal, str, None] = None,
        on_progress: Optional[Callable[[BatchProgress], object]] = None,
        timeout: Optional[float] = None,
        lenient: bool = False,
        dry_run: Literal[True],
    ) -> BatchPlan: ...

@final
class AsyncClient:
    """The Omixa client (asyncio)."""

    def __new__(
        cls,
        api_key: Optional[str] = None,
        base_url: Optional[str] = None,
        *,
        timeout: Optional[float] = None,
        request_timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
        catalog: Union[Catalog, _StrPath, None] = None,
    ) -> AsyncClient: ...
    @property
    def videos(self) -> AsyncVideos: ...
    @property
    def base_url(self) -> str: ...

@final
class AsyncVideos:
    """The jobs API of an ``AsyncClient``: every method returns an awaitable."""

    create: CreateVideo[Awaitable[Job]]
    def status(self, job: Union[Job, str], /, *, model: Optional[str] = None) -> Awaitable[Job]: ...
    def wait(
        self,
        job: Job,
        /,
        *,
        timeout: Optional[float] = None,
        on_progress: Optional[Callable[[Job], object]] = None,
    ) -> Awaitable[Job]: ...
    def download(
        self, job: Job, directory: _StrPath, /, *, overwrite: bool = False
    ) -> Awaitable[list[Path]]: ...
    @overload
    def batch(
        self,
        requests: Iterable[Mapping[str, Any]],
        /,
        *,
        out: _StrPath,
        concurrency: int = 4,
        budget: Union[Decimal, str, None] = None,
        on_progress: Optional[Callable[[BatchProgress], object]] = None,
        timeout: Optional[float] = None,
        lenient: bool = False,
        dry_run: Literal[False] = False,
    ) -> Awaitable[BatchReport]: ...
    @overload
    def batch(
        self,
        requests: Iterable[Mapping[str, Any]],
        /,
        *,
        out: _StrPath,
        concurrency: int = 4,
        budget: Union[Decimal, str, None] = None,
        on_progress: Optional[Callable[[BatchProgress], object]] = None,
        timeout: Optional[float] = None,
        lenient: bool = False,
        dry_run: Literal[True],
    ) -> Awaitable[BatchPlan]: ...

@final
class _Emulator:
    """The native half of ``omixa.testing.Emulator``: the local emulator in-process."""

    @staticmethod
    def start(
        *,
        job_seconds: float,
        job_seconds_max: Optional[float],
        seed: Optional[int],
        api_key: Optional[str],
        accounts: int,
        faults: Mapping[str, Any],
        dashboard: bool,
        catalog: Union[Catalog, _StrPath, None] = None,
    ) -> _Emulator: ...
    @property
    def base_url(self) -> str: ...
    @property
    def api_key(self) -> str: ...
    def faults(self) -> dict[str, Any]: ...
    def set_faults(self, faults: Mapping[str, Any]) -> None: ...
    def usage(self) -> dict[str, Any]: ...
    def job_requests(self) -> int: ...
    def stop(self) -> None: ...

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
    "__version__",
    "_panic",
    "estimate",
    "load_catalog",
    "models",
    "validate",
]
