"""The job architecture matrix: families across by department, grades down, nothing dropped."""

from __future__ import annotations

from jobkg.matrix import NOT_STATED, job_matrix


def test_every_role_sits_in_one_cell(seeds_kb):
    roles = seeds_kb.roles()
    matrix = job_matrix(roles)
    placed = [r.iri for cell in matrix.cells.values() for r in cell]
    assert sorted(placed) == sorted(r.iri for r in roles)


def test_grades_run_down_with_not_stated_last(seeds_kb):
    matrix = job_matrix(seeds_kb.roles())
    assert matrix.grades[:-1] == sorted(matrix.grades[:-1], reverse=True)
    assert matrix.grades[-1] == NOT_STATED  # two seed roles state no grade


def test_departments_span_their_families_and_filter(seeds_kb):
    matrix = job_matrix(seeds_kb.roles())
    assert matrix.departments() == [("Engineering", 3), ("Finance", 1)]
    finance = job_matrix(seeds_kb.roles(), {"Finance"})
    assert [c.family for c in finance.columns] == ["IT Program Management Office"]
    assert NOT_STATED not in finance.grades


def test_csv_marks_management_and_keeps_empty_cells(seeds_kb):
    rows = job_matrix(seeds_kb.roles(), {"Finance"}).csv_rows()
    by_grade = {row["grade"]: row["Finance / IT Program Management Office"] for row in rows}
    assert by_grade["8"] == "Staff IT Program Manager; Manager, IT Program Management (M)"
    assert by_grade["5"] == "Associate IT Program Manager"
