"""The WebGL point layer's payload: typed columns that read back to the scene's marks, no event text, picks."""

from __future__ import annotations

import base64

import numpy as np
import pandas as pd
import pytest

from base.settings import Settings
from eventmap.filtering import Filters
from eventmap.mapping import build_event_layer, build_map, drawn_event_count, payloads_from_html
from eventmap.mapping.points import UNKNOWN_DAY, PickedPoint, event_id_of, marks_key, payload_bytes, point_payload
from eventmap.scene import Lang, Marks, Palette, Scene, SceneView, build_scene
from eventmap.schema import STATUSES
from eventmap.styling import SHAPES
from geo.naming import Naming


def column(payload: dict, name: str, dtype: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(payload[name]), dtype=np.dtype(dtype).newbyteorder("<"))


def scene_of(frame: pd.DataFrame, lang: Lang = Lang.EN) -> Scene:
    return build_scene(frame, full_frame=frame, filters=Filters(), view=SceneView(), lang=lang, naming=Naming.EN,
                       sides_config_path=Settings.from_env().sides_config_path)


def spread(n: int, *, seed: int = 3) -> pd.DataFrame:
    """`n` events at distinct points, every status and two sides, one with an unknown date."""
    rng = np.random.default_rng(seed)
    base = pd.DataFrame({"event_id": [f"P{i}" for i in range(n)]})
    frame = base.assign(
        date=pd.to_datetime("2020-09-27") + pd.to_timedelta(rng.integers(0, 45, n), unit="D"),
        latitude=rng.uniform(38.8, 40.8, n), longitude=rng.uniform(45.0, 48.5, n),
        side=np.where(rng.random(n) < 0.5, "Armenia", "Azerbaijan"),
        status=np.array(STATUSES, dtype=object)[rng.integers(0, len(STATUSES), n)],
    )
    frame.loc[0, "date"] = pd.NaT
    return frame


@pytest.fixture
def spread_events(make_events):
    def make(n: int) -> pd.DataFrame:
        template = make_events({})
        values = spread(n)
        frame = pd.concat([template] * n, ignore_index=True)
        for name in values.columns:
            frame[name] = values[name].astype(frame[name].dtype) if name != "date" else values[name]
        return frame
    return make


def test_columns_read_back_to_the_scene_marks(make_events) -> None:
    frame = make_events(
        {"side": "Armenia", "status": "confirmed", "event_type": "Battles", "date": "2020-10-01"},
        {"side": "Azerbaijan", "status": "denied", "latitude": 40.1, "longitude": 47.2, "date": "2020-10-03"},
        {"latitude": None, "longitude": None},
        {"side": "Armenia", "status": "disputed", "event_type": "Protests", "date": None},
    )
    scene = scene_of(frame)
    payload = point_payload(scene.marks, scene.palette, lang="en", total=len(frame))
    marks = scene.marks
    assert (payload["n"], payload["total"], drawn_event_count(payload)) == (3, 4, 3)
    np.testing.assert_allclose(column(payload, "lat", "f4"), marks.lat, atol=1e-5)
    np.testing.assert_allclose(column(payload, "lon", "f4"), marks.lon, atol=1e-5)
    assert [payload["colours"][i] for i in column(payload, "side", "u1")] == [
        scene.palette.colour(scene.palette.sides[s]) for s in marks.side]
    assert [payload["shapes"][i] for i in column(payload, "type", "u1")] == list(marks.shape)
    assert [payload["statuses"][i] for i in column(payload, "status", "u1")] == ["confirmed", "denied", "disputed"]
    assert payload["day0"] == "2020-10-01"
    assert column(payload, "day", "u2").tolist() == [0, 2, UNKNOWN_DAY]
    assert set(payload["shapes"]) <= set(SHAPES)


def test_no_event_text_travels_with_the_points(make_events) -> None:
    frame = make_events({"description": "Shelling of the bridge at Hadrut", "sources": "https://example.org/zz"},
                        {"actor": "Unit 4711"})
    scene = scene_of(frame)
    text = str(point_payload(scene.marks, scene.palette, lang="en"))
    for secret in ("Hadrut", "example.org/zz", "Unit 4711", "S1", "S2"):
        assert secret not in text


def test_labels_follow_the_language(make_events) -> None:
    scene = scene_of(make_events({"status": "confirmed"}), Lang.AR)
    payload = point_payload(scene.marks, scene.palette, lang="ar")
    assert payload["dir"] == "rtl"
    assert payload["statuses"][0] != "confirmed"
    assert payload["strings"]["details"]


def test_one_hundred_thousand_events_fit_in_two_megabytes() -> None:
    n = 100_000
    values = spread(n)
    marks = Marks(ids=tuple(values["event_id"]), lat=tuple(values["latitude"]), lon=tuple(values["longitude"]),
                  side=tuple((values["side"] == "Azerbaijan").astype(int)), shape=("diamond",) * n,
                  status=tuple(values["status"]), precision=("exact",) * n,
                  day=tuple(values["date"].dt.strftime("%Y-%m-%d").fillna("")))
    palette = Palette(sides=("Armenia", "Azerbaijan"), colours=("#D55E00", "#0072B2"))
    payload = point_payload(marks, palette, lang="en")
    assert payload["n"] == 100_000
    assert payload_bytes(payload) < 2_000_000
    assert len(str(payload)) < 2_000_000


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("em-point:0123456789abcdef:0", PickedPoint("0123456789abcdef", 0)),
        (" em-point:0123456789abcdef:99999 ", PickedPoint("0123456789abcdef", 99999)),
        ("em-point:0123456789abcdef:-1", None),
        ("em-point:0123456789ABCDEF:1", None),
        ("em-point:0123:1", None),
        ("<b>em-point:0123456789abcdef:1</b>", None),
        ("Shusha", None),
        (None, None),
        (17, None),
    ],
)
def test_a_pick_is_read_only_in_its_exact_form(text, expected) -> None:
    assert PickedPoint.parse(text) == expected


def test_a_pick_names_an_event_only_on_its_own_layer(make_events) -> None:
    marks = scene_of(make_events({}, {"latitude": 40.0}, {"latitude": 40.2})).marks
    key = marks_key(marks)
    assert event_id_of(marks, PickedPoint(key, 1)) == marks.ids[1]
    assert event_id_of(marks, PickedPoint(key, 3)) is None
    assert event_id_of(marks, PickedPoint("0" * 16, 1)) is None
    assert event_id_of(marks, None) is None
    fewer = scene_of(make_events({}, {"latitude": 40.0})).marks  # E1, E2: another filter's events
    assert marks_key(fewer) != key
    assert event_id_of(fewer, PickedPoint(key, 1)) is None


@pytest.mark.parametrize(("n", "points_from", "mode"), [(30, 5_000, "points"), (30, 20, "gl"), (30, 30, "points")])
def test_the_layer_draws_points_above_the_threshold(spread_events, n, points_from, mode) -> None:
    frame = spread_events(n)
    scene = scene_of(frame)
    m = build_map(frame, naming=Naming.EN, with_events=False, scene=scene)
    build_event_layer(frame, naming=Naming.EN, scene=scene, points_from=points_from).add_to(m)
    [payload] = payloads_from_html(m.get_root().render())
    assert (payload["mode"], drawn_event_count(payload)) == (mode, n)


def test_the_layer_draws_points_without_a_scene_too(spread_events) -> None:
    frame = spread_events(40)
    m = build_map(frame, naming=Naming.EN, with_events=False)
    build_event_layer(frame, naming=Naming.EN, points_from=10).add_to(m)
    [payload] = payloads_from_html(m.get_root().render())
    assert (payload["mode"], payload["n"]) == ("gl", 40)


@pytest.mark.parametrize(("n", "lang", "word"),
                         [(30, "en", "Density"), (6_000, "en", "Density"), (30, "ar", "الكثافة")])
def test_density_is_squares_at_any_size_when_chosen(spread_events, n, lang, word) -> None:
    frame = spread_events(n)
    m = build_map(frame, naming=Naming.EN, with_events=False)
    build_event_layer(frame, naming=Naming.EN, lang=lang, density=True).add_to(m)
    [payload] = payloads_from_html(m.get_root().render())
    assert (payload["mode"], drawn_event_count(payload)) == ("grid", n)
    assert word in payload["notes"][0]
