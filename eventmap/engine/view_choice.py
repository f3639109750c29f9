"""The view of a large file that an analyst chose (dates, countries, sides, event types), as one frozen value:
the filters it means, a stable key, the words that describe it, and its place in the URL.

Pure (no Streamlit). The URL parameters are its own (`view_from`, `view_to`, `view_country`, `view_side`,
`view_type`), apart from the sidebar's filters of `eventmap.urlstate`, which act on the view once loaded;
`from_query` reads what a person may paste or edit by hand and never fails (a value it cannot use is left out).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from eventmap.filtering import Filters, as_tuple
from eventmap.i18n import side_label, t
from eventmap.query_params import QueryParams, all_values, read_date

MAX_VALUES_PER_PARAMETER = 200
DATE_PARAMETERS = ("view_from", "view_to")
# ViewChoice field -> its query parameter (repeated for several values)
CHOICE_PARAMETERS: dict[str, str] = {"countries": "view_country", "sides": "view_side", "event_types": "view_type"}
VIEW_PARAMETERS: tuple[str, ...] = (*DATE_PARAMETERS, *CHOICE_PARAMETERS.values())

@dataclass(frozen=True, kw_only=True)
class ViewChoice:
    """Which events of a large file to load: an empty choice of values means every value."""

    date_from: date | None = None
    date_to: date | None = None
    countries: tuple[str, ...] = ()
    sides: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()

    def filters(self) -> Filters:
        """The filters of this view (countries apart: `Filters` has no country; see `countries`)."""
        return Filters(date_from=self.date_from, date_to=self.date_to, sides=self.sides,
                       event_types=self.event_types)

    def key(self) -> str:
        """A text that names this view and nothing else (values sorted: the order picked does not matter)."""
        return json.dumps([self.date_from.isoformat() if self.date_from else None,
                           self.date_to.isoformat() if self.date_to else None,
                           sorted(self.countries), sorted(self.sides), sorted(self.event_types)], ensure_ascii=False)

    def describe(self, lang: str = "en") -> str:
        """The view in words: "2022-03-01 – 2022-03-30; Countries: Ukraine; Sides: every side; ..."."""
        start = self.date_from.isoformat() if self.date_from else "…"
        end = self.date_to.isoformat() if self.date_to else "…"
        every = t("view.every", lang)
        sides = [side_label(s, lang) for s in self.sides]
        parts = [f"{start} – {end}",
                 f"{t('view.countries', lang)}: {', '.join(self.countries) or every}",
                 f"{t('filter.sides', lang)}: {', '.join(sides) or every}",
                 f"{t('filter.event_types', lang)}: {', '.join(self.event_types) or every}"]
        return t("view.separator", lang).join(parts)

    def to_query(self) -> dict[str, str | list[str]]:
        """The query parameters of this view (a value left open has none)."""
        query: dict[str, str | list[str]] = {}
        if self.date_from is not None:
            query["view_from"] = self.date_from.isoformat()
        if self.date_to is not None:
            query["view_to"] = self.date_to.isoformat()
        for field_name, parameter in CHOICE_PARAMETERS.items():
            values = list(getattr(self, field_name))
            if values:
                query[parameter] = values
        return query

    @classmethod
    def from_query(cls, params: QueryParams) -> ViewChoice | None:
        """The view a URL names, or None when it names none. A date that cannot be read is left open."""
        if not any(name in params for name in VIEW_PARAMETERS):
            return None
        date_from, date_to = (read_date(params, name) for name in DATE_PARAMETERS)
        if date_from and date_to and date_from > date_to:
            date_from, date_to = date_to, date_from
        choices = {field_name: as_tuple(v.strip() for v in all_values(params, parameter)[:MAX_VALUES_PER_PARAMETER])
                   for field_name, parameter in CHOICE_PARAMETERS.items()}
        return cls(date_from=date_from, date_to=date_to, **choices)
