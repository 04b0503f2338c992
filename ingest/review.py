"""The review file, `occupations.yaml` beside the pages: which standard occupation people
accepted or rejected for a role, who and when. The build turns accepted links into
skos:closeMatch (skos:exactMatch when the reviewer said 'exact') and rejected ones into
jobkg:rejectedMatch, each traced to its line; a proposal nobody decided never becomes a triple.
`jobkg occupations --accept/--reject` and the app write the file; people may edit it by hand, so
every entry is checked and a bad one is reported with its line, never guessed at."""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import typing
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import yaml
from pyoxigraph import Literal, NamedNode, Quad

from jobkg.errors import PageError
from jobkg.ingest import iris
from jobkg.ingest.records import IngestWarning
from jobkg.occupation_lists import SCHEMES, code_list, oews
from jobkg.ontology.vocab import ASSERTED_GRAPH, DCTERMS, JOBKG, OWL, PROV, RDF, RDFS, SKOS, XSD_DATE, XSD_INTEGER

REVIEW_FILE = "occupations.yaml"
_HEADER = (
    "# Standard occupations of the roles in this folder, as people decided them.\n"
    "# Written by `jobkg occupations --accept/--reject` and the app's Occupations page; the build reads it.\n"
    "# verdict: accepted (skos:closeMatch), exact (skos:exactMatch) or rejected (never proposed again).\n"
)


class ReviewFileError(PageError):
    """The review file cannot be read as a list of decisions; the build reports it and goes on."""


Verdict = typing.Literal["accepted", "exact", "rejected"]
VERDICTS: tuple[Verdict, ...] = typing.get_args(Verdict)


@dataclass(frozen=True)
class OccupationDecision:
    role: str  # the role's IRI: titles repeat across families, IRIs do not
    scheme: str  # a key of jobkg.occupation_lists.SCHEMES
    code: str  # as the list keys it (CodeList.find normalises what people write)
    verdict: Verdict
    by: str = ""
    date: dt.date | None = None  # the key is not "on": YAML 1.1 reads a bare on as true
    title: str = ""  # the role's title, for people reading the file
    line: int = 0

    @property
    def key(self) -> tuple[str, str, str]:
        return self.role, self.scheme, self.code

    def to_entry(self) -> dict[str, object]:
        entry: dict[str, object] = {"role": self.role, "title": self.title, "scheme": self.scheme, "code": self.code}
        entry |= {"verdict": self.verdict, "by": self.by, "date": self.date}  # a date, so YAML writes it bare
        return {key: value for key, value in entry.items() if value not in ("", None)}


def read_review(path: Path) -> tuple[list[OccupationDecision], list[IngestWarning]]:
    """The file's decisions, the last one per role and code winning, and a warning for each
    entry that cannot be used (with its line). A file that is no YAML list raises."""
    decisions, warnings = _entries(path, _read(path))
    latest = {decision.key: decision for _node, decision in decisions}
    return list(latest.values()), warnings


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReviewFileError(path.name, f"not a readable review file ({str(exc).splitlines()[0]})") from None


def _entries(path: Path, text: str) -> tuple[list[tuple[yaml.Node, OccupationDecision]], list[IngestWarning]]:
    """Each usable entry with its node (its lines), and a warning for each other one."""
    root = _compose(path, text)
    decisions: list[tuple[yaml.Node, OccupationDecision]] = []
    warnings: list[IngestWarning] = []
    for node in root.value if root is not None else ():
        line = node.start_mark.line + 1
        try:
            decisions.append((node, _decision(_fields(node), line)))
        except ValueError as exc:
            warnings.append(IngestWarning(path.name, line, f"decision not used: {exc}"))
    return decisions, warnings


def _compose(path: Path, text: str) -> yaml.SequenceNode | None:
    """The file as YAML nodes, never as Python values: a value stays the text people wrote ('no'
    is no boolean, 2026-12-01 no date until read as one), and no tag constructs anything.
    Anchors and aliases are refused (the writer never makes them; nested ones explode)."""
    try:
        if any(isinstance(event, yaml.AliasEvent) for event in yaml.parse(text, Loader=yaml.SafeLoader)):
            raise ReviewFileError(path.name, "anchors and aliases (&name, *name) are not used in a review file")
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise ReviewFileError(path.name, f"not a readable review file ({str(exc).splitlines()[0]})") from None
    if root is not None and not isinstance(root, yaml.SequenceNode):
        raise ReviewFileError(path.name, "a review file is a YAML list of decisions (role, scheme, code, verdict)")
    return root


def _fields(node: yaml.Node) -> dict[str, str]:
    if not isinstance(node, yaml.MappingNode):
        raise ValueError("an entry is a mapping with role, scheme, code and verdict")
    fields = {}
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode) or not isinstance(value, yaml.ScalarNode):
            raise ValueError(f"'{getattr(key, 'value', key)}' holds one value, not a list or a mapping")
        fields[str(key.value)] = str(value.value).strip()
    return fields


def _decision(fields: dict[str, str], line: int) -> OccupationDecision:
    missing = [key for key in ("role", "scheme", "code", "verdict") if not fields.get(key)]
    if missing:
        raise ValueError(f"no {', '.join(missing)}")
    scheme, verdict = fields["scheme"], fields["verdict"]
    if scheme not in SCHEMES:
        raise ValueError(f"unknown scheme {scheme!r} (known: {', '.join(SCHEMES)})")
    occupation = code_list(scheme).find(fields["code"])
    if occupation is None:
        raise ValueError(f"{fields['code']!r} is no occupation of {code_list(scheme).title}")
    known = next((v for v in VERDICTS if v == verdict), None)
    if known is None:
        raise ValueError(f"verdict {verdict!r} is none of {', '.join(VERDICTS)}")
    date = None
    if fields.get("date"):
        try:
            date = dt.date.fromisoformat(fields["date"])
        except ValueError:
            raise ValueError(f"'date' is written YYYY-MM-DD, not {fields['date']!r}") from None
    return OccupationDecision(
        fields["role"], scheme, occupation.code, known, fields.get("by", ""), date, fields.get("title", ""), line
    )


def record(path: Path, decision: OccupationDecision) -> None:
    """Write a decision into the file: an earlier entry on the same role and code is taken out
    and the new one added at the end; comments and every other line stay as people wrote them.
    One writer at a time (a lock beside the file), and the file is replaced whole, so a build
    never reads half of it."""
    with _locked(path):
        text = _read(path) if path.is_file() else _HEADER
        decisions, _warnings = _entries(path, text)
        lines = text.splitlines(keepends=True)
        for node, earlier in decisions:
            if earlier.key == decision.key:
                end = node.end_mark.line + (1 if node.end_mark.column else 0)
                lines[node.start_mark.line : end] = [""] * (end - node.start_mark.line)
        kept = "".join(lines)
        if kept and not kept.endswith("\n"):
            kept += "\n"
        added = yaml.safe_dump([decision.to_entry()], sort_keys=False, allow_unicode=True, width=120)
        partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
        partial.write_text(kept + added, encoding="utf-8")
        os.replace(partial, path)


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    with path.with_name(f".{path.name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def review_quads(
    decisions: Iterable[OccupationDecision], file_id: str, roles: set[str]
) -> tuple[list[Quad], list[IngestWarning]]:
    """The decisions as triples (accepted: skos:closeMatch or exactMatch; rejected: jobkg:rejectedMatch,
    so that it is never proposed again), each reified with its line, who and when; each occupation a
    skos:Concept with its notation and label in its list, the list with its version. A decision on
    a role the KB does not have is a warning (the role was renamed or its page removed)."""
    quads: list[Quad] = []

    def add(subject: NamedNode, predicate: NamedNode, obj: NamedNode | Literal) -> None:
        quads.append(Quad(subject, predicate, obj, ASSERTED_GRAPH))

    source = iris.source(file_id)
    add(source, RDF.type, JOBKG.ReviewFile)
    add(source, DCTERMS.identifier, Literal(file_id))
    warnings: list[IngestWarning] = []
    described: set[str] = set()
    waged: set[NamedNode] = set()
    for decision in decisions:
        if decision.role not in roles:
            warnings.append(IngestWarning(file_id, decision.line, f"no role {decision.role} in the KB; link not made"))
            continue
        listed = code_list(decision.scheme)
        occupation = NamedNode(listed.iri_of(decision.code))
        if occupation.value not in described:
            described.add(occupation.value)
            entry = listed.get(decision.code)
            assert entry is not None  # read_review checked the code
            add(occupation, RDF.type, SKOS.Concept)
            add(occupation, SKOS.prefLabel, Literal(entry.label))
            add(occupation, SKOS.notation, Literal(entry.notation))
            add(occupation, SKOS.inScheme, NamedNode(listed.iri))
            add(NamedNode(listed.iri), RDF.type, SKOS.ConceptScheme)
            add(NamedNode(listed.iri), RDFS.label, Literal(listed.title))
            add(NamedNode(listed.iri), OWL.versionInfo, Literal(listed.version))
        wages = oews().wages.get(decision.code) if decision.scheme == "soc" else None
        if (
            decision.verdict != "rejected"
            and wages is not None
            and wages.median is not None
            and occupation not in waged
        ):
            waged.add(occupation)  # the market-pay-order check reads it on occupations people accepted
            add(occupation, JOBKG.marketMedianWage, Literal(str(wages.median), datatype=XSD_INTEGER))
            add(occupation, JOBKG.wageSurvey, Literal(f"{oews().source}, {oews().release}, {oews().area}"))
        role = NamedNode(decision.role)
        predicate = {"exact": SKOS.exactMatch, "accepted": SKOS.closeMatch}.get(decision.verdict, JOBKG.rejectedMatch)
        add(role, predicate, occupation)
        statement = iris.statement(role, predicate, occupation)
        add(statement, RDF.type, RDF.Statement)
        add(statement, RDF.subject, role)
        add(statement, RDF.predicate, predicate)
        add(statement, RDF.object, occupation)
        add(statement, PROV.wasDerivedFrom, source)
        add(statement, JOBKG.sourceLine, Literal(str(decision.line), datatype=XSD_INTEGER))
        if decision.by:
            add(statement, JOBKG.decidedBy, Literal(decision.by))
        if decision.date:
            add(statement, JOBKG.decidedOn, Literal(decision.date.isoformat(), datatype=XSD_DATE))
    return quads, warnings
