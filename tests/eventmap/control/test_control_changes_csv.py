"""`control_changes.csv`: it validates, and every researched change is there with its facts and sources."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from eventframes import PROJECT_ROOT

from eventmap.control.layers import unit_catalogue
from eventmap.control.loading import ControlLoadResult
from eventmap.control.schema import ChangeKind, ChangeStatus, DrawnAs

REFERENCE_DIR = PROJECT_ROOT.parent / "shared" / "reference"

# Every change of the reference research: id, date, claim date, status, number of sources, one source.
REFERENCE_CHANGES = [
    ("C01", "2020-09-27", "2020-09-27", "disputed", 3, "https://www.azernews.az/karabakh/169428.html"),
    ("C02", "2020-09-27", "2020-09-27", "claimed", 4, "http://strati.az/news/2792.html"),
    ("C03", "2020-10-03", "2020-10-03", "disputed", 4, "https://www.azernews.az/karabakh/169891.html"),
    ("C04", "2020-10-03", "2020-10-03", "claimed", 3, "http://www.today.az/news/politics/210648.html"),
    ("C05", "2020-10-03", "2020-10-03", "claimed", 2, "https://www.azernews.az/nation/169969.html"),
    ("C06", "2020-10-04", "2020-10-04", "disputed", 6, "https://caucasianknot.info/articles/52520"),
    ("C07", "2020-10-09", "2020-10-09", "disputed", 9, "https://hetq.am/en/article/123000"),
    ("C08", "2020-10-16", "2020-10-16", "claimed", 2, "https://www.trend.az/azerbaijan/politics/4105209.html"),
    ("C09", "2020-10-17", "2020-10-17", "claimed", 5, "https://en.trend.az/azerbaijan/politics/3318694.html"),
    ("C10", "2020-10-18", "2020-10-18", "claimed", 4, "https://en.trend.az/azerbaijan/society/3500063.html"),
    ("C11", "2020-10-20", "2020-10-20", "claimed", 3, "https://www.azernews.az/karabakh/171101.html"),
    ("C12", "2020-10-25", "2020-10-25", "confirmed", 5, "https://interfax.ru/amp/734291"),
    ("C13", "2020-11-08", "2020-11-08", "confirmed", 5, "https://en.trend.az/azerbaijan/karabakh/3331951.html"),
    ("C14", "2020-11-10", "2020-11-10", "confirmed", 3,
     "https://www.commonspace.eu/news/document-full-text-agreement-between-leaders-russia-armenia-and-azerbaijan"),
    ("C15", "2020-11-10", "2020-11-15", "confirmed", 4, "https://tass.com/defense/1223893"),
    ("C16", "2020-11-14", "2020-11-15", "confirmed", 3, "https://tass.com/defense/1223893"),
    ("C17", "2020-11-20", "2020-11-20", "confirmed", 6,
     "https://www.aljazeera.com/news/2020/11/20/azerbaijan-army-enters-district-handed-over-by-armenia"),
    ("C18", "2020-11-25", "2020-11-25", "confirmed", 7, "https://eng.kavkaz-uzel.media/articles/52882"),
    ("C19", "2020-12-01", "2020-12-01", "confirmed", 5,
     "https://news.az/news/azerbaijan-marks-2nd-anniversary-of-liberation-of-lachin-from-occupation"),
    ("C20", "2020-12-01", "2020-12-01", "confirmed", 3, "https://tass.com/world/1229771"),
]

# How the changes are drawn: id, kind, drawn_as, units.
DRAWING = [
    ("C01", "control", "circle", ("AZ-FUZ", "AZ-CAB")),
    ("C06", "control", "units", ("AZ-CAB",)),
    ("C07", "control", "circle", ("AZ-XVD",)),
    ("C09", "control", "units", ("AZ-FUZ",)),
    ("C11", "control", "units", ("AZ-ZAN",)),
    ("C12", "control", "units", ("AZ-QBI",)),
    ("C13", "control", "units", ("AZ-SUS", "AZ-X01~")),
    ("C14", "ceasefire", "none", ()),
    ("C15", "peacekeeping", "units", ("LACHIN-CORRIDOR",)),
    ("C17", "control", "units", ("AZ-AGM",)),
    ("C18", "control", "units", ("AZ-KAL",)),
    ("C19", "control", "units", ("AZ-LAC",)),
    ("C20", "peacekeeping", "units", ("LACHIN-CORRIDOR",)),
]


def test_the_bundled_file_validates(bundled_control: ControlLoadResult) -> None:
    assert [str(p) for p in bundled_control.problems] == []
    assert bundled_control.rows_read == len(bundled_control.changes) == len(REFERENCE_CHANGES)


@pytest.mark.parametrize(("change_id", "date", "claim_date", "status", "n_sources", "source"), REFERENCE_CHANGES)
def test_every_reference_change_is_present_with_its_sources(bundled_control: ControlLoadResult, change_id: str,
                                                           date: str, claim_date: str, status: str, n_sources: int,
                                                           source: str) -> None:
    change = next(c for c in bundled_control.changes if c.change_id == change_id)
    assert change.date == dt.date.fromisoformat(date)
    assert change.claim_date == dt.date.fromisoformat(claim_date)
    assert change.status is ChangeStatus(status)
    assert len(change.sources) == n_sources
    assert source in change.sources
    assert change.claimed_by
    assert change.from_side
    assert change.to_side
    assert "Map: " in change.notes  # how it is drawn is said


@pytest.mark.parametrize(("change_id", "kind", "drawn_as", "units"), DRAWING)
def test_changes_are_drawn_on_the_layer_units(bundled_control: ControlLoadResult, change_id: str, kind: str,
                                              drawn_as: str, units: tuple[str, ...]) -> None:
    change = next(c for c in bundled_control.changes if c.change_id == change_id)
    assert (change.kind, change.drawn_as, change.units) == (ChangeKind(kind), DrawnAs(drawn_as), units)
    catalogue = unit_catalogue()
    for unit in units:
        assert unit in catalogue
        if unit.startswith("AZ-") and drawn_as == "units":
            assert catalogue[unit].name in change.notes  # the district as the layer names it


@pytest.mark.parametrize(("change_id", "wording"), [
    ("C09", "from 'Armenian-controlled (Artsakh)' to 'Azerbaijan'"),
    ("C19", "to 'Azerbaijan (corridor excepted, see C20)'"),
    ("C16", "to 'Artsakh with Russian peacekeeping contingent'"),
])
def test_the_reference_wording_of_the_sides_is_kept(bundled_control: ControlLoadResult, change_id: str,
                                                    wording: str) -> None:
    change = next(c for c in bundled_control.changes if c.change_id == change_id)
    assert wording in change.notes


@pytest.mark.skipif(not (REFERENCE_DIR / "control_changes.csv").exists(),
                    reason="the reference research is not next to this checkout")
def test_the_file_is_what_the_build_script_makes() -> None:
    done = subprocess.run([sys.executable, str(Path("scripts") / "build_control_changes.py"), "--check"],
                          cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
