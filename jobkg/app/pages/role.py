"""Role: one role's grade, ladder, reporting chain, equivalents, items, indicators, hiring."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from jobkg import views
from jobkg.app.state import current_kb
from jobkg.app.widgets import role_link, show_rows, text


def render() -> None:
    kb = current_kb()
    roles = sorted(kb.roles(), key=lambda r: (r.title, r.family))
    if not roles:
        st.info("This knowledge base has no roles.")
        return
    by_iri = {r.iri: r for r in roles}
    current = st.query_params.get("role") or st.session_state.get("role")
    if current not in by_iri:
        current = roles[0].iri
    iri = st.selectbox(
        "Role",
        list(by_iri),
        index=list(by_iri).index(current),
        format_func=lambda i: f"{by_iri[i].title} — {by_iri[i].family}",
    )
    st.session_state["role"] = iri
    st.query_params["role"] = iri
    view = views.role_view(kb, by_iri[iri])
    _header(view.role)
    left, right = st.columns(2)
    with left:
        _ladder_and_lines(view, by_iri)
    with right:
        _indicators_and_hiring(view)
    _items(view.role)


def _header(role: views.Role) -> None:
    st.title(text(role.title))
    grade = role.grade if role.grade is not None else "not stated"
    department = str(role.department or "not stated").replace("-", " ").title()
    left, right = st.columns([1, 4])
    left.metric("Grade", grade)
    right.markdown(
        f"**Family** {text(role.family)}  \n**Department** {text(department)}  \n"
        f"**Track** {text(role.track)}  \n**Source** `{role.source.file}:{role.source.line}`"
    )
    if role.aliases:
        st.caption("Also called: " + text(", ".join(role.aliases)))
    if role.extends:
        st.caption("Extends: " + text(", ".join(role.extends)))


def _ladder_and_lines(view: views.RoleView, by_iri: dict[str, views.Role]) -> None:
    st.subheader("Ladder", anchor=False)
    for index, level in enumerate(view.levels):
        st.write(text(f"{str(level['relation']).title()} level (grade {level['grade'] or 'not stated'}):"))
        role_link(str(level["other"]), str(level["other_title"]), key=f"level-{index}")
    if not view.levels:
        st.write("No other level on this track.")
    st.subheader("Reports to", anchor=False)
    if not view.role.reports_to:
        st.write("Not stated on the page.")
    for index, step in enumerate(view.chain):
        label = f"{'↑ ' * (int(step['steps']) + 1)}{step['ancestor_label']}"
        if str(step["ancestor"]) in by_iri:
            role_link(str(step["ancestor"]), label, key=f"chain-{index}")
        else:
            st.write(text(label) + " *(named on a page, not a role of the KB)*")
    st.subheader("Reporting to it", anchor=False)
    if not view.reports:
        st.write("No role reports to it.")
    for index, report in enumerate(view.reports):
        role_link(str(report["report"]), str(report["report_label"]), key=f"report-{index}")
    if view.equivalents:
        st.subheader("IC / manager equivalent", anchor=False)
        for index, equivalent in enumerate(view.equivalents):
            if str(equivalent["equivalent"]) in by_iri:
                role_link(str(equivalent["equivalent"]), str(equivalent["equivalent_label"]), key=f"eq-{index}")
            else:
                st.write(text(equivalent["equivalent_label"]))


def _indicators_and_hiring(view: views.RoleView) -> None:
    st.subheader("Performance indicators", anchor=False)
    for indicator in view.indicators:
        st.write("• " + text(indicator["label"]))
    if not view.indicators:
        st.write("None stated.")
    st.subheader("Hiring process", anchor=False)
    if view.hiring:
        show_rows(view.hiring)
    else:
        st.write("None stated.")


def _items(role: views.Role) -> None:
    for key in ("responsibilities", "requirements"):
        items: tuple[views.RoleItem, ...] = getattr(role, key)
        own = sum(1 for i in items if not i.inherited_from)
        st.subheader(f"{key.title()} ({own} own, {len(items) - own} inherited)", anchor=False)
        frame = pd.DataFrame([{"text": i.text, "from": i.inherited_from or "own", "line": i.line} for i in items])
        if not frame.empty:
            st.dataframe(frame, hide_index=True, width="stretch")
