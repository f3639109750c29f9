"""`LoadedData`: events ready to show, with everything the page says about where they came from (made by
`services.loading`, stored by `services.load_cache`)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

import geo
from base.problems import Problem
from eventmap.columns import ColumnMapping, FillIn


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
    from_cache: bool = field(default=False, compare=False)  # read from the Parquet cache (services.load_cache)
    team_version: int | None = None  # the team store's published version shown (None: a file or an upload)

    @property
    def identity(self) -> str:
        """Names the data shown: the file's bytes, with the sheet and column mapping it was read with."""
        mapping = self.mapping.to_json() if self.mapping is not None else None
        return f"{self.sha256}|{json.dumps([self.sheet, mapping], sort_keys=True, ensure_ascii=False)}"

    @property
    def without_location(self) -> pd.Series:
        """True for rows with no coordinates after geocoding."""
        return self.events["latitude"].isna() | self.events["longitude"].isna()
