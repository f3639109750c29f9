"""Property-based tests: whatever the bytes, the loader gives a clear error or a load that drops nothing.

For every input the result is either a one-line `DataFileError` / `LimitExceededError` naming the file,
or a `LoadResult` in which every data row is either an event or a rejected row with its problems
(`len(events) + len(rejected) == rows_read`), never a traceback.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from base.errors import DataFileError, LimitExceededError
from base.problems import Severity
from eventmap.imports.acled import CURRENT_COLUMNS
from eventmap.imports.ucdp import COLUMNS as UCDP_COLUMNS
from eventmap.loading import Limits, LoadResult, load_events
from eventmap.schema import COLUMN_NAMES, EVENT_TYPES, GEO_PRECISIONS, STATUSES, VERIFICATIONS

LIMITS = Limits(max_bytes=20 * 1024 * 1024, max_rows=5_000)
REGION = (38.3, 43.4, 41.5, 50.6)
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FEW = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                      HealthCheck.data_too_large])
TEXT_DTYPE_COLUMNS = [c for c in COLUMN_NAMES if c not in {"date", "report_date", "latitude", "longitude",
                                                            "fatalities", "injured"}]


def load_checked(data: bytes) -> LoadResult | None:
    """Load `data` and check everything that must hold whatever the input; None for a clear refusal."""
    try:
        result = load_events(data, name="p.csv", limits=LIMITS, region_bbox=REGION)
    except (DataFileError, LimitExceededError) as exc:
        message = str(exc)
        assert message.startswith("p.csv")
        assert "\n" not in message
        return None
    events, rejected = result.events, result.rejected
    assert len(events) + len(rejected) == result.rows_read
    lines = [*events["source_line"].tolist(), *(r.line for r in rejected)]
    assert len(set(lines)) == len(lines)
    for row in rejected:
        assert any(p.severity is Severity.ERROR for p in row.problems)
        assert all(p.line == row.line for p in row.problems)
    for problem in result.problems:
        assert problem.file == "p.csv"
        assert "\n" not in str(problem)
    assert str(events["date"].dtype) == "datetime64[ns]"
    assert str(events["fatalities"].dtype) == "Int64"
    for column in TEXT_DTYPE_COLUMNS:
        assert all(isinstance(value, str) for value in events[column])
    return result


# --- valid rows ----------------------------------------------------------------------------------------------------
# Any text a person could type or paste: no control characters but tab and line ends (a file full of
# control characters is refused as binary: see test_random_bytes), no NUL, no U+FFFD (both give warnings).
SAFE_TEXT = st.text(st.characters(exclude_categories=("Cs", "Cc"), include_characters="\t\r\n",
                                  exclude_characters="\ufffd"), max_size=40)
REQUIRED_TEXT = SAFE_TEXT.filter(lambda s: s.strip() != "")
EVENT_KINDS = [(event_type, sub) for event_type, subs in EVENT_TYPES.items() for sub in subs]


@st.composite
def valid_rows(draw: st.DrawFn, text: st.SearchStrategy[str] = REQUIRED_TEXT) -> dict[str, str]:
    event_type, sub = draw(st.sampled_from(EVENT_KINDS))
    date = draw(st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)))
    has_point = draw(st.booleans())
    lat = draw(st.floats(-90, 90, allow_nan=False)) if has_point else None
    lon = draw(st.floats(-180, 180, allow_nan=False)) if has_point else None
    optional = st.one_of(st.just(""), text)
    return {
        "event_id": "", "date": draw(st.sampled_from([date.isoformat(), date.strftime("%d/%m/%Y"),
                                                       date.strftime("%d %B %Y")])),
        "date_precision": draw(st.sampled_from(["day", "week", "month", "Day"])),
        "report_date": "", "location": draw(text),
        "latitude": "" if lat is None else repr(lat), "longitude": "" if lon is None else repr(lon),
        "geo_precision": draw(st.sampled_from(GEO_PRECISIONS)), "country": draw(text), "admin1": draw(optional),
        "side": draw(text), "actor": draw(text), "target": draw(optional), "event_type": event_type,
        "sub_event_type": sub, "description": draw(text), "description_original": draw(optional),
        "language": draw(st.sampled_from(["", "ar", "en"])),
        "fatalities": draw(st.sampled_from(["", "0", "3", "١٢"])), "injured": draw(st.sampled_from(["", "1"])),
        "claimed_by": draw(text), "status": draw(st.sampled_from(STATUSES)), "disputed_by": draw(optional),
        "verification": draw(st.sampled_from(VERIFICATIONS)), "sources": draw(text.filter(lambda s: s.strip(" ;"))),
        "notes": draw(optional), "event_type_original": draw(optional),
        **draw(st.sampled_from([{"description_ar": "", "description_ar_source": ""},
                                {"description_ar": "قصف", "description_ar_source": "source"},
                                {"description_ar": "قصف", "description_ar_source": "project"}])),
    }


def to_csv(rows: list[dict[str, str]], *, delimiter: str = ",", header: list[str] | None = None) -> str:
    header = header or list(COLUMN_NAMES)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for index, row in enumerate(rows):
        writer.writerow([row.get(c, "") if c != "event_id" else f"E{index}" for c in header])
    return buffer.getvalue()


@PROPERTY
@given(st.binary(max_size=3000))
def test_random_bytes(data: bytes) -> None:
    load_checked(data)


@PROPERTY
@given(st.text(max_size=2000))
def test_random_text(text: str) -> None:
    load_checked(text.encode("utf-8", errors="surrogatepass"))


@PROPERTY
@given(st.lists(valid_rows(), min_size=1, max_size=8), st.sampled_from([",", ";", "\t"]),
       st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-be-bom"]))
def test_valid_rows_load_exactly(rows: list[dict[str, str]], delimiter: str, encoding: str) -> None:
    text = to_csv(rows, delimiter=delimiter)
    data = (codecs.BOM_UTF16_BE + text.encode("utf-16-be") if encoding == "utf-16-be-bom"
            else text.encode(encoding))
    result = load_checked(data)
    assert result is not None
    assert result.rejected == []
    assert len(result.events) == len(rows)
    for (_, event), row in zip(result.events.iterrows(), rows, strict=True):
        for column in ("location", "description", "notes", "sources", "actor"):
            assert event[column] == row[column].strip()
        if row["latitude"]:
            assert event["latitude"] == float(row["latitude"])
        else:
            assert pd.isna(event["latitude"])


@PROPERTY
@given(st.lists(valid_rows(), min_size=1, max_size=6), st.data())
def test_truncated_files(rows: list[dict[str, str]], data: st.DataObject) -> None:
    encoded = to_csv(rows).encode("utf-8")
    cut = data.draw(st.integers(0, len(encoded)))
    result = load_checked(encoded[:cut])
    if result is not None:
        assert result.rows_read <= len(rows)


@PROPERTY
@given(st.lists(valid_rows(), min_size=1, max_size=6), st.data())
def test_nul_bytes_anywhere(rows: list[dict[str, str]], data: st.DataObject) -> None:
    encoded = bytearray(to_csv(rows).encode("utf-8"))
    for _ in range(data.draw(st.integers(1, 5))):
        encoded.insert(data.draw(st.integers(0, len(encoded))), 0)
    load_checked(bytes(encoded))


@PROPERTY
@given(st.lists(st.tuples(valid_rows(st.sampled_from(["شوشة", "Shusha", "ستيباناكيرت قصف", "Tartar"])),
                          st.sampled_from(["utf-8", "cp1256", "latin-1"])), min_size=1, max_size=6))
def test_mixed_encodings_lose_no_row(rows: list[tuple[dict[str, str], str]]) -> None:
    header = to_csv([]).encode("utf-8")
    lines = [to_csv([row]).split("\r\n", 1)[1].encode(encoding, errors="replace") for row, encoding in rows]
    result = load_checked(header + b"".join(lines))
    assert result is not None
    assert result.rows_read == len(rows)


@PROPERTY
@given(st.sampled_from([COLUMN_NAMES, CURRENT_COLUMNS, UCDP_COLUMNS]), st.sampled_from([",", ";", "\t"]),
       st.booleans())
def test_header_only(header: tuple[str, ...], delimiter: str, trailing_newline: bool) -> None:
    result = load_checked((delimiter.join(header) + ("\n" if trailing_newline else "")).encode())
    assert result is not None
    assert result.rows_read == 0
    assert result.events.empty


@PROPERTY
@given(st.lists(st.tuples(valid_rows(), st.integers(-5, 5)), min_size=1, max_size=8))
def test_extra_and_missing_cells(rows: list[tuple[dict[str, str], int]]) -> None:
    """A row with missing or extra cells is set aside with a message; the others load."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # with "\n", csv does not quote a cell holding "\r"
    writer.writerow(COLUMN_NAMES)
    for index, (row, change) in enumerate(rows):
        cells = [row[c] if c != "event_id" else f"E{index}" for c in COLUMN_NAMES]
        writer.writerow(cells[:change] if change < 0 else cells + ["x"] * change)
    result = load_checked(buffer.getvalue().encode())
    assert result is not None
    assert len(result.rejected) == sum(1 for _, change in rows if change != 0)
    for row in result.rejected:
        assert f"cells but the header has {len(COLUMN_NAMES)}" in " ".join(str(p) for p in row.problems)


@FEW
@given(st.lists(valid_rows(), min_size=1, max_size=3), st.integers(100_000, 400_000), st.sampled_from(
    ["description", "notes", "event_id", "location"]))
def test_huge_fields(rows: list[dict[str, str]], size: int, column: str) -> None:
    rows[0] = {**rows[0], column: "ش" * size}
    result = load_checked(to_csv(rows).encode("utf-8"))
    assert result is not None
    assert result.rows_read == len(rows)


@FEW
@given(st.integers(900, 1100), st.lists(valid_rows(), min_size=1, max_size=3))
def test_a_thousand_columns(extra: int, rows: list[dict[str, str]]) -> None:
    header = [*COLUMN_NAMES, *(f"extra_{i}" for i in range(extra))]
    result = load_checked(to_csv(rows, header=header).encode())
    assert result is not None
    assert len(result.events) == len(rows)
    assert next(p.message for p in result.problems if p.line is None).endswith(f"and {extra - 10} more")


@PROPERTY
@given(st.lists(st.lists(st.text(max_size=12), min_size=1, max_size=30), min_size=1, max_size=10),
       st.sampled_from([COLUMN_NAMES, CURRENT_COLUMNS, UCDP_COLUMNS]))
def test_random_cells_under_a_real_header(cells: list[list[str]], header: tuple[str, ...]) -> None:
    """Any cells, for the project's schema and both import formats: every row is an event or rejected."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(cells)
    load_checked(buffer.getvalue().encode("utf-8", errors="surrogatepass"))


@st.composite
def acled_rows(draw: st.DrawFn) -> dict[str, str]:
    event_type, sub = draw(st.sampled_from(EVENT_KINDS))
    date = draw(st.dates(dt.date(1997, 1, 1), dt.date(2030, 12, 31)))
    return {
        "event_date": draw(st.sampled_from([date.isoformat(), date.strftime("%d %B %Y"), date.strftime("%d-%b-%y")])),
        "time_precision": draw(st.sampled_from("123")), "event_type": event_type, "sub_event_type": sub,
        "actor1": draw(REQUIRED_TEXT), "actor2": draw(SAFE_TEXT), "country": draw(REQUIRED_TEXT),
        "location": draw(REQUIRED_TEXT), "latitude": repr(draw(st.floats(-90, 90, allow_nan=False))),
        "longitude": repr(draw(st.floats(-180, 180, allow_nan=False))), "geo_precision": draw(st.sampled_from("123")),
        "source": draw(SAFE_TEXT), "notes": draw(SAFE_TEXT), "fatalities": str(draw(st.integers(0, 10_000))),
    }


@PROPERTY
@given(st.lists(acled_rows(), min_size=1, max_size=6))
def test_valid_acled_rows_all_import(rows: list[dict[str, str]]) -> None:
    header = list(CURRENT_COLUMNS)
    rows = [{**row, "event_id_cnty": f"ARM{i}"} for i, row in enumerate(rows)]
    result = load_checked(to_csv(rows, header=header).encode())
    assert result is not None
    assert result.detected_format == "acled"
    assert result.rejected == []
    assert result.events["event_id"].tolist() == [f"ARM{i}" for i in range(len(rows))]
    assert all(sources.endswith(f"ACLED ARM{i}") for i, sources in enumerate(result.events["sources"]))


@st.composite
def ucdp_rows(draw: st.DrawFn) -> dict[str, str]:
    best = draw(st.integers(0, 5000))
    return {
        "type_of_violence": draw(st.sampled_from("123")), "side_a": draw(REQUIRED_TEXT),
        "side_b": draw(SAFE_TEXT), "where_prec": draw(st.sampled_from("1234567")),
        "latitude": repr(draw(st.floats(-90, 90, allow_nan=False))),
        "longitude": repr(draw(st.floats(-180, 180, allow_nan=False))), "country": draw(REQUIRED_TEXT),
        "where_coordinates": draw(REQUIRED_TEXT), "date_prec": draw(st.sampled_from("12345")),
        "date_start": draw(st.dates(dt.date(1989, 1, 1), dt.date(2030, 12, 31))).isoformat() + " 00:00:00.000",
        "best": str(best), "low": str(best), "high": str(best + draw(st.integers(0, 100))),
        "event_clarity": draw(st.sampled_from(["1", "2", ""])), "source_article": draw(SAFE_TEXT),
    }


@PROPERTY
@given(st.lists(ucdp_rows(), min_size=1, max_size=6))
def test_valid_ucdp_rows_all_import(rows: list[dict[str, str]]) -> None:
    rows = [{**row, "id": str(1000 + i)} for i, row in enumerate(rows)]
    result = load_checked(to_csv(rows, header=list(UCDP_COLUMNS)).encode())
    assert result is not None
    assert result.detected_format == "ucdp"
    assert result.rejected == []
    assert result.events["fatalities"].tolist() == [int(row["best"]) for row in rows]
