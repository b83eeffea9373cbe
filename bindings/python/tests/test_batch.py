"""Batches (`client.videos.batch`) against the local emulator: videos and report written, the budget, an
invalid input refused whole, a rerun resuming without new holds, cancellation leaving a resumable journal."""

from __future__ import annotations

import _thread
import asyncio
import json
import threading
import urllib.request
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

import pytest

import omixa

from .support import LITE, Emulator

REQUEST = {"model": LITE, "prompt": "A lighthouse at dawn", "duration_seconds": 8}


def usage(server: Emulator) -> dict[str, Any]:
    request = urllib.request.Request(
        f"{server.base_url}/api/v1/usage", headers={"Authorization": f"Bearer {server.api_key}"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)  # type: ignore[no-any-return]


def holds(server: Emulator) -> int:
    return sum(1 for record in usage(server)["records"] if record["kind"] == "hold")


def requests(count: int) -> list[dict[str, Any]]:
    return [{"id": f"clip-{index}", "request": {**REQUEST, "prompt": f"Shot {index}"}} for index in range(count)]


def test_a_batch_writes_the_videos_and_the_report(make_emulator: Callable[..., Emulator], tmp_path: Path) -> None:
    server = make_emulator()
    client = omixa.Client(server.api_key, server.base_url)
    seen: list[omixa.BatchProgress] = []
    items = iter([REQUEST, *requests(2)])  # any iterable; a plain request takes its position as id
    report = client.videos.batch(items, out=tmp_path, concurrency=2, on_progress=seen.append)
    assert isinstance(report, omixa.BatchReport) and report.all_succeeded and not report.cancelled
    assert [job.id for job in report.jobs] == ["1", "clip-0", "clip-1"]
    assert [job.line for job in report.jobs] == [1, 2, 3]
    for job in report.jobs:
        assert job.status == "succeeded" and job.operation and job.currency == "USD"
        assert isinstance(job.cost, Decimal)
        assert job.files and all(isinstance(file, Path) and file.is_file() for file in job.files)
        assert job.files[0] == tmp_path / f"{job.id}-0.mp4"
    assert report.totals.succeeded == 3 and report.unfinished == 0
    assert report.totals.charged == {"USD": sum((job.cost or Decimal(0) for job in report.jobs), Decimal(0))}
    assert report.report_path == tmp_path / "batch-report.json" and report.report_path.is_file()
    assert seen and seen[-1].done == 3 and isinstance(seen[-1].spent["USD"], Decimal)
    assert holds(server) == 3


def test_the_budget_skips_what_does_not_fit(make_emulator: Callable[..., Emulator], tmp_path: Path) -> None:
    server = make_emulator()
    client = omixa.Client(server.api_key, server.base_url)
    one = omixa.estimate(REQUEST)
    plan = client.videos.batch(requests(3), out=tmp_path, budget=str(one.hold * 2), dry_run=True)
    assert isinstance(plan, omixa.BatchPlan) and plan.jobs == 3 and plan.priced["USD"].hold == one.hold * 3
    assert usage(server)["creates"] == 0 and not (tmp_path / ".omixa").exists()
    report = client.videos.batch(requests(3), out=tmp_path, budget=Decimal(one.hold * 2), concurrency=1)
    assert report.totals.succeeded == 2 and report.totals.skipped_budget == 1
    assert [job.status for job in report.jobs].count("skipped_budget") == 1
    assert report.totals.charged["USD"] <= one.hold * 2
    with pytest.raises(TypeError, match="float"):
        client.videos.batch(requests(1), out=tmp_path / "other", budget=0.8)  # type: ignore[arg-type]
    with pytest.raises(omixa.BatchOptionsError) as raised:
        client.videos.batch(requests(1), out=tmp_path / "other", budget="-1")
    assert raised.value.kind == "invalid_options"


def test_an_invalid_item_raises_every_problem_and_creates_nothing(
    make_emulator: Callable[..., Emulator], tmp_path: Path
) -> None:
    server = make_emulator()
    client = omixa.Client(server.api_key, server.base_url)
    items: list[Any] = [REQUEST, {**REQUEST, "aspect_ratio": "4:3"}, "not a request", {"id": "1", "request": REQUEST}]
    with pytest.raises(omixa.BatchInputError) as raised:
        client.videos.batch(items, out=tmp_path)
    error = raised.value
    assert isinstance(error, omixa.ValidationError) and error.kind == "invalid_input"
    problems = [(problem.line, problem.path, problem.code) for problem in error.problems]
    assert problems == [
        (2, "/aspect_ratio", "not_accepted"),
        (3, "", "invalid_line"),
        (4, "/id", "duplicate_id"),
    ]
    assert all(problem.message for problem in error.problems)
    assert usage(server)["creates"] == 0
    assert not list(tmp_path.glob("*.mp4"))


def test_running_the_same_batch_again_resumes(make_emulator: Callable[..., Emulator], tmp_path: Path) -> None:
    server = make_emulator()
    client = omixa.Client(server.api_key, server.base_url)
    first = client.videos.batch(requests(3), out=tmp_path)
    held = holds(server)
    again = client.videos.batch(requests(3), out=tmp_path)
    assert holds(server) == held == 3 and usage(server)["creates"] == 3
    assert [job.operation for job in again.jobs] == [job.operation for job in first.jobs]
    with pytest.raises(omixa.JournalMismatchError) as raised:
        client.videos.batch(requests(2), out=tmp_path)
    assert raised.value.kind == "journal_mismatch"


def test_a_raising_progress_callback_cancels_and_a_rerun_completes(
    make_emulator: Callable[..., Emulator], tmp_path: Path
) -> None:
    server = make_emulator(job_seconds=2)
    client = omixa.Client(server.api_key, server.base_url)

    class Stop(Exception):
        pass

    def stop_once_running(progress: omixa.BatchProgress) -> None:
        if progress.running:
            raise Stop

    with pytest.raises(Stop):
        client.videos.batch(requests(4), out=tmp_path, concurrency=2, on_progress=stop_once_running)
    interrupted = json.loads((tmp_path / "batch-report.json").read_text())
    assert interrupted["totals"]["succeeded"] < 4
    created = usage(server)["creates"]
    report = client.videos.batch(requests(4), out=tmp_path, concurrency=2)
    assert report.all_succeeded and report.totals.succeeded == 4
    assert usage(server)["creates"] == 4 >= created


@pytest.mark.usefixtures("sigint_reaches_python")
def test_ctrl_c_cancels_the_batch_and_a_rerun_completes(
    make_emulator: Callable[..., Emulator], tmp_path: Path
) -> None:
    server = make_emulator(job_seconds=600)
    client = omixa.Client(server.api_key, server.base_url)
    started = threading.Event()

    def interrupt_once_running(progress: omixa.BatchProgress) -> None:
        if progress.running and not started.is_set():
            started.set()
            _thread.interrupt_main()  # what Ctrl-C does: KeyboardInterrupt in the waiting thread

    with pytest.raises(KeyboardInterrupt):
        client.videos.batch(requests(2), out=tmp_path, on_progress=interrupt_once_running)
    interrupted = json.loads((tmp_path / "batch-report.json").read_text())
    assert interrupted["totals"]["succeeded"] == 0
    assert interrupted["totals"]["created"] + interrupted["totals"]["pending"] == 2
    creates = usage(server)["creates"]
    # The rerun waits on the jobs already made (they are slow: give up at once), creating none again.
    report = client.videos.batch(requests(2), out=tmp_path, timeout=0)
    assert usage(server)["creates"] == creates and report.unfinished == 2 and not report.cancelled


def test_async_batch(make_emulator: Callable[..., Emulator], tmp_path: Path) -> None:
    server = make_emulator()

    async def main() -> omixa.BatchReport:
        client = omixa.AsyncClient(server.api_key, server.base_url)
        seen: list[omixa.BatchProgress] = []
        report = await client.videos.batch(requests(2), out=tmp_path, on_progress=seen.append)
        await asyncio.sleep(0)  # the last progress call is scheduled on the loop
        assert seen and all(isinstance(progress, omixa.BatchProgress) for progress in seen)
        plan = await client.videos.batch(requests(2), out=tmp_path, dry_run=True)
        assert plan.jobs == 2
        return report

    report = asyncio.run(main())
    assert report.all_succeeded and all(job.files[0].is_file() for job in report.jobs)
