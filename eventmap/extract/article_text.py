"""An article's text from the bytes of a file or a paste: plain text or HTML, read as text only.

HTML is reduced to its text with the standard library's `html.parser`: the content of `script`,
`style`, `template` and `noscript` is skipped, nothing is run, and block elements end a line. The
page's publication time (`article:published_time`, `datePublished`, `<time datetime>`) and canonical
address are read from it when present.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from eventmap.extract.errors import ArticleInputError

_SKIPPED = frozenset({"script", "style", "template", "noscript", "svg", "head"})
_BLOCKS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article",
                     "header", "footer", "blockquote", "title", "figcaption", "time"})
_PUBLISHED_META = frozenset({"article:published_time", "datepublished", "pubdate", "date", "dc.date"})
_LOOKS_HTML = re.compile(r"<\s*(html|body|p|div|article|!doctype)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ArticleText:
    """The text of an article, with what its page said about itself."""

    text: str
    published_hint: str = ""  # a publication time read from HTML metadata ("" when none)
    url_hint: str = ""  # the page's canonical address ("" when none)
    was_html: bool = False


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.published = ""
        self.url = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): value or "" for name, value in attrs}
        if tag == "meta":
            key = (values.get("property") or values.get("name") or values.get("itemprop") or "").lower()
            if key in _PUBLISHED_META and not self.published:
                self.published = values.get("content", "")
            if key == "og:url" and not self.url:
                self.url = values.get("content", "")
        elif tag == "link" and values.get("rel", "").lower() == "canonical" and not self.url:
            self.url = values.get("href", "")
        elif tag == "time" and values.get("datetime") and not self.published:
            self.published = values["datetime"]
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(html: str) -> ArticleText:
    """The visible text of an HTML page (see the module docstring)."""
    parser = _TextOnly()
    parser.feed(html)
    parser.close()
    lines = (re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in "".join(parser.parts).splitlines())
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return ArticleText(text=text, published_hint=parser.published.strip(), url_hint=parser.url.strip(),
                       was_html=True)


def read_article(data: bytes | str, *, name: str, max_bytes: int) -> ArticleText:
    """The text of an article file or paste; `ArticleInputError` says why one cannot be read."""
    size = len(data.encode("utf-8")) if isinstance(data, str) else len(data)
    if size > max_bytes:
        raise ArticleInputError(f"{name}: {size / 1024 / 1024:.1f} MB is too long for one article "
                                f"(at most {max_bytes // 1024} KB); split it into articles")
    if isinstance(data, bytes):
        if b"\x00" in data[:8192]:
            raise ArticleInputError(f"{name}: this is a binary file, not text (save the article as .txt or .html)")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ArticleInputError(f"{name}: not UTF-8 text (byte {error.start + 1} cannot be read); "
                                    "save the article as UTF-8") from None
    else:
        text = data
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _LOOKS_HTML.search(text[:4096]) or name.lower().endswith((".html", ".htm")):
        article = html_to_text(text)
    else:
        article = ArticleText(text=text.strip())
    if not any(char.isalpha() for char in article.text):
        raise ArticleInputError(f"{name}: the article is empty (no words to read)")
    return article
