"""A row's cells, read by the kind its query declares (`# columns:` in the .rq header): checked,
never converted, so a caller that asks for the wrong kind, or reads an unbound cell as bound,
hears of it by name instead of getting the text "None"."""

from __future__ import annotations

from collections.abc import Mapping

from jobkg.errors import QueryError


def text(row: Mapping[str, object], column: str) -> str:
    """An iri or text cell."""
    value = row.get(column)
    if not isinstance(value, str):
        raise QueryError(f"column {column!r} holds {value!r}, not text or an IRI")
    return value


def maybe_text(row: Mapping[str, object], column: str) -> str | None:
    """An optional iri or text cell: None when unbound."""
    return None if row.get(column) is None else text(row, column)


def integer(row: Mapping[str, object], column: str) -> int:
    """An integer cell (every backend returns an xsd:integer as int)."""
    value = row.get(column)
    if isinstance(value, bool) or not isinstance(value, int):
        raise QueryError(f"column {column!r} holds {value!r}, not an integer")
    return value


def maybe_integer(row: Mapping[str, object], column: str) -> int | None:
    """An optional integer cell: None when unbound."""
    return None if row.get(column) is None else integer(row, column)


def maybe_decimal(row: Mapping[str, object], column: str) -> float | None:
    """An optional decimal cell (its lexical form, or an int, from the store): None when unbound."""
    value = row.get(column)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise QueryError(f"column {column!r} holds {value!r}, not a number")
    try:
        return float(value)
    except ValueError:
        raise QueryError(f"column {column!r} holds {value!r}, not a number") from None
