"""The point layer by reference: the whole data's columns once, a filter as predicates and the smallest list.

`FIXTURE` (read by ``static/eventmap/js/tests/pointdata.test.js``) is made here from the same data and
filters: the browser's decoding and filter evaluation are checked against the Python filter's result. After
a change of the encoding, write it again with ``python -m tests.eventmap.mapping.test_deltas``.
"""

from __future__ import annotations

import base64
import gzip
import json
import os
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from eventframes import events_frame

from base.settings import PROJECT_ROOT, Settings
from eventmap.filtering import Filters, SourceFilter, apply_filters
from eventmap.mapping import build_event_layer, build_map, deltas, payloads_from_html
from eventmap.mapping.deltas import (
    KEEP_FILES,
    DataPoints,
    SharedView,
    data_points,
    drawn_by,
    filter_value,
    labels_of,
    positions_of,
    publish,
    publish_labels,
)
from eventmap.mapping.points import UNKNOWN_DAY, PickedPoint, day_codes, marks_key
from eventmap.scene import Lang, SceneView, build_scene
from eventmap.scene.build import scene_marks, scene_palette
from eventmap.schema import EVENT_TYPES, STATUSES
from geo.naming import Naming

FIXTURE = PROJECT_ROOT / "static" / "eventmap" / "js" / "tests" / "fixtures" / "deltas.json"
SIDES = ("Armenia", "Azerbaijan", "Artsakh", "")
PLACES = ("Shusha", "Stepanakert", "Ganja", "Goris")


def events(n: int = 400, *, seed: int = 11) -> pd.DataFrame:
    """`n` events of four sides, every event type and status, four places; some with no point or no date."""
    rng = np.random.default_rng(seed)
    frame = events_frame([{}] * n, event_id=lambda i: f"D{i:05d}")
    frame = frame.assign(
        date=pd.to_datetime("2020-09-27") + pd.to_timedelta(rng.integers(0, 45, n), unit="D"),
        latitude=rng.uniform(39.0, 40.6, n).round(5), longitude=rng.uniform(45.3, 48.2, n).round(5),
        side=np.array(SIDES, dtype=object)[rng.integers(0, len(SIDES), n)],
        event_type=np.array(list(EVENT_TYPES), dtype=object)[rng.integers(0, len(EVENT_TYPES), n)],
        status=np.array(STATUSES, dtype=object)[rng.integers(0, len(STATUSES), n)],
        location=np.array(PLACES, dtype=object)[rng.integers(0, len(PLACES), n)],
        sources=np.where(rng.random(n) < 0.7, "https://example.org/r", ""), description_ar="",
    )
    frame.loc[rng.choice(n, 12, replace=False), "latitude"] = np.nan
    frame.loc[rng.choice(n, 9, replace=False), "date"] = pd.NaT
    return frame


FILTERS = [
    ("none", Filters()),
    ("side", Filters(sides=("Armenia",))),
    ("two sides", Filters(sides=("Armenia", "Artsakh"))),
    ("no side", Filters(sides=("",))),
    ("from a day", Filters(date_from=date(2020, 10, 5))),
    ("day range", Filters(date_from=date(2020, 10, 1), date_to=date(2020, 10, 9))),
    ("side and days", Filters(sides=("Azerbaijan",), date_to=date(2020, 10, 20))),
    ("type", Filters(event_types=("Battles", "Protests"))),
    ("status", Filters(statuses=("confirmed",))),
    ("place", Filters(places=("Ganja",))),
    ("place and side", Filters(places=("Ganja", "Goris"), sides=("Armenia",))),
    ("with sources", Filters(sources=SourceFilter.WITH)),
    ("text", Filters(text="stepanakert")),
    ("nothing", Filters(sides=("Nobody",))),
]
BROWSER_EVALUATES = {"none", "side", "two sides", "no side", "from a day", "day range", "side and days", "type",
                     "status", "nothing"}


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return events()


@pytest.fixture(scope="module")
def data(frame: pd.DataFrame) -> DataPoints:
    return data_points(frame, scene_palette(frame, sides_config_path=Settings.from_env().sides_config_path))


def shown_positions(data: DataPoints, frame: pd.DataFrame, filters: Filters) -> np.ndarray:
    shown = apply_filters(frame, filters)
    positions = positions_of(data, shown, scene_marks(shown, data.palette))
    assert positions is not None
    return positions


def column(data: DataPoints, name: str) -> np.ndarray:
    offset, kind = data.layout[name]
    dtype = "<f4" if kind == "f32" else "<u2" if kind == 2 else "u1"
    return np.frombuffer(data.blob, dtype=dtype, count=data.n, offset=offset)


def test_the_file_holds_every_located_event_in_thirteen_bytes(frame, data) -> None:
    marks = scene_marks(frame, data.palette)
    assert data.n == len(marks) == int(frame["latitude"].notna().sum())
    assert len(data.blob) <= 13 * data.n + 12
    assert all(offset % 4 == 0 for offset, _ in data.layout.values())
    np.testing.assert_allclose(column(data, "lat"), marks.lat, atol=1e-5)
    np.testing.assert_allclose(column(data, "lon"), marks.lon, atol=1e-5)
    located = frame.loc[frame["latitude"].notna()]
    assert [data.type_names[c] for c in column(data, "type")] == located["event_type"].tolist()
    assert [data.status_names[c] for c in column(data, "status")] == located["status"].tolist()
    assert [data.palette.sides[c] for c in column(data, "side")] == located["side"].tolist()
    unknown = column(data, "day") == UNKNOWN_DAY
    assert unknown.tolist() == located["date"].isna().tolist()
    days, day0 = day_codes(marks.day)
    assert column(data, "day").tolist() == days.tolist()
    assert data.day0 == day0
    assert data.key == marks_key(marks)
    assert data.ids.tolist() == list(marks.ids)


@pytest.mark.parametrize(("name", "filters"), FILTERS)
def test_the_filter_value_draws_exactly_the_events_shown(frame, data, name, filters) -> None:
    positions = shown_positions(data, frame, filters)
    value = filter_value(data, positions)
    drawn = np.flatnonzero(drawn_by(data, value))
    assert drawn.tolist() == sorted(positions.tolist())
    assert value["count"] == len(positions)
    listed = [form for form in ("mask", "only", "drop") if form in value]
    assert len(listed) == (0 if name in BROWSER_EVALUATES else 1), value.keys()


@pytest.mark.parametrize(("kept", "form"), [(3, "only"), (200, "mask"), (380, "drop")])
def test_the_list_is_the_smallest_of_mask_indices_and_left_out(data, kept, form) -> None:
    rng = np.random.default_rng(kept)
    positions = np.sort(rng.choice(data.n, min(kept, data.n), replace=False))
    value = filter_value(data, positions)
    assert form in value
    assert np.flatnonzero(drawn_by(data, value)).tolist() == positions.tolist()


def test_a_side_or_date_change_at_a_million_events_is_a_few_bytes() -> None:
    n = 1_000_000
    frame = pd.DataFrame({"event_id": np.arange(n).astype(str), "latitude": np.full(n, 40.0),
                          "longitude": np.full(n, 46.0), "side": np.where(np.arange(n) % 3, "A", "B"),
                          "event_type": "Battles", "status": "claimed", "geo_precision": "exact",
                          "date": pd.to_datetime("2020-01-01") + pd.to_timedelta(np.arange(n) % 400, unit="D")})
    data = data_points(frame, scene_palette(frame, sides_config_path=Settings.from_env().sides_config_path))
    for filters in (Filters(sides=("B",)), Filters(date_from=date(2020, 3, 1), date_to=date(2020, 6, 1))):
        shown = apply_filters(frame, filters)
        positions = positions_of(data, shown, scene_marks(shown, data.palette))
        assert positions is not None
        assert len(json.dumps(filter_value(data, positions))) < 100


def test_rows_of_another_frame_are_not_placed_in_the_data(frame, data) -> None:
    shown = apply_filters(frame, Filters(sides=("Armenia",))).copy()
    shown["event_id"] = "other-" + shown["event_id"]
    assert positions_of(data, shown, scene_marks(shown, data.palette)) is None


def test_a_click_names_the_event_by_its_place_in_the_whole_data(frame, data) -> None:
    positions = shown_positions(data, frame, Filters(sides=("Artsakh",)))
    index = int(positions[5])
    picked = PickedPoint.parse(f"em-point:{data.key}:{index}")
    assert data.event_id(picked) == data.ids[index]
    assert data.event_id(PickedPoint.parse(f"em-point:{'0' * 16}:{index}")) is None
    assert data.event_id(PickedPoint.parse(f"em-point:{data.key}:{data.n}")) is None


def test_the_layer_carries_the_url_and_the_filter_not_the_columns(frame, data) -> None:
    filters = Filters(sides=("Armenia",))
    shown = apply_filters(frame, filters)
    scene = build_scene(shown, full_frame=frame, filters=filters, view=SceneView(), lang=Lang.EN, naming=Naming.EN,
                        sides_config_path=Settings.from_env().sides_config_path)
    shared = SharedView(data=data, url="/app/static/eventmap/points/x.bin",
                        positions=shown_positions(data, frame, filters))
    m = build_map(frame, naming=Naming.EN, with_events=False, scene=scene)
    build_event_layer(shown, naming=Naming.EN, scene=scene, points_from=20, shared=shared).add_to(m)
    [payload] = payloads_from_html(m.get_root().render())
    assert payload["data"]["url"] == "/app/static/eventmap/points/x.bin"
    assert payload["filter"]["sides"] == [data.palette.sides.index("Armenia")]
    assert payload["n"] == len(scene.marks)
    assert not {"lon", "lat", "side", "day"} & set(payload)
    assert len(json.dumps(payload["filter"])) < 80


def test_publish_writes_once_and_keeps_the_newest_files(tmp_path, data) -> None:
    for i in range(KEEP_FILES + 2):
        (tmp_path / f"{i:064x}.bin.gz").write_bytes(b"old")
        os.utime(tmp_path / f"{i:064x}.bin.gz", (1_000 + i, 1_000 + i))
    url = publish(data, folder=tmp_path, url_prefix="/p")
    assert url == f"/p/{data.digest}.bin.gz"
    assert gzip.decompress((tmp_path / f"{data.digest}.bin.gz").read_bytes()) == data.blob  # zipped once, at rest
    assert len(list(tmp_path.glob("*.bin.gz"))) == KEEP_FILES
    assert publish(data, folder=tmp_path, url_prefix="/p") == url


def test_the_labels_are_published_per_language_beside_the_columns(tmp_path, data) -> None:
    english = publish_labels(data, "en", folder=tmp_path, url_prefix="/p")
    arabic = publish_labels(data, "ar", folder=tmp_path, url_prefix="/p")
    assert english is not None
    assert arabic is not None
    assert english != arabic
    labels = json.loads((tmp_path / english.removeprefix("/p/")).read_text("utf-8"))
    assert labels == labels_of(data, "en")
    assert labels["colours"] == list(data.palette.colours)
    assert json.loads((tmp_path / arabic.removeprefix("/p/")).read_text("utf-8"))["dir"] == "rtl"
    shared = SharedView(data=data, url="/p/x.bin", positions=np.arange(data.n), labels_url=english)
    payload = shared.payload(lang="en", total=data.n)
    assert payload["data"]["labels"] == english
    assert "sides" not in payload
    assert len(json.dumps(payload)) < 500


def test_columns_larger_than_streamlit_serves_give_no_url(tmp_path, data, monkeypatch) -> None:
    zipped = gzip.compress(data.blob, compresslevel=deltas.GZIP_LEVEL, mtime=0)
    monkeypatch.setattr(deltas, "MAX_SERVED_BYTES", len(zipped) - 1)
    assert publish(data, folder=tmp_path) is None
    assert list(tmp_path.iterdir()) == []


def test_a_folder_that_is_a_file_gives_no_url(tmp_path, data) -> None:
    (tmp_path / "points").write_text("not a folder")
    assert publish(data, folder=tmp_path / "points") is None


def fixture_text() -> str:
    """The JSON the node test reads: the columns, and per filter its value and the events it must draw."""
    frame = events()
    data = data_points(frame, scene_palette(frame, sides_config_path=Settings.from_env().sides_config_path))
    cases = []
    for name, filters in FILTERS:
        positions = shown_positions(data, frame, filters)
        cases.append({"name": name, "filter": filter_value(data, positions), "drawn": sorted(positions.tolist()),
                      "ids": [str(data.ids[i]) for i in sorted(positions.tolist())]})
    return json.dumps({"n": data.n, "key": data.key, "layout": data.layout, "ids": data.ids.tolist(),
                       "blob": base64.b64encode(data.blob).decode("ascii"), "cases": cases}, indent=0) + "\n"


def test_the_browser_fixture_is_current() -> None:
    assert FIXTURE.read_text(encoding="utf-8") == fixture_text(), "run python -m tests.eventmap.mapping.test_deltas"


if __name__ == "__main__":
    Path(FIXTURE).parent.mkdir(parents=True, exist_ok=True)
    Path(FIXTURE).write_text(fixture_text(), encoding="utf-8")
