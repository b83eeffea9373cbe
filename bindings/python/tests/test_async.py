"""The asyncio client against the local emulator: the lifecycle, errors, cancellation, progress callbacks."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Callable

import pytest

import omixa
from omixa.testing import Faults

from .support import API_KEY, LITE, Emulator

REQUEST = {"model": LITE, "prompt": "A lighthouse at dawn", "duration_seconds": 8}


def client_for(server: Emulator, **options: object) -> omixa.AsyncClient:
    return omixa.AsyncClient(server.api_key, server.base_url, **options)  # type: ignore[arg-type]


def test_async_lifecycle(emulator: Emulator, tmp_path: Path) -> None:
    async def main() -> list[Path]:
        client = client_for(emulator)
        job = await client.videos.create(model=LITE, prompt="A lighthouse at dawn", seconds=8)
        assert job.status == "running"
        states: list[str] = []
        done = await client.videos.wait(job, timeout=30, on_progress=lambda state: states.append(state.status))
        assert done.status == "succeeded" and states[-1] == "succeeded"
        assert (await client.videos.status(done)).status == "succeeded"
        return await client.videos.download(done, tmp_path)

    paths = asyncio.run(main())
    assert paths and paths[0].exists() and paths[0].suffix == ".mp4"


def test_async_calls_run_concurrently(emulator: Emulator) -> None:
    async def main() -> list[str]:
        client = client_for(emulator)
        jobs = await asyncio.gather(*(client.videos.create(REQUEST) for _ in range(8)))
        done = await asyncio.gather(*(client.videos.wait(job, timeout=30) for job in jobs))
        return [job.status for job in done]

    assert asyncio.run(main()) == ["succeeded"] * 8


def test_async_errors_are_the_same_exceptions(emulator: Emulator, make_emulator: Callable[..., Emulator]) -> None:
    async def main() -> None:
        client = client_for(emulator)
        with pytest.raises(omixa.ValidationError) as raised:
            await client.videos.create(model=LITE, prompt="x", seconds=45)
        assert raised.value.codes == ["out_of_range"]
        with pytest.raises(omixa.AuthenticationError):
            await omixa.AsyncClient("wrong", emulator.base_url).videos.create(REQUEST)
        failing = client_for(make_emulator(faults=Faults(job_failure_rate=1)))
        job = await failing.videos.create(REQUEST)
        with pytest.raises(omixa.JobFailedError) as failed:
            await failing.videos.wait(job, timeout=30)
        assert failed.value.job.status == "failed"

    asyncio.run(main())


def test_cancelling_an_awaited_wait_stops_it(make_emulator: Callable[..., Emulator]) -> None:
    client = client_for(make_emulator(job_seconds=600))

    async def main() -> float:
        job = await client.videos.create(REQUEST)
        task = asyncio.ensure_future(client.videos.wait(job, timeout=60))
        await asyncio.sleep(0.2)
        started = time.monotonic()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        return time.monotonic() - started

    assert asyncio.run(main()) < 1.0


def test_async_wait_times_out(make_emulator: Callable[..., Emulator]) -> None:
    client = client_for(make_emulator(job_seconds=600))

    async def main() -> None:
        job = await client.videos.create(REQUEST)
        with pytest.raises(omixa.TimeoutError) as raised:
            await client.videos.wait(job, timeout=0.3)
        assert raised.value.job.operation == job.operation

    asyncio.run(main())


def test_an_exception_in_async_on_progress_ends_the_wait(make_emulator: Callable[..., Emulator]) -> None:
    client = client_for(make_emulator(job_seconds=600))
    loop_thread: list[object] = []

    def explode(state: omixa.Job) -> None:
        loop_thread.append(asyncio.get_running_loop())  # runs on the event loop's thread
        raise RuntimeError(f"stop at {state.status}")

    async def main() -> None:
        job = await client.videos.create(REQUEST, wait_seconds=0)  # the first poll comes at once
        with pytest.raises(RuntimeError, match="stop at running"):
            await client.videos.wait(job, timeout=60, on_progress=explode)

    asyncio.run(main())
    assert len(loop_thread) == 1


def test_async_client_repr_hides_the_key(emulator: Emulator) -> None:
    client = client_for(emulator)
    assert API_KEY not in repr(client) + repr(client.videos)
    assert repr(client) == f"AsyncClient(base_url={emulator.base_url + '/'!r})"
