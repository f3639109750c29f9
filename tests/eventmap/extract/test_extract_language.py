"""Language by script, then by a vote of common words."""

from __future__ import annotations

import pytest

from eventmap.extract.language import detect_language


@pytest.mark.parametrize(("text", "expected"), [
    ("وفي مدينة شوشة، طال القصف كاتدرائية", "ar"),
    ("Азербайджанские военные обстреляли Степанакерт", "ru"),
    ("Ստեփանակերտը ռմբակոծվել է", "hy"),
    ("The Armenian Defence Ministry said Stepanakert was shelled on Friday.", "en"),
    ("Le ministère de la Défense a dit que la ville a été bombardée.", "fr"),
    ("Stepanakert 2020", "en"),  # Latin script with no common word: English, the default
    ("12345 ...", ""),
    ("Stepanakert (Степанакерт) was shelled, the ministry said", "en"),  # mostly Latin letters
])
def test_detect_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected
