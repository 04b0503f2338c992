"""One query interface, two backends: the embedded pyoxigraph store and a remote SPARQL 1.1
endpoint (SPARQLWrapper). Parameters go in as RDF terms, never as text pasted into the
query: the embedded store substitutes them as terms (pyoxigraph `substitutions`), an endpoint
receives a VALUES block of terms serialised by pyoxigraph (so quotes, braces and keywords in a
value stay inside one escaped literal). Both return rows of plain
Python values, so their answers compare equal."""

from __future__ import annotations

import json
import os
import re
import time
from typing import Protocol

from pyoxigraph import Literal, NamedNode, QueryBoolean, QuerySolutions, RdfFormat, Store, Triple, Variable, serialize

from jobkg.errors import EndpointError, QueryError

Row = dict[str, object]
Term = NamedNode | Literal

DEFAULT_GRAPH_IRI = "https://w3id.org/jobkg/graph/kb"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_XSD_STRING = NamedNode(_XSD + "string")
_INTEGER_TYPES = {_XSD + t for t in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger")}


class Backend(Protocol):
    def select(self, sparql: str, bindings: dict[str, Term] | None = None, bind: str = "substitute") -> list[Row]: ...


def python_value(term: object) -> object:
    """A result term as a plain value: IRIs as str, integers as int, booleans as bool."""
    kind = type(term)
    if kind is NamedNode:
        return term.value
    if term is None:
        return None
    if kind is Literal:
        datatype_node = term.datatype
        if datatype_node == _XSD_STRING:  # most cells: skip reading the datatype IRI
            return term.value
        datatype = datatype_node.value
        if datatype in _INTEGER_TYPES:
            return int(term.value)
        if datatype == _XSD + "boolean":
            return term.value in ("true", "1")
        return term.value
    return str(term)


class EmbeddedBackend:
    """Queries the in-process pyoxigraph store over the asserted and inferred graphs."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def select(self, sparql: str, bindings: dict[str, Term] | None = None, bind: str = "substitute") -> list[Row]:
        bindings = bindings or {}
        try:
            # The store holds only the KB's graphs (asserted, inferred): their union is the KB.
            if bindings and bind == "substitute" and _projects(sparql, bindings):
                # Substituted constants let the optimiser start from them; a VALUES block is
                # joined afterwards, which is slow around OPTIONAL and UNION.
                substitutions = {Variable(name): value for name, value in bindings.items()}
                result = self.store.query(sparql, use_default_graph_as_union=True, substitutions=substitutions)
            else:
                result = self.store.query(bind_into(sparql, bindings), use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from None
        if isinstance(result, QueryBoolean):
            return [{"result": bool(result)}]
        if not isinstance(result, QuerySolutions):
            raise QueryError("only SELECT and ASK queries return rows")
        names = [v.value for v in result.variables]
        return [dict(zip(names, map(python_value, solution), strict=True)) for solution in result]


def _projects(sparql: str, bindings: dict[str, Term]) -> bool:
    """Whether every bound variable is in the SELECT clause (pyoxigraph substitutes only those)."""
    code = re.sub(r"(?m)^\s*#.*$", "", sparql)  # a comment may say "select" or "where"
    match = re.search(r"\bSELECT\b(.*?)\bWHERE\b", code, re.IGNORECASE | re.DOTALL)
    if not match:
        return False
    projected = set(re.findall(r"\?(\w+)", match.group(1)))
    return set(bindings) <= projected


def values_block(bindings: dict[str, Term]) -> str:
    """A VALUES clause of N-Triples-serialised terms (escaped by pyoxigraph, not by us)."""
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(str(term) for term in bindings.values())
    return f"VALUES ({names}) {{ ({terms}) }}"


def bind_into(sparql: str, bindings: dict[str, Term]) -> str:
    """Put the VALUES block first inside the outermost WHERE, where FILTERs can see it."""
    if not bindings:
        return sparql
    match = re.search(r"\bWHERE\s*\{", sparql, re.IGNORECASE)
    if not match:
        raise QueryError("a parameterised query needs a WHERE { ... } clause")
    return f"{sparql[: match.end()]}\n  {values_block(bindings)}\n{sparql[match.end() :]}"


class EndpointBackend:
    """Queries a SPARQL 1.1 endpoint; the KB's graph is the query's default graph.

    Credentials come from JOBKG_ENDPOINT_USER / JOBKG_ENDPOINT_PASSWORD and are never printed."""

    def __init__(
        self,
        url: str,
        graph: str | None = DEFAULT_GRAPH_IRI,
        timeout: float = 30.0,
        update_url: str | None = None,
    ) -> None:
        self.url = url
        self.graph = graph
        self.timeout = timeout
        self.update_url = update_url or default_update_url(url)

    def _wrapper(self, sparql: str, update: bool = False):  # noqa: ANN202 - SPARQLWrapper has no type stubs
        from SPARQLWrapper import JSON, POST, SPARQLWrapper

        wrapper = SPARQLWrapper(self.url, updateEndpoint=self.update_url)
        wrapper.setMethod(POST)
        wrapper.setReturnFormat(JSON)
        wrapper.setTimeout(int(self.timeout))
        if self.graph and not update:
            wrapper.addDefaultGraph(self.graph)
        user, password = os.environ.get("JOBKG_ENDPOINT_USER"), os.environ.get("JOBKG_ENDPOINT_PASSWORD")
        if user and password:
            wrapper.setCredentials(user, password)
        wrapper.setQuery(sparql)
        return wrapper

    def select(self, sparql: str, bindings: dict[str, Term] | None = None, bind: str = "values") -> list[Row]:
        text = bind_into(sparql, bindings or {})  # endpoints always get VALUES: portable SPARQL 1.1
        try:
            response = self._wrapper(text).query()
            data = json.loads(response.response.read())
        except Exception as exc:  # SPARQLWrapper raises urllib and its own errors
            raise EndpointError(describe_endpoint_error(self.url, exc)) from None
        if "boolean" in data:
            return [{"result": bool(data["boolean"])}]
        names = data["head"].get("vars", [])
        return [{name: _json_value(binding.get(name)) for name in names} for binding in data["results"]["bindings"]]

    def replace_graph(self, triples: list[Triple], graph: str, retries: int = 3) -> None:
        """Replace a named graph in one SPARQL UPDATE request: one transaction, so a failure
        half-way leaves the previous graph as it was. Retries connection failures, not refusals."""
        body = serialize(triples, format=RdfFormat.N_TRIPLES).decode("utf-8")
        update = f"DROP SILENT GRAPH <{graph}> ;\nINSERT DATA {{ GRAPH <{graph}> {{\n{body}}} }}"
        for attempt in range(1, retries + 1):
            try:
                self._wrapper(update, update=True).query()
                return
            except Exception as exc:  # SPARQLWrapper raises urllib and its own errors
                message = describe_endpoint_error(self.update_url, exc)
                if attempt == retries or "answered HTTP 4" in message or "refused the request" in message:
                    raise EndpointError(message) from None
                time.sleep(0.5 * 2 ** (attempt - 1))


def default_update_url(url: str) -> str:
    """Oxigraph and Fuseki answer updates at .../update beside .../query or .../sparql."""
    return re.sub(r"/(query|sparql)/?$", "/update", url)


def _json_value(cell: dict[str, str] | None) -> object:
    if cell is None:
        return None
    if cell["type"] == "uri":
        return cell["value"]
    datatype = cell.get("datatype", "")
    if datatype in _INTEGER_TYPES:
        return int(cell["value"])
    if datatype == _XSD + "boolean":
        return cell["value"] in ("true", "1")
    return cell["value"]


def describe_endpoint_error(url: str, exc: Exception) -> str:
    """One clear line for each way an endpoint can fail."""
    import socket
    import urllib.error

    from SPARQLWrapper import SPARQLExceptions as errors

    statuses = {
        errors.QueryBadFormed: "400 (the server rejected the query)",
        errors.Unauthorized: "401 (credentials missing or wrong: set JOBKG_ENDPOINT_USER / JOBKG_ENDPOINT_PASSWORD)",
        errors.EndPointNotFound: "404 (no SPARQL endpoint at that URL)",
        errors.URITooLong: "414 (request too long)",
        errors.EndPointInternalError: "500 (server error)",
    }
    reason = getattr(exc, "reason", None)
    if isinstance(exc, urllib.error.HTTPError):
        return f"endpoint {url} answered HTTP {exc.code} {exc.reason}"
    for kind, status in statuses.items():
        if isinstance(exc, kind):
            return f"endpoint {url} answered HTTP {status}"
    if isinstance(exc, errors.SPARQLWrapperException):
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return f"endpoint {url} refused the request: {first}"
    if isinstance(exc, TimeoutError | socket.timeout) or isinstance(reason, TimeoutError | socket.timeout):
        return f"endpoint {url} did not answer in time"
    if isinstance(exc, urllib.error.URLError | ConnectionError | OSError):
        return f"endpoint {url} is unreachable ({reason or exc})"
    return f"endpoint {url} failed: {type(exc).__name__}: {exc}"
