"""`jobkg diff OLD NEW`: what a change to the pages changes in the KB, role by role, with the
lines behind each change, so a handbook edit can be reviewed before it lands."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from jobkg.views import Role, RoleItem


@dataclass
class RoleChange:
    title: str
    iri: str
    source: dict[str, object]
    grade: tuple[object, object] | None = None  # (old, new)
    reports_to: tuple[list[str], list[str]] | None = None
    responsibilities_added: list[dict[str, object]] = field(default_factory=list)
    responsibilities_removed: list[dict[str, object]] = field(default_factory=list)
    requirements_added: list[dict[str, object]] = field(default_factory=list)
    requirements_removed: list[dict[str, object]] = field(default_factory=list)

    def changed(self) -> bool:
        return any(
            (
                self.grade,
                self.reports_to,
                self.responsibilities_added,
                self.responsibilities_removed,
                self.requirements_added,
                self.requirements_removed,
            )
        )


@dataclass
class KbDiff:
    added: list[dict[str, Any]] = field(default_factory=list)  # roles as Role.to_dict() gives them
    removed: list[dict[str, Any]] = field(default_factory=list)
    changed: list[RoleChange] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return asdict(self)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def _own(items: tuple[RoleItem, ...]) -> dict[str, RoleItem]:
    return {item.text: item for item in items if not item.inherited_from}


def _entry(role: Role) -> dict[str, object]:
    return {"title": role.title, "iri": role.iri, "source": {"file": role.source.file, "line": role.source.line}}


def diff(old: list[Role], new: list[Role]) -> KbDiff:
    """Roles added, removed and changed between two KBs' role lists, matched by IRI."""
    before = {role.iri: role for role in old}
    after = {role.iri: role for role in new}
    result = KbDiff()
    result.added.extend(_entry(after[iri]) for iri in sorted(after.keys() - before.keys()))
    result.removed.extend(_entry(before[iri]) for iri in sorted(before.keys() - after.keys()))
    for iri in sorted(before.keys() & after.keys()):
        a, b = before[iri], after[iri]
        change = RoleChange(b.title, iri, {"file": b.source.file, "line": b.source.line})
        if a.grade != b.grade:
            change.grade = (a.grade, b.grade)
        old_lines = sorted(r.label for r in a.reports_to)
        new_lines = sorted(r.label for r in b.reports_to)
        if old_lines != new_lines:
            change.reports_to = (old_lines, new_lines)
        for key in ("responsibilities", "requirements"):
            was, now = _own(getattr(a, key)), _own(getattr(b, key))
            getattr(change, f"{key}_added").extend({"text": t, "line": now[t].line} for t in now if t not in was)
            getattr(change, f"{key}_removed").extend({"text": t, "line": was[t].line} for t in was if t not in now)
        if change.changed():
            result.changed.append(change)
    return result


def describe(result: KbDiff) -> list[str]:
    """The diff as review lines: '+' added, '-' removed, '~' changed, with file:line."""
    lines: list[str] = []
    for role in result.added:
        lines.append(f"+ role {role['title']}  ({role['source']['file']}:{role['source']['line']})")
    for role in result.removed:
        lines.append(f"- role {role['title']}  ({role['source']['file']}:{role['source']['line']}, old)")
    for change in result.changed:
        where = f"{change.source['file']}"
        lines.append(f"~ role {change.title}  ({where}:{change.source['line']})")
        if change.grade:
            lines.append(f"    grade: {_value(change.grade[0])} -> {_value(change.grade[1])}")
        if change.reports_to:
            lines.append(
                f"    reports to: {'; '.join(change.reports_to[0]) or 'not stated'} -> "
                f"{'; '.join(change.reports_to[1]) or 'not stated'}"
            )
        for key in ("responsibilities", "requirements"):
            for item in getattr(change, f"{key}_added"):
                lines.append(f"    + {key}: {item['text']}  (line {item['line']})")
            for item in getattr(change, f"{key}_removed"):
                lines.append(f"    - {key}: {item['text']}  (old line {item['line']})")
    return lines


def _value(value: object) -> str:
    return "not stated" if value is None else str(value)
