"""cli/coerce.py: the fast converter gives every value exactly what Typer's own gives.

For each kind of parameter our commands declare, the same values (good ones, and ones
Typer refuses) go through the fast converter and through Typer's pydantic-based one:
the results, or the error messages, must be equal.
"""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated, Any, Optional

import pytest
import typer
from typer.main import get_command

pytest.importorskip("typer._coercion", reason="this Typer converts through click's types; cli/coerce.py does nothing")

from typer import _coercion  # noqa: E402
from typer import core as typer_core  # noqa: E402

from cx_audit.cli import coerce  # noqa: E402


class Colour(str, enum.Enum):
    red = "red"
    dark_blue = "dark-blue"


def _command(tmp: Path) -> Any:
    app = typer.Typer()

    @app.command()
    def every_kind(  # the parameter kinds of cx-audit's commands
        paths: Annotated[list[Path], typer.Argument()],
        colour: Annotated[Colour, typer.Option()] = Colour.red,
        ratio: Annotated[Optional[float], typer.Option(min=0, max=100)] = None,
        count: Annotated[int, typer.Option(min=1)] = 3,
        plain: Annotated[Optional[int], typer.Option()] = None,
        name: Annotated[Optional[str], typer.Option()] = None,
        out: Annotated[Optional[Path], typer.Option()] = None,
        existing: Annotated[Optional[Path], typer.Option(exists=True, dir_okay=False)] = None,
        folder: Annotated[Optional[Path], typer.Option(file_okay=False)] = None,
        flag: Annotated[bool, typer.Option()] = False,
    ) -> None:
        """Nothing to run."""

    @app.command()
    def other() -> None:
        """A second command, so the first is a subcommand."""

    return get_command(app).commands["every-kind"]  # type: ignore[attr-defined]


def _outcome(runtime: Any, value: Any, param: Any, ctx: Any) -> tuple[str, Any]:
    try:
        return ("value", runtime.coerce(value, param=param, ctx=ctx))
    except Exception as exc:  # noqa: BLE001 - the message is what is compared
        return (type(exc).__name__, str(exc))


VALUES: dict[str, list[Any]] = {
    "paths": [["a.yaml"], ["a.yaml", "b/c.yaml"], ("x",), "single", [""], []],
    "colour": ["red", "dark-blue", "RED", "blue", "", Colour.red, 3],
    "ratio": ["0", "80", "80.5", "100", "100.01", "-1", "1e2", " 5", "+5", "05", "nan", "inf", "abc", "", 7, 7.5, None],
    "count": ["1", "3", "0", "-2", "007", "+3", "1_000", "3.0", "x", 5, None],
    "plain": ["0", "-0", "12", "-12", "1.5", "1e3", " 4", "", None],
    "name": ["Acme", "", "  spaced  ", "ünï", None],
    "out": ["out.html", "-", "", "sub/dir/x.pdf", None],
    "existing": ["here.yaml", "missing.yaml", "folder", None],
    "folder": ["folder", "here.yaml", "new-folder", None],
    "flag": [True, False, None],
}


def test_fast_converter_matches_typers_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    coerce.install()
    assert getattr(typer_core.build_runtime_param, "cx_audit_fast", False)  # type: ignore[attr-defined]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "here.yaml").write_text("x: 1\n", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    command = _command(tmp_path)
    ctx = command.make_context("every-kind", ["a.yaml"])
    params = {p.name: p for p in command.params}
    assert set(params) == set(VALUES)
    compared = 0
    for name, values in VALUES.items():
        param = params[name]
        fast = typer_core.build_runtime_param(param.type_descriptor)  # type: ignore[attr-defined]
        typers = _coercion.build_runtime_param(param.type_descriptor)
        assert type(fast).__name__ == "FastRuntimeParam", name
        for value in values:
            got, want = _outcome(fast, value, param, ctx), _outcome(typers, value, param, ctx)
            assert got == want, (name, value)
            if got[0] == "value":
                assert type(got[1]) is type(want[1]), (name, value)
            compared += 1
    assert compared == sum(map(len, VALUES.values()))


def test_install_is_idempotent() -> None:
    coerce.install()
    first = typer_core.build_runtime_param  # type: ignore[attr-defined]
    coerce.install()
    assert typer_core.build_runtime_param is first  # type: ignore[attr-defined]


def test_other_annotations_go_to_typers_converter() -> None:
    coerce.install()
    info = typer.models.OptionInfo()
    for annotation in (tuple[int, str], complex, Path | None):
        descriptor = _coercion.TypeDescriptor(annotation=annotation, parameter_info=info, file_annotation=None)
        try:
            built = typer_core.build_runtime_param(descriptor)  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001 - Typer's own refusal of the annotation is fine here
            continue
        assert type(built).__name__ != "FastRuntimeParam", annotation
