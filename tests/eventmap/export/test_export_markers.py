import numpy as np
import pytest
from export_frames import PLACES, MakeEvents

from eventmap.export.markers import CROWD, MARKER_PT, MAX_SPREAD, marker_positions, marker_size, ring_offsets
from eventmap.export.viewport import Extent, Viewport, project


@pytest.mark.parametrize("count", [2, 3, 5, 8, 10, 11, 25, 60])
def test_spread_markers_do_not_overlap(count: int) -> None:
    offsets = ring_offsets(count)
    assert offsets.shape == (count, 2)
    gaps = np.hypot(*(offsets[:, None, :] - offsets[None, :, :]).transpose(2, 0, 1))
    np.fill_diagonal(gaps, np.inf)
    assert gaps.min() >= 1.0  # in marker diameters


def test_one_marker_is_not_moved() -> None:
    assert ring_offsets(1).tolist() == [[0.0, 0.0]]


@pytest.mark.parametrize(("events", "size"), [(1, MARKER_PT), (CROWD, MARKER_PT), (4 * CROWD, MARKER_PT / 2),
                                              (10**6, MARKER_PT / 3)])
def test_markers_shrink_in_a_crowd(events: int, size: float) -> None:
    assert marker_size(events) == pytest.approx(size)


def viewport() -> Viewport:
    return Viewport.fit(Extent.from_bbox(39.0, 46.0, 40.5, 47.8), width_px=1000, height_px=800)


def test_positions(events: MakeEvents) -> None:
    frame = events({"location": "Jabrayil"}, *[{"location": "Shusha"}] * 3,
                   *[{"location": "Ganja"}] * (MAX_SPREAD + 1))
    xy = marker_positions(frame, viewport(), marker_px=20, merge_px=32)
    assert tuple(xy[0]) == pytest.approx(project(*PLACES["Jabrayil"]))  # alone: exactly on its point
    shusha = xy[1:4]
    assert len({tuple(p) for p in shusha}) == 3  # spread
    centre = np.array(project(*PLACES["Shusha"]))
    assert np.hypot(*(shusha - centre).T).max() < 30 * viewport().metres_per_pixel
    ganja = xy[4:]
    assert np.allclose(ganja, project(*PLACES["Ganja"]))  # too many to spread: stacked on the point


def test_nearby_points_share_a_ring(events: MakeEvents) -> None:
    frame = events({"location": "Shusha"}, {"location": "Stepanakert"})  # 6.4 km apart
    far = marker_positions(frame, viewport(), marker_px=4, merge_px=6)
    near = marker_positions(frame, Viewport.fit(Extent.from_bbox(35, 40, 45, 52), width_px=1000, height_px=800),
                            marker_px=20, merge_px=32)
    assert tuple(far[0]) == pytest.approx(project(*PLACES["Shusha"]))  # zoomed in: each on its point
    assert tuple(near[0]) != pytest.approx(project(*PLACES["Shusha"]))  # zoomed out: spread apart
