"""Telling the project's schema, ACLED and UCDP GED apart by their headers."""

from __future__ import annotations

import pytest

from eventmap.imports import detect_format
from eventmap.imports.acled import CURRENT_COLUMNS, HDX_COLUMNS
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
    ],
)
def test_detect_format(header: list[str], expected: str) -> None:
    assert detect_format(header) == expected
