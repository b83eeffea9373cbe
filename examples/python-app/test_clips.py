"""Tests of the application, against the local emulator the omixa package provides: no key, no network, no
bill. `omixa_emulator` and `omixa_client` come from omixa's pytest plugin; nothing to import or configure."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from clips import RenderFailed, render_clip

from omixa import Client
from omixa.testing import Emulator


def test_a_clip_is_rendered_and_charged_once(omixa_client: Client, omixa_emulator: Emulator, tmp_path: Path) -> None:
    video = render_clip(omixa_client, "A lighthouse at dawn", tmp_path)

    assert video.read_bytes()[4:8] == b"ftyp"  # an MP4
    usage = omixa_emulator.usage()
    assert usage.kinds() == ["hold", "charge"]
    assert usage.records[-1].amount == Decimal("0.40")  # 8 s of Lite


def test_a_rate_limited_poll_is_retried(omixa_client: Client, omixa_emulator: Emulator, tmp_path: Path) -> None:
    # Every second job request is answered 429 (Retry-After: 0): here, the first status poll.
    omixa_emulator.set_faults(rate_limit_every=2, retry_after_seconds=0)

    video = render_clip(omixa_client, "A lighthouse at dawn", tmp_path)

    assert video.exists()
    assert omixa_emulator.job_requests == 3  # the create, the poll answered 429, the same poll again
    assert omixa_emulator.usage().kinds() == ["hold", "charge"]  # the retry billed nothing more


def test_a_failed_job_releases_its_hold(omixa_client: Client, omixa_emulator: Emulator, tmp_path: Path) -> None:
    omixa_emulator.set_faults(job_failure_rate=1.0)

    with pytest.raises(RenderFailed):
        render_clip(omixa_client, "A lighthouse at dawn", tmp_path)

    hold, release = omixa_emulator.usage().records
    assert (hold.kind, release.kind) == ("hold", "release")
    assert release.amount == hold.amount == Decimal("0.40")
    assert not list(tmp_path.iterdir())  # nothing saved
