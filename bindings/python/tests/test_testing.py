"""`omixa.testing`: the in-process emulator (faults changed while it runs, the ledger as `Decimal` records,
bad settings named) and the pytest plugin's fixtures, as a program's tests would use them, the root README's
example included."""

from __future__ import annotations

import asyncio
import textwrap
from decimal import Decimal

import pytest

import omixa
from omixa.testing import Emulator, Faults, UsageRecord

from .support import LITE, REPO

REQUEST = {"model": LITE, "prompt": "A lighthouse at dawn", "seconds": 8}


def test_the_ledger_is_typed_records_and_faults_change_while_it_runs() -> None:
    with Emulator(seed=5) as emulator:
        client = emulator.client(max_retries=0)
        done = client.videos.wait(client.videos.create(REQUEST), timeout=30)
        emulator.set_faults(job_failure_rate=1.0)
        assert emulator.faults == Faults(job_failure_rate=1.0)
        failing = client.videos.create(REQUEST)
        with pytest.raises(omixa.JobFailedError):
            client.videos.wait(failing, timeout=30)

        usage = emulator.usage()
        assert usage.kinds(done.operation) == ["hold", "charge"]
        assert usage.kinds(failing.operation) == ["hold", "release"]
        assert usage.creates == 2 and usage.idempotent_replays == 0
        charge = usage.of(done.operation)[1]
        assert isinstance(charge, UsageRecord)
        assert charge.amount == Decimal("0.40") and isinstance(charge.amount, Decimal)
        assert (charge.currency, charge.model, charge.seq) == ("USD", LITE, 2)

        emulator.faults = Faults(rate_limit_every=1, retry_after_seconds=7)
        with pytest.raises(omixa.RateLimitError) as raised:
            client.videos.create(REQUEST)
        assert raised.value.retry_after == 7.0
        emulator.faults = {}
        assert client.videos.create(REQUEST).status == "running"


def test_a_fresh_emulator_has_a_fresh_ledger_and_a_seed_repeats_a_run() -> None:
    def operations(seed: int) -> list[str]:
        with Emulator(seed=seed, faults=Faults(route_failure_rate=0.5)) as emulator:
            client = emulator.client()
            assert emulator.usage().records == ()
            return [client.videos.create(REQUEST).operation for _ in range(3)]

    assert operations(9) == operations(9)
    assert operations(9) != operations(10)


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"faults": Faults(job_failure_rate=1.5)}, "job_failure_rate"),
        ({"faults": {"rate_limit_every": 0}}, "rate_limit_every"),
        ({"faults": Faults(latency_ms=-1)}, "latency_ms"),
        ({"job_seconds": -1}, "job_seconds"),
        ({"accounts": 0}, "accounts"),
    ],
)
def test_a_bad_setting_is_a_value_error_naming_it(options: dict[str, object], field: str) -> None:
    with pytest.raises(ValueError, match=f"^{field}: expected"):
        Emulator(**options).start()  # type: ignore[arg-type]


def test_bad_faults_while_running_change_nothing() -> None:
    with Emulator() as emulator:
        with pytest.raises(ValueError, match="^route_failure_rate: expected"):
            emulator.set_faults(route_failure_rate=2)
        with pytest.raises(TypeError, match="unexpected keyword argument 'rate_limit'"):
            emulator.set_faults(rate_limit=2)
        assert emulator.faults == Faults()


def test_the_dashboard_is_served_only_when_asked_for() -> None:
    import urllib.error
    import urllib.request

    with Emulator(dashboard=True) as emulator:
        with urllib.request.urlopen(emulator.base_url + "/") as page:
            assert page.status == 200
            assert "text/html" in page.headers["content-type"]
    with Emulator() as emulator:
        with pytest.raises(urllib.error.HTTPError) as raised:
            urllib.request.urlopen(emulator.base_url + "/")
        assert raised.value.code == 404


def test_a_stopped_emulator_says_so() -> None:
    emulator = Emulator().start()
    base_url = emulator.base_url
    emulator.stop()
    emulator.stop()
    with pytest.raises(RuntimeError, match="not running"):
        emulator.usage()
    with pytest.raises(omixa.ConnectionError):
        omixa.Client("k", base_url, max_retries=0).videos.create(REQUEST)


def test_async_context_manager_and_async_client() -> None:
    async def main() -> list[str]:
        async with Emulator() as emulator:
            client = emulator.async_client()
            job = await client.videos.wait(await client.videos.create(REQUEST))
            return emulator.usage().kinds(job.operation)

    assert asyncio.run(main()) == ["hold", "charge"]


def test_the_pytest_plugin_offers_the_fixtures(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        textwrap.dedent(
            """
            import os
            import pytest
            import omixa
            from omixa.testing import Faults

            REQUEST = {"model": "veo-3.1-lite-generate-001", "prompt": "x", "seconds": 8}

            def test_first(omixa_client, omixa_emulator):
                omixa_client.videos.wait(omixa_client.videos.create(REQUEST))
                assert omixa_emulator.usage().kinds() == ["hold", "charge"]
                assert os.environ["OMIXA_BASE_URL"] == omixa_emulator.base_url
                assert omixa.Client().base_url == omixa_emulator.base_url + "/"

            def test_second_has_a_fresh_ledger(omixa_emulator):
                assert omixa_emulator.usage().records == ()

            @pytest.mark.omixa_emulator(job_seconds=600, faults=Faults(fail_every=5))
            def test_marker_options(omixa_client, omixa_emulator):
                assert omixa_client.videos.create(REQUEST).status == "running"
                assert omixa_emulator.faults.fail_every == 5
            """
        )
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=3)


def test_the_readme_example_runs_as_written(pytester: pytest.Pytester) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Testing your application") :]
    start = section.index("```python\n") + len("```python\n")
    code = section[start : section.index("```\n", start)]
    pytester.makepyfile(test_readme=code)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)
