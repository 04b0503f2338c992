"""Exports other systems can trust: every format re-parses in Oxigraph's parser to the same
triples, JSON-LD expands with pyld without loss, graphs and CSV open in their tools."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest
from pyoxigraph import RdfFormat, parse

from jobkg.kb import KnowledgeBase
from jobkg.ontology.publish import CONTEXT_FILE, DOC_FILE, context_text, markdown

PARSERS = {
    "turtle": RdfFormat.TURTLE,
    "nt": RdfFormat.N_TRIPLES,
    "xml": RdfFormat.RDF_XML,
    "jsonld": RdfFormat.JSON_LD,
    "trig": RdfFormat.TRIG,
    "nquads": RdfFormat.N_QUADS,
}


def triples_of(data: bytes, fmt: str) -> set:
    return {q.triple for q in parse(data, format=PARSERS[fmt])}


@pytest.fixture(scope="module")
def reference(seeds_kb: KnowledgeBase) -> set:
    return {q.triple for q in seeds_kb.quads()}


@pytest.mark.parametrize("fmt", list(PARSERS))
def test_every_rdf_export_reparses_to_the_same_triples(seeds_kb, reference, fmt):
    assert triples_of(seeds_kb.export(fmt), fmt) == reference


@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_quad_formats_keep_asserted_and_inferred_apart(seeds_kb, fmt):
    graphs = {q.graph_name.value for q in parse(seeds_kb.export(fmt), format=PARSERS[fmt])}
    assert graphs == {"https://w3id.org/jobkg/graph/asserted", "https://w3id.org/jobkg/graph/inferred"}


def test_asserted_only_leaves_out_exactly_the_inferred_graph(seeds_kb):
    asserted = triples_of(seeds_kb.export("nt", asserted_only=True), "nt")
    everything = triples_of(seeds_kb.export("nt"), "nt")
    inferred = {q.triple for q in seeds_kb.quads() if q.graph_name.value.endswith("/inferred")}
    assert everything - asserted == inferred


def test_jsonld_uses_the_shipped_context_and_expands_without_loss(seeds_kb, reference):
    from pyld import jsonld

    document = json.loads(seeds_kb.export("jsonld"))
    assert document["@context"] == json.loads(CONTEXT_FILE.read_text())["@context"]
    nquads = jsonld.to_rdf(document, {"format": "application/n-quads"})
    assert {q.triple for q in parse(nquads.encode(), format=RdfFormat.N_QUADS)} == reference


def test_shipped_context_and_ontology_page_are_generated_from_the_turtle():
    assert CONTEXT_FILE.read_text() == context_text(), "run `jobkg ontology --write`"
    assert DOC_FILE.read_text() == markdown(), "run `jobkg ontology --write`"
    assert "`jobkg:reportsUpTo`" in DOC_FILE.read_text()


@pytest.mark.parametrize(("fmt", "reader"), [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_org_graph_files_open_in_networkx(seeds_kb, fmt, reader):
    graph = reader(io.BytesIO(seeds_kb.export(fmt)))
    staff = "https://w3id.org/jobkg/id/role/engineering/infrastructure-technical-program-manager/staff-infrastructure-technical-program-manager"
    assert graph.nodes[staff]["label"] == "Staff Infrastructure Technical Program Manager"
    kinds = {data["kind"] for _, _, data in graph.edges(data=True)}
    assert {"reports to", "next level", "in family"} <= kinds


def test_roles_csv_has_one_row_per_role(seeds_kb):
    rows = list(csv.DictReader(io.StringIO(seeds_kb.export("csv").decode())))
    assert len(rows) == 24
    staff = next(r for r in rows if r["title"] == "Staff ITPM" or r["title"].startswith("Staff Infrastructure"))
    assert staff["grade"] == "8" and staff["reports_to"] == "Vice President of Infrastructure & Quality"


def test_sorted_ntriples_are_identical_across_builds(dev_corpus):
    first = KnowledgeBase.build([dev_corpus]).export("nt")
    second = KnowledgeBase.build([dev_corpus]).export("nt")
    assert first == second
    assert b"_:" not in first  # no blank nodes


def test_every_export_format_is_offered_wherever_formats_are_listed():
    """One table (jobkg.exports); the CLI, the app and the README all follow it."""
    from pathlib import Path

    from jobkg.cli.registry import build_parser
    from jobkg.exports import EXPORT_FORMATS

    _, parsers = build_parser()
    choices = next(action.choices for action in parsers["export"]._actions if action.dest == "format")
    assert list(choices) == list(EXPORT_FORMATS)
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    for fmt in EXPORT_FORMATS.values():
        assert f"| `{fmt.name}` | `.{fmt.extension}` | `{fmt.media_type}` |" in readme, fmt.name


def test_an_unknown_format_names_the_known_ones(seeds_kb):
    from jobkg.errors import UnknownFormatError

    with pytest.raises(UnknownFormatError, match="choose one of turtle, nt, jsonld"):
        seeds_kb.export("docx")
