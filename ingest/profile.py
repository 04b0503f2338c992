"""Page layouts as data: a profile says what a layout's headings, level labels, grade,
reporting and inheritance sentences, tables and links look like. One reader (sections.py,
tables.py, phrases.py) reads every layout through its profile, so adding a company's layout is
a TOML file in ingest/profiles/ (or anywhere, with --profile FILE), not edits across modules.
docs/profiles.md explains each key.

A profile may extend another: its lists are added to the parent's, its strings replace them.
Pages pick their profile by `detect` rules (the highest score wins; generic when none scores).
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from jobkg.errors import ProfileError, UsageError

PROFILE_DIR = Path(__file__).with_name("profiles")
SECTION_KINDS = (
    "grade",
    "nice_to_have",
    "responsibilities",
    "requirements",
    "indicators",
    "hiring",
    "career",
    "specialties",
    "levels",
    "not_expected",
)


# Every section and key a profile may hold (docs/profiles.md); anything else is a misspelling.
TOP_LEVEL = ("name", "description", "extends")
KEYS: dict[str, tuple[str, ...]] = {
    "detect": ("path", "text", "front_matter"),
    "headings": (*SECTION_KINDS, "not_roles"),
    "levels": ("ic", "management", "codes"),
    "phrases": (
        "grade",
        "grade_links",
        "reports",
        "direct_reports",
        "duty_lead_ins",
        "requirement_lines",
        "target_ends",
        "not_targets",
        "everyone",
    ),
    "links": ("organisation", "site_hosts", "page_prefixes"),
    "tables": ("title_columns", "level_columns", "grade_columns", "group_columns", "people_columns"),
    "front_matter_ladder": ("topics", "area", "entries", "level", "items", "title"),
}


def _check_keys(data: dict[str, object], path: Path) -> None:
    """An unknown section or key is an error naming the file, the key and the nearest known one."""
    for name, value in data.items():
        if name in TOP_LEVEL:
            continue
        if name not in KEYS:
            raise ProfileError(f"{path}: unknown section [{name}]{_nearest(name, [*KEYS, *TOP_LEVEL])}")
        if not isinstance(value, dict):
            raise ProfileError(f"{path}: [{name}] must be a section of keys")
        for key in value:
            if key not in KEYS[name]:
                raise ProfileError(f"{path}: unknown key '{key}' in [{name}]{_nearest(key, KEYS[name])}")


def _nearest(word: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.5)
    return f"; did you mean '{close[0]}'?" if close else f"; known: {', '.join(known)}"


def _patterns(values: list[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(value, re.IGNORECASE) for value in values)


@dataclass(frozen=True, eq=False)  # one object per loaded profile: hashed by identity, cached beside
class Profile:
    """A page layout, read from a TOML file (see docs/profiles.md)."""

    name: str
    description: str
    detect_path: tuple[re.Pattern[str], ...] = ()
    detect_text: tuple[re.Pattern[str], ...] = ()
    detect_front_matter: tuple[str, ...] = ()
    sections: dict[str, tuple[re.Pattern[str], ...]] = field(default_factory=dict)
    not_roles: tuple[re.Pattern[str], ...] = ()
    ic_levels: tuple[str, ...] = ()
    management_levels: tuple[str, ...] = ()
    level_codes: tuple[re.Pattern[str], ...] = ()
    grade: tuple[re.Pattern[str], ...] = ()
    grade_links: tuple[re.Pattern[str], ...] = ()
    reports: tuple[re.Pattern[str], ...] = ()
    direct_reports: tuple[re.Pattern[str], ...] = ()
    duty_lead_ins: tuple[re.Pattern[str], ...] = ()
    requirement_lines: tuple[re.Pattern[str], ...] = ()
    target_ends: tuple[re.Pattern[str], ...] = ()
    not_targets: tuple[re.Pattern[str], ...] = ()
    everyone: tuple[re.Pattern[str], ...] = ()
    organisation: tuple[str, ...] = ()
    site_hosts: tuple[str, ...] = ()
    page_prefixes: tuple[str, ...] = ()
    title_columns: tuple[str, ...] = ()
    level_columns: tuple[str, ...] = ()
    grade_columns: tuple[str, ...] = ()
    group_columns: tuple[str, ...] = ()
    people_columns: tuple[str, ...] = ()
    ladder_topics: str = ""
    ladder_area: tuple[str, ...] = ()
    ladder_entries: str = ""
    ladder_level: str = ""
    ladder_items: tuple[str, ...] = ()
    ladder_title: str = ""

    def section_of(self, heading: str) -> str | None:
        """The section kind a heading opens ('Senior X Responsibilities' opens responsibilities)."""
        for kind in SECTION_KINDS:
            if any(pattern.search(heading) for pattern in self.sections.get(kind, ())):
                return kind
        return None

    def level_scale(self) -> dict[str, int]:
        """Each level word's rank on its track, lowest first ('senior' -> 4)."""
        scale: dict[str, int] = {}
        for words in (self.ic_levels, self.management_levels):
            for rank, word in enumerate(words):
                scale[word.lower()] = rank
        return scale

    def score(self, path: str, text: str, meta: dict[str, object]) -> int:
        """How strongly a page shows this layout: one point per matching detect rule."""
        points = sum(1 for pattern in self.detect_path if pattern.search(path))
        points += sum(1 for pattern in self.detect_text if pattern.search(text))
        points += sum(2 for key in self.detect_front_matter if key in meta)
        return points


def _merge(parent: dict[str, object], child: dict[str, object]) -> dict[str, object]:
    merged = dict(parent)
    for key, value in child.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)  # type: ignore[arg-type]
        elif isinstance(value, list) and isinstance(merged.get(key), list):
            merged[key] = [*merged[key], *value]  # type: ignore[misc]
        else:
            merged[key] = value
    return merged


def _raw(source: str) -> dict[str, object]:
    """A profile's TOML, with its parents merged in."""
    path = Path(source) if source.endswith(".toml") else PROFILE_DIR / f"{source}.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        known = ", ".join(builtin_names())
        raise UsageError(f"no profile {source!r} (a built-in name: {known}; or a .toml file)") from None
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"{path}: not a readable profile ({exc})") from None
    _check_keys(data, path)
    parent = data.pop("extends", None)
    return _merge(_raw(str(parent)), data) if parent else data


@cache
def load(source: str) -> Profile:
    """A built-in profile by name, or a profile file (.toml); bad files are usage errors."""
    data = _raw(source)
    get = _getter(data, source)
    try:
        return Profile(
            name=str(data.get("name", Path(source).stem)),
            description=str(data.get("description", "")),
            detect_path=_patterns(get("detect", "path")),
            detect_text=_patterns(get("detect", "text")),
            detect_front_matter=tuple(get("detect", "front_matter")),
            sections={kind: _patterns(get("headings", kind)) for kind in SECTION_KINDS},
            not_roles=_patterns(get("headings", "not_roles")),
            ic_levels=tuple(get("levels", "ic")),
            management_levels=tuple(get("levels", "management")),
            level_codes=_patterns(get("levels", "codes")),
            grade=_patterns(get("phrases", "grade")),
            grade_links=_patterns(get("phrases", "grade_links")),
            reports=_patterns(get("phrases", "reports")),
            direct_reports=_patterns(get("phrases", "direct_reports")),
            duty_lead_ins=_patterns(get("phrases", "duty_lead_ins")),
            requirement_lines=_patterns(get("phrases", "requirement_lines")),
            target_ends=_patterns(get("phrases", "target_ends")),
            not_targets=_patterns(get("phrases", "not_targets")),
            everyone=_patterns(get("phrases", "everyone")),
            organisation=tuple(get("links", "organisation")),
            site_hosts=tuple(get("links", "site_hosts")),
            page_prefixes=tuple(get("links", "page_prefixes")),
            title_columns=tuple(get("tables", "title_columns")),
            level_columns=tuple(get("tables", "level_columns")),
            grade_columns=tuple(get("tables", "grade_columns")),
            group_columns=tuple(get("tables", "group_columns")),
            people_columns=tuple(get("tables", "people_columns")),
            ladder_topics=str(_section(data, "front_matter_ladder").get("topics", "")),
            ladder_area=tuple(get("front_matter_ladder", "area")),
            ladder_entries=str(_section(data, "front_matter_ladder").get("entries", "")),
            ladder_level=str(_section(data, "front_matter_ladder").get("level", "")),
            ladder_items=tuple(get("front_matter_ladder", "items")),
            ladder_title=str(_section(data, "front_matter_ladder").get("title", "")),
        )
    except re.error as exc:
        raise UsageError(f"profile {source!r}: a pattern is not a valid regular expression ({exc})") from None


def _section(data: dict[str, object], name: str) -> dict[str, object]:
    value = data.get(name, {})
    return value if isinstance(value, dict) else {}


def _getter(data: dict[str, object], source: str):  # noqa: ANN202 - a small local accessor
    def get(section: str, key: str) -> list[str]:
        value = _section(data, section).get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise UsageError(f"profile {source!r}: [{section}] {key} must be a list of strings")
        return value

    return get


def builtin_names() -> list[str]:
    return sorted(path.stem for path in PROFILE_DIR.glob("*.toml"))


def builtin() -> list[Profile]:
    return [load(name) for name in builtin_names()]


def detect(path: str, text: str, meta: dict[str, object]) -> Profile:
    """The built-in profile a page shows most strongly; generic when none does."""
    best, best_score = load("generic"), 0
    for profile in builtin():
        points = profile.score(path, text, meta)
        if points > best_score:
            best, best_score = profile, points
    return best
