"""eventmap: the pure-Python core of the conflict-event map dashboard.

Loading, validation, import, filtering, map building and export. Never imports streamlit.
"""

__version__ = "0.1.0"
