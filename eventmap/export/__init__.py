"""Exports of the filtered events: pictures, playback, a standalone page, and the data itself.

- `png`: the static map picture (matplotlib, Web Mercator, offline basemap, optional tiles) — `render_png`;
- `stamp`: title, dates, filters in words, legend, scale bar, attribution and data stamp on every picture;
- `labels`: place names in the chosen naming, placed where they overlap nothing;
- `gif`: animated playback, one frame per day (GIF; MP4 with the optional imageio-ffmpeg);
- `html`: the classroom playback document with every asset inlined (one file that opens offline);
- `tables`: CSV (spreadsheet-safe, UTF-8 with BOM) and GeoJSON (RFC 7946);
- `view`: every export of the dashboard's current view, as bytes (what the download buttons serve);
- `viewport`, `basemap`, `tiles`, `text`: Leaflet-exact extents, the offline basemap, OSM tiles with a cache,
  fonts and right-to-left text;
- `paths`: output names that can never lead outside the app's folders;
- `cli`: `python -m eventmap export` (`register(subparsers)`).

Nothing here imports streamlit; matplotlib is imported only when a picture is made.
"""
