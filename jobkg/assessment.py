"""A self-assessment against the next level: that level's own items (what it adds to the
role below), each ticked or not by the person, written as CSV or Markdown for them to keep.
Nothing is stored by jobkg: the app builds the file from the ticks in the browser's session."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from jobkg.views import Role

NOT_A_CHECKLIST = (
    "A job framework describes what a level does; it is not a promotion checklist. Use this to start a "
    "conversation with your manager. Nothing you tick is stored: it lives in this page until you download it."
)


@dataclass(frozen=True)
class AssessmentItem:
    kind: str  # "responsibility" or "requirement"
    text: str
    file: str
    line: int


def next_level_items(next_role: Role) -> list[AssessmentItem]:
    """The next level's own items: the ones it states itself, not those it inherits."""
    return [
        AssessmentItem(kind, item.text, next_role.source.file, item.line)
        for kind, items in (("responsibility", next_role.responsibilities), ("requirement", next_role.requirements))
        for item in items
        if item.inherited_from is None
    ]


def as_csv(items: list[AssessmentItem], ticked: list[bool]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["done", "kind", "item", "source"])
    for item, done in zip(items, ticked, strict=True):
        writer.writerow(["yes" if done else "no", item.kind, item.text, f"{item.file}:{item.line}"])
    return out.getvalue()


def as_markdown(role: Role, next_role: Role, items: list[AssessmentItem], ticked: list[bool]) -> str:
    lines = [f"# {role.title} towards {next_role.title}", "", f"> {NOT_A_CHECKLIST}", ""]
    for kind in ("responsibility", "requirement"):
        chosen = [(item, done) for item, done in zip(items, ticked, strict=True) if item.kind == kind]
        if chosen:
            lines += [f"## {'Responsibilities' if kind == 'responsibility' else 'Requirements'}", ""]
            lines += [f"- [{'x' if done else ' '}] {item.text} ({item.file}:{item.line})" for item, done in chosen]
            lines.append("")
    return "\n".join(lines)
