"""The page as a tree: each heading with its parent, its sub-headings and the blocks that stand
directly under it, what section it opens (responsibilities, grade, levels ...) and the level
its text names. Nothing here decides what a heading *is*: candidates.py does, from evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache

from jobkg.ingest.profile import Profile
from jobkg.ingest.records import Block, BlockKind
from jobkg.ingest.titles import acronym, title_key, track_of

ROLE_SECTIONS = ("grade", "responsibilities", "requirements", "nice_to_have")
FAMILY_SECTIONS = ("indicators", "hiring", "career")
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7}
_FAMILY_SUFFIX = re.compile(
    r"\s+(?:roles?|levels?|job\s+famil(?:y|ies)|famil(?:y|ies)|(?:career\s+|progression\s+|competency\s+)?"
    r"(?:ladders?|frameworks?|paths?|development|progression|levels?|tracks?)|career)$",
    re.I,
)
PLACEHOLDER = re.compile(r"\s*\{[^{}]{1,40}\}\s*")


class Kind(Enum):
    ROLE = "role"
    SPECIALTY = "specialty"
    SECTION = "section"
    LEVELS = "levels"
    SPECIALTIES = "specialties"
    TITLE = "title"  # the page's own title repeated as a heading
    SKIP = "skip"  # what a role should not do ('Common Pitfalls'): not its expectations
    OTHER = "other"


@dataclass(frozen=True)
class Decision:
    kind: Kind
    title: str = ""  # a role's or specialty's title; a section's owner ('Manager, X' of 'Manager, X Job Grade')
    level: str | None = None
    rank: float | None = None
    section: str | None = None


@dataclass(frozen=True)
class Level:
    """A title's level label as written and its place on the scale it comes from."""

    label: str | None
    rank: float | None
    base: str  # the title without the level
    prefixed: bool = False  # a code before the title ('IC3 - Senior Engineer', 'Level 5: PM')


@dataclass(eq=False)  # identity, not fields: a page may have thousands of headings
class Heading:
    index: int
    block: Block
    text: str
    depth: int
    section: str | None
    owner: str
    parent: Heading | None = None
    children: list[Heading] = field(default_factory=list)
    position: int = 0  # its place among its siblings
    memo: dict[str, object] = field(default_factory=dict)  # what the candidates stage computed of it once
    content: list[Block] = field(default_factory=list)


def clean_heading(text: str) -> str:
    """A heading's text without markup and template placeholders ('{Discriminator} Engineer II')."""
    text = PLACEHOLDER.sub(" ", text) if "{" in text else text
    return re.sub(r"\s+", " ", text.strip().strip("*_ ").rstrip(":").strip(" #*_"))


def family_base(title: str, profile: Profile) -> str:
    """'Frontend Engineer Roles at Acme' -> 'Frontend Engineer'."""
    base = title
    for name in profile.organisation:
        base = re.sub(rf"\s+(?:at|@)\s+{re.escape(name)}\b.*$", "", base, flags=re.I)
    base = base.strip()
    for _ in range(3):  # 'Acme Engineering Career Development Framework' -> 'Acme Engineering'
        base = _FAMILY_SUFFIX.sub("", base).strip()
    return base


def section_of(text: str, profile: Profile) -> tuple[str | None, str]:
    """The section a heading opens, and the title before the section words, if any:
    'Manager, Red Team Job Grade' -> ('grade', 'Manager, Red Team')."""
    cleaned = re.sub(r"\s*\([^)]*\)\s*$", "", text)
    leading = re.match(r"^(.+?)\s+(?:for|of|-|–)\s+.+$", cleaned)
    for candidate in [cleaned] + ([leading.group(1)] if leading else []):
        kind = profile.section_of(candidate)
        if kind:
            owner = ""
            for pattern in profile.sections[kind]:
                match = pattern.search(candidate)
                if match:
                    owner = candidate[: match.start()].strip(" -–,")
                    break
            return kind, owner
    return None, ""


@lru_cache(maxsize=65536)
def level_of(title: str, profile: Profile) -> Level:
    """'Senior Widget Engineer' -> ('Senior', 4, 'Widget Engineer'); 'IC3' -> ('IC3', 3, '');
    'Level 5: Senior PM' -> ('Level 5', 5, 'Senior PM'); 'X (Intermediate)' -> ('Intermediate', ...)."""
    for pattern in profile.level_codes:
        match = pattern.match(title)
        if match:
            groups = match.groupdict()
            number = groups.get("number")
            roman = groups.get("roman")
            label = groups.get("code") or (f"Level {number}" if number else None)
            rank = float(number) if number else float(_ROMAN[roman.upper()]) if roman else None
            code_at = match.start("code") if groups.get("code") else match.start("number") if number else -1
            prefixed = bool(groups.get("title")) and -1 < code_at < match.start("title")
            return Level(label, rank, (groups.get("title") or "").strip(), prefixed)
    scale = profile.level_scale()
    paren = re.match(r"^(?P<base>.+?)\s*\((?P<word>[^)]+)\)$", title)
    if paren and paren.group("word").lower() in scale:
        word = paren.group("word")
        return Level(word, float(scale[word.lower()]), paren.group("base").strip())
    words = re.sub(r"^Sr\.?\s", "Senior ", title.replace("\u00a0", " "))
    best = ""
    for phrase in scale:
        if re.match(rf"{re.escape(phrase)}\b", words, re.I) and len(phrase) > len(best):
            best = phrase
    if not best:
        return Level(None, None, title)
    label = words[: len(best)]
    base = words[len(best) :].strip(" ,-")
    if best in (w.lower() for w in profile.ic_levels) and track_of(title) == "management":
        for rung in profile.management_levels:
            if re.search(rf"\b{re.escape(rung)}\b", base, re.I) and f"{best} {rung.lower()}" in scale:
                return Level(f"{label} {rung}", float(scale[f"{best} {rung.lower()}"]), base)
    return Level(label, float(scale[best]), base)


def headings(blocks: tuple[Block, ...], profile: Profile) -> list[Heading]:
    """Every heading of the page, in order, with its parent, sub-headings and own blocks."""
    found: list[Heading] = []
    stack: list[Heading] = []
    roots = 0
    for index, block in enumerate(blocks):
        if block.kind is not BlockKind.HEADING:
            if stack:
                stack[-1].content.append(block)
            continue
        text = clean_heading(block.text)
        section, owner = section_of(text, profile)
        heading = Heading(index, block, text, block.level, section, owner)
        while stack and stack[-1].depth >= block.level:
            stack.pop()
        if stack:
            heading.parent = stack[-1]
            heading.position = len(stack[-1].children)
            stack[-1].children.append(heading)
        else:
            heading.position, roots = roots, roots + 1
        stack.append(heading)
        found.append(heading)
    return found


def following(heading: Heading, siblings: list[Heading]) -> list[Heading]:
    """The siblings after a heading (none when the list given is not its siblings)."""
    at = heading.position
    return siblings[at + 1 :] if at < len(siblings) and siblings[at] is heading else []


def names_role(name: str, title: str) -> bool:
    """Whether a short name may mean a role's title: 'Senior Security' for 'Senior Security
    Engineer', 'Associate CSM' for 'Associate Customer Success Manager (CSM)', 'VP of Security'
    for 'Vice President (VP), Security'."""
    key = title_key(re.sub(r"\s*\([^)]*\)", "", name))
    return bool(key) and any(variant == key or variant.startswith(key + " ") for variant in _variants(title, name))


def _variants(title: str, name: str) -> set[str]:
    plain = re.sub(r"\s*\([^)]*\)", "", title)
    found = {title_key(title), title_key(plain)}
    for match in re.finditer(r"((?:[A-Z][\w&-]*\s+){1,6}[A-Z][\w&-]*)\s*\(([A-Z]{2,6})\)", title):
        words = match.group(1).split()
        for start in range(len(words)):  # the words the acronym abbreviates: 'Customer Success Manager'
            if acronym(" ".join(words[start:])) == match.group(2):
                shortened = " ".join([*words[:start], match.group(2)])
                found.add(title_key(title.replace(match.group(0), shortened)))
                break
    words = plain.split()
    for short in set(re.findall(r"\b[A-Z][A-Z&]{1,6}\b", name)):
        for start in range(len(words)):  # every run of words the acronym may abbreviate
            for end in range(start + 2, min(start + 7, len(words)) + 1):
                run = " ".join(words[start:end]).strip(",")
                if run and run[0].isupper() and acronym(run) == short.replace("&", ""):
                    found.add(title_key(plain.replace(run, short)))
    return found
