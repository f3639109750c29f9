"""The event table's rows and its selection callback; safe text in Markdown; the map's reported view."""

from __future__ import annotations

import pandas as pd
import pytest
import streamlit as st

from ui.map_view import view_of
from ui.safe_text import plain_markdown
from ui.sidebar import SELECTED_EVENT_KEY, place_labels
from ui.table import CENTER_PENDING_KEY, _row_selected, is_web_link, table_frame


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://example.org/a?b=c", True),
        ("  http://news.am/eng/news/605445.html ", True),
        ("HTTPS://EXAMPLE.ORG", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("//evil.example/x", False),
        ("/relative/path", False),
        ("ACLED ARM4892 (Jole34/mongo-repo)", False),
        ("https://", False),
        ("https://exa mple.org", False),
        ("http://[::1", False),
    ],
)
def test_only_http_links_become_links(text, expected):
    assert is_web_link(text) is expected


def frame() -> pd.DataFrame:
    return pd.DataFrame({
        "event_id": ["b", "a", "c"],
        "date": pd.to_datetime(["2020-10-09", "2020-10-08", "2020-10-08"]),
        "location": ["Shusha", "Stepanakert", "<img src=x onerror=alert(1)>"],
        "side": ["Azerbaijan", "Artsakh", "Armenia"],
        "actor": ["x", "y", "z"],
        "event_type": ["Battles", "Explosions/Remote violence", "Battles"],
        "sub_event_type": ["Armed clash", "Air/drone strike", "Armed clash"],
        "status": ["claimed", "confirmed", "denied"],
        "verification": ["single-source", "multi-source", "unverified"],
        "fatalities": pd.array([1, None, 0], dtype="Int64"),
        "injured": pd.array([None, None, 2], dtype="Int64"),
        "claimed_by": ["A", "B", "C"],
        "disputed_by": ["", "D", ""],
        "description": ["one", "two", "three"],
        "sources": ["ACLED ARM1; https://a.example/1; https://b.example/2", "javascript:alert(1)", ""],
    }, index=[10, 20, 30])


def test_table_rows_are_sorted_named_and_linked():
    rows = table_frame(frame(), naming="hy", lang="en")
    assert rows["event_id"].tolist() == ["a", "c", "b"]
    assert rows["place"].tolist() == ["Stepanakert", "<img src=x onerror=alert(1)>", "Shushi"]
    assert rows["link"].isna().tolist() == [True, True, False]
    assert rows["link"].iloc[2] == "https://a.example/1"
    assert rows["other_sources"].tolist() == [["javascript:alert(1)"], [], ["ACLED ARM1", "https://b.example/2"]]
    assert rows["status"].tolist() == ["confirmed", "denied", "claimed"]
    assert rows["fatalities"].tolist()[2] == 1


def test_table_rows_are_capped():
    assert len(table_frame(frame(), naming="en", lang="en", limit=2)) == 2


def test_arabic_table_translates_schema_words_and_known_sides_not_data():
    source = frame()
    rows = table_frame(source, naming="en", lang="ar")
    assert rows["status"].tolist()[0] != "confirmed"
    assert rows["side"].tolist()[0] == "آرتساخ"  # the catalogue's `side.Artsakh`
    assert sorted(rows["actor"]) == sorted(source["actor"])  # free text from the data stays as it is
    unknown = table_frame(source.assign(side="Some militia"), naming="en", lang="ar")
    assert set(unknown["side"]) == {"Some militia"}


def test_selecting_a_row_selects_its_event_and_asks_the_map_to_centre():
    st.session_state.clear()
    st.session_state["table"] = {"selection": {"rows": [1], "columns": []}}
    _row_selected("table", ("a", "c", "b"))
    assert st.session_state[SELECTED_EVENT_KEY] == "c"
    assert st.session_state[CENTER_PENDING_KEY] is True
    st.session_state["table"] = {"selection": {"rows": [], "columns": []}}
    _row_selected("table", ("a", "c", "b"))
    assert SELECTED_EVENT_KEY not in st.session_state
    st.session_state.clear()


@pytest.mark.parametrize(
    ("returned", "expected"),
    [
        (None, (None, None)),
        ({"zoom": 8}, (None, None)),
        ({"center": {"lat": 39.123456789, "lng": 46.987654321}, "zoom": 9}, ((39.12346, 46.98765), 9)),
        ({"center": {"lat": "x", "lng": 1}, "zoom": 9}, (None, None)),
        ({"center": [39, 46], "zoom": 9}, (None, None)),
    ],
)
def test_view_of_reads_what_the_browser_reported(returned, expected):
    assert view_of(returned) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("events.csv", "events.csv"),
        ("*bold* [link](javascript:x) <b>", "\\*bold\\* \\[link\\](javascript\\:x) \\<b\\>"),
        ("line\nbreak", "line break"),
        ("$x$ `code` # h | ~", "\\$x\\$ \\`code\\` \\# h \\| \\~"),
    ],
)
def test_plain_markdown_leaves_nothing_to_interpret(text, expected):
    assert plain_markdown(text) == expected


def test_place_labels_carry_every_variant_after_the_chosen_name():
    labels = place_labels(["Shusha", "Stepanakert", "Somewhere-unknown"], "az")
    assert labels["Shusha"].startswith("Şuşa · ")
    assert "Shushi" in labels["Shusha"]
    assert "شوشة" in labels["Shusha"]
    assert labels["Stepanakert"].startswith("Xankəndi · ")
    assert labels["Somewhere-unknown"] == "Somewhere-unknown"
