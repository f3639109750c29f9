"""UCDP GED exports (every version's column names) -> the project's text columns, by column expressions:
the mapping of `eventmap.imports.ucdp.to_schema` without a loop over rows.

The rows this does not map are flagged for the row function: a type of violence, date or place precision
or event clarity that is not a code (the row function words the problem), a `geom_wkt` point or dates that
are not ASCII (Arrow's regular expressions and slices would read them otherwise than Python).
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Mapping, MutableMapping
from typing import cast

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from eventmap.columnar.imports.cells import (
    Column,
    by_value,
    cells,
    choose,
    codes,
    concat,
    first_filled,
    is_empty,
    join_filled,
    labelled,
    matches,
    not_ascii,
    numpy,
    sources,
    text,
    where,
    whole,
    without_suffix,
)
from eventmap.imports import ucdp

_POINT = r"^\s*POINT\s*\(\s*(?P<lon>[-+]?[\d.]+)\s+(?P<lat>[-+]?[\d.]+)\s*\)\s*$"
_DEATHS = (("deaths_a", "side A"), ("deaths_b", "side B"), ("deaths_civilians", "civilians"),
           ("deaths_unknown", "unknown"))


def _current(named: Mapping[str, Column], length: int) -> tuple[Mapping[str, Column], np.ndarray]:
    """The columns under their current names (`ucdp.current_names` by columns), and the rows whose point
    the row function reads."""
    current: ChainMap[str, Column] = ChainMap({}, cast(MutableMapping[str, Column], named))
    for old, new in ucdp.ALIASES.items():
        if old in named:
            now = cells(current, new, length)
            current[new] = where(is_empty(now), current[old], now)
    latitude, longitude = cells(current, "latitude", length), cells(current, "longitude", length)
    wkt = cells(current, "geom_wkt", length)
    odd = not_ascii(wkt) | matches(wkt, "\x0b")
    unplaced = is_empty(latitude) & is_empty(longitude)
    if unplaced.any():
        point = pc.extract_regex(wkt, f"(?i){_POINT}")
        found = unplaced & numpy(pc.is_valid(point))
        if found.any():
            current["latitude"] = where(found, whole(pc.fill_null(pc.struct_field(point, "lat"), text(""))),
                                        latitude)
            current["longitude"] = where(found, whole(pc.fill_null(pc.struct_field(point, "lon"), text(""))),
                                         longitude)
    return current, odd


def _notes(get: Mapping[str, Column], date_prec: pa.Array, length: int) -> pa.Array:
    def value(name: str) -> pa.Array:
        return cells(get, name, length)

    estimate = concat("UCDP best ", value("best"), " (low ", first_filled(value("low"), pa.repeat(text("?"), length)),
                      ", high ", first_filled(value("high"), pa.repeat(text("?"), length)), ")")
    deaths = join_filled([labelled(value(key), f"{label} ") for key, label in _DEATHS], ", ")
    start = pc.utf8_slice_codeunits(value("date_start"), 0, 10)
    end = pc.utf8_slice_codeunits(value("date_end"), 0, 10)
    ranged = ~is_empty(end) & numpy(pc.not_equal(end, start))
    dates = where(ranged, concat("UCDP dates ", start, " to ", end, " (date_prec ", date_prec, ")"), text(""))
    yearly = choose(numpy(pc.equal(date_prec, "5")),
                    "UCDP date_prec 5: only the year or a range of more than a month is known", "")
    return join_filled([estimate, labelled(deaths, "deaths: "), dates, yearly,
                        labelled(value("where_description"), "UCDP place: ")], "; ")


def to_columns(named: Mapping[str, Column], length: int) -> tuple[dict[str, Column], np.ndarray]:
    """The project's text columns of a UCDP GED export's rows, and the rows to map one by one."""
    current, one_by_one = _current(named, length)

    def get(name: str) -> pa.Array:
        return cells(current, name, length)

    violence, bad_violence = codes(without_suffix(get("type_of_violence")),
                                   {k: k for k in ucdp.TYPES_OF_VIOLENCE})
    date_prec, bad_date = codes(without_suffix(get("date_prec")), {k: k for k in ucdp.DATE_PRECISION})
    where_prec, bad_place = codes(without_suffix(get("where_prec")), ucdp.GEO_PRECISION)
    clarity, bad_clarity = codes(first_filled(without_suffix(get("event_clarity")), pa.repeat(text("1"), length)),
                                 ucdp.EVENT_CLARITY)
    one_by_one |= bad_violence | bad_date | bad_place | bad_clarity
    one_by_one |= not_ascii(get("date_start")) | not_ascii(get("date_end"))
    ucdp_id, side_a, side_b = get("id"), get("side_a"), get("side_b")
    location = first_filled(get("where_coordinates"), get("adm_2"), get("adm_1"))
    dyad = first_filled(get("dyad_name"), concat(side_a, " - ", side_b))
    kind = by_value(violence, lambda k: ucdp.TYPES_OF_VIOLENCE[k][2].capitalize() if k in ucdp.TYPES_OF_VIOLENCE
                    else "")
    place = first_filled(location, pa.repeat(text("an unnamed place"), length))
    description = concat(kind, ", ", dyad, ", at ", place,
                         labelled(get("best"), " (UCDP best estimate: "),
                         choose(~is_empty(get("best")), " deaths)", ""))
    listed, _ = sources(get("source_article"))
    columns: dict[str, Column] = {
        "event_id": concat(labelled(ucdp_id, "UCDP-")),
        "date": get("date_start"),
        "date_precision": codes(date_prec, ucdp.DATE_PRECISION)[0],
        "location": location,
        "latitude": get("latitude"),
        "longitude": get("longitude"),
        "geo_precision": where_prec,
        "country": get("country"),
        "admin1": get("adm_1"),
        "side": by_value(side_a, ucdp.side_of),
        "actor": side_a,
        "target": side_b,
        "event_type": by_value(violence, lambda k: ucdp.TYPES_OF_VIOLENCE.get(k, ("", "", ""))[0]),
        "sub_event_type": by_value(violence, lambda k: ucdp.TYPES_OF_VIOLENCE.get(k, ("", "", ""))[1]),
        "description": description,
        "fatalities": get("best"),
        "claimed_by": first_filled(get("source_office"), pa.repeat(text("UCDP GED"), length)),
        "status": clarity,
        "verification": by_value(get("number_of_sources"), ucdp.verification_of),
        "sources": join_filled([listed, concat("UCDP GED ", ucdp_id)], "; "),
        "notes": _notes(current, date_prec, length),
    }
    return columns, one_by_one
