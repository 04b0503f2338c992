"""Putting a KB's graph into a SPARQL store, the way each store takes it.

The SPARQL 1.1 Graph Store HTTP Protocol first: one PUT of the graph as N-Triples replaces it
(Oxigraph /store, Fuseki /DATASET/data, Virtuoso /sparql-graph-crud(-auth), GraphDB
/repositories/NAME/rdf-graphs/service); Virtuoso, which drops large bodies, takes the graph in
2 MB chunks into a temporary graph and a MOVE. Where a store has no graph store endpoint, SPARQL Update
in batches small enough for common server limits, into a temporary graph that one MOVE then
puts in place, so a failure part-way never leaves half a graph where the store moves atomically.
"""

from __future__ import annotations

import contextlib
import re
import urllib.parse
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

from pyoxigraph import RdfFormat, Triple, serialize

from jobkg.errors import EndpointError
from jobkg.queries.http import credentials, send

BATCH = 1000  # triples per INSERT DATA: Virtuoso refuses an update that expands past ~1,400
VIRTUOSO_BODY = 2_000_000  # bytes of N-Triples per request: Virtuoso resets bodies past ~4-7 MB
NOT_THERE = ("HTTP 404", "HTTP 405", "HTTP 501")


@dataclass(frozen=True)
class Store:
    """Where a store takes queries, updates and whole graphs."""

    query: str
    update: str
    graphs: str | None  # the Graph Store Protocol endpoint, if the store has one we know of
    max_body: int | None = None  # the largest request body the store takes, where it has a limit


def store_at(query: str, update: str | None = None, graphs: str | None = None) -> Store:
    """The store's other endpoints, from its query URL unless given."""
    parts = urllib.parse.urlsplit(query)
    path = parts.path.rstrip("/")
    base = f"{parts.scheme}://{parts.netloc}"
    if path == "/sparql":  # Virtuoso: one endpoint for queries and updates, the graph CRUD beside it
        auth = "-auth" if credentials() else ""
        found = Store(query, f"{base}/sparql{auth}", f"{base}/sparql-graph-crud{auth}", VIRTUOSO_BODY)
    elif path == "/query":  # Oxigraph
        found = Store(query, f"{base}/update", f"{base}/store")
    elif re.fullmatch(r"/repositories/[^/]+", path):  # GraphDB
        found = Store(query, f"{base}{path}/statements", f"{base}{path}/rdf-graphs/service")
    elif re.fullmatch(r"/[^/]+/(?:sparql|query)", path):  # Fuseki: /DATASET/sparql
        dataset = path.rsplit("/", 1)[0]
        found = Store(query, f"{base}{dataset}/update", f"{base}{dataset}/data")
    else:
        found = Store(query, re.sub(r"/(query|sparql)/?$", "/update", query), None)
    return Store(query, update or found.update, graphs or found.graphs, found.max_body)


def replace_graph(store: Store, graph: str, triples: list[Triple]) -> str:
    """Replace the named graph with these triples; says how ('graph store protocol', 'N SPARQL updates')."""
    if store.graphs:
        try:
            return _by_graph_store(store, graph, triples)
        except EndpointError as error:
            if not any(status in str(error) for status in NOT_THERE):
                raise
    return _by_updates(store, graph, triples)


def _by_graph_store(store: Store, graph: str, triples: list[Triple]) -> str:
    """One PUT replaces the graph; a KB larger than the store's body limit goes into a temporary
    graph in chunks (PUT, then POSTs that add), which one MOVE then puts in place."""
    chunks = _chunks(triples, store.max_body)
    if len(chunks) == 1:
        _graph_request(store, "PUT", graph, chunks[0])
        return "graph store protocol"

    def fill(temporary: str) -> None:
        for index, chunk in enumerate(chunks):
            _graph_request(store, "PUT" if index == 0 else "POST", temporary, chunk)

    _through_temporary(store, graph, fill)
    return f"graph store protocol, {len(chunks)} requests and a MOVE"


def _by_updates(store: Store, graph: str, triples: list[Triple]) -> str:
    batches = range(0, len(triples), BATCH)

    def fill(temporary: str) -> None:
        _update(store, f"DROP SILENT GRAPH <{temporary}>")
        for start in batches:
            lines = _ntriples(triples[start : start + BATCH]).decode("utf-8")
            _update(store, f"INSERT DATA {{ GRAPH <{temporary}> {{\n{lines}}} }}")

    _through_temporary(store, graph, fill)
    return f"{len(batches) + 2} SPARQL updates"


def _through_temporary(store: Store, graph: str, fill: Callable[[str], None]) -> None:
    """Fill a temporary graph, then MOVE it onto the target: the old graph stays until the end."""
    temporary = f"{graph}-jobkg-push-{uuid.uuid4().hex}"
    try:
        fill(temporary)
        _update(store, f"MOVE SILENT GRAPH <{temporary}> TO GRAPH <{graph}>")
    except EndpointError:
        with contextlib.suppress(EndpointError):  # the first failure is the one to report
            _update(store, f"DROP SILENT GRAPH <{temporary}>")
        raise


def _ntriples(triples: list[Triple]) -> bytes:
    return cast(bytes, serialize(triples, format=RdfFormat.N_TRIPLES))  # bytes when no output is given


def _chunks(triples: list[Triple], limit: int | None) -> list[bytes]:
    """N-Triples in bodies of at most limit bytes, cut between lines."""
    body = _ntriples(triples)
    if limit is None or len(body) <= limit:
        return [body]
    chunks, start = [], 0
    while start < len(body):
        end = body.rfind(b"\n", start, start + limit) + 1 if start + limit < len(body) else len(body)
        chunks.append(body[start:end])
        start = end
    return chunks


def _graph_request(store: Store, method: str, graph: str, body: bytes) -> None:
    url = f"{store.graphs}?{urllib.parse.urlencode({'graph': graph})}"
    send(method, url, body, {"Content-Type": "application/n-triples"}, timeout=600)


def _update(store: Store, text: str) -> None:
    body = urllib.parse.urlencode({"update": text}).encode("utf-8")
    send("POST", store.update, body, {"Content-Type": "application/x-www-form-urlencoded"}, timeout=600)
