"""No file is written outside the folders the app owns, whatever a name in the data says (issue 7.3).

Every write path runs in a sandbox: `Settings.state_dir` and the overrides file sit deep inside a
temporary folder, so that a `..` that gets through lands in the sandbox (where the test sees it)
rather than in the real file system; the current folder and HOME point into the sandbox too.
Afterwards, every file in the sandbox must be inside `state_dir` or be the overrides file (with its
lock and temporary files).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
import pytest

from base.atomic import lock_path, temp_prefix, update_atomic, write_atomic
from base.errors import UnsafePathError
from base.settings import Settings
from eventmap.export.paths import check_name, export_path, resolve_inside, safe_file_name

# Names as a data file, an upload or a URL parameter could give them.
HOSTILE_NAMES: tuple[str, ...] = (
    "../../etc/passwd",
    "../../../../../../../../etc/passwd",
    "/etc/passwd",
    "/tmp/eventmap-escape.csv",
    "~/.bashrc",
    "..\\..\\windows\\win.ini",
    "C:\\Windows\\System32\\drivers\\etc\\hosts",
    "\\\\server\\share\\x.csv",
    "a/../../b.csv",
    "....//....//etc/passwd",
    "exports/../../../escape.csv",
    "x\x00.csv",
    "../x\x00/../../passwd",
    "report\n../../escape.csv",
    ".bashrc",
    "..",
    ".",
    "",
    "   ",
    "con",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "<script>alert(1)</script>.csv",
    "\u202ecsv.exe",
    "events 2020 / شوشا / Шуша.csv",
    "a" * 5000,
)


@dataclass(frozen=True)
class Sandbox:
    root: Path
    settings: Settings

    def files(self) -> list[Path]:
        return sorted(p for p in self.root.rglob("*") if p.is_file() or p.is_symlink())

    def outside_owned_folders(self) -> list[Path]:
        """Files in the sandbox that the app had no business writing."""
        state = self.settings.state_dir.resolve()
        overrides = self.settings.overrides_path

        def allowed(path: Path) -> bool:
            if path.resolve() == overrides.resolve() or path == lock_path(overrides):
                return True
            if path.parent == overrides.parent and path.name.startswith(temp_prefix(overrides)):
                return True
            return state in path.resolve().parents

        return [p for p in self.files() if not allowed(p) and p not in self.planted]

    @property
    def planted(self) -> frozenset[Path]:
        return frozenset((self.root / "planted").rglob("*"))


@pytest.fixture
def sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Sandbox]:
    deep = tmp_path / "d1" / "d2" / "d3" / "d4" / "d5" / "d6" / "d7" / "d8"
    settings = replace(
        Settings.from_env({}),
        state_dir=deep / "state",
        overrides_path=deep / "geo" / "overrides.csv",
        data_path=deep / "data" / "events.csv",
    )
    settings.state_dir.mkdir(parents=True)
    (tmp_path / "planted").mkdir()
    (tmp_path / "home").mkdir()
    cwd = deep / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    box = Sandbox(root=tmp_path, settings=settings)
    yield box
    assert box.outside_owned_folders() == [], "files written outside the app's folders"


def test_the_sandbox_sees_a_file_written_outside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check itself: a naive join of a hostile name is caught."""
    deep = tmp_path / "a" / "b" / "c"
    settings = replace(Settings.from_env({}), state_dir=deep / "state", overrides_path=deep / "overrides.csv")
    (tmp_path / "planted").mkdir()
    box = Sandbox(root=tmp_path, settings=settings)
    naive = settings.exports_dir / "../../../escape.csv"
    write_atomic(naive, b"x")
    assert box.outside_owned_folders() == [(deep.parent / "escape.csv").resolve()]


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=lambda n: repr(n)[:40])
def test_safe_file_name_always_gives_a_plain_name_inside_the_exports_folder(sandbox: Sandbox, name: str) -> None:
    cleaned = safe_file_name(name, suffix=".csv")
    assert cleaned.endswith(".csv")
    assert "/" not in cleaned
    assert "\\" not in cleaned
    assert "\x00" not in cleaned
    assert not cleaned.startswith(".")
    assert len(cleaned) <= 255
    exports = sandbox.settings.exports_dir
    path = export_path(exports, cleaned)
    assert path.parent == exports.resolve()
    write_atomic(path, b"event_id\n")
    assert path.read_bytes() == b"event_id\n"


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=lambda n: repr(n)[:40])
def test_resolve_inside_refuses_or_stays_inside(sandbox: Sandbox, name: str) -> None:
    exports = sandbox.settings.exports_dir
    exports.mkdir(parents=True, exist_ok=True)
    try:
        path = resolve_inside(exports, name)
    except UnsafePathError as error:
        refused: UnsafePathError | None = error
    else:
        refused = None
        assert exports.resolve() in path.parents
        write_atomic(path, b"x")
    if refused is not None:
        assert repr(name)[:20] in str(refused) or "longer than" in str(refused)


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd", "/etc/passwd", "a/../../b", "x\x00.csv", "C:\\x",
        "\\\\server\\share", "~/x", "..", "", "a//b",
    ],
)
def test_check_name_refuses_names_with_a_way_out(name: str) -> None:
    with pytest.raises(UnsafePathError):
        check_name(name)


def test_a_symbolic_link_out_of_the_exports_folder_is_not_followed(sandbox: Sandbox) -> None:
    exports = sandbox.settings.exports_dir
    exports.mkdir(parents=True)
    target = sandbox.root / "planted" / "outside"
    target.mkdir()
    (exports / "link").symlink_to(target, target_is_directory=True)
    with pytest.raises(UnsafePathError):
        resolve_inside(exports, "link/escape.csv")
    assert list(target.iterdir()) == []
    (exports / "link").unlink()


def test_overrides_updates_stay_beside_the_overrides_file(sandbox: Sandbox) -> None:
    overrides = sandbox.settings.overrides_path
    update_atomic(overrides, lambda old: (old or b"name,latitude,longitude\n") + b"../../etc/passwd,39.7,46.7\n")
    assert overrides.read_bytes().endswith(b"../../etc/passwd,39.7,46.7\n")
    assert {p.name for p in overrides.parent.iterdir()} == {"overrides.csv", ".overrides.csv.lock"}


def test_nothing_lands_in_the_current_folder_or_home(sandbox: Sandbox) -> None:
    for name in HOSTILE_NAMES:
        write_atomic(export_path(sandbox.settings.exports_dir, safe_file_name(name, suffix=".png")), b"png")
    assert os.listdir(Path.cwd()) == []
    assert os.listdir(sandbox.root / "home") == []


# ---- the app's own write paths, fed names from hostile data ----------------------------------------------------

VALID_HOSTILE_PLACE_NAMES = tuple(name for name in HOSTILE_NAMES if name.strip() and "\x00" not in name)


def test_saving_overrides_for_hostile_place_names_writes_only_the_overrides_file(sandbox: Sandbox) -> None:
    from geo.geocoders.override import OverrideGeocoder
    from geo.normalize import normalize

    overrides = OverrideGeocoder(sandbox.settings.overrides_path)
    refused = []
    for name in VALID_HOSTILE_PLACE_NAMES:
        try:
            overrides.set(name, 39.76, 46.75, note=name[:100])
        except ValueError as error:
            refused.append((name, "needs a place name" in str(error)))
    assert refused == [(name, True) for name in VALID_HOSTILE_PLACE_NAMES if not normalize(name)]
    assert overrides.get("../../etc/passwd") is not None
    assert overrides.get("/etc/passwd") is not None


def test_a_nul_in_a_place_name_is_refused_or_kept_inside(sandbox: Sandbox) -> None:
    from geo.geocoders.override import OverrideGeocoder

    overrides = OverrideGeocoder(sandbox.settings.overrides_path)
    try:
        overrides.set("x\x00/../../escape", 39.76, 46.75)
    except ValueError:
        return
    assert sandbox.settings.overrides_path.is_file()


def test_the_geocoding_cache_stays_in_the_state_folder(sandbox: Sandbox) -> None:
    from geo.geocoders.cache import CachedGeocoder
    from geo.geocoders.override import OverrideGeocoder

    cache = CachedGeocoder(OverrideGeocoder(sandbox.settings.overrides_path), sandbox.settings.cache_path)
    for name in VALID_HOSTILE_PLACE_NAMES:
        cache.geocode(name)
    assert sandbox.settings.cache_path.is_file()


def test_cached_map_tiles_stay_in_the_state_folder(sandbox: Sandbox) -> None:
    import io as bytes_io

    from PIL import Image

    from eventmap.export.tiles import TileSource, get_tile

    picture = bytes_io.BytesIO()
    Image.new("RGB", (256, 256), "white").save(picture, format="PNG")
    asked: list[str] = []

    def fetch(url: str) -> bytes:
        asked.append(url)
        return picture.getvalue()

    source = TileSource(url_template="https://tiles.invalid/../../{z}/{x}/{y}.png", fetch=fetch,
                        cache_dir=sandbox.settings.state_dir / "tiles")
    for z, x, y in ((0, 0, 0), (3, 5, 2), (-1, -2, -3)):
        get_tile(source, z=z, x=x, y=y)
    assert len(asked) == 3


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=lambda n: repr(n)[:40])
def test_download_names_made_from_the_data_file_name_are_plain(sandbox: Sandbox, name: str) -> None:
    from eventmap.export.stamp import DataStamp
    from eventmap.export.view import ViewExport
    from eventmap.urlstate import ViewState

    export = ViewExport(frame=pd.DataFrame(), view=ViewState(), settings=sandbox.settings,
                        data_stamp=DataStamp(name=name, sha256="0" * 64))
    for suffix in (".png", ".gif", ".html", ".csv", ".geojson"):
        file_name = export.file_name(suffix)
        assert file_name.endswith(suffix)
        assert "/" not in file_name
        assert "\\" not in file_name
        assert "\x00" not in file_name
        assert not file_name.startswith(".")
        write_atomic(export_path(sandbox.settings.exports_dir, file_name), b"x")


def test_the_app_on_hostile_data_writes_only_inside_its_folders(sandbox: Sandbox,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole dashboard, run once on a data file named like a path attack, with hostile place names."""
    import shutil

    from streamlit.testing.v1 import AppTest

    project = Path(__file__).resolve().parents[1]
    data = sandbox.root / "planted" / "..events 2020 ..csv"
    shutil.copy(project / "tests" / "data" / "hostile" / "events_hostile.csv", data)
    monkeypatch.setenv("EVENTMAP_DATA", str(data))
    monkeypatch.setenv("EVENTMAP_STATE_DIR", str(sandbox.settings.state_dir))
    monkeypatch.setenv("EVENTMAP_OVERRIDES", str(sandbox.settings.overrides_path))
    app = AppTest.from_file(str(project / "app.py"), default_timeout=120)
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    assert data.read_bytes() == (project / "tests" / "data" / "hostile" / "events_hostile.csv").read_bytes()
