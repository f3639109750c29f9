"""Text from data files inside Streamlit: shown, never interpreted.

- `plain_markdown`: inside Streamlit's Markdown (alerts, captions, headings);
- `spreadsheet_safe`: inside its tables, whose toolbar downloads what is shown as a CSV with no formula
  neutralisation of its own (the app's own CSV exports have theirs, `base.csv_safety`).
"""

from __future__ import annotations

import pandas as pd
from pandas.api.types import is_numeric_dtype

from base.csv_safety import neutralise_cell

MARKDOWN_ACTIVE = frozenset("\\`*_{}[]<>#|~$:")


def plain_markdown(text: str) -> str:
    """`text` (a file or place name from the data) escaped for Markdown: no emphasis, link, HTML, math or
    bare URL comes out of it, whatever it holds; newlines become spaces."""
    return "".join(f"\\{c}" if c in MARKDOWN_ACTIVE else c for c in text.replace("\r", " ").replace("\n", " "))


def _safe_value(value: object) -> object:
    if isinstance(value, str):
        return neutralise_cell(value)
    if isinstance(value, list | tuple):
        return [neutralise_cell(v) if isinstance(v, str) else v for v in value]
    return value


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` whose text cells (and texts in list cells) a spreadsheet cannot run: `=1+1` is shown
    as `'=1+1`. Numbers, dates and links keep their types."""
    safe = frame.copy()
    for column in safe.columns:
        if not is_numeric_dtype(safe[column]):
            safe[column] = safe[column].map(_safe_value)
    return safe
