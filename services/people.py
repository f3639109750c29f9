"""The people directory the app signs people in against: the people file of the embedded default
(`state_dir/people.json`), or the team store when `EVENTMAP_DATABASE_URL` names one."""

from __future__ import annotations

import importlib
from pathlib import Path

from access.people import PeopleDirectory
from access.people_file import FILE_NAME, PeopleFile
from base.settings import Settings
from store.api import StoreUnavailableError

TEAM_STORE_MODULE = "store.postgres"  # its `open_store(database_url)` gives the team store (an EventStore)


def people_path(settings: Settings) -> Path:
    return settings.state_dir / FILE_NAME


def people_directory(settings: Settings) -> PeopleDirectory:
    """The people file, or the team store; `StoreUnavailableError` when the team store cannot be opened."""
    if not settings.team_store:
        return PeopleFile(people_path(settings))
    try:
        opener = importlib.import_module(TEAM_STORE_MODULE).open_store
    except (ImportError, AttributeError) as error:
        raise StoreUnavailableError(f"EVENTMAP_DATABASE_URL is set, but the team store cannot be opened: "
                                    f"{TEAM_STORE_MODULE}.open_store is missing ({error})") from None
    directory: PeopleDirectory = opener(settings.database_url)
    return directory
