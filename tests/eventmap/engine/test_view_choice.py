"""The view of a large file in the URL: written and read back the same, a hand-edited link never fails, and a
view's key does not depend on the order its values were picked in."""

from __future__ import annotations

from datetime import date

import pytest

from eventmap.engine.view_choice import ViewChoice

DATED = ViewChoice(date_from=date(2022, 3, 1), date_to=date(2022, 3, 30))


@pytest.mark.parametrize(
    "choice",
    [
        ViewChoice(),
        DATED,
        ViewChoice(date_from=date(2022, 3, 1), countries=("Ukraine", "Россия"), sides=("'); DROP TABLE x; --",),
                   event_types=("Battles", "Explosions/Remote violence")),
    ],
)
def test_a_view_goes_through_the_url_unchanged(choice: ViewChoice) -> None:
    query = choice.to_query()
    assert ViewChoice.from_query(query) == (choice if query else None)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, None),
        ({"from": "2022-03-01", "side": "Russia"}, None),  # the sidebar's filters are not a view
        ({"view_from": "2022-03-30", "view_to": "2022-03-01"}, DATED),  # reversed dates are swapped
        ({"view_from": "yesterday", "view_to": "2022-03-30"}, ViewChoice(date_to=date(2022, 3, 30))),
        ({"view_country": ["Ukraine", "", "Ukraine"]}, ViewChoice(countries=("Ukraine",))),
    ],
)
def test_a_hand_edited_link_is_read_without_failing(params, expected) -> None:
    assert ViewChoice.from_query(params) == expected


def test_the_key_names_the_view_not_the_order_of_its_values() -> None:
    one = ViewChoice(sides=("A", "B"), countries=("X", "Y"))
    other = ViewChoice(sides=("B", "A"), countries=("Y", "X"))
    assert one.key() == other.key()
    assert one.key() != ViewChoice(sides=("A",), countries=("X", "Y")).key()


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "2022-03-01 – 2022-03-30; Countries: Ukraine; Side: all; Event type: all"),
        ("ar", "2022-03-01 – 2022-03-30؛ البلدان: Ukraine؛ الطرف: الكل؛ نوع الحدث: الكل"),
        ("ru", "2022-03-01 – 2022-03-30; Страны: Ukraine; Сторона: все; Тип события: все"),
    ],
)
def test_the_view_in_words(lang: str, words: str) -> None:
    choice = ViewChoice(date_from=date(2022, 3, 1), date_to=date(2022, 3, 30), countries=("Ukraine",))
    assert choice.describe(lang) == words
