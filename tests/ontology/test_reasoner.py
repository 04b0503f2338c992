"""The reasoner: OWL 2 RL rules on tiny graphs, and exactly owlrl's entailments on real KBs."""

from __future__ import annotations

import pytest
from pyoxigraph import NamedNode, Triple

from jobkg.ingest.corpus import ingest
from jobkg.kb import BUNDLED_CORPUS
from jobkg.ontology import ontology_triples
from jobkg.ontology.reasoner import UnknownEngineError, UnsupportedAxiomError, read_axioms, reason
from jobkg.ontology.vocab import JOBKG, ORG, OWL, RDF

EX = "http://example.org/"


def n(name: str) -> NamedNode:
    return NamedNode(EX + name)


def inferred(*triples: Triple) -> set[Triple]:
    return reason(triples, ontology_triples()).triples


def test_reporting_chain_is_transitive_but_reports_to_is_not():
    result = inferred(Triple(n("a"), ORG.reportsTo, n("b")), Triple(n("b"), ORG.reportsTo, n("c")))
    assert Triple(n("a"), JOBKG.reportsUpTo, n("c")) in result
    assert Triple(n("a"), ORG.reportsTo, n("c")) not in result
    assert Triple(n("c"), JOBKG.manages, n("b")) in result


def test_a_reporting_line_derived_late_joins_two_chains_already_closed():
    # a -> b and c -> d are closed in the first round; b -> c only follows from "c manages b"
    # (inverse of org:reportsTo) a round later, and must still yield a -> d.
    data = (
        Triple(n("a"), ORG.reportsTo, n("a2")),
        Triple(n("a2"), ORG.reportsTo, n("b")),
        Triple(n("c"), JOBKG.manages, n("b")),
        Triple(n("c"), ORG.reportsTo, n("c2")),
        Triple(n("c2"), ORG.reportsTo, n("d")),
    )
    result = inferred(*data)
    chain = ["a", "a2", "b", "c", "c2", "d"]
    for i, low in enumerate(chain):
        for high in chain[i + 1 :]:
            assert Triple(n(low), JOBKG.reportsUpTo, n(high)) in result, (low, high)
    assert reason(data, ontology_triples()).triples == reason(data, ontology_triples(), engine="owlrl").triples


def test_responsibilities_inherit_along_extension_chains():
    result = inferred(
        Triple(n("staff"), JOBKG.extendsResponsibilities, n("senior")),
        Triple(n("senior"), JOBKG.extendsResponsibilities, n("mid")),
        Triple(n("mid"), JOBKG.hasResponsibility, n("r1")),
        Triple(n("senior"), JOBKG.inFamily, n("fam")),
        Triple(n("fam"), JOBKG.hasResponsibility, n("r0")),
    )
    assert Triple(n("staff"), JOBKG.hasResponsibility, n("r1")) in result
    assert Triple(n("staff"), JOBKG.hasResponsibility, n("r0")) in result
    assert Triple(n("staff"), JOBKG.extends, n("mid")) in result
    assert Triple(n("staff"), JOBKG.hasRequirement, n("r1")) not in result


def test_levels_equivalence_and_types():
    result = inferred(
        Triple(n("a"), JOBKG.nextLevel, n("b")),
        Triple(n("b"), JOBKG.nextLevel, n("c")),
        Triple(n("x"), JOBKG.icEquivalentOf, n("y")),
        Triple(n("a"), RDF.type, JOBKG.Role),
    )
    assert Triple(n("b"), JOBKG.previousLevel, n("a")) in result
    assert Triple(n("a"), JOBKG.promotionPath, n("c")) in result
    assert Triple(n("y"), JOBKG.icEquivalentOf, n("x")) in result
    assert Triple(n("a"), RDF.type, ORG.Post) in result


def test_cycles_terminate_and_are_reported():
    result = reason(
        [
            Triple(n("a"), JOBKG.extends, n("b")),
            Triple(n("b"), JOBKG.extends, n("a")),
            Triple(n("p"), ORG.reportsTo, n("q")),
            Triple(n("q"), ORG.reportsTo, n("p")),
        ],
        ontology_triples(),
    )
    nodes = {node for _, node in result.cycles}
    assert {EX + "a", EX + "b", EX + "p", EX + "q"} <= nodes


def test_unknown_engine_and_unsupported_axioms_fail_loudly():
    with pytest.raises(UnknownEngineError):
        reason([], ontology_triples(), engine="hermit")
    with pytest.raises(UnsupportedAxiomError):
        read_axioms([Triple(n("p"), RDF.type, NamedNode(OWL.namespace + "FunctionalProperty"))])


def _same_as_owlrl(sources):
    quads, _ = ingest(sources)
    data = {q.triple for q in quads}
    ours = reason(data, ontology_triples(), engine="jobkg").triples
    reference = reason(data, ontology_triples(), engine="owlrl").triples
    assert ours == reference
    assert ours


@pytest.mark.slow
def test_same_entailments_as_owlrl_on_the_seeds():
    _same_as_owlrl([BUNDLED_CORPUS])


@pytest.mark.slow
def test_same_entailments_as_owlrl_on_the_dev_corpus(dev_corpus):
    _same_as_owlrl([dev_corpus])
