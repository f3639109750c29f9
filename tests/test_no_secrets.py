"""Settings and secrets (issue 7.7): keys and the geocoder's user agent never come from the repo."""

from __future__ import annotations

import re
import subprocess
from dataclasses import fields, replace
from pathlib import Path

import pytest

from base.settings import Settings

PROJECT_ROOT = Path(__file__).resolve().parents[1]
MAX_SCANNED_BYTES = 5 * 1024 * 1024

# Contacts that are placeholders by definition (RFC 2606 / RFC 6761), fine in docs and tests.
PLACEHOLDER_CONTACT = re.compile(
    r"@(?:[\w-]+\.)*(?:example\.(?:com|org|net)|[\w-]+\.(?:invalid|test|example))\b|@localhost\b|<[^<>@]*@?[^<>]*>",
    re.IGNORECASE,
)
SECRET_PATTERNS: dict[str, re.Pattern[str]] = {
    "AWS access key": re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"),
    "Google API key": re.compile(r"\bAIza[0-9A-Za-z_\-]{35}\b"),
    "GitHub token": re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})\b"),
    "Slack token": re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}"),
    "OpenAI-style key": re.compile(r"\bsk-(?:proj-)?[A-Za-z0-9_-]{32,}"),
    "private key": re.compile(r"-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY"),
    "key or token in an assignment": re.compile(
        r"""(?ix)
        (?:api[_-]?key|apikey|access[_-]?token|auth[_-]?token|secret[_-]?key|client[_-]?secret|password)
        ["']?\s*[:=]\s*["']
        (?![^"'\n]*(?:\{|\$|<|your|example|changeme|dummy|placeholder|xxx))
        (?!(?-i:[A-Z][A-Z0-9_]*)["'])  # the name of an environment variable
        [A-Za-z0-9_\-+/=.]{16,}["']
        """
    ),
}
# A user agent naming a real person's contact (an e-mail address or a web address).
USER_AGENT_WITH_CONTACT = re.compile(
    r"""(?ix)
    (?:user[_-]?agent|EVENTMAP_GEOCODER_USER_AGENT)["']?\s*[:=]\s*["']?
    (?P<value>[^"'\n]*(?:[\w.+-]+@[\w-]+\.[\w.-]+|https?://[^\s"')]+)[^"'\n]*)
    """
)


def findings_in(text: str) -> list[str]:
    """What in `text` looks like a secret or a contact baked into the repo."""
    found = [
        f"{what}: {match.group(0)[:60]!r}"
        for what, pattern in SECRET_PATTERNS.items()
        for match in pattern.finditer(text)
    ]
    for match in USER_AGENT_WITH_CONTACT.finditer(text):
        value = match.group("value")
        if PLACEHOLDER_CONTACT.search(value) or "127.0.0.1" in value or "localhost" in value:
            continue
        found.append(f"user agent with contact: {match.group(0)[:80]!r}")
    return found


def repository_files() -> list[Path]:
    """Tracked files, and untracked ones that git would commit (not ignored)."""
    listing = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        check=True,
    ).stdout
    paths = [PROJECT_ROOT / name for name in listing.decode().split("\0") if name]
    return [p for p in paths if p.is_file()]


def is_ignored(relative: str) -> bool:
    result = subprocess.run(["git", "check-ignore", "-q", relative], cwd=PROJECT_ROOT, check=False)
    return result.returncode == 0


@pytest.mark.parametrize(
    ("text", "is_secret"),
    [
        ('key = "AKIAIOSFODNN7EXAMPLE"', True),
        ("GOOGLE=AIzaSyA1234567890abcdefghijklmnopqrstuv", True),
        ("token: ghp_abcdefghijklmnopqrstuvwxyz0123456789", True),
        ("-----BEGIN OPENSSH PRIVATE KEY-----", True),
        ('geocoder_api_key = "3f9a1c2b4d5e6f708192a3b4c5d6e7f8"', True),
        ("'password': 'hunter2hunter2hunter2'", True),
        ('user_agent="eventmap/0.1 (jane.doe@gmail.com)"', True),
        ("EVENTMAP_GEOCODER_USER_AGENT=eventmap/0.1 (https://janedoe.net/contact)", True),
        ("headers={'User-Agent': 'eventmap contact: ops@newsroom.org'}", True),
        # Placeholders and code that reads settings are fine.
        ('user_agent="eventmap/0.1 (you@example.org)"', False),
        ("EVENTMAP_GEOCODER_USER_AGENT='eventmap-tests/1.0 (tests@eventmap.invalid)'", False),
        ("user_agent=settings.geocoder_user_agent", False),
        ('geocoder_api_key: str = ""  # for providers that need one', False),
        ('api_key = os.environ["EVENTMAP_GEOCODER_API_KEY"]', False),
        ('api_key = "<your key here, from the provider>"', False),
        ('"geocoder_api_key": "EVENTMAP_GEOCODER_API_KEY",', False),
        ('user_agent = "eventmap/0.1 (http://127.0.0.1:8765)"', False),
        ("Shusha was shelled; sources: https://news.am/eng/news/605445.html", False),
    ],
)
def test_the_scanner_tells_secrets_from_placeholders(text: str, is_secret: bool) -> None:
    assert bool(findings_in(text)) is is_secret, findings_in(text)


def test_the_repository_holds_no_keys_and_no_contact_in_a_user_agent() -> None:
    scanned = 0
    problems = []
    for path in repository_files():
        if path.stat().st_size > MAX_SCANNED_BYTES or path.resolve() == Path(__file__).resolve():
            continue
        raw = path.read_bytes()
        if b"\0" in raw[:8192]:
            continue  # binary
        scanned += 1
        text = raw.decode("utf-8", errors="replace")
        for line_no, line in enumerate(text.splitlines(), start=1):
            problems += [f"{path.relative_to(PROJECT_ROOT)}:{line_no}: {f}" for f in findings_in(line)]
    assert scanned > 10, "the scan found almost no files: is this a git checkout?"
    assert problems == [], "secrets or contacts in the repo; move them to the environment or Streamlit secrets:\n" + (
        "\n".join(problems)
    )


@pytest.mark.parametrize("relative", [".streamlit/secrets.toml", ".env"])
def test_secret_files_are_ignored_by_git(relative: str) -> None:
    assert is_ignored(relative), f"{relative} must be listed in .gitignore so that secrets are never committed"
    tracked = subprocess.run(
        ["git", "ls-files", "--error-unmatch", relative], cwd=PROJECT_ROOT, capture_output=True, check=False
    )
    assert tracked.returncode != 0, f"{relative} is tracked by git"


def test_settings_read_the_geocoder_secrets_from_the_environment() -> None:
    env = {
        "EVENTMAP_GEOCODER_USER_AGENT": "eventmap-tests/1.0 (tests@eventmap.invalid)",
        "EVENTMAP_GEOCODER_API_KEY": "k-123",
        "EVENTMAP_ONLINE_GEOCODING": "1",
    }
    settings = Settings.from_env(env)
    assert settings.geocoder_user_agent == "eventmap-tests/1.0 (tests@eventmap.invalid)"
    assert settings.geocoder_api_key == "k-123"
    assert settings.online_geocoding is True


def test_settings_carry_no_secret_by_default() -> None:
    settings = Settings.from_env({})
    assert settings.geocoder_user_agent == ""
    assert settings.geocoder_api_key == ""
    assert settings.online_geocoding is False
    defaults = {f.name: f.default for f in fields(Settings)}
    assert defaults["geocoder_user_agent"] == "" == defaults["geocoder_api_key"]


def test_secrets_do_not_show_in_the_settings_repr() -> None:
    """A settings object printed in a log or an error page must not reveal the API key."""
    settings = Settings.from_env({"EVENTMAP_GEOCODER_API_KEY": "very-secret-key-123"})
    assert "very-secret-key-123" not in repr(settings)


def test_online_geocoding_without_a_user_agent_says_what_to_set() -> None:
    from geo.chain import default_chain
    from geo.errors import ConfigurationError

    settings = replace(Settings.from_env({"EVENTMAP_ONLINE_GEOCODING": "1"}), geocoder_user_agent="  ")
    with pytest.raises(ConfigurationError) as caught:
        default_chain(settings, use_geonames=False)
    message = str(caught.value)
    assert "EVENTMAP_GEOCODER_USER_AGENT" in message
    assert "geocoder_user_agent" in message  # the Streamlit secret's name
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize("provider", ["opencage", "OpenCage", " opencage "])
def test_a_provider_that_needs_a_key_says_what_to_set(provider: str) -> None:
    from geo.errors import ConfigurationError
    from geo.geocoders.online import make_geopy_geocoder

    with pytest.raises(ConfigurationError, match="EVENTMAP_GEOCODER_API_KEY"):
        make_geopy_geocoder(provider, user_agent="eventmap-tests/1.0 (tests@eventmap.invalid)", api_key="")


def test_streamlit_secrets_reach_the_settings() -> None:
    """Secrets in `.streamlit/secrets.toml` (or the host's secret store) become the settings' values."""
    from streamlit.testing.v1 import AppTest

    def script() -> None:
        import streamlit as st

        from base.settings import Settings
        from ui.data import copy_secrets_to_env

        environ: dict[str, str] = {}
        copied = copy_secrets_to_env(environ)
        settings = Settings.from_env(environ)
        st.text(f"ua={settings.geocoder_user_agent}|key={settings.geocoder_api_key}|copied={sorted(copied)}")

    app = AppTest.from_function(script, default_timeout=30)
    app.secrets["geocoder_user_agent"] = "eventmap-tests/1.0 (tests@eventmap.invalid)"
    app.secrets["geocoder_api_key"] = "k-from-secrets"
    app.run()
    assert not app.exception
    assert app.text[0].value == (
        "ua=eventmap-tests/1.0 (tests@eventmap.invalid)|key=k-from-secrets|"
        "copied=['EVENTMAP_GEOCODER_API_KEY', 'EVENTMAP_GEOCODER_USER_AGENT']"
    )
