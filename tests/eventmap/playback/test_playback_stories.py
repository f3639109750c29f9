"""Stories: the ready-made one matches the data, a bad file says what is wrong, missing ids are named."""

from __future__ import annotations

import json

import pytest

from eventmap.i18n import languages
from eventmap.playback.stories import Story, StoryError, load_story, ready_made_stories, story_from_mapping

ARTICLE = "article-2020-10-09"


def test_the_article_story_is_bundled_with_a_title_in_every_language():
    story = ready_made_stories()[ARTICLE]
    for lang in languages():
        assert story.titles.get(lang), lang
    assert "بوتين" in story.title("ar")
    assert story.source


def test_the_article_story_lists_exactly_the_events_that_quote_the_article(bundled_events):
    quoting = bundled_events[(bundled_events["language"] == "ar") & (bundled_events["description_original"] != "")]
    story = ready_made_stories()[ARTICLE]
    assert set(story.event_ids) == set(quoting["event_id"])
    assert story.resolve(bundled_events["event_id"]).missing == ()


def test_the_article_story_runs_in_time_order(bundled_events):
    story = ready_made_stories()[ARTICLE]
    by_id = bundled_events.set_index("event_id")["date"]
    days = [by_id[event_id] for event_id in story.event_ids]
    assert days == sorted(days)
    assert str(days[0].date()) == "2020-10-07"
    assert str(days[-1].date()) == "2020-10-09"


def test_resolve_keeps_the_order_and_names_the_missing_ids():
    story = Story(key="k", titles={"en": "T"}, event_ids=("a", "b", "c"))
    resolved = story.resolve(["c", "a"])
    assert resolved.event_ids == ("a", "c")
    assert resolved.missing == ("b",)


def test_title_falls_back_to_english_then_the_key():
    assert Story(key="k", titles={"en": "T"}, event_ids=("a",)).title("ar") == "T"
    assert Story(key="k", titles={"fr": "F"}, event_ids=("a",)).title("ar") == "k"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ([], "a story is a JSON object (got list)"),
        ({"event_ids": ["a"]}, "title: an object of language"),
        ({"title": {"en": " "}, "event_ids": ["a"]}, "title: an object of language"),
        ({"title": "T"}, "event_ids: a non-empty list of event ids (got None)"),
        ({"title": "T", "event_ids": []}, "event_ids: a non-empty list"),
        ({"title": "T", "event_ids": ["a", 3]}, "event_ids: a non-empty list of event ids (got ['a', 3])"),
        ({"title": "T", "event_ids": ["a", "b", "a"]}, "event_ids: listed twice (got 'a')"),
        ({"title": "T", "event_ids": ["a"], "source": 5}, "source: text (got 5)"),
    ],
)
def test_a_bad_story_says_what_is_wrong(raw, message):
    with pytest.raises(StoryError, match=r"^my\.json: ") as caught:
        story_from_mapping(raw, key="my", origin="my.json")
    assert message in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_a_story_with_a_plain_title(tmp_path):
    path = tmp_path / "class.json"
    path.write_text(json.dumps({"title": "Week 2", "event_ids": ["x", "y"]}), encoding="utf-8")
    story = load_story(path)
    assert (story.key, story.title("ar"), story.event_ids) == ("class", "Week 2", ("x", "y"))


def test_a_file_that_is_not_json(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(StoryError, match=r"broken\.json: not a readable JSON story"):
        load_story(path)
