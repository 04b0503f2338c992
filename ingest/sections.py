"""The read of a page: its markdown blocks, through the page's profile, into a draft that
assemble.py turns into a ``PageRecord``. The whole spine: markdown.py (blocks with lines) ->
outline.py (the heading tree) -> candidates.py (what each heading is, from evidence) -> this read
-> assemble.py (the page's record) -> resolve.py (names across pages) -> triples.py.

One pass reads the blocks with the stack of open headings: the nearest role or specialty is the
scope a block belongs to, the nearest section says what it is. What a specialty's section states
is the specialty's. Grades, reporting lines, inheritance, equivalence and management sentences
are read where they stand; where a family-scope sentence goes is decided by the assembly.
Tables and front-matter ladders are read by tables.py and ladders.py.
"""

from __future__ import annotations

import re

from jobkg.ingest import phrases
from jobkg.ingest.assemble import assemble
from jobkg.ingest.candidates import FIRST_PERSON, inside_one_role, is_statement, page_roles, plan
from jobkg.ingest.drafts import (
    ITEM_SECTIONS,
    SECTIONS,
    OpenHeading,
    PageDraft,
    RoleDraft,
    Section,
    SpecialtyDraft,
    item_label,
    label_section,
    level_pair,
    stated_level,
)
from jobkg.ingest.ladders import ladder_roles
from jobkg.ingest.outline import ROLE_SECTIONS, Decision, Kind
from jobkg.ingest.profile import Profile, detect, load
from jobkg.ingest.records import (
    Block,
    BlockKind,
    ExtendsKind,
    Extension,
    HiringStage,
    Item,
    Mention,
    Page,
    PageRecord,
    Stated,
)
from jobkg.ingest.tables import Table

# a paragraph that describes the role rather than states one of its expectations
_INTRODUCES = re.compile(
    r"(?i)^(?:as\s+an?\b|this\s+(?:role|level|position)\b|(?:[\w'’()-]+\s+){0,6}?(?:is|are|was|were|will\s+be)\b|"
    r"(?:see|read|note|for\s+more|more\s+about|learn\s+more)\b)"
)
_GRADE_SUBJECT = re.compile(r"^(?:the\s+)?(?P<subject>.+?)\s+(?:is|are)\s+(?:a|an)?\s*(?:job\s+)?grade\b", re.I)


class _PageReader(PageDraft):
    """One pass over a page's blocks with the stack of open headings."""

    # ------------------------------------------------------------ where a block belongs

    def scope(self) -> RoleDraft | SpecialtyDraft | None:
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
            self.scope(), SpecialtyDraft | RoleDraft
        )

    # ------------------------------------------------------------ headings

    def heading(self, index: int, block: Block) -> None:
        decision = self.plan.get(index, Decision(Kind.OTHER))
        self.label = None
        keep_role = decision.kind is Kind.SECTION and decision.section in ROLE_SECTIONS
        while self.open and self.open[-1].depth >= block.level:
            top = self.open[-1]
            if keep_role and isinstance(top.scope, RoleDraft) and top.depth == block.level and not decision.title:
                break  # '### Senior X' then '### Job Grade': the grade is still Senior X's
            self.open.pop()
        text = block.text.strip().strip("*_ ").rstrip(":").strip()
        if decision.kind is Kind.ROLE:
            role = RoleDraft(decision.title, block.line, block.level, decision.level, decision.rank)
            self.roles.append(role)
            section = SECTIONS.get(decision.section or "")
            self.open.append(OpenHeading(block.level, Kind.ROLE, scope=role, section=section, text=text))
        elif decision.kind is Kind.SPECIALTY:
            parent = self.scope()
            applies = parent.title if isinstance(parent, RoleDraft) else None
            specialty = SpecialtyDraft(decision.title, block.line, block.level, applies)
            self.specialties.append(specialty)
            self.open.append(OpenHeading(block.level, Kind.SPECIALTY, scope=specialty, text=text))
        elif decision.kind is Kind.SECTION:
            owner = self.role_named(decision.title) if decision.title else None
            section = SECTIONS[decision.section or ""]
            current = self.scope()
            named_owner = owner if owner is not None and owner is not current else None
            self.open.append(OpenHeading(block.level, Kind.SECTION, scope=named_owner, section=section, text=text))
        elif decision.kind is Kind.SPECIALTIES:
            self.open.append(OpenHeading(block.level, Kind.SPECIALTIES, section=Section.SPECIALTIES, text=text))
        elif decision.kind is Kind.LEVELS:
            self.open.append(OpenHeading(block.level, Kind.LEVELS, section=Section.LEVELS, text=text))
        elif decision.kind is Kind.TITLE:
            self.open.append(OpenHeading(block.level, Kind.TITLE, text=text))
        elif decision.kind is Kind.SKIP:
            self.open.append(OpenHeading(block.level, Kind.SKIP, section=Section.NOT_EXPECTED, text=text))
        else:
            scope = self.scope()
            if self.section() is None and is_statement(text) and not isinstance(scope, SpecialtyDraft):
                item = Item(text, block.line, block.links, area=self.area())
                if isinstance(scope, RoleDraft):
                    self._add_item(scope.responsibilities, item)
                elif not self.in_specialties():  # a single-role page's, once it is one
                    self.report_unmapped(block, "statement heading at the family's scope, which jobkg does not map")
                    self.loose.append((item, self.unmapped[-1]))
            self.open.append(OpenHeading(block.level, Kind.OTHER, text=text))

    # ------------------------------------------------------------ content

    def paragraph(self, block: Block) -> None:
        label = label_section(block.text, self.profile)
        if label is not None:
            self.label = label
            return
        if block.text.rstrip().endswith(":"):  # a lead-in to a list that is no one's duties ('Examples include:')
            self.label = None
        scope = self.scope()
        section = self.section()
        consumed = self._statements(block, scope)
        if section in ITEM_SECTIONS and isinstance(scope, RoleDraft | None):
            if phrases.is_family_inheritance(block.text):
                return
            found = phrases.extension(block.text, block.line, block.links)
            if found:
                holder = scope or self.family
                holder.extensions.append(Extension(self._section_kind(found[0]), block.line, found[1]))
                return
        if section is Section.CAREER:
            steps = self.page_links(block)
            if steps:
                self.career_steps.extend(steps)
                return
        if consumed:
            return
        if section is Section.NOT_EXPECTED:
            self.report_unmapped(block, f"under '{self._heading_text()}': what not to do, not an expectation")
            return
        if isinstance(scope, RoleDraft) and section is None and self._states_an_expectation(block, scope):
            return
        if section is Section.OTHER or (section is None and self.area() is not None and scope is None):
            self.report_unmapped(block, f"under heading '{self._heading_text()}', which jobkg does not map")
        elif isinstance(scope, SpecialtyDraft):
            self.report_unmapped(block, f"paragraph in specialty '{scope.title}'")
        elif self.area() is not None:
            self.report_unmapped(block, f"under heading '{self.area()}', which jobkg does not map")
        else:
            (scope or self.family).descriptions.append(Item(block.text, block.line, block.links))

    def _states_an_expectation(self, block: Block, role: RoleDraft) -> bool:
        """A paragraph right under a level that is one statement is one of its items: a
        first-person line ('I own my work'), a requirement line ('Experience: 3-5 years'), or,
        on a level that lists nothing, a short statement ('Submits bug reports for issues.'); a
        longer paragraph or one that describes the role ('As a Senior X, you ...') stays its
        description."""
        text = block.text.strip(" *_")
        item = Item(text, block.line, block.links, area=self.area())
        if any(pattern.search(text) for pattern in self.profile.requirement_lines):
            self._add_item(role.requirements, item)
            return True
        if FIRST_PERSON.match(text):
            self._add_item(role.responsibilities, item)
            return True
        if len(phrases.sentences(text)) <= 2 and len(text) <= 300 and not _INTRODUCES.match(text):
            role.statements.append(item)  # its items if the level has no list of its own (assemble.py)
            return True
        return False

    def open_page_role(self, titles: list[str]) -> None:
        """The page is one role (two equivalent ones, 'X / Y'): its scope holds the whole page."""
        label, rank = stated_level(self.page.meta) or level_pair(titles[0], self.profile)
        role = RoleDraft(titles[0], self.title_line, 0, label, rank, twins=titles[1:])
        self.roles.append(role)
        self.whole_page = True
        self.open.append(OpenHeading(0, Kind.ROLE, scope=role, text=titles[0]))

    def _heading_text(self) -> str:
        return self.open[-1].text if self.open else ""

    def _section_kind(self, kind: ExtendsKind) -> ExtendsKind:
        if kind is ExtendsKind.ROLE:
            return kind
        return ExtendsKind.RESPONSIBILITIES if self.section() is Section.RESPONSIBILITIES else ExtendsKind.REQUIREMENTS

    def _statements(self, block: Block, scope: RoleDraft | SpecialtyDraft | None) -> bool:
        """Grade, reporting, extension, equivalence and management sentences; True if any."""
        found = False
        lowered = block.text.lower()
        if scope is None and phrases.is_cumulative(block.text):
            self.cumulative = self.cumulative or block.line
            found = True
        if self.section() is Section.GRADE or "grade" in lowered or block.links:
            for offset, sentence in phrases.sentences(block.text) if "grade" in lowered else [(0, block.text)]:
                number = phrases.grade(sentence, block.links, self.profile)
                if number is not None:
                    found = True
                    self._grade(block, scope, number, sentence, block.line_at(offset))
        managed = (
            phrases.direct_reports(block.text, block.line, block.links, self.profile) if "report" in lowered else []
        )
        if managed and isinstance(scope, RoleDraft):
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
        if isinstance(scope, SpecialtyDraft):
            return found
        if self.section() not in ITEM_SECTIONS:
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

    def _reports(self, block: Block, scope: RoleDraft | None) -> bool:
        """A duty bullet that is a reporting line ('Report directly to the CEO'); True if it was."""
        title = scope.title if scope is not None else self.title
        found = [r for r in phrases.states_reporting(block, self.profile, title) if r.targets]
        for reporting in found:
            self._reporting(block, scope, reporting)
        return bool(found)

    def _grade(
        self, block: Block, scope: RoleDraft | SpecialtyDraft | None, number: int, sentence: str, line: int
    ) -> None:
        """A grade sentence ('The Senior X is a grade 7.'), at the line it stands on."""
        stated = Stated(number, line)
        if isinstance(scope, SpecialtyDraft):
            self.report_unmapped(block, f"grade stated inside specialty '{scope.title}'; a specialty has no grade")
        elif scope is None:
            subject = _GRADE_SUBJECT.match(sentence)
            self.family_grades.append((stated, subject.group("subject").strip(" *") if subject else ""))
        elif scope.grade is None:
            scope.grade = stated
        elif scope.grade.value != number:
            self.warn(
                block.line, f"'{scope.title}' states grade {scope.grade.value} and grade {number}; kept the first"
            )

    def _reporting(self, block: Block, scope: RoleDraft | SpecialtyDraft | None, reporting: phrases.Reporting) -> None:
        if reporting.refused:
            self.report_unmapped(block, reporting.refused)
        elif scope is None:
            self.family_reports.append((reporting, block))
        elif isinstance(scope, SpecialtyDraft):
            scope.reports_to.extend(reporting.targets)
        else:
            self.role_reports.append((reporting, block, scope))

    def item(self, block: Block) -> None:
        self.list_items += 1
        if block.level > 1 and block.parent_line in self.items_by_line:
            items, index = self.items_by_line[block.parent_line]
            parent = items[index]
            if id(items) in self.indicator_lists:  # an indicator's sub-items explain it
                items[index] = Item(parent.text, parent.line, parent.links, (*parent.details, block.text), parent.area)
                self.items_by_line[block.line] = (items, index)
                return
            # a duty's sub-items are duties of their own; a parent that only labels them
            # ('Impact:', 'You have:') is their area, not an item
            self.parents.add(parent.line)
            area = item_label(parent.text) or parent.area
            self._add_item(items, Item(block.text, block.line, block.links, area=area))
            return
        if block.level > 1 and block.parent_line in self.unmapped_lines:
            self.report_unmapped(block, "sub-item of an item jobkg did not map")
            return
        scope = self.scope()
        section = self.section()
        if section is Section.NOT_EXPECTED:
            self.report_unmapped(block, f"under '{self._heading_text()}': what not to do, not an expectation")
        elif isinstance(scope, SpecialtyDraft):
            self._specialty_item(block, scope, section)
        elif section in ITEM_SECTIONS:
            if phrases.may_report(block.text) and self._reports(block, scope):
                return
            self._duty(block, scope or self.family, section)
        elif section is Section.INDICATORS:  # 'Staff CSM Performance Indicators': that level's own
            named = scope is not None and _heading_names(self._heading_text(), scope.title)
            indicators = scope.indicators if scope is not None and named else self.indicators
            self.indicator_lists.add(id(indicators))
            self._add_item(indicators, Item(block.text, block.line, block.links))
        elif section is Section.HIRING:
            stages = scope.hiring if scope is not None else self.family_hiring
            who, minutes = phrases.hiring_stage(block.text)
            stages.append(HiringStage(len(stages) + 1, block.text, block.line, who, minutes))
        elif section is Section.CAREER:
            steps = self.page_links(block)
            if steps:
                self.career_steps.extend(steps)
            else:
                self.family.descriptions.append(Item(f"Career ladder: {block.text}", block.line, block.links))
        elif section is Section.SPECIALTIES:
            if not re.search(r"\bno specialt", block.text, re.IGNORECASE):
                self.specialties.append(SpecialtyDraft(block.text.split(":")[0].strip(), block.line, 99))
        elif section is Section.LEVELS:
            self.report_unmapped(block, "list of levels under a levels heading (navigation, not a level's content)")
        elif self._statements(block, scope):
            return
        elif scope is not None:  # a level's own bullets with no section heading: its responsibilities
            self._duty(block, scope, Section.RESPONSIBILITIES)
        elif (self.area() is None and self.page_links(block) and section is None) or (
            self.area() is not None and self.page_links(block)
        ):
            self.related.extend(self.page_links(block))
        else:
            where = f"heading '{self.area()}'" if self.area() else f"{section.value} section" if section else None
            self.report_unmapped(block, f"list item under {where or 'no section heading'}, which jobkg does not map")
            if scope is None and section in (None, Section.OTHER) and not self.in_specialties():
                item = Item(block.text, block.line, block.links, area=self.area())
                self.loose.append((item, self.unmapped[-1]))
                self.items_by_line[block.line] = ([item], 0)

    def _duty(self, block: Block, holder: RoleDraft, section: Section) -> None:
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

    def _specialty_item(self, block: Block, specialty: SpecialtyDraft, section: Section | None) -> None:
        if phrases.may_report(block.text) and self._statements(block, specialty):
            return
        if section is Section.REQUIREMENTS or section is Section.NICE_TO_HAVE:
            self._add_item(specialty.requirements, Item(block.text, block.line, block.links, area=self.area()))
        elif section in (None, Section.RESPONSIBILITIES):
            self._add_item(specialty.responsibilities, Item(block.text, block.line, block.links, area=self.area()))
        else:
            self.report_unmapped(
                block, f"{section.value} item of specialty '{specialty.title}', which jobkg does not map"
            )

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


_INDICATOR_WORDS = re.compile(r"\b(?:key\s+)?(?:performance\s+indicators?|kpis?|metrics)\b[:\s]*$", re.IGNORECASE)


def _heading_names(heading: str, title: str) -> bool:
    """A section heading that names the role it sits under ('Staff CSM Performance Indicators'
    under 'Staff CSM'); a bare 'Performance Indicators' there may hold the family's (a page says
    'job-family performance indicators' under its first level), so it names none."""
    named = " ".join(_INDICATOR_WORDS.sub("", heading).casefold().split())
    return bool(named) and (named in title.casefold() or title.casefold() in named)


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
    if not reader.title and page.title_line is None:
        reader.title_line = next((b.line for b in page.blocks if b.kind is BlockKind.HEADING), 1)
    reader.plan = plan(page.blocks, chosen, reader.title)
    family_index = page.family_key is not None and page.family_key == page.key
    whole = page_roles(page.blocks, reader.plan, reader.title, family_index, reader.is_page_link, chosen)
    if whole:
        reader.open_page_role(whole)
        reader.plan = inside_one_role(reader.plan, page.blocks)
    ladder = ladder_roles(page, chosen, reader.title)
    for index, block in enumerate(page.blocks):
        if block.kind is not BlockKind.ROW:
            reader.close_table()
        if block.kind is not BlockKind.HEADING:
            scope = reader.scope()
            if isinstance(scope, RoleDraft):
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
            reader.report_unmapped(block, "raw HTML block")
    return assemble(reader, ladder)
