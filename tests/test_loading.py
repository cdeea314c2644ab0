"""Bad checklists and audits: one positioned line per problem, exit 2, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from cx_audit.errors import InputError
from cx_audit.files.checklist import load_checklist
from tests.conftest import MINI_CHECKLIST, Cli, audit_text, write


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


HEAD = """\
format: cx-audit/checklist@1
id: t
title: T
version: 1.0.0
sections:
  - id: s1
    title: S1
    items:
"""  # items start on line 9


def problems(tmp_path: Path, text: str, name: str = "c.yaml") -> list[str]:
    (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_checklist(Path(name))
    return info.value.lines()


CHECKLIST_CASES = [
    # (items text from line 9, the line, the text the error must point at, the message)
    ("      - {id: A1, text: q, weight: 0}\n", 9, "0}", "weight must be a number greater than 0, not 0"),
    ("      - {id: A1, text: q, weight: true}\n", 9, "true", "weight must be a number greater than 0, not the boolean true"),
    ("      - {id: A1, text: q, weight: .nan}\n", 9, ".nan", "weight must be a number greater than 0, not 'nan'"),
    ("      - {id: A1, text: q, weight: 1.0e+308}\n", 9, "1.0e+308", "weight 1e+308 is too large"),
    ("      - {id: yes, text: q}\n", 9, "yes", "item id the boolean true is refused: YAML 1.1 reads yes/no"),
    ("      - {id: 'off', text: q}\n", 9, "'off'", "item id 'off' is refused"),
    ("      - {id: 1A, text: q}\n", 9, "1A", "item id '1A' is not valid"),
    ("      - {id: A1, text: q}\n      - {id: A1, text: r}\n", 10, "A1", "item id 'A1' is used twice"),
    ("      - {id: A1, text: q, type: stars}\n", 9, "stars", "type must be one of rating, yesno, choice, number, text"),
    ("      - {id: A1, text: q, colour: red}\n", 9, "colour", "unknown key 'colour' in an item"),
    ("      - {id: A1}\n", 9, "{id", "missing required key 'text' in an item"),
    (
        "      - {id: A1, text: q, type: choice, options: [{id: na, label: N, score: 0}, {id: ok, label: O, score: 1}]}\n",
        9,
        "na,",
        "option id 'na' is an interview command word",
    ),
    (
        "      - {id: A1, text: q, type: choice, options: [{id: lo, label: A, score: 1.5}, {id: hi, label: B, score: 1}]}\n",
        9,
        "1.5",
        "option score must be a number from 0 to 1, not 1.5",
    ),
    (
        "      - {id: A1, text: q, type: number, thresholds: [{min: 1, score: 0}, {min: 5, score: 1}]}\n",
        9,
        "5, score: 1",
        "thresholds must be listed best first (min descending): 5 after 1",
    ),
    (
        "      - {id: A1, text: q, type: number, thresholds: [{min: 5, score: 1}, {max: 1, score: 0}]}\n",
        9,
        "[{min",
        "thresholds must all use 'min' (higher is better) or all 'max'",
    ),
    ("      - {id: A1, text: q, when: {item: B9, is: 1}}\n", 9, "B9", "condition refers to 'B9', which is not an earlier item"),
    ("      - {id: A1, text: q, when: {item: A1, min: 1}}\n", 9, "A1, min", "item 'A1' cannot depend on itself"),
    (
        "      - {id: A1, text: q, type: yesno}\n      - {id: A2, text: r, when: {item: A1, min: 1}}\n",
        10,
        "1}}",
        "'min' compares numbers, but 'A1' is a yesno item",
    ),
    (
        "      - {id: A1, text: q}\n      - {id: A2, text: r, when: {item: A1, is: 9}}\n",
        10,
        "9}}",
        "9 is not a point of 'A1''s scale 0–4",
    ),
    ("      - {id: A1, text: q, scale: {min: 4, max: 1}}\n", 9, "{min: 4", "scale max (1) must be greater than min (4)"),
    ("      - {id: A1, text: q, options: []}\n", 9, "options", "'options' applies only to choice items, not rating"),
    (
        "      - {id: A1, text: q, type: text, critical: true}\n",
        9,
        "true",
        "a text item is never scored, so it cannot be critical",
    ),
    (
        "      - {id: A1, text: q, when: {item: A0, ok: 1}}\n",
        9,
        "{item",
        "a condition on an item needs exactly one of is, in, min, max",
    ),
    ("      - [not, a, mapping]\n", 9, "[not", "an item must be a mapping"),
]


@pytest.mark.parametrize(("items", "line", "token", "message"), CHECKLIST_CASES, ids=[c[3][:40] for c in CHECKLIST_CASES])
def test_checklist_item_errors_are_positioned(tmp_path: Path, items: str, line: int, token: str, message: str) -> None:
    text = HEAD + items
    column = text.splitlines()[line - 1].index(token) + 1
    lines = problems(tmp_path, text)
    assert any(entry.startswith(f"c.yaml:{line}:{column}: ") and message in entry for entry in lines), (lines, column)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            HEAD.replace("version: 1.0.0", "version: 1.0") + "      - {id: A1, text: q}\n",
            '4:10: version must read as text: write "1.0" in quotes',
        ),
        (
            HEAD.replace("id: t\n", "id: My_List\n") + "      - {id: A1, text: q}\n",
            "2:5: checklist id 'My_List' is not valid: use [a-z][a-z0-9-]*",
        ),
        (
            HEAD.replace("format: cx-audit/checklist@1", "format: cx-audit/checklist@2") + "      - {id: A1, text: q}\n",
            "1:9: format must be 'cx-audit/checklist@1'",
        ),
        (
            HEAD + "      - {id: A1, text: q}\nbands: [{min: 50, label: Ok}, {min: 80, label: Good}]\n",
            "10:37: band 'Good' has a higher min than the band before it",
        ),
        (
            HEAD + "      - {id: A1, text: q}\nbands: [{min: 80, label: Good}, {min: 50, label: Ok}]\n",
            "10:8: the lowest band must have min 0",
        ),
        (
            HEAD + "      - {id: A1, text: q}\n  - id: s1\n    title: Again\n    items: [{id: B1, text: q}]\n",
            "10:9: section id 's1' is used twice",
        ),
        (HEAD + "      - {id: A1, text: q, text: again}\n", "9:27: duplicate key 'text'"),
        (HEAD + "      - {id: A1, text: q\n", "10:1: invalid YAML"),
        (
            HEAD + "      - !!python/object/apply:os.system {id: A1, text: q}\n",
            "9:9: tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed",
        ),
        ("format: cx-audit/checklist@1\n---\nid: x\n", "2:1: expected a single YAML document, found several"),
        ("", "c.yaml: a checklist must be a mapping"),
    ],
)
def test_checklist_top_level_errors(tmp_path: Path, text: str, expected: str) -> None:
    lines = problems(tmp_path, text)
    if expected.startswith("c.yaml"):
        assert expected in lines[0]
        return
    pos, message = expected.split(": ", 1)
    assert any(line.startswith(f"c.yaml:{pos}: ") and message in line for line in lines), lines


def test_every_problem_of_a_file_is_reported(tmp_path: Path) -> None:
    text = HEAD + "      - {id: A1, text: q, weight: -1}\n      - {id: A1, text: q}\n      - {id: B1, text: q, type: nope}\n"
    lines = problems(tmp_path, text)
    assert len(lines) == 3
    assert [line.split(":")[1] for line in lines] == ["9", "10", "11"]


def test_python_tags_are_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = HEAD + f"      - {{id: A1, text: !!python/object/apply:os.system ['touch {marker}']}}\n"
    problems(tmp_path, text)
    assert not marker.exists()


def test_alias_bomb_refused(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]")
    text = HEAD + "      - {id: A1, text: q}\n" + "\n".join(lines) + "\n"
    out = problems(tmp_path, text)
    assert "billion laughs" in out[0]


def test_huge_file_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as fh:
        fh.truncate(11 * 1024 * 1024)
    with pytest.raises(InputError) as info:
        load_checklist(path)
    assert "over 10 MB are refused" in info.value.lines()[0]


# --- audits -----------------------------------------------------------------------


AUDIT_CASES = [
    ("A1: {value: 7}", "8:15: A1: 7 is out of range: a whole number from 0 to 4"),
    ("A1: {value: 2.5}", "8:15: A1: 2.5 is not a whole number from 0 to 4"),
    ("A1: {value: true}", "8:15: A1: the boolean true is not a whole number"),
    ("A2: {value: maybe}", "8:15: A2: 'maybe' is not yes or no"),
    ("B1: {value: often}", "8:15: B1: 'often' is not an option: one of never, sometimes, always"),
    ("B2: {value: .inf}", "8:15: B2: 'inf' is not a finite number"),
    ("B3: {value: 42}", "8:15: a text answer must be text, not 42 (put it in quotes)"),
    ("Z9: {value: 1}", "8:3: answer for 'Z9', which checklist mini does not have"),
    ("A1: {na: true}", "8:12: A1: N/A is not allowed for critical items"),
    ("C1: {na: true, value: 2}", "8:7: C1 is marked N/A and has a value"),
    ("C1: {vale: 2}", "8:8: unknown key 'vale' in the answer to C1"),
]


@pytest.mark.parametrize(("answer", "expected"), AUDIT_CASES, ids=[c[1].split(": ", 1)[1][:40] for c in AUDIT_CASES])
def test_audit_errors_are_positioned(tmp_path: Path, mini: Path, cli: Cli, answer: str, expected: str) -> None:
    write(tmp_path / "a.yaml", audit_text(answer))
    run = cli("score", "a.yaml", cwd=tmp_path)
    assert run.code == 2
    assert "Traceback" not in run.err
    pos, message = expected.split(": ", 1)
    assert run.err.startswith(f"a.yaml:{pos}: "), run.err
    assert message in run.err


def test_audit_top_level_problems(tmp_path: Path, mini: Path, cli: Cli) -> None:
    write(
        tmp_path / "a.yaml",
        audit_text("").replace("date: 2026-11-22", "date: next tuesday").replace("client: Acme Ltd", "client: [1]"),
    )
    run = cli("score", "a.yaml", cwd=tmp_path)
    assert run.code == 2
    assert run.err.splitlines() == [
        "a.yaml:3:9: 'client' must be text, not a list (put it in quotes)",
        "a.yaml:6:7: date must be a date such as 2026-11-22, not 'next tuesday'",
    ]


def test_audit_with_unknown_checklist(tmp_path: Path, cli: Cli) -> None:
    write(tmp_path / "a.yaml", audit_text("", checklist="no-such-list"))
    run = cli("score", "a.yaml", cwd=tmp_path)
    assert run.code == 2
    assert run.err.startswith("a.yaml:2:12: cannot load the checklist: no such checklist (known: ")


def test_audit_checklist_drift_warns_and_goes_on(tmp_path: Path, mini: Path, cli: Cli) -> None:
    text = audit_text("A1: {value: 3}").replace(
        "checklist: mini.yaml", "checklist: {id: mini, version: 1.0.0, sha256: '0000', path: mini.yaml}"
    )
    write(tmp_path / "a.yaml", text)
    run = cli("score", "a.yaml", "-f", "json", cwd=tmp_path)
    assert run.code == 0
    assert "a.yaml: warning: checklist mini 1.0.0 has changed since the audit was started (sha256 differs)" in run.err
    mini.write_text(MINI_CHECKLIST.replace("version: 1.0.0", "version: 1.1.0"))
    run = cli("score", "a.yaml", "-f", "json", cwd=tmp_path)
    assert "audit was started with mini 1.0.0, scoring with 1.1.0" in run.err


def test_audit_for_a_different_checklist_id(tmp_path: Path, mini: Path, cli: Cli) -> None:
    text = audit_text("").replace("checklist: mini.yaml", "checklist: {id: other, path: mini.yaml}")
    write(tmp_path / "a.yaml", text)
    run = cli("score", "a.yaml", cwd=tmp_path)
    assert run.code == 2
    assert "the audit is for checklist 'other', but the file found is 'mini'" in run.err


def test_shorthand_answers_and_yaml_booleans(tmp_path: Path, mini: Path, cli: Cli) -> None:
    write(tmp_path / "a.yaml", audit_text("A1: 4\nA2: yes\nA3: 4\nB1: always\nB2: 1\nC1: 4"))
    run = cli("score", "a.yaml", "-f", "json", cwd=tmp_path)
    assert run.code == 0, run.err
    assert '"score": 100.0' in run.out


def test_a_broken_checklist_behind_an_audit_reports_its_own_lines(tmp_path: Path, cli: Cli) -> None:
    (tmp_path / "audits").mkdir()
    write(
        tmp_path / "audits" / "list.yaml",
        HEAD.replace("version: 1.0.0", "version: 1.10") + "      - {id: A1, text: q, weight: -2}\n",
    )
    write(tmp_path / "audits" / "a.yaml", audit_text("A1: 3", checklist="list.yaml"))
    run = cli("score", "audits/a.yaml", cwd=tmp_path)
    assert run.code == 2
    assert run.err.splitlines() == [
        'audits/list.yaml:4:10: version must read as text: write "1.10" in quotes (a bare 1.10 is a number)',
        "audits/list.yaml:9:35: weight must be a number greater than 0, not -2",
    ]


@pytest.mark.parametrize(
    ("text", "message"), [("2026-02-30", "'2026-02-30' is not a valid date"), ("2026-13-01", "'2026-13-01' is not a valid date")]
)
def test_impossible_dates_are_input_errors(tmp_path: Path, mini: Path, cli: Cli, text: str, message: str) -> None:
    write(tmp_path / "a.yaml", audit_text("A1: 3").replace("2026-11-22", text))
    run = cli("score", "a.yaml", cwd=tmp_path)
    assert run.code == 2 and run.err.startswith(f"a.yaml:6:7: {message}")
