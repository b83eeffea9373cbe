"""Fixtures: the local emulator (`omixa serve`), and no ambient OMIXA_* configuration."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Callable

import pytest

from .support import Emulator, start_emulator, stop_emulator


@pytest.fixture(scope="session")
def emulator() -> Iterator[Emulator]:
    """One emulator for the session whose jobs finish at once (`--job-seconds 0`)."""
    server = start_emulator("--job-seconds", "0")
    yield server
    stop_emulator(server.process)


@pytest.fixture
def make_emulator() -> Iterator[Callable[..., Emulator]]:
    """Starts emulators with extra flags (faults, slow jobs) for one test, stopping them after it."""
    started: list[Emulator] = []

    def make(*flags: str) -> Emulator:
        server = start_emulator(*flags)
        started.append(server)
        return server

    yield make
    for server in started:
        stop_emulator(server.process)


@pytest.fixture(autouse=True)
def _no_ambient_configuration(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests configure clients explicitly; an OMIXA_* variable of the developer's shell must not leak in."""
    monkeypatch.delenv("OMIXA_API_KEY", raising=False)
    monkeypatch.delenv("OMIXA_BASE_URL", raising=False)
