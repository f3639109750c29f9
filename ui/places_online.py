"""The Places page's "Look up online" control: the listed names asked of the online geocoder, only on click.

Each name goes through the persistent cache (`CachedGeocoder`: answers survive restarts, failures are
never stored) to the online service, at its rate limit (one request a second, shared by every session
of the process), with a progress bar naming the current name. The answers are kept in the session and
shown as extra candidates, labelled with their source; the names the service could not answer are
listed as waiting, with the reason. Other sessions stay responsive: each session runs in its own thread.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from access import Action, PermissionDeniedError, Principal, allowed, require
from base.settings import Settings
from eventmap.i18n import t
from eventmap.scene.model import Lang
from geo.chain import online_geocoder
from geo.errors import ConfigurationError
from geo.geocoders.base import Geocoder
from geo.geocoders.cache import CachedGeocoder
from geo.lookup import NameLookup, service_name
from services.places import PlaceToReview, look_up_online
from ui.data import SECRET_TO_ENV, clear_geocoding_caches
from ui.safe_text import plain_markdown

RESULTS_KEY = "_places_online"  # {name as written: NameLookup} of this session
BUTTON_KEY = "places_online_lookup"
NOTICE_KEY = "_places_online_notice"  # what the last lookup did, shown after the rerun that reloads the data
USER_AGENT_SETTING = "geocoder_user_agent"


def online_source(settings: Settings, lang: Lang) -> str:
    """`online: Nominatim`: how the online candidates are labelled."""
    return t("places.online_source", lang, service=service_name(settings.geocoder_provider))


def lookup_geocoder(settings: Settings) -> Geocoder:
    """The cached online geocoder of `settings`, whether or not `EVENTMAP_ONLINE_GEOCODING` is on (the
    user asked); raises `ConfigurationError` when it cannot be set up (no user agent, no API key)."""
    online = online_geocoder(replace(settings, online_geocoding=True))
    return CachedGeocoder(online, settings.cache_path)


def setup_problem(settings: Settings, lang: Lang) -> str:
    """Why online lookup cannot run, in the user's language ("" when it can)."""
    if not settings.geocoder_user_agent.strip():
        return t("places.online_needs_agent", lang, env=SECRET_TO_ENV[USER_AGENT_SETTING], secret=USER_AGENT_SETTING)
    try:
        lookup_geocoder(settings)
    except ConfigurationError as error:
        return t("places.online_cannot", lang, reason=plain_markdown(str(error)))
    return ""


def online_results() -> dict[str, NameLookup]:
    """This session's online answers, by name as written."""
    return st.session_state.setdefault(RESULTS_KEY, {})


def online_status(lookup: NameLookup | None, lang: Lang) -> str:
    """The table's "online" cell of one name."""
    if lookup is None:
        return ""
    if lookup.status == "found":
        return t("places.online.found", lang, count=len(lookup.candidates))
    if lookup.status == "not_found":
        return t("places.online.not_found", lang)
    return t("places.online.waiting", lang, reason=lookup.reason)


def show_notice() -> None:
    """What the last lookup did, when it reloaded the data (once)."""
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice:
        done, on_map = notice
        st.info(f"{done}\n\n{on_map}", icon=":material/map:")


def _done_text(review: list[PlaceToReview], results: dict[str, NameLookup], lang: Lang) -> str:
    statuses = [results[p.name].status for p in review]
    return t("places.online_done", lang, found=statuses.count("found"), not_found=statuses.count("not_found"),
             waiting=statuses.count("waiting"))


def online_lookup_panel(review: list[PlaceToReview], *, settings: Settings, lang: Lang,
                        shown_name: dict[str, str], principal: Principal) -> dict[str, NameLookup]:
    """The button (and, once clicked, the lookup with its progress); returns the session's answers. The
    button is off for someone who may not spend the service's quota (and a click asks nobody)."""
    results = online_results()
    problem = setup_problem(settings, lang)
    service = service_name(settings.geocoder_provider)
    clicked = st.button(t("places.online_button", lang, count=len(review)), key=BUTTON_KEY,
                        icon=":material/travel_explore:",
                        disabled=bool(problem) or not allowed(principal, Action.GEOCODE_ONLINE),
                        help=t("places.online_help", lang, service=service, seconds=len(review)))
    if problem:
        st.info(problem, icon=":material/key:")
        return results
    if clicked:
        try:
            _look_up(review, geocoder=lookup_geocoder(settings), results=results, lang=lang, service=service,
                     shown_name=shown_name, principal=principal)
        except PermissionDeniedError:
            st.error(t("places.online_refused", lang), icon=":material/lock:")
            return results
        if settings.online_geocoding and any(results[p.name].status == "found" for p in review):
            # Loading reads the cache first: load again, and the names found are on the map (and off this list).
            clear_geocoding_caches()
            st.session_state[NOTICE_KEY] = (_done_text(review, results, lang),
                                            t("places.online_on_map", lang, service=service))
            st.rerun()
    waiting = [results[p.name] for p in review if p.name in results and results[p.name].waiting]
    if waiting:
        lines = "\n".join(f"- **{plain_markdown(shown_name.get(w.name, w.name))}**: {plain_markdown(w.reason)}"
                          for w in waiting)
        st.warning(t("places.online_waiting", lang, count=len(waiting), service=service) + "\n\n" + lines,
                   icon=":material/schedule:")
    return results


def _look_up(review: list[PlaceToReview], *, geocoder: Geocoder, results: dict[str, NameLookup], lang: Lang,
             service: str, shown_name: dict[str, str], principal: Principal) -> None:
    """Ask about every listed name in turn; each answer is kept as soon as it comes (a rerun in the
    middle keeps the names done so far)."""
    require(principal, Action.GEOCODE_ONLINE)  # before anything is shown; `look_up_online` checks each name too
    count = len(review)
    with st.status(t("places.online_running", lang, service=service, count=count), expanded=True) as box:
        bar = st.progress(0.0)
        for number, place in enumerate(review, start=1):
            bar.progress((number - 1) / count, text=t("places.online_current", lang, number=number, count=count,
                                                     name=plain_markdown(shown_name.get(place.name, place.name))))
            results[place.name] = look_up_online(principal, place, geocoder=geocoder)
        statuses = [results[p.name].status for p in review]
        done = _done_text(review, results, lang)
        bar.progress(1.0, text=done)
        box.update(label=done, state="error" if "waiting" in statuses else "complete", expanded=False)
