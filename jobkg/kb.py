"""The KnowledgeBase facade: one object the CLI, the app and tests share.

It builds the KB (ingest -> reason -> embedded store), loads and saves it, runs canned
queries with parameters bound as RDF terms, and answers the role-level views (the roles
JSON, explanations). The same methods work against a remote SPARQL endpoint.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Store, serialize

from ingest.corpus import IngestReport, ingest_into
from ingest.errors import JobkgError
from ontology import ontology_triples
from ontology.reasoner import read_axioms, reason
from ontology.validate import ValidationReport, validate
from ontology.vocab import ASSERTED_GRAPH, INFERRED_GRAPH, PREFIXES, XSD_INTEGER
from queries import catalog
from queries.backends import Backend, EmbeddedBackend, EndpointBackend, Row
from queries.memo import RowMemo
from queries.mentions import Resolution, Resolver
from queries.readonly import ReadOnlyResult, run_read_only

BUNDLED_CORPUS = Path(__file__).resolve().parent.parent / "data" / "handbook"

ALL_FORMATS = ("turtle", "nt", "jsonld", "xml", "trig", "nquads", "graphml", "gexf", "csv")
FORMATS: dict[str, tuple[RdfFormat, bool]] = {  # name -> (format, keeps named graphs)
    "turtle": (RdfFormat.TURTLE, False),
    "nt": (RdfFormat.N_TRIPLES, False),
    "jsonld": (RdfFormat.JSON_LD, False),
    "xml": (RdfFormat.RDF_XML, False),
    "trig": (RdfFormat.TRIG, True),
    "nquads": (RdfFormat.N_QUADS, True),
}


class ParamError(JobkgError):
    """A query parameter is missing, unknown or of the wrong type."""


class UnresolvedNameError(JobkgError):
    """A role or family name matches nothing, or more than one thing."""

    def __init__(self, param: str, resolution: Resolution) -> None:
        self.param = param
        self.resolution = resolution
        if resolution.candidates:
            names = "; ".join(f"{c.title} ({c.context})" if c.context else c.title for c in resolution.candidates)
            message = f"'{resolution.mention}' is ambiguous: {names}"
        elif resolution.suggestions:
            names = "; ".join(s.title for s in resolution.suggestions)
            message = f"no role or family matches '{resolution.mention}'; did you mean: {names}?"
        else:
            message = f"no role or family matches '{resolution.mention}'"
        super().__init__(message)


class KbFileError(JobkgError):
    """A KB file cannot be read (missing, truncated, not RDF)."""


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """A build allocates millions of long-lived objects and makes no reference cycles, so the
    cyclic collector only rescans them, again and again: about 15% of a 100x build."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass
class BuildTimings:
    ingest_s: float = 0.0
    reason_s: float = 0.0
    load_s: float = 0.0


@dataclass
class KnowledgeBase:
    backend: Backend
    store: Store | None = None
    report: IngestReport | None = None
    cycles: list[tuple[str, str]] = field(default_factory=list)
    timings: BuildTimings = field(default_factory=BuildTimings)
    _answers: RowMemo = field(default_factory=RowMemo, init=False, repr=False, compare=False)

    # ------------------------------------------------------------ making one

    @classmethod
    def build(
        cls,
        sources: Iterable[Path] | None = None,
        reasoner: str = "jobkg",
        on_page: Callable[[str], None] | None = None,
    ) -> KnowledgeBase:
        """Ingest pages (default: the bundled corpus), reason, and load an embedded store."""
        timings = BuildTimings()
        ontology = ontology_triples()
        reasoner_reads = read_axioms(ontology).reads()
        store = Store()
        relevant: list[tuple[object, object, object]] = []

        def load(quads: list[Quad]) -> None:
            """Each page's quads go straight to the store; the reasoner keeps only what it reads."""
            store.bulk_extend(quads)
            relevant.extend((q.subject, q.predicate, q.object) for q in quads if reasoner_reads(q.predicate, q.object))

        with _cyclic_gc_paused():
            start = time.perf_counter()
            report = ingest_into(list(sources or [BUNDLED_CORPUS]), load, on_page=on_page)
            report.asserted_triples = len(store)
            timings.ingest_s = time.perf_counter() - start
            start = time.perf_counter()
            inference = reason(relevant, ontology, engine=reasoner)
            relevant.clear()
            timings.reason_s = time.perf_counter() - start
            start = time.perf_counter()
            store.bulk_extend(inference.quads(INFERRED_GRAPH))
            timings.load_s = time.perf_counter() - start
        return cls(EmbeddedBackend(store), store, report, inference.cycles, timings)

    @classmethod
    def load(cls, path: Path) -> KnowledgeBase:
        """Load a KB saved by `jobkg build -o` (TriG or N-Quads with both named graphs)."""
        fmt = RdfFormat.N_QUADS if path.suffix in (".nq", ".nquads") else RdfFormat.TRIG
        store = Store()
        try:
            store.bulk_load(path=str(path), format=fmt)
        except FileNotFoundError:
            raise KbFileError(f"{path}: no such KB file") from None
        except (SyntaxError, ValueError, OSError) as exc:
            raise KbFileError(f"{path}: not a readable KB file ({str(exc).splitlines()[0]})") from None
        if not any(True for _ in store.quads_for_pattern(None, None, None, ASSERTED_GRAPH)):
            raise KbFileError(f"{path}: holds no jobkg graph <{ASSERTED_GRAPH.value}>")
        return cls(EmbeddedBackend(store), store)

    @classmethod
    def remote(cls, url: str, graph: str | None = None) -> KnowledgeBase:
        """A KB that lives in a SPARQL 1.1 endpoint (pushed there by `jobkg push`)."""
        from queries.backends import DEFAULT_GRAPH_IRI

        return cls(EndpointBackend(url, graph or DEFAULT_GRAPH_IRI))

    # ------------------------------------------------------------ RDF out

    def quads(self, asserted_only: bool = False) -> list[Quad]:
        store = self._require_store()
        graphs = [ASSERTED_GRAPH] if asserted_only else [ASSERTED_GRAPH, INFERRED_GRAPH]
        return [q for g in graphs for q in store.quads_for_pattern(None, None, None, g)]

    def export(self, fmt: str, asserted_only: bool = False) -> bytes:
        """The KB serialised; triple formats merge the asserted and inferred graphs.

        Also the org graph as GraphML / GEXF and the roles as CSV (see jobkg.exports)."""
        from jobkg import exports

        if fmt in ("graphml", "gexf"):
            return exports.graph_file(self, fmt)
        if fmt == "csv":
            return exports.roles_csv(self)
        if fmt not in FORMATS:
            known = ", ".join([*FORMATS, *exports.EXTRA_FORMATS])
            raise ParamError(f"unknown format {fmt!r}; choose one of {known}")
        rdf_format, keeps_graphs = FORMATS[fmt]
        quads = self.quads(asserted_only)
        if keeps_graphs:
            return serialize(sorted(quads, key=str), format=rdf_format, prefixes=PREFIXES if fmt == "trig" else None)
        triples = sorted({q.triple for q in quads}, key=str)
        if fmt == "jsonld":
            return exports.jsonld_compact(serialize(triples, format=RdfFormat.N_TRIPLES))
        return serialize(triples, format=rdf_format, prefixes=None if fmt == "nt" else PREFIXES)

    def save(self, path: Path) -> None:
        path.write_bytes(self.export("nquads" if path.suffix in (".nq", ".nquads") else "trig"))

    def push(self, url: str, graph: str | None = None, update_url: str | None = None) -> int:
        """Replace the KB's graph at a SPARQL 1.1 endpoint with this KB (asserted and inferred)."""
        from queries.backends import DEFAULT_GRAPH_IRI

        triples = sorted({q.triple for q in self.quads()}, key=str)
        EndpointBackend(url, graph or DEFAULT_GRAPH_IRI, update_url=update_url).replace_graph(
            triples, graph or DEFAULT_GRAPH_IRI
        )
        return len(triples)

    def _require_store(self) -> Store:
        if self.store is None:
            raise ParamError("this needs the embedded store; it is not available for a remote endpoint")
        return self.store

    # ------------------------------------------------------------ queries

    def select(
        self, sparql: str, bindings: dict[str, NamedNode | Literal] | None = None, bind: str = "substitute"
    ) -> list[Row]:
        return self.backend.select(sparql, bindings, bind)

    def run(self, name: str, params: dict[str, str] | None = None) -> list[Row]:
        """Run a canned query by name; role and family parameters may be names or IRIs. On the
        embedded store answers are kept (the KB never changes); an endpoint is always asked."""
        query = catalog.get(name)
        bindings = self.bind(query, params or {})
        if self.store is None:
            return self.select(query.sparql, bindings, query.bind)
        key = (name, tuple(sorted((param, str(term)) for param, term in bindings.items())))
        return self._answers.get(key, lambda: self.select(query.sparql, bindings, query.bind))

    def bind(self, query: catalog.CannedQuery, params: dict[str, str]) -> dict[str, NamedNode | Literal]:
        known = {p.name: p for p in query.params}
        unknown = set(params) - set(known)
        if unknown:
            raise ParamError(
                f"query '{query.name}' has no parameter {', '.join(sorted(unknown))}; "
                f"it takes: {', '.join(known) or 'none'}"
            )
        bindings: dict[str, NamedNode | Literal] = {}
        for name, param in known.items():
            if name not in params:
                raise ParamError(f"query '{query.name}' needs --param {name}=... (e.g. {param.example})")
            value = params[name]
            if param.type == "integer":
                try:
                    bindings[name] = Literal(str(int(value)), datatype=XSD_INTEGER)
                except ValueError:
                    raise ParamError(f"parameter {name} must be a whole number, not {value!r}") from None
            elif param.type in ("role", "family"):
                resolver = self.role_resolver if param.type == "role" else self.family_resolver
                resolution = resolver.resolve(value)
                if resolution.match is None:
                    raise UnresolvedNameError(name, resolution)
                bindings[name] = NamedNode(resolution.match.iri)
            else:
                bindings[name] = Literal(value)
        return bindings

    @cached_property
    def role_resolver(self) -> Resolver:
        """Roles and the positions pages name (reporting targets) by every name they go by."""
        resolver = Resolver()
        names: dict[str, tuple[str, list[str], str]] = {}
        for row in self.run("role-names"):
            iri = str(row["role"])
            entry = names.setdefault(iri, (str(row["title"]), [], str(row["family_title"])))
            if row["alias"]:
                entry[1].append(str(row["alias"]))
        for iri, (title, aliases, family) in names.items():
            resolver.add(iri, title, aliases, family)
        for row in self.run("external-targets"):
            resolver.add(str(row["target"]), str(row["label"]), [], "named on a page, not defined as a role")
        return resolver

    @cached_property
    def family_resolver(self) -> Resolver:
        resolver = Resolver()
        for row in self.run("families"):
            resolver.add(str(row["family"]), str(row["title"]), [], str(row["department"] or ""))
        return resolver

    # ------------------------------------------------------------ role views

    def roles(self) -> list[dict[str, object]]:
        """One object per role: the `jobkg roles --json` view, with inherited items traced."""
        return [dict(role) for role in self._roles]

    def role(self, iri: str) -> dict[str, object]:
        for role in self._roles:
            if role["iri"] == iri:
                return role
        raise UnresolvedNameError("role", Resolution(iri))

    def sources_of(self, iri: str) -> list[dict[str, object]]:
        """The file and line that define a node (a role), without listing every role."""
        rows = self.select(_NODE_SOURCES, {"node": NamedNode(iri)})
        return [{"file": row["file"], "line": row["line"]} for row in rows]

    def role_view(self, iri: str) -> dict[str, object]:
        """Everything the app's role page shows, from the same queries the CLI runs."""
        params = {"role": iri}
        return {
            "role": self.role(iri),
            "levels": self.run("adjacent-levels", params),
            "chain": self.run("reporting-chain", params),
            "reports": self.run("all-reports", params),
            "equivalents": self.run("equivalents", params),
            "indicators": self.run("performance-indicators", params),
            "hiring": self.run("interviewers", params),
        }

    def validate(self) -> tuple[ValidationReport, dict[str, dict[str, object]]]:
        """SHACL report, and for each focus node its label, file and line."""
        report = validate(self.export("nt"))
        where: dict[str, dict[str, object]] = {}
        for row in self.select(_NODE_SOURCES):
            where.setdefault(str(row["node"]), {"label": row["label"], "file": row["file"], "line": row["line"]})
        return report, where

    def sparql(self, text: str, timeout_s: float = 5.0, row_cap: int = 1000) -> ReadOnlyResult:
        """A user's own read-only query, with a timeout and a row cap."""
        return run_read_only(self.store, self.backend, text, timeout_s, row_cap)

    @cached_property
    def _roles(self) -> list[dict[str, object]]:
        rows = self.select(_ROLE_TABLE)
        roles: dict[str, dict[str, object]] = {}
        for row in rows:
            roles[str(row["role"])] = {
                "iri": row["role"],
                "title": row["title"],
                "family": row["family_title"],
                "department": row["department"],
                "grade": row["grade"],
                "track": row["track"],
                "reports_to": [],
                "extends": [],
                "aliases": [],
                "responsibilities": [],
                "requirements": [],
                "performance_indicators": [],
                "source": {"file": row["file"], "line": row["line"]},
            }
        for row in self.select(_ROLE_LINKS):
            role = roles.get(str(row["role"]))
            if role is None:
                continue
            kind, label, iri = row["kind"], row["label"], row["other"]
            if kind == "reports_to":
                role["reports_to"].append({"label": label, "iri": iri})
            elif kind == "extends" and label not in role["extends"]:
                role["extends"].append(label)
            elif kind == "alias":
                role["aliases"].append(label)
            elif kind == "indicator" and label not in role["performance_indicators"]:
                role["performance_indicators"].append(label)
        seen: dict[tuple[str, str], set[str]] = {}
        for row in self.select(_ROLE_ITEMS):
            role = roles.get(str(row["role"]))
            if role is None:
                continue
            key = "responsibilities" if row["kind"] == "responsibility" else "requirements"
            texts = seen.setdefault((str(row["role"]), key), set())
            if row["text"] in texts:
                continue
            texts.add(str(row["text"]))
            inherited = None if row["own"] else row["stated_for"]
            role[key].append({"text": row["text"], "inherited_from": inherited, "line": row["line"]})
        return list(roles.values())

    def explain(self, mention: str) -> dict[str, object]:
        """Where each inherited item and each step of the reporting chain comes from."""
        resolution = self.role_resolver.resolve(mention)
        if resolution.match is None:
            raise UnresolvedNameError("role", resolution)
        iri = resolution.match.iri
        role = next(r for r in self.roles() if r["iri"] == iri)
        ancestors = self.run("reporting-chain", {"role": iri})
        in_chain = {iri} | {str(row["ancestor"]) for row in ancestors}
        chain = []
        for row in ancestors:
            statements = self.select(_STATED_REPORTING, {"target": NamedNode(str(row["ancestor"]))})
            stated_by = [s for s in statements if s["from"] in in_chain]
            chain.append(
                {"steps": row["steps"], "label": row["ancestor_label"], "iri": row["ancestor"], "stated_by": stated_by}
            )
        return {"role": role, "reporting_chain": chain}


_PREFIXES = """PREFIX jobkg: <https://w3id.org/jobkg/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""
_ROLE_TABLE = catalog.get("roles").sparql
_ROLE_LINKS = (
    _PREFIXES
    + """
SELECT ?role ?kind ?label ?other WHERE {
  ?role a jobkg:Role .
  {
    ?role org:reportsTo ?other . ?other rdfs:label ?label . BIND("reports_to" AS ?kind)
  } UNION {
    ?role jobkg:extendsResponsibilities|jobkg:extendsRequirements ?other .
    ?other rdfs:label ?label . BIND("extends" AS ?kind)
  } UNION {
    ?role skos:altLabel ?label . BIND("alias" AS ?kind)
  } UNION {
    ?role jobkg:hasPerformanceIndicator ?other . ?other rdfs:label ?label . BIND("indicator" AS ?kind)
  }
}
ORDER BY ?role ?kind ?label
"""
)
_ROLE_ITEMS = (
    _PREFIXES
    + """
SELECT ?role ?kind ?text ?own ?stated_for ?line WHERE {
  ?role a jobkg:Role .
  { ?role jobkg:hasResponsibility ?item . BIND("responsibility" AS ?kind) }
  UNION
  { ?role jobkg:hasRequirement ?item . BIND("requirement" AS ?kind) }
  ?item rdfs:label ?text ; jobkg:statedFor ?scope ; jobkg:sourceLine ?line .
  ?scope rdfs:label ?stated_for .
  BIND(?scope = ?role AS ?own)
}
ORDER BY ?role DESC(?own) ?line ?text
"""
)
_NODE_SOURCES = (
    _PREFIXES
    + """
SELECT ?node ?label ?file ?line WHERE {
  ?node jobkg:sourceLine ?line ; prov:wasDerivedFrom/dcterms:identifier ?file .
  OPTIONAL { ?node rdfs:label ?label }
}
ORDER BY ?node ?line
"""
)
_STATED_REPORTING = (
    _PREFIXES
    + """
SELECT ?from ?from_label ?file ?line WHERE {
  ?statement rdf:predicate org:reportsTo ; rdf:object ?target ; rdf:subject ?from ;
             jobkg:sourceLine ?line ; prov:wasDerivedFrom/dcterms:identifier ?file .
  ?from rdfs:label ?from_label .
}
ORDER BY ?file ?line
"""
)
