"""A teacher's story in steps: each step a date range, a view, the events it highlights, its words per language.

The step format (see docs/stories.md) is read by `steps_from_list`; every message names the file, the
step (counted from 1) and the field, and says what is wrong. `check_against_data` names the highlighted
ids the data lacks, so a story written for other data is refused with the ids, not played half-empty.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from base.errors import EventMapError


class StoryError(EventMapError, ValueError):
    """A story file cannot be used: not JSON, or a field missing or of the wrong kind."""


MIN_ZOOM, MAX_ZOOM = 1.0, 18.0
STEP_FIELDS = frozenset({"from", "to", "view", "event_ids", "title", "text"})


@dataclass(frozen=True, kw_only=True)
class StepView:
    """Where a step's map looks: a box (south, west, north, east) or a centre and a Leaflet zoom."""

    bbox: tuple[float, float, float, float] | None = None
    center: tuple[float, float] | None = None
    zoom: float | None = None


@dataclass(frozen=True, kw_only=True)
class StoryStep:
    date_from: date
    date_to: date
    view: StepView
    event_ids: tuple[str, ...]
    titles: Mapping[str, str]
    texts: Mapping[str, str]

    def title(self, lang: str) -> str:
        return self.titles.get(lang) or next(iter(self.titles.values()), "")

    def text(self, lang: str) -> str:
        return self.texts.get(lang) or next(iter(self.texts.values()), "")


def _where(origin: str, number: int, name: str) -> str:
    return f"{origin}: step {number}: {name}"


def _day(value: object, *, where: str) -> date:
    if not isinstance(value, str):
        raise StoryError(f"{where}: a date as YYYY-MM-DD (got {value!r:.60})")
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise StoryError(f"{where}: not a date YYYY-MM-DD (got {value!r:.60})") from None


def _numbers(value: object, count: int, *, where: str) -> tuple[float, ...]:
    if not (isinstance(value, list) and len(value) == count
            and all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) for v in value)):
        raise StoryError(f"{where}: a list of {count} numbers (got {value!r:.80})")
    return tuple(float(v) for v in value)


def _view(value: object, *, where: str) -> StepView:
    if value is None:
        return StepView()
    if not isinstance(value, dict) or not ({"bbox"} <= value.keys() or {"center", "zoom"} <= value.keys()):
        raise StoryError(f"{where}: {{\"bbox\": [S, W, N, E]}} or {{\"center\": [lat, lon], \"zoom\": N}} "
                         f"(got {value!r:.80})")
    if "bbox" in value:
        south, west, north, east = _numbers(value["bbox"], 4, where=f"{where}.bbox")
        if not (-90 <= south < north <= 90 and -180 <= west < east <= 180):
            raise StoryError(f"{where}.bbox: south < north within ±90, west < east within ±180 "
                             f"(got {value['bbox']!r})")
        return StepView(bbox=(south, west, north, east))
    lat, lon = _numbers(value["center"], 2, where=f"{where}.center")
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise StoryError(f"{where}.center: latitude within ±90, longitude within ±180 (got {value['center']!r})")
    (zoom,) = _numbers([value["zoom"]], 1, where=f"{where}.zoom")
    if not MIN_ZOOM <= zoom <= MAX_ZOOM:
        raise StoryError(f"{where}.zoom: between {MIN_ZOOM:g} and {MAX_ZOOM:g} (got {zoom:g})")
    return StepView(center=(lat, lon), zoom=zoom)


def _texts(value: object, languages: Sequence[str], *, where: str) -> dict[str, str]:
    if isinstance(value, str) and len(languages) == 1:
        value = {languages[0]: value}
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise StoryError(f"{where}: an object of language → text, e.g. {{\"en\": \"…\", \"ar\": \"…\"}} "
                         f"(got {value!r:.80})")
    missing = [code for code in languages if not str(value.get(code, "")).strip()]
    if missing:
        raise StoryError(f"{where}: no text in {', '.join(missing)} (the story's title has these languages)")
    return {code: text.strip() for code, text in value.items() if text.strip()}


def _step(raw: object, number: int, languages: Sequence[str], origin: str) -> StoryStep:
    if not isinstance(raw, dict):
        raise StoryError(f"{origin}: step {number}: a JSON object (got {type(raw).__name__})")
    unknown = sorted(set(raw) - STEP_FIELDS)
    if unknown:
        raise StoryError(f"{_where(origin, number, unknown[0])}: not a step field "
                         f"(a step has {', '.join(sorted(STEP_FIELDS))})")
    for name in ("from", "to", "title", "text"):
        if name not in raw:
            raise StoryError(f"{_where(origin, number, name)}: missing")
    first = _day(raw["from"], where=_where(origin, number, "from"))
    last = _day(raw["to"], where=_where(origin, number, "to"))
    if first > last:
        raise StoryError(f"{_where(origin, number, 'to')}: {last} is before from ({first})")
    ids = raw.get("event_ids", [])
    if not isinstance(ids, list) or not all(isinstance(i, str) and i.strip() for i in ids):
        raise StoryError(f"{_where(origin, number, 'event_ids')}: a list of event ids (got {ids!r:.80})")
    return StoryStep(date_from=first, date_to=last, view=_view(raw.get("view"), where=_where(origin, number, "view")),
                     event_ids=tuple(dict.fromkeys(i.strip() for i in ids)),
                     titles=_texts(raw["title"], languages, where=_where(origin, number, "title")),
                     texts=_texts(raw["text"], languages, where=_where(origin, number, "text")))


def steps_from_list(raw: object, *, languages: Sequence[str], origin: str) -> tuple[StoryStep, ...]:
    """The steps of a story file's `steps` list; every step has a title and text in each of `languages`."""
    if not isinstance(raw, list) or not raw:
        raise StoryError(f"{origin}: steps: a non-empty list of steps (got {raw!r:.80})")
    return tuple(_step(item, number, languages, origin) for number, item in enumerate(raw, start=1))


def highlighted_ids(steps: Iterable[StoryStep]) -> tuple[str, ...]:
    """Every step's highlighted ids, in story order, each once."""
    return tuple(dict.fromkeys(i for step in steps for i in step.event_ids))


def check_against_data(steps: Sequence[StoryStep], event_ids: Iterable[str], *, origin: str) -> None:
    """Refuse a story whose steps highlight ids the data does not have, naming the step and the ids."""
    known = set(event_ids)
    for number, step in enumerate(steps, start=1):
        unknown = [i for i in step.event_ids if i not in known]
        if unknown:
            raise StoryError(f"{_where(origin, number, 'event_ids')}: not in the data: {', '.join(unknown)}")
