"""Stage 4 of a page: the draft a read gathered (drafts.py) into a typed ``PageRecord``.

Decisions that need the whole page are made here, never during the read: the roles tables and
front-matter ladders define; headings that named a job but stated nothing; whether a page with
no levels is one role (a job description, a role handbook: its title reads like one job's and it
states duties); where grades and reporting lines stated at the family's scope go (the level their
subject names, the levels a plural level word names, every level when the subject is everyone,
the page's one role); levels that add to earlier levels; roles defined twice.
"""

from __future__ import annotations

import re
from dataclasses import replace

from jobkg.ingest import phrases
from jobkg.ingest.drafts import PageDraft, RoleDraft, Section, level_pair, stated_level, track_of_group
from jobkg.ingest.outline import family_base, level_of, names_role
from jobkg.ingest.records import (
    Block,
    BlockKind,
    ExtendsKind,
    Extension,
    Mention,
    PageInfo,
    PageRecord,
    RoleRecord,
    SpecialtyRecord,
    Stated,
    Unmapped,
)
from jobkg.ingest.tables import TableRole, read_table
from jobkg.ingest.titles import aliases, names_one_role, page_role_titles, track_of

_ACRONYM = re.compile(r"((?:[A-Z][\w&-]*\s+){1,6}[A-Z][\w-]*)\s+\(([A-Z]{2,6})\)")


def assemble(draft: PageDraft, ladder: list[TableRole]) -> PageRecord:
    """The page record of a finished read; ladder: the levels its front matter lists."""
    return _Assembler(draft).record(ladder)


class _Assembler:
    def __init__(self, draft: PageDraft) -> None:
        self.draft = draft

    def record(self, ladder: list[TableRole]) -> PageRecord:
        self._read_tables()
        self.draft.roles.extend(self._table_role(found) for found in ladder)
        roles = [role for role in self.draft.roles if self._states_anything(role)]
        roles = self._family_statements(roles)
        roles = [twin for role in roles for twin in _with_twins(role)]
        acronyms = self._acronyms()
        records = self._dedupe([self._role_record(role, acronyms) for role in roles])
        family_index = self.draft.page.family_key == self.draft.page.key  # its levels are the files beside it
        is_team = not family_index and not records and not self.draft.family.responsibilities
        is_team = is_team and bool(self.draft.related or not self.draft.indicators)
        no_role = None if records or family_index else self._why_no_role(is_team)
        if no_role:
            self.draft.warn(self.draft.title_line, no_role)
        return PageRecord(
            page=PageInfo(
                self.draft.page.path,
                self.draft.page.key,
                self.draft.page.department,
                self.draft.page.family_key,
                self.draft.source,
            ),
            title=self.draft.title,
            title_line=self.draft.title_line,
            is_team=is_team,
            acronyms=acronyms,
            descriptions=tuple(self.draft.family.descriptions),
            roles=tuple(records),
            responsibilities=self.draft.kept(self.draft.family.responsibilities),
            requirements=self.draft.kept(self.draft.family.requirements),
            indicators=tuple(self.draft.indicators),
            hiring=tuple(self.draft.family_hiring),
            career_steps=tuple(self.draft.career_steps),
            specialties=tuple(
                SpecialtyRecord(
                    s.title,
                    s.line,
                    self.draft.kept(s.responsibilities),
                    self.draft.kept(s.requirements),
                    tuple(s.reports_to),
                    s.applies_to,
                )
                for s in self.draft.specialties
            ),
            related_families=tuple(self.draft.related),
            management=tuple(self.draft.management),
            unmapped=tuple(self.draft.unmapped),
            warnings=tuple(self.draft.warnings),
            list_items=self.draft.list_items,
            no_role_reason=no_role,
            single_role=self.draft.whole_page and bool(records),
        )

    def _why_no_role(self, is_team: bool) -> str:
        if is_team and self.draft.related:
            links = len(self.draft.related)
            return f"'{self.draft.title}' reads as a team page (links to {links} families); it defines no role"
        if self.draft.family.responsibilities or self.draft.family.requirements:
            return (
                f"'{self.draft.title}' lists duties but defines no level: no level headings, levels table, "
                "grade or reporting line (a family whose levels may be on another page)"
            )
        return (
            f"no role found on '{self.draft.title}': no level headings, levels table, grade, reporting line or duties"
        )

    def _read_tables(self) -> None:
        headed = [role.title for role in self.draft.roles]  # levels the headings define; tables may grade them
        for table, scope, section in self.draft.tables:
            result = read_table(table, self.draft.profile, family_base(self.draft.title, self.draft.profile), headed)
            for link_row in result.link_rows:
                links = self.draft.page_links(link_row)
                if not links:
                    self.draft.report_unmapped(link_row, "table row")
                (self.draft.career_steps if section is Section.CAREER else self.draft.related).extend(links)
            for row, number, title in result.grades:
                role = self.draft.role_named(title)
                if role is not None and role.grade is None:
                    role.grade = Stated(number, row.line)
            for row, reason in result.unmapped:
                self.draft.report_unmapped(row, reason)
            if result.roles and scope is None:
                self.draft.roles.extend(self._table_role(found, table.heading) for found in result.roles)
            elif result.roles:
                where = f"'{scope.title}'" if scope is not None else "a section"
                for found in result.roles:
                    reason = f"a levels table inside {where}, not at the family's level"
                    self.draft.unmapped.append(Unmapped(self.draft.page.path, found.line, found.title, reason, "row"))

    def _table_role(self, found: TableRole, heading: str | None = None) -> RoleDraft:
        """A role a table row (or column, or a front-matter ladder) names. Its ladder is its track
        column's; the column or the table's heading ('#### Manager Titles') may say its track."""
        role = RoleDraft(found.title, found.line, 99, found.level, found.rank, group=found.group, href=found.href)
        role.track = track_of_group(found.group) or track_of_group(heading)
        if found.grade is not None:
            role.grade = Stated(found.grade, found.line)
        role.responsibilities.extend(found.items)
        role.blocks = 1
        return role

    def _states_anything(self, role: RoleDraft) -> bool:
        """A heading that names a job but states nothing under it only groups other headings."""
        if role.grade or role.reports_to or role.extensions or role.equivalents or role.responsibilities:
            return True
        if role.requirements or role.hiring or role.descriptions or role.blocks:
            return True
        self.draft.warn(
            role.line, f"heading '{role.title}' names a job but states nothing under it; not taken as a role"
        )
        return False

    def _family_statements(self, roles: list[RoleDraft]) -> list[RoleDraft]:
        """Grades and reporting lines stated at the family's scope go to the level their subject
        names, to every level when the subject is everyone, or to the page's one role."""
        if not roles and len({subject for _, subject in self.draft.family_grades if subject}) > 1:
            roles = self._roles_named_by_grades()  # 'The Senior X is a grade 7. The Staff X is a grade 8.'
        if not roles and self._single_role_page():
            roles = self._page_roles()
        for stated, subject in self.draft.family_grades:
            named = self._named_role(subject, roles)
            if named is not None:
                named.grade = named.grade or stated
            elif len(roles) == 1 and roles[0].grade is None:
                roles[0].grade = stated
            else:
                where = f"'{subject}'" if subject else "no role"
                self.draft.warn(
                    stated.line,
                    f"grade {stated.value} is stated for {where}, not a single level of the page; not attached",
                )
        own = {id(role) for _, _, role in self.draft.role_reports}  # levels that state a line under their heading
        for reporting, block, role in self.draft.role_reports:
            self._role_reporting(reporting, block, role, roles, own)
        for reporting, block in self.draft.family_reports:
            self._family_reporting(reporting, block, roles)
        for role in roles:
            role.reports_to = list({m.label.lower(): m for m in role.reports_to}.values())
        if self.draft.cumulative:
            self._each_extends_the_one_below(roles)
        for mention in self.draft.family_managed:
            if len(roles) == 1:
                self.draft.management.append((Mention(roles[0].title, mention.line), mention))
            else:
                self.draft.warn(mention.line, f"'{mention.label}' reports to no single level of the page; not attached")
        return roles

    def _role_reporting(
        self, reporting: phrases.Reporting, block: Block, role: RoleDraft, roles: list[RoleDraft], own: set[int]
    ) -> None:
        """A line under a level is that level's, unless it is about someone else: another level
        that reports to this one ('..., and the Product Design Manager reports to <this>'), another
        level that states no line of its own, or everyone ('Technical Writers report to <this>').
        A sentence naming another level that has its own line is a copy slip: this level's."""
        subject = phrases.subject_name(reporting.subject)
        named = self._named_role(subject, roles)
        to_me = any(names_role(m.label, role.title) for m in reporting.targets)
        other = named is not None and named is not role and not names_role(subject, role.title)
        if named is not None and other and (to_me or id(named) not in own):
            named.reports_to.extend(reporting.targets)
        elif (subject and phrases.is_everyone(reporting.subject, self.draft.profile)) or to_me:
            self.draft.report_unmapped(block, f"reporting line of '{subject}', not of the level '{role.title}'")
        else:
            role.reports_to.extend(reporting.targets)

    def _single_role_page(self) -> bool:
        """A page with no levels that is one role: a level file of a family folder, a page that
        states a grade or reporting line for its title, whose title is a level of a job ('Chief
        Financial Officer', 'VP, IT'), or whose title reads like one job's and that states duties
        of its own (a job description, a role handbook). A page that lists duties of a track or a
        team, or links to other families, is a family or a team, not a role."""
        if not self.draft.title:
            return False
        if self.draft.family_grades or self.draft.family_reports:
            return True
        duties = bool(self.draft.family.responsibilities or self.draft.family.requirements or self.draft.loose)
        level_file = self.draft.page.family_key and self.draft.page.key != self.draft.page.family_key
        named = bool(page_role_titles(self.draft.title)) or level_of(self.draft.title, self.draft.profile).label
        if level_file and duties and named:
            return True  # a level file: its duties are the level's (not an 'Introduction to the framework')
        if len(self.draft.related) > 1 or self.draft.page.family_key == self.draft.page.key:
            return False  # a team page relating families, a family folder's index
        if level_of(self.draft.title, self.draft.profile).label is not None:
            return True
        titles = page_role_titles(self.draft.title)
        return bool(titles) and (duties or names_one_role(self.draft.title) or self._prose_names(titles))

    def _prose_names(self, titles: list[str]) -> bool:
        """The page's prose speaks of its title as a job: 'As a Tech Fellow, you ...'."""
        wanted = [re.compile(rf"\b{re.escape(title)}s?\b", re.IGNORECASE) for title in titles]
        return any(
            block.kind is BlockKind.PARAGRAPH and any(pattern.search(block.text) for pattern in wanted)
            for block in self.draft.page.blocks
        )

    def _page_roles(self) -> list[RoleDraft]:
        """The page's one role (two when its title names two equivalent ones, 'X / Y'), with
        what the page states at its own scope and the items under headings of its own."""
        titles = page_role_titles(self.draft.title) or [self.draft.title]
        roles = []
        stated = stated_level(self.draft.page.meta)
        for title in titles:
            role = RoleDraft(title, self.draft.title_line, 0, *(stated or level_pair(title, self.draft.profile)))
            role.responsibilities = [*self.draft.family.responsibilities, *(item for item, _ in self.draft.loose)]
            role.requirements = list(self.draft.family.requirements)
            role.extensions = list(self.draft.family.extensions)
            role.hiring = list(self.draft.family_hiring)
            roles.append(role)
        self.draft.whole_page = True
        taken = {id(unmapped) for _, unmapped in self.draft.loose}
        self.draft.unmapped = [u for u in self.draft.unmapped if id(u) not in taken]
        self.draft.family.responsibilities, self.draft.family.requirements, self.draft.family.extensions = [], [], []
        self.draft.family_hiring, self.draft.loose = [], []
        return roles

    def _roles_named_by_grades(self) -> list[RoleDraft]:
        """'The Senior X is a grade 7. The Staff X is a grade 8.' under one Job Grade heading."""
        roles: list[RoleDraft] = []
        for stated, subject in self.draft.family_grades:
            if subject and not self._named_role(subject, roles) and len(subject.split()) <= 8:
                roles.append(RoleDraft(subject, stated.line, 0, *level_pair(subject, self.draft.profile)))
        return roles

    def _named_role(self, subject: str, roles: list[RoleDraft]) -> RoleDraft | None:
        """The role a sentence's subject names (the longest title it starts with)."""
        if not subject or phrases._THIS.match(subject):
            return None
        name = re.sub(r"^(?:the|a|an)\s+", "", subject, flags=re.I)
        named = [role for role in roles if phrases.starts_with_title(name, role.title)]
        return max(named, key=lambda role: len(role.title), default=None)

    def _family_reporting(self, reporting: phrases.Reporting, block: Block, roles: list[RoleDraft]) -> None:
        subject = phrases.subject_name(reporting.subject)
        named = self._named_role(subject, roles)
        about_the_page = (
            not subject
            or phrases._THIS.match(subject)
            or phrases.starts_with_title(subject, self.draft.title)
            or names_role(subject, self.draft.title)
        )
        levelled = self._roles_at_level(subject, roles)
        if named is not None:
            named.reports_to.extend(reporting.targets)
        elif levelled:  # 'All Principals report to our CTO': the Principal levels, not every level
            for role in levelled:
                role.reports_to.extend(reporting.targets)
        elif phrases.is_everyone(reporting.subject, self.draft.profile) and roles:
            for role in roles:
                if not role.reports_to:
                    role.reports_to.extend(reporting.targets)
        elif len(roles) == 1 and about_the_page:
            roles[0].reports_to.extend(reporting.targets)
        else:
            who = f"'{reporting.subject}'" if reporting.subject else "no one in particular"
            self.draft.report_unmapped(block, f"reporting line stated at the family's scope for {who}; not one level's")

    def _each_extends_the_one_below(self, roles: list[RoleDraft]) -> None:
        """'Expectations for a level add to those of earlier levels': every level but the first
        of its track (and its table group) extends the one before it, as if each said so."""
        seen: set[tuple[str, str | None]] = set()
        for role in roles:
            ladder = (role.track or track_of(role.title), role.group)
            if ladder in seen and not role.extensions:
                role.extensions.append(Extension(ExtendsKind.ROLE, self.draft.cumulative))
            seen.add(ladder)

    def _roles_at_level(self, subject: str, roles: list[RoleDraft]) -> list[RoleDraft]:
        """The levels a plural subject names by their level word: 'All Principals' -> the roles
        labelled Principal (only when the word is a level of the profile's scale)."""
        words = re.sub(r"(?i)^(?:all|every|each|our|the)\s+", "", subject).strip()
        word = phrases.singular(words) if words.endswith("s") else ""
        if not word or word.lower() not in self.draft.profile.level_scale():
            return []
        return [role for role in roles if (role.label or "").lower() == word.lower()]

    def _acronyms(self) -> dict[str, str]:
        texts = [self.draft.title, str(self.draft.page.meta.get("description") or "")]
        texts += [item.text for item in self.draft.family.descriptions]
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

    def _role_record(self, role: RoleDraft, acronyms: dict[str, str]) -> RoleRecord:
        if role.statements and not role.responsibilities:
            role.responsibilities = role.statements  # a level written as one statement per line
        else:
            role.descriptions.extend(role.statements)
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
            responsibilities=self.draft.kept(role.responsibilities),
            requirements=self.draft.kept(role.requirements),
            hiring=tuple(role.hiring),
            indicators=tuple(role.indicators),
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
                self.draft.warn(
                    record.line,
                    f"role '{record.title}' is defined twice on the page (first at line {first}); kept the first",
                )
                continue
            seen[key] = record
            kept.append(record)
        return kept


def _with_twins(role: RoleDraft) -> list[RoleDraft]:
    """A role and the equivalent roles its page names with it, each with what the page states."""
    twins = [replace(role, title=title, twins=[]) for title in role.twins]
    for twin in twins:
        twin.label, twin.rank = None, None
    return [role, *twins]


def _retitled(record: RoleRecord, title: str) -> RoleRecord:
    return replace(record, title=title)
