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
    quotes_value: bool = False  # the message shows the value already: not again after it

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        column = f" {self.column}:" if self.column else ""
        value = "" if self.value is None or self.quotes_value else f" (got {self.value!r})"
        tag = "" if self.severity is Severity.ERROR else " warning:"
        return f"{where}:{column}{tag} {self.message}{value}"
