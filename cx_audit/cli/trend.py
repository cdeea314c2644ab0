"""`trend`: repeat audits over time, by client and site, with a CI gate on decline."""

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from cx_audit.cli.common import app, check_outputs, emit, err, use_color
from cx_audit.cli.score import _score_all, _width, input_paths
from cx_audit.enums import TrendFormat
from cx_audit.errors import ExitCode


@app.command()
def trend(
    audits: Annotated[
        list[Path], typer.Argument(help="Audit files of one checklist: visits to one or more sites.", show_default=False)
    ],
    format: Annotated[TrendFormat, typer.Option("--format", "-f", help="What to print on stdout.")] = TrendFormat.table,
    json_path: Annotated[Optional[Path], typer.Option("--json", help="Also write JSON to this file.")] = None,
    html: Annotated[Optional[Path], typer.Option("--html", help="Write the trend page (HTML) here.")] = None,
    xlsx: Annotated[Optional[Path], typer.Option("--xlsx", help="Write the Trend workbook here.")] = None,
    pptx: Annotated[Optional[Path], typer.Option("--pptx", help="Write a one-slide deck with the trend line chart here.")] = None,
    fail_on_decline: Annotated[
        Optional[int],
        typer.Option("--fail-on-decline", min=1, help="Exit 1 if in any series the overall fell at each of its last N visits."),
    ] = None,
) -> None:
    """Scores over repeat visits: one series per client and site, ordered by date."""
    from cx_audit.files.output import Output
    from cx_audit.options import Options
    from cx_audit.outputs.formats import render
    from cx_audit.scoring.trend import build_trend, declines

    results = _score_all(audits)
    tr = build_trend(results)
    inputs = input_paths(results)
    outs: list[tuple[Output, str]] = []
    if json_path:
        outs.append((Output(json_path, "JSON"), "json"))
    if html:
        outs.append((Output(html, "trend page"), "html"))
    if xlsx:
        outs.append((Output(xlsx, "trend workbook", text=False), "xlsx"))
    branding = None
    if pptx:
        from cx_audit.cli.common import config_dir
        from cx_audit.files.branding import load_branding

        outs.append((Output(pptx, "trend deck", text=False), "pptx"))
        branding = load_branding(config_dir())
        inputs += [p for p in (branding.source, branding.logo) if p is not None]
    check_outputs((o for o, _ in outs), inputs=inputs)
    sys.stdout.write(render(format, tr, Options(color=use_color(sys.stdout), width=_width())))
    for out, kind in outs:
        if kind == "json":
            emit(out, lambda: render(TrendFormat.json, tr), inputs=inputs)
        elif kind == "html":
            from cx_audit.report.html.trend_page import render_trend_html

            emit(out, lambda: render_trend_html(tr), inputs=inputs)
        elif kind == "pptx":
            from cx_audit.report.pptx.render import render_trend_pptx

            emit(out, lambda: render_trend_pptx(tr, branding), inputs=inputs)
        else:
            from cx_audit.report.xlsx.trend_sheet import render_trend_xlsx

            emit(out, lambda: render_trend_xlsx(tr), inputs=inputs)
    if fail_on_decline is not None:
        reasons = declines(tr, fail_on_decline)
        if reasons:
            for line in reasons:
                err(f"gate failed: {line}")
            raise typer.Exit(ExitCode.GATE)
