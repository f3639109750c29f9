"""The files offered for the view on screen: six kinds, MP4 only with ffmpeg, each made only when asked."""

from __future__ import annotations

from datetime import date

import pytest

from base.settings import Settings
from eventmap.export.view import ViewExport
from eventmap.filtering import Filters
from eventmap.scene import Lang
from eventmap.urlstate import ViewState
from services.exports import ExportKind, export_files, preset_label


@pytest.fixture
def export(make_events) -> ViewExport:
    frame = make_events({"date": "2020-10-08"}, {"date": "2020-10-09", "side": "Armenia"})
    view = ViewState(filters=Filters(date_from=date(2020, 10, 8), date_to=date(2020, 10, 9)))
    return ViewExport(frame=frame, view=view, settings=Settings.from_env({}), screen_size=(1200, 600), title="x")


@pytest.mark.parametrize(("with_mp4", "kinds"), [
    (True, ["png", "gif", "mp4", "html", "csv", "geojson"]),
    (False, ["png", "gif", "html", "csv", "geojson"]),
])
def test_the_files_offered(export, with_mp4, kinds) -> None:
    files = export_files(export, preset="screen", with_mp4=with_mp4)
    assert [f.kind.value for f in files] == kinds
    by_kind = {f.kind: f for f in files}
    assert by_kind[ExportKind.PNG].mime == "image/png"
    assert by_kind[ExportKind.PNG].file_name == "events_2020-10-08_2020-10-09.png"
    assert by_kind[ExportKind.GEOJSON].mime == "application/geo+json"


def test_a_file_is_made_when_asked_and_is_the_view(export) -> None:
    files = {f.kind: f for f in export_files(export, preset="screen", with_mp4=False)}
    table = files[ExportKind.CSV].make().decode("utf-8-sig")
    assert table.count("\n") >= 3  # the header and the two events
    assert files[ExportKind.PNG].make().startswith(b"\x89PNG")


@pytest.mark.parametrize(("preset", "lang", "part"), [("screen", Lang.EN, "1200×600"), ("screen", Lang.AR, "1200×600")])
def test_a_preset_is_named_with_the_screen_size(preset, lang, part) -> None:
    assert part in preset_label(preset, lang=lang, screen_size=(1200, 600))
