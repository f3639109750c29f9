"""The Streamlit side of the dashboard: thin modules that read widgets, call the core, and render.

Everything that can be computed without Streamlit lives in `eventmap/` and `geo/`; these modules only
wire it to the page. `app.py` and `pages/` call them.
"""
