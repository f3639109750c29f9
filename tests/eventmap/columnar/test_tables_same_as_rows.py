"""Tables the readers make (workbooks, JSON, GeoJSON, Parquet, CSV files in other encodings) are checked by
columns and give what the row-by-row loader gives; tables with rows the row path reports one by one stay
on it."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from data.workbooks import ods, xlsx

import eventmap.loading as loading
from base.reading import RawRow, Table
from eventmap.columnar.tables import table_columns
from eventmap.loading import Limits, LoadResult, load_events, read_source_table
from tests.eventmap.columnar.test_same_as_rows import assert_same

DATA = Path(__file__).resolve().parents[2] / "data"
GOOD = {"event_id": "NK-1", "date": "2020-10-08", "date_precision": "day", "location": "Stepanakert",
        "latitude": "39.8177", "longitude": "46.7528", "geo_precision": "exact", "country": "Azerbaijan",
        "side": "Azerbaijan", "actor": "Azerbaijani Armed Forces", "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack", "description": "Shelling.",
        "claimed_by": "Artsakh authorities", "status": "claimed", "verification": "single-source",
        "sources": "https://example.org/a"}
# Rows that break (or bend) a rule, among good ones.
BROKEN = [{}, {"event_id": "NK-2", "date": "2020-02-30"}, {"event_id": "NK-3", "latitude": "abc"},
          {"event_id": "NK-1"}, {"event_id": "NK-4", "date": "05/10/2020", "status": "Confirmed"},
          {"event_id": "NK-5", "sources": ""}, {"event_id": "NK-6", "location": " Shusha  "}]


def rows_of(changes: list[dict[str, str]]) -> list[dict[str, str]]:
    return [{**GOOD, **change} for change in changes]


def as_file(kind: str, records: list[dict[str, str]]) -> tuple[str, bytes]:
    header = list(records[0])
    if kind == "json":
        return "t.json", json.dumps(records).encode()
    if kind == "jsonl":
        return "t.jsonl", "\n".join(json.dumps(r) for r in records).encode()
    if kind == "parquet":
        sink = pa.BufferOutputStream()
        pq.write_table(pa.table({c: [r[c] for r in records] for c in header}), sink)
        return "t.parquet", sink.getvalue().to_pybytes()
    sheet = ("events", [header, *([r[c] for c in header] for r in records)])
    return (f"t.{kind}", xlsx([sheet]) if kind == "xlsx" else ods([sheet]))


def both_ways(data: bytes, name: str, monkeypatch: pytest.MonkeyPatch) -> tuple[LoadResult, LoadResult]:
    columnar = load_events(data, name=name, limits=Limits())
    with monkeypatch.context() as patch:
        patch.setattr(loading, "read_csv_columns", lambda *_args, **_kwargs: None)
        patch.setattr(loading, "table_columns", lambda *_args, **_kwargs: None)
        rows = load_events(data, name=name, limits=Limits())
    return columnar, rows


@pytest.mark.parametrize("kind", ["json", "jsonl", "parquet", "xlsx", "ods"])
@pytest.mark.parametrize("case", ["good", "broken"])
def test_tables_give_the_same_answer_by_columns(kind: str, case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    name, data = as_file(kind, rows_of([{}, {"event_id": "NK-2"}] if case == "good" else BROKEN))
    assert table_columns(read_source_table(data, name=name, limits=Limits())[0]) is not None  # by columns
    assert_same(*both_ways(data, name, monkeypatch))


@pytest.mark.parametrize("file", ["events.json", "events.jsonl", "events.geojson", "events.parquet", "events.xlsx",
                                  "events.xls", "events.ods", "events_wrapped.json", "project_cp1256.csv",
                                  "project_utf16le.csv", "project_utf16be.csv", "gdelt_v2.export.CSV.zip"])
def test_sample_tables_give_the_same_answer(file: str, monkeypatch: pytest.MonkeyPatch) -> None:
    columnar, rows = both_ways((DATA / file).read_bytes(), file, monkeypatch)
    assert_same(columnar, rows)
    assert (columnar.kind, columnar.sheet, columnar.sheets, columnar.line_unit) == (
        rows.kind, rows.sheet, rows.sheets, rows.line_unit)


@pytest.mark.parametrize(("rows", "why"), [
    ([RawRow(2, ["a", "b"]), RawRow(3, ["a"])], "a row with a cell too few"),
    ([RawRow(2, ["a", "b", ""])], "a row with a cell too many"),
    ([RawRow(2, ["a", "b"], defect="a quoted field is never closed")], "a row with a defect"),
    ([], "no rows"),
])
def test_tables_the_row_path_reports_row_by_row_stay_on_it(rows: list[RawRow], why: str) -> None:
    table = Table(header=["date", "location"], header_line=1, rows=rows, encoding="utf-8", delimiter=",")
    assert table_columns(table) is None, why


def test_a_table_with_nul_characters_stays_on_the_rows() -> None:
    table = Table(header=["date"], header_line=1, rows=[RawRow(2, ["2020\x00"])], encoding="utf-8", delimiter=",",
                  has_nul=True)
    assert table_columns(table) is None
