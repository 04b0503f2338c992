"""The schema.org export: it re-parses as JSON-LD (pyld, no network), every term it uses is a
schema.org term, and only accepted occupations appear."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pyld import jsonld
from rdflib import namespace

from jobkg.kb import BUNDLED_CORPUS, KnowledgeBase
from jobkg.schemaorg import months_of_experience

FIXTURE = Path(__file__).parents[1] / "queries" / "fixture_pages"
SCHEMA = "https://schema.org/"
RDF_TYPE = "@type"


def schema_terms(expanded: list) -> set[str]:
    """Every property and type IRI the expanded document uses."""
    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for key, value in node.items():
                if key == RDF_TYPE:
                    found.update(value)
                elif not key.startswith("@"):
                    found.add(key)
                walk(value)

    walk(expanded)
    return found


@pytest.mark.parametrize("corpus", [FIXTURE, BUNDLED_CORPUS], ids=["fixture", "seeds"])
def test_the_export_reparses_and_uses_only_schema_org_terms(corpus):
    kb = KnowledgeBase.build([corpus])
    document = json.loads(kb.export("schemaorg"))
    expanded = jsonld.expand(document)
    assert len(expanded) == len(kb.roles())
    terms = schema_terms(expanded)
    assert terms and all(term.startswith(SCHEMA) for term in terms)
    unknown = sorted(term for term in terms if term.removeprefix(SCHEMA) not in namespace.SDO.__annotations__)
    assert unknown == []


def test_only_accepted_occupations_are_categories_with_their_list_and_market_pay():
    kb = KnowledgeBase.build([FIXTURE])
    roles = {node["name"]: node for node in json.loads(kb.export("schemaorg"))["@graph"]}
    senior = roles["Senior Widget Engineer"]
    assert [(c["codeValue"], c["inCodeSet"]["name"]) for c in senior["occupationalCategory"]] == [
        ("17-2141", "US SOC 2018")
    ]
    assert senior["estimatedSalary"]["median"] == 104110
    assert "not this company's pay" in senior["estimatedSalary"]["name"]
    assert "occupationalCategory" not in roles["Staff Widget Engineer"]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["5+ years of experience in Go"], 60),
        (["3-5 years of professional experience"], 36),
        (["2+ years of management experience", "At least 7 years of engineering experience"], 84),
        (["5 years of widgets", "Strong communication"], None),
    ],
)
def test_months_of_experience_from_what_the_requirements_state(lines, expected):
    found = months_of_experience(lines)
    assert (found[0] if found else None) == expected
