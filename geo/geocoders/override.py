"""Manual overrides: a CSV file the user edits (or the Places page writes), consulted first.

Columns: `query,lat,lon,precision,note,updated`. `query` is matched on its exact key (`normalize`),
so `Shushi`, `SHUSHI` and `Shushi.` are one entry. The file is re-read whenever it changes on disk,
so a point set in one session is used at once by every other.

Writes (`set`, `remove`) cannot lose data: under a lock file the current file is re-read, the one
change merged in, and the result written atomically (temporary file + rename). Two sessions
changing different names both keep their changes; a session that passes `expected` (the entry it
showed its user) gets `WriteConflictError` when another session changed that name in between.
Rows that cannot be read (a bad number typed by hand) are reported in `problems` and kept as they
are when the file is rewritten.
"""

from __future__ import annotations

import csv
import io
import math
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from base.atomic import update_atomic
from base.errors import WriteConflictError
from base.problems import Problem
from geo.geocoders.base import Geocoder
from geo.normalize import normalize
from geo.result import PRECISIONS, GeoContext, GeoResult

# As in `base.csv_safety` (imported only when writing: it imports pandas, which the offline
# lookup does not need).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ANY = object()  # `expected` not given: no conflict check
OVERRIDE_COLUMNS: tuple[str, ...] = ("query", "lat", "lon", "precision", "note", "updated")


@dataclass(frozen=True, slots=True)
class Override:
    query: str
    lat: float
    lon: float
    precision: str = "exact"
    note: str = ""
    updated: str = ""

    def answer(self, query: str, *, geo_source: str) -> GeoResult:
        """The resolved answer this override gives to `query` (the file's and the store's overrides alike)."""
        reason = "set by hand" + (f" on {self.updated}" if self.updated else "") + (
            f": {self.note}" if self.note else "")
        return GeoResult(query=query, status="resolved", lat=self.lat, lon=self.lon, geo_source=geo_source,
                         matched_name=self.query, place_id=f"override:{normalize(self.query)}", confidence=1.0,
                         precision=self.precision, reason=reason)  # type: ignore[arg-type]


def _now() -> datetime:
    return datetime.now(UTC)


class OverrideGeocoder(Geocoder):
    name = "override"

    def __init__(self, path: Path | str, *, now: Callable[[], datetime] = _now) -> None:
        self.path = Path(path)
        self._now = now
        self._lock = threading.Lock()
        self._signature: tuple[int, int, int] | None = None
        self._loaded = False
        self._entries: dict[str, Override] = {}
        self.problems: list[Problem] = []

    # --- reading --------------------------------------------------------------------------------

    def _stat_signature(self) -> tuple[int, int, int] | None:
        try:
            st = self.path.stat()
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    def _read(self) -> tuple[list[dict[str, str]], dict[str, Override], list[Problem]]:
        """Raw rows (kept on rewrite), valid entries by key, and problems."""
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return [], {}, []
        return self._parse_file(data)

    def _parse_file(self, data: bytes | None) -> tuple[list[dict[str, str]], dict[str, Override], list[Problem]]:
        if not data:
            return [], {}, []
        text = data.decode("utf-8-sig", errors="replace")
        rows: list[dict[str, str]] = []
        entries: dict[str, Override] = {}
        problems: list[Problem] = []
        reader = csv.DictReader(io.StringIO(text, newline=""))
        for row in reader:
            cells = {c: restore((row.get(c) or "").strip()) for c in OVERRIDE_COLUMNS}
            rows.append(cells)
            entry, problem = self._parse(cells, reader.line_num)
            if problem is not None:
                problems.append(problem)
            elif entry is not None:
                entries[normalize(entry.query)] = entry
        return rows, entries, problems

    def _parse(self, cells: dict[str, str], line: int) -> tuple[Override | None, Problem | None]:
        if not normalize(cells["query"]):
            return None, Problem(str(self.path), line, "query", "empty place name", cells["query"])
        values: list[float] = []
        for column, limit in (("lat", 90.0), ("lon", 180.0)):
            try:
                value = float(cells[column])
            except ValueError:
                value = math.nan
            if not -limit <= value <= limit:
                return None, Problem(str(self.path), line, column, f"not a number within ±{limit:g}", cells[column])
            values.append(value)
        precision = cells["precision"] or "exact"
        if precision not in PRECISIONS:
            return None, Problem(str(self.path), line, "precision", f"must be one of {', '.join(PRECISIONS)}",
                                 precision)
        return Override(cells["query"], values[0], values[1], precision, cells["note"], cells["updated"]), None

    def _refresh(self) -> None:
        signature = self._stat_signature()
        if self._loaded and signature == self._signature:
            return
        _, self._entries, self.problems = self._read()
        self._signature = signature
        self._loaded = True

    def entries(self) -> dict[str, Override]:
        """Current overrides by exact key."""
        with self._lock:
            self._refresh()
            return dict(self._entries)

    def get(self, query: str) -> Override | None:
        with self._lock:
            self._refresh()
            return self._entries.get(normalize(query))

    def geocode(self, query: str, *, context: GeoContext | None = None) -> GeoResult:
        entry = self.get(query)
        if entry is None:
            return GeoResult.not_found(query, geo_source=self.name, reason="no manual override")
        return entry.answer(query, geo_source=self.name)

    # --- writing --------------------------------------------------------------------------------

    def set(self, query: str, lat: float, lon: float, *, precision: str = "exact", note: str = "",
            expected: Override | object | None = ANY) -> Override:
        """Save a point for `query` (replacing an earlier one for the same name).

        `expected`: the override this session showed the user (or None: there was none). When the
        file holds something else for `query` now, `WriteConflictError` is raised and nothing is
        written. Leave it out to replace whatever is there.
        """
        if not normalize(query):
            raise ValueError(f"an override needs a place name, got {query!r}")
        if not (math.isfinite(lat) and -90 <= lat <= 90 and math.isfinite(lon) and -180 <= lon <= 180):
            raise ValueError(f"latitude/longitude out of range, got {lat!r}, {lon!r}")
        if precision not in PRECISIONS:
            raise ValueError(f"precision must be one of {PRECISIONS}, got {precision!r}")
        entry = Override(" ".join(query.split()), float(lat), float(lon), precision, note.strip(),
                         self._now().isoformat(timespec="seconds"))
        self._change(normalize(query), entry, expected=expected)
        return entry

    def remove(self, query: str, *, expected: Override | object | None = ANY) -> bool:
        """Delete the override for `query`; False when there was none. `expected` as for `set`."""
        return self._change(normalize(query), None, expected=expected)

    def _change(self, key: str, entry: Override | None, *, expected: Override | object | None) -> bool:
        existed = False

        def merge(data: bytes | None) -> bytes:
            nonlocal existed
            rows, on_disk, _ = self._parse_file(data)
            current = on_disk.get(key)
            if expected is not ANY and current != expected:
                shown = expected if isinstance(expected, Override) else None
                raise WriteConflictError(
                    f"{self.path}: the override for {key!r} was changed in another session (now "
                    f"{_describe(current)}, was {_describe(shown)}); nothing was written: reload and try again"
                )
            kept = [row for row in rows if normalize(row["query"]) != key or not _valid(row)]
            existed = len(kept) != len(rows)
            if entry is not None:
                kept.append({"query": entry.query, "lat": f"{entry.lat:.6f}", "lon": f"{entry.lon:.6f}",
                             "precision": entry.precision, "note": entry.note, "updated": entry.updated})
            return _render(kept).encode("utf-8")

        with self._lock:
            update_atomic(self.path, merge)  # read, merge and write under the file's lock
            self._loaded = False  # re-read now: this session has seen the file as written
            self._refresh()
        return existed if entry is None else True

def _valid(row: dict[str, str]) -> bool:
    try:
        return math.isfinite(float(row["lat"])) and math.isfinite(float(row["lon"]))
    except ValueError:
        return False


def _describe(entry: Override | None) -> str:
    return "none" if entry is None else f"{entry.lat:.5f}, {entry.lon:.5f}"


def _render(rows: list[dict[str, str]]) -> str:
    from base.csv_safety import is_number, neutralise_cell  # imports pandas: only when writing

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=OVERRIDE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({
            column: text if column in ("lat", "lon") and is_number(text) else neutralise_cell(text)
            for column, text in ((c, row.get(c, "")) for c in OVERRIDE_COLUMNS)
        })
    return buffer.getvalue()


def restore(cell: str) -> str:
    """Undo `neutralise_cell` on a cell the project wrote: `'=x` → `=x` (a typed `'` is kept otherwise)."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS) else cell
