"""Data quality: gaps the pages leave, targets that are no role, cycles, the ingest report."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from jobkg.app.state import current_kb
from jobkg.app.widgets import show_rows


def render() -> None:
    kb = current_kb()
    st.title("Data quality")
    for gap in ("grade", "reporting line"):
        rows = kb.run("data-gaps", {"gap": gap})
        st.subheader(f"Roles with no {gap} stated ({len(rows)})", anchor=False)
        if rows:
            show_rows(rows)
    targets = kb.run("external-targets")
    st.subheader(f"Reporting targets that are not roles of the KB ({len(targets)})", anchor=False)
    if targets:
        show_rows(targets)
    if kb.cycles:
        st.subheader("Cycles", anchor=False)
        st.dataframe(pd.DataFrame(kb.cycles, columns=["property", "node"]), hide_index=True)
    report = kb.report
    if report is None:
        st.info("The ingest report is available when the KB is built from pages.")
        return
    st.subheader("Ingest report", anchor=False)
    cols = st.columns(4)
    cols[0].metric("Pages", report.pages)
    cols[1].metric("Roles", report.roles)
    cols[2].metric("Grades attached", report.grades_attached)
    cols[3].metric("Reporting lines", report.reporting_lines_attached)
    for key in ("failed", "warnings", "unresolved", "unmapped"):
        items = getattr(report, key)
        with st.expander(f"{key.title()} ({len(items)})"):
            if items:
                show_rows(items)
