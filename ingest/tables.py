"""Tables that hold a ladder, read through the page's profile.

- Levels as rows: a title, level or grade column (profile [tables]); each row a level, its
  other cells of some length its items, with the column header as their area. A title cell
  may name several roles (links, or names split by <br>), each with the row's grade.
- Levels as columns: the header's cells after the first are levels ('IC1', 'Senior', 'Level 2');
  each column a level, each row an area (its first cell) with the level's expectation.
- Tracks by level: a level column and track columns whose cells are level codes ('D1', 'TL4');
  each code a level of that track.
- Grade rows: where headings define the levels, a row naming one of them gives its grade.
- Rows of links to other pages relate families (team pages, career ladders).
Anything else is reported row by row, never guessed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from jobkg.ingest.outline import PLACEHOLDER, level_of
from jobkg.ingest.profile import Profile
from jobkg.ingest.records import Block, Item
from jobkg.ingest.titles import title_key

_NUMBER = re.compile(r"#?(\d{1,2})\b")
_BREAK = re.compile(r"\s*<br\s*/?>\s*", re.IGNORECASE)
MIN_ITEM_WORDS = 4  # a cell shorter than this is a value (a code, a number), not an expectation


@dataclass
class Table:
    rows: list[Block]
    open: bool = True
    heading: str | None = None  # the heading the table stands under


@dataclass(frozen=True)
class TableRole:
    title: str
    line: int
    level: str | None = None
    rank: float | None = None
    grade: int | None = None
    items: tuple[Item, ...] = ()
    group: str | None = None  # the row's track or family column, if the table has one
    href: str | None = None  # the link the name carries: the page that defines the role


@dataclass
class TableRead:
    roles: list[TableRole] = field(default_factory=list)
    grades: list[tuple[Block, int, str]] = field(default_factory=list)  # (row, grade, title of a heading role)
    link_rows: list[Block] = field(default_factory=list)
    unmapped: list[tuple[Block, str]] = field(default_factory=list)


def read_table(table: Table, profile: Profile, family: str, heading_roles: list[str]) -> TableRead:
    header, body = table.rows[0], table.rows[1:]
    names = [cell.strip().lower() for cell in header.cells]
    read = TableRead()
    ladder_columns = _column(names, profile.title_columns + profile.level_columns)
    if body and all(row.links for row in body) and ladder_columns is None:
        read.link_rows = [row for row in table.rows if row.links]
        read.unmapped = [(row, "table row") for row in table.rows if not row.links]
        return read
    if _column(names, profile.people_columns) is not None:  # 'Name | Role | Team': who holds the jobs
        read.unmapped = [(row, "row of a table of people (a name column), not a ladder") for row in body]
        return read
    title_col = _column(names, profile.title_columns)
    level_col = _column(names, profile.level_columns)
    grade_col = _column(names, profile.grade_columns)
    group_col = _column(names, profile.group_columns)
    if level_col is not None and title_col is None and _is_track_matrix(body, level_col, profile):
        _tracks_by_level(header, body, level_col, profile, read)
    elif title_col is not None or level_col is not None:
        columns = (title_col, level_col, grade_col, group_col)
        _levels_as_rows(header, body, columns, profile, family, heading_roles, read)
        read.roles = _distinct(read.roles)
    elif _levels_as_columns(header, profile):
        _columns(header, body, profile, family, read)
    else:  # not a ladder: rows of links may still relate families, the rest is reported
        read.link_rows = [row for row in table.rows if row.links]
        read.unmapped = [(row, "table row") for row in table.rows if not row.links]
    return read


def ladder_header(header: Block, profile: Profile) -> bool:
    """Whether a table's header row is a ladder's: a title or level column, or levels as columns."""
    names = [cell.strip().lower() for cell in header.cells]
    if _column(names, profile.people_columns) is not None:
        return False
    return _column(names, profile.title_columns + profile.level_columns) is not None or _levels_as_columns(
        header, profile
    )


def _column(names: list[str], wanted: tuple[str, ...]) -> int | None:
    return next((i for i, name in enumerate(names) if re.sub(r"[^\w ]", "", name).strip() in wanted), None)


def _grade_of(cell: str) -> int | None:
    match = _NUMBER.search(cell)
    return int(match.group(1)) if match and re.fullmatch(r"(?:grade\s*)?#?\d{1,2}", cell.strip(), re.I) else None


def _levels_as_rows(
    header: Block,
    body: list[Block],
    columns: tuple[int | None, int | None, int | None, int | None],
    profile: Profile,
    family: str,
    heading_roles: list[str],
    read: TableRead,
) -> None:
    title_col, level_col, grade_col, group_col = columns
    for row in body:
        cells = list(row.cells) + [""] * (len(header.cells) - len(row.cells))
        grade = _grade_of(cells[grade_col]) if grade_col is not None else None
        level_cell = cells[level_col].strip() if level_col is not None and level_col != grade_col else ""
        if level_col is not None and level_col == grade_col and grade is None:
            level_cell = cells[level_col].strip()
        names = _names(row, cells[title_col]) if title_col is not None else [level_cell]
        names = [name for name in names if name]
        if not names:
            read.unmapped.append((row, "table row that names no level"))
            continue
        if heading_roles:
            _grade_rows(row, names, grade, heading_roles, read)
            continue
        used = {i for i in columns if i is not None}
        group = cells[group_col].strip() or None if group_col is not None else None
        items = tuple(
            Item(cells[i].strip(), row.line, area=header.cells[i].strip() or None)
            for i in range(len(cells))
            if i not in used and len(cells[i].split()) >= MIN_ITEM_WORDS
        )
        for name in names:
            level = level_of(level_cell or name, profile)
            title = name if title_col is not None else _coded_title(name, family, profile)
            label = level.label or level_cell or None
            href = next((link.href for link in row.links if link.text.strip() == name), None)
            read.roles.append(TableRole(title, row.line, label, level.rank, grade, items, group, href))


def _distinct(roles: list[TableRole]) -> list[TableRole]:
    """Rows that share a title are told apart by their track, then their level:
    'Engineering Manager (Product Team Lead, S1)'."""
    count = Counter(role.title for role in roles)
    titled = []
    for role in roles:
        if count[role.title] > 1:
            qualifiers = [q for q in (role.group, role.level) if q]
            role = replace(role, title=f"{role.title} ({', '.join(qualifiers)})") if qualifiers else role
        titled.append(role)
    return titled


def _grade_rows(row: Block, names: list[str], grade: int | None, heading_roles: list[str], read: TableRead) -> None:
    for name in names:
        matches = [
            t for t in heading_roles if title_key(t) == title_key(name) or t.lower().startswith(name.lower() + " ")
        ]
        if len(matches) == 1 and grade is not None:
            read.grades.append((row, grade, matches[0]))
        else:
            read.unmapped.append((row, "grade table row whose first cell names no single role on the page"))


def _names(row: Block, cell: str) -> list[str]:
    """The roles a title cell names: each link's text, or its parts split by <br>."""
    cell = PLACEHOLDER.sub(" ", cell).replace(" ,", ",").strip(" ,") if "{" in cell else cell
    linked = [link.text.strip() for link in row.links if link.text.strip() and link.text.strip() in cell]
    if len(linked) > 1:
        return linked
    return [" ".join(part.split()) for part in _BREAK.split(cell) if part.strip()]


def _coded_title(name: str, family: str, profile: Profile) -> str:
    """A level named only by its label: 'Senior' -> 'Senior Widget Engineer', 'IC3' -> 'Widget Engineer IC3'."""
    level = level_of(name, profile)
    if level.label and not level.base and family:
        coded = any(pattern.match(name) for pattern in profile.level_codes)
        return f"{family} {name}" if coded else f"{name} {family}"
    return name


def _is_track_matrix(body: list[Block], level_col: int, profile: Profile) -> bool:
    codes = [
        cell
        for row in body
        for i, cell in enumerate(row.cells)
        if i != level_col and cell.strip() and any(p.match(cell.strip()) for p in profile.level_codes)
    ]
    return len(codes) >= 2


def _tracks_by_level(header: Block, body: list[Block], level_col: int, profile: Profile, read: TableRead) -> None:
    for row in body:
        for i, cell in enumerate(row.cells):
            code = cell.strip()
            if i == level_col or not code:
                continue
            if any(pattern.match(code) for pattern in profile.level_codes):
                level = level_of(code, profile)
                track = header.cells[i].strip() if i < len(header.cells) else ""
                read.roles.append(TableRole(f"{track} {code}".strip(), row.line, level.label or code, level.rank))
            else:
                read.unmapped.append(
                    (row, f"cell '{code[:40]}' in column '{header.cells[i] if i < len(header.cells) else ''}'")
                )


def _levels_as_columns(header: Block, profile: Profile) -> bool:
    cells = [cell.strip() for cell in header.cells[1:] if cell.strip()]
    levels = [cell for cell in cells if level_of(cell, profile).label]
    return len(levels) >= 2 and len(levels) * 2 >= len(cells)


def _columns(header: Block, body: list[Block], profile: Profile, family: str, read: TableRead) -> None:
    for i, name in enumerate(header.cells):
        name = name.strip()
        if i == 0 or not level_of(name, profile).label:
            continue
        level = level_of(name, profile)
        items = tuple(
            Item(row.cells[i].strip(), row.line, area=row.cells[0].strip() or None)
            for row in body
            if i < len(row.cells) and row.cells[i].strip()
        )
        read.roles.append(
            TableRole(_coded_title(name, family, profile), header.line, level.label, level.rank, None, items)
        )
