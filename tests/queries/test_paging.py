"""Pages of a listing: which rows, of how many, and what a bad offset or limit says."""

from __future__ import annotations

import pytest

from jobkg.errors import ParamError
from jobkg.queries.paging import page_of

ROWS = [{"n": n} for n in range(250)]


def test_pages_cover_every_row_once():
    seen, offset = [], 0
    while offset is not None:
        page = page_of(ROWS, offset, 100)
        seen += page.rows
        offset = page.next_offset
    assert seen == ROWS


@pytest.mark.parametrize(
    ("offset", "limit", "said"),
    [
        (0, 100, "rows 1–100 of 250"),
        (200, 100, "rows 201–250 of 250"),
        (0, None, "all 250 rows"),
        (300, 100, "no rows at offset 300 (there are 250)"),
    ],
)
def test_a_page_says_which_rows_it_holds(offset, limit, said):
    assert page_of(ROWS, offset, limit).describe() == said


def test_no_rows_and_one_row():
    assert page_of([]).describe() == "no rows"
    assert page_of(ROWS[:1]).describe() == "1 row"


@pytest.mark.parametrize(("offset", "limit"), [(-1, 10), (0, 0)])
def test_a_negative_offset_or_empty_limit_is_a_usage_error(offset, limit):
    with pytest.raises(ParamError):
        page_of(ROWS, offset, limit)


def test_the_kb_pages_a_canned_query(seeds_kb):
    every = seeds_kb.run("role-names")
    first = seeds_kb.page("role-names", limit=5)
    assert first.rows == every[:5] and first.total == len(every) and first.next_offset == 5
    assert seeds_kb.page("role-names", offset=5, limit=None).rows == every[5:]
