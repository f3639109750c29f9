"""A teacher's own story: read from an upload, shared by a content key, printed as a handout.

- `read_story(data, name=..., event_ids=...)`: the story in an uploaded file, checked against the data
  shown (an id the data lacks is named with its step), or `StoryError` naming the file, step and field.
- `share_story(principal, data, state_dir=...)`: saves the file's bytes once under
  `state_dir/stories/KEY.json` (written atomically), KEY being the start of their SHA-256, when `principal`
  may `SHARE_STORY` (an anonymous viewer's story plays in their browser only: nothing is written); the
  same file always gets the same key, so a link `?story=KEY` opens the same story for a colleague on the
  same server. `shared_story(key, ...)` reads it back; a malformed key or a missing file is a `StoryError` that says so.
- `handout_pdf(frame, story, lang=...)`: the A4 handout (`eventmap.export.handout`).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import pandas as pd

from access import Action, Principal, require
from base.atomic import write_atomic
from base.settings import Settings
from eventmap.export.handout import HandoutSpec, render_handout
from eventmap.export.stamp import DataStamp
from eventmap.playback.stories import Story, StoryError, story_from_mapping
from eventmap.playback.story_steps import check_against_data
from eventmap.scene import Lang
from geo.naming import Naming, naming_for_language

SHARED_FOLDER = "stories"
KEY_LENGTH = 16
MAX_STORY_BYTES = 512 * 1024
_KEY = re.compile(rf"[0-9a-f]{{{KEY_LENGTH}}}")


def story_key(data: bytes) -> str:
    """The key a story file is shared under: the start of its SHA-256, in hex."""
    return hashlib.sha256(data).hexdigest()[:KEY_LENGTH]


def read_story(data: bytes, *, name: str, event_ids: Iterable[str] | None = None, key: str | None = None) -> Story:
    """The story in `data` (a JSON file called `name`), its highlighted ids checked against `event_ids`."""
    if len(data) > MAX_STORY_BYTES:
        raise StoryError(f"{name}: {len(data):,} bytes; a story file holds at most {MAX_STORY_BYTES:,}")
    try:
        raw = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StoryError(f"{name}: not a readable JSON story ({exc})") from exc
    story = story_from_mapping(raw, key=key or story_key(data), origin=name)
    if event_ids is not None:
        if story.steps:
            check_against_data(story.steps, event_ids, origin=name)
        else:
            missing = story.resolve(event_ids).missing
            if missing:
                raise StoryError(f"{name}: event_ids: not in the data: {', '.join(missing)}")
    return story


def shared_path(key: str, *, state_dir: Path) -> Path:
    if not _KEY.fullmatch(key):
        raise StoryError(f"story={key[:40]!r}: not a story key ({KEY_LENGTH} hex digits)")
    return state_dir / SHARED_FOLDER / f"{key}.json"


def share_story(principal: Principal, data: bytes, *, state_dir: Path) -> str:
    """Save a story file's bytes (checked to be a story first) under its key; the key. `PermissionDeniedError`
    and nothing written unless `principal` may `SHARE_STORY`."""
    require(principal, Action.SHARE_STORY)
    key = story_key(data)
    read_story(data, name="story", key=key)
    path = shared_path(key, state_dir=state_dir)
    if not path.is_file():
        write_atomic(path, data)
    return key


def shared_story(key: str, *, state_dir: Path, event_ids: Iterable[str] | None = None) -> Story:
    """The story shared under `key`, checked against `event_ids`; `StoryError` when missing or unusable."""
    path = shared_path(key, state_dir=state_dir)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise StoryError(f"story={key}: no story saved under this key on this server") from None
    except OSError as exc:
        raise StoryError(f"story={key}: cannot be read ({exc.strerror})") from exc
    return read_story(data, name=f"story={key}", event_ids=event_ids, key=key)


def handout_pdf(frame: pd.DataFrame, story: Story, *, lang: Lang, naming: Naming | None = None,
                settings: Settings | None = None, data_stamp: DataStamp | None = None) -> bytes:
    """The story's A4 handout, one page per step, in `lang`."""
    settings = settings or Settings.from_env()
    spec = HandoutSpec(lang=lang, naming=naming if naming is not None else naming_for_language(lang),
                       sides_config_path=settings.sides_config_path,
                       data_stamp=data_stamp)
    return render_handout(frame, story, spec=spec)


def _cell(value: object) -> str:
    """An editor cell as text: empty for None, NaN and NaT; a date as YYYY-MM-DD."""
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def _view_cell(text: str, *, where: str) -> dict[str, list[float] | float] | None:
    """"lat, lon, zoom" → a centre and zoom; "S, W, N, E" → a box; "" → none."""
    parts = [p for p in text.replace(";", ",").split(",") if p.strip()]
    if not parts:
        return None
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        raise StoryError(f"{where}: numbers: lat, lon, zoom or S, W, N, E (got {text!r:.60})") from None
    if len(numbers) == 3:
        return {"center": numbers[:2], "zoom": numbers[2]}
    if len(numbers) == 4:
        return {"bbox": numbers}
    raise StoryError(f"{where}: 3 numbers (lat, lon, zoom) or 4 (S, W, N, E) (got {len(numbers)})")


def story_file(*, titles: Mapping[str, str], rows: Sequence[Mapping[str, object]], languages: Sequence[str],
               origin: str = "my story") -> bytes:
    """A story file from the dashboard's editor: one row per step with `from`, `to`, `view`, `event_ids`
    (comma-separated) and `title_<lang>` / `text_<lang>` per language; checked like an uploaded file."""
    steps: list[dict[str, object]] = []
    for number, row in enumerate(rows, start=1):
        cell = {name: _cell(value) for name, value in row.items()}
        if not any(cell.values()):
            continue
        step: dict[str, object] = {
            "from": cell.get("from", "")[:10], "to": cell.get("to", "")[:10],
            "event_ids": [i.strip() for i in cell.get("event_ids", "").split(",") if i.strip()],
            "title": {code: cell.get(f"title_{code}", "") for code in languages},
            "text": {code: cell.get(f"text_{code}", "") for code in languages},
        }
        view = _view_cell(cell.get("view", ""), where=f"{origin}: step {number}: view")
        if view is not None:
            step["view"] = view
        steps.append(step)
    raw = {"title": {code: text.strip() for code, text in titles.items() if text.strip()}, "steps": steps}
    data = json.dumps(raw, ensure_ascii=False, indent=2).encode("utf-8")
    read_story(data, name=origin)  # the same checks as a file: step, field, what is wrong
    return data
