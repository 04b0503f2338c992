"""Explore: the org chart. Rows are grades, boxes are families, the layout is computed in
jobkg.graph (the same on every load); a search focuses on a role and its neighbourhood, and
filters narrow each other. Large KBs open on one department, never on everything at once."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx
import streamlit as st
from st_link_analysis import Event, st_link_analysis

from jobkg.app.state import load_graph
from jobkg.app.widgets import open_role, text
from jobkg.graph import EDGE_KINDS, GraphFilter, cytoscape_elements, filtered, layered_positions, neighbourhood, options

WHOLE_GRAPH_UP_TO = 150  # roles; past this the chart opens on one department
DEPARTMENT_UP_TO = 500  # roles; a department larger than this opens on its largest family
EDGE_CHOICES = tuple(kind for kind in EDGE_KINDS if kind != "in family")  # families are drawn as boxes
LEGEND = (
    "How to read it: rows are grades, highest on top (each row says its grade); boxes are families, individual "
    "contributors left of managers. Blue: a role; dark blue: the role you searched; grey: a position named on a "
    "page that is not a role of the KB. Arrows: dark = reports to, green = next level, purple dashed = extends, "
    "orange dotted = equivalent. Click a node for its card; double-click a role to open its page."
)


@dataclass(frozen=True)
class CytoscapeStyle:
    """One Cytoscape.js style rule, in the shape st-link-analysis hands to Cytoscape."""

    selector: str
    style: dict[str, object]

    def dump(self) -> dict[str, object]:
        return {"selector": self.selector, "style": self.style}


STYLES = [
    CytoscapeStyle("*", {"min-zoomed-font-size": 0}),  # labels at every zoom, not only close up
    CytoscapeStyle(
        "node",
        {
            "label": "data(name)",
            "shape": "round-rectangle",
            "width": 170,
            "height": 60,
            "font-size": 15,
            "text-wrap": "wrap",
            "text-max-width": 160,
            "text-valign": "center",
            "text-halign": "center",
            "text-margin-y": 0,
            "color": "#ffffff",
            "background-color": "#2f6fdf",
            "border-width": 0,
        },
    ),
    CytoscapeStyle("node[label = 'reporting target']", {"background-color": "#7a7a7a"}),
    CytoscapeStyle(
        "node[label = 'axis']",
        {"background-opacity": 0, "color": "#555555", "font-size": 15, "font-weight": "bold", "events": "no"},
    ),
    CytoscapeStyle("node.focus", {"background-color": "#0b2e6b", "border-width": 5, "border-color": "#f2a93b"}),
    CytoscapeStyle(
        "node[label = 'family']",
        {
            "shape": "round-rectangle",
            "background-color": "#eef3fb",
            "background-opacity": 1,
            "border-width": 1,
            "border-color": "#9db5dd",
            "color": "#1b3a6b",
            "font-size": 16,
            "font-weight": "bold",
            "text-valign": "top",
            "text-halign": "center",
            "text-margin-y": -6,
            "padding": 18,
        },
    ),
    CytoscapeStyle("edge", {"width": 2, "curve-style": "bezier", "target-arrow-shape": "triangle", "label": ""}),
    CytoscapeStyle("edge[label = 'reports to']", {"line-color": "#3b3b3b", "target-arrow-color": "#3b3b3b"}),
    CytoscapeStyle("edge[label = 'next level']", {"line-color": "#2e9e5b", "target-arrow-color": "#2e9e5b"}),
    CytoscapeStyle(
        "edge[label = 'extends']", {"line-color": "#8a5cc7", "target-arrow-color": "#8a5cc7", "line-style": "dashed"}
    ),
    CytoscapeStyle(
        "edge[label = 'equivalent']",
        {"line-color": "#e08a1e", "line-style": "dotted", "target-arrow-shape": "none"},
    ),
]
CANVAS = (1100, 720)  # px: the chart's height, and about the width it gets on a laptop's wide layout
LEGIBLE_ZOOM = 0.75  # at 15-unit labels, ~11 px on screen
PARTIAL_ZOOM = 0.85  # a chart too large to read whole opens at this zoom on its top left


def layout_for(positions: dict[str, tuple[float, float]]) -> dict[str, object]:
    """The whole chart, centred, when it fits at a legible size (never blown up past its
    natural size); otherwise a legible zoom on its top left (the highest grades and who they
    report to), to pan from there."""
    xs = [x for x, _ in positions.values()] or [0.0]
    ys = [y for _, y in positions.values()] or [0.0]
    width, height = max(xs) - min(xs) + 200, max(ys) - min(ys) + 100
    zoom = min(1.0, CANVAS[0] / width, CANVAS[1] / height)
    if zoom >= LEGIBLE_ZOOM:
        centre = ((max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2)
        pan = {"x": CANVAS[0] / 2 - centre[0] * zoom, "y": CANVAS[1] / 2 - centre[1] * zoom}
    else:
        zoom = PARTIAL_ZOOM
        pan = {"x": 30 - (min(xs) - 100) * zoom, "y": 30 - (min(ys) - 50) * zoom}
    return {"name": "preset", "fit": False, "zoom": zoom, "pan": pan, "animate": False}


def render() -> None:
    graph = load_graph(*st.session_state["source"])
    st.title("Explore the org graph")
    roles = {n: d for n, d in graph.nodes(data=True) if d["kind"] == "role"}
    if not roles:
        st.info("This knowledge base has no roles to draw.")
        return
    top = st.columns([3, 1])
    focus = top[0].selectbox(
        "Find a role",
        sorted(roles, key=lambda n: (str(roles[n]["label"]), n)),
        index=None,
        format_func=lambda n: str(roles[n]["label"]),
        placeholder="Type a role's title to centre the chart on it",
        key="explore-focus",
    )
    steps = top[1].slider("Steps around it", 1, 4, 2, disabled=focus is None, key="explore-steps")
    with st.expander("Edges drawn"):
        edge_kinds = frozenset(st.multiselect("Edges", EDGE_CHOICES, default=list(EDGE_CHOICES), key="explore-edges"))
    if focus is not None:
        shown = neighbourhood(graph, focus, steps, edge_kinds)
        st.caption(text(f"{roles[focus]['label']} and everything {steps} steps away along the chosen edges."))
        if st.button(f"Open the page of {text(roles[focus]['label'])}", icon=":material/badge:"):
            open_role(focus)
    else:
        shown = _filtered(graph, roles, edge_kinds)
        if shown is None:
            return
    _draw(shown, focus)


def _filtered(graph: nx.MultiDiGraph, roles: dict[str, dict], edge_kinds: frozenset[str]) -> nx.MultiDiGraph | None:
    """The chart under the department, family and grade filters, each narrowing the next."""
    departments, _ = options(graph)
    default = [] if len(roles) <= WHOLE_GRAPH_UP_TO else [_largest("department", roles.values())]
    cols = st.columns(3)
    chosen_departments = frozenset(cols[0].multiselect("Department", departments, default=default, key="explore-dep"))
    _, families = options(graph, chosen_departments)
    in_default = [d for d in roles.values() if default and d["department"] == default[0]]
    largest_family = _largest("family", in_default) if len(in_default) > DEPARTMENT_UP_TO else ""
    default_family = [largest_family] if largest_family in families else []
    chosen_families = frozenset(
        cols[1].multiselect(
            "Family", list(families), default=default_family, format_func=families.get, key="explore-families"
        )
    )
    in_scope = [
        d
        for d in roles.values()
        if (not chosen_departments or d["department"] in chosen_departments)
        and (not chosen_families or d["family"] in chosen_families)
    ]
    grades = sorted({int(d["grade"]) for d in in_scope if "grade" in d})
    grade_range = None
    if len(grades) > 1:
        low, high = cols[2].slider("Grade", grades[0], grades[-1], (grades[0], grades[-1]), key="explore-grades")
        if (low, high) != (grades[0], grades[-1]):
            grade_range = (low, high)
    if default and set(default) == chosen_departments and set(default_family) == chosen_families:
        narrowed = f"the {families[default_family[0]]} family of " if default_family else ""
        st.caption(
            text(f"{len(roles):,} roles are too many to read at once: showing {narrowed}the {default[0]} department.")
        )
    shown = filtered(graph, GraphFilter(chosen_departments, chosen_families, grade_range, edge_kinds))
    if not any(d["kind"] == "role" for _, d in shown.nodes(data=True)):
        st.info("No role matches these filters together: widen the grade range, or clear the family or department.")
        return None
    return shown


def _largest(key: str, roles: Iterable[dict]) -> str:
    """The department or family with the most roles (ties: the first by name)."""
    counts = Counter(str(data[key]) for data in roles if data[key])
    return min(counts, key=lambda name: (-counts[name], name)) if counts else ""


def _draw(shown: nx.MultiDiGraph, focus: str | None) -> None:
    kinds = [d["kind"] for _, d in shown.nodes(data=True)]
    positions = layered_positions(shown)
    layout = layout_for(positions)
    partial = layout["zoom"] == PARTIAL_ZOOM
    opening = " It opens at a readable size on its top left: drag to pan, scroll to zoom." if partial else ""
    st.caption(
        f"{kinds.count('role')} roles, {kinds.count('reporting target')} other positions, "
        f"{kinds.count('family')} families.{opening}"
    )
    selection = st_link_analysis(
        cytoscape_elements(shown, positions, focus),
        layout=layout,
        node_styles=STYLES,
        height=CANVAS[1],
        key=f"org-graph-{focus or 'all'}",
        events=[Event("open_role", "dblclick dbltap", "node")],
    )
    st.caption(LEGEND)
    clicked = _clicked_node(selection)
    if clicked and clicked[1] != st.session_state.get("last_click"):
        st.session_state["last_click"] = clicked[1]
        if shown.nodes.get(clicked[0], {}).get("kind") == "role":
            open_role(clicked[0])


def _clicked_node(selection: object) -> tuple[str, object] | None:
    """(node id, event time) from st-link-analysis's event payload; the time tells a new
    click from the same payload seen again on a rerun."""
    if not isinstance(selection, dict) or selection.get("action") != "open_role":
        return None
    target = (selection.get("data") or {}).get("target_id")
    return (str(target), selection.get("timestamp")) if target else None
