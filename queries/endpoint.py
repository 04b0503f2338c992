"""A KB in a remote SPARQL 1.1 store, queried through SPARQLWrapper: the KB's graph is each
query's default graph; credentials come from the environment and answer the server's challenge
(Basic or Digest); SELECTs are read page by page below the row caps stores apply by default
(Virtuoso returns at most 10,000 rows and says so only in a header), so no listing is cut short
in silence; answers come back as the same Python values the embedded store gives."""

from __future__ import annotations

import json
import re

from jobkg.errors import EndpointError
from jobkg.queries.backends import INTEGER_TYPES, XSD, Row, Term, bind_into
from jobkg.queries.http import challenge, credentials, refusal, server_text
from jobkg.queries.ordering import sort_rows, split_order

DEFAULT_GRAPH_IRI = "https://w3id.org/jobkg/graph/kb"
MAX_ROWS_HEADER = "X-SPARQL-MaxRows"  # Virtuoso's mark of a result it cut at its row cap
_LIMITED = re.compile(r"\b(?:LIMIT|OFFSET)\s+\d+\s*$", re.IGNORECASE)
_SELECT = re.compile(r"^\s*(?:PREFIX[^\n]*\n|#[^\n]*\n|\s)*SELECT\b", re.IGNORECASE)


class EndpointBackend:
    """Queries a SPARQL 1.1 endpoint; credentials from JOBKG_ENDPOINT_USER / _PASSWORD, never printed."""

    def __init__(self, url: str, graph: str | None = DEFAULT_GRAPH_IRI, timeout: float = 30.0) -> None:
        self.url = url
        self.graph = graph
        self.timeout = timeout

    def select(self, sparql: str, bindings: dict[str, Term] | None = None, bind: str = "values") -> list[Row]:
        """Every row. A store that cuts a result at its row cap (and says so, or returns a round
        number of rows at or above 10,000) is asked again page by page. Pages are read without
        the ORDER BY, which the client then applies: a store that caps rows may also refuse to
        sort past its cap (stock Virtuoso does), and an unchanged query reads in the same order."""
        text = bind_into(sparql, bindings or {})  # endpoints always get VALUES: portable SPARQL 1.1
        rows, cap = self._rows(text)
        if cap is None or not _SELECT.match(text) or _LIMITED.search(text.strip()):
            return rows
        unordered, conditions = split_order(text)
        rows = []
        while True:
            page, _ = self._rows(f"{unordered.rstrip()}\nLIMIT {cap} OFFSET {len(rows)}")
            rows.extend(page)
            if len(page) < cap:
                return sort_rows(rows, conditions)

    def _rows(self, text: str) -> tuple[list[Row], int | None]:
        """The rows of one request, and the row cap the store applied to it, if it did."""
        try:
            response = self._wrapper(text).query()
            data = json.loads(response.response.read())
            marked = response.response.headers.get(MAX_ROWS_HEADER)
        except EndpointError:
            raise
        except Exception as exc:  # SPARQLWrapper raises urllib's errors and its own
            raise EndpointError(describe_endpoint_error(self.url, exc)) from None
        if "boolean" in data:
            return [{"result": bool(data["boolean"])}], None
        names = data["head"].get("vars", [])
        bindings = data["results"]["bindings"]
        if names == ["__ASK_RETVAL"]:  # Virtuoso answers ASK as a one-row table
            return [{"result": bool(bindings and int(bindings[0]["__ASK_RETVAL"]["value"]))}], None
        rows = [{name: _json_value(binding.get(name)) for name in names} for binding in bindings]
        suspicious = len(rows) >= 10_000 and len(rows) % 1000 == 0
        cap = int(marked) if marked and marked.isdigit() else len(rows) if suspicious else None
        return rows, cap

    def _wrapper(self, sparql: str):  # noqa: ANN202 - SPARQLWrapper has no type stubs
        from SPARQLWrapper import BASIC, DIGEST, JSON, POST, SPARQLWrapper

        wrapper = SPARQLWrapper(self.url)
        wrapper.setMethod(POST)
        wrapper.setReturnFormat(JSON)
        wrapper.setTimeout(int(self.timeout))
        if self.graph:
            wrapper.addDefaultGraph(self.graph)
        found = credentials()
        if found:
            wrapper.setHTTPAuth(DIGEST if challenge(self.url) == "Digest" else BASIC)
            wrapper.setCredentials(*found)
        wrapper.setQuery(sparql)
        return wrapper


def _json_value(cell: dict[str, str] | None) -> object:
    if cell is None:
        return None
    if cell["type"] == "uri":
        return cell["value"]
    datatype = cell.get("datatype", "")
    if datatype in INTEGER_TYPES:
        return int(cell["value"])
    if datatype == XSD + "boolean":
        return cell["value"] in ("true", "1")
    return cell["value"]


def describe_endpoint_error(url: str, exc: Exception) -> str:
    """One clear line for each way an endpoint can fail, with the server's own words."""
    import socket
    import urllib.error

    from SPARQLWrapper import SPARQLExceptions as errors

    statuses = {
        errors.QueryBadFormed: (400, "Bad Request"),
        errors.Unauthorized: (401, "Unauthorized"),
        errors.EndPointNotFound: (404, "Not Found"),
        errors.URITooLong: (414, "URI Too Long"),
        errors.EndPointInternalError: (500, "server error"),
    }
    reason = getattr(exc, "reason", None)
    if isinstance(exc, urllib.error.HTTPError):
        return refusal(url, exc.code, str(exc.reason), server_text(exc.read()))
    for kind, (status, name) in statuses.items():
        if isinstance(exc, kind):
            said = str(exc).split("Response:", 1)[1] if "Response:" in str(exc) else ""
            said = re.sub(r"^\s*b['\"]|['\"]\s*$", "", said.strip()).replace("\\n", "\n")
            return refusal(url, status, name, server_text(said.encode()))
    if isinstance(exc, errors.SPARQLWrapperException):
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return f"endpoint {url} refused the request: {first}"
    if isinstance(exc, TimeoutError | socket.timeout) or isinstance(reason, TimeoutError | socket.timeout):
        return f"endpoint {url} did not answer in time"
    if isinstance(exc, urllib.error.URLError | ConnectionError | OSError):
        return f"endpoint {url} is unreachable ({reason or exc})"
    return f"endpoint {url} failed: {type(exc).__name__}: {exc}"
