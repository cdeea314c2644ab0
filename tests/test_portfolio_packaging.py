"""An installed wheel carries the store's migrations and makes a store from anywhere."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from tests.test_packaging import install_elsewhere, wheel  # noqa: F401


def test_wheel_ships_the_migrations_and_makes_a_store(wheel: Path, tmp_path: Path) -> None:  # noqa: F811
    assert "cx_audit/portfolio/migrations/001_initial.sql" in zipfile.ZipFile(wheel).namelist()
    elsewhere, env = install_elsewhere(wheel, tmp_path)
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
