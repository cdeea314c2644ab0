"""The action plan as a roadmap in three horizons: Now, Next 90 days, Later.

The rule (SPEC Part 3, "A report that is sent as it is"), in one pure function that
every output uses (HTML, PDF, Excel, JSON and the deck):

- **Now**: the critical failures.
- **Next 90 days**: the further actions, in plan order, that together make up at least
  half of the points lost, counted with the Now actions. Actions are taken one by one
  until the Now and Next actions reach half the total; when the Now actions alone
  reach it, Next is empty.
- **Later**: the rest.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from cx_audit.model import TextEnum
from cx_audit.scoring.rounding import EPS

if TYPE_CHECKING:
    from cx_audit.scoring.audit import AuditResult
    from cx_audit.scoring.program import ProgramResult


class Horizon(TextEnum):
    now = "now"
    next = "next"
    later = "later"


HORIZON_TITLES = {Horizon.now: "Now", Horizon.next: "Next 90 days", Horizon.later: "Later"}


def horizons(points: Sequence[float], now: Sequence[bool]) -> tuple[Horizon, ...]:
    """The horizon of each action of a plan, given in plan order.

    ``points`` are the points each action loses (a program: the mean points lost);
    ``now[i]`` says the action is a critical failure. Half of the points is reached when
    the running total is within 1e-9 of it or above.
    """
    if len(points) != len(now):
        raise ValueError("points and now must be of the same length")
    half = math.fsum(points) / 2.0
    got = math.fsum(p for p, n in zip(points, now, strict=True) if n)
    out: list[Horizon] = []
    for p, n in zip(points, now, strict=True):
        if n:
            out.append(Horizon.now)
        elif got < half - EPS:
            out.append(Horizon.next)
            got += p
        else:
            out.append(Horizon.later)
    return tuple(out)


def audit_horizons(result: AuditResult) -> tuple[Horizon, ...]:
    """One audit's action plan (``result.actions``), horizon by horizon."""
    return horizons([r.points_lost or 0.0 for r in result.actions], [r.critical_failure for r in result.actions])


def program_horizons(program: ProgramResult) -> tuple[Horizon, ...]:
    """A program's plan (ranked by mean points lost): Now is an item that is a critical
    failure in at least one of its audits."""
    failing = {r.item.id for a in program.audits for r in a.critical_failures}
    return horizons([a.mean_points_lost for a in program.actions], [a.item.id in failing for a in program.actions])
