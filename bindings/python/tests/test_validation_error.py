"""The `ValidationError` that `validate` and `estimate` raise builds its message and `Issue` objects when first
read; whatever is read first, and in whatever order, it is the error its constructor makes from them."""

from __future__ import annotations

import copy
import traceback
from typing import Any, Callable

import pytest

import omixa

from .support import LITE

THREE_ISSUES = {"model": LITE, "prompt": "x", "seconds": 45, "aspect_ratio": "4:3", "durations": 8}


def raised(function: Callable[[Any], Any] = omixa.validate) -> omixa.ValidationError:
    with pytest.raises(omixa.ValidationError) as caught:
        function(THREE_ISSUES)
    return caught.value


def assert_as_constructed(error: omixa.ValidationError) -> None:
    constructed = omixa.ValidationError(str(error), error.issues)
    assert error.args == constructed.args == (str(error),)
    assert repr(error) == repr(constructed)
    assert error.issues == constructed.issues
    assert vars(error) == vars(constructed)


READS: dict[str, Callable[[omixa.ValidationError], object]] = {
    "issues": lambda error: error.issues,
    "codes": lambda error: error.codes,
    "str": str,
    "repr": repr,
    "args": lambda error: error.args,
    "copy": copy.copy,
}


@pytest.mark.parametrize("first", READS)
def test_the_error_read_in_any_order_is_the_one_its_constructor_makes(first: str) -> None:
    error = raised()
    READS[first](error)
    assert_as_constructed(error)
    assert error.codes == ["out_of_range", "not_accepted", "unknown_field"]
    assert str(error).startswith("invalid request: 3 issues\n  - out_of_range at /seconds: ")
    assert "did you mean `duration_seconds`?" in str(error)


def test_estimate_raises_the_same_error() -> None:
    by_estimate = raised(omixa.estimate)
    by_validate = raised()
    assert (str(by_estimate), by_estimate.issues) == (str(by_validate), by_validate.issues)


def test_a_copy_and_a_traceback_show_every_issue() -> None:
    copied = copy.copy(raised())
    assert copied.codes == ["out_of_range", "not_accepted", "unknown_field"] and "3 issues" in str(copied)
    shown = "".join(traceback.format_exception_only(type(copied), copied))
    assert shown.startswith("omixa.ValidationError: invalid request: 3 issues\n")


def test_args_set_before_reading_are_kept() -> None:
    error = raised()
    error.args = ("replaced",)
    assert (str(error), error.args) == ("replaced", ("replaced",))
    assert error.codes == ["out_of_range", "not_accepted", "unknown_field"]


def test_an_attribute_never_set_is_an_attribute_error() -> None:
    error = raised()
    with pytest.raises(AttributeError, match="no_such_attribute"):
        error.no_such_attribute  # type: ignore[attr-defined]  # noqa: B018


def test_a_batch_input_error_has_its_own_empty_issues() -> None:
    error = omixa.BatchInputError("bad batch", kind="invalid_input")
    assert (error.issues, error.problems, str(error), error.args) == ([], [], "bad batch", ("bad batch",))
