"""Proposals of standard occupations for a role, each with a score and its reasons.

Two comparisons are added up. Shared words (BM25, `bm25s`, over Snowball stems): the role's
title without its level words with each occupation's names, the family's name with its names,
and the role's responsibilities and requirements with its names and description. Closeness in
meaning (static word embeddings, jobkg.embeddings): the title with its names, the whole role with
its description; it reaches names that share no word with the title ("Frontend Engineer", "web
developer"). A SOC occupation is also scored by how well its names match the best ESCO
proposals' (ESCO lists far more alternative names). Deterministic: the same role and lists
always give the same proposals.

A proposal is only that: nothing here is accepted until a person records it in the review file
(jobkg.ingest.review), and a code a person rejected for a role is never proposed for it again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache

import bm25s
import numpy as np
import Stemmer

from jobkg import embeddings
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
MEANING = 1.0  # the cosines of title and labels, and of the whole role and the occupation's text
CLOSE_IN_MEANING = 0.5  # a name this close to the title (cosine) is given as a reason
ESCO_HOP = 1.0  # a SOC occupation's names' match with the best ESCO proposals' names
NAMES_MATCH = 0.5  # a match this good (of the best, 1.0) is given as a reason
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
_STEMMER = Stemmer.Stemmer("english")  # PyStemmer: the Snowball stemmers in C


def words(text: str) -> list[str]:
    """Stems of the content words: 'Software Developers' -> ['softwar', 'develop']."""
    return [_stem(w) for w in re.findall(r"[a-z][a-z0-9+#]*", text.lower()) if w not in _STOP]


@cache
def _stem(word: str) -> str:
    """The lists use ~15,000 distinct words 370,000 times."""
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
    """BM25 indexes and meaning vectors over one list's labels, other labels and text, built
    once per process."""

    def __init__(self, listed: CodeList) -> None:
        self.occupations = list(listed.occupations.values())
        self.position = {occupation.code: at for at, occupation in enumerate(self.occupations)}
        names = [f"{o.label} {o.other_labels}" for o in self.occupations]
        texts = [f"{o.label} {o.other_labels} {o.description}" for o in self.occupations]
        self.label = _bm25(words(o.label) for o in self.occupations)
        self.labels = _bm25(words(name) for name in names)
        self.text = _bm25(words(text) for text in texts)
        self.label_words = [set(words(o.label)) for o in self.occupations]
        self.labels_words = [set(words(name)) for name in names]
        self.label_vectors = embeddings.vectors([o.label for o in self.occupations])
        self.labels_vectors = embeddings.vectors(names)
        self.text_vectors = embeddings.vectors([f"{o.label}. {o.description}" for o in self.occupations])

    def scores(self, index: bm25s.BM25, query: list[str]) -> np.ndarray:
        """Scores scaled to the best one (1.0), so that the parts weigh as their weights say."""
        if not query:
            return np.zeros(len(self.occupations))
        return _scaled(index.get_scores(query))


def _scaled(scores: np.ndarray) -> np.ndarray:
    best = scores.max()
    return scores / best if best > 0 else scores


def _bm25(corpus: Iterable[list[str]]) -> bm25s.BM25:
    index = bm25s.BM25()
    index.index([doc or ["\x00"] for doc in corpus], show_progress=False)  # bm25s refuses an empty document
    return index


@cache
def _index(scheme: str) -> _Index:
    return _Index(code_list(scheme))


@dataclass(frozen=True)
class _Query:
    """What the ranker compares of a role: stems of its title (no level words), family and
    duties, and the meaning of its title and of the whole role."""

    title: list[str]
    family: list[str]
    duties: list[str]
    title_vector: np.ndarray
    role_vector: np.ndarray

    @classmethod
    def of(cls, role: Role) -> _Query:
        title = occupation_title(role.title)
        duties = " ".join(item.text for item in (*role.responsibilities, *role.requirements))
        title_vector, role_vector = embeddings.vectors([title, f"{title}. {role.family}. {duties}"])
        return cls(words(title), words(role.family), words(duties), title_vector, role_vector)


def _scores(index: _Index, query: _Query) -> np.ndarray:
    """Shared words (BM25, scaled to the best match) plus closeness in meaning (cosines)."""
    shared = TITLE_LABEL * index.scores(index.label, query.title)
    shared += TITLE_OTHER_LABELS * index.scores(index.labels, query.title)
    shared += FAMILY_LABELS * index.scores(index.labels, query.family)
    shared += DUTIES_TEXT * index.scores(index.text, query.duties)
    shared += TITLE_TEXT * index.scores(index.text, query.title + query.family)
    meaning = index.label_vectors @ query.title_vector + index.labels_vectors @ query.title_vector
    meaning += index.text_vectors @ query.role_vector
    return _scaled(shared) + MEANING * meaning


def propose(
    role: Role, scheme: str, limit: int = 3, rejected: Iterable[str] = (), preferred: Mapping[str, str] | None = None
) -> list[Proposal]:
    """The best `limit` occupations of one list for a role, best first, without the codes
    people rejected for it. Preferred codes (code -> why, e.g. a sibling role's accepted
    occupation) come first, in their order, with that reason before the ranker's."""
    query, esco_total = _compared_with_esco(role)
    index = _index(scheme)
    matched: list[str] = []
    if scheme == "esco":
        total, hop = esco_total, np.zeros(len(esco_total))
    else:
        hop, matched = _hop_scores(index, esco_total)
        total = _scores(index, query) + ESCO_HOP * hop
    refused = set(rejected)
    first = {index.position[code]: why for code, why in (preferred or {}).items() if code in index.position}
    ranked = [p for p in np.argsort(-total, kind="stable") if total[p] > 0 and int(p) not in first]
    proposals: list[Proposal] = []
    for position in [*first, *map(int, ranked)]:
        occupation = index.occupations[position]
        if occupation.code in refused:
            continue
        if len(proposals) == limit:
            break
        via = matched[position] if hop[position] >= NAMES_MATCH else None
        reasons = _reasons(role, query, position, index, via)
        if position in first:
            reasons = (first[position], *reasons)
        proposals.append(Proposal(occupation, round(float(total[position]), 3), reasons))
    return proposals


@lru_cache(maxsize=64)
def _compared_with_esco(role: Role) -> tuple[_Query, np.ndarray]:
    """The role's query and ESCO scores: every list's proposals need them, and people ask for
    both lists of the same role one after the other."""
    query = _Query.of(role)
    return query, _scores(_index("esco"), query)


def _hop_scores(index: _Index, esco_total: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """How well each occupation's names match the best ESCO proposals' names (the first counts
    double), scaled to the best, and for each the ESCO proposal it matches most: ESCO's many
    alternative names reach titles SOC does not list."""
    nearby = [_index("esco").occupations[int(p)] for p in np.argsort(-esco_total, kind="stable")[:_HOP_FROM]]
    matches = np.array(
        [
            (1.0 if rank == 0 else 0.5) * index.scores(index.labels, words(f"{esco.label} {esco.other_labels}"))
            for rank, esco in enumerate(nearby)
        ]
    )
    return _scaled(matches.sum(axis=0)), [nearby[int(rank)].label for rank in matches.argmax(axis=0)]


def _reasons(role: Role, query: _Query, position: int, index: _Index, via: str | None) -> tuple[str, ...]:
    """What the role and the occupation share, in words people read (stems are not shown); via:
    the ESCO proposal whose names the occupation's match."""
    said = re.findall(r"[A-Za-z][\w+#]*", f"{role.title} {role.family}")
    shown: dict[str, str] = {}
    for word in said:  # a stem is shown as the title writes it, else as the family does
        for stem in words(word):
            shown.setdefault(stem, word)
    label, labels = index.label_words[position], index.labels_words[position]
    reasons = []
    in_label = [shown.get(stem, stem) for stem in dict.fromkeys(query.title) if stem in label]
    if in_label:
        reasons.append(f"title words in its name: {', '.join(in_label)}")
    in_others = [shown.get(stem, stem) for stem in dict.fromkeys(query.title) if stem in labels]
    if in_others and in_others != in_label:
        reasons.append(f"title words in its other names: {', '.join(in_others)}")
    family = [shown.get(stem, stem) for stem in dict.fromkeys(query.family) if stem in labels]
    if family:
        reasons.append(f"family words in its names: {', '.join(family)}")
    closeness = float(index.label_vectors[position] @ query.title_vector)
    if not in_label and closeness >= CLOSE_IN_MEANING:
        reasons.append(f"its name is close in meaning to the title (cosine {closeness:.2f})")
    if via:
        reasons.append(f"its names match those of an ESCO proposal: {via}")
    if not reasons:
        reasons.append("its description is near the role's title and duties, in words or meaning")
    return tuple(reasons)
