"""Career paths: from a role, the roles one or two moves away (up the ladder, across to
another family at the same or the next grade, to a stated IC / manager equivalent), each with
what the person already meets and what is missing, item by item with source lines.

"Already meets" is strict (a wrong "met" misleads more than a missed one): an item of the target
is met by an item of the current role with the same words, or with nearly the same content
words in a sentence of some length (rapidfuzz's token-sort ratio over the content words, so
that extra or missing words count against a match: 'Mentor others' never meets 'Mentor others
across the department and lead hiring'). Moves come from the `career-moves` canned query, so
paths work on the embedded store and on an endpoint alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from jobkg.queries.catalog import Runner
from jobkg.views import Role, RoleItem

MOVES = ("up", "across", "equivalent")
LIKENESS = 88  # token-sort ratio of content words at which two items are called the same
MIN_CONTENT_WORDS = 3  # shorter items meet only their identical twin
STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "our",
        "the",
        "their",
        "to",
        "with",
        "within",
        "you",
        "your",
        "we",
        "will",
        "who",
        "that",
        "this",
        "these",
        "those",
        "all",
        "any",
        "other",
        "others",
        "etc",
    ]
)


@dataclass(frozen=True)
class ItemCheck:
    """One item of the target role, and the current role's item that meets it (if any)."""

    kind: str  # "responsibility" or "requirement"
    text: str
    line: int
    met_by: str | None = None
    met_by_line: int | None = None
    likeness: int = 0  # 100 for the same words


@dataclass(frozen=True)
class CareerPath:
    target: Role
    moves: tuple[str, ...]  # ("up",), ("across", "up"), ... ; () when no stated move leads there
    via: tuple[str, ...]  # titles of the roles in between
    items: tuple[ItemCheck, ...]

    @property
    def met(self) -> tuple[ItemCheck, ...]:
        return tuple(item for item in self.items if item.met_by is not None)

    @property
    def missing(self) -> tuple[ItemCheck, ...]:
        return tuple(item for item in self.items if item.met_by is None)

    @property
    def share_met(self) -> float:
        return len(self.met) / len(self.items) if self.items else 0.0

    def to_dict(self) -> dict[str, object]:
        return {
            "target": self.target.iri,
            "title": self.target.title,
            "family": self.target.family,
            "grade": self.target.grade,
            "moves": list(self.moves),
            "via": list(self.via),
            "share_met": round(self.share_met, 3),
            "met": [vars(item) for item in self.met],
            "missing": [vars(item) for item in self.missing],
        }


@lru_cache(maxsize=1 << 16)
def content_words(text: str) -> str:
    """The item's content words, lower case, in order ('Leads the team's hiring' -> 'leads team s hiring')."""
    return " ".join(word for word in re.findall(r"[a-z0-9]+", text.lower()) if word not in STOP)


def check_items(current: Role, target: Role) -> tuple[ItemCheck, ...]:
    """Each item of the target with the current role's item that meets it best, if one does."""
    return check_many(current, [target])[0]


def check_many(current: Role, targets: list[Role]) -> list[tuple[ItemCheck, ...]]:
    """check_items for many targets at once: their items' words (which repeat up every
    ladder) are compared with the current role's in one pass."""
    own = _live(current.responsibilities + current.requirements)
    own_words = [content_words(item.text) for item in own]
    wanted = [
        [
            (kind, item)
            for kind, items in (("responsibility", t.responsibilities), ("requirement", t.requirements))
            for item in _live(items)
        ]
        for t in targets
    ]
    words = sorted({content_words(item.text) for items in wanted for _, item in items})
    best = _best_matches(words, own_words)
    result = []
    for items in wanted:
        checks = []
        for kind, item in items:
            score, index = best.get(content_words(item.text), (0, -1))
            if index >= 0:
                checks.append(ItemCheck(kind, item.text, item.line, own[index].text, own[index].line, score))
            else:
                checks.append(ItemCheck(kind, item.text, item.line))
        result.append(tuple(checks))
    return result


def _best_matches(words: list[str], own_words: list[str]) -> dict[str, tuple[int, int]]:
    """For each wanted item's words, the likeness and index of the current role's item that
    meets it, where one does; short items meet only their identical twin."""
    if not words or not own_words:
        return {}
    scores = cdist(words, own_words, scorer=fuzz.token_sort_ratio, score_cutoff=LIKENESS, dtype=np.int32, workers=1)
    short = np.array([len(w.split()) < MIN_CONTENT_WORDS for w in words])
    own_short = np.array([len(w.split()) < MIN_CONTENT_WORDS for w in own_words])
    identical = np.array(words, dtype=object)[:, None] == np.array(own_words, dtype=object)[None, :]
    scores[(short[:, None] | own_short[None, :]) & ~identical] = 0
    scores[identical] = 100
    columns = scores.argmax(axis=1)
    found = {}
    for row, word in enumerate(words):
        score = int(scores[row, columns[row]])
        if word and score >= LIKENESS:
            found[word] = (score, int(columns[row]))
    return found


def _live(items: Iterable[RoleItem]) -> list[RoleItem]:
    """Items that hold for the role (an inherited line its own restates does not)."""
    return [item for item in items if item.superseded_by is None]


def paths(runner: Runner, roles: dict[str, Role], start: Role, two_moves: bool = True) -> list[CareerPath]:
    """Every role one move from start and, with two_moves, one more move from those (across
    then up, up then across, to the equivalent then up, ...: never two moves of one kind),
    each by its first route found; ranked by the share of the target's items already met."""
    found: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    first = _moves(runner, start)
    for iri, move in first:
        found.setdefault(iri, ((move,), ()))
    if two_moves:
        steps = _steps(runner)
        for iri, move in first:
            middle = roles.get(iri)
            if middle is None:
                continue
            onward = steps.get(iri, []) + (
                [] if move == "across" else [m for m in _moves(runner, middle) if m[1] == "across"]
            )
            for target, second in onward:
                if second != move and target != start.iri and target not in found:
                    found[target] = ((move, second), (middle.title,))
    routes = [(roles[iri], moves, via) for iri, (moves, via) in found.items() if iri in roles]
    checked = check_many(start, [target for target, _, _ in routes])
    result = [
        CareerPath(target, moves, via, items) for (target, moves, via), items in zip(routes, checked, strict=True)
    ]
    return sorted(result, key=lambda p: (-p.share_met, len(p.moves), p.target.title, p.target.iri))


def path_to(runner: Runner, roles: dict[str, Role], start: Role, target: Role) -> CareerPath:
    """The route from start to target in one or two moves if there is one, else the plain
    comparison (moves: ()), always with the target's items met and missing."""
    for path in paths(runner, roles, start):
        if path.target.iri == target.iri:
            return path
    return CareerPath(target, (), (), check_items(start, target))


def _moves(runner: Runner, role: Role) -> list[tuple[str, str]]:
    return [(str(row["target"]), str(row["move"])) for row in runner.run("career-moves", {"role": role.iri})]


def _steps(runner: Runner) -> dict[str, list[tuple[str, str]]]:
    """Each role's next levels and equivalents (one whole-KB query, kept by the runner)."""
    steps: dict[str, list[tuple[str, str]]] = {}
    for row in runner.run("ladder-steps"):
        steps.setdefault(str(row["role"]), []).append((str(row["target"]), str(row["move"])))
    return steps
