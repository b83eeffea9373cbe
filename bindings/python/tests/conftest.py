"""Fixtures: the local emulator, in-process (`omixa.testing`), and no ambient OMIXA_* configuration."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Callable

import signal

import pytest

from omixa.testing import Emulator

from .support import API_KEY

# `pytester` runs a program's tests against the plugin's fixtures (`test_testing.py`).
pytest_plugins = ["pytester"]


@pytest.fixture(scope="session")
def emulator() -> Iterator[Emulator]:
    """One emulator for the session whose jobs finish at once."""
    with Emulator(api_key=API_KEY) as server:
        yield server


@pytest.fixture
def sigint_reaches_python() -> Iterator[None]:
    """Lets `_thread.interrupt_main()` act as Ctrl-C even when the test run started with SIGINT ignored.

    A shell starts background jobs (`make test &`) with SIGINT ignored; Python then installs no handler and
    `interrupt_main` does nothing. The tests that press Ctrl-C install Python's own handler for their duration.
    """
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@pytest.fixture
def make_emulator() -> Iterator[Callable[..., Emulator]]:
    """Starts emulators with `Emulator` options (`faults`, `job_seconds`...) for one test, stopping them after it."""
    started: list[Emulator] = []

    def make(**options: Any) -> Emulator:
        server = Emulator(api_key=API_KEY, **options).start()
        started.append(server)
        return server

    yield make
    for server in started:
        server.stop()


@pytest.fixture(autouse=True)
def _no_ambient_configuration(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests configure clients explicitly; an OMIXA_* variable of the developer's shell must not leak in."""
    monkeypatch.delenv("OMIXA_API_KEY", raising=False)
    monkeypatch.delenv("OMIXA_BASE_URL", raising=False)
    monkeypatch.delenv("OMIXA_CATALOG", raising=False)
