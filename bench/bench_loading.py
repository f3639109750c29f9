"""Benchmark: `load_events` on 10,000 to 1,000,000 rows: the project's schema, an ACLED export, and a five-column
table (`date,location,side,description,source`) loaded through a guessed column mapping.

For each size N it writes N rows to a temporary file (the project's sample rows of `tests/data/`, with
their Arabic sentences, repeated with fresh ids; and the ACLED sample rows), then times `load_events`:
decoding, parsing, import mapping, validation of every cell and building the frame. A few rows in every
thousand are broken, so that the error path is measured too. Reports seconds, rows per second and MB.

Usage: ``python bench/bench_loading.py [--sizes 10000,100000] [--repeat 3]``
"""

from __future__ import annotations

import argparse
import csv
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "data"))

from make_samples import (  # noqa: E402
    ACLED_CURRENT_HEADER,
    PROJECT_HEADER,
    PROJECT_ROWS,
    acled_current_rows,
)

from eventmap.loading import Limits, load_events  # noqa: E402

TABLE_HEADER = ("date", "location", "side", "description", "source")


def table_rows() -> list[dict[str, str]]:
    """The project's sample rows as a five-column table."""
    return [{"date": r["date"], "location": r["location"], "side": r["side"],
             "description": r["description"], "source": r["sources"]} for r in PROJECT_ROWS]


def write_rows(path: Path, header: tuple[str, ...], rows: list[dict[str, str]], n: int, id_column: str | None
               ) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for i in range(n):
        row = dict(rows[i % len(rows)])
        if id_column:
            row[id_column] = f"B{i}"
        else:
            row["description"] = f"{row['description']} ({i})"  # distinct rows
        if i % 997 == 0:
            row["latitude" if id_column else "date"] = "not a number"  # one broken row in about a thousand
        writer.writerow([row.get(c, "") for c in header])
    path.write_text(buffer.getvalue(), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated row counts")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size (the median is reported)")
    args = parser.parse_args()
    limits = Limits(max_bytes=10**10, max_rows=10**8)
    print(f"{'format':8} {'rows':>9} {'MB':>7} {'median s':>9} {'rows/s':>9} {'events':>9} {'rejected':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            for fmt, header, rows, id_column in (
                ("project", PROJECT_HEADER, PROJECT_ROWS, "event_id"),
                ("acled", ACLED_CURRENT_HEADER, acled_current_rows(), "event_id_cnty"),
                ("table", TABLE_HEADER, table_rows(), None),
            ):
                path = Path(tmp) / f"{fmt}_{size}.csv"
                write_rows(path, header, rows, size, id_column)
                times = []
                for _ in range(args.repeat):
                    start = time.perf_counter()
                    result = load_events(path, limits=limits)
                    times.append(time.perf_counter() - start)
                median = statistics.median(times)
                mb = path.stat().st_size / 1e6
                print(f"{fmt:8} {size:>9,} {mb:>7.1f} {median:>9.2f} {size / median:>9,.0f} "
                      f"{len(result.events):>9,} {len(result.rejected):>9,}")


if __name__ == "__main__":
    main()
