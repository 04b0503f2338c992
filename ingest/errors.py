"""Named exceptions for bad input; each carries the file (and line) it is about."""

from __future__ import annotations


class JobkgError(Exception):
    """Base class of every error jobkg reports to a user as one line, without a traceback."""


class PageError(JobkgError):
    """A page cannot be read or parsed at all; the other pages still ingest."""

    def __init__(self, path: str, reason: str, line: int | None = None) -> None:
        self.path = path
        self.reason = reason
        self.line = line
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {reason}")


class SourceError(JobkgError):
    """A source given on the command line does not exist or holds no pages."""
