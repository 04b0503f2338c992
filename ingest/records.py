"""Typed, frozen records passed between the ingest stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


@dataclass(frozen=True, slots=True)
class Link:
    text: str
    href: str


class BlockKind(Enum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    ITEM = "item"
    ROW = "row"
    HTML = "html"


@dataclass(frozen=True, slots=True)
class Block:
    """One markdown block with its plain text, links and 1-based source line."""

    kind: BlockKind
    text: str
    line: int
    level: int = 0  # heading level, or list depth (1 = top-level item)
    links: tuple[Link, ...] = ()
    cells: tuple[str, ...] = ()  # table rows only
    parent_line: int | None = None  # nested list items: the line of the item above
    breaks: tuple[int, ...] = ()  # offsets in text where the block's next source lines start

    def line_at(self, offset: int) -> int:
        """The source line of the character at this offset of the text."""
        return self.line + sum(1 for start in self.breaks if start <= offset)


@dataclass(frozen=True, slots=True)
class Unmapped:
    """Content the ingester read but could not map to a fact; reported, never dropped."""

    file: str
    line: int
    text: str
    reason: str
    kind: str = "text"  # "item" or "row" for list items and table rows, else "text"


@dataclass(frozen=True, slots=True)
class IngestWarning:
    file: str
    line: int
    message: str


@dataclass(frozen=True, slots=True)
class FileReason:
    """A file, the line concerned (if any) and why: the shape of the report's page-level entries."""

    file: str
    line: int | None
    reason: str


@dataclass(frozen=True, slots=True)
class FailedFile(FileReason):
    """A page or review file that could not be read at all (it crosses the process pool)."""


@dataclass(frozen=True, slots=True)
class Unresolved:
    """A name a page uses (a reporting line, an extension) that is no role of the KB."""

    file: str
    line: int
    name: str
    use: str


@dataclass(frozen=True, slots=True)
class PageSummary:
    """One page in the ingest report: its layout, the roles found, how many list items were mapped."""

    file: str
    profile: str | None
    roles: list[str]
    list_items: int
    mapped_items: int
    share_mapped: float | None


@dataclass(frozen=True, slots=True)
class PageWithoutRoles(FileReason):
    """A page that gave no role."""


@dataclass(frozen=True, slots=True)
class Page:
    """A decoded page: front matter, markdown blocks, and what reading it reported."""

    path: str  # relative to the source folder given
    key: str  # path without index/extension, e.g. "engineering/security-engineer"
    department: str | None
    meta: dict[str, object]
    blocks: tuple[Block, ...]
    collapsed: bool = False
    unmapped: tuple[Unmapped, ...] = ()
    warnings: tuple[IngestWarning, ...] = ()
    family_key: str | None = None  # the folder's key, when the folder is a one-file-per-level family
    front_matter: str = ""  # the raw YAML, to find the line of a value (front-matter ladders)
    title_line: int | None = None  # the line of the front matter's `title:`, when it has one


@dataclass(frozen=True, slots=True)
class PageInfo:
    """Where a record came from: light enough to cross process boundaries. family_key is the
    folder's key when the page is one level file of a one-file-per-level family folder."""

    path: str
    key: str
    department: str | None
    family_key: str | None = None
    profile: str = "generic"


@dataclass(frozen=True, slots=True)
class Mention:
    """A position named on a page (a reporting line, an extended role, an equivalent)."""

    label: str
    line: int
    href: str | None = None


class ExtendsKind(Enum):
    ROLE = "role"  # the whole role: responsibilities and requirements
    RESPONSIBILITIES = "responsibilities"
    REQUIREMENTS = "requirements"


@dataclass(frozen=True, slots=True)
class Extension:
    """'All responsibilities of previous roles plus' (target None = the level below) or
    'Extends the X responsibilities plus' / 'The X role extends the Y role'."""

    kind: ExtendsKind
    line: int
    target: Mention | None = None


@dataclass(frozen=True, slots=True)
class Item:
    text: str
    line: int
    links: tuple[Link, ...] = ()
    details: tuple[str, ...] = ()  # nested sub-items
    area: str | None = None  # the heading, table column or topic the item sits under, if any


@dataclass(frozen=True, slots=True)
class Stated:
    """A value with the line that states it."""

    value: int
    line: int


@dataclass(frozen=True, slots=True)
class HiringStage:
    order: int
    text: str
    line: int
    interviewer: str | None = None
    minutes: int | None = None


@dataclass(frozen=True, slots=True)
class RoleRecord:
    title: str
    line: int
    track: str  # "ic" or "management"
    level: str | None = None  # the level label as written: "Senior", "IC3", "Level 5", "L3"
    rank: float | None = None  # order on the page's level scale, when the label implies one
    group: str | None = None  # the track a levels table puts the role in; ladders stay within it
    href: str | None = None  # a levels-table row that links to the page defining the role
    grade: Stated | None = None
    reports_to: tuple[Mention, ...] = ()
    extensions: tuple[Extension, ...] = ()
    equivalents: tuple[Mention, ...] = ()
    responsibilities: tuple[Item, ...] = ()
    requirements: tuple[Item, ...] = ()
    hiring: tuple[HiringStage, ...] = ()
    indicators: tuple[Item, ...] = ()  # the level's own; the family's hold for all its levels
    descriptions: tuple[Item, ...] = ()
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SpecialtyRecord:
    """A specialty, segment, track or team of a family (or of one level, when nested in it):
    what is stated under its heading is its own, never every level's."""

    title: str
    line: int
    responsibilities: tuple[Item, ...] = ()
    requirements: tuple[Item, ...] = ()
    reports_to: tuple[Mention, ...] = ()
    applies_to: str | None = None  # the title of the level it is nested in


@dataclass(frozen=True, slots=True)
class PageRecord:
    """Everything one page states, before names are resolved across pages."""

    page: PageInfo
    title: str
    title_line: int
    is_team: bool
    acronyms: dict[str, str] = field(default_factory=dict)  # expansion -> acronym
    descriptions: tuple[Item, ...] = ()
    roles: tuple[RoleRecord, ...] = ()
    responsibilities: tuple[Item, ...] = ()
    requirements: tuple[Item, ...] = ()
    indicators: tuple[Item, ...] = ()
    hiring: tuple[HiringStage, ...] = ()
    career_steps: tuple[Mention, ...] = ()
    specialties: tuple[SpecialtyRecord, ...] = ()
    related_families: tuple[Mention, ...] = ()  # team pages
    management: tuple[tuple[Mention, Mention], ...] = ()  # (manager, managed)
    unmapped: tuple[Unmapped, ...] = ()
    warnings: tuple[IngestWarning, ...] = ()
    list_items: int = 0  # list items and table rows on the page; those not in `unmapped` were mapped
    no_role_reason: str | None = None  # why the page gave no role (every such page says why)
    single_role: bool = False  # the page as a whole is its role (a job description, a role handbook)
