"""Role views: a role with everything the pages state about it, its explanation (where each
inherited item and each reporting step comes from) and what the app's role page shows.

Typed, frozen records built from canned queries only, through any ``Runner`` (the
KnowledgeBase is one), so the same views come from the embedded store and from an endpoint.
``to_dict()`` gives the JSON the CLI prints.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace

from jobkg.queries import cells
from jobkg.queries.backends import Row
from jobkg.queries.catalog import Runner
from jobkg.superseded import superseded_by


@dataclass(frozen=True)
class Source:
    """The file (relative to the folder given) and 1-based line that state something."""

    file: str
    line: int


@dataclass(frozen=True)
class Position:
    """A position a role points at: a role of the KB, or a target named on a page."""

    label: str
    iri: str


@dataclass(frozen=True)
class RoleItem:
    """A responsibility or requirement; inherited_from names the role that states it, and
    superseded_by the role's own item that restates it with other years (jobkg.superseded)."""

    text: str
    inherited_from: str | None
    line: int
    superseded_by: str | None = None
    from_family: bool = False  # stated on the family's page for all its levels, not by another role


@dataclass(frozen=True)
class Role:
    iri: str
    title: str
    family: str
    department: str | None
    grade: int | None
    track: str
    source: Source
    level: str | None = None  # the level label as the page writes it ("Senior", "IC3", "Level 5")
    rank: float | None = None  # the level's number where the page numbers it ("Level 5" -> 5), else None
    reports_to: tuple[Position, ...] = ()
    extends: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    responsibilities: tuple[RoleItem, ...] = ()
    requirements: tuple[RoleItem, ...] = ()
    performance_indicators: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        """The role as JSON-ready dicts and lists (what dataclasses.asdict gives, without its
        deep copies: a saved KB writes every role so)."""
        data = dict(vars(self))
        data["source"] = dict(vars(self.source))
        data["reports_to"] = [dict(vars(position)) for position in self.reports_to]
        data["responsibilities"] = [dict(vars(item)) for item in self.responsibilities]
        data["requirements"] = [dict(vars(item)) for item in self.requirements]
        for key in ("extends", "aliases", "performance_indicators"):
            data[key] = list(data[key])
        return data


def role_from_dict(data: dict) -> Role:
    """A role back from Role.to_dict() (a saved KB keeps its roles so: jobkg.kb)."""
    items = ("responsibilities", "requirements")
    return Role(
        **{
            **data,
            "source": Source(**data["source"]),
            "reports_to": tuple(Position(**position) for position in data["reports_to"]),
            "extends": tuple(data["extends"]),
            "aliases": tuple(data["aliases"]),
            "performance_indicators": tuple(data["performance_indicators"]),
            **{kind: tuple(RoleItem(**item) for item in data[kind]) for kind in items},
        }
    )


@dataclass(frozen=True)
class Statement:
    """A page line that states one reporting step."""

    from_role: str
    from_label: str
    file: str
    line: int


@dataclass(frozen=True)
class ChainStep:
    """One position above a role; steps = 1 for the direct manager."""

    steps: int
    label: str
    iri: str
    stated_by: tuple[Statement, ...] = ()


@dataclass(frozen=True)
class Explanation:
    role: Role
    reporting_chain: tuple[ChainStep, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class RoleView:
    """Everything the app's role page shows, from the same queries the CLI runs."""

    role: Role
    levels: list[Row] = field(default_factory=list)
    chain: list[Row] = field(default_factory=list)
    reports: list[Row] = field(default_factory=list)
    equivalents: list[Row] = field(default_factory=list)
    indicators: list[Row] = field(default_factory=list)
    hiring: list[Row] = field(default_factory=list)


@dataclass
class _Parts:
    """What the link and item queries add to one role, gathered before the role is frozen."""

    reports_to: list[Position] = field(default_factory=list)
    extends: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)
    responsibilities: list[RoleItem] = field(default_factory=list)
    requirements: list[RoleItem] = field(default_factory=list)
    texts: set[tuple[str, str]] = field(default_factory=set)  # (kind, text) seen: an item once per role


def roles(runner: Runner) -> list[Role]:
    """Every role, in family order, with its links and its own and inherited items."""
    rows = runner.run("roles")
    parts = {cells.text(row, "role"): _Parts() for row in rows}
    for row in runner.run("role-links"):
        found = parts.get(cells.text(row, "role"))
        if found is None:
            continue
        kind, label = row["kind"], cells.text(row, "label")
        if kind == "reports_to":
            found.reports_to.append(Position(label, cells.text(row, "other")))
        elif kind == "alias":
            found.aliases.append(label)
        elif kind == "extends" and label not in found.extends:
            found.extends.append(label)
        elif kind == "indicator" and label not in found.indicators:
            found.indicators.append(label)
    for row in runner.run("role-items"):
        found = parts.get(cells.text(row, "role"))
        text = cells.text(row, "text")
        key = (cells.text(row, "kind"), " ".join(re.findall(r"\w+", text.lower())))
        if found is None or key in found.texts:
            continue  # the same item once per role, however it is spelled ('open-source', 'open source')
        found.texts.add(key)
        inherited = None if row["own"] else cells.text(row, "stated_for")
        item = RoleItem(text, inherited, cells.integer(row, "line"), from_family=bool(row["from_family"]))
        (found.responsibilities if row["kind"] == "responsibility" else found.requirements).append(item)
    for found in parts.values():
        found.responsibilities = _mark_superseded(found.responsibilities)
        found.requirements = _mark_superseded(found.requirements)
    return [_role(row, parts[cells.text(row, "role")]) for row in rows]


def _mark_superseded(items: list[RoleItem]) -> list[RoleItem]:
    replaced = superseded_by((item.text, item.inherited_from is None) for item in items)
    return [replace(item, superseded_by=replaced.get(item.text)) if item.inherited_from else item for item in items]


def _role(row: Row, parts: _Parts) -> Role:
    return Role(
        iri=cells.text(row, "role"),
        title=cells.text(row, "title"),
        family=cells.text(row, "family_title"),
        department=cells.maybe_text(row, "department"),
        grade=None if row["grade"] is None else cells.integer(row, "grade"),
        track=cells.text(row, "track"),
        source=Source(cells.text(row, "file"), cells.integer(row, "line")),
        level=cells.maybe_text(row, "level"),
        rank=cells.maybe_decimal(row, "rank"),
        reports_to=tuple(parts.reports_to),
        extends=tuple(parts.extends),
        aliases=tuple(parts.aliases),
        responsibilities=tuple(parts.responsibilities),
        requirements=tuple(parts.requirements),
        performance_indicators=tuple(parts.indicators),
    )


def sources_of(runner: Runner, iri: str) -> list[Source]:
    """The file and line that define a node (a role), without listing every role."""
    return [
        Source(cells.text(row, "file"), cells.integer(row, "line")) for row in runner.run("node-source", {"node": iri})
    ]


@dataclass(frozen=True)
class Place:
    """Where a node is defined, for findings about it."""

    label: str | None
    file: str
    line: int


def places(runner: Runner) -> dict[str, Place]:
    """Every node that carries a source line, by IRI (its first line)."""
    found: dict[str, Place] = {}
    for row in runner.run("node-sources"):
        label = cells.maybe_text(row, "label")
        found.setdefault(cells.text(row, "node"), Place(label, cells.text(row, "file"), cells.integer(row, "line")))
    return found


def explain(runner: Runner, role: Role) -> Explanation:
    """Where each step of the role's reporting chain is stated (items carry their own lines):
    the statements of the whole chain come from one query, kept to those made by the role or a
    position on its chain."""
    ancestors = runner.run("reporting-chain", {"role": role.iri})
    in_chain = {role.iri} | {cells.text(row, "ancestor") for row in ancestors}
    stated: dict[str, list[Statement]] = {}
    for s in runner.run("chain-statements", {"role": role.iri}):
        if s["from"] in in_chain:
            statement = Statement(
                cells.text(s, "from"), cells.text(s, "from_label"), cells.text(s, "file"), cells.integer(s, "line")
            )
            stated.setdefault(cells.text(s, "target"), []).append(statement)
    chain = [
        ChainStep(
            cells.integer(row, "steps"),
            cells.text(row, "ancestor_label"),
            cells.text(row, "ancestor"),
            tuple(stated.get(cells.text(row, "ancestor"), ())),
        )
        for row in ancestors
    ]
    return Explanation(role, tuple(chain))


def role_view(runner: Runner, role: Role) -> RoleView:
    params = {"role": role.iri}
    return RoleView(
        role=role,
        levels=runner.run("adjacent-levels", params),
        chain=runner.run("reporting-chain", params),
        reports=runner.run("all-reports", params),
        equivalents=runner.run("equivalents", params),
        indicators=runner.run("performance-indicators", params),
        hiring=runner.run("interviewers", params),
    )
