"""A teacher's story in steps: the format read, every mistake named by file, step and field."""

from __future__ import annotations

import copy
from datetime import date

import pytest

from eventmap.playback.stories import StoryError, ready_made_stories, story_from_mapping
from eventmap.playback.story_steps import StepView, check_against_data

SAMPLE = "first-two-weeks"
STEP = {
    "from": "2020-10-04", "to": "2020-10-07",
    "view": {"center": [39.8, 46.7], "zoom": 8},
    "event_ids": ["E1", "E2"],
    "title": {"en": "Cities under fire", "ar": "مدن تحت النار"},
    "text": {"en": "Missiles hit Ganja.", "ar": "تصيب صواريخ مدينة كنجة."},
}
STORY = {"title": {"en": "Two weeks", "ar": "أسبوعان"}, "steps": [STEP, {**STEP, "view": {"bbox": [38, 44, 41, 51]}}]}


def with_step(**changes: object) -> dict:
    raw = copy.deepcopy(STORY)
    for name, value in changes.items():
        if value is None:
            del raw["steps"][1][name]
        else:
            raw["steps"][1][name] = value
    return raw


def test_a_story_in_steps_is_read_with_its_dates_views_and_words():
    story = story_from_mapping(STORY, key="mine", origin="mine.json")
    first, second = story.steps
    assert (first.date_from, first.date_to) == (date(2020, 10, 4), date(2020, 10, 7))
    assert first.view == StepView(center=(39.8, 46.7), zoom=8.0)
    assert second.view == StepView(bbox=(38.0, 44.0, 41.0, 51.0))
    assert first.title("ar") == "مدن تحت النار"
    assert first.text("en") == "Missiles hit Ganja."
    assert story.event_ids == ("E1", "E2")  # the highlighted events, each once: what playback steps through


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"title": "T", "steps": []}, "steps: a non-empty list of steps"),
        ({"title": "T", "steps": ["x"]}, "step 1: a JSON object (got str)"),
        (with_step(**{"from": "2020-13-40"}), "step 2: from: not a date YYYY-MM-DD (got '2020-13-40')"),
        (with_step(to="9 October"), "step 2: to: not a date YYYY-MM-DD"),
        (with_step(to="2020-10-01"), "step 2: to: 2020-10-01 is before from (2020-10-04)"),
        (with_step(**{"from": None}), "step 2: from: missing"),
        (with_step(text=None), "step 2: text: missing"),
        (with_step(text={"en": "Only English"}), "step 2: text: no text in ar"),
        (with_step(title={"en": "T", "ar": "  "}), "step 2: title: no text in ar"),
        (with_step(title=["T"]), "step 2: title: an object of language → text"),
        (with_step(event_ids="E1"), "step 2: event_ids: a list of event ids"),
        (with_step(view={"bbox": [41, 44, 38, 51]}), "step 2: view.bbox: south < north"),
        (with_step(view={"bbox": [38, 44, 41]}), "step 2: view.bbox: a list of 4 numbers"),
        (with_step(view={"center": [39.8, 46.7], "zoom": 30}), "step 2: view.zoom: between 1 and 18 (got 30)"),
        (with_step(view={"center": [139.8, 46.7], "zoom": 8}), "step 2: view.center: latitude within ±90"),
        (with_step(view={"zoom": 8}), 'step 2: view: {"bbox": [S, W, N, E]} or'),
        (with_step(colour="red"), "step 2: colour: not a step field"),
    ],
)
def test_a_bad_step_is_named_by_file_step_and_field(raw, message):
    with pytest.raises(StoryError, match=r"^mine\.json: ") as caught:
        story_from_mapping(raw, key="mine", origin="mine.json")
    assert message in str(caught.value)


def test_events_the_data_lacks_are_named_with_their_step():
    story = story_from_mapping(with_step(event_ids=["E1", "NOPE", "E9"]), key="mine", origin="mine.json")
    with pytest.raises(StoryError) as caught:
        check_against_data(story.steps, ["E1", "E2"], origin="mine.json")
    assert str(caught.value) == "mine.json: step 2: event_ids: not in the data: NOPE, E9"
    check_against_data(story.steps[:1], ["E1", "E2"], origin="mine.json")  # step 1 is fine


def test_the_sample_story_in_steps_matches_the_bundled_data(bundled_events):
    story = ready_made_stories()[SAMPLE]
    assert len(story.steps) == 3
    check_against_data(story.steps, bundled_events["event_id"], origin=SAMPLE)
    for step in story.steps:
        days = bundled_events.set_index("event_id").loc[list(step.event_ids), "date"].dt.date
        assert days.between(step.date_from, step.date_to).all(), step.title("en")
        assert step.title("ar") != step.title("en")
        assert step.text("ar") != step.text("en")
