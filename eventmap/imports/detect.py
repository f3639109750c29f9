"""Which kind of file a header belongs to: the project's schema, an ACLED export or a UCDP GED export."""

from __future__ import annotations

from collections.abc import Iterable

from eventmap.reading import normalise_header

PROJECT, ACLED, UCDP = "project", "acled", "ucdp"
FORMATS: tuple[str, ...] = (PROJECT, ACLED, UCDP)

# Columns that only these exports have; two of them are enough to tell.
_ACLED_MARKERS = frozenset({"event_id_cnty", "event_id_no_cnty", "actor1", "time_precision", "inter1",
                            "assoc_actor_1", "source_scale", "disorder_type"})
_UCDP_MARKERS = frozenset({"type_of_violence", "where_prec", "date_prec", "side_a", "side_b", "dyad_name",
                           "conflict_name", "best", "where_coordinates", "event_clarity", "priogrid_gid"})
_ENOUGH = 2


def detect_format(header: Iterable[str]) -> str:
    """`"acled"`, `"ucdp"` or `"project"` (the default: anything else is read as the project's schema)."""
    names = {normalise_header(cell) for cell in header}
    acled, ucdp = len(names & _ACLED_MARKERS), len(names & _UCDP_MARKERS)
    if acled >= _ENOUGH and acled >= ucdp:
        return ACLED
    if ucdp >= _ENOUGH:
        return UCDP
    return PROJECT
