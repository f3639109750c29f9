"""A teacher's story shared by a content key in the state folder: saved once, read back, errors said."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventmap.playback import StoryError
from services.stories import KEY_LENGTH, read_story, share_story, shared_story, story_key

RAW = {"title": {"en": "Mine", "ar": "قصتي"},
       "steps": [{"from": "2020-10-04", "to": "2020-10-07", "event_ids": ["E1"],
                  "title": {"en": "One", "ar": "واحد"}, "text": {"en": "Text", "ar": "نص"}}]}
DATA = json.dumps(RAW, ensure_ascii=False).encode("utf-8")


def test_a_shared_story_is_saved_once_under_its_content_key_and_read_back(tmp_path: Path):
    key = share_story(DATA, state_dir=tmp_path)
    assert key == story_key(DATA)
    assert len(key) == KEY_LENGTH
    assert (tmp_path / "stories" / f"{key}.json").read_bytes() == DATA
    assert share_story(DATA, state_dir=tmp_path) == key  # the same file, the same key
    assert share_story(DATA + b"\n", state_dir=tmp_path) != key
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


def test_a_shared_story_whose_events_are_not_in_the_data_is_refused_with_its_step(tmp_path: Path):
    key = share_story(DATA, state_dir=tmp_path)
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
        share_story(b'{"title": "T", "steps": [{"to": "2020-10-01"}]}', state_dir=tmp_path)
    assert not (tmp_path / "stories").exists()
