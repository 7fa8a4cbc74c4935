"""The exceptions namenorm raises on purpose.

Every one derives from :class:`NamenormError`, so a caller can catch that one class::

    NamenormError
    ├── GazetteerError      bad gazetteer data (carries the file and line when known)
    ├── InputTooLongError   a query or text over the documented size limits
    └── IndexFormatError    a saved index that cannot be read by this version
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["GazetteerError", "IndexFormatError", "InputTooLongError", "NamenormError"]


class NamenormError(Exception):
    """Base class of every error namenorm raises on purpose."""


class GazetteerError(NamenormError, ValueError):
    """Gazetteer data is malformed or inconsistent.

    Attributes:
        path: the file the problem is in, or ``None`` for in-memory records.
        line: 1-based line number in that file, when known.
        problem: the message without the location prefix.
    """

    def __init__(self, problem: str, *, path: str | Path | None = None, line: int | None = None) -> None:
        self.problem = problem
        self.path = None if path is None else str(path)
        self.line = line
        super().__init__(self._format())

    def _format(self) -> str:
        if self.path is None:
            return self.problem
        if self.line is None:
            return f"{self.path}: {self.problem}"
        return f"{self.path}:{self.line}: {self.problem}"


class InputTooLongError(NamenormError, ValueError):
    """A name or text is longer than the limit the operation accepts."""

    def __init__(self, what: str, length: int, limit: int) -> None:
        self.length = length
        self.limit = limit
        super().__init__(f"{what} is {length} characters long; the limit is {limit}")


class IndexFormatError(NamenormError, ValueError):
    """A saved resolver index is not one this version can read."""
