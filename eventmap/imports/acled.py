"""ACLED exports (the current export tool's columns, the HDX country files and the older upper-case files)
-> the project's schema.

ACLED codes one event per row, already with ACLED's event and sub-event types, so the mapping is one to
one: `time_precision` 1/2/3 -> day/week/month, `geo_precision` 1/2/3 -> exact/near/region, the acting
side from `actor1`, the target from `actor2`, ACLED's `source` as who reports it and as the sources (with
`ACLED <event_id_cnty>`), `notes` as the description. HDX files carry an HXL hashtag row as their second
line; the reader skips it. Files without `fatalities` import with empty fatalities.

The older files (before 2019: `GWNO, EVENT_ID_CNTY, ..., GEO_PRECIS, SOURCE, NOTES, FATALITIES`, upper
case, no sub-event type) carry the old event types; `OLD_EVENT_TYPES` maps each onto the current codebook.
Where the old type does not say which sub-event it was ("Remote violence", "Violence against civilians"),
the words of the notes decide (`OLD_SUB_EVENT_WORDS`), and the notes say that the type was mapped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from base.problems import Problem
from base.reading import Record
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
# The column set of the files before 2019 (upper case in the files; normalised to lower case here).
OLD_COLUMNS: tuple[str, ...] = (
    "gwno", "event_id_cnty", "event_id_no_cnty", "event_date", "year", "time_precision", "event_type", "actor1",
    "ally_actor_1", "inter1", "actor2", "ally_actor_2", "inter2", "interaction", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precis", "source", "notes", "fatalities",
)
KNOWN_COLUMNS: frozenset[str] = frozenset(CURRENT_COLUMNS) | frozenset(HDX_COLUMNS) | frozenset(OLD_COLUMNS)
# Every version has these; the sub-event type and the place's precision (`geo_precision` or the older
# `geo_precis`) are checked row by row.
REQUIRED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "time_precision", "event_type", "actor1", "country", "location", "latitude",
    "longitude",
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

# The event types of the files before 2019 -> (event type, sub-event type) of the current codebook; an empty
# sub-event type is decided by the notes' words (`OLD_SUB_EVENT_WORDS`) or, for riots and protests, by INTER1.
OLD_EVENT_TYPES: dict[str, tuple[str, str]] = {
    "battle-no change of territory": ("Battles", "Armed clash"),
    "battle-government regains territory": ("Battles", "Government regains territory"),
    "battle-non-state actor overtakes territory": ("Battles", "Non-state actor overtakes territory"),
    "remote violence": ("Explosions/Remote violence", ""),
    "violence against civilians": ("Violence against civilians", ""),
    "riots/protests": ("", ""),
    "strategic development": ("Strategic developments", "Other"),
    "non-violent activity by a conflict actor": ("Strategic developments", "Change to group/activity"),
    "headquarters or base established": ("Strategic developments", "Headquarters or base established"),
    "non-violent transfer of territory": ("Strategic developments", "Non-violent transfer of territory"),
}
# (event type, words in the notes, sub-event type), the first match wins; then the default of each type.
OLD_SUB_EVENT_WORDS: tuple[tuple[str, re.Pattern[str], str], ...] = tuple(
    (kind, re.compile(words, re.IGNORECASE), sub) for kind, words, sub in (
        ("Explosions/Remote violence", r"\bchemical", "Chemical weapon"),
        ("Explosions/Remote violence", r"\bsuicide", "Suicide bomb"),
        ("Explosions/Remote violence", r"\b(?:air ?strikes?|drones?|aircraft|jets?|helicopters?|bombed from)",
         "Air/drone strike"),
        ("Explosions/Remote violence", r"\b(?:ied|landmines?|mines?|roadside bombs?|explosive devices?)\b",
         "Remote explosive/landmine/IED"),
        ("Explosions/Remote violence", r"\bgrenades?\b", "Grenade"),
        ("Explosions/Remote violence", r"", "Shelling/artillery/missile attack"),
        ("Violence against civilians", r"\b(?:abduct|kidnap|disappear|hostage)", "Abduction/forced disappearance"),
        ("Violence against civilians", r"\b(?:rape|sexual)", "Sexual violence"),
        ("Violence against civilians", r"", "Attack"),
    )
)
_RIOTERS, _PROTESTERS = "5", "6"  # INTER1 codes of the old files
_OLD_TYPE_SPACES = re.compile(r"\s*-\s*|\s+")

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


def old_event_type(event_type: str, *, notes: str = "", inter1: str = "") -> tuple[str, str] | None:
    """The current (event type, sub-event type) of an event type of the files before 2019, or None when
    `event_type` is not one of them ("Remote violence" with notes "an air strike on ..." ->
    Explosions/Remote violence / Air/drone strike)."""
    key = _OLD_TYPE_SPACES.sub(lambda m: "-" if "-" in m[0] else " ", event_type.strip().lower())
    if key not in OLD_EVENT_TYPES:
        return None
    kind, sub = OLD_EVENT_TYPES[key]
    if key == "riots/protests":
        rioting = inter1.removesuffix(".0") == _RIOTERS or (
            inter1.removesuffix(".0") != _PROTESTERS and re.search(r"\b(?:riot|violent|clash|loot|burn)", notes, re.I))
        return ("Riots", "Violent demonstration") if rioting else ("Protests", "Peaceful protest")
    if not sub:
        sub = next(s for k, words, s in OLD_SUB_EVENT_WORDS if k == kind and words.search(notes))
    return kind, sub


def _notes(values: dict[str, str]) -> str:
    parts = [f"ACLED {key}: {values[key]}" for key in
             ("disorder_type", "interaction", "civilian_targeting", "source_scale", "tags", "admin2", "admin3",
              "ally_actor_1", "ally_actor_2") if values.get(key)]
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


def _event_type(values: dict[str, str], *, file: str, line: int,
                problems: list[Problem]) -> tuple[str, str, str]:
    """(event type, sub-event type, a note when an old type was mapped); a problem when an old file's type is
    not one ACLED had."""
    event_type, sub_event_type = values.get("event_type", ""), values.get("sub_event_type", "")
    if sub_event_type:
        return event_type, sub_event_type, ""
    mapped = old_event_type(event_type, notes=values.get("notes", ""), inter1=values.get("inter1", ""))
    if mapped is None:
        if "sub_event_type" not in values and event_type:
            problems.append(Problem(file, line, "event_type", "not an event type of ACLED's files before 2019 "
                                    f"(one of: {', '.join(repr(k) for k in OLD_EVENT_TYPES)}; case does not matter)",
                                    event_type))
        return event_type, sub_event_type, ""  # the validator names what is missing
    return *mapped, f"ACLED old event type {event_type!r} mapped to {mapped[0]} / {mapped[1]}"


def to_schema(rows: Iterable[Record], *, file: str = "acled.csv") -> tuple[list[Record], list[Problem]]:
    """ACLED rows as project records, and a problem for every row that cannot be mapped (with its line)."""
    records: list[Record] = []
    problems: list[Problem] = []
    for row in rows:
        values = row.values
        before = len(problems)
        date_precision = _code(values, "time_precision", TIME_PRECISION, file=file, line=row.line,
                               problems=problems)
        precision_column = "geo_precision" if "geo_precision" in values else "geo_precis"
        geo_precision = _code(values, precision_column, GEO_PRECISION, file=file, line=row.line, problems=problems)
        event_type, sub_event_type, mapped = _event_type(values, file=file, line=row.line, problems=problems)
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
            "event_type": event_type,
            "sub_event_type": sub_event_type,
            "description": description,
            "fatalities": values.get("fatalities", ""),
            "claimed_by": source or "ACLED",
            "status": status_of(notes),
            "verification": verification_of(source, values.get("source_scale", "")),
            "sources": "; ".join(sources),
            "notes": "; ".join(n for n in (_notes(values), mapped) if n),
        }))
    return records, problems
