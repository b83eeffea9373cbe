"""Every shared vector in `tests/vectors/` (see its README for the format), through `omixa.validate` and
`omixa.estimate`. One test per file; none is skipped."""

from __future__ import annotations

import json
import warnings
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import omixa

from .support import VECTORS

FILES = sorted(VECTORS.rglob("*.json"))


def test_the_vectors_are_there() -> None:
    assert len(FILES) >= 60, f"expected the shared vectors under {VECTORS}, found {len(FILES)}"


@pytest.mark.parametrize("path", FILES, ids=[str(path.relative_to(VECTORS)) for path in FILES])
def test_vector(path: Path) -> None:
    case = json.loads(path.read_text(encoding="utf-8"))
    request, lenient, expect = case["request"], case.get("lenient", False), case["expect"]
    if expect["valid"]:
        check_valid(case, request, lenient, expect)
    else:
        check_invalid(request, lenient, expect)


def check_valid(case: dict[str, Any], request: Any, lenient: bool, expect: dict[str, Any]) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        normalized = omixa.validate(request, lenient=lenient)
    # Key order and int-versus-float are part of the contract: compare the JSON text.
    assert json.dumps(normalized) == json.dumps(expect["request"])
    dropped = [w.message.issue for w in caught if isinstance(w.message, omixa.DroppedFieldWarning)]
    assert [{"code": i.code, "path": i.path} for i in dropped] == expect.get("warnings", [])
    if "estimate" in case:
        check_estimate(omixa.estimate(request, lenient=lenient), case["estimate"])


def check_estimate(estimate: omixa.Estimate, want: dict[str, Any]) -> None:
    if want.get("priced", True) is False:
        assert not estimate.priced
        assert estimate.cost is None and estimate.hold is None and estimate.currency is None
        assert estimate.reason and "no published price" in estimate.reason
        return
    assert estimate.priced
    for key, value in want.items():
        got = getattr(estimate, key)
        if key in ("cost", "hold"):
            # Money is compared as text: "0.40" is not "0.4".
            assert isinstance(got, Decimal) and str(got) == value, key
        elif key == "duration_seconds":
            assert got == Decimal(str(value)), key
        else:
            assert got == value, key


def check_invalid(request: Any, lenient: bool, expect: dict[str, Any]) -> None:
    with pytest.raises(omixa.ValidationError) as raised:
        omixa.validate(request, lenient=lenient)
    issues = raised.value.issues
    want = expect["issues"]
    assert [(i.code, i.path) for i in issues] == [(w["code"], w["path"]) for w in want]
    for issue, wanted in zip(issues, want):
        if "field" in wanted:
            assert issue.field == wanted["field"]
        if "suggestion_contains" in wanted:
            assert wanted["suggestion_contains"] in (issue.suggestion or "")
    # estimate validates the same way.
    with pytest.raises(omixa.ValidationError):
        omixa.estimate(request, lenient=lenient)
