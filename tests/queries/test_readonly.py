"""The free SPARQL editor: read-only, no SERVICE, a timeout and a row cap."""

from __future__ import annotations

import pytest

from jobkg.queries.readonly import ForbiddenQueryError, QueryTimeoutError, check_read_only


@pytest.mark.parametrize(
    "update",
    [
        "INSERT DATA { <a> <b> <c> }",
        "DELETE WHERE { ?s ?p ?o }",
        "LOAD <http://example.org/x>",
        "CLEAR ALL",
        "DROP ALL",
        "CREATE GRAPH <g>",
        "PREFIX x: <y> WITH <g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "SELECT * WHERE { ?s ?p ?o } ; DROP ALL",
        "select * where { service <http://evil.example/sparql> { ?s ?p ?o } }",
    ],
)
def test_updates_and_service_are_refused(seeds_kb, update):
    with pytest.raises(ForbiddenQueryError):
        seeds_kb.sparql(update)


@pytest.mark.parametrize(
    "query",
    [
        'SELECT ?drop WHERE { ?drop ?p "INSERT DATA and DROP ALL" }',
        "SELECT ?s WHERE { ?s <http://example.org/SERVICE> ?o }  # SERVICE in a comment",
        "PREFIX load: <http://example.org/> ASK { ?s load:clear ?o }",
    ],
)
def test_keywords_inside_strings_iris_variables_and_comments_are_fine(query):
    check_read_only(query)


def test_row_cap_and_truncation_flag(seeds_kb):
    result = seeds_kb.sparql("SELECT * WHERE { ?s ?p ?o }", row_cap=7)
    assert len(result.rows) == 7 and result.truncated


def test_ask_and_construct_return_rows(seeds_kb):
    assert seeds_kb.sparql("ASK { ?s ?p ?o }").rows == [{"result": True}]
    rows = seeds_kb.sparql("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3").rows
    assert len(rows) == 3 and set(rows[0]) == {"subject", "predicate", "object"}


def test_a_runaway_query_is_stopped_at_the_timeout(seeds_kb):
    with pytest.raises(QueryTimeoutError, match="took longer than 1 s"):
        seeds_kb.sparql("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", timeout_s=1)


def test_syntax_errors_say_line_and_column(seeds_kb):
    from jobkg.errors import QueryError

    with pytest.raises(QueryError, match=r"^Line 1, column 15: the query cannot be read from there"):
        seeds_kb.sparql("SELECT WHERE {")
    with pytest.raises(QueryError) as unclosed:
        seeds_kb.sparql("SELECT ?role WHERE {\n  ?role a jobkg:Role\n  FILTER(\n}")
    assert str(unclosed.value).startswith("Line 4, column ")  # the user's lines, not the prefixed query's


def test_a_misspelt_keyword_is_named(seeds_kb):
    from jobkg.errors import ForbiddenQueryError

    with pytest.raises(ForbiddenQueryError, match="SELEC is not a SPARQL keyword: did you mean SELECT"):
        seeds_kb.sparql("SELEC ?x WHERE { ?x ?p ?o }")


def test_the_ontology_prefixes_are_declared_for_the_user(seeds_kb):
    result = seeds_kb.sparql("SELECT (COUNT(?r) AS ?n) WHERE { ?r a jobkg:Role }")
    assert result.rows == [{"n": 24}] and result.warnings == []


def test_a_term_the_ontology_lacks_is_named_with_its_neighbours(seeds_kb):
    result = seeds_kb.sparql("SELECT ?r ?g WHERE { ?r jobkg:grade ?g }")
    assert result.rows == []
    assert result.warnings == [
        "jobkg:grade is not in the ontology: did you mean jobkg:gradeNumber or jobkg:JobGrade or jobkg:hasGrade?"
    ]
