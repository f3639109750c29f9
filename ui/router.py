"""The app's pages and navigation, with page names in the interface language.

Streamlit runs `app.py` for the root URL and, because a `pages/` folder exists, runs a page's file
directly when its URL is opened (`/Places`). Either way the file first hands over to `run_app()`, which
sets the page up (title, icon, layout, the view in the URL), declares the translated navigation and runs
the page the URL asks for, which is the same file again, now `routed()`. A page under `pages/` starts with

    settings, choices = start_page()
    ... the page ... (`ui.who.current(settings)` says who the session is)
"""

from __future__ import annotations

import threading

import streamlit as st

from base.settings import PROJECT_ROOT, Settings
from eventmap.i18n import t
from eventmap.scene import Lang
from eventmap.urlstate import DEFAULT_LANG
from ui import data, rtl, url, who
from ui.map_view import basemap_names
from ui.sidebar import LANG_KEY, DisplayChoices, display_choices

FAVICON = PROJECT_ROOT / "ui" / "favicon.png"  # a local file: a Material icon would be fetched from the internet
PAGES: tuple[tuple[str, str], ...] = (  # (file, title key); the first is the default page
    ("app.py", "nav.dashboard"),
    ("pages/1_Places.py", "nav.places"),
    ("pages/2_About.py", "nav.about"),
    ("pages/3_From_an_article.py", "nav.article"),
    ("pages/4_Edit.py", "nav.edit"),
    ("pages/5_Review.py", "nav.review"),
    ("pages/6_History.py", "nav.history"),
)
# Pages of the team store: in the navigation only when the app runs on it (`Settings.team_store`); opened
# by their URL without it, each says in one sentence what it needs.
TEAM_PAGES = frozenset({"pages/4_Edit.py", "pages/5_Review.py", "pages/6_History.py"})
_local = threading.local()  # each session's script runs in its own thread


def routed() -> bool:
    """True while `run_app()` runs a page: the page should render itself."""
    return getattr(_local, "depth", 0) > 0


def run_app() -> None:
    """Set the page up, declare the navigation and run the page of the URL."""
    st.set_page_config(page_title=t("app.title", "en"), page_icon=str(FAVICON), layout="wide",
                       initial_sidebar_state="expanded")
    url.restore_once(basemaps=basemap_names())
    lang = Lang(st.session_state.get(LANG_KEY, DEFAULT_LANG))  # set from the URL by `restore_once`
    team = data.current_settings().team_store
    pages = [st.Page(PROJECT_ROOT / file, title=t(title_key, lang), default=number == 0,
                     visibility="visible" if team or file not in TEAM_PAGES else "hidden")
             for number, (file, title_key) in enumerate(PAGES)]
    page = st.navigation(pages)
    _local.depth = getattr(_local, "depth", 0) + 1
    try:
        page.run()
    finally:
        _local.depth -= 1


def start_page() -> tuple[Settings, DisplayChoices]:
    """The start of every page under `pages/`: opened directly, it hands over to `run_app()` (which runs it
    again, routed) and stops; routed, it reads the settings and the sidebar's display choices, draws the
    sidebar's "Sign in" panel and sets the page's direction."""
    if not routed():
        run_app()
        st.stop()
    settings = data.current_settings()
    choices = display_choices(basemaps=basemap_names())
    who.sign_in_panel(settings, lang=choices.lang)
    rtl.apply_direction(choices.lang)
    return settings, choices
