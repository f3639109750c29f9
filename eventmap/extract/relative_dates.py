"""The day a sentence speaks of, resolved against the article's publication date.

Read in English, Arabic and Russian: "today" / "اليوم" / "сегодня" (the publication day), "yesterday" /
"أمس" / "вчера", "накануне" (the day before), "the day before yesterday" / "أول أمس" / "позавчера", a
weekday ("on Friday", "يوم الجمعة", "в пятницу": the last such day on or before publication), and a day
of a month ("9 October", "October 9", "9 أكتوبر/تشرين الأول", "9 октября", with or without the year; a
day that would fall after publication is read in the year before). A sentence naming no day, or two
different days, gets no date and says why: a date is never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

# A 1:1 folding of Arabic letter forms (lengths kept, so offsets stay valid).
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي",
                       **{chr(0x0660 + d): str(d) for d in range(10)}})

def fold_letters(text: str) -> str:
    """`text` with Arabic letter forms folded (أ إ آ → ا, ة → ه, ى → ي, Arabic-Indic digits), same length."""
    return text.translate(_FOLD)


def fold(text: str) -> str:
    """`fold_letters(text)` in lower case (same length)."""
    return text.translate(_FOLD).lower()


MONTHS: dict[str, int] = {}
for _number, _names in enumerate((
    "january jan يناير كانون_الثاني января январь",
    "february feb فبراير شباط февраля февраль",
    "march mar مارس اذار марта март",
    "april apr ابريل نيسان апреля апрель",
    "may مايو ايار мая май",
    "june jun يونيو حزيران июня июнь",
    "july jul يوليو تموز июля июль",
    "august aug اغسطس اب августа август",
    "september sept sep سبتمبر ايلول сентября сентябрь",
    "october oct اكتوبر تشرين_الاول октября октябрь",
    "november nov نوفمبر تشرين_الثاني ноября ноябрь",
    "december dec ديسمبر كانون_الاول декабря декабрь",
), start=1):
    for _name in _names.split():
        MONTHS[fold(_name.replace("_", " "))] = _number

WEEKDAYS: dict[str, int] = {}
for _number, _names in enumerate((
    "monday الاثنين понедельник", "tuesday الثلاثاء вторник", "wednesday الاربعاء среду среда",
    "thursday الخميس четверг", "friday الجمعه пятницу пятница", "saturday السبت субботу суббота",
    "sunday الاحد воскресенье",
)):
    for _name in _names.split():
        WEEKDAYS[fold(_name)] = _number

# Days before publication of each relative word.
RELATIVE: dict[str, int] = {fold(word): days for word, days in {
    "today": 0, "tonight": 0, "this morning": 0, "earlier today": 0, "yesterday": 1, "last night": 1,
    "the day before yesterday": 2,
    "اليوم": 0, "امس": 1, "الامس": 1, "البارحه": 1, "اول امس": 2, "اول من امس": 2,
    "сегодня": 0, "вчера": 1, "накануне": 1, "позавчера": 2,
}.items()}

_MONTH_ALT = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_DAY_MONTH = re.compile(rf"\b(?P<day>[0-3]?\d)\s+(?P<month>{_MONTH_ALT})(?:\s*/\s*[^\d\s]+(?:\s+[^\d\s]+)?)?"
                        rf"(?:\s*,?\s*(?P<year>(?:19|20)\d\d))?(?!\w)", re.IGNORECASE)
_MONTH_DAY = re.compile(rf"\b(?P<month>{_MONTH_ALT})\.?\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b"
                        r"(?:\s*,?\s*(?P<year>(?:19|20)\d\d))?", re.IGNORECASE)
_RELATIVE = re.compile(r"(?<!\w)(" + "|".join(sorted((re.escape(w) for w in RELATIVE), key=len, reverse=True))
                       + r")(?!\w)", re.IGNORECASE)
_WEEKDAY = re.compile(r"(?<!\w)(?:يوم\s+)?(" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")(?!\w)",
                      re.IGNORECASE)
_ISO = re.compile(r"(?<!\d)(20\d\d|19\d\d)-(\d\d)-(\d\d)(?!\d)")


@dataclass(frozen=True, slots=True)
class DateMention:
    words: str  # as written in the sentence
    date: dt.date | None  # None: needs a publication date that is not known


@dataclass(frozen=True, slots=True)
class SentenceDate:
    date: dt.date | None
    words: tuple[str, ...]  # the words the date was read from
    flag: str  # why there is no date ("" when there is one)


def _day_of_month(day: int, month: int, year: str | None, published: dt.date | None) -> dt.date | None:
    if year:
        target_year = int(year)
    elif published is not None:
        target_year = published.year
    else:
        return None
    try:
        found = dt.date(target_year, month, day)
    except ValueError:
        return None
    if not year and published is not None and found > published:
        found = found.replace(year=target_year - 1)
    return found


def date_mentions(sentence: str, published: dt.date | None) -> list[DateMention]:
    """Every day named in `sentence`, resolved where it can be."""
    text = fold(sentence)
    mentions: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def free(match: re.Match[str]) -> bool:
        return all(match.end() <= a or match.start() >= b for a, b in taken)

    for pattern in (_DAY_MONTH, _MONTH_DAY):
        for match in pattern.finditer(text):
            if free(match):
                taken.append(match.span())
                day = _day_of_month(int(match["day"]), MONTHS[match["month"].lower()], match["year"], published)
                mentions.append(DateMention(sentence[match.start():match.end()], day))
    for match in _ISO.finditer(text):
        if free(match):
            taken.append(match.span())
            try:
                mentions.append(DateMention(match.group(), dt.date(*map(int, match.groups()))))
            except ValueError:
                continue
    for match in _RELATIVE.finditer(text):
        if free(match):
            taken.append(match.span())
            back = RELATIVE[match[1].lower()]
            mentions.append(DateMention(sentence[match.start():match.end()],
                                        None if published is None else published - dt.timedelta(days=back)))
    for match in _WEEKDAY.finditer(text):
        if free(match):
            taken.append(match.span())
            day = None
            if published is not None:
                day = published - dt.timedelta(days=(published.weekday() - WEEKDAYS[match[1].lower()]) % 7)
            mentions.append(DateMention(sentence[match.start():match.end()], day))
    return mentions


def sentence_date(sentence: str, published: dt.date | None) -> SentenceDate:
    """The one day `sentence` speaks of, or none with the reason (see the module docstring)."""
    mentions = date_mentions(sentence, published)
    words = tuple(m.words for m in mentions)
    if not mentions:
        return SentenceDate(None, (), "no day named in the sentence")
    days = {m.date for m in mentions}
    if None in days:
        return SentenceDate(None, words, "a relative day, but the publication date is not known")
    if len(days) > 1:
        listed = ", ".join(sorted(d.isoformat() for d in days if d is not None))
        return SentenceDate(None, words, f"several days named ({listed})")
    return SentenceDate(days.pop(), words, "")


def published_in_text(text: str) -> dt.date | None:
    """The publication day written near the top of an article (an ISO date or "9 October 2020"), or None."""
    head = "\n".join(text.splitlines()[:12])
    match = _ISO.search(head)
    if match:
        try:
            return dt.date(*map(int, match.groups()))
        except ValueError:
            return None
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        for found in pattern.finditer(fold(head)):
            if found["year"]:
                return _day_of_month(int(found["day"]), MONTHS[found["month"].lower()], found["year"], None)
    return None
