"""An installed wheel carries the store's migrations and makes a store from anywhere."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.test_packaging import wheel  # noqa: F401


def test_wheel_ships_the_migrations_and_makes_a_store(wheel: Path, tmp_path: Path) -> None:  # noqa: F811
    assert "cx_audit/portfolio/migrations/001_initial.sql" in zipfile.ZipFile(wheel).namelist()
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target), "NO_COLOR": "1"}
    run = subprocess.run(
        [sys.executable, "-m", "cx_audit", "portfolio", "list", "--store", "firm.sqlite"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (run.returncode, run.stdout) == (0, "No audits.\n"), run.stderr
    assert (elsewhere / "firm.sqlite").is_file()
