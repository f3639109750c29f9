"""The people directory the app signs people in against: the people file of the embedded default
(`state_dir/people.json`), or the team store when `EVENTMAP_DATABASE_URL` names one."""

from __future__ import annotations

from pathlib import Path

from access.people import PeopleDirectory
from access.people_file import FILE_NAME, PeopleFile
from base.settings import Settings


def people_path(settings: Settings) -> Path:
    return settings.state_dir / FILE_NAME


def people_directory(settings: Settings) -> PeopleDirectory:
    """The people file, or the team store; `StoreUnavailableError` when the team store cannot be opened."""
    if not settings.team_store:
        return PeopleFile(people_path(settings))
    from store import open_store  # here: the embedded default never loads the database's libraries

    directory: PeopleDirectory = open_store(settings.database_url)
    return directory
