"""Loading control changes: each bad cell is reported as FILE:LINE: column: message, the other rows load."""

from __future__ import annotations

import csv
import io

import pytest
from conftest import CONTROL_FILE

from base.errors import DataFileError, EventMapError
from base.problems import Severity
from eventmap.control.loading import load_control_changes
from eventmap.control.schema import COLUMN_NAMES


def _bundled_rows() -> dict[str, dict[str, str]]:
    with CONTROL_FILE.open(encoding="utf-8", newline="") as handle:
        return {row["change_id"]: row for row in csv.DictReader(handle)}


def _csv(rows: list[dict[str, str]], columns: list[str] | None = None) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns or list(COLUMN_NAMES), lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _file_with(bad: dict[str, str]) -> bytes:
    """Line 2: C06 as bundled; line 3: C06 changed by `bad` (id X99); line 4: C13 as bundled."""
    rows = _bundled_rows()
    return _csv([rows["C06"], {**rows["C06"], "change_id": "X99", **bad}, rows["C13"]])


BAD_ROWS = [
    ({"date": "2020-10-32"}, "date", "'2020-10-32' is not a date written yyyy-mm-dd"),
    ({"date": "04/10/2020"}, "date", "'04/10/2020' is not a date written yyyy-mm-dd"),
    ({"claim_date": ""}, "claim_date", "is empty; a value is required"),
    ({"units": "AZ-CAB; AZ-NOPE"}, "units", "'AZ-NOPE' is not a unit of the territory layers"),
    ({"units": ""}, "units", "drawn_as 'units' needs at least one unit"),
    ({"status": "liberated"}, "status", "'liberated' is not one of: claimed, disputed, confirmed"),
    ({"sources": ""}, "sources", "at least one source is required"),
    ({"sources": " ; "}, "sources", "at least one source is required"),
    ({"kind": "capture"}, "kind", "'capture' is not one of: control, peacekeeping, ceasefire"),
    ({"drawn_as": "polygon"}, "drawn_as", "'polygon' is not one of: units, circle, none"),
    ({"from_side": ""}, "from_side", "is empty; a value is required"),
    ({"to_side": "Azerbaijan; Artsakh/Armenia"}, "to_side", "names 2 sides; a control change has one"),
    ({"claimed_by": ""}, "claimed_by", "is empty; a value is required"),
    ({"latitude": "39.4"}, "latitude", "'39.4' is only used when drawn_as is 'circle'"),
    ({"drawn_as": "circle", "latitude": "39.4", "longitude": "47.0"}, "radius_km", "drawn_as 'circle' needs it"),
    ({"drawn_as": "circle", "latitude": "139.4", "longitude": "47.0", "radius_km": "5"}, "latitude",
     "'139.4' is outside -90..90"),
    ({"drawn_as": "circle", "latitude": "39.4", "longitude": "47.0", "radius_km": "five"}, "radius_km",
     "'five' is not a number"),
]


@pytest.mark.parametrize(("bad", "column", "message"), BAD_ROWS)
def test_a_bad_row_is_reported_with_line_and_column_and_the_rest_loads(bad: dict[str, str], column: str,
                                                                      message: str) -> None:
    result = load_control_changes(_file_with(bad), name="bad.csv")
    assert [c.change_id for c in result.changes] == ["C06", "C13"]
    assert result.rejected_lines == (3,)
    assert result.rows_read == 3
    assert [(p.line, p.column) for p in result.errors] == [(3, column)]
    assert str(result.errors[0]).startswith(f"bad.csv:3: {column}: ")
    assert message in str(result.errors[0])


def test_several_problems_of_one_row_are_all_listed() -> None:
    result = load_control_changes(_file_with({"date": "x", "status": "y", "sources": ""}), name="bad.csv")
    assert [p.column for p in result.errors] == ["date", "status", "sources"]
    assert result.rejected_lines == (3,)


def test_a_duplicate_id_is_reported() -> None:
    rows = _bundled_rows()
    result = load_control_changes(_csv([rows["C06"], rows["C06"]]), name="dup.csv")
    assert [str(p) for p in result.errors] == ["dup.csv:3: change_id: 'C06' is already used on line 2"]
    assert [c.change_id for c in result.changes] == ["C06"]


def test_a_short_row_is_reported_and_the_rest_loads() -> None:
    rows = _bundled_rows()
    data = _csv([rows["C06"]]) + b"X98,2020-10-04\n"
    result = load_control_changes(data, name="short.csv")
    assert f"short.csv:3: the row has 2 cells but the header has {len(COLUMN_NAMES)}" in [str(p) for p in
                                                                                         result.errors]
    assert [c.change_id for c in result.changes] == ["C06"]


def test_an_unknown_column_is_a_warning_and_the_rows_load() -> None:
    rows = _bundled_rows()
    data = _csv([{**rows["C06"], "extra": "x"}], columns=[*COLUMN_NAMES, "extra"])
    result = load_control_changes(data, name="extra.csv")
    assert [(p.column, p.severity) for p in result.problems] == [("extra", Severity.WARNING)]
    assert len(result.changes) == 1


@pytest.mark.parametrize("missing", ["status", "sources", "units"])
def test_a_file_without_a_required_column_cannot_be_used(missing: str) -> None:
    rows = _bundled_rows()
    with pytest.raises(DataFileError, match=f"missing column\\(s\\) {missing}") as info:
        load_control_changes(_csv([rows["C06"]], columns=[c for c in COLUMN_NAMES if c != missing]), name="x.csv")
    assert isinstance(info.value, EventMapError)
    assert isinstance(info.value, ValueError)
