"""The errors of reading an article: one root, each subclass also a built-in."""

from __future__ import annotations

from base.errors import EventMapError


class ExtractError(EventMapError):
    """Root of every error raised by `eventmap.extract`."""


class ArticleInputError(ExtractError, ValueError):
    """The article cannot be read at all: empty, not text, too large, or naming no known place."""
