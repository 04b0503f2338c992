"""SHACL validation: the seeds conform with their known gaps as warnings; broken data fails."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, serialize

from jobkg.ontology.validate import validate
from jobkg.ontology.vocab import ASSERTED_GRAPH, JOBKG, XSD_INTEGER


def test_seeds_conform_with_gaps_as_warnings(seeds_kb):
    report, where = seeds_kb.validate()
    assert report.conforms and not report.violations
    no_grade = {where[f.focus].label for f in report.warnings if "no grade" in f.message}
    assert no_grade == {"Senior Manager, Engineering", "Senior Engineering Manager"}


@pytest.mark.slow
def test_dev_corpus_conforms(corpus_kb):
    report, _ = corpus_kb.validate()
    assert report.conforms, report.violations[:5]


def broken(seeds_kb, *extra: Quad) -> bytes:
    quads = [*seeds_kb.quads(), *extra]
    return serialize([q.triple for q in quads], format=RdfFormat.N_TRIPLES)


def staff(seeds_kb) -> NamedNode:
    return NamedNode(seeds_kb.role_resolver.resolve("Staff ITPM").match.iri)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda kb: [
                Quad(staff(kb), JOBKG.hasGrade, NamedNode("https://w3id.org/jobkg/id/grade/99"), ASSERTED_GRAPH),
                Quad(
                    NamedNode("https://w3id.org/jobkg/id/grade/99"),
                    JOBKG.gradeNumber,
                    Literal("99", datatype=XSD_INTEGER),
                    ASSERTED_GRAPH,
                ),
            ],
            "at most one grade",
        ),
        (lambda kb: [Quad(staff(kb), JOBKG.extends, staff(kb), ASSERTED_GRAPH)], "extends itself"),
    ],
)
def test_broken_data_is_a_violation(seeds_kb, make, message):
    report = validate(broken(seeds_kb, *make(seeds_kb)))
    assert not report.conforms
    assert any(message in f.message for f in report.violations)


def test_cli_exit_status(capsys):
    from jobkg.cli import main

    assert main(["validate"]) == 0
    assert "conforms: 0 violations" in capsys.readouterr().out
