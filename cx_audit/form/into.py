"""`import FORM.xlsx... --into AUDIT`: filled respondent forms added to an audit as respondents.

Every problem of every form at once and nothing written if there is any; the caller runs
this inside :func:`~cx_audit.files.edit.edit_audit`, which writes the audit. Each form
becomes one respondent: the id from its Respondent code cell (else the first free ``r1``, ``r2``…
in argument order), the role from its Role cell (else ``staff``). A respondent id that
is already in the audit is an input error unless ``replace``: then that respondent's
earlier responses are all replaced by the form's. A form may come from another checklist
whose items the audit's checklist shares (a staff survey such as `staff-pulse` into a
`cx-essentials` audit).
"""

from __future__ import annotations

from collections.abc import Container, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cx_audit.errors import InputError, Problem
from cx_audit.files.voices import deciding_items, respondent_id_problem, role_problem
from cx_audit.form.layout import META, QUESTIONS, RESPONDENT_KIND
from cx_audit.form.read import _find_checklist, _open, _read_meta, _read_questions, _Reader
from cx_audit.model import DEFAULT_ROLE, Answer, Audit, Checklist, Respondent
from cx_audit.wording import accepts

if TYPE_CHECKING:
    from cx_audit.files.edit import AuditEdit


@dataclass
class _Form:
    path: Path
    code: str
    role: str
    answers: dict[str, Answer]


@dataclass
class Merged:
    added: list[str] = field(default_factory=list)  # "fd-1 (frontline): 12 answers", for the user
    warnings: list[Problem] = field(default_factory=list)


#: How `import --into` ends its refusal of comments below the top block (files/edit.py).
DROPS = "that writing the responses would drop (comment lines at the top of the file are kept); move them into notes first"


def merge_forms(workbooks: list[Path], edit: AuditEdit, replace: bool = False) -> Merged:
    """Add the forms' respondents to ``edit.audit`` (written when the edit's block ends)."""
    audit, checklist, audit_path = edit.audit, edit.checklist, edit.path
    problems: list[Problem] = []
    warnings: list[Problem] = list(edit.warnings)
    forms: list[_Form | None] = []
    for wb in workbooks:
        reader = _Reader(Path(wb), str(wb))
        try:
            forms.append(_read(reader, checklist, audit_path))
        except InputError as exc:
            problems.extend(exc.problems)
            forms.append(None)
        problems.extend(reader.problems)
        warnings.extend(reader.warnings)
    taken = {r.id for r in audit.respondents}
    in_batch: dict[str, Path] = {}
    for form in forms:
        if form is None or not form.code:
            continue
        shown = str(form.path)
        if form.code in in_batch:
            problems.append(Problem(shown, f"respondent code '{form.code}' is also in {in_batch[form.code]}", where=_code_cell()))
        elif form.code in taken and not replace:
            problems.append(
                Problem(
                    shown,
                    f"respondent '{form.code}' is already in {audit_path}; give --replace to replace their answers",
                    where=_code_cell(),
                )
            )
        in_batch[form.code] = form.path
    if problems:
        raise InputError(problems)
    n = 0
    result = Merged()
    for form in forms:
        assert form is not None
        if not form.code:
            n, form.code = next_code(n, taken, in_batch)
        if not form.answers:
            result.warnings.append(Problem(str(form.path), f"the form has no answers; respondent {form.code} not added"))
            continue
        _add(audit, form)
        result.added.append(f"{form.code} ({form.role}): {len(form.answers)} answers from {form.path}")
    result.warnings[:0] = warnings
    result.warnings.extend(_hidden_roles(audit, checklist, str(audit_path)))
    return result


def _hidden_roles(audit: Audit, checklist: Checklist, shown: str) -> list[Problem]:
    """Roles with fewer respondents than the privacy minimum: counted, not shown on their own (said at import)."""
    from cx_audit.scoring.applicability import applicability
    from cx_audit.scoring.voices import score_voices
    from cx_audit.wording import hidden_role_warning

    voices = score_voices(checklist, audit, applicability(checklist, audit.answers))
    return [Problem(shown, hidden_role_warning(role, n, voices.min_group)) for role, n in voices.hidden if n]


def _code_cell() -> str:
    return f"sheet '{QUESTIONS}' cell B4"


def _read(reader: _Reader, checklist: Checklist, audit_path: Path) -> _Form | None:
    wb = _open(reader)
    meta = _read_meta(reader, wb)
    reader.stop_if_any()
    if meta.get("kind", ("", ""))[0] != RESPONDENT_KIND:
        reader.error("is an auditor's questionnaire; --into takes respondent forms (cx-audit form --respondent-form)", META)
        return None
    cid, id_cell = meta["checklist"]
    if cid != checklist.id:
        if not _shares_items(reader, meta, checklist, audit_path):
            return None
    else:
        version, v_cell = meta.get("version", ("", "B3"))
        if version and version != checklist.version:
            reader.warn(f"form made from {cid} {version}, read with {checklist.version}", META, v_cell)
    facts, answers, _cells = _read_questions(reader, wb[QUESTIONS], checklist)
    deciders = deciding_items(checklist)
    for item_id in answers:
        if item_id in deciders:
            reader.error(f"{item_id} decides which items apply; it takes the auditor's answer only", QUESTIONS, _cells[item_id])
    code = str(facts.get("respondent code") or "").strip()
    if code and respondent_id_problem(code):
        reader.error(f"respondent code '{code}' {respondent_id_problem(code)}", QUESTIONS, facts.get("respondent code cell"))
    role = "-".join(str(facts.get("role") or "").lower().split()) or DEFAULT_ROLE  # "Front line" -> front-line
    if role_problem(role):
        reader.error(f"role '{role}' {role_problem(role)}", QUESTIONS, facts.get("role cell"))
    return _Form(reader.path, code, role, answers)


def _shares_items(reader: _Reader, meta: dict[str, tuple[str, str]], checklist: Checklist, audit_path: Path) -> bool:
    """A form made from another checklist (a staff survey such as `staff-pulse`) may go into
    the audit when every one of its items is an item of the audit's checklist, with the
    same id and the same answers accepted: its responses then land on those items."""
    _cid, id_cell = meta["checklist"]
    source = _find_checklist(reader, meta, audit_path)
    if source is None:
        return False
    ok = True
    for problem in item_mismatches(source, checklist):
        reader.error(problem, META, id_cell)
        ok = False
    return ok


def item_mismatches(source: Checklist, checklist: Checklist) -> Iterator[str]:
    """Why answers to ``source``'s items cannot go into an audit of ``checklist``, item by item
    (nothing: they can). N/A is checked answer by answer, as for any response."""
    for item in source.items:
        target = checklist.item(item.id)
        if target is None:
            yield f"the form is for checklist '{source.id}', whose item {item.id} checklist '{checklist.id}' does not have"
        elif accepts(item) != accepts(target):
            yield f"{item.id} takes {accepts(item)} in checklist '{source.id}' but {accepts(target)} in '{checklist.id}'"


def next_code(n: int, taken: Container[str], in_batch: Container[str]) -> tuple[int, str]:
    """The first free ``r<n>`` after ``n`` for a form or submission without a respondent code."""
    n += 1
    while f"r{n}" in taken or f"r{n}" in in_batch:
        n += 1
    return n, f"r{n}"


def _add(audit: Audit, form: _Form) -> None:
    known = audit.respondent(form.code)
    if known is None:
        audit.respondents.append(Respondent(form.code, form.role))
    else:  # --replace: the form is all they said
        known.role = form.role
        for key in list(audit.answers):
            entry = audit.answers[key]
            entry.responses.pop(form.code, None)
            if not (entry.answered or entry.note or entry.extra or entry.responses):
                del audit.answers[key]
    for item_id, answer in form.answers.items():
        audit.answers.setdefault(item_id, Answer()).responses[form.code] = answer
