"""One query interface, two backends: the embedded pyoxigraph store (here) and a remote SPARQL
1.1 endpoint (endpoint.py). Parameters go in as RDF terms, never as text pasted into the
query: the embedded store substitutes them as terms (pyoxigraph `substitutions`), an endpoint
receives a VALUES block of terms serialised by pyoxigraph (so quotes, braces and keywords in a
value stay inside one escaped literal). Both return rows of plain Python values, so their
answers compare equal."""

from __future__ import annotations

import re
from typing import Protocol

from pyoxigraph import BlankNode, Literal, NamedNode, QueryBoolean, QuerySolutions, Store, Triple, Variable

from jobkg.errors import QueryError

Row = dict[str, object]
Term = NamedNode | Literal

XSD = "http://www.w3.org/2001/XMLSchema#"
_XSD_STRING = NamedNode(XSD + "string")
INTEGER_TYPES = {XSD + t for t in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger")}


class Backend(Protocol):
    def select(self, sparql: str, bindings: dict[str, Term] | None = None, bind: str = "substitute") -> list[Row]: ...


def python_value(term: NamedNode | BlankNode | Literal | Triple | None) -> object:
    """A result term as a plain value: IRIs as str, integers as int, booleans as bool."""
    if isinstance(term, NamedNode):
        return term.value
    if term is None:
        return None
    if isinstance(term, Literal):
        datatype_node = term.datatype
        if datatype_node == _XSD_STRING:  # most cells: skip reading the datatype IRI
            return term.value
        datatype = datatype_node.value
        if datatype in INTEGER_TYPES:
            return int(term.value)
        if datatype == XSD + "boolean":
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
                substitutions: dict[Variable, NamedNode | BlankNode | Literal | Triple] = {
                    Variable(name): value for name, value in bindings.items()
                }
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
