"""Text from the data inside Streamlit: Markdown escaped, table cells that a spreadsheet cannot run."""

from datetime import date

import pandas as pd
import pytest

from base.csv_safety import FORMULA_STARTS
from ui.safe_text import plain_markdown, spreadsheet_safe


@pytest.mark.parametrize(("cell", "shown"), [
    ("=HYPERLINK(\"http://evil.invalid\",\"x\")", "'=HYPERLINK(\"http://evil.invalid\",\"x\")"),
    ("+1+1", "'+1+1"),
    ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
    ("@SUM(1+1)", "'@SUM(1+1)"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
    ("Shusha", "Shusha"),
    ("", ""),
    ("https://example.org/a", "https://example.org/a"),
])
def test_text_cells_are_neutralised(cell: str, shown: str) -> None:
    assert spreadsheet_safe(pd.DataFrame({"text": [cell]}))["text"].tolist() == [shown]


def test_numbers_dates_lists_and_missing_values_keep_their_types() -> None:
    frame = pd.DataFrame({
        "fatalities": [-3, 5],
        "latitude": [-12.5, None],
        "date": [date(2020, 10, 8), date(2020, 10, 9)],
        "sources": [["=1+1", "https://example.org"], []],
        "place": ["=cmd", None],
    })
    safe = spreadsheet_safe(frame)
    assert safe["fatalities"].tolist() == [-3, 5]
    assert safe["latitude"].iloc[0] == -12.5
    assert safe["date"].tolist() == [date(2020, 10, 8), date(2020, 10, 9)]
    assert safe["sources"].tolist() == [["'=1+1", "https://example.org"], []]
    assert safe["place"].iloc[0] == "'=cmd"
    assert pd.isna(safe["place"].iloc[1])
    assert frame["place"].iloc[0] == "=cmd", "the frame passed in is left as it was"


def test_no_shown_text_starts_like_a_formula() -> None:
    cells = [start + "x" for start in FORMULA_STARTS]
    assert not any(v.startswith(FORMULA_STARTS) for v in spreadsheet_safe(pd.DataFrame({"c": cells}))["c"])


@pytest.mark.parametrize(("text", "escaped"), [
    ("**bold** [link](javascript:alert(1))", "\\*\\*bold\\*\\* \\[link\\](javascript\\:alert(1))"),
    ("line\nbreak", "line break"),
    ("<b>x</b>", "\\<b\\>x\\</b\\>"),
])
def test_plain_markdown_shows_markdown_as_text(text: str, escaped: str) -> None:
    assert plain_markdown(text) == escaped
