"""Who a sentence says reported or claimed what it tells: "the Armenian Defence Ministry said",
"according to X", "قالت وزارة الدفاع الأرمينية إن", "نقل ... عن X", "по данным Минобороны Армении".

The words are kept as written; well-known bodies are also named in English (`KNOWN_BODIES`), so the
`claimed_by` cell reads "Armenian Defence Ministry (وزارة الدفاع الأرمينية)".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventmap.extract.relative_dates import fold, fold_letters

_AR_VERBS = ("قال", "قالت", "اعلن", "اعلنت", "اكد", "اكدت", "افاد", "افادت", "ذكر", "ذكرت", "اشار", "اشارت",
             "اوضح", "اوضحت", "نفى", "نفت", "اتهم", "اتهمت", "صرح", "صرحت", "زعم", "زعمت")
_PATTERNS: tuple[re.Pattern[str], ...] = tuple(re.compile(fold_letters(pattern.pattern)) for pattern in (
    # Arabic: "نقل مراسل الجزيرة عن مصادر عسكرية أرمينية أن" → the source after عن
    re.compile(r"(?:^|\s)و?نقل[تا]?\s+[^،.]{2,60}?\sعن\s+(?P<who>[^،.:\"«]{3,60}?)\s+(?:ان|إن|أن|قوله|قولها)(?:\s|$)"),
    re.compile(r"(?:^|\s)[وف]?(?:" + "|".join(_AR_VERBS) + r")\s+(?P<who>[^،.:\"«]{3,60}?)"
               r"(?:\s+(?:ان|إن|أن|انه|انها|الى|إلى|في بيان|عن)(?:\s|$)|[،:\"«]|\s+ب(?=\S{3,})|\s+(?:قصف|شن|الهجوم))"),
    re.compile(r"(?:^|\s)(?:بحسب|حسب|وفقا\s+ل)\s*(?P<who>[^،.:\"«]{3,60}?)(?:[،.:\"«]|\s+(?:ان|فان|فإن)\s|$)"),
    # Russian
    re.compile(r"(?:по данным|по словам|по информации|как сообщ\w+|согласно)\s+(?P<who>[^,.;:«\"]{3,60})"),
    re.compile(r"(?:сообщил\w*|заявил\w*|сообщает|сообщают|заявляет|утверждает|опроверг\w*)\s+"
               r"(?:в [^,]{3,25}\s+|\w+\s+)??"
               r"(?P<who>(?:пресс-служба|пресс-секретарь|министерство|минобороны|мо|представитель|глава|"
               r"президент|премьер|помощник|советник|власти|ведомство|омбудсмен|генпрокуратура)[^,.;:«\"]{0,60})"),
    # "..., заявили в Баку": the sentence ends on who said it, named by where they are
    re.compile(r",\s*(?:сообщил\w*|заявил\w*|сообщают|заявляют|утверждают|подтвердил\w*)\s+"
               r"(?P<who>(?:в|во)\s+[^,.;:«\"]{3,60})\s*\.?$"),
    re.compile(r"(?:^|[,.]\s*)(?P<who>[^,.;:«\"]{3,60}?)\s+(?:сообщил\w*|заявил\w*|сообщает|заявляет|утверждает)"),
    # English
    re.compile(r"according to (?:the )?(?P<who>[^,.;:\"]{3,80})"),
    # ", said the Armenian Defence Ministry": after a comma or a quote, to the end of the clause
    re.compile(r"[,\"”]\s*(?:said|says|reported|claimed|stated|announced|told reporters)\s+(?:on \w+\s+)?"
               r"(?P<who>the [^,.;:\"]{3,60}|[a-z][^,.;:\"]{2,60}? (?:ministry|office|spokesman|spokeswoman|"
               r"spokesperson))(?=\s*(?:[,.;:\"]|$))"),
    re.compile(r"(?:^|[,.:\"”]\s*)(?P<who>(?:the )?[^,.;:\"”]{3,70}?)\s+(?:said|says|reported|claimed|stated|"
               r"announced|denied|accused)(?:\s|$|[,.;])"),
))
# Folded, lower-case words of well-known bodies → their English name.
KNOWN_BODIES: tuple[tuple[str, str], ...] = (
    ("وزاره الدفاع الارمينيه", "Armenian Defence Ministry"),
    ("وزاره دفاع اقليم ناغورني قره باغ", "Nagorno-Karabakh Defence Ministry"),
    ("وزاره الدفاع الاذريه", "Azerbaijani Defence Ministry"),
    ("وزاره الدفاع الاذربيجانيه", "Azerbaijani Defence Ministry"),
    ("الجيش الاذري", "Azerbaijani army"),
    ("الخارجيه الاذريه", "Azerbaijani Foreign Ministry"),
    ("مصادر عسكريه ارمينيه", "Armenian military sources"),
    ("الكرملين", "Kremlin"),
    ("ايوازوف", "Azerbaijani Defence Ministry spokesman Anar Eyvazov"),
    ("минобороны армении", "Armenian Defence Ministry"),
    ("минобороны азербайджана", "Azerbaijani Defence Ministry"),
    ("минобороны нкр", "Nagorno-Karabakh Defence Ministry"),
    ("минобороны карабаха", "Nagorno-Karabakh Defence Ministry"),
    ("генпрокуратур", "Azerbaijani Prosecutor General's Office"),
)
# The last word of a passive ("fighting was reported"): what comes before it is what happened, not who said it.
_PASSIVE = frozenset({"was", "were", "is", "are", "been", "be", "being"})
_TOO_GENERIC = frozenset({"it", "he", "she", "they", "this", "that", "which", "who", "there", "officials"})


@dataclass(frozen=True, slots=True)
class Attribution:
    words: str  # as written in the sentence
    start: int
    end: int

    @property
    def claimed_by(self) -> str:
        """The body in English when it is a well-known one, with the words as written."""
        folded = fold(self.words)
        for words, english in KNOWN_BODIES:
            if words in folded:
                return self.words if english.lower() == self.words.lower() else f"{english} ({self.words})"
        return self.words


def attribution(sentence: str) -> Attribution | None:
    """Who `sentence` says it comes from, or None when it does not say."""
    folded = fold(sentence)
    for pattern in _PATTERNS:
        for match in pattern.finditer(folded):
            start, end = match.span("who")
            words = sentence[start:end].strip(" \"'«»“”-–")
            if words.lower().startswith("the "):
                words = words[4:]
            if len(words) < 3 or words.lower() in _TOO_GENERIC or len(words.split()) > 12:
                continue
            if words.split()[-1].lower() in _PASSIVE:
                continue  # "fighting was reported near X": nobody is named
            start = sentence.index(words, start)
            return Attribution(words, start, start + len(words))
    return None
