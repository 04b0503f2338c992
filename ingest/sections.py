"""Stage 2: a page's markdown blocks into a ``PageRecord``, read through the page's profile.

The outline planner (outline.py) first decides what each heading is: a role (a level), a
specialty, a section (responsibilities, requirements, grade, indicators, hiring, career,
specialties, levels) or something jobkg does not map. One pass then reads the blocks, with a
stack of the headings that are open: the nearest role or specialty is the scope a block
belongs to, the nearest section says what it is. What a specialty's section states is the
specialty's. A family-scope sentence is a level's only when its subject names that level (or
every level). Tables and front-matter ladders are read by tables.py and ladders.py.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from enum import Enum

from jobkg.ingest import phrases
from jobkg.ingest.candidates import FIRST_PERSON, is_statement, plan
from jobkg.ingest.ladders import ladder_roles
from jobkg.ingest.outline import ROLE_SECTIONS, Decision, Kind, family_base, level_of, names_role
from jobkg.ingest.profile import Profile, detect, load
from jobkg.ingest.records import (
    Block,
    BlockKind,
    ExtendsKind,
    Extension,
    HiringStage,
    IngestWarning,
    Item,
    Mention,
    Page,
    PageInfo,
    PageRecord,
    RoleRecord,
    SpecialtyRecord,
    Stated,
    Unmapped,
)
from jobkg.ingest.tables import Table, TableRole, read_table
from jobkg.ingest.titles import aliases, names_one_role, page_role_titles, title_key, track_of


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


_SECTIONS = {
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
_ITEM_SECTIONS = (Section.RESPONSIBILITIES, Section.REQUIREMENTS, Section.NICE_TO_HAVE)
_ACRONYM = re.compile(r"((?:[A-Z][\w&-]*\s+){1,6}[A-Z][\w-]*)\s+\(([A-Z]{2,6})\)")
_LABEL = re.compile(r"^\s*(?P<label>[A-Za-z][A-Za-z' -]{2,40}?)\s*:?\s*$")
_GRADE_SUBJECT = re.compile(r"^(?:the\s+)?(?P<subject>.+?)\s+(?:is|are)\s+(?:a|an)?\s*(?:job\s+)?grade\b", re.I)
_EMOJI = {"So", "Sk", "Mn", "Cf", "Cs"}  # emoji, their modifiers, variation selectors and joiners


def classify_heading(text: str, profile: Profile | None = None) -> Section | None:
    """The section a heading opens: 'Senior X Responsibilities', 'Requirements for X roles'
    and 'X Levels' all open one."""
    from jobkg.ingest.outline import clean_heading, section_of

    kind, _ = section_of(clean_heading(text), profile or phrases.GENERIC)
    return _SECTIONS.get(kind) if kind else None


@dataclass
class _Role:
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
    descriptions: list[Item] = field(default_factory=list)
    blocks: int = 0  # content blocks read inside this role's scope
    track: str | None = None  # where a table's track or heading says it; else read from the title


@dataclass
class _Specialty:
    title: str
    line: int
    level: int
    applies_to: str | None = None
    responsibilities: list[Item] = field(default_factory=list)
    requirements: list[Item] = field(default_factory=list)
    reports_to: list[Mention] = field(default_factory=list)


@dataclass
class _Open:
    """A heading that is open while the blocks under it are read."""

    depth: int
    kind: Kind
    scope: _Role | _Specialty | None = None
    section: Section | None = None
    text: str = ""


class _PageReader:
    """One pass over a page's blocks with the stack of open headings."""

    def __init__(self, page: Page, profile: Profile, source: str) -> None:
        self.page = page
        self.profile = profile
        self.source = source  # the profile's name or file, as given
        self.title = _page_title(page, profile)
        self.title_line = int(page.meta.get("_title_line") or 1)
        self.plan: dict[int, Decision] = {}
        self.open: list[_Open] = []
        self.roles: list[_Role] = []
        self.specialties: list[_Specialty] = []
        self.family = _Role(title="", line=1, level=0)
        self.family_grades: list[tuple[Stated, str]] = []  # (grade, the sentence's subject)
        self.family_reports: list[tuple[phrases.Reporting, Block]] = []
        self.role_reports: list[tuple[phrases.Reporting, Block, _Role]] = []
        self.indicators: list[Item] = []
        self.family_hiring: list[HiringStage] = []
        self.career_steps: list[Mention] = []
        self.related: list[Mention] = []
        self.management: list[tuple[Mention, Mention]] = []
        self.tables: list[tuple[Table, _Role | _Specialty | None, Section | None]] = []
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
        self.cumulative = 0  # the line saying each level adds to those below it ('add to earlier levels')

    # ------------------------------------------------------------ where a block belongs

    def scope(self) -> _Role | _Specialty | None:
        """The nearest open role or specialty; None is the family."""
        for entry in reversed(self.open):
            if entry.scope is not None:
                return entry.scope
        return None

    def section(self) -> Section | None:
        """The nearest open section heading above the scope (or a label paragraph after it)."""
        if self.label is not None:
            return self.label
        for entry in reversed(self.open):
            if entry.section is not None:
                return entry.section
            if entry.scope is not None:
                return None
        return None

    def area(self) -> str | None:
        """The nearest open heading that is neither scope nor section: an item's area."""
        for entry in reversed(self.open):
            if entry.kind is Kind.OTHER:
                return entry.text
            if entry.scope is not None or entry.section is not None:
                return None
        return None

    def in_specialties(self) -> bool:
        return any(entry.kind is Kind.SPECIALTIES for entry in self.open) and not isinstance(
            self.scope(), _Specialty | _Role
        )

    # ------------------------------------------------------------ headings

    def heading(self, index: int, block: Block) -> None:
        decision = self.plan.get(index, Decision(Kind.OTHER))
        self.label = None
        keep_role = decision.kind is Kind.SECTION and decision.section in ROLE_SECTIONS
        while self.open and self.open[-1].depth >= block.level:
            top = self.open[-1]
            if keep_role and isinstance(top.scope, _Role) and top.depth == block.level and not decision.title:
                break  # '### Senior X' then '### Job Grade': the grade is still Senior X's
            self.open.pop()
        text = block.text.strip().strip("*_ ").rstrip(":").strip()
        if decision.kind is Kind.ROLE:
            role = _Role(decision.title, block.line, block.level, decision.level, decision.rank)
            self.roles.append(role)
            section = _SECTIONS.get(decision.section or "")
            self.open.append(_Open(block.level, Kind.ROLE, scope=role, section=section, text=text))
        elif decision.kind is Kind.SPECIALTY:
            parent = self.scope()
            applies = parent.title if isinstance(parent, _Role) else None
            specialty = _Specialty(decision.title, block.line, block.level, applies)
            self.specialties.append(specialty)
            self.open.append(_Open(block.level, Kind.SPECIALTY, scope=specialty, text=text))
        elif decision.kind is Kind.SECTION:
            owner = self._role_named(decision.title) if decision.title else None
            section = _SECTIONS[decision.section or ""]
            current = self.scope()
            scope = owner if owner is not None and owner is not current else None
            self.open.append(_Open(block.level, Kind.SECTION, scope=scope, section=section, text=text))
        elif decision.kind is Kind.SPECIALTIES:
            self.open.append(_Open(block.level, Kind.SPECIALTIES, section=Section.SPECIALTIES, text=text))
        elif decision.kind is Kind.LEVELS:
            self.open.append(_Open(block.level, Kind.LEVELS, section=Section.LEVELS, text=text))
        elif decision.kind is Kind.TITLE:
            self.open.append(_Open(block.level, Kind.TITLE, text=text))
        elif decision.kind is Kind.SKIP:
            self.open.append(_Open(block.level, Kind.SKIP, section=Section.NOT_EXPECTED, text=text))
        else:
            scope = self.scope()
            if self.section() is None and is_statement(text) and not isinstance(scope, _Specialty):
                item = Item(text, block.line, block.links, area=self.area())
                if isinstance(scope, _Role):
                    self._add_item(scope.responsibilities, item)
                elif not self.in_specialties():  # a single-role page's, once it is one
                    self._unmapped(block, "statement heading at the family's scope, which jobkg does not map")
                    self.loose.append((item, self.unmapped[-1]))
            self.open.append(_Open(block.level, Kind.OTHER, text=text))

    def _role_named(self, title: str) -> _Role | None:
        key = title_key(title)
        return next((role for role in self.roles if title_key(role.title) == key), None)

    # ------------------------------------------------------------ content

    def paragraph(self, block: Block) -> None:
        label = _label_section(block.text, self.profile)
        if label is not None:
            self.label = label
            return
        if block.text.rstrip().endswith(":"):  # a lead-in to a list that is no one's duties ('Examples include:')
            self.label = None
        scope = self.scope()
        section = self.section()
        consumed = self._statements(block, scope)
        if section in _ITEM_SECTIONS and isinstance(scope, _Role | None):
            if phrases.is_family_inheritance(block.text):
                return
            found = phrases.extension(block.text, block.line, block.links)
            if found:
                holder = scope or self.family
                holder.extensions.append(Extension(self._section_kind(found[0]), block.line, found[1]))
                return
        if section is Section.CAREER:
            steps = self._page_links(block)
            if steps:
                self.career_steps.extend(steps)
                return
        if consumed:
            return
        if section is Section.NOT_EXPECTED:
            self._unmapped(block, f"under '{self._heading_text()}': what not to do, not an expectation")
            return
        if isinstance(scope, _Role) and section is None and FIRST_PERSON.match(block.text):
            self._add_item(scope.responsibilities, Item(block.text, block.line, block.links, area=self.area()))
            return
        if section is Section.OTHER or (section is None and self.area() is not None and scope is None):
            self._unmapped(block, f"under heading '{self._heading_text()}', which jobkg does not map")
        elif isinstance(scope, _Specialty):
            self._unmapped(block, f"paragraph in specialty '{scope.title}'")
        elif self.area() is not None:
            self._unmapped(block, f"under heading '{self.area()}', which jobkg does not map")
        else:
            (scope or self.family).descriptions.append(Item(block.text, block.line, block.links))

    def _heading_text(self) -> str:
        return self.open[-1].text if self.open else ""

    def _section_kind(self, kind: ExtendsKind) -> ExtendsKind:
        if kind is ExtendsKind.ROLE:
            return kind
        return ExtendsKind.RESPONSIBILITIES if self.section() is Section.RESPONSIBILITIES else ExtendsKind.REQUIREMENTS

    def _statements(self, block: Block, scope: _Role | _Specialty | None) -> bool:
        """Grade, reporting, extension, equivalence and management sentences; True if any."""
        found = False
        lowered = block.text.lower()
        if scope is None and phrases.is_cumulative(block.text):
            self.cumulative = self.cumulative or block.line
            found = True
        number = phrases.grade(block.text, block.links, self.profile)
        if number is not None and (self.section() is Section.GRADE or "grade" in lowered or block.links):
            found = True
            self._grade(block, scope, number)
        managed = (
            phrases.direct_reports(block.text, block.line, block.links, self.profile) if "report" in lowered else []
        )
        if managed and isinstance(scope, _Role):
            self.management.extend((Mention(scope.title, block.line), mention) for mention in managed)
            found = True
        elif managed and scope is None:  # the page's: its one role, once the page is read
            self.family_managed.extend(managed)
            found = True
        elif phrases.may_report(block.text):
            title = scope.title if scope is not None else self.title
            for reporting in phrases.states_reporting(block, self.profile, title):
                found = True
                self._reporting(block, scope, reporting)
        if isinstance(scope, _Specialty):
            return found
        if self.section() not in _ITEM_SECTIONS:
            extension = phrases.extension(block.text, block.line, block.links)
            if extension and extension[0] is ExtendsKind.ROLE and scope is not None:
                scope.extensions.append(Extension(ExtendsKind.ROLE, block.line, extension[1]))
                found = True
        equivalents = phrases.equivalents(block.text, block.line, block.links)
        if equivalents and scope is not None:
            scope.equivalents.extend(equivalents)
            found = True
        management = phrases.management(block.text, block.line, block.links)
        if management:
            self.management.extend(management)
            found = True
        return found

    def _reports(self, block: Block, scope: _Role | None) -> bool:
        """A duty bullet that is a reporting line ('Report directly to the CEO'); True if it was."""
        title = scope.title if scope is not None else self.title
        found = [r for r in phrases.states_reporting(block, self.profile, title) if r.targets]
        for reporting in found:
            self._reporting(block, scope, reporting)
        return bool(found)

    def _grade(self, block: Block, scope: _Role | _Specialty | None, number: int) -> None:
        stated = Stated(number, block.line)
        if isinstance(scope, _Specialty):
            self._unmapped(block, f"grade stated inside specialty '{scope.title}'; a specialty has no grade")
        elif scope is None:
            subject = _GRADE_SUBJECT.match(block.text)
            self.family_grades.append((stated, subject.group("subject").strip(" *") if subject else ""))
        elif scope.grade is None:
            scope.grade = stated
        elif scope.grade.value != number:
            self._warn(
                block.line, f"'{scope.title}' states grade {scope.grade.value} and grade {number}; kept the first"
            )

    def _reporting(self, block: Block, scope: _Role | _Specialty | None, reporting: phrases.Reporting) -> None:
        if reporting.refused:
            self._unmapped(block, reporting.refused)
        elif scope is None:
            self.family_reports.append((reporting, block))
        elif isinstance(scope, _Specialty):
            scope.reports_to.extend(reporting.targets)
        else:
            self.role_reports.append((reporting, block, scope))

    def item(self, block: Block) -> None:
        self.list_items += 1
        if block.level > 1 and block.parent_line in self.items_by_line:
            items, index = self.items_by_line[block.parent_line]
            parent = items[index]
            if items is self.indicators:  # an indicator's sub-items explain it
                items[index] = Item(parent.text, parent.line, parent.links, (*parent.details, block.text), parent.area)
                self.items_by_line[block.line] = (items, index)
                return
            # a duty's sub-items are duties of their own; a parent that only labels them
            # ('Impact:', 'You have:') is their area, not an item
            self.parents.add(parent.line)
            area = _label(parent.text) or parent.area
            self._add_item(items, Item(block.text, block.line, block.links, area=area))
            return
        if block.level > 1 and block.parent_line in self.unmapped_lines:
            self._unmapped(block, "sub-item of an item jobkg did not map")
            return
        scope = self.scope()
        section = self.section()
        if section is Section.NOT_EXPECTED:
            self._unmapped(block, f"under '{self._heading_text()}': what not to do, not an expectation")
        elif isinstance(scope, _Specialty):
            self._specialty_item(block, scope, section)
        elif section in _ITEM_SECTIONS:
            if phrases.may_report(block.text) and self._reports(block, scope):
                return
            self._duty(block, scope or self.family, section)
        elif section is Section.INDICATORS:
            self._add_item(self.indicators, Item(block.text, block.line, block.links))
        elif section is Section.HIRING:
            stages = scope.hiring if scope is not None else self.family_hiring
            who, minutes = phrases.hiring_stage(block.text)
            stages.append(HiringStage(len(stages) + 1, block.text, block.line, who, minutes))
        elif section is Section.CAREER:
            steps = self._page_links(block)
            if steps:
                self.career_steps.extend(steps)
            else:
                self.family.descriptions.append(Item(f"Career ladder: {block.text}", block.line, block.links))
        elif section is Section.SPECIALTIES:
            if not re.search(r"\bno specialt", block.text, re.IGNORECASE):
                self.specialties.append(_Specialty(block.text.split(":")[0].strip(), block.line, 99))
        elif section is Section.LEVELS:
            self._unmapped(block, "list of levels under a levels heading (navigation, not a level's content)")
        elif self._statements(block, scope):
            return
        elif scope is not None:  # a level's own bullets with no section heading: its responsibilities
            self._duty(block, scope, Section.RESPONSIBILITIES)
        elif (self.area() is None and self._page_links(block) and section is None) or (
            self.area() is not None and self._page_links(block)
        ):
            self.related.extend(self._page_links(block))
        else:
            where = f"heading '{self.area()}'" if self.area() else f"{section.value} section" if section else None
            self._unmapped(block, f"list item under {where or 'no section heading'}, which jobkg does not map")
            if scope is None and section in (None, Section.OTHER) and not self.in_specialties():
                item = Item(block.text, block.line, block.links, area=self.area())
                self.loose.append((item, self.unmapped[-1]))
                self.items_by_line[block.line] = ([item], 0)

    def _duty(self, block: Block, holder: _Role, section: Section) -> None:
        if phrases.is_family_inheritance(block.text):
            return
        found = phrases.extension(block.text, block.line, block.links)
        if found and len(block.text) < 160:
            holder.extensions.append(Extension(self._duty_kind(found[0], section), block.line, found[1]))
            return
        target = holder.responsibilities if section is Section.RESPONSIBILITIES else holder.requirements
        area = self.area() or ("Nice to have" if section is Section.NICE_TO_HAVE else None)
        self._add_item(target, Item(block.text, block.line, block.links, area=area))

    @staticmethod
    def _duty_kind(kind: ExtendsKind, section: Section) -> ExtendsKind:
        if kind is ExtendsKind.ROLE:
            return kind
        return ExtendsKind.RESPONSIBILITIES if section is Section.RESPONSIBILITIES else ExtendsKind.REQUIREMENTS

    def _specialty_item(self, block: Block, specialty: _Specialty, section: Section | None) -> None:
        if phrases.may_report(block.text) and self._statements(block, specialty):
            return
        if section is Section.REQUIREMENTS or section is Section.NICE_TO_HAVE:
            self._add_item(specialty.requirements, Item(block.text, block.line, block.links, area=self.area()))
        elif section in (None, Section.RESPONSIBILITIES):
            self._add_item(specialty.responsibilities, Item(block.text, block.line, block.links, area=self.area()))
        else:
            self._unmapped(block, f"{section.value} item of specialty '{specialty.title}', which jobkg does not map")

    def _add_item(self, target: list[Item], item: Item) -> None:
        target.append(item)
        self.items_by_line[item.line] = (target, len(target) - 1)

    def row(self, block: Block) -> None:
        self.list_items += 1
        last = self.tables[-1][0] if self.tables else None
        if last is not None and last.open:
            last.rows.append(block)
            return
        heading = next((entry.text for entry in reversed(self.open) if entry.text), None)
        self.tables.append((Table([block], heading=heading), self.scope(), self.section()))

    def close_table(self) -> None:
        if self.tables:
            self.tables[-1][0].open = False

    def _page_links(self, block: Block) -> list[Mention]:
        """Links to other job-family pages of the corpus or the organisation's site."""
        return [
            Mention(link.text or link.href, block.line, link.href)
            for link in block.links
            if self._is_page_link(link.href)
        ]

    def _is_page_link(self, href: str) -> bool:
        path = re.sub(r"^https?://[^/]+", "", href) if re.match(r"^https?://", href) else href
        host = re.match(r"^https?://([^/]+)", href)
        if host and host.group(1).lower() not in self.profile.site_hosts:
            return False
        if any(path.startswith(prefix) for prefix in self.profile.page_prefixes):
            return True
        return not host and not path.startswith(("#", "/", "mailto:")) and bool(re.search(r"(\.md|/)(#.*)?$", path))

    def _unmapped(self, block: Block, reason: str) -> None:
        kind = {BlockKind.ITEM: "item", BlockKind.ROW: "row"}.get(block.kind, "text")
        self.unmapped.append(Unmapped(self.page.path, block.line, block.text[:500], reason, kind))
        self.unmapped_lines.add(block.line)

    def _warn(self, line: int, message: str) -> None:
        self.warnings.append(IngestWarning(self.page.path, line, message))

    # ------------------------------------------------------------ result

    def record(self) -> PageRecord:
        self._read_tables()
        roles = [role for role in self.roles if self._states_anything(role)]
        roles = self._family_statements(roles)
        acronyms = self._acronyms()
        records = self._dedupe([self._role_record(role, acronyms) for role in roles])
        family_index = self.page.family_key == self.page.key  # its levels are the files beside it
        is_team = not family_index and not records and not self.family.responsibilities
        is_team = is_team and bool(self.related or not self.indicators)
        no_role = None if records or family_index else self._why_no_role(is_team)
        if no_role:
            self._warn(self.title_line, no_role)
        return PageRecord(
            page=PageInfo(self.page.path, self.page.key, self.page.department, self.page.family_key, self.source),
            title=self.title,
            title_line=self.title_line,
            is_team=is_team,
            acronyms=acronyms,
            descriptions=tuple(self.family.descriptions),
            roles=tuple(records),
            responsibilities=self._kept(self.family.responsibilities),
            requirements=self._kept(self.family.requirements),
            indicators=tuple(self.indicators),
            hiring=tuple(self.family_hiring),
            career_steps=tuple(self.career_steps),
            specialties=tuple(
                SpecialtyRecord(
                    s.title,
                    s.line,
                    self._kept(s.responsibilities),
                    self._kept(s.requirements),
                    tuple(s.reports_to),
                    s.applies_to,
                )
                for s in self.specialties
            ),
            related_families=tuple(self.related),
            management=tuple(self.management),
            unmapped=tuple(self.unmapped),
            warnings=tuple(self.warnings),
            list_items=self.list_items,
            no_role_reason=no_role,
        )

    def _why_no_role(self, is_team: bool) -> str:
        if is_team and self.related:
            return f"'{self.title}' reads as a team page (links to {len(self.related)} families); it defines no role"
        if self.family.responsibilities or self.family.requirements:
            return (
                f"'{self.title}' lists duties but defines no level: no level headings, levels table, "
                "grade or reporting line (a family whose levels may be on another page)"
            )
        return f"no role found on '{self.title}': no level headings, levels table, grade, reporting line or duties"

    def _read_tables(self) -> None:
        headed = [role.title for role in self.roles]  # levels the headings define; tables may grade them
        for table, scope, section in self.tables:
            result = read_table(table, self.profile, family_base(self.title, self.profile), headed)
            for link_row in result.link_rows:
                links = self._page_links(link_row)
                if not links:
                    self._unmapped(link_row, "table row")
                (self.career_steps if section is Section.CAREER else self.related).extend(links)
            for row, number, title in result.grades:
                role = self._role_named(title)
                if role is not None and role.grade is None:
                    role.grade = Stated(number, row.line)
            for row, reason in result.unmapped:
                self._unmapped(row, reason)
            if result.roles and scope is None:
                self.roles.extend(self._table_role(found, table.heading) for found in result.roles)
            elif result.roles:
                where = f"'{scope.title}'" if scope is not None else "a section"
                for found in result.roles:
                    reason = f"a levels table inside {where}, not at the family's level"
                    self.unmapped.append(Unmapped(self.page.path, found.line, found.title, reason, "row"))

    def _table_role(self, found: TableRole, heading: str | None = None) -> _Role:
        """A role a table row (or column, or a front-matter ladder) names. Its ladder is its
        track column's, else the table's heading ('#### Manager Titles'), which may say its track."""
        group = found.group or heading
        role = _Role(found.title, found.line, 99, found.level, found.rank, group=group, href=found.href)
        role.track = _track_of_group(group)
        if found.grade is not None:
            role.grade = Stated(found.grade, found.line)
        role.responsibilities.extend(found.items)
        role.blocks = 1
        return role

    def _states_anything(self, role: _Role) -> bool:
        """A heading that names a job but states nothing under it only groups other headings."""
        if role.grade or role.reports_to or role.extensions or role.equivalents or role.responsibilities:
            return True
        if role.requirements or role.hiring or role.descriptions or role.blocks:
            return True
        self._warn(role.line, f"heading '{role.title}' names a job but states nothing under it; not taken as a role")
        return False

    def _family_statements(self, roles: list[_Role]) -> list[_Role]:
        """Grades and reporting lines stated at the family's scope go to the level their subject
        names, to every level when the subject is everyone, or to the page's one role."""
        if not roles and self._single_role_page():
            roles = self._page_roles()
        if not roles and len({subject for _, subject in self.family_grades if subject}) > 1:
            roles = self._roles_named_by_grades()
        for stated, subject in self.family_grades:
            named = self._named_role(subject, roles)
            if named is not None:
                named.grade = named.grade or stated
            elif len(roles) == 1 and roles[0].grade is None:
                roles[0].grade = stated
            else:
                where = f"'{subject}'" if subject else "no role"
                self._warn(
                    stated.line,
                    f"grade {stated.value} is stated for {where}, not a single level of the page; not attached",
                )
        own = {id(role) for _, _, role in self.role_reports}  # levels that state a line under their heading
        for reporting, block, role in self.role_reports:
            self._role_reporting(reporting, block, role, roles, own)
        for reporting, block in self.family_reports:
            self._family_reporting(reporting, block, roles)
        for role in roles:
            role.reports_to = list({m.label.lower(): m for m in role.reports_to}.values())
        if self.cumulative:
            self._each_extends_the_one_below(roles)
        for mention in self.family_managed:
            if len(roles) == 1:
                self.management.append((Mention(roles[0].title, mention.line), mention))
            else:
                self._warn(mention.line, f"'{mention.label}' reports to no single level of the page; not attached")
        return roles

    def _role_reporting(
        self, reporting: phrases.Reporting, block: Block, role: _Role, roles: list[_Role], own: set[int]
    ) -> None:
        """A line under a level is that level's, unless it is about someone else: another level
        that reports to this one ('..., and the Product Design Manager reports to <this>'), another
        level that states no line of its own, or everyone ('Technical Writers report to <this>').
        A sentence naming another level that has its own line is a copy slip: this level's."""
        subject = phrases.subject_name(reporting.subject)
        named = self._named_role(subject, roles)
        to_me = any(names_role(m.label, role.title) for m in reporting.targets)
        other = named is not None and named is not role and not names_role(subject, role.title)
        if other and (to_me or id(named) not in own):
            named.reports_to.extend(reporting.targets)
        elif (subject and phrases.is_everyone(reporting.subject, self.profile)) or to_me:
            self._unmapped(block, f"reporting line of '{subject}', not of the level '{role.title}'")
        else:
            role.reports_to.extend(reporting.targets)

    def _single_role_page(self) -> bool:
        """A page with no levels that is one role: a level file of a family folder, a page that
        states a grade or reporting line for its title, whose title is a level of a job ('Chief
        Financial Officer', 'VP, IT'), or whose title reads like one job's and that states duties
        of its own (a job description, a role handbook). A page that lists duties of a track or a
        team, or links to other families, is a family or a team, not a role."""
        if not self.title:
            return False
        if self.family_grades or self.family_reports:
            return True
        duties = bool(self.family.responsibilities or self.family.requirements or self.loose)
        if self.page.family_key and self.page.key != self.page.family_key and duties:
            return True  # a level file: its duties are the level's
        if self.related or self.page.family_key == self.page.key:  # a team page, a family folder's index
            return False
        if level_of(self.title, self.profile).label is not None:
            return True
        titles = page_role_titles(self.title)
        return bool(titles) and (duties or names_one_role(self.title) or self._prose_names(titles))

    def _prose_names(self, titles: list[str]) -> bool:
        """The page's prose speaks of its title as a job: 'As a Tech Fellow, you ...'."""
        wanted = [re.compile(rf"\b{re.escape(title)}s?\b", re.IGNORECASE) for title in titles]
        return any(
            block.kind is BlockKind.PARAGRAPH and any(pattern.search(block.text) for pattern in wanted)
            for block in self.page.blocks
        )

    def _page_roles(self) -> list[_Role]:
        """The page's one role (two when its title names two equivalent ones, 'X / Y'), with
        what the page states at its own scope and the items under headings of its own."""
        titles = page_role_titles(self.title) or [self.title]
        roles = []
        stated = _stated_level(self.page.meta)
        for title in titles:
            role = _Role(title, self.title_line, 0, *(stated or _level(title, self.profile)))
            role.responsibilities = [*self.family.responsibilities, *(item for item, _ in self.loose)]
            role.requirements = list(self.family.requirements)
            role.extensions = list(self.family.extensions)
            role.hiring = list(self.family_hiring)
            roles.append(role)
        taken = {id(unmapped) for _, unmapped in self.loose}
        self.unmapped = [u for u in self.unmapped if id(u) not in taken]
        self.family.responsibilities, self.family.requirements, self.family.extensions = [], [], []
        self.family_hiring, self.loose = [], []
        return roles

    def _roles_named_by_grades(self) -> list[_Role]:
        """'The Senior X is a grade 7. The Staff X is a grade 8.' under one Job Grade heading."""
        roles = []
        for stated, subject in self.family_grades:
            if subject and not self._named_role(subject, roles) and len(subject.split()) <= 8:
                roles.append(_Role(subject, stated.line, 0, *_level(subject, self.profile)))
        return roles

    def _named_role(self, subject: str, roles: list[_Role]) -> _Role | None:
        """The role a sentence's subject names (the longest title it starts with)."""
        if not subject or phrases._THIS.match(subject):
            return None
        name = re.sub(r"^(?:the|a|an)\s+", "", subject, flags=re.I)
        named = [role for role in roles if phrases.starts_with_title(name, role.title)]
        return max(named, key=lambda role: len(role.title), default=None)

    def _family_reporting(self, reporting: phrases.Reporting, block: Block, roles: list[_Role]) -> None:
        subject = phrases.subject_name(reporting.subject)
        named = self._named_role(subject, roles)
        about_the_page = (
            not subject
            or phrases._THIS.match(subject)
            or phrases.starts_with_title(subject, self.title)
            or names_role(subject, self.title)
        )
        levelled = self._roles_at_level(subject, roles)
        if named is not None:
            named.reports_to.extend(reporting.targets)
        elif levelled:  # 'All Principals report to our CTO': the Principal levels, not every level
            for role in levelled:
                role.reports_to.extend(reporting.targets)
        elif phrases.is_everyone(reporting.subject, self.profile) and roles:
            for role in roles:
                if not role.reports_to:
                    role.reports_to.extend(reporting.targets)
        elif len(roles) == 1 and about_the_page:
            roles[0].reports_to.extend(reporting.targets)
        else:
            who = f"'{reporting.subject}'" if reporting.subject else "no one in particular"
            self._unmapped(block, f"reporting line stated at the family's scope for {who}; not one level's")

    def _each_extends_the_one_below(self, roles: list[_Role]) -> None:
        """'Expectations for a level add to those of earlier levels': every level but the first
        of its track (and its table group) extends the one before it, as if each said so."""
        seen: set[tuple[str, str | None]] = set()
        for role in roles:
            ladder = (role.track or track_of(role.title), role.group)
            if ladder in seen and not role.extensions:
                role.extensions.append(Extension(ExtendsKind.ROLE, self.cumulative))
            seen.add(ladder)

    def _roles_at_level(self, subject: str, roles: list[_Role]) -> list[_Role]:
        """The levels a plural subject names by their level word: 'All Principals' -> the roles
        labelled Principal (only when the word is a level of the profile's scale)."""
        words = re.sub(r"(?i)^(?:all|every|each|our|the)\s+", "", subject).strip()
        word = phrases.singular(words) if words.endswith("s") else ""
        if not word or word.lower() not in self.profile.level_scale():
            return []
        return [role for role in roles if (role.label or "").lower() == word.lower()]

    def _acronyms(self) -> dict[str, str]:
        texts = [self.title, str(self.page.meta.get("description") or "")]
        texts += [item.text for item in self.family.descriptions]
        found: dict[str, str] = {}
        for text in texts:
            for match in _ACRONYM.finditer(text):
                words, short = match.group(1).split(), match.group(2)
                words = words[-len(short) :] if len(words) > len(short) else words
                expansion = " ".join(words)
                letters = "".join(w[0] for w in words if w.lower() not in ("of", "and", "&")).upper()
                if letters == short:
                    found[expansion] = short
        return found

    def _kept(self, items: list[Item]) -> tuple[Item, ...]:
        """Items without those that only label their sub-items."""
        return tuple(item for item in items if item.line not in self.parents or not _label(item.text))

    def _role_record(self, role: _Role, acronyms: dict[str, str]) -> RoleRecord:
        return RoleRecord(
            title=role.title,
            line=role.line,
            track=role.track or track_of(role.title),
            level=role.label,
            rank=role.rank,
            group=role.group,
            href=role.href,
            grade=role.grade,
            reports_to=tuple(role.reports_to),
            extensions=tuple(role.extensions),
            equivalents=tuple(role.equivalents),
            responsibilities=self._kept(role.responsibilities),
            requirements=self._kept(role.requirements),
            hiring=tuple(role.hiring),
            descriptions=tuple(role.descriptions),
            aliases=tuple(aliases(role.title, acronyms)),
        )

    def _dedupe(self, records: list[RoleRecord]) -> list[RoleRecord]:
        seen: dict[str, RoleRecord] = {}
        kept = []
        for record in records:
            key = record.title.lower()
            if key in seen and record.level and seen[key].level and record.level != seen[key].level:
                record = _retitled(record, f"{record.title} ({record.level})")
                key = record.title.lower()
            if key in seen:
                first = seen[key].line
                self._warn(
                    record.line,
                    f"role '{record.title}' is defined twice on the page (first at line {first}); kept the first",
                )
                continue
            seen[key] = record
            kept.append(record)
        return kept


def _retitled(record: RoleRecord, title: str) -> RoleRecord:
    return replace(record, title=title)


def _stated_level(meta: dict[str, object]) -> tuple[str, float] | None:
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


def _track_of_group(group: str | None) -> str | None:
    """The track a table's track column or heading names ('Manager Titles' -> management)."""
    if not group:
        return None
    if _MANAGEMENT_GROUP.search(group):
        return "management"
    return "ic" if _IC_GROUP.search(group) else None


def _label(text: str) -> str | None:
    """The label an item with sub-items stands for: 'Impact:' -> 'Impact', 'You have:' ->
    'You have'; None when it states something itself ('Lead projects: plan and ship them')."""
    text = text.strip(" *_")
    label = re.fullmatch(r"(?P<label>[^.:;!?]{1,80}?)\s*:", text) or re.fullmatch(
        r"(?P<label>\w+(?:\s+\w+){0,2})", text
    )
    return label.group("label").strip() if label else None


def _level(title: str, profile: Profile) -> tuple[str | None, float | None]:
    found = level_of(title, profile)
    return found.label, found.rank


def _label_section(text: str, profile: Profile) -> Section | None:
    """A short paragraph such as 'Requirements:' or 'Nice-to-haves' acts as a heading, as does
    a lead-in to a list of duties ('Data Scientists work with peers to:', 'You will:')."""
    match = _LABEL.match(text)
    if not match:
        duties = any(pattern.search(text) for pattern in profile.duty_lead_ins) and len(text) < 200
        return Section.RESPONSIBILITIES if duties else None
    kind = profile.section_of(match.group("label").strip())
    return _SECTIONS[kind] if kind in ("responsibilities", "requirements", "nice_to_have") else None


def _page_title(page: Page, profile: Profile) -> str:
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


def read_sections(page: Page, profile: Profile | str | None = None) -> PageRecord:
    """Map a page's blocks to a PageRecord, through the given profile (by name or file) or the
    one the page shows; what cannot be mapped is listed as unmapped with its reason."""
    chosen = load(profile) if isinstance(profile, str) else profile
    if chosen is None:
        text = (
            " ".join(b.text for b in page.blocks[:200])
            + " "
            + " ".join(link.href for b in page.blocks[:200] for link in b.links)
        )
        chosen = detect(page.path, text, page.meta)
    reader = _PageReader(page, chosen, profile if isinstance(profile, str) else chosen.name)
    if not reader.title and page.meta.get("_title_line") is None:
        reader.title_line = next((b.line for b in page.blocks if b.kind is BlockKind.HEADING), 1)
    reader.plan = plan(page.blocks, chosen, reader.title)
    ladder = ladder_roles(page, chosen, reader.title)
    for index, block in enumerate(page.blocks):
        if block.kind is not BlockKind.ROW:
            reader.close_table()
        if block.kind is not BlockKind.HEADING:
            scope = reader.scope()
            if isinstance(scope, _Role):
                scope.blocks += 1
        if block.kind is BlockKind.HEADING:
            reader.heading(index, block)
        elif block.kind is BlockKind.PARAGRAPH:
            reader.paragraph(block)
        elif block.kind is BlockKind.ITEM:
            reader.item(block)
        elif block.kind is BlockKind.ROW:
            reader.row(block)
        else:
            reader._unmapped(block, "raw HTML block")
    for found in ladder:
        reader.roles.append(reader._table_role(found))
    return reader.record()
