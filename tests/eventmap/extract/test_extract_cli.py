"""`python -m eventmap extract`: the draft file and the exit codes 0 / 1 / 2."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from eventmap.cli import main
from eventmap.extract.cli import DRAFT_CSV_COLUMNS

ARTICLE = ("Stepanakert, 9 October 2020\nAzerbaijani forces shelled Stepanakert and Shusha today, the Armenian "
           "Defence Ministry said. =HYPERLINK(\"x\") Barda was hit by rockets yesterday.\n")


def test_writes_drafts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article, out = tmp_path / "a.txt", tmp_path / "draft.csv"
    article.write_text(ARTICLE, encoding="utf-8")
    assert main(["extract", str(article), "-o", str(out), "--source", "https://example.org/a"]) == 0
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == DRAFT_CSV_COLUMNS
    assert [(r["location"], r["date"]) for r in rows] == [("Stepanakert", "2020-10-09"), ("Shusha", "2020-10-09"),
                                                          ("Barda", "2020-10-08")]
    assert all(not r["description_original"].startswith("=") for r in rows)  # spreadsheet-safe
    assert "3 draft rows written" in capsys.readouterr().out


def test_published_option_is_used(tmp_path: Path) -> None:
    article, out = tmp_path / "a.txt", tmp_path / "draft.csv"
    article.write_text("Barda was hit by rockets yesterday.", encoding="utf-8")
    assert main(["extract", str(article), "-o", str(out), "--published", "2020-10-18"]) == 0
    assert "2020-10-17" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(("content", "code", "message"), [
    (b"", 2, "the article is empty"),
    (b"\x00\x01\x02binary", 2, "binary file"),
    (b"Nothing happened in Paris.", 1, "names no known place"),
])
def test_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, code: int,
                   message: str) -> None:
    article, out = tmp_path / "a.txt", tmp_path / "draft.csv"
    article.write_bytes(content)
    assert main(["extract", str(article), "-o", str(out)]) == code
    captured = capsys.readouterr()
    assert message in captured.out + captured.err
    assert not out.exists()


def test_bad_published_day(tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        main(["extract", str(tmp_path / "a.txt"), "-o", str(tmp_path / "d.csv"), "--published", "9/10/2020"])
