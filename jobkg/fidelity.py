"""How faithfully a corpus was read: the roles jobkg found, scored against a gold file that a
person wrote by reading the pages (format: docs/fidelity.md).

Scores, all over the pages the gold file lists:
- role recall: gold roles found / gold roles (precision too: found roles that are gold roles);
- grade accuracy: matched roles whose grade (or its absence) is the gold's;
- level accuracy: matched roles whose level label is the gold's, where the gold gives one;
- reporting-line accuracy: matched roles whose set of reporting targets is the gold's;
- invented reporting lines: matched roles given a line where the page states none;
- silent pages: pages that gave no role and no warning naming them;
- item precision and recall, on the matched roles whose gold lists their items
  (`items_checked`): the role's responsibilities and requirements as the page states them (its
  own and its family's, not what it inherits from another level) against the gold's items.
Names are compared by their title keys, with a small tolerance for typos (rapidfuzz); an item
matches a gold item when it starts with the gold's words (the gold writes each item's first
words), with the same tolerance.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from jobkg.errors import UsageError
from jobkg.ingest.outline import PLACEHOLDER
from jobkg.ingest.titles import title_key
from jobkg.views import Role

GOLD_FORMAT = "jobkg-gold/1"
SAME_NAME = 90  # rapidfuzz ratio of two title keys above which they name the same thing
SAME_ITEM = 88  # rapidfuzz ratio of a gold item's words and an item's first words above which they match


@dataclass(frozen=True)
class GoldRole:
    title: str
    level: str | None
    grade: int | None
    reports_to: tuple[str, ...]
    items: tuple[str, ...] | None = None  # responsibilities and requirements, when the gold lists them


@dataclass(frozen=True)
class GoldPage:
    file: str
    roles: tuple[GoldRole, ...]


@dataclass
class Miss:
    """One disagreement, for the report: what the gold says and what jobkg read."""

    file: str
    kind: str
    gold: object
    found: object


@dataclass
class Fidelity:
    pages: int = 0
    gold_roles: int = 0
    found_roles: int = 0
    matched: int = 0
    compared: int = 0  # matched roles defined on the gold's own page: their grade, level and line are compared
    found_not_gold: int = 0
    grades_right: int = 0
    levels_compared: int = 0
    levels_right: int = 0
    lines_right: int = 0
    ranks_right: int = 0  # grade right where the gold states one, else level right where it gives one
    invented_lines: int = 0
    item_roles: int = 0  # matched roles whose items the gold lists
    gold_items: int = 0
    gold_items_found: int = 0
    found_items: int = 0
    found_items_right: int = 0
    silent_pages: list[str] = field(default_factory=list)
    misses: list[Miss] = field(default_factory=list)

    @property
    def role_recall(self) -> float:
        return self.matched / self.gold_roles if self.gold_roles else 1.0

    @property
    def role_precision(self) -> float:
        return 1 - self.found_not_gold / self.found_roles if self.found_roles else 1.0

    @property
    def grade_accuracy(self) -> float:
        return self.grades_right / self.compared if self.compared else 1.0

    @property
    def level_accuracy(self) -> float:
        return self.levels_right / self.levels_compared if self.levels_compared else 1.0

    @property
    def grade_or_level_accuracy(self) -> float:
        return self.ranks_right / self.compared if self.compared else 1.0

    @property
    def reporting_accuracy(self) -> float:
        return self.lines_right / self.compared if self.compared else 1.0

    @property
    def item_precision(self) -> float:
        return self.found_items_right / self.found_items if self.found_items else 1.0

    @property
    def item_recall(self) -> float:
        return self.gold_items_found / self.gold_items if self.gold_items else 1.0

    def to_dict(self) -> dict[str, object]:
        scores = {
            "role_recall": round(self.role_recall, 3),
            "role_precision": round(self.role_precision, 3),
            "grade_accuracy": round(self.grade_accuracy, 3),
            "level_accuracy": round(self.level_accuracy, 3),
            "grade_or_level_accuracy": round(self.grade_or_level_accuracy, 3),
            "reporting_accuracy": round(self.reporting_accuracy, 3),
            "invented_reporting_lines": self.invented_lines,
            "silent_pages": len(self.silent_pages),
            "item_precision": round(self.item_precision, 3),
            "item_recall": round(self.item_recall, 3),
        }
        counts = {k: v for k, v in asdict(self).items() if k not in ("misses", "silent_pages")}
        return scores | counts | {"silent": self.silent_pages, "misses": [asdict(m) for m in self.misses]}


def read_gold(path: Path) -> list[GoldPage]:
    """A gold file's pages; a file of another format is a usage error naming the file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UsageError(f"{path}: not a readable gold file ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != GOLD_FORMAT:
        raise UsageError(f'{path}: not a gold file (want "format": "{GOLD_FORMAT}", see docs/fidelity.md)')
    pages = []
    for page in data.get("pages", []):
        roles = tuple(
            GoldRole(
                str(role["title"]),
                role.get("level"),
                role.get("grade"),
                tuple(str(target) for target in role.get("reports_to") or ()),
                _gold_items(role),
            )
            for role in page.get("roles", [])
        )
        pages.append(GoldPage(str(page["file"]), roles))
    return pages


def _gold_items(role: dict[str, object]) -> tuple[str, ...] | None:
    if not role.get("items_checked"):
        return None
    listed = [*(role.get("responsibilities") or ()), *(role.get("requirements") or ())]  # type: ignore[misc]
    return tuple(str(item) for item in listed)


def gold_root(path: Path) -> Path | None:
    """The corpus folder a gold file names ("root", relative to the gold file), if any."""
    data = json.loads(path.read_text(encoding="utf-8"))
    root = data.get("root") if isinstance(data, dict) else None
    return (path.parent / root).resolve() if root else None


def score(
    gold: list[GoldPage],
    roles: Iterable[Role],
    read_files: set[str],
    warned_files: set[str],
    page_lines: dict[str, list[str]] | None = None,
) -> Fidelity:
    """Score the roles jobkg found against the gold pages (files relative to the corpus root).
    A role's reporting lines are those its own page states (page_lines, by role IRI; all of
    them when not given): a line another page states is that page's to score.
    A gold page jobkg does not read as a page (a .gitkeep) is left out; a folder's _index.md is
    credited with the roles of the level files beside it (they are the family's levels)."""
    by_file: dict[str, list[Role]] = {}
    for each in roles:
        by_file.setdefault(each.source.file, []).append(each)
    pages = [page for page in gold if page.file in read_files]
    result = Fidelity(pages=len(pages))
    for page in pages:
        found = list(by_file.get(page.file, []))
        if page.file.rsplit("/", 1)[-1] == "_index.md":
            folder = page.file.rsplit("/", 1)[0] + "/"
            found += [
                r for f, rs in by_file.items() if f.startswith(folder) and "/" not in f[len(folder) :] for r in rs
            ]
            found = list({role.iri: role for role in found}.values())
        result.gold_roles += len(page.roles)
        result.found_roles += len(by_file.get(page.file, []))
        if not found and page.file not in warned_files:
            result.silent_pages.append(page.file)
        for gold_role, role in _pairs(page.roles, found):
            if role is None:
                result.misses.append(Miss(page.file, "role not found", gold_role.title, None))
                continue
            result.matched += 1
            if role.source.file == page.file:
                result.compared += 1
                lines = (page_lines or {}).get(role.iri, []) if page_lines is not None else None
                _compare(page.file, gold_role, role, result, lines)
            if gold_role.items is not None:
                _compare_items(page.file, gold_role, role, result)
        matched_iris = {role.iri for _, role in _pairs(page.roles, found) if role is not None}
        for role in by_file.get(page.file, []):
            if role.iri not in matched_iris:
                result.found_not_gold += 1
                result.misses.append(Miss(page.file, "role not in gold", None, role.title))
    return result


def _compare(file: str, gold: GoldRole, role: Role, result: Fidelity, lines: list[str] | None = None) -> None:
    level_right = bool(gold.level and role.level and _same(gold.level, role.level))
    if gold.grade == role.grade and (gold.grade is not None or not gold.level or level_right):
        result.ranks_right += 1
    if gold.grade == role.grade:
        result.grades_right += 1
    else:
        result.misses.append(Miss(file, f"grade of {gold.title}", gold.grade, role.grade))
    if gold.level:
        result.levels_compared += 1
        if role.level and _same(gold.level, role.level):
            result.levels_right += 1
        else:
            result.misses.append(Miss(file, f"level of {gold.title}", gold.level, role.level))
    found_lines = [target.label for target in role.reports_to] if lines is None else lines
    if _same_set(gold.reports_to, found_lines):
        result.lines_right += 1
    else:
        result.misses.append(Miss(file, f"reporting line of {gold.title}", list(gold.reports_to), found_lines))
        if not gold.reports_to:
            result.invented_lines += 1


def _item_words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def item_matches(gold: str, found: str) -> bool:
    """A found item is the gold item when its first words are the gold's (the gold writes each
    item's first words verbatim, markup dropped), a few typos allowed."""
    want, have = _item_words(gold), _item_words(found)
    if not want or not have:
        return False
    return fuzz.ratio(want, have[: len(want)]) >= SAME_ITEM or fuzz.ratio(want, have) >= SAME_ITEM


def _compare_items(file: str, gold: GoldRole, role: Role, result: Fidelity) -> None:
    """The role's items as the page states them (its own, and its family's), against the gold."""
    assert gold.items is not None
    stated = [
        item.text
        for item in (*role.responsibilities, *role.requirements)
        if item.inherited_from is None or item.from_family
    ]
    result.item_roles += 1
    result.gold_items += len(gold.items)
    result.found_items += len(stated)
    for want in gold.items:
        if any(item_matches(want, have) for have in stated):
            result.gold_items_found += 1
        else:
            result.misses.append(Miss(file, f"item of {gold.title} not read", want, None))
    for have in stated:
        if any(item_matches(want, have) for want in gold.items):
            result.found_items_right += 1
        else:
            result.misses.append(Miss(file, f"item of {gold.title} not in gold", None, have[:120]))


def _pairs(gold: tuple[GoldRole, ...], found: list[Role]) -> list[tuple[GoldRole, Role | None]]:
    """Each gold role with the found role that names it best (each found role used once)."""
    candidates = sorted(
        ((_similarity(g, r), i, j) for i, g in enumerate(gold) for j, r in enumerate(found)),
        reverse=True,
    )
    taken_gold: dict[int, int] = {}
    taken_found: set[int] = set()
    for similarity, i, j in candidates:
        if similarity < SAME_NAME or i in taken_gold or j in taken_found:
            continue
        taken_gold[i] = j
        taken_found.add(j)
    return [(g, found[taken_gold[i]] if i in taken_gold else None) for i, g in enumerate(gold)]


def _similarity(gold: GoldRole, role: Role) -> float:
    """How well a found role's names match a gold role's title; a trailing parenthetical
    ('(Intermediate)', '(Risk Manager)') may be left out, and the same level label breaks ties."""
    names = [role.title, *role.aliases, re.sub(r"\s*\([^)]*\)\s*$", "", role.title)]
    wanted = title_key(PLACEHOLDER.sub(" ", gold.title))  # jobkg leaves template placeholders out of titles
    best = max(fuzz.ratio(wanted, title_key(name)) for name in names)
    same_level = bool(gold.level and role.level and _same(gold.level, role.level))
    if same_level and best >= 70:
        best = max(best, SAME_NAME)  # "Backend Engineering Level 3" is the role labelled "Level 3"
    return best + (1 if same_level else 0)


def _same(a: str, b: str) -> bool:
    return fuzz.ratio(title_key(a), title_key(b)) >= SAME_NAME


def _same_set(gold: tuple[str, ...], found: list[str]) -> bool:
    if len(gold) != len(set(found)):
        return False
    return all(any(_same(g, f) for f in found) for g in gold)
