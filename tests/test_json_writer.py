"""outputs/jsonout.py's writer: its fast paths print exactly what the plain layout prints.

The plain layout (a reference copy below): objects and lists holding only scalars on one
line, containers of containers indented, one record per line. The writer encodes a list
of flat records in one call and splits it; strings that look like record boundaries,
nested containers and mixed lists must all come out as the reference writes them.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from cx_audit.outputs import jsonout
from cx_audit.safetext import json_text

_flat = json.JSONEncoder(separators=(", ", ": "), ensure_ascii=False).encode


def _reference(value: Any, pad: str = "") -> str:
    def holds(values: Any) -> bool:
        return any(type(v) in (dict, list) and v for v in values)

    inner = pad + "  "
    if type(value) is dict and holds(value.values()):
        body = ",\n".join(f"{inner}{_flat(k)}: {_reference(v, inner)}" for k, v in value.items())
        return "{\n" + body + f"\n{pad}}}"
    if type(value) is list and holds(value):
        return "[\n" + ",\n".join(inner + _reference(v, inner) for v in value) + f"\n{pad}]"
    return _flat(value)


RECORD = {"id": "A1", "score": 62.5, "lost": None, "critical": True, "n": 3, "text": "Plain"}
CASES: list[Any] = [
    {"items": [RECORD, RECORD, RECORD]},
    {"items": [dict(RECORD, text="a }, { b"), RECORD]},
    {"items": [dict(RECORD, text="{"), RECORD, dict(RECORD, text="[")]},
    {"items": [dict(RECORD, text="{}"), dict(RECORD, text="[]"), RECORD]},
    {"items": [RECORD, dict(RECORD, nested={"a": 1})]},
    {"items": [RECORD, dict(RECORD, nested=[1, 2])]},
    {"items": [RECORD, dict(RECORD, empty={}, none=[])]},
    {"items": [{}, dict(RECORD, nested={"a": {"b": 1}})]},
    {"items": [RECORD, "}, {", RECORD]},
    {"items": [RECORD, 3, [1], {}]},
    {"items": [RECORD]},
    {"items": [[RECORD, RECORD], [RECORD]]},
    {"audits": [{"items": [RECORD, RECORD], "sections": [RECORD]}, {"items": [], "sections": [RECORD, RECORD]}]},
    {"text": "é — \u2028 \x7f \x85", "items": [dict(RECORD, text="\x7f é"), RECORD]},
    {"floats": [1e16, 1e-7, -0.0, 0.1 + 0.2, float("inf"), float("nan")], "more": [{"x": float("-inf")}, {"x": 2**70}]},
    [],
    {},
    "just text",
]


@pytest.mark.parametrize("data", CASES)
def test_writer_prints_the_reference_layout(data: Any) -> None:
    assert jsonout.dumps(data) == json_text(_reference(data) + "\n")


def test_the_c_encoder_is_used_when_present() -> None:
    assert jsonout._c_encode is not None
    assert jsonout._flat_text({"a": [1.5, None, "é"]}) == _flat({"a": [1.5, None, "é"]})


def test_json_text_escapes_only_what_it_must() -> None:
    assert json_text('{"a": "plain"}') == '{"a": "plain"}'
    assert json_text('{"a": "x\x7fy\u2028z\x85"}') == '{"a": "x\\u007fy\\u2028z\\u0085"}'
    assert json_text('{"a": "é"}') == '{"a": "é"}'
