"""Ladders kept as data in a page's YAML front matter (the profile's [front_matter_ladder]):
a list of topics (competency areas), each with entries per level, each entry with criteria.
Each level becomes a role whose items are its criteria, with the topic as their area and the
front-matter line that states each one."""

from __future__ import annotations

from jobkg.ingest.outline import family_base
from jobkg.ingest.profile import Profile
from jobkg.ingest.records import Item, Page
from jobkg.ingest.tables import TableRole


def ladder_roles(page: Page, profile: Profile, title: str) -> list[TableRole]:
    topics = page.meta.get(profile.ladder_topics) if profile.ladder_topics else None
    if not isinstance(topics, list):
        return []
    lines = page.front_matter.splitlines()
    finder = _LineFinder(lines, page.title_line or 1)
    levels: dict[int, list[Item]] = {}
    first: dict[int, int] = {}
    for topic in topics:
        if not isinstance(topic, dict):
            continue
        area = next((str(topic[key]).strip() for key in profile.ladder_area if topic.get(key)), None)
        for entry in topic.get(profile.ladder_entries) or []:
            level = entry.get(profile.ladder_level) if isinstance(entry, dict) else None
            if not isinstance(level, int) or isinstance(level, bool):
                continue
            first.setdefault(level, finder.find(f"{profile.ladder_level}: {level}"))
            for text in _values(entry, profile.ladder_items):
                levels.setdefault(level, []).append(Item(text, finder.find(text), area=area))
    family = family_base(title, profile)
    return [
        TableRole(
            profile.ladder_title.format(family=family, level=level),
            first[level],
            f"Level {level}",
            float(level),
            None,
            tuple(levels.get(level, ())),
        )
        for level in sorted(first)
    ]


def _values(entry: dict[str, object], paths: tuple[str, ...]) -> list[str]:
    """The strings at each dotted path ('criteria', 'exampleCriteria.criteria'), in order."""
    found: list[str] = []
    for path in paths:
        values: list[object] = [entry]
        for key in path.split("."):
            step: list[object] = []
            for value in values:
                inner = value.get(key) if isinstance(value, dict) else None
                step.extend(inner if isinstance(inner, list) else [inner] if inner is not None else [])
            values = step
        found.extend(str(v).strip() for v in values if isinstance(v, str | int | float) and str(v).strip())
    return found


class _LineFinder:
    """Lines of the front matter where each value is written, searched in reading order."""

    def __init__(self, lines: list[str], fallback: int) -> None:
        self.lines = lines
        self.cursor = 0
        self.fallback = fallback

    def find(self, text: str) -> int:
        needle = text[:60]
        for start in (self.cursor, 0):
            for index in range(start, len(self.lines)):
                if needle in self.lines[index]:
                    self.cursor = index
                    return index + 1
        return self.fallback
