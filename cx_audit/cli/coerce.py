"""Converting option and argument values without building a pydantic adapter per parameter.

Typer (from 0.2x) converts every command-line value through a pydantic ``TypeAdapter``
built when the parameter is first used. For `score one.yaml` that imports pydantic and
builds five adapters: about 45 ms, a third of the whole command. Our commands take only
plain types (text, whole and decimal numbers, paths, choices, lists of those), whose
conversion needs no pydantic, so :func:`install` gives Typer a converter that handles
exactly those values as Typer's own does and hands everything else, and every value it
would refuse, to Typer's converter, so a wrong value is reported in Typer's own words.

On a Typer without this machinery (older versions convert through click's types), it
does nothing.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

# Only the spellings whose value nobody could read differently (no sign, spaces, leading
# zeros, exponents or underscores): anything else goes to Typer's converter.
_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")


class _Refused(Exception):
    """This value is not one the fast path is sure about: Typer's converter decides."""


def _plain_kind(annotation: Any, info: Any) -> Callable[[Any, Any, Any, Any], Any] | None:
    """The converter of one leaf annotation, or None when Typer's own must do it."""
    if getattr(info, "parser", None) is not None or getattr(info, "click_type", None) is not None:
        return None
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        choices = list(annotation)
        case_sensitive = info.case_sensitive

        def choice(value: Any, info: Any, param: Any, ctx: Any) -> Any:
            from typer._param_types import coerce_cli_choice

            if not isinstance(value, (str, Enum)):
                raise _Refused
            return coerce_cli_choice(value, choices=choices, case_sensitive=case_sensitive, ctx=ctx)

        return choice
    if annotation is str:
        return _text
    if annotation is bool:
        return _flag
    if annotation is int and not getattr(info, "clamp", False):
        return _whole
    if annotation is float and not getattr(info, "clamp", False):
        return _decimal
    if annotation is Path and getattr(info, "path_type", None) is None:
        return _path
    return None


def _text(value: Any, info: Any, param: Any, ctx: Any) -> Any:
    if not isinstance(value, str):
        raise _Refused
    return value


def _flag(value: Any, info: Any, param: Any, ctx: Any) -> Any:
    if type(value) is not bool:
        raise _Refused
    return value


def _in_range(number: float, info: Any) -> bool:
    low, high = info.min, info.max
    return (low is None or number >= low) and (high is None or number <= high)


def _whole(value: Any, info: Any, param: Any, ctx: Any) -> Any:
    if type(value) is int:
        number = value
    elif isinstance(value, str) and _INT.fullmatch(value):
        number = int(value)
    else:
        raise _Refused
    if not _in_range(number, info):
        raise _Refused
    return number


def _decimal(value: Any, info: Any, param: Any, ctx: Any) -> Any:
    if type(value) is float:
        number = value
    elif type(value) is int or isinstance(value, str) and _FLOAT.fullmatch(value):
        number = float(value)
    else:
        raise _Refused
    if not math.isfinite(number) or not _in_range(number, info):
        raise _Refused
    return number


def _path(value: Any, info: Any, param: Any, ctx: Any) -> Any:
    from typer._param_types import coerce_cli_path

    if isinstance(value, str) and value:
        value = Path(value)
    elif not isinstance(value, Path):
        raise _Refused
    try:
        return coerce_cli_path(value, info, path_type=Path, param=param, ctx=ctx)
    except Exception as exc:  # noqa: BLE001 - Typer's converter reports it in its own words
        raise _Refused from exc


def install() -> None:
    """Give Typer the fast converter for plain values (once; nothing on other Typer versions)."""
    try:
        from typer import _coercion
        from typer import core as typer_core
    except ImportError:  # pragma: no cover - a Typer that converts through click's types
        return
    original = getattr(typer_core, "build_runtime_param", None)
    base = getattr(_coercion, "RuntimeParam", None)
    if original is None or base is None or getattr(original, "cx_audit_fast", False):
        return
    typers_own: Callable[[Any], Any] = original

    @dataclass(frozen=True)
    class FastRuntimeParam(base):  # type: ignore[misc, valid-type]
        """Converts plain values itself; anything else through Typer's own converter."""

        descriptor: Any = None
        leaf: Any = None
        many: bool = False
        _fallback: list[Any] = field(default_factory=list)

        def _typer(self) -> Any:
            if not self._fallback:
                self._fallback.append(typers_own(self.descriptor))
            return self._fallback[0]

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            try:
                if self.many:
                    items = value if isinstance(value, (list, tuple)) else [value]
                    return [self.leaf(item, self.parameter_info, param, ctx) for item in items]
                return self.leaf(value, self.parameter_info, param, ctx)
            except Exception:  # noqa: BLE001 - refused or wrong: Typer's converter decides and words it
                return self._typer()._coerce_value(value, param=param, ctx=ctx)

    def build_runtime_param(descriptor: Any) -> Any:
        annotation = descriptor.annotation
        info = descriptor.parameter_info
        many = False
        if descriptor.file_annotation is None:
            if get_origin(annotation) is list and len(get_args(annotation)) == 1:
                annotation, many = get_args(annotation)[0], True
            leaf = _plain_kind(annotation, info)
            if leaf is not None:
                return FastRuntimeParam(
                    parameter_info=info, annotation=descriptor.annotation, descriptor=descriptor, leaf=leaf, many=many
                )
        return typers_own(descriptor)

    build_runtime_param.cx_audit_fast = True  # type: ignore[attr-defined]
    typer_core.build_runtime_param = build_runtime_param  # type: ignore[attr-defined]
