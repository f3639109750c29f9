"""Geocoding an events frame: fill the coordinates of rows that have none.

`geocode_frame` resolves each distinct place name once (per country, when the frame has a
`country` column: "Martuni" in a row of Azerbaijan is the Karabakh town) and fills, for the rows
without coordinates, `latitude`, `longitude`, `geo_precision`, `geo_source`, `matched_name`,
`geo_confidence` and `geo_status`. Rows that already have coordinates keep them and get
`geo_source='data'`. A row that cannot be resolved stays, with empty coordinates and a
`geo_status` that says why: `not_found: ...`, `ambiguous: A, B`, `unavailable: waiting ...`.

The row's `country` and `admin1` cells go into the `GeoContext` of its name. A name of a row
without a country whose answer lies more than `far_km` from every other point of the data
(coordinates that came with it, or names resolved within their country) is not taken: it is
*ambiguous*, the far place its one candidate ("Jermuk" of a file about Turkey is not Armenia's).
Rows resolved by name get their empty `country`/`admin1` cells filled from the answer. With a
`namer` (a function giving the `geo.nearest.PlaceGrid`, called only when a row needs it), a row with
coordinates and no `location` is named after the nearest place ("12 km NE of Barda", `matched_name`
the place) and its empty country filled.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import numpy as np
import pandas as pd

from geo.countries import country_name
from geo.errors import FrameColumnError, GeoError
from geo.geocoders.base import Geocoder
from geo.nearest import PlaceGrid, haversine_km
from geo.result import Candidate, GeoContext, GeoResult

FAR_KM = 1000.0
MIN_ANCHORS = 3

TEXT_COLUMNS = ("geo_precision", "geo_source", "matched_name", "geo_status")
FLOAT_COLUMNS = ("latitude", "longitude", "geo_confidence")


@dataclass(frozen=True, slots=True)
class UnresolvedName:
    """A place name that could not be placed, the rows it appears in, and why."""

    name: str
    country: str
    status: str  # not_found | ambiguous | unavailable
    reason: str
    rows: int
    candidates: tuple[Candidate, ...] = ()


@dataclass(frozen=True, slots=True)
class GeocodeSummary:
    rows: int
    already_located: int  # rows whose coordinates came with the data
    resolved_rows: int  # rows geocoded now
    unresolved_rows: int
    distinct_names: int  # distinct (name, country) pairs looked up
    by_source: dict[str, int] = field(default_factory=dict)  # rows per geo_source, 'data' included
    unresolved: tuple[UnresolvedName, ...] = ()
    elapsed_s: float = 0.0

    @property
    def all_resolved(self) -> bool:
        return self.unresolved_rows == 0

    @property
    def waiting(self) -> tuple[UnresolvedName, ...]:
        """Names an online service could not answer yet (they may resolve later)."""
        return tuple(u for u in self.unresolved if u.status == "unavailable")

    def describe(self) -> str:
        """A few lines for people: counts per source and the unresolved names with their reasons."""
        sources = ", ".join(f"{source}: {count}" for source, count in sorted(self.by_source.items()))
        lines = [
            f"{self.rows} rows: {self.already_located} with coordinates in the data, {self.resolved_rows} geocoded, "
            f"{self.unresolved_rows} unresolved ({self.distinct_names} distinct names looked up in "
            f"{self.elapsed_s:.2f} s)",
        ]
        if sources:
            lines.append(f"by source: {sources}")
        for item in self.unresolved:
            where = f" [{item.country}]" if item.country else ""
            lines.append(f"  {item.name!r}{where} ({item.rows} rows): {item.status}: {item.reason}")
        return "\n".join(lines)


def _prepare(frame: pd.DataFrame) -> None:
    for column in FLOAT_COLUMNS:
        if column not in frame.columns:
            frame[column] = np.nan
        elif not pd.api.types.is_float_dtype(frame[column]):
            frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    for column in TEXT_COLUMNS:
        if column not in frame.columns:
            frame[column] = ""
        else:
            frame[column] = frame[column].fillna("").astype(str)


def _position(frame: pd.DataFrame, column: str) -> int:
    """The position of `column` in `frame` (an int: the frame's columns are unique)."""
    return cast(int, frame.columns.get_loc(column))


def _set(frame: pd.DataFrame, positions: np.ndarray, column: str, values: object) -> None:
    if len(positions):
        frame.iloc[positions, _position(frame, column)] = values  # type: ignore[call-overload]  # stubs: no (array, int) key


def _lookup(geocoder: Geocoder, name: str, context: GeoContext | None) -> GeoResult:
    if not name:
        return GeoResult.not_found(name, geo_source="", reason="no place name")
    try:
        return geocoder.geocode(name, context=context)
    except GeoError as error:  # a bare (unchained) service geocoder
        return GeoResult.unavailable(name, geo_source=geocoder.name,
                                     reason=f"waiting: {geocoder.service_name()}: {error}")


def geocode_frame(
    frame: pd.DataFrame,
    *,
    geocoder: Geocoder,
    column: str = "location",
    context: GeoContext | None = None,
    progress: Callable[[int, int], None] | None = None,
    use_row_country: bool = True,
    regeocode: Collection[str] = (),
    namer: Callable[[], PlaceGrid] | None = None,
    far_km: float = FAR_KM,
) -> GeocodeSummary:
    """Fill the coordinates of `frame`'s rows that have none, in place; see the module docstring.

    `context` applies to every row; with `use_row_country`, a row's own `country` cell replaces the
    context's country (and its `admin1` cell the context's admin1). `progress(done, total)` is
    called after each distinct name.
    `regeocode`: place names whose rows are geocoded again although they have coordinates (after
    an override was saved for them); rows whose coordinates came with the data (`geo_source`
    'data') keep them.
    """
    started = time.perf_counter()
    if column not in frame.columns:
        raise FrameColumnError(f"no column {column!r} to geocode (columns: {', '.join(map(str, frame.columns))})")
    _prepare(frame)
    if regeocode:
        wanted = {name.strip() for name in regeocode}
        redo = (frame[column].fillna("").astype(str).str.strip().isin(wanted) & (frame["geo_source"] != "data"))
        _set(frame, np.flatnonzero(redo.to_numpy()), "latitude", np.nan)
        _set(frame, np.flatnonzero(redo.to_numpy()), "longitude", np.nan)
    has_point = (frame["latitude"].notna() & frame["longitude"].notna()).to_numpy()
    _set(frame, np.flatnonzero(has_point & (frame["geo_source"] == "").to_numpy()), "geo_source", "data")
    _set(frame, np.flatnonzero(has_point & (frame["geo_status"] == "").to_numpy()), "geo_status", "resolved")

    if namer is not None:
        _name_points(frame, np.flatnonzero(has_point), column=column, namer=namer)

    todo = np.flatnonzero(~has_point)  # positions, whatever the index
    names = frame[column].iloc[todo].fillna("").astype(str).str.strip().to_numpy()
    countries, admin1s = (
        frame[c].iloc[todo].fillna("").astype(str).str.strip().to_numpy()
        if use_row_country and c in frame.columns else np.full(len(todo), "", dtype=object)
        for c in ("country", "admin1")
    )
    # `uniques`: a MultiIndex of (name, country, admin1), one per distinct lookup
    codes, uniques = cast(tuple[Any, Sequence[tuple[str, str, str]]],
                          pd.factorize(pd.MultiIndex.from_arrays([names, countries, admin1s]))
                          if len(todo) else ([], []))

    results: list[GeoResult] = []
    total = len(uniques)
    for done, (name, country, admin1) in enumerate(uniques, start=1):
        row_context = context
        if country or admin1:
            row_context = GeoContext(country=country or (context.country if context else None),
                                     bbox=context.bbox if context else None, admin1=admin1 or None)
        results.append(_lookup(geocoder, name, row_context))
        if progress is not None:
            progress(done, total)
    if total:
        results = _refuse_far(frame, has_point, results, [country for _, country, _ in uniques], far_km=far_km)

    unresolved: list[UnresolvedName] = []
    if total:
        take = np.asarray(codes)
        row_counts = np.bincount(take, minlength=total)

        def per_row(values: list[object], dtype: str) -> np.ndarray:
            return np.array(values, dtype=dtype)[take]

        ok = per_row([r.resolved for r in results], "bool")
        _set(frame, todo, "latitude", per_row([r.lat if r.resolved else np.nan for r in results], "float64"))
        _set(frame, todo, "longitude", per_row([r.lon if r.resolved else np.nan for r in results], "float64"))
        _set(frame, todo, "geo_confidence",
             per_row([r.confidence if r.resolved else np.nan for r in results], "float64"))
        _set(frame, todo, "geo_source", per_row([r.geo_source if r.resolved else "" for r in results], "object"))
        _set(frame, todo, "matched_name", per_row([r.matched_name for r in results], "object"))
        _set(frame, todo, "geo_status", per_row([r.status_text() for r in results], "object"))
        _set(frame, todo[ok], "geo_precision", per_row([r.precision for r in results], "object")[ok])
        fills: tuple[tuple[str, list[object]], ...] = (
            ("country", [country_name(r.country) if r.country else "" for r in results]),
            ("admin1", [r.admin1 for r in results]),
        )
        for cell, values in fills:
            if cell in frame.columns:
                empty = (frame[cell].iloc[todo].fillna("").astype(str).str.strip() == "").to_numpy()
                filled = per_row(values, "object")
                fill = ok & empty & (filled != "")
                _set(frame, todo[fill], cell, filled[fill])
        for index, result in enumerate(results):
            if not result.resolved:
                name, country, _ = uniques[index]
                unresolved.append(UnresolvedName(name, country, result.status, result.reason,
                                                 int(row_counts[index]), result.candidates))
    located = (frame["latitude"].notna() & frame["longitude"].notna()).to_numpy()
    by_source = frame["geo_source"][located].value_counts().to_dict()
    return GeocodeSummary(
        rows=len(frame),
        already_located=int(has_point.sum()),
        resolved_rows=int(located.sum() - has_point.sum()),
        unresolved_rows=int((~located).sum()),
        distinct_names=total,
        by_source={str(k): int(v) for k, v in by_source.items()},
        unresolved=tuple(sorted(unresolved, key=lambda u: (-u.rows, u.name))),
        elapsed_s=time.perf_counter() - started,
    )


def _name_points(frame: pd.DataFrame, positions: np.ndarray, *, column: str,
                 namer: Callable[[], PlaceGrid]) -> None:
    """Rows with coordinates and no place name: named after the nearest place ("12 km NE of Barda"). The grid
    is asked for only when such rows exist: reading the village index costs about half a second."""
    empty = (frame[column].iloc[positions].fillna("").astype(str).str.strip() == "").to_numpy()
    positions = positions[empty]
    if not len(positions):
        return
    if not pd.api.types.is_object_dtype(frame[column]) and not pd.api.types.is_string_dtype(frame[column]):
        frame[column] = frame[column].astype(object)
    grid = namer()
    lats = frame["latitude"].iloc[positions].to_numpy()
    lons = frame["longitude"].iloc[positions].to_numpy()
    has_country = "country" in frame.columns
    for position, lat, lon in zip(positions.tolist(), lats.tolist(), lons.tolist(), strict=True):
        place = grid.nearest(lat, lon)
        if place is None:
            continue
        frame.iloc[position, _position(frame, column)] = place.describe()
        frame.iloc[position, _position(frame, "matched_name")] = place.name
        if has_country and not str(frame["country"].iloc[position] or "").strip():
            frame.iloc[position, _position(frame, "country")] = country_name(place.country)


def _refuse_far(frame: pd.DataFrame, has_point: np.ndarray, results: list[GeoResult], countries: list[str], *,
                far_km: float) -> list[GeoResult]:
    """Results for names without a country that lie more than `far_km` from every other point: ambiguous."""
    anchors = [(float(a), float(b)) for a, b in zip(frame["latitude"].to_numpy()[has_point],
                                                    frame["longitude"].to_numpy()[has_point], strict=True)]
    anchors += [(r.lat, r.lon) for r, c in zip(results, countries, strict=True)
                if c and r.resolved and r.lat is not None and r.lon is not None]
    if len(anchors) < MIN_ANCHORS:
        return results
    lats, lons = np.array([a[0] for a in anchors]), np.array([a[1] for a in anchors])
    checked: list[GeoResult] = []
    for result, country in zip(results, countries, strict=True):
        if (not country and result.resolved and result.lat is not None and result.lon is not None
                and result.geo_source not in ("override", "data")):
            distance = float(haversine_km(result.lat, result.lon, lats, lons).min())
            if distance > far_km:
                where = f" ({country_name(result.country)})" if result.country else ""
                candidate = Candidate(name=result.matched_name or result.query, place_id=result.place_id,
                                      lat=result.lat, lon=result.lon,
                                      country=country_name(result.country) if result.country else "",
                                      score=result.confidence)
                result = GeoResult.ambiguous(
                    result.query, geo_source=result.geo_source, candidates=(candidate,),
                    reason=f"the only match, {result.matched_name!r}{where}, is {distance:.0f} km from the "
                           f"data's other points: give the row a country to accept it")
        checked.append(result)
    return checked
