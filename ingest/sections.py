"""Stage 2: a page's markdown blocks into a ``PageRecord``.

A page is a family scope holding sections (responsibilities, requirements, performance
indicators, hiring process, ...) and role scopes, each opened by a heading that names a
job. Headings are read by what they say, not by their level, because real pages put
levels at H2, H3 or H4 and sections above, beside or below them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from jobkg.ingest import phrases
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
from jobkg.ingest.titles import aliases, is_level_only, looks_like_title, track_of


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
    OTHER = "other"


_SECTION_PATTERNS: tuple[tuple[Section, re.Pattern[str]], ...] = tuple(
    (section, re.compile(pattern, re.IGNORECASE))
    for section, pattern in (
        (Section.GRADE, r"(^|\s)(job\s+)?grade$"),
        (
            Section.NICE_TO_HAVE,
            r"(^|\s)(nice[- ]to[- ]haves?|preferred (qualifications|requirements))( requirements?)?$",
        ),
        (Section.RESPONSIBILITIES, r"(^|\s)(responsib\w*|responsbilit\w*|duties|what you.?ll do)$"),
        (Section.REQUIREMENTS, r"(^|\s)(requirements?|qualifications|what you.?ll need)$"),
        (Section.INDICATORS, r"(^|\s)(performance indicators?|kpis?)$"),
        (Section.HIRING, r"(^|\s)(hiring|interview(ing)?) process$"),
        (Section.CAREER, r"(^|\s)career (ladder|path)s?$"),
        (Section.SPECIALTIES, r"^(functional\s+)?specialt(y|ies)$"),
        (Section.LEVELS, r"^(levels?|leadership|job levels?)$"),
    )
)
_ROLE_SECTIONS = {Section.GRADE, Section.RESPONSIBILITIES, Section.NICE_TO_HAVE, Section.REQUIREMENTS}
_JOB_FAMILY_LINK = re.compile(r"/job-families/(?P<path>[^#?]+?)/?(?:[#?].*)?$")
_ACRONYM = re.compile(r"((?:[A-Z][\w&-]*\s+){1,6}[A-Z][\w-]*)\s+\(([A-Z]{2,6})\)")


def classify_heading(text: str) -> Section | None:
    """The section a heading opens: 'Senior X Responsibilities', 'Requirements for X roles'
    and 'X Levels' all open one."""
    cleaned = re.sub(r"\s*\([^)]*\)\s*$", "", text.strip().rstrip(":").strip())
    leading = re.match(r"^(.+?)\s+(?:for|of|-|–)\s+.+$", cleaned)
    candidates = [cleaned] + ([leading.group(1)] if leading else [])
    for candidate in candidates:
        for section, pattern in _SECTION_PATTERNS:
            if pattern.search(candidate):
                return section
    if re.search(r"(?i)\blevels$", cleaned):
        return Section.LEVELS
    return None


@dataclass
class _Role:
    title: str
    line: int
    level: int
    grade: Stated | None = None
    reports_to: list[Mention] = field(default_factory=list)
    extensions: list[Extension] = field(default_factory=list)
    equivalents: list[Mention] = field(default_factory=list)
    responsibilities: list[Item] = field(default_factory=list)
    requirements: list[Item] = field(default_factory=list)
    hiring: list[HiringStage] = field(default_factory=list)
    descriptions: list[Item] = field(default_factory=list)
    blocks: int = 0  # content blocks read inside this role's scope


@dataclass
class _Specialty:
    title: str
    line: int
    level: int
    responsibilities: list[Item] = field(default_factory=list)
    requirements: list[Item] = field(default_factory=list)


class _PageReader:
    """One pass over a page's blocks; keeps which scope and section is open."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.title = str(page.meta.get("title") or "").strip()
        self.title_line = int(page.meta.get("_title_line") or 1)
        self.roles: list[_Role] = []
        self.role: _Role | None = None
        self.specialties: list[_Specialty] = []
        self.specialty: _Specialty | None = None
        self.specialties_level: int | None = None
        self.section: Section | None = None
        self.section_level = 0
        self.other_heading = ""
        self.family = _Role(title="", line=1, level=0)
        self.family_grades: list[Stated] = []
        self.indicators: list[Item] = []
        self.family_hiring: list[HiringStage] = []
        self.career_steps: list[Mention] = []
        self.related: list[Mention] = []
        self.management: list[tuple[Mention, Mention]] = []
        self.grade_rows: list[Block] = []
        self.unmapped: list[Unmapped] = list(page.unmapped)
        self.warnings: list[IngestWarning] = list(page.warnings)
        self.items_by_line: dict[int, tuple[list[Item], int]] = {}
        self.levels_seen = False

    # ------------------------------------------------------------ headings

    def heading(self, block: Block) -> None:
        text = block.text.strip().strip("*_ ").rstrip(":").strip()
        if not self.title and block.level <= 2 and not classify_heading(text):
            self.title, self.title_line = text, block.line
        section = classify_heading(text)
        if section is not None:
            self._open_section(section, block.level)
            return
        if self.specialties_level is not None:
            if block.level > self.specialties_level:
                self.specialty = _Specialty(text, block.line, block.level)
                self.specialties.append(self.specialty)
                self.section = None
                return
            self.specialties_level, self.specialty = None, None
        if is_level_only(text) and self.title:
            text = f"{text} {self.title}"
        if looks_like_title(text) and not self._is_family_title(text):
            self.role = _Role(text, block.line, block.level)
            self.roles.append(self.role)
            self.section = None
            return
        if self.role is not None and block.level <= self.role.level:
            self.role = None
        if block.level <= 2 and self._is_family_title(text):
            self.section = None
            return
        self.section, self.section_level, self.other_heading = Section.OTHER, block.level, text

    def _is_family_title(self, text: str) -> bool:
        """The page's own title repeated as a heading before any level is introduced."""
        return bool(self.title) and text.lower() == self.title.lower() and not self.roles and not self.levels_seen

    def _open_section(self, section: Section, level: int) -> None:
        if self.role is not None and level < self.role.level and section in _ROLE_SECTIONS:
            self.role = None
        if self.role is not None and level <= self.role.level and section not in _ROLE_SECTIONS:
            self.role = None
        if section in (Section.LEVELS, Section.SPECIALTIES, Section.CAREER) or (
            self.specialty is not None and level <= self.specialty.level
        ):
            self.specialty = None
        self.specialties_level = level if section is Section.SPECIALTIES else self.specialties_level
        if section is Section.LEVELS:
            self.levels_seen = True
            self.section = None
            return
        self.section, self.section_level = section, level

    # ------------------------------------------------------------ content

    def scope(self) -> _Role:
        return self.role if self.role is not None else self.family

    def paragraph(self, block: Block) -> None:
        scope = self.scope()
        consumed = self._statements(block, scope)
        if self.section is Section.OTHER:
            if not consumed:
                self._unmapped(block, f"under heading '{self.other_heading}', which jobkg does not map")
            return
        if self.section in (Section.RESPONSIBILITIES, Section.REQUIREMENTS, Section.NICE_TO_HAVE):
            if phrases.is_family_inheritance(block.text):
                return
            found = phrases.extension(block.text, block.line, block.links)
            if found:
                kind, target = found
                kind = self._section_kind(kind)
                scope.extensions.append(Extension(kind, block.line, target))
                return
        if self.section is Section.CAREER:
            steps = self._family_links(block)
            if steps:
                self.career_steps.extend(steps)
                return
        if consumed:
            return
        if self.specialty is not None:
            self._unmapped(block, f"paragraph in specialty '{self.specialty.title}'")
        else:
            scope.descriptions.append(Item(block.text, block.line, block.links))

    def _section_kind(self, kind: ExtendsKind) -> ExtendsKind:
        if kind is ExtendsKind.ROLE:
            return kind
        return ExtendsKind.RESPONSIBILITIES if self.section is Section.RESPONSIBILITIES else ExtendsKind.REQUIREMENTS

    def _statements(self, block: Block, scope: _Role) -> bool:
        """Grade, reporting, extension, equivalence and management sentences; True if any."""
        found = False
        number = phrases.grade(block.text, block.links)
        if number is not None and (self.section is Section.GRADE or "grade" in block.text.lower() or block.links):
            stated = Stated(number, block.line)
            if scope is self.family:
                self.family_grades.append(stated)
            elif scope.grade is None:
                scope.grade = stated
            elif scope.grade.value != number:
                self._warn(
                    block.line, f"'{scope.title}' states grade {scope.grade.value} and grade {number}; kept the first"
                )
            found = True
        targets = phrases.reporting_targets(block.text, block.line, block.links)
        if targets:
            scope.reports_to.extend(targets)
            found = True
        if self.section not in (Section.RESPONSIBILITIES, Section.REQUIREMENTS, Section.NICE_TO_HAVE):
            extension = phrases.extension(block.text, block.line, block.links)
            if extension and extension[0] is ExtendsKind.ROLE and scope is not self.family:
                scope.extensions.append(Extension(ExtendsKind.ROLE, block.line, extension[1]))
                found = True
        equivalents = phrases.equivalents(block.text, block.line, block.links)
        if equivalents and scope is not self.family:
            scope.equivalents.extend(equivalents)
            found = True
        management = phrases.management(block.text, block.line, block.links)
        if management:
            self.management.extend(management)
            found = True
        return found

    def item(self, block: Block) -> None:
        if block.level > 1 and block.parent_line in self.items_by_line:
            items, index = self.items_by_line[block.parent_line]
            parent = items[index]
            items[index] = Item(parent.text, parent.line, parent.links, (*parent.details, block.text))
            return
        scope = self.scope()
        section = self.section
        if section in (Section.RESPONSIBILITIES, Section.REQUIREMENTS, Section.NICE_TO_HAVE):
            if phrases.is_family_inheritance(block.text):
                return
            found = phrases.extension(block.text, block.line, block.links)
            if found and len(block.text) < 160:
                scope.extensions.append(Extension(self._section_kind(found[0]), block.line, found[1]))
                return
            holder = self.specialty or scope
            target = holder.responsibilities if section is Section.RESPONSIBILITIES else holder.requirements
            text = block.text if section is not Section.NICE_TO_HAVE else f"Nice to have: {block.text}"
            self._add_item(target, Item(text, block.line, block.links))
        elif section is Section.INDICATORS:
            self._add_item(self.indicators, Item(block.text, block.line, block.links))
        elif section is Section.HIRING:
            stages = scope.hiring if scope is not self.family else self.family_hiring
            who, minutes = phrases.hiring_stage(block.text)
            stages.append(HiringStage(len(stages) + 1, block.text, block.line, who, minutes))
        elif section is Section.CAREER:
            steps = self._family_links(block)
            if steps:
                self.career_steps.extend(steps)
            else:
                self.family.descriptions.append(Item(f"Career ladder: {block.text}", block.line, block.links))
        elif section is Section.SPECIALTIES and self.specialty is None:
            if re.search(r"\bno specialt", block.text, re.IGNORECASE):
                return
            self.specialties.append(_Specialty(block.text.split(":")[0].strip(), block.line, 99))
        elif (section is Section.GRADE and self._statements(block, scope)) or self._statements(block, scope):
            return
        elif self.page_links_to_families(block):
            self.related.extend(self._family_links(block))
        else:
            where = (
                f"heading '{self.other_heading}'"
                if section is Section.OTHER
                else f"{section.value} section"
                if section
                else "no section heading"
            )
            self._unmapped(block, f"list item under {where}, which jobkg does not map")

    def _add_item(self, target: list[Item], item: Item) -> None:
        target.append(item)
        self.items_by_line[item.line] = (target, len(target) - 1)

    def row(self, block: Block) -> None:
        if phrases.grade(block.text) is not None:
            self.grade_rows.append(block)
            return
        links = self._family_links(block)
        if links:
            (self.career_steps if self.section is Section.CAREER else self.related).extend(links)
            return
        self._unmapped(block, "table row")

    def page_links_to_families(self, block: Block) -> bool:
        return self.section is Section.OTHER and bool(self._family_links(block))

    def _family_links(self, block: Block) -> list[Mention]:
        mentions = []
        for link in block.links:
            if _JOB_FAMILY_LINK.search(link.href):
                mentions.append(Mention(link.text or link.href, block.line, link.href))
        return mentions

    def _unmapped(self, block: Block, reason: str) -> None:
        self.unmapped.append(Unmapped(self.page.path, block.line, block.text[:500], reason))

    def _warn(self, line: int, message: str) -> None:
        self.warnings.append(IngestWarning(self.page.path, line, message))

    # ------------------------------------------------------------ result

    def record(self) -> PageRecord:
        if not self.title:
            self.title = self.page.key.rsplit("/", 1)[-1].replace("-", " ").title()
        roles = [role for role in self.roles if self._states_anything(role)]
        has_role_content = bool(self.family_grades or self.family.reports_to)
        if not roles and has_role_content:
            single = _Role(self.title, self.title_line, 0)
            single.responsibilities, self.family.responsibilities = self.family.responsibilities, []
            single.requirements, self.family.requirements = self.family.requirements, []
            roles = [single]
        self._place_family_statements(roles)
        self._place_grade_rows(roles)
        acronyms = self._acronyms()
        records = self._dedupe([self._role_record(role, acronyms) for role in roles])
        is_team = not records and not self.family.responsibilities and bool(self.related or not self.indicators)
        return PageRecord(
            page=PageInfo(self.page.path, self.page.key, self.page.department),
            title=self.title,
            title_line=self.title_line,
            is_team=is_team,
            acronyms=acronyms,
            descriptions=tuple(self.family.descriptions),
            roles=tuple(records),
            responsibilities=tuple(self.family.responsibilities),
            requirements=tuple(self.family.requirements),
            indicators=tuple(self.indicators),
            hiring=tuple(self.family_hiring),
            career_steps=tuple(self.career_steps),
            specialties=tuple(
                SpecialtyRecord(s.title, s.line, tuple(s.responsibilities), tuple(s.requirements))
                for s in self.specialties
            ),
            related_families=tuple(self.related),
            management=tuple(self.management),
            unmapped=tuple(self.unmapped),
            warnings=tuple(self.warnings),
        )

    def _states_anything(self, role: _Role) -> bool:
        """A heading that names a job but states nothing under it only groups other headings."""
        if role.grade or role.reports_to or role.extensions or role.equivalents or role.responsibilities:
            return True
        if role.requirements or role.hiring or role.descriptions or role.blocks:
            return True
        self._warn(role.line, f"heading '{role.title}' names a job but states nothing under it; not taken as a role")
        return False

    def _place_family_statements(self, roles: list[_Role]) -> None:
        """A grade or reporting line stated once for the page applies where it is unambiguous."""
        grades = self.family_grades
        if grades:
            if len(roles) == 1 and roles[0].grade is None:
                roles[0].grade = grades[0]
            elif any(role.grade is None for role in roles):
                self._warn(
                    grades[0].line,
                    f"grade {grades[0].value} is stated once for a page of {len(roles)} roles; not attached",
                )
        if self.family.reports_to:
            for role in roles:
                if not role.reports_to:
                    role.reports_to.extend(self.family.reports_to)

    def _place_grade_rows(self, roles: list[_Role]) -> None:
        """'| [Staff](...) | [Grade 8](...) |': a grade table row names its role in the first cell."""
        for row in self.grade_rows:
            name = row.cells[0].strip() if row.cells else ""
            number = phrases.grade(row.text)
            matches = [
                r
                for r in roles
                if name and (r.title.lower() == name.lower() or r.title.lower().startswith(name.lower() + " "))
            ]
            if len(matches) == 1 and number is not None:
                if matches[0].grade is None:
                    matches[0].grade = Stated(number, row.line)
            else:
                self._unmapped(row, "grade table row whose first cell names no single role on the page")

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

    def _role_record(self, role: _Role, acronyms: dict[str, str]) -> RoleRecord:
        return RoleRecord(
            title=role.title,
            line=role.line,
            track=track_of(role.title),
            grade=role.grade,
            reports_to=tuple(role.reports_to),
            extensions=tuple(role.extensions),
            equivalents=tuple(role.equivalents),
            responsibilities=tuple(role.responsibilities),
            requirements=tuple(role.requirements),
            hiring=tuple(role.hiring),
            descriptions=tuple(role.descriptions),
            aliases=tuple(aliases(role.title, acronyms)),
        )

    def _dedupe(self, records: list[RoleRecord]) -> list[RoleRecord]:
        seen: dict[str, RoleRecord] = {}
        for record in records:
            key = record.title.lower()
            if key in seen:
                self._warn(
                    record.line,
                    f"role '{record.title}' is defined twice on the page "
                    f"(first at line {seen[key].line}); kept the first",
                )
                continue
            seen[key] = record
        return list(seen.values())


def read_sections(page: Page) -> PageRecord:
    """Map a page's blocks to a PageRecord; what cannot be mapped is listed as unmapped."""
    reader = _PageReader(page)
    for block in page.blocks:
        if reader.role is not None and block.kind is not BlockKind.HEADING:
            reader.role.blocks += 1
        if block.kind is BlockKind.HEADING:
            reader.heading(block)
        elif block.kind is BlockKind.PARAGRAPH:
            reader.paragraph(block)
        elif block.kind is BlockKind.ITEM:
            reader.item(block)
        elif block.kind is BlockKind.ROW:
            reader.row(block)
        else:
            reader._unmapped(block, "raw HTML block")
    return reader.record()
