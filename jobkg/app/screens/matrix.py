"""Matrix: the job architecture as people-ops teams keep it, families (by department) across,
grades down, each role a link to its page; management roles marked; empty cells and roles
without a grade visible; the matrix as CSV."""

from __future__ import annotations

import html
import urllib.parse

import pandas as pd
import streamlit as st

from jobkg.app.state import current_kb
from jobkg.matrix import NOT_STATED, Matrix, job_matrix

ALL_AT_ONCE_UP_TO = 24  # family columns; past this the matrix opens on one department
STYLE = """
<style>
.jobkg-matrix { border-collapse: collapse; font-size: 0.9rem; }
.jobkg-matrix th, .jobkg-matrix td { border: 1px solid #d5dbe5; padding: 0.35rem 0.5rem; vertical-align: top; }
.jobkg-matrix th.department { background: #e3ebf7; text-align: center; }
.jobkg-matrix th.family { background: #f1f5fb; min-width: 9rem; font-weight: 600; }
.jobkg-matrix th.grade { background: #f1f5fb; white-space: nowrap; }
.jobkg-matrix td.empty { color: #9aa3b2; text-align: center; }
.jobkg-matrix a { display: block; margin: 0.1rem 0; text-decoration: none; }
.jobkg-matrix a.management { font-weight: 700; }
.jobkg-matrix a.management::before { content: "◆ "; color: #b86e00; }
</style>
"""


def render() -> None:
    kb = current_kb()
    st.title("Job architecture matrix")
    roles = kb.roles()
    if not roles:
        st.info("This knowledge base has no roles.")
        return
    every = job_matrix(roles)
    departments = [name for name, _span in every.departments()]
    default = departments if len(every.columns) <= ALL_AT_ONCE_UP_TO else departments[:1]
    chosen = st.multiselect("Departments", departments, default=default, key="matrix-departments")
    matrix = job_matrix(roles, set(chosen)) if chosen else every
    st.caption(
        f"{sum(len(c) for c in matrix.cells.values())} roles in {len(matrix.columns)} families. Rows are grades, "
        "highest on top; the last row holds roles whose grade the pages do not state. ◆ bold: management track; "
        "plain: individual contributor; · an empty cell. Click a role to open its page."
    )
    st.markdown(STYLE + _table(matrix, st.query_params.get("source")), unsafe_allow_html=True)
    st.download_button(
        "Download CSV",
        pd.DataFrame(matrix.csv_rows()).to_csv(index=False),
        "job-architecture-matrix.csv",
        "text/csv",
    )


def _table(matrix: Matrix, source: str | None) -> str:
    """The matrix as an HTML table; every text escaped, every role a link to its page."""
    head_departments = "".join(
        f'<th class="department" colspan="{span}">{html.escape(name)}</th>' for name, span in matrix.departments()
    )
    head_families = "".join(f'<th class="family">{html.escape(c.family)}</th>' for c in matrix.columns)
    body = []
    for grade in matrix.grades:
        label = "grade not stated" if grade == NOT_STATED else f"grade {grade}" if isinstance(grade, int) else grade
        cells = []
        for column in matrix.columns:
            roles = matrix.cell(column, grade)
            if not roles:
                cells.append('<td class="empty">·</td>')
                continue
            links = "".join(
                f'<a class="{"management" if r.track == "management" else "ic"}" target="_self" '
                f'href="{html.escape(_role_url(r.iri, source))}">{html.escape(r.title)}</a>'
                for r in roles
            )
            cells.append(f"<td>{links}</td>")
        body.append(f'<tr><th class="grade">{label}</th>{"".join(cells)}</tr>')
    return (
        '<table class="jobkg-matrix"><thead>'
        f'<tr><th class="grade" rowspan="2">grade</th>{head_departments}</tr><tr>{head_families}</tr>'
        f"</thead><tbody>{''.join(body)}</tbody></table>"
    )


def _role_url(iri: str, source: str | None) -> str:
    """The role page's URL, relative to the app, with the source so the link keeps the KB."""
    query = {"role": iri, **({"source": source} if source else {})}
    return "role?" + urllib.parse.urlencode(query)
