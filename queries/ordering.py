"""A SELECT's ORDER BY, applied on the client: for stores that cap a result and also refuse to
sort past the cap (stock Virtuoso sorts at most 10,000 rows for LIMIT/OFFSET), the rows are
read unordered page by page and put in the query's order here.

Only the forms canned queries use are read: `?x`, `STR(?x)`, and either inside `ASC(...)` or
`DESC(...)`. Anything else is reported, never ordered by guess."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial

from jobkg.errors import EndpointError
from jobkg.queries.backends import Row

_ORDER_BY = re.compile(r"\bORDER\s+BY\b(?P<conditions>[^{}]*)$", re.IGNORECASE)
_CONDITION = re.compile(
    r"(?P<direction>ASC|DESC)\(\s*(?P<inner>STR\(\s*\?\w+\s*\)|\?\w+)\s*\)|(?P<plain>STR\(\s*\?\w+\s*\)|\?\w+)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Condition:
    variable: str
    as_string: bool
    descending: bool


def split_order(sparql: str) -> tuple[str, list[Condition]]:
    """The query without its final ORDER BY, and that ORDER BY's conditions ([] if none)."""
    found = _ORDER_BY.search(sparql.rstrip())
    if found is None:
        return sparql, []
    text = found.group("conditions").strip()
    conditions, position = [], 0
    for match in _CONDITION.finditer(text):
        if text[position : match.start()].strip():
            break
        expression = match.group("inner") or match.group("plain")
        variable = re.search(r"\?(\w+)", expression)
        assert variable is not None  # the pattern requires one
        descending = (match.group("direction") or "").upper() == "DESC"
        conditions.append(Condition(variable.group(1), expression.upper().startswith("STR"), descending))
        position = match.end()
    if not conditions or text[position:].strip():
        raise EndpointError(f"cannot order this result on the client: ORDER BY {text} is not a form jobkg reads")
    return sparql.rstrip()[: found.start()].rstrip() + "\n", conditions


def sort_rows(rows: list[Row], conditions: list[Condition]) -> list[Row]:
    """Rows in SPARQL's order for these conditions: unbound first, then numbers, then text."""
    ordered = list(rows)
    for condition in reversed(conditions):  # a stable sort per key, last key first
        ordered.sort(key=partial(_row_key, condition), reverse=condition.descending)
    return ordered


def _row_key(condition: Condition, row: Row) -> tuple[int, float | str]:
    return _key(row.get(condition.variable), condition.as_string)


def _key(value: object, as_string: bool) -> tuple[int, float | str]:
    if value is None:
        return (0, "")
    if as_string:
        return (2, _lexical(value))
    if isinstance(value, bool | int | float):
        return (1, float(value))
    return (2, str(value))


def _lexical(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
