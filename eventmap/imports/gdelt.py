"""GDELT event files (1.0 daily files and 2.0 `.export.CSV` files, with or without a header) -> the project's schema.

GDELT codes news reports by machine with CAMEO event codes; nobody checks them, so every row imports as
an unverified report: status "unverified" where the schema has it (else "claimed", with a note),
verification "single-source", who claims it "not stated", no fatalities. The mapping: the date from
`SQLDATE` (yyyymmdd); the place from `ActionGeo_FullName` ("City, Region, Country") with
`ActionGeo_Lat`/`_Long`, its precision from `ActionGeo_Type` (1 country, 2 US state, 5 world region ->
region; 3 US city, 4 world city -> near: GDELT places a city at its centre); the side and actor from
`Actor1Name` (or the actor codes), the target from `Actor2Name`; the event type from the CAMEO code
(`EVENT_TYPES` below: assault, fight and mass violence to the nearest ACLED type, protest to Protests or
Riots, arrests and seizures to Strategic developments, anything else to Strategic developments / Other),
with the CAMEO code kept in the notes; the article (`SOURCEURL`) as the source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from base.problems import Problem
from base.reading import Record
from eventmap.schema import STATUSES

NAME = "gdelt"
TITLE = "GDELT event file"

_ACTOR = ("code", "name", "countrycode", "knowngroupcode", "ethniccode", "religion1code", "religion2code",
          "type1code", "type2code", "type3code")
_EVENT = ("isrootevent", "eventcode", "eventbasecode", "eventrootcode", "quadclass", "goldsteinscale",
          "nummentions", "numsources", "numarticles", "avgtone")


def _geo(prefix: str, *, adm2: bool) -> tuple[str, ...]:
    parts = ("type", "fullname", "countrycode", "adm1code", *(("adm2code",) if adm2 else ()), "lat", "long",
             "featureid")
    return tuple(f"{prefix}geo_{p}" for p in parts)


def _columns(*, adm2: bool, sourceurl: bool) -> tuple[str, ...]:
    return ("globaleventid", "sqldate", "monthyear", "year", "fractiondate",
            *(f"actor1{c}" for c in _ACTOR), *(f"actor2{c}" for c in _ACTOR), *_EVENT,
            *_geo("actor1", adm2=adm2), *_geo("actor2", adm2=adm2), *_geo("action", adm2=adm2),
            "dateadded", *(("sourceurl",) if sourceurl else ()))


# The published column orders (normalised to lower case): GDELT 1.0 backfiles (57 columns), 1.0 daily files
# from April 2013 (58, with SOURCEURL), GDELT 2.0 events (61: an ADM2 code in each of the three places).
COLUMNS_1_0: tuple[str, ...] = _columns(adm2=False, sourceurl=False)
COLUMNS_1_0_DAILY: tuple[str, ...] = _columns(adm2=False, sourceurl=True)
COLUMNS_2_0: tuple[str, ...] = _columns(adm2=True, sourceurl=True)
HEADERLESS_COLUMNS: dict[int, tuple[str, ...]] = {len(c): c for c in (COLUMNS_1_0, COLUMNS_1_0_DAILY, COLUMNS_2_0)}
KNOWN_COLUMNS: frozenset[str] = frozenset(COLUMNS_2_0) | frozenset(COLUMNS_1_0_DAILY)
REQUIRED_COLUMNS: tuple[str, ...] = ("globaleventid", "sqldate", "eventcode", "eventrootcode", "actiongeo_type",
                                     "actiongeo_fullname", "actiongeo_lat", "actiongeo_long")
SOURCE_COLUMN: dict[str, str] = {
    "event_id": "globaleventid", "date": "sqldate", "location": "actiongeo_fullname", "latitude": "actiongeo_lat",
    "longitude": "actiongeo_long", "geo_precision": "actiongeo_type", "country": "actiongeo_fullname",
    "admin1": "actiongeo_fullname", "side": "actor1name", "actor": "actor1name", "target": "actor2name",
    "event_type": "eventcode", "sub_event_type": "eventcode", "sources": "sourceurl",
}

# ActionGeo_Type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state (first-order region).
GEO_TYPES: dict[str, str] = {"1": "region", "2": "region", "3": "near", "4": "near", "5": "region"}
# CAMEO event codes -> (ACLED event type, sub-event type); the longest matching prefix wins.
EVENT_TYPES: dict[str, tuple[str, str]] = {
    "14": ("Protests", "Peaceful protest"),
    "145": ("Riots", "Violent demonstration"),  # protest violently, riot
    "171": ("Strategic developments", "Looting/property destruction"),  # seize or damage property
    "173": ("Strategic developments", "Arrests"),  # arrest, detain
    "18": ("Violence against civilians", "Attack"),  # assault
    "181": ("Violence against civilians", "Abduction/forced disappearance"),  # abduct, hijack, take hostage
    "1821": ("Violence against civilians", "Sexual violence"),
    "183": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),  # non-military bombing
    "1831": ("Explosions/Remote violence", "Suicide bomb"),
    "19": ("Battles", "Armed clash"),  # fight; 190 conventional force, 193 small arms, 196 ceasefire violation
    "191": ("Strategic developments", "Other"),  # impose blockade
    "192": ("Strategic developments", "Non-violent transfer of territory"),  # occupy territory
    "194": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),  # artillery and tanks
    "195": ("Explosions/Remote violence", "Air/drone strike"),  # aerial weapons
    "20": ("Violence against civilians", "Attack"),  # unconventional mass violence
    "2041": ("Explosions/Remote violence", "Chemical weapon"),  # chemical, biological or radiological
}
OTHER = ("Strategic developments", "Other")
ROOT_NAMES: dict[str, str] = {
    "01": "make public statement", "02": "appeal", "03": "express intent to cooperate", "04": "consult",
    "05": "engage in diplomatic cooperation", "06": "engage in material cooperation", "07": "provide aid",
    "08": "yield", "09": "investigate", "10": "demand", "11": "disapprove", "12": "reject", "13": "threaten",
    "14": "protest", "15": "exhibit force posture", "16": "reduce relations", "17": "coerce", "18": "assault",
    "19": "fight", "20": "use unconventional mass violence",
}
UNVERIFIED = "unverified" if "unverified" in STATUSES else "claimed"
NOT_STATED = "not stated"
_SQLDATE = re.compile(r"(\d{4})(\d{2})(\d{2})")


def event_type_of(event_code: str) -> tuple[str, str]:
    """The ACLED event type and sub-event type nearest to a CAMEO event code (`"193"` -> Battles / Armed clash)."""
    code = event_code.strip()
    for length in range(len(code), 1, -1):
        if code[:length] in EVENT_TYPES:
            return EVENT_TYPES[code[:length]]
    return OTHER


def date_of(sqldate: str) -> str | None:
    """`yyyymmdd` as an ISO date (`20201008` -> `2020-10-08`), or None when it is not one."""
    match = _SQLDATE.fullmatch(sqldate.strip().removesuffix(".0"))
    return f"{match[1]}-{match[2]}-{match[3]}" if match else None


def _place(full_name: str, geo_type: str) -> tuple[str, str, str]:
    """(location, admin1, country) of `ActionGeo_FullName`: "City, Region, Country" for a city,
    "Region, Country" for a region (types 2 and 5), "Country" for a country."""
    parts = [p.strip() for p in full_name.split(",") if p.strip()]
    if not parts:
        return "", "", ""
    region = geo_type in ("2", "5")
    admin1 = parts[-2] if len(parts) >= 3 or (len(parts) == 2 and region) else ""
    return full_name.strip(), admin1, parts[-1]


def _root(values: dict[str, str]) -> str:
    root = values.get("eventrootcode", "").strip().removesuffix(".0")
    return root.zfill(2) if root.isdigit() else root


def _notes(values: dict[str, str], code: str, root: str) -> str:
    get = values.get
    parts = [f"GDELT CAMEO event code {code} (root {root}: {ROOT_NAMES.get(root, 'unknown')})"]
    for key, label in (("goldsteinscale", "Goldstein scale"), ("nummentions", "mentions"),
                       ("numsources", "sources"), ("numarticles", "articles"), ("avgtone", "average tone"),
                       ("dateadded", "added")):
        if get(key):
            parts.append(f"GDELT {label} {get(key)}")
    parts.append("machine-coded from news reports; not verified" +
                 ("" if UNVERIFIED == "unverified" else " (status 'claimed' stands for an unverified report)"))
    return "; ".join(parts)


def to_schema(rows: Iterable[Record], *, file: str = "gdelt.csv") -> tuple[list[Record], list[Problem]]:
    """GDELT rows as project records, and a problem for every row that cannot be mapped (with its line)."""
    records: list[Record] = []
    problems: list[Problem] = []
    for row in rows:
        values, line = row.values, row.line
        date = date_of(values.get("sqldate", ""))
        geo_type = values.get("actiongeo_type", "").strip().removesuffix(".0")
        if date is None:
            problems.append(Problem(file, line, "sqldate", "must be a date written yyyymmdd", values.get("sqldate")))
        if geo_type not in GEO_TYPES:
            problems.append(Problem(file, line, "actiongeo_type", "must be 1 (country), 2 (US state), 3 (US city), "
                                    "4 (world city) or 5 (world region): the event has no place",
                                    values.get("actiongeo_type")))
        if date is None or geo_type not in GEO_TYPES:
            continue
        event_id = values.get("globaleventid", "").strip().removesuffix(".0")
        code, root = values.get("eventcode", "").strip().removesuffix(".0"), _root(values)
        event_type, sub_event_type = event_type_of(code or root)
        location, admin1, country = _place(values.get("actiongeo_fullname", ""), geo_type)
        actor = (values.get("actor1name", "") or values.get("actor1countrycode", "")
                 or values.get("actor1code", "")).strip() or NOT_STATED
        target = (values.get("actor2name", "") or values.get("actor2countrycode", "")).strip()
        url = values.get("sourceurl", "").strip()
        description = (f"{actor.title()}: {ROOT_NAMES.get(root, 'event')} (CAMEO {code or root})"
                       f"{f' against {target.title()}' if target else ''} at {location or 'an unnamed place'}, "
                       "as coded by GDELT from a news report")
        records.append(Record(line, {
            "event_id": f"GDELT-{event_id}" if event_id else "",
            "date": date,
            "date_precision": "day",
            "location": location,
            "latitude": values.get("actiongeo_lat", ""),
            "longitude": values.get("actiongeo_long", ""),
            "geo_precision": GEO_TYPES[geo_type],
            "country": country,
            "admin1": admin1,
            "side": actor,
            "actor": actor,
            "target": target,
            "event_type": event_type,
            "sub_event_type": sub_event_type,
            "description": description,
            "fatalities": "",
            "claimed_by": NOT_STATED,
            "status": UNVERIFIED,
            "verification": "single-source",
            "sources": "; ".join(s for s in (url, f"GDELT {event_id}" if event_id else "GDELT") if s),
            "notes": _notes(values, code or root, root),
        }))
    return records, problems
