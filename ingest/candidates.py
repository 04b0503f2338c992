"""Stage 3 of a page: which headings are roles, specialties, sections or neither, decided from
evidence, never from one rule per layout.

A heading is a role when its structure says so: it stands in a levels section, it carries a
level code ('IC3', 'Level 5: ...', '(L3)'), it is the family's title with a level word
('Senior Widget Engineer' on the Widget Engineer page, or 'Senior' alone), what stands under it
is a role's (a grade sentence, a reporting line, a grade, responsibilities or requirements
section), or it reads like a job's title, states items of its own and has peers of the same
shape beside it ('## Graduate Engineer', '## Engineer', '## Senior Engineer', each with its
expectations). Under a specialties heading, headings are specialties unless they state a grade
or a level code. Every heading that reads like a title but is not taken gets its reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from jobkg.ingest import phrases
from jobkg.ingest.outline import (
    FAMILY_SECTIONS,
    ROLE_SECTIONS,
    Decision,
    Heading,
    Kind,
    family_base,
    following,
    headings,
    level_of,
    names_role,
)
from jobkg.ingest.profile import Profile
from jobkg.ingest.records import Block, BlockKind, ExtendsKind
from jobkg.ingest.tables import ladder_header
from jobkg.ingest.titles import names_one_role, page_role_titles, title_key, title_shape


@lru_cache(maxsize=65536)
def _title_like(text: str, profile: Profile) -> bool:
    """Could name a role: short, not a sentence, and not a heading that never does ('Overview',
    'Teams'), unless it ends in a job's noun ('Team Lead')."""
    if not text or len(text) > 100 or len(text.split()) > 12 or re.search(r"\.\s*$", text):
        return False
    if not any(pattern.search(text) for pattern in profile.not_roles):
        return True
    shape = title_shape(text)
    return shape.job and bool(re.search(rf"{shape.head}\W*$", text, re.I))


_NOT_OWN = (*FAMILY_SECTIONS, "specialties", "levels")
FIRST_PERSON = re.compile(r"^(?:I|I'm|I've|I'll|My)\b")
STATEMENT = re.compile(
    r"^(?:I|I'm|I've|I'll|My)\s+\w+|^(?:You|You'll|You're|Your|We)(?:\s+\S+){2,}|\.\s*$|^\w+(?:\s+\w+){6,}"
)


def is_statement(text: str) -> bool:
    """A heading that is an expectation, not a name: 'I write good code', 'You own the roadmap.'"""
    return bool(STATEMENT.search(text))


def own_items(heading: Heading) -> int:
    """List items, table rows and statement headings under a heading, outside sections that are
    never a role's own (indicators, hiring, career, specialties, levels)."""
    if "items" in heading.memo:
        return heading.memo["items"]  # type: ignore[return-value]
    count = sum(1 for block in heading.content if block.kind in (BlockKind.ITEM, BlockKind.ROW))
    for child in heading.children:
        if child.section in _NOT_OWN:
            continue
        count += (1 if is_statement(child.text) else 0) + own_items(child)
    heading.memo["items"] = count
    return count


def _peers(heading: Heading, siblings: list[Heading], profile: Profile) -> int:
    """Siblings of the same shape: headings that read like a job's title and state items."""
    if not siblings:
        return 0
    key, holder = f"shaped:{id(siblings)}", siblings[0].memo  # counted once per list of siblings
    if key not in holder:
        holder[key] = sum(1 for sibling in siblings if _job_shaped(sibling, profile))
    among = heading.position < len(siblings) and siblings[heading.position] is heading
    own = 1 if among and _job_shaped(heading, profile) else 0
    return int(holder[key]) - own  # type: ignore[call-overload]


def _job_shaped(heading: Heading, profile: Profile) -> bool:
    if "job_shaped" not in heading.memo:
        heading.memo["job_shaped"] = (
            not heading.section
            and _title_like(heading.text, profile)
            and title_shape(heading.text).job
            and own_items(heading) > 0
        )
    return bool(heading.memo["job_shaped"])


def _own_blocks(heading: Heading, siblings: list[Heading]) -> list[Block]:
    """What a heading states itself: its content, its role-section sub-headings' content, and
    role sections that follow it at its own depth ('### Level' then '### Job Grade')."""
    found = list(heading.content)
    pending = [child for child in heading.children if child.section in ROLE_SECTIONS]
    while pending:
        child = pending.pop()
        found.extend(child.content)
        pending.extend(c for c in child.children if c.section in ROLE_SECTIONS)
    after = following(heading, siblings)
    for sibling in after:
        if sibling.section not in ROLE_SECTIONS:
            break
        found.extend(sibling.content)
    return found


def _has_role_sections(heading: Heading, siblings: list[Heading]) -> bool:
    """Grade, responsibilities or requirements sections of its own (not ones naming another role)."""
    own = [child for child in heading.children if not child.owner or names_role(child.owner, heading.text)]
    if any(child.section in ("grade", "responsibilities", "requirements") for child in own):
        return True
    after = following(heading, siblings)
    return bool(after) and after[0].section == "grade"


@dataclass(frozen=True)
class _Evidence:
    grade: bool
    reporting: bool
    sections: bool

    @property
    def any(self) -> bool:
        return self.grade or self.reporting or self.sections


def _evidence(heading: Heading, siblings: list[Heading], profile: Profile) -> _Evidence:
    key = f"evidence:{id(siblings)}"
    if key not in heading.memo:
        heading.memo[key] = _gather_evidence(heading, siblings, profile)
    return heading.memo[key]  # type: ignore[return-value]


def _gather_evidence(heading: Heading, siblings: list[Heading], profile: Profile) -> _Evidence:
    blocks = _own_blocks(heading, siblings)
    grade = any(
        ("grade" in b.text.lower() or b.links) and phrases.grade(b.text, b.links, profile) is not None
        for b in blocks
        if b.kind in (BlockKind.PARAGRAPH, BlockKind.ITEM)
    )
    reporting = any(
        bool(phrases.states_reporting(b, profile, heading.text))
        for b in blocks
        if b.kind in (BlockKind.PARAGRAPH, BlockKind.ITEM) and phrases.may_report(b.text)
    )
    extends = any(
        (found := phrases.extension(b.text, b.line, b.links)) is not None and found[0] is ExtendsKind.ROLE
        for b in heading.content
        if b.kind is BlockKind.PARAGRAPH and ("xtend" in b.text or "plus" in b.text.lower())
    )
    return _Evidence(grade, reporting or extends, _has_role_sections(heading, siblings))


def plan(blocks: tuple[Block, ...], profile: Profile, page_title: str) -> dict[int, Decision]:
    """Block index of each heading -> what it is."""
    tree = headings(blocks, profile)
    roots = [h for h in tree if h.parent is None]
    base = family_base(page_title, profile)
    decisions: dict[int, Decision] = {}
    roles_seen = False
    levels_open: Heading | None = None  # a levels heading without sub-headings: the next headings are its members
    for heading in tree:
        siblings = heading.parent.children if heading.parent else roots
        deep = heading.depth > 2 or _context(heading, decisions) is Kind.ROLE
        if heading.section == "levels" and deep and not re.search(r"(?i)level|grade", heading.text):
            heading.section = None  # '## Leadership' inside a level is a competency, not the levels
        if heading.section == "levels":
            decisions[heading.index] = Decision(Kind.LEVELS)
            levels_open = heading if not heading.children else None
            continue
        if heading.section == "specialties":
            decisions[heading.index] = Decision(Kind.SPECIALTIES, title=heading.owner)
            levels_open = None
            continue
        if heading.section == "not_expected":
            decisions[heading.index] = Decision(Kind.SKIP)
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
        if (
            decision.kind is Kind.OTHER
            and roles_seen
            and _context(heading, decisions) is None
            and _states_like_a_specialty(heading, siblings, profile, base)
        ):
            decision = Decision(Kind.SPECIALTY, heading.text)
        decisions[heading.index] = decision
        roles_seen = roles_seen or decision.kind is Kind.ROLE
        if decision.kind is Kind.ROLE:
            _role_bases(siblings).add(title_key(level_of(decision.title, profile).base))
    _roles_named_by_grade_sections(tree, decisions, profile)
    return decisions


def page_roles(
    blocks: tuple[Block, ...],
    decisions: dict[int, Decision],
    title: str,
    family_index: bool,
    links_a_page: Callable[[str], bool],
    profile: Profile,
) -> list[str]:
    """The role(s) a page is as a whole, decided before it is read so that everything it states
    is read as that role's: no heading is a level, the title reads like one job's ('Data
    Analyst', 'Events Lead Handbook', 'Being a Site Reliability Engineer'; two with 'X / Y'), and
    the page states something of its own (list items that are not links to other pages; or, for
    a page of prose, its title says it is about one role). [] for anything else: a family
    folder's index, a ladder, a navigation or team page."""
    if family_index or any(decision.kind is Kind.ROLE for decision in decisions.values()):
        return []
    titles = page_role_titles(title) or _described_by_sections(title, decisions)
    if not titles:
        return []
    listed = [b for b in blocks if b.kind in (BlockKind.ITEM, BlockKind.ROW)]
    linked = [b for b in listed if b.links and sum(len(link.text) for link in b.links) * 2 >= len(b.text)]
    if listed and len(linked) * 2 > len(listed):
        return []  # mostly links: navigation
    headers = [
        b
        for i, b in enumerate(blocks)
        if b.kind is BlockKind.ROW and (i == 0 or blocks[i - 1].kind is not BlockKind.ROW)
    ]
    if any(ladder_header(header, profile) for header in headers):
        return []  # a levels table: the levels are its rows or columns
    graded = [
        sentence
        for b in blocks
        if b.kind in (BlockKind.PARAGRAPH, BlockKind.ITEM) and "grade" in b.text.lower()
        for _, sentence in phrases.sentences(b.text)
        if phrases.grade(sentence, b.links, profile) is not None
    ]
    if len(graded) > 1:
        return []  # grades of several levels in prose: a ladder the assembly reads
    in_rows = {link.href for b in listed if b.kind is BlockKind.ROW for link in b.links if links_a_page(link.href)}
    on_site = {link.href for b in blocks for link in b.links if links_a_page(link.href) and link.href.startswith("/")}
    if len(in_rows) >= 2 or len(on_site) >= 3:
        return []  # a table of other job pages, or many links into the job site: a team page
    return titles if len(listed) > len(linked) or names_one_role(title) else []


def inside_one_role(decisions: dict[int, Decision], blocks: tuple[Block, ...]) -> dict[int, Decision]:
    """The decisions for a page that is one role: a levels heading inside it ('## Leadership')
    is one of its competencies, not a list of levels."""
    return {
        index: Decision(Kind.OTHER)
        if decision.kind is Kind.LEVELS and not re.search(r"(?i)level|grade", blocks[index].text)
        else decision
        for index, decision in decisions.items()
    }


def _described_by_sections(title: str, decisions: dict[int, Decision]) -> list[str]:
    """A page whose title is short and which has both a responsibilities and a requirements
    section of its own is a job description, whatever its title's words ('アプリケーションエンジニア')."""
    sections = {
        decision.section for decision in decisions.values() if decision.kind is Kind.SECTION and not decision.title
    }
    short = 0 < len(title) <= 60 and not re.search(r"[.?!]\s*$", title)
    return [title] if short and {"responsibilities", "requirements"} <= sections else []


def _states_like_a_specialty(heading: Heading, siblings: list[Heading], profile: Profile, base: str) -> bool:
    """A heading after the levels that names no job ('## Verify', '## Application Security') but
    has requirements, responsibilities or a reporting line of its own: a specialty of the
    family, whose items are its own and never every level's."""
    if heading.depth > 3 or _context_is_a_section(heading) or not _title_like(heading.text, profile):
        return False
    if base and title_key(base) and title_key(base) in title_key(heading.text):
        return False  # 'Frontend Engineering Roles at GitLab': the family itself
    evidence = _evidence(heading, siblings, profile)
    return evidence.sections or evidence.reporting


def _context_is_a_section(heading: Heading) -> bool:
    parent = heading.parent
    while parent is not None:
        if parent.section:
            return True
        parent = parent.parent
    return False


def _repeats_title(
    heading: Heading,
    page_title: str,
    roles_seen: bool,
    levels_open: Heading | None,
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


def _context(heading: Heading, decisions: dict[int, Decision]) -> Kind | None:
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
    heading: Heading,
    siblings: list[Heading],
    profile: Profile,
    base: str,
    decisions: dict[int, Decision],
    levels_open: Heading | None,
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
    described = _described(heading)
    if described:  # '### Director' that begins 'The Director of Engineering is responsible for'
        title = described
        level = level_of(described, profile)
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
    named_like_a_job = bool(title_shape(heading.text).head or level.label or in_levels or described)
    if coded or family_level or (in_levels and level.label):
        return role
    if evidence.any and (named_like_a_job or evidence.grade):
        return role  # a heading that reads like no job ('Line-management') needs a grade of its own
    if level.label and level.base and title_key(level.base) in _role_bases(siblings):
        return role  # 'Senior OSPO Engineer' beside 'OSPO Engineer I': the same job, another level
    if title_shape(heading.text).job and own_items(heading) >= 2 and _peers(heading, siblings, profile):
        return role  # '## Team Lead' with its duties, beside '## Product Manager' with theirs
    if described:
        return role
    return Decision(Kind.OTHER)


_RESPONSIBLE = re.compile(
    r"^(?i:the|an?)\s+(?P<name>(?:[A-Z][\w&/-]*\s+){0,5}[A-Z][\w&/-]*(?:\s+of\s+(?:[A-Z][\w&/-]*\s*){1,4})?)"
    r"\s+(?:is|are)\s+(?:ultimately\s+)?(?:responsible|accountable)\s+for\b"
)


def _described(heading: Heading) -> str | None:
    """'### Supervisors' whose first sentence is 'The Engineering Supervisors are responsible for
    ...': the heading names the job in short, the sentence in full ('Engineering Supervisor')."""
    shape = title_shape(heading.text)
    first = next((b for b in heading.content if b.kind is BlockKind.PARAGRAPH), None)
    if shape.head is None or first is None:
        return None
    match = _RESPONSIBLE.match(first.text)
    if not match:
        return None
    name = match.group("name").strip()
    named = title_shape(name)
    if named.head != shape.head or not title_key(name).count(" ") >= title_key(heading.text).count(" "):
        return None
    return phrases.singular(name) if named.plural else name


def _role_bases(siblings: list[Heading]) -> set[str]:
    """The titles without their level of the roles decided so far among these siblings."""
    if not siblings:
        return set()
    key = f"role-bases:{id(siblings)}"
    return siblings[0].memo.setdefault(key, set())  # type: ignore[return-value]


def _levels_hold_roles(levels: Heading | None, profile: Profile) -> bool:
    """A levels section lists levels when at least one of its headings shows it is one (a grade,
    a reporting line, role sections, a level code); a 'Levels' heading over axes or topics does not."""
    if levels is None:
        return False
    members = levels.children
    return any(
        _evidence(member, members, profile).any or any(p.match(member.text) for p in profile.level_codes)
        for member in members
    )


def _roles_named_by_grade_sections(headings: list[Heading], decisions: dict[int, Decision], profile: Profile) -> None:
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
