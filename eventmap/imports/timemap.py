"""TimeMap data (Forensic Architecture's timemap with datasheet-server; Bellingcat's TimeMap exports) -> the
project's schema.

Three shapes come in. The data behind a timemap (datasheet-server's API, saved as one JSON object) has
`events`, `sources` and `associations`; the events name their sources and associations by id, and the
JSON reader resolves those ids, so the rows here carry `sources.paths`, `sources.url`, `sources.title`,
`associations.title` and so on. The file of a timemap's download button (Bellingcat's "Civilian Harm in
Ukraine") is an array of events with their sources as `{id, path, description}` and their filters as
`{key, value}` (rows with `sources.path`, `filters.value`). The datasheet (the spreadsheet behind
datasheet-server) has columns `id, description, date, time, location, latitude, longitude, type,
category`, with numbered `source1, source2, ...` and `association1, ...` columns.

TimeMap writes dates month first (its default `DATE_FMT` is `MM/DD/YYYY`), so `03/10/2022` is 10 March;
ISO dates are read as they are, and a date that cannot be month first (`24/02/2022`) is reported rather
than guessed. The event type comes from the words of `type`, `category` and the associations (`KEYWORDS`;
none -> Strategic developments / Other, said in the notes); the sources are the URLs of the event's
sources (else their titles, else their ids). TimeMap names no actor, side or country: these are
"not stated" unless the file has such columns; the status is that of an unverified report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from base.problems import Problem
from base.reading import Record
from eventmap.imports.gdelt import NOT_STATED, UNVERIFIED

NAME = "timemap"
TITLE = "TimeMap export"

EVENT_COLUMNS: tuple[str, ...] = (
    "id", "description", "date", "time", "time_precision", "time_display", "location", "latitude", "longitude",
    "type", "category", "category_full", "comments", "shape", "colour",
)
LIST_COLUMNS: tuple[str, ...] = (
    "associations", "associations.id", "associations.title", "associations.desc", "associations.mode",
    "associations.filter_paths", "sources", "sources.id", "sources.title", "sources.paths", "sources.url",
    "sources.type", "sources.description", "sources.date", "source", "sources.path", "filters", "filters.key",
    "filters.value",
)
KNOWN_COLUMNS: frozenset[str] = frozenset(EVENT_COLUMNS) | frozenset(LIST_COLUMNS)
REQUIRED_COLUMNS: tuple[str, ...] = ("id", "description", "date", "latitude", "longitude")
SOURCE_COLUMN: dict[str, str] = {
    "event_id": "id", "date": "date", "location": "location", "latitude": "latitude", "longitude": "longitude",
    "description": "description", "sources": "sources.paths", "event_type": "associations.title",
}

# Words of an event's type, category and associations -> (ACLED event type, sub-event type); the first match wins.
KEYWORDS: tuple[tuple[re.Pattern[str], tuple[str, str]], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), types) for pattern, types in (
        (r"\bchemical", ("Explosions/Remote violence", "Chemical weapon")),
        (r"\bsuicide", ("Explosions/Remote violence", "Suicide bomb")),
        (r"\b(?:air ?strikes?|drones?|aerial|aircraft|bombers?|uav|shahed)\b",
         ("Explosions/Remote violence", "Air/drone strike")),
        (r"\b(?:shell(?:ing|ed|s)?|artillery|missiles?|rockets?|mlrs|mortars?|cluster munitions?|munitions?)\b",
         ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
        (r"\b(?:landmines?|mines?|ied|explosive devices?)\b",
         ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
        (r"\bgrenades?\b", ("Explosions/Remote violence", "Grenade")),
        (r"\b(?:sexual|rape)", ("Violence against civilians", "Sexual violence")),
        (r"\b(?:abduct|kidnap|disappear|hostage)", ("Violence against civilians", "Abduction/forced disappearance")),
        (r"\b(?:execution|executed|shot dead|killing of civilians|torture)",
         ("Violence against civilians", "Attack")),
        (r"\b(?:clash(?:es)?|battles?|fighting|firefight|gunfire|small arms)\b", ("Battles", "Armed clash")),
        (r"\b(?:riots?|mob)\b", ("Riots", "Violent demonstration")),
        (r"\b(?:protests?|demonstrations?|rally|rallies)\b", ("Protests", "Peaceful protest")),
        (r"\b(?:arrests?|detained|detention)\b", ("Strategic developments", "Arrests")),
        (r"\b(?:loot(?:ing)?|arson|property destruction)\b",
         ("Strategic developments", "Looting/property destruction")),
    )
)
OTHER = ("Strategic developments", "Other")
_NUMERIC_DATE = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")
_URL = re.compile(r"https?://\S+", re.IGNORECASE)
_NUMBERED = re.compile(r"(source|association|filter|tag)s?(\d+)")


def date_of(text: str) -> str | None:
    """A TimeMap date as ISO: month first for `MM/DD/YYYY`; anything else as it is (None: not month first)."""
    match = _NUMERIC_DATE.fullmatch(text.strip())
    if not match:
        return text.strip()
    month, day, year = int(match[1]), int(match[2]), match[3]
    if not 1 <= month <= 12:
        return None
    return f"{year}-{month:02d}-{day:02d}"


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def _numbered(values: dict[str, str], stem: str) -> list[str]:
    """The cells of a datasheet's numbered columns (`source1`, `source2`, ...) in order."""
    found = sorted((int(m[2]), text) for key, text in values.items()
                   if (m := _NUMBERED.fullmatch(key)) and m[1] == stem and text.strip())
    return [text.strip() for _, text in found]


def event_type_of(words: str) -> tuple[str, str] | None:
    """The ACLED event type a TimeMap event's words name, or None."""
    for pattern, types in KEYWORDS:
        if pattern.search(words):
            return types
    return None


def _sources(values: dict[str, str]) -> tuple[list[str], list[str]]:
    """(the event's sources as URLs or titles or ids, the titles of its sources)."""
    get = values.get
    urls = _URL.findall(" ".join((get("sources.paths", ""), get("sources.path", ""), get("sources.url", ""))))
    titles = _split(get("sources.title", ""))
    ids = _split(get("sources.id", "")) or _split(get("sources", "")) or _numbered(values, "source")
    ids += _split(get("source", ""))
    if urls:
        return list(dict.fromkeys(u.rstrip(";,") for u in urls)), titles
    return titles or ids, titles


def _associations(values: dict[str, str]) -> list[str]:
    get = values.get
    return (_split(get("associations.title", "")) or _split(get("associations.id", ""))
            or _split(get("associations", "")) or _split(get("filters.value", "")) or _split(get("filters", ""))
            or _numbered(values, "association") + _numbered(values, "filter"))


def _notes(values: dict[str, str], associations: list[str], titles: list[str], typed: bool) -> str:
    get = values.get
    parts = []
    if get("time"):
        parts.append(f"TimeMap time {get('time')}")
    for key in ("type", "category", "comments"):
        if get(key):
            parts.append(f"TimeMap {key}: {get(key)}")
    if associations:
        parts.append(f"TimeMap associations: {', '.join(associations)}")
    if titles:
        parts.append(f"TimeMap sources: {', '.join(titles)}")
    if not typed:
        parts.append("event type not stated in words the import knows")
    parts.append("TimeMap gives no place precision, country or actor")
    return "; ".join(parts)


def to_schema(rows: Iterable[Record], *, file: str = "timemap.json") -> tuple[list[Record], list[Problem]]:
    """TimeMap rows as project records, and a problem for every row that cannot be mapped (with its line)."""
    records: list[Record] = []
    problems: list[Problem] = []
    for row in rows:
        values, line = row.values, row.line
        get = values.get
        date = date_of(get("date", ""))
        if date is None:
            problems.append(Problem(file, line, "date", "TimeMap dates are month first (MM/DD/YYYY) and this one "
                                    "has no month in that place; write it as YYYY-MM-DD", get("date")))
            continue
        associations = _associations(values)
        words = " ".join((get("type", ""), get("category", ""), get("category_full", ""), *associations))
        typed = event_type_of(words)
        event_type, sub_event_type = typed or OTHER
        sources, titles = _sources(values)
        event_id = get("id", "").strip()
        latitude, longitude = get("latitude", ""), get("longitude", "")
        location = get("location", "").strip() or (f"{latitude}, {longitude}" if latitude and longitude else "")
        records.append(Record(line, {
            "event_id": event_id,
            "date": date,
            "date_precision": "day",
            "location": location,
            "latitude": latitude,
            "longitude": longitude,
            "geo_precision": "exact",
            "country": get("country", "").strip() or NOT_STATED,
            "admin1": "",
            "side": get("side", "").strip() or NOT_STATED,
            "actor": get("actor", "").strip() or NOT_STATED,
            "target": "",
            "event_type": event_type,
            "sub_event_type": sub_event_type,
            "description": get("description", "").strip() or f"TimeMap event {event_id or line} at {location}",
            "fatalities": "",
            "claimed_by": ", ".join(titles) or NOT_STATED,
            "status": UNVERIFIED,
            "verification": "multi-source" if len(sources) >= 2 else "single-source" if sources else "unverified",
            "sources": "; ".join([*sources, f"TimeMap {event_id}" if event_id else "TimeMap"]),
            "notes": _notes(values, associations, titles, typed is not None),
        }))
    return records, problems
