"""What the tests share: the repository's paths, test data, and starting the local emulator (`omixa serve`)."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
VECTORS = REPO / "tests" / "vectors"
API_KEY = "omx_test_python_do_not_print_me"
LITE = "veo-3.1-lite-generate-001"
PREVIEW = "veo-3.1-generate-preview"

# A 1×1 transparent PNG.
PNG_1X1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082"
)


def emulator_binary() -> Path:
    """`OMIXA_BIN`, else the workspace's debug build (`cargo build -p omixa-cli`)."""
    binary = Path(os.environ.get("OMIXA_BIN") or REPO / "target" / "debug" / "omixa")
    if not binary.is_file():
        pytest.fail(f"the emulator binary {binary} is missing: run `cargo build -p omixa-cli` or set OMIXA_BIN")
    return binary


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Emulator:
    """A running `omixa serve`: its base URL and key."""

    base_url: str
    api_key: str
    process: subprocess.Popen[bytes]


def start_emulator(*flags: str) -> Emulator:
    """Starts `omixa serve` on a free port with `flags` and waits until it accepts connections."""
    port = free_port()
    command = [str(emulator_binary()), "serve", "--port", str(port), "--key", API_KEY, *flags]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
            pytest.fail(f"`omixa serve` exited with {process.returncode}: {stderr}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return Emulator(f"http://127.0.0.1:{port}", API_KEY, process)
        except OSError:
            time.sleep(0.05)
    stop_emulator(process)
    pytest.fail("`omixa serve` did not accept connections within 15 s")


def stop_emulator(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
