"""Audit files: loading (checked against their checklist) and their text (`dump_audit`); files/edit.py writes them."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from cx_audit.errors import InputError, Problem
from cx_audit.files import registry
from cx_audit.files.checks import Checker, Path_, describe
from cx_audit.files.evidence import evidence_data, read_evidence
from cx_audit.files.profiles import apply_profile, profile_problem
from cx_audit.files.values import ValueRefused, check_value, to_file
from cx_audit.files.voices import (
    _RESPONSE_KEYSET,
    RESPONSE_KEYS,
    deciding_items,
    read_responses,
    read_voices,
    responses_document,
    voices_document,
)
from cx_audit.files.yamlio import Flow, FlowList, Source, load
from cx_audit.model import AUDIT_FORMAT, Answer, Audit, Checklist, ChecklistRef, Item, Metric

TOP_KEYS = (
    "format", "checklist", "client", "site", "auditor", "date", "profile", "respondents", "privacy", "answers", "actions",
    "exceptions",
)  # fmt: skip
CARRIED = "carried"  # `run --from`: the answer came from the visit of this date and is not confirmed yet
ANSWER_KEYS = (*RESPONSE_KEYS, "recommendation", "evidence", "metric", "responses", CARRIED)
MAX_RECOMMENDATION = 10_000  # characters, as the interview caps a note
_ANSWER_KEYSET = frozenset(ANSWER_KEYS)


#: The ids of the items in an audit's action plan: :func:`cx_audit.scoring.audit.planned_items`,
#: handed in by the caller (files/ does not import scoring/).
Planned = Callable[[Checklist, Audit], Iterable[str]]


@dataclass
class LoadedAudit:
    audit: Audit
    checklist: Checklist
    warnings: list[Problem] = field(default_factory=list)  # printed with Problem.as_warning()
    source: Source | None = field(default=None, repr=False)  # kept only when the audit tracks actions

    def plan_warnings(self, planned: Planned) -> list[Problem]:
        """Warnings for tracked actions whose items are not in the action plan (scored only when there are any)."""
        if not self.audit.actions or self.source is None:
            return []
        from cx_audit.files.actions import plan_warnings

        return plan_warnings(self.audit, set(planned(self.checklist, self.audit)), self.source)


def load_audit(path: Path, checklist_override: str | None = None) -> LoadedAudit:
    """Load an audit and its checklist; raise one InputError listing every problem."""
    return read_audit(load(path), checklist_override)


def read_audit(source: Source, checklist_override: str | None = None) -> LoadedAudit:
    """An audit from YAML already read (:func:`cx_audit.files.yamlio.load` or ``parse``)."""
    return _AuditReader(source).read(checklist_override)


def load_audit_bytes(path: Path, raw: bytes) -> LoadedAudit:
    """Load an audit from bytes already read from ``path`` (the portfolio hashes them first)."""
    from cx_audit.files.yamlio import decode, parse

    shown = str(path)
    source = parse(decode(raw, shown), path, shown)
    source.sha256 = hashlib.sha256(raw).hexdigest()
    return _AuditReader(source).read(None)


def load_audits(paths: list[Path], steps: Callable[[list[Path]], Iterable[Path]] = iter) -> list[LoadedAudit]:
    """Several audits; problems of every file are reported together.

    ``steps`` wraps the iteration, so that the CLI can show progress.
    """
    loaded: list[LoadedAudit] = []
    problems = []
    for p in steps(paths):
        try:
            loaded.append(load_audit(p))
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    return loaded


class _AuditReader(Checker):
    def read(self, checklist_override: str | None) -> LoadedAudit:
        top = self.mapping(self.source.data, (), "an audit")
        if top is None:
            self.raise_if_any()
            raise AssertionError  # unreachable
        self.keys_known(top)
        if top.get("format") != AUDIT_FORMAT:
            where: Path_ = ("format",) if "format" in top else ()
            self.error(where, f"format must be '{AUDIT_FORMAT}', not {describe(top.get('format'))}")
        ref = self._ref(top.get("checklist"))
        audit = Audit(
            checklist=ref or ChecklistRef(""),
            client=self.string(top, "client", ()),
            auditor=self.string(top, "auditor", ()),
            site=self.string(top, "site", ()),
            date=self._date(top),
            extra={k: v for k, v in top.items() if k not in TOP_KEYS},
            path=self.source.path,
        )
        respondents, privacy = read_voices(self, top)
        audit.respondents, audit.privacy = respondents, privacy
        answers = top.get("answers")
        if answers is not None:
            answers = self.mapping(answers, ("answers",), "answers")
        checklist = None
        if ref is not None or checklist_override:
            checklist = self._checklist(ref, checklist_override)
        warnings = self._drift(ref, checklist) if checklist is not None and ref is not None else []
        if checklist is not None and top.get("profile") is not None:
            checklist = self._profile(top["profile"], audit, checklist)
        if checklist is not None and answers:
            audit.answers = self._answers(answers, checklist, warnings, {r.id for r in respondents})
            warnings += self._metric_sources(audit)
            carried = sorted(k for k, a in audit.answers.items() if CARRIED in a.extra)
            if carried:
                shown = ", ".join(carried[:5]) + (f" and {len(carried) - 5} more" if len(carried) > 5 else "")
                warnings.append(
                    self.source.problem(
                        ("answers", carried[0], CARRIED),
                        f"{len(carried)} answers carried from the previous visit are not confirmed yet ({shown}); "
                        "confirm them with `cx-audit run AUDIT --review`",
                    )
                )
        if checklist is not None and top.get("actions") is not None:
            from cx_audit.files.actions import read_actions

            audit.actions = read_actions(self, top["actions"], checklist)
        if checklist is not None and top.get("exceptions") is not None:
            from cx_audit.files.exceptions import read_exceptions

            audit.exceptions = read_exceptions(self, top["exceptions"], checklist, audit.date)
        if checklist is None and not self.errors and not self.foreign:  # pragma: no cover - every path above reports why
            self.error(("checklist",), "no checklist could be loaded")
        self.raise_if_any()
        assert checklist is not None
        return LoadedAudit(audit, checklist, warnings, self.source if audit.actions else None)

    def keys_known(self, top: dict[Any, Any]) -> None:
        if "checklist" not in top:
            self.error((), "missing required key 'checklist' (a built-in id, or {id, version, sha256, path})")

    def _ref(self, raw: Any) -> ChecklistRef | None:
        if raw is None:
            if "checklist" in self.source.data:
                self.error(("checklist",), "checklist must be a built-in id, a path, or {id, version, sha256, path}")
            return None
        if isinstance(raw, str) and raw.strip():
            return ChecklistRef(raw.strip(), plain=True)
        if not isinstance(raw, dict):
            self.error(
                ("checklist",), f"checklist must be a built-in id, a path, or {{id, version, sha256, path}}, not {describe(raw)}"
            )
            return None
        m = self.mapping(raw, ("checklist",), "checklist")
        if m is None:
            return None
        self.keys(m, ("checklist",), ("id", "version", "sha256", "path"), ("id",), "checklist")
        cid = m.get("id")
        if not isinstance(cid, str):
            if "id" in m:
                self.error(("checklist", "id"), f"checklist id must be text, not {describe(cid)}")
            return None
        version = m.get("version")
        if version is not None and not isinstance(version, str):
            self.error(("checklist", "version"), f"version must be text (in quotes), not {describe(version)}")
            version = None
        return ChecklistRef(
            id=cid,
            version=version,
            sha256=self.string(m, "sha256", ("checklist",)) or None,
            path=self.string(m, "path", ("checklist",)) or None,
        )

    def _profile(self, profile: Any, audit: Audit, checklist: Checklist) -> Checklist:
        """The checklist as the audit's profile makes it (files/profiles.py)."""
        problem = profile_problem(checklist, profile)
        if problem is not None:
            self.error(("profile",), problem)
            return checklist
        audit.profile = profile
        return apply_profile(checklist, profile)

    def _date(self, top: dict[Any, Any]) -> dt.date | None:
        raw = top.get("date")
        if raw is None:
            return None
        if isinstance(raw, dt.datetime):
            return raw.date()
        if isinstance(raw, dt.date):
            return raw
        if isinstance(raw, str):
            try:
                return dt.date.fromisoformat(raw.strip())
            except ValueError:
                pass
        self.error(("date",), f"date must be a date such as 2026-11-22, not {describe(raw)}")
        return None

    def _checklist(self, ref: ChecklistRef | None, override: str | None) -> Checklist | None:
        base = self.source.path.parent
        try:
            if override:
                return registry.resolve(override)
            assert ref is not None
            if ref.path:
                return registry.resolve(ref.path, base, referenced=True)
            found = registry.resolve(ref.id, base if ref.plain else None, referenced=True)
            if ref.version and ref.version != found.version:  # a built-in keeps every released version
                return registry.builtin_version(found, ref.version) or found
            return found
        except InputError as exc:
            # A checklist that is missing is this file's problem; a checklist that is
            # broken has its own positioned lines, passed through one per problem.
            own = [p for p in exc.problems if p.line is None and p.where is None]
            if own:
                self.error(("checklist",), "cannot load the checklist: " + "; ".join(p.message for p in own))
            self.foreign.extend(p for p in exc.problems if p not in own)
            return None

    def _drift(self, ref: ChecklistRef, checklist: Checklist) -> list[Problem]:
        shown = self.source.display
        if not ref.plain and ref.id != checklist.id:
            self.error(("checklist", "id"), f"the audit is for checklist '{ref.id}', but the file found is '{checklist.id}'")
            return []
        warnings = []
        if ref.version and ref.version != checklist.version:
            warnings.append(
                Problem(shown, f"audit was started with {checklist.id} {ref.version}, scoring with {checklist.version}")
            )
        elif ref.sha256 and ref.sha256 != checklist.sha256:
            warnings.append(
                Problem(
                    shown,
                    f"checklist {checklist.id} {checklist.version} has changed since the audit was started (sha256 differs)",
                )
            )
        return warnings

    def _answers(
        self, answers: dict[Any, Any], checklist: Checklist, warnings: list[Problem], respondents: set[str]
    ) -> dict[str, Answer]:
        # The common case (a mapping of value/na/note) takes the short path: a program
        # of a thousand audits checks some sixty thousand answers.
        result: dict[str, Answer] = {}
        deciders: set[str] | None = None
        for key, raw in answers.items():
            path: Path_ = ("answers", key)
            item = checklist.item(key) if type(key) is str else None
            if item is None:
                self.error(path, f"answer for '{key}', which checklist {checklist.id} does not have", True)
                continue
            if type(raw) is not dict:
                raw = {"value": raw}  # shorthand: `OC1: 3`
            if "na" not in raw and raw.keys() <= _RESPONSE_KEYSET:  # the common shape: a value, perhaps a note
                value, note = raw.get("value"), raw.get("note", "")
                if value is not None and type(note) is str:
                    try:
                        result[key] = Answer(value=check_value(item, value), note=note)
                        continue
                    except ValueRefused:
                        pass  # the full check below says why, at its position
            answer = self.check_answer(key, raw, path, item, _ANSWER_KEYSET, ANSWER_KEYS, f"the answer to {key}")
            if CARRIED in raw:
                when = raw[CARRIED]
                if isinstance(when, dt.date) and not isinstance(when, dt.datetime):
                    answer.extra[CARRIED] = when  # written back as it is until the answer is confirmed
                else:
                    self.error((*path, CARRIED), f"{key}: carried must be the date of a visit, not {describe(when)}")
            if raw.keys() <= _RESPONSE_KEYSET:  # value/na/note only: nothing more to read
                result[key] = answer
                continue
            if "recommendation" in raw:
                answer.recommendation = self._recommendation(raw, path, key)
            if "evidence" in raw:
                answer.extra.pop("evidence", None)
                answer.evidence = read_evidence(self, raw, path, key, warnings)
            responses = raw.get("responses")
            if responses is not None:
                if deciders is None:
                    deciders = deciding_items(checklist)
                answer.extra.pop("responses", None)
                answer.responses = read_responses(self, self.check_answer, key, responses, path, item, respondents, deciders)
            if "metric" in raw:
                answer.metric = self._metric(raw["metric"], item, answer, path)
            result[key] = answer
        return result

    def _recommendation(self, raw: dict[Any, Any], path: Path_, key: str) -> str:
        """The consultant's own recommendation: text, not empty, at most MAX_RECOMMENDATION characters."""
        text = self.string(raw, "recommendation", path, required=True)
        if len(text) > MAX_RECOMMENDATION:
            self.error(
                (*path, "recommendation"),
                f"{key}: a recommendation is at most {MAX_RECOMMENDATION:,} characters; this one has {len(text):,}",
            )
            return ""
        return text.strip()

    def _metric(self, raw: Any, item: Item, answer: Answer, path: Path_) -> Metric | None:
        from cx_audit.files.metric import parse_metric

        if answer.na or answer.value is None:
            self.error((*path, "metric"), f"{item.id}: a metric needs the value it gives (the answer has none)")
            return None
        return parse_metric(raw, item.metric, answer.value, item.id, lambda p, m: self.error((*path, *p), m))

    def _metric_sources(self, audit: Audit) -> list[Problem]:
        """A warning for each metric whose survey file has changed since it was read."""
        from cx_audit.files.userfile import file_sha256

        warnings = []
        base = self.source.path.parent
        for key, answer in audit.answers.items():
            src = answer.metric.source if answer.metric is not None else None
            if src is None:
                continue
            file = base / src.path
            try:
                changed = file.is_file() and file_sha256(file) != src.sha256
            except OSError:
                continue
            if changed:
                where: Path_ = ("answers", key, "metric", "source", "sha256")
                warnings.append(
                    self.source.problem(
                        where, f"{key}: survey file {src.path} has changed since the metric was read (sha256 differs)"
                    )
                )
        return warnings

    def check_answer(
        self, key: str, raw: dict[Any, Any], path: Path_, item: Item, keyset: frozenset[str], keys: tuple[str, ...], what: str
    ) -> Answer:
        """One answer (the auditor's, or a respondent's): checked like any answer of ``item``."""
        extra: dict[str, Any] = {}
        if not raw.keys() <= keyset:
            self.keys(raw, path, keys, (), what)
            extra = {k: v for k, v in raw.items() if k not in keyset}
        note = raw.get("note")
        if type(note) is not str:
            note = self.string(raw, "note", path)
        na = raw.get("na", False)
        if type(na) is not bool:
            na = self.boolean(raw, "na", path, False)
        answer = Answer(note=note, na=na, extra=extra)
        value = raw.get("value")
        if na:
            if value is not None:
                self.error(path, f"{key} is marked N/A and has a value: keep one of them")
            if not item.allow_na:
                reason = "critical items" if item.critical else "this item"
                self.error((*path, "na"), f"{key}: N/A is not allowed for {reason}")
        elif value is not None:
            try:
                answer.value = check_value(item, value)
            except ValueRefused as exc:
                self.error((*path, "value") if "value" in raw else path, f"{key}: {exc}")
        return answer


# --- saving -----------------------------------------------------------------------


def new_audit(checklist: Checklist, audit_path: Path, **facts: Any) -> Audit:
    return Audit(checklist=ref_for(checklist, audit_path), path=audit_path, **facts)


def ref_for(checklist: Checklist, audit_path: Path) -> ChecklistRef:
    rel = None
    if not checklist.builtin and checklist.path is not None:
        rel = _relpath(checklist.path, audit_path.parent)
    return ChecklistRef(checklist.id, checklist.version, checklist.sha256, rel)


def _relpath(target: Path, start: Path) -> str:
    import os

    try:
        return Path(os.path.relpath(target.resolve(), start.resolve())).as_posix()
    except ValueError:
        return target.resolve().as_posix()


def audit_document(audit: Audit, checklist: Checklist) -> dict[str, Any]:
    """The audit as plain data in the file's order: facts, then answers in checklist order."""
    ref = audit.checklist
    if ref.plain:
        checklist_field: Any = ref.id
    else:
        checklist_field = {"id": ref.id, "version": ref.version, "sha256": ref.sha256}
        if ref.path:
            checklist_field["path"] = ref.path
        checklist_field = {k: v for k, v in checklist_field.items() if v is not None}
    doc: dict[str, Any] = {"format": AUDIT_FORMAT, "checklist": checklist_field, "client": audit.client}
    if audit.site:
        doc["site"] = audit.site
    doc["auditor"] = audit.auditor
    doc["date"] = audit.date
    if audit.profile:
        doc["profile"] = audit.profile
    doc.update(voices_document(audit))
    doc.update(audit.extra)
    if audit.exceptions:
        from cx_audit.files.exceptions import exceptions_document

        doc["exceptions"] = {k: Flow(v) for k, v in exceptions_document(audit.exceptions, checklist).items()}
    if audit.actions:  # before the answers, so the interview's saving can piece the answers on
        from cx_audit.files.actions import actions_document

        doc["actions"] = actions_document(audit.actions, checklist)
    order = {item.id: item.index for item in checklist.items}
    answers: dict[str, Any] = {}
    for key in sorted(audit.answers, key=lambda k: order.get(k, len(order))):
        a = audit.answers[key]
        item = checklist.item(key)
        entry: dict[str, Any] = {}
        if a.na:
            entry["na"] = True
        elif a.value is not None and item is not None:
            entry["value"] = to_file(item, a.value)
        if a.metric is not None and "value" in entry:
            from cx_audit.files.metric import matches, metric_to_file

            if matches(a.metric, a.value):  # else the value was changed by hand: the evidence no longer applies
                entry["metric"] = metric_to_file(a.metric)
        if a.note:
            entry["note"] = a.note
        if a.recommendation:
            entry["recommendation"] = a.recommendation
        if a.evidence:
            entry["evidence"] = evidence_data(a.evidence)
        entry.update(a.extra)
        if a.responses and item is not None:
            entry["responses"] = responses_document(a.responses, item)
        if entry:
            answers[key] = entry
    doc["answers"] = answers
    return doc


class _Dumper(yaml.SafeDumper):
    pass


def _str_presenter(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _str_presenter)
_Dumper.add_representer(Flow, lambda dumper, data: dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=True))


_Dumper.add_representer(FlowList, lambda d, data: d.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True))


def dump_audit(audit: Audit, checklist: Checklist) -> str:
    doc = audit_document(audit, checklist)
    answers = doc.pop("answers")
    head = yaml.dump(doc, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    if not answers:
        return head + "answers: {}\n"
    body = yaml.dump({"answers": answers}, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return head + body
