"""`evidence collect`: the evidence files an audit refers to, copied into its folder."""

from pathlib import Path
from typing import Annotated

import typer

from cx_audit.cli.common import app, err

evidence_app = typer.Typer(
    name="evidence",
    help="Keep an audit's evidence files with it: copy files it refers to outside its folder into evidence/.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(evidence_app, name="evidence")


@evidence_app.command("collect")
def collect(audit: Annotated[Path, typer.Argument(help="The audit file.")]) -> None:
    """Copy every evidence file outside the audit's folder into its evidence/ folder and rewrite the references."""
    from cx_audit.files.edit import edit_audit
    from cx_audit.files.evidence import collect as collect_files

    with edit_audit(audit, what="the evidence references") as edit:
        for w in edit.warnings:
            if "is outside the audit's folder" not in w.message:  # that is what collecting fixes
                err(w.as_warning())
        moved = collect_files(edit.audit.answers.values(), edit.path)
        for old, new in moved:
            err(f"Copied {old} to {new}")
        if not moved:
            edit.cancel()
            err(f"{audit}: every evidence file is already in the audit's folder; nothing to do")
    if edit.wrote:
        err(edit.wrote)
