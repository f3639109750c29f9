"""Side colours, event-type shapes and claim-status styles (shared by the map, the legend and PNG exports)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventmap.schema import EVENT_TYPES, STATUSES
from eventmap.styling import (
    DEFAULT_SHAPE,
    EVENT_TYPE_SHAPES,
    OKABE_ITO,
    SHAPE_MATPLOTLIB_MARKERS,
    SHAPES,
    STATUS_STYLES,
    UNKNOWN_SIDE_COLOUR,
    SidesConfigError,
    marker_svg,
    shape_for,
    side_colours,
    status_style,
)


def write_config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sides.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_project_sides_have_their_configured_colours() -> None:
    colours = side_colours(["Azerbaijan", "Armenia", "Artsakh"])
    assert colours == {"Azerbaijan": "#0072B2", "Armenia": "#D55E00", "Artsakh": "#E69F00"}


def test_unknown_sides_get_free_palette_colours_in_name_order(tmp_path) -> None:
    config = write_config(tmp_path, 'palette = ["#0072B2", "#D55E00", "#E69F00"]\n[sides]\n"A" = "#0072B2"\n')
    assert side_colours(["Zed", "a", "Bee"], config_path=config) == {
        "Zed": "#E69F00", "a": "#0072B2", "Bee": "#D55E00"}


def test_colours_do_not_depend_on_row_order(tmp_path) -> None:
    config = write_config(tmp_path, "")
    forward = side_colours(["x", "y", "z"], config_path=config)
    backward = side_colours(["z", "y", "x"], config_path=config)
    assert forward == backward
    assert len(set(forward.values())) == 3


def test_many_unknown_sides_stay_distinct_as_long_as_colours_last(tmp_path) -> None:
    config = write_config(tmp_path, "")
    colours = side_colours([f"side {i:02d}" for i in range(14)], config_path=config)
    assert len(set(colours.values())) == 14
    assert UNKNOWN_SIDE_COLOUR not in colours.values()  # grey means "side not reported"
    assert set(OKABE_ITO) - {UNKNOWN_SIDE_COLOUR} <= set(colours.values())


def test_empty_side_is_grey() -> None:
    assert side_colours([""]) == {"": UNKNOWN_SIDE_COLOUR}


def test_missing_config_falls_back_to_okabe_ito(tmp_path) -> None:
    assert side_colours(["b", "a"], config_path=tmp_path / "none.toml") == {"a": OKABE_ITO[0], "b": OKABE_ITO[1]}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[sides]\n"A" = "blue"\n', "sides.A: not a colour like #0072B2 (got 'blue')"),
        ('palette = ["#12345"]\n', "palette: not a colour"),
        ("sides = 3\n", "[sides] must be a table"),
        ("[sides\n", "cannot read the side colours"),
    ],
)
def test_bad_config_is_refused_with_the_value(tmp_path, text, message) -> None:
    with pytest.raises(SidesConfigError, match=message.replace("[", r"\[").replace("(", r"\(").replace(")", r"\)")):
        side_colours(["A"], config_path=write_config(tmp_path, text))


def test_every_acled_type_has_its_own_shape() -> None:
    assert set(EVENT_TYPE_SHAPES) == set(EVENT_TYPES)
    assert len(set(EVENT_TYPE_SHAPES.values())) == len(EVENT_TYPES)
    assert DEFAULT_SHAPE not in EVENT_TYPE_SHAPES.values()
    assert shape_for("state-based conflict").name == DEFAULT_SHAPE


def test_every_shape_has_a_matplotlib_marker() -> None:
    from matplotlib.markers import MarkerStyle

    assert set(SHAPE_MATPLOTLIB_MARKERS) == set(SHAPES)
    assert len(set(SHAPE_MATPLOTLIB_MARKERS.values())) == len(SHAPES)
    for code in SHAPE_MATPLOTLIB_MARKERS.values():
        MarkerStyle(code)  # raises for an unknown code


@pytest.mark.parametrize(
    ("status", "filled", "dashed"),
    [("confirmed", True, False), ("claimed", False, False), ("disputed", True, True), ("denied", False, True),
     ("unverified", False, True)],
)
def test_status_styles_differ_visibly(status, filled, dashed) -> None:
    style = STATUS_STYLES[status]
    assert (style.filled, bool(style.dash)) == (filled, dashed)
    svg = marker_svg(shape_for("Battles"), "#0072B2", status)
    assert ("stroke-dasharray" in svg) == dashed
    kwargs = style.matplotlib_kwargs("#0072B2")
    assert (kwargs["facecolors"] != "none") == filled
    assert (kwargs["linestyle"] == "--") == dashed


def test_every_status_marker_looks_different() -> None:
    svgs = {marker_svg(shape_for("Battles"), "#0072B2", status) for status in STATUSES}
    assert len(svgs) == len(STATUSES)


def test_unverified_has_a_label_in_english_and_arabic() -> None:
    from eventmap.i18n import t

    assert t("status.unverified", "en") == "unverified"
    assert t("status.unverified", "ar") == "غير متحقَّق منه"


def test_statuses_all_have_styles_and_unknown_is_not_shown_as_confirmed() -> None:
    assert tuple(STATUS_STYLES) == STATUSES
    assert not status_style("rumoured").filled
