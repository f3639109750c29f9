"""The files the export panel offers for the view on screen, without Streamlit: one `ExportFile` each.

Each file is made only when asked (`ExportFile.make`, called by the download button when it is clicked), by
`eventmap.export.view.ViewExport`. The MP4 video is offered when ffmpeg is there (`mp4_available`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from eventmap.export.gif import mp4_available
from eventmap.export.view import MIME, ViewExport
from eventmap.i18n import t
from eventmap.scene.model import Lang


class ExportKind(StrEnum):
    """What a download holds (its value is the catalogue's `export.download_<value>` suffix)."""

    PNG = "png"
    GIF = "gif"
    MP4 = "mp4"
    HTML = "html"
    CSV = "csv"
    GEOJSON = "geojson"


@dataclass(frozen=True, kw_only=True)
class ExportFile:
    kind: ExportKind
    file_name: str  # events_2020-10-08_2020-10-09.png
    mime: str
    make: Callable[[], bytes]  # builds the file (only when called)


def export_files(export: ViewExport, *, preset: str, with_mp4: bool | None = None) -> tuple[ExportFile, ...]:
    """The files for the view of `export`, pictures at the size `preset`; `with_mp4` (default: whether ffmpeg
    is there) offers the MP4 video."""
    makers: dict[ExportKind, Callable[[], bytes]] = {
        ExportKind.PNG: lambda: export.png(preset),
        ExportKind.GIF: lambda: export.gif(preset),
        ExportKind.MP4: lambda: export.mp4(preset),
        ExportKind.HTML: export.html,
        ExportKind.CSV: export.csv,
        ExportKind.GEOJSON: export.geojson,
    }
    offered = with_mp4 if with_mp4 is not None else mp4_available()
    return tuple(ExportFile(kind=kind, file_name=export.file_name(f".{kind.value}"), mime=MIME[f".{kind.value}"],
                            make=make)
                 for kind, make in makers.items() if offered or kind is not ExportKind.MP4)


def preset_label(preset: str, *, lang: Lang, screen_size: tuple[int, int]) -> str:
    """A picture size in words: "Screen (1200×600)", "Full HD 1920×1080", ..."""
    if preset == "screen":
        return t("export.preset.screen", lang, size=f"{screen_size[0]}×{screen_size[1]}")
    return t(f"export.preset.{preset}", lang)
