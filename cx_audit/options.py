"""What every renderer receives besides its subject: the text outputs (outputs/) and the
client's reports (report/) alike, so it sits below both."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cx_audit.files.branding import Branding


@dataclass(frozen=True)
class Options:
    color: bool = False
    width: int = 100
    top_actions: int = 5
    branding: Branding | None = None  # html, pdf and pptx only; resolved by the CLI, never read by a renderer
    appendix: bool = True  # html and pdf: the findings item by item after the body (`--no-appendix`)
