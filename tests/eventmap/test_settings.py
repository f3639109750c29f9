"""Settings from the environment: numbers are read with their units, a wrong value names its variable."""

import pytest

from base.errors import EventMapError, SettingError
from base.settings import Settings


@pytest.mark.parametrize(("env", "attribute", "expected"), [
    ({}, "online_budget_s", 20.0),
    ({"EVENTMAP_ONLINE_BUDGET_S": "2.5"}, "online_budget_s", 2.5),
    ({"EVENTMAP_ONLINE_BUDGET_S": "0"}, "online_budget_s", 0.0),
    ({"EVENTMAP_ONLINE_BUDGET_S": " "}, "online_budget_s", 20.0),  # blank: the default
    ({"EVENTMAP_MAX_UPLOAD_MB": "1.5"}, "max_upload_bytes", 1_572_864),
    ({"EVENTMAP_MAX_ROWS": "1000"}, "max_rows", 1000),
    ({}, "view_rows", 2_000_000),
    ({"EVENTMAP_VIEW_ROWS": "5000"}, "view_rows", 5000),
    ({"EVENTMAP_ONLINE_GEOCODING": "yes"}, "online_geocoding", True),
    ({"EVENTMAP_ONLINE_GEOCODING": "0"}, "online_geocoding", False),
])
def test_values_from_the_environment(env: dict[str, str], attribute: str, expected: object) -> None:
    assert getattr(Settings.from_env(env), attribute) == expected


@pytest.mark.parametrize(("name", "value", "words"), [
    ("EVENTMAP_MAX_ROWS", "many", "must be a number, got 'many'"),
    ("EVENTMAP_MAX_UPLOAD_MB", "-5", "must be a number of 0 or more, got '-5'"),
    ("EVENTMAP_VIEW_ROWS", "ten million", "must be a number, got 'ten million'"),
    ("EVENTMAP_ONLINE_BUDGET_S", "nan", "must be a number of 0 or more, got 'nan'"),
    ("EVENTMAP_ONLINE_BUDGET_S", "inf", "must be a number of 0 or more, got 'inf'"),
])
def test_a_wrong_number_names_the_variable_and_the_value(name: str, value: str, words: str) -> None:
    with pytest.raises(SettingError, match=f"^{name} {words}$") as caught:
        Settings.from_env({name: value})
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, EventMapError)
