"""The canned queries: every ``*.rq`` file here, its header read into a typed entry.

Header lines are SPARQL comments before the query::

    # title: Who a role reports to
    # description: ...
    # param: role role "Staff ITPM"
    # bind: values        (optional; see below)
    # internal: true      (optional: used by jobkg itself, hidden from listings and suggestions)
    # kept: false         (optional, for a query without parameters: a saved store does not keep its
                          rows beside it, as it does every other one's; for the role views' parts
                          and a bench's own query)
    # columns: role=iri title=text grade=integer? own=boolean
                          (every canned query: the columns it selects, in order, each with its
                          kind, one of iri, text, integer, decimal, boolean; '?' when it may be
                          unbound. Callers read the cells through queries.cells: text, maybe_text, integer, ...)

The files hold no PREFIX lines: the catalog puts in front of each query the prefixes it uses,
from the ontology's one prefix table, so no query can drift from the others.

Parameters reach the embedded store as substituted constants, which lets its optimiser start
from them. For a few queries the optimiser does better with a VALUES block; `# bind: values`
says so (measured by `jobkg bench`, see docs/decisions/0003). Endpoints always get VALUES.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from jobkg.errors import CatalogError, UnknownQueryError
from jobkg.ontology.vocab import PREFIXES

QUERY_DIR = Path(__file__).parent
PARAM_TYPES = ("role", "family", "integer", "text", "iri")
BIND_STRATEGIES = ("substitute", "values")
COLUMN_KINDS = ("iri", "text", "integer", "decimal", "boolean")
_PROJECTION_TOKEN = re.compile(r"[()]|\bAS\s+\?(?P<alias>\w+)|\?(?P<bare>\w+)", re.IGNORECASE)
_PREFIXED_NAME = re.compile(r"(?<![\w.-])([a-z][\w-]*):[A-Za-z_]")


class Runner(Protocol):
    """Anything that runs a canned query by name (the KnowledgeBase does, on any backend);
    role and family parameters may be names or IRIs."""

    def run(self, name: str, params: Mapping[str, str] | None = None) -> list[dict[str, object]]: ...


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    example: str


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # one of COLUMN_KINDS
    optional: bool = False  # may be unbound in a row


@dataclass(frozen=True)
class CannedQuery:
    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    sparql: str
    bind: str = "substitute"
    internal: bool = False
    columns: tuple[Column, ...] = ()  # declared in the header; checks (queries/checks.py) need not
    kept: bool = True  # a saved store keeps its rows beside it (when it has no parameters)

    def typed(self, rows: list[dict[str, object]]) -> list[dict[str, object]]:
        """Rows with the declared column kinds (Virtuoso returns booleans as the integers 0 and 1)."""
        booleans = [column.name for column in self.columns if column.kind == "boolean"]
        for row in rows:
            for column in booleans:
                if isinstance(row.get(column), int) and not isinstance(row[column], bool):
                    row[column] = bool(row[column])
        return rows

    def summary(self) -> dict[str, Any]:
        """What `jobkg queries --json` lists: the query's name, title, description and parameters."""
        return {
            "name": self.name,
            "title": self.title,
            "description": self.description,
            "params": [{"name": p.name, "type": p.type, "example": p.example} for p in self.params],
        }


def with_prefixes(body: str) -> str:
    """The query with a PREFIX line for each prefix it uses, from the ontology's table."""
    code = re.sub(r'(?m)#.*$|<[^<>\s]*>|"(?:[^"\\\n]|\\.)*"', " ", body)
    used = {match.group(1) for match in _PREFIXED_NAME.finditer(code)}
    lines = [f"PREFIX {prefix}: <{iri}>" for prefix, iri in PREFIXES.items() if prefix in used]
    return "\n".join(lines) + ("\n\n" if lines else "") + body


def parse_query_file(path: Path, columns_declared: bool = True) -> CannedQuery:
    """A query file and its header. A canned query declares its columns, as many and in the order
    its SELECT returns them; a structural check (queries/checks.py, written by users too) need not."""
    header: dict[str, str] = {}
    params: list[Param] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    body_start = 0
    for index, line in enumerate(lines):
        if not line.startswith("#"):
            body_start = index
            break
        key, _, value = line[1:].strip().partition(":")
        value = value.strip()
        if key == "param":
            parts = shlex.split(value)
            if len(parts) != 3 or parts[1] not in PARAM_TYPES:
                raise CatalogError(f"{path.name}: bad param line {line!r} (want: name type example)")
            params.append(Param(*parts))
        else:
            header[key] = value
    for required in ("title", "description"):
        if required not in header:
            raise CatalogError(f"{path.name}: header has no '{required}:' line")
    bind = header.get("bind", "substitute")
    if bind not in BIND_STRATEGIES:
        raise CatalogError(f"{path.name}: bind must be one of {', '.join(BIND_STRATEGIES)}, not {bind!r}")
    internal = header.get("internal", "false")
    if internal not in ("true", "false"):
        raise CatalogError(f"{path.name}: internal must be true or false, not {internal!r}")
    kept = header.get("kept", "true")
    if kept not in ("true", "false"):
        raise CatalogError(f"{path.name}: kept must be true or false, not {kept!r}")
    columns = _columns(path.name, header.get("columns", ""))
    body = "\n".join(lines[body_start:]).strip() + "\n"
    declared, selected = [c.name for c in columns], projected(body)
    if columns_declared and declared != selected:
        raise CatalogError(f"{path.name}: '# columns:' names {declared}, but the query selects {selected}")
    sparql = with_prefixes(body)
    return CannedQuery(
        path.stem,
        header["title"],
        header["description"],
        tuple(params),
        sparql,
        bind,
        internal == "true",
        columns,
        kept == "true",
    )


def _columns(file: str, declared: str) -> tuple[Column, ...]:
    """`role=iri grade=integer?` -> its columns; a malformed pair or an unknown kind is an error."""
    columns = []
    for pair in declared.split():
        name, _, kind = pair.partition("=")
        optional = kind.endswith("?")
        kind = kind.removesuffix("?")
        if not name or kind not in COLUMN_KINDS:
            raise CatalogError(
                f"{file}: a column is name=kind with kind one of {', '.join(COLUMN_KINDS)}, not {pair!r}"
            )
        columns.append(Column(name, kind, optional))
    return tuple(columns)


def projected(sparql: str) -> list[str]:
    """The variables a SELECT returns, in order (`?x`, and `?y` of `(... AS ?y)`)."""
    code = re.sub(r"(?m)#.*$", "", sparql)
    match = re.search(r"\bSELECT\s+(?:DISTINCT\s+|REDUCED\s+)?(.*?)\bWHERE\b", code, re.IGNORECASE | re.DOTALL)
    if match is None:
        return []
    names, depth = [], 0
    for token in _PROJECTION_TOKEN.finditer(match.group(1)):
        if token.group(0) in "()":
            depth += 1 if token.group(0) == "(" else -1
        elif token.group("alias") and depth == 1:  # the name of a top-level (expression AS ?y)
            names.append(token.group("alias"))
        elif token.group("bare") and depth == 0:
            names.append(token.group("bare"))
    return names


@cache
def catalog() -> dict[str, CannedQuery]:
    """All canned queries by name, sorted, internal ones included."""
    return {path.stem: parse_query_file(path) for path in sorted(QUERY_DIR.glob("*.rq"))}


def public() -> dict[str, CannedQuery]:
    """The queries people choose from: listings, suggestions, the app's Queries page."""
    return {name: query for name, query in catalog().items() if not query.internal}


def get(name: str) -> CannedQuery:
    try:
        return catalog()[name]
    except KeyError:
        known = ", ".join(public())
        raise UnknownQueryError(f"no canned query named {name!r}; known: {known}") from None
