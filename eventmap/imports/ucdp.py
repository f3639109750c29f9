"""UCDP Georeferenced Event Dataset (GED) exports -> the project's schema.

UCDP codes events by type of violence (1 state-based, 2 non-state, 3 one-sided) between side A and
side B, with a best, low and high death estimate. The mapping: type 1 and 2 -> Battles / Armed clash,
type 3 -> Violence against civilians / Attack; the side from `side_a` ("Government of Azerbaijan" ->
"Azerbaijan"); fatalities = `best`, with low and high kept in the notes; `date_prec` and `where_prec`
as date and place precision; the articles as sources with `UCDP GED <id>`; `event_clarity` 2 -> claimed.

Column variants of the versions (`ALIASES`): the estimates as `best_est`, `low_est`, `high_est` (versions
before 5.0), the point only in `geom_wkt` (`POINT (lon lat)`) without `latitude`/`longitude`, or no point at
all (only `where_coordinates`, the place's name: it is geocoded); the id columns of the sides
(`side_a_new_id`, `side_a_dset_id`, ...) are not needed. Upper-case headers read the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from base.problems import Problem
from base.reading import Record
from eventmap.schema import split_sources

NAME = "ucdp"
TITLE = "UCDP GED export"

COLUMNS: tuple[str, ...] = (
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id",
    "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id",
    "side_a_new_id", "side_a", "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources",
    "source_article", "source_office", "source_date", "source_headline", "source_original", "where_prec",
    "gwnoa", "gwnob", "where_coordinates", "where_description", "adm_1", "adm_2", "latitude", "longitude",
    "geom_wkt", "priogrid_gid", "country", "country_id", "region", "event_clarity", "date_prec", "date_start",
    "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low",
)
# Older versions' names -> the current ones.
ALIASES: dict[str, str] = {"best_est": "best", "low_est": "low", "high_est": "high"}
KNOWN_COLUMNS: frozenset[str] = frozenset(COLUMNS) | frozenset(ALIASES)
REQUIRED_COLUMNS: tuple[str, ...] = (
    "id", "type_of_violence", "side_a", "where_prec", "country", "date_prec", "date_start",
)
SOURCE_COLUMN: dict[str, str] = {
    "event_id": "id", "date": "date_start", "date_precision": "date_prec", "location": "where_coordinates",
    "latitude": "latitude", "longitude": "longitude", "geo_precision": "where_prec", "country": "country",
    "admin1": "adm_1", "side": "side_a", "actor": "side_a", "target": "side_b", "event_type": "type_of_violence",
    "sub_event_type": "type_of_violence", "description": "dyad_name", "fatalities": "best",
    "claimed_by": "source_office", "status": "event_clarity", "verification": "number_of_sources",
    "sources": "source_article",
}

TYPES_OF_VIOLENCE: dict[str, tuple[str, str, str]] = {
    "1": ("Battles", "Armed clash", "state-based violence"),
    "2": ("Battles", "Armed clash", "non-state violence"),
    "3": ("Violence against civilians", "Attack", "one-sided violence"),
}
# date_prec: 1 exact day; 2 a range of 2-6 days; 3 only the week; 4 a range of 8-30 days or only the month;
# 5 a range over a month or only the year (the coarsest precision the schema has is month).
DATE_PRECISION = {"1": "day", "2": "week", "3": "week", "4": "month", "5": "month"}
# where_prec: 1 the exact place; 2 within about 25 km; 3 second-order region; 4 first-order region;
# 5 a linear feature; 6 the country; 7 international waters or airspace.
GEO_PRECISION = {"1": "exact", "2": "near", "3": "region", "4": "region", "5": "region", "6": "region",
                 "7": "region"}
EVENT_CLARITY = {"1": "confirmed", "2": "claimed"}
_GOVERNMENT = re.compile(r"Government of (.+?)(?: \(.*)?$")
_WKT_POINT = re.compile(r"\s*POINT\s*\(\s*([-+]?[\d.]+)\s+([-+]?[\d.]+)\s*\)\s*", re.IGNORECASE)


def current_names(values: dict[str, str]) -> dict[str, str]:
    """A row of any GED version with the current column names: `best_est` as `best`, and `latitude` and
    `longitude` from `geom_wkt` when the row has no such columns (or they are empty)."""
    current = dict(values)
    for old, new in ALIASES.items():
        if old in values and not values.get(new):
            current[new] = values[old]
    if not values.get("latitude") and not values.get("longitude"):
        point = _WKT_POINT.fullmatch(values.get("geom_wkt", ""))
        if point:
            current["longitude"], current["latitude"] = point[1], point[2]
    return current


def side_of(side_a: str) -> str:
    """The side of UCDP's side A: the country for a government ("Government of Azerbaijan" -> "Azerbaijan")."""
    match = _GOVERNMENT.match(side_a.strip())
    return match.group(1).strip() if match else side_a.strip()


def verification_of(number_of_sources: str) -> str:
    """From UCDP's number of sources (-1 or empty when unknown)."""
    try:
        count = int(float(number_of_sources))
    except ValueError:
        return "unverified"
    return "multi-source" if count >= 2 else "single-source" if count == 1 else "unverified"


def _code(values: dict[str, str], column: str, codes: Mapping[str, object], *, file: str, line: int,
          problems: list[Problem]) -> str:
    text = values.get(column, "").removesuffix(".0")
    if text not in codes:
        problems.append(Problem(file, line, column, f"must be one of {', '.join(codes)}", values.get(column, "")))
        return ""
    return text


def _notes(values: dict[str, str], date_prec: str) -> str:
    get = values.get
    parts = [f"UCDP best {get('best', '')} (low {get('low', '') or '?'}, high {get('high', '') or '?'})"]
    deaths = [f"{label} {get(key)}" for key, label in (("deaths_a", "side A"), ("deaths_b", "side B"),
              ("deaths_civilians", "civilians"), ("deaths_unknown", "unknown")) if get(key)]
    if deaths:
        parts.append("deaths: " + ", ".join(deaths))
    start, end = get("date_start", "")[:10], get("date_end", "")[:10]
    if end and end != start:
        parts.append(f"UCDP dates {start} to {end} (date_prec {date_prec})")
    if date_prec == "5":
        parts.append("UCDP date_prec 5: only the year or a range of more than a month is known")
    if get("where_description"):
        parts.append(f"UCDP place: {get('where_description')}")
    return "; ".join(parts)


def to_schema(rows: Iterable[Record], *, file: str = "ucdp.csv") -> tuple[list[Record], list[Problem]]:
    """UCDP GED rows as project records, and a problem for every row that cannot be mapped (with its line)."""
    records: list[Record] = []
    problems: list[Problem] = []
    for row in rows:
        values, line = current_names(row.values), row.line
        before = len(problems)
        violence = _code(values, "type_of_violence", TYPES_OF_VIOLENCE, file=file, line=line, problems=problems)
        date_prec = _code(values, "date_prec", DATE_PRECISION, file=file, line=line, problems=problems)
        where_prec = _code(values, "where_prec", GEO_PRECISION, file=file, line=line, problems=problems)
        clarity = values.get("event_clarity", "").removesuffix(".0") or "1"
        if clarity not in EVENT_CLARITY:
            problems.append(Problem(file, line, "event_clarity", "must be 1 or 2", values.get("event_clarity")))
        if len(problems) > before:
            continue
        event_type, sub_event_type, violence_name = TYPES_OF_VIOLENCE[violence]
        ucdp_id = values.get("id", "")
        location = values.get("where_coordinates", "") or values.get("adm_2", "") or values.get("adm_1", "")
        side_a, side_b = values.get("side_a", ""), values.get("side_b", "")
        dyad = values.get("dyad_name", "") or f"{side_a} - {side_b}"
        description = f"{violence_name.capitalize()}, {dyad}, at {location or 'an unnamed place'}"
        if values.get("best"):
            description += f" (UCDP best estimate: {values['best']} deaths)"
        sources = [*split_sources(values.get("source_article", "")), f"UCDP GED {ucdp_id}"]
        records.append(Record(line, {
            "event_id": f"UCDP-{ucdp_id}" if ucdp_id else "",
            "date": values.get("date_start", ""),
            "date_precision": DATE_PRECISION[date_prec],
            "location": location,
            "latitude": values.get("latitude", ""),
            "longitude": values.get("longitude", ""),
            "geo_precision": GEO_PRECISION[where_prec],
            "country": values.get("country", ""),
            "admin1": values.get("adm_1", ""),
            "side": side_of(side_a),
            "actor": side_a,
            "target": side_b,
            "event_type": event_type,
            "sub_event_type": sub_event_type,
            "description": description,
            "fatalities": values.get("best", ""),
            "claimed_by": values.get("source_office", "") or "UCDP GED",
            "status": EVENT_CLARITY[clarity],
            "verification": verification_of(values.get("number_of_sources", "")),
            "sources": "; ".join(sources),
            "notes": _notes(values, date_prec),
        }))
    return records, problems
