"""Issue 24: defects found by trying to break the Part 2 features.

Each test failed before its fix; the item number of the issue is in the test's name.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Cli

# --- item 2: an unterminated quote in a survey CSV ----------------------------------


def test_item2_an_unterminated_quote_is_an_input_error_at_its_line(cli: Cli, tmp_path: Path) -> None:
    rows = [f"{i},{9 if i % 2 else 3}" for i in range(1, 101)]
    rows[40] = '41,"9'  # line 42: a quote opened and never closed
    survey = tmp_path / "s.csv"
    survey.write_text("id,nps\n" + "\n".join(rows) + "\n", encoding="utf-8")
    run = cli("metrics", survey, "--column", "nps", "--kind", "nps")
    assert run.code == 2, run.out
    assert run.err.strip() == (
        f"{survey}:42: column 'nps': a quote (\") opened on this line is never closed, "
        "so the rest of the file would be read as one cell"
    )


def test_item2_a_quoted_cell_spanning_lines_still_reads(cli: Cli, tmp_path: Path) -> None:
    survey = tmp_path / "s.csv"
    survey.write_text('id,comment,nps\n1,"two\nlines",9\n2,plain,10\n3,"last\none",0\n', encoding="utf-8")
    run = cli("metrics", survey, "--column", "nps", "--kind", "nps", "--format", "json")
    assert run.code == 0, run.err
    assert '"n": 3' in run.out


# --- item 4: only ASCII digits are survey answers ------------------------------------


def test_item4_arabic_indic_and_fullwidth_digits_are_refused(cli: Cli, tmp_path: Path) -> None:
    survey = tmp_path / "s.csv"
    survey.write_text("nps\n9\n\u0669\n\uff19\n10 - Extremely likely\n", encoding="utf-8")
    run = cli("metrics", survey, "--column", "nps", "--kind", "nps")
    assert run.code == 2
    assert run.err.strip().splitlines() == [
        f"{survey}:3: column 'nps': '\u0669' is not a whole number from 0 to 10",
        f"{survey}:4: column 'nps': '\uff19' is not a whole number from 0 to 10",
    ]
