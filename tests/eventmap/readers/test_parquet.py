"""Parquet: typed columns as text, nested structs and lists flattened, records numbered."""

from __future__ import annotations

import datetime as dt
import io

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from base.errors import DataFileError, LimitExceededError
from eventmap.readers.parquet import read_parquet


def parquet(table: pa.Table) -> bytes:
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


def test_columns_as_text() -> None:
    data = parquet(pa.table({
        "event_id": ["E1", "E2"],
        "date": pa.array([dt.date(2020, 10, 8), None], pa.date32()),
        "seen": pa.array([dt.datetime(2020, 10, 8, 14, 30), dt.datetime(2020, 10, 9)], pa.timestamp("ms")),
        "latitude": [39.7601, 40.0],
        "fatalities": pa.array([3, None], pa.int64()),
        "place": pa.array([{"name": "Shusha", "admin1": "Shusha District"}, {"name": "Ganja", "admin1": None}]),
        "tags": pa.array([["shelling", "night"], []], pa.list_(pa.string())),
    }))
    table = read_parquet(data, name="f.parquet")
    assert table.header == ["event_id", "date", "seen", "latitude", "fatalities", "place.name", "place.admin1",
                            "tags"]
    assert [(row.line, row.cells) for row in table.rows] == [
        (1, ["E1", "2020-10-08", "2020-10-08T14:30:00", "39.7601", "3", "Shusha", "Shusha District",
             "shelling; night"]),
        (2, ["E2", "", "2020-10-09", "40", "", "Ganja", "", ""]),
    ]
    assert (table.kind, table.line_unit) == ("parquet", "record")


def test_many_batches_keep_their_numbers() -> None:
    data = parquet(pa.table({"n": list(range(70_000))}))
    table = read_parquet(data, name="f.parquet")
    assert [(row.line, row.cells) for row in table.rows[65_535:65_537]] == [(65_536, ["65535"]), (65_537, ["65536"])]
    assert len(table.rows) == 70_000


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"PAR1" + bytes(40), "f.parquet: not a readable Parquet file"),
        (parquet(pa.table({"a": pa.array([], pa.string())})), "f.parquet: the Parquet file holds no records"),
    ],
)
def test_unusable_parquet(data: bytes, message: str) -> None:
    with pytest.raises(DataFileError) as caught:
        read_parquet(data, name="f.parquet")
    assert str(caught.value).startswith(message)


def test_record_limit() -> None:
    with pytest.raises(LimitExceededError, match=r"f\.parquet: the file has 3 records; the limit is 2 rows"):
        read_parquet(parquet(pa.table({"a": ["1", "2", "3"]})), name="f.parquet", max_rows=2)


@pytest.mark.parametrize(
    ("texts", "kind", "has_nul", "has_replacement"),
    [
        (["Shusha", None], pa.string(), False, False),
        (["Shu\x00sha", "Ganja"], pa.string(), True, False),
        (["Ganja", "Shu\ufffdsha"], pa.large_string(), False, True),
    ],
)
def test_text_columns_keep_their_text_and_flag_nul_and_replacement(texts: list[str | None], kind: pa.DataType,
                                                                    has_nul: bool, has_replacement: bool) -> None:
    table = read_parquet(parquet(pa.table({"place": pa.array(texts, kind), "n": [1, 2]})), name="f.parquet")
    assert [row.cells for row in table.rows] == [[text or "", str(n)] for text, n in zip(texts, (1, 2), strict=True)]
    assert (table.has_nul, table.has_replacement) == (has_nul, has_replacement)
