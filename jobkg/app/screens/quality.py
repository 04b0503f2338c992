"""Data quality: gaps the pages leave, targets that are no role, structural checks, cycles, the ingest report."""

from __future__ import annotations

from dataclasses import asdict

import pandas as pd
import streamlit as st

from jobkg.app.state import current_kb
from jobkg.app.widgets import show_rows
from jobkg.kb import KnowledgeBase
from jobkg.queries.checks import load_checks


def render() -> None:
    kb = current_kb()
    st.title("Data quality")
    for gap in ("grade", "reporting line"):
        rows = kb.run("data-gaps", {"gap": gap})
        st.subheader(f"Roles with no {gap} stated ({len(rows)})", anchor=False)
        if rows:
            show_rows(rows, key=f"gap-{gap}", role_column="role")
    targets = kb.run("external-targets")
    st.subheader(f"Positions no page defines ({len(targets)})", anchor=False)
    st.caption("Named by roles as their manager, the role they extend, or their equivalent ('roles': how many).")
    if targets:
        show_rows(targets, key="external")
    _structural_checks(kb)
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
    st.subheader(f"Pages that gave no role ({len(report.without_roles)})", anchor=False)
    if report.without_roles:
        show_rows([asdict(page) for page in report.without_roles], key="without-roles")
    st.subheader("Pages: roles found and list items mapped", anchor=False)
    st.caption("Share mapped: the page's list items and table rows read into facts; the rest is under Unmapped.")
    pages = [
        {
            "file": page.file,
            "layout": page.profile,
            "roles": len(page.roles),
            "list items": page.list_items,
            "mapped": page.share_mapped,
        }
        for page in sorted(report.by_page, key=lambda p: (p.share_mapped is None, p.share_mapped or 0, p.file))
    ]
    st.dataframe(
        pages,
        hide_index=True,
        width="stretch",
        column_config={
            "mapped": st.column_config.ProgressColumn("share mapped", format="percent", min_value=0, max_value=1)
        },
    )
    for key in ("failed", "warnings", "unresolved", "unmapped"):
        items = getattr(report, key)
        with st.expander(f"{key.title()} ({len(items)})"):
            if items:
                show_rows([asdict(item) for item in items], key=key)


def _structural_checks(kb: KnowledgeBase) -> None:
    """One expander per check of ontology/checks/, each finding with its file and line."""
    checks = load_checks()
    findings = kb.checks(checks)
    st.subheader(f"Structural checks ({len(findings)})", anchor=False)
    st.caption(
        "Each check is a SPARQL file in ontology/checks/; `jobkg validate --checks DIR` runs your own beside "
        "them. A finding is something to look at, not a verdict."
    )
    for check in checks:
        rows = [
            {"role": f.focus, "title": f.label, "finding": f.message, "file": f.file, "line": f.line}
            for f in findings
            if f.check == check.name
        ]
        with st.expander(f"{check.title} ({len(rows)})"):
            st.caption(check.description)
            if rows:
                show_rows(rows, ["title", "finding", "file", "line"], key=f"check-{check.name}", role_column="role")
