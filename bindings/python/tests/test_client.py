"""The sync client against the local emulator (in-process, `omixa.testing`): the job lifecycle, every exception type,
Ctrl-C, threads, and the key never showing."""

from __future__ import annotations

import _thread
import builtins
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable

import pytest

import omixa
from omixa.testing import Faults

from .support import API_KEY, LITE, PNG_1X1, Emulator

REQUEST = {"model": LITE, "prompt": "A lighthouse at dawn", "duration_seconds": 8}


def client_for(server: Emulator, **options: object) -> omixa.Client:
    return omixa.Client(server.api_key, server.base_url, **options)  # type: ignore[arg-type]


def test_create_wait_download(emulator: Emulator, tmp_path: Path) -> None:
    client = client_for(emulator)
    job = client.videos.create(model=LITE, prompt="A lighthouse at dawn", seconds=8)
    assert job.status == "running" and not job.is_final
    assert job.model == LITE and job.operation
    states: list[omixa.Job] = []
    done = client.videos.wait(job, timeout=30, on_progress=states.append)
    assert done.status == "succeeded" and done.is_final
    assert states and states[-1].status == "succeeded"
    assert done.data and done.data[0].content_type == "video/mp4"
    paths = client.videos.download(done, tmp_path / "videos")
    assert len(paths) == len(done.data)
    assert all(isinstance(path, Path) and path.parent == tmp_path / "videos" for path in paths)
    assert paths[0].name.endswith("-0.mp4")
    assert paths[0].read_bytes()[4:8] == b"ftyp", "a real MP4"
    assert client.videos.status(done).status == "succeeded"
    assert client.videos.status(done.operation, model=LITE).operation == done.operation


def test_create_accepts_a_dict_keywords_and_images(emulator: Emulator) -> None:
    client = client_for(emulator)
    job = client.videos.create(REQUEST, idempotency_key="python-test-dict")
    assert job.status == "running"
    job = client.videos.create(REQUEST, start_frame=omixa.Image.from_bytes(PNG_1X1))
    assert job.operation
    with pytest.raises(TypeError, match="given both"):
        client.videos.create(REQUEST, prompt="again")


def test_an_invalid_request_is_never_sent(emulator: Emulator) -> None:
    client = client_for(emulator)
    with pytest.raises(omixa.ValidationError) as raised:
        client.videos.create(model=LITE, prompt="x", seconds=45, aspect_ratio="4:3", durations=8)
    assert raised.value.codes == ["out_of_range", "not_accepted", "unknown_field"]


def test_job_round_trips_through_a_dict(emulator: Emulator) -> None:
    client = client_for(emulator)
    job = client.videos.wait(client.videos.create(REQUEST))
    data = job.to_dict()
    assert data["status"] == "succeeded" and data["operation"] == job.operation
    again = omixa.Job.from_dict(data)
    assert (again.operation, again.status, again.model) == (job.operation, job.status, job.model)
    assert repr(again) == repr(job)
    assert repr(job).startswith(f"Job(operation={job.operation!r}, model={LITE!r}, status='succeeded', videos=[")
    with pytest.raises(ValueError, match="not a job"):
        omixa.Job.from_dict({"operation": "x"})


def test_the_key_never_shows(emulator: Emulator) -> None:
    client = client_for(emulator)
    for text in (repr(client), str(client), repr(client.videos)):
        assert API_KEY not in text
    assert repr(client) == f"Client(base_url={emulator.base_url + '/'!r})"
    wrong = omixa.Client("omx_wrong_key_do_not_print", emulator.base_url)
    with pytest.raises(omixa.AuthenticationError) as raised:
        wrong.videos.create(REQUEST)
    assert "omx_wrong_key_do_not_print" not in str(raised.value) + repr(raised.value)
    assert raised.value.status_code == 401
    assert isinstance(raised.value, omixa.APIError)


def test_configuration_comes_from_the_environment(emulator: Emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(omixa.ConfigurationError, match="no API key"):
        omixa.Client()
    monkeypatch.setenv("OMIXA_API_KEY", emulator.api_key)
    monkeypatch.setenv("OMIXA_BASE_URL", emulator.base_url)
    client = omixa.Client()
    assert client.base_url == emulator.base_url + "/"
    assert client.videos.create(REQUEST).status == "running"
    with pytest.raises(omixa.ConfigurationError, match="plain HTTP"):
        omixa.Client("k", "http://example.com")
    with pytest.raises(ValueError, match="timeout"):
        omixa.Client("k", timeout=-1)


def test_a_failed_job_raises_job_failed(make_emulator: Callable[..., Emulator]) -> None:
    client = client_for(make_emulator(faults=Faults(job_failure_rate=1)))
    job = client.videos.create(REQUEST)
    with pytest.raises(omixa.JobFailedError) as raised:
        client.videos.wait(job, timeout=30)
    assert raised.value.job.status == "failed" and raised.value.job.operation == job.operation
    with pytest.raises(omixa.JobFailedError):
        client.videos.download(raised.value.job, ".")


def test_wait_times_out_with_the_last_state(make_emulator: Callable[..., Emulator]) -> None:
    client = client_for(make_emulator(job_seconds=600))
    job = client.videos.create(REQUEST)
    with pytest.raises(omixa.TimeoutError) as raised:
        client.videos.wait(job, timeout=0.3)
    assert isinstance(raised.value, builtins.TimeoutError)
    assert raised.value.job.status == "running" and raised.value.timeout == pytest.approx(0.3)
    with pytest.raises(omixa.JobNotReadyError) as not_ready:
        client.videos.download(job, ".")
    assert not_ready.value.job.operation == job.operation


def test_rate_limit_after_the_retries(make_emulator: Callable[..., Emulator]) -> None:
    client = client_for(make_emulator(faults=Faults(rate_limit_every=1, retry_after_seconds=1)), max_retries=0)
    with pytest.raises(omixa.RateLimitError) as raised:
        client.videos.create(REQUEST)
    assert raised.value.status_code == 429 and raised.value.retry_after == 1.0


def test_server_errors_are_api_errors(make_emulator: Callable[..., Emulator]) -> None:
    client = client_for(make_emulator(faults=Faults(fail_every=1)), max_retries=0)
    with pytest.raises(omixa.APIError) as raised:
        client.videos.create(REQUEST)
    error = raised.value
    assert type(error) is omixa.APIError
    assert error.status_code == 500 and error.body is not None
    assert error.request_id


def test_a_malformed_response_is_invalid_response(make_emulator: Callable[..., Emulator]) -> None:
    client = client_for(make_emulator(faults=Faults(malformed_every=1)), max_retries=0)
    with pytest.raises(omixa.InvalidResponseError) as raised:
        client.videos.create(REQUEST)
    assert raised.value.status_code == 200


def test_transient_failures_are_retried(make_emulator: Callable[..., Emulator]) -> None:
    client = client_for(make_emulator(faults=Faults(fail_every=2)), max_retries=2)
    for _ in range(3):
        assert client.videos.create(REQUEST).status == "running"


def test_no_server_is_a_connection_error() -> None:
    client = omixa.Client("k", "http://127.0.0.1:9", max_retries=0)
    with pytest.raises(omixa.ConnectionError) as raised:
        client.videos.create(REQUEST)
    assert isinstance(raised.value, builtins.ConnectionError)


def test_a_silent_gateway_costs_two_request_timeouts() -> None:
    import socket

    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        port = listener.getsockname()[1]
        client = omixa.Client("k", f"http://127.0.0.1:{port}", request_timeout=0.2, max_retries=5)
        with pytest.raises(omixa.ConnectionError):
            client.videos.status("op_1")
        accepted = 0
        listener.settimeout(0.1)
        while True:
            try:
                connection, _ = listener.accept()
            except OSError:
                break
            connection.close()
            accepted += 1
    # Connections wait in the backlog: two attempts, then the call's time budget is spent.
    assert accepted == 2
    with pytest.raises(ValueError):
        omixa.Client("k", "http://127.0.0.1:9", request_timeout=-1)


def test_existing_files_are_kept_unless_overwrite(emulator: Emulator, tmp_path: Path) -> None:
    client = client_for(emulator)
    done = client.videos.wait(client.videos.create(REQUEST))
    first = client.videos.download(done, tmp_path)
    first[0].write_bytes(b"earlier")
    assert client.videos.download(done, tmp_path) == first
    assert first[0].read_bytes() == b"earlier"
    client.videos.download(done, tmp_path, overwrite=True)
    assert first[0].read_bytes() != b"earlier"


def test_download_limits_raise_download_error() -> None:
    assert issubclass(omixa.DownloadError, omixa.OmixaError)
    error = omixa.DownloadError("too big", limit="too_large")
    assert error.limit == "too_large"


def test_a_download_into_a_file_is_a_file_error(emulator: Emulator, tmp_path: Path) -> None:
    client = client_for(emulator)
    done = client.videos.wait(client.videos.create(REQUEST))
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    with pytest.raises(omixa.FileError) as raised:
        client.videos.download(done, blocker)
    assert isinstance(raised.value, OSError) and raised.value.errno is not None


@pytest.mark.usefixtures("sigint_reaches_python")
def test_ctrl_c_interrupts_wait_within_a_second(make_emulator: Callable[..., Emulator]) -> None:
    client = client_for(make_emulator(job_seconds=600))
    job = client.videos.create(REQUEST)
    timer = threading.Timer(0.3, _thread.interrupt_main)
    started = time.monotonic()
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            client.videos.wait(job, timeout=60)
    finally:
        timer.cancel()
    assert time.monotonic() - started < 1.3


def test_an_exception_in_on_progress_ends_the_wait(make_emulator: Callable[..., Emulator]) -> None:
    client = client_for(make_emulator(job_seconds=600))
    job = client.videos.create(REQUEST, wait_seconds=0)  # the first poll comes at once

    def explode(state: omixa.Job) -> None:
        raise RuntimeError(f"stop at {state.status}")

    with pytest.raises(RuntimeError, match="stop at running"):
        client.videos.wait(job, timeout=60, on_progress=explode)


def test_on_progress_must_be_callable(emulator: Emulator) -> None:
    client = client_for(emulator)
    job = client.videos.create(REQUEST)
    with pytest.raises(TypeError, match="on_progress must be callable, got `int`"):
        client.videos.wait(job, on_progress=3)  # type: ignore[arg-type]


def test_many_threads_share_one_client(emulator: Emulator) -> None:
    client = client_for(emulator)

    def lifecycle(index: int) -> str:
        job = client.videos.create(REQUEST, idempotency_key=f"python-thread-{index}")
        return client.videos.wait(job, timeout=30).status

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(lifecycle, range(16)))
    assert statuses == ["succeeded"] * 16


def test_the_gil_is_released_while_waiting(make_emulator: Callable[..., Emulator]) -> None:
    client = client_for(make_emulator(faults=Faults(latency_ms=500)))
    ticks = 0
    stop = threading.Event()

    def count() -> None:
        nonlocal ticks
        while not stop.is_set():
            ticks += 1
            time.sleep(0.001)

    counter = threading.Thread(target=count)
    counter.start()
    try:
        client.videos.create(REQUEST)
    finally:
        stop.set()
        counter.join()
    assert ticks > 100, "another thread ran Python code during the 500 ms call"
