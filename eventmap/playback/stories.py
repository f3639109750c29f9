"""Stories: an ordered list of events a teacher steps through one by one.

A story is a JSON file: `{"title": {"en": ..., "ar": ...}, "source": ..., "event_ids": [...]}`, or a
teacher's story in steps, `{"title": ..., "steps": [{"from", "to", "view", "event_ids", "title", "text"}]}`
(`story_steps.py`, docs/stories.md); the page goes through a story in steps step by step (its days, view,
ringed events and card).
Ready-made stories live in `eventmap/playback/stories/`; `ready_made_stories()` lists them by file stem.
An id the data does not have is not dropped silently: `Story.resolve` names it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from eventmap.i18n import DEFAULT_LANG
from eventmap.playback.story_steps import StoryError, StoryStep, highlighted_ids, steps_from_list

STORIES_DIR = Path(__file__).resolve().parent / "stories"
__all__ = ["STORIES_DIR", "Story", "StoryError", "StoryStep", "load_story", "ready_made_stories",
           "story_from_mapping"]

@dataclass(frozen=True, kw_only=True)
class Story:
    key: str
    titles: Mapping[str, str]
    event_ids: tuple[str, ...]
    source: str = ""
    steps: tuple[StoryStep, ...] = ()  # a teacher's story in steps; empty for a list of events
    missing: tuple[str, ...] = field(default=(), compare=False)  # ids `resolve` did not find in the data

    def title(self, lang: str) -> str:
        return self.titles.get(lang) or self.titles.get(DEFAULT_LANG) or self.key

    def resolve(self, event_ids: Iterable[str]) -> Story:
        """This story restricted to the ids in `event_ids` (the data shown), listing the others in `missing`."""
        known = set(event_ids)
        present = tuple(i for i in self.event_ids if i in known)
        missing = tuple(i for i in self.event_ids if i not in known)
        return Story(key=self.key, titles=self.titles, event_ids=present, source=self.source, steps=self.steps,
                     missing=missing)


def load_story(path: Path) -> Story:
    """The story in the JSON file at `path`."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StoryError(f"{path}: not a readable JSON story ({exc})") from exc
    return story_from_mapping(raw, key=path.stem, origin=str(path))


def story_from_mapping(raw: object, *, key: str, origin: str = "story") -> Story:
    """A story from parsed JSON; `origin` names the file in error messages."""
    if not isinstance(raw, dict):
        raise StoryError(f"{origin}: a story is a JSON object (got {type(raw).__name__})")
    titles = raw.get("title")
    if isinstance(titles, str):
        titles = {DEFAULT_LANG: titles}
    if not isinstance(titles, dict) or not titles or not all(
        isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in titles.items()
    ):
        raise StoryError(f"{origin}: title: an object of language → text (got {titles!r:.80})")
    source = raw.get("source", "")
    if not isinstance(source, str):
        raise StoryError(f"{origin}: source: text (got {source!r:.80})")
    if "steps" in raw:
        steps = steps_from_list(raw["steps"], languages=list(titles), origin=origin)
        return Story(key=key, titles=dict(titles), event_ids=highlighted_ids(steps), source=source, steps=steps)
    ids = raw.get("event_ids")
    if not isinstance(ids, list) or not ids or not all(isinstance(i, str) and i.strip() for i in ids):
        raise StoryError(f"{origin}: event_ids: a non-empty list of event ids (got {ids!r:.80})")
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise StoryError(f"{origin}: event_ids: listed twice (got {', '.join(duplicates)!r})")
    return Story(key=key, titles=dict(titles), event_ids=tuple(i.strip() for i in ids), source=source)


def ready_made_stories(folder: Path = STORIES_DIR) -> dict[str, Story]:
    """The bundled stories by key (file stem), sorted."""
    return {path.stem: load_story(path) for path in sorted(folder.glob("*.json"))}
