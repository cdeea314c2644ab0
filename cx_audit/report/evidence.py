"""Evidence in the reports: images embedded under their item, other files listed.

Images (PNG, JPEG, GIF, WebP) are decoded with Pillow, turned upright from their EXIF
orientation, downscaled to at most :data:`MAX_SIDE` pixels on the long side and
re-encoded with fixed settings (no metadata carried over), so the same file always
gives the same bytes: the report stays deterministic, and a folder of 4 MB phone photos
makes a report that can still be mailed. Lossless sources (PNG, GIF) stay PNG unless
that is much larger than a JPEG would be; photos become JPEG; anything with
transparency stays PNG. Each image is processed once per run however many reports
show it.

Any other file is listed by name and short hash (the first 12 hex digits of its
sha256). An image that cannot be decoded, or of a kind not embedded (TIFF, HEIC,
SVG...), is listed the same way and named in a warning; it never stops the report.

Pillow is imported only when a report has an image to embed.
"""

from __future__ import annotations

import base64
import functools
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cx_audit.errors import Problem
from cx_audit.model import Audit, Evidence
from cx_audit.report.input import ReportInput

MAX_SIDE = 1200
JPEG_QUALITY = 80
#: A lossless source is kept as PNG unless that is this many times larger than a JPEG.
PNG_OVER_JPEG = 3
EMBEDDED = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp"}
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".jpe", ".gif", ".webp"})
#: Image files that are recognised but not embedded: listed with a warning.
OTHER_IMAGE_SUFFIXES = frozenset({".bmp", ".tif", ".tiff", ".heic", ".heif", ".avif", ".svg", ".ico", ".jp2", ".jxl"})


@dataclass(frozen=True)
class EvidenceView:
    """One attached file as the report shows it."""

    name: str
    caption: str
    short_hash: str
    uri: str  # a data: URI for an embedded image, else ""
    width: int  # of the embedded image, in pixels
    height: int
    alt: str


@dataclass(frozen=True)
class Prepared:
    uri: str
    width: int
    height: int
    problem: str  # why an image was not embedded ("" when it was, or when it is no image)


def is_image(ev: Evidence) -> bool:
    suffix = Path(ev.path).suffix.lower()
    return suffix in IMAGE_SUFFIXES or suffix in OTHER_IMAGE_SUFFIXES


def prepare(ev: Evidence) -> Prepared:
    """The embedded form of one evidence file (an empty URI when it is listed instead)."""
    if ev.file is None or not is_image(ev):
        return Prepared("", 0, 0, "")
    if Path(ev.path).suffix.lower() in OTHER_IMAGE_SUFFIXES:
        return Prepared("", 0, 0, "only PNG, JPEG, GIF and WebP images are embedded")
    return _prepare_file(str(ev.file), ev.digest)


@functools.lru_cache(maxsize=256)
def _prepare_file(file: str, digest: str) -> Prepared:
    """Decode, orient, downscale and re-encode one image; ``digest`` keys the cache."""
    try:
        return _encode(Path(file))
    except Exception as exc:  # noqa: BLE001 - a decoder fed a user's file may raise anything
        reason = " ".join(str(exc).split()) or type(exc).__name__
        return Prepared("", 0, 0, f"cannot be read as an image ({reason[:120]})")


def _encode(file: Path) -> Prepared:
    import warnings

    from PIL import Image

    with warnings.catch_warnings():
        # A photo of 90 to 178 megapixels is large, not an attack: decode it without a
        # warning on stderr. Larger ones are refused by Pillow and listed instead.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        return _encode_image(file)


def _encode_image(file: Path) -> Prepared:
    from PIL import Image, ImageOps

    with Image.open(file, formats=list(EMBEDDED)) as opened:
        source_format = opened.format or ""
        if source_format == "JPEG":
            opened.draft("RGB", (MAX_SIDE, MAX_SIDE))  # decode at a reduced scale: much faster
        opened.seek(0)  # the first frame of an animation
        opened.load()
        img = ImageOps.exif_transpose(opened) or opened
        alpha = img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info)
        img = img.convert("RGBA" if alpha else "RGB")
    img.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    png = b""
    if alpha or source_format in ("PNG", "GIF"):
        buf = io.BytesIO()
        img.save(buf, "PNG", compress_level=6)
        png = buf.getvalue()
    if alpha:
        data, mime = png, "image/png"
    else:
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=False)
        data, mime = buf.getvalue(), "image/jpeg"
        if png and len(png) <= PNG_OVER_JPEG * len(data):
            data, mime = png, "image/png"  # screenshots and drawings stay sharp
    uri = f"data:{mime};base64," + base64.b64encode(data).decode("ascii")
    return Prepared(uri, img.width, img.height, "")


def evidence_views(evidence: list[Evidence]) -> tuple[EvidenceView, ...]:
    views = []
    for ev in evidence:
        prepared = prepare(ev)
        views.append(
            EvidenceView(
                name=ev.name,
                caption=ev.caption,
                short_hash=ev.short_hash,
                uri=prepared.uri,
                width=prepared.width,
                height=prepared.height,
                alt=ev.caption or ev.name,
            )
        )
    return tuple(views)


def shown_audits(inp: ReportInput) -> list[Audit]:
    """The audits whose items the report shows one by one (a program shows aggregates only)."""
    return [] if inp.program is not None else [inp.main.audit]


def _attached(audit: Audit) -> Iterator[tuple[str, Evidence]]:
    for item_id, answer in audit.answers.items():
        for ev in answer.evidence:
            yield item_id, ev


def evidence_warnings(inp: ReportInput) -> list[Problem]:
    """A warning for each image the report will list instead of embedding (and why).

    Call before rendering: the images are processed here once and reused by every
    report of the run.
    """
    lines = []
    for audit in shown_audits(inp):
        shown = str(audit.path) if audit.path else audit.label
        for item_id, ev in _attached(audit):
            problem = prepare(ev).problem
            if problem:
                lines.append(Problem(shown, f"{item_id}: evidence {ev.path} {problem}; listed, not embedded"))
    return lines
