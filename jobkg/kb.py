"""The KnowledgeBase facade: one object the CLI, the app and tests share.

It builds the KB (ingest -> reason -> embedded store), loads, saves, exports and pushes it,
runs canned queries with parameters bound as RDF terms, and resolves the names people use
for roles and families. Role views live in jobkg.views, export formats in jobkg.exports;
the facade hands them itself. The same methods work against a remote SPARQL endpoint.
"""

from __future__ import annotations

import gc
import json
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from importlib.resources import files
from pathlib import Path
from typing import Any

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Store

from jobkg import paths as careers
from jobkg import views
from jobkg.errors import KbFileError, ParamError
from jobkg.exports import EXPORT_FORMATS, export_format, format_for_path, keeps_graphs
from jobkg.ingest.corpus import IngestReport, ingest_into
from jobkg.occupations import MarketPay, OccupationLink, links_from_rows, market_pay
from jobkg.ontology import ontology_triples
from jobkg.ontology.reasoner import read_axioms, reason
from jobkg.ontology.validate import ValidationReport, validate
from jobkg.ontology.vocab import ASSERTED_GRAPH, INFERRED_GRAPH, XSD_INTEGER
from jobkg.proposals import Proposal, SiblingDecision, ladder, propose, sibling_choice
from jobkg.queries import catalog, cells
from jobkg.queries.backends import Backend, EmbeddedBackend, Row
from jobkg.queries.checks import Check, CheckFinding, load_checks, run_checks
from jobkg.queries.endpoint import DEFAULT_GRAPH_IRI, EndpointBackend
from jobkg.queries.memo import RowMemo
from jobkg.queries.mentions import Named, Resolution, Resolver, UnresolvedNameError
from jobkg.queries.paging import DEFAULT_LIMIT, Page, page_of
from jobkg.queries.readonly import ReadOnlyResult, run_read_only
from jobkg.queries.saved_store import STORE_SUFFIX, is_saved_store, save_store
from jobkg.queries.stores import replace_graph, store_at

BUNDLED_CORPUS = Path(str(files("jobkg.handbook")))
ROLES_FILE = "jobkg-roles.json"  # beside a saved store: its role views, computed once at save
ANSWERS_FOLDER = "jobkg-answers"  # beside it too: NAME.json, the rows of each canned query without parameters


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
    saved: Path | None = None  # a saved store's folder: its role views and listings beside it, read when first needed
    _answers: RowMemo = field(default_factory=RowMemo, init=False, repr=False, compare=False)

    # ------------------------------------------------------------ making one

    @classmethod
    def build(
        cls,
        sources: Iterable[Path] | None = None,
        reasoner: str = "jobkg",
        on_page: Callable[[str], None] | None = None,
        profile: str | None = None,
    ) -> KnowledgeBase:
        """Ingest pages (default: the bundled corpus), reason, and load an embedded store.
        `profile` forces one page layout (a built-in name or a .toml file) for every page."""
        timings = BuildTimings()
        ontology = ontology_triples()
        axioms = read_axioms(ontology)
        store = Store()
        with _cyclic_gc_paused():
            start = time.perf_counter()
            # Each page's quads go straight to the store; the reasoner reads its share back from it.
            report = ingest_into(list(sources or [BUNDLED_CORPUS]), store.bulk_extend, on_page=on_page, profile=profile)
            report.asserted_triples = len(store)
            timings.ingest_s = time.perf_counter() - start
            start = time.perf_counter()
            inference = reason(axioms.read_from(store, ASSERTED_GRAPH), ontology, engine=reasoner)
            timings.reason_s = time.perf_counter() - start
            start = time.perf_counter()
            store.bulk_extend(inference.quads(INFERRED_GRAPH))
            timings.load_s = time.perf_counter() - start
        return cls(EmbeddedBackend(store), store, report, inference.cycles, timings)

    @classmethod
    def load(cls, path: Path) -> KnowledgeBase:
        """Load a KB saved by `jobkg build -o`: an Oxigraph store folder (.oxigraph), opened
        read-only where it lies, or a file in any RDF format of the export table, read into
        memory (TriG and N-Quads keep the inferred graph apart; the others hold one graph)."""
        if path.is_dir():
            return cls._open_store(path)
        chosen = format_for_path(str(path))
        if chosen is None:
            raise KbFileError(f"{path}: not a KB file (a KB is a {STORE_SUFFIX} folder or a file ending {_endings()})")
        store = Store()
        to_graph = None if keeps_graphs(chosen) else ASSERTED_GRAPH
        try:
            store.bulk_load(path=str(path), format=RdfFormat.from_extension(chosen.extension), to_graph=to_graph)
        except FileNotFoundError:
            raise KbFileError(f"{path}: no such KB file") from None
        except IsADirectoryError:
            raise KbFileError(f"{path}: is a folder, not a KB file") from None
        except (SyntaxError, ValueError, OSError) as exc:
            raise KbFileError(f"{path}: not a readable KB file ({str(exc).splitlines()[0]})") from None
        _require_asserted(store, path)
        return cls(EmbeddedBackend(store), store)

    @classmethod
    def _open_store(cls, path: Path) -> KnowledgeBase:
        if not is_saved_store(path):
            raise KbFileError(f"{path}: a folder, but not a KB saved by `jobkg build -o KB{STORE_SUFFIX}`")
        try:
            store = Store.read_only(str(path))
        except OSError as exc:
            raise KbFileError(f"{path}: the store cannot be opened ({str(exc).splitlines()[0]})") from None
        _require_asserted(store, path)
        return cls(EmbeddedBackend(store), store, saved=path)

    @classmethod
    def remote(cls, url: str, graph: str | None = None) -> KnowledgeBase:
        """A KB that lives in a SPARQL 1.1 endpoint (pushed there by `jobkg push`)."""
        return cls(EndpointBackend(url, graph or DEFAULT_GRAPH_IRI))

    # ------------------------------------------------------------ RDF out

    def quads(self, asserted_only: bool = False) -> list[Quad]:
        store = self._require_store()
        graphs = [ASSERTED_GRAPH] if asserted_only else [ASSERTED_GRAPH, INFERRED_GRAPH]
        return [q for g in graphs for q in store.quads_for_pattern(None, None, None, g)]

    def quad_count(self) -> int:
        """The asserted and inferred quads, counted by the store (listing them took 2 s at 10x)."""
        return len(self._require_store())

    def export(self, fmt: str, asserted_only: bool = False) -> bytes:
        """The KB in any format of the export table (jobkg.exports)."""
        return export_format(fmt).write(self, asserted_only)

    def save(self, path: Path) -> None:
        """Write the KB for `KnowledgeBase.load`: an Oxigraph store folder for .oxigraph (slower
        to write, opened at once: docs/decisions/0006-saved-kb-store.md), else the RDF format of
        the export table that the name's ending says (.trig, .nq, .ttl, ...)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == STORE_SUFFIX:
            # Oxigraph writes the store without the GIL, so the role views (Python: whole-KB views
            # are slow on a disk store, hence kept beside it) are computed meanwhile: 10x 18 -> 13 s.
            # The listings are kept too: on a disk store a whole-KB query reads every row from RocksDB.
            listings = [name for name, query in catalog.catalog().items() if not query.params and query.kept]
            with ThreadPoolExecutor(max_workers=1) as writer:
                written = writer.submit(save_store, self._require_store(), path)
                roles = [role.to_dict() for role in self.roles()]
                answers = {name: self.run(name) for name in listings}
                written.result()
            (path / ROLES_FILE).write_text(json.dumps(roles, ensure_ascii=False), encoding="utf-8")
            (path / ANSWERS_FOLDER).mkdir()
            for name, rows in answers.items():
                (path / ANSWERS_FOLDER / f"{name}.json").write_text(
                    json.dumps(rows, ensure_ascii=False), encoding="utf-8"
                )
            return
        chosen = format_for_path(str(path))
        if chosen is None:
            raise KbFileError(f"{path}: say the format by the name's ending: {STORE_SUFFIX} (a store), {_endings()}")
        path.write_bytes(self.export(chosen.name))

    def push(
        self, url: str, graph: str | None = None, update_url: str | None = None, store_url: str | None = None
    ) -> tuple[int, str]:
        """Replace the KB's graph at a SPARQL 1.1 store with this KB (asserted and inferred):
        (triples pushed, how: 'graph store protocol' or 'N SPARQL updates')."""
        triples = list({q.triple for q in self.quads()})
        how = replace_graph(store_at(url, update_url, store_url), graph or DEFAULT_GRAPH_IRI, triples)
        return len(triples), how

    def _require_store(self) -> Store:
        if self.store is None:
            raise ParamError("this needs the embedded store; it is not available for a remote endpoint")
        return self.store

    # ------------------------------------------------------------ queries

    def select(
        self, sparql: str, bindings: dict[str, NamedNode | Literal] | None = None, bind: str = "substitute"
    ) -> list[Row]:
        return self.backend.select(sparql, bindings, bind)

    def run(self, name: str, params: Mapping[str, str] | None = None) -> list[Row]:
        """Run a canned query by name; role and family parameters may be names or IRIs. On the
        embedded store answers are kept (the KB never changes); an endpoint is always asked."""
        query = catalog.get(name)
        bindings = self.bind(query, params or {})
        if self.store is None:
            return query.typed(self.select(query.sparql, bindings, query.bind))
        return self._answers.get(_answer_key(name, bindings), self._answer(query, bindings))

    def page(
        self, name: str, params: Mapping[str, str] | None = None, offset: int = 0, limit: int | None = DEFAULT_LIMIT
    ) -> Page[Row]:
        """One page of a canned query's rows and their total. On the embedded store the whole
        answer is kept, so every page after the first costs a slice."""
        if self.store is None:
            return page_of(self.run(name, params), offset, limit)
        query = catalog.get(name)
        bindings = self.bind(query, params or {})
        return self._answers.page(_answer_key(name, bindings), self._answer(query, bindings), offset, limit)

    def _answer(self, query: catalog.CannedQuery, bindings: dict[str, NamedNode | Literal]) -> Callable[[], list[Row]]:
        """How an answer is made once (the memo keeps it): a listing a saved store keeps beside it
        is read back (each its own file, so the first page of one reads only that one), anything
        else is asked of the store."""

        def made() -> list[Row]:
            kept = None if bindings else self._kept(f"{ANSWERS_FOLDER}/{query.name}.json")
            return kept if kept is not None else self.select(query.sparql, bindings, query.bind)

        return made

    def _kept(self, name: str) -> Any:
        """A view kept beside a saved store, as JSON; None when there is none (an older store)."""
        if self.saved is None or not (self.saved / name).is_file():
            return None
        try:
            return json.loads((self.saved / name).read_bytes())
        except (OSError, ValueError) as exc:
            raise KbFileError(f"{self.saved / name}: what the saved KB keeps cannot be read ({exc})") from None

    def bind(self, query: catalog.CannedQuery, params: Mapping[str, str]) -> dict[str, NamedNode | Literal]:
        """Parameters as RDF terms: names resolved to IRIs, numbers checked; never pasted text."""
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
                bindings[name] = NamedNode(self.resolve(value, param.type).iri)
            elif param.type == "iri":
                try:
                    bindings[name] = NamedNode(value)
                except ValueError:
                    raise ParamError(f"parameter {name} must be an IRI, not {value!r}") from None
            else:
                bindings[name] = Literal(value)
        return bindings

    def resolve(self, mention: str, kind: str = "role") -> Named:
        """The one role (or family) a name or IRI means; UnresolvedNameError lists candidates."""
        resolution = (self.role_resolver if kind == "role" else self.family_resolver).resolve(mention)
        if resolution.match is None:
            raise UnresolvedNameError(kind, resolution)
        return resolution.match

    @cached_property
    def role_resolver(self) -> Resolver:
        """Roles and the positions pages name (reporting targets) by every name they go by."""
        resolver = Resolver()
        names: dict[str, tuple[str, list[str], str]] = {}
        if "_roles" in self.__dict__:  # at hand: no query (else the names query, kept beside a saved store)
            names = {role.iri: (role.title, list(role.aliases), role.family) for role in self._roles}
        else:
            for row in self.run("role-names"):
                iri = cells.text(row, "role")
                entry = names.setdefault(iri, (cells.text(row, "title"), [], cells.text(row, "family_title")))
                if row["alias"]:
                    entry[1].append(cells.text(row, "alias"))
        for iri, (title, aliases, family) in names.items():
            resolver.add(iri, title, aliases, family)
        for row in self.run("external-targets"):
            resolver.add(
                cells.text(row, "target"), cells.text(row, "label"), [], "named on a page, not defined as a role"
            )
        return resolver

    @cached_property
    def family_resolver(self) -> Resolver:
        resolver = Resolver()
        for row in self.run("families"):
            resolver.add(
                cells.text(row, "family"), cells.text(row, "title"), [], cells.maybe_text(row, "department") or ""
            )
        return resolver

    # ------------------------------------------------------------ roles

    def roles(self) -> list[views.Role]:
        """Every role with its links and items (jobkg.views), computed once per KB."""
        return list(self._roles)

    def role(self, iri: str) -> views.Role:
        try:
            return self._by_iri[iri]
        except KeyError:
            raise UnresolvedNameError("role", Resolution(iri)) from None

    def is_role(self, iri: str) -> bool:
        """A role some page describes (not a position pages only name)."""
        return iri in self._by_iri

    @cached_property
    def _roles(self) -> tuple[views.Role, ...]:
        kept = self._kept(ROLES_FILE)
        return tuple(map(views.role_from_dict, kept)) if kept is not None else tuple(views.roles(self))

    @cached_property
    def _by_iri(self) -> dict[str, views.Role]:
        return {role.iri: role for role in self._roles}

    def career_paths(self, iri: str, to: str | None = None, limit: int | None = None) -> list[careers.CareerPath]:
        """Roles one or two moves from a role, the best `limit` first, with the items already
        met (jobkg.paths); with `to`, the path to that role (no move, when none leads there)."""
        start = self.role(iri)
        if to is not None:
            return [careers.path_to(self._moves, start, self.role(to))]
        return careers.paths(self._moves, start, limit)

    @cached_property
    def _moves(self) -> careers.Moves:
        return careers.Moves.of(self, self._by_iri)

    # ------------------------------------------------------------ checks

    def occupations(self, iri: str) -> list[OccupationLink]:
        """The standard occupations people accepted or rejected for a role (the review file)."""
        return links_from_rows(self.run("role-occupations", {"role": iri}))

    def propose_occupations(self, iri: str, scheme: str, limit: int = 3) -> list[Proposal]:
        """Proposals for a role from one list, without the codes people already decided for it:
        a rejected code never comes back (nor leads to SOC codes through ESCO), an accepted one
        is shown as accepted, not proposed. What people accepted for a sibling (same family and
        track) is placed first, saying so: the rungs of one ladder are mostly one occupation."""
        links = self.occupations(iri)
        decided = [link.code for link in links if link.scheme == scheme]
        rejected_esco = [link.code for link in links if link.scheme == "esco" and not link.accepted]
        preferred = self._siblings_accepted(iri, scheme, decided)
        return propose(self.role(iri), scheme, limit, decided, rejected_esco, preferred)

    def _siblings_accepted(self, iri: str, scheme: str, decided: list[str]) -> dict[str, str]:
        """The occupation to place first: what people accepted for the role's siblings (the same
        family on the same page or family folder, the same track), as
        jobkg.proposals.sibling_choice weighs it."""
        role = self.role(iri)
        decisions = [
            SiblingDecision(other, link.code, link.accepted, f"{link.file}:{link.line}")
            for other in self._ladders[ladder(role)]
            if other.iri != iri
            for link in self.occupations(other.iri)
            if link.scheme == scheme
        ]
        return sibling_choice(role, decisions, excluded=decided)

    @cached_property
    def _ladders(self) -> dict[tuple[str, str, str], list[views.Role]]:
        """The roles of each ladder (jobkg.proposals.ladder), grouped once per KB."""
        ladders: dict[tuple[str, str, str], list[views.Role]] = {}
        for role in self._roles:
            ladders.setdefault(ladder(role), []).append(role)
        return ladders

    def accepted_roles(self) -> set[str]:
        """The roles with an accepted occupation (a person reviewed them and said which)."""
        return {cells.text(row, "role") for row in self.run("accepted-occupations")}

    def market_pay(self, iri: str) -> MarketPay | None:
        """OEWS wages of the role's accepted SOC occupation, or None: no accepted occupation."""
        return market_pay(self.occupations(iri))

    def validate(self) -> tuple[ValidationReport, dict[str, views.Place]]:
        """SHACL report, and for each focus node its label, file and line."""
        return validate(self.export("nt")), views.places(self)

    def checks(self, checks: Iterable[Check] | None = None) -> list[CheckFinding]:
        """What the structural checks find (default: those of ontology/checks/; a company's
        own come from queries.checks.load_checks(folders))."""
        return run_checks(self.select, load_checks() if checks is None else checks)

    def sparql(self, text: str, timeout_s: float = 5.0, row_cap: int = 1000) -> ReadOnlyResult:
        """A user's own read-only query, with a timeout and a row cap."""
        return run_read_only(self.store, self.backend, text, timeout_s, row_cap)


def _endings() -> str:
    """The file endings a KB file may have: the RDF formats of the export table."""
    return ", ".join(f".{fmt.extension}" for fmt in EXPORT_FORMATS.values() if fmt.is_rdf)


def _require_asserted(store: Store, path: Path) -> None:
    if not any(True for _ in store.quads_for_pattern(None, None, None, ASSERTED_GRAPH)):
        raise KbFileError(f"{path}: holds no jobkg graph <{ASSERTED_GRAPH.value}>")


def _answer_key(name: str, bindings: Mapping[str, NamedNode | Literal]) -> tuple[object, ...]:
    """A kept answer's key: the query and its parameters as RDF terms."""
    return (name, tuple(sorted((param, str(term)) for param, term in bindings.items())))
