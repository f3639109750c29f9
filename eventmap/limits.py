"""Limits on one input file, fitting where it comes from: an upload keeps the upload limit
(`max_upload_bytes`, `max_rows`); a local file (named with `--data`, `EVENTMAP_DATA` or on the command line)
is limited by the memory free to load it (`base.memory`), not by the upload limit."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from base.errors import LimitExceededError
from base.memory import available_memory_bytes, memory_shortfall_message
from base.settings import Settings


class SizeRule(Enum):
    """What limits the size of a file: the upload limit, or (a local file) the memory free to load it."""

    UPLOAD = "upload"
    MEMORY = "memory"


@dataclass(frozen=True, slots=True)
class Limits:
    """Limits on one input file; the defaults come from `Settings` (`EVENTMAP_MAX_UPLOAD_MB`, `EVENTMAP_MAX_ROWS`).

    An upload is limited to `max_bytes` and `max_rows`; a local file (`for_local_file`) by the memory free
    (`base.memory`; `available_memory` overrides what the system says, for tests) and no row limit."""

    max_bytes: int = Settings.max_upload_bytes
    max_rows: int | None = Settings.max_rows
    size_rule: SizeRule = SizeRule.UPLOAD
    available_memory: int | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> Limits:
        return cls(max_bytes=settings.max_upload_bytes, max_rows=settings.max_rows)

    @classmethod
    def for_local_file(cls, settings: Settings, *, available_memory: int | None = None) -> Limits:
        """The limits of a file named with `--data`, `EVENTMAP_DATA` or on the command line."""
        return cls(max_bytes=settings.max_upload_bytes, max_rows=None, size_rule=SizeRule.MEMORY,
                   available_memory=available_memory)

    def check_size(self, name: str, size: int) -> None:
        """Raise `LimitExceededError` when a file of `size` bytes is over the limit, saying which."""
        if self.size_rule is SizeRule.UPLOAD:
            if size > self.max_bytes:
                raise LimitExceededError(_size_message(name, size, self.max_bytes))
            return
        available = self.available_memory if self.available_memory is not None else available_memory_bytes()
        message = memory_shortfall_message(name, size, available) if available is not None else None
        if message is not None:
            raise LimitExceededError(message)


def _size_message(name: str, size: int, limit: int) -> str:
    return (f"{name}: the file is {_megabytes(size)} ({size:,} bytes); "
            f"the limit is {_megabytes(limit)} (max_upload_bytes)")


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"
