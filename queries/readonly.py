"""The free SPARQL editor's guard: read-only queries only, no federation, a timeout and a
row cap. On the embedded store the query runs in a forked child process that is killed
when the time is up, so no query can hold the app."""

from __future__ import annotations

import multiprocessing
import re
import time
from dataclasses import dataclass, field

from pyoxigraph import QueryBoolean, QuerySolutions, Store

from jobkg.errors import ForbiddenQueryError, QueryError, QueryTimeoutError
from jobkg.queries.advice import misspelt_form, syntax_message, unknown_terms, with_known_prefixes
from jobkg.queries.backends import Backend, Row, python_value

DEFAULT_TIMEOUT_S = 5.0
DEFAULT_ROW_CAP = 1000

_NOT_CODE = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''  # strings
    r"|<[^<>\"{}|^`\\\s]*>"  # IRIs
    r"|#[^\n]*"  # comments
    r"|[?$]\w+"  # variables
    r"|[A-Za-z_][\w.-]*:[\w.-]*|:[\w.-]+"  # prefixed names
)
_UPDATE = re.compile(r"\b(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.IGNORECASE)
_SERVICE = re.compile(r"\bSERVICE\b", re.IGNORECASE)
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


@dataclass
class ReadOnlyResult:
    columns: list[str]
    rows: list[Row]
    truncated: bool
    seconds: float
    warnings: list[str] = field(default_factory=list)  # terms the ontology does not have, and the like


def check_read_only(sparql: str) -> None:
    """Refuse updates (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ...) and SERVICE calls."""
    code = _NOT_CODE.sub(" ", sparql)
    update = _UPDATE.search(code)
    if update:
        raise ForbiddenQueryError(f"{update.group(1).upper()} is an update; the editor runs read-only queries only")
    if _SERVICE.search(code):
        raise ForbiddenQueryError("SERVICE (federated) queries are not allowed")
    if not _FORM.search(code):
        only = "only SELECT, ASK, CONSTRUCT and DESCRIBE queries can be run"
        raise ForbiddenQueryError(misspelt_form(sparql) or only)


def _collect(store: Store, sparql: str, row_cap: int) -> tuple[list[str], list[Row], bool]:
    result = store.query(sparql, use_default_graph_as_union=True)
    if isinstance(result, QueryBoolean):
        return ["result"], [{"result": bool(result)}], False
    if isinstance(result, QuerySolutions):
        columns = [v.value for v in result.variables]
        make = lambda solution: dict(zip(columns, map(python_value, solution), strict=True))  # noqa: E731
    else:  # CONSTRUCT / DESCRIBE triples
        columns = ["subject", "predicate", "object"]
        make = lambda t: {"subject": str(t.subject), "predicate": str(t.predicate), "object": str(t.object)}  # noqa: E731
    rows: list[Row] = []
    for item in result:
        if len(rows) == row_cap:
            return columns, rows, True
        rows.append(make(item))
    return columns, rows, False


def _child(store: Store, sparql: str, row_cap: int, conn) -> None:  # noqa: ANN001 - a multiprocessing Connection
    try:
        conn.send(("ok", _collect(store, sparql, row_cap)))
    except SyntaxError as exc:
        conn.send(("syntax", str(exc)))
    except Exception as exc:  # anything the engine raises goes back as a message
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def run_read_only(
    store: Store | None,
    backend: Backend,
    sparql: str,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    row_cap: int = DEFAULT_ROW_CAP,
) -> ReadOnlyResult:
    """Run a user's query under the guard; endpoints get the same checks and their own timeout.
    The ontology's prefixes are declared for the user where the query uses them without."""
    check_read_only(sparql)
    warnings = unknown_terms(sparql)
    prepared, shift = with_known_prefixes(sparql)
    start = time.perf_counter()
    if store is None:
        rows = backend.select(prepared)
        columns = list(rows[0]) if rows else []
        return ReadOnlyResult(columns, rows[:row_cap], len(rows) > row_cap, time.perf_counter() - start, warnings)
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(store, prepared, row_cap, send), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(timeout_s):
            raise QueryTimeoutError(f"the query took longer than {timeout_s:g} s and was stopped")
        status, payload = receive.recv()
    except EOFError:
        raise QueryError("the query process ended without an answer") from None
    finally:
        if child.is_alive():
            child.kill()
        child.join(timeout=5)
        receive.close()
    if status == "syntax":
        raise QueryError(syntax_message(payload, sparql, shift))
    if status == "error":
        raise QueryError(payload)
    columns, rows, truncated = payload
    return ReadOnlyResult(columns, rows, truncated, time.perf_counter() - start, warnings)
