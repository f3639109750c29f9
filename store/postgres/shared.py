"""The rest of the shared state in the store: the geocoding overrides every session uses (`places`) and the
control changes (who claimed which ground, when, disputed by whom, on which sources).

Overrides: `PlaceOverrides` answers as `geo.geocoders.override.OverrideGeocoder` (the chain's first geocoder)
from the `places` table; saving one needs `Action.SAVE_PLACES` and may name the entry the person saw
(`expected`), refused with `ConflictError` when another session changed it since. Control changes: a file
validated by `eventmap.control.loading` (all or nothing, the loader's messages), kept as its text cells, read
back through the same loader, so the app gets the very objects a file gives.
"""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.dialects.postgresql import insert

from access.roles import Action, Principal, require
from base.errors import EventMapError
from base.problems import Problem
from base.reading import normalise_header, read_table
from eventmap.control.loading import ControlLoadResult, load_control_changes
from eventmap.control.schema import COLUMN_NAMES as CONTROL_COLUMN_NAMES
from geo.geocoders.base import Geocoder
from geo.geocoders.override import ANY, Override
from geo.normalize import normalize
from geo.result import PRECISIONS, GeoContext, GeoResult
from store.api import ConflictError, EditRefusedError
from store.postgres.connection import unavailable_as_store_error
from store.postgres.tables import CONTROL_COLUMNS, control_changes, places

CONTROL_FILE = "control_changes (team store)"


class PlaceOverrides(Geocoder):
    """Manual points for place names, from the store's `places` table (read at each question: a point saved
    in one replica is used at once by every other)."""

    name = "override"

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def entries(self) -> dict[str, Override]:
        """Every override by its key (`geo.normalize.normalize(query)`)."""
        with unavailable_as_store_error(self.engine.url), self.engine.connect() as connection:
            rows = connection.execute(select(places).order_by(places.c.query_key)).all()
        return {row.query_key: _override(row) for row in rows}

    def get(self, query: str) -> Override | None:
        with unavailable_as_store_error(self.engine.url), self.engine.connect() as connection:
            row = connection.execute(select(places).where(places.c.query_key == normalize(query))).first()
        return None if row is None else _override(row)

    def geocode(self, query: str, *, context: GeoContext | None = None) -> GeoResult:
        entry = self.get(query)
        if entry is None:
            return GeoResult.not_found(query, geo_source=self.name, reason="no manual override")
        return entry.answer(query, geo_source=self.name)

    def set(self, principal: Principal, query: str, lat: float, lon: float, *, precision: str = "exact",
            note: str = "", expected: Override | object | None = ANY) -> Override:
        """Save a point for `query` (replacing one for the same name); see the module docstring."""
        require(principal, Action.SAVE_PLACES)
        key = normalize(query)
        problems = _place_problems(query, lat, lon, precision)
        if problems:
            raise EditRefusedError(f"the point for {query!r} was not saved: {problems[0].message}", problems=problems)
        values = {"query_key": key, "query": " ".join(query.split()), "lat": float(lat), "lon": float(lon),
                  "precision": precision, "note": note.strip(), "updated_by": principal.name}
        with unavailable_as_store_error(self.engine.url), self.engine.begin() as connection:
            current = connection.execute(select(places).where(places.c.query_key == key).with_for_update()).first()
            _check_expected(query, None if current is None else _override(current), expected, values)
            statement = insert(places).values(**values)
            row = connection.execute(statement.on_conflict_do_update(
                index_elements=["query_key"], set_={**{k: statement.excluded[k] for k in values if k != "query_key"},
                                                    "updated": statement.excluded.updated})
                .returning(*places.c)).one()
        return _override(row)

    def remove(self, principal: Principal, query: str, *, expected: Override | object | None = ANY) -> bool:
        """Delete the override for `query`; False when there was none."""
        require(principal, Action.SAVE_PLACES)
        key = normalize(query)
        with unavailable_as_store_error(self.engine.url), self.engine.begin() as connection:
            current = connection.execute(select(places).where(places.c.query_key == key).with_for_update()).first()
            _check_expected(query, None if current is None else _override(current), expected, {})
            return bool(connection.execute(delete(places).where(places.c.query_key == key)).rowcount)


def _override(row: object) -> Override:
    updated = row.updated.isoformat(timespec="seconds") if row.updated else ""  # type: ignore[attr-defined]
    return Override(row.query, row.lat, row.lon, row.precision, row.note, updated)  # type: ignore[attr-defined]


def _place_problems(query: str, lat: float, lon: float, precision: str) -> list[Problem]:
    problems = []
    if not normalize(query):
        problems.append(Problem("places", None, "query", "empty place name", query))
    for column, value, limit in (("lat", lat, 90.0), ("lon", lon, 180.0)):
        if not (isinstance(value, int | float) and math.isfinite(value) and -limit <= value <= limit):
            problems.append(Problem("places", None, column, f"not a number within ±{limit:g}", str(value)))
    if precision not in PRECISIONS:
        problems.append(Problem("places", None, "precision", f"must be one of {', '.join(PRECISIONS)}", precision))
    return problems


def _check_expected(query: str, current: Override | None, expected: object, yours: dict[str, object]) -> None:
    if expected is ANY or current == expected:
        return
    now = "none" if current is None else f"{current.lat}, {current.lon} ({current.updated})"
    raise ConflictError(f"the point for {query!r} was changed in another session (now {now}); nothing was written: "
                        "reload and try again", yours={k: str(v) for k, v in yours.items()}, theirs=None)


def import_control_changes(engine: Engine, principal: Principal, path: Path) -> int:
    """Every row of a control-changes file into the store (replacing rows with the same `change_id`), in one
    transaction; a file with any problem of severity error is refused whole. The number of rows saved."""
    require(principal, Action.IMPORT)
    try:
        result = load_control_changes(path)
        data = path.read_bytes()
    except (EventMapError, OSError) as error:
        raise EditRefusedError(f"{path.name}: {error}; nothing was imported",
                               problems=[Problem(path.name, None, None, str(error))]) from None
    if result.errors:
        raise EditRefusedError(f"{path.name}: {len(result.rejected_lines)} row(s) with problems, nothing was "
                               f"imported: {result.errors[0]}", problems=result.errors)
    table = read_table(data, name=path.name, known_columns=frozenset(CONTROL_COLUMN_NAMES))
    header = [normalise_header(cell) for cell in table.header]
    rows = [{column: dict(zip(header, raw.cells, strict=False)).get(column, "").strip() for column in CONTROL_COLUMNS}
            for raw in table.rows]
    with unavailable_as_store_error(engine.url), engine.begin() as connection:
        for row in rows:
            statement = insert(control_changes).values(**row, recorded_by=principal.name)
            connection.execute(statement.on_conflict_do_update(
                index_elements=["change_id"],
                set_={**{c: statement.excluded[c] for c in (*CONTROL_COLUMNS[1:], "recorded_by")},
                      "recorded_at": statement.excluded.recorded_at}))
    return len(rows)


def control_changes_result(engine: Engine) -> ControlLoadResult:
    """The stored control changes, through the file loader (the same objects and checks as a file)."""
    with unavailable_as_store_error(engine.url), engine.connect() as connection:
        rows = connection.execute(select(*(control_changes.c[c] for c in CONTROL_COLUMNS))
                                  .order_by(control_changes.c.date, control_changes.c.change_id)).all()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CONTROL_COLUMNS)
    writer.writerows(tuple(row) for row in rows)
    return load_control_changes(buffer.getvalue().encode("utf-8"), name=CONTROL_FILE)


def control_changes_stamp(engine: Engine) -> tuple[int, str]:
    """(count, last `recorded_at` in ISO form, "" when none) of the stored control changes."""
    with unavailable_as_store_error(engine.url), engine.connect() as connection:
        count, last = connection.execute(select(func.count(), func.max(control_changes.c.recorded_at))).one()
    return int(count), last.isoformat() if last is not None else ""
