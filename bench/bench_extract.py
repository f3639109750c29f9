"""How well and how fast articles become draft events, beside a naive way.

    python bench/bench_extract.py [--repeat 5]

For every article of `tests/data/articles/articles.csv` whose text is present (see the README there), runs
`eventmap.extract.extract_article` and a naive way (every exact spelling of a gazetteer place in the text is an
event, dated on the publication day), and prints per language:

- right place: the same, whatever the date;
- found: share of the truth's events with a draft row at the right place (within 15 km) and the right date
  (an event the article gives no day for must come with an empty date: a guessed date is wrong);
- at a named place: share of draft rows at a place the truth lists as named by the article;
- venues as events: draft rows at a place the truth marks as not an event (talks in Moscow);
- time per article, warm (the median of `--repeat` runs after a first one), and the peak memory of one run.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import math
import statistics
import sys
import time
import tracemalloc
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from eventmap.extract import extract_article
from eventmap.extract.sentences import split_sentences
from geo.gazetteer import Gazetteer, default_gazetteer
from geo.normalize import normalize

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "tests" / "data" / "articles"
WITHIN_KM = 15.0

Draft = tuple[str, str, float | None, float | None]  # (place_id, date, lat, lon)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def ours(text: str, published: dt.date, source: str, gazetteer: Gazetteer) -> list[Draft]:
    found = extract_article(text, name="article", published=published, source=source, gazetteer=gazetteer)
    return [(str(r["event_id"]).split("-", 2)[2], str(r["date"]), _num(r["latitude"]), _num(r["longitude"]))
            for r in found.drafts]


def naive(text: str, published: dt.date, source: str, gazetteer: Gazetteer) -> list[Draft]:
    """Exact spellings only, whole words, every mention an event on the publication day."""
    del source
    drafts: list[Draft] = []
    for sentence in split_sentences(text):
        words = sentence.text.replace("،", " ").replace(",", " ").split()
        seen: set[str] = set()
        for size in (3, 2, 1):
            for i in range(len(words) - size + 1):
                for alias in gazetteer.exact(normalize(" ".join(words[i:i + size]))):
                    if alias.place_id not in seen:
                        seen.add(alias.place_id)
                        point = gazetteer.point(alias.place_id)
                        drafts.append((alias.place_id, published.isoformat(), point.lat if point else None,
                                       point.lon if point else None))
    return drafts


def _num(value: object) -> float | None:
    try:
        return float(str(value))
    except ValueError:
        return None


def score(drafts: list[Draft], truth: list[dict[str, str]], gazetteer: Gazetteer) -> tuple[int, ...]:
    """(events found, events, drafts at a named place, drafts, drafts at a venue, events at the right place)."""
    events = [row for row in truth if row["not_event"] != "yes"]
    named = {row["place_id"] for row in truth}
    venues = {row["place_id"] for row in truth if row["not_event"] == "yes"}
    found = placed = 0
    for event in events:
        point = gazetteer.point(event["place_id"])
        near = [date for _, date, lat, lon in drafts if point and lat is not None and lon is not None
                and km(point.lat, point.lon, lat, lon) <= WITHIN_KM]
        placed += bool(near)
        found += event["date"] in near
    at_named = sum(1 for place_id, *_ in drafts if place_id in named)
    at_venue = sum(1 for place_id, *_ in drafts if place_id in venues)
    return found, len(events), at_named, len(drafts), at_venue, placed


def timed(way: Callable[..., list[Draft]], args: tuple, repeat: int) -> tuple[float, float]:
    """(median seconds of `repeat` warm runs, peak MB of one run)."""
    way(*args)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        way(*args)
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    way(*args)
    peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
    tracemalloc.stop()
    return statistics.median(times), peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    gazetteer = default_gazetteer()
    totals: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0, 0, 0, 0, 0, 0, 0.0, 0.0, 0])
    with (ARTICLES / "articles.csv").open(encoding="utf-8", newline="") as handle:
        listed = list(csv.DictReader(handle))
    for article in listed:
        path = (ROOT / article["path"]).resolve()
        if not path.is_file():
            print(f"{article['article']}: text not found ({article['path']}): skipped")
            continue
        text = path.read_text(encoding="utf-8")
        with (ARTICLES / article["truth"]).open(encoding="utf-8", newline="") as handle:
            truth = list(csv.DictReader(handle))
        published = dt.date.fromisoformat(article["published"])
        for name, way in (("extract", ours), ("naive", naive)):
            call = (text, published, article["source"], gazetteer)
            found = score(way(*call), truth, gazetteer)
            seconds, peak = timed(way, call, args.repeat)
            row = totals[(article["language"], name)]
            for index, value in enumerate(found):
                row[index] += value
            row[6] += seconds
            row[7] = max(row[7], peak)
            row[8] += 1
    print(f"{'language':<9}{'way':<9}{'found':>14}{'right place':>14}{'at a named place':>19}"
          f"{'venues as events':>18}{'ms/article warm':>17}{'peak MB':>9}")
    for (language, name), (found, events, named, drafts, venues, placed, seconds, peak, count) in sorted(
            totals.items()):
        share = f"{found:.0f}/{events:.0f} {100 * found / max(events, 1):3.0f}%"
        at_named = f"{named:.0f}/{drafts:.0f} {100 * named / max(drafts, 1):3.0f}%"
        place_share = f"{placed:.0f}/{events:.0f} {100 * placed / max(events, 1):3.0f}%"
        print(f"{language:<9}{name:<9}{share:>14}{place_share:>14}{at_named:>19}{venues:>18.0f}"
              f"{1000 * seconds / count:>17.1f}{peak:>9.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
