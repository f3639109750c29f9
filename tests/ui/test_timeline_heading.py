"""The timeline's heading says what one bar counts: a day, a week or a month."""

from __future__ import annotations

import pandas as pd
import pytest

from eventmap.scene import Lang
from ui.timeline import timeline_heading


@pytest.mark.parametrize(("days", "lang", "heading"), [
    (45, Lang.EN, "Events per day"),
    (3 * 365, Lang.EN, "Events per week"),
    (20 * 365, Lang.EN, "Events per month"),
    (3 * 365, Lang.AR, "الأحداث في كل أسبوع"),
    (0, Lang.RU, "Событий в день"),  # no event: the day's heading
])
def test_the_heading_names_the_bar(days, lang, heading):
    dates = pd.date_range("2020-01-01", periods=days, freq="D")
    assert timeline_heading(pd.DataFrame({"date": dates}), lang=lang) == heading
