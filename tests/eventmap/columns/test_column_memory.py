"""Mappings remembered per header, in a JSON file written atomically."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventmap.columns import ColumnMapping, MappingMemory, header_hash


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        (["Datum", "Ort"], ["datum", " ORT "], True),
        (["Datum", "Ort"], ["Ort", "Datum"], False),
        (["date", "place"], ["date", "place", "x"], False),
    ],
)
def test_header_hash_ignores_spelling_not_order(first: list[str], second: list[str], same: bool) -> None:
    assert (header_hash(first) == header_hash(second)) is same


def test_remember_then_recall(tmp_path: Path) -> None:
    memory = MappingMemory(tmp_path / "state" / "column_mappings.json")
    header = ["Datum", "Ort", "Verursacher"]
    assert memory.recall(header) is None
    mapping = ColumnMapping({"date": "Datum", "location": "Ort", "side": "Verursacher"}, tuple(header))
    memory.remember(header, mapping)
    assert memory.recall(header) == mapping
    # the same table written differently maps onto its own spelling
    recalled = memory.recall(["DATUM", "ort", "verursacher"])
    assert recalled is not None
    assert dict(recalled.columns) == {"date": "DATUM", "location": "ort", "side": "verursacher"}
    assert memory.recall(["Datum", "Ort"]) is None


def test_two_headers_are_both_kept_and_a_later_mapping_replaces(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    one, two = ("a", "b"), ("c", "d")
    MappingMemory(path).remember(one, ColumnMapping({"date": "a"}, one))
    MappingMemory(path).remember(two, ColumnMapping({"date": "c"}, two))
    MappingMemory(path).remember(one, ColumnMapping({"date": "b"}, one))
    memory = MappingMemory(path)
    assert dict(memory.recall(one).columns) == {"date": "b"}  # type: ignore[union-attr]
    assert dict(memory.recall(two).columns) == {"date": "c"}  # type: ignore[union-attr]
    assert len(json.loads(path.read_text(encoding="utf-8"))["mappings"]) == 2
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []


@pytest.mark.parametrize("content", [b"", b"{not json", b"[1, 2]", b'{"mappings": {"x": 1}}', b"\xff\xfe"])
def test_a_damaged_file_recalls_nothing_and_is_replaced(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "m.json"
    path.write_bytes(content)
    memory = MappingMemory(path)
    assert memory.recall(["a"]) is None
    memory.remember(["a"], ColumnMapping({"date": "a"}, ("a",)))
    assert dict(memory.recall(["a"]).columns) == {"date": "a"}  # type: ignore[union-attr]


def test_a_remembered_column_no_longer_in_the_header_is_not_recalled(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    header = ["a", "b"]
    path.write_text(json.dumps({"version": 1, "mappings": {header_hash(header): {
        "header": header, "columns": {"date": "zzz"}}}}), encoding="utf-8")
    assert MappingMemory(path).recall(header) is None
