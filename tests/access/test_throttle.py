"""Fewer guesses: a name with too many failed sign-ins lately is refused for a while, known name or not."""

from __future__ import annotations

import pytest

from access import LoginError
from access.throttle import SignInThrottle, TooManyAttemptsError


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(
    ("failures", "later_s", "refused"),
    [
        (4, 0.0, False),  # under the limit
        (5, 0.0, True),
        (5, 299.0, True),
        (5, 300.0, False),  # the oldest failure has left the window
        (9, 0.0, True),
    ],
)
def test_a_name_is_refused_after_too_many_failures(failures, later_s, refused):
    clock = Clock()
    throttle = SignInThrottle(limit=5, window_s=300.0, clock=clock)
    for _ in range(failures):
        throttle.failed("Ana")
    clock.now += later_s
    if refused:
        with pytest.raises(TooManyAttemptsError, match="too many failed sign-ins for this name") as error:
            throttle.check(" ana ")  # the same name, however typed
        assert isinstance(error.value, LoginError)
        assert 0 < error.value.wait_s <= 300.0
    else:
        throttle.check("Ana")


def test_other_names_and_a_success_are_not_held_back():
    throttle = SignInThrottle(limit=2, window_s=60.0, clock=Clock())
    throttle.failed("Ana")
    throttle.failed("Ana")
    throttle.check("Rua")
    throttle.succeeded("Ana")
    throttle.check("Ana")


def test_names_without_recent_failures_are_forgotten():
    clock = Clock()
    throttle = SignInThrottle(limit=2, window_s=60.0, clock=clock)
    for number in range(100):
        throttle.failed(f"guess {number}")
    clock.now += 61
    for number in range(100):
        throttle.check(f"guess {number}")
    assert throttle._failures == {}
