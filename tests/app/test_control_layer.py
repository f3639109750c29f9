"""Territorial control in the dashboard: on by default for the bundled war, drawn for the timeline's last day,
switched off from the map's switch (and the URL), absent with its switch for data that has no control file;
the reported losses under the timeline, captioned as claims."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from eventmap.mapping import payloads_from_html
from tests.app.conftest import app, event_rows, map_args
from ui.control import CONTROL_SHOWN_KEY


def control_payload(at: AppTest) -> dict | None:
    (payload,) = payloads_from_html(map_args(at)["feature_group"])
    return payload["scene"]["control"]


def switch(at: AppTest):
    return [t for t in at.toggle if t.key == CONTROL_SHOWN_KEY]


@pytest.mark.parametrize(("query", "day"), [
    ({}, "2020-12-01"),  # no date filter: the slider runs to the last change of control
    ({"to": "2020-10-20"}, "2020-10-20"),
    ({"to": "2020-11-09"}, "2020-11-09"),
])
def test_the_bundled_war_shows_control_of_the_last_day(query: dict[str, str], day: str) -> None:
    at = app(query)
    (toggle,) = switch(at)
    assert toggle.value is True
    control = control_payload(at)
    assert control is not None
    assert control["day"] == day
    assert "district level" in control["caveat"]
    changes = {card["changeId"] for patch in control["patches"] for card in patch["cards"]}
    assert ("C13" in changes) == (day >= "2020-11-08")  # Shusha
    assert ("C19" in changes) == (day >= "2020-12-01")  # Lachin handed over


def test_the_switch_takes_the_layer_off_and_the_url_keeps_it_off() -> None:
    at = app({"to": "2020-10-20"})
    switch(at)[0].set_value(False).run()
    assert not at.exception
    assert control_payload(at) is None
    assert at.query_params["control"] == "0"
    again = app({"to": "2020-10-20", "control": "0"})
    assert switch(again)[0].value is False
    assert control_payload(again) is None


def test_data_without_a_control_file_has_no_layer_no_switch_and_no_error(tmp_path, monkeypatch) -> None:
    path = tmp_path / "mine.csv"
    path.write_bytes(event_rows({"location": "Shusha", "fatalities": "3", "claimed_by": "Ministry X"}, {}))
    monkeypatch.setenv("EVENTMAP_DATA", str(path))
    at = app()
    assert switch(at) == []
    assert control_payload(at) is None
    assert not at.warning
    losses = [e for e in at.expander if e.label == "Reported losses"]
    assert losses
    assert any("Claims" in c.value for c in at.caption)


def test_a_control_file_that_cannot_be_used_is_said_and_nothing_is_drawn(tmp_path, monkeypatch) -> None:
    path = tmp_path / "mine.csv"
    path.write_bytes(event_rows({}))
    (tmp_path / "control_changes.csv").write_bytes(b"not,a,control,file\n1,2,3,4\n")
    monkeypatch.setenv("EVENTMAP_DATA", str(path))
    at = app()
    assert switch(at) == []
    assert control_payload(at) is None
    assert any("control_changes.csv" in w.value for w in at.warning)
