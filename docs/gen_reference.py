"""Write docs/reference/commands.md from the CLI's own help, so the reference cannot drift.

    python docs/gen_reference.py            # rewrite the page
    python docs/gen_reference.py --check    # exit 1 if the committed page is out of date
    python docs/gen_reference.py --stdout   # print the page instead

It walks the Typer/Click command tree (`typer.main.get_command`), every command and every
sub-command of a group, and writes for each its usage, its description and a table of its
arguments and options with their help, defaults, ranges and whether they are required,
exactly as `cx-audit COMMAND --help` shows them. tests/test_reference.py fails when the
committed page differs from what this script writes now.

It imports cx_audit from this checkout (the folder above docs/), not from wherever the
package happens to be installed, and fixes the terminal width, so that the page depends on
the code alone.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "reference" / "commands.md"
REGENERATE = "python docs/gen_reference.py"

os.environ["COLUMNS"] = "80"  # the help never depends on the terminal it is written for
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def command_tree() -> Iterator[tuple[list[str], Any, Any]]:
    """(path, command, context) of the root and of every command under it, in help order.

    The path starts with "cx-audit"; a sub-command's context has its group's as parent, so
    its usage line reads `cx-audit actions list ...` as its help does.
    """
    from typer.main import get_command

    from cx_audit.cli import app as cli

    cli._register_commands([])  # every command module, as `cx-audit --help` does
    root = get_command(cli.app)

    def walk(command: Any, path: list[str], parent: Any) -> Iterator[tuple[list[str], Any, Any]]:
        # as Click's make_context builds it, without parsing arguments: the command's own
        # settings (the root's `-h` for help) and its group's context as parent
        ctx = command.context_class(command, info_name=path[-1], parent=parent, **command.context_settings)
        yield path, command, ctx
        if hasattr(command, "commands"):  # a group (Typer vendors Click: no isinstance test)
            for name in command.list_commands(ctx):
                sub = command.commands[name]
                if not getattr(sub, "hidden", False):
                    yield from walk(sub, [*path, name], ctx)

    yield from walk(root, ["cx-audit"], None)


_CODE = re.compile(r"(`[^`]*`)")


def prose(text: str, in_table: bool = False) -> str:
    """Help text as Markdown: code spans kept, the characters Markdown would read escaped."""
    parts = []
    for i, part in enumerate(_CODE.split(text)):
        if i % 2 == 0:  # outside a code span
            part = part.replace("\\", "\\\\").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            part = re.sub(r"([\[\]])", r"\\\1", part)
            part = re.sub(r"(?<!\w)([*_])|([*_])(?!\w)", lambda m: "\\" + (m.group(1) or m.group(2)), part)
            if in_table:
                part = part.replace("|", "\\|")
        parts.append(part)
    return "".join(parts)


def code(text: str) -> str:
    """Text as one code span (a backtick inside it needs a longer fence)."""
    fence = "``" if "`" in text else "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def description(help_text: str) -> list[str]:
    """A command's help as Markdown paragraphs; a Click `\\b` paragraph keeps its lines."""
    import inspect

    out: list[str] = []
    for paragraph in re.split(r"\n\s*\n", inspect.cleandoc(help_text)):
        lines = paragraph.splitlines()
        if lines and lines[0].strip() == "\b":
            out += ["```text", *lines[1:], "```", ""]
        else:
            text = prose(" ".join(line.strip() for line in lines))
            # a paragraph that would read as a heading or a list item is escaped
            text = re.sub(r"^([#+*-])(?=\s|$)", r"\\\1", text)
            text = re.sub(r"^(\d+)([.)])(?=\s|$)", r"\1\\\2", text)
            out += [text, ""]
    return out


_EXTRA = re.compile(r"^(.*?)\s*\[([^\[\]]*)\]$", re.S)


def describe_param(record: tuple[str, str]) -> tuple[str, str]:
    """One row of a parameter table from Click's help record: the names and metavar, then the
    help with Click's bracketed extras (`[default: table]`, `[required]`, a range) spelled out."""
    names, help_text = record
    extras: list[str] = []
    match = _EXTRA.match(help_text)
    if match:
        help_text, bracket = match.group(1), match.group(2)
        for extra in bracket.split("; "):
            if extra == "required":
                extras.append("Required.")
            elif extra.startswith("default: "):
                extras.append(f"Default: {code(extra[len('default: ') :])}.")
            elif extra.startswith("env var: "):
                extras.append(f"Environment variable: {code(extra[len('env var: ') :])}.")
            else:
                extras.append(f"Range: {code(extra)}.")
    text = " ".join([prose(help_text, in_table=True), *extras]).strip()
    return code(names), text or "—"


def render() -> str:
    """The whole page, as it is committed."""
    tree = list(command_tree())
    lines = [
        "# Command reference",
        "",
        f"<!-- Generated by docs/gen_reference.py from the CLI's own help. Do not edit: run `{REGENERATE}`. -->",
        "",
        "Every command of `cx-audit` with its arguments and options, as `cx-audit COMMAND --help` "
        "prints them. Each command also takes `-h` or `--help`. What the exit codes mean is in "
        "[Exit codes](exit-codes.md).",
        "",
        "| Command | What it does |",
        "| --- | --- |",
    ]
    for path, command, _ctx in tree[1:]:
        name = " ".join(path)
        anchor = "-".join(path)
        lines.append(f"| [{code(name)}](#{anchor}) | {prose(command.get_short_help_str(limit=300), in_table=True)} |")
    lines.append("")
    for path, command, ctx in tree:
        level = "##" if len(path) <= 2 else "###"  # the root and the commands; a group's sub-commands
        lines += [f"{level} {' '.join(path)}", ""]
        lines += description(command.help or "")
        usage = " ".join([ctx.command_path, *command.collect_usage_pieces(ctx)])
        lines += ["```text", usage, "```", ""]
        if hasattr(command, "commands") and len(path) > 1:  # the root's are in the table above
            lines += ["| Command | What it does |", "| --- | --- |"]
            for sub_name in command.list_commands(ctx):
                sub = command.commands[sub_name]
                if getattr(sub, "hidden", False):
                    continue
                sub_path = [*path, sub_name]
                lines.append(
                    f"| [{code(' '.join(sub_path))}](#{'-'.join(sub_path)}) "
                    f"| {prose(sub.get_short_help_str(limit=300), in_table=True)} |"
                )
            lines.append("")
        rows = [param.get_help_record(ctx) for param in command.get_params(ctx)]
        rows = [row for row in rows if row is not None]  # hidden parameters have no record
        if rows:
            lines += ["| Argument or option | Description |", "| --- | --- |"]
            for row in rows:
                names, text = describe_param(row)
                lines.append(f"| {names} | {text} |")
            lines.append("")
        if command.epilog:
            lines += description(command.epilog)
    return "\n".join(lines).rstrip("\n") + "\n"


def main(argv: list[str]) -> int:
    page = render()
    if argv == ["--check"]:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != page:
            print(f"{OUT.relative_to(ROOT)} is out of date: run {REGENERATE}", file=sys.stderr)
            return 1
        return 0
    if argv == ["--stdout"]:
        sys.stdout.write(page)
        return 0
    if argv:
        print(__doc__, file=sys.stderr)
        return 2
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write(page)
    print(f"Wrote {OUT.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
