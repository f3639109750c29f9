"""Problems found in input files, reported as `FILE:LINE: column: message`."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(Enum):
    ERROR = "error"  # the row is set aside (listed, never dropped silently)
    WARNING = "warning"  # the row loads; the user should look at it


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in one cell (or row, or file) of an input file.

    `line` is the 1-based physical line in the file where the row starts (the header is line 1);
    None for a problem with the whole file.
    """

    file: str
    line: int | None
    column: str | None
    message: str
    value: str | None = None
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        column = f" {self.column}:" if self.column else ""
        # The value once, not twice: not again when the message quotes it (a short one may be a coincidence).
        shown = self.value is None or (len(self.value) >= 3 and repr(self.value) in self.message)
        value = "" if shown else f" (got {self.value!r})"
        tag = "" if self.severity is Severity.ERROR else " warning:"
        return f"{where}:{column}{tag} {self.message}{value}"
