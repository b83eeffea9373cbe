"""A small application built on omixa: render a clip from a prompt and keep the video."""

from __future__ import annotations

from pathlib import Path
from typing import Final

import omixa

MODEL: Final = "veo-3.1-lite-generate-001"


class RenderFailed(Exception):
    """The provider could not make the clip (nothing was charged for it)."""


def render_clip(client: omixa.Client, prompt: str, out: Path, *, seconds: int = 8) -> Path:
    """Creates the job, waits for it and saves its video in ``out``; returns the file."""
    job = client.videos.create(model=MODEL, prompt=prompt, duration_seconds=seconds)
    try:
        done = client.videos.wait(job, timeout=600)
    except omixa.JobFailedError as error:
        raise RenderFailed(f"{prompt!r}: {error}") from error
    [video] = client.videos.download(done, out)
    return video
