"""The events payload: one entry per located event, colours per side, precision, aggregation, budget."""

from __future__ import annotations

from datetime import date

import pytest

from eventmap.filtering import Filters, apply_filters
from eventmap.mapping import (
    LayerLimits,
    build_event_layer,
    build_map,
    drawn_event_count,
    event_payload,
    payloads_from_html,
)
from eventmap.mapping.layers import script_json
from eventmap.styling import side_colours
from geo.naming import Naming


def unpack(payload: dict, code: int) -> dict[str, int]:
    prec = code % payload["nPrec"]
    code //= payload["nPrec"]
    status = code % payload["nStatus"]
    code //= payload["nStatus"]
    return {"side": code // payload["nType"], "type": code % payload["nType"], "status": status, "prec": prec}


@pytest.mark.parametrize(
    "filters",
    [
        Filters(),
        Filters(sides=("Armenia",)),
        Filters(date_from=date(2020, 10, 4), date_to=date(2020, 10, 10)),
        Filters(statuses=("claimed", "disputed")),
        Filters(date_from=date(1999, 1, 1), date_to=date(1999, 1, 2)),  # nothing left
    ],
)
def test_markers_in_the_payload_are_the_filtered_located_rows(bundled_events, filters) -> None:
    filtered = apply_filters(bundled_events, filters)
    m = build_map(bundled_events, naming=Naming.EN, with_events=False)
    build_event_layer(filtered, naming=Naming.EN).add_to(m)
    [payload] = payloads_from_html(m.get_root().render())
    located = filtered["latitude"].notna() & filtered["longitude"].notna()
    assert drawn_event_count(payload) == int(located.sum())
    assert payload["missing"] == len(filtered) - int(located.sum())
    assert payload["total"] == len(filtered)


def test_rows_without_coordinates_are_counted_not_drawn(make_events) -> None:
    frame = make_events({}, {"latitude": None, "longitude": None}, {"latitude": 95.0})
    payload = event_payload(frame, naming=Naming.EN, lang="en")
    assert (drawn_event_count(payload), payload["missing"]) == (1, 2)


def test_each_side_keeps_its_colour_from_sides_toml(make_events) -> None:
    frame = make_events({"side": "Azerbaijan"}, {"side": "Armenia"}, {"side": "Armenia"}, {"side": "Narnia"})
    payload = event_payload(frame, naming=Naming.EN, lang="en")
    colours = dict(zip(payload["sides"], payload["colours"], strict=True))
    expected = side_colours(["Azerbaijan", "Armenia", "Narnia"])
    assert colours == expected
    assert colours["Azerbaijan"] == "#0072B2"
    assert len(set(colours.values())) == 3
    sides_of_markers = [payload["sides"][unpack(payload, k)["side"]] for k in payload["cols"]["k"]]
    assert sides_of_markers == ["Azerbaijan", "Armenia", "Armenia", "Narnia"]


def test_given_colours_win_so_filters_do_not_shift_them(make_events) -> None:
    frame = make_events({"side": "Narnia"})
    payload = event_payload(frame, naming=Naming.EN, lang="en", colours={"Narnia": "#123456"})
    assert payload["colours"] == ["#123456"]


@pytest.mark.parametrize(("precision", "radius"), [("exact", 0), ("near", 5_000), ("region", 25_000)])
def test_precision_gives_the_radius_drawn(make_events, precision, radius) -> None:
    payload = event_payload(make_events({"geo_precision": precision}), naming=Naming.EN, lang="en")
    code = unpack(payload, payload["cols"]["k"][0])
    assert payload["radii"][code["prec"]] == radius


@pytest.mark.parametrize(
    ("event_type", "status"),
    [("Battles", "confirmed"), ("Violence against civilians", "denied"), ("Strategic developments", "disputed")],
)
def test_type_and_status_are_packed_per_event(make_events, event_type, status) -> None:
    payload = event_payload(make_events({"event_type": event_type, "status": status}), naming=Naming.EN, lang="en")
    code = unpack(payload, payload["cols"]["k"][0])
    assert payload["types"][code["type"]] == event_type  # English labels are the ACLED names
    assert payload["statusStyles"][code["status"]]["filled"] == (status in {"confirmed", "disputed"})


def test_events_at_one_place_share_one_place_entry(make_events) -> None:
    frame = make_events(*[{} for _ in range(5)], {"location": "Hadrut", "latitude": 39.52, "longitude": 47.03})
    payload = event_payload(frame, naming=Naming.EN, lang="en")
    assert len(payload["places"]) == 2
    assert payload["cols"]["p"] == [0, 0, 0, 0, 0, 1]
    assert payload["places"][1] == [39.52, 47.03, "Hadrut"]


@pytest.mark.parametrize(("naming", "shown"), [(Naming.EN, "Shusha"), (Naming.HY, "Shushi"), (Naming.AZ, "Şuşa"),
                                               (Naming.AR, "شوشا")])
def test_place_names_follow_the_naming(make_events, naming, shown) -> None:
    payload = event_payload(make_events({"location": "Shushi"}), naming=naming, lang="en")
    assert payload["places"][0][2] == shown


def test_dates_are_days_from_the_first(make_events) -> None:
    frame = make_events({"date": "2020-10-08"}, {"date": "2020-09-27"}, {"date": "2020-11-10"})
    payload = event_payload(frame, naming=Naming.EN, lang="en")
    assert payload["day0"] == "2020-09-27"
    assert payload["cols"]["d"] == [11, 0, 44]


def test_details_stop_at_the_budget_and_say_so(make_events) -> None:
    frame = make_events(*[{"description": "x" * 500} for _ in range(20)])
    payload = event_payload(frame, naming=Naming.EN, lang="en", limits=LayerLimits(detail_budget_bytes=3_000))
    assert 0 < len(payload["details"]) < 20
    assert drawn_event_count(payload) == 20
    [note] = payload["notes"]
    assert str(len(payload["details"])) in note


def test_many_events_are_aggregated_into_squares(make_events) -> None:
    frame = make_events(*[{"latitude": 39 + i / 100, "longitude": 46 + i / 50, "side": ("A", "B")[i % 3 == 0]}
                          for i in range(200)])
    payload = event_payload(frame, naming=Naming.EN, lang="en", limits=LayerLimits(max_points=50, max_cells=20))
    assert payload["mode"] == "grid"
    assert len(payload["grid"]["n"]) <= 20
    assert drawn_event_count(payload) == 200
    assert payload["notes"]  # the map says it is aggregated
    main_side = payload["sides"].index("A")
    assert payload["grid"]["side"].count(main_side) >= len(payload["grid"]["n"]) // 2


def test_payload_round_trips_through_the_page(make_events) -> None:
    frame = make_events({}, {"location": "Hadrut"})
    expected = event_payload(frame, naming=Naming.EN, lang="en")
    assert payloads_from_html(build_map(frame, naming=Naming.EN).get_root().render()) == [expected]


@pytest.mark.parametrize("text", ["</script><script>alert(1)</script>", "<!--", "\u2028", "a\u2029b"])
def test_script_json_cannot_end_the_script_element(text) -> None:
    encoded = script_json({"x": text})
    assert "<" not in encoded
    assert "\u2028" not in encoded
    assert "\u2029" not in encoded
