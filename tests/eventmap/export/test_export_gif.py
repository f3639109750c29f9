"""The animated playback: one frame per day (or per step), the date on every frame, older events fading."""

import io
import re
from datetime import date

import numpy as np
import pandas as pd
import pytest
from export_frames import PLACES, MakeEvents
from PIL import Image

from base.errors import ExportError
from eventmap.export.gif import Fading, encode_gif, frame_days, playback_frames, render_gif
from eventmap.export.png import PictureSpec, fit_extent
from eventmap.export.viewport import Viewport, parse_size
from eventmap.filtering import Filters

REGION = (38.3, 43.4, 41.5, 50.6)
SIZE = parse_size("640x400")


@pytest.mark.parametrize(
    ("first", "last", "step", "expected"),
    [
        (date(2020, 10, 4), date(2020, 10, 6), 1, [date(2020, 10, 4), date(2020, 10, 5), date(2020, 10, 6)]),
        (date(2020, 10, 4), date(2020, 10, 9), 3, [date(2020, 10, 6), date(2020, 10, 9)]),
        (date(2020, 10, 4), date(2020, 10, 8), 3, [date(2020, 10, 6), date(2020, 10, 8)]),
        (date(2020, 10, 4), date(2020, 10, 4), 1, [date(2020, 10, 4)]),
        (date(2020, 9, 27), date(2020, 11, 10), 1, None),
    ],
)
def test_frame_days(first: date, last: date, step: int, expected: list[date] | None) -> None:
    days = frame_days(first, last, step=step)
    if expected is None:
        assert len(days) == 45  # the whole war, one frame a day
    else:
        assert days == expected


def test_step_must_be_positive() -> None:
    with pytest.raises(ExportError, match="step"):
        frame_days(date(2020, 10, 4), date(2020, 10, 6), step=0)


def test_the_gif_has_one_frame_per_day(war_week: pd.DataFrame) -> None:
    data = render_gif(war_week, size=SIZE, extent=fit_extent(war_week, fallback_bbox=REGION),
                      spec=PictureSpec(title="A week"), frame_ms=300)
    with Image.open(io.BytesIO(data)) as gif:
        assert gif.format == "GIF"
        assert gif.n_frames == 8  # 4 to 11 October
        assert gif.size == (640, 400)
        assert gif.info["loop"] == 0


def test_the_date_filter_sets_the_frames(war_week: pd.DataFrame) -> None:
    spec = PictureSpec(filters=Filters(date_from=date(2020, 10, 1), date_to=date(2020, 10, 12)))
    days = [day for day, _ in playback_frames(war_week, size=SIZE, extent=fit_extent(war_week, fallback_bbox=REGION),
                                              spec=spec, step=4)]
    assert days == [date(2020, 10, 4), date(2020, 10, 8), date(2020, 10, 12)]


def _header_ink(image: np.ndarray, rows: int) -> np.ndarray:
    return image[:rows].sum(axis=2) < 300


def test_each_frame_shows_its_date_and_the_events_so_far(events: MakeEvents) -> None:
    frame = events({"date": "2020-10-04", "location": "Shusha"}, {"date": "2020-10-06", "location": "Jabrayil"})
    extent = fit_extent(frame, fallback_bbox=REGION)
    frames = list(playback_frames(frame, size=SIZE, extent=extent, spec=PictureSpec(show_towns=False),
                                  fading=Fading(fade_days=2, min_opacity=0.3)))
    assert [day for day, _ in frames] == [date(2020, 10, 4), date(2020, 10, 5), date(2020, 10, 6)]
    images = [image.astype(int) for _, image in frames]
    # The date (top right) differs from frame to frame; the title block (top left) does not.
    header = 60
    assert not np.array_equal(_header_ink(images[0], header)[:, 400:], _header_ink(images[1], header)[:, 400:])
    assert np.array_equal(_header_ink(images[0], header)[:, :150], _header_ink(images[1], header)[:, :150])
    # Where the events are: Jabrayil only from its day on; Shusha fades after its day.
    from eventmap.export.png import MapFigure

    layout = MapFigure(frame, size=SIZE, extent=extent, spec=PictureSpec(show_towns=False))
    viewport: Viewport = layout.viewport
    top = layout.map_top
    layout.close()

    def at(image: np.ndarray, place: str) -> np.ndarray:
        x, y = viewport.to_pixel(*PLACES[place])
        return image[round(y + top), round(x)]

    blue = np.array([0x00, 0x72, 0xB2])
    assert np.abs(at(images[0], "Shusha") - blue).sum() < 60
    assert np.abs(at(images[0], "Jabrayil") - blue).sum() > 200
    assert np.abs(at(images[2], "Jabrayil") - blue).sum() < 60
    # Two days later Shusha is faded: lighter than on its own day.
    assert at(images[2], "Shusha").sum() > at(images[0], "Shusha").sum() + 100


@pytest.mark.parametrize(("age", "opacity"), [(0, 1.0), (7, 0.65), (21, 0.3), (60, 0.3)])
def test_fading_matches_the_classroom_playback(age: int, opacity: float) -> None:
    fading = Fading(fade_days=21, min_opacity=0.3)
    assert fading.opacity(np.array([age]))[0] == pytest.approx(opacity, abs=0.03)


def test_fading_is_taken_from_the_playback() -> None:
    from eventmap.playback.document import PROJECTOR

    assert Fading.like_playback() == Fading(fade_days=PROJECTOR.fade_days, min_opacity=PROJECTOR.min_opacity)


def test_frames_share_one_palette() -> None:
    frames = [np.full((20, 30, 3), value, dtype=np.uint8) for value in (0, 120, 255)]
    with Image.open(io.BytesIO(encode_gif(frames, frame_ms=100))) as gif:
        assert gif.n_frames == 3
        gif.seek(2)
        assert gif.convert("RGB").getpixel((5, 5)) == (255, 255, 255)


def test_mp4_when_imageio_ffmpeg_is_installed(war_week: pd.DataFrame) -> None:
    imageio_ffmpeg = pytest.importorskip("imageio_ffmpeg")  # optional: its wheel ships an ffmpeg binary
    import subprocess

    from eventmap.export.gif import render_mp4

    data = render_mp4(war_week, size=SIZE, extent=fit_extent(war_week, fallback_bbox=REGION), spec=PictureSpec(),
                      frame_ms=500)
    assert data[4:8] == b"ftyp"
    probe = subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-i", "-", "-f", "null", "-"], input=data,
                           capture_output=True, check=False)
    log = probe.stderr.decode(errors="replace")
    assert "640x400" in log
    assert "h264" in log
    frames = re.findall(r"frame=\s*(\d+)", log)
    assert int(frames[-1]) == 8 + 4  # 4 to 11 October, then the last day held for 2.5 s
