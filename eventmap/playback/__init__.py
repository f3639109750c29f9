"""The presentation document: the map, the events, timeline playback and story stepping in one HTML page.

- `build_playback_document(frame, naming=..., lang=..., asset_mode="served" | "inline", ...) -> str`: the page
  for the app's presentation mode (served assets) or the standalone interactive HTML export (inline).
- `ready_made_stories()`, `load_story(path)`, `Story`: ordered lists of events to step through.

Modules: payload (events → JSON safe in a script element; texts raw, put in as text nodes), stories,
document (the page); the browser side is `static/eventmap/js/playback.js` (with the modules it imports) and
`playback.css` in this folder, always inlined into the page.
"""

from eventmap.playback.document import MODES, SPEEDS, Look, PlaybackOptionError, build_playback_document
from eventmap.playback.stories import Story, StoryError, load_story, ready_made_stories, story_from_mapping

__all__ = [
    "MODES",
    "SPEEDS",
    "Look",
    "PlaybackOptionError",
    "Story",
    "StoryError",
    "build_playback_document",
    "load_story",
    "ready_made_stories",
    "story_from_mapping",
]
