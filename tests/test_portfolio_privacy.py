"""Privacy: the store never holds respondent ids or names, notes or evidence, and no
output of the portfolio (nor a report with --benchmark) shows another client's name,
site or score. Unique strings are planted in every such place and searched for in every
table of the store (both back ends) and in every output (table, JSON, CSV, HTML, xlsx).
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

from tests.conftest import Cli
from tests.portfolio_support import bench_checklist, postgres_server, store_url, table_dump  # noqa: F401

# Never in the store, nor in any portfolio output.
PERSONAL = ("rsp-zq81", "Zebulon Quartz", "peer-rsp-1", "PEERRESP-Name-1")
NOTES = ("NOTE-plum-77", "RNOTE-kiwi-55", "ACTNOTE-fig-31", "PEERNOTE-3")
EVIDENCE = ("CAPTION-lime-42", "EVFILE-pear-13")
# Never in the benchmark of Acme, nor in Acme's report.
PEERS = ("PEERCLIENT-Orca", "PEERSITE-Vole", "PEERAUDITOR-Wren")


def _peer(folder: Path, n: int) -> Path:
    r = n - 1  # ratings 0–4: overall 0, 25, 50, 75, 100 for peers 1–5
    text = f"""format: cx-audit/audit@1
checklist: bench.yaml
client: PEERCLIENT-Orca-{n}
site: PEERSITE-Vole-{n}
auditor: PEERAUDITOR-Wren-{n}
date: 2026-09-0{n}
respondents:
  - {{id: peer-rsp-{n}, role: frontline, name: PEERRESP-Name-{n}}}
answers:
  G1: {{value: {r}, note: PEERNOTE-{n}}}
  F1:
    value: {r}
    responses:
      peer-rsp-{n}: {{value: {r}, note: PEERNOTE-{n}}}
  F2: {{value: PEERNOTE-{n}}}
"""
    path = folder / f"peer{n}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _acme(folder: Path) -> Path:
    from PIL import Image

    ev = folder / "evidence" / "EVFILE-pear-13.png"
    ev.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (8, 8), (200, 30, 30)).save(ev)
    digest = hashlib.sha256(ev.read_bytes()).hexdigest()
    text = f"""format: cx-audit/audit@1
checklist: bench.yaml
client: Acme Ltd
site: High Street
auditor: Pat Doe
date: 2026-11-01
respondents:
  - {{id: rsp-zq81, role: frontline, name: Zebulon Quartz}}
answers:
  G1:
    value: 2
    note: NOTE-plum-77
    evidence:
      - {{path: evidence/EVFILE-pear-13.png, sha256: {digest}, caption: CAPTION-lime-42}}
  F1:
    value: 1
    responses:
      rsp-zq81: {{value: 1, note: RNOTE-kiwi-55}}
actions:
  G1: {{owner: Olive Owner, due: 2026-12-31, status: open, note: ACTNOTE-fig-31}}
"""
    path = folder / "acme.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _firm(folder: Path) -> Path:
    bench_checklist(folder)
    for n in range(1, 6):
        _peer(folder, n)
    return _acme(folder)


def _absent(text: str, planted: tuple[str, ...], where: str) -> None:
    found = [p for p in planted if p.lower() in text.lower()]
    assert not found, f"{where} shows {found}"


def test_the_store_holds_no_respondent_note_or_evidence(tmp_path: Path, cli: Cli, store_url: str) -> None:  # noqa: F811
    _firm(tmp_path / "firm")
    r = cli("portfolio", "index", tmp_path / "firm", "--store", store_url)
    assert r.code == 0, r.err
    tables = table_dump(store_url)
    assert {"audits", "section_scores", "item_results", "metric_values", "action_tracking", "role_scores"} <= set(tables)
    for name, rows in tables.items():
        _absent(repr(rows), PERSONAL + NOTES + EVIDENCE, f"table {name}")
    # What is held is there: the tracked action's owner, the shown role's scores, every client.
    assert [row[2] for row in tables["action_tracking"]] == ["Olive Owner"]
    assert sum(1 for row in tables["audits"] if str(row[2]).startswith("PEERCLIENT-Orca")) == 5
    assert {row[1] for row in tables["role_scores"]} == {"auditor"}  # one respondent per role: frontline hidden


def test_no_output_shows_what_it_must_not(tmp_path: Path, cli: Cli, store_url: str) -> None:  # noqa: F811
    acme = _firm(tmp_path / "firm")
    cli("portfolio", "index", tmp_path / "firm", "--store", store_url)
    for fmt in ("table", "json", "csv"):
        for latest in ((), ("--latest", "--today", "2026-12-01")):
            r = cli("portfolio", "list", "--store", store_url, "--format", fmt, *latest)
            assert r.code == 0 and "PEERCLIENT-Orca-3" in r.out  # the firm's own list names its clients
            _absent(r.out, PERSONAL + NOTES + EVIDENCE, f"list --format {fmt} {latest}")
    for fmt in ("table", "json"):
        r = cli("portfolio", "benchmark", acme, "--store", store_url, "--format", fmt)
        assert r.code == 0
        _absent(r.out + r.err, PERSONAL + NOTES + EVIDENCE + PEERS, f"benchmark --format {fmt}")
    data = json.loads(cli("portfolio", "benchmark", acme, "--store", store_url, "-f", "json").out)
    assert data["overall"]["p50"] == 50.0  # the figures are there ...
    figures = [data["overall"][k] for k in ("p25", "p50", "p75")] + [
        s[k] for s in data["sections"] for k in ("p25", "p50", "p75")
    ]
    assert 0.0 not in figures and 100.0 not in figures  # ... but never the peers' minimum or maximum
    assert "min" not in json.dumps(data["overall"]) and "max" not in json.dumps(data["overall"])

    html, xlsx = tmp_path / "acme.html", tmp_path / "acme.xlsx"
    r = cli("report", acme, "--benchmark", "--store", store_url, "--html", html, "--xlsx", xlsx)
    assert r.code == 0, r.err
    page = html.read_text(encoding="utf-8")
    assert "How you compare" in page and "second quartile" in page
    _absent(page, PERSONAL + PEERS + ("PEERNOTE",), "the HTML report")
    with zipfile.ZipFile(xlsx) as z:
        assert 'name="Benchmark"' in z.read("xl/workbook.xml").decode()
        text = "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml"))
    assert "How you compare" in text
    _absent(text, PERSONAL + PEERS + ("PEERNOTE",), "the workbook")
