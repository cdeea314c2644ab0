"""Opening an interview: lock the audit, load or start it, run it, and say what is next.

:func:`run_interview` is what `cx-audit run` calls. It returns the exit code (0 done or
quit, 130 interrupted) and raises a :class:`~cx_audit.errors.CxAuditError` for input
problems (exit 2): a locked audit, a bad file, a refused value with piped input.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import signal
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cx_audit.errors import CxAuditError, ExitCode, InputError
from cx_audit.files import registry
from cx_audit.files.audit import new_audit
from cx_audit.files.edit import AuditFile, open_audit
from cx_audit.files.profiles import apply_profile, profile_problem
from cx_audit.model import Audit, Checklist
from cx_audit.scoring.audit import planned_items
from cx_audit.wording import profile_words

from .asker import Asker, Notice, Prompt, UnreadableLine, Welcome
from .flow import MAX_TEXT, Interview, Refused, summary
from .saving import AuditWriter
from .session import Session

_STOPS = tuple(getattr(signal, n) for n in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, n))


class InterviewStopped(CxAuditError):
    """The interview cannot go on (exit 2); what was accepted before is saved."""


@dataclass(frozen=True)
class RunRequest:
    path: Path
    checklist: str | None = None
    client: str | None = None
    site: str | None = None
    auditor: str | None = None
    date: dt.date | None = None
    review: bool = False
    drop_comments: bool = False
    profile: str | None = None
    respondent: str | None = None  # interview this respondent: answers go under responses.ID
    role: str | None = None  # the respondent's role (new respondents: default staff)
    sections: tuple[str, ...] = ()  # limit the walk to these section ids
    previous: Path | None = None  # `run NEW --from PREVIOUS`: the next visit starts from the last

    @property
    def walks_all(self) -> bool:
        """Walk every applicable item: --review, or a visit started from the previous one."""
        return self.review or self.previous is not None


def saver(audit: Audit, checklist: Checklist, file: AuditFile) -> Callable[[], None]:
    """Save the whole audit atomically; the file's top comment block is written back above it."""
    writer = AuditWriter(audit, checklist, file.save)
    writer.prime()
    return writer


def run_interview(request: RunRequest, asker: Asker, warn: Callable[[str], None]) -> ExitCode:
    path = request.path
    shown = str(path)
    check_voice(request)
    if path.is_dir():
        raise InputError.single(shown, "is a folder; give the audit file to create or resume")
    if not path.parent.is_dir():
        raise InputError.single(shown, f"folder {path.parent} does not exist")
    # An audit opened through a symbolic link is saved to (and locked as) the file the
    # link points to (files/edit.py); messages keep the name the user gave.
    session: Session | None = None
    with open_audit(path, shown) as file, _signals_interrupt():
        try:
            session = _open(request, file, asker, warn)
            if session is None:
                return ExitCode.OK
            interview = Interview(session, asker, request.walks_all)
            if session.first(request.walks_all) is None and not request.walks_all:
                asker.show(Notice("Every applicable item is answered; use --review to go through the answers again."))
            interview.run()
        except Refused as exc:
            where = getattr(asker, "lines_read", 0)
            at = f" (input line {where})" if where else ""
            raise InterviewStopped(f"{shown}: {exc}{at}; the answers before it are saved") from None
        except UnreadableLine as exc:
            kept = "the answers before it are saved" if session is not None else "nothing was saved"
            raise InterviewStopped(f"{shown}: {exc}; {kept} (save the input as UTF-8)") from None
        except KeyboardInterrupt:
            if session is not None:
                _save_shielded(session)
            said = f"Interrupted; every answer is saved in {shown}." if session else "Interrupted; nothing was saved."
            asker.show(Notice(said))
            return ExitCode.INTERRUPTED
    asker.show(summary(session, shown))
    return ExitCode.OK


@contextlib.contextmanager
def _signals_interrupt() -> Iterator[None]:
    """SIGTERM and SIGHUP (a closed terminal, a stopped container) end the interview like Ctrl-C."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous: dict[int, Any] = {}
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is None:
            continue
        try:
            previous[number] = signal.signal(number, interrupt)
        except ValueError:  # not the main thread: signals stay as they are
            break
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _save_shielded(session: Session) -> None:
    """Save once more (an interrupted save leaves the old file), ignoring a second Ctrl-C meanwhile."""
    try:
        previous = {n: signal.signal(n, signal.SIG_IGN) for n in _STOPS}
    except ValueError:  # not the main thread: no signals to shield from
        session.save()
        return
    try:
        session.save()
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _open(request: RunRequest, file: AuditFile, asker: Asker, warn: Callable[[str], None]) -> Session | None:
    """Load or start the audit at ``request.path``; every save goes through ``file``."""
    path = request.path
    shown = str(path)
    if file.exists() and request.previous is not None:
        raise InputError.single(shown, "already exists: --from starts a new audit from the previous one; give a new file")
    if request.previous is not None:
        if request.checklist is not None:
            raise InputError.single(shown, "--from takes the previous audit's checklist; leave out --checklist")
        session = _from_previous(request, file, asker)
        audit, checklist = session.audit, session.checklist
        new = True
    elif file.exists():
        loaded = file.load(request.checklist, planned_items)
        for w in loaded.warnings:
            warn(w.as_warning())
        audit, checklist = loaded.audit, loaded.checklist
        comments = file.comments
        if comments.lines and not request.drop_comments:
            problem = (
                f"{shown} has comments on {comments.describe()} that saving answers would drop "
                "(comment lines at the top of the file are kept)"
            )
            if not asker.interactive:
                raise InterviewStopped(f"{problem}; move them into notes, or pass --drop-comments")
            asker.show(Notice(problem + "."))
            if not _confirm(asker, "Go on?"):
                asker.show(Notice("Stopped; the file is unchanged."))
                return None
        changed = _apply_facts(audit, request)
        if request.profile is not None and request.profile != audit.profile:
            checklist = _profiled(checklist, request.profile, shown)
            audit.profile, changed = request.profile, True
        check_sections(request, checklist, shown)
        session = _session(checklist, audit, saver(audit, checklist, file), request)
        if _add_respondent(audit, request) or changed:
            session.save()
        new = False
    else:
        checklist = registry.resolve(request.checklist or registry.DEFAULT_CHECKLIST)
        if request.profile is not None:
            checklist = _profiled(checklist, request.profile, shown)
        check_sections(request, checklist, shown)
        if not (request.client and request.auditor):
            asker.show(Notice(f"Starting a new audit in {shown} with {checklist.title} {checklist.version}."))
        client = request.client or _ask_fact(asker, "Client", shown)
        auditor = request.auditor or _ask_fact(asker, "Auditor", shown)
        audit = new_audit(
            checklist,
            path,
            client=client,
            auditor=auditor,
            site=request.site or "",
            date=request.date or dt.date.today(),
            profile=request.profile,
        )
        _add_respondent(audit, request)
        session = _session(checklist, audit, saver(audit, checklist, file), request)
        session.save()
        new = True
    applicable = session.applicable_items()
    asker.show(
        Welcome(
            checklist_title=f"{checklist.title} {checklist.version}{profile_words(checklist, ' · ')}",
            client=audit.client,
            site=audit.site,
            path=shown,
            new=new,
            review=request.walks_all,
            answered=sum(1 for i in applicable if session.is_answered(i)),
            applicable=len(applicable),
            description=checklist.description.strip(),
        )
    )
    if request.respondent is not None:
        who = audit.respondent(request.respondent)
        role = who.role if who is not None else ""
        asker.show(
            Notice(
                f"Answering for respondent {request.respondent} ({role}); questions that decide which others apply "
                "take the auditor's answer and are not asked."
            )
        )
    return session


def _profiled(checklist: Checklist, profile: str, shown: str) -> Checklist:
    """The checklist as ``--profile`` makes it; an unknown profile is an input error."""
    problem = profile_problem(checklist, profile)
    if problem is not None:
        raise InputError.single(shown, f"--profile: {problem}")
    return apply_profile(checklist, profile)


def check_voice(request: RunRequest) -> None:
    """A respondent id and role that can go into the audit file (else exit 2, nothing opened)."""
    from cx_audit.files.voices import respondent_id_problem, role_problem

    shown = str(request.path)
    if request.role is not None and request.respondent is None:
        raise InputError.single(shown, "--role needs --respondent: it is the role of the respondent interviewed")
    if request.respondent is not None:
        problem = respondent_id_problem(request.respondent)
        if problem:
            raise InputError.single(shown, f"--respondent '{request.respondent}' {problem}")
    if request.role is not None:
        problem = role_problem(request.role)
        if problem:
            raise InputError.single(shown, f"--role '{request.role}' {problem}")


def check_sections(request: RunRequest, checklist: Checklist, shown: str) -> None:
    unknown = [s for s in request.sections if checklist.section(s) is None]
    if unknown:
        known = ", ".join(s.id for s in checklist.sections)
        raise InputError.single(shown, f"--section {', '.join(unknown)}: no such section in {checklist.id} (sections: {known})")


def _session(checklist: Checklist, audit: Audit, save: Callable[[], None], request: RunRequest) -> Session:
    return Session(checklist, audit, save, request.respondent, request.sections)


def _add_respondent(audit: Audit, request: RunRequest) -> bool:
    """Declare the respondent when new, or change their role when --role says so; True if changed."""
    from cx_audit.model import DEFAULT_ROLE, Respondent

    if request.respondent is None:
        return False
    known = audit.respondent(request.respondent)
    if known is None:
        audit.respondents.append(Respondent(request.respondent, request.role or DEFAULT_ROLE))
        return True
    if request.role is not None and known.role != request.role:
        known.role = request.role
        return True
    return False


def _apply_facts(audit: Audit, request: RunRequest) -> bool:
    """Options given for an existing audit replace its facts; True if anything changed."""
    changed = False
    for name in ("client", "site", "auditor", "date"):
        value = getattr(request, name)
        if value is not None and getattr(audit, name) != value:
            setattr(audit, name, value)
            changed = True
    return changed


def _ask_fact(asker: Asker, label: str, shown: str) -> str:
    name = label.lower()
    while True:
        try:
            line = asker.ask(Prompt("fact", label, required=True)).strip()
        except EOFError:
            raise InterviewStopped(f"{shown}: the input ended before the {name} of the new audit; nothing was saved") from None
        if len(line) > MAX_TEXT:
            too_long = f"the {name} is at most {MAX_TEXT:,} characters; this one has {len(line):,}"
            if not asker.interactive:
                raise InterviewStopped(f"{shown}: {too_long}; nothing was saved")
            asker.show(Notice(too_long, refused=True))
            continue
        if line:
            return line
        if not asker.interactive:
            raise InterviewStopped(f"{shown}: a new audit needs the {name}: give --{name}, or type it on its own line")
        asker.show(Notice(f"A new audit needs the {name}.", refused=True))


def _confirm(asker: Asker, question: str) -> bool:
    try:
        line = asker.ask(Prompt("confirm", question))
    except EOFError:
        return False
    return line.strip().lower() in ("y", "yes")


def _from_previous(request: RunRequest, file: AuditFile, asker: Asker) -> Session:
    """A new audit from the previous visit: its client, site, profile, checklist, the
    respondents' ids and roles (not their answers) and the action tracking; each of the
    auditor's answers carried over, marked `carried: DATE` until it is confirmed."""
    from cx_audit.files.audit import load_audit
    from cx_audit.files.profiles import base_of
    from cx_audit.model import Answer, Respondent

    assert request.previous is not None
    previous = load_audit(request.previous)
    before = previous.audit
    checklist = base_of(previous.checklist)
    profile = request.profile if request.profile is not None else before.profile
    if profile is not None:
        checklist = _profiled(checklist, profile, str(request.path))
    check_sections(request, checklist, str(request.path))
    auditor = request.auditor or before.auditor or _ask_fact(asker, "Auditor", str(request.path))
    audit = new_audit(
        checklist,
        request.path,
        client=request.client or before.client,
        auditor=auditor,
        site=request.site if request.site is not None else before.site,
        date=request.date or dt.date.today(),
        profile=profile,
    )
    audit.respondents = [Respondent(r.id, r.role) for r in before.respondents]
    audit.privacy = before.privacy
    audit.actions = dict(before.actions)
    when = before.date
    for key, old in before.answers.items():
        if checklist.item(key) is None or not old.answered:
            continue
        carried = Answer(value=old.value, na=old.na)
        if when is not None:
            carried.extra["carried"] = dt.date(when.year, when.month, when.day)  # one object each: no YAML alias
        audit.answers[key] = carried
    session = _session(checklist, audit, saver(audit, checklist, file), request)
    session.save()
    asker.show(
        Notice(
            f"Starting from {request.previous} ({when.isoformat() if when else 'no date'}): "
            f"{len(audit.answers)} answers to confirm (Enter keeps one, or type the new answer)."
        )
    )
    return session
