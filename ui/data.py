"""Which events the dashboard shows, loaded once and shared by every session.

The data shown is, first to last: this session's upload (kept until the user removes it),
`streamlit run app.py -- --data FILE`, the environment variable `EVENTMAP_DATA`, the bundled `events.csv`.
Loading and geocoding (offline by default) are cached with `st.cache_resource`, keyed on the file's path,
modification time and size and on the overrides file's, so thirty sessions share one load and a saved
override is used at once. The cached frame is shared: callers must never modify it in place.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd
import streamlit as st

import geo
from base.errors import EventMapError, SettingError
from base.problems import Problem
from base.settings import Settings
from eventmap.columns import ColumnMapping, FillIn
from eventmap.i18n import t
from eventmap.loading import Limits, load_events
from geo.chain import shared_place_grid
from geo.learned import LearnedPlaceStore, learn_places
from geo.nearest import PlaceGrid
from ui.safe_text import plain_markdown

# Streamlit secret name -> the environment variable `Settings.from_env` reads.
SECRET_TO_ENV: dict[str, str] = {
    "geocoder_user_agent": "EVENTMAP_GEOCODER_USER_AGENT",
    "geocoder_api_key": "EVENTMAP_GEOCODER_API_KEY",
}
MB = 1024 * 1024
SHORT_HASH_LENGTH = 12


@dataclass(frozen=True, kw_only=True)
class LoadedData:
    """Events ready to show, with everything the page says about where they came from."""

    events: pd.DataFrame  # shared between sessions: read only
    problems: tuple[Problem, ...] = ()
    rejected_count: int = 0
    detected_format: str = ""
    source_name: str = ""  # the file's name as shown to users
    source_path: Path | None = None  # None for an upload
    sha256: str = ""  # of the file's bytes
    short_hash: str = ""  # its first 12 hex digits
    byte_size: int = 0
    modified: date | None = None  # the file's modification day (None for an upload)
    geocode_summary: geo.GeocodeSummary | None = None
    geocoding_notes: tuple[str, ...] = ()  # why online geocoding, switched on, was not used
    cache_key: str = field(default="", compare=False)  # the file's SHA-256, plus the overrides' stamp when cached
    filled: tuple[FillIn, ...] = ()  # what the loader filled in a mapped table ("status set to 'unverified' ...")
    mapping: ColumnMapping | None = None  # the column mapping a table was loaded with (None: schema or export)
    date_format: str = ""  # how a mapped table writes its dates, in words
    sheets: tuple[str, ...] = ()  # every sheet of a workbook
    sheet: str = ""  # the sheet shown

    @property
    def identity(self) -> str:
        """Names the data shown: the file's bytes, with the sheet and column mapping it was read with."""
        mapping = self.mapping.to_json() if self.mapping is not None else None
        return f"{self.sha256}|{json.dumps([self.sheet, mapping], sort_keys=True, ensure_ascii=False)}"

    @property
    def without_location(self) -> pd.Series:
        """True for rows with no coordinates after geocoding."""
        return self.events["latitude"].isna() | self.events["longitude"].isna()


@dataclass(frozen=True, kw_only=True)
class LoadOptions:
    """What the user chose for an upload: the sheet of a workbook, the column mapping of a table, the order
    of its numeric dates (None: the loader's default for each)."""

    sheet: str | None = None
    mapping: ColumnMapping | None = None
    dayfirst: bool | None = None

    def key(self) -> str:
        """A text that names these options (part of the cache key of a load)."""
        mapping = self.mapping.to_json() if self.mapping is not None else None
        return json.dumps([self.sheet, mapping, self.dayfirst], sort_keys=True, ensure_ascii=False)

    def keywords(self) -> dict[str, object]:
        """The `load_events` keywords of the options that are set."""
        chosen = {"sheet": self.sheet, "mapping": self.mapping, "dayfirst": self.dayfirst}
        return {name: value for name, value in chosen.items() if value is not None}


@dataclass(frozen=True, kw_only=True)
class LoadFailure:
    """A file that could not be used at all, and why (shown in the page; the app keeps working)."""

    source_name: str
    problems: tuple[Problem, ...]


# --- settings and secrets ------------------------------------------------------------------------------------


def copy_secrets_to_env(environ: dict[str, str] | None = None) -> list[str]:
    """Copy Streamlit secrets into the environment names `Settings.from_env` reads; returns the names set.

    Only secrets that exist are copied, and an environment variable already set wins. No secrets file
    is not an error.
    """
    environ = os.environ if environ is None else environ
    copied: list[str] = []
    try:
        for secret, env_name in SECRET_TO_ENV.items():
            value = st.secrets.get(secret)
            if value and not environ.get(env_name):
                environ[env_name] = str(value)
                copied.append(env_name)
    except FileNotFoundError:  # no secrets.toml anywhere (StreamlitSecretNotFoundError is one)
        return copied
    return copied


def current_settings() -> Settings:
    """The settings from the environment and Streamlit secrets; an unusable one stops the page with its name."""
    copy_secrets_to_env()
    try:
        return Settings.from_env()
    except SettingError as error:
        lang = str(st.query_params.get("lang", "en"))  # the language chooser is not drawn yet
        st.error(t("data.setting_wrong", lang, error=plain_markdown(str(error))), icon=":material/settings:")
        st.stop()


# --- which file ----------------------------------------------------------------------------------------------


def data_path_from_argv(argv: Sequence[str]) -> Path | None:
    """The FILE of `--data FILE` or `--data=FILE` in the script's arguments (`streamlit run app.py -- --data F`)."""
    for index, arg in enumerate(argv):
        if arg == "--data" and index + 1 < len(argv):
            return Path(argv[index + 1]).expanduser()
        if arg.startswith("--data="):
            return Path(arg.split("=", 1)[1]).expanduser()
    return None


def data_path(settings: Settings, argv: Sequence[str] | None = None) -> Path:
    """The data file of this app: `--data` wins over `EVENTMAP_DATA`, which wins over the bundled file."""
    return data_path_from_argv(sys.argv[1:] if argv is None else argv) or settings.data_path


def file_stamp(path: Path) -> tuple[int, int]:
    """(modification time in ns, size) of `path`, or (0, 0) when it does not exist."""
    try:
        stat = path.stat()
    except OSError:
        return (0, 0)
    return (stat.st_mtime_ns, stat.st_size)


# --- loading and geocoding (no streamlit: testable with bytes) ----------------------------------------------


def load_and_geocode(source: Path | bytes, *, name: str, settings: Settings, geocoder: geo.Geocoder,
                     source_path: Path | None = None, options: LoadOptions | None = None) -> LoadedData | LoadFailure:
    """Read, validate and geocode one file; a file that cannot be used gives a `LoadFailure` with its problems.
    `options` are the user's choices for an upload (sheet, column mapping, date order)."""
    raw = source if isinstance(source, bytes) else _read_bytes(source, name=name, settings=settings)
    if isinstance(raw, LoadFailure):
        return raw
    try:
        # No region box: swapped coordinates are judged by the data's own region, not the bundled war's.
        result = load_events(raw, name=name, limits=Limits.from_settings(settings),
                             **(options or LoadOptions()).keywords())
    except EventMapError as error:  # a limit, a file that is not a CSV, required columns missing
        return LoadFailure(source_name=name, problems=_problems_of(error, name))
    events = result.events
    if events.empty:
        no_rows = Problem(file=name, line=None, column=None,
                          message="no usable event in the file: every row has a problem listed above")
        return LoadFailure(source_name=name, problems=(*result.problems, no_rows))
    summary = geo.geocode_frame(events, geocoder=geocoder, namer=_namer_for(events, settings))
    _learn_places(events, source=name, settings=settings)
    digest = hashlib.sha256(raw).hexdigest()
    return LoadedData(
        events=events,
        problems=tuple(result.problems),
        rejected_count=len(result.rejected),
        detected_format=result.detected_format,
        source_name=name,
        source_path=source_path,
        sha256=digest,
        short_hash=digest[:SHORT_HASH_LENGTH],
        byte_size=len(raw),
        modified=_modified_day(source_path),
        geocode_summary=summary,
        cache_key=digest,
        filled=tuple(result.filled),
        mapping=result.mapping,
        date_format=str(result.date_format or ""),
        sheets=tuple(result.sheets),
        sheet=result.sheet,
    )


def _namer_for(events: pd.DataFrame, settings: Settings) -> PlaceGrid | None:
    """The village grid that names rows with coordinates but no place ("12 km NE of Barda"), only when the
    frame has such rows: reading the index costs about half a second (building it once, about 15 s)."""
    unnamed = (events["location"].fillna("").astype(str).str.strip() == "") & events["latitude"].notna() \
        & events["longitude"].notna()
    return shared_place_grid(Path(settings.state_dir)) if unnamed.any() else None


def _learn_places(events: pd.DataFrame, *, source: str, settings: Settings) -> None:
    """Remember the places of rows whose coordinates came with the file, for later files that name them
    without coordinates. A state folder that cannot be written costs only the learning, never the load."""
    try:
        learn_places(events, source=source, store=LearnedPlaceStore.in_state_dir(settings.state_dir))
    except (OSError, geo.GeoError):
        return


def _read_bytes(path: Path, *, name: str, settings: Settings) -> bytes | LoadFailure:
    try:
        size = path.stat().st_size
        if size > settings.max_upload_bytes:
            return LoadFailure(source_name=name, problems=(_too_big(name, size, settings),))
        return path.read_bytes()
    except OSError as error:
        message = f"cannot read the data file: {error.strerror or error}"
        return LoadFailure(source_name=name, problems=(Problem(file=name, line=None, column=None, message=message,
                                                               value=str(path)),))


def _modified_day(path: Path | None) -> date | None:
    if path is None:
        return None
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, tz=UTC).date()
    except OSError:
        return None


def _too_big(name: str, size: int, settings: Settings) -> Problem:
    message = (f"the file is {size / MB:.1f} MB, more than the limit of {settings.max_upload_bytes / MB:g} MB "
               "(setting EVENTMAP_MAX_UPLOAD_MB)")
    return Problem(file=name, line=None, column=None, message=message)


def _problems_of(error: Exception, name: str) -> tuple[Problem, ...]:
    problems = getattr(error, "problems", None)
    if problems:
        return tuple(problems)
    message = str(error)
    if message.startswith(f"{name}:"):  # the loader's messages may name the file already
        message = message[len(name) + 1:].strip()
    return (Problem(file=name, line=None, column=None, message=message),)


# --- cached, shared between sessions ------------------------------------------------------------------------


@st.cache_resource(show_spinner=False, max_entries=4)
def shared_geocoder(settings: Settings, overrides_stamp: tuple[int, int]) -> geo.Geocoder:
    """One geocoding chain for every session; a new one when the overrides file changes. When online
    geocoding is on but cannot be set up (no user agent, say), the offline chain (see `geocoder_note`)."""
    del overrides_stamp  # part of the cache key only
    try:
        return geo.default_chain(settings)
    except geo.ConfigurationError:
        return geo.default_chain(replace(settings, online_geocoding=False))


def loading_geocoder(settings: Settings, overrides_stamp: tuple[int, int], *,
                     clock: Callable[[], float] = time.monotonic) -> geo.Geocoder:
    """The geocoder that loads one file. Offline: the shared chain. With online geocoding on, a chain made for
    this load whose service is asked for `settings.online_budget_s` at most (from now, by `clock`): the names
    left are marked waiting, and the Places page looks them up; nobody waits minutes for an upload."""
    shared = shared_geocoder(settings, overrides_stamp)
    if not settings.online_geocoding:
        return shared
    try:
        return geo.default_chain(settings, online_budget_s=settings.online_budget_s, clock=clock)
    except geo.ConfigurationError:
        return shared  # offline: `geocoder_note` says why


def geocoder_note(settings: Settings) -> str:
    """Why online geocoding is not used although it was switched on ("" when nothing is wrong)."""
    if not settings.online_geocoding:
        return ""
    try:
        geo.default_chain(settings)
    except geo.ConfigurationError as error:
        return str(error)
    return ""


@st.cache_resource(show_spinner=False, max_entries=8)
def _cached_file(path: str, stamp: tuple[int, int], overrides_stamp: tuple[int, int],
                 settings: Settings) -> LoadedData | LoadFailure:
    del stamp  # part of the cache key only
    geocoder = loading_geocoder(settings, overrides_stamp)
    file = Path(path)
    loaded = load_and_geocode(file, name=file.name, settings=settings, geocoder=geocoder, source_path=file)
    return _with_note(_geocoded_key(loaded, overrides_stamp), geocoder_note(settings))


@st.cache_resource(show_spinner=False, max_entries=4)
def _cached_upload(digest: str, name: str, overrides_stamp: tuple[int, int], settings: Settings, options_key: str,
                   _data: bytes, _options: LoadOptions) -> LoadedData | LoadFailure:
    del digest, options_key  # the cache key stands for `_data` and `_options`, which are not hashed again
    geocoder = loading_geocoder(settings, overrides_stamp)
    loaded = load_and_geocode(_data, name=name, settings=settings, geocoder=geocoder, options=_options)
    return _with_note(_geocoded_key(loaded, overrides_stamp), geocoder_note(settings))


def _geocoded_key(loaded: LoadedData | LoadFailure, overrides_stamp: tuple[int, int]) -> LoadedData | LoadFailure:
    """The data's key also names the overrides it was geocoded with: a saved point makes a new key."""
    if not isinstance(loaded, LoadedData):
        return loaded
    return replace(loaded, cache_key=f"{loaded.cache_key}|{overrides_stamp[0]}:{overrides_stamp[1]}")


def _with_note(loaded: LoadedData | LoadFailure, note: str) -> LoadedData | LoadFailure:
    if not note or not isinstance(loaded, LoadedData):
        return loaded
    return replace(loaded, geocoding_notes=(*loaded.geocoding_notes, note))


def load_file(path: Path, settings: Settings) -> LoadedData | LoadFailure:
    """The events of `path`, loaded once per (path, mtime, size, overrides) for all sessions."""
    resolved = path.resolve()
    return _cached_file(str(resolved), file_stamp(resolved), file_stamp(settings.overrides_path), settings)


def load_upload(data: bytes, name: str, settings: Settings, *, digest: str = "",
                options: LoadOptions | None = None) -> LoadedData | LoadFailure:
    """An uploaded file's events; the same bytes (and choices) uploaded in two sessions are loaded once."""
    name = Path(name).name or "upload.csv"  # a name from the browser is never used as a path
    if len(data) > settings.max_upload_bytes:
        return LoadFailure(source_name=name, problems=(_too_big(name, len(data), settings),))
    digest = digest or hashlib.sha256(data).hexdigest()
    options = options or LoadOptions()
    return _cached_upload(digest, name, file_stamp(settings.overrides_path), settings, options.key(), data, options)


def clear_geocoding_caches() -> None:
    """Forget every cached load and geocoder (after an override was saved)."""
    _cached_file.clear()
    _cached_upload.clear()
    shared_geocoder.clear()


def choose_data(settings: Settings, upload: LoadedData | None) -> LoadedData | LoadFailure:
    """What to show: this session's upload when it loaded, else the data file (shared by all sessions)."""
    return upload if upload is not None else load_file(data_path(settings), settings)
