"""Roles, actions and the one table that says which role may do which action.

Roles are ordered: each one may do everything the role below it may, and more. A reviewer publishes other
people's revisions, never their own (`may_review`): that rule is about the revision, not only the role.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from access.errors import PermissionDeniedError


class Role(enum.IntEnum):
    """What a person may do, lowest first."""

    VIEWER = 0  # reads the published events; no login
    EDITOR = 1  # proposes additions, corrections and retractions; saves place overrides; asks the online geocoder
    REVIEWER = 2  # publishes or rejects other people's proposals
    ADMIN = 3  # adds people and changes their roles

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Role:
        """`Role.parse("editor")`; an unknown name raises ValueError naming it and the known ones."""
        try:
            return cls[value.strip().upper()]
        except KeyError:
            known = ", ".join(role.label for role in cls)
            raise ValueError(f"unknown role {value!r}: one of {known}") from None


class Action(enum.Enum):
    """Everything that changes shared state or spends a shared quota."""

    PROPOSE = "propose"  # add, correct or retract an event (a revision waiting for review)
    IMPORT = "import"  # import a file into the store as revisions
    REVIEW = "review"  # publish or reject a revision
    SAVE_PLACES = "save_places"  # write the geocoding overrides every session uses
    GEOCODE_ONLINE = "geocode_online"  # spend the online geocoder's quota
    SAVE_FILES = "save_files"  # write a named file into the app's folder on the server (article drafts)
    SHARE_STORY = "share_story"  # keep a story on the server so that a link opens it for others
    MANAGE_PEOPLE = "manage_people"  # add people, change roles


MINIMUM_ROLE: dict[Action, Role] = {
    Action.PROPOSE: Role.EDITOR,
    Action.IMPORT: Role.EDITOR,
    Action.SAVE_PLACES: Role.EDITOR,
    Action.GEOCODE_ONLINE: Role.EDITOR,
    Action.SAVE_FILES: Role.EDITOR,
    Action.SHARE_STORY: Role.EDITOR,
    Action.REVIEW: Role.REVIEWER,
    Action.MANAGE_PEOPLE: Role.ADMIN,
}


@dataclass(frozen=True, kw_only=True)
class Principal:
    """The person behind a session: a name (empty for an anonymous viewer), a role, and how we know."""

    name: str = ""
    role: Role = Role.VIEWER
    via: str = "anonymous"  # "anonymous", "loopback", "password", "proxy header"

    @classmethod
    def anonymous(cls) -> Principal:
        return cls()


ANONYMOUS = Principal.anonymous()


def allowed(principal: Principal, action: Action) -> bool:
    """True when `principal`'s role may do `action`."""
    return principal.role >= MINIMUM_ROLE[action]


def require(principal: Principal, action: Action) -> None:
    """Raise `PermissionDeniedError` naming the person, the action and the role it needs, unless allowed."""
    if not allowed(principal, action):
        who = principal.name or "an anonymous viewer"
        raise PermissionDeniedError(
            f"{who} ({principal.role.label}) may not {action.value.replace('_', ' ')}: "
            f"it needs the {MINIMUM_ROLE[action].label} role"
        )


def may_review(principal: Principal, *, author: str) -> bool:
    """A reviewer (or admin) may publish a revision, unless they wrote it: a second person always checks."""
    return allowed(principal, Action.REVIEW) and bool(principal.name) and principal.name != author
