"""Answers of canned queries kept per embedded KB. A KB never changes once built, so a listing
of every role (seconds at 100x the dev corpus) need not be recomputed on every Streamlit rerun.
Bounded by rows, not entries: one whole-KB listing can outweigh thousands of lookups."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from jobkg.queries.backends import Row
from jobkg.queries.paging import Page, page_of

DEFAULT_ROW_BUDGET = 200_000


class RowMemo:
    """Least-recently-used answers, at most `row_budget` rows in all; safe across threads."""

    def __init__(self, row_budget: int = DEFAULT_ROW_BUDGET) -> None:
        self.row_budget = row_budget
        self._answers: OrderedDict[Hashable, list[Row]] = OrderedDict()
        self._rows = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], list[Row]]) -> list[Row]:
        """The answer for key (computed once), as fresh row dicts the caller may change."""
        return [dict(row) for row in self._kept(key, compute)]

    def page(self, key: Hashable, compute: Callable[[], list[Row]], offset: int, limit: int | None) -> Page[Row]:
        """One page of the answer for key: only the page's rows are copied."""
        found = page_of(self._kept(key, compute), offset, limit)
        return Page([dict(row) for row in found.rows], found.total, found.offset)

    def _kept(self, key: Hashable, compute: Callable[[], list[Row]]) -> list[Row]:
        with self._lock:
            rows = self._answers.get(key)
            if rows is not None:
                self._answers.move_to_end(key)
        if rows is None:
            rows = compute()  # outside the lock: a slow listing must not block other lookups
            self._keep(key, rows)
        return rows

    def _keep(self, key: Hashable, rows: list[Row]) -> None:
        if len(rows) > self.row_budget:
            return
        with self._lock:
            if key in self._answers:
                return
            self._answers[key] = rows
            self._rows += len(rows)
            while self._rows > self.row_budget:
                _, dropped = self._answers.popitem(last=False)
                self._rows -= len(dropped)
