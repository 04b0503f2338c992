"""The job architecture matrix: families down by department, grades across, nothing dropped."""

from __future__ import annotations

from jobkg.matrix import NOT_STATED, cell_text, job_matrix
from jobkg.views import Role, Source


def test_every_role_sits_in_one_cell(seeds_kb):
    roles = seeds_kb.roles()
    matrix = job_matrix(roles)
    placed = [r.iri for cell in matrix.cells.values() for r in cell]
    assert sorted(placed) == sorted(r.iri for r in roles)
    assert matrix.role_count() == len(roles)


def test_grades_run_across_lowest_first_with_not_stated_last(seeds_kb):
    matrix = job_matrix(seeds_kb.roles())
    assert matrix.grades[:-1] == sorted(matrix.grades[:-1])
    assert matrix.grades[-1] == NOT_STATED  # two seed roles state no grade


def test_departments_span_their_families_and_filter(seeds_kb):
    matrix = job_matrix(seeds_kb.roles())
    assert matrix.departments() == [("Engineering", 3), ("Finance", 1)]
    finance = job_matrix(seeds_kb.roles(), {"Finance"})
    assert [f.name for f in finance.families] == ["IT Program Management Office"]
    assert NOT_STATED not in finance.grades


def test_rows_are_families_with_a_cell_per_grade(seeds_kb):
    rows = job_matrix(seeds_kb.roles(), {"Finance"}).rows()
    assert len(rows) == 1 and rows[0]["Department"] == "Finance"
    assert rows[0]["grade 8"] == "Staff IT Program Manager · ◆ Manager, IT Program Management"
    assert rows[0]["grade 5"] == "Associate IT Program Manager"


def _role(title: str, family: str, track: str = "individual contributor") -> Role:
    return Role(f"urn:{title}", title, family, "Eng", 6, track, Source("f.md", 1))


def test_a_cell_leaves_off_the_family_only_before_a_single_level_word():
    family = "Backend Engineer"
    assert cell_text([_role("Senior Backend Engineer", family)], family) == "Senior"
    assert cell_text([_role("Backend Engineer", family)], family) == "Backend Engineer"
    manager = "Manager, Backend Engineer"
    assert cell_text([_role(manager, family)], family) == manager
    specialty = "Senior Backend Engineer, Database"
    assert cell_text([_role(specialty, family)], family) == specialty
    assert cell_text([_role("Engineering Manager", family, "management")], family) == "◆ Engineering Manager"


def test_pay_rows_put_market_pay_beside_the_grade_only_where_an_occupation_is_accepted():
    from pathlib import Path

    from jobkg.kb import KnowledgeBase
    from jobkg.matrix import pay_rows

    kb = KnowledgeBase.build([Path(__file__).parents[1] / "queries" / "fixture_pages"])
    pay = {iri: found for iri in kb.accepted_roles() if (found := kb.market_pay(iri)) is not None}
    rows = {row["Role"]: row for row in pay_rows(job_matrix(kb.roles()), pay)}
    assert len(rows) == 5
    senior = rows["Senior Widget Engineer"]
    assert (senior["Grade"], senior["SOC occupation"], senior["Market median (USD/year)"]) == (
        "grade 7",
        "17-2141 Mechanical Engineers",
        104110,
    )
    assert senior["Market pay source"].startswith("U.S. Bureau of Labor Statistics, OEWS, May 2025")
    assert rows["Staff Widget Engineer"]["Market median (USD/year)"] is None
