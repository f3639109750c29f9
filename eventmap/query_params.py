"""Reading a page's URL parameters (Streamlit's `st.query_params`, or any mapping of name to one value or a
list): every value is text the user can edit, read without trusting it. `eventmap.urlstate` reads the
dashboard's view with these, `eventmap.engine.view_choice` the view of a large file."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

QueryParams = Mapping[str, "str | list[str] | tuple[str, ...]"]


def all_values(params: QueryParams, name: str) -> list[str]:
    """Every text value of parameter `name` (none when it is missing)."""
    value = params.get(name)
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str)]


def first_value(params: QueryParams, name: str) -> str:
    """The first value of parameter `name`, "" when it is missing."""
    values = all_values(params, name)
    return values[0] if values else ""


def read_date(params: QueryParams, name: str, bad: Callable[[str, str], None] | None = None) -> date | None:
    """Parameter `name` as an ISO date; None when it is missing or cannot be read (then `bad(name, text)`)."""
    text = first_value(params, name).strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        if bad is not None:
            bad(name, text)
        return None
