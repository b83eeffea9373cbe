"""The pytest plugin of the omixa package, registered through its ``pytest11`` entry point, so the fixtures
need no import and no conftest:

- ``omixa_emulator``: a fresh ``omixa.testing.Emulator`` for each test (so a fresh ledger), jobs final at
  once, seeded (0) so a failing test fails the same way again. While the test runs, ``OMIXA_BASE_URL`` and
  ``OMIXA_API_KEY`` point at it, so code that builds ``omixa.Client()`` itself talks to it too.
- ``omixa_client``: an ``omixa.Client`` pointed at that emulator.

Other options for one test or module: ``@pytest.mark.omixa_emulator(job_seconds=2, faults=Faults(...))``.
``-p no:omixa`` turns the plugin off.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from omixa._native import Client
from omixa.testing import Emulator

MARKER = "omixa_emulator"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{MARKER}(**options): options of the omixa_emulator fixture "
        "(job_seconds, job_seconds_max, faults, seed, api_key, accounts)",
    )


@pytest.fixture
def omixa_emulator(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[Emulator]:
    """A local Omixa emulator for this test; see ``omixa.testing.Emulator``."""
    marker = request.node.get_closest_marker(MARKER)
    options = {"job_seconds": 0.0, "seed": 0, **(marker.kwargs if marker else {})}
    with Emulator(**options) as emulator:
        for name, value in emulator.environment().items():
            monkeypatch.setenv(name, value)
        yield emulator


@pytest.fixture
def omixa_client(omixa_emulator: Emulator) -> Client:
    """An ``omixa.Client`` pointed at ``omixa_emulator``."""
    return omixa_emulator.client()
