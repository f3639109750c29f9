"""The scene's place labels, with priorities for decluttering (higher first).

The capitals inside the extent come first (a class must find Yerevan and Baku), then the places of the
shown events (more events, higher), then the gazetteer's cities and towns inside the extent. A capital with
events is one label, a capital's. Spellings that the naming shows alike are one label. Nothing matches: no
label. The renderers place them (`static/eventmap/js/placelabels.js`, `eventmap/export/labels.py`): a
label that finds no free room gives way to those above it.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from eventmap.scene.model import Bounds, Label, LabelKind
from geo.naming import Naming, display_name

MAX_LABELS = 30
LABEL_PRECISIONS = ("exact", "near")  # places shown by name: not whole regions
EVENT_PRIORITY = 1_000  # + the number of events at the place
CAPITAL_PRIORITY = 5_000  # above every event place
TOWN_PRIORITY = {"capital": CAPITAL_PRIORITY, "city": 200, "town": 100}


def scene_labels(frame: pd.DataFrame, *, bounds: Bounds, naming: Naming, limit: int = MAX_LABELS) -> tuple[Label, ...]:
    if not len(frame):
        return ()
    labels = _event_places(frame, naming=naming, limit=limit)
    taken = {label.text.casefold(): i for i, label in enumerate(labels)}
    for label in _towns(bounds, naming=naming):
        key = label.text.casefold()
        if key not in taken:
            taken[key] = len(labels)
            labels.append(label)
        elif label.kind is LabelKind.CAPITAL:  # a capital with events stays a capital
            labels[taken[key]] = replace(labels[taken[key]], kind=LabelKind.CAPITAL, priority=label.priority)
    labels.sort(key=lambda label: (-label.priority, label.text))
    return tuple(labels[:limit])


def _event_places(frame: pd.DataFrame, *, naming: Naming, limit: int = MAX_LABELS) -> list[Label]:
    """The places with most events (named only for the few that can be shown: fast at any size)."""
    lat = pd.to_numeric(frame["latitude"], errors="coerce")
    lon = pd.to_numeric(frame["longitude"], errors="coerce")
    mask = lat.notna() & lon.notna() & frame["geo_precision"].astype(str).isin(LABEL_PRECISIONS)
    mask &= frame["location"].astype(str).str.strip() != ""
    rows = pd.DataFrame({"location": frame["location"].astype(str), "country": frame["country"].astype(str),
                         "lat": lat, "lon": lon})[mask]
    if rows.empty:
        return []
    grouped = (rows.groupby(["location", "country"], sort=False)
               .agg(n=("lat", "size"), lat=("lat", "median"), lon=("lon", "median")).reset_index()
               .sort_values("n", ascending=False, kind="stable").head(3 * limit))
    merged: dict[str, list] = {}  # name shown → [events, lat, lon] (spellings shown alike are one place)
    for location, country, n, la, lo in zip(grouped["location"].tolist(), grouped["country"].tolist(),
                                            grouped["n"].tolist(), grouped["lat"].tolist(), grouped["lon"].tolist(),
                                            strict=True):
        name = display_name(location, naming, country=country or None)
        if name in merged:
            merged[name][0] += n
        else:
            merged[name] = [n, la, lo]
    return [Label(text=name, lat=round(float(la), 5), lon=round(float(lo), 5), priority=EVENT_PRIORITY + int(n),
                  kind=LabelKind.EVENT_PLACE) for name, (n, la, lo) in merged.items()]


def _towns(bounds: Bounds, *, naming: Naming) -> list[Label]:
    try:
        from geo.gazetteer import default_gazetteer

        places = list(default_gazetteer().places.values())
    except (ImportError, OSError, ValueError):
        return []
    found = []
    for place in places:
        kind = place.place_type if place.place_type in TOWN_PRIORITY else None
        if kind is None or place.lat is None or place.lon is None or not bounds.contains(place.lat, place.lon):
            continue
        found.append(Label(text=display_name(place.name_en, naming, country=place.country or None),
                           lat=round(place.lat, 5), lon=round(place.lon, 5), priority=TOWN_PRIORITY[kind],
                           kind=LabelKind.CAPITAL if kind == "capital" else LabelKind.TOWN))
    return found
