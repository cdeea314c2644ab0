"""The module map of docs/developer/architecture.md names every package and top-level
module of cx_audit, and nothing that no longer exists, so it cannot drift from the code."""

from __future__ import annotations

import re

from tests.conftest import REPO

PAGE = REPO / "docs" / "developer" / "architecture.md"


def packages_and_modules() -> set[str]:
    """Every package under cx_audit/ (at any depth) and every module directly in it."""
    root = REPO / "cx_audit"
    found = {
        "cx_audit." + ".".join(init.parent.relative_to(root).parts)
        for init in root.rglob("__init__.py")
        if init.parent != root and "__pycache__" not in init.parts
    }
    found |= {f"cx_audit.{p.stem}" for p in root.glob("*.py") if p.stem != "__init__"}
    return found


def module_map(text: str) -> list[str]:
    """The first cells of the table headed `Package or module | Layer | What it does`."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("| Package or module | Layer |"))
    names = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        cell = line.strip("|").split("|")[0].strip()
        match = re.fullmatch(r"`(cx_audit(?:\.\w+)+)`", cell)
        assert match, f"a row of the module map names {cell!r}, not `cx_audit.NAME`"
        names.append(match.group(1))
    return names


def test_the_module_map_names_every_package_and_module_once() -> None:
    names = module_map(PAGE.read_text(encoding="utf-8"))
    assert len(names) == len(set(names)), "a row appears twice"
    actual = packages_and_modules()
    assert "cx_audit.report.pptx" in actual and "cx_audit.errors" in actual and "cx_audit.__main__" in actual
    missing = sorted(actual - set(names))
    gone = sorted(set(names) - actual)
    assert not missing, f"add to the module map of docs/developer/architecture.md: {missing}"
    assert not gone, f"the module map of docs/developer/architecture.md names what no longer exists: {gone}"


def test_the_map_gives_each_top_level_name_its_layer_in_pyproject() -> None:
    """The Layer column says what the `layers` contract says (read from pyproject.toml)."""
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    contract = re.search(r'id = "layers"(.*?)\nlayers = \[(.*?)\n\]', pyproject, flags=re.S)
    assert contract, "the layers contract in pyproject.toml"
    layers = re.findall(r'"([^"]+)"', contract.group(2))
    position = {}
    for index, line in enumerate(layers):
        for name in line.split("|"):
            position[name.strip().strip("()")] = index
    text = PAGE.read_text(encoding="utf-8")
    rows = re.findall(r"^\| `cx_audit\.(\w+)` \| ([^|]+) \|", text, flags=re.M)
    labels: dict[int, set[str]] = {}
    for name, layer in rows:
        assert name in position, f"cx_audit.{name} is in no line of the layers contract"
        labels.setdefault(position[name], set()).add(layer.strip())
    # the names of one line of the contract share one label, and the table goes down the lines in order
    assert all(len(names) == 1 for names in labels.values()), labels
    assert len(labels) == len(layers), "every line of the contract has a row"
    order = [position[name] for name, _ in rows]
    assert order == sorted(order), "the module map goes down the layers in the contract's order"
