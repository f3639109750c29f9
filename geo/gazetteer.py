"""The project's gazetteer: places with their coordinates, their sources and every name they go by.

The data file `geo/data/gazetteer.csv` (UTF-8, one place per row) is generated from the reference
notes by `python -m geo.build_gazetteer`; add a place by appending a row (rows you add are kept
when the file is rebuilt). Columns:

| column | meaning |
|---|---|
| `place_id` | unique id, lowercase ASCII (`shusha`) |
| `name_en` | international English name; shown with naming `en` |
| `name_hy_usage` | Armenian-usage Latin spelling(s) (`Shushi`); the first is shown with naming `hy` |
| `name_hy_script` | Armenian-script spelling(s) (`Շուշի`) |
| `name_az` | Azerbaijani spelling(s) (`Şuşa`); the first is shown with naming `az` |
| `name_ru` | Russian spelling(s) (`Шуша`) |
| `name_ar` | Arabic spelling(s) (`شوشا; شوشي; شوشة`) |
| `other_variants` | other spellings: other romanisations, old names (`Shoushi; Susa; Choucha`) |
| `place_type` | `city`, `town`, `village`, `capital`, ... |
| `country` | de jure country, in English (`Azerbaijan`) |
| `country_code` | ISO 3166-1 alpha-2 (`AZ`); used with a geocoding context |
| `admin1` | first-level region, where known (`Khojavend District`) |
| `lat`, `lon` | WGS84 decimal degrees; empty when no source was found |
| `precision` | `exact`, `near` or `region`: how exact the point is for the place |
| `coords_from` | `place_id` whose point stands in when `lat`/`lon` are empty (the result is flagged `near`) |
| `coord_source` | where `lat`/`lon` were read |
| `coord_check` | a second source, where one was found |
| `unsourced` | name columns filled from general knowledge only (unverified) |
| `notes` | caveats |

A cell with several spellings separates them with `;`. Every spelling of every name column is
searched; none is preferred over another when matching.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rapidfuzz import fuzz, process

from base.problems import Problem
from geo.errors import ConfigurationError
from geo.normalize import loose_key, normalize
from geo.result import PRECISIONS, Candidate

DEFAULT_GAZETTEER_PATH = Path(__file__).resolve().parent / "data" / "gazetteer.csv"

NAME_COLUMNS: tuple[str, ...] = (
    "name_en", "name_hy_usage", "name_hy_script", "name_az", "name_ru", "name_ar", "other_variants",
)
GAZETTEER_COLUMNS: tuple[str, ...] = (
    "place_id", *NAME_COLUMNS, "place_type", "country", "country_code", "admin1", "lat", "lon", "precision",
    "coords_from", "coord_source", "coord_check", "unsourced", "notes",
)


def split_names(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(";") if part.strip())


@dataclass(frozen=True, slots=True)
class Place:
    place_id: str
    names: dict[str, tuple[str, ...]]  # name column → spellings, e.g. {"name_az": ("Şuşa",)}
    place_type: str
    country: str
    country_code: str
    admin1: str
    lat: float | None
    lon: float | None
    precision: str
    coords_from: str
    coord_source: str
    notes: str

    @property
    def name_en(self) -> str:
        return self.names["name_en"][0]

    def first(self, column: str) -> str:
        """The first spelling in a name column, "" when empty."""
        spellings = self.names.get(column, ())
        return spellings[0] if spellings else ""

    def aliases(self) -> Iterable[tuple[str, str]]:
        """`(spelling, column)` for every spelling of every name column."""
        for column in NAME_COLUMNS:
            for spelling in self.names.get(column, ()):
                yield spelling, column


@dataclass(frozen=True, slots=True)
class Alias:
    place_id: str
    name: str
    column: str


@dataclass(frozen=True, slots=True)
class Point:
    lat: float
    lon: float
    precision: str
    note: str  # why the point is not the place's own, "" when it is


class Gazetteer:
    """Places indexed by every spelling: exact key, loose key, and fuzzy search over loose keys."""

    def __init__(self, places: Sequence[Place]) -> None:
        self.places: dict[str, Place] = {}
        for place in places:
            if place.place_id in self.places:
                raise ConfigurationError(f"gazetteer: duplicate place_id (got {place.place_id!r})")
            self.places[place.place_id] = place
        self._exact: dict[str, list[Alias]] = defaultdict(list)
        self._loose: dict[str, list[Alias]] = defaultdict(list)
        for place in self.places.values():
            if place.coords_from and place.coords_from not in self.places:
                raise ConfigurationError(
                    f"gazetteer: {place.place_id}: coords_from: no such place (got {place.coords_from!r})"
                )
            for name, column in place.aliases():
                alias = Alias(place.place_id, name, column)
                for index, key in ((self._exact, normalize(name)), (self._loose, loose_key(name))):
                    if key and alias not in index[key]:
                        index[key].append(alias)
        self._fuzzy_keys: list[str] = list(self._loose)

    @classmethod
    def load(cls, path: Path | str = DEFAULT_GAZETTEER_PATH) -> Gazetteer:
        return cls(read_places(Path(path)))

    def exact(self, key: str, *, prefer: str = "") -> list[Alias]:
        """One alias per place whose exact key is `key`: the one spelled like `prefer` when there is one."""
        return _one_per_place(self._exact.get(key, ()), prefer)

    def loose(self, key: str, *, prefer: str = "") -> list[Alias]:
        """One alias per place whose loose key is `key` (see `exact`)."""
        return _one_per_place(self._loose.get(key, ()), prefer)

    def fuzzy(self, key: str, *, threshold: float, limit: int = 10) -> list[tuple[Alias, float]]:
        """Aliases whose loose key scores at least `threshold` (0..100) against `key`, best first,
        one (the best) per place."""
        best: dict[str, tuple[Alias, float]] = {}
        for _, score, index in process.extract(key, self._fuzzy_keys, scorer=fuzz.ratio,
                                               score_cutoff=threshold, limit=limit):
            for alias in self._loose[self._fuzzy_keys[index]]:
                if alias.place_id not in best or best[alias.place_id][1] < score:
                    best[alias.place_id] = (alias, score)
        return sorted(best.values(), key=lambda item: (-item[1], item[0].place_id))

    def point(self, place_id: str) -> Point | None:
        """The place's point, or the point of its `coords_from` place (flagged `near`)."""
        place = self.places[place_id]
        if place.lat is not None and place.lon is not None:
            return Point(place.lat, place.lon, place.precision, "")
        if place.coords_from:
            other = self.places[place.coords_from]
            if other.lat is not None and other.lon is not None:
                note = f"no coordinates of its own: {other.name_en}'s point used"
                return Point(other.lat, other.lon, "near", note)
        return None

    def candidate(self, place_id: str, *, score: float = 1.0) -> Candidate:
        place = self.places[place_id]
        point = self.point(place_id)
        return Candidate(name=place.name_en, place_id=place_id, lat=point.lat if point else None,
                         lon=point.lon if point else None, country=place.country, score=score)


def _one_per_place(aliases: Iterable[Alias], prefer: str) -> list[Alias]:
    wanted = prefer.strip().casefold()
    chosen: dict[str, Alias] = {}
    for alias in aliases:
        current = chosen.get(alias.place_id)
        if current is None or (alias.name.casefold() == wanted and current.name.casefold() != wanted):
            chosen[alias.place_id] = alias
    return list(chosen.values())


def _float(text: str, *, path: Path, line: int, column: str, low: float, high: float) -> float | None:
    if not text.strip():
        return None
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not low <= value <= high:  # also rejects NaN
        raise ConfigurationError(str(Problem(str(path), line, column, f"not a number within {low}..{high}", text)))
    return value


def read_places(path: Path) -> list[Place]:
    """Places of a gazetteer file; a bad row raises `ConfigurationError` naming FILE:LINE: column."""
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as error:
        raise ConfigurationError(f"{path}: cannot read the gazetteer ({error.strerror})") from error
    places: list[Place] = []
    with handle:
        reader = csv.DictReader(handle)
        missing = [c for c in ("place_id", "name_en", "lat", "lon") if c not in (reader.fieldnames or ())]
        if missing:
            raise ConfigurationError(f"{path}:1: missing columns {', '.join(missing)}")
        for row in reader:
            line = reader.line_num
            cells = {column: (row.get(column) or "").strip() for column in GAZETTEER_COLUMNS}
            if not cells["place_id"] or not cells["name_en"]:
                raise ConfigurationError(str(Problem(str(path), line, "place_id", "place_id and name_en are required",
                                                     cells["place_id"])))
            precision = cells["precision"] or "exact"
            if precision not in PRECISIONS:
                raise ConfigurationError(str(Problem(str(path), line, "precision",
                                                     f"must be one of {', '.join(PRECISIONS)}", precision)))
            places.append(Place(
                place_id=cells["place_id"],
                names={column: split_names(cells[column]) for column in NAME_COLUMNS},
                place_type=cells["place_type"],
                country=cells["country"],
                country_code=cells["country_code"].upper(),
                admin1=cells["admin1"],
                lat=_float(cells["lat"], path=path, line=line, column="lat", low=-90, high=90),
                lon=_float(cells["lon"], path=path, line=line, column="lon", low=-180, high=180),
                precision=precision,
                coords_from=cells["coords_from"],
                coord_source=cells["coord_source"],
                notes=cells["notes"],
            ))
    return places


@cache
def default_gazetteer() -> Gazetteer:
    """The shipped gazetteer, loaded once per process."""
    return Gazetteer.load(DEFAULT_GAZETTEER_PATH)
