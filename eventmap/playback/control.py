"""Territorial control for the playback page: every state the page can reach, computed once, in every language.

The states change only on the days a change is dated (about 20 in the bundled war), so the page holds one
entry per state that overlaps its timeline (`day`: from when it holds) and picks the latest one on or before
the day shown. Geometries are shared between states (`geometries`, referenced by index `g`): an area that does
not change from one state to the next is sent once. Texts are raw: `control.js` puts them in as text.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from eventmap.control.history import ControlHistory
from eventmap.i18n import format_date, is_rtl, t
from eventmap.mapping.scene_parts import control_options
from eventmap.scene.control import control_layer
from eventmap.scene.model import Lang


def _in_range(history: ControlHistory, index: int, *, first: date, last: date) -> bool:
    starts = history.days[index]
    ends = history.days[index + 1] if index + 1 < len(history.days) else None
    return starts <= last and (ends is None or ends > first)


def playback_control(history: ControlHistory, *, langs: Sequence[str], colours: Mapping[str, str],
                     first: date, last: date) -> dict[str, Any]:
    """`{"geometries": [...], "states": [{"day": iso, "byLang": {lang: options}}]}` for the days first..last."""
    geometries: list[dict[str, Any]] = []
    index: dict[str, int] = {}

    def shared(geometry: dict[str, Any]) -> int:
        key = json.dumps(geometry, separators=(",", ":"))
        if key not in index:
            index[key] = len(geometries)
            geometries.append(geometry)
        return index[key]

    states = []
    for i, day in enumerate(history.days):
        if not _in_range(history, i, first=first, last=last):
            continue
        by_lang: dict[str, Any] = {}
        for lang in langs:
            layer = control_layer(history, day=day, lang=Lang(lang), colours=colours)
            options = control_options(layer, lang=lang)
            if options is None:
                continue
            options["title"] = (t("control.title_since", lang, day=format_date(day, lang)) if i > 0
                                else t("control.title_prewar", lang))
            options["legendPosition"] = "bottomleft" if is_rtl(lang) else "bottomright"  # clear of the page's panels
            options["folded"] = True  # one line over the projected map; the keys and the caveat one click away
            for patch in options["patches"]:
                patch["g"] = shared(patch.pop("geometry"))
            for reference in options["references"]:
                reference["g"] = shared(reference.pop("geometry"))
            by_lang[lang] = options
        states.append({"day": day.isoformat(), "byLang": by_lang})
    return {"geometries": geometries, "states": states}
