"""The Streamlit side of the dashboard: widgets, session state and caching shared between sessions.

Everything that can be computed without Streamlit lives below: `services/` (loading, places to review),
the renderers and the scene in `eventmap/`, `geo/` and `base/`; these modules only wire it to the page.
`app.py` and `pages/` call them.
"""
