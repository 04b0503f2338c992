"""Client-side ORDER BY for pages read unordered from a store that caps rows."""

from __future__ import annotations

import pytest

from jobkg.errors import EndpointError
from jobkg.queries.ordering import Condition, sort_rows, split_order


def test_split_order_reads_the_forms_canned_queries_use():
    body, conditions = split_order("SELECT ?a ?b WHERE { ?a ?p ?b }\nORDER BY DESC(?n) STR(?a) ASC(STR(?b)) ?c\n")
    assert body == "SELECT ?a ?b WHERE { ?a ?p ?b }\n"
    assert conditions == [
        Condition("n", False, True),
        Condition("a", True, False),
        Condition("b", True, False),
        Condition("c", False, False),
    ]


def test_a_query_without_order_is_left_as_it_is():
    assert split_order("SELECT * WHERE { ?s ?p ?o }") == ("SELECT * WHERE { ?s ?p ?o }", [])


def test_an_order_jobkg_cannot_read_is_reported_not_guessed():
    with pytest.raises(EndpointError, match="LCASE"):
        split_order("SELECT * WHERE { ?s ?p ?o } ORDER BY LCASE(?o)")


def test_rows_sort_as_sparql_orders_them():
    rows = [
        {"title": "b", "grade": 7, "own": False},
        {"title": "a", "grade": None, "own": True},
        {"title": "a", "grade": 10, "own": False},
        {"title": "a", "grade": 9, "own": False},
    ]
    ordered = sort_rows(rows, [Condition("title", True, False), Condition("grade", False, True)])
    assert [(r["title"], r["grade"]) for r in ordered] == [("a", 10), ("a", 9), ("a", None), ("b", 7)]
    by_own = sort_rows(rows, [Condition("own", False, True), Condition("grade", False, False)])
    assert [r["own"] for r in by_own] == [True, False, False, False]
    assert [r["grade"] for r in by_own][1:] == [7, 9, 10]
