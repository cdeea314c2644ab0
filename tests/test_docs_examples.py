"""The documentation is tested: every shell example of README.md and docs/**/*.md runs with
the real cx-audit against the demo's files, with its output checked where the docs show it
(the conventions are in tests/docs_runner.py); the exit-code table is ExitCode; the CI
recipe of docs/ci.md runs as written in a git repository.

Each example is one test, named after its file and line (`docs/ci.md:42`), so a failure
says where to look; the examples are independent (each in a fresh copy of the demo), so
pytest-xdist may run them anywhere. tests/docs_fixture.md exercises every convention and
the tests below run deliberately wrong samples to show that the runner catches them.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from sybil import Example
from sybil.example import SybilFailure

from tests.conftest import REPO
from tests.docs_runner import (
    Block,
    Scratch,
    copy_demo,
    cx_audit_shim,
    environment,
    example_id,
    examples,
    matches,
    run_sh,
    sh_script,
)

DOCUMENTS = [p for p in [REPO / "README.md", *sorted((REPO / "docs").rglob("*.md"))] if p.exists()]
DOC_EXAMPLES = examples(DOCUMENTS)
FIXTURE = REPO / "tests" / "docs_fixture.md"
FIXTURE_EXAMPLES = examples([FIXTURE])
CI_PAGE = REPO / "docs" / "ci.md"
EXIT_CODES_PAGE = REPO / "docs" / "reference" / "exit-codes.md"


def git_repository(folder: Path, env: dict[str, str]) -> None:
    """FOLDER as a git repository on branch main with everything in it committed."""
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "The demo's audits"]):
        subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True, timeout=60)


def make_scratch(demo: Path, tmp_path: Path, git: bool = False) -> Scratch:
    """A scratch folder holding cx-audit-demo/ as `cx-audit demo` makes it, and the
    environment to run in it (HOME beside it)."""
    folder = tmp_path / "work"
    folder.mkdir(parents=True)
    copy_demo(demo, folder)
    env = environment(tmp_path / "home", cx_audit_shim(tmp_path / "bin"))
    if git:
        git_repository(folder, env)
    return Scratch(folder, env)


def run_example(example: Example, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    block = example.parsed
    if isinstance(block, Block) and block.skip_reason:
        pytest.skip(block.skip_reason)
    if isinstance(block, Block):
        demo = request.getfixturevalue("shared_demo")
        # CI recipes are about a repository: docs/ci.md's examples run in one.
        in_git = Path(example.path).resolve() == CI_PAGE.resolve()
        example.namespace["scratch"] = make_scratch(demo, tmp_path, git=in_git)
    example.evaluate()


@pytest.mark.parametrize("example", DOC_EXAMPLES, ids=example_id)
def test_documented_example_runs_as_shown(example: Example, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    run_example(example, request, tmp_path)


@pytest.mark.parametrize("example", FIXTURE_EXAMPLES, ids=example_id)
def test_fixture_example_runs_as_shown(example: Example, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    run_example(example, request, tmp_path)


def test_the_fixture_exercises_every_convention() -> None:
    blocks = [e.parsed for e in FIXTURE_EXAMPLES]
    assert all(isinstance(b, Block) for b in blocks)
    text = "\n".join("\n".join(b.lines) for b in blocks)
    assert {b.language for b in blocks} == {"console", "sh"}
    assert re.search(r"^\.\.\.$", text, re.M), "a `...` wildcard"
    assert re.search(r"^\$ .*# exit [1-9]", text, re.M), "a console command with `# exit N`"
    assert re.search(r"^\s*cx-audit .*# exit [1-9]", text, re.M), "an sh line with `# exit N`"
    assert re.search(r"\\$", text, re.M), "a continuation line"
    reasons = [b.skip_reason for b in blocks if b.skip_reason]
    assert any("skip: next" in r for r in reasons) and any("skip: start" in r for r in reasons)
    assert any("runs no cx-audit" in r for r in reasons)


# ---------------------------------------------------------------- the runner catches mistakes


def evaluate_sample(text: str, tmp_path: Path, demo: Path) -> str | None:
    """Write TEXT as a document, run its examples; None if all pass, else the first failure."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    doc = tmp_path / "sample.md"
    doc.write_text(text, encoding="utf-8")
    for i, example in enumerate(examples([doc])):
        if isinstance(example.parsed, Block):
            if example.parsed.skip_reason:
                continue
            example.namespace["scratch"] = make_scratch(demo, tmp_path / f"run{i}")
        try:
            example.evaluate()
        except SybilFailure as failure:
            return str(failure)
    return None


SCORE = "cx-audit score cx-audit-demo/harrogate-2026-11.yaml"


def test_a_wrong_expected_output_fails_naming_file_line_command_and_both_outputs(shared_demo: Path, tmp_path: Path) -> None:
    sample = f"# Sample\n\nText.\n\n```console\n$ {SCORE}\n...\nOverall   99.9   Excellent\n...\n```\n"
    failure = evaluate_sample(sample, tmp_path, shared_demo)
    assert failure is not None
    assert "sample.md:6: $ " + SCORE in failure
    assert "output differs" in failure
    assert "-Overall   99.9   Excellent" in failure  # what the docs say
    assert re.search(r"^\+.*72\.0", failure, re.M), failure  # what cx-audit printed


def test_a_wrong_exit_code_fails_both_ways(shared_demo: Path, tmp_path: Path) -> None:
    unexpected = evaluate_sample("```console\n$ cx-audit score no-such.yaml\n```\n", tmp_path / "a", shared_demo)
    assert unexpected is not None and "sample.md:2: $ cx-audit score no-such.yaml" in unexpected
    assert "exit code: expected 0, got 2" in unexpected
    assert "no-such.yaml" in unexpected  # the output is shown
    missing = evaluate_sample(f"```console\n$ {SCORE} # exit 1\n...\n```\n", tmp_path / "b", shared_demo)
    assert missing is not None and "exit code: expected 1, got 0" in missing
    stated = evaluate_sample(f"```console\n$ {SCORE} --fail-under 99 # exit 1\n...\n```\n", tmp_path / "c", shared_demo)
    assert stated is None


def test_an_sh_block_fails_on_a_cx_audit_line_and_on_any_other_failing_line(shared_demo: Path, tmp_path: Path) -> None:
    bad_cx = "Text\n\n```sh\nmkdir out\ncx-audit score \\\n  cx-audit-demo/missing.yaml\necho never\n```\n"
    failure = evaluate_sample(bad_cx, tmp_path / "a", shared_demo)
    assert failure is not None
    assert "sample.md:5: cx-audit score \\" in failure and "exit code: expected 0, got 2" in failure
    assert "missing.yaml" in failure
    bad_cp = (
        "```sh\ncx-audit score cx-audit-demo/harrogate-2026-11.yaml --fail-under 99  # exit 1\ncp nothing.yaml here.yaml\n```\n"
    )
    failure = evaluate_sample(bad_cp, tmp_path / "b", shared_demo)
    assert failure is not None and "sample.md:3: cp nothing.yaml here.yaml" in failure, failure
    assert "failed with exit code 1" in failure
    wrong_code = "```sh\ncx-audit score cx-audit-demo/harrogate-2026-11.yaml  # exit 1\n```\n"
    failure = evaluate_sample(wrong_code, tmp_path / "c", shared_demo)
    assert failure is not None and "exit code: expected 1, got 0" in failure


def test_skip_next_leaves_out_the_block_and_a_stray_directive_fails(shared_demo: Path, tmp_path: Path) -> None:
    assert evaluate_sample("<!-- skip: next -->\n```console\n$ false\n```\n", tmp_path / "a", shared_demo) is None
    stray = evaluate_sample("<!-- skip: next -->\n\n```yaml\na: 1\n```\n", tmp_path / "b", shared_demo)
    assert stray is not None and "never runs" in stray
    no_prompt = evaluate_sample("```console\ncx-audit score x.yaml\n```\n", tmp_path / "c", shared_demo)
    assert no_prompt is not None and "must start with a `$ ` command" in no_prompt


def test_the_interview_left_unskipped_fails_instead_of_waiting_for_a_person(shared_demo: Path, tmp_path: Path) -> None:
    failure = evaluate_sample("```console\n$ cx-audit run new.yaml\n```\n", tmp_path, shared_demo)
    assert failure is not None and "exit code: expected 0, got 2" in failure
    assert "the input ended" in failure


def test_an_sh_block_checks_its_cx_audit_lines_only_outside_here_documents() -> None:
    block = Block(
        "sh",
        [
            "cat > a.txt <<'EOF'",
            "cx-audit score text-only.yaml",
            "EOF",
            "grep -c x <<< 'cx-audit'",
            "  cx-audit score b.yaml \\",
            "    --fail-under 90  # exit 1",
        ],
        first_line=10,
    )
    body = sh_script(block).splitlines()[-6:]
    assert body[1] == "cx-audit score text-only.yaml"  # a line of the here-document, left alone
    assert body[3] == "grep -c x <<< 'cx-audit'"
    assert body[4] == "  __cx_check 14 1 cx-audit score b.yaml \\"
    assert body[5] == "    --fail-under 90  # exit 1"


def test_the_wildcard_matches_any_number_of_lines() -> None:
    assert matches(["a", "...", "d"], ["a", "b", "c", "d"])
    assert matches(["a", "...", "b"], ["a", "b"])
    assert matches(["...", "c"], ["a", "b", "c"])
    assert matches(["..."], [])
    assert not matches(["a", "...", "d"], ["a", "b", "c"])
    assert not matches(["a", "c"], ["a", "b", "c"])
    assert not matches(["a"], ["a", "b"])


def test_examples_run_with_a_scratch_home_and_no_cx_audit_settings(
    shared_demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CX_AUDIT_STORE", str(tmp_path / "elsewhere.sqlite"))
    monkeypatch.setenv("CX_AUDIT_PATH", str(tmp_path))
    sample = (
        "```console\n"
        "$ env | grep '^CX_AUDIT_' | sort\n"
        "CX_AUDIT_NO_FSYNC=1\n"
        '$ test "$HOME" = "$(cd ../home && pwd)" && echo scratch home\n'
        "scratch home\n"
        "```\n"
    )
    assert evaluate_sample(sample, tmp_path, shared_demo) is None


# ---------------------------------------------------------------- the exit-code table


def exit_code_table(text: str) -> list[tuple[int, str, str]]:
    """The rows of the page's one Markdown table headed `Code | Name | Meaning` (any case):
    the code a plain integer, the name ExitCode's member name (backticks allowed), the
    meaning not empty."""
    tables: list[list[tuple[int, str, str]]] = []
    lines = text.splitlines()
    for i, line in enumerate(lines):
        cells = [c.strip().lower() for c in line.strip().strip("|").split("|")]
        if cells != ["code", "name", "meaning"]:
            continue
        assert i + 1 < len(lines) and re.fullmatch(r"\|?(\s*:?-+:?\s*\|){2}\s*:?-+:?\s*\|?", lines[i + 1].strip()), (
            f"line {i + 2}: the header of the exit-code table must be followed by its | --- | --- | --- | line"
        )
        rows = []
        for number, row in enumerate(lines[i + 2 :], start=i + 3):
            if not row.strip().startswith("|"):
                break
            code, name, meaning = (c.strip() for c in row.strip().strip("|").split("|", 2))
            assert re.fullmatch(r"`?\d+`?", code), f"line {number}: the code {code!r} is not a number"
            assert re.fullmatch(r"`?[A-Z_]+`?", name), f"line {number}: the name {name!r} is not an ExitCode member name"
            assert meaning, f"line {number}: exit code {code} has no meaning"
            rows.append((int(code.strip("`")), name.strip("`"), meaning))
        tables.append(rows)
    assert len(tables) == 1, f"expected one table headed | Code | Name | Meaning |, found {len(tables)}"
    return tables[0]


def expected_exit_codes() -> list[tuple[int, str]]:
    from cx_audit.errors import ExitCode

    return [(member.value, member.name) for member in ExitCode]


def test_the_exit_code_table_is_exactly_exit_code() -> None:
    if not EXIT_CODES_PAGE.exists():
        pytest.skip("docs/reference/exit-codes.md is not written yet (a page of the docs-content helper)")
    rows = exit_code_table(EXIT_CODES_PAGE.read_text(encoding="utf-8"))
    assert [(code, name) for code, name, _ in rows] == expected_exit_codes(), (
        "docs/reference/exit-codes.md must list every member of cx_audit.errors.ExitCode, in order, as | code | name | meaning |"
    )


def test_the_exit_code_table_check_reads_the_format_and_catches_a_difference() -> None:
    good = "# Exit codes\n\n| Code | Name | Meaning |\n| ---: | --- | --- |\n" + "".join(
        f"| {code} | `{name}` | what {name} means |\n" for code, name in expected_exit_codes()
    )
    assert [(c, n) for c, n, _ in exit_code_table(good)] == expected_exit_codes()
    wrong = good.replace("| 2 | `INPUT` |", "| 4 | `INPUT` |")
    assert [(c, n) for c, n, _ in exit_code_table(wrong)] != expected_exit_codes()
    with pytest.raises(AssertionError, match="has no meaning"):
        exit_code_table(good.replace("what OK means", ""))
    with pytest.raises(AssertionError, match="found 0"):
        exit_code_table("| Exit | Meaning |\n| --- | --- |\n| 0 | ok |\n")


# ---------------------------------------------------------------- the CI recipe


def ci_recipe(text: str) -> Block | None:
    """The first sh block after the first heading that says "recipe" (any case)."""
    parsed = [e.parsed for e in examples_of_text(text)]
    heading = next((m for m in re.finditer(r"^#{1,6} .*$", text, re.M) if re.search("recipe", m.group(), re.I)), None)
    if heading is None:
        return None
    heading_line = text.count("\n", 0, heading.start()) + 1
    return next((b for b in parsed if isinstance(b, Block) and b.language == "sh" and b.first_line > heading_line), None)


def examples_of_text(text: str) -> list[Example]:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        doc = Path(folder) / "ci.md"
        doc.write_text(text, encoding="utf-8")
        return examples([doc])


def test_the_ci_recipe_runs_as_written_in_a_git_repository(shared_demo: Path, tmp_path: Path) -> None:
    if not CI_PAGE.exists():
        pytest.skip("docs/ci.md is not written yet (a page of the docs-content helper)")
    recipe = ci_recipe(CI_PAGE.read_text(encoding="utf-8"))
    assert recipe is not None, "docs/ci.md has no ```sh block after a heading with 'recipe' in it"
    assert any(line.lstrip().startswith("cx-audit ") for line in recipe.lines), "the recipe runs no cx-audit command"
    scratch = make_scratch(shared_demo, tmp_path, git=True)
    # Run whether or not a skip directive stands before it: the recipe is the one example CI users copy.
    failure = run_sh(Block("sh", recipe.lines, recipe.first_line), scratch, "docs/ci.md")
    assert failure is None, failure


def test_the_recipe_is_found_under_its_heading() -> None:
    text = (
        "# CI\n\n```sh\necho before\n```\n\n## A recipe for GitHub\n\n```yaml\nx: 1\n```\n\n```sh\ncx-audit score a.yaml\n```\n"
    )
    recipe = ci_recipe(text)
    assert recipe is not None and recipe.lines == ["cx-audit score a.yaml"] and recipe.first_line == 14
    assert ci_recipe("# CI\n\n```sh\ncx-audit score a.yaml\n```\n") is None
