"""Who this session is, and the sidebar's "Sign in" panel. The only module that reads Streamlit's request
context (`st.context`): it gathers the facts and `access.sessions.identify` decides (a pure function).

A session signed in with a name and password keeps its principal in `st.session_state` (no widget can
write that key), checked against the directory at every rerun: a person removed or given another role
there is signed out or changed at once. Otherwise the request decides: the person at the machine
(loopback, embedded default), a person named by the trusted proxy header, or an anonymous viewer.
"""

from __future__ import annotations

import streamlit as st

from access import AccessError, Action, LoginError, PeopleDirectory, Principal, allowed
from access.roles import MINIMUM_ROLE
from access.sessions import Identity, Issue, RequestFacts, identify
from access.throttle import SignInThrottle, TooManyAttemptsError
from base.settings import Settings
from eventmap.i18n import t
from eventmap.scene.model import Lang
from services.people import people_directory
from store.api import StoreError
from ui.safe_text import plain_markdown

SIGNED_IN_KEY = "_who_signed_in"  # the Principal of a password sign-in (not a widget key: no client sets it)
FORM_KEY = "who_sign_in"
NAME_KEY = "who_name"
PASSWORD_KEY = "who_password"  # noqa: S105 (a widget key)
SIGN_OUT_KEY = "who_sign_out"
THROTTLE = SignInThrottle()  # one per process: every session's failed sign-ins count


def request_facts() -> RequestFacts:
    """The connection's peer address and headers, as Streamlit reports them.

    Streamlit reports a loopback peer (127.0.0.1, ::1) as `ip_address` None, and also gives None with no
    headers when it knows nothing of the connection. A real connection always has headers (Host at least),
    so None with headers is loopback, and None without is unknown (never trusted)."""
    headers = {name: ", ".join(st.context.headers.get_all(name)) for name in st.context.headers}
    ip = st.context.ip_address
    if ip is None and headers:
        ip = "127.0.0.1"
    return RequestFacts(ip=ip, headers=headers)


@st.cache_resource(show_spinner=False, max_entries=4)
def _directory(settings: Settings) -> PeopleDirectory:
    return people_directory(settings)


def directory(settings: Settings) -> PeopleDirectory:
    """The people directory of `settings` (shared by every session)."""
    return _directory(settings)


def identity(settings: Settings) -> Identity:
    """Who this session is now (see the module's docstring); errors of the directory leave it a viewer."""
    signed = st.session_state.get(SIGNED_IN_KEY)
    try:
        people = directory(settings)
        if isinstance(signed, Principal):
            person = people.person(signed.name)
            if person is None:
                st.session_state.pop(SIGNED_IN_KEY, None)
            else:
                return Identity(principal=Principal(name=person.name, role=person.role, via="password"))
        return identify(request_facts(), team_store=settings.team_store,
                        trusted_user_header=settings.trusted_user_header, directory=people)
    except (AccessError, StoreError):
        return Identity(principal=_loopback_only(settings))


def _loopback_only(settings: Settings) -> Principal:
    """When the directory cannot be read: the loopback rule still holds (it needs no directory)."""
    return identify(request_facts(), team_store=settings.team_store,
                    trusted_user_header=settings.trusted_user_header, directory=None).principal


def current(settings: Settings) -> Principal:
    """The principal of this session."""
    return identity(settings).principal


def may(settings: Settings, action: Action) -> bool:
    return allowed(current(settings), action)


def role_name(principal: Principal, lang: Lang) -> str:
    return t(f"who.role.{principal.role.label}", lang)


def sign_in(settings: Settings, name: str, password: str) -> Principal:
    """Check `name` and `password` against the directory; on success the session is that person. After
    too many failures for one name, `TooManyAttemptsError` (a `LoginError`) without checking the password."""
    THROTTLE.check(name)
    try:
        principal = directory(settings).authenticate(name, password)
    except LoginError:
        THROTTLE.failed(name)
        raise
    THROTTLE.succeeded(name)
    st.session_state[SIGNED_IN_KEY] = principal
    return principal


def sign_out() -> None:
    st.session_state.pop(SIGNED_IN_KEY, None)


def sign_in_panel(settings: Settings, *, lang: Lang) -> Principal:
    """The sidebar's "Sign in" expander; returns the session's principal after any sign-in or sign-out."""
    with st.sidebar.expander(t("who.panel", lang), icon=":material/person:"):
        try:
            return _panel(settings, lang=lang)
        except (AccessError, StoreError) as error:  # a damaged people file, the team store unreachable
            st.error(plain_markdown(str(error)), icon=":material/error:")
            return _loopback_only(settings)


def _panel(settings: Settings, *, lang: Lang) -> Principal:
    found = identity(settings)
    principal = found.principal
    if principal.via == "password":
        st.markdown(t("who.signed_in", lang, name=plain_markdown(principal.name), role=role_name(principal, lang)))
        if st.button(t("who.sign_out", lang), key=SIGN_OUT_KEY, icon=":material/logout:"):
            sign_out()
            st.rerun()
        return principal
    if principal.via == "proxy header":
        st.markdown(t("who.signed_in_proxy", lang, name=plain_markdown(principal.name),
                      role=role_name(principal, lang)))
        return principal
    if principal.via == "loopback":
        st.caption(t("who.loopback", lang, role=role_name(principal, lang)))
    else:
        st.caption(t("who.viewer", lang))
    if found.issue is Issue.UNKNOWN_PERSON:
        st.warning(t("who.unknown_proxy_person", lang, header=plain_markdown(settings.trusted_user_header)),
                   icon=":material/person_off:")
    elif found.issue is Issue.NOT_FROM_PROXY:
        st.warning(t("who.header_not_from_proxy", lang, header=plain_markdown(settings.trusted_user_header)),
                   icon=":material/person_off:")
    with st.form(FORM_KEY, clear_on_submit=True, border=False):
        name = st.text_input(t("who.name", lang), key=NAME_KEY, max_chars=64, autocomplete="username")
        password = st.text_input(t("who.password", lang), key=PASSWORD_KEY, type="password", max_chars=200,
                                 autocomplete="current-password")
        submitted = st.form_submit_button(t("who.sign_in", lang), icon=":material/login:")
    if submitted:
        try:
            principal = sign_in(settings, name, password)
        except TooManyAttemptsError as error:
            st.error(t("who.too_many", lang, seconds=max(1, round(error.wait_s))), icon=":material/lock_clock:")
            return principal
        except LoginError:
            st.error(t("who.sign_in_failed", lang), icon=":material/lock:")
            return principal
        st.rerun()
    return principal


def needs_line(action: Action, *, lang: Lang) -> str:
    """"Saving needs an editor: sign in in the sidebar" — what a viewer is told where a control is off."""
    return t("who.needs_role", lang, role=t(f"who.role.{MINIMUM_ROLE[action].label}", lang))
