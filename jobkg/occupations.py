"""Proposals of standard occupations for a role, each with a score and its reasons.

A lexical ranker (BM25, `bm25s`, over Snowball stems) compares the role's title without its
level words with each occupation's labels, the family's name with its labels, and the role's
own responsibilities and requirements with each occupation's labels and description. SOC 2018
has titles only, so a SOC occupation is also scored by how well its title matches the best ESCO
proposals' labels. Deterministic: the same role and lists always give the same proposals.

A proposal is only that: nothing here is accepted until a person records it in the review file
(jobkg.ingest.review), and a code a person rejected for a role is never proposed for it again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

import bm25s
import numpy as np
import snowballstemmer

from jobkg.occupation_lists import SCHEMES, CodeList, Occupation, Wages, WageSurvey, code_list, oews
from jobkg.queries import cells
from jobkg.views import Role

# How much each comparison counts (each scaled to its best match first); set on the development gold
# and measured against a blind one (docs/decisions/0007-occupation-lists.md)
TITLE_LABEL = 1.0
TITLE_OTHER_LABELS = 0.5
FAMILY_LABELS = 0.5
DUTIES_TEXT = 2.0
TITLE_TEXT = 0.25
ESCO_HOP = 2.0  # a SOC title's match with the best ESCO proposals' labels
_HOP_FROM = 5

_STOP = frozenset(
    re.findall(
        r"\w+",
        "a an and the of for to in on with or at by as is are be this that from their they it its will our your"
        " you we who all other such",
    )
)
_LEVEL_WORDS = re.compile(
    r"\b(senior|junior|staff|principal|intermediate|associate|lead|sr|jr|mid|level|distinguished|graduate"
    r"|[ivx]+|l?\d+|[a-z]\d)\b",
    re.IGNORECASE,
)
_STEMMER = snowballstemmer.stemmer("english")


def words(text: str) -> list[str]:
    """Stems of the content words: 'Software Developers' -> ['softwar', 'develop']."""
    return [_stem(w) for w in re.findall(r"[a-z][a-z0-9+#]*", text.lower()) if w not in _STOP]


@cache
def _stem(word: str) -> str:
    """Snowball is pure Python, and the lists use ~15,000 distinct words 370,000 times."""
    return _STEMMER.stemWord(word)


def occupation_title(role_title: str) -> str:
    """The title without level words and bracketed codes: 'Senior Engineer (L3)' -> 'Engineer'."""
    return " ".join(_LEVEL_WORDS.sub(" ", re.sub(r"\(.*?\)", " ", role_title)).split())


@dataclass(frozen=True)
class OccupationLink:
    """A decision people recorded in the review file, as the KB holds it."""

    scheme: str
    code: str
    label: str
    decision: str  # accepted, exact or rejected
    list_title: str
    version: str
    by: str | None
    date: str | None
    file: str
    line: int

    @property
    def accepted(self) -> bool:
        return self.decision != "rejected"

    @property
    def notation(self) -> str:
        """The code people read: a SOC code, an ESCO concept's UUID (its IRI is the code)."""
        listed = code_list(self.scheme).get(self.code)
        return listed.notation if listed else self.code


def links_from_rows(rows: Iterable[Mapping[str, object]]) -> list[OccupationLink]:
    """role-occupations rows as links; a list the KB names but this jobkg does not ship is skipped."""
    by_iri = {code_list(scheme).iri: code_list(scheme) for scheme in SCHEMES}
    links = []
    for row in rows:
        listed = by_iri.get(cells.text(row, "scheme"))
        found = listed.find(cells.text(row, "occupation")) if listed else None
        if listed is None or found is None:
            continue
        links.append(
            OccupationLink(
                listed.scheme,
                found.code,
                cells.text(row, "label"),
                cells.text(row, "decision"),
                cells.text(row, "list"),
                cells.text(row, "version"),
                _text(row["by"]),
                _text(row["date"]),
                cells.text(row, "file"),
                cells.integer(row, "line"),
            )
        )
    return links


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def dollars(value: int | None) -> str:
    """A wage as people read it; BLS leaves some unpublished (hourly-only occupations)."""
    return f"${value:,}" if value is not None else "not published"


@dataclass(frozen=True)
class MarketPay:
    """OEWS national wages of a role's accepted SOC occupation: a benchmark for people to weigh,
    not a statement of what the company pays."""

    link: OccupationLink
    wages: Wages
    survey: WageSurvey

    @property
    def source(self) -> str:
        return f"{self.survey.source}, {self.survey.release}, {self.survey.area}, all industries"


def market_pay(links: Iterable[OccupationLink]) -> MarketPay | None:
    """From the role's accepted SOC occupation that OEWS publishes wages for: an exact match
    before a close one, then the latest decision (the lowest in the file); none otherwise."""
    survey = oews()
    paid = [link for link in links if link.scheme == "soc" and link.accepted and link.code in survey.wages]
    if not paid:
        return None
    chosen = max(paid, key=lambda link: (link.decision == "exact", link.line))
    return MarketPay(chosen, survey.wages[chosen.code], survey)


@dataclass(frozen=True)
class Proposal:
    occupation: Occupation
    score: float  # the ranker's, comparable within one role and list only
    reasons: tuple[str, ...]


class _Index:
    """BM25 indexes over one list's labels, other labels and text, built once per process."""

    def __init__(self, listed: CodeList) -> None:
        self.occupations = list(listed.occupations.values())
        self.label = _bm25(words(o.label) for o in self.occupations)
        self.labels = _bm25(words(f"{o.label} {o.other_labels}") for o in self.occupations)
        self.text = _bm25(words(f"{o.label} {o.other_labels} {o.description}") for o in self.occupations)
        self.label_words = [set(words(o.label)) for o in self.occupations]
        self.labels_words = [set(words(f"{o.label} {o.other_labels}")) for o in self.occupations]
        self.text_known = any(o.description for o in self.occupations)

    def scores(self, index: bm25s.BM25, query: list[str]) -> np.ndarray:
        """Scores scaled to the best one (1.0), so that the parts weigh as their weights say."""
        if not query:
            return np.zeros(len(self.occupations))
        found = index.get_scores(query)
        best = found.max()
        return found / best if best > 0 else found


def _bm25(corpus: Iterable[list[str]]) -> bm25s.BM25:
    index = bm25s.BM25()
    index.index([doc or ["\x00"] for doc in corpus], show_progress=False)  # bm25s refuses an empty document
    return index


@cache
def _index(scheme: str) -> _Index:
    return _Index(code_list(scheme))


def _esco_scores(role: Role) -> tuple[np.ndarray, list[str]]:
    index = _index("esco")
    title, family = words(occupation_title(role.title)), words(role.family)
    duties = words(" ".join(item.text for item in (*role.responsibilities, *role.requirements)))
    total = TITLE_LABEL * index.scores(index.label, title) + TITLE_OTHER_LABELS * index.scores(index.labels, title)
    total += FAMILY_LABELS * index.scores(index.labels, family) + DUTIES_TEXT * index.scores(index.text, duties)
    return total + TITLE_TEXT * index.scores(index.text, title + family), title


def propose(role: Role, scheme: str, limit: int = 3, rejected: Iterable[str] = ()) -> list[Proposal]:
    """The best `limit` occupations of one list for a role, best first, without the codes
    people rejected for it."""
    esco_total, title = _esco_scores(role)
    index = _index(scheme)
    total = esco_total if scheme == "esco" else _hop_scores(index, title, esco_total)
    refused = set(rejected)
    proposals: list[Proposal] = []
    for position in np.argsort(-total, kind="stable"):
        if total[position] <= 0 or len(proposals) == limit:
            break
        occupation = index.occupations[int(position)]
        if occupation.code in refused:
            continue
        reasons = _reasons(role, title, int(position), index)
        proposals.append(Proposal(occupation, round(float(total[position]), 3), reasons))
    return proposals


def _hop_scores(index: _Index, title: list[str], esco_total: np.ndarray) -> np.ndarray:
    """A title-only list (SOC) scored by the role's title and by the best ESCO proposals' names."""
    best = np.argsort(-esco_total, kind="stable")[:_HOP_FROM]
    hop = np.zeros(len(index.occupations))
    for position in best:
        if esco_total[best[0]] <= 0:
            break
        nearby = _index("esco").occupations[int(position)]
        weight = esco_total[position] / esco_total[best[0]]
        hop += weight * index.scores(index.label, words(f"{nearby.label} {nearby.other_labels}"))
    return index.scores(index.label, title) + ESCO_HOP * (hop / hop.max() if hop.max() > 0 else hop)


def _reasons(role: Role, title: list[str], position: int, index: _Index) -> tuple[str, ...]:
    """What the role and the occupation share, in words people read (stems are not shown)."""
    said = re.findall(r"[A-Za-z][\w+#]*", f"{role.title} {role.family}")
    shown: dict[str, str] = {}
    for word in said:  # a stem is shown as the title writes it, else as the family does
        for stem in words(word):
            shown.setdefault(stem, word)
    label, labels = index.label_words[position], index.labels_words[position]
    reasons = []
    in_label = [shown.get(stem, stem) for stem in dict.fromkeys(title) if stem in label]
    if in_label:
        reasons.append(f"title words in its name: {', '.join(in_label)}")
    in_others = [shown.get(stem, stem) for stem in dict.fromkeys(title) if stem in labels]
    if in_others and in_others != in_label:
        reasons.append(f"title words in its other names: {', '.join(in_others)}")
    family = [shown.get(stem, stem) for stem in dict.fromkeys(words(role.family)) if stem in labels]
    if family:
        reasons.append(f"family words in its names: {', '.join(family)}")
    if not reasons:
        shared = "its text shares words with the role's duties"
        reasons.append(shared if index.text_known else "near the best ESCO proposals")
    return tuple(reasons)
