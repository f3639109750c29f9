import hashlib
from datetime import date
from pathlib import Path

import pytest

from eventmap.export.stamp import DataStamp, format_date_range, nice_length, scale_label, wrap_filters


def test_data_stamp_of_bytes_names_the_file_and_its_hash() -> None:
    data = b"event_id,date\nx,2020-10-08\n"
    stamp = DataStamp.from_bytes(data, name="uploads/../events.csv", modified=date(2020, 11, 12))
    assert stamp.name == "events.csv"
    assert stamp.short_hash == hashlib.sha256(data).hexdigest()[:12]
    assert stamp.text("en") == f"Data: events.csv · 2020-11-12 · sha256 {stamp.short_hash}"
    assert stamp.text("ar").startswith("البيانات: events.csv")


def test_data_stamp_of_a_file(tmp_path: Path) -> None:
    path = tmp_path / "war.csv"
    path.write_bytes(b"abc")
    stamp = DataStamp.from_path(path)
    assert stamp.sha256 == hashlib.sha256(b"abc").hexdigest()
    assert stamp.modified is not None
    assert stamp.name == "war.csv"


@pytest.mark.parametrize(
    ("first", "last", "lang", "expected"),
    [
        (date(2020, 10, 8), date(2020, 10, 9), "en", "8 October 2020 – 9 October 2020"),
        (date(2020, 10, 8), date(2020, 10, 8), "en", "8 October 2020"),
        (date(2020, 9, 27), date(2020, 11, 10), "ar", "27 سبتمبر 2020 – 10 نوفمبر 2020"),
        (None, None, "en", ""),
    ],
)
def test_date_range(first, last, lang: str, expected: str) -> None:
    assert format_date_range(first, last, lang) == expected


@pytest.mark.parametrize(
    ("limit", "expected"),
    [(73_000.0, 50_000.0), (50_000.0, 50_000.0), (19_999.0, 10_000.0), (2_500.0, 2_000.0), (999.0, 500.0),
     (0.0, 0.0)],
)
def test_scale_bar_lengths_are_round(limit: float, expected: float) -> None:
    assert nice_length(limit) == expected


@pytest.mark.parametrize(
    ("metres", "lang", "text"), [(50_000, "en", "50 km"), (500, "en", "500 m"), (20_000, "ar", "20 كم")]
)
def test_scale_label(metres: float, lang: str, text: str) -> None:
    assert scale_label(metres, lang) == text


def test_long_filters_are_cut_to_two_lines() -> None:
    text = "; ".join(f"Place: town number {i}" for i in range(60))
    lines = wrap_filters(text, width_in=13.3)
    assert len(lines) == 2
    assert lines[-1].endswith("…")


def _entries(layout: str) -> list:
    """"H" a heading, "x" an item: "Hxx Hx" → entries."""
    from eventmap.export.stamp import LegendEntry

    return [LegendEntry(text=f"{kind}{i}", is_heading=kind == "H") for i, kind in enumerate(layout.replace(" ", ""))]


@pytest.mark.parametrize(
    ("layout", "columns"),
    [
        ("Hxxxxxxx Hxxxx Hxxxx", ("H0 x1 x2 x3 x4 x5 x6 x7 - -", "H8 x9 x10 x11 x12 H13 x14 x15 x16 x17")),
        ("Hxx Hxx", ("H0 x1 x2", "H3 x4 x5")),
        ("Hx Hxxxxx", ("H0 x1 - - - -", "H2 x3 x4 x5 x6 x7")),
    ],
)
def test_a_two_column_legend_breaks_at_a_heading(layout: str, columns: tuple[str, str]) -> None:
    from eventmap.export.stamp import two_columns

    padded = [entry.text or "-" for entry in two_columns(_entries(layout))]
    half = len(padded) // 2
    assert (" ".join(padded[:half]), " ".join(padded[half:])) == columns


def test_a_legend_taller_than_the_map_goes_to_two_columns() -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from eventmap.export.stamp import draw_legend

    entries = _entries("H" + "x" * 12 + "H" + "x" * 12)
    for height, expected in ((20, 1), (4, 2)):
        fig, ax = plt.subplots(figsize=(8, height), dpi=100)
        legend = draw_legend(ax, entries, lang="ar", corner="upper right")
        assert legend._ncols == expected
        plt.close(fig)
