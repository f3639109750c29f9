"""Two editors saving the same event from the same revision at the same moment: exactly one wins, the other
gets `ConflictError` with their values intact; nothing half-written."""

from __future__ import annotations

import threading

import pytest
from storekit import EDITOR, OTHER_EDITOR, REVIEWER, PlacesGeocoder, event_values

from store.api import ConflictError, Revision
from store.postgres import open_store

pytestmark = pytest.mark.postgres


def _race(store_url: str, base: int | None, attempts: list[dict[str, str]]) -> list[Revision | ConflictError]:
    """Each of `attempts` saved by its own thread (own connection pool), all released at once."""
    stores = [open_store(store_url, geocoder=PlacesGeocoder()) for _ in attempts]
    barrier = threading.Barrier(len(attempts))
    results: list[Revision | ConflictError | None] = [None] * len(attempts)

    def save(index: int) -> None:
        who = (EDITOR, OTHER_EDITOR)[index % 2]
        barrier.wait()
        try:
            results[index] = stores[index].propose(who, values=attempts[index], base_number=base, reason="race")
        except ConflictError as error:
            results[index] = error

    threads = [threading.Thread(target=save, args=(i,)) for i in range(len(attempts))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    for opened in stores:
        opened.close()
    assert all(result is not None for result in results)
    return [result for result in results if result is not None]


@pytest.mark.parametrize("round_", range(5))
@pytest.mark.parametrize("kind", ["correct", "add"])
def test_exactly_one_of_two_simultaneous_saves_wins(store, store_url, kind, round_):
    base = None
    if kind == "correct":
        first = store.propose(EDITOR, values=event_values(), base_number=None, reason="new")
        base = store.publish(REVIEWER, revision_id=first.revision_id).number
    attempts = [event_values(notes=f"editor {i} round {round_}") for i in range(2)]
    results = _race(store_url, base, attempts)
    winners = [r for r in results if isinstance(r, Revision)]
    losers = [(i, r) for i, r in enumerate(results) if isinstance(r, ConflictError)]
    assert len(winners) == 1
    assert len(losers) == 1
    index, error = losers[0]
    assert error.yours == attempts[index]  # the loser keeps what they typed
    assert error.theirs == winners[0]  # and is shown what got there first
    assert store.pending() == winners
    assert len(store.history("T-1")) == (2 if kind == "correct" else 1)
