"""What the tests share: the repository's paths, test data, and the in-process emulator's type."""

from __future__ import annotations

from pathlib import Path

from omixa.testing import Emulator

REPO = Path(__file__).resolve().parents[3]
VECTORS = REPO / "tests" / "vectors"
API_KEY = "omx_test_python_do_not_print_me"
LITE = "veo-3.1-lite-generate-001"
PREVIEW = "veo-3.1-generate-preview"

__all__ = ["API_KEY", "LITE", "PNG_1X1", "PREVIEW", "REPO", "VECTORS", "Emulator"]

# A 1×1 transparent PNG.
PNG_1X1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082"
)
