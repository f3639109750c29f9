"""Text from data files inside Streamlit's Markdown (alerts, captions, headings): shown, never interpreted."""

from __future__ import annotations

MARKDOWN_ACTIVE = frozenset("\\`*_{}[]<>#|~$:")


def plain_markdown(text: str) -> str:
    """`text` (a file or place name from the data) escaped for Markdown: no emphasis, link, HTML, math or
    bare URL comes out of it, whatever it holds; newlines become spaces."""
    return "".join(f"\\{c}" if c in MARKDOWN_ACTIVE else c for c in text.replace("\r", " ").replace("\n", " "))
