"""`demo`: a sample client's audits, their evidence and the reports."""

from pathlib import Path
from typing import Annotated

import typer

from cx_audit.cli.common import app, config_dir, err, fail


@app.command()
def demo(
    folder: Annotated[Path, typer.Argument(help="Where to write the demo files.")] = Path("cx-audit-demo"),
    force: Annotated[bool, typer.Option("--force", help="Replace earlier demo files in the folder.")] = False,
) -> None:
    """Write a sample audit with evidence, its baseline from a quarter earlier, and the reports (PDF with the extra pdf)."""
    from cx_audit.demo.run import run_demo
    from cx_audit.files.branding import load_branding

    if folder.exists() and not folder.is_dir():
        fail(f"{folder}: is a file, not a folder")
    for line in run_demo(folder, force, load_branding(config_dir())):
        err(line)
