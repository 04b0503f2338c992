"""Stage 4: resolved page records into RDF triples under the jobkg ontology.

Every node carries its source page (prov:wasDerivedFrom) and line (jobkg:sourceLine).
Facts that link two things (grade, reporting line, extension, equivalence, management,
career step, description) are also reified as rdf:Statement with their own line, so every
fact can be traced to the line that states it.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from pyoxigraph import Literal, NamedNode, Quad

from jobkg.ingest import iris
from jobkg.ingest.profile import load
from jobkg.ingest.records import (
    ExtendsKind,
    HiringStage,
    IngestWarning,
    Item,
    Mention,
    PageRecord,
    RoleRecord,
    Unresolved,
)
from jobkg.ingest.resolve import RoleIndex, external_family_key, family_key, is_specific, linked_page, read_tracks
from jobkg.ingest.titles import base_title, title_key
from jobkg.ontology.vocab import ASSERTED_GRAPH, DCTERMS, JOBKG, ORG, PROV, RDF, RDFS, SKOS, XSD_DECIMAL, XSD_INTEGER

Term = NamedNode | Literal
_STATED_RANK = re.compile(r"\d|^[IVX]+$")  # a level the page numbers ('Level 4', 'IC3', 'II'), not a level word


@dataclass
class MappingStats:
    """What the mapping attached, for the ingest report."""

    role_iris: set[str] = field(default_factory=set)  # a role two pages define (a level file, its index) counts once
    grades: int = 0
    reporting_lines: int = 0
    reporting_to_roles: int = 0
    extensions: int = 0
    unresolved: list[Unresolved] = field(default_factory=list)
    warnings: list[IngestWarning] = field(default_factory=list)

    @property
    def roles(self) -> int:
        return len(self.role_iris)


class _Writer:
    def __init__(self) -> None:
        self.quads: list[Quad] = []
        self.targets: set[str] = set()
        self.located_nodes: set[str] = set()

    def add(self, subject: NamedNode, predicate: NamedNode, obj: Term) -> None:
        self.quads.append(Quad(subject, predicate, obj, ASSERTED_GRAPH))

    def located(self, node: NamedNode, source: NamedNode, line: int) -> None:
        """Where a node is defined: the first page and line that name it. A node named on
        several pages (a shared indicator, a reporting target) keeps one file with its own line;
        each page's link to it is a fact with that page's line."""
        if node.value in self.located_nodes:
            return
        self.located_nodes.add(node.value)
        self.add(node, PROV.wasDerivedFrom, source)
        self.add(node, JOBKG.sourceLine, _int(line))

    def fact(self, subject: NamedNode, predicate: NamedNode, obj: Term, source: NamedNode, line: int) -> None:
        self.add(subject, predicate, obj)
        statement = iris.statement(subject, predicate, obj)
        self.add(statement, RDF.type, RDF.Statement)
        self.add(statement, RDF.subject, subject)
        self.add(statement, RDF.predicate, predicate)
        self.add(statement, RDF.object, obj)
        self.located(statement, source, line)

    def labelled(self, node: NamedNode, cls: NamedNode, label: str) -> None:
        self.add(node, RDF.type, cls)
        self.add(node, RDFS.label, Literal(label))


def _int(value: int) -> Literal:
    return Literal(str(value), datatype=XSD_INTEGER)


class _PageMapper:
    def __init__(
        self, page: PageRecord, index: RoleIndex, writer: _Writer, stats: MappingStats, tracks: dict[str, str]
    ) -> None:
        self.tracks = tracks  # a track's title key -> the family its levels join (resolve.read_tracks)
        self.page = page
        self.index = index
        self.w = writer
        self.stats = stats
        self.source = iris.source(page.page.path)
        self.key = family_key(page)
        self.profile = load(page.page.profile)
        self.iri_of: dict[str, NamedNode] = {role.title: iris.role(self.key, role.title) for role in page.roles}

    def map(self) -> None:
        w, page = self.w, self.page
        w.labelled(self.source, JOBKG.SourcePage, page.page.path)
        w.add(self.source, DCTERMS.identifier, Literal(page.page.path))
        scope = iris.team(self.key) if page.is_team else iris.family(self.key)
        if self.key == page.page.key:  # a level file's family is its folder's, named by its _index page
            w.labelled(scope, JOBKG.Team if page.is_team else JOBKG.JobFamily, page.title)
            w.add(scope, SKOS.prefLabel, Literal(page.title))
            w.located(scope, self.source, page.title_line)
        elif self.key not in self.index.pages:
            label = self.key.rsplit("/", 1)[-1].replace("-", " ").title()
            w.labelled(scope, JOBKG.JobFamily, label)
            w.add(scope, SKOS.prefLabel, Literal(label))
        if page.page.department:
            department = iris.department(page.page.department)
            w.labelled(department, JOBKG.Department, page.page.department.replace("-", " ").title())
            w.add(scope, JOBKG.inDepartment, department)
        for item in page.descriptions:
            w.fact(scope, DCTERMS.description, Literal(item.text), self.source, item.line)
        for mention in page.related_families:
            self._family_link(scope, JOBKG.relatedFamily, mention)
        if page.is_team:
            return
        self._items(scope, page.responsibilities, JOBKG.hasResponsibility, JOBKG.Responsibility, "responsibility")
        self._items(scope, page.requirements, JOBKG.hasRequirement, JOBKG.Requirement, "requirement")
        self._indicators(scope, page.indicators, scope)
        self._stages(scope, page.hiring)
        for mention in page.career_steps:
            self._family_link(scope, JOBKG.careerNextStep, mention)
        for role in page.roles:
            self._role(scope, role)
        for specialty in page.specialties:
            node = iris.specialty(scope, specialty.title)
            w.labelled(node, JOBKG.Specialty, specialty.title)
            w.located(node, self.source, specialty.line)
            w.add(scope, JOBKG.hasSpecialty, node)
            if specialty.applies_to:
                w.fact(node, JOBKG.appliesTo, iris.role(self.key, specialty.applies_to), self.source, specialty.line)
            for mention in specialty.reports_to:
                target = self._position(mention, "specialty reporting line")
                w.fact(node, JOBKG.specialtyReportsTo, target, self.source, mention.line)
            self._items(
                node, specialty.responsibilities, JOBKG.hasResponsibility, JOBKG.Responsibility, "responsibility"
            )
            self._items(node, specialty.requirements, JOBKG.hasRequirement, JOBKG.Requirement, "requirement")
        self._ladder()
        for manager, managed in page.management:
            boss = self._position(manager, "manager")
            report = self._position(managed, "managed role")
            w.fact(boss, JOBKG.manages, report, self.source, managed.line)

    def _linked(self, role: RoleRecord) -> bool:
        """A levels-table row linking to the page that defines the role is that role: it adds
        the row's grade where that page states none, and no role of its own."""
        if not role.href:
            return False
        ref = self.index.resolve(Mention(role.title, role.line, role.href), self.page)
        if ref is None or ref.page is self.page:
            return False
        self.iri_of[role.title] = ref.iri
        if role.grade and ref.role.grade is None:
            self._grade(ref.iri, role)
        return True

    def _grade(self, node: NamedNode, role: RoleRecord) -> None:
        assert role.grade is not None
        grade = iris.grade(role.grade.value)
        self.w.labelled(grade, JOBKG.JobGrade, f"Grade {role.grade.value}")
        self.w.add(grade, JOBKG.gradeNumber, _int(role.grade.value))
        self.w.fact(node, JOBKG.hasGrade, grade, self.source, role.grade.line)
        self.stats.grades += 1

    def _role(self, family: NamedNode, role: RoleRecord) -> None:
        if self._linked(role):
            return
        w = self.w
        node = iris.role(self.key, role.title)
        self.stats.role_iris.add(node.value)
        w.labelled(node, JOBKG.Role, role.title)
        w.add(node, SKOS.prefLabel, Literal(role.title))
        for alias in role.aliases:
            w.add(node, SKOS.altLabel, Literal(alias))
        w.located(node, self.source, role.line)
        track = self.tracks.get(f"{self.page.page.key}/{title_key(role.group)}") if role.group else None
        w.add(node, JOBKG.inFamily, iris.family(track) if track else family)
        if role.level:
            w.add(node, JOBKG.levelLabel, Literal(role.level))
        if role.rank is not None and role.level and _STATED_RANK.search(role.level):
            w.add(node, JOBKG.levelRank, Literal(f"{role.rank:g}", datatype=XSD_DECIMAL))
        w.add(
            node,
            JOBKG.onTrack,
            JOBKG.ManagementTrack if role.track == "management" else JOBKG.IndividualContributorTrack,
        )
        if role.grade:
            self._grade(node, role)
        for mention in role.reports_to:
            target = self._position(mention, "reporting line")
            if target == node:
                self.stats.warnings.append(
                    IngestWarning(
                        self.page.page.path, mention.line, f"'{role.title}' would report to itself; not applied"
                    )
                )
                continue
            w.fact(node, ORG.reportsTo, target, self.source, mention.line)
            self.stats.reporting_lines += 1
            if target.value.startswith(iris.DATA_NS + "role/"):
                self.stats.reporting_to_roles += 1
        for extension in role.extensions:
            self._extension(node, role, extension.kind, extension.target, extension.line)
        for mention in role.equivalents:
            w.fact(node, JOBKG.icEquivalentOf, self._position(mention, "equivalent"), self.source, mention.line)
        for item in role.descriptions:
            w.fact(node, DCTERMS.description, Literal(item.text), self.source, item.line)
        self._items(node, role.responsibilities, JOBKG.hasResponsibility, JOBKG.Responsibility, "responsibility")
        self._items(node, role.requirements, JOBKG.hasRequirement, JOBKG.Requirement, "requirement")
        self._indicators(node, role.indicators, family)
        self._stages(node, role.hiring)

    def _extension(
        self, node: NamedNode, role: RoleRecord, kind: ExtendsKind, target: Mention | None, line: int
    ) -> None:
        if target is None:
            previous = self.index.previous_on_track(self.page, role)
            if previous is None:
                self.stats.warnings.append(
                    IngestWarning(
                        self.page.page.path,
                        line,
                        f"'{role.title}' inherits from 'previous roles' but is the first on its track",
                    )
                )
                return
            other = iris.role(self.key, previous.title)
        else:
            other = self._position(target, "extended role")
        if other == node:
            self.stats.warnings.append(
                IngestWarning(self.page.page.path, line, f"'{role.title}' extends itself; ignored")
            )
            return
        predicates = {
            ExtendsKind.ROLE: (JOBKG.extends, JOBKG.extendsResponsibilities, JOBKG.extendsRequirements),
            ExtendsKind.RESPONSIBILITIES: (JOBKG.extendsResponsibilities,),
            ExtendsKind.REQUIREMENTS: (JOBKG.extendsRequirements,),
        }[kind]
        for predicate in predicates:
            self.w.fact(node, predicate, other, self.source, line)
        self.stats.extensions += 1

    def _unresolved(self, mention: Mention, use: str) -> None:
        """A name this page uses that is no role of the KB: reported, with what it was used for."""
        self.stats.unresolved.append(Unresolved(self.page.page.path, mention.line, mention.label, use))

    def _position(self, mention: Mention, use: str) -> NamedNode:
        """A role of the KB if the mention resolves to one, else a reporting-target node."""
        ref = self.index.resolve(mention, self.page)
        if ref is not None:
            return ref.iri
        specific = is_specific(title_key(mention.label)) and not mention.label.startswith(("a ", "an "))
        node = iris.target(mention.label, None if specific else self.key)
        if node.value not in self.w.targets:
            self.w.targets.add(node.value)
            self.w.labelled(node, JOBKG.ReportingTarget, mention.label)
        self.w.located(node, self.source, mention.line)
        self._unresolved(mention, use)
        return node

    def _items(self, scope: NamedNode, items: tuple[Item, ...], link: NamedNode, cls: NamedNode, kind: str) -> None:
        for index, item in enumerate(items, start=1):
            node = iris.part(scope, kind, index)
            self.w.labelled(node, cls, item.text)
            self.w.located(node, self.source, item.line)
            self.w.add(node, JOBKG.statedFor, scope)
            self.w.add(scope, link, node)
            if item.area:
                self.w.add(node, JOBKG.area, Literal(item.area))
            for detail in item.details:
                self.w.add(node, RDFS.comment, Literal(detail))

    def _indicators(self, subject: NamedNode, items: tuple[Item, ...], family: NamedNode) -> None:
        """The indicators the family (for all its levels) or one level states; an unlinked one
        is one node in its family, whichever level names it."""
        for item in items:
            href = item.links[0].href if item.links and item.links[0].text == item.text else None
            node = iris.indicator(href, family, item.text)
            self.w.labelled(node, JOBKG.PerformanceIndicator, item.text)
            if href:
                self.w.add(node, JOBKG.link, Literal(href))
            self.w.located(node, self.source, item.line)
            self.w.fact(subject, JOBKG.hasPerformanceIndicator, node, self.source, item.line)
            for detail in item.details:
                self.w.add(node, RDFS.comment, Literal(detail))

    def _stages(self, scope: NamedNode, stages: tuple[HiringStage, ...]) -> None:
        for stage in stages:
            node = iris.part(scope, "hiring-stage", stage.order)
            self.w.labelled(node, JOBKG.HiringStage, stage.text)
            self.w.located(node, self.source, stage.line)
            self.w.add(node, JOBKG.stageOrder, _int(stage.order))
            self.w.add(node, JOBKG.statedFor, scope)
            if stage.interviewer:
                self.w.add(node, JOBKG.interviewer, Literal(stage.interviewer))
            if stage.minutes is not None:
                self.w.add(node, JOBKG.durationMinutes, _int(stage.minutes))
            self.w.add(scope, JOBKG.hasHiringStage, node)

    def _family_link(self, scope: NamedNode, predicate: NamedNode, mention: Mention) -> None:
        """A link to another family's page: in the corpus, or on the organisation's site."""
        href = mention.href or ""
        path = linked_page(href, self.page.page.key, self.index.keys, self.profile)
        if path is not None:
            linked = self.index.pages[path]
            if linked.is_team:  # a team page is no family: 'related family' would make it one, unnamed
                self._unresolved(mention, "link to a team page")
                return
            other = iris.family(family_key(linked))
        else:
            path = external_family_key(href, self.profile)
            if path is None:
                self._unresolved(mention, "link to a family")
                return
            other = iris.family(path)
            self.w.labelled(other, JOBKG.JobFamily, mention.label)
        self.w.fact(scope, predicate, other, self.source, mention.line)

    def _ladder(self) -> None:
        """nextLevel steps among this page's roles (a family folder's are stepped together)."""
        if self.page.page.family_key:
            return
        lines = {role.title: role.line for role in self.page.roles}
        for below, above in sorted(ladder_steps(self.page.roles, self._extended_title)):
            line = lines.get(above, self.page.title_line)
            self.w.fact(self.iri_of[below], JOBKG.nextLevel, self.iri_of[above], self.source, line)

    def _extended_title(self, role: RoleRecord, target: Mention | None) -> str | None:
        if target is None:
            previous = self.index.previous_on_track(self.page, role)
            return previous.title if previous else None
        key = title_key(target.label)
        same = [other.title for other in self.page.roles if title_key(other.title) == key]
        return same[0] if len(same) == 1 else None


def ladder_steps(
    roles: tuple[RoleRecord, ...] | list[RoleRecord], extended: Callable[[RoleRecord, Mention | None], str | None]
) -> set[tuple[str, str]]:
    """nextLevel steps on each ladder: by stated grades where two or more roles state one,
    else by the level scale the labels imply (IC1 < IC2, Senior < Staff), plus every stated
    extension. Roles of the same grade are siblings, never a step. Where several roles share
    a grade, a role steps to those above of its own base title (Senior CSM to Staff CSM, not
    to Staff CSE on the same page), else to those above whose base title none of its siblings
    share."""
    steps: set[tuple[str, str]] = set()
    for ladder in {_ladder_of(role) for role in roles}:
        on_ladder = [role for role in roles if _ladder_of(role) == ladder]
        graded = [(role.grade.value, role) for role in on_ladder if role.grade]
        ranked = [(role.rank, role) for role in on_ladder if role.rank is not None]
        ordered = graded if len({g for g, _ in graded}) > 1 else ranked
        values = sorted({value for value, _ in ordered})
        for low, high in itertools.pairwise(values):
            lows = [role for value, role in ordered if value == low]
            highs = [role for value, role in ordered if value == high]
            for below in lows:
                steps.update((below.title, above.title) for above in _steps_up(below, lows, highs))
    titles = {role.title for role in roles}
    for role in roles:
        for extension in role.extensions:
            lower = extended(role, extension.target)
            if lower in titles and lower != role.title:
                steps.add((lower, role.title))
    return steps


def _steps_up(below: RoleRecord, lows: list[RoleRecord], highs: list[RoleRecord]) -> list[RoleRecord]:
    same = [above for above in highs if _base(above) == _base(below)]
    claimed = {_base(role) for role in lows}
    return same or [above for above in highs if _base(above) not in claimed]


def _base(role: RoleRecord) -> str:
    return title_key(base_title(role.title))


def _folder_ladders(pages: list[PageRecord], writer: _Writer) -> None:
    """The levels of a one-file-per-level family are files: their ladder spans the folder."""
    folders: dict[str, list[PageRecord]] = {}
    for page in pages:
        if page.page.family_key:
            folders.setdefault(page.page.family_key, []).append(page)
    for key, members in sorted(folders.items()):
        roles = [role for page in members for role in page.roles if not role.href]
        if len(roles) < 2:
            continue
        by_title = {role.title: role for role in roles}
        steps = ladder_steps(roles, partial(_named_on, by_title))
        for below, above in sorted(steps):
            source = iris.source(next(p.page.path for p in members if by_title[above] in p.roles))
            writer.fact(iris.role(key, below), JOBKG.nextLevel, iris.role(key, above), source, by_title[above].line)


def _named_on(by_title: dict[str, RoleRecord], _role: RoleRecord, target: Mention | None) -> str | None:
    if target is None:
        return None
    key = title_key(target.label)
    found = [title for title in by_title if title_key(title) == key]
    return found[0] if len(found) == 1 else None


def _folder_index(page: PageRecord) -> bool:
    """The _index page of a one-file-per-level family folder."""
    return page.page.family_key == page.page.key


def _ladder_of(role: RoleRecord) -> tuple[str, str, str]:
    """Roles compared on one ladder: same track, same table group, same kind of label
    (level words, or codes with the same letters: IC1 < IC2, never IC2 < M1)."""
    scale = re.sub(r"\d+", "#", role.level) if role.level and re.search(r"\d", role.level) else "words"
    return role.track, role.group or "", scale


def map_pages(
    pages: list[PageRecord], sink: Callable[[list[Quad]], None], tracks: dict[str, str] | None = None
) -> MappingStats:
    """Map every page, handing each page's quads to sink as soon as they are made, so a large
    corpus never sits in memory as Python objects. Names are resolved across all pages; tracks
    are the career tracks resolve.read_tracks found (read here when not given)."""
    if tracks is None:
        pages, tracks = read_tracks(pages)
    index = RoleIndex(pages)
    writer = _Writer()
    stats = MappingStats()
    titles = Counter(page.title.lower() for page in pages if not page.is_team and not _folder_index(page))
    # Level files first: a role an index page also names keeps its level file as its source.
    for page in sorted(pages, key=_folder_index):
        if titles[page.title.lower()] > 1:
            message = f"another page has the same family title '{page.title}'"
            stats.warnings.append(IngestWarning(page.page.path, page.title_line, message))
        _PageMapper(page, index, writer, stats, tracks).map()
        sink(writer.quads)
        writer.quads = []
    _folder_ladders(pages, writer)
    sink(writer.quads)
    writer.quads = []
    for page, mention, candidates in index.ambiguous:
        names = ", ".join(sorted({f"{c.role.title} ({c.page.page.path})" for c in candidates}))
        stats.warnings.append(IngestWarning(page.page.path, mention.line, f"'{mention.label}' is ambiguous: {names}"))
    return stats
