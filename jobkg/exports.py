"""Every export format in one table: its name, file extension, media type, writer, and whether
it is RDF. The CLI's choices, the app's Export page and the README all read this table, so a
new format is one row here (and a test fails until the README lists it).

RDF formats are written by pyoxigraph (JSON-LD compacted by rdflib with the shipped @context);
TriG and N-Quads keep the asserted and inferred triples in their named graphs, the others merge
them. The org graph goes out as GraphML / GEXF (networkx), the roles as CSV.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, cast

import networkx as nx
from pyoxigraph import Quad, RdfFormat, serialize

from jobkg import schemaorg
from jobkg.errors import UnknownFormatError
from jobkg.graph import org_graph
from jobkg.ontology.publish import context
from jobkg.ontology.vocab import PREFIXES
from jobkg.queries.catalog import Runner
from jobkg.queries.saved_store import STORE_SUFFIX
from jobkg.views import Role


class Exportable(Runner, Protocol):
    """What a writer reads: the KB's quads, its roles, and its canned queries."""

    def quads(self, asserted_only: bool = False) -> list[Quad]: ...

    def roles(self) -> list[Role]: ...


Writer = Callable[[Exportable, bool], bytes]  # (kb, asserted_only) -> file content


@dataclass(frozen=True)
class ExportFormat:
    name: str
    extension: str
    media_type: str
    is_rdf: bool
    description: str
    write: Writer


def _rdf(rdf_format: RdfFormat, keeps_graphs: bool, prefixes: bool) -> Writer:
    def write(kb: Exportable, asserted_only: bool) -> bytes:
        quads = kb.quads(asserted_only)
        chosen = PREFIXES if prefixes else None
        if keeps_graphs:
            written = serialize(sorted(quads, key=str), format=rdf_format, prefixes=chosen)
        else:
            written = serialize(sorted({q.triple for q in quads}, key=str), format=rdf_format, prefixes=chosen)
        return cast(bytes, written)  # bytes when no output is given

    return write


def _jsonld(kb: Exportable, asserted_only: bool) -> bytes:
    """JSON-LD compacted with the shipped @context (rdflib's serialiser)."""
    import rdflib

    graph = rdflib.Graph()
    graph.parse(data=_rdf(RdfFormat.N_TRIPLES, False, False)(kb, asserted_only), format="nt")
    return graph.serialize(format="json-ld", context=context()["@context"], auto_compact=True).encode("utf-8")


def _org_graph_file(write: Callable[[nx.DiGraph, io.BytesIO], None]) -> Writer:
    """The org graph (roles, families, reporting targets; typed edges) as one file."""

    def writer(kb: Exportable, _asserted_only: bool) -> bytes:
        graph = nx.DiGraph()
        multi = org_graph(kb)
        graph.add_nodes_from(multi.nodes(data=True))
        for source, target, data in multi.edges(data=True):
            if graph.has_edge(source, target):
                graph[source][target]["kind"] += f", {data['kind']}"
            else:
                graph.add_edge(source, target, kind=data["kind"])
        buffer = io.BytesIO()
        write(graph, buffer)
        return buffer.getvalue()

    return writer


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


def _roles_csv(kb: Exportable, _asserted_only: bool) -> bytes:
    """One row per role; lists joined with ' | '; counts for responsibilities and requirements."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=ROLE_COLUMNS)
    writer.writeheader()
    for role in kb.roles():
        writer.writerow(
            {
                "iri": role.iri,
                "title": role.title,
                "family": role.family,
                "department": role.department or "",
                "grade": "" if role.grade is None else role.grade,
                "track": role.track,
                "reports_to": " | ".join(r.label for r in role.reports_to),
                "extends": " | ".join(role.extends),
                "aliases": " | ".join(role.aliases),
                "responsibilities": len(role.responsibilities),
                "requirements": len(role.requirements),
                "performance_indicators": " | ".join(role.performance_indicators),
                "file": role.source.file,
                "line": role.source.line,
            }
        )
    return buffer.getvalue().encode("utf-8")


def _schemaorg(kb: Exportable, _asserted_only: bool) -> bytes:
    """One schema.org Occupation per role (jobkg.schemaorg)."""
    return schemaorg.write(kb, kb.roles())


_ROWS = (
    # name, extension, media type, is RDF, description, writer (_rdf: format, keeps graphs, writes prefixes)
    ("turtle", "ttl", "text/turtle", True, "Turtle", _rdf(RdfFormat.TURTLE, False, True)),
    ("nt", "nt", "application/n-triples", True, "N-Triples", _rdf(RdfFormat.N_TRIPLES, False, False)),
    ("jsonld", "jsonld", "application/ld+json", True, "JSON-LD, compacted", _jsonld),
    ("xml", "rdf", "application/rdf+xml", True, "RDF/XML", _rdf(RdfFormat.RDF_XML, False, True)),
    ("trig", "trig", "application/trig", True, "TriG, named graphs", _rdf(RdfFormat.TRIG, True, True)),
    ("nquads", "nq", "application/n-quads", True, "N-Quads, named graphs", _rdf(RdfFormat.N_QUADS, True, False)),
    ("graphml", "graphml", "application/graphml+xml", False, "org graph for yEd", _org_graph_file(nx.write_graphml)),
    ("gexf", "gexf", "application/gexf+xml", False, "org graph for Gephi", _org_graph_file(nx.write_gexf)),
    ("csv", "csv", "text/csv", False, "one row per role", _roles_csv),
    ("schemaorg", "schemaorg.jsonld", "application/ld+json", False, "schema.org Occupations", _schemaorg),
)  # fmt: skip
EXPORT_FORMATS: dict[str, ExportFormat] = {row[0]: ExportFormat(*row) for row in _ROWS}


def export_format(name: str) -> ExportFormat:
    """The format with that name; an unknown one is a usage error listing the known ones."""
    try:
        return EXPORT_FORMATS[name]
    except KeyError:
        raise UnknownFormatError(f"unknown format {name!r}; choose one of {', '.join(EXPORT_FORMATS)}") from None


EXTENSION_ALIASES = {"nquads": "nq", "ntriples": "nt", "json": "jsonld", "xml": "rdf"}


def format_for_path(path: str) -> ExportFormat | None:
    """The RDF format of this table that a file's extension names (.trig, .nq or .nquads, .ttl,
    ...), or None: the one place that decides how a KB file is written and read."""
    suffix = path.rstrip("/").rsplit(".", 1)[-1].lower() if "." in path else ""
    suffix = EXTENSION_ALIASES.get(suffix, suffix)
    return next((fmt for fmt in EXPORT_FORMATS.values() if fmt.is_rdf and fmt.extension == suffix), None)


def keeps_graphs(fmt: ExportFormat) -> bool:
    """TriG and N-Quads keep the asserted and inferred graphs apart; the others merge them."""
    return fmt.name in ("trig", "nquads")


def source_kind(value: str) -> str:
    """What a source names, for the CLI and the app alike: "SPARQL endpoint" (an http(s) URL),
    "KB file" (a saved store folder, or a file in an RDF format of this table), else "folder of pages"."""
    if value.startswith(("http://", "https://")):
        return "SPARQL endpoint"
    if value.rstrip("/").endswith(STORE_SUFFIX) or format_for_path(value) is not None:
        return "KB file"
    return "folder of pages"
