"""Which events the dashboard shows, loaded once and shared by every session.

The data shown is, first to last: this session's upload (kept until the user removes it),
`streamlit run app.py -- --data FILE`, the environment variable `EVENTMAP_DATA`, the bundled `events.csv`;
with the team store (`EVENTMAP_DATABASE_URL`), its published events instead of a file. Those are cached
keyed on the store's published version, asked once per rerun (one cheap query): an edit published on one
replica is shown by every other at its next rerun, and thirty sessions share one read per version. A store
that cannot be reached stops the page with a clear message; the next rerun asks again.
Loading and geocoding (offline by default) are cached with `st.cache_resource`, keyed on the file's path,
modification time and size and on the overrides file's, so thirty sessions share one load and a saved
override is used at once. The cached frame is shared: callers must never modify it in place.
Loading itself, without Streamlit, is `services.loading`.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import NoReturn

import streamlit as st

import geo
from access import Action
from base.errors import SettingError
from base.settings import Settings
from eventmap.i18n import t
from eventmap.urlstate import from_query
from services.load_cache import LoadCache
from services.loading import (
    LoadedData,
    LoadFailure,
    LoadOptions,
    data_path,
    file_stamp,
    geocoder_note,
    load_and_geocode,
    too_big,
)
from services.team import open_team_store, published_data
from store import EventStore, StoreUnavailableError
from ui import who
from ui.safe_text import plain_markdown
from ui.sidebar import LANG_KEY

# Streamlit secret name -> the environment variable `Settings.from_env` reads.
SECRET_TO_ENV: dict[str, str] = {
    "geocoder_user_agent": "EVENTMAP_GEOCODER_USER_AGENT",
    "geocoder_api_key": "EVENTMAP_GEOCODER_API_KEY",
}


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
        # The language chooser is not drawn yet: the URL's, read as the URL is (an unknown one: the default).
        lang = from_query({"lang": st.query_params.get_all("lang")}).lang
        st.error(t("data.setting_wrong", lang, error=plain_markdown(str(error))), icon=":material/settings:")
        st.stop()


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


@st.cache_resource(show_spinner=False, max_entries=8)
def _cached_file(path: str, stamp: tuple[int, int], overrides_stamp: tuple[int, int],
                 settings: Settings, name: str = "") -> LoadedData | LoadFailure:
    del stamp  # part of the cache key only
    geocoder = loading_geocoder(settings, overrides_stamp)
    file = Path(path)
    loaded = load_and_geocode(file, name=name or file.name, settings=settings, geocoder=geocoder, source_path=file,
                              cache=LoadCache.from_settings(settings))
    return _with_note(_geocoded_key(loaded, overrides_stamp), geocoder_note(settings))


@st.cache_resource(show_spinner=False, max_entries=4)
def _cached_upload(digest: str, name: str, overrides_stamp: tuple[int, int], settings: Settings, options_key: str,
                   _data: bytes, _options: LoadOptions) -> LoadedData | LoadFailure:
    del digest, options_key  # the cache key stands for `_data` and `_options`, which are not hashed again
    geocoder = loading_geocoder(settings, overrides_stamp)
    loaded = load_and_geocode(_data, name=name, settings=settings, geocoder=geocoder, options=_options,
                              cache=LoadCache.from_settings(settings))
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


def load_file(path: Path, settings: Settings, *, name: str = "") -> LoadedData | LoadFailure:
    """The events of `path`, loaded once per (path, mtime, size, overrides) for all sessions; `name` is how
    the page and the problems name the file (default: its file name)."""
    resolved = path.resolve()
    return _cached_file(str(resolved), file_stamp(resolved), file_stamp(settings.overrides_path), settings, name)


def load_upload(data: bytes, name: str, settings: Settings, *, digest: str = "",
                options: LoadOptions | None = None) -> LoadedData | LoadFailure:
    """An uploaded file's events; the same bytes (and choices) uploaded in two sessions are loaded once.
    Its names are looked up online only for someone who may spend the service's quota (an editor)."""
    name = Path(name).name or "upload.csv"  # a name from the browser is never used as a path
    if settings.online_geocoding and not who.may(settings, Action.GEOCODE_ONLINE):
        settings = replace(settings, online_geocoding=False)
    if len(data) > settings.max_upload_bytes:
        return LoadFailure(source_name=name, problems=(too_big(name, len(data), settings),))
    digest = digest or hashlib.sha256(data).hexdigest()
    options = options or LoadOptions()
    return _cached_upload(digest, name, file_stamp(settings.overrides_path), settings, options.key(), data, options)


def clear_geocoding_caches() -> None:
    """Forget every cached load and geocoder (after an override was saved)."""
    _cached_file.clear()
    _cached_upload.clear()
    shared_geocoder.clear()


# --- the team store ----------------------------------------------------------------------------------------


@st.cache_resource(show_spinner=False, max_entries=2)
def team_store(database_url: str) -> EventStore:
    """One store (one connection pool) per process for every session."""
    return open_team_store(Settings(database_url=database_url))


@st.cache_resource(show_spinner=False, max_entries=4)
def _cached_published(database_url: str, version: int, _store: EventStore) -> LoadedData | LoadFailure:
    del version  # part of the cache key only: a new publication makes a new key
    return published_data(_store, store_id=database_url)


def store_unavailable(error: StoreUnavailableError) -> NoReturn:
    """Stop the page with what is wrong, in words (no traceback); the next rerun asks the store again."""
    lang = st.session_state.get(LANG_KEY, "en")
    st.error(t("team.unavailable", lang, reason=plain_markdown(str(error))), icon=":material/cloud_off:")
    st.button(t("team.try_again", lang), key="team_try_again", icon=":material/refresh:")
    st.stop()


def connected_store(settings: Settings) -> EventStore:
    """The team store, or the page stops saying it cannot be reached."""
    try:
        return team_store(settings.database_url)
    except StoreUnavailableError as error:
        store_unavailable(error)


def load_team(settings: Settings) -> LoadedData | LoadFailure:
    """The store's published events, read once per published version for every session of this process."""
    store = connected_store(settings)
    try:
        version = store.published_version()
        return _cached_published(settings.database_url, version, store)
    except StoreUnavailableError as error:
        store_unavailable(error)


def choose_data(settings: Settings, upload: LoadedData | None) -> LoadedData | LoadFailure:
    """What to show: this session's upload when it loaded, else the team store's published events (with
    `EVENTMAP_DATABASE_URL`) or the data file (shared by all sessions)."""
    if upload is not None:
        return upload
    return load_team(settings) if settings.team_store else load_file(data_path(settings), settings)
