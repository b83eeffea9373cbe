"""The exceptions and warnings omixa raises.

Every exception derives from :class:`OmixaError`. Some also derive from the built-in exception a Python
programmer would reach for (``ValueError``, ``TimeoutError``, ``ConnectionError``, ``OSError``), so
``except TimeoutError`` catches an omixa timeout too.

The classes are defined here, in Python, rather than with PyO3's ``create_exception!``: several need two
bases (``ValidationError`` is an ``OmixaError`` and a ``ValueError``), which that macro cannot express. The
native module raises them by the class name the generated table ``omixa._tables.ERROR_CLASSES`` gives for
each error kind (one exhaustive map from the core's error enums, shared with the Node package).
"""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING, Any, Optional, Sequence, Union

if TYPE_CHECKING:
    from omixa._batch import BatchProblem
    from omixa._native import Issue, Job
    from omixa._tables import BatchErrorKind

__all__ = [
    "APIError",
    "AuthenticationError",
    "BatchError",
    "BatchInputError",
    "BatchOptionsError",
    "BudgetRefusedError",
    "CancelledError",
    "ConfigurationError",
    "ConnectionError",
    "DownloadError",
    "DroppedFieldWarning",
    "FileError",
    "InvalidResponseError",
    "JobFailedError",
    "JobNotReadyError",
    "JournalError",
    "JournalMismatchError",
    "OmixaError",
    "RateLimitError",
    "TimeoutError",
    "ValidationError",
]


# The slot behind `BaseException.args`, which `ValidationError` reads and writes under its own `args`.
_EXCEPTION_ARGS: Any = BaseException.__dict__["args"]


class OmixaError(Exception):
    """Base class of every error omixa raises.

    Raised as itself only for an internal error (a bug in omixa, such as a Rust panic, which never crashes
    the interpreter); everything else raises one of the subclasses.

    An error raised after a job may exist says how to find it again, so nothing is lost or paid twice:
    ``operation`` is the job's id once the gateway has answered the create (``client.videos.wait`` it, e.g.
    with ``Job.from_dict({"operation": error.operation, "status": "running"})``), and ``idempotency_key`` is
    the create's key (create the same request again with ``idempotency_key=error.idempotency_key``: the
    gateway returns the job it made, or makes it once). Both are ``None`` when unknown or when no job can
    exist (an invalid request, a rejected key at create).
    """

    operation: Optional[str] = None
    idempotency_key: Optional[str] = None


class ConfigurationError(OmixaError, ValueError):
    """The client cannot be used as configured: no API key, or a base URL that is not HTTPS (plain HTTP is
    allowed to loopback addresses only). Nothing was sent."""


class ValidationError(OmixaError, ValueError):
    """The request is invalid. Nothing was sent.

    ``issues`` lists every problem found, all at once, each an :class:`omixa.Issue` with a stable ``code``
    (``missing_field``, ``unknown_model``, ``unknown_field``, ``invalid_type``, ``out_of_range``,
    ``not_accepted``, ``alias_conflict``, ``invalid_media``, ``missing_for_operation``,
    ``not_for_operation``), the JSON pointer ``path`` of the key as written, the canonical ``field``, a
    ``message`` and, where there is one, a ``suggestion``.
    """

    issues: list[Issue]

    def __init__(self, message: str, issues: Sequence[Issue] = ()) -> None:
        super().__init__(message)
        self.issues = list(issues)

    @property
    def codes(self) -> list[str]:
        """The issues' codes, in order."""
        return [issue.code for issue in self.issues]

    # The errors `validate` and `estimate` raise are made without `__init__`: the native module sets only
    # `_native`, the core's issues as they are (`omixa._native._ValidationIssues`). `issues` and the message
    # are built from it when first read, so code that catches the error and moves on pays for neither the
    # `Issue` objects nor the sentences and their "did you mean" searches. Once its message is read, such an
    # error is exactly what `__init__` makes, and `_native` is gone.

    if not TYPE_CHECKING:  # to a type checker, a class with `__getattr__` has every attribute

        def __getattr__(self, name: str) -> Any:
            # Called only for an attribute that is not set: `issues`, before they are built.
            native = self.__dict__.get("_native") if name == "issues" else None
            if native is None:
                return object.__getattribute__(self, name)  # the usual AttributeError
            self.issues = issues = native.issues()
            return issues

    def _build_message(self) -> None:
        native = self.__dict__.pop("_native", None)
        if native is not None:
            _EXCEPTION_ARGS.__set__(self, (native.message(),))
            if "issues" not in self.__dict__:
                self.issues = native.issues()

    @property
    def args(self) -> tuple[Any, ...]:
        self._build_message()
        args: tuple[Any, ...] = _EXCEPTION_ARGS.__get__(self)
        return args

    @args.setter
    def args(self, value: tuple[Any, ...]) -> None:
        self._build_message()
        _EXCEPTION_ARGS.__set__(self, value)

    def __str__(self) -> str:
        self._build_message()
        return super().__str__()

    def __repr__(self) -> str:
        self._build_message()
        return super().__repr__()

    def __reduce__(self) -> Union[str, tuple[Any, ...]]:
        self._build_message()
        return super().__reduce__()


class APIError(OmixaError):
    """The gateway answered with an error.

    ``status_code`` is the HTTP status, ``request_id`` the gateway's request id (quote it to support) when it
    sent one, ``body`` the response body as text (at most 8 KiB) when there is one, and ``retry_after`` the
    delay the server asked for (``Retry-After``, on a 429 or a 503), in seconds, when it gave one.
    """

    status_code: int
    request_id: Optional[str]
    body: Optional[str]
    retry_after: Optional[float]

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        request_id: Optional[str] = None,
        body: Optional[str] = None,
        retry_after: Optional[float] = None,
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.request_id = request_id
        self.body = body
        self.retry_after = retry_after


class AuthenticationError(APIError):
    """The gateway rejected the API key (HTTP 401 or 403)."""


class RateLimitError(APIError):
    """HTTP 429, once the client's retries were spent (or at once, when the server asked for a longer wait
    than the client sleeps). ``retry_after`` is the delay the server asked for, in seconds, if it gave one."""

    def __init__(
        self,
        message: str,
        *,
        status_code: int = 429,
        request_id: Optional[str] = None,
        body: Optional[str] = None,
        retry_after: Optional[float] = None,
    ) -> None:
        super().__init__(
            message, status_code=status_code, request_id=request_id, body=body, retry_after=retry_after
        )


class InvalidResponseError(APIError):
    """A response arrived but is not one the API gives: not JSON, cut short, of the wrong shape, or with a
    result URL that breaks the transport rule."""


class ConnectionError(OmixaError, builtins.ConnectionError):
    """No complete response arrived: the connection was refused or reset, or a read timed out. The client
    already retried what was safe to retry."""


class TimeoutError(OmixaError, builtins.TimeoutError):
    """The job was not finished when ``wait``'s timeout ran out. It may still finish: ``job`` is its last
    known state; wait again, or check its status later. ``timeout`` is the limit, in seconds."""

    job: Job
    timeout: float

    def __init__(self, message: str, *, job: Job, timeout: float) -> None:
        super().__init__(message)
        self.job = job
        self.timeout = timeout


class JobFailedError(OmixaError):
    """The job ended with status ``failed``. ``job`` is its final state (``job.error`` says why)."""

    job: Job

    def __init__(self, message: str, *, job: Job) -> None:
        super().__init__(message)
        self.job = job


class JobNotReadyError(OmixaError):
    """``download`` was given a job that has not succeeded yet. ``job`` is the job as given."""

    job: Job

    def __init__(self, message: str, *, job: Job) -> None:
        super().__init__(message)
        self.job = job


class CancelledError(OmixaError):
    """The call was cancelled before it finished."""


class DownloadError(OmixaError):
    """``download`` stopped at one of its limits; the partial file was removed. ``limit`` says which:
    ``too_large`` (a file past the size limit), ``stalled`` (no data for the stall timeout, after the
    retries), ``deadline`` (the whole download took too long) or ``too_many_outputs`` (the job lists more
    results than are downloaded)."""

    limit: str

    def __init__(self, message: str, *, limit: str) -> None:
        super().__init__(message)
        self.limit = limit


class FileError(OmixaError, OSError):
    """A local file or folder could not be created or written (during ``download``). ``errno``,
    ``strerror`` and ``filename`` are set as for any ``OSError``."""


class DroppedFieldWarning(UserWarning):
    """Lenient validation dropped a field the model does not accept. ``issue`` describes it (code
    ``unknown_field``, with the ``path`` of the dropped key)."""

    issue: Issue

    def __init__(self, message: str, issue: Issue) -> None:
        super().__init__(message)
        self.issue = issue


class BatchError(OmixaError):
    """A batch did not run, or stopped (a job's own failure is a row of the report, not an error).

    ``kind`` is the core's stable name for what went wrong (``invalid_input``, ``budget_refused``,
    ``journal_mismatch``, ``invalid_options``, ``journal``, ``journal_corrupt``, ``journal_too_new``,
    ``journal_claim_lost``); each has its subclass. The output folder's journal stays consistent: a rerun
    resumes.
    """

    kind: BatchErrorKind

    def __init__(self, message: str, *, kind: BatchErrorKind) -> None:
        super().__init__(message)
        self.kind = kind


class BatchInputError(BatchError, ValidationError):
    """Items of the batch are invalid; nothing was created. ``problems`` lists every one, each a
    :class:`omixa.BatchProblem` (``line``, ``path``, ``code``, ``message``)."""

    problems: list[BatchProblem]

    def __init__(
        self, message: str, *, kind: BatchErrorKind, problems: Sequence[BatchProblem] = ()
    ) -> None:
        BatchError.__init__(self, message, kind=kind)
        self.issues = []
        self.problems = list(problems)


class BudgetRefusedError(BatchError, ValueError):
    """The budget cannot bound these jobs (they mix currencies, or a model has no published price); nothing
    was created."""


class JournalMismatchError(BatchError):
    """The output folder's journal belongs to different requests: use another folder, or run the same
    requests again to resume."""


class BatchOptionsError(BatchError, ValueError):
    """The batch's options cannot be used (a concurrency of 0, a budget out of range)."""


class JournalError(BatchError):
    """The output folder's journal could not be used: a database failure (``kind`` ``journal``; running again
    resumes), a corrupt or newer journal (``journal_corrupt``, ``journal_too_new``), or a job claimed by another
    process (``journal_claim_lost``)."""


# Shown as `omixa.ValidationError` (where users import them from) in tracebacks and reprs.
for _name in __all__:
    globals()[_name].__module__ = "omixa"
del _name
