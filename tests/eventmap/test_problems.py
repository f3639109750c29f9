"""How a problem reads: `FILE:LINE: column: message`, with the bad value shown once."""

import pytest

from base.problems import Problem, Severity


@pytest.mark.parametrize(("problem", "text"), [
    (Problem("a.csv", 3, "side", "required, but empty"), "a.csv:3: side: required, but empty"),
    (Problem("a.csv", 3, "status", "must be one of: confirmed, claimed", value="rumour"),
     "a.csv:3: status: must be one of: confirmed, claimed (got 'rumour')"),
    (Problem("a.csv", 4, "date", "not a date: 'never'", value="never", quotes_value=True),
     "a.csv:4: date: not a date: 'never'"),
    (Problem("a.csv", 5, "sources", "separate sources by ';'", value=";"),
     "a.csv:5: sources: separate sources by ';' (got ';')"),  # the text only happens to contain the value
    (Problem("a.csv", None, None, "not a CSV file"), "a.csv: not a CSV file"),
    (Problem("a.csv", 6, "latitude", "outside the region", value="95", severity=Severity.WARNING),
     "a.csv:6: latitude: warning: outside the region (got '95')"),
])
def test_a_problem_reads_file_line_column_message(problem: Problem, text: str) -> None:
    assert str(problem) == text
