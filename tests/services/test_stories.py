"""A teacher's story shared by a content key in the state folder: saved once, read back, errors said."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from access import PermissionDeniedError, Principal, Role
from eventmap.playback import StoryError
from services.stories import KEY_LENGTH, read_story, share_story, shared_story, story_file, story_key

RAW = {"title": {"en": "Mine", "ar": "قصتي"},
       "steps": [{"from": "2020-10-04", "to": "2020-10-07", "event_ids": ["E1"],
                  "title": {"en": "One", "ar": "واحد"}, "text": {"en": "Text", "ar": "نص"}}]}
DATA = json.dumps(RAW, ensure_ascii=False).encode("utf-8")
EDITOR = Principal(name="", role=Role.EDITOR, via="loopback")


def test_a_shared_story_is_saved_once_under_its_content_key_and_read_back(tmp_path: Path):
    key = share_story(EDITOR, DATA, state_dir=tmp_path)
    assert key == story_key(DATA)
    assert len(key) == KEY_LENGTH
    assert (tmp_path / "stories" / f"{key}.json").read_bytes() == DATA
    assert share_story(EDITOR, DATA, state_dir=tmp_path) == key  # the same file, the same key
    assert share_story(EDITOR, DATA + b"\n", state_dir=tmp_path) != key
    story = shared_story(key, state_dir=tmp_path, event_ids=["E1", "E2"])
    assert (story.key, story.title("ar"), len(story.steps)) == (key, "قصتي", 1)


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("0123456789abcdef", "story=0123456789abcdef: no story saved under this key on this server"),
        ("../../etc/passwd", "story='../../etc/passwd': not a story key (16 hex digits)"),
        ("", "not a story key"),
    ],
)
def test_a_key_that_names_no_story_is_said(tmp_path: Path, key: str, message: str):
    with pytest.raises(StoryError) as caught:
        shared_story(key, state_dir=tmp_path)
    assert message in str(caught.value)


def test_an_anonymous_viewer_cannot_keep_a_story_on_the_server(tmp_path: Path):
    with pytest.raises(PermissionDeniedError, match=r"an anonymous viewer \(viewer\) may not share story"):
        share_story(Principal.anonymous(), DATA, state_dir=tmp_path)
    assert not (tmp_path / "stories").exists()


def test_a_shared_story_whose_events_are_not_in_the_data_is_refused_with_its_step(tmp_path: Path):
    key = share_story(EDITOR, DATA, state_dir=tmp_path)
    with pytest.raises(StoryError, match=rf"^story={key}: step 1: event_ids: not in the data: E1$"):
        shared_story(key, state_dir=tmp_path, event_ids=["E2"])


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xff\xfe not text", "mine.json: not a readable JSON story"),
        (b'{"title": "T", "steps": [}', "mine.json: not a readable JSON story"),
        (b"x" * (600 * 1024), "a story file holds at most"),
        (b'{"title": "T", "event_ids": ["E1", "E9"]}', "mine.json: event_ids: not in the data: E9"),
    ],
)
def test_an_unusable_upload_is_said(data: bytes, message: str):
    with pytest.raises(StoryError, match=message):
        read_story(data, name="mine.json", event_ids=["E1"])


def test_a_file_that_is_no_story_is_not_saved(tmp_path: Path):
    with pytest.raises(StoryError, match="step 1: from: missing"):
        share_story(EDITOR, b'{"title": "T", "steps": [{"to": "2020-10-01"}]}', state_dir=tmp_path)
    assert not (tmp_path / "stories").exists()


EDITOR_ROW = {"from": "2020-10-04", "to": "2020-10-07", "view": "39.8, 46.7, 8", "event_ids": "E1, E2",
              "title_en": "One", "title_ar": "واحد", "text_en": "Text", "text_ar": "نص"}


def test_the_editors_rows_make_a_story_file():
    empty = dict.fromkeys(EDITOR_ROW, None)
    data = story_file(titles={"en": "Mine", "ar": "قصتي"}, languages=["en", "ar"],
                      rows=[EDITOR_ROW, {**EDITOR_ROW, "view": "38, 44, 41, 51", "event_ids": ""}, empty])
    story = read_story(data, name="my-story.json", event_ids=["E1", "E2"])
    assert [s.view.zoom for s in story.steps] == [8.0, None]
    assert story.steps[1].view.bbox == (38.0, 44.0, 41.0, 51.0)
    assert story.event_ids == ("E1", "E2")
    assert json.loads(data)["steps"][0]["text"] == {"en": "Text", "ar": "نص"}  # the file a teacher keeps


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"view": "39.8, 46.7"}, "my-story.json: step 1: view: 3 numbers (lat, lon, zoom) or 4 (S, W, N, E) (got 2)"),
        ({"view": "Shusha"}, "my-story.json: step 1: view: numbers"),
        ({"text_ar": ""}, "my-story.json: step 1: text: no text in ar"),
        ({"to": "2020-10-01"}, "my-story.json: step 1: to: 2020-10-01 is before from (2020-10-04)"),
    ],
)
def test_a_mistake_in_the_editor_names_the_step_and_field(change, message):
    with pytest.raises(StoryError) as caught:
        story_file(titles={"en": "Mine", "ar": "قصتي"}, languages=["en", "ar"], rows=[{**EDITOR_ROW, **change}],
                   origin="my-story.json")
    assert message in str(caught.value)
