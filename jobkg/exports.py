"""Exports beyond plain RDF serialisation: compact JSON-LD with the ontology's @context,
the org graph as GraphML / GEXF (networkx) for Gephi and yEd, and roles as CSV."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

import networkx as nx

from jobkg.graph import org_graph
from ontology.publish import context

if TYPE_CHECKING:
    from jobkg.kb import KnowledgeBase

EXTRA_FORMATS = ("graphml", "gexf", "csv")


def jsonld_compact(nt: bytes) -> bytes:
    """N-Triples to JSON-LD compacted with the shipped @context (rdflib's serialiser)."""
    import rdflib

    graph = rdflib.Graph()
    graph.parse(data=nt, format="nt")
    return graph.serialize(format="json-ld", context=context()["@context"], auto_compact=True).encode("utf-8")


def graph_file(kb: KnowledgeBase, fmt: str) -> bytes:
    """The org graph (roles, families, reporting targets; typed edges) as GraphML or GEXF."""
    graph = nx.DiGraph()
    multi = org_graph(kb)
    graph.add_nodes_from(multi.nodes(data=True))
    for source, target, data in multi.edges(data=True):
        if graph.has_edge(source, target):
            graph[source][target]["kind"] += f", {data['kind']}"
        else:
            graph.add_edge(source, target, kind=data["kind"])
    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(graph, buffer)
    else:
        nx.write_gexf(graph, buffer)
    return buffer.getvalue()


ROLE_COLUMNS = (
    "iri",
    "title",
    "family",
    "department",
    "grade",
    "track",
    "reports_to",
    "extends",
    "aliases",
    "responsibilities",
    "requirements",
    "performance_indicators",
    "file",
    "line",
)


def roles_csv(kb: KnowledgeBase) -> bytes:
    """One row per role; lists joined with ' | '; counts for responsibilities and requirements."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=ROLE_COLUMNS)
    writer.writeheader()
    for role in kb.roles():
        writer.writerow(
            {
                "iri": role["iri"],
                "title": role["title"],
                "family": role["family"],
                "department": role["department"] or "",
                "grade": "" if role["grade"] is None else role["grade"],
                "track": role["track"],
                "reports_to": " | ".join(r["label"] for r in role["reports_to"]),
                "extends": " | ".join(role["extends"]),
                "aliases": " | ".join(role["aliases"]),
                "responsibilities": len(role["responsibilities"]),
                "requirements": len(role["requirements"]),
                "performance_indicators": " | ".join(role["performance_indicators"]),
                "file": role["source"]["file"],
                "line": role["source"]["line"],
            }
        )
    return buffer.getvalue().encode("utf-8")
