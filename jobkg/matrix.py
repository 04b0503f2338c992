"""The job architecture matrix people-ops teams keep: families (grouped by department) as
columns, grades as rows, each cell the roles at that grade in that family. A role without a
stated grade sits on the row of its stated level number ('Level 4', 'IC3'), below the grades;
roles with neither get a row of their own, so nothing drops out of the picture."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from jobkg.views import Role

NOT_STATED = "not stated"


@dataclass(frozen=True)
class Column:
    department: str
    family: str


@dataclass
class Matrix:
    columns: list[Column]
    grades: list[int | str]  # grades highest first, then levels ('level 4') highest first; NOT_STATED last
    cells: dict[tuple[Column, int | str], list[Role]] = field(default_factory=dict)

    def cell(self, column: Column, grade: int | str) -> list[Role]:
        return self.cells.get((column, grade), [])

    def departments(self) -> list[tuple[str, int]]:
        """Each department and how many family columns it spans, in column order."""
        spans: list[tuple[str, int]] = []
        for column in self.columns:
            if spans and spans[-1][0] == column.department:
                spans[-1] = (column.department, spans[-1][1] + 1)
            else:
                spans.append((column.department, 1))
        return spans

    def csv_rows(self) -> list[dict[str, str]]:
        """One row per grade, one column per family ("Department / Family"), titles in cells;
        management roles marked (M)."""
        rows = []
        for grade in self.grades:
            row = {"grade": str(grade)}
            for column in self.columns:
                titles = [f"{r.title} (M)" if r.track == "management" else r.title for r in self.cell(column, grade)]
                row[f"{column.department} / {column.family}"] = "; ".join(titles)
            rows.append(row)
        return rows


def job_matrix(roles: Iterable[Role], departments: set[str] | None = None) -> Matrix:
    """The matrix of these roles (only the given departments, when given)."""
    chosen = [r for r in roles if departments is None or _department(r) in departments]
    columns = sorted({Column(_department(r), r.family) for r in chosen}, key=lambda c: (c.department, c.family))
    stated = sorted({r.grade for r in chosen if r.grade is not None}, reverse=True)
    ranked = sorted({r.rank for r in chosen if r.grade is None and r.rank is not None}, reverse=True)
    rows: list[int | str] = [*stated, *(level_row(rank) for rank in ranked)]
    grades = [*rows, *([NOT_STATED] if any(row_of(r) == NOT_STATED for r in chosen) else [])]
    matrix = Matrix(columns, grades)
    for role in sorted(chosen, key=lambda r: (r.track != "individual contributor", r.title)):
        key = (Column(_department(role), role.family), row_of(role))
        matrix.cells.setdefault(key, []).append(role)
    return matrix


def level_row(rank: float) -> str:
    return f"level {rank:g}"


def row_of(role: Role) -> int | str:
    """The matrix row of a role: its grade, else its stated level number, else 'not stated'."""
    if role.grade is not None:
        return role.grade
    return level_row(role.rank) if role.rank is not None else NOT_STATED


def _department(role: Role) -> str:
    return role.department or NOT_STATED
