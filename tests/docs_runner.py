"""Run the shell examples of the README and the documentation, by the conventions below.

Sybil finds the blocks (its Markdown lexers: fenced blocks and `<!-- skip: ... -->`
directives); this module runs them with the real `cx-audit` in a child process:

- ```` ```console ```` blocks: a line starting with `$ ` is a command (a trailing `\\`
  continues it on the next line); the lines below it up to the next `$ ` are its expected
  output, stdout and stderr together, compared after stripping trailing spaces (and the
  blank lines at the end); a line `...` matches any number of lines. A command may end
  with `# exit N`; otherwise it must exit 0. A command with no output below it has only
  its exit code checked.
- ```` ```sh ```` blocks run as one bash script (`set -e`, so any failing line stops it);
  each line starting with `cx-audit` (after spaces; `\\` continuation lines join) must
  exit 0, or N if it ends with `# exit N`; output is not checked.
- `<!-- skip: next -->` before a block leaves it out (`skip: start` ... `skip: end` every
  block between); anything after the action is the reason shown. A directive that skips
  no shell block (the next block is yaml, or none follows) is an error.
- A block that runs no cx-audit at all (a developer's `.venv/bin/pytest`) is not run.

Each block runs in a scratch folder holding `cx-audit-demo/` exactly as `cx-audit demo`
makes it there (a copy of the session's demo, its portfolio store pointed at the copy),
with HOME in a scratch folder, no CX_AUDIT_* or XDG_* variable from outside, COLUMNS=100
(the width cx-audit uses with no terminal), no colour, and the checkout's own cx_audit on
PYTHONPATH behind a `cx-audit` command first on PATH.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sybil import Document, Example, Region, Sybil
from sybil.parsers.markdown.lexers import DirectiveInHTMLCommentLexer, FencedCodeBlockLexer

REPO = Path(__file__).resolve().parent.parent
WIDTH = "100"  # cx-audit's table width with no terminal (cx_audit/cli/score.py)
TIMEOUT = 300  # seconds for one command or one sh block

_EXIT = re.compile(r"\s+#\s*exit\s+(\d+)\s*$")
_SKIP_ARGS = re.compile(r"(start|next|end)\b\s*(.*)$", re.S)


# ---------------------------------------------------------------- parsing (Sybil)


@dataclass
class Block:
    """One shell example: its language, its lines and the document line of the first one."""

    language: str  # "console" or "sh"
    lines: list[str]
    first_line: int  # the line number in the document of lines[0]
    skip_reason: str | None = None


@dataclass
class Directive:
    """A `<!-- skip: ACTION [reason] -->` of the document."""

    action: str
    reason: str
    line: int


class ShellExamples:
    """A Sybil parser yielding one region per console or sh block (marked skipped when a
    directive says so), and one failing region per misplaced skip directive, so that a stray
    directive is an error instead of silently hiding the wrong block."""

    def __init__(self) -> None:
        self.fences = FencedCodeBlockLexer(language=r"[^\n]*", mapping={"language": "language", "source": "source"})
        self.skips = DirectiveInHTMLCommentLexer(directive="skip")  # Sybil's own skip syntax

    def __call__(self, document: Document) -> Iterator[Region]:
        fences = sorted(self.fences(document), key=lambda r: r.start)
        inside = [(f.start, f.end) for f in fences]
        events: list[tuple[int, Region, Directive | None]] = [(f.start, f, None) for f in fences]
        for region in self.skips(document):
            if any(a <= region.start < b for a, b in inside):
                continue  # a directive shown inside a code block is text, not a directive
            arguments = str(region.lexemes.get("arguments") or "").strip()
            match = _SKIP_ARGS.match(arguments)
            line = _line(document, region.start)
            if match is None:
                yield _problem(region, f"line {line}: <!-- skip: {arguments} --> is not skip: next, start or end")
                continue
            events.append((region.start, region, Directive(match.group(1), match.group(2).strip().strip("\"'"), line)))
        events.sort(key=lambda e: e[0])

        waiting: tuple[Region, Directive] | None = None  # a `skip: next` not yet used
        skipping: Directive | None = None  # an open `skip: start`
        for _, region, directive in events:
            if directive is not None:
                if waiting is not None:
                    yield _problem(
                        waiting[0], f"line {waiting[1].line}: skip: next is followed by another directive, not a block"
                    )
                    waiting = None
                if directive.action == "next":
                    waiting = (region, directive)
                elif directive.action == "start":
                    if skipping is not None:
                        yield _problem(
                            region, f"line {directive.line}: skip: start inside the skip: start of line {skipping.line}"
                        )
                    skipping = directive
                elif skipping is None:
                    yield _problem(region, f"line {directive.line}: skip: end with no skip: start before it")
                else:
                    skipping = None
                continue
            language = str(region.lexemes["language"]).strip()
            skip, waiting_region = (waiting[1], waiting[0]) if waiting else (skipping, None)
            waiting = None
            if language not in ("console", "sh"):
                if waiting_region is not None and skip is not None:
                    yield _problem(
                        waiting_region,
                        f"line {skip.line}: skip: next is followed by a {language or 'plain'} block, which never runs: "
                        "remove the directive",
                    )
                continue
            source = str(region.lexemes["source"])
            reason = None
            if skip is not None:
                reason = f"<!-- skip: {skip.action} --> at line {skip.line}" + (f": {skip.reason}" if skip.reason else "")
            lines = source[:-1].split("\n") if source.endswith("\n") else source.split("\n")
            if reason is None and not runs_cx_audit(language, lines):
                reason = "runs no cx-audit command (only the examples that run cx-audit are tested)"
            region.parsed = Block(language, lines, _line(document, region.start) + 1, reason)
            region.evaluator = evaluate
            yield region
        if waiting is not None:
            yield _problem(waiting[0], f"line {waiting[1].line}: skip: next with no block after it")


def runs_cx_audit(language: str, lines: list[str]) -> bool:
    """Whether a block runs cx-audit: a console command or an sh line starting with it.
    The others (a developer's `.venv/bin/pytest`, an install) are not the product's examples."""
    if language == "console":
        commands = [line[2:].lstrip() for line in lines if line.startswith("$ ")]
        if not commands:
            return True  # a console block without `$ ` is malformed: run it, so that it says so
    else:
        commands = [line.lstrip() for line in lines]
    return any(c == "cx-audit" or c.startswith("cx-audit ") for c in commands)


def _line(document: Document, position: int) -> int:
    return document.text.count("\n", 0, position) + 1


def _problem(region: Region, message: str) -> Region:
    def fail(example: Example) -> str:
        return message

    return Region(region.start, region.start + 1, parsed=message, evaluator=fail)


def sybil() -> Sybil:
    return Sybil(parsers=[ShellExamples()], path=str(REPO))


def examples(paths: Iterable[Path]) -> list[Example]:
    """Every shell example (and stray skip directive) of the documents, in order."""
    parser = sybil()
    found: list[Example] = []
    for path in paths:
        found.extend(parser.parse(path))
    return found


def example_id(example: Example) -> str:
    return f"{Path(example.path).resolve().relative_to(REPO)}:{example.line}"


# ---------------------------------------------------------------- the scratch folder


@dataclass
class Scratch:
    """Where one block runs: its folder and its environment."""

    folder: Path
    env: dict[str, str] = field(default_factory=dict)


def cx_audit_shim(folder: Path) -> Path:
    """A `cx-audit` command that runs this interpreter on the checkout's cx_audit."""
    folder.mkdir(parents=True, exist_ok=True)
    shim = folder / "cx-audit"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m cx_audit "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    return folder


def environment(home: Path, bin_folder: Path) -> dict[str, str]:
    """The environment of every example: nothing of the user's cx-audit settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CX_AUDIT_", "XDG_", "PYTEST_", "FORCE_COLOR"))}
    home.mkdir(parents=True, exist_ok=True)
    python_path = os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p)
    env.update(
        HOME=str(home),
        PATH=os.pathsep.join([str(bin_folder), env.get("PATH", "/usr/bin:/bin")]),
        PYTHONPATH=python_path,
        PYTHONUNBUFFERED="1",  # stdout and stderr interleaved as a terminal shows them
        PYTHONIOENCODING="utf-8",
        COLUMNS=WIDTH,
        NO_COLOR="1",
        TZ="UTC",
        GIT_AUTHOR_NAME="Docs Example",
        GIT_AUTHOR_EMAIL="docs@example.com",
        GIT_COMMITTER_NAME="Docs Example",
        GIT_COMMITTER_EMAIL="docs@example.com",
        GIT_CONFIG_NOSYSTEM="1",
        # Only the durability of writes, never what is printed; the tests' fast switch (tests/conftest.py).
        CX_AUDIT_NO_FSYNC="1",
    )
    return env


def copy_demo(demo: Path, folder: Path) -> Path:
    """`cx-audit-demo/` in FOLDER as `cx-audit demo` would make it there: a copy of DEMO
    whose portfolio store names the copy's files (the store keys audits by absolute path)."""
    target = folder / "cx-audit-demo"
    shutil.copytree(demo, target, symlinks=True)
    store = target / "portfolio.sqlite"
    if store.exists():
        rebase_store(store, [str(demo), str(demo.resolve())], str(target))
    return target


def rebase_store(store: Path, old_roots: list[str], new_root: str) -> None:
    """Point every path under OLD_ROOTS in the store's text columns at NEW_ROOT instead."""
    with sqlite3.connect(store) as db:
        tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            columns = [row[1] for row in db.execute(f'PRAGMA table_info("{table}")') if "TEXT" in str(row[2]).upper()]
            for column in columns:
                for old in dict.fromkeys(old_roots):
                    db.execute(
                        f'UPDATE "{table}" SET "{column}" = ? || substr("{column}", ?) WHERE substr("{column}", 1, ?) = ?',
                        (new_root, len(old) + 1, len(old) + 1, old + "/"),
                    )
    db.close()


# ---------------------------------------------------------------- evaluation


def evaluate(example: Example) -> str | None:
    """Sybil's evaluator: None when the block ran as documented, else the failure."""
    import pytest

    block: Block = example.parsed
    if block.skip_reason:
        pytest.skip(block.skip_reason)
    scratch = example.namespace.get("scratch")
    if not isinstance(scratch, Scratch):
        return "no scratch folder: run the examples through tests/test_docs_examples.py"
    path = Path(example.path).resolve()
    where = str(path.relative_to(REPO) if path.is_relative_to(REPO) else path)
    if block.language == "console":
        return run_console(block, scratch, where)
    return run_sh(block, scratch, where)


@dataclass
class Command:
    line: int  # document line of the `$ ` line
    text: str  # the command as bash runs it (continuations joined, `# exit N` kept as a comment)
    shown: str  # the command as the reader sees it
    code: int
    expected: list[str]


def console_commands(block: Block) -> list[Command] | str:
    commands: list[Command] = []
    lines = block.lines
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.startswith("$ "):
            if line.strip() and not commands:
                return f"line {block.first_line + i}: a console block must start with a `$ ` command, not {line!r}"
            if commands:
                commands[-1].expected.append(line)
            i += 1
            continue
        start = i
        parts = [line[2:]]
        while parts[-1].endswith("\\") and i + 1 < len(lines):
            i += 1
            parts.append(lines[i])
        text = "\n".join(parts)
        m = _EXIT.search(parts[-1])
        commands.append(
            Command(
                line=block.first_line + start,
                text=text,
                shown=" ".join(p.rstrip("\\").strip() for p in parts),
                code=int(m.group(1)) if m else 0,
                expected=[],
            )
        )
        i += 1
    if not commands:
        return f"line {block.first_line}: a console block with no `$ ` command (show output alone in a text block)"
    return commands


def _normalise(lines: list[str]) -> list[str]:
    out = [line.rstrip() for line in lines]
    while out and not out[-1]:
        out.pop()
    return out


def matches(expected: list[str], got: list[str]) -> bool:
    """EXPECTED, whose `...` lines match any number of lines, against GOT, line by line."""
    e, g = len(expected), len(got)
    # reach[j]: expected[:i] can match got[:j]
    reach = [True] + [False] * g
    for i in range(e):
        if expected[i].strip() == "...":
            seen = False
            for j in range(g + 1):
                seen = seen or reach[j]
                reach[j] = seen
        else:
            reach = [False] + [reach[j] and expected[i] == got[j] for j in range(g)]
    return reach[g]


def run_bash(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str] | None:
    """Run bash with stdout and stderr in one pipe and no input (an example that would wait
    for a person fails instead of hanging); None, with everything it started killed, if it
    does not finish in TIMEOUT seconds."""
    with subprocess.Popen(
        args,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    ) as proc:
        try:
            out, _ = proc.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            return None
    return subprocess.CompletedProcess(args, proc.returncode, out)


def run_console(block: Block, scratch: Scratch, where: str) -> str | None:
    parsed = console_commands(block)
    if isinstance(parsed, str):
        return f"{where}:{parsed}"
    cwd = scratch.folder
    state = scratch.folder.parent / f".cwd-{os.getpid()}"
    for command in parsed:
        script = f'cd "$1" || exit 99\n{command.text}\n__rc=$?\npwd > "$2"\nexit $__rc\n'
        proc = run_bash(["bash", "-c", script, "bash", str(cwd), str(state)], scratch.folder, scratch.env)
        if proc is None:
            return f"{where}:{command.line}: $ {command.shown}\ndid not finish in {TIMEOUT} s"
        if state.exists():
            cwd = Path(state.read_text(encoding="utf-8").strip())
            state.unlink()
        got = _normalise(proc.stdout.splitlines())
        expected = _normalise(command.expected)
        problems = []
        if proc.returncode != command.code:
            problems.append(f"exit code: expected {command.code}, got {proc.returncode}")
        if expected and not matches(expected, got):
            diff = difflib.unified_diff(expected, got, "expected (the docs)", "got", lineterm="", n=2)
            problems.append("output differs:\n" + "\n".join(diff))
        elif problems:
            problems.append("output:\n" + "\n".join(got[-40:]))
        if problems:
            return f"{where}:{command.line}: $ {command.shown}\n" + "\n".join(problems)
    return None


_HEREDOC = re.compile(r"(?<!<)<<(?!<)-?\s*(['\"]?)([A-Za-z_][A-Za-z0-9_]*)\1")  # not a <<< here-string
_SH_HEADER = """\
set -e
__cx_check() {
  local line=$1 want=$2 rc=0
  shift 2
  "$@" 2> "$__CX_FAILS.stderr" || rc=$?
  cat "$__CX_FAILS.stderr" >&2
  if [ "$rc" != "$want" ]; then
    printf '%s %s %s\\n' "$line" "$want" "$rc" >> "$__CX_FAILS"
    exit 97
  fi
  rm -f "$__CX_FAILS.stderr"
}
trap 'printf "%s %s\\n" "$LINENO" "$?" >> "$__CX_ERRS"' ERR
"""


def sh_script(block: Block) -> str:
    """The block as a bash script, line for line after the header: each `cx-audit` line runs
    through __cx_check with its document line and expected exit code."""
    out: list[str] = []
    heredoc: str | None = None
    continued = False
    lines = block.lines
    for i, line in enumerate(lines):
        if heredoc is not None:
            out.append(line)
            if line.strip() == heredoc:
                heredoc = None
            continue
        stripped = line.lstrip()
        if not continued and (stripped == "cx-audit" or stripped.startswith("cx-audit ")):
            j = i
            while lines[j].endswith("\\") and j + 1 < len(lines):
                j += 1
            m = _EXIT.search(lines[j])
            indent = line[: len(line) - len(stripped)]
            line = f"{indent}__cx_check {block.first_line + i} {m.group(1) if m else 0} {stripped}"
        out.append(line)
        doc = _HEREDOC.search(line)
        if doc and not continued:
            heredoc = doc.group(2)
        continued = line.endswith("\\")
    return _SH_HEADER + "\n".join(out) + "\n"


def run_sh(block: Block, scratch: Scratch, where: str) -> str | None:
    script = scratch.folder.parent / f".block-{os.getpid()}.sh"
    fails = script.with_suffix(".fails")
    errs = script.with_suffix(".errs")
    for f in (fails, errs, Path(f"{fails}.stderr")):
        f.unlink(missing_ok=True)
    script.write_text(sh_script(block), encoding="utf-8")
    env = {**scratch.env, "__CX_FAILS": str(fails), "__CX_ERRS": str(errs)}
    proc = run_bash(["bash", str(script)], scratch.folder, env)
    if proc is None:
        return f"{where}:{block.first_line}: the sh block did not finish in {TIMEOUT} s"
    output = "\n".join(proc.stdout.splitlines()[-40:])
    header_lines = _SH_HEADER.count("\n")
    if fails.exists():
        line, want, got = fails.read_text(encoding="utf-8").split("\n")[0].split()
        shown = block.lines[int(line) - block.first_line].strip()
        said = Path(f"{fails}.stderr")
        stderr = said.read_text(encoding="utf-8").rstrip() if said.exists() else ""
        return (
            f"{where}:{line}: {shown}\nexit code: expected {want}, got {got}\n"
            f"its stderr:\n{stderr or '(nothing)'}\noutput of the block:\n{output}"
        )
    if errs.exists() or proc.returncode != 0:
        report = errs.read_text(encoding="utf-8").split("\n")[0].split() if errs.exists() else []
        if report:
            doc_line = block.first_line + int(report[0]) - header_lines - 1
            index = doc_line - block.first_line
            shown = block.lines[index].strip() if 0 <= index < len(block.lines) else "?"
            return (
                f"{where}:{doc_line}: {shown}\nfailed with exit code {report[1]} (the block stops there)\n"
                f"output of the block:\n{output}"
            )
        last = block.first_line + len(block.lines) - 1
        return (
            f"{where}:{block.first_line}-{last}: the sh block exited {proc.returncode} "
            f"(a command inside a `&&` or `||` list failed?)\noutput of the block:\n{output}"
        )
    return None
