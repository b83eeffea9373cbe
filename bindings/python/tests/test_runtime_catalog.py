"""A model newer than the package: its YAML in a folder named by OMIXA_CATALOG (or given to
`omixa.load_catalog` / `Client(catalog=...)`) is listed, validated, estimated and created with no
regeneration; `unchecked=True` sends a request for a model the client's catalog does not know."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import omixa

from .support import API_KEY, REPO, Emulator

# A model newer than the build, shared by every language's runtime-catalog tests.
NEW_MODEL = (REPO / "tests" / "catalogs" / "newer-model" / "models" / "veo-9-test.yaml").read_text("utf-8")

REQUEST = {"model": "veo-9-test", "prompt": "a fox", "seconds": 10}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "veo-9-test.yaml").write_text(NEW_MODEL)
    return tmp_path


def test_omixa_catalog_adds_a_model_to_the_module_functions(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(omixa.ValidationError) as unknown:
        omixa.validate(REQUEST)
    assert unknown.value.issues[0].code == "unknown_model"

    monkeypatch.setenv("OMIXA_CATALOG", str(folder))
    assert "veo-9-test" in [model.id for model in omixa.models()]
    assert omixa.validate(REQUEST)["duration_seconds"] == 10
    estimate = omixa.estimate(REQUEST)
    assert (estimate.cost, estimate.hold) == (Decimal("1.00"), Decimal("1.00"))
    with pytest.raises(omixa.ValidationError) as too_long:
        omixa.validate({**REQUEST, "seconds": 20})
    assert too_long.value.issues[0].code == "out_of_range"


def test_load_catalog_reports_each_problem_at_its_line(folder: Path) -> None:
    catalog = omixa.load_catalog(folder)
    assert catalog.origin("veo-9-test") == str(folder)
    assert catalog.origin("veo-3.1-lite-generate-001") == "built-in"
    assert catalog.estimate(REQUEST).cost == Decimal("1.00")

    (folder / "models" / "veo-9-test.yaml").write_text(NEW_MODEL.replace("[video]", "[vidoe]"))
    with pytest.raises(omixa.ConfigurationError) as broken:
        omixa.load_catalog(folder)
    assert f"{folder / 'models' / 'veo-9-test.yaml'}:7:11: unknown field set `vidoe`" in str(broken.value)


def test_a_client_creates_for_its_catalog_and_unchecked_for_none(folder: Path, make_emulator) -> None:  # type: ignore[no-untyped-def]
    server: Emulator = make_emulator(catalog=folder)
    client = omixa.Client(API_KEY, server.base_url, catalog=omixa.load_catalog(folder))
    job = client.videos.wait(client.videos.create(REQUEST))
    assert (job.status, job.model) == ("succeeded", "veo-9-test")

    plain = omixa.Client(API_KEY, server.base_url)
    with pytest.raises(omixa.ValidationError):
        plain.videos.create(REQUEST)
    with pytest.warns(UserWarning, match="nothing was validated"):
        job = plain.videos.create(REQUEST, unchecked=True)
    assert plain.videos.wait(job).status == "succeeded"
