"""The jobkg ontology (OWL in Turtle), its vocabulary, SHACL shapes and the reasoner."""

from pathlib import Path

from pyoxigraph import RdfFormat, Triple, parse

ONTOLOGY_FILE = Path(__file__).with_name("jobkg.ttl")


def ontology_triples() -> list[Triple]:
    """The ontology's own triples."""
    return [quad.triple for quad in parse(path=str(ONTOLOGY_FILE), format=RdfFormat.TURTLE)]
