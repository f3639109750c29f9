"""Build `events.csv` (the 2020 Nagorno-Karabakh war) from the reference research and the curation table.

    python scripts/build_events.py [--reference-dir DIR] [--curation FILE] [--output FILE] [--check]

Deterministic: the same inputs give the same bytes (UTF-8 without BOM, `\\n` line ends, standard CSV
quoting). `--check` writes nothing and exits 1 when the output file is not up to date.

Where each column comes from:
- the reference research (`../shared/reference/events.csv`): `date`, `report_date`, `verification`
  and every source (the article's placeholder becomes the full citation `ARTICLE_CITATION`);
- the reference gazetteer (`places.csv`): `location` (the English name without its bracketed part),
  `latitude`/`longitude` (4 decimals; empty where the place has none, for the geocoder), `country`
  (de jure) and `admin1` (from the bracketed district where given, else `ADMIN1`);
- the project's own curation (`data/events_curation.csv`, one line per output row): descriptions,
  `side`, `actor`, `target`, ACLED `event_type`/`sub_event_type`, `geo_precision`, claims, figures,
  notes, and the article's Arabic sentence. Rows of events without a place give `location`,
  `country` and either `coords_from` (a place whose point stands in, e.g. a capital) or explicit
  coordinates, or neither (left to the geocoder). Article-only rows (ids `A01`...) also give their
  `date`, `verification` and (optionally) `sources`; so do the project's own researched rows (ids
  `R01`...: events found beyond the reference, e.g. for days it leaves empty), which must give at least
  one source and no article sentence.

A row with an `article_sentence` is an event of the Al-Resalah article of 9 Oct 2020: it gets the
article as a source, the sentence as `description_original` and `language` = `ar`, and as its Arabic
description `description_ar` (`description_ar_source` = `source`: quoted from the article, not translated).
Other events have no Arabic description: none is invented. Every reference
event marked `in_article=yes` must have one.

One place per row: an event with several reference places becomes several rows (`NK-E032-shusha`).
A reference place left without a row (a firing position, the district around a village) must be
named in the notes of the event's rows, so nothing is dropped silently.

Claim status (one value per row): `confirmed` when independently confirmed (even if the accused
party denies it; the denial is in `disputed_by`) or undisputed with several sources; `denied` when
the accused party denies it and nobody independent confirms it; `disputed` when another party
contests it; `claimed` when a single party or a single source reports it.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from base.atomic import write_atomic  # noqa: E402
from eventmap.schema import (  # noqa: E402
    COLUMN_BY_NAME,
    COLUMN_NAMES,
    EVENT_TYPES,
    SOURCE_SEPARATOR,
    split_sources,
)

DEFAULT_REFERENCE_DIR = ROOT.parent / "shared" / "reference"
DEFAULT_CURATION = ROOT / "data" / "events_curation.csv"
DEFAULT_OUTPUT = ROOT / "events.csv"
SIDES_FILE = ROOT / "sides.toml"
EVENT_ID_PREFIX = "NK"

ARTICLE_CITATION = (
    'Al-Resalah (alresalah.ps), 2020-10-09, "بوتين يدعو الجانبين لمحادثات.. أذربيجان ترفض وقف القتال قبل انسحاب '
    'أرمينيا" (via Al Jazeera + agencies)'
)
ARTICLE_LANGUAGE = "ar"
ARABIC_FROM_SOURCE = "source"  # description_ar_source: the Arabic text is quoted from one of the sources
# How the reference names the article among its sources (replaced by the full citation).
_ARTICLE_PLACEHOLDER = re.compile(r"^the article\b", re.IGNORECASE)
_ARTICLE_ONLY_ID = re.compile(r"^A\d{2}$")
# The project's own researched events (not in the reference nor in the article): ids R01...
_RESEARCHED_ID = re.compile(r"^R\d{2}$")

# First-level divisions (de jure) of the places without a bracketed district in places.csv; general
# knowledge, not from the reference. Stepanakert (de jure a city of its own, Khankendi) is left empty so
# that the row does not carry one side's name next to the other's.
ADMIN1: dict[str, str] = {
    "shusha": "Shusha District", "jabrayil": "Jabrayil District", "hadrut": "Khojavend District",
    "fuzuli": "Fuzuli District", "goranboy": "Goranboy District", "tartar": "Tartar District",
    "aghdam": "Aghdam District", "aghjabadi": "Aghjabadi District", "barda": "Barda District",
    "ganja": "Ganja", "mingachevir": "Mingachevir", "lachin": "Lachin District", "kalbajar": "Kalbajar District",
    "zangilan": "Zangilan District", "qubadli": "Qubadli District", "horadiz": "Fuzuli District",
    "goris": "Syunik", "kapan": "Syunik", "vardenis": "Gegharkunik", "yerevan": "Yerevan", "baku": "Baku",
    "moscow": "Moscow", "geneva": "Geneva", "ankara": "Ankara", "istanbul": "Istanbul",
    "khojaly": "Khojaly District", "naftalan": "Naftalan", "beylagan": "Beylagan District",
    "khizi": "Khizi District", "ordubad": "Nakhchivan Autonomous Republic",
}

CURATION_COLUMNS: tuple[str, ...] = (
    "ref_id", "place_id", "location", "coords_from", "latitude", "longitude", "country", "admin1",
    "geo_precision", "date", "report_date", "side", "actor", "target", "event_type", "sub_event_type",
    "description", "article_sentence", "fatalities", "injured", "claimed_by", "status", "disputed_by",
    "verification", "sources", "notes",
)
# Columns copied as they are from the curation table into events.csv.
_COPIED = ("geo_precision", "side", "actor", "target", "event_type", "sub_event_type", "description",
           "fatalities", "injured", "claimed_by", "status", "disputed_by", "notes")
# Taken from the reference; a curation line may set them only for an article-only event.
_FROM_REFERENCE = ("date", "report_date", "verification", "sources")


class CurationError(ValueError):
    """The reference or the curation table cannot give a valid events.csv (the message says where)."""


@dataclass(frozen=True, slots=True)
class Place:
    place_id: str
    location: str
    latitude: str
    longitude: str
    country: str
    admin1: str


@dataclass(frozen=True, slots=True)
class ReferenceEvent:
    ref_id: str
    date: str
    report_date: str
    place_ids: tuple[str, ...]
    verification: str
    sources: tuple[str, ...]
    in_article: bool


def read_rows(path: Path) -> list[dict[str, str]]:
    """The rows of a UTF-8 CSV file as dicts (header = keys)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _coordinate(text: str, *, where: str) -> str:
    """`text` as a decimal with 4 places, or "" when empty."""
    if not text.strip():
        return ""
    try:
        return f"{float(text):.4f}"
    except ValueError:
        raise CurationError(f"{where}: not a coordinate (got {text!r})") from None


def load_places(path: Path) -> dict[str, Place]:
    """The reference gazetteer by place id."""
    places: dict[str, Place] = {}
    for line, row in enumerate(read_rows(path), start=2):
        where = f"{path}:{line}"
        country, _, bracket = row["country_de_jure"].partition("(")
        place_id = row["place_id"]
        places[place_id] = Place(
            place_id=place_id,
            location=re.sub(r"\s*\(.*\)\s*$", "", row["name_en"]).strip(),
            latitude=_coordinate(row["lat"], where=where),
            longitude=_coordinate(row["lon"], where=where),
            country=country.strip(),
            admin1=ADMIN1.get(place_id) or bracket.rstrip(")").strip() or _bracketed_district(row["name_en"]),
        )
    return places


def _bracketed_district(name: str) -> str:
    """`Qarayusifli (Barda District)` -> `Barda District`; "" otherwise."""
    found = re.search(r"\(([^()]*District)\)", name)
    return found.group(1) if found else ""


def load_reference(path: Path) -> dict[str, ReferenceEvent]:
    """The reference events by id."""
    events: dict[str, ReferenceEvent] = {}
    for row in read_rows(path):
        sources = tuple(ARTICLE_CITATION if _ARTICLE_PLACEHOLDER.match(s) else s for s in split_sources(row["sources"]))
        events[row["event_id"]] = ReferenceEvent(
            ref_id=row["event_id"],
            date=row["date"],
            report_date=row["report_date"],
            place_ids=tuple(p.strip() for p in row["place_ids"].split(";") if p.strip()),
            verification=row["verification"],
            sources=_unique(sources),
            in_article=row["in_article"].strip().lower() == "yes",
        )
    return events


def load_sides(path: Path = SIDES_FILE) -> frozenset[str]:
    """The sides listed in `sides.toml`."""
    return frozenset(tomllib.loads(path.read_text(encoding="utf-8"))["sides"])


def _unique(items: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def build_rows(
    curation: Sequence[dict[str, str]],
    *,
    reference: dict[str, ReferenceEvent],
    places: dict[str, Place],
    sides: frozenset[str],
) -> list[dict[str, str]]:
    """The rows of events.csv (dicts keyed by `COLUMN_NAMES`), sorted by date, stable in curation order."""
    rows: list[dict[str, str]] = []
    for line, cur in enumerate(curation, start=2):
        where = f"events_curation.csv:{line}"
        if set(cur) != set(CURATION_COLUMNS):
            raise CurationError(f"{where}: columns differ from {CURATION_COLUMNS} (got {sorted(cur)})")
        ref = _reference_for(cur, reference, where=where)
        row = {name: "" for name in COLUMN_NAMES}
        row.update({name: cur[name].strip() for name in _COPIED})
        row.update(_dates_and_sources(cur, ref))
        row.update(_location(cur, ref, places, where=where))
        if cur["article_sentence"].strip():
            row["description_original"] = cur["article_sentence"].strip()
            row["language"] = ARTICLE_LANGUAGE
            row["description_ar"] = row["description_original"]
            row["description_ar_source"] = ARABIC_FROM_SOURCE
            row["sources"] = SOURCE_SEPARATOR.join(_unique([*split_sources(row["sources"]), ARTICLE_CITATION]))
        elif ref is not None and ref.in_article:
            raise CurationError(f"{where}: {ref.ref_id} is an event of the article: give its article_sentence")
        row["sources"] = "; ".join(split_sources(row["sources"]))
        slug = cur["place_id"].replace("_", "-") if cur["place_id"] else _slug(row["location"])
        row["event_id"] = f"{EVENT_ID_PREFIX}-{cur['ref_id']}-{slug}"
        _check_row(row, sides=sides, where=where)
        rows.append(row)
    _check_coverage(curation, rows, reference=reference, places=places)
    return sorted(rows, key=lambda r: r["date"])


def _reference_for(cur: dict[str, str], reference: dict[str, ReferenceEvent], *, where: str) -> ReferenceEvent | None:
    """The reference event of a curation line; None for an article-only or researched event (which gives its own
    dates and sources)."""
    ref_id = cur["ref_id"]
    if ref_id in reference:
        given = [name for name in _FROM_REFERENCE if cur[name].strip()]
        if given:
            raise CurationError(f"{where}: {', '.join(given)} come from the reference for {ref_id} (got {given})")
        return reference[ref_id]
    if _RESEARCHED_ID.match(ref_id):
        missing = [name for name in ("date", "verification", "sources") if not cur[name].strip()]
        if missing:
            raise CurationError(f"{where}: researched event {ref_id} needs {', '.join(missing)}")
        if cur["article_sentence"].strip():
            raise CurationError(f"{where}: researched event {ref_id} is not from the article: no article_sentence")
        return None
    if not _ARTICLE_ONLY_ID.match(ref_id):
        raise CurationError(f"{where}: ref_id: not a reference event, an article-only id A01.. nor a researched "
                            f"id R01.. (got {ref_id!r})")
    if not cur["article_sentence"].strip():
        raise CurationError(f"{where}: article-only event {ref_id} needs its article_sentence")
    return None


def _dates_and_sources(cur: dict[str, str], ref: ReferenceEvent | None) -> dict[str, str]:
    if ref is None:
        return {name: cur[name].strip() for name in _FROM_REFERENCE} | {"date_precision": "day"}
    return {
        "date": ref.date,
        "date_precision": "day",
        "report_date": ref.report_date,
        "verification": ref.verification,
        "sources": SOURCE_SEPARATOR.join(ref.sources),
    }


def _location(
    cur: dict[str, str], ref: ReferenceEvent | None, places: dict[str, Place], *, where: str
) -> dict[str, str]:
    """location, latitude, longitude, country and admin1 of a curation line."""
    place_id = cur["place_id"].strip()
    own = ("location", "coords_from", "latitude", "longitude", "country", "admin1")
    if place_id:
        if ref is not None and place_id not in ref.place_ids:
            raise CurationError(f"{where}: place_id: not a place of {ref.ref_id} {ref.place_ids} (got {place_id!r})")
        if place_id not in places:
            raise CurationError(f"{where}: place_id: not in places.csv (got {place_id!r})")
        given = [name for name in own if cur[name].strip()]
        if given:
            raise CurationError(f"{where}: {', '.join(given)} come from places.csv for {place_id!r}")
        place = places[place_id]
        return {"location": place.location, "latitude": place.latitude, "longitude": place.longitude,
                "country": place.country, "admin1": place.admin1}
    if ref is not None and ref.place_ids:
        raise CurationError(f"{where}: {ref.ref_id} has places {ref.place_ids}: give a place_id")
    if not cur["location"].strip() or not cur["country"].strip():
        raise CurationError(f"{where}: an event without a place needs location and country")
    latitude = _coordinate(cur["latitude"], where=where)
    longitude = _coordinate(cur["longitude"], where=where)
    stand_in = cur["coords_from"].strip()
    if stand_in:
        if stand_in not in places or latitude or longitude:
            raise CurationError(f"{where}: coords_from: a place of places.csv, without coordinates (got {stand_in!r})")
        latitude, longitude = places[stand_in].latitude, places[stand_in].longitude
    return {"location": cur["location"].strip(), "latitude": latitude, "longitude": longitude,
            "country": cur["country"].strip(), "admin1": cur["admin1"].strip()}


def _check_row(row: dict[str, str], *, sides: frozenset[str], where: str) -> None:
    """Every value the schema restricts, so that a bad curation line fails here and not in the app."""
    for name in COLUMN_NAMES:
        column = COLUMN_BY_NAME[name]
        value = row[name]
        if column.required and not value:
            raise CurationError(f"{where}: {name}: required (got '')")
        if column.choices and value and value not in column.choices:
            raise CurationError(f"{where}: {name}: not one of {column.choices} (got {value!r})")
    if row["sub_event_type"] not in EVENT_TYPES[row["event_type"]]:
        raise CurationError(f"{where}: sub_event_type: not a sub-event of {row['event_type']!r} "
                            f"(got {row['sub_event_type']!r})")
    if row["side"] not in sides:
        raise CurationError(f"{where}: side: not in sides.toml {sorted(sides)} (got {row['side']!r})")
    for name in ("fatalities", "injured"):
        if row[name] and not row[name].isdigit():
            raise CurationError(f"{where}: {name}: a whole number or empty (got {row[name]!r})")
    if bool(row["latitude"]) != bool(row["longitude"]):
        raise CurationError(f"{where}: latitude and longitude: both or neither")


def _check_coverage(
    curation: Sequence[dict[str, str]],
    rows: Sequence[dict[str, str]],
    *,
    reference: dict[str, ReferenceEvent],
    places: dict[str, Place],
) -> None:
    """Every reference event has a row; every place of it has one or is explained in its notes; ids unique."""
    seen: set[str] = set()
    for row in rows:
        if row["event_id"] in seen:
            raise CurationError(f"event_id: duplicate (got {row['event_id']!r})")
        seen.add(row["event_id"])
    for ref in reference.values():
        lines = [cur for cur in curation if cur["ref_id"] == ref.ref_id]
        if not lines:
            raise CurationError(f"events_curation.csv: no row for reference event {ref.ref_id}")
        notes = " ".join(cur["notes"] for cur in lines)
        for place_id in set(ref.place_ids) - {cur["place_id"] for cur in lines}:
            if places[place_id].location not in notes:
                raise CurationError(f"events_curation.csv: {ref.ref_id}: place {place_id!r} has no row and its "
                                    f"notes do not say why (name {places[place_id].location!r} not found)")


def render_csv(rows: Sequence[dict[str, str]]) -> bytes:
    """events.csv as bytes: header `COLUMN_NAMES`, standard quoting, UTF-8 without BOM, `\\n` line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMN_NAMES)
    writer.writerows([row[name] for name in COLUMN_NAMES] for row in rows)
    return buffer.getvalue().encode("utf-8")


def build(*, reference_dir: Path, curation: Path) -> list[dict[str, str]]:
    """The rows of events.csv built from the reference folder and the curation table."""
    return build_rows(
        read_rows(curation),
        reference=load_reference(reference_dir / "events.csv"),
        places=load_places(reference_dir / "places.csv"),
        sides=load_sides(),
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference-dir", type=Path, default=DEFAULT_REFERENCE_DIR,
                        help="folder with the reference events.csv and places.csv (default: %(default)s)")
    parser.add_argument("--curation", type=Path, default=DEFAULT_CURATION, help="default: %(default)s")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="default: %(default)s")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if the output is out of date")
    args = parser.parse_args(argv)
    try:
        rows = build(reference_dir=args.reference_dir, curation=args.curation)
    except (CurationError, OSError, KeyError) as error:
        print(f"build_events: {error}", file=sys.stderr)
        return 2
    data = render_csv(rows)
    if args.check:
        current = args.output.read_bytes() if args.output.exists() else b""
        if current != data:
            print(f"{args.output} is out of date: run python scripts/build_events.py", file=sys.stderr)
            return 1
        print(f"{args.output} is up to date")
        return 0
    write_atomic(args.output, data)
    print(f"wrote {args.output}: {len(rows)} rows, {len(data)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
