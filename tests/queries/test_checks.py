"""Structural checks (ontology/checks/): each kind found on a tiny page set written to show
it, with the line that shows it; nothing found where the pages are sound; a company's own
check runs beside the built-in ones; a bad check file is one error naming the file."""

from __future__ import annotations

import json

import pytest

from jobkg.cli import main
from jobkg.errors import CheckFileError
from jobkg.kb import KnowledgeBase
from jobkg.queries.checks import load_checks

PAGES = {
    "d/widgets.md": """
        # Widget Engineer

        ## Levels

        ### Widget Engineer

        The Widget Engineer is a grade 6 and reports to the Widget Manager.

        #### Responsibilities

        - Build widgets for customers

        ### Senior Widget Engineer

        The Senior Widget Engineer is a grade 8 and reports to the Widget Manager.
        It is the IC equivalent of the Widget Manager.

        #### Responsibilities

        - Lead the design of widgets

        ### Widget Fellow

        The Widget Fellow is a grade 9.
        """,
    "d/widget-management.md": """
        # Widget Management

        ## Widget Manager

        The Widget Manager is a grade 7 and reports to the Director of Widgets.

        ### Responsibilities

        - Hire widget engineers
        """,
    "g/gadget-analyst/_index.md": "# Gadget Analyst\n\nThe Gadget Analyst family counts gadgets.\n",
    "g/gadget-analyst/one.md": "# Gadget Analyst\n\nThe Gadget Analyst is a grade 5.\n\n## Duties\n\n- Count gadgets\n",
    "g/gadget-analyst/two.md": "# Gadget Analyst\n\nThe Gadget Analyst is a grade 6.\n\n## Duties\n\n- Count more\n",
    "occupations.yaml": """
        - {role: "https://w3id.org/jobkg/id/role/d/widgets/widget-engineer",
           scheme: soc, code: 15-1252, verdict: accepted}
        - {role: "https://w3id.org/jobkg/id/role/d/widgets/senior-widget-engineer",
           scheme: soc, code: 17-2141, verdict: accepted}
        """,
}


@pytest.fixture
def findings(write_pages):
    kb = KnowledgeBase.build([write_pages(PAGES)])
    return {(f.check, f.label, f.file, f.line): f.message for f in kb.checks()}


def test_each_kind_is_found_with_the_line_that_shows_it(findings):
    expected = {
        ("manager-not-above-report", "Widget Manager", "d/widgets.md", 15),  # the Senior's reporting sentence
        ("ladder-grade-order", "Widget Engineer", "d/widgets.md", 15),  # the Senior's grade sentence (grade 6, then 8)
        ("empty-level", "Widget Fellow", "d/widgets.md", 22),
        ("same-title-in-family", "Gadget Analyst", "g/gadget-analyst/two.md", 3),
        ("reports-to-undefined", "Widget Manager", "d/widget-management.md", 5),
        ("equivalents-of-other-grades", "Senior Widget Engineer", "d/widgets.md", 15),
        ("market-pay-order", "Senior Widget Engineer", "occupations.yaml", 3),  # the line that accepts its occupation
    }
    assert expected <= set(findings)
    assert findings[("ladder-grade-order", "Widget Engineer", "d/widgets.md", 15)].endswith("(a grade skipped)")
    assert findings[("market-pay-order", "Senior Widget Engineer", "occupations.yaml", 3)] == (
        "grade 8, occupation Mechanical Engineers (market median $104110); Widget Engineer, grade 6, "
        "is Software Developers (market median $135980)"
    )
    assert (
        "Senior Widget Engineer (grade 8) reports to it"
        in findings[("manager-not-above-report", "Widget Manager", "d/widgets.md", 15)]
    )


def test_every_built_in_check_has_a_fixture_here(findings):
    assert {check for check, *_ in findings} == {check.name for check in load_checks()}


def test_sound_pages_give_no_finding(write_pages):
    kb = KnowledgeBase.build(
        [
            write_pages(
                {
                    "d/w.md": """
                    # Widget Engineer

                    ## Levels

                    ### Widget Engineer

                    The Widget Engineer is a grade 6 and reports to the Widget Manager.

                    - Build widgets

                    ### Widget Manager

                    The Widget Manager is a grade 7.

                    - Hire widget engineers
                    """
                }
            )
        ]
    )
    assert kb.checks() == []


def test_a_company_check_runs_beside_the_built_in_ones(write_pages, tmp_path, capsys):
    own = tmp_path / "checks"
    own.mkdir()
    (own / "grade-above-eight.rq").write_text(
        "# title: Grades above eight\n# description: Our ladders stop at eight.\n# severity: violation\n"
        "SELECT ?focus ?focus_label ?message ?file ?line WHERE {\n"
        "  ?focus jobkg:hasGrade/jobkg:gradeNumber ?g ; skos:prefLabel ?focus_label ;\n"
        "         jobkg:sourceLine ?line ; prov:wasDerivedFrom/dcterms:identifier ?file .\n"
        '  FILTER(?g > 8) BIND("above eight" AS ?message) }\n'
    )
    pages = write_pages(PAGES)
    status = main(["validate", str(pages), "--checks", str(own), "--json"])
    report = json.loads(capsys.readouterr().out)
    assert status == 1 and not report["conforms"]
    assert {(f["check"], f["label"]) for f in report["checks"] if f["severity"] == "violation"} == {
        ("grade-above-eight", "Widget Fellow")
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("# title: t\n# description: d\nSELECT ?focus WHERE { ?focus ?p ?o }\n", "severity"),
        (
            "# title: t\n# description: d\n# severity: warning\nSELECT ?focus ?message WHERE { ?focus ?p ?message }\n",
            r"must select \?focus_label, \?file, \?line",
        ),
    ],
)
def test_a_bad_check_file_is_one_error_naming_it(tmp_path, text, message):
    (tmp_path / "mine.rq").write_text(text)
    with pytest.raises(CheckFileError, match=rf"mine\.rq: .*{message}"):
        load_checks([tmp_path])
