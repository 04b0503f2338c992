"""Example questions made from the loaded KB (its roles, families and departments), so they
work on any corpus: the app shows them as buttons, `jobkg ask` without a question lists them."""

from __future__ import annotations

import itertools

from jobkg.kb import KnowledgeBase
from jobkg.views import Role


def proposed(kb: KnowledgeBase) -> list[str]:
    """Questions about what the KB holds (jobkg.questions.examples keeps those it answers)."""
    roles = kb.roles()
    if not roles:
        return []
    top = {family: max((r.grade or 0) for r in roles if r.family == family) for family in {r.family for r in roles}}
    with_line = [r for r in roles if r.reports_to and r.grade is not None and r.grade < top[r.family]] or roles
    role = max(with_line, key=lambda r: (len(r.responsibilities), r.title))
    graded = [r for r in roles if r.grade is not None]
    found = [
        f"who does a {_name(role)} report to",
        f"what grade is a {_name(role)}",
        f"what comes after {_name(role)}",
        f"what does a {_name(role)} do",
    ]
    if graded:
        grade = sorted(r.grade for r in graded if r.grade is not None)[len(graded) // 2]
        found.append(f"which roles are at grade {grade}")
    family = max({r.family for r in roles}, key=lambda f: (sum(1 for r in roles if r.family == f), f))
    found.append(f"career ladder for {family}")
    pair = _neighbours(roles)
    if pair:
        found.append(f"compare {_name(pair[1])} and {_name(pair[0])}")
    found.append("which roles have no grade")
    return found


def _name(role: Role) -> str:
    """The role's shortest name that is still a title (an alias such as 'Staff ITPM')."""
    names = [alias for alias in role.aliases if len(alias.split()) >= 2] + [role.title]
    return min(names, key=len)


def _neighbours(roles: list[Role]) -> tuple[Role, Role] | None:
    """Two graded roles of one family and track, one grade apart."""
    by_family: dict[tuple[str, str], list[Role]] = {}
    for role in roles:
        if role.grade is not None:
            by_family.setdefault((role.family, role.track), []).append(role)
    for members in by_family.values():
        members.sort(key=lambda r: (r.grade, r.title))
        for low, high in itertools.pairwise(members):
            if high.grade == low.grade + 1:  # type: ignore[operator]
                return low, high
    return None
