"""Manual overrides: used at once, written atomically, never lost to a concurrent writer or a killed process."""

import csv
import multiprocessing
import os
import signal
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from base.errors import WriteConflictError
from geo.geocoders import OverrideGeocoder
from geo.geocoders.override import OVERRIDE_COLUMNS

REPO = Path(__file__).resolve().parents[2]


def fixed_now() -> datetime:
    return datetime(2020, 10, 9, 12, 0, tzinfo=UTC)


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_set_then_geocode(tmp_path: Path) -> None:
    overrides = OverrideGeocoder(tmp_path / "overrides.csv", now=fixed_now)
    assert overrides.geocode("Talish").status == "not_found"
    overrides.set("Talish", 40.38, 46.74, precision="near", note="from the ACLED export")
    result = overrides.geocode("  talish ")
    assert result.status == "resolved"
    assert (result.lat, result.lon, result.precision) == (40.38, 46.74, "near")
    assert result.geo_source == "override"
    assert result.confidence == 1.0
    assert result.reason == "set by hand on 2020-10-09T12:00:00+00:00: from the ACLED export"
    assert rows(tmp_path / "overrides.csv") == [
        {"query": "Talish", "lat": "40.380000", "lon": "46.740000", "precision": "near",
         "note": "from the ACLED export", "updated": "2020-10-09T12:00:00+00:00"}
    ]


def test_another_session_sees_a_change_at_once(tmp_path: Path) -> None:
    path = tmp_path / "overrides.csv"
    reader = OverrideGeocoder(path)
    assert reader.geocode("Talish").status == "not_found"
    OverrideGeocoder(path).set("Talish", 40.38, 46.74)
    assert reader.geocode("Talish").status == "resolved"
    OverrideGeocoder(path).remove("Talish")
    assert reader.geocode("Talish").status == "not_found"


def test_replacing_and_removing(tmp_path: Path) -> None:
    overrides = OverrideGeocoder(tmp_path / "overrides.csv")
    overrides.set("Talish", 40.0, 46.0)
    overrides.set("TALISH", 40.38, 46.74)
    assert len(rows(tmp_path / "overrides.csv")) == 1
    assert overrides.get("talish").lat == 40.38
    assert overrides.remove("Talish") is True
    assert overrides.remove("Talish") is False


def test_a_formula_in_a_name_is_neutralised_in_the_file_and_still_matches(tmp_path: Path) -> None:
    overrides = OverrideGeocoder(tmp_path / "overrides.csv")
    overrides.set("=HYPERLINK(\"http://evil\")", 40.0, -46.5, note="@SUM(A1)")
    row = rows(tmp_path / "overrides.csv")[0]
    assert row["query"].startswith("'=")
    assert row["note"] == "'@SUM(A1)"
    assert row["lon"] == "-46.500000"  # numbers are not touched
    assert OverrideGeocoder(tmp_path / "overrides.csv").geocode("=HYPERLINK(\"http://evil\")").resolved


def test_the_formula_rule_is_the_projects() -> None:
    from base import csv_safety
    from geo.geocoders import override

    assert override.FORMULA_STARTS == csv_safety.FORMULA_STARTS


def test_rows_typed_wrong_are_reported_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "overrides.csv"
    path.write_text("query,lat,lon,precision,note,updated\nTalish,forty,46.7,exact,,\nBarda,40.37,47.12,,,\n",
                    encoding="utf-8")
    overrides = OverrideGeocoder(path)
    assert overrides.geocode("Barda").resolved
    assert overrides.geocode("Talish").status == "not_found"
    assert [str(p) for p in overrides.problems] == [f"{path}:2: lat: not a number within ±90 (got 'forty')"]
    overrides.set("Ganja", 40.68, 46.36)
    assert [r["query"] for r in rows(path)] == ["Talish", "Barda", "Ganja"]  # the bad row is still there


@pytest.mark.parametrize(
    ("lat", "lon", "precision", "message"),
    [(91.0, 46.0, "exact", "out of range"), (40.0, float("nan"), "exact", "out of range"),
     (40.0, 46.0, "roughly", "precision")],
)
def test_bad_values_are_refused(tmp_path: Path, lat: float, lon: float, precision: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        OverrideGeocoder(tmp_path / "overrides.csv").set("Talish", lat, lon, precision=precision)
    assert not (tmp_path / "overrides.csv").exists()


def test_a_change_made_elsewhere_in_between_is_a_conflict(tmp_path: Path) -> None:
    path = tmp_path / "overrides.csv"
    mine, theirs = OverrideGeocoder(path), OverrideGeocoder(path)
    mine.set("Talish", 40.0, 46.0)
    shown = mine.get("Talish")  # what this session's user saw
    theirs.set("Talish", 41.0, 47.0)
    with pytest.raises(WriteConflictError, match="changed in another session"):
        mine.set("Talish", 40.5, 46.5, expected=shown)
    assert OverrideGeocoder(path).get("Talish").lat == 41.0  # nothing was overwritten
    mine.set("Talish", 40.5, 46.5, expected=mine.get("Talish"))  # after reloading, it works
    with pytest.raises(WriteConflictError):
        mine.set("Barda", 40.3, 47.1, expected=shown)  # expected an entry, there is none


def _add_names(path: str, prefix: str, count: int) -> None:
    overrides = OverrideGeocoder(path)
    for i in range(count):
        overrides.set(f"{prefix} {i}", 40.0 + i / 1000, 46.0)


def test_two_processes_writing_at_once_both_keep_their_changes(tmp_path: Path) -> None:
    path = tmp_path / "overrides.csv"
    context = multiprocessing.get_context("fork")  # real processes; fork keeps the imports warm
    workers = [context.Process(target=_add_names, args=(str(path), prefix, 25)) for prefix in ("north", "south")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
        assert worker.exitcode == 0
    names = {r["query"] for r in rows(path)}
    assert names == {f"{prefix} {i}" for prefix in ("north", "south") for i in range(25)}


WRITER = """
import os, sys, time
from geo.geocoders import OverrideGeocoder

def stall(fd):  # the new content is in the temporary file, not yet renamed: the parent kills us now
    print("writing", flush=True)
    time.sleep(60)

os.fsync = stall
OverrideGeocoder(sys.argv[1]).set("killed-writer", 40.0, 46.0)
"""


def test_a_writer_killed_mid_write_leaves_the_old_file_intact(tmp_path: Path) -> None:
    path = tmp_path / "overrides.csv"
    lines = [",".join(OVERRIDE_COLUMNS)] + [f"place {i},40.5,46.5,exact,{'n' * 100},2020-10-09" for i in range(20000)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")  # a large file: ~2.5 MB
    before = path.read_bytes()
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], cwd=REPO, stdout=subprocess.PIPE,
                              text=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    try:
        assert writer.stdout.readline().strip() == "writing"
        leftovers = list(tmp_path.glob(".overrides.csv.*.tmp"))
        assert len(leftovers) == 1
        assert leftovers[0].stat().st_size > len(before)  # the new version was being written ...
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
    assert path.read_bytes() == before  # ... and the old one is untouched
    overrides = OverrideGeocoder(path)
    assert overrides.geocode("place 19999").resolved
    assert overrides.geocode("killed-writer").status == "not_found"
    overrides.set("after the crash", 40.0, 46.0)  # the stray temporary file does not get in the way
    assert len(rows(path)) == 20001
