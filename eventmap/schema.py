"""The event schema: one row per event at one place.

This module is the single source of truth for the columns of `events.csv` and of every file the
project reads or writes. The README's schema table is generated from `COLUMNS`
(`python -m eventmap schema`), so the two cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Kind(Enum):
    """How a column's text is parsed."""

    TEXT = "text"
    DATE = "date"
    FLOAT = "float"
    INT = "int"
    CHOICE = "choice"
    SOURCES = "sources"


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    meaning: str
    kind: Kind = Kind.TEXT
    required: bool = False
    choices: tuple[str, ...] = ()
    example: str = ""


DATE_PRECISIONS = ("day", "week", "month")
GEO_PRECISIONS = ("exact", "near", "region")
STATUSES = ("confirmed", "claimed", "disputed", "denied", "unverified")  # unverified: nobody has said yet
VERIFICATIONS = ("multi-source", "single-source", "party-claim-only", "unverified")
# Where an Arabic description comes from: quoted from one of the event's sources, or the project's translation.
TRANSLATION_ORIGINS = ("source", "project")

# ACLED's codebook (2023 and later): event types and their sub-event types.
EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Shelling/artillery/missile attack",
        "Air/drone strike",
        "Remote explosive/landmine/IED",
        "Grenade",
        "Suicide bomb",
        "Chemical weapon",
    ),
    "Violence against civilians": ("Attack", "Abduction/forced disappearance", "Sexual violence"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}
SUB_EVENT_TYPES: tuple[str, ...] = tuple(s for subs in EVENT_TYPES.values() for s in subs)

SOURCE_SEPARATOR = ";"

COLUMNS: tuple[Column, ...] = (
    Column("event_id", "Unique id of the row", required=True, example="NK-E032-shusha"),
    Column("date", "Day the event happened (ISO 8601)", Kind.DATE, required=True, example="2020-10-08"),
    Column("date_precision", "How exact `date` is", Kind.CHOICE, required=True, choices=DATE_PRECISIONS),
    Column("report_date", "Day it was reported, where later than `date`", Kind.DATE),
    Column("location", "The place as reported; one place per row", required=True, example="Shusha"),
    Column("latitude", "WGS84 latitude; empty means: geocode `location`", Kind.FLOAT, example="39.7601"),
    Column("longitude", "WGS84 longitude; empty means: geocode `location`", Kind.FLOAT, example="46.7499"),
    Column("geo_precision", "How exact the point is", Kind.CHOICE, required=True, choices=GEO_PRECISIONS),
    Column("country", "Country (de jure) of the place", required=True, example="Azerbaijan"),
    Column("admin1", "First-level region", example="Shusha District"),
    Column("side", "The side that acted, as reported (free text; colours come from sides.toml)", required=True,
           example="Azerbaijan"),
    Column("actor", "Who acted, as named by the sources", required=True, example="Azerbaijani Armed Forces"),
    Column("target", "Who or what was hit or addressed", example="Ghazanchetsots Cathedral"),
    Column("event_type", "ACLED event type", Kind.CHOICE, required=True, choices=tuple(EVENT_TYPES)),
    Column("sub_event_type", "ACLED sub-event type (must belong to `event_type`)", Kind.CHOICE, required=True,
           choices=SUB_EVENT_TYPES),
    Column("description", "What happened, in English, in the project's words", required=True),
    Column("description_original", "The source's own sentence, in its language"),
    Column("language", "Language of `description_original` (ISO 639-1)", example="ar"),
    Column("fatalities", "Reported deaths (a whole number; the lowest figure where sources differ)", Kind.INT),
    Column("injured", "Reported injured (a whole number; the lowest figure where sources differ)", Kind.INT),
    Column("claimed_by", "Who reports or claims the event", required=True, example="Artsakh authorities"),
    Column("status", "Claim status", Kind.CHOICE, required=True, choices=STATUSES),
    Column("disputed_by", "Who disputes or denies it", example="Azerbaijani MoD"),
    Column("verification", "How well it is sourced", Kind.CHOICE, required=True, choices=VERIFICATIONS),
    Column("sources", "URLs or citations, `;`-separated; at least one", Kind.SOURCES, required=True),
    Column("notes", "Differences between sources, caveats"),
    Column("description_ar", "What happened, in Arabic: shown on cards when the interface is Arabic"),
    Column("description_ar_source", "Where `description_ar` comes from (needed when it is given): quoted from "
           "one of the `sources`, or the project's own translation", Kind.CHOICE, choices=TRANSLATION_ORIGINS),
    Column("event_type_original", "The event type as another table wrote it, when mapped; a file with this "
           "column needs only a date and a place in each row (as a mapped table)", example="shelling"),
)

COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)
REQUIRED_COLUMNS: tuple[str, ...] = tuple(c.name for c in COLUMNS if c.required)
# Columns that may be absent from a file's header: they are then empty in every row.
OPTIONAL_HEADER_COLUMNS: frozenset[str] = frozenset(
    {"report_date", "admin1", "target", "description_original", "language", "fatalities", "injured",
     "disputed_by", "notes", "latitude", "longitude", "date_precision", "geo_precision", "verification",
     "event_type_original", "description_ar", "description_ar_source"}
)
# Columns added by geocoding; kept when a file carries them.
GEO_RESULT_COLUMNS: tuple[str, ...] = ("geo_source", "matched_name", "geo_confidence", "geo_status")

COLUMN_BY_NAME: dict[str, Column] = {c.name: c for c in COLUMNS}


def split_sources(text: str) -> list[str]:
    """The non-empty sources of a `sources` cell, in order."""
    return [part.strip() for part in text.split(SOURCE_SEPARATOR) if part.strip()]


def schema_markdown() -> str:
    """The README's schema table."""
    lines = ["| column | meaning | allowed values | required |", "|---|---|---|---|"]
    for col in COLUMNS:
        if col.choices and col.name == "sub_event_type":
            allowed = "an ACLED sub-event type of the row's `event_type`"
        elif col.choices:
            allowed = " / ".join(f"`{c}`" for c in col.choices)
        else:
            allowed = {
                Kind.DATE: "ISO date (`dd/mm/yyyy`, `09 October 2020`, Arabic-Indic digits also read)",
                Kind.FLOAT: "decimal degrees",
                Kind.INT: "whole number ≥ 0",
                Kind.SOURCES: "URLs or citations separated by `;`",
                Kind.TEXT: f"text, e.g. `{col.example}`" if col.example else "text",
            }[col.kind]
        lines.append(f"| `{col.name}` | {col.meaning} | {allowed} | {'yes' if col.required else 'no'} |")
    return "\n".join(lines)
