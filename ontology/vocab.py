"""Vocabulary terms as pyoxigraph NamedNodes.

The jobkg terms are read from ``jobkg.ttl`` itself, so code and ontology never drift:
a mistyped term fails at import time (like rdflib's ``DefinedNamespace`` with ``_fail``).
"""

from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import NamedNode, RdfFormat, parse

from jobkg.ontology import ONTOLOGY_FILE

JOBKG_NS = "https://w3id.org/jobkg/ontology#"
DATA_NS = "https://w3id.org/jobkg/id/"


class ClosedVocabulary:
    """Attribute access to the terms of one namespace; unknown names raise AttributeError."""

    def __init__(self, namespace: str, names: Iterable[str]) -> None:
        self._namespace = namespace
        self._terms = {name: NamedNode(namespace + name) for name in names}
        self.__dict__.update(self._terms)  # plain attribute lookups; __getattr__ only sees typos

    def __getattr__(self, name: str) -> NamedNode:
        try:
            return self._terms[name]
        except KeyError:
            raise AttributeError(f"{name!r} is not a term of {self._namespace}") from None

    def __contains__(self, iri: str) -> bool:
        return iri.startswith(self._namespace) and iri[len(self._namespace) :] in self._terms

    @property
    def namespace(self) -> str:
        return self._namespace

    def terms(self) -> list[NamedNode]:
        return list(self._terms.values())


def _ontology_terms() -> set[str]:
    """Every local name in the jobkg namespace that the ontology file mentions."""
    names: set[str] = set()
    with ONTOLOGY_FILE.open("rb") as handle:
        for triple in parse(handle, format=RdfFormat.TURTLE):
            for term in (triple.subject, triple.predicate, triple.object):
                if isinstance(term, NamedNode) and term.value.startswith(JOBKG_NS):
                    names.add(term.value[len(JOBKG_NS) :])
    return names


JOBKG = ClosedVocabulary(JOBKG_NS, _ontology_terms())
ORG = ClosedVocabulary("http://www.w3.org/ns/org#", ["reportsTo", "Post", "OrganizationalUnit"])
SKOS = ClosedVocabulary(
    "http://www.w3.org/2004/02/skos/core#",
    ["prefLabel", "altLabel", "notation", "inScheme", "Concept", "ConceptScheme", "closeMatch", "exactMatch"],
)
PROV = ClosedVocabulary("http://www.w3.org/ns/prov#", ["wasDerivedFrom", "Entity"])
DCTERMS = ClosedVocabulary("http://purl.org/dc/terms/", ["identifier", "description", "title"])
RDF = ClosedVocabulary(
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    ["type", "Statement", "subject", "predicate", "object", "first", "rest", "nil"],
)
RDFS = ClosedVocabulary(
    "http://www.w3.org/2000/01/rdf-schema#",
    ["label", "comment", "subClassOf", "subPropertyOf", "domain", "range"],
)
OWL = ClosedVocabulary(
    "http://www.w3.org/2002/07/owl#",
    [
        "Ontology",
        "Class",
        "ObjectProperty",
        "DatatypeProperty",
        "TransitiveProperty",
        "SymmetricProperty",
        "inverseOf",
        "propertyChainAxiom",
        "equivalentProperty",
        "equivalentClass",
        "versionInfo",
    ],
)
XSD_INTEGER = NamedNode("http://www.w3.org/2001/XMLSchema#integer")
XSD_DECIMAL = NamedNode("http://www.w3.org/2001/XMLSchema#decimal")
XSD_DATE = NamedNode("http://www.w3.org/2001/XMLSchema#date")

PREFIXES = {  # the prefixes every serialisation and page uses
    "jobkg": "https://w3id.org/jobkg/ontology#",
    "org": "http://www.w3.org/ns/org#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

ASSERTED_GRAPH = NamedNode("https://w3id.org/jobkg/graph/asserted")
INFERRED_GRAPH = NamedNode("https://w3id.org/jobkg/graph/inferred")
