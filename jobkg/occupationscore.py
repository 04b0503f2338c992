"""Scoring occupation proposals against a gold file written by people reading the pages and the
code lists: for each role, the ESCO and SOC codes a careful analyst accepts (format in
tests/jobkg/gold/occupations.json). Top-1 and top-3 accuracy per list; a gold role the KB does
not have counts as a miss and is named, so a reader change cannot hide a matcher's failure."""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from jobkg import views
from jobkg.kb import KnowledgeBase
from jobkg.occupation_lists import SCHEMES
from jobkg.proposals import SiblingDecision, ladder, propose, sibling_choice

SAME_ROLE = 90  # likeness of a gold title and a KB title in one file ('Sr. Engineering Manager' as written)


@dataclass
class ListScore:
    roles: int = 0
    top1: int = 0
    top3: int = 0

    def share(self, count: int) -> float:
        return round(count / self.roles, 3) if self.roles else 0.0

    def to_dict(self) -> dict[str, object]:
        return {"roles": self.roles, "top1": self.share(self.top1), "top3": self.share(self.top3)}


def _per_list() -> dict[str, ListScore]:
    """One score per list jobkg ships."""
    return {scheme: ListScore() for scheme in SCHEMES}


@dataclass
class OccupationScore:
    lists: dict[str, ListScore] = field(default_factory=_per_list)
    # the gold roles with a gold sibling (same page or family folder, family and track), once
    # people accepted each sibling's first gold code: what reviewing rungs does for the others
    after_sibling_review: dict[str, ListScore] = field(default_factory=_per_list)
    before_sibling_review: dict[str, ListScore] = field(default_factory=_per_list)  # the same roles
    not_found: list[str] = field(default_factory=list)
    seconds_per_role: float = 0.0  # one list's proposals for one role

    def to_dict(self) -> dict[str, object]:
        return {scheme: score.to_dict() for scheme, score in self.lists.items()} | {
            "before_sibling_review": {scheme: score.to_dict() for scheme, score in self.before_sibling_review.items()},
            "after_sibling_review": {scheme: score.to_dict() for scheme, score in self.after_sibling_review.items()},
            "not_found": self.not_found,
            "ms_per_list_and_role": round(self.seconds_per_role * 1000, 1),
        }


def score_occupations(gold_file: Path, corpora: Path) -> OccupationScore:
    """Build each top folder the gold names once (corpora: the folder holding them) and compare
    the first three proposals of each list with the gold's acceptable codes."""
    gold = json.loads(gold_file.read_text(encoding="utf-8"))["roles"]
    score = OccupationScore()
    roles: dict[str, dict[str, list[views.Role]]] = {}
    found: list[tuple[dict, views.Role]] = []
    took, proposed = 0.0, 0
    for entry in gold:
        top, _, file = entry["source"].partition("/")
        if top not in roles:
            roles[top] = {}
            for built in KnowledgeBase.build([corpora / top]).roles():
                roles[top].setdefault(built.source.file, []).append(built)
        role = _find(roles[top].get(file, []), entry["title"])
        if role is None:
            score.not_found.append(f"{entry['source']}: {entry['title']}")
        else:
            found.append((entry, role))
        for scheme in SCHEMES:
            accepted = set(entry[scheme])
            if not accepted:
                continue
            score.lists[scheme].roles += 1
            if role is None:
                continue
            start = time.perf_counter()
            codes = [proposal.occupation.code for proposal in propose(role, scheme, limit=3)]
            took += time.perf_counter() - start
            proposed += 1
            score.lists[scheme].top1 += bool(codes) and codes[0] in accepted
            score.lists[scheme].top3 += bool(accepted & set(codes))
    score.seconds_per_role = took / proposed if proposed else 0.0
    _score_sibling_review(found, score.before_sibling_review, score.after_sibling_review)
    return score


def _score_sibling_review(
    found: list[tuple[dict, views.Role]], before: dict[str, ListScore], after: dict[str, ListScore]
) -> None:
    """The gold roles with a gold sibling (same corpus folder, family and track), as the KB
    proposes before and after people accepted an occupation for every sibling (taken to be its
    first gold code), weighed as the KB weighs them (jobkg.proposals.sibling_choice)."""
    for scheme in SCHEMES:
        for entry, role in found:
            decisions = [
                SiblingDecision(other_role, other[scheme][0], True, other["source"])
                for other, other_role in found
                if other is not entry and other[scheme] and _ladder(other, other_role) == _ladder(entry, role)
            ]
            if not entry[scheme] or not decisions:
                continue
            for score, preferred in ((before[scheme], {}), (after[scheme], sibling_choice(role, decisions))):
                codes = [p.occupation.code for p in propose(role, scheme, limit=3, preferred=preferred)]
                score.roles += 1
                score.top1 += bool(codes) and codes[0] in entry[scheme]
                score.top3 += bool(set(entry[scheme]) & set(codes))


def _ladder(entry: dict, role: views.Role) -> tuple[str, ...]:
    """Siblings: the same corpus folder (each is built as its own KB) and ladder, as the KB
    groups them."""
    return entry["source"].partition("/")[0], *ladder(role)


def _find(candidates: list[views.Role], title: str) -> views.Role | None:
    """The role of that title in its file: the same title, else the same once a bracketed code
    is dropped ('Mid-Level Engineer (L2)'), else one written nearly the same (SAME_ROLE); never
    one that only shares its words ('Engineer' is not 'Senior Engineer')."""
    for same in (lambda role: role.title == title, lambda role: _unbracketed(role.title) == _unbracketed(title)):
        found = [role for role in candidates if same(role)]
        if found:
            return found[0]
    best = max(candidates, key=lambda role: fuzz.ratio(title.lower(), role.title.lower()), default=None)
    return best if best is not None and fuzz.ratio(title.lower(), best.title.lower()) >= SAME_ROLE else None


def _unbracketed(title: str) -> str:
    return " ".join(re.sub(r"\([^)]*\)", " ", title).lower().split())
