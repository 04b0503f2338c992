"""What each heading of a page is, decided by structure before the page is read.

A heading names a role (a level) when the page's structure says so: it stands in a levels
section, it carries a level code ('IC3', 'Level 5: ...', '(L3)'), it is the family's title with
a level word ('Senior Widget Engineer' on the Widget Engineer page, or 'Senior' alone), or what
stands under it is a role's: a grade sentence, a reporting line, a grade, responsibilities or
requirements section. Never by a list of job nouns: 'Sommelier' under Levels is a role,
'Staff+ Initiatives' with neither is not. Under a specialties heading, headings are specialties
unless they state a grade or a level code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from jobkg.ingest import phrases
from jobkg.ingest.profile import Profile
from jobkg.ingest.records import Block, BlockKind, ExtendsKind
from jobkg.ingest.titles import acronym, title_key, track_of

ROLE_SECTIONS = ("grade", "responsibilities", "requirements", "nice_to_have")
FAMILY_SECTIONS = ("indicators", "hiring", "career")
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7}
_FAMILY_SUFFIX = re.compile(r"\s+(?:roles?|levels?|job\s+famil(?:y|ies)|famil(?:y|ies)|ladder|framework)$", re.I)


class Kind(Enum):
    ROLE = "role"
    SPECIALTY = "specialty"
    SECTION = "section"
    LEVELS = "levels"
    SPECIALTIES = "specialties"
    TITLE = "title"  # the page's own title repeated as a heading
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


@dataclass
class _Heading:
    index: int
    block: Block
    text: str
    depth: int
    section: str | None
    owner: str
    parent: _Heading | None = None
    children: list[_Heading] = field(default_factory=list)
    content: list[Block] = field(default_factory=list)


def clean_heading(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().strip("*_ ").rstrip(":").strip(" #*_"))


def family_base(title: str, profile: Profile) -> str:
    """'Frontend Engineer Roles at Acme' -> 'Frontend Engineer'."""
    base = title
    for name in profile.organisation:
        base = re.sub(rf"\s+(?:at|@)\s+{re.escape(name)}\b.*$", "", base, flags=re.I)
    return _FAMILY_SUFFIX.sub("", base.strip()).strip()


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
            rank = float(number) if number else float(_ROMAN[roman]) if roman else None
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


def _title_like(text: str, profile: Profile) -> bool:
    if not text or len(text) > 100 or len(text.split()) > 12 or re.search(r"\.\s*$", text):
        return False
    return not any(pattern.search(text) for pattern in profile.not_roles)


def _outline(blocks: tuple[Block, ...], profile: Profile) -> list[_Heading]:
    headings: list[_Heading] = []
    stack: list[_Heading] = []
    for index, block in enumerate(blocks):
        if block.kind is not BlockKind.HEADING:
            if stack:
                stack[-1].content.append(block)
            continue
        text = clean_heading(block.text)
        section, owner = section_of(text, profile)
        heading = _Heading(index, block, text, block.level, section, owner)
        while stack and stack[-1].depth >= block.level:
            stack.pop()
        if stack:
            heading.parent = stack[-1]
            stack[-1].children.append(heading)
        stack.append(heading)
        headings.append(heading)
    return headings


def _own_blocks(heading: _Heading, siblings: list[_Heading]) -> list[Block]:
    """What a heading states itself: its content, its role-section sub-headings' content, and
    role sections that follow it at its own depth ('### Level' then '### Job Grade')."""
    found = list(heading.content)
    pending = [child for child in heading.children if child.section in ROLE_SECTIONS]
    while pending:
        child = pending.pop()
        found.extend(child.content)
        pending.extend(c for c in child.children if c.section in ROLE_SECTIONS)
    after = siblings[siblings.index(heading) + 1 :] if heading in siblings else []
    for sibling in after:
        if sibling.section not in ROLE_SECTIONS:
            break
        found.extend(sibling.content)
    return found


def _has_role_sections(heading: _Heading, siblings: list[_Heading]) -> bool:
    """Grade, responsibilities or requirements sections of its own (not ones naming another role)."""
    own = [child for child in heading.children if not child.owner or names_role(child.owner, heading.text)]
    if any(child.section in ("grade", "responsibilities", "requirements") for child in own):
        return True
    after = siblings[siblings.index(heading) + 1 :] if heading in siblings else []
    return bool(after) and after[0].section == "grade"


@dataclass(frozen=True)
class _Evidence:
    grade: bool
    reporting: bool
    sections: bool

    @property
    def any(self) -> bool:
        return self.grade or self.reporting or self.sections


def _evidence(heading: _Heading, siblings: list[_Heading], profile: Profile) -> _Evidence:
    blocks = _own_blocks(heading, siblings)
    grade = any(
        phrases.grade(b.text, b.links, profile) is not None and ("grade" in b.text.lower() or b.links)
        for b in blocks
        if b.kind in (BlockKind.PARAGRAPH, BlockKind.ITEM)
    )
    reporting = any(
        bool(phrases.states_reporting(b, profile, heading.text))
        for b in blocks
        if b.kind in (BlockKind.PARAGRAPH, BlockKind.ITEM) and "report" in b.text.lower()
    )
    extends = any(
        (found := phrases.extension(b.text, b.line, b.links)) is not None and found[0] is ExtendsKind.ROLE
        for b in heading.content
        if b.kind is BlockKind.PARAGRAPH
    )
    return _Evidence(grade, reporting or extends, _has_role_sections(heading, siblings))


def plan(blocks: tuple[Block, ...], profile: Profile, page_title: str) -> dict[int, Decision]:
    """Block index of each heading -> what it is."""
    headings = _outline(blocks, profile)
    base = family_base(page_title, profile)
    decisions: dict[int, Decision] = {}
    roles_seen = False
    levels_open: _Heading | None = None  # a levels heading without sub-headings: the next headings are its members
    for heading in headings:
        siblings = heading.parent.children if heading.parent else [h for h in headings if h.parent is None]
        if heading.section == "levels" and heading.depth > 2 and not re.search(r"(?i)level|grade", heading.text):
            heading.section = None  # '#### Leadership' deep in a level is a competency, not the levels
        if heading.section == "levels":
            decisions[heading.index] = Decision(Kind.LEVELS)
            levels_open = heading if not heading.children else None
            continue
        if heading.section == "specialties":
            decisions[heading.index] = Decision(Kind.SPECIALTIES, title=heading.owner)
            levels_open = None
            continue
        if heading.section:
            decisions[heading.index] = Decision(Kind.SECTION, title=heading.owner, section=heading.section)
            if heading.section in FAMILY_SECTIONS and heading.depth <= (levels_open.depth if levels_open else 0):
                levels_open = None
            continue
        if _repeats_title(heading, page_title, roles_seen, levels_open, decisions, profile):
            decisions[heading.index] = Decision(Kind.TITLE)
            continue
        decision = _decide(heading, siblings, profile, base, decisions, levels_open)
        decisions[heading.index] = decision
        roles_seen = roles_seen or decision.kind is Kind.ROLE
    _roles_named_by_grade_sections(headings, decisions, profile)
    return decisions


def _repeats_title(
    heading: _Heading,
    page_title: str,
    roles_seen: bool,
    levels_open: _Heading | None,
    decisions: dict[int, Decision],
    profile: Profile,
) -> bool:
    """The page's title repeated as a top heading before any level; not when it states a grade
    of its own (then it is the family's base level)."""
    if not page_title or heading.text.lower() != page_title.lower() or roles_seen or heading.depth > 2:
        return False
    if levels_open is not None or _context(heading, decisions) is Kind.LEVELS:
        return False
    siblings = heading.parent.children if heading.parent else []
    return not _evidence(heading, siblings or [heading], profile).grade


def _context(heading: _Heading, decisions: dict[int, Decision]) -> Kind | None:
    """The nearest enclosing heading that is a role, specialty, specialties or levels heading."""
    parent = heading.parent
    while parent is not None:
        kind = decisions[parent.index].kind
        if kind in (Kind.ROLE, Kind.SPECIALTY, Kind.SPECIALTIES, Kind.LEVELS):
            return kind
        if kind is Kind.SECTION and decisions[parent.index].section in FAMILY_SECTIONS:
            return Kind.SECTION
        parent = parent.parent
    return None


def _decide(
    heading: _Heading,
    siblings: list[_Heading],
    profile: Profile,
    base: str,
    decisions: dict[int, Decision],
    levels_open: _Heading | None,
) -> Decision:
    if not _title_like(heading.text, profile):
        return Decision(Kind.OTHER)
    level = level_of(heading.text, profile)
    coded = any(pattern.match(heading.text) for pattern in profile.level_codes)
    evidence = _evidence(heading, siblings, profile)
    context = _context(heading, decisions)
    title = heading.text
    if level.label and not level.base and base:  # 'Senior' alone on the Widget Engineer page, 'IC3' on it
        title = f"{base} {level.label}" if coded else f"{level.label} {base}"
    elif level.prefixed and level.base:  # 'Level 5: Senior Product Manager' is the Senior Product Manager
        title = level.base
    role = Decision(Kind.ROLE, title, level.label, level.rank)
    if context is Kind.SPECIALTIES and heading.parent is not None:
        return role if evidence.grade or coded else Decision(Kind.SPECIALTY, heading.text)
    if context is Kind.SPECIALTY:
        return Decision(Kind.OTHER)
    if context is Kind.SECTION:  # under performance indicators, hiring, career
        return role if evidence.grade or coded else Decision(Kind.OTHER)
    adopted = levels_open is not None and heading.index > levels_open.index and heading.depth <= levels_open.depth
    in_levels = (context is Kind.LEVELS and _levels_hold_roles(heading.parent, profile)) or adopted
    family_level = bool(level.label) and bool(base) and (not level.base or title_key(level.base) == title_key(base))
    if coded or family_level or evidence.any or (in_levels and level.label):
        return role
    if level.label and level.base and _another_level_of(level.base, siblings, decisions, profile):
        return role  # 'Senior OSPO Engineer' beside 'OSPO Engineer I': the same job, another level
    return Decision(Kind.OTHER)


def _another_level_of(base: str, siblings: list[_Heading], decisions: dict[int, Decision], profile: Profile) -> bool:
    key = title_key(base)
    for sibling in siblings:
        decision = decisions.get(sibling.index)
        if decision is None or decision.kind is not Kind.ROLE:
            continue
        if title_key(level_of(decision.title, profile).base) == key:
            return True
    return False


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


def _levels_hold_roles(levels: _Heading | None, profile: Profile) -> bool:
    """A levels section lists levels when at least one of its headings shows it is one (a grade,
    a reporting line, role sections, a level code); a 'Levels' heading over axes or topics does not."""
    if levels is None:
        return False
    members = levels.children
    return any(
        _evidence(member, members, profile).any or any(p.match(member.text) for p in profile.level_codes)
        for member in members
    )


def _roles_named_by_grade_sections(headings: list[_Heading], decisions: dict[int, Decision], profile: Profile) -> None:
    """'### Vice President of X Job Grade' with a grade sentence and no 'Vice President of X'
    heading anywhere: the grade section itself names the role."""
    titles = [d.title for d in decisions.values() if d.kind is Kind.ROLE]
    for heading in headings:
        decision = decisions[heading.index]
        if decision.kind is not Kind.SECTION or decision.section != "grade" or not decision.title:
            continue
        if any(names_role(decision.title, title) for title in titles) or not _title_like(decision.title, profile):
            continue  # 'Senior Security Job Grade' under 'Senior Security Engineer' is that role's grade
        if not level_of(decision.title, profile).base:
            continue
        if any(phrases.grade(b.text, b.links, profile) is not None for b in heading.content):
            level = level_of(decision.title, profile)
            decisions[heading.index] = Decision(Kind.ROLE, decision.title, level.label, level.rank, section="grade")
            titles.append(decision.title)
