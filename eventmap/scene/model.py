"""The scene: what a picture of the events shows, decided once and drawn by every renderer.

Plain frozen dataclasses with no Streamlit, no HTML and no matplotlib. Every text is raw (not escaped):
the browser pages put it in as text nodes (the Leaflet map, the playback page; HTML drawn in Python escapes it
once, where the text meets it) and the PNG draws it as text. `Scene.to_json()` gives the same description as
JSON-ready values.

- `Palette`: one colour per side of the WHOLE data set (and the sides settings), so filters never recolour
  a side;
- `Marks`: the events drawn, columnar (ids, lat, lon, side index into the palette, shape, claim status, ...);
- `Extent`: the one first view (fit the filtered events, else the whole data, else the region; or the view
  the user kept);
- `Label`: a place name with a priority (higher first) for decluttering;
- `Legend`: only what is shown; `Stamp`: title, dates, filters in words, counts, attribution, data version;
- `AreaLayer`: a switchable layer of areas (districts; room for territorial control), GeoJSON + style;
- `EmptyNote`: when nothing matches: what to say and which filters to loosen;
- `ControlLayer`: who held what on the scene's day (areas per side with the changes behind them, reference
  lines, its legend and caveat; built by `scene.control`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from geo.naming import Naming


class Lang(StrEnum):
    """The interface languages (one gettext catalogue each in `eventmap/i18n/locale/`; a test checks they match)."""

    AR = "ar"
    EN = "en"
    RU = "ru"


class ExtentRule(StrEnum):
    """Which rule gave the scene's extent."""

    FILTERED = "filtered"  # the filtered events (far-away ones left out, see `build.core_bounds`)
    ALL_DATA = "all_data"  # nothing matches: the whole data set
    REGION = "region"  # no event has a place: the project's region
    KEPT_VIEW = "kept_view"  # the user asked to keep the view on screen


class AreaKey(StrEnum):
    """The area layers a scene can hold."""

    DISTRICTS = "districts"


class LabelKind(StrEnum):
    EVENT_PLACE = "event_place"  # a place of a shown event
    CAPITAL = "capital"
    TOWN = "town"


@dataclass(frozen=True, slots=True)
class Bounds:
    """A box in degrees."""

    south: float
    west: float
    north: float
    east: float

    def as_leaflet(self) -> list[list[float]]:
        """``[[south, west], [north, east]]``, as `L.latLngBounds` takes it."""
        return [[self.south, self.west], [self.north, self.east]]

    def contains(self, lat: float, lon: float) -> bool:
        return self.south <= lat <= self.north and self.west <= lon <= self.east


@dataclass(frozen=True, slots=True)
class Extent:
    """The first view: `bounds`, the rule that chose it, and how many shown events lie outside it."""

    bounds: Bounds
    rule: ExtentRule
    outside: int = 0
    center: tuple[float, float] | None = None  # KEPT_VIEW only: Leaflet's centre and zoom on screen
    zoom: float | None = None


@dataclass(frozen=True, slots=True)
class Palette:
    """A colour per side of the whole data set, the sides with most events first."""

    sides: tuple[str, ...]
    colours: tuple[str, ...]

    def colour(self, side: str) -> str:
        return self.colours[self.sides.index(side)]

    def as_dict(self) -> dict[str, str]:
        return dict(zip(self.sides, self.colours, strict=True))


@dataclass(frozen=True, slots=True)
class Marks:
    """The events drawn, one entry per event in each column (the frame's order)."""

    ids: tuple[str, ...]
    lat: tuple[float, ...]
    lon: tuple[float, ...]
    side: tuple[int, ...]  # index into `Palette.sides`
    shape: tuple[str, ...]  # `eventmap.styling.SHAPES` name (the event type)
    status: tuple[str, ...]  # claim status: the line and fill cue (`eventmap.styling.STATUS_STYLES`)
    precision: tuple[str, ...]  # exact / near / region
    day: tuple[str, ...]  # ISO date ("" when unknown)

    def __len__(self) -> int:
        return len(self.ids)


@dataclass(frozen=True, slots=True)
class Label:
    text: str
    lat: float
    lon: float
    priority: int  # higher first when labels clash
    kind: LabelKind


@dataclass(frozen=True, slots=True)
class LegendSide:
    side: str  # as in the data ("" = not reported)
    text: str
    colour: str


@dataclass(frozen=True, slots=True)
class LegendShape:
    event_type: str
    text: str
    shape: str


@dataclass(frozen=True, slots=True)
class LegendStatus:
    status: str
    text: str


@dataclass(frozen=True, slots=True)
class Legend:
    """Only what the scene shows: its sides (most events first), event types and claim statuses."""

    title: str
    sides_title: str
    sides: tuple[LegendSide, ...]
    types_title: str
    types: tuple[LegendShape, ...]
    statuses_title: str
    statuses: tuple[LegendStatus, ...]

    def is_empty(self) -> bool:
        return not (self.sides or self.types or self.statuses)


@dataclass(frozen=True, slots=True)
class Stamp:
    title: str
    dates: str  # "8 – 9 October 2020", "" when no event and no date filter
    filters: str  # the filters in words
    counts: str  # "19 of 89 events"
    attribution: str
    data_version: str  # e.g. the data's name and hash, "" when unknown


@dataclass(frozen=True, slots=True)
class AreaLayer:
    """Areas drawn under the events: GeoJSON polygons (each feature's ``name`` is its label) and one style."""

    key: AreaKey
    title: str
    attribution: str
    geojson: dict[str, Any] = field(repr=False)
    stroke: str
    weight: float  # line width in px
    dash: str  # SVG dash array ("" = solid)
    fill: str
    fill_opacity: float
    shown: bool = True  # on when the page opens (the page's layer switch can turn it off)


@dataclass(frozen=True, slots=True)
class EmptyNote:
    """Nothing matches the filters: a sentence and the filters to loosen (in words, most useful first)."""

    message: str
    loosen: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ControlCard:
    """One change behind a control area, as its card lists it (raw texts: each renderer puts them in as text)."""

    change_id: str
    date: str  # ISO
    date_text: str  # in the scene's language
    place: str
    claimed_by: str
    status: str  # `eventmap.control.ChangeStatus` value
    status_text: str
    disputed_by: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ControlPatch:
    """An area held by one side on the day, drawn in the side's colour; a claim not confirmed is hatched with a
    dashed outline and a lighter fill."""

    side: str
    side_text: str
    status: str  # `eventmap.control.AreaStatus` value
    status_text: str
    colour: str
    fill_opacity: float
    dash: str  # SVG dash array ("" = solid)
    weight: float
    hatched: bool
    area_km2: float
    geometry: dict[str, Any] = field(repr=False)  # GeoJSON Polygon or MultiPolygon, lon/lat
    cards: tuple[ControlCard, ...] = ()


@dataclass(frozen=True, slots=True)
class ControlReference:
    """A reference line (the pre-war line of contact, the 1991 oblast boundary)."""

    key: str
    title: str
    colour: str
    dash: str
    weight: float
    geometry: dict[str, Any] = field(repr=False)  # GeoJSON (Multi)LineString


@dataclass(frozen=True, slots=True)
class ControlLegendRow:
    text: str
    colour: str
    fill_opacity: float  # 0 for a line
    dash: str
    hatched: bool
    line: bool = False  # a reference line, not an area


@dataclass(frozen=True, slots=True)
class ControlLayer:
    """Territorial control on `day`: the areas, reference lines, legend, caveat and credit."""

    day: str  # ISO
    title: str  # "Territorial control on 9 November 2020"
    patches: tuple[ControlPatch, ...]
    references: tuple[ControlReference, ...]
    legend: tuple[ControlLegendRow, ...]
    caveat: str
    attribution: str
    card_words: dict[str, str] = field(default_factory=dict, repr=False)  # the card's field names
    shown: bool = True


@dataclass(frozen=True, slots=True)
class Scene:
    lang: Lang
    naming: Naming
    palette: Palette
    marks: Marks
    extent: Extent
    labels: tuple[Label, ...]
    legend: Legend
    stamp: Stamp
    areas: tuple[AreaLayer, ...] = ()
    control: ControlLayer | None = None
    empty: EmptyNote | None = None
    total: int = 0  # events in the whole data set
    without_place: int = 0  # shown events that have no point

    def to_json(self) -> dict[str, Any]:
        """The scene as JSON-ready values (enums as their values)."""
        return _plain(asdict(self))

    def signature(self) -> str:
        """Names what a renderer fits to: the extent and the events shown (the same scene fits once). A kept
        view fits nothing: its signature does not change as the user pans."""
        if self.extent.rule is ExtentRule.KEPT_VIEW:
            return f"{self.extent.rule}:{len(self.marks)}"
        b = self.extent.bounds
        return f"{self.extent.rule}:{b.south:.4f},{b.west:.4f},{b.north:.4f},{b.east:.4f}:{len(self.marks)}"


def _plain(value: Any) -> Any:
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value
