"""From an article to draft event rows in the project's schema, for an analyst to review.

`extract_article(data, name=...)` reads the article (`article_text`), detects its language
(`language`), finds its publication day (the text's own date near the top, else `published`), splits it
into sentences and, for each sentence that reports an event (an event word: shelling, rockets, attack,
captured ...) at a place of the gazetteer, proposes one row per place. Each row keeps the sentence
(`description_original`), the article as its source, who the sentence attributes it to (`claimed_by`),
whether it is denied, and the words it came from. Places only named as the venue of talks (Moscow,
Geneva), places inside the attribution ("the Nagorno-Karabakh Defence Ministry") and a region named
beside a town are not events. A date the sentence does not give stays empty and is flagged; a spelling
shared by two places gives a row for each, both flagged, for the analyst to keep one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum

from base.settings import Settings
from eventmap.extract.article_text import read_article
from eventmap.extract.attribution import Attribution, attribution
from eventmap.extract.event_words import Cue, WordHit, event_kind, side_words, word_hits
from eventmap.extract.language import detect_language
from eventmap.extract.places import PlaceFinder, PlaceInfo, PlaceMention
from eventmap.extract.relative_dates import SentenceDate, fold, published_in_text, sentence_date
from eventmap.extract.sentences import Sentence, split_sentences
from eventmap.schema import COLUMN_NAMES
from geo.gazetteer import Gazetteer, default_gazetteer
from geo.placeindex import PlaceIndex

# Columns only drafts have: dropped when kept rows are validated and added.
DRAFT_COLUMNS: tuple[str, ...] = ("draft_confidence", "draft_words", "draft_candidates", "draft_start",
                                  "draft_end")
NOT_STATED = "not stated"
# A sentence that begins so says who reported the sentence before it ("Об этом заявил Минобороны Армении").
_ABOUT_THE_PREVIOUS = ("об этом", "this was reported by", "this was announced by", "وهذا ما", "ذلك ما")
_CONTINUATIONS = ("وبيّن", "وبين", "واضاف", "وتابع", "ولفت", "مضيفا", "he added", "she added", "добавил",
                  "добавила", "отметил", "отметила")


class NoticeCode(Enum):
    """What the reading of an article has to tell the user (the i18n key is `article.notice.<value>`)."""

    DATE_DIFFERS = "date_differs"
    NO_DATE = "no_date"
    NO_SOURCE = "no_source"
    NO_PLACE = "no_place"
    NO_EVENT = "no_event"


_NOTICE_TEXT = {
    NoticeCode.DATE_DIFFERS: "the article's text is dated {in_text}; {given} was given and is used",
    NoticeCode.NO_DATE: "no publication date in the text and none given: relative days (today, yesterday) are "
                        "left empty",
    NoticeCode.NO_SOURCE: "no source address given: the rows cite '{name}'; give the article's URL",
    NoticeCode.NO_PLACE: "the article names no known place (gazetteer or village index): no rows",
    NoticeCode.NO_EVENT: "the article names places but reports no event at them (talks, visits): no rows",
}


@dataclass(frozen=True, slots=True)
class Notice:
    code: NoticeCode
    values: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        """The notice in English (the command line's words)."""
        return _NOTICE_TEXT[self.code].format(**self.values)


@dataclass(frozen=True, slots=True)
class Extraction:
    """What was read from one article: its drafts (schema columns + `DRAFT_COLUMNS`) and what to tell the user."""

    text: str
    language: str
    published: dt.date | None
    published_from: str  # "text", "option", "page" or "" (unknown)
    source: str
    sentences: tuple[Sentence, ...]
    drafts: tuple[dict[str, object], ...]
    messages: tuple[Notice, ...] = field(default=())
    # (start, end, kind, label) in `text` of the words the drafts came from; kind: "place", "event" or "said"
    highlights: tuple[tuple[int, int, str, str], ...] = field(default=())


def _finder(gazetteer: Gazetteer | None, villages: PlaceIndex | None) -> PlaceFinder:
    if gazetteer is None and villages is None:
        return _default_finder()
    return PlaceFinder(gazetteer or default_gazetteer(), villages=villages)


_FINDER: list[PlaceFinder] = []


def _default_finder() -> PlaceFinder:
    if not _FINDER:
        _FINDER.append(PlaceFinder(default_gazetteer()))
    return _FINDER[0]


def _inside(mention: PlaceMention, said: Attribution | None) -> bool:
    return said is not None and said.start <= mention.start < said.end


def _side(folded: str, hits: list[WordHit], said: Attribution | None) -> str:
    words = side_words(folded, skip=(said.start, said.end) if said else None)
    events = [hit for hit in hits if hit.cue is Cue.EVENT]
    if not words or not events:
        return NOT_STATED
    anchor = events[0].start
    return min(words, key=lambda item: abs(item[1] - anchor))[0]


def _event_places(finder: PlaceFinder, sentence: Sentence, said: Attribution | None, talks: bool,
                  bbox: tuple[float, float, float, float]) -> list[PlaceMention]:
    mentions = [m for m in finder.find(sentence.text) if not _inside(m, said)]
    specific = [m for m in mentions if any(finder.describe(p).place_type != "region" for p in m.place_ids)]
    if specific:
        mentions = specific
    kept: list[PlaceMention] = []
    for mention in mentions:
        info = finder.describe(mention.place_ids[0])
        abroad = info.lat is None or info.lon is None or not (bbox[0] <= info.lat <= bbox[2]
                                                              and bbox[1] <= info.lon <= bbox[3])
        if talks and abroad:
            continue  # "talks in Moscow": a venue, not an event
        if all(mention.place_ids != k.place_ids for k in kept):
            kept.append(mention)
    return kept


def extract_article(data: bytes | str, *, name: str, source: str = "", published: dt.date | None = None,
                    gazetteer: Gazetteer | None = None, villages: PlaceIndex | None = None,
                    max_bytes: int | None = None, settings: Settings | None = None) -> Extraction:
    """The draft events of one article (see the module docstring); `ArticleInputError` when it cannot be read.

    `max_bytes` defaults to the setting `max_article_bytes`; `villages` is the GeoNames village index, for
    villages named as such ("the village of X") that the gazetteer does not have (default: none)."""
    settings = settings or Settings()
    article = read_article(data, name=name, max_bytes=max_bytes or settings.max_article_bytes)
    bbox = settings.region_bbox
    finder = _finder(gazetteer, villages)
    messages: list[Notice] = []
    in_text = published_in_text(article.text)
    from_page = published_in_text(article.published_hint) if article.published_hint else None
    day, day_from = (published, "option") if published else (in_text, "text") if in_text else (
        (from_page, "page") if from_page else (None, ""))
    if published and in_text and published != in_text:
        messages.append(Notice(NoticeCode.DATE_DIFFERS, {"in_text": in_text.isoformat(),
                                                          "given": published.isoformat()}))
    if day is None:
        messages.append(Notice(NoticeCode.NO_DATE))
    citation = source or article.url_hint or name
    if not source and not article.url_hint:
        messages.append(Notice(NoticeCode.NO_SOURCE, {"name": name}))
    language = detect_language(article.text)
    sentences = split_sentences(article.text)
    drafts: list[dict[str, object]] = []
    highlights: list[tuple[int, int, str, str]] = []
    named_any = False
    previous: tuple[list[dict[str, object]], Attribution | None] = ([], None)
    for sentence in sentences:
        folded = fold(sentence.text)
        hits = word_hits(folded, sentence.text)
        said = attribution(sentence.text)
        if said is None and previous[1] is not None and folded.lstrip().startswith(_CONTINUATIONS):
            said = previous[1]
        denial = any(hit.cue is Cue.DENIAL for hit in hits)
        talks = any(hit.cue is Cue.TALKS for hit in hits)
        kind = event_kind(hits)
        places = _event_places(finder, sentence, said, talks, bbox)
        named_any = named_any or bool(finder.find(sentence.text))
        if kind is None or not places:
            if said is not None and not denial and folded.lstrip().startswith(_ABOUT_THE_PREVIOUS):
                for row in previous[0]:
                    if str(row["claimed_by"]).startswith("the article"):
                        row["claimed_by"] = said.claimed_by
                        row["draft_words"] = f"{row['draft_words']} | said (next sentence): {said.words}"
            if denial and previous[0]:
                for row in previous[0]:
                    row["status"], row["disputed_by"] = "disputed", said.claimed_by if said else NOT_STATED
                    row["notes"] = f"{row['notes']}; denied in the next sentence: {sentence.text}".lstrip("; ")
            previous = ([], said if said and said.start < sentence.end else None)
            continue
        when = sentence_date(sentence.text, day)
        rows = [_row(len(drafts) + n, sentence, mention, finder.describe(place_id), finder, kind_label=kind.label,
                     types=(kind.event_type, kind.sub_event_type), hits=hits, said=said, denial=denial,
                     when=when, published=day, language=language, citation=citation,
                     side=_side(folded, hits, said))
                for n, (mention, place_id) in enumerate((m, p) for m in places for p in m.place_ids)]
        drafts.extend(rows)
        label = ", ".join(str(row["event_id"]) for row in rows)
        highlights.extend((sentence.start + m.start, sentence.start + m.end, "place", label) for m in places)
        highlights.extend((sentence.start + h.start, sentence.start + h.end, "event", label)
                          for h in hits if h.cue is Cue.EVENT)
        if said is not None and said.start < sentence.end and sentence.text[said.start:said.end] == said.words:
            highlights.append((sentence.start + said.start, sentence.start + said.end, "said", label))
        previous = (rows, said)
    if not named_any:
        messages.append(Notice(NoticeCode.NO_PLACE))
    elif not drafts:
        messages.append(Notice(NoticeCode.NO_EVENT))
    return Extraction(text=article.text, language=language, published=day, published_from=day_from,
                      source=citation, sentences=tuple(sentences), drafts=tuple(drafts), messages=tuple(messages),
                      highlights=tuple(highlights))


def _row(number: int, sentence: Sentence, mention: PlaceMention, place: PlaceInfo, finder: PlaceFinder, *,
         kind_label: str, types: tuple[str, str], hits: list[WordHit], said: Attribution | None, denial: bool,
         when: SentenceDate, published: dt.date | None, language: str, citation: str,
         side: str) -> dict[str, object]:
    place_id = place.place_id
    flags: list[str] = []
    confidence = 0.6
    if mention.how == "village index":
        flags.append("a village of the GeoNames index, not of the gazetteer: check it")
        confidence -= 0.1
    if len(mention.place_ids) > 1:
        others = ", ".join(f"{finder.describe(p).name_en} ({finder.describe(p).country})" for p in mention.place_ids)
        flags.append(f"'{mention.words}' can be {others}: keep the right one, drop the other")
        confidence -= 0.3
    if place.place_type == "region":
        flags.append("only a region is named")
        confidence -= 0.2
    if when.date is None:
        flags.append(f"date left empty: {when.flag}; fill it in")
        confidence -= 0.1
    else:
        confidence += 0.1
    if said is not None:
        confidence += 0.1
    if side == NOT_STATED:
        flags.append("the sentence does not say who acted")
    event_words = "; ".join(dict.fromkeys(hit.words for hit in hits if hit.cue is Cue.EVENT))
    words = [f"place: {mention.words}", f"event: {event_words}"]
    if when.words:
        words.append(f"date: {' / '.join(when.words)}")
    if said is not None:
        words.append(f"said: {said.words}")
    row: dict[str, object] = dict.fromkeys(COLUMN_NAMES, "")
    row.update({
        "event_id": f"draft-{number + 1:03d}-{place_id.replace(':', '-')}",
        "date": when.date.isoformat() if when.date else "",
        "date_precision": "day" if when.date else "",
        "report_date": published.isoformat() if published and when.date != published else "",
        "location": place.name_en,
        "latitude": "" if place.lat is None else place.lat,
        "longitude": "" if place.lon is None else place.lon,
        "geo_precision": "region" if place.place_type == "region" else place.precision,
        "country": place.country,
        "admin1": place.admin1,
        "side": side,
        "actor": NOT_STATED if side == NOT_STATED else f"{side} (per the article)",
        "event_type": types[0],
        "sub_event_type": types[1],
        "description": f"{kind_label.capitalize()} at {place.name_en}, as the article reports (draft, "
                       f"{language or 'unknown language'})",
        "description_original": sentence.text,
        "language": language,
        "claimed_by": said.claimed_by if said else f"the article ({citation})",
        "status": "denied" if denial else "claimed",
        "disputed_by": said.claimed_by if denial and said else "",
        "verification": "single-source",
        "sources": citation,
        "notes": "; ".join(flags),
        "draft_confidence": round(max(0.05, min(1.0, confidence)), 2),
        "draft_words": " | ".join(words),
        "draft_candidates": "; ".join(mention.place_ids),
        "draft_start": sentence.start + mention.start,
        "draft_end": sentence.start + mention.end,
    })
    if denial:
        row["claimed_by"] = f"the article ({citation})"
    return row
