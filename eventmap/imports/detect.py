"""Which kind of file a header belongs to: the project's schema, or an ACLED, UCDP GED, GDELT or TimeMap export."""

from __future__ import annotations

from collections.abc import Iterable

from base.reading import normalise_header

PROJECT, ACLED, UCDP, GDELT, TIMEMAP = "project", "acled", "ucdp", "gdelt", "timemap"
FORMATS: tuple[str, ...] = (PROJECT, ACLED, UCDP, GDELT, TIMEMAP)

# Columns that only these exports have; two of them are enough to tell.
_ACLED_MARKERS = frozenset({"event_id_cnty", "event_id_no_cnty", "actor1", "time_precision", "inter1",
                            "assoc_actor_1", "ally_actor_1", "source_scale", "disorder_type", "geo_precis"})
_UCDP_MARKERS = frozenset({"type_of_violence", "where_prec", "date_prec", "side_a", "side_b", "dyad_name",
                           "conflict_name", "best", "best_est", "where_coordinates", "event_clarity", "priogrid_gid",
                           "side_a_new_id", "dyad_new_id", "deaths_civilians"})
_GDELT_MARKERS = frozenset({"globaleventid", "sqldate", "eventrootcode", "eventbasecode", "actiongeo_fullname",
                            "actiongeo_lat", "goldsteinscale", "avgtone", "isrootevent", "quadclass"})
# TimeMap (Forensic Architecture's timemap with datasheet-server): events have `id`, not `event_id`, and
# these columns of their own (`associations.*` and `sources.*` are a JSON export's resolved lists).
_TIMEMAP_MARKERS = frozenset({"associations", "association1", "associations.id", "associations.title",
                              "sources.id", "sources.paths", "sources.path", "source1", "time_display",
                              "time_precision", "category_full", "filters", "filters.key", "filters.value",
                              "filter1", "narratives", "narrative1"})
_TIMEMAP_BASE = frozenset({"id", "description", "date", "latitude", "longitude"})
_ENOUGH = 2


def detect_format(header: Iterable[str]) -> str:
    """`"acled"`, `"ucdp"`, `"gdelt"`, `"timemap"` or `"project"` (the default: anything else is read as the
    project's schema)."""
    names = {normalise_header(cell) for cell in header}
    acled, ucdp = len(names & _ACLED_MARKERS), len(names & _UCDP_MARKERS)
    gdelt = len(names & _GDELT_MARKERS)
    if gdelt >= _ENOUGH and gdelt > max(acled, ucdp):
        return GDELT
    if acled >= _ENOUGH and acled >= ucdp:
        return ACLED
    if ucdp >= _ENOUGH:
        return UCDP
    if names >= _TIMEMAP_BASE and "event_id" not in names and names & _TIMEMAP_MARKERS:
        return TIMEMAP
    return PROJECT
