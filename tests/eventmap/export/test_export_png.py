import io
from datetime import date

import numpy as np
import pandas as pd
import pytest
from export_frames import PLACES, MakeEvents
from PIL import Image

from eventmap.export.png import MapFigure, PictureSpec, fit_extent, render_png, view_extent
from eventmap.export.stamp import DataStamp
from eventmap.export.viewport import Extent, parse_size, pixel_size, preset_size
from eventmap.filtering import Filters
from eventmap.styling import side_colours

REGION = (38.3, 43.4, 41.5, 50.6)
AZERBAIJAN_BLUE = (0x00, 0x72, 0xB2)
ARMENIA_VERMILION = (0xD5, 0x5E, 0x00)
SPEC = PictureSpec(title="Test map", data_stamp=DataStamp(name="events.csv", sha256="ab" * 32))


def pixels(data: bytes) -> np.ndarray:
    with Image.open(io.BytesIO(data)) as image:
        return np.asarray(image.convert("RGB")).astype(int)


def colour_near(image: np.ndarray, x: float, y: float, colour: tuple[int, int, int], *, radius: int = 2,
                tolerance: int = 30) -> bool:
    """Whether every pixel within `radius` of (x, y) is within `tolerance` of `colour`."""
    patch = image[round(y) - radius: round(y) + radius + 1, round(x) - radius: round(x) + radius + 1]
    return bool(np.all(np.abs(patch - np.array(colour)) <= tolerance))


def ink(region: np.ndarray) -> int:
    """Dark pixels (text) in a region."""
    return int((region.sum(axis=2) < 300).sum())


@pytest.mark.parametrize(("preset", "size"), [("screen", (1100, 620)), ("1920x1080", (1920, 1080)),
                                              ("1024x768", (1024, 768)), ("a4-300dpi", (3508, 2480))])
def test_picture_size_per_preset(events: MakeEvents, preset: str, size: tuple[int, int]) -> None:
    frame = events({"location": "Shusha"})
    picture = render_png(frame, size=preset_size(preset, screen=(1100, 620)),
                         extent=fit_extent(frame, fallback_bbox=REGION), spec=SPEC)
    with Image.open(io.BytesIO(picture.data)) as image:
        assert image.format == "PNG"
        assert image.size == size
    assert (picture.width, picture.height) == size


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize(("place", "colour_side"), [("Shusha", "Azerbaijan"), ("Jabrayil", "Armenia")])
def test_an_event_is_drawn_where_its_coordinates_say(events: MakeEvents, lang: str, place: str,
                                                     colour_side: str) -> None:
    frame = events({"location": place, "side": colour_side, "status": "confirmed"})
    extent = Extent.from_bbox(39.0, 46.0, 40.5, 47.8)  # the event is off-centre
    picture = render_png(frame, size=parse_size("1024x768"), extent=extent,
                         spec=PictureSpec(lang=lang, show_towns=False))
    image = pixels(picture.data)
    x, y = picture.image_pixel(*PLACES[place])
    colour = AZERBAIJAN_BLUE if colour_side == "Azerbaijan" else ARMENIA_VERMILION
    assert side_colours([colour_side])[colour_side] == "#{:02X}{:02X}{:02X}".format(*colour)
    assert colour_near(image, x, y, colour)
    # ... and nowhere else near it: 40 px away in each direction is the basemap.
    for dx, dy in ((40, 0), (-40, 0), (0, 40), (0, -40)):
        assert not colour_near(image, x + dx, y + dy, colour, radius=0, tolerance=40)


def test_the_dashboards_view_is_the_pictures_view(events: MakeEvents) -> None:
    """Leaflet's centre + zoom on a 1280×600 map: in the 'screen' picture that centre is the map's centre."""
    frame = events({"location": "Shusha"}, {"location": "Ganja"})
    extent = view_extent(center=PLACES["Shusha"], zoom=9, screen=(1280, 600), frame=frame, fallback_bbox=REGION)
    picture = render_png(frame, size=pixel_size(1280, 600), extent=extent, spec=PictureSpec(show_towns=False))
    x, y = picture.image_pixel(*PLACES["Shusha"])
    map_height = picture.viewport.height_px
    assert (x, y) == pytest.approx((640, picture.map_top + map_height / 2), abs=0.6)
    assert colour_near(pixels(picture.data), x, y, AZERBAIJAN_BLUE)
    assert picture.viewport.extent.width >= extent.width - 1  # nothing of the screen's view is cut


def test_the_stamp_header_footer_and_scale_bar_are_on_the_picture(events: MakeEvents) -> None:
    frame = events({"location": "Shusha"}, {"location": "Ganja", "side": "Armenia"})
    picture = render_png(frame, size=parse_size("1920x1080"), extent=fit_extent(frame, fallback_bbox=REGION),
                         spec=SPEC)
    image = pixels(picture.data)
    header = image[: picture.map_top]
    footer_top = picture.map_top + picture.viewport.height_px
    footer = image[footer_top + 2:]
    assert ink(header[:, :900]) > 3000  # title, dates, filters
    assert ink(header[:, 1400:]) == 0  # left-aligned in English
    assert ink(footer[:, :800]) > 200  # data stamp
    assert ink(footer[:, -500:]) > 200  # basemap attribution
    scale_box = image[footer_top - 90: footer_top - 10, 10:400]
    assert ink(scale_box) > 500  # the black half of the bar and its label


def test_right_to_left_pictures_mirror_the_header(events: MakeEvents) -> None:
    frame = events({"location": "Shusha"})
    picture = render_png(frame, size=parse_size("1920x1080"), extent=fit_extent(frame, fallback_bbox=REGION),
                         spec=PictureSpec(title="خريطة الأحداث", lang="ar"))
    header = pixels(picture.data)[: picture.map_top]
    assert ink(header[:, -900:]) > 3000
    assert ink(header[:, :500]) == 0


def _figure(frame: pd.DataFrame, **spec) -> MapFigure:
    return MapFigure(frame, size=parse_size("1920x1080"), extent=fit_extent(frame, fallback_bbox=REGION),
                     spec=PictureSpec(**spec))


def test_the_legend_shows_each_sides_colour_types_and_statuses(events: MakeEvents) -> None:
    frame = events({"location": "Shusha", "status": "disputed"},
                   {"location": "Ganja", "side": "Armenia", "event_type": "Battles", "sub_event_type": "Armed clash",
                    "status": "claimed"})
    figure = _figure(frame)
    try:
        texts = [t.get_text() for t in figure.legend.get_texts()]
        assert texts == ["Side that acted", "Armenia", "Azerbaijan", "Type of event", "Battles",
                         "Explosions/Remote violence", "Claim status", "claimed", "disputed"]
        image = figure.rgba()[..., :3].astype(int)
        box = figure.legend.get_window_extent(figure.canvas.get_renderer())
        rows = slice(int(image.shape[0] - box.y1), int(image.shape[0] - box.y0))
        legend = image[rows, int(box.x0): int(box.x1)]
        for colour in (AZERBAIJAN_BLUE, ARMENIA_VERMILION):
            assert (np.abs(legend - np.array(colour)).sum(axis=2) < 40).sum() > 20
        assert ink(legend) > 2000
    finally:
        figure.close()


@pytest.mark.parametrize(
    ("naming", "shown_name"), [("en", "Shusha"), ("hy", "Shushi"), ("az", "Şuşa"), ("both", "Shusha / Shushi")]
)
def test_places_are_labelled_in_the_chosen_naming(events: MakeEvents, naming: str, shown_name: str) -> None:
    frame = events({"location": "Shusha"}, {"location": "Jabrayil"})
    figure = _figure(frame, naming=naming)
    try:
        labels = {t.get_text() for t in figure.labels if hasattr(t, "get_text")}
    finally:
        figure.close()
    assert shown_name in labels


def test_main_towns_around_the_events_are_labelled_too(events: MakeEvents) -> None:
    frame = events({"location": "Shusha"}, {"location": "Ganja"}, {"location": "Jabrayil"})
    figure = _figure(frame)
    try:
        labels = {t.get_text() for t in figure.labels if hasattr(t, "get_text")}
    finally:
        figure.close()
    assert {"Shusha", "Ganja", "Jabrayil"} <= labels
    assert labels & {"Stepanakert", "Barda", "Tartar", "Aghdam"}  # towns of the gazetteer without events


def test_counts_in_the_subtitle(events: MakeEvents) -> None:
    frame = events({"location": "Shusha"}, {"location": "", "latitude": "", "longitude": ""},
                   {"location": "Moscow", "latitude": 55.75, "longitude": 37.62}, *[{"location": "Stepanakert"}] * 4)
    figure = _figure(frame)
    try:
        texts = [t.get_text() for t in figure.figure.texts]
    finally:
        figure.close()
    assert any("7 events (5 on this map, 1 outside it, 1 without a place)" in t for t in texts)


def test_far_away_events_do_not_shrink_the_war_unless_asked(events: MakeEvents) -> None:
    frame = events(*[{"location": p} for p in ("Shusha", "Jabrayil", "Ganja", "Barda", "Tartar")],
                   {"location": "Geneva", "latitude": 46.2022, "longitude": 6.1457})
    assert fit_extent(frame, fallback_bbox=REGION).width < 400_000
    assert fit_extent(frame, fallback_bbox=REGION, keep_outliers=True).width > 4_000_000


def test_no_events_still_makes_a_picture(events: MakeEvents) -> None:
    frame = events({"location": "Shusha"}).iloc[0:0]
    picture = render_png(frame, size=parse_size("1024x768"), extent=fit_extent(frame, fallback_bbox=REGION),
                         spec=PictureSpec(filters=Filters(date_from=date(2020, 10, 8))))
    assert picture.events_drawn == 0
    assert pixels(picture.data).shape == (768, 1024, 3)


@pytest.mark.parametrize("hostile", ["$\\frac{1}{0}$", "<script>alert(1)</script>", "=HYPERLINK(\"x\")", "a$b",
                                     "\\", "{}{0}"])
def test_text_from_the_data_is_drawn_as_text(events: MakeEvents, hostile: str) -> None:
    frame = events({"location": hostile, "side": hostile, "latitude": 39.76, "longitude": 46.75})
    figure = _figure(frame, title=hostile)
    try:
        figure.add_markers()
        figure.rgba()
        texts = [t.get_text() for t in figure.legend.get_texts()] + [t.get_text() for t in figure.labels
                                                                      if hasattr(t, "get_text")]
    finally:
        figure.close()
    assert hostile in texts
