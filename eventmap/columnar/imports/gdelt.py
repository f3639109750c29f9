"""GDELT 1.0 and 2.0 event files -> the project's text columns, by column expressions: the mapping of
`eventmap.imports.gdelt.to_schema` without a loop over rows.

The rows this does not map are flagged for the row function: a `SQLDATE` that is not eight ASCII digits or
an `ActionGeo_Type` that is not a code (the row function words the problem). The event type, the place's
parts and the actors' names in title case are asked once per distinct value.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from eventmap.columnar.imports.cells import (
    Column,
    by_value,
    by_values,
    cells,
    codes,
    concat,
    first_filled,
    join_filled,
    labelled,
    matches,
    text,
    whole,
    without_suffix,
)
from eventmap.imports import gdelt

_KEY = "\x00"  # between the parts of a key of several columns (the columnar reader sends NUL to the rows)
_COUNTS = (("goldsteinscale", "Goldstein scale"), ("nummentions", "mentions"), ("numsources", "sources"),
           ("numarticles", "articles"), ("avgtone", "average tone"), ("dateadded", "added"))
_NOT_VERIFIED = ("machine-coded from news reports; not verified" +
                 ("" if gdelt.UNVERIFIED == "unverified" else " (status 'claimed' stands for an unverified report)"))


def _root(code: str) -> str:
    return code.zfill(2) if code.isdigit() else code


def _place_part(part: int) -> Callable[[str], str]:
    def answer(key: str) -> str:
        geo_type, _, full_name = key.partition(_KEY)
        return gdelt._place(full_name, geo_type)[part]
    return answer


def _title(value: str) -> str:
    return value.title()


def to_columns(named: Mapping[str, Column], length: int) -> tuple[dict[str, Column], np.ndarray]:
    """The project's text columns of a GDELT file's rows, and the rows to map one by one."""
    def get(name: str) -> pa.Array:
        return cells(named, name, length)

    sqldate = without_suffix(get("sqldate"))
    bad_date = ~matches(sqldate, r"^[0-9]{8}$")
    geo_type = without_suffix(get("actiongeo_type"))
    precision, bad_type = codes(geo_type, gdelt.GEO_TYPES)
    one_by_one = bad_date | bad_type
    date = concat(pc.utf8_slice_codeunits(sqldate, 0, 4), "-", pc.utf8_slice_codeunits(sqldate, 4, 6), "-",
                  pc.utf8_slice_codeunits(sqldate, 6, 8))
    event_id = without_suffix(get("globaleventid"))
    root = by_value(without_suffix(get("eventrootcode")), _root)
    code = first_filled(without_suffix(get("eventcode")), root)
    key = concat(geo_type, _KEY, get("actiongeo_fullname"))
    location, admin1, country = by_values(key, *(_place_part(part) for part in range(3)))
    actor = first_filled(get("actor1name"), get("actor1countrycode"), get("actor1code"),
                         pa.repeat(text(gdelt.NOT_STATED), length))
    target = first_filled(get("actor2name"), get("actor2countrycode"))
    description = concat(
        by_value(actor, _title), ": ", by_value(root, lambda r: gdelt.ROOT_NAMES.get(r, "event")), " (CAMEO ",
        code, ")", labelled(by_value(target, _title), " against "), " at ",
        first_filled(location, pa.repeat(text("an unnamed place"), length)), ", as coded by GDELT from a news report")
    notes = join_filled([
        concat("GDELT CAMEO event code ", code, " (root ", root, ": ",
               by_value(root, lambda r: gdelt.ROOT_NAMES.get(r, "unknown")), ")"),
        *(labelled(get(column), f"GDELT {label} ") for column, label in _COUNTS),
        pa.repeat(text(_NOT_VERIFIED), length)], "; ")
    types = by_value(code, lambda c: _KEY.join(gdelt.event_type_of(c)))
    parts = pc.split_pattern(types, _KEY)
    repeated = {value: pa.repeat(text(value), length) for value in
                (gdelt.NOT_STATED, gdelt.UNVERIFIED, "day", "single-source", "")}
    columns: dict[str, Column] = {
        "event_id": concat(labelled(event_id, "GDELT-")),
        "date": date,
        "date_precision": repeated["day"],
        "location": location,
        "latitude": get("actiongeo_lat"),
        "longitude": get("actiongeo_long"),
        "geo_precision": precision,
        "country": country,
        "admin1": admin1,
        "side": actor,
        "actor": actor,
        "target": target,
        "event_type": whole(pc.list_element(parts, 0)),
        "sub_event_type": whole(pc.list_element(parts, 1)),
        "description": description,
        "fatalities": repeated[""],
        "claimed_by": repeated[gdelt.NOT_STATED],
        "status": repeated[gdelt.UNVERIFIED],
        "verification": repeated["single-source"],
        "sources": join_filled([get("sourceurl"), concat("GDELT", labelled(event_id, " "))], "; "),
        "notes": notes,
    }
    return columns, one_by_one
