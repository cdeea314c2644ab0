"""The one output writer: stdout, missing folders, inputs, user data, atomic replacement."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from cx_audit.errors import OutputError
from cx_audit.files.output import Output, Replace, write_output
from tests.conftest import FULL, Run, audit_text, write


def test_report_is_replaced_and_user_is_told(tmp_path: Path) -> None:
    target = tmp_path / "r.html"
    target.write_text("old")
    line = write_output(Output(target, "HTML report"), "new")
    assert target.read_text() == "new"
    assert line == f"Wrote HTML report to {target}"


def test_user_data_needs_force(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    target.write_text("mine")
    with pytest.raises(OutputError, match="already exists; use --force"):
        write_output(Output(target, "audit", Replace.user_data), "theirs")
    assert target.read_text() == "mine"
    write_output(Output(target, "audit", Replace.user_data), "theirs", force=True)
    assert target.read_text() == "theirs"


def test_missing_folder_and_rendering_skipped(tmp_path: Path) -> None:
    calls: list[int] = []

    def render() -> str:
        calls.append(1)
        return "x"

    with pytest.raises(OutputError, match="folder .* does not exist"):
        write_output(Output(tmp_path / "no" / "r.json", "JSON"), render)
    assert calls == [], "nothing is rendered for an output that cannot be written"


def test_stdout_for_text_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert write_output(Output(Path("-"), "JSON"), "{}\n") is None
    assert capsys.readouterr().out == "{}\n"
    with pytest.raises(OutputError, match="cannot write the Excel workbook to standard output"):
        write_output(Output(Path("-"), "Excel workbook", text=False), b"PK")


def test_an_input_is_never_an_output(tmp_path: Path) -> None:
    src = tmp_path / "a.yaml"
    src.write_text("answers: {}\n")
    link = tmp_path / "link.yaml"
    os.symlink(src, link)
    hard = tmp_path / "hard.yaml"
    os.link(src, hard)
    for target in (src, link, hard, tmp_path / "." / "a.yaml"):
        with pytest.raises(OutputError, match="is also an input"):
            write_output(Output(target, "JSON"), "{}", inputs=[src])
    assert src.read_text() == "answers: {}\n"


@pytest.mark.parametrize("flag", ["--json", "--markdown", "--junit"])
def test_score_refuses_to_write_over_its_audit(cli: Callable[..., Run], tmp_path: Path, mini: Path, flag: str) -> None:
    audit = write(tmp_path / "a.yaml", audit_text(FULL))
    before = audit.read_bytes()
    run = cli("score", "a.yaml", flag, "a.yaml", cwd=tmp_path)
    assert run.code == 2
    assert run.err.strip() == "a.yaml: is also an input of this command (a.yaml); choose another output path"
    assert audit.read_bytes() == before


@pytest.mark.parametrize("flag", ["--html", "--xlsx"])
def test_report_refuses_to_write_over_its_checklist_or_baseline(
    cli: Callable[..., Run], tmp_path: Path, mini: Path, flag: str
) -> None:
    write(tmp_path / "a.yaml", audit_text(FULL))
    write(tmp_path / "b.yaml", audit_text(FULL))
    for target in ("mini.yaml", "b.yaml"):
        before = (tmp_path / target).read_bytes()
        run = cli("report", "a.yaml", "--baseline", "b.yaml", flag, target, cwd=tmp_path)
        assert run.code == 2, run.err
        assert "is also an input of this command" in run.err
        assert (tmp_path / target).read_bytes() == before


@pytest.mark.parametrize("value", ["-1", "100.5", "nan"])
def test_fail_under_outside_0_to_100_is_a_usage_error(cli: Callable[..., Run], tmp_path: Path, mini: Path, value: str) -> None:
    write(tmp_path / "a.yaml", audit_text(FULL))
    run = cli("score", "a.yaml", "--fail-under", value, cwd=tmp_path)
    assert run.code == 2
    assert "--fail-under" in run.err
