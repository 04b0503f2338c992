"""Role: one role's grade, ladder, reporting chain, equivalents, items, indicators, hiring, career
paths, a self-assessment against the next level, and a comparison with any other role."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from jobkg import assessment, views
from jobkg.app.navigation import open_page
from jobkg.app.state import current_kb
from jobkg.app.widgets import role_link, text
from jobkg.kb import KnowledgeBase
from jobkg.occupations import dollars, market_pay
from jobkg.queries import cells
from jobkg.tables import readable

BOX = "role-box"  # the role chosen in the box; keyed, so each choice holds on the next run
SHOWN = "role-shown"  # the role the page last showed
LADDER_ORDER = {"previous": 0, "next": 1, "above": 2}  # down, up, then further up (by grade, as queried)
LADDER_NAMES = {"previous": "Previous level", "next": "Next level", "above": "Further up"}


def render() -> None:
    kb = current_kb()
    roles = sorted(kb.roles(), key=lambda r: (r.title, r.family))
    if not roles:
        st.info("This knowledge base has no roles.")
        return
    by_iri = {r.iri: r for r in roles}
    asked = st.query_params.get("role")
    if asked and asked not in by_iri:
        st.error(text(f"No role with the id {asked} in this knowledge base. Search for a role below."))
    current = asked if asked in by_iri else st.session_state.get("role")
    if current != st.session_state.get(SHOWN):  # a link or the URL chose the role: the box follows
        st.session_state[BOX] = current if current in by_iri else None
    iri = st.selectbox(
        "Role",
        list(by_iri),
        format_func=lambda i: f"{by_iri[i].title} — {by_iri[i].family}",
        index=None,
        placeholder="Type a role's title to search",
        key=BOX,
    )
    st.session_state[SHOWN] = iri
    if iri is None:
        st.session_state.pop("role", None)
        st.query_params.pop("role", None)
        st.caption(f"{len(roles)} roles: choose one to see its grade, ladder, reporting line and duties.")
        return
    st.session_state["role"] = iri
    st.query_params["role"] = iri
    view = views.role_view(kb, by_iri[iri])
    _header(view.role)
    _occupation(kb, view.role)
    left, right = st.columns(2)
    with left:
        _ladder_and_lines(view, by_iri)
    with right:
        _indicators_and_hiring(view)
    _items(view.role)
    _career_paths(kb, view.role)
    _self_assessment(view, by_iri)
    _compare(kb, view.role, by_iri)


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


def _occupation(kb: KnowledgeBase, role: views.Role) -> None:
    """The standard occupations people accepted for the role, and the market pay of an accepted
    SOC code beside the grade, labelled as a benchmark; proposals stay on the Occupations page."""
    accepted = [link for link in kb.occupations(role.iri) if link.accepted]
    if not accepted:
        left, right = st.columns([4, 1], vertical_alignment="center")
        left.caption("Standard occupation: none accepted yet.")
        if right.button("Review proposals", key="to-occupations", type="tertiary", icon=":material/work:"):
            open_page("occupations")
        return
    named = "; ".join(f"{link.label} ({link.list_title} {link.notation})" for link in accepted)
    said = [", ".join(part for part in (f"{link.file}:{link.line}", link.by, link.date) if part) for link in accepted]
    st.markdown(f"**Standard occupation** {text(named)}  \n*accepted in* {text('; '.join(said))}")
    pay = market_pay(accepted)
    if pay is None:
        return
    wages = pay.wages
    st.caption(
        f"Market pay for SOC {wages.soc_code} {text(wages.title)}, annual, USD ({text(pay.source)}): a benchmark "
        "for the occupation, not what this company pays."
    )
    st.table(pd.DataFrame([{name: dollars(value) for name, value in wages.percentiles()}]), hide_index=True)


def _ladder_and_lines(view: views.RoleView, by_iri: dict[str, views.Role]) -> None:
    st.subheader("Ladder", anchor=False)
    for index, level in enumerate(
        sorted(view.levels, key=lambda row: LADDER_ORDER.get(cells.text(row, "relation"), 3))
    ):
        name = LADDER_NAMES.get(str(level["relation"]), str(level["relation"]))
        st.write(text(f"{name} (grade {level['grade'] or 'not stated'}):"))
        role_link(str(level["other"]), str(level["other_title"]), key=f"level-{index}")
    if not view.levels:
        st.write("No other level on this track.")
    st.subheader("Reports to", anchor=False)
    if not view.role.reports_to:
        st.write("Not stated on the page.")
    for index, step in enumerate(view.chain):
        label = f"{'↑ ' * cells.integer(step, 'steps')}{step['ancestor_label']}"
        if cells.text(step, "ancestor") in by_iri:
            role_link(cells.text(step, "ancestor"), label, key=f"chain-{index}")
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
    once: dict[str, str] = {}  # once each, whatever the case two pages write it in
    for indicator in view.indicators:
        once.setdefault(" ".join(str(indicator["label"]).casefold().split()), str(indicator["label"]))
    for label in once.values():
        st.write("• " + text(label))
    if not view.indicators:
        st.write("None stated.")
    st.subheader("Hiring process", anchor=False)
    if view.hiring:
        st.table(pd.DataFrame(readable(view.hiring)).map(text), hide_index=True)  # full text, wrapped
    else:
        st.write("None stated.")


COLUMN = {"responsibilities": "Responsibility", "requirements": "Requirement"}


def _items(role: views.Role) -> None:
    for key in ("responsibilities", "requirements"):
        items: tuple[views.RoleItem, ...] = getattr(role, key)
        own = sum(1 for i in items if not i.inherited_from)
        superseded = sum(1 for i in items if i.superseded_by)
        note = f", {superseded} superseded by its own" if superseded else ""
        st.subheader(f"{key.title()} ({own} own, {len(items) - own} inherited{note})", anchor=False)
        if not items:
            st.write("None stated.")
            continue
        rows = [
            {
                COLUMN[key]: _item_text(item),
                "From": text(item.inherited_from or "own"),
                "Line": item.line,
            }
            for item in items
        ]
        st.table(pd.DataFrame(rows), hide_index=True)


def _item_text(item: views.RoleItem) -> str:
    """The item as text; a superseded one struck through, with what replaces it."""
    if not item.superseded_by:
        return text(item.text)
    return f"~~{text(item.text)}~~ *(superseded by its own: {text(item.superseded_by)})*"


PATHS_SHOWN = 8
CLOSE_ENOUGH = 0.25  # a move across shows when at least this share of the target's items is met


def _career_paths(kb: KnowledgeBase, role: views.Role) -> None:
    """The moves the pages state (up, to an equivalent), and moves across that share at least a
    quarter of their items, best first: what is missing, then what is already met."""
    st.subheader("Career paths", anchor=False)
    found = kb.career_paths(role.iri, limit=PATHS_SHOWN)
    shown = [p for p in found if "across" not in p.moves or p.share_met >= CLOSE_ENOUGH]
    if not shown:
        st.write("No stated move from this role, and no role elsewhere that shares a quarter of its items.")
    else:
        st.caption(
            "Up the ladder, to a stated equivalent, or across to another family at the same or the next grade; "
            "'met' means this role's page states the same item (nearly word for word)."
        )
    for path in shown:
        route = " then ".join(path.moves) + (f" (via {', '.join(path.via)})" if path.via else "")
        label = f"{path.target.title} — {route}: {len(path.met)} of {len(path.items)} items already met"
        with st.expander(text(label)):
            role_link(path.target.iri, path.target.title, key=f"path-{path.target.iri}")
            file = path.target.source.file
            missing = [{"Missing": text(i.text), "Line": f"{file}:{i.line}"} for i in path.missing]
            met = [
                {"Met": text(i.text), "By this role's": text(i.met_by), "Line": f"{file}:{i.line}"} for i in path.met
            ]
            if missing:
                st.table(pd.DataFrame(missing), hide_index=True)
            if met:
                st.table(pd.DataFrame(met), hide_index=True)
    if len(shown) < len(found):
        st.caption(
            f"{len(found) - len(shown)} more moves across share less than a quarter of their items (`jobkg paths`)."
        )


def _self_assessment(view: views.RoleView, by_iri: dict[str, views.Role]) -> None:
    """The next level's own items to tick, downloaded as CSV or Markdown; never stored."""
    upper = next((by_iri.get(cells.text(row, "other")) for row in view.levels if row["relation"] == "next"), None)
    if upper is None:
        return
    items = assessment.next_level_items(upper)
    if not items:
        return
    st.subheader(f"Towards {text(upper.title)}: a self-assessment", anchor=False)
    st.caption(assessment.NOT_A_CHECKLIST)
    ticked = [
        st.checkbox(text(item.text), key=f"assess-{upper.iri}-{index}", help=f"{item.kind}, {item.file}:{item.line}")
        for index, item in enumerate(items)
    ]
    left, right = st.columns(2)
    name = f"self-assessment-{upper.title}".replace(" ", "-").replace("/", "-")
    left.download_button("Download CSV", assessment.as_csv(items, ticked), f"{name}.csv", "text/csv", key="assess-csv")
    right.download_button(
        "Download Markdown",
        assessment.as_markdown(view.role, upper, items, ticked),
        f"{name}.md",
        "text/markdown",
        key="assess-md",
    )


def _compare(kb: KnowledgeBase, role: views.Role, by_iri: dict[str, views.Role]) -> None:
    """What this role has that another does not, and the other way round."""
    st.subheader("Compare with another role", anchor=False)
    others = [i for i in by_iri if i != role.iri]
    other = st.selectbox(
        "Other role",
        others,
        index=None,
        format_func=lambda i: f"{by_iri[i].title} — {by_iri[i].family}",
        placeholder="Type a role's title to compare",
        key="compare-with",
    )
    if other is None:
        return
    for first, second in ((role, by_iri[other]), (by_iri[other], role)):
        rows = kb.run("compare-roles", {"role": first.iri, "other": second.iri})
        st.markdown(f"**{text(first.title)}** has {len(rows)} that **{text(second.title)}** does not")
        if rows:
            shown = [{"Kind": r["kind"], "Text": text(r["text"]), "Line": f"{r['file']}:{r['line']}"} for r in rows]
            st.table(pd.DataFrame(shown), hide_index=True)
