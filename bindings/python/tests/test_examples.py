"""Every model's generated Python examples (``generated/examples/<model>/``) run as written against the emulator.

The SDK example (``sdk-python.py``) and the raw HTTP one with requests (``python-requests.py``) each run in a
child interpreter of this virtualenv, reading OMIXA_BASE_URL and OMIXA_API_KEY as a user's script would: an
example a model page prints cannot go stale.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .support import Emulator

EXAMPLES = Path(__file__).resolve().parents[3] / "generated" / "examples"
MODELS = sorted(path.name for path in EXAMPLES.iterdir() if path.is_dir())


def test_examples_were_generated() -> None:
    assert MODELS


@pytest.mark.parametrize("file", ["sdk-python.py", "python-requests.py"])
@pytest.mark.parametrize("model", MODELS)
def test_example_runs_as_written(emulator: Emulator, tmp_path: Path, model: str, file: str) -> None:
    env = {**os.environ, "OMIXA_BASE_URL": emulator.base_url, "OMIXA_API_KEY": emulator.api_key}
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / model / file)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    # The last thing printed is the final job, as pretty JSON.
    job = json.loads(result.stdout[result.stdout.index("{\n") :])
    assert job["status"] == "succeeded"
    assert job["model"] == model
