"""Reading a row's cells by kind: checked, never converted."""

from __future__ import annotations

import pytest

from jobkg.errors import QueryError
from jobkg.queries import cells

ROW = {"title": "Staff TPM", "grade": 8, "own": True, "rank": "2.5", "level": None}


def test_cells_of_the_declared_kind_are_read_as_they_are():
    assert cells.text(ROW, "title") == "Staff TPM"
    assert cells.integer(ROW, "grade") == 8
    assert cells.maybe_integer(ROW, "level") is None and cells.maybe_text(ROW, "level") is None
    assert cells.maybe_decimal(ROW, "rank") == 2.5 and cells.maybe_decimal(ROW, "grade") == 8.0


@pytest.mark.parametrize(
    ("read", "column"),
    [
        (cells.text, "grade"),
        (cells.text, "level"),
        (cells.integer, "own"),
        (cells.integer, "title"),
        (cells.maybe_decimal, "title"),
        (cells.text, "missing"),
    ],
)
def test_a_cell_of_another_kind_or_unbound_is_an_error_naming_its_column(read, column):
    with pytest.raises(QueryError, match=repr(column)):
        read(ROW, column)
