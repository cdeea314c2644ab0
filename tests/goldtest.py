"""Golden files: compare an output with its pinned copy in tests/gold/, or refresh it.

A mismatch fails with a unified diff and saves the actual output under tests/actual/
(ignored by git) so it can be opened beside the gold file. To accept a deliberate change
to what users see, refresh every gold file and commit the result on its own:

    CX_AUDIT_UPDATE_GOLD=1 .venv/bin/pytest tests/test_gold.py

Modelled on coverage.py's tests/goldtest.py.
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

import pytest

from cx_audit import __version__

GOLD = Path(__file__).resolve().parent / "gold"
ACTUAL = Path(__file__).resolve().parent / "actual"
UPDATE = os.environ.get("CX_AUDIT_UPDATE_GOLD") == "1"
_MAX_DIFF_LINES = 80


def scrub(text: str) -> str:
    """Replace what changes without a change to the output itself: the version string."""
    return re.sub(r"cx-audit " + re.escape(__version__) + r"\b", "cx-audit VERSION", text)


def check_gold(name: str, actual: str) -> None:
    """Assert that `actual` equals tests/gold/NAME (after scrubbing), or refresh it."""
    actual = scrub(actual)
    gold = GOLD / name
    if UPDATE:
        gold.parent.mkdir(parents=True, exist_ok=True)
        gold.write_text(actual, encoding="utf-8", newline="")
        return
    if not gold.exists():
        _save_actual(name, actual)
        pytest.fail(f"no gold file {gold}; run CX_AUDIT_UPDATE_GOLD=1 pytest tests/test_gold.py to create it")
    expected = gold.read_text(encoding="utf-8")
    if expected == actual:
        return
    saved = _save_actual(name, actual)
    diff = list(
        difflib.unified_diff(
            expected.splitlines(keepends=True), actual.splitlines(keepends=True), f"gold/{name}", f"actual/{name}"
        )
    )
    shown = "".join(diff[:_MAX_DIFF_LINES])
    more = f"\n... {len(diff) - _MAX_DIFF_LINES} more diff lines" if len(diff) > _MAX_DIFF_LINES else ""
    pytest.fail(f"output differs from gold/{name} (actual saved to {saved}):\n{shown}{more}", pytrace=False)


def _save_actual(name: str, actual: str) -> Path:
    path = ACTUAL / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(actual, encoding="utf-8", newline="")
    return path
