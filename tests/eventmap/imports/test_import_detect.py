"""Telling the project's schema, ACLED and UCDP GED apart by their headers."""

from __future__ import annotations

import pytest

from eventmap.imports import detect_format
from eventmap.imports.acled import CURRENT_COLUMNS, HDX_COLUMNS, OLD_COLUMNS
from eventmap.imports.gdelt import COLUMNS_1_0, COLUMNS_1_0_DAILY, COLUMNS_2_0
from eventmap.imports.ucdp import COLUMNS as UCDP_COLUMNS
from eventmap.schema import COLUMN_NAMES


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (list(COLUMN_NAMES), "project"),
        (list(CURRENT_COLUMNS), "acled"),
        (list(HDX_COLUMNS), "acled"),
        ([c for c in HDX_COLUMNS if c != "fatalities"], "acled"),
        ([c.upper() for c in CURRENT_COLUMNS], "acled"),
        (list(UCDP_COLUMNS), "ucdp"),
        (["id", "type_of_violence", "best", "latitude"], "ucdp"),
        (["event_id_cnty", "actor1"], "acled"),
        (["event_id_cnty"], "project"),  # one marker is not enough
        ([], "project"),
        (["a", "b", "c"], "project"),
        ([c.upper() for c in OLD_COLUMNS], "acled"),
        ([c.replace("best", "best_est") for c in UCDP_COLUMNS if c not in ("latitude", "longitude")], "ucdp"),
        (["id", "date_start", "best_est", "where_prec", "side_a"], "ucdp"),
        (list(COLUMNS_1_0), "gdelt"),
        (list(COLUMNS_1_0_DAILY), "gdelt"),
        (list(COLUMNS_2_0), "gdelt"),
        (["GLOBALEVENTID", "SQLDATE", "Actor1Name", "ActionGeo_FullName"], "gdelt"),
        (["id", "description", "date", "time", "location", "latitude", "longitude", "associations.title",
          "sources.paths"], "timemap"),
        (["id", "description", "date", "time", "location", "latitude", "longitude", "source1", "association1"],
         "timemap"),
        (["id", "date", "latitude", "longitude", "location", "description", "sources.id", "sources.path",
          "sources.description", "filters.key", "filters.value"], "timemap"),
        (["id", "description", "date", "location", "latitude", "longitude"], "project"),  # nothing of TimeMap's own
        (["event_id", "id", "description", "date", "latitude", "longitude", "source1"], "project"),
    ],
)
def test_detect_format(header: list[str], expected: str) -> None:
    assert detect_format(header) == expected
