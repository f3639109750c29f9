"""Who a sentence says it comes from."""

from __future__ import annotations

import pytest

from eventmap.extract.attribution import attribution


@pytest.mark.parametrize(("sentence", "claimed_by"), [
    ("وفي وقت سابق قالت وزارة الدفاع الأرمينية إن الجيش الأذري حاول شن هجوم على مدينة جبرائيل",
     "Armenian Defence Ministry (وزارة الدفاع الأرمينية)"),
    ("ونقل مراسل الجزيرة عن مصادر عسكرية أرمينية أن القصف الأذري تجدد على ستيباناكيرت",
     "Armenian military sources (مصادر عسكرية أرمينية)"),
    ("ونفى الجيش الأذري قصف الموقع", "Azerbaijani army (الجيش الأذري)"),
    ("По данным Минобороны Армении, Степанакерт обстрелян.", "Armenian Defence Ministry (Минобороны Армении)"),
    ("Степанакерт обстрелян, сообщило накануне Минобороны Армении.",
     "Armenian Defence Ministry (Минобороны Армении)"),
    ("Azerbaijani forces shelled Stepanakert, the Armenian Defence Ministry said.", "Armenian Defence Ministry"),
    ("According to Azerbaijan's Prosecutor General's Office, two civilians died in Tartar.",
     "Azerbaijan's Prosecutor General's Office"),
    # who said it named by where they are, at the end of a Russian sentence
    ("Город Гянджа подвергся обстрелу, заявили в Баку.", "в Баку"),
    # an aide: the whole title, not its last word
    ("Мингячевир обстрелян ракетами, сообщил помощник президента Азербайджана.",
     "помощник президента Азербайджана"),
    # "said the cities of ...": what follows "said" is what happened, the speaker comes before it
    ("The Defence Ministry said the cities of Ganja and Mingachevir were struck by missiles.", "Defence Ministry"),
    ("Ganja was shelled overnight, said the Azerbaijani Defence Ministry.", "Azerbaijani Defence Ministry"),
])
def test_attribution(sentence: str, claimed_by: str) -> None:
    found = attribution(sentence)
    assert found is not None
    assert found.claimed_by == claimed_by
    assert sentence[found.start:found.end] == found.words


@pytest.mark.parametrize("sentence", ["وفي مدينة شوشة، طال القصف كاتدرائية", "Stepanakert was shelled.",
                                      "Heavy fighting was reported near Fuzuli and Jabrayil on Tuesday."])
def test_no_attribution(sentence: str) -> None:
    assert attribution(sentence) is None
