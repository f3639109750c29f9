"""The time budget for online lookups while a file loads: the service is asked until the budget is spent,
later names wait (never "not found", never cached), cached answers are still served, and the next load
asks about the names still waiting."""

import dataclasses
from pathlib import Path

import pandas as pd
import pytest
from fake_nominatim import FakeClock, FakeNominatim, Reply, place_json

from base.settings import Settings
from geo.chain import default_chain
from geo.errors import GeoError, OnlineBudgetSpent
from geo.frame import geocode_frame
from geo.geocoders import CachedGeocoder, GeocoderChain, RateLimiter, TimeBudgetGeocoder
from geo.geocoders.base import Geocoder
from geo.result import GeoContext, GeoResult


class Counting(Geocoder):
    """Resolves every name; each call costs `cost_s` on the fake clock."""

    name = "online:fake"

    def __init__(self, clock: FakeClock, *, cost_s: float = 1.0) -> None:
        self.clock = clock
        self.cost_s = cost_s
        self.queries: list[str] = []

    def options_key(self) -> str:
        return "fake-options"

    def geocode(self, query: str, *, context: GeoContext | None = None) -> GeoResult:
        self.queries.append(query)
        self.clock.sleep(self.cost_s)
        return GeoResult(query=query, status="resolved", lat=40.0, lon=46.0, geo_source=self.name, confidence=0.8)


@pytest.mark.parametrize(("seconds", "cost_s", "asked"), [
    (0.0, 1.0, 0),  # a budget of nothing asks nothing
    (2.5, 1.0, 3),  # asked at 0, 1 and 2 s; at 3 s the budget is spent
    (3.0, 1.0, 3),  # spent exactly at 3 s
    (10.0, 0.0, 5),  # answers that cost no time never spend it
])
def test_the_service_is_asked_until_the_budget_is_spent(fake_clock: FakeClock, seconds: float, cost_s: float,
                                                        asked: int) -> None:
    inner = Counting(fake_clock, cost_s=cost_s)
    budget = TimeBudgetGeocoder(inner, seconds=seconds, clock=fake_clock.clock)
    answers = []
    for name in ("A", "B", "C", "D", "E"):
        try:
            answers.append(budget.geocode(name).status)
        except OnlineBudgetSpent:
            answers.append("refused")
    assert inner.queries == ["A", "B", "C", "D", "E"][:asked]
    assert answers == ["resolved"] * asked + ["refused"] * (5 - asked)
    assert (budget.asked, budget.refused) == (asked, 5 - asked)


def test_a_spent_budget_is_a_timeout_that_names_the_setting_and_the_query(fake_clock: FakeClock) -> None:
    budget = TimeBudgetGeocoder(Counting(fake_clock), seconds=0, clock=fake_clock.clock)
    with pytest.raises(OnlineBudgetSpent, match=r"0 s .*EVENTMAP_ONLINE_BUDGET_S.*'Stepanakert'") as caught:
        budget.geocode("Stepanakert")
    assert isinstance(caught.value, TimeoutError)
    assert isinstance(caught.value, GeoError)
    assert caught.value.seconds == 0


def test_a_negative_budget_is_refused(fake_clock: FakeClock) -> None:
    with pytest.raises(ValueError, match=r"-1"):
        TimeBudgetGeocoder(Counting(fake_clock), seconds=-1)


def test_the_wrapper_shares_the_services_cache_key(fake_clock: FakeClock) -> None:
    inner = Counting(fake_clock)
    budget = TimeBudgetGeocoder(inner, seconds=5, clock=fake_clock.clock)
    assert (budget.name, budget.options_key(), budget.service_name()) == (inner.name, "fake-options", inner.name)


def test_after_the_budget_cached_answers_are_served_and_failures_are_not_stored(fake_clock: FakeClock,
                                                                                tmp_path: Path) -> None:
    inner = Counting(fake_clock)
    path = tmp_path / "geocache.sqlite3"
    CachedGeocoder(inner, path).geocode("Known")  # an earlier load found it
    chain = GeocoderChain([CachedGeocoder(TimeBudgetGeocoder(inner, seconds=0, clock=fake_clock.clock), path)])
    assert chain.geocode("Known").status == "resolved"
    waiting = chain.geocode("Unknown")
    assert waiting.status == "unavailable"
    assert "EVENTMAP_ONLINE_BUDGET_S" in waiting.reason
    assert CachedGeocoder(inner, path).count() == {"resolved": 1}, "the refused name is not cached"
    assert inner.queries == ["Known"]


def test_loading_a_frame_asks_until_the_budget_and_leaves_the_rest_waiting(
        nominatim: FakeNominatim, fake_clock: FakeClock, tmp_path: Path) -> None:
    settings = dataclasses.replace(Settings(), state_dir=tmp_path / "var", overrides_path=tmp_path / "overrides.csv",
                                   online_geocoding=True, geocoder_user_agent="eventmap-tests/1",
                                   geocoder_domain=nominatim.domain, geocoder_scheme="http", online_budget_s=2.5)
    names = [f"Hamlet-{n}" for n in range(6)]
    nominatim.default = Reply(body=[place_json("A hamlet", 40.1, 46.1, addresstype="hamlet")])

    def load() -> tuple[pd.DataFrame, int]:
        frame = pd.DataFrame({"location": names + names[:2]})
        limiter = RateLimiter(1.0, clock=fake_clock.clock, sleep=fake_clock.sleep)
        chain = default_chain(settings, online_budget_s=settings.online_budget_s, clock=fake_clock.clock,
                              rate_limiter=limiter, use_geonames=False)
        summary = geocode_frame(frame, geocoder=chain)
        return frame, len(summary.waiting)

    first, waiting = load()
    asked = len(nominatim.searches())
    assert 0 < asked < len(names)
    assert waiting == len(names) - asked
    statuses = first.drop_duplicates("location").set_index("location")["geo_status"]
    assert (statuses.iloc[:asked] == "resolved").all()
    assert statuses.iloc[asked:].str.contains("EVENTMAP_ONLINE_BUDGET_S").all()
    assert first["latitude"].notna().sum() == asked + 2, "the repeated names share their answer"

    second, waiting_after = load()  # the next load: cached answers at once, then a fresh budget for the rest
    assert second["latitude"].notna().all()
    assert waiting_after == 0
    assert len(nominatim.searches()) == len(names), "no name was asked twice"
