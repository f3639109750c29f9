"""Reading the published events: the whole set as the file loader's frame, or a map view's part of it, in SQL.

`query` filters in the database (date range, sides, event types, statuses, a box through the GiST index on
`geom`, text with ILIKE on an escaped pattern), all values as bound parameters.
"""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pandas as pd
from sqlalchemy import Engine, Select, and_, func, or_, select

from eventmap.columnar.frame import build_frame
from eventmap.validation import FRAME_COLUMNS
from store.api import InvalidQueryError, ViewQuery
from store.postgres.tables import events

TEXT_SEARCH_COLUMNS = ("description", "location", "actor", "target", "notes")
ESCAPE = "\\"


def like_pattern(text: str) -> str:
    """`text` as an ILIKE pattern matching it anywhere, literally (`%`, `_` and the escape escaped)."""
    escaped = text.replace(ESCAPE, ESCAPE * 2).replace("%", ESCAPE + "%").replace("_", ESCAPE + "_")
    return f"%{escaped}%"


def _published() -> Select:
    return (select(*(events.c[c] for c in FRAME_COLUMNS), events.c.revision)
            .where(events.c.retracted.is_(False)))


def _check(view: ViewQuery) -> None:
    if view.bbox is not None:
        if len(view.bbox) != 4 or not all(math.isfinite(v) for v in view.bbox):
            raise InvalidQueryError(f"a box is 4 finite numbers (south, west, north, east), got {view.bbox!r}")
        south, west, north, east = view.bbox
        if south > north or west > east:
            raise InvalidQueryError(f"a box needs south <= north and west <= east, got {view.bbox!r}")
    if view.limit is not None and view.limit < 0:
        raise InvalidQueryError(f"a limit is 0 or more, got {view.limit!r}")
    for name in ("date_from", "date_to"):
        value = getattr(view, name)
        if value is not None and not isinstance(value, date):
            raise InvalidQueryError(f"{name} must be a date, got {value!r}")


def view_select(view: ViewQuery) -> Select:
    """The SELECT of the published events in `view` (every value a bound parameter)."""
    _check(view)
    conditions = []
    if view.date_from is not None:
        conditions.append(events.c.date >= view.date_from)
    if view.date_to is not None:
        conditions.append(events.c.date <= view.date_to)
    if view.sides:
        conditions.append(events.c.side.in_(list(view.sides)))
    if view.event_types:
        conditions.append(events.c.event_type.in_(list(view.event_types)))
    if view.statuses:
        conditions.append(events.c.status.in_(list(view.statuses)))
    if view.bbox is not None:
        south, west, north, east = view.bbox
        conditions.append(events.c.geom.op("&&")(func.ST_MakeEnvelope(west, south, east, north, 4326)))
    if view.text.strip():
        pattern = like_pattern(view.text.strip())
        conditions.append(or_(*(events.c[c].ilike(pattern, escape=ESCAPE) for c in TEXT_SEARCH_COLUMNS)))
    query = _published().where(and_(*conditions)) if conditions else _published()
    query = query.order_by(events.c.date, events.c.event_id)
    return query.limit(view.limit) if view.limit is not None else query


def frame_of(rows: list[tuple[object, ...]]) -> pd.DataFrame:
    """The events frame of selected rows (FRAME_COLUMNS then revision), with the file loader's dtypes;
    `source_line` is the row's line in the CSV export of the same rows (the header is line 1)."""
    records = [dict(zip(FRAME_COLUMNS, row, strict=False)) for row in rows]
    for record in records:
        for column in ("latitude", "longitude", "geo_confidence"):
            if record[column] is None:
                record[column] = math.nan
    frame = build_frame(records, list(range(2, len(records) + 2)))
    frame["revision"] = pd.Series(np.array([row[-1] for row in rows], dtype="int64"))
    return frame


def query(engine: Engine, view: ViewQuery) -> pd.DataFrame:
    with engine.connect() as connection:
        rows = [tuple(row) for row in connection.execute(view_select(view))]
    return frame_of(rows)


def published_events(engine: Engine) -> pd.DataFrame:
    return query(engine, ViewQuery())
