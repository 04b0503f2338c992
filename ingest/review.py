"""The review file, `occupations.yaml` beside the pages: which standard occupation people
accepted or rejected for a role, who and when. The build turns accepted links into
skos:closeMatch (skos:exactMatch when the reviewer said 'exact') and rejected ones into
jobkg:rejectedMatch, each traced to its line; a proposal nobody decided never becomes a triple.
`jobkg occupations --accept/--reject` and the app write the file; people may edit it by hand, so
every entry is checked and a bad one is reported with its line, never guessed at."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
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
VERDICTS = ("accepted", "exact", "rejected")
_HEADER = (
    "# Standard occupations of the roles in this folder, as people decided them.\n"
    "# Written by `jobkg occupations --accept/--reject` and the app's Occupations page; the build reads it.\n"
    "# verdict: accepted (skos:closeMatch), exact (skos:exactMatch) or rejected (never proposed again).\n"
)


class ReviewFileError(PageError):
    """The review file cannot be read as a list of decisions; the build reports it and goes on."""


@dataclass(frozen=True)
class OccupationDecision:
    role: str  # the role's IRI: titles repeat across families, IRIs do not
    scheme: str  # a key of jobkg.occupation_lists.SCHEMES
    code: str
    verdict: str
    by: str = ""
    date: dt.date | None = None  # the key is not "on": YAML 1.1 reads a bare on as true
    title: str = ""  # the role's title, for people reading the file
    line: int = 0

    def to_entry(self) -> dict[str, object]:
        entry: dict[str, object] = {"role": self.role, "title": self.title, "scheme": self.scheme, "code": self.code}
        entry |= {"verdict": self.verdict, "by": self.by, "date": self.date}
        return {key: value for key, value in entry.items() if value not in ("", None)}


def read_review(path: Path) -> tuple[list[OccupationDecision], list[IngestWarning]]:
    """The file's decisions, the last one per role and code winning, and a warning for each
    entry that cannot be used (with its line). A file that is no YAML list raises."""
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ReviewFileError(path.name, f"not a readable review file ({str(exc).splitlines()[0]})") from None
    if root is None:
        return [], []
    if not isinstance(root, yaml.SequenceNode):
        raise ReviewFileError(path.name, "a review file is a YAML list of decisions (role, scheme, code, verdict)")
    latest: dict[tuple[str, str, str], OccupationDecision] = {}
    warnings: list[IngestWarning] = []
    for node in root.value:
        line = node.start_mark.line + 1
        try:
            decision = _decision(yaml.safe_load(yaml.serialize(node)), line)
        except ValueError as exc:
            warnings.append(IngestWarning(path.name, line, f"decision not used: {exc}"))
            continue
        latest[(decision.role, decision.scheme, decision.code)] = decision
    return list(latest.values()), warnings


def _decision(entry: object, line: int) -> OccupationDecision:
    if not isinstance(entry, dict):
        raise ValueError("an entry is a mapping with role, scheme, code and verdict")
    missing = [key for key in ("role", "scheme", "code", "verdict") if not entry.get(key)]
    if missing:
        raise ValueError(f"no {', '.join(missing)}")
    scheme, code, verdict = str(entry["scheme"]), str(entry["code"]), str(entry["verdict"])
    if scheme not in SCHEMES:
        raise ValueError(f"unknown scheme {scheme!r} (known: {', '.join(SCHEMES)})")
    if code_list(scheme).get(code) is None:
        raise ValueError(f"{code!r} is no occupation of {code_list(scheme).title}")
    if verdict not in VERDICTS:
        raise ValueError(f"verdict {verdict!r} is none of {', '.join(VERDICTS)}")
    date = entry.get("date")
    if date is not None and not isinstance(date, dt.date):
        raise ValueError(f"'date' is written YYYY-MM-DD, not {date!r}")
    return OccupationDecision(
        str(entry["role"]), scheme, code, verdict, str(entry.get("by") or ""), date, str(entry.get("title") or ""), line
    )


def record(path: Path, decision: OccupationDecision) -> None:
    """Write a decision into the file, replacing an earlier one on the same role and code."""
    decisions = read_review(path)[0] if path.is_file() else []
    key = (decision.role, decision.scheme, decision.code)
    kept = [d for d in decisions if (d.role, d.scheme, d.code) != key] + [decision]
    body = yaml.safe_dump([d.to_entry() for d in kept], sort_keys=False, allow_unicode=True, width=120)
    path.write_text(_HEADER + body, encoding="utf-8")


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
            if wages is not None and wages.median is not None:  # for the market-pay-order check
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
