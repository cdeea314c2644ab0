"""`report`: the HTML report, the Excel action plan, the PDF a client takes away and the
readout deck for the meeting."""

import functools
from pathlib import Path
from typing import Annotated, Optional

import typer

from cx_audit.cli.common import app, check_outputs, config_dir, emit, err
from cx_audit.cli.score import AuditsArg, _score_all, input_paths
from cx_audit.report.deliverables import Deliverable


@app.command()
def report(
    audits: AuditsArg,
    html: Annotated[Optional[Path], typer.Option("--html", help="Write the HTML report here.")] = None,
    xlsx: Annotated[Optional[Path], typer.Option("--xlsx", help="Write the Excel workbook here.")] = None,
    pdf: Annotated[
        Optional[Path], typer.Option("--pdf", help='Write the report as a PDF here (needs: pip install "cx-audit[pdf]").')
    ] = None,
    pptx: Annotated[Optional[Path], typer.Option("--pptx", help="Write the readout deck (PowerPoint, 16:9) here.")] = None,
    baseline: Annotated[Optional[Path], typer.Option("--baseline", help="An earlier audit to compare with.")] = None,
    no_appendix: Annotated[
        bool, typer.Option("--no-appendix", help="Leave the findings item by item out of the HTML and PDF report.")
    ] = False,
    benchmark: Annotated[
        bool, typer.Option("--benchmark", help="Add 'How you compare': the audit against its peers in the portfolio store.")
    ] = False,
    store: Annotated[
        Optional[str],
        typer.Option(
            "--store",
            help="The portfolio store for --benchmark (default: $CX_AUDIT_STORE, else your data folder's).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Render the HTML report, the Excel action plan, the PDF report and/or the readout deck."""
    from cx_audit.files.output import Output

    if html is None and xlsx is None and pdf is None and pptx is None:
        raise typer.BadParameter(
            "give --html PATH, --xlsx PATH, --pdf PATH and/or --pptx PATH", param_hint="'--html' / '--xlsx' / '--pdf' / '--pptx'"
        )
    if baseline is not None and len(audits) > 1:
        raise typer.BadParameter("--baseline works with one audit only (for now)", param_hint="'--baseline'")
    if benchmark and len(audits) > 1:
        raise typer.BadParameter("--benchmark works with one audit only", param_hint="'--benchmark'")
    if store is not None and not benchmark:
        raise typer.BadParameter("--store is for --benchmark", param_hint="'--store'")
    from cx_audit.files.branding import load_branding
    from cx_audit.options import Options
    from cx_audit.report.deliverables import render
    from cx_audit.report.evidence import evidence_warnings
    from cx_audit.report.input import build_input

    if pdf is not None:
        from cx_audit.report.pdf import require_weasyprint

        require_weasyprint()  # before anything is read or written
    scored = _score_all([*audits, baseline] if baseline else list(audits))
    base = scored.pop() if baseline else None
    peers = None
    if benchmark:
        from cx_audit.portfolio.benchmark import benchmark_at

        peers = benchmark_at(store, scored[0])
    inp = build_input(scored, base, peers)
    outs = [(Output(html, "HTML report"), Deliverable.html)] if html else []
    outs += [(Output(xlsx, "Excel workbook", text=False), Deliverable.xlsx)] if xlsx else []
    outs += [(Output(pdf, "PDF report", text=False), Deliverable.pdf)] if pdf else []
    outs += [(Output(pptx, "readout deck", text=False), Deliverable.pptx)] if pptx else []
    branding = load_branding(config_dir()) if html or pdf or pptx else None
    inputs = input_paths(scored + ([base] if base else []))
    inputs += [p for p in (branding.source, branding.logo) if p is not None] if branding else []
    inputs += [
        ev.file for r in scored + ([base] if base else []) for a in r.audit.answers.values() for ev in a.evidence if ev.file
    ]
    check_outputs((o for o, _ in outs), inputs=inputs)
    options = Options(branding=branding, appendix=not no_appendix)
    if html or pdf:
        for warning in evidence_warnings(inp):
            err(warning.as_warning())
    if pptx and branding is not None and branding.logo is not None and branding.logo.suffix.lower() == ".svg":
        err(f"warning: {branding.logo}: an SVG logo cannot be placed in a deck; the deck has none (give a PNG)")
    for out, fmt in outs:
        emit(out, functools.partial(render, fmt, inp, options), inputs=inputs)
