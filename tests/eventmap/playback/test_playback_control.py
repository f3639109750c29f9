"""Control in the playback page: every state the timeline reaches, in every language, geometries shared; the
timeline runs to the last change unless dates are filtered; the static map draws no control of its own."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from eventframes import PROJECT_ROOT

from eventmap.control.history import ControlHistory
from eventmap.control.layers import load_layers
from eventmap.control.loading import load_control_changes
from eventmap.filtering import Filters
from eventmap.i18n import languages
from eventmap.playback.control import playback_control
from eventmap.playback.document import build_playback_document

HOSTILE = "</script><script>alert('x')</script>"


@pytest.fixture(scope="module")
def history() -> ControlHistory:
    changes = load_control_changes(PROJECT_ROOT / "control_changes.csv").changes
    return ControlHistory.build(changes, layers=load_layers(), source_name="control_changes.csv")


def config_of(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="pb-config">(.*?)</script>', page, re.S)
    assert match
    return json.loads(match.group(1))


def test_every_state_of_the_timeline_once_with_shared_geometries(history: ControlHistory) -> None:
    control = playback_control(history, langs=("en", "ar"), colours={}, first=date(2020, 9, 20),
                               last=date(2020, 12, 1))
    days = [state["day"] for state in control["states"]]
    assert days == [d.isoformat() for d in history.days]
    assert all(set(state["byLang"]) == {"en", "ar"} for state in control["states"])
    references = {r["g"] for s in control["states"] for r in s["byLang"]["en"]["references"]}
    assert len(references) == 2  # the same two lines in every state
    patches = [p for s in control["states"] for p in s["byLang"]["en"]["patches"]]
    assert len(control["geometries"]) < len(patches) / 2  # an unchanged area is sent once
    assert all("geometry" not in p for p in patches)
    last = control["states"][-1]["byLang"]
    assert last["en"]["title"] == "Territorial control (last change 1 December 2020)"
    assert last["ar"]["legendPosition"] == "bottomleft"
    assert last["en"]["legendPosition"] == "bottomright"


@pytest.mark.parametrize(("first", "last", "expected"), [
    (date(2020, 10, 1), date(2020, 10, 10), ["2020-09-27", "2020-10-03", "2020-10-04", "2020-10-09"]),
    (date(2020, 11, 21), date(2020, 11, 30), ["2020-11-20", "2020-11-25"]),
    (date(2021, 1, 1), date(2021, 1, 2), ["2020-12-01"]),
])
def test_only_the_states_the_timeline_reaches(history: ControlHistory, first: date, last: date,
                                               expected: list[str]) -> None:
    control = playback_control(history, langs=("en",), colours={}, first=first, last=last)
    assert [state["day"] for state in control["states"]] == expected


def test_the_page_carries_control_and_its_timeline_runs_to_the_last_change(history: ControlHistory,
                                                                           make_events) -> None:
    events = make_events({"date": "2020-10-07"}, {"date": "2020-11-09"})
    page = build_playback_document(events, naming="en", asset_mode="inline", control=history)
    config = config_of(page)
    assert config["origin"] == "2020-10-07"
    assert config["lastDay"] == (date(2020, 12, 1) - date(2020, 10, 7)).days
    assert {state["day"] for state in config["control"]["states"]} >= {"2020-11-08", "2020-12-01"}
    assert set(config["control"]["states"][0]["byLang"]) == set(languages())
    filtered = config_of(build_playback_document(events, naming="en", asset_mode="inline", control=history,
                                                 filters=Filters(date_to=date(2020, 11, 9))))
    assert filtered["lastDay"] == (date(2020, 11, 9) - date(2020, 10, 7)).days
    assert filtered["control"]["states"][-1]["day"] == "2020-11-08"
    assert "control" not in config_of(build_playback_document(events, naming="en", asset_mode="inline"))


def test_texts_of_a_change_stay_data_in_the_page(history: ControlHistory, make_events) -> None:
    from dataclasses import replace

    changes = tuple(replace(c, place=HOSTILE) if c.change_id == "C13" else c for c in history.changes)
    hostile = ControlHistory.build(changes, layers=load_layers())
    page = build_playback_document(make_events({"date": "2020-11-08"}), naming="en", asset_mode="inline",
                                   control=hostile)
    assert HOSTILE not in page
    places = {card["place"] for state in config_of(page)["control"]["states"]
              for patch in state["byLang"]["en"]["patches"] for card in patch["cards"]}
    assert HOSTILE in places  # intact after JSON.parse; control.js puts it in with textContent
