"""The drafts a page's read fills in (sections.py) and the assembly turns into a typed
``PageRecord`` (assemble.py): the kinds of section a heading opens, a role or specialty while
its blocks are still being read, the stack of open headings, and the page's whole draft with the
few helpers both stages use (report what cannot be mapped, warn, find a role by name, tell a
link to another job page).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from enum import Enum

from jobkg.ingest import phrases
from jobkg.ingest.outline import Decision, Kind, clean_heading, level_of, section_of
from jobkg.ingest.profile import Profile
from jobkg.ingest.records import (
    Block,
    BlockKind,
    Extension,
    HiringStage,
    IngestWarning,
    Item,
    Mention,
    Page,
    Stated,
    Unmapped,
)
from jobkg.ingest.tables import Table
from jobkg.ingest.titles import title_key

_LABEL = re.compile(r"^\s*(?P<label>[A-Za-z][A-Za-z' -]{2,40}?)\s*:?\s*$")
_EMOJI = {"So", "Sk", "Mn", "Cf", "Cs"}  # emoji, their modifiers, variation selectors and joiners


class Section(Enum):
    GRADE = "grade"
    RESPONSIBILITIES = "responsibilities"
    NICE_TO_HAVE = "nice to have"
    REQUIREMENTS = "requirements"
    INDICATORS = "performance indicators"
    HIRING = "hiring process"
    CAREER = "career ladder"
    SPECIALTIES = "specialties"
    LEVELS = "levels"
    NOT_EXPECTED = "things to avoid"
    OTHER = "other"


SECTIONS = {
    "grade": Section.GRADE,
    "responsibilities": Section.RESPONSIBILITIES,
    "nice_to_have": Section.NICE_TO_HAVE,
    "requirements": Section.REQUIREMENTS,
    "indicators": Section.INDICATORS,
    "hiring": Section.HIRING,
    "career": Section.CAREER,
    "specialties": Section.SPECIALTIES,
    "levels": Section.LEVELS,
}
ITEM_SECTIONS = (Section.RESPONSIBILITIES, Section.REQUIREMENTS, Section.NICE_TO_HAVE)


def classify_heading(text: str, profile: Profile | None = None) -> Section | None:
    """The section a heading opens: 'Senior X Responsibilities', 'Requirements for X roles'
    and 'X Levels' all open one."""
    kind, _ = section_of(clean_heading(text), profile or phrases.GENERIC)
    return SECTIONS.get(kind) if kind else None


@dataclass
class RoleDraft:
    title: str
    line: int
    level: int
    label: str | None = None
    rank: float | None = None
    group: str | None = None  # a table's track or family column: ladders stay within it
    href: str | None = None  # a table row that links to the role's own page
    grade: Stated | None = None
    reports_to: list[Mention] = field(default_factory=list)
    extensions: list[Extension] = field(default_factory=list)
    equivalents: list[Mention] = field(default_factory=list)
    responsibilities: list[Item] = field(default_factory=list)
    requirements: list[Item] = field(default_factory=list)
    hiring: list[HiringStage] = field(default_factory=list)
    indicators: list[Item] = field(default_factory=list)  # under a level's own indicators heading
    descriptions: list[Item] = field(default_factory=list)
    blocks: int = 0  # content blocks read inside this role's scope
    track: str | None = None  # where a table's track or heading says it; else read from the title
    statements: list[Item] = field(default_factory=list)  # one-statement paragraphs: items if it lists none
    twins: list[str] = field(default_factory=list)  # titles of equivalent roles the page names with it ('X / Y')


@dataclass
class SpecialtyDraft:
    title: str
    line: int
    level: int
    applies_to: str | None = None
    responsibilities: list[Item] = field(default_factory=list)
    requirements: list[Item] = field(default_factory=list)
    reports_to: list[Mention] = field(default_factory=list)


@dataclass
class OpenHeading:
    """A heading that is open while the blocks under it are read."""

    depth: int
    kind: Kind
    scope: RoleDraft | SpecialtyDraft | None = None
    section: Section | None = None
    text: str = ""


class PageDraft:
    """What one read of a page has gathered so far: the roles and specialties its headings and
    tables define, what the family states at its own scope, and what could not be mapped."""

    def __init__(self, page: Page, profile: Profile, source: str) -> None:
        self.page = page
        self.profile = profile
        self.source = source  # the profile's name or file, as given
        self.title = page_title(page, profile)
        self.title_line = page.title_line or 1
        self.plan: dict[int, Decision] = {}
        self.open: list[OpenHeading] = []
        self.roles: list[RoleDraft] = []
        self.specialties: list[SpecialtyDraft] = []
        self.family = RoleDraft(title="", line=1, level=0)
        self.family_grades: list[tuple[Stated, str]] = []  # (grade, the sentence's subject)
        self.family_reports: list[tuple[phrases.Reporting, Block]] = []
        self.role_reports: list[tuple[phrases.Reporting, Block, RoleDraft]] = []
        self.indicators: list[Item] = []
        self.indicator_lists: set[int] = set()  # ids of the lists indicators go to (the page's, a level's)
        self.family_hiring: list[HiringStage] = []
        self.career_steps: list[Mention] = []
        self.related: list[Mention] = []
        self.management: list[tuple[Mention, Mention]] = []
        self.tables: list[tuple[Table, RoleDraft | SpecialtyDraft | None, Section | None]] = []
        self.unmapped: list[Unmapped] = list(page.unmapped)
        self.warnings: list[IngestWarning] = list(page.warnings)
        self.items_by_line: dict[int, tuple[list[Item], int]] = {}
        self.unmapped_lines: set[int] = set()
        self.label: Section | None = None  # a paragraph such as 'Requirements:' acting as a heading
        self.list_items = 0
        # list items at the family's scope under a heading jobkg does not map ('## Impact'): a
        # single-role page's items; reported as unmapped unless the page turns out to be one role
        self.loose: list[tuple[Item, Unmapped]] = []
        self.family_managed: list[Mention] = []  # 'Your direct reports are X' at the page's scope
        self.parents: set[int] = set()  # lines of items that have sub-items
        self.whole_page = False  # the page as a whole is its role
        self.cumulative = 0  # the line saying each level adds to those below it ('add to earlier levels')

    def role_named(self, title: str) -> RoleDraft | None:
        key = title_key(title)
        return next((role for role in self.roles if title_key(role.title) == key), None)

    def page_links(self, block: Block) -> list[Mention]:
        """Links to other job-family pages of the corpus or the organisation's site."""
        return [
            Mention(link.text or link.href, block.line, link.href)
            for link in block.links
            if self.is_page_link(link.href)
        ]

    def is_page_link(self, href: str) -> bool:
        path = re.sub(r"^https?://[^/]+", "", href) if re.match(r"^https?://", href) else href
        host = re.match(r"^https?://([^/]+)", href)
        if host and host.group(1).lower() not in self.profile.site_hosts:
            return False
        if any(path.startswith(prefix) for prefix in self.profile.page_prefixes):
            return True
        return not host and not path.startswith(("#", "/", "mailto:")) and bool(re.search(r"(\.md|/)(#.*)?$", path))

    def report_unmapped(self, block: Block, reason: str) -> None:
        kind = {BlockKind.ITEM: "item", BlockKind.ROW: "row"}.get(block.kind, "text")
        self.unmapped.append(Unmapped(self.page.path, block.line, block.text[:500], reason, kind))
        self.unmapped_lines.add(block.line)

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(IngestWarning(self.page.path, line, message))

    def kept(self, items: list[Item]) -> tuple[Item, ...]:
        """Items without those that only label their sub-items."""
        return tuple(item for item in items if item.line not in self.parents or not item_label(item.text))


def stated_level(meta: dict[str, object]) -> tuple[str, float] | None:
    """A level the front matter states ('level: 3' -> 'Level 3'; 'level: IC3' -> 'IC3')."""
    value = meta.get("level")
    if isinstance(value, bool) or value is None:
        return None
    text = str(value).strip()
    number = re.fullmatch(r"(?:level\s*)?(\d{1,2})", text, re.IGNORECASE)
    if number:
        return f"Level {number.group(1)}", float(number.group(1))
    code = re.fullmatch(r"[A-Z]{1,3}\s?(\d{1,2})", text)
    return (text, float(code.group(1))) if code else None


_MANAGEMENT_GROUP = re.compile(r"(?i)\bmanag\w*|\bleadership\b|\bpeople\s+lead")
_IC_GROUP = re.compile(r"(?i)\bindividual\s+contributors?\b|\bIC\b|\btechnical\s+track\b|\bengineer(?:ing)?\s+titles\b")


def track_of_group(group: str | None) -> str | None:
    """The track a table's track column or heading names ('Manager Titles' -> management)."""
    if not group:
        return None
    if _MANAGEMENT_GROUP.search(group):
        return "management"
    return "ic" if _IC_GROUP.search(group) else None


def item_label(text: str) -> str | None:
    """The label an item with sub-items stands for: 'Impact:' -> 'Impact', 'You have:' ->
    'You have'; None when it states something itself ('Lead projects: plan and ship them')."""
    text = text.strip(" *_")
    label = re.fullmatch(r"(?P<label>[^.:;!?]{1,80}?)\s*:", text) or re.fullmatch(
        r"(?P<label>\w+(?:\s+\w+){0,2})", text
    )
    return label.group("label").strip() if label else None


def level_pair(title: str, profile: Profile) -> tuple[str | None, float | None]:
    found = level_of(title, profile)
    return found.label, found.rank


def label_section(text: str, profile: Profile) -> Section | None:
    """A short paragraph such as 'Requirements:' or 'Nice-to-haves' acts as a heading, as does
    a lead-in to a list of duties ('Data Scientists work with peers to:', 'You will:')."""
    match = _LABEL.match(text)
    if not match:
        duties = any(pattern.search(text) for pattern in profile.duty_lead_ins) and len(text) < 200
        return Section.RESPONSIBILITIES if duties else None
    kind = profile.section_of(match.group("label").strip())
    return SECTIONS[kind] if kind in ("responsibilities", "requirements", "nice_to_have") else None


def page_title(page: Page, profile: Profile) -> str:
    """The front matter's title, else the first top heading that is neither a section nor a
    level ('# OSPO Engineer I' opens a ladder; it does not name the page), else the file name."""
    title = str(page.meta.get("title") or "").strip()
    if not title:
        heading = next((b for b in page.blocks if b.kind is BlockKind.HEADING and b.level <= 2), None)
        text = heading.text.strip().strip("*_ #").rstrip(":").strip() if heading is not None else ""
        if text and not classify_heading(text, profile) and not level_of(text, profile).label:
            title = text
    if not title:
        title = page.key.rsplit("/", 1)[-1].replace("-", " ").replace("_", " ").strip().title()
    for name in profile.organisation:
        title = re.sub(rf"\s+(?:at|@)\s+{re.escape(name)}\s*$", "", title, flags=re.I)
    return _strip_symbols(title)


def _strip_symbols(title: str) -> str:
    """'🛠️ Backend Engineering Framework' -> 'Backend Engineering Framework' (emoji, not text)."""
    start = 0
    while start < len(title) and (title[start].isspace() or unicodedata.category(title[start]) in _EMOJI):
        start += 1
    return title[start:].strip()
