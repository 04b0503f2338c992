"""Explore: the org graph, filtered by department, family, grade range and edge type."""

from __future__ import annotations

import streamlit as st
from st_link_analysis import EdgeStyle, Event, NodeStyle, st_link_analysis

from jobkg.app.state import load_graph
from jobkg.app.widgets import open_role
from jobkg.graph import EDGE_KINDS, GraphFilter, cytoscape_elements, filtered

COLOURS = {"role": "#2f6fdf", "family": "#f2a93b", "reporting target": "#8e8e8e"}


def render() -> None:
    graph = load_graph(*st.session_state["source"])
    st.title("Explore the org graph")
    nodes = graph.nodes(data=True)
    departments = sorted({d["department"] for _, d in nodes if d["kind"] == "role" and d["department"]})
    families = {d["family"]: d["label"] for n, d in nodes if d["kind"] == "family"}
    grades = sorted({int(d["grade"]) for _, d in nodes if "grade" in d})
    cols = st.columns(4)
    chosen_departments = cols[0].multiselect("Department", departments)
    chosen_families = cols[1].multiselect("Family", sorted(families, key=families.get), format_func=families.get)
    grade_range = None
    if len(grades) > 1:
        low, high = cols[2].slider("Grade", grades[0], grades[-1], (grades[0], grades[-1]))
        if (low, high) != (grades[0], grades[-1]):
            grade_range = (low, high)
    edge_kinds = cols[3].multiselect("Edges", EDGE_KINDS, default=[k for k in EDGE_KINDS if k != "in family"])
    chosen = GraphFilter(frozenset(chosen_departments), frozenset(chosen_families), grade_range, frozenset(edge_kinds))
    shown = filtered(graph, chosen)
    st.caption(
        f"{shown.number_of_nodes()} nodes, {shown.number_of_edges()} edges. "
        "Legend: blue = role, orange = family, grey = reporting target named on a page. "
        "Click a role to open its page."
    )
    node_styles = [NodeStyle(kind, colour, "name") for kind, colour in COLOURS.items()]
    edge_styles = [EdgeStyle(kind, caption="label", directed=True) for kind in EDGE_KINDS]
    selection = st_link_analysis(
        cytoscape_elements(shown),
        layout="cose",
        node_styles=node_styles,
        edge_styles=edge_styles,
        height=650,
        key="org-graph",
        events=[Event("open_role", "click tap", "node")],
    )
    clicked = _clicked_node(selection)
    if clicked and clicked[1] != st.session_state.get("last_click"):
        st.session_state["last_click"] = clicked[1]
        if graph.nodes.get(clicked[0], {}).get("kind") == "role":
            open_role(clicked[0])


def _clicked_node(selection: object) -> tuple[str, object] | None:
    """(node id, event time) from st-link-analysis's event payload; the time tells a new
    click from the same payload seen again on a rerun."""
    if not isinstance(selection, dict) or selection.get("action") != "open_role":
        return None
    target = (selection.get("data") or {}).get("target_id")
    return (str(target), selection.get("timestamp")) if target else None
