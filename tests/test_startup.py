"""Start-up: what `cx-audit --help` and `score --format json` import (docs/performance.md).

Each figure of issue 18 depends on not importing what a command does not use: rich (a
table), pydantic (Typer's converter: cli/coerce.py converts our plain values), the model
and the scoring for `--help`, the renderers of other formats for `score`. Each case runs
the real entry point in a fresh interpreter and lists the modules it imported.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FULL, audit_text, write

_LIST_MODULES = """
import atexit, json, sys
out = sys.argv[1]
atexit.register(lambda: open(out, "w").write(json.dumps(sorted(sys.modules))))
sys.argv = ["cx-audit", *sys.argv[2:]]
from cx_audit.cli.app import main
main()
"""


def _imported(tmp_path: Path, *args: str) -> set[str]:
    out = tmp_path / "modules.json"
    run = subprocess.run(
        [sys.executable, "-c", _LIST_MODULES, str(out), *args], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr
    return set(json.loads(out.read_text()))


def _under(modules: set[str], *roots: str) -> list[str]:
    return sorted(m for m in modules if any(m == r or m.startswith(r + ".") for r in roots))


def test_help_imports_no_model_scoring_yaml_rich_or_pydantic(tmp_path: Path) -> None:
    modules = _imported(tmp_path, "--help")
    assert "cx_audit.cli.score" in modules and "cx_audit.enums" in modules  # every command is listed
    assert _under(modules, "rich", "pydantic", "yaml", "jinja2", "openpyxl") == []
    assert _under(modules, "cx_audit.model", "cx_audit.scoring", "cx_audit.files", "cx_audit.outputs") == []


@pytest.mark.parametrize("fmt", ["json", "junit", "markdown"])
def test_score_imports_only_what_its_format_needs(tmp_path: Path, mini: Path, fmt: str) -> None:
    write(tmp_path / "a.yaml", audit_text(FULL))
    modules = _imported(tmp_path, "score", "a.yaml", "--format", fmt)
    assert "cx_audit.scoring.audit" in modules
    assert _under(modules, "rich", "pydantic", "jinja2", "openpyxl", "weasyprint", "PIL") == []
    assert _under(modules, "cx_audit.outputs.table", "cx_audit.report", "cx_audit.interview", "cx_audit.portfolio") == []


def test_score_as_a_table_imports_rich_but_not_pydantic(tmp_path: Path, mini: Path) -> None:
    write(tmp_path / "a.yaml", audit_text(FULL))
    modules = _imported(tmp_path, "score", "a.yaml", "--format", "table")
    assert "rich" in modules
    assert _under(modules, "pydantic") == []


def test_a_wrong_option_value_is_still_worded_by_typer(tmp_path: Path, mini: Path) -> None:
    """A value the fast converter refuses goes to Typer's own: its message, exit 2."""
    write(tmp_path / "a.yaml", audit_text(FULL))
    run = subprocess.run(
        [sys.executable, "-m", "cx_audit", "score", "a.yaml", "--fail-under", "abc"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 2
    assert "Invalid value for '--fail-under'" in run.stderr and "abc" not in run.stdout
    run = subprocess.run(
        [sys.executable, "-m", "cx_audit", "score", "a.yaml", "--format", "yaml"], cwd=tmp_path, capture_output=True, text=True
    )
    assert run.returncode == 2 and "Invalid value for '--format'" in run.stderr and "'yaml' is not one of" in run.stderr
