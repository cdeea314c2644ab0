"""Safe, fast YAML loading, with positions for error messages.

The happy path parses with libyaml (``CSafeLoader``) straight into Python objects.
Positions are only needed when something is wrong, so :class:`Source` composes the
node tree again lazily and maps a path such as ``("sections", 2, "items", 0, "weight")``
to a line and column.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from cx_audit.errors import InputError, Problem
from cx_audit.files.userfile import read_user_file

try:  # libyaml when present: several times faster than the pure-Python parser.
    _BaseLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader

MAX_BYTES = 10 * 1024 * 1024
#: How many nodes an aliased document may expand to before it is treated as a bomb.
MAX_EXPANDED_NODES = 1_000_000

PathKey = Any  # a mapping key as loaded (text, number, boolean) or a list index
YamlPath = Sequence[PathKey]


class BadScalar(yaml.MarkedYAMLError):
    """A scalar that YAML's rules type (a date, say) but whose value is impossible."""

    def __init__(self, message: str, mark: yaml.Mark) -> None:
        super().__init__(problem=message, problem_mark=mark)


_TAG = "tag:yaml.org,2002:"
_STR, _MAP, _SEQ, _MERGE = _TAG + "str", _TAG + "map", _TAG + "seq", _TAG + "merge"
_NUMBERS = (_TAG + "int", _TAG + "float")


def _base_60(text: str, value: Any) -> str:
    """YAML 1.1 reads ``12:30`` as 750 (base 60): almost never what a person meant."""
    return (
        f"'{text}' is a base-60 number in YAML 1.1 (read as {value:g}); "
        "write the number in decimal, or put it in quotes if it is text"
    )


_SCALAR, _SEQUENCE, _MAPPING = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode
#: Plain scalars are resolved (to str, int, bool, a date...) by their text alone, so the
#: tag of each short text is remembered across documents: keys, item ids, "yes", numbers.
_RESOLVED: dict[str, str] = {}
_RESOLVED_MAX = 100_000  # entries; then new texts are resolved without being remembered


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Safe loader with a fast path for plain data, noting duplicate keys on the way.

    PyYAML's constructor is general (generators for recursive structures, a method
    lookup per node); checklists and audits are plain mappings, lists and scalars, so
    :meth:`construct_document` builds those directly and hands anything else (other
    tags, merge keys) to the standard safe constructor. Aliases stay shared objects, as
    in PyYAML. Duplicate keys are recorded (PyYAML silently keeps the last one).

    libyaml calls back into Python to resolve every node's tag; :meth:`resolve` answers
    from :data:`_RESOLVED` what PyYAML's resolver answered before for the same text (it
    has no path resolvers, so the text alone decides).
    """

    def __init__(self, stream: Any) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[str, yaml.Mark]] = []
        self._memo: dict[int, Any] = {}

    # The constructors of typed scalars, unbound: bound methods kept on the loader would
    # make each loader a reference cycle, garbage only the cyclic collector can free.
    _scalars: dict[str, Any] = {
        _TAG + "int": yaml.constructor.SafeConstructor.construct_yaml_int,
        _TAG + "float": yaml.constructor.SafeConstructor.construct_yaml_float,
        _TAG + "bool": yaml.constructor.SafeConstructor.construct_yaml_bool,
        _TAG + "null": yaml.constructor.SafeConstructor.construct_yaml_null,
        _TAG + "timestamp": yaml.constructor.SafeConstructor.construct_yaml_timestamp,
    }

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is _SCALAR:
            if not implicit[0]:
                return _STR  # quoted: text
            tag = _RESOLVED.get(value)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if len(value) <= 40 and len(_RESOLVED) < _RESOLVED_MAX:
                    _RESOLVED[value] = tag
            return tag
        return _SEQ if kind is _SEQUENCE else _MAP

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        """No path resolvers (PyYAML's does nothing either without them)."""

    def ascend_resolver(self) -> None:
        """No path resolvers."""

    def construct_document(self, node: yaml.Node) -> Any:
        try:
            return self._build(node)
        finally:
            self._memo = {}
            self.constructed_objects: dict[Any, Any] = {}
            self.recursive_objects: dict[Any, Any] = {}
            self.deep_construct = False

    def _scalar(self, node: yaml.Node) -> Any:
        """A scalar that is not plain text: a number, a boolean, null, a date, another tag."""
        tag = node.tag
        if ":" in node.value and tag in _NUMBERS:
            raise BadScalar(_base_60(node.value, self._scalars[tag](self, node)), node.start_mark)
        make = self._scalars.get(tag)
        try:
            return make(self, node) if make is not None else self.construct_object(node, deep=True)
        except (ValueError, OverflowError) as exc:  # 2026-02-30 reads as a date, but is none
            kind = tag.rsplit(":", 1)[-1].replace("timestamp", "date")
            raise BadScalar(f"'{node.value}' is not a valid {kind} ({exc})", node.start_mark) from None

    def _build(self, node: yaml.Node) -> Any:
        cls = type(node)
        if cls is _SCALAR:  # scalars are immutable: an alias of one needs no memo
            return node.value if node.tag == _STR else self._scalar(node)
        memo = self._memo
        found = memo.get(id(node), memo)
        if found is not memo:
            return found
        tag = node.tag
        if cls is _MAPPING and tag == _MAP:
            value = self._mapping(node, memo)
        elif cls is _SEQUENCE and tag == _SEQ:
            value = memo[id(node)] = []
            build = self._build
            for child in node.value:
                value.append(child.value if type(child) is _SCALAR and child.tag == _STR else build(child))
        else:
            value = self.construct_object(node, deep=True)
        memo[id(node)] = value
        return value

    def _mapping(self, node: yaml.Node, memo: dict[int, Any]) -> Any:
        value: dict[Any, Any] = {}
        memo[id(node)] = value
        build = self._build
        duplicates = []
        for key_node, value_node in node.value:
            if type(key_node) is _SCALAR and key_node.tag == _STR:
                key = key_node.value
            elif key_node.tag == _MERGE:  # `<<: *base`: PyYAML's constructor merges
                del memo[id(node)]
                return self.construct_object(node, deep=True)
            else:
                key = build(key_node)
            try:
                duplicate = key in value
            except TypeError:
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping", node.start_mark, "found unhashable key", key_node.start_mark
                ) from None
            if duplicate:
                duplicates.append((str(key_node.value), key_node.start_mark))
            value[key] = value_node.value if type(value_node) is _SCALAR and value_node.tag == _STR else build(value_node)
        if duplicates:
            self.duplicates += duplicates
        return value


class Flow(dict[str, Any]):
    """A mapping written on one line (`{id: fd-1, role: frontline}`): a survey has thousands."""


class FlowList(list[float]):
    """A short list written on one line, `[14.05, 44.2]` (a metric's ci95)."""


@dataclass
class Source:
    """A loaded YAML file: its data, plus what is needed to position an error."""

    path: Path
    display: str
    text: str
    data: Any
    sha256: str = ""
    _tree: Any = field(default=None, repr=False)

    def position(self, ypath: YamlPath, at_key: bool = False) -> tuple[int, int] | None:
        """1-based (line, column) of the node at ``ypath``, or of the deepest parent found."""
        if self._tree is None:
            try:
                self._tree = yaml.compose(self.text, Loader=_BaseLoader) or False
            except (yaml.YAMLError, RecursionError):
                self._tree = False
        node = self._tree
        if not node:
            return None
        mark = node.start_mark
        constructor = yaml.constructor.SafeConstructor()
        for i, step in enumerate(ypath):
            last = i == len(ypath) - 1
            nxt = None
            if isinstance(node, yaml.MappingNode):
                for k_node, v_node in node.value:
                    try:
                        key = constructor.construct_object(k_node, deep=True)
                    except Exception:  # noqa: BLE001 - unhashable or odd keys: skip
                        continue
                    if key == step or str(key) == str(step) or k_node.value == step:
                        if last and at_key:
                            return k_node.start_mark.line + 1, k_node.start_mark.column + 1
                        nxt = v_node
                        break
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
                nxt = node.value[step]
            if nxt is None:
                break
            node = nxt
            mark = node.start_mark
        return mark.line + 1, mark.column + 1

    def raw_scalar(self, ypath: YamlPath) -> str | None:
        """The text of the scalar at ``ypath`` as written (``1.10``, not the float 1.1)."""
        self.position(ypath)
        node = self._tree
        for step in ypath:
            nxt = None
            if isinstance(node, yaml.MappingNode):
                nxt = next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == step), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
                nxt = node.value[step]
            if nxt is None:
                return None
            node = nxt
        return node.value if isinstance(node, yaml.ScalarNode) else None

    def problem(self, ypath: YamlPath, message: str, at_key: bool = False) -> Problem:
        pos = self.position(ypath, at_key)
        if pos is None:
            return Problem(self.display, message)
        return Problem(self.display, message, line=pos[0], column=pos[1])


def display_path(path: Path) -> str:
    """The path as the user gave it (relative paths stay relative)."""
    return str(path)


def read_bytes(path: Path, display: str | None = None) -> bytes:
    """A user's file as bytes: regular files only, refusing files over the size limit."""
    return read_user_file(path, display or display_path(path), MAX_BYTES)


def decode(raw: bytes, shown: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError.single(shown, f"not UTF-8 text (byte {exc.start})") from None


def load(path: Path, display: str | None = None) -> Source:
    """Read and safely parse one YAML document; any problem is an :class:`InputError`."""
    shown = display or display_path(path)
    raw = read_bytes(path, shown)
    source = parse(decode(raw, shown), path, shown)
    source.sha256 = hashlib.sha256(raw).hexdigest()
    return source


def parse(text: str, path: Path, shown: str) -> Source:
    loader = _Loader(text)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = _yaml_message(exc)
        if mark is None:
            raise InputError.single(shown, message) from None
        raise InputError([Problem(shown, message, mark.line + 1, mark.column + 1)]) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        what = f"character #x{exc.character:04x}" if isinstance(exc.character, int) else "byte"
        raise InputError([Problem(shown, f"invalid YAML: {what} is not allowed ({exc.reason})", line, column)]) from None
    except yaml.YAMLError as exc:
        raise InputError.single(shown, "invalid YAML: " + " ".join(str(exc).split())) from None
    except RecursionError:
        raise InputError.single(shown, "the document is nested too deeply") from None
    finally:
        loader.dispose()
    if loader.duplicates:
        raise InputError(
            [
                Problem(shown, f"duplicate key '{key}' (the earlier one would be ignored)", m.line + 1, m.column + 1)
                for key, m in loader.duplicates
            ]
        )
    if "*" in text and "&" in text:
        _refuse_alias_bombs(data, shown)
    return Source(path=path, display=shown, text=text, data=data)


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    if isinstance(exc, BadScalar):
        return str(exc.problem)
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    if isinstance(exc, yaml.constructor.ConstructorError) and "could not determine a constructor" in problem:
        tag = problem.split("tag", 1)[-1].strip()
        return f"tag {tag} is not allowed (only plain YAML data is loaded, never code)"
    if "expected a single document" in context or "but found another document" in problem:
        return "expected a single YAML document, found several"
    text = f"{context}, {problem}" if context and problem else (problem or context or "invalid YAML")
    return "invalid YAML: " + " ".join(text.split())


def _refuse_alias_bombs(data: Any, shown: str) -> None:
    """Aliases share objects, so a tiny file can stand for billions of nodes."""
    sizes: dict[int, int] = {}

    def size(obj: Any, depth: int) -> int:
        if depth > 200:
            raise InputError.single(shown, "the document is nested too deeply")
        if isinstance(obj, dict):
            key = id(obj)
            if key not in sizes:
                sizes[key] = 1 + sum(size(v, depth + 1) for v in obj.values()) + len(obj)
            return sizes[key]
        if isinstance(obj, list):
            key = id(obj)
            if key not in sizes:
                sizes[key] = 1 + sum(size(v, depth + 1) for v in obj)
            return sizes[key]
        return 1

    if size(data, 0) > MAX_EXPANDED_NODES:
        raise InputError.single(shown, "aliases expand to more than a million values (a YAML 'billion laughs' bomb?); refused")
