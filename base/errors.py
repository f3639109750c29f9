"""One exception root for the package; each subclass also inherits the built-in it behaves like."""

from __future__ import annotations


class EventMapError(Exception):
    """Root of every error raised by `eventmap`."""


class DataFileError(EventMapError, ValueError):
    """A file cannot be used at all: not text, not a CSV, or required columns missing."""


class ImportFormatError(EventMapError, ValueError):
    """An export does not match the format it was said (or detected) to be."""


class LimitExceededError(EventMapError, ValueError):
    """An input is larger than a configured limit (upload size, row count)."""


class UnsafePathError(EventMapError, ValueError):
    """A path would lead outside the folders the app owns."""


class WriteConflictError(EventMapError, RuntimeError):
    """A file changed on disk since it was read; the write was refused, nothing was lost."""


class ExportError(EventMapError, RuntimeError):
    """An export (PNG, GIF, HTML, CSV, GeoJSON) could not be produced."""


class SettingError(EventMapError, ValueError):
    """A setting from the environment is unusable (not a number, out of range)."""


class MappingError(EventMapError, ValueError):
    """A column mapping names a field the schema does not have, or a column the table does not have."""
