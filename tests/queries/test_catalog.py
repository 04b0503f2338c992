"""Every canned query: a well-formed header, and its expected rows on a tiny fixture corpus
(tests/queries/fixture_pages: two pages, five roles). Expected rows live in
expected_rows.json beside this file, one entry per query, reviewed by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jobkg.errors import CatalogError
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


KIND_OF = {"iri": str, "text": str, "integer": int, "boolean": bool, "decimal": (str, int, float)}


def _rows_hold_their_columns(query, rows):
    names = [column.name for column in query.columns]
    for row in rows:
        assert list(row) == names, query.name
        for column in query.columns:
            value = row[column.name]
            if value is None:
                assert column.optional, f"{query.name}: {column.name} is unbound but not declared optional"
                continue
            assert isinstance(value, KIND_OF[column.kind]), f"{query.name}: {column.name}={value!r}"
            assert column.kind == "boolean" or not isinstance(value, bool), f"{query.name}: {column.name}"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_rows_hold_the_columns_their_query_declares(fixture_kb, seeds_kb, name):
    from jobkg.bench import example_params

    query = catalog.get(name)
    _rows_hold_their_columns(query, fixture_kb.run(name, EXPECTED[name]["params"]))
    _rows_hold_their_columns(query, seeds_kb.run(name, example_params(seeds_kb, query)))


def test_the_selected_columns_are_read_in_order_at_any_nesting():
    select = "SELECT DISTINCT ?a (COUNT(DISTINCT ?b) AS ?n) (MAX(STR(?c)) AS ?m) ?d WHERE { }"
    assert catalog.projected(select) == ["a", "n", "m", "d"]


def test_a_query_whose_columns_do_not_match_its_select_is_refused(tmp_path):
    path = tmp_path / "q.rq"
    head = "# title: t\n# description: d\n"
    path.write_text(head + "# columns: a=iri\nSELECT ?a (COUNT(?b) AS ?n) WHERE { ?a ?p ?b } GROUP BY ?a\n")
    with pytest.raises(CatalogError, match=r"names \['a'\], but the query selects \['a', 'n'\]"):
        catalog.parse_query_file(path)
    path.write_text(head + "# columns: a=iri n=number\nSELECT ?a (COUNT(?b) AS ?n) WHERE { ?a ?p ?b } GROUP BY ?a\n")
    with pytest.raises(CatalogError, match="'n=number'"):
        catalog.parse_query_file(path)
    path.write_text(head + "# columns: a=iri n=integer\nSELECT ?a (COUNT(?b) AS ?n) WHERE { ?a ?p ?b } GROUP BY ?a\n")
    assert [(c.name, c.kind) for c in catalog.parse_query_file(path).columns] == [("a", "iri"), ("n", "integer")]
