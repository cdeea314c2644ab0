"""The readout deck as bytes: the renderer interface of :mod:`cx_audit.outputs`, and the
trend deck.

Deterministic: python-pptx writes the current time into the zip entries, and the chart
workbooks it embeds (written by XlsxWriter) carry their creation time; here the
document properties, the embedded workbooks' properties and every zip entry's time are
pinned to the latest audit date, so the same inputs give byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from cx_audit.report.input import ReportInput

if TYPE_CHECKING:
    from cx_audit.files.branding import Branding
    from cx_audit.options import Options
    from cx_audit.report.pptx.deck import Deck
    from cx_audit.scoring.trend import Trend


def render(inp: ReportInput, options: Options) -> bytes:
    """The renderer interface of :mod:`cx_audit.report.deliverables`: the branding comes in the options."""
    return render_pptx(inp, options.branding)


def render_pptx(inp: ReportInput, branding: Branding | None = None) -> bytes:
    from cx_audit.report.pptx.deck import build_deck

    return deck_bytes(build_deck(inp, branding))


def render_trend_pptx(trend: Trend, branding: Branding | None = None) -> bytes:
    """`trend --pptx`: one slide with the overall score per series as a native line chart."""
    from cx_audit.report.pptx.trend import build_trend_deck

    return deck_bytes(build_trend_deck(trend, branding))


def deck_bytes(deck: Deck) -> bytes:
    import io

    from cx_audit.excel.saving import rezip_pinned
    from cx_audit.report.pptx.slides import Painter

    prs = Painter(deck).paint()
    pin_properties(prs.core_properties, deck)
    buffer = io.BytesIO()
    prs.save(buffer)
    stamp = deck.stamp.replace(tzinfo=None, microsecond=0)

    def pin_workbook(name: str, content: bytes) -> bytes:
        if name.startswith("ppt/embeddings/") and name.endswith(".xlsx"):
            return rezip_pinned(
                content, stamp, lambda inner, data: _pin_core(data, stamp) if inner == "docProps/core.xml" else data
            )
        return content

    return rezip_pinned(buffer.getvalue(), stamp, pin_workbook)


def pin_properties(props: Any, deck: Deck) -> None:
    stamp = deck.stamp.replace(tzinfo=None, microsecond=0)
    props.title = deck.title
    props.subject = deck.subject
    props.author = deck.author or "cx-audit"
    props.last_modified_by = "cx-audit"
    props.keywords = deck.keywords
    props.comments = ""
    props.category = "Customer experience audit"
    props.revision = 1
    props.created = stamp
    props.modified = stamp
    props.last_printed = stamp


_W3CDTF = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def _pin_core(xml: bytes, stamp: dt.datetime) -> bytes:
    """An embedded workbook's docProps/core.xml with its dates set to ``stamp``."""
    when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    return _W3CDTF.sub(lambda m: m.group(1) + when + m.group(2), xml)
