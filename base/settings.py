"""Every setting of the project, declared in one place.

Values come from the environment (`EVENTMAP_*`), else the defaults below. Secrets (API keys,
the geocoder's user agent) are never in the repo: they come from the environment or from
Streamlit secrets, which the app copies into the environment before `Settings.from_env`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from base.errors import SettingError

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _env_path(env: Mapping[str, str], name: str, default: Path) -> Path:
    value = env.get(name)
    return Path(value).expanduser() if value else default


def _env_number(env: Mapping[str, str], name: str) -> float | None:
    """The number in `env[name]` (None when unset); a value that is not a number >= 0 is a `SettingError`."""
    value = env.get(name, "").strip()
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        raise SettingError(f"{name} must be a number, got {value!r}") from None
    if not number >= 0 or number == float("inf"):
        raise SettingError(f"{name} must be a number of 0 or more, got {value!r}")
    return number


@dataclass(frozen=True, kw_only=True)
class Settings:
    # Data
    data_path: Path = PROJECT_ROOT / "events.csv"
    sides_config_path: Path = PROJECT_ROOT / "sides.toml"
    # Folders the app owns and may write into; nothing is written anywhere else.
    state_dir: Path = PROJECT_ROOT / "var"
    overrides_path: Path = PROJECT_ROOT / "geo" / "overrides.csv"
    # Geocoding
    online_geocoding: bool = False
    geocoder_provider: str = "nominatim"
    geocoder_user_agent: str = ""  # required for online geocoding (Nominatim usage policy)
    geocoder_api_key: str = field(default="", repr=False)  # for providers that need one; never printed
    geocoder_domain: str = ""  # host[:port] of another server (self-hosted Nominatim); "" = the provider's own
    geocoder_scheme: str = "https"
    geocoder_timeout_s: float = 10.0
    geocoder_min_delay_s: float = 1.0  # Nominatim: at most 1 request per second
    geocoder_max_retries: int = 3
    # Loading a file asks the online service for this long at most; later names wait for the Places page.
    online_budget_s: float = 20.0
    # Conflict region: (south, west, north, east); biases online geocoding and the offline basemap.
    region_bbox: tuple[float, float, float, float] = (38.3, 43.4, 41.5, 50.6)
    # Limits on user input
    max_upload_bytes: int = 200 * 1024 * 1024
    max_rows: int = 2_000_000
    max_article_bytes: int = 1024 * 1024  # one news article to read (a long feature is ~50 KB)
    # Parquet cache of loaded files (services/load_cache.py): at most this many files in state_dir/loads
    load_cache_entries: int = 8
    # A Parquet data file (--data, EVENTMAP_DATA) with more rows than this opens as a view chosen by the user
    # (services/large_file.py), never loaded whole; a view may hold at most this many events
    view_rows: int = 2_000_000
    # The team store: "" = the embedded default (files on disk, no server); postgresql://... = PostgreSQL/PostGIS
    database_url: str = field(default="", repr=False)  # may hold a password: never printed
    # A header set by a trusted reverse proxy that names the signed-in person ("" = not used)
    trusted_user_header: str = ""
    # Map
    tiles_url: str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"

    @property
    def team_store(self) -> bool:
        """True when events live in the team store (PostgreSQL) rather than in files."""
        return bool(self.database_url)

    @property
    def cache_path(self) -> Path:
        return self.state_dir / "geocache.sqlite3"

    @property
    def load_cache_dir(self) -> Path:
        return self.state_dir / "loads"

    @property
    def exports_dir(self) -> Path:
        return self.state_dir / "exports"

    @property
    def uploads_dir(self) -> Path:
        return self.state_dir / "uploads"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Settings from `env` (default: `os.environ`); use `dataclasses.replace` to change one."""
        env = os.environ if env is None else env
        values: dict[str, object] = {
            "data_path": _env_path(env, "EVENTMAP_DATA", cls.data_path),
            "sides_config_path": _env_path(env, "EVENTMAP_SIDES", cls.sides_config_path),
            "state_dir": _env_path(env, "EVENTMAP_STATE_DIR", cls.state_dir),
            "overrides_path": _env_path(env, "EVENTMAP_OVERRIDES", cls.overrides_path),
            "online_geocoding": env.get("EVENTMAP_ONLINE_GEOCODING", "").lower() in {"1", "true", "yes"},
            "geocoder_provider": env.get("EVENTMAP_GEOCODER", cls.geocoder_provider),
            "geocoder_user_agent": env.get("EVENTMAP_GEOCODER_USER_AGENT", ""),
            "geocoder_api_key": env.get("EVENTMAP_GEOCODER_API_KEY", ""),
            "geocoder_domain": env.get("EVENTMAP_GEOCODER_DOMAIN", ""),
            "geocoder_scheme": env.get("EVENTMAP_GEOCODER_SCHEME", cls.geocoder_scheme),
            "database_url": env.get("EVENTMAP_DATABASE_URL", "").strip(),
            "trusted_user_header": env.get("EVENTMAP_TRUSTED_USER_HEADER", "").strip(),
        }
        if (upload_mb := _env_number(env, "EVENTMAP_MAX_UPLOAD_MB")) is not None:
            values["max_upload_bytes"] = int(upload_mb * 1024 * 1024)
        if (budget_s := _env_number(env, "EVENTMAP_ONLINE_BUDGET_S")) is not None:
            values["online_budget_s"] = budget_s
        if (rows := _env_number(env, "EVENTMAP_MAX_ROWS")) is not None:
            values["max_rows"] = int(rows)
        if (entries := _env_number(env, "EVENTMAP_LOAD_CACHE_ENTRIES")) is not None:
            values["load_cache_entries"] = int(entries)
        if (view_rows := _env_number(env, "EVENTMAP_VIEW_ROWS")) is not None:
            values["view_rows"] = int(view_rows)
        return cls(**values)  # type: ignore[arg-type]
