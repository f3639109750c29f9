"""The scene's control layer: the day's areas per side, claims drawn apart from confirmed changes, each area's
changes with their sources, the reference lines, the legend and caveat, in English and Arabic."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from eventframes import PROJECT_ROOT, MakeEvents

from eventmap.control.history import ControlHistory
from eventmap.control.layers import load_layers
from eventmap.control.loading import load_control_changes
from eventmap.control.state import AreaStatus
from eventmap.filtering import Filters
from eventmap.mapping.scene_parts import control_options, layer_options
from eventmap.scene import Lang, SceneView, build_scene
from eventmap.scene.control import LOOKS, control_layer
from eventmap.scene.model import ControlLayer
from geo.naming import Naming

SIDES = PROJECT_ROOT / "sides.toml"
COLOURS = {"Artsakh/Armenia": "#D55E00", "Azerbaijan": "#0072B2", "Russian peacekeepers": "#009E73"}


@pytest.fixture(scope="module")
def history() -> ControlHistory:
    changes = load_control_changes(PROJECT_ROOT / "control_changes.csv").changes
    return ControlHistory.build(changes, layers=load_layers(), source_name="control_changes.csv")


def layer_on(history: ControlHistory, day: str, lang: Lang = Lang.EN) -> ControlLayer:
    return control_layer(history, day=dt.date.fromisoformat(day), lang=lang, colours=COLOURS)


def by_change(layer: ControlLayer) -> dict[str, tuple[str, str]]:
    """change id -> (side, status) of the area it made."""
    return {card.change_id: (patch.side, patch.status) for patch in layer.patches for card in patch.cards}


@pytest.mark.parametrize(("day", "present", "absent"), [
    ("2020-09-26", set(), {"C01"}),
    ("2020-09-27", {"C01"}, {"C06", "C13"}),
    ("2020-10-20", {"C01", "C06", "C09", "C11"}, {"C12", "C13"}),
    ("2020-11-09", {"C12", "C13"}, {"C17", "C18"}),
    ("2020-12-01", {"C13", "C17", "C18", "C19", "C15"}, set()),
])
def test_the_areas_follow_the_day(history: ControlHistory, day: str, present: set[str], absent: set[str]) -> None:
    changes = by_change(layer_on(history, day))
    assert present <= changes.keys()
    assert not absent & changes.keys()


def test_a_claim_looks_different_from_a_confirmed_change(history: ControlHistory) -> None:
    layer = layer_on(history, "2020-11-09")
    changes = by_change(layer)
    assert changes["C01"] == ("Azerbaijan", "disputed")
    assert changes["C09"] == ("Azerbaijan", "claimed")
    assert changes["C13"] == ("Azerbaijan", "confirmed")
    patch = {p.cards[0].change_id: p for p in layer.patches if p.cards}
    assert patch["C13"].hatched is False
    assert patch["C13"].dash == ""
    for change_id in ("C01", "C09"):
        assert patch[change_id].hatched is True
        assert patch[change_id].dash
        assert patch[change_id].fill_opacity < patch["C13"].fill_opacity
    assert patch["C01"].dash != patch["C09"].dash  # disputed dotted, claimed dashed
    assert {p.colour for p in layer.patches if p.side == "Azerbaijan"} == {"#0072B2"}


def test_the_ground_never_contested_is_not_filled(history: ControlHistory) -> None:
    for day in ("2020-09-26", "2020-12-01"):
        layer = layer_on(history, day)
        assert not [p for p in layer.patches if p.side == "Azerbaijan" and p.status == AreaStatus.PRE_WAR.value]
        assert [p.side for p in layer.patches if p.status == AreaStatus.PRE_WAR.value] == ["Artsakh/Armenia"]


def test_each_area_lists_its_changes_with_claimant_status_disputes_and_sources(history: ControlHistory) -> None:
    layer = layer_on(history, "2020-12-01")
    cards = {c.change_id: c for p in layer.patches for c in p.cards}
    c01 = cards["C01"]
    assert c01.date == "2020-09-27"
    assert c01.date_text == "27 September 2020"
    assert c01.claimed_by.startswith("Azerbaijani Defence Minister")
    assert c01.status == "disputed"
    assert c01.disputed_by == "Artsakh MoD (27 Sep)"
    assert c01.sources
    assert all(s.startswith("http") for s in c01.sources)
    peacekeepers = [p for p in layer.patches if p.status == AreaStatus.PEACEKEEPING.value]
    assert [c.change_id for c in peacekeepers[0].cards] == ["C15", "C20"]
    assert peacekeepers[0].colour == "#009E73"


def test_legend_reference_lines_and_caveat(history: ControlHistory) -> None:
    layer = layer_on(history, "2020-11-09")
    texts = [row.text for row in layer.legend]
    assert texts[:2] == ["Held by Artsakh/Armenia", "Held by Azerbaijan"]
    assert "Claimed only: dashed outline, hatched" in texts
    assert "Disputed: dotted outline, hatched" in texts
    assert "Peacekeepers' zone" not in texts  # none before 10 November
    assert [r.key for r in layer.references] == ["line_of_contact", "oblast_1991"]
    assert all(r.geometry["type"] in {"LineString", "MultiLineString"} for r in layer.references)
    assert "district level" in layer.caveat
    assert "control_changes.csv" in layer.caveat
    assert layer.title == "Territorial control at the end of 9 November 2020"
    hatched = [row for row in layer.legend if row.hatched]
    assert {row.dash for row in hatched} == {LOOKS[AreaStatus.CLAIMED].dash, LOOKS[AreaStatus.DISPUTED].dash}


def test_arabic(history: ControlHistory) -> None:
    layer = layer_on(history, "2020-11-09", Lang.AR)
    assert layer.title.startswith("السيطرة على الأراضي")
    assert "Natural Earth" in layer.caveat
    assert "تقريبية" in layer.caveat
    assert layer.legend[0].text == "تحت سيطرة آرتساخ/أرمينيا"
    assert layer.card_words["claimed_by"] == "أعلنه"


def test_the_scene_holds_control_of_the_filters_last_day_only_when_given(history: ControlHistory,
                                                                         make_events: MakeEvents) -> None:
    events = make_events({"date": "2020-10-01"}, {"date": "2020-11-05"})
    filters = Filters(date_to=dt.date(2020, 10, 20))

    def scene(**control: object):
        return build_scene(events, full_frame=events, filters=filters, view=SceneView(), lang=Lang.EN,
                           naming=Naming.EN, sides_config_path=SIDES, **control)  # type: ignore[arg-type]

    assert scene().control is None
    with_control = scene(control=history)
    assert with_control.control is not None
    assert with_control.control.day == "2020-10-20"
    assert "Control: Natural Earth" in with_control.stamp.attribution
    assert scene(control=history, control_day=dt.date(2020, 12, 1)).control.day == "2020-12-01"  # type: ignore[union-attr]
    unfiltered = build_scene(events, full_frame=events, filters=Filters(), view=SceneView(), lang=Lang.EN,
                             naming=Naming.EN, sides_config_path=SIDES, control=history)
    assert unfiltered.control.day == "2020-11-05"  # type: ignore[union-attr]
    options = layer_options(with_control, fit_first=True)["control"]
    assert options["day"] == "2020-10-20"
    assert options["legendPosition"] == "bottomleft"
    assert options["patches"][0]["geometry"]["type"] in {"Polygon", "MultiPolygon"}


def test_the_map_gets_raw_texts_for_the_browser_to_put_in_as_text(history: ControlHistory) -> None:
    layer = layer_on(history, "2020-10-04")
    hostile = "<img src=x onerror=alert(1)> & \"Jabrayil\""
    patch = next(p for p in layer.patches if p.cards)
    changed = replace(layer, patches=(replace(patch, cards=(replace(patch.cards[0], place=hostile),)),))
    options = control_options(changed, lang="en")
    assert options is not None
    assert options["patches"][0]["cards"][0]["place"] == hostile  # not escaped: control.js uses textContent
    assert control_options(replace(layer, shown=False), lang="en") is None
    assert control_options(None, lang="en") is None
