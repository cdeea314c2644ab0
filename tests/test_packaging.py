"""A non-editable install must find the built-in checklists and templates."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("hatchling", reason="hatchling builds the wheel (it is in the test extra)")
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(REPO)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (found,) = out.glob("cx_audit-*.whl")
    return found


def test_wheel_ships_checklists_and_templates(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    for cid in ("cx-essentials", "customer-value", "retention-loyalty", "quick-scan"):
        assert f"cx_audit/checklists/{cid}.yaml" in names
    assert any(n.startswith("cx_audit/report_templates/") for n in names)
    assert not any(n.startswith("tests/") for n in names)


def install_elsewhere(wheel: Path, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """The wheel installed into a folder of its own: an empty working folder away from the
    source tree, and the environment that imports cx-audit from that install only."""
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    return elsewhere, {**os.environ, "PYTHONPATH": str(target), "NO_COLOR": "1"}


def test_installed_wheel_runs_from_anywhere(wheel: Path, tmp_path: Path) -> None:
    elsewhere, env = install_elsewhere(wheel, tmp_path)
    where = subprocess.run(
        [sys.executable, "-c", "import cx_audit, sys; print(cx_audit.__file__)"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert where.stdout.strip().startswith(env["PYTHONPATH"]), "the installed copy, not the checkout, must be imported"
    listing = subprocess.run(
        [sys.executable, "-m", "cx_audit", "checklists", "list"], cwd=elsewhere, env=env, capture_output=True, text=True
    )
    assert listing.returncode == 0, listing.stderr
    assert "cx-essentials" in listing.stdout and "[built-in]" in listing.stdout
    every = subprocess.run(
        [sys.executable, "-m", "cx_audit", "checklists", "list", "--all"], cwd=elsewhere, env=env, capture_output=True, text=True
    )
    assert every.returncode == 0, every.stderr
    assert re.search(r"cx-essentials\s+1\.0\.0\s+51 items .*\[built-in, released\]", every.stdout), every.stdout


def test_wheel_ships_every_released_version(wheel: Path) -> None:
    """Earlier editions of the built-in checklists live in checklists/released/<id>/<version>.yaml."""
    names = zipfile.ZipFile(wheel).namelist()
    released = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "checklists" / "released").rglob("*.yaml"))
    assert len(released) >= 4
    for rel in released:
        assert f"cx_audit/{rel}" in names
