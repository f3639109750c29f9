"""Splitting an article into sentences, each with its place in the text (for highlighting).

A sentence ends at `.`, `!`, `?`, `؟` or `…` followed by a space and not inside a short abbreviation
(`Mr.`, `St.`, `г.`), or at a line break; headings and short lines are sentences of their own. Offsets
are character positions in the article's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_END = re.compile(r"(?<=[.!?؟…])[\"»”'’)]*\s+|\n+")
_ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sgt", "vs", "no", "g", "gg",
                            "ул", "им", "т", "д", "см", "др", "пр", "проф", "ген", "jan", "feb", "aug", "sept",
                            "sep", "oct", "nov", "dec"})
_LAST_WORD = re.compile(r"(\w+)\.\W*$")


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    text: str
    start: int  # offset of its first character in the article
    end: int  # offset after its last character


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of `text`, in order, stripped, none empty."""
    pieces: list[tuple[int, int]] = []
    start = 0
    for match in _END.finditer(text):
        piece = text[start:match.start()]
        word = _LAST_WORD.search(piece)
        if "\n" not in match.group() and word and (word[1].lower() in _ABBREVIATIONS or len(word[1]) == 1):
            continue  # "Mr. Aliyev", "S. Lavrov": not the end
        pieces.append((start, match.start()))
        start = match.end()
    pieces.append((start, len(text)))
    sentences: list[Sentence] = []
    for begin, end in pieces:
        chunk = text[begin:end]
        stripped = chunk.strip()
        if not stripped:
            continue
        offset = begin + chunk.index(stripped)
        sentences.append(Sentence(len(sentences), stripped, offset, offset + len(stripped)))
    return sentences
