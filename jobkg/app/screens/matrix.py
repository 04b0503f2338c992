"""Matrix: the whole job architecture at a glance, one row per family (by department), grades
across from lowest to highest. Choosing a cell opens its role in the app, without a reload;
a cell of several roles offers each. A department filter narrows; it never hides by default."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from jobkg.app.state import current_kb
from jobkg.app.widgets import open_role, role_link
from jobkg.matrix import Matrix, grade_label, job_matrix, pay_rows
from jobkg.views import Role

ROW_PX = 35  # the data grid's row height
TALLEST_PX = 740  # past this the grid scrolls inside its frame, headers and families pinned
KEY = "matrix"
DEPARTMENTS = "matrix-departments"


def render() -> None:
    kb = current_kb()
    roles = kb.roles()
    every = job_matrix(roles)
    departments = [name for name, _span in every.departments()]
    wanted = [d for d in st.session_state.get(DEPARTMENTS, []) if d in departments]
    matrix = job_matrix(roles, set(wanted)) if wanted else every
    grid = f"{KEY}:{'|'.join(wanted)}"  # another filter, another grid: a choice never lands on other rows
    in_cell = _chosen_cell(matrix, grid)
    if len(in_cell) == 1:
        open_role(in_cell[0].iri)  # before drawing anything, so the role page comes at once
    st.title("Job architecture matrix")
    if not roles:
        st.info("This knowledge base has no roles: choose or upload pages in the sidebar.")
        return
    st.multiselect("Departments", departments, key=DEPARTMENTS, placeholder=f"All {len(departments)} departments")
    st.caption(
        f"{matrix.role_count()} roles in {len(matrix.families)} families. A row is a family, a column a grade "
        "(lowest first); levels the pages number without a grade follow, then roles whose grade the pages do "
        "not state. ◆ management track. Choose a cell to open its role."
    )
    rows = matrix.rows()
    st.dataframe(
        pd.DataFrame(_grouped(rows)),
        hide_index=True,
        key=grid,
        on_select="rerun",
        selection_mode="single-cell",
        height=min(ROW_PX * (len(rows) + 1) + 3, TALLEST_PX),
        column_config={
            "Department": st.column_config.TextColumn(pinned=True),
            "Family": st.column_config.TextColumn(pinned=True),
        },
    )
    if in_cell:
        st.write(f"That cell holds {len(in_cell)} roles:")
        for index, role in enumerate(in_cell):
            role_link(role.iri, role.title, key=f"matrix-cell-{index}")
    left, right = st.columns(2)
    left.download_button(
        "Download CSV", pd.DataFrame(rows).to_csv(index=False), "job-architecture-matrix.csv", "text/csv"
    )
    pay = {iri: found for iri in kb.accepted_roles() if (found := kb.market_pay(iri)) is not None}
    right.download_button(
        "Download roles with grade and market pay (CSV)",
        pd.DataFrame(pay_rows(matrix, pay)).to_csv(index=False),
        "job-architecture-market-pay.csv",
        "text/csv",
        help="One row per role: its grade beside the BLS OEWS national wages of its accepted SOC occupation "
        "(blank where none is accepted): a market benchmark, not what the company pays.",
    )


def _chosen_cell(matrix: Matrix, grid: str) -> list[Role]:
    """The roles of the cell chosen in the grid (its state arrives before the page runs)."""
    state = st.session_state.get(grid)
    cells = state["selection"]["cells"] if state else []
    if not cells:
        return []
    row, column = cells[0]
    grade = next((g for g in matrix.grades if grade_label(g) == column), None)
    return matrix.cell(matrix.families[row], grade) if grade is not None and row < len(matrix.families) else []


def _grouped(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """The rows as shown: a department named on its first family only, so departments read as
    groups (the CSV names it on every row)."""
    shown = []
    for index, row in enumerate(rows):
        repeated = index > 0 and rows[index - 1]["Department"] == row["Department"]
        shown.append({**row, "Department": ""} if repeated else row)
    return shown
