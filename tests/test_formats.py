"""The one registry of `--format` (cx_audit/outputs/formats.py) is complete.

Every `--format` option of every command is a choices enum of the registry, every
enum of the registry belongs to a command, and every choice of every command prints
through the CLI (JSON parses with its format key; the text formats differ).
"""

from __future__ import annotations

import json
import typing
from enum import Enum
from pathlib import Path

import pytest

from cx_audit.outputs.formats import CHOICES, Format, Kind, renderer
from tests.conftest import FULL, Cli, audit_text, write


def format_options() -> dict[str, type[Enum]]:
    """Every command's `--format` option: the command as typed, and the enum of its choices."""
    from typer.main import get_command

    from cx_audit.cli import app as cli

    cli._register_commands([])
    found: dict[str, type[Enum]] = {}

    def walk(command: typing.Any, words: tuple[str, ...]) -> None:
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, (*words, name))
        for param in getattr(command, "params", []):
            if "--format" in param.opts:
                hints = typing.get_type_hints(command.callback, include_extras=True)
                enum = typing.get_args(hints[param.name])[0]
                found[" ".join(words)] = enum

    walk(get_command(cli.app), ())
    return found


def test_every_format_option_is_a_choices_enum_of_the_registry() -> None:
    options = format_options()
    assert sorted(options) == [
        "actions list", "compare", "exceptions list", "metrics", "portfolio benchmark", "portfolio list", "score", "trend",
    ]  # fmt: skip
    assert set(options.values()) == set(CHOICES), "an enum of the registry that no command uses, or the other way round"
    for enum, kind in CHOICES.items():
        for member in enum:
            assert callable(renderer(kind, Format(member.value))), (enum, member)


def test_every_kind_is_printed_by_some_command_and_pairs_not_offered_are_refused() -> None:
    assert set(CHOICES.values()) == set(Kind)
    with pytest.raises(ValueError, match="metric is not printed as markdown"):
        renderer(Kind.metric, Format.markdown)


@pytest.fixture
def folder(tmp_path: Path, mini: Path) -> Path:
    write(tmp_path / "before.yaml", audit_text(FULL).replace("2026-11-22", "2026-08-01").replace("value: 3}", "value: 1}"))
    write(tmp_path / "now.yaml", audit_text(FULL))
    (tmp_path / "survey.csv").write_text("id,score\n1,10\n2,9\n3,3\n4,8\n", encoding="utf-8")
    return tmp_path


COMMANDS = {
    "score": ["score", "now.yaml"],
    "compare": ["compare", "before.yaml", "now.yaml"],
    "trend": ["trend", "before.yaml", "now.yaml"],
    "actions list": ["actions", "list", "now.yaml", "--today", "2026-12-01"],
    "metrics": ["metrics", "survey.csv", "--column", "score", "--kind", "nps"],
    "exceptions list": ["exceptions", "list", "now.yaml", "--today", "2026-12-01"],
    "portfolio list": ["portfolio", "list", "--store", "sqlite:///store.sqlite"],
    "portfolio benchmark": ["portfolio", "benchmark", "now.yaml", "--store", "sqlite:///store.sqlite"],
}
JSON_FORMAT = {
    "score": "cx-audit/result@1",
    "compare": "cx-audit/compare@1",
    "trend": "cx-audit/trend@1",
    "actions list": "cx-audit/actions@1",
    "metrics": "cx-audit/metric@1",
    "exceptions list": "cx-audit/exceptions@1",
    "portfolio list": "cx-audit/portfolio@1",
    "portfolio benchmark": "cx-audit/benchmark@1",
}


def test_every_choice_of_every_command_prints(cli: Cli, folder: Path) -> None:
    options = format_options()
    assert sorted(COMMANDS) == sorted(options)
    indexed = cli("portfolio", "index", "before.yaml", "now.yaml", "--store", "sqlite:///store.sqlite", cwd=folder)
    assert indexed.code == 0, indexed.err
    for command, args in COMMANDS.items():
        printed: dict[str, str] = {}
        for member in options[command]:
            run = cli(*args, "--format", member.value, cwd=folder)
            assert run.code == 0 and run.out.strip(), (command, member, run.err)
            printed[member.value] = run.out
        assert len(set(printed.values())) == len(printed), f"{command}: two formats print the same"
        assert json.loads(printed["json"])["format"] == JSON_FORMAT[command]
        if "junit" in printed:
            assert printed["junit"].startswith("<?xml")
        if "markdown" in printed:
            assert printed["markdown"].lstrip().startswith("#")
