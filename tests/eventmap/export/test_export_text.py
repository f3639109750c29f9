import numpy as np
import pytest

from eventmap.export.text import LRI, PDI, font_families, isolate_ltr_runs, label, register_fonts, shown


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("شوشة 2020-10-08", f"شوشة {LRI}2020-10-08{PDI}"),
        ("8 أكتوبر 2020 – 9 أكتوبر 2020", f"{LRI}8{PDI} أكتوبر {LRI}2020{PDI} – {LRI}9{PDI} أكتوبر {LRI}2020{PDI}"),
        ("الخريطة: Shusha / Shushi", f"الخريطة: {LRI}Shusha / Shushi{PDI}"),
        ("البيانات: events.csv · sha256 7c515583f06d",
         f"البيانات: {LRI}events.csv{PDI} · {LRI}sha256 7c515583f06d{PDI}"),
        ("بلا أرقام", "بلا أرقام"),
        ("", ""),
    ],
)
def test_left_to_right_runs_are_isolated(text: str, expected: str) -> None:
    assert isolate_ltr_runs(text) == expected


def test_only_right_to_left_languages_get_isolates() -> None:
    assert shown("2020-10-08", "en") == "2020-10-08"
    assert shown("2020-10-08", "ar") == f"{LRI}2020-10-08{PDI}"


def test_fonts_for_arabic_put_the_arabic_font_first() -> None:
    assert "Noto Sans Arabic" in register_fonts()
    assert font_families("ar")[0] == "Noto Sans Arabic"
    assert font_families("en")[0] == "Noto Sans"


def _ink_width(text: str) -> int:
    """Width in pixels of the ink of `text` drawn alone in Noto Sans Arabic at 40 pt."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6, 1.2), dpi=100)
    canvas = FigureCanvasAgg(fig)
    fig.text(0.02, 0.3, text, fontsize=40, family=font_families("ar"))
    canvas.draw()
    ink = np.asarray(canvas.buffer_rgba())[..., 0] < 128
    columns = np.flatnonzero(ink.any(axis=0))
    return int(columns[-1] - columns[0] + 1)


def test_arabic_letters_are_joined_by_the_text_layout() -> None:
    """Three beh joined (initial, medial, final forms) are much narrower than three kept apart by ZERO WIDTH
    NON-JOINER (isolated forms): matplotlib's libraqm shapes Arabic, which is why no reshaper is used."""
    joined = _ink_width("ببب")
    isolated = _ink_width("\u0628\u200c\u0628\u200c\u0628")
    assert joined < 0.7 * isolated


def test_label_falls_back_to_the_default_for_an_unknown_key() -> None:
    assert label("export.no-such-key", "ar", "{n} things", n=3) == "3 things"
    assert label("export.scale_km", "ar", "{value} km", value=5) == "5 كم"
