"""The ontology file: well-formed, documented, and the vocabulary module generated from it."""

from __future__ import annotations

import pytest
from pyoxigraph import NamedNode

from jobkg.ontology import ontology_triples
from jobkg.ontology.vocab import JOBKG, RDFS

TERMS = sorted(
    {t.subject for t in ontology_triples() if isinstance(t.subject, NamedNode) and t.subject.value in JOBKG}, key=str
)


@pytest.mark.parametrize("term", TERMS, ids=[t.value.rsplit("#", 1)[-1] for t in TERMS])
def test_every_term_has_a_label_and_a_comment(term):
    predicates = {t.predicate for t in ontology_triples() if t.subject == term}
    assert RDFS.label in predicates and RDFS.comment in predicates


def test_required_concepts_exist():
    for name in (
        "JobFamily",
        "Role",
        "JobGrade",
        "Responsibility",
        "Requirement",
        "PerformanceIndicator",
        "HiringStage",
        "ReportingTarget",
        "Team",
        "Department",
        "inFamily",
        "hasGrade",
        "extends",
        "nextLevel",
        "previousLevel",
        "icEquivalentOf",
        "hasResponsibility",
        "hasRequirement",
        "hasPerformanceIndicator",
        "hasHiringStage",
        "careerNextStep",
        "manages",
        "reportsUpTo",
    ):
        assert getattr(JOBKG, name).value.endswith(name)


def test_vocabulary_is_closed():
    with pytest.raises(AttributeError):
        _ = JOBKG.reportsTooo
