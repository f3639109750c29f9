"""The columnar loader gives what the row-by-row loader gives: the same events, problems and rows set aside,
on the sample files and on files made to hit every rule; files it cannot read the same way go to the rows."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import eventmap.loading as loading
from base.errors import DataFileError
from eventmap.columnar import read_csv_columns
from eventmap.loading import Limits, LoadResult, load_events
from eventmap.schema import COLUMN_NAMES

DATA = Path(__file__).resolve().parents[2] / "data"
OPTIONAL = {"event_type_original", "description_ar", "description_ar_source"}  # the rows below leave them out
HEADER = ",".join(c for c in COLUMN_NAMES if c not in OPTIONAL)
GOOD = ("NK-{n},2020-10-08,day,,Stepanakert,39.8177,46.7528,exact,Azerbaijan,,Azerbaijan,Azerbaijani Armed Forces,,"
        "Explosions/Remote violence,Shelling/artillery/missile attack,Shelling.,,,,,Artsakh authorities,claimed,,"
        "single-source,https://example.org/a,")


def row(n: int, **changes: str) -> str:
    cells = GOOD.format(n=n).split(",")
    names = HEADER.split(",")
    for column, value in changes.items():
        cells[names.index(column)] = value
    return ",".join(cells)


# Each case: rows that break (or bend) one rule, among good rows.
CASES: dict[str, list[str]] = {
    "good": [row(i) for i in range(8)],
    "bad date": [row(1), row(2, date="2020-02-30"), row(3, date="soon"), row(4, date="")],
    "day first dates": [row(1, date="05/10/2020"), row(2, date="13/10/2020"), row(3, date="10/13/2020"), row(4)],
    "report before date": [row(1, report_date="2020-10-01"), row(2, report_date="2020-10-09")],
    "numbers": [row(1, latitude='"39,82"'), row(2, latitude="abc"), row(3, latitude="95", longitude="40"),
                row(4, longitude="200"), row(5, latitude="0", longitude="0"), row(6, latitude="", longitude=""),
                row(7, latitude="39.8"), row(8, latitude="1e999"), row(9, latitude="٣٩.٨"),
                row(10, latitude="nan"), row(11, longitude="inf"), row(12, latitude="3_9.5"),
                row(13, latitude="+39.5")],
    "numbers all plain": [row(1, latitude="39.5e0"), row(2, latitude="-39.5", longitude="-46"), row(3, latitude="4E1")],
    "counts": [row(1, fatalities="3"), row(2, fatalities="3.0"), row(3, fatalities="-1"), row(4, injured="a few"),
               row(5, fatalities="12-20"), row(6, injured="١٢"),
               row(7, fatalities="+5"), row(8, fatalities="1_0")],
    "counts all plain": [row(1, fatalities="0"), row(2, fatalities="-0"), row(3, fatalities="-2"),
                         row(4, injured="+1")],
    "dates all plain": [row(1, date="2020-10-08", report_date="2020-10-09"), row(2, date="2021-01-31")],
    "choices": [row(1, status="Confirmed"), row(2, status="rumour"), row(3, event_type="Battles"),
                row(4, sub_event_type="armed clash", event_type="Battles"), row(5, verification="")],
    "sources": [row(1, sources=";"), row(2, sources=" ; "), row(3, sources="a;b"), row(4, sources="")],
    "language": [row(1, language="ar"), row(2, language="Arabic"), row(3, language="en-GB")],
    "duplicates": [row(1), row(1), row(2), row(1), row(3, event_id="")],
    "spaces": [row(1, location="  Shusha "), row(2, side=" Armenia")],
    "rows of empty cells": [row(1), "," * 25, " , ,\t," + "," * 22, row(2, event_id=""), row(3)],
    "swapped by country": [row(1, latitude="46.75", longitude="39.81"), *[row(i) for i in range(2, 8)]],
    "far from the others": [row(1, country="", latitude="46.75", longitude="39.81"),
                            *[row(i, country="") for i in range(2, 9)]],
}


def both_ways(data: bytes, monkeypatch: pytest.MonkeyPatch, **options: object) -> tuple[LoadResult, LoadResult]:
    columnar = load_events(data, name="t.csv", limits=Limits(), **options)  # type: ignore[arg-type]
    with monkeypatch.context() as patch:
        patch.setattr(loading, "read_csv_columns", lambda *_args, **_kwargs: None)
        patch.setattr(loading, "table_columns", lambda *_args, **_kwargs: None)
        rows = load_events(data, name="t.csv", limits=Limits(), **options)  # type: ignore[arg-type]
    return columnar, rows


def assert_same(columnar: LoadResult, rows: LoadResult) -> None:
    assert [str(p) for p in columnar.problems] == [str(p) for p in rows.problems]
    assert columnar.problems == rows.problems
    assert [(r.line, r.raw, r.problems) for r in columnar.rejected] == [(r.line, r.raw, r.problems)
                                                                       for r in rows.rejected]
    pd.testing.assert_frame_equal(columnar.events, rows.events)
    assert (columnar.rows_read, columnar.encoding, columnar.delimiter, columnar.detected_format) == (
        rows.rows_read, rows.encoding, rows.delimiter, rows.detected_format)


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("region", [None, (38.3, 43.4, 41.5, 50.6)])
def test_rules_give_the_same_answer_by_columns(case: str, region: tuple[float, ...] | None,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    data = "\n".join([HEADER, *CASES[case]]).encode() + b"\n"
    assert read_csv_columns(data, name="t.csv") is not None  # read by columns, not sent to the rows
    assert_same(*both_ways(data, monkeypatch, region_bbox=region))


@pytest.mark.parametrize("file", ["project_utf8.csv", "project_utf8_bom.csv", "project_semicolon.csv",
                                  "project_tab.csv", "project_arabic_digits.csv", "project_broken.csv",
                                  "project_cp1256.csv", "project_utf16le.csv", "acled_current.csv",
                                  "ucdp_ged.csv", "table_five_columns.csv"])
def test_sample_files_give_the_same_answer(file: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert_same(*both_ways((DATA / file).read_bytes(), monkeypatch))


@pytest.mark.parametrize(
    ("data", "why"),
    [
        ("\n".join([HEADER, row(1), "", row(2)]).encode() + b"\n", "a blank line"),
        ("\n".join([HEADER, row(1, description='"two\nlines"')]).encode(), "a quoted line break"),
        ("\n".join([HEADER, row(1) + ",extra"]).encode(), "a cell too many"),
        ("\n".join([HEADER, row(1, description="nul\x00")]).encode(), "a NUL character"),
        ("\r".join([HEADER, row(1), row(2)]).encode(), "carriage returns alone"),
        ("\n".join([HEADER, row(1, description="caf")]).encode() + b"\xe9\n", "bytes that are not UTF-8"),
    ],
)
def test_files_the_columns_cannot_read_alike_go_to_the_rows(data: bytes, why: str,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    assert read_csv_columns(data, name="t.csv") is None, why
    assert_same(*both_ways(data, monkeypatch))


@pytest.mark.parametrize("name", ["events.json", "events.GEOJSON", "events.jsonl"])
def test_a_csv_file_named_as_json_is_refused_alike(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    data = "\n".join([HEADER, row(1)]).encode()
    errors = []
    for columns in (True, False):
        with monkeypatch.context() as patch:
            if not columns:
                patch.setattr(loading, "read_csv_columns", lambda *_args, **_kwargs: None)
            with pytest.raises(DataFileError) as caught:
                load_events(data, name=name, limits=Limits())
            errors.append(str(caught.value))
    assert errors[0] == errors[1]


def test_mapped_project_file_counts_its_gaps_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    header = f"{HEADER},event_type_original"
    rows = [f"{row(1)},shelling", f"{row(2, sources='', event_type='', sub_event_type='')},", f"{row(3)},"]
    assert_same(*both_ways("\n".join([header, *rows]).encode(), monkeypatch))


@pytest.mark.parametrize(("description_ar", "source"), [
    ("قصف ستيباناكيرت", "source"),  # a pair: loaded
    ("قصف ستيباناكيرت", ""),  # the text without where it comes from
    ("", "project"),  # where it comes from, without the text
])
def test_an_arabic_description_and_its_source_go_together_by_columns(
        description_ar: str, source: str, monkeypatch: pytest.MonkeyPatch) -> None:
    header = HEADER + ",description_ar,description_ar_source"
    data = "\n".join([header, row(1) + f",{description_ar},{source}", row(2) + ",,"]).encode() + b"\n"
    assert read_csv_columns(data, name="t.csv") is not None
    assert_same(*both_ways(data, monkeypatch, region_bbox=None))
