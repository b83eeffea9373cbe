"""Benchmark: ``omixa.validate`` against pydantic v2, fastjsonschema and jsonschema_rs on the same payloads,
and ``omixa.Image.from_bytes`` against ``base64.b64encode``.

Run it against a release build, in a venv of its own::

    python3 -m venv bench/.venv
    bench/.venv/bin/pip install "maturin>=1.9,<2" pydantic fastjsonschema jsonschema_rs
    VIRTUAL_ENV=$PWD/bench/.venv bench/.venv/bin/maturin develop --release
    bench/.venv/bin/python bench/bench_validate.py

Every validator checks the same things for Veo 3.1 Lite: the model literal, types, the duration range, the
accepted aspect ratios, aliases, no unknown keys, and an inline image's data URL (media type and base64
alphabet). The JSON Schema ones use the generated ``generated/schema/veo-3.1-lite-generate-001.request.schema.json``.
Times are the best of several rounds, in nanoseconds per call, measured as the CPU time of the benchmarking
thread (``time.thread_time_ns``), so other processes on a shared machine do not inflate them.
"""

from __future__ import annotations

import base64
import json
import os
import sys
import time
from pathlib import Path
from typing import Any, Callable, Literal, Optional, Union

import fastjsonschema
import jsonschema_rs
from pydantic import AliasChoices, BaseModel, ConfigDict, Field, ValidationError
from typing_extensions import Annotated

import omixa

REPO = Path(__file__).resolve().parents[3]
SCHEMA = REPO / "generated" / "schema" / "veo-3.1-lite-generate-001.request.schema.json"
LITE = "veo-3.1-lite-generate-001"

# ---- pydantic: a model matching the catalog entry ---------------------------------------------------------

DATA_URL = r"^data:image/(png|jpeg|webp);base64,[A-Za-z0-9+/]*={0,2}$"
DataUrl = Annotated[str, Field(pattern=DATA_URL)]


class ImageUrl(BaseModel):
    model_config = ConfigDict(extra="forbid")
    url: DataUrl


class InlineImageObject(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: Literal["image_url"]
    image_url: ImageUrl


InlineImage = Union[DataUrl, InlineImageObject]


def alias(name: str, *aliases: str) -> Any:
    return Field(None, validation_alias=AliasChoices(name, *aliases))


class Veo31Lite(BaseModel):
    model_config = ConfigDict(extra="forbid")

    model: Literal["veo-3.1-lite-generate-001"]
    prompt: str
    video_operation: Optional[
        Literal["text_to_video", "image_to_video", "first_last_frames", "reference_to_video", "extend"]
    ] = alias("video_operation", "task")
    duration_seconds: Optional[Annotated[float, Field(ge=1, le=30, allow_inf_nan=False)]] = alias(
        "duration_seconds", "seconds"
    )
    aspect_ratio: Optional[Literal["16:9", "9:16", "1:1"]] = None
    resolution: Optional[Literal["720p", "1080p", "1280x720", "720x1280", "1920x1080"]] = alias("resolution", "size")
    sample_count: Optional[Annotated[int, Field(ge=1, le=4)]] = alias("sample_count", "n_variants")
    negative_prompt: Optional[str] = None
    person_generation: Optional[str] = None
    generate_audio: Optional[bool] = None
    enhance_prompt: Optional[bool] = None
    seed: Optional[int] = None
    start_frame: Optional[InlineImage] = alias("start_frame", "first_frame", "image", "input_reference")
    last_frame: Optional[InlineImage] = alias("last_frame", "end_frame")
    reference_images: Optional[Annotated[list[InlineImage], Field(min_length=1)]] = None
    source_video: Optional[str] = alias("source_video", "source_video_id", "video_id")
    wait_seconds: Optional[Annotated[int, Field(ge=0)]] = None
    poll_interval_seconds: Optional[Annotated[int, Field(ge=1)]] = None


# ---- payloads -----------------------------------------------------------------------------------------------

PNG_SIGNATURE = bytes.fromhex("89504e470d0a1a0a0000000d49484452")
IMAGE = PNG_SIGNATURE + os.urandom((1 << 20) - len(PNG_SIGNATURE))  # 1 MiB that sniffs as PNG

PAYLOADS: dict[str, dict[str, Any]] = {
    "text-only": {"model": LITE, "prompt": "A lighthouse at dawn", "seconds": 8, "aspect_ratio": "16:9"},
    "1 MiB image": {
        "model": LITE,
        "prompt": "A lighthouse at dawn",
        "seconds": 8,
        "start_frame": "data:image/png;base64," + base64.b64encode(IMAGE).decode(),
    },
    "3 errors": {"model": LITE, "prompt": "A lighthouse at dawn", "seconds": 45, "aspect_ratio": "4:3", "durations": 8},
}


def catching(function: Callable[[Any], Any], *errors: type[BaseException]) -> Callable[[Any], Any]:
    def call(payload: Any) -> Any:
        try:
            return function(payload)
        except errors as error:
            return error

    return call


def validators() -> dict[str, Callable[[Any], Any]]:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    fast = fastjsonschema.compile(schema)
    rs = jsonschema_rs.validator_for(schema)
    return {
        "omixa.validate": catching(omixa.validate, omixa.ValidationError),
        "pydantic v2": catching(Veo31Lite.model_validate, ValidationError),
        # fastjsonschema stops at the first error; the others report every one.
        "fastjsonschema": catching(fast, fastjsonschema.JsonSchemaException),
        "jsonschema_rs": lambda payload: list(rs.iter_errors(payload)),
    }


def check_agreement(checks: dict[str, Callable[[Any], Any]]) -> None:
    """Every validator accepts the valid payloads and rejects the invalid one, or the comparison is void."""
    for name, check in checks.items():
        for payload_name, payload in PAYLOADS.items():
            outcome = check(payload)
            failed = isinstance(outcome, BaseException) or (isinstance(outcome, list) and bool(outcome))
            assert failed == (payload_name == "3 errors"), f"{name} disagrees on {payload_name}: {outcome!r:.200}"


def ns_per_call(function: Callable[[Any], Any], argument: Any, budget_s: float = 0.25, rounds: int = 5) -> float:
    """Best of `rounds` timings of a loop sized to take about `budget_s`, in ns per call."""
    number = 1
    while True:
        started = time.thread_time_ns()
        for _ in range(number):
            function(argument)
        elapsed = time.thread_time_ns() - started
        if elapsed > budget_s * 1e9 / 10 or number >= 1 << 24:
            break
        number *= 4
    number = max(1, int(number * budget_s * 1e9 / max(elapsed, 1)))
    best = float("inf")
    for _ in range(rounds):
        started = time.thread_time_ns()
        for _ in range(number):
            function(argument)
        best = min(best, (time.thread_time_ns() - started) / number)
    return best


def main() -> int:
    checks = validators()
    check_agreement(checks)
    results: dict[str, dict[str, float]] = {name: {} for name in checks}
    print(f"omixa {omixa.__version__}, Python {sys.version.split()[0]}; thread CPU ns per call (best of 5)\n")
    header = f"{'':18}" + "".join(f"{name:>16}" for name in PAYLOADS)
    print(header)
    for name, check in checks.items():
        for payload_name, payload in PAYLOADS.items():
            results[name][payload_name] = ns_per_call(check, payload)
        print(f"{name:18}" + "".join(f"{results[name][p]:>16,.0f}" for p in PAYLOADS))

    size = 20 << 20
    data = PNG_SIGNATURE + os.urandom(size - len(PNG_SIGNATURE))
    image_ns = ns_per_call(omixa.Image.from_bytes, data, budget_s=1.0)
    b64_ns = ns_per_call(base64.b64encode, data, budget_s=1.0)
    print(f"\nImage.from_bytes, 20 MiB: {size / image_ns:6.2f} GB/s   base64.b64encode: {size / b64_ns:6.2f} GB/s")

    ours = results["omixa.validate"]
    others = [name for name in results if name != "omixa.validate"]
    targets = {
        "text-only validate under 1 µs": ours["text-only"] < 1000,
        "1 MiB image ≥10× faster than every other": all(
            results[other]["1 MiB image"] >= 10 * ours["1 MiB image"] for other in others
        ),
        "3 errors no slower than pydantic": ours["3 errors"] <= results["pydantic v2"]["3 errors"],
        "Image.from_bytes ≥ 4 GB/s": size / image_ns >= 4.0,
    }
    print()
    for target, met in targets.items():
        print(f"  [{'x' if met else ' '}] {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
