"""Test your program against a local Omixa emulator: no API key, no network, no bill.

The emulator runs in this process (on the package's native runtime) on a free loopback port. It serves the
jobs API with the gateway's validation, billing (hold, charge, release) and result videos, and injects the
faults a real network has: rate limits, server errors, dropped connections, cut bodies, latency, failed
provider routes and failed jobs::

    from omixa.testing import Emulator, Faults

    with Emulator(job_seconds=0, faults=Faults(rate_limit_every=3), seed=1) as emulator:
        client = emulator.client()
        job = client.videos.wait(client.videos.create(model="veo-3.1-lite-generate-001", prompt="x"))
        emulator.set_faults(job_failure_rate=1.0)       # from now on, every job fails
        print(emulator.usage().records)                 # hold, charge: amounts as Decimal

With pytest, the fixtures ``omixa_emulator`` (a fresh emulator per test, jobs finish at once) and
``omixa_client`` (a ``Client`` pointed at it) need no import: this package registers them as a pytest plugin.
"""

from __future__ import annotations

import asyncio
import os
import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from types import TracebackType
from typing import Any, Literal, Optional, Union

from omixa._native import AsyncClient, Catalog, Client, _Emulator

__all__ = ["Emulator", "Faults", "Usage", "UsageRecord"]


@dataclass(frozen=True)
class Faults:
    """What goes wrong, and how often. Counts (``*_every``) number the job requests (creates and status
    polls) from 1; request *n* gets the first fault whose count divides it. ``None`` turns a fault off.

    - ``rate_limit_every``: answer 429 with ``Retry-After: retry_after_seconds``; the request is not acted on.
    - ``fail_every``: answer 500; not acted on.
    - ``drop_every``: act on it (a create makes its job), then cut the connection halfway through the answer.
    - ``malformed_every``: act on it, then answer 200 with the JSON body cut in half.
    - ``latency_ms``: delay every request before it is handled; ``answer_latency_ms``: after.
    - ``job_failure_rate``: probability (0 to 1) that a job fails after it started; its hold is released.
    - ``route_failure_rate``: probability that a provider account's route fails; the next account takes over.
    """

    rate_limit_every: Optional[int] = None
    retry_after_seconds: int = 1
    fail_every: Optional[int] = None
    drop_every: Optional[int] = None
    malformed_every: Optional[int] = None
    latency_ms: int = 0
    answer_latency_ms: int = 0
    job_failure_rate: float = 0.0
    route_failure_rate: float = 0.0


@dataclass(frozen=True)
class UsageRecord:
    """One line of the emulator's ledger."""

    seq: int
    """Position in the ledger, from 1."""
    kind: Literal["hold", "charge", "release"]
    """``hold`` at create; then ``charge`` when the job succeeded, or ``release`` when it failed."""
    operation: str
    model: str
    account: Optional[str]
    """The simulated provider account that ran the job, if any did."""
    amount: Decimal
    currency: Optional[str]
    """``None`` for a model without a published price (held and charged 0)."""
    note: Optional[str]


@dataclass(frozen=True)
class Usage:
    """The emulator's ledger: every record, oldest first, and how many creates made a job."""

    records: tuple[UsageRecord, ...]
    creates: int
    """Creates that made a job (a replay of an ``Idempotency-Key`` makes none)."""
    idempotent_replays: int
    """Creates answered with the job an earlier create of the same ``Idempotency-Key`` made."""

    def of(self, operation: str) -> tuple[UsageRecord, ...]:
        """The records of one job, e.g. ``hold`` then ``charge``."""
        return tuple(record for record in self.records if record.operation == operation)

    def kinds(self, operation: Optional[str] = None) -> list[str]:
        """The records' kinds in order, of every job or of one."""
        records = self.records if operation is None else self.of(operation)
        return [record.kind for record in records]


class Emulator:
    """A local Omixa emulator for tests. Use it as a context manager (``with`` or ``async with``), or call
    ``start()`` and ``stop()``.

    ``job_seconds``: how long each job runs (default 0: final at the first poll); with ``job_seconds_max``,
    a random time between the two. ``faults``: a ``Faults`` or a mapping of its fields. ``seed`` fixes every
    random choice (operation ids, failed routes and jobs), so a run can be repeated; default: random.
    ``api_key``: the key clients must send (default: a generated one). ``accounts``: how many simulated
    provider accounts (1 to 64). ``dashboard``: serve the live dashboard at ``base_url + "/"`` (jobs,
    ledger, faults, videos; default off). ``catalog``: the models it serves besides the built-in ones, an
    ``omixa.Catalog`` or a catalog folder (default: ``OMIXA_CATALOG``'s). A bad value raises ``ValueError``
    naming it.
    """

    def __init__(
        self,
        *,
        job_seconds: float = 0.0,
        job_seconds_max: Optional[float] = None,
        faults: Union[Faults, Mapping[str, Any], None] = None,
        seed: Optional[int] = None,
        api_key: Optional[str] = None,
        accounts: int = 3,
        dashboard: bool = False,
        catalog: Union[Catalog, str, os.PathLike[str], None] = None,
    ) -> None:
        self._options: dict[str, Any] = {
            "job_seconds": float(job_seconds),
            "job_seconds_max": None if job_seconds_max is None else float(job_seconds_max),
            "seed": seed,
            "api_key": api_key,
            "accounts": accounts,
            "dashboard": bool(dashboard),
            "catalog": catalog,
        }
        self._initial_faults = _faults(faults)
        self._native: Optional[_Emulator] = None

    def start(self) -> Emulator:
        """Starts serving (once; starting a running emulator does nothing). Returns the emulator."""
        if self._native is None:
            self._native = _Emulator.start(**self._options, faults=dataclasses.asdict(self._initial_faults))
        return self

    def stop(self) -> None:
        """Stops accepting connections and waits until open ones are done. Stopping twice does nothing."""
        native, self._native = self._native, None
        if native is not None:
            native.stop()

    def __enter__(self) -> Emulator:
        return self.start()

    def __exit__(
        self,
        exc_type: Optional[type[BaseException]],
        exc: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> None:
        self.stop()

    async def __aenter__(self) -> Emulator:
        # Binding a loopback port does not block.
        return self.start()

    async def __aexit__(
        self,
        exc_type: Optional[type[BaseException]],
        exc: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> None:
        # Waiting for open connections would block the event loop, whose clients may be the ones to finish.
        await asyncio.get_running_loop().run_in_executor(None, self.stop)

    def _running(self) -> _Emulator:
        if self._native is None:
            raise RuntimeError("the emulator is not running: use `with Emulator() as emulator:` or call start()")
        return self._native

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>``."""
        return self._running().base_url

    @property
    def api_key(self) -> str:
        """The key clients must send."""
        return self._running().api_key

    def client(self, **options: Any) -> Client:
        """A ``Client`` pointed at this emulator; ``options`` are ``Client``'s (``max_retries``, ``timeout``...)."""
        return Client(self.api_key, self.base_url, **options)

    def async_client(self, **options: Any) -> AsyncClient:
        """An ``AsyncClient`` pointed at this emulator."""
        return AsyncClient(self.api_key, self.base_url, **options)

    def environment(self) -> dict[str, str]:
        """``OMIXA_BASE_URL`` and ``OMIXA_API_KEY`` for this emulator, for code that builds ``Client()`` itself."""
        return {"OMIXA_BASE_URL": self.base_url, "OMIXA_API_KEY": self.api_key}

    @property
    def faults(self) -> Faults:
        """The faults in force. Assign a ``Faults`` to change them from the next request on."""
        return Faults(**self._running().faults())

    @faults.setter
    def faults(self, faults: Union[Faults, Mapping[str, Any]]) -> None:
        self._running().set_faults(dataclasses.asdict(_faults(faults)))

    def set_faults(self, **changes: Any) -> Faults:
        """Changes some faults, keeping the others, e.g. ``set_faults(rate_limit_every=2)``. Returns the
        faults now in force."""
        faults = dataclasses.replace(self.faults, **changes)
        self.faults = faults
        return faults

    @property
    def job_requests(self) -> int:
        """Job requests (creates and status polls) served so far, faulted ones included: the count the
        ``*_every`` faults divide. A test reads it to see that a client retried."""
        return self._running().job_requests()

    def usage(self) -> Usage:
        """The ledger (jobs whose time has come are settled first)."""
        usage = self._running().usage()
        return Usage(
            records=tuple(UsageRecord(**record) for record in usage["records"]),
            creates=usage["creates"],
            idempotent_replays=usage["idempotent_replays"],
        )

    def __repr__(self) -> str:
        where = self._native.base_url if self._native is not None else "not running"
        return f"Emulator({where})"


def _faults(faults: Union[Faults, Mapping[str, Any], None]) -> Faults:
    if faults is None:
        return Faults()
    if isinstance(faults, Faults):
        return faults
    return Faults(**faults)
