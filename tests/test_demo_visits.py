"""The demo's repeat visits tell the story the docs tell (docs/guide/next-visit.md): a rising line, actions done
and improved, one done but not improved (flagged), one overdue."""

from __future__ import annotations

from pathlib import Path

from cx_audit.demo import data, visits
from cx_audit.demo.run import demo_checklist, demo_files
from cx_audit.files import registry
from cx_audit.files.audit import load_audit
from cx_audit.scoring.audit import AuditResult, score_audit


def _scored(folder: Path) -> list[AuditResult]:
    files = demo_files(folder)
    out = []
    for path in (files.first, files.baseline, files.current):
        loaded = load_audit(path)
        assert loaded.warnings == [], "every tracked item is in its audit's action plan"
        out.append(score_audit(loaded.checklist, loaded.audit))
    return out


def test_the_demo_data_names_real_items() -> None:
    checklist = registry.resolve(demo_checklist())
    for table in (visits.FIRST_CHANGES, visits.FIRST_ACTIONS, visits.BASELINE_ACTIONS):
        assert set(table) <= {i.id for i in checklist.items}


def test_three_visits_a_rising_line_and_the_actions_story(shared_demo: Path) -> None:
    from cx_audit.actions.listing import list_actions
    from cx_audit.scoring.followup import follow_up
    from cx_audit.scoring.rounding import delta
    from cx_audit.scoring.trend import build_trend

    first, baseline, current = _scored(shared_demo)
    (series,) = build_trend([current, first, baseline]).series
    changes = [v.change for v in series.visits][1:]
    assert changes == [delta(baseline.overall, first.overall), delta(current.overall, baseline.overall)]
    assert all(c is not None and c > 0 for c in changes), "a rising line"
    fu = {f.item.id: f for f in follow_up(baseline, current)}
    done_improved = [k for k, f in fu.items() if f.status.value == "done" and f.change == "improved"]
    assert sorted(done_improved) == ["CC2", "CP1", "CX6", "DR4", "EE4", "SB2"]
    assert [k for k, f in fu.items() if f.flagged] == ["CP6"]
    overdue = list_actions(baseline, data.CURRENT_DATE).overdue
    assert [r.result.item.id for r in overdue] == ["CX4"]
    assert first.audit.actions and not current.audit.actions
