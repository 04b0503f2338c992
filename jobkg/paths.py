"""Career paths: from a role, the roles one or two moves away (up the ladder, across to
another family at the same or the next grade, to a stated IC / manager equivalent), each with
what the person already meets and what is missing, item by item with source lines.

"Already meets" is strict (a wrong "met" misleads more than a missed one): an item of the target
is met by an item of the current role with the same words, or with nearly the same content
words in a sentence of some length (rapidfuzz's token-sort ratio over the content words, so
that extra or missing words count against a match: 'Mentor others' never meets 'Mentor others
across the department and lead hiring'), and a line restated a level apart ('6-10 years' for
'4-8 years', 'lead the creation' for 'support the creation') is not met. Moves are found once
per KB from the role views and the `ladder-steps` query (`Moves`), the same moves the public
`career-moves` query states for one role, so paths work on the embedded store and an endpoint.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from jobkg.queries import cells
from jobkg.queries.catalog import Runner
from jobkg.superseded import restated_key, rewords
from jobkg.views import Role, RoleItem

MOVES = ("up", "across", "equivalent")
LIKENESS = 88  # token-sort ratio of content words at which two items are called the same
MIN_CONTENT_WORDS = 3  # shorter items meet only their identical twin
# fmt: off
STOP = frozenset({  # words that say nothing of a duty
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "into", "is", "it",
    "its", "of", "on", "or", "our", "the", "their", "to", "with", "within", "you", "your", "we", "will",
    "who", "that", "this", "these", "those", "all", "any", "other", "others", "etc",
})
# fmt: on


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
    return _Matcher(current).checks(target)


class _Matcher:
    """What the current role meets, item by item, for many targets: each distinct wording
    (they repeat up every ladder) is compared once, in one rapidfuzz pass per batch."""

    def __init__(self, current: Role) -> None:
        self.own = _live(current.responsibilities + current.requirements)
        self.own_words = [content_words(item.text) for item in self.own]
        self.best: dict[str, tuple[int, int]] = {}  # wording -> (index of the own item meeting it or -1, likeness)

    def prepare(self, targets: Iterable[Role]) -> None:
        texts: dict[str, str] = {}
        for target in targets:
            for _, item in _items(target):
                words = content_words(item.text)
                if words not in self.best:
                    texts.setdefault(words, item.text)
        found = _best_matches(sorted(texts), self.own_words)
        for words, text in texts.items():
            score, index = found.get(words, (0, -1))
            if index >= 0 and score < 100 and _restates(text, self.own[index].text):
                index = -1  # the same line at another level: '6-10 years' is not met by '4-8 years'
            self.best[words] = (index, score)

    def share(self, target: Role) -> float:
        indices = [self.best[content_words(item.text)][0] for _, item in _items(target)]
        return sum(index >= 0 for index in indices) / len(indices) if indices else 0.0

    def checks(self, target: Role) -> tuple[ItemCheck, ...]:
        self.prepare([target])
        checks = []
        for kind, item in _items(target):
            index, score = self.best[content_words(item.text)]
            if index < 0:
                checks.append(ItemCheck(kind, item.text, item.line))
            else:
                checks.append(ItemCheck(kind, item.text, item.line, self.own[index].text, self.own[index].line, score))
        return tuple(checks)


def _items(role: Role) -> list[tuple[str, RoleItem]]:
    return [("responsibility", item) for item in _live(role.responsibilities)] + [
        ("requirement", item) for item in _live(role.requirements)
    ]


def _restates(wanted: str, mine: str) -> bool:
    """The target's item is the current one with other years or a qualifier or two changed
    ('Expert knowledge of' for 'Good knowledge of'): a level apart, so not met."""
    key = restated_key(wanted)
    return (key is not None and key == restated_key(mine)) or rewords(mine, wanted)


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


@dataclass(frozen=True)
class Moves:
    """The moves between a KB's roles, found once per KB: ladder steps and equivalents from
    the `ladder-steps` query, moves across from the roles' grades (else level numbers) and
    tracks, as the `career-moves` query states them for one role."""

    roles: dict[str, Role]
    steps: dict[str, list[tuple[str, str]]]
    by_level: dict[tuple[str, str, float], list[Role]]

    @classmethod
    def of(cls, runner: Runner, roles: dict[str, Role]) -> Moves:
        steps: dict[str, list[tuple[str, str]]] = {}
        for row in runner.run("ladder-steps"):
            steps.setdefault(cells.text(row, "role"), []).append((cells.text(row, "target"), cells.text(row, "move")))
        by_level: dict[tuple[str, str, float], list[Role]] = {}
        for role in roles.values():
            if (level := _level(role)) is not None:
                by_level.setdefault(level, []).append(role)
        return cls(roles, steps, by_level)

    def from_role(self, role: Role, kinds: tuple[str, ...] = MOVES) -> list[tuple[str, str]]:
        """(target IRI, move) for each move from the role: up and equivalent first."""
        found = [step for step in self.steps.get(role.iri, []) if step[1] in kinds]
        level = _level(role)
        if "across" in kinds and level is not None:
            track, scale, number = level
            for step in (0, 1):
                for other in self.by_level.get((track, scale, number + step), []):
                    if other.family != role.family:
                        found.append((other.iri, "across"))
        return found


def _level(role: Role) -> tuple[str, str, float] | None:
    if role.grade is not None:
        return (role.track, "grade", float(role.grade))
    if role.rank is not None:
        return (role.track, "rank", role.rank)
    return None


def routes(moves: Moves, start: Role) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Each role one move from start, and one more move from those (across then up, up then
    across, to the equivalent then up, ...: never two moves of one kind), by its first route
    found: target IRI -> (moves, titles of the roles in between)."""
    found: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    first = moves.from_role(start)
    for iri, move in first:
        found.setdefault(iri, ((move,), ()))
    for iri, move in first:
        middle = moves.roles.get(iri)
        if middle is None:
            continue
        for target, second in moves.from_role(middle, tuple(m for m in MOVES if m != move)):
            if target != start.iri and target not in found:
                found[target] = ((move, second), (middle.title,))
    return found


def paths(moves: Moves, start: Role, limit: int | None = None) -> list[CareerPath]:
    """Every route from start, ranked by the share of the target's items already met; the
    best `limit` of them item by item."""
    found = routes(moves, start)
    matcher = _Matcher(start)
    targets = [moves.roles[iri] for iri in found if iri in moves.roles]
    matcher.prepare(targets)
    shares = {target.iri: matcher.share(target) for target in targets}
    targets.sort(key=lambda t: (-shares[t.iri], len(found[t.iri][0]), t.title, t.iri))
    return [CareerPath(t, *found[t.iri], matcher.checks(t)) for t in targets[:limit]]


def path_to(moves: Moves, start: Role, target: Role) -> CareerPath:
    """The route from start to target in one or two moves if there is one, else the plain
    comparison (moves: ()), always with the target's items met and missing."""
    moved, via = routes(moves, start).get(target.iri, ((), ()))
    return CareerPath(target, moved, via, check_items(start, target))
