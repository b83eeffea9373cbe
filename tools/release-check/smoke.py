"""The installed omixa package works: it imports, validates and estimates (run from outside the repository),
and with OMIXA_CATALOG naming a folder it knows a model newer than the build, with no regeneration."""

import os
from decimal import Decimal

import omixa

REQUEST = {"model": "veo-3.1-lite-generate-001", "prompt": "A lighthouse at dawn", "seconds": 8}

validated = omixa.validate(REQUEST)
assert validated["duration_seconds"] == 8, validated
estimate = omixa.estimate(REQUEST)
assert isinstance(estimate.cost, Decimal) and estimate.cost > 0, estimate
try:
    omixa.validate({**REQUEST, "aspect_ratio": "4:3"})
except omixa.ValidationError as error:
    assert [issue.code for issue in error.issues] == ["not_accepted"], error.issues
else:
    raise AssertionError("an aspect ratio the model does not accept was accepted")
if os.environ.get("OMIXA_CATALOG"):
    newer = {"model": "veo-9-test", "prompt": "a fox", "seconds": 10}
    assert "veo-9-test" in [model.id for model in omixa.models()]
    assert omixa.validate(newer)["duration_seconds"] == 10
    assert omixa.estimate(newer).cost == Decimal("1.00")
assert "/site-packages/" in omixa.__file__, f"imported from {omixa.__file__}, not from the install"
print(f"python smoke test: omixa from {omixa.__file__}: {estimate}")
