"""The scene builder: colours from the whole data and the sides settings, one extent rule, labels with
priorities, a legend of what is shown, the stamp in words, and what to loosen when nothing matches."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from eventframes import PROJECT_ROOT

from eventmap.filtering import Filters, apply_filters, describe_filters
from eventmap.i18n import languages
from eventmap.scene import AreaKey, ExtentRule, LabelKind, Lang, SceneView, build_scene, core_bounds
from geo.naming import Naming

SIDES = PROJECT_ROOT / "sides.toml"
FILTERS = {
    "all": Filters(),
    "three days": Filters(date_from=date(2020, 10, 8), date_to=date(2020, 10, 10)),
    "mediators": Filters(sides=("Mediators",)),
    "azerbaijan": Filters(sides=("Azerbaijan",)),
    "armenia, one week": Filters(sides=("Armenia",), date_from=date(2020, 10, 1), date_to=date(2020, 10, 7)),
}


def scene_of(events: pd.DataFrame, filters: Filters, *, sides: Path = SIDES, lang: Lang = Lang.EN,
             view: SceneView | None = None, areas: frozenset[AreaKey] = frozenset()):
    return build_scene(apply_filters(events, filters), full_frame=events, filters=filters, view=view or SceneView(),
                       lang=lang, naming=Naming.EN, sides_config_path=sides, areas=areas)


def test_lang_is_every_catalogue() -> None:
    assert sorted(lang.value for lang in Lang) == sorted(languages())


@pytest.mark.parametrize("name", list(FILTERS))
def test_a_side_keeps_its_colour_whatever_the_filters(bundled_events: pd.DataFrame, name: str) -> None:
    whole = scene_of(bundled_events, Filters())
    filtered = scene_of(bundled_events, FILTERS[name])
    assert filtered.palette == whole.palette
    for entry in filtered.legend.sides:
        assert entry.colour == whole.palette.colour(entry.side)
    for index in filtered.marks.side:
        assert whole.palette.sides[index] in set(bundled_events["side"])


@pytest.mark.parametrize(("side", "colour"), [("Azerbaijan", "#112233"), ("Armenia", "#445566")])
def test_the_sides_settings_give_the_colours(bundled_events: pd.DataFrame, tmp_path: Path, side: str,
                                             colour: str) -> None:
    settings = tmp_path / "sides.toml"
    settings.write_text(f'[sides]\n"{side}" = "{colour}"\n', encoding="utf-8")
    scene = scene_of(bundled_events, Filters(date_from=date(2020, 10, 8), date_to=date(2020, 10, 10)),
                     sides=settings)
    assert scene.palette.colour(side) == colour
    assert {e.side: e.colour for e in scene.legend.sides}.get(side, colour) == colour


def test_extent_fits_the_filtered_events_differently(bundled_events: pd.DataFrame) -> None:
    extents = {name: scene_of(bundled_events, f).extent for name, f in FILTERS.items()}
    assert len({e.bounds for e in extents.values()}) == len(FILTERS)
    assert all(e.rule is ExtentRule.FILTERED for e in extents.values())
    for name, extent in extents.items():
        shown = scene_of(bundled_events, FILTERS[name]).marks
        inside = sum(extent.bounds.contains(a, b) for a, b in zip(shown.lat, shown.lon, strict=True))
        assert inside + extent.outside == len(shown)
        assert inside >= len(shown) / 2


def test_the_whole_war_stays_in_view_and_far_talks_do_not(bundled_events: pd.DataFrame) -> None:
    bounds = scene_of(bundled_events, Filters()).extent.bounds
    assert bounds.contains(40.4093, 49.8671)  # Baku
    assert bounds.contains(39.8153, 46.7519)  # Stepanakert
    assert not bounds.contains(55.7558, 37.6173)  # Moscow


@pytest.mark.parametrize(("lat", "lon", "outside"), [
    ([40.0, 40.1, 40.2, 55.7], [46.0, 46.1, 46.2, 37.6], 1),
    ([40.0, 40.1, 40.2, 40.3], [46.0, 46.1, 46.2, 46.3], 0),
    ([40.0], [46.0], 0),
])
def test_core_bounds(lat: list[float], lon: list[float], outside: int) -> None:
    import numpy as np

    bounds, left_out = core_bounds(np.array(lat), np.array(lon))
    assert left_out == outside
    assert bounds.south < 40.0 < bounds.north
    assert bounds.west < 46.0 < bounds.east


def test_nothing_matches_says_so_and_which_filter_to_loosen(bundled_events: pd.DataFrame) -> None:
    filters = Filters(sides=("Armenia",), text="no such words anywhere")
    scene = scene_of(bundled_events, filters)
    assert len(scene.marks) == 0
    assert scene.extent.rule is ExtentRule.ALL_DATA
    assert scene.extent.bounds == scene_of(bundled_events, Filters()).extent.bounds
    assert scene.labels == ()
    assert scene.legend.is_empty()
    assert scene.empty is not None
    assert scene.empty.loosen == ("Text",)
    assert scene.stamp.counts == f"0 of {len(bundled_events)} events"


@pytest.mark.parametrize(("filters", "loosen"), [
    (Filters(sides=("Mediators",), event_types=("Riots",)), ("Event type", "Side")),
    (Filters(date_from=date(2030, 1, 1)), ("Dates",)),
])
def test_loosen_names_the_filters_that_would_show_events(bundled_events: pd.DataFrame, filters: Filters,
                                                         loosen: tuple[str, ...]) -> None:
    note = scene_of(bundled_events, filters).empty
    assert note is not None
    assert set(note.loosen) == set(loosen)


def test_a_kept_view_is_the_scene_extent(bundled_events: pd.DataFrame) -> None:
    view = SceneView(center=(40.0, 46.0), zoom=9, screen=(800, 600), keep=True)
    extent = scene_of(bundled_events, Filters(), view=view).extent
    assert extent.rule is ExtentRule.KEPT_VIEW
    assert extent.bounds.contains(40.0, 46.0)
    assert extent.bounds.east - extent.bounds.west == pytest.approx(
        800 * 360 / (256 * 2**9))
    assert scene_of(bundled_events, Filters(), view=SceneView(center=(40.0, 46.0), zoom=9)).extent.rule \
        is ExtentRule.FILTERED


def test_labels_put_capitals_then_event_places_first(bundled_events: pd.DataFrame) -> None:
    """Capitals in the extent first (Yerevan and Baku are always named), then the events' places, then towns."""
    scene = scene_of(bundled_events, FILTERS["azerbaijan"])
    kinds = [label.kind for label in scene.labels]
    order = {LabelKind.CAPITAL: 0, LabelKind.EVENT_PLACE: 1, LabelKind.TOWN: 2}
    assert [order[k] for k in kinds] == sorted(order[k] for k in kinds)
    assert {"Baku", "Yerevan"} <= {label.text for label in scene.labels if label.kind is LabelKind.CAPITAL}
    assert [label.priority for label in scene.labels] == sorted((label.priority for label in scene.labels),
                                                                reverse=True)
    assert all(scene.extent.bounds.contains(label.lat, label.lon) for label in scene.labels
               if label.kind is not LabelKind.EVENT_PLACE)
    assert len({label.text for label in scene.labels}) == len(scene.labels)  # a capital with events: one label


def test_legend_is_only_what_is_shown(make_events) -> None:
    events = make_events({"side": "Armenia", "status": "claimed"}, {"side": "Azerbaijan", "status": "confirmed"},
                         {"side": "Russia", "event_type": "Battles"})
    filters = Filters(sides=("Armenia",))
    scene = scene_of(events, filters)
    assert [e.side for e in scene.legend.sides] == ["Armenia"]
    assert [e.status for e in scene.legend.statuses] == ["claimed"]
    assert len(scene.palette.sides) == 3


def test_arabic_scene_and_json(bundled_events: pd.DataFrame) -> None:
    scene = scene_of(bundled_events, FILTERS["three days"], lang=Lang.AR, areas=frozenset({AreaKey.DISTRICTS}))
    data = json.loads(json.dumps(scene.to_json(), ensure_ascii=False))
    assert data["lang"] == "ar"
    assert data["extent"]["rule"] == "filtered"
    assert data["areas"][0]["key"] == "districts"
    assert len(data["areas"][0]["geojson"]["features"]) == 89
    assert "Natural Earth" in scene.stamp.attribution
    in_arabic = describe_filters(FILTERS["three days"], "ar")
    assert scene.stamp.filters == in_arabic
    assert in_arabic != describe_filters(FILTERS["three days"], "en")
