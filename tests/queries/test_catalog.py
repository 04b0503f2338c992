"""Every canned query: a well-formed header, and its expected rows on a tiny fixture corpus
(tests/queries/fixture_pages: two pages, five roles). Expected rows live in
expected_rows.json beside this file, one entry per query, reviewed by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jobkg.kb import KnowledgeBase, ParamError, UnresolvedNameError
from jobkg.queries import catalog

HERE = Path(__file__).parent
EXPECTED = json.loads((HERE / "expected_rows.json").read_text())
ID = "https://w3id.org/jobkg/id/"


@pytest.fixture(scope="module")
def fixture_kb() -> KnowledgeBase:
    return KnowledgeBase.build([HERE / "fixture_pages"])


def short(rows):
    return [{k: v.replace(ID, "id:") if isinstance(v, str) else v for k, v in row.items()} for row in rows]


def test_catalog_has_at_least_twelve_documented_queries():
    entries = catalog.catalog()
    assert len(entries) >= 12
    for query in entries.values():
        assert query.title and query.description
        assert "WHERE {" in query.sparql  # parameters are bound inside the outermost WHERE


def test_every_query_has_expected_rows():
    assert sorted(EXPECTED) == sorted(catalog.catalog())


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_query_rows_on_the_fixture(fixture_kb, name):
    case = EXPECTED[name]
    assert short(fixture_kb.run(name, case["params"])) == case["rows"]


@pytest.mark.parametrize(
    "hostile",
    ['" } ; DROP ALL ; #', "Staff' UNION { ?s ?p ?o }", "} } SELECT * WHERE { ?s ?p ?o", "x" * 5000, '\\"\n\u0000'],
)
def test_hostile_text_values_are_just_values(fixture_kb, hostile):
    assert fixture_kb.run("data-gaps", {"gap": hostile}) == []


@pytest.mark.parametrize("hostile", ['" } ; DROP ALL ; #', "<http://x> } #", "x" * 5000])
def test_hostile_role_values_match_nothing(fixture_kb, hostile):
    with pytest.raises(UnresolvedNameError):
        fixture_kb.run("reports-to", {"role": hostile})


def test_parameter_errors_are_named(fixture_kb):
    with pytest.raises(ParamError, match="needs --param role"):
        fixture_kb.run("reports-to", {})
    with pytest.raises(ParamError, match="whole number"):
        fixture_kb.run("roles-at-grade", {"grade": "seven"})
    with pytest.raises(ParamError, match="no parameter"):
        fixture_kb.run("families", {"x": "1"})
    with pytest.raises(catalog.UnknownQueryError):
        fixture_kb.run("no-such-query", {})
