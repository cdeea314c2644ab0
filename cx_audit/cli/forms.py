"""`form` and `import`: the questionnaire to fill in offline, and reading it back."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from cx_audit.cli.common import app, check_outputs, emit, err, fail


@app.command()
def form(
    checklist: Annotated[str, typer.Argument(help="A built-in id or a path.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The questionnaire workbook to write.")],
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
    respondent_form: Annotated[
        bool,
        typer.Option("--respondent-form", help="A staff survey form: Respondent code and Role instead of client and auditor."),
    ] = False,
    section: Annotated[Optional[list[str]], typer.Option("--section", help="Only this section (repeatable).")] = None,
    profile: Annotated[
        Optional[str], typer.Option("--profile", help="Leave out the items this sector profile excludes; import sets it.")
    ] = None,
    xlsform: Annotated[
        bool, typer.Option("--xlsform", help="Write an XLSForm for ODK Collect, KoboToolbox or Enketo instead.")
    ] = False,
    role: Annotated[
        Optional[list[str]], typer.Option("--role", help="With --xlsform --respondent-form: a role to pick (repeatable).")
    ] = None,
) -> None:
    """Write a blank questionnaire workbook to fill in offline, or an XLSForm for phones (--xlsform)."""
    from cx_audit.errors import InputError
    from cx_audit.files import registry
    from cx_audit.files.output import Output, Replace
    from cx_audit.files.profiles import apply_profile, profile_problem
    from cx_audit.form.write import render_form

    c = registry.resolve(checklist)
    sections = tuple(section or ())
    unknown = [s for s in sections if c.section(s) is None]
    if unknown:
        fail(f"--section {', '.join(unknown)}: no such section in {c.id} (sections: {', '.join(s.id for s in c.sections)})")
    if profile is not None:
        problem = profile_problem(c, profile)
        if problem is not None:
            raise InputError.single(checklist, problem)
        c = apply_profile(c, profile)
    inputs = [c.path] if c.path and not c.builtin else []
    roles = tuple(dict.fromkeys(role or ()))
    if roles and not (xlsform and respondent_form):
        fail("--role goes with --xlsform --respondent-form (the roles a respondent picks from)")
    if xlsform:
        from cx_audit.files.voices import role_problem
        from cx_audit.form.xlsform import render_xlsform

        for r in roles:
            if role_problem(r):
                fail(f"--role {r}: {role_problem(r)}")
        what = f"XLSForm {'respondent form' if respondent_form else 'questionnaire'} for {c.id} {c.version}"
        out = Output(output, what, Replace.user_data, text=False)
        emit(out, lambda: render_xlsform(c, respondent_form, sections, roles), force, inputs)
        return
    what = f"{'respondent form' if respondent_form else 'questionnaire'} for {c.id} {c.version}"
    out = Output(output, what, Replace.user_data, text=False)
    emit(out, lambda: render_form(c, output, respondent_form, sections), force, inputs)


@app.command("import")
def import_(
    workbooks: Annotated[list[Path], typer.Argument(help="Filled-in questionnaires (several with --into).")],
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="The audit file to write.")] = None,
    into: Annotated[
        Optional[Path], typer.Option("--into", help="Add filled respondent forms to this audit as respondents.")
    ] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="With --into: replace the answers of a respondent already in the audit.")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
    xlsform_of: Annotated[
        Optional[str],
        typer.Option("--xlsform-of", help="Read a submissions export (ODK Central, KoboToolbox) of this checklist's XLSForm."),
    ] = None,
    media: Annotated[
        Optional[Path], typer.Option("--media", help="With --xlsform-of: the folder of the export's photos.")
    ] = None,
) -> None:
    """Turn a filled-in questionnaire back into an audit file, or add respondent forms to one (--into)."""
    if xlsform_of is not None:
        if into is None or output is not None or len(workbooks) != 1:
            raise typer.BadParameter(
                "--xlsform-of reads one submissions export --into an audit: import FILE --xlsform-of C --into AUDIT"
            )
        _import_submissions(workbooks[0], xlsform_of, into, media, replace)
        return
    if media is not None:
        raise typer.BadParameter("--media goes with --xlsform-of")
    if (output is None) == (into is None):
        raise typer.BadParameter("give either -o AUDIT (a new audit) or --into AUDIT (add respondent forms)")
    if into is not None:
        _import_into(workbooks, into, replace)
        return
    assert output is not None
    if len(workbooks) != 1:
        raise typer.BadParameter("-o takes one questionnaire; several respondent forms go --into an audit")
    if replace:
        raise typer.BadParameter("--replace goes with --into")
    workbook = workbooks[0]
    from cx_audit.files.output import Output, Replace
    from cx_audit.form.read import import_form

    out = Output(output, "audit", Replace.user_data)
    check_outputs([out], force, [workbook])
    text, warnings = import_form(workbook, output)
    for w in warnings:
        err(w.as_warning())
    emit(out, text, force, [workbook])


def _import_into(workbooks: list[Path], audit: Path, replace: bool) -> None:
    """In one edit of the audit: read every form, then write the audit once, atomically."""
    from cx_audit.files.edit import edit_audit
    from cx_audit.form.into import DROPS, merge_forms
    from cx_audit.scoring.audit import planned_items

    missing = "no such audit file (start one with `cx-audit run`)"
    with edit_audit(audit, inputs=workbooks, drops=DROPS, missing=missing, planned=planned_items) as edit:
        merged = merge_forms(workbooks, edit, replace)
        for w in merged.warnings:
            err(w.as_warning())
        for line in merged.added:
            err(f"Added respondent {line}")
        edit.what = f"{len(merged.added)} respondents' answers"
    if edit.wrote:
        err(edit.wrote)


def _import_submissions(export: Path, checklist: str, audit: Path, media: Optional[Path], replace: bool) -> None:
    """In one edit of the audit: read every row, copy the photos in, then write the audit once, atomically."""
    from cx_audit.files import registry
    from cx_audit.files.edit import edit_audit
    from cx_audit.files.evidence import copy_in
    from cx_audit.form.into import DROPS
    from cx_audit.form.submissions import import_submissions

    form = registry.resolve(checklist)
    missing = "no such audit file (start one with `cx-audit run`)"
    with edit_audit(audit, inputs=[export], drops=DROPS, missing=missing, what="the submissions' answers") as edit:
        imported = import_submissions(export, form, edit, media, replace)
        for w in imported.warnings:
            err(w.as_warning())
        for source, evidence in imported.copies:
            copy_in(source, audit, str(source), evidence.caption)
        for line in imported.lines:
            err(f"Added {line}")
    if edit.wrote:
        err(edit.wrote)
