"""An edit is validated by the file loader's own rules: refused with the same field and reason a file's row
would get, and nothing is written."""

from __future__ import annotations

import csv
import io

import pytest
from storekit import EDITOR, event_values

from eventmap.loading import load_events
from store.api import EditRefusedError

pytestmark = pytest.mark.postgres

BAD_EDITS = [
    {"date": "soon"},
    {"date": "31/02/2020"},
    {"latitude": "north"},
    {"latitude": "139.7", "longitude": "46.7"},
    {"longitude": ""},
    {"description": ""},
    {"status": "probably"},
    {"fatalities": "20-30"},
    {"injured": "-1"},
    {"sub_event_type": "Armed clash"},
    {"event_type": "War"},
    {"sources": " ; "},
    {"description_ar": "قصف"},
]


def _file_problems(values: dict[str, str], tmp_path) -> list[tuple[object, ...]]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(values))
    writer.writeheader()
    writer.writerow(values)
    path = tmp_path / "one.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    result = load_events(path)
    return [(p.column, p.message, p.value, p.severity) for p in result.errors]


@pytest.mark.parametrize("change", BAD_EDITS, ids=lambda change: ",".join(f"{k}={v}" for k, v in change.items()))
def test_an_edit_gets_the_same_problems_as_a_file(store, tmp_path, change):
    values = event_values(**change)
    expected = _file_problems(values, tmp_path)
    assert expected, "the file's row must be refused too"
    with pytest.raises(EditRefusedError) as caught:
        store.propose(EDITOR, values=values, base_number=None, reason="new")
    assert [(p.column, p.message, p.value, p.severity) for p in caught.value.problems] == expected
    assert str(expected[0][1]) in str(caught.value)
    assert store.pending() == []
    assert store.history("T-1") == []


@pytest.mark.parametrize(("values", "reason", "column"), [
    (event_values(), "  ", "reason"),
    (event_values(colour="red"), "new", "colour"),
])
def test_a_missing_reason_or_an_unknown_column_is_refused(store, values, reason, column):
    with pytest.raises(EditRefusedError) as caught:
        store.propose(EDITOR, values=values, base_number=None, reason=reason)
    assert [p.column for p in caught.value.problems] == [column]
    assert store.pending() == []
