"""ACLED exports (the current export tool's columns and the older HDX country files) -> the project's schema.

ACLED codes one event per row, already with ACLED's event and sub-event types, so the mapping is one to
one: `time_precision` 1/2/3 -> day/week/month, `geo_precision` 1/2/3 -> exact/near/region, the acting
side from `actor1`, the target from `actor2`, ACLED's `source` as who reports it and as the sources (with
`ACLED <event_id_cnty>`), `notes` as the description. HDX files carry an HXL hashtag row as their second
line; the reader skips it. Files without `fatalities` import with empty fatalities.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from eventmap.problems import Problem
from eventmap.reading import Record
from eventmap.schema import split_sources

NAME = "acled"
TITLE = "ACLED export"

# The export tool's columns (2023 and later).
CURRENT_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
# The older column set of the HDX country files (with an HXL hashtag row under the header).
HDX_COLUMNS: tuple[str, ...] = (
    "data_id", "iso", "event_id_cnty", "event_id_no_cnty", "event_date", "year", "time_precision", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "timestamp", "iso3",
)
KNOWN_COLUMNS: frozenset[str] = frozenset(CURRENT_COLUMNS) | frozenset(HDX_COLUMNS)
REQUIRED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "country",
    "location", "latitude", "longitude", "geo_precision",
)
# For each project column, the ACLED column it comes from: problems name the column of the file.
SOURCE_COLUMN: dict[str, str] = {
    "event_id": "event_id_cnty", "date": "event_date", "date_precision": "time_precision",
    "location": "location", "latitude": "latitude", "longitude": "longitude", "geo_precision": "geo_precision",
    "country": "country", "admin1": "admin1", "side": "actor1", "actor": "actor1", "target": "actor2",
    "event_type": "event_type", "sub_event_type": "sub_event_type", "description": "notes",
    "fatalities": "fatalities", "claimed_by": "source", "status": "notes", "verification": "source",
    "sources": "source",
}

TIME_PRECISION = {"1": "day", "2": "week", "3": "month"}
GEO_PRECISION = {"1": "exact", "2": "near", "3": "region"}
_STATE_FORCES = re.compile(r"(?:Military|Police) Forces of (.+?)(?: \(.*)?$")
_CLAIM_WORDS = re.compile(r"\b(?:claim(?:s|ed)?|reportedly|allegedly|alleged)\b", re.IGNORECASE)


def side_of(actor1: str) -> str:
    """The side an ACLED actor belongs to: the state for state forces
    ("Military Forces of Azerbaijan (2003-)" -> "Azerbaijan"), otherwise the actor itself."""
    match = _STATE_FORCES.match(actor1.strip())
    return match.group(1).strip() if match else actor1.strip()


def status_of(notes: str) -> str:
    """`claimed` when ACLED's notes report a claim ("reportedly", "allegedly", "claimed"), else `confirmed`."""
    return "claimed" if _CLAIM_WORDS.search(notes) else "confirmed"


def verification_of(source: str, source_scale: str) -> str:
    """`multi-source` when ACLED names several sources (`a; b`) or source scales (`New media-National`)."""
    count = len(split_sources(source))
    if count >= 2 or (count == 1 and "-" in source_scale):
        return "multi-source"
    return "single-source" if count == 1 else "unverified"


def _notes(values: dict[str, str]) -> str:
    parts = [f"ACLED {key}: {values[key]}" for key in
             ("disorder_type", "interaction", "civilian_targeting", "source_scale", "tags", "admin2", "admin3")
             if values.get(key)]
    return "; ".join(parts)


def _code(values: dict[str, str], column: str, codes: dict[str, str], *, file: str, line: int,
          problems: list[Problem]) -> str:
    text = values.get(column, "")
    code = codes.get(text.removesuffix(".0"))
    if code is None:
        allowed = ", ".join(f"{k} ({v})" for k, v in codes.items())
        problems.append(Problem(file, line, column, f"must be one of {allowed}", text))
        return ""
    return code


def to_schema(rows: Iterable[Record], *, file: str = "acled.csv") -> tuple[list[Record], list[Problem]]:
    """ACLED rows as project records, and a problem for every row that cannot be mapped (with its line)."""
    records: list[Record] = []
    problems: list[Problem] = []
    for row in rows:
        values = row.values
        before = len(problems)
        date_precision = _code(values, "time_precision", TIME_PRECISION, file=file, line=row.line,
                               problems=problems)
        geo_precision = _code(values, "geo_precision", GEO_PRECISION, file=file, line=row.line, problems=problems)
        if len(problems) > before:
            continue
        event_id = values.get("event_id_cnty", "")
        source, notes = values.get("source", ""), values.get("notes", "")
        location = values.get("location", "")
        sources = [*split_sources(source), f"ACLED {event_id}" if event_id else "ACLED"]
        description = notes or f"{values.get('sub_event_type', '')} in {location} (ACLED gives no notes)"
        records.append(Record(row.line, {
            "event_id": event_id,
            "date": values.get("event_date", ""),
            "date_precision": date_precision,
            "location": location,
            "latitude": values.get("latitude", ""),
            "longitude": values.get("longitude", ""),
            "geo_precision": geo_precision,
            "country": values.get("country", ""),
            "admin1": values.get("admin1", ""),
            "side": side_of(values.get("actor1", "")),
            "actor": values.get("actor1", ""),
            "target": values.get("actor2", ""),
            "event_type": values.get("event_type", ""),
            "sub_event_type": values.get("sub_event_type", ""),
            "description": description,
            "fatalities": values.get("fatalities", ""),
            "claimed_by": source or "ACLED",
            "status": status_of(notes),
            "verification": verification_of(source, values.get("source_scale", "")),
            "sources": "; ".join(sources),
            "notes": _notes(values),
        }))
    return records, problems
