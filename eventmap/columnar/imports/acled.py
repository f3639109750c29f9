"""ACLED exports (current, HDX and the older upper-case column sets) -> the project's text columns, by
column expressions: the mapping of `eventmap.imports.acled.to_schema` without a loop over rows.

The rows this does not map are flagged for the row function: a time or place precision that is not a code
(the row function words the problem), an old event type ACLED never had, and an old event type with notes
that are not ASCII (their words decide the sub-event type, and Arrow's regular expressions read only ASCII
words alike). The status of a row with such notes is read by Python's regular expression.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pyarrow as pa

from eventmap.columnar.imports.cells import (
    Column,
    by_value,
    cells,
    choose,
    codes,
    concat,
    empty,
    first_filled,
    is_empty,
    join_filled,
    labelled,
    matches,
    not_ascii,
    sources,
    spliced,
    text,
    where,
    without_suffix,
)
from eventmap.imports import acled

_NOTE_COLUMNS = ("disorder_type", "interaction", "civilian_targeting", "source_scale", "tags", "admin2",
                 "admin3", "ally_actor_1", "ally_actor_2")
_RIOT_WORDS = r"\b(?:riot|violent|clash|loot|burn)"


def _old_key(event_type: str) -> str:
    """The key of `acled.OLD_EVENT_TYPES` an old file's event type stands for, or ""."""
    key = acled._OLD_TYPE_SPACES.sub(lambda m: "-" if "-" in m[0] else " ", event_type.strip().lower())
    return key if key in acled.OLD_EVENT_TYPES else ""


def _old_types(event_type: pa.Array, notes: pa.Array, inter1: pa.Array, *, has_sub_column: bool,
               undecided: np.ndarray) -> tuple[pa.Array, pa.Array, pa.Array, np.ndarray]:
    """(event type, sub-event type, the note saying an old type was mapped, rows to map one by one) for
    the rows without a sub-event type (`undecided`), as `acled._event_type` decides them."""
    key = by_value(event_type, _old_key)
    old = undecided & ~is_empty(key)
    unknown = undecided & is_empty(key) & ~is_empty(event_type) if not has_sub_column else np.zeros_like(old)
    kind = by_value(key, lambda k: acled.OLD_EVENT_TYPES[k][0] if k else "")
    sub = np.asarray(by_value(key, lambda k: acled.OLD_EVENT_TYPES[k][1] if k else "").to_pylist(), dtype=object)
    kind_values = np.asarray(kind.to_pylist(), dtype=object)
    protests = old & (np.asarray(key.to_pylist(), dtype=object) == "riots/protests")
    if protests.any():
        code = np.asarray(without_suffix(inter1).to_pylist(), dtype=object)
        rioting = (code == acled._RIOTERS) | ((code != acled._PROTESTERS) & matches(notes, _RIOT_WORDS,
                                                                                     ignore_case=True))
        kind_values[protests] = np.where(rioting[protests], "Riots", "Protests")
        sub[protests] = np.where(rioting[protests], "Violent demonstration", "Peaceful protest")
    open_sub = old & (sub == "")
    for rule_kind, words, rule_sub in acled.OLD_SUB_EVENT_WORDS:
        rows = open_sub & (kind_values == rule_kind)
        if rows.any():
            hit = rows & (matches(notes, words.pattern, ignore_case=True) if words.pattern else True)
            sub[hit] = rule_sub
            open_sub &= ~hit
    mapped = concat(by_value(event_type, lambda e: f"ACLED old event type {e!r} mapped to "),
                    pa.array(kind_values.tolist(), pa.large_string()), " / ",
                    pa.array(sub.tolist(), pa.large_string()))
    note = where(old, mapped, text(""))
    return (where(old, pa.array(kind_values.tolist(), pa.large_string()), event_type),
            where(old, pa.array(sub.tolist(), pa.large_string()), text("")), note, unknown)


def to_columns(named: Mapping[str, Column], length: int) -> tuple[dict[str, Column], np.ndarray]:
    """The project's text columns of an ACLED export's rows, and the rows to map one by one."""
    def get(name: str) -> pa.Array:
        return cells(named, name, length)

    date_precision, bad_time = codes(without_suffix(get("time_precision")), acled.TIME_PRECISION)
    precision_column = "geo_precision" if "geo_precision" in named else "geo_precis"
    geo_precision, bad_place = codes(without_suffix(get(precision_column)), acled.GEO_PRECISION)
    notes, source, event_id = get("notes"), get("source"), get("event_id_cnty")
    one_by_one = bad_time | bad_place
    odd = not_ascii(notes)  # their words are read by Python's regular expressions
    event_type, sub_event_type = get("event_type"), get("sub_event_type")
    undecided = is_empty(sub_event_type)
    mapped_note: pa.Array | None = None
    if undecided.any():
        event_type, sub_event_type, mapped_note, unknown = _old_types(
            event_type, notes, get("inter1"), has_sub_column="sub_event_type" in named, undecided=undecided)
        one_by_one |= unknown | (odd & undecided)
    listed, count = sources(source)
    scales = matches(get("source_scale"), "-")
    verification = np.where((count >= 2) | ((count == 1) & scales), 2, np.where(count == 1, 1, 0))
    import_notes = join_filled([labelled(get(c), f"ACLED {c}: ") for c in _NOTE_COLUMNS if c in named] or
                               [empty(length)], "; ")
    location = get("location")
    status = choose(matches(notes, acled._CLAIM_WORDS.pattern, ignore_case=True), "claimed", "confirmed")
    if odd.any():
        status = spliced(status, odd, [acled.status_of(note) for note in notes.filter(pa.array(odd)).to_pylist()])
    columns: dict[str, Column] = {
        "event_id": event_id,
        "date": get("event_date"),
        "date_precision": date_precision,
        "location": location,
        "latitude": get("latitude"),
        "longitude": get("longitude"),
        "geo_precision": geo_precision,
        "country": get("country"),
        "admin1": get("admin1"),
        "side": by_value(get("actor1"), acled.side_of),
        "actor": get("actor1"),
        "target": get("actor2"),
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "description": first_filled(notes, concat(get("sub_event_type"), " in ", location,
                                                  " (ACLED gives no notes)")),
        "fatalities": get("fatalities"),
        "claimed_by": first_filled(source, pa.repeat(text("ACLED"), length)),
        "status": status,
        "verification": pa.array(["unverified", "single-source", "multi-source"], pa.large_string()).take(
            pa.array(verification.astype(np.int8))),
        "sources": join_filled([listed, concat("ACLED", labelled(event_id, " "))], "; "),
        "notes": import_notes if mapped_note is None else join_filled([import_notes, mapped_note], "; "),
    }
    return columns, one_by_one
