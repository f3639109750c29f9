"""Swapped latitude and longitude, judged by columns: the rules of `eventmap.swapped` over arrays, for a
frame of a million events (the row-by-row rule compares each doubtful point with every other one)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from base.problems import Problem
from eventmap.swapped import CORE_MARGIN_DEG, CORE_SHARE, FAR_DEG, MIN_POINTS, country_extent, swapped_problem


def _inside(lat: np.ndarray, lon: np.ndarray, box: tuple[float, float, float, float]) -> np.ndarray:
    south, west, north, east = box
    return (south <= lat) & (lat <= north) & (west <= lon) & (lon <= east)


def _core_box(lats: np.ndarray, lons: np.ndarray) -> tuple[float, float, float, float]:
    lats, lons = np.sort(lats), np.sort(lons)
    low = max(int((1 - CORE_SHARE) / 2 * len(lats)), 1)
    high = len(lats) - 1 - low
    m = CORE_MARGIN_DEG
    return float(lats[low]) - m, float(lons[low]) - m, float(lats[high]) + m, float(lons[high]) + m


def _has_near_neighbour(lat: float, lon: float, lats_sorted: np.ndarray, lons_by_lat: np.ndarray) -> bool:
    """Whether another point (not at the same place) lies within `FAR_DEG` in latitude and longitude."""
    start = np.searchsorted(lats_sorted, lat - FAR_DEG, side="left")
    stop = np.searchsorted(lats_sorted, lat + FAR_DEG, side="right")
    window_lats, window_lons = lats_sorted[start:stop], lons_by_lat[start:stop]
    near = (np.abs(window_lons - lon) <= FAR_DEG) & ~((window_lats == lat) & (window_lons == lon))
    return bool(near.any())


def swapped_point_problems_frame(events: pd.DataFrame, *, file: str) -> list[Problem]:
    """The warnings of `eventmap.swapped.swapped_point_problems` for the rows of an events frame, in row
    order, worked out by columns."""
    lat = events["latitude"].to_numpy(dtype="float64")
    lon = events["longitude"].to_numpy(dtype="float64")
    with np.errstate(invalid="ignore"):
        valid = (np.isfinite(lat) & np.isfinite(lon) & (np.abs(lat) <= 90) & (np.abs(lon) <= 90)
                 & ~((lat == 0) & (lon == 0)))
    flagged = np.zeros(len(events), dtype=bool)
    reason = np.full(len(events), "", dtype=object)
    no_extent = valid.copy()
    inverse, codes = pd.factorize(events["country"].astype(str))
    for code_index, country in enumerate(codes.tolist()):
        extent = country_extent(country) if country else None
        if extent is None:
            continue
        rows = valid & (inverse == code_index)
        no_extent &= inverse != code_index
        hit = rows & ~_inside(lat, lon, extent) & _inside(lon, lat, extent)
        flagged |= hit
        reason[hit] = f"outside {country}"
    located = np.flatnonzero(valid)
    if located.size >= MIN_POINTS:
        core = _core_box(lat[located], lon[located])
        candidates = np.flatnonzero(no_extent & ~_inside(lat, lon, core) & _inside(lon, lat, core))
        if candidates.size:
            order = np.argsort(lat[located], kind="stable")
            lats_sorted, lons_by_lat = lat[located][order], lon[located][order]
            for index in candidates.tolist():
                if not _has_near_neighbour(float(lat[index]), float(lon[index]), lats_sorted, lons_by_lat):
                    flagged[index] = True
                    reason[index] = "far from the file's other points"
    lines = events["source_line"].to_numpy()
    return [swapped_problem(file, int(lines[i]), float(lat[i]), float(lon[i]), str(reason[i]))
            for i in np.flatnonzero(flagged).tolist()]
