"""The seed pages: every fact the product was specified with (issue 2's must-hold table)."""

from __future__ import annotations

import pytest
from pyoxigraph import NamedNode

from jobkg.kb import KnowledgeBase

NOT_STATED = None

# title, grade, reports to (labels), extends (titles)
SEED_ROLES = [
    ("Intermediate Technical Program Manager", 6, ["Engineering leadership"], []),
    ("Senior Technical Program Manager", 7, ["a Director or above"], ["Intermediate Technical Program Manager"]),
    ("Staff Technical Program Manager", 8, ["a Senior Director or above"], ["Senior Technical Program Manager"]),
    ("Principal Technical Program Manager", 9, ["a Senior Director or above"], ["Staff Technical Program Manager"]),
    *[
        (
            f"{level} Infrastructure Technical Program Manager",
            grade,
            ["Vice President of Infrastructure & Quality"],
            None,
        )
        for level, grade in (("Intermediate", 6), ("Senior", 7), ("Staff", 8), ("Principal", 9))
    ],
    ("Associate IT Program Manager", 5, [], []),
    ("IT Program Manager", 6, [], []),
    ("Senior IT Program Manager", 7, [], []),
    ("Staff IT Program Manager", 8, [], ["Senior IT Program Manager"]),
    ("Principal, IT Program Management", 9, [], ["Staff IT Program Manager"]),
    ("Manager, IT Program Management", 8, [], []),
    ("Senior Manager, IT Program Management", 9, [], ["Manager, IT Program Management"]),
    ("Director, IT Program Management", 10, [], []),
    ("Senior Director, IT Program Management", 11, [], ["Director, IT Program Management"]),
    ("Senior Manager, Engineering", NOT_STATED, [], []),
    ("Senior Engineering Manager", NOT_STATED, [], ["Engineering Manager"]),
    ("Director, Engineering", 10, [], ["Senior Engineering Manager"]),
    ("Distinguished Backend Engineer", 10, [], ["Staff Backend Engineer"]),
    ("Senior Director, Engineering", 11, [], ["Director, Engineering"]),
    ("Engineering Fellow", 12, [], ["Distinguished Backend Engineer"]),
    ("Executive VP of Engineering", 12, [], []),
]


def test_every_seed_role_and_no_other(seed_roles):
    assert sorted(seed_roles) == sorted(title for title, *_ in SEED_ROLES)


@pytest.mark.parametrize(("title", "grade", "reports_to", "extends"), SEED_ROLES, ids=[r[0] for r in SEED_ROLES])
def test_seed_role_facts(seed_roles, title, grade, reports_to, extends):
    role = seed_roles[title]
    assert role.grade == grade
    assert sorted(r.label for r in role.reports_to) == sorted(reports_to)
    if extends is not None:
        assert list(role.extends) == extends


def test_ic_equivalents_are_stated(seeds_kb: KnowledgeBase):
    fellow = seeds_kb.run("equivalents", {"role": "Engineering Fellow"})
    assert [r["equivalent_label"] for r in fellow] == ["VP of Engineering"]
    distinguished = seeds_kb.run("equivalents", {"role": "Distinguished Backend Engineer"})
    assert [r["equivalent_label"] for r in distinguished] == ["Director, Engineering"]


@pytest.mark.parametrize(
    ("family", "indicators", "stages"),
    [
        ("Technical Program Management Individual Contributors", 4, 6),
        ("Infrastructure Technical Program Management Individual Contributors", 4, 7),
        ("IT Program Management Office", 2, 5),
        ("Engineering Leadership", 7, None),
    ],
)
def test_family_indicators_and_hiring_stages(seeds_kb: KnowledgeBase, family, indicators, stages):
    rows = seeds_kb.select(
        """PREFIX jobkg: <https://w3id.org/jobkg/ontology#>
        SELECT (COUNT(DISTINCT ?pi) AS ?n) WHERE { ?family jobkg:hasPerformanceIndicator ?pi }""",
        {"family": NamedNode(seeds_kb.family_resolver.resolve(family).match.iri)},
    )
    assert rows[0]["n"] == indicators
    if stages is not None:
        assert len(seeds_kb.run("hiring-process", {"family": family})) == stages


def test_team_page_links_the_families_its_table_names(seeds_kb: KnowledgeBase):
    teams = [r for r in seeds_kb.run("families") if r["kind"] == "team"]
    assert [t["title"] for t in teams] == ["Product Technical Program Manager"]
    rows = seeds_kb.select(
        """PREFIX jobkg: <https://w3id.org/jobkg/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?label WHERE { ?team a jobkg:Team ; jobkg:relatedFamily/rdfs:label ?label } ORDER BY ?label"""
    )
    assert [r["label"] for r in rows] == [
        "Infrastructure Program Management",
        "Product Technical Program Management",
        "Security Program Management",
    ]


def test_collapsed_page_yields_the_facts_a_normal_page_would(seeds_kb: KnowledgeBase, seed_roles):
    leadership = [r for r in seed_roles.values() if r.family == "Engineering Leadership"]
    assert len(leadership) == 7
    assert all(r.source.file == "engineering/engineering-leadership.md" for r in leadership)
    assert sum(len(r.responsibilities) for r in leadership) > 40
    assert sum(len(r.requirements) for r in leadership) > 20
    stages = seeds_kb.run("interviewers", {"role": "Senior Manager, Engineering"})
    assert stages[0]["interviewer"] == "Technical Recruiters"


def test_management_sentence_makes_managed_roles_report_to_the_manager(seeds_kb: KnowledgeBase):
    rows = seeds_kb.run("direct-reports", {"role": "Senior Manager, Engineering"})
    assert [r["report_label"] for r in rows] == ["Backend Engineering Manager", "Frontend Engineering Manager"]


def test_inheritance_phrases_are_never_items(seed_roles):
    for role in seed_roles.values():
        for item in role.responsibilities + role.requirements:
            assert "plus" not in item.text.lower()[-8:], item


def test_aliases_from_acronyms(seed_roles):
    assert "Staff ITPM" in seed_roles["Staff Infrastructure Technical Program Manager"].aliases
    assert "Sr TPM" in seed_roles["Senior Technical Program Manager"].aliases


def test_every_role_traces_to_its_source_line(seed_roles):
    for role in seed_roles.values():
        assert role.source.file.endswith(".md")
        assert role.source.line >= 1


def test_build_is_deterministic():
    first = KnowledgeBase.build().export("nt")
    second = KnowledgeBase.build().export("nt")
    assert first == second
