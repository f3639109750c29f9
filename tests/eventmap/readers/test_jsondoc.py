"""JSON event files: arrays, wrapper objects, JSON Lines; records numbered; ids resolved through the wrapper."""

from __future__ import annotations

import json

import pytest

from base.errors import DataFileError, LimitExceededError
from base.problems import Severity
from eventmap.readers.jsondoc import read_json

RECORDS = [{"event_id": "E1", "date": "2020-10-08", "geo": {"lat": 39.76, "lon": 46.75}, "tags": ["a", "b"]},
           {"event_id": "E2", "date": "2020-10-09", "fatalities": 3}]


def dumps(document: object) -> bytes:
    return json.dumps(document).encode("utf-8")


@pytest.mark.parametrize(
    "data",
    [
        dumps(RECORDS),
        dumps({"data": RECORDS}),
        dumps({"events": RECORDS, "meta": {"title": "x"}}),
        dumps({"results": RECORDS, "count": 2}),
        dumps({"anything": RECORDS, "count": 2}),  # the only list in the object
        "\n".join(json.dumps(r) for r in RECORDS).encode("utf-8"),  # JSON Lines
        b"\xef\xbb\xbf" + dumps(RECORDS),  # with a byte-order mark
        json.dumps(RECORDS).encode("utf-16"),
    ],
)
def test_every_shape_gives_the_same_table(data: bytes) -> None:
    table = read_json(data, name="f.json")
    assert table.header == ["event_id", "date", "geo.lat", "geo.lon", "tags", "fatalities"]
    assert [row.cells for row in table.rows] == [["E1", "2020-10-08", "39.76", "46.75", "a; b", ""],
                                                 ["E2", "2020-10-09", "", "", "", "3"]]
    assert [row.line for row in table.rows] == [1, 2]
    assert (table.kind, table.line_unit) == ("json", "record")


def test_a_value_that_is_not_a_record_is_a_row_with_a_problem() -> None:
    table = read_json(dumps([RECORDS[0], 42, "text", [1, 2], None]), name="f.json")
    assert [(row.line, row.defect) for row in table.rows] == [
        (1, ""), (2, "record 2 is a number, not an object: 42"), (3, 'record 3 is a string, not an object: "text"'),
        (4, "record 4 is a list, not an object: [1, 2]"), (5, "record 5 is null, not an object: null")]


def test_json_lines_are_numbered_by_their_line() -> None:
    data = b'{"a": 1}\n\n{"a": 2}\n7\n'
    table = read_json(data, name="f.jsonl")
    assert [(row.line, row.cells, row.defect) for row in table.rows] == [
        (1, ["1"], ""), (3, ["2"], ""), (4, [""], "record 4 is a number, not an object: 7")]


def test_ids_are_resolved_through_the_lists_of_the_wrapper() -> None:
    document = {"events": [{"id": "E1", "sources": ["S1", "S2"]}, {"id": "E2", "sources": ["S9"]}],
                "sources": [{"id": "S1", "url": "https://a"}, {"id": "S2", "url": "https://b", "title": "B"}]}
    table = read_json(dumps(document), name="f.json")
    assert table.header == ["id", "sources.id", "sources.url", "sources.title"]
    assert [row.cells for row in table.rows] == [["E1", "S1; S2", "https://a; https://b", "B"],
                                                 ["E2", "S9", "", ""]]
    [warning] = table.problems
    assert (warning.line, warning.severity, str(warning)) == (
        2, Severity.WARNING, "f.json:2: sources: warning: record 2: 1 id(s) not among the file's 'sources'; "
                             "kept as they are (got 'S9')")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'{"a": [1], "b": [2]}', "f.json: no list of records found: expected an array, or an object with one of "
                                  "events, data, records, rows, items, results, features (found keys: 'a', 'b')"),
        (b'"text"', "f.json: a JSON file of events must be an array of records or an object holding one; "
                    "this is a string"),
        (b"[]", "f.json: the file holds no records"),
        (b'[{"a": 1},', "f.json: not a JSON file: Expecting value at line 1, column 11"),
        (b'{"a": 1}\n{"a": ', "f.json:2: not a JSON Lines file: Expecting value at column 7"),
    ],
)
def test_unusable_json(data: bytes, message: str) -> None:
    with pytest.raises(DataFileError) as caught:
        read_json(data, name="f.json")
    assert str(caught.value) == message


def test_record_limit() -> None:
    with pytest.raises(LimitExceededError, match=r"f\.json: the file has 2 records; the limit is 1 rows"):
        read_json(dumps(RECORDS), name="f.json", max_rows=1)


def test_ids_are_resolved_through_an_object_keyed_by_id() -> None:
    document = {"events": [{"id": "E1", "sources": ["S1"]}],
                "sources": {"S1": {"paths": ["https://a", "https://b"]}, "S2": {"paths": []}}}
    table = read_json(dumps(document), name="f.json")
    assert dict(zip(table.header, table.rows[0].cells, strict=True)) == {
        "id": "E1", "sources.id": "S1", "sources.paths": "https://a; https://b"}
    assert table.problems == []
