"""The canned queries: every ``*.rq`` file here, its header read into a typed entry.

Header lines are SPARQL comments before the query::

    # title: Who a role reports to
    # description: ...
    # param: role role "Staff ITPM"
    # bind: values        (optional; see below)

Parameters reach the embedded store as substituted constants, which lets its optimiser start
from them. For a few queries the optimiser does better with a VALUES block; `# bind: values`
says so (measured by `jobkg bench`, see docs/decisions/0003). Endpoints always get VALUES.
"""

from __future__ import annotations

import shlex
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

QUERY_DIR = Path(__file__).parent
PARAM_TYPES = ("role", "family", "integer", "text")
BIND_STRATEGIES = ("substitute", "values")


class CatalogError(ValueError):
    """A .rq file whose header is malformed (caught by the catalog test, never at run time)."""


class UnknownQueryError(KeyError):
    """No canned query has that name."""

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    example: str


@dataclass(frozen=True)
class CannedQuery:
    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    sparql: str
    bind: str = "substitute"

    def summary(self) -> dict[str, object]:
        data = asdict(self)
        del data["sparql"]
        del data["bind"]
        data["params"] = [asdict(p) for p in self.params]
        return data


def parse_query_file(path: Path) -> CannedQuery:
    header: dict[str, str] = {}
    params: list[Param] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
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
    text = path.read_text(encoding="utf-8")
    return CannedQuery(path.stem, header["title"], header["description"], tuple(params), text, bind)


@cache
def catalog() -> dict[str, CannedQuery]:
    """All canned queries by name, sorted."""
    return {path.stem: parse_query_file(path) for path in sorted(QUERY_DIR.glob("*.rq"))}


def get(name: str) -> CannedQuery:
    try:
        return catalog()[name]
    except KeyError:
        known = ", ".join(catalog())
        raise UnknownQueryError(f"no canned query named {name!r}; known: {known}") from None
