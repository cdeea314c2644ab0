"""The audit file's several voices: `respondents`, `privacy` and `responses` under an answer.

Reading them (every problem positioned, reported with the rest of the file's) and
writing them back in the file's order. The scoring is in :mod:`cx_audit.scoring.voices`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Protocol

from cx_audit.files.checks import BOOL_WORDS, Path_, describe
from cx_audit.files.values import ValueRefused, check_value, to_file
from cx_audit.files.yamlio import Flow
from cx_audit.model import (
    AUDITOR_ROLE,
    DEFAULT_ROLE,
    Answer,
    Audit,
    Checklist,
    Item,
    ItemType,
    Respondent,
    condition_items,
)

if TYPE_CHECKING:
    from cx_audit.files.checks import Checker


class CheckAnswer(Protocol):
    """The audit reader's check of one answer (files/audit.py), handed in: this module is below it."""

    def __call__(
        self, key: str, raw: dict[Any, Any], path: Path_, item: Item, keyset: frozenset[str], keys: tuple[str, ...], what: str
    ) -> Answer: ...


RESPONSE_KEYS = ("value", "na", "note")  # an answer's keys that a response has too
_RESPONSE_KEYSET = frozenset(RESPONSE_KEYS)

RESPONDENT_ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*\Z")
ROLE_RE = re.compile(r"[a-z][a-z0-9-]*\Z")
RESPONDENT_KEYS = ("id", "role", "name")
_VALUE_NOTE = frozenset({"value", "note"})


def respondent_id_problem(value: Any) -> str | None:
    """Why ``value`` cannot be a respondent id (None: it can)."""
    if isinstance(value, bool):
        return "is a YAML boolean (yes/no/on/off/true/false); put it in quotes"
    if not isinstance(value, str) or not RESPONDENT_ID_RE.match(value):
        return "is not valid: use a letter or digit, then letters, digits, '_', '.' or '-'"
    return None


def role_problem(value: Any) -> str | None:
    """Why ``value`` cannot be a respondent's role (None: it can)."""
    if not isinstance(value, str) or not ROLE_RE.match(value) or value in BOOL_WORDS:
        return "is not valid: use [a-z][a-z0-9-]*, such as frontline or management"
    if value == AUDITOR_ROLE:
        return f"is the auditor's own role; give respondents another role (default {DEFAULT_ROLE})"
    return None


def _ident(value: Any) -> Any:
    """YAML reads `12` as a number: an id of digits is meant as text."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def read_voices(reader: Checker, top: dict[Any, Any]) -> tuple[list[Respondent], dict[str, Any] | None]:
    """The declared respondents and the privacy mapping (problems go to ``reader``)."""
    respondents: list[Respondent] = []
    raw = top.get("respondents")
    if raw is not None and not isinstance(raw, list):
        reader.error(("respondents",), f"respondents must be a list of {{id, role, name}}, not {describe(raw)}")
        raw = None
    seen: dict[str, int] = {}
    for k, entry in enumerate(raw or []):
        path: Path_ = ("respondents", k)
        m = reader.mapping(entry, path, "a respondent")
        if m is None:
            continue
        reader.keys(m, path, RESPONDENT_KEYS, ("id",), "a respondent")
        rid = _ident(m.get("id"))
        if "id" in m:
            problem = respondent_id_problem(rid)
            if problem:
                reader.error((*path, "id"), f"respondent id {describe(rid)} {problem}")
                continue
            if rid in seen:
                reader.error((*path, "id"), f"respondent id '{rid}' is declared twice (also entry {seen[rid] + 1})")
                continue
            seen[rid] = k
        else:
            continue
        role = m.get("role", DEFAULT_ROLE)
        problem = role_problem(role)
        if problem:
            reader.error((*path, "role"), f"role {describe(role)} {problem}")
            role = DEFAULT_ROLE
        respondents.append(Respondent(rid, role, reader.string(m, "name", path)))
    privacy = top.get("privacy")
    if privacy is not None:
        m = reader.mapping(privacy, ("privacy",), "privacy")
        if m is None:
            return respondents, None
        reader.keys(m, ("privacy",), ("min_group",), (), "privacy")
        group = m.get("min_group")
        if "min_group" in m and (isinstance(group, bool) or not isinstance(group, int) or group < 1):
            reader.error(("privacy", "min_group"), f"min_group must be a whole number of at least 1, not {describe(group)}")
        return respondents, dict(m)
    return respondents, None


def deciding_items(checklist: Checklist) -> set[str]:
    """The items some `when` condition refers to: they take the auditor's answer only."""
    return {ref for item in checklist.items if item.when is not None for ref in condition_items(item.when)}


def read_responses(
    reader: Checker,
    check_answer: CheckAnswer,
    key: str,
    raw: Any,
    path: Path_,
    item: Item,
    respondents: set[str],
    deciders: set[str],
) -> dict[str, Answer]:
    """``responses`` under the answer to ``key``: respondent id -> an answer checked like any other."""
    where: Path_ = (*path, "responses")
    if key in deciders:
        reader.error(where, f"{key} decides which items apply; it takes the auditor's answer only", True)
        return {}
    m = reader.mapping(raw, where, f"the responses to {key}")
    if m is None:
        return {}
    result: dict[str, Answer] = {}
    scale = item.scale if item.type is ItemType.rating else None
    lo, hi = (scale.min, scale.max) if scale is not None else (0, -1)
    for rid_raw, entry in m.items():
        rid = rid_raw if type(rid_raw) is str else _ident(rid_raw)
        if rid in respondents and type(entry) is dict and entry.keys() <= _VALUE_NOTE:
            # The common shape, `ID: {value: 3, note: "..."}`, on a short path: a survey of
            # 500 people holds ten thousand responses. Anything else takes the full check.
            note, value = entry.get("note", ""), entry.get("value")
            if type(note) is str and type(value) is int and lo <= value <= hi:
                result[rid] = Answer(value=value, note=note)  # a rating in range, as check_value keeps it
                continue
            if type(note) is str and value is not None:
                try:
                    result[rid] = Answer(value=check_value(item, value), note=note)
                    continue
                except ValueRefused:
                    pass
        rpath: Path_ = (*where, rid_raw)
        if rid not in respondents:
            reader.error(rpath, f"{key}: a response from '{rid}', who is not declared under respondents", True)
            continue
        if type(entry) is not dict:
            entry = {"value": entry}
        result[rid] = check_answer(key, entry, rpath, item, _RESPONSE_KEYSET, RESPONSE_KEYS, f"the response of {rid} to {key}")
    return result


# --- writing ----------------------------------------------------------------------


def voices_document(audit: Audit) -> dict[str, Any]:
    """`respondents` and `privacy` as written in the file (nothing when the audit has neither)."""
    doc: dict[str, Any] = {}
    if audit.respondents:
        rows = []
        for r in audit.respondents:
            row = Flow(id=r.id, role=r.role)
            if r.name:
                row["name"] = r.name
            rows.append(row)
        doc["respondents"] = rows
    if audit.privacy is not None:
        doc["privacy"] = audit.privacy
    return doc


def responses_document(responses: dict[str, Answer], item: Item) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for rid, a in responses.items():
        entry = Flow()
        if a.na:
            entry["na"] = True
        elif a.value is not None:
            entry["value"] = to_file(item, a.value)
        if a.note:
            entry["note"] = a.note
        entry.update(a.extra)
        if entry:
            out[rid] = entry
    return out
