"""The command reference (docs/reference/commands.md) is the CLI's own help, written by
docs/gen_reference.py: it must be what the script writes now, and name every command and
every option the CLI has."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.conftest import REPO

PAGE = REPO / "docs" / "reference" / "commands.md"
SCRIPT = REPO / "docs" / "gen_reference.py"


def generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_reference", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_reference_is_what_the_generator_writes_now() -> None:
    # In a process of its own, as `cx-audit --help` runs: within a test worker, commands
    # that earlier in-process tests registered first would be listed first.
    committed = PAGE.read_text(encoding="utf-8")
    run = subprocess.run([sys.executable, str(SCRIPT), "--stdout"], capture_output=True, text=True, timeout=120, check=True)
    fresh = run.stdout
    assert committed == fresh, (
        "docs/reference/commands.md differs from the CLI's help: run python docs/gen_reference.py and commit the page"
    )


def test_the_generator_run_as_a_script_checks_and_needs_no_installed_package(tmp_path: Path) -> None:
    """`--check` says the page is up to date; run from elsewhere with no PYTHONPATH, the
    script still imports this checkout's cx_audit."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "COLUMNS": "40"}
    run = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr


def command_tree() -> list[tuple[str, Any, Any]]:
    """Every command of the CLI (the root included) with its context: walked here, not by
    the generator, so that the test does not trust the code it checks."""
    from typer.main import get_command

    from cx_audit.cli import app as cli

    cli._register_commands([])
    found: list[tuple[str, Any, Any]] = []

    def walk(command: Any, path: list[str], parent: Any) -> None:
        ctx = command.context_class(command, info_name=path[-1], parent=parent, **command.context_settings)
        found.append((" ".join(path), command, ctx))
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            walk(sub, [*path, name], ctx)

    walk(get_command(cli.app), ["cx-audit"], None)
    return found


def sections(page: str) -> dict[str, str]:
    """The page cut at its `## cx-audit ...` and `### cx-audit ...` headings: command -> text."""
    parts = re.split(r"^#{2,3} (cx-audit(?: [a-z-]+)*)\s*$", page, flags=re.M)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts), 2)}


def test_every_command_and_every_option_is_in_the_reference() -> None:
    page = PAGE.read_text(encoding="utf-8")
    by_command = sections(page)
    tree = command_tree()
    assert len(tree) >= 27  # the root, 14 commands and the sub-commands of 5 groups
    missing: list[str] = []
    for name, command, ctx in tree:
        text = by_command.get(name)
        if text is None:
            missing.append(f"no section '{name}'")
            continue
        if command.help and command.help.split("\n")[0].split(":")[0] not in text:
            missing.append(f"{name}: its description")
        usage = " ".join([ctx.command_path, *command.collect_usage_pieces(ctx)])
        if f"```text\n{usage}\n```" not in text:
            missing.append(f"{name}: its usage line {usage!r}")
        option_cells = re.findall(r"^\| `([^`]+)` \|", text, flags=re.M)
        shown = {word for cell in option_cells for word in re.split(r"[ ,]+", cell)}
        for param in command.get_params(ctx):
            if getattr(param, "hidden", False):
                continue
            names = [*param.opts, *param.secondary_opts]
            if param.param_type_name == "argument":
                names = [param.name]
            for opt in names:
                if opt not in shown and f"{opt}..." not in shown:
                    missing.append(f"{name}: {opt}")
            record = param.get_help_record(ctx)
            default = re.search(r"\[default: ([^;\]]+)", record[1]) if record else None
            if default and f"Default: `{default.group(1)}`" not in text:
                missing.append(f"{name}: the default of {names[0]} ({default.group(1)})")
        for sub in getattr(command, "commands", {}):
            if f"(#{'-'.join([*name.split(), sub])})" not in page:
                missing.append(f"{name}: a link to its sub-command {sub}")
    assert not missing, "missing from docs/reference/commands.md (run python docs/gen_reference.py):\n" + "\n".join(missing)


def test_an_option_missing_from_the_page_is_caught() -> None:
    """The check above is not vacuous: a page without `--fail-under` fails it."""
    page = PAGE.read_text(encoding="utf-8")
    assert "| `--fail-under <float range>` |" in page
    cut = sections(page.replace("| `--fail-under <float range>` |", "| `--fail-beneath <float range>` |"))
    shown = {w for cell in re.findall(r"^\| `([^`]+)` \|", cut["cx-audit score"], flags=re.M) for w in re.split(r"[ ,]+", cell)}
    assert "--fail-under" not in shown and "--fail-on-critical" in shown


def test_help_text_reads_in_markdown_as_the_cli_prints_it() -> None:
    """Characters Markdown would read (emphasis, tags, list markers, table pipes) come out as
    the help text has them; code spans stay code."""
    markdown = pytest.importorskip("markdown", reason="Markdown comes with MkDocs (the extra 'docs')")
    gen = generator()
    help_text = "1. Read <path> as *raw* text_file: a|b, `--x <y>` [required]\n\n- not a list"
    html = markdown.markdown("\n".join(gen.description(help_text)))
    assert html == (
        "<p>1. Read &lt;path&gt; as *raw* text_file: a|b, <code>--x &lt;y&gt;</code> [required]</p>\n<p>- not a list</p>"
    )
    names, text = gen.describe_param(("-f, --format <table|json>", "What to print: a|b.  [default: table; x>=1; required]"))
    row = markdown.markdown(f"| A | B |\n| --- | --- |\n| {names} | {text} |", extensions=["tables"])
    assert "<td><code>-f, --format &lt;table|json&gt;</code></td>" in row
    assert "<td>What to print: a|b. Default: <code>table</code>. Range: <code>x&gt;=1</code>. Required.</td>" in row
