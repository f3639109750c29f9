"""Review (the team store only): proposed revisions, oldest first, each with its differences from the
published event; a reviewer publishes or rejects other people's revisions, with a note, never their own.
"""

from __future__ import annotations

from ui import edit_common, edit_review

page = edit_common.start_team_page("review.title")
edit_review.render(page.store, page.principal, lang=page.lang)
