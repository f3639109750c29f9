"""The article page's logic without Streamlit: the review table, the highlighted text, kept rows, saving."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from access import PermissionDeniedError, Principal, Role
from base.settings import Settings
from eventmap.extract import extract_article
from eventmap.loading import load_events
from services.articles import (
    HIGHLIGHT_STYLES,
    KEEP,
    draft_table,
    highlighted_html,
    kept_rows,
    merged_csv,
    save_kept,
    spans_of,
    validate_kept,
)

EDITOR = Principal(name="Ana", role=Role.EDITOR, via="password")
ARTICLE = ("Baku, 9 October 2020\nArmenian forces shelled Tartar and Barda, the Azerbaijani Defence Ministry said. "
           "Stepanakert was hit by rockets yesterday.")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return replace(Settings(), state_dir=tmp_path / "state")


@pytest.fixture
def extraction():
    return extract_article(ARTICLE, name="paste", source="https://example.org/a")


PLACE = f'class="place" style="{HIGHLIGHT_STYLES["place"]}"'


@pytest.mark.parametrize(("text", "spans", "expected"), [
    ("<b>Shusha</b> & co", [(3, 9, "place", "r1")],
     f'&lt;b&gt;<mark {PLACE} title="r1">Shusha</mark>&lt;/b&gt; &amp; co'),
    ('a"b', [(0, 1, "place", '"><script>')], f'<mark {PLACE} title="&quot;&gt;&lt;script&gt;">a</mark>&quot;b'),
    ("one\ntwo", [(0, 3, "place", "x"), (1, 2, "event", "overlap")], f'<mark {PLACE} title="x">one</mark><br>two'),
    ("abc", [(2, 9, "place", "outside")], "abc"),
])
def test_highlighted_html_escapes_everything(text: str, spans: list[tuple[int, int, str, str]], expected: str) -> None:
    html = highlighted_html(text, spans)
    assert html.startswith('<div dir="auto" class="article-text"')
    assert html.endswith(f">{expected}</div>")


def test_spans_point_at_the_words_the_rows_came_from(extraction) -> None:
    words = [(kind, extraction.text[start:end]) for start, end, kind, _ in spans_of(extraction)]
    assert words == [("place", "Tartar"), ("place", "Barda"), ("event", "shelled"),
                     ("said", "Azerbaijani Defence Ministry"), ("place", "Stepanakert"), ("event", "hit"),
                     ("event", "rockets")]


def test_nothing_is_kept_unless_ticked(extraction) -> None:
    table = draft_table(extraction)
    assert not table[KEEP].any()
    assert kept_rows(table).empty
    table.loc[1, KEEP] = True
    assert list(kept_rows(table)["location"]) == ["Barda"]


def test_publication_day_only_when_chosen(extraction) -> None:
    assert list(draft_table(extraction)["date"]) == ["", "", "2020-10-08"]
    chosen = draft_table(extraction, use_publication_date=True)
    assert list(chosen["date"]) == ["2020-10-09", "2020-10-09", "2020-10-08"]
    assert "the analyst's choice" in chosen.loc[0, "notes"]


def test_kept_rows_validate_like_any_file(extraction, settings: Settings) -> None:
    undated = validate_kept(kept_rows(draft_table(extraction, keep_all=True)), settings=settings)
    assert not undated.ok
    assert "article drafts.csv:2: date: required, but empty" in [str(p) for p in undated.problems]
    dated = validate_kept(kept_rows(draft_table(extraction, keep_all=True, use_publication_date=True)),
                          settings=settings)
    assert dated.ok
    assert len(dated.events) == 3
    assert {str(day)[:10] for day in dated.events["date"]} == {"2020-10-09", "2020-10-08"}


def test_merged_data_loads_with_both(extraction, settings: Settings) -> None:
    current = load_events(Path(__file__).resolve().parents[1] / "data" / "project_utf8.csv").events
    added = validate_kept(kept_rows(draft_table(extraction, keep_all=True, use_publication_date=True)),
                          settings=settings).events
    both = load_events(merged_csv(current, added), name="both.csv").events
    assert len(both) == len(current) + 3
    assert "https://example.org/a" in set(both["sources"])


def test_saved_inside_the_exports_folder(extraction, settings: Settings) -> None:
    rows = kept_rows(draft_table(extraction, keep_all=True, use_publication_date=True))
    path = save_kept(rows, file_name="../../my events", settings=settings, principal=EDITOR)
    assert path.parent == settings.exports_dir
    assert path.name == "my_events.csv"
    assert len(pd.read_csv(path)) == 3
    assert save_kept(rows, file_name="\x00/", settings=settings, principal=EDITOR).name == "article-events.csv"


def test_a_viewer_cannot_save_a_file_on_the_server(extraction, settings: Settings) -> None:
    rows = kept_rows(draft_table(extraction, keep_all=True, use_publication_date=True))
    with pytest.raises(PermissionDeniedError, match="may not save files: it needs the editor role"):
        save_kept(rows, file_name="article-events", settings=settings, principal=Principal.anonymous())
    assert not settings.exports_dir.exists() or not any(settings.exports_dir.iterdir())
