"""The README and the documentation are part of the product: every command is documented and has help."""

from __future__ import annotations

import re

import pytest

from tests.conftest import REPO, Cli

README = (REPO / "README.md").read_text(encoding="utf-8")
# The README links into docs/; the reference lives there (issue 25).
DOCS = README + "".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "docs").rglob("*.md")))
COMMANDS = [
    ["checklists", "list"], ["checklists", "show"], ["checklists", "validate"], ["checklists", "export"],
    ["run"], ["score"], ["report"], ["compare"], ["form"], ["import"], ["demo"], ["metrics"],
    ["trend"], ["actions", "list"], ["actions", "pull"], ["exceptions", "add"], ["exceptions", "list"],
    ["portfolio", "index"], ["portfolio", "list"], ["portfolio", "benchmark"],
    ["evidence", "collect"],
]  # fmt: skip


def test_the_cli_has_exactly_the_documented_commands() -> None:
    from typer.main import get_command

    from cx_audit.cli import app as cli

    cli._register_commands([])
    group = get_command(cli.app)
    top = set(group.commands)  # type: ignore[attr-defined]
    assert top == {c[0] for c in COMMANDS}
    for name in ("checklists", "actions", "exceptions", "portfolio", "evidence"):
        sub = set(group.commands[name].commands)  # type: ignore[attr-defined]
        assert sub == {c[1] for c in COMMANDS if c[0] == name}


@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
def test_every_command_has_help_and_is_documented(cli: Cli, command: list[str]) -> None:
    run = cli(*command, "--help")
    assert run.code == 0
    assert "Usage:" in run.out
    lines = [line for line in run.out.splitlines() if line.strip()]
    assert len(lines) >= 3, "a one-line description and options"
    assert f"cx-audit {' '.join(command)}" in DOCS


def test_readme_has_the_two_setup_commands_and_ci_runs_the_test_one() -> None:
    blocks = re.findall(r"```sh\n(.*?)\n```", README, re.S)
    assert blocks[:2] == [
        "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/cx-audit demo",
        'python3 -m venv .venv && .venv/bin/pip install -e ".[test,pdf,team]" && .venv/bin/pytest',
    ]
    ci = (REPO / ".ci" / "run").read_text()
    # CI adds the extra 'team' (psycopg) for the portfolio tests against a real PostgreSQL
    # server, and 'docs' (MkDocs) to build the documentation site.
    assert "python3 -m venv .venv" in ci and 'pip install -q -e ".[test,pdf,team,docs]"' in ci and ".venv/bin/pytest" in ci


def test_the_docs_document_exit_codes() -> None:
    table = (REPO / "docs" / "reference" / "exit-codes.md").read_text(encoding="utf-8")
    for code in ("| 0 |", "| 1 |", "| 2 |", "| 3 |"):
        assert code in table
