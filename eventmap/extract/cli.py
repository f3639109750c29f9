"""`python -m eventmap extract ARTICLE -o DRAFT.csv [--published YYYY-MM-DD] [--source URL] [--villages]`.

Writes the article's draft events (the schema's columns and the draft columns: confidence, the words
each row came from, the place candidates) for review; nothing is added to any data file. Exit 0 when
rows were written, 1 when the article gives none (the message says why), 2 when it cannot be read.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TextIO

from base.csv_safety import write_events_csv
from base.settings import Settings
from eventmap.extract.drafts import DRAFT_COLUMNS, extract_article
from eventmap.extract.errors import ArticleInputError
from eventmap.schema import COLUMN_NAMES
from geo.placeindex import PlaceIndex

DRAFT_CSV_COLUMNS: tuple[str, ...] = (*COLUMN_NAMES, *DRAFT_COLUMNS)


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a day as YYYY-MM-DD (got {text!r})") from None


def run_extract(args: argparse.Namespace, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    path, target = Path(args.article), Path(args.output)
    name = path.name
    try:
        data = path.read_bytes()
    except OSError as error:
        print(f"{path}: cannot be read: {error.strerror or error}", file=err)
        return 2
    try:
        settings = Settings.from_env()
        villages = PlaceIndex.load_or_build(settings.state_dir) if args.villages else None
        found = extract_article(data, name=name, source=args.source or "", published=args.published,
                                villages=villages, settings=settings)
    except ArticleInputError as error:
        print(f"{error} (nothing written)", file=err)
        return 2
    for message in found.messages:
        print(f"{name}: {message}", file=out)
    if not found.drafts:
        print(f"{name}: no draft rows (nothing written)", file=out)
        return 1
    try:
        write_events_csv(list(found.drafts), target, columns=DRAFT_CSV_COLUMNS)
    except OSError as error:
        print(f"{target}: cannot be written: {error.strerror or error}", file=err)
        return 2
    undated = sum(1 for row in found.drafts if not row["date"])
    published = found.published.isoformat() if found.published else "unknown"
    print(f"{name} ({found.language}, published {published}): {len(found.drafts)} draft rows written to {target}, "
          f"{undated} without a date; review them before adding them to any data", file=out)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("extract", help="propose draft events from a news article (Arabic, English, "
                                   "Russian) for review",
                                   description="Read a news article (.txt or .html) and write one draft row per "
                                   "event it reports at a known place, with the sentence, who said it and the "
                                   "words it came from. Nothing is added to any data file.")
    parser.add_argument("article", metavar="ARTICLE", help="the article: UTF-8 text or HTML")
    parser.add_argument("-o", "--output", metavar="DRAFT.csv", required=True, help="the draft file to write")
    parser.add_argument("--published", metavar="YYYY-MM-DD", type=_day, default=None,
                        help="the publication day (default: the date written at the top of the article); "
                        "'today' and 'yesterday' are read against it")
    parser.add_argument("--source", metavar="URL", default="", help="the article's URL or citation (default: the "
                        "page's own address for HTML, else the file name)")
    parser.add_argument("--villages", action="store_true",
                        help="also look up places named as villages ('the village of X', 'село X', 'قرية X') in the "
                        "GeoNames village index (read from the state folder; built there the first time, ~25 s)")
    parser.set_defaults(handler=run_extract)
