"""files/yamlio.py's loader gives exactly the documents yaml.safe_load gives.

Its tag resolution is remembered per text and it builds plain data without PyYAML's
constructor: both are only faster, never different. Compared on every shipped
checklist, the golden inputs, a demo's audits, and scalars YAML 1.1 types in surprising
ways (dates, 'yes'/'no', octal and sexagesimal-looking numbers, null spellings).
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

import pytest
import yaml

from cx_audit.errors import InputError
from cx_audit.files import yamlio
from tests.conftest import REPO


def _same(a: Any, b: Any) -> bool:
    """Equal, with equal types all the way down (1 and 1.0 and True differ), NaN equal to NaN."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


def _ours(text: str) -> Any:
    return yamlio.parse(text, Path("x.yaml"), "x.yaml").data


def _files() -> list[Path]:
    found = sorted((REPO / "checklists").rglob("*.yaml")) + sorted((REPO / "tests" / "gold" / "inputs").rglob("*.yaml"))
    assert len(found) > 5
    return found


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_shipped_and_golden_files_load_as_safe_load_does(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert _same(_ours(text), yaml.safe_load(text))
    assert _same(_ours(text), yaml.safe_load(text))  # a second time, from the remembered tags


def test_the_demo_loads_as_safe_load_does(shared_demo: Path) -> None:
    files = sorted(shared_demo.rglob("*.yaml"))
    assert len(files) >= 2
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert _same(_ours(text), yaml.safe_load(text)), path.name


TRICKY = [
    "yes",
    "no",
    "Yes",
    "NO",
    "on",
    "off",
    "y",
    "n",
    "true",
    "False",
    "~",
    "null",
    "Null",
    "",
    "0",
    "-0",
    "007",
    "0o17",
    "0x1f",
    "0b101",
    "1_000",
    "+12",
    "1.5",
    ".5",
    "1e3",
    "1.0e+3",
    ".inf",
    "-.Inf",
    ".nan",
    "2026-11-22",
    "2026-11-22 10:30:00",
    "2026-11-22T10:30:00Z",
    "2026-11-22t10:30:00.5+01:00",
    "2026-1-2",
    "12.30",
    "1.10",
    "A1",
    "I12",
    "s0",
    "<<x",
    "1,000",
    "3 hours",
    "'quoted'",
    '"2026-11-22"',
    '"yes"',
    "!!str 12",
    "!!int '12'",
    "!!float 3",
]


def test_tricky_scalars_resolve_as_safe_load_does() -> None:
    lines = [f"k{i}: {value}" for i, value in enumerate(TRICKY)] + ["list: [" + ", ".join(v for v in TRICKY if v) + "]"]
    text = "\n".join(lines) + "\n"
    for _ in range(2):  # the second time from the remembered tags
        ours, theirs = _ours(text), yaml.safe_load(text)
        assert _same(ours, theirs)
    read = {value: ours[f"k{i}"] for i, value in enumerate(TRICKY)}
    assert read["yes"] is True and read["off"] is False and read["~"] is None and read[""] is None
    assert read["2026-11-22"] == dt.date(2026, 11, 22) and read['"2026-11-22"'] == "2026-11-22"
    assert read["007"] == 7 and read["0o17"] == "0o17" and read["1.10"] == 1.1 and read["A1"] == "A1"


@pytest.mark.parametrize("value", TRICKY[:20])
def test_a_text_seen_as_a_key_then_as_a_value(value: str) -> None:
    """Keys and values of the same text share the remembered tag: both stay as PyYAML reads them."""
    if not value:
        return
    text = f"{value}: {value}\nnested:\n  - {{{value}: [{value}]}}\n"
    try:
        theirs = yaml.safe_load(text)
    except yaml.YAMLError:
        return  # not a mapping key PyYAML accepts (an unhashable key): nothing to compare
    assert _same(_ours(text), theirs)


def test_anchors_aliases_and_merge_keys() -> None:
    text = "base: &b {a: 1, b: [x, 2026-11-22]}\nlist: &l [1, *b]\nagain: *l\nmerged:\n  <<: *b\n  c: 3\nkey: *b\n"
    ours, theirs = _ours(text), yaml.safe_load(text)
    assert _same(ours, theirs)
    assert ours["list"] is ours["again"] and ours["list"][1] is ours["base"]  # aliases stay shared
    assert ours["merged"] == {"a": 1, "b": ["x", dt.date(2026, 11, 22)], "c": 3}


def test_duplicates_are_still_refused_and_odd_keys_kept() -> None:
    with pytest.raises(InputError, match="duplicate key 'a'"):
        _ours("a: 1\nb: 2\na: 3\n")
    text = "2: one\n2026-11-22: day\nnull: n\ntrue: t\n1.5: f\n"
    assert _same(_ours(text), yaml.safe_load(text))


def test_base_60_numbers_are_still_refused() -> None:
    for _ in range(2):
        with pytest.raises(InputError, match="base-60"):
            _ours("a: 12:30\n")


def test_resolved_tags_are_bounded() -> None:
    long_number = "1" * 60
    text = f"a: {long_number}\nb: {'x' * 60}\n"
    assert _same(_ours(text), yaml.safe_load(text))
    assert long_number not in yamlio._RESOLVED  # long texts are resolved each time, not remembered
    assert len(yamlio._RESOLVED) <= yamlio._RESOLVED_MAX
