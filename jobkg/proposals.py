"""Proposals of standard occupations for a role, each with a score and its reasons.

Two comparisons are added up. Shared words (BM25, `bm25s`, over Snowball stems): the role's
title without its level words with each occupation's names, the family's name with its names,
and the role's responsibilities and requirements with its names and description. Closeness in
meaning (static word embeddings, jobkg.embeddings): the title with its name, the whole role
with its description; it reaches names that share no word with the title ("Attorney",
"lawyer"). A SOC occupation is also scored by how well its names match the best ESCO matches'
(ESCO lists far more alternative names). Deterministic: the same role and lists always give the
same proposals.

A proposal is only that: nothing here is accepted until a person records it in the review file
(jobkg.ingest.review), and a code a person rejected for a role is never proposed for it again.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from types import MappingProxyType

import bm25s
import numpy as np
import Stemmer

from jobkg import embeddings
from jobkg.ingest import iris
from jobkg.occupation_lists import CodeList, Occupation, code_list
from jobkg.views import Role

# How much each comparison counts (each scaled to its best match first); set on the development gold
# and measured against a blind one (docs/decisions/0007-occupation-lists.md)
TITLE_LABEL = 1.0
TITLE_OTHER_LABELS = 0.5
FAMILY_LABELS = 0.5
DUTIES_TEXT = 2.0
TITLE_TEXT = 0.25
MEANING = 1.0  # the cosines of title and name, and of the whole role and the occupation's text
CLOSE_IN_MEANING = 0.5  # a name this close to the title (cosine) is given as a reason
ESCO_HOP = 1.0  # a SOC occupation's names' match with the best ESCO matches' names
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
    """The lists use ~15,000 distinct words 370,000 times: a lookup is cheaper than a call."""
    return _STEMMER.stemWord(word)


def occupation_title(role_title: str) -> str:
    """The title without level words and bracketed codes: 'Senior Engineer (L3)' -> 'Engineer'."""
    return " ".join(_LEVEL_WORDS.sub(" ", re.sub(r"\(.*?\)", " ", role_title)).split())


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
        self.label_vectors = embeddings.vectors([o.label for o in self.occupations])
        self.text_vectors = embeddings.vectors([f"{o.label}. {o.description}" for o in self.occupations])

    def scores(self, index: bm25s.BM25, query: list[str]) -> np.ndarray:
        """Scores scaled to the best one (1.0), so that the parts weigh as their weights say."""
        if not query:
            return np.zeros(len(self.occupations))
        return _scaled(index.get_scores(query))


def _scaled(scores: np.ndarray) -> np.ndarray:
    """Scores divided by the best one, so that each comparison counts as its weight says."""
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
        title_words, family_words, duty_words = words(title), words(role.family), words(duties)
        said = ((title, title_words), (role.family, family_words), (duties, duty_words))
        whole = ". ".join(text for text, stems in said if stems)
        title_vector, role_vector = embeddings.vectors([title if title_words else "", whole])
        return cls(title_words, family_words, duty_words, title_vector, role_vector)

    @property
    def empty(self) -> bool:
        """No word to compare: a title of level words only, no family, no duties."""
        return not (self.title or self.family or self.duties)


def _scores(index: _Index, query: _Query) -> np.ndarray:
    """Shared words (BM25, scaled to the best match) plus closeness in meaning (cosines)."""
    shared = TITLE_LABEL * index.scores(index.label, query.title)
    shared += TITLE_OTHER_LABELS * index.scores(index.labels, query.title)
    shared += FAMILY_LABELS * index.scores(index.labels, query.family)
    shared += DUTIES_TEXT * index.scores(index.text, query.duties)
    shared += TITLE_TEXT * index.scores(index.text, query.title + query.family)
    # (the title with each occupation's other names too measured the same on the development gold,
    # one SOC role less in the first three, and cost a second per process: ESCO's long name runs)
    meaning = index.label_vectors @ query.title_vector + index.text_vectors @ query.role_vector
    return _scaled(shared) + MEANING * meaning


def propose(
    role: Role,
    scheme: str,
    limit: int = 3,
    excluded: Iterable[str] = (),
    rejected_esco: Iterable[str] = (),
    preferred: Mapping[str, str] | None = None,
) -> list[Proposal]:
    """The best `limit` occupations of one list for a role, best first. Excluded: this list's
    codes not to propose (people decided them: an accepted one is shown as accepted, a rejected
    one never comes back). Rejected_esco: ESCO codes people rejected, left out of the way to SOC
    through ESCO (an accepted one still counts there). Preferred codes (code -> why: a sibling's
    accepted occupation) are placed first, saying so. A role with no word to compare gets none."""
    query, esco_total = _compared_with_esco(role)
    if query.empty:
        return []
    refused = set(excluded)
    index = _index(scheme)
    matched: list[Occupation | None] = []
    if scheme == "esco":
        total, hop = esco_total, np.zeros(len(esco_total))
    else:
        hop, matched = _hop_scores(index, _without(esco_total, set(rejected_esco)))
        total = _scores(index, query) + ESCO_HOP * hop
    first = {index.position[code]: why for code, why in (preferred or {}).items() if code in index.position}
    order = np.argsort(-total, kind="stable")
    ranked = (int(p) for p in order[total[order] > 0] if int(p) not in first)  # read only as far as needed
    proposals: list[Proposal] = []
    for position in itertools.chain(first, ranked):
        occupation = index.occupations[position]
        if occupation.code in refused:
            continue
        if len(proposals) == limit:
            break
        via = matched[position] if hop[position] >= NAMES_MATCH else None
        placed = (f"placed first: {first[position]}",) if position in first else ()
        reasons = (*placed, *_reasons(role, query, position, index, via, fallback=not placed))
        proposals.append(Proposal(occupation, round(float(total[position]), 3), reasons))
    return proposals


@dataclass(frozen=True)
class SiblingDecision:
    """A decision people recorded for a sibling of the role: same family, same track."""

    sibling: Role
    code: str
    accepted: bool
    where: str  # the review file and line


def ladder(role: Role) -> tuple[str, str, str]:
    """Siblings share it: the page or family folder (the family part of the role's IRI: one page
    may describe several families), the family and the track."""
    return iris.family_of_role(role.iri), role.family, role.track


def sibling_choice(role: Role, decisions: Iterable[SiblingDecision], excluded: Iterable[str] = ()) -> dict[str, str]:
    """The one code to place first for a role (code -> why): the occupation accepted for the
    most siblings, then for the nearest rung; never one a sibling rejected, nor an excluded one
    (decided for the role itself). One place only, so the ranker keeps the others: siblings are
    mostly, not always, one occupation."""
    decisions = list(decisions)
    kept_out = {decision.code for decision in decisions if not decision.accepted} | set(excluded)
    votes: dict[str, list[SiblingDecision]] = {}
    for decision in decisions:
        if decision.accepted and decision.code not in kept_out:
            votes.setdefault(decision.code, []).append(decision)
    if not votes:
        return {}
    code, chosen = min(votes.items(), key=lambda vote: (-len(vote[1]), min(_apart(role, d.sibling) for d in vote[1])))
    nearest = min(chosen, key=lambda decision: _apart(role, decision.sibling))
    more = f" and {len(chosen) - 1} more" if len(chosen) > 1 else ""
    return {code: f"accepted for {nearest.sibling.title}{more}, of the same family and track ({nearest.where})"}


def _apart(role: Role, other: Role) -> float:
    """How many grades apart two roles are, or numbered levels where the role has no grade (one
    unit for all of a role's siblings); unknown: infinitely."""
    mine, theirs = (role.grade, other.grade) if role.grade is not None else (role.rank, other.rank)
    return abs(mine - theirs) if mine is not None and theirs is not None else math.inf


def _without(esco_total: np.ndarray, refused: set[str]) -> np.ndarray:
    """ESCO scores with the refused occupations put last."""
    kept = esco_total.copy()
    esco = _index("esco")
    for code in refused & esco.position.keys():
        kept[esco.position[code]] = -np.inf
    return kept


@lru_cache(maxsize=64)
def _compared_with_esco(role: Role) -> tuple[_Query, np.ndarray]:
    """The role's query and ESCO scores: every list's proposals need them, and people ask for
    both lists of the same role one after the other."""
    query = _Query.of(role)
    scores = _scores(_index("esco"), query)
    for array in (scores, query.title_vector, query.role_vector):
        array.setflags(write=False)  # cached: shared by every later call
    return query, scores


def _hop_scores(index: _Index, esco_total: np.ndarray) -> tuple[np.ndarray, list[Occupation | None]]:
    """How well each occupation's names match the best ESCO matches' names (the first counts
    double), scaled to the best, and for each the ESCO occupation it matches most: ESCO's many
    alternative names reach titles SOC does not list."""
    best = [int(p) for p in np.argsort(-esco_total, kind="stable")[:_HOP_FROM] if np.isfinite(esco_total[p])]
    nearby = [_index("esco").occupations[p] for p in best]
    if not nearby:
        return np.zeros(len(index.occupations)), [None] * len(index.occupations)
    matches = np.array(
        [
            (1.0 if rank == 0 else 0.5) * index.scores(index.labels, words(f"{esco.label} {esco.other_labels}"))
            for rank, esco in enumerate(nearby)
        ]
    )
    return _scaled(matches.sum(axis=0)), [nearby[int(rank)] for rank in matches.argmax(axis=0)]


def _reasons(
    role: Role, query: _Query, position: int, index: _Index, via: Occupation | None, fallback: bool
) -> tuple[str, ...]:
    """What the role and the occupation share, in words people read: a word matched through its
    stem is shown as both write it ("Engineer ~ engine"); via: the ESCO occupation among the best
    ESCO matches whose names the occupation's share words with; fallback: say what is near when
    nothing is shared."""
    ours = _as_written(f"{role.title} {role.family}")  # a stem as the title writes it, else the family
    occupation = index.occupations[position]
    name, others = _as_written(occupation.label), _as_written(occupation.other_labels)
    names = {**others, **name}

    def shared(stems: Iterable[str], theirs: Mapping[str, str], written: Mapping[str, str] = ours) -> list[str]:
        return [_pair(written.get(stem, stem), theirs[stem]) for stem in dict.fromkeys(stems) if stem in theirs]

    reasons = []
    in_name = shared(query.title, name)
    if in_name:
        reasons.append(f"title words in its name: {', '.join(in_name)}")
    in_others = shared((stem for stem in query.title if stem not in name), others)
    if in_others:
        reasons.append(f"title words in its other names: {', '.join(in_others)}")
    family = shared(query.family, names)
    if family:
        reasons.append(f"family words in its names: {', '.join(family)}")
    closeness = float(index.label_vectors[position] @ query.title_vector)
    if not in_name and closeness >= CLOSE_IN_MEANING:
        reasons.append(f"its name is close in meaning to the title (cosine {closeness:.2f})")
    if via is not None:
        theirs = _as_written(f"{via.label} {via.other_labels}")
        common = shared(theirs, names, theirs)
        if common:
            reasons.append(f"its names share words with those of the ESCO occupation {via.label}: {', '.join(common)}")
    if fallback and not reasons:
        near = "its description" if occupation.description else "its name"
        parts = [
            part
            for part, stems in (("title", query.title), ("family", query.family), ("duties", query.duties))
            if stems
        ]
        reasons.append(f"{near} is near the role's {' and '.join(parts)}, in words or meaning")
    return tuple(reasons)


@lru_cache(maxsize=4096)
def _as_written(text: str) -> Mapping[str, str]:
    """Each stem of a text, as the text first writes it (an occupation's names are read again
    for every role it is proposed for; read-only, as it is cached)."""
    written: dict[str, str] = {}
    for word in re.findall(r"[A-Za-z][\w+#]*", text):
        for stem in words(word):
            written.setdefault(stem, word)
    return MappingProxyType(written)


def _pair(ours: str, theirs: str) -> str:
    """'Developer' for developers, 'Engineer ~ engine' where one stem stands for two words."""
    return ours if _singular(ours) == _singular(theirs) else f"{ours} ~ {theirs}"


def _singular(word: str) -> str:
    word = word.lower()
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word
