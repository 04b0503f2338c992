"""A page of a listing: which rows, out of how many. Whole-KB listings reach tens of thousands
of rows at scale; people read them a page at a time and downloads take every row."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from jobkg.errors import ParamError

T = TypeVar("T")  # a query's row, or a role view

DEFAULT_LIMIT = 100  # rows per page in tables (CLI and app); JSON and CSV take every row


@dataclass(frozen=True)
class Page(Generic[T]):
    rows: list[T]
    total: int
    offset: int

    @property
    def next_offset(self) -> int | None:
        """Where the next page starts, or None after the last row."""
        end = self.offset + len(self.rows)
        return end if end < self.total else None

    def describe(self) -> str:
        """'rows 101–200 of 46,844', or 'all 12 rows'."""
        if not self.rows:
            return f"no rows at offset {self.offset:,} (there are {self.total:,})" if self.total else "no rows"
        if len(self.rows) == self.total:
            return f"all {self.total:,} rows" if self.total != 1 else "1 row"
        return f"rows {self.offset + 1:,}–{self.offset + len(self.rows):,} of {self.total:,}"


def page_of(rows: list[T], offset: int = 0, limit: int | None = DEFAULT_LIMIT) -> Page[T]:
    """The rows from offset, at most limit of them (None: all)."""
    if offset < 0:
        raise ParamError(f"offset must be 0 or more, not {offset}")
    if limit is not None and limit < 1:
        raise ParamError(f"limit must be 1 or more, not {limit}")
    end = None if limit is None else offset + limit
    return Page(rows[offset:end], len(rows), offset)
