"""`python -m eventmap validate-control FILE` and `python -m eventmap control --on DAY -o OUT.geojson`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CONTROL_FILE

from eventmap.cli import main


def _bad_file(tmp_path: Path) -> Path:
    lines = CONTROL_FILE.read_text(encoding="utf-8").splitlines()
    bad = lines[6].replace(",2020-10-04,2020-10-04,", ",2020-10-04,4 Oct 2020,", 1)  # C06: claim_date
    assert bad != lines[6]
    target = tmp_path / "bad.csv"
    target.write_text("\n".join([lines[0], lines[1], bad, *lines[2:6]]) + "\n", encoding="utf-8")
    return target


@pytest.mark.parametrize(("which", "code", "last_line"), [
    ("bundled", 0, "{name}: 20 rows, 20 valid, 0 invalid, 0 warnings"),
    ("bad", 1, "{name}: 6 rows, 5 valid, 1 invalid, 0 warnings"),
    ("missing", 2, "{name}: cannot be used (nothing loaded)"),
    ("not a csv", 2, "{name}: cannot be used (nothing loaded)"),
])
def test_validate_control_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str], which: str, code: int,
                                     last_line: str) -> None:
    if which == "bundled":
        path = CONTROL_FILE
    elif which == "bad":
        path = _bad_file(tmp_path)
    elif which == "missing":
        path = tmp_path / "nowhere.csv"
    else:
        path = tmp_path / "events.csv"
        path.write_text("event_id,date\nE1,2020-10-04\n", encoding="utf-8")
    assert main(["validate-control", str(path)]) == code
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == last_line.format(name=path)
    if which == "bad":
        assert out[0] == f"{path}:3: claim_date: '4 Oct 2020' is not a date written yyyy-mm-dd (e.g. 2020-10-04)"


@pytest.mark.parametrize(("day", "statuses", "applied"), [
    ("2020-09-26", {"pre-war"}, 0),
    ("2020-10-20", {"pre-war", "claimed", "disputed"}, 11),
    ("2020-12-01", {"pre-war", "claimed", "disputed", "confirmed", "peacekeeping"}, 20),
])
def test_control_writes_the_state_of_the_day(tmp_path: Path, capsys: pytest.CaptureFixture[str], day: str,
                                             statuses: set[str], applied: int) -> None:
    target = tmp_path / "out" / "control.geojson"
    assert main(["control", "--on", day, "-o", str(target), "--changes", str(CONTROL_FILE)]) == 0
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["metadata"]["day"] == day
    assert len(document["metadata"]["applied"]) == applied
    assert {f["properties"]["status"] for f in document["features"]} == statuses
    assert capsys.readouterr().out.startswith(f"{target}: control on {day}: ")
    assert [p.name for p in target.parent.iterdir()] == ["control.geojson"]  # no temporary file left


def test_control_leaves_out_invalid_rows_and_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "control.geojson"
    assert main(["control", "--on", "2020-10-20", "-o", str(target), "--changes", str(_bad_file(tmp_path))]) == 1
    captured = capsys.readouterr()
    assert ":3: claim_date: " in captured.err
    assert "C06" not in json.loads(target.read_text(encoding="utf-8"))["metadata"]["applied"]


@pytest.mark.parametrize("day", ["2020-10-32", "20/10/2020", ""])
def test_control_refuses_a_bad_day(tmp_path: Path, capsys: pytest.CaptureFixture[str], day: str) -> None:
    with pytest.raises(SystemExit) as info:
        main(["control", "--on", day, "-o", str(tmp_path / "x.geojson")])
    assert info.value.code == 2
    assert f"{day!r} is not a date written yyyy-mm-dd" in capsys.readouterr().err
    assert not (tmp_path / "x.geojson").exists()
