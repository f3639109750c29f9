"""Sentences with their offsets in the article."""

from __future__ import annotations

import pytest

from eventmap.extract.sentences import split_sentences


@pytest.mark.parametrize(("text", "expected"), [
    ("Stepanakert was shelled. Barda was hit!", ["Stepanakert was shelled.", "Barda was hit!"]),
    ("Mr. Aliyev said so. Then he left.", ["Mr. Aliyev said so.", "Then he left."]),
    ("سير المعارك\nميدانيا، أعلنت أذربيجان. ونفى الجيش؟ نعم", ["سير المعارك", "ميدانيا، أعلنت أذربيجان.",
                                                             "ونفى الجيش؟", "نعم"]),
    ("Об этом сообщил С. Лавров. В Баку тихо.", ["Об этом сообщил С. Лавров.", "В Баку тихо."]),
    ("  \n\n ", []),
])
def test_split_sentences(text: str, expected: list[str]) -> None:
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == expected
    assert all(text[s.start:s.end] == s.text for s in sentences)
