"""The job architecture matrix people-ops teams keep: one row per family (grouped by
department), one column per grade from lowest to highest, each cell the roles at that grade in
that family. Families run down because an organisation has many more families than grades: 76
families by 9 grades reads on one screen, the other way round it is 11,000 px wide. A role
without a stated grade sits in the column of its stated level number ('Level 4', 'IC3'), after
the grades; roles with neither get a column of their own, so nothing drops out of the picture."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from jobkg.occupations import MarketPay
from jobkg.views import Role

NOT_STATED = "not stated"
MANAGEMENT_MARK = "◆ "


@dataclass(frozen=True)
class Family:
    department: str
    name: str


@dataclass
class Matrix:
    families: list[Family]  # by department, then name
    grades: list[int | str]  # grades lowest first, then levels ('level 4') lowest first; NOT_STATED last
    cells: dict[tuple[Family, int | str], list[Role]] = field(default_factory=dict)

    def cell(self, family: Family, grade: int | str) -> list[Role]:
        return self.cells.get((family, grade), [])

    def role_count(self) -> int:
        return sum(len(roles) for roles in self.cells.values())

    def departments(self) -> list[tuple[str, int]]:
        """Each department and how many family rows it spans, in row order."""
        spans: list[tuple[str, int]] = []
        for family in self.families:
            if spans and spans[-1][0] == family.department:
                spans[-1] = (family.department, spans[-1][1] + 1)
            else:
                spans.append((family.department, 1))
        return spans

    def rows(self) -> list[dict[str, str]]:
        """The matrix as people read it: one row per family, one column per grade (grade_label),
        each cell the titles of its roles, management ones marked ◆ (cell_text)."""
        rows = []
        for family in self.families:
            row = {"Department": family.department, "Family": family.name}
            for grade in self.grades:
                row[grade_label(grade)] = cell_text(self.cell(family, grade), family.name)
            rows.append(row)
        return rows


def job_matrix(roles: Iterable[Role], departments: set[str] | None = None) -> Matrix:
    """The matrix of these roles (only the given departments, when given)."""
    chosen = [r for r in roles if departments is None or _department(r) in departments]
    families = sorted({Family(_department(r), r.family) for r in chosen}, key=lambda f: (f.department, f.name))
    stated = sorted({r.grade for r in chosen if r.grade is not None})
    ranked = sorted({r.rank for r in chosen if r.grade is None and r.rank is not None})
    grades: list[int | str] = [*stated, *(level_column(rank) for rank in ranked)]
    if any(column_of(r) == NOT_STATED for r in chosen):
        grades.append(NOT_STATED)
    matrix = Matrix(families, grades)
    for role in sorted(chosen, key=lambda r: (r.track != "individual contributor", r.title)):
        matrix.cells.setdefault((Family(_department(role), role.family), column_of(role)), []).append(role)
    return matrix


def level_column(rank: float) -> str:
    return f"level {rank:g}"


def column_of(role: Role) -> int | str:
    """The matrix column of a role: its grade, else its stated level number, else 'not stated'."""
    if role.grade is not None:
        return role.grade
    return level_column(role.rank) if role.rank is not None else NOT_STATED


def grade_label(grade: int | str) -> str:
    return f"grade {grade}" if isinstance(grade, int) else grade


def cell_text(roles: list[Role], family: str) -> str:
    """The roles of one cell, in the words of their titles; the family's name, which the row
    already shows, is left off where a title is only a level word before it ('Senior' for
    'Senior Backend Engineer' in Backend Engineer)."""
    return " · ".join(
        (MANAGEMENT_MARK if role.track == "management" else "") + _short_title(role.title, family) for role in roles
    )


def _short_title(title: str, family: str) -> str:
    if title.casefold().endswith(" " + family.casefold()):
        level = title[: -len(family)].strip()
        if level.isalpha():  # one word ('Senior'), never a fragment such as 'Manager,'
            return level
    return title


def _department(role: Role) -> str:
    return role.department or NOT_STATED


PAY_COLUMNS = ("p10", "p25", "median", "p75", "p90")


def pay_rows(matrix: Matrix, pay: Mapping[str, MarketPay]) -> list[dict[str, object]]:
    """One row per role of the matrix, in its order, with its grade beside the market pay of its
    accepted SOC occupation (blank where none is accepted) and the survey that gives it."""
    rows: list[dict[str, object]] = []
    for family in matrix.families:
        for grade in matrix.grades:
            for role in matrix.cell(family, grade):
                found = pay.get(role.iri)
                row: dict[str, object] = {"Department": family.department, "Family": family.name}
                row |= {"Grade": grade_label(grade), "Role": role.title}
                row["SOC occupation"] = f"{found.wages.soc_code} {found.wages.title}" if found else ""
                for column in PAY_COLUMNS:
                    row[f"Market {column} (USD/year)"] = getattr(found.wages, column) if found else None
                row["Market pay source"] = found.source if found else ""
                rows.append(row)
    return rows
