"""What works without a server: validate, estimate, models, Image, conversions, and the exception classes."""

from __future__ import annotations

import base64
import builtins
import math
import sys
import warnings
from decimal import Decimal
from pathlib import Path

import pytest

import omixa

from .support import LITE, PNG_1X1, PREVIEW

JPEG_HEADER = bytes.fromhex("ffd8ffe000104a46494600010100000100010000")


def test_estimate_of_eight_seconds_is_forty_cents() -> None:
    estimate = omixa.estimate({"model": LITE, "prompt": "x", "seconds": 8})
    assert f"{estimate.cost} {estimate.currency}" == "0.40 USD"
    assert estimate.cost == Decimal("0.40") and isinstance(estimate.cost, Decimal)
    assert estimate.hold == Decimal("0.40")
    assert estimate.duration_seconds == Decimal("8")
    assert estimate.sample_count == 1
    assert estimate.assumed == ["sample_count"]
    assert estimate.priced and estimate.reason is None
    assert str(estimate) == "0.40 USD (hold 0.40 USD)"
    assert repr(estimate) == (
        "Estimate(model='veo-3.1-lite-generate-001', cost=Decimal('0.40'), hold=Decimal('0.40'), currency='USD', "
        "duration_seconds=Decimal('8'), sample_count=1, assumed=['sample_count'])"
    )


def test_three_issues_at_once() -> None:
    request = {"model": LITE, "prompt": "x", "seconds": 45, "aspect_ratio": "4:3", "durations": 8}
    with pytest.raises(omixa.ValidationError) as raised:
        omixa.validate(request)
    error = raised.value
    assert error.codes == ["out_of_range", "not_accepted", "unknown_field"]
    assert isinstance(error, ValueError) and isinstance(error, omixa.OmixaError)
    first = error.issues[0]
    assert (first.code, first.path, first.field) == ("out_of_range", "/seconds", "duration_seconds")
    assert "did you mean `duration_seconds`?" == error.issues[2].suggestion
    assert first.to_dict() == {
        "code": "out_of_range",
        "path": "/seconds",
        "field": "duration_seconds",
        "message": first.message,
        "suggestion": first.suggestion,
    }
    assert "3 issues" in str(error) and "/aspect_ratio" in str(error)
    assert repr(first).startswith("Issue(code='out_of_range', path='/seconds', field='duration_seconds'")


def test_validate_normalizes_and_returns_a_new_dict() -> None:
    request = {"model": LITE, "prompt": "x", "seconds": 8, "n_variants": 2}
    normalized = omixa.validate(request)
    assert normalized == {
        "model": LITE,
        "prompt": "x",
        "duration_seconds": 8,
        "sample_count": 2,
        "video_operation": "text_to_video",
    }
    assert request == {"model": LITE, "prompt": "x", "seconds": 8, "n_variants": 2}


def test_unpriced_model_says_so_instead_of_raising() -> None:
    estimate = omixa.estimate({"model": PREVIEW, "prompt": "x"})
    assert not estimate.priced
    assert estimate.cost is None and estimate.hold is None and estimate.currency is None
    assert estimate.sample_count is None and estimate.duration_seconds is None and estimate.assumed == []
    assert estimate.reason is not None and "no published price" in estimate.reason
    assert str(estimate) == estimate.reason
    assert repr(estimate).startswith("Estimate(model='veo-3.1-generate-preview', priced=False, reason=")


def test_estimates_are_exact_decimals() -> None:
    estimate = omixa.estimate({"model": LITE, "prompt": "x", "seconds": 1.1, "sample_count": 3})
    assert estimate.cost == Decimal("0.165") and estimate.duration_seconds == Decimal("1.1")
    estimate = omixa.estimate({"model": LITE, "prompt": "x", "seconds": Decimal("8.5")})
    assert str(estimate.cost) == "0.425"


def test_lenient_mode_warns_for_each_dropped_field() -> None:
    omitted = [
        (model.id, name)
        for model in omixa.models()
        for name in ("n_variants", "sample_count")
        if all(field.name != "sample_count" for field in model.fields)
    ]
    if not omitted:
        pytest.skip("no model of this catalog omits a field")  # pragma: no cover - depends on the catalog
    model, name = omitted[0]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        normalized = omixa.validate({"model": model, "prompt": "x", name: 2}, lenient=True)
    assert name not in normalized
    assert [type(w.message) for w in caught] == [omixa.DroppedFieldWarning]
    warning = caught[0].message
    assert isinstance(warning, omixa.DroppedFieldWarning)
    assert (warning.issue.code, warning.issue.path) == ("unknown_field", f"/{name}")
    assert caught[0].filename == __file__, "the warning points at the caller's line"
    with pytest.raises(omixa.ValidationError):
        omixa.validate({"model": model, "prompt": "x", name: 2})


def test_python_values_convert_as_json() -> None:
    # A bool is not an integer, an int beyond 64 bits is out of any range, 1 is not a bool.
    with pytest.raises(omixa.ValidationError) as raised:
        omixa.validate({"model": LITE, "prompt": "x", "sample_count": True, "seed": 2**70, "enhance_prompt": 1})
    assert [(i.code, i.path) for i in raised.value.issues] == [
        ("invalid_type", "/sample_count"),
        ("out_of_range", "/seed"),
        ("invalid_type", "/enhance_prompt"),
    ]
    normalized = omixa.validate(
        {"model": LITE, "prompt": "ünïcödé 🎬", "seconds": 8.5, "reference_images": (omixa.Image.from_bytes(PNG_1X1),)}
    )
    assert normalized["prompt"] == "ünïcödé 🎬"
    assert normalized["duration_seconds"] == 8.5
    assert normalized["reference_images"][0]["type"] == "image_url"


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_non_finite_floats_are_out_of_range(value: float) -> None:
    with pytest.raises(omixa.ValidationError) as raised:
        omixa.validate({"model": LITE, "prompt": "x", "seconds": value})
    assert [(i.code, i.path) for i in raised.value.issues] == [("out_of_range", "/seconds")]
    with pytest.raises(omixa.ValidationError) as raised:
        omixa.validate({"model": LITE, "prompt": "x", "sample_count": value})
    assert raised.value.codes == ["out_of_range"]


def test_a_value_json_cannot_carry_is_a_type_error_naming_where() -> None:
    with pytest.raises(TypeError, match=r"`set` at /reference_images/1"):
        omixa.validate({"model": LITE, "prompt": "x", "reference_images": ["a", {1, 2}]})
    with pytest.raises(TypeError, match="dict keys must be str"):
        omixa.validate({"model": LITE, "prompt": "x", 3: "y"})  # type: ignore[dict-item]
    nested: list[object] = []
    nested.append(nested)
    with pytest.raises(ValueError, match="nested more than"):
        omixa.validate({"model": LITE, "prompt": "x", "seed": nested})


def test_a_request_that_is_not_a_dict_is_invalid_type() -> None:
    with pytest.raises(omixa.ValidationError) as raised:
        omixa.validate(["not", "a", "dict"])  # type: ignore[arg-type]
    assert [(i.code, i.path) for i in raised.value.issues] == [("invalid_type", "")]


def test_models_describe_the_catalog() -> None:
    models = {model.id: model for model in omixa.models()}
    lite = models[LITE]
    assert lite.name == "Veo 3.1 Lite" and lite.provider == "google"
    assert lite.price_per_second == Decimal("0.05") and lite.minimum_hold == Decimal("0.01")
    assert lite.currency == "USD"
    fields = {field.name: field for field in lite.fields}
    duration = fields["duration_seconds"]
    assert duration.aliases == ["seconds"] and duration.type == "number"
    assert (duration.minimum, duration.maximum, duration.default) == (1, 30, 8)
    assert fields["aspect_ratio"].accepted == ["16:9", "9:16", "1:1"]
    assert "image/png" in fields["start_frame"].media_types
    assert fields["prompt"].required and not fields["seed"].required
    assert repr(lite) == "ModelInfo(id='veo-3.1-lite-generate-001', name='Veo 3.1 Lite', provider='google')"
    if PREVIEW in models:
        assert models[PREVIEW].price_per_second is None and models[PREVIEW].currency is None


def test_image_from_bytes_sniffs_and_encodes() -> None:
    image = omixa.Image.from_bytes(PNG_1X1)
    assert image.media_type == "image/png"
    assert image.data_url == "data:image/png;base64," + base64.b64encode(PNG_1X1).decode()
    assert image.to_dict() == {"type": "image_url", "image_url": {"url": image.data_url}}
    assert image == omixa.Image.from_bytes(bytearray(PNG_1X1))
    assert repr(image) == f"<omixa.Image 'image/png' as a data URL of {len(image.data_url)} characters>"
    assert omixa.Image.from_bytes(b"xyz", mime="text/plain").data_url == "data:text/plain;base64,eHl6"
    big = omixa.Image.from_bytes(PNG_1X1 + bytes(1 << 20))  # encoded with the GIL released
    assert big.data_url.startswith("data:image/png;base64,iVBORw0KGgo")


def test_image_errors_are_value_and_os_errors(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="cannot tell the media type"):
        omixa.Image.from_bytes(b"not an image")
    with pytest.raises(ValueError, match="not a valid media type"):
        omixa.Image.from_bytes(PNG_1X1, mime="png")
    with pytest.raises(FileNotFoundError) as raised:
        omixa.Image.from_path(tmp_path / "missing.png")
    assert raised.value.filename == str(tmp_path / "missing.png")
    with pytest.raises(TypeError):
        omixa.Image.from_bytes("a str is not bytes")  # type: ignore[arg-type]


def test_image_from_path_is_a_field_value(tmp_path: Path) -> None:
    frame = tmp_path / "frame.jpg"
    frame.write_bytes(JPEG_HEADER + bytes(64))
    image = omixa.Image.from_path(str(frame))
    assert image.media_type == "image/jpeg"
    assert omixa.Image.from_path(frame) == image
    normalized = omixa.validate({"model": LITE, "prompt": "x", "start_frame": image})
    assert normalized["start_frame"] == {"type": "image_url", "image_url": {"url": image.data_url}}
    assert normalized["video_operation"] == "image_to_video"


def test_a_panic_is_an_omixa_error_not_a_base_exception() -> None:
    from omixa import _native

    with pytest.raises(omixa.OmixaError, match="internal error in omixa .*boom") as raised:
        _native._panic("boom")
    assert type(raised.value) is omixa.OmixaError


def test_exception_classes_extend_the_builtins_a_caller_would_catch() -> None:
    assert issubclass(omixa.ValidationError, ValueError)
    assert issubclass(omixa.ConfigurationError, ValueError)
    assert issubclass(omixa.TimeoutError, builtins.TimeoutError)
    assert issubclass(omixa.ConnectionError, builtins.ConnectionError)
    assert issubclass(omixa.FileError, OSError)
    for name in ("AuthenticationError", "RateLimitError", "InvalidResponseError"):
        assert issubclass(getattr(omixa, name), omixa.APIError)
    for name in omixa._errors.__all__:
        cls = getattr(omixa, name)
        assert cls.__module__ == "omixa"
        if name != "DroppedFieldWarning":
            assert issubclass(cls, omixa.OmixaError), name
    error = omixa.RateLimitError("slow down", retry_after=2.0, request_id="req_1")
    assert (error.status_code, error.retry_after, error.request_id, error.body) == (429, 2.0, "req_1", None)
    file_error = omixa.FileError(13, "Permission denied", "/videos/x.mp4")
    assert (file_error.errno, file_error.filename) == (13, "/videos/x.mp4")
    assert str(file_error) == "[Errno 13] Permission denied: '/videos/x.mp4'"


def test_a_large_data_url_comes_back_as_the_callers_own_string() -> None:
    url = omixa.Image.from_bytes(PNG_1X1 + bytes(64 * 1024)).data_url
    normalized = omixa.validate({"model": LITE, "prompt": "x", "start_frame": url})
    returned = normalized["start_frame"]["image_url"]["url"]
    assert returned == url
    if sys.version_info >= (3, 10):  # the borrowed UTF-8 view it needs is in the stable ABI from 3.10
        assert returned is url, "no megabyte-sized copy of an unchanged string"


@pytest.mark.skipif(sys.version_info < (3, 10), reason="the borrowed UTF-8 view it needs is in the stable ABI from 3.10")
def test_short_strings_come_back_as_the_callers_own() -> None:
    request = {"model": LITE, "prompt": "A lighthouse at dawn", "aspect_ratio": "16:9"}
    normalized = omixa.validate(request)
    assert normalized["prompt"] is request["prompt"] and normalized["aspect_ratio"] is request["aspect_ratio"]
    # An inferred value is the core's own.
    assert normalized["video_operation"] == "text_to_video"
