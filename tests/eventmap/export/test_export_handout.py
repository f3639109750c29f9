"""The A4 handout: one page per step with the step's map, words, dates and sources; the `handout` command."""

from __future__ import annotations

import argparse
import io
import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from base.settings import Settings
from eventmap.export import handout_cli
from eventmap.export.handout import HandoutSpec, handout_pages, render_handout, step_extent, step_sources
from eventmap.export.tables import events_csv
from eventmap.export.viewport import Extent
from eventmap.playback.stories import StoryError, story_from_mapping
from eventmap.playback.story_steps import StepView, StoryStep

TITLES = ("Jabrayil and Ganja", "Shusha and Stepanakert")
RAW = {
    "title": {"en": "A week in class", "ar": "أسبوع في الصف"},
    "source": "Made for a test",
    "steps": [
        {"from": "2020-10-04", "to": "2020-10-06", "view": {"bbox": [38.8, 45.8, 41.0, 47.8]},
         "event_ids": ["T-000", "T-001"], "title": {"en": TITLES[0], "ar": "جبرائيل وكنجة"},
         "text": {"en": "Two towns on the first days.", "ar": "مدينتان في الأيام الأولى."}},
        {"from": "2020-10-08", "to": "2020-10-08", "view": {"center": [39.8, 46.75], "zoom": 10},
         "event_ids": ["T-003"], "title": {"en": TITLES[1], "ar": "شوشا وستيباناكيرت"},
         "text": {"en": "A denied claim.", "ar": "ادعاء منفي."}},
    ],
}


def pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b", data))


@pytest.fixture
def story():
    return story_from_mapping(RAW, key="week", origin="week.json")


@pytest.fixture
def war(war_week: pd.DataFrame) -> pd.DataFrame:
    sources = [f"https://example.org/{i}; https://example.org/shared" for i in range(len(war_week))]
    return war_week.assign(sources=sources)


def test_the_pdf_has_one_a4_page_per_step_named_by_the_steps(war, story):
    data = render_handout(war, story, spec=HandoutSpec(lang="en"))
    assert data.startswith(b"%PDF")
    assert pdf_pages(data) == len(story.steps) == 2
    assert len(re.findall(rb"/MediaBox \[ 0 0 595\.44 841\.68 \]", data)) == 2  # A4 portrait, in points
    for title in TITLES:
        assert title.encode("utf-16-be") in data  # the document's subject lists the steps


def page_texts(figure) -> str:
    return "\n".join(text.get_text() for text in figure.texts)


def test_each_page_says_the_steps_title_text_dates_and_sources_in_arabic(war, story):
    pages = list(handout_pages(war, story, spec=HandoutSpec(lang="ar")))
    assert len(pages) == 2
    first = page_texts(pages[0])
    assert "جبرائيل وكنجة" in first
    assert "مدينتان في الأيام الأولى." in first
    assert "أكتوبر" in first  # the date range in Arabic
    assert "https://example.org/0" in first
    assert "https://example.org/1" in first
    assert first.count("https://example.org/shared") == 1  # a source shared by two events is listed once
    assert "https://example.org/3" not in first
    assert all(text.get_horizontalalignment() == "right" for text in pages[0].texts)
    assert "شوشا وستيباناكيرت" in page_texts(pages[1])


@pytest.mark.parametrize(
    ("view", "expected"),
    [
        (StepView(bbox=(39.0, 46.0, 40.0, 47.0)), Extent.from_bbox(39.0, 46.0, 40.0, 47.0)),
        (StepView(), Extent.from_bbox(30.0, 40.0, 50.0, 60.0)),
    ],
)
def test_the_step_view_sets_the_map_extent(view, expected):
    step = StoryStep(date_from=date(2020, 10, 1), date_to=date(2020, 10, 2), view=view, event_ids=(),
                     titles={"en": "T"}, texts={"en": "x"})
    assert step_extent(step, fallback=Extent.from_bbox(30.0, 40.0, 50.0, 60.0)) == expected


def test_a_centre_and_zoom_view_is_narrower_at_a_higher_zoom():
    def width(zoom: float) -> float:
        step = StoryStep(date_from=date(2020, 10, 1), date_to=date(2020, 10, 2), event_ids=(), titles={"en": "T"},
                         texts={"en": "x"}, view=StepView(center=(39.8, 46.7), zoom=zoom))
        return step_extent(step, fallback=Extent.from_bbox(30.0, 40.0, 50.0, 60.0)).width

    assert width(10) == pytest.approx(width(8) / 4)


def test_sources_are_listed_once_in_the_steps_order(war):
    assert step_sources(war, ["T-001", "T-000", "nope"]) == [
        "https://example.org/1", "https://example.org/shared", "https://example.org/0"]


def test_a_story_without_steps_or_with_unknown_events_gets_no_handout(war):
    listing = story_from_mapping({"title": "T", "event_ids": ["T-000"]}, key="list", origin="list.json")
    with pytest.raises(StoryError, match="needs a story in steps"):
        render_handout(war, listing, spec=HandoutSpec())
    raw = json.loads(json.dumps(RAW))
    raw["steps"][1]["event_ids"] = ["T-003", "NK-E999"]
    unknown = story_from_mapping(raw, key="week", origin="week.json")
    with pytest.raises(StoryError, match=r"^week: step 2: event_ids: not in the data: NK-E999$"):
        render_handout(war, unknown, spec=HandoutSpec())


# --- the command line ------------------------------------------------------------------------------------

def run(argv: list[str], settings: Settings) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="python -m eventmap")
    handout_cli.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["handout", *argv])
    out, err = io.StringIO(), io.StringIO()
    code = args.handler(args, out=out, err=err, settings=settings)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def settings(tmp_path: Path, war: pd.DataFrame) -> Settings:
    data = tmp_path / "war.csv"
    data.write_bytes(events_csv(war[war["location"] != "a statement"]))  # every row placed: no lookups
    return replace(Settings.from_env({}), data_path=data, state_dir=tmp_path / "state",
                   overrides_path=tmp_path / "overrides.csv")


def test_the_command_writes_the_handout(tmp_path: Path, settings: Settings):
    story = tmp_path / "week.json"
    story.write_text(json.dumps(RAW, ensure_ascii=False), encoding="utf-8")
    code, out, err = run([str(story), "-o", str(tmp_path / "week.pdf"), "--lang", "ar"], settings)
    assert code == 0, err
    assert "2 pages" in out
    assert pdf_pages((tmp_path / "week.pdf").read_bytes()) == 2


@pytest.mark.parametrize(
    ("change", "options", "message"),
    [
        ({"to": "2020-10-01"}, [], "week.json: step 2: to: 2020-10-01 is before from (2020-10-08)"),
        ({"text": {"en": "only English"}}, [], "week.json: step 2: text: no text in ar"),
        ({"event_ids": ["NK-E999"]}, [], "step 2: event_ids: not in the data: NK-E999"),
        ({}, ["--lang", "xx"], "--lang: one of"),
    ],
)
def test_a_bad_story_writes_nothing_and_says_where(tmp_path: Path, settings: Settings, change, options, message):
    raw = json.loads(json.dumps(RAW))
    raw["steps"][1].update(change)
    story = tmp_path / "week.json"
    story.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    code, _, err = run([str(story), "-o", str(tmp_path / "week.pdf"), *options], settings)
    assert code == 2
    assert message in err
    assert not (tmp_path / "week.pdf").exists()
