"""Finding a job again: errors after a job may exist carry its operation or idempotency key, and a job stored
with ``to_dict`` comes back with ``from_dict`` to be waited on and downloaded."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from typing import Any, Callable

import pytest

import omixa
from omixa.testing import Faults

from .support import LITE, Emulator

REQUEST = {"model": LITE, "prompt": "A lighthouse at dawn", "duration_seconds": 8}


def client_for(server: Emulator, **options: Any) -> omixa.Client:
    return omixa.Client(server.api_key, server.base_url, **options)


def usage_kinds(server: Emulator) -> list[str]:
    """The kinds of the emulator's usage records (`hold`, `charge`, `release`), in order."""
    request = urllib.request.Request(
        f"{server.base_url}/api/v1/usage", headers={"Authorization": f"Bearer {server.api_key}"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return [record["kind"] for record in json.load(response)["records"]]


def test_a_lost_create_answer_carries_the_key_and_resending_it_pays_once(
    make_emulator: Callable[..., Emulator],
) -> None:
    # Job request 2 (the create) is acted on, then its connection is cut before the answer arrives.
    server = make_emulator(faults=Faults(drop_every=2))
    client = client_for(server, max_retries=0)
    with pytest.raises(omixa.APIError):
        client.videos.status("op_warm_up")  # request 1: an unknown operation
    with pytest.raises(omixa.ConnectionError) as raised:
        client.videos.create(REQUEST, idempotency_key="python-resume-key")
    error = raised.value
    assert error.idempotency_key == "python-resume-key"
    assert error.operation is None, "the gateway's answer was lost"

    job = client.videos.create(REQUEST, idempotency_key=error.idempotency_key)
    assert job.idempotency_key == "python-resume-key"
    assert usage_kinds(server).count("hold") == 1, "the job the lost answer made, held once"


def test_errors_while_waiting_name_the_job(make_emulator: Callable[..., Emulator]) -> None:
    server = make_emulator(job_seconds=600)
    client = client_for(server)
    job = client.videos.create(REQUEST)
    with pytest.raises(omixa.TimeoutError) as timed_out:
        client.videos.wait(job, timeout=0.2)
    assert timed_out.value.operation == job.operation
    assert timed_out.value.idempotency_key == job.idempotency_key is not None

    unknown = omixa.Job.from_dict({"operation": "op_nobody_made", "status": "running", "model": LITE})
    with pytest.raises(omixa.APIError) as not_found:
        client.videos.wait(unknown, timeout=30)
    assert not_found.value.status_code == 404
    assert not_found.value.operation == "op_nobody_made"
    assert not_found.value.idempotency_key is None


def test_errors_without_a_job_have_no_handle(emulator: Emulator) -> None:
    with pytest.raises(omixa.ValidationError) as raised:
        client_for(emulator).videos.create(model=LITE, prompt="x", seconds=45)
    assert raised.value.operation is None and raised.value.idempotency_key is None


def test_a_restored_job_is_waited_on_and_downloaded(emulator: Emulator, tmp_path: Path) -> None:
    client = client_for(emulator)
    job = client.videos.create(REQUEST)
    stored = json.dumps(job.to_dict())  # e.g. written to disk by a process that then exits

    restored = omixa.Job.from_dict(json.loads(stored))
    assert (restored.operation, restored.model) == (job.operation, job.model)
    assert restored.idempotency_key == job.idempotency_key is not None
    done = client_for(emulator).videos.wait(restored, timeout=30)
    assert done.status == "succeeded"
    assert done.idempotency_key == job.idempotency_key, "kept across the wait"
    paths = client.videos.download(done, tmp_path)
    assert [path.name for path in paths] == [f"{job.operation}-0.mp4"]
    assert paths[0].read_bytes()[4:8] == b"ftyp"
