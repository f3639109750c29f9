"""The interactive map: events on an offline-capable Leaflet map (folium), fast up to a million rows.

- `build_map(frame, naming=..., ...)`: the whole map (basemap, labels, legend, events).
- `build_event_layer(frame, naming=..., ...)`: only the events, for `st_folium(feature_group_to_add=...)`.
- `AssetMode`: ``served`` (the app, /app/static) or ``inline`` (standalone HTML).
- `payloads_from_html(text)` / `drawn_event_count(payload)`: read the events back out of a page.

Above 5,000 located events the layer is `points` (typed columns drawn by a WebGL canvas, every event a point;
a click reports ``em-point:KEY:INDEX``, read back with `points.PickedPoint` and `points.event_id_of`). In the
dashboard (`build_event_layer(shared=...)`, `deltas`) those columns are the whole data's, in a file fetched once
per data version, and the layer carries only its URL and a small filter value.

Modules: assets (local JS/CSS), layers (events → payload, raw text), points (events → typed columns), deltas
(the whole data's columns by URL, a filter as predicates and a bitmask or index list), popups
(an event's details, raw for the map; one escaped HTML card for a page), scene_parts (a scene's fit, labels,
legend, areas, control, empty note), basemap (offline ground, tiles, labels), builder (the two calls above).
The browser side is `static/eventmap/eventmap.js` (the points: `js/glpoints.js`, `js/picking.js`,
`js/pointdata.js`, `js/glfallback.js`), which puts every text into the page as a text node.
"""

from eventmap.mapping.assets import AssetMode, external_links
from eventmap.mapping.basemap import Basemap, BasemapError
from eventmap.mapping.builder import build_event_layer, build_map
from eventmap.mapping.layers import LayerLimits, drawn_event_count, event_payload, payloads_from_html
from eventmap.mapping.popups import event_card_html

__all__ = [
    "AssetMode",
    "Basemap",
    "BasemapError",
    "LayerLimits",
    "build_event_layer",
    "build_map",
    "drawn_event_count",
    "event_card_html",
    "event_payload",
    "external_links",
    "payloads_from_html",
]
