"""Several voices in every output, and the privacy rule: no respondent id or name leaves the audit file."""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from openpyxl import load_workbook

from tests.conftest import Run
from tests.voices_data import PERSONAL, voices_audit


def _outputs(cli: Callable[..., Run], tmp_path: Path, min_group: int) -> dict[str, str]:
    path = voices_audit(tmp_path, min_group)
    texts = {}
    for fmt in ("table", "json", "markdown", "junit"):
        res = cli("score", path, "--format", fmt)
        assert res.code == 0, res.err
        texts[fmt] = res.out
    html, xlsx = tmp_path / "r.html", tmp_path / "r.xlsx"
    assert cli("report", path, "--html", html, "--xlsx", xlsx).code == 0
    texts["html"] = html.read_text()
    wb = load_workbook(xlsx)
    texts["xlsx cells"] = "\n".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value is not None)
    with zipfile.ZipFile(xlsx) as z:
        texts["xlsx xml"] = "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    program = cli("score", path, path, "--format", "json")  # a program of the same audit twice
    texts["program json"] = program.out
    return texts


def test_no_respondent_id_or_name_in_any_output(cli: Callable[..., Run], tmp_path: Path) -> None:
    for min_group in (1, 2, 3):
        for name, text in _outputs(cli, tmp_path / str(min_group), min_group).items():
            for secret in PERSONAL:
                assert not re.search(rf"(?<![\w-]){re.escape(secret)}(?![\w-])", text), (min_group, name, secret)
        assert "Mara" not in text and "Quill" not in text


def test_html_voices_part(cli: Callable[..., Run], tmp_path: Path) -> None:
    html = _outputs(cli, tmp_path, 2)["html"]
    assert 'id="voices"' in html and "Voices: how each role sees it" in html
    grid = html[html.index('class="voices-grid"') : html.index("</table>", html.index('class="voices-grid"'))]
    assert [h for h in re.findall(r'<th scope="col" class="num">(\w+)<span', grid)] == ["Auditor", "Frontline", "Management"]
    assert re.search(r'<td class="num tone-4">29\.2</td>', grid)  # frontline in Offer, At risk
    assert ">70.8</td>" in grid  # the Offer gap
    assert "The widest perception gap is in Offer: 100.0 from management against 29.2 from frontline, 70.8 points apart." in html
    assert "5 scored answers · mean 70.0 · range 25.0–100.0" in html  # on item A1
    assert '<span class="who">Frontline:</span> Targets change every month' in html


def test_small_roles_are_not_shown_on_their_own(cli: Callable[..., Run], tmp_path: Path) -> None:
    out = _outputs(cli, tmp_path, 3)
    grid = out["html"][out["html"].index('class="voices-grid"') :]
    grid = grid[: grid.index("</table>")]
    assert "Management" not in grid and "Frontline" in grid
    assert '<span class="who">Respondent:</span> We brief weekly' in out["html"]  # a hidden role's note, without it
    assert '"management"' not in out["json"]
    assert "role with fewer than 3 respondents not shown" in " ".join(out["table"].split())


def test_plain_audit_reports_have_no_voices(cli: Callable[..., Run], tmp_path: Path, mini: Path) -> None:
    from tests.conftest import FULL, audit_text, write

    path = write(tmp_path / "plain.yaml", audit_text(FULL))
    html, xlsx = tmp_path / "p.html", tmp_path / "p.xlsx"
    assert cli("report", path, "--html", html, "--xlsx", xlsx).code == 0
    assert 'id="voices"' not in html.read_text() and "voices-grid" not in html.read_text()
    wb = load_workbook(xlsx)
    assert "Voices" not in wb.sheetnames
    assert wb["Items"].max_column == 11


def test_excel_items_columns_and_voices_sheet(cli: Callable[..., Run], tmp_path: Path) -> None:
    path = voices_audit(tmp_path)
    xlsx = tmp_path / "r.xlsx"
    assert cli("report", path, "--xlsx", xlsx).code == 0
    wb = load_workbook(xlsx)
    items = wb["Items"]
    head = [c.value for c in items[1]]
    assert head[-4:] == ["Answers (n)", "Lowest", "Highest", "Divided"]
    a1 = next(row for row in items.iter_rows(values_only=True) if row[1] == "A1")
    assert a1[-4:] == (5, 25.0, 100.0, "Yes")
    a2 = next(row for row in items.iter_rows(values_only=True) if row[1] == "A2")
    assert a2[-4:] == (None, None, None, None)
    ws = wb["Voices"]
    rows = [tuple(c for c in row) for row in ws.iter_rows(values_only=True)]
    header = next(r for r in rows if r[0] == "Section")
    assert header[:5] == ("Section", "Auditor", "Frontline", "Management", "Gap")
    offer = next(r for r in rows if r[0] == "Offer")
    assert offer[:5] == ("Offer", 83.3, 29.2, 100.0, 70.8)
    assert ws.cell(next(i for i, r in enumerate(rows, 1) if r[0] == "Offer"), 3).fill.start_color.rgb.endswith("FFC7CE")


def test_text_answers_of_respondents_are_shown_by_role(cli: Callable[..., Run], tmp_path: Path) -> None:
    path = voices_audit(tmp_path)
    text = path.read_text().replace(
        "  B2: {value: 10}\n", "  B2: {value: 10}\n  B3: {responses: {fd-2: {value: Customers like the fitters}}}\n"
    )
    path.write_text(text)
    html = tmp_path / "r.html"
    res = cli("report", path, "--html", html)
    assert res.code == 0, res.err
    page = html.read_text()
    b3 = page[page.index('id="item-B3"') :]
    b3 = b3[: b3.index("</article>")]
    assert '<span class="who">Frontline:</span> Customers like the fitters' in b3
    assert "no answer of the auditor&#39;s own" in b3 or "no answer of the auditor's own" in b3
    d = json.loads(cli("score", path, "--format", "json").out)
    b3_item = next(i for i in d["items"] if i["id"] == "B3")
    assert b3_item["status"] == "unscored" and "responses" not in b3_item
    assert d["overall"]["completeness"] == 100.0
