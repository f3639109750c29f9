"""Which role may do what: the whole table, the refusal's message, and the second-person rule of reviews."""

from __future__ import annotations

import pytest

from access import Action, PermissionDeniedError, Principal, Role, allowed, may_review, require

A, E, R, V = Role.ADMIN, Role.EDITOR, Role.REVIEWER, Role.VIEWER


@pytest.mark.parametrize(
    ("action", "may"),
    [
        (Action.PROPOSE, {E, R, A}),
        (Action.IMPORT, {E, R, A}),
        (Action.SAVE_PLACES, {E, R, A}),
        (Action.GEOCODE_ONLINE, {E, R, A}),
        (Action.SAVE_FILES, {E, R, A}),
        (Action.SHARE_STORY, {E, R, A}),
        (Action.REVIEW, {R, A}),
        (Action.MANAGE_PEOPLE, {A}),
    ],
)
def test_each_role_may_do_exactly_its_actions(action, may):
    assert {role for role in Role if allowed(Principal(name="x", role=role), action)} == may


def test_every_action_is_in_the_table():
    for action in Action:
        allowed(Principal.anonymous(), action)  # a KeyError here: an action nobody said who may do


@pytest.mark.parametrize(
    ("principal", "message"),
    [
        (Principal.anonymous(), "an anonymous viewer (viewer) may not save places: it needs the editor role"),
        (Principal(name="Ana", role=Role.EDITOR), "Ana (editor) may not manage people: it needs the admin role"),
    ],
)
def test_a_refusal_names_who_what_and_the_role_needed(principal, message):
    action = Action.SAVE_PLACES if principal.role is Role.VIEWER else Action.MANAGE_PEOPLE
    with pytest.raises(PermissionDeniedError) as refused:
        require(principal, action)
    assert str(refused.value) == message
    assert isinstance(refused.value, PermissionError)


@pytest.mark.parametrize(
    ("principal", "author", "may"),
    [
        (Principal(name="Rua", role=Role.REVIEWER), "Ana", True),
        (Principal(name="Rua", role=Role.REVIEWER), "Rua", False),  # never one's own revision
        (Principal(name="Adi", role=Role.ADMIN), "Ana", True),
        (Principal(name="Ana", role=Role.EDITOR), "Rua", False),
        (Principal(name="", role=Role.REVIEWER), "Ana", False),  # a reviewer without a name cannot be told apart
    ],
)
def test_a_second_person_reviews(principal, author, may):
    assert may_review(principal, author=author) is may


@pytest.mark.parametrize(("text", "role"), [("editor", E), (" Admin ", A), ("VIEWER", V), ("reviewer", R)])
def test_role_names_parse(text, role):
    assert Role.parse(text) is role


def test_an_unknown_role_names_the_known_ones():
    with pytest.raises(ValueError, match="unknown role 'boss': one of viewer, editor, reviewer, admin"):
        Role.parse("boss")
