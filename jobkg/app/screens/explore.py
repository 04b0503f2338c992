"""Explore: the org chart. Rows are grades, boxes are families, the layout is computed in
jobkg.graph (the same on every load); a search focuses on a role and its neighbourhood, and
filters narrow each other. Large KBs open on one department, and on as many of its families
as read at once: the first view is always whole and readable."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx
import streamlit as st
from st_link_analysis import Event, st_link_analysis

from jobkg.app.state import load_graph, review_stamp
from jobkg.app.widgets import open_role, text
from jobkg.graph import EDGE_KINDS, GraphFilter, cytoscape_elements, filtered, layered_positions, neighbourhood, options

WHOLE_GRAPH_UP_TO = 150  # roles; past this the chart opens on one department
EDGE_CHOICES = tuple(kind for kind in EDGE_KINDS if kind != "in family")  # families are drawn as boxes
LEGEND = (
    "How to read it: rows are grades, else the levels the pages number, highest on top (each row says which); "
    "boxes are families, individual contributors left of managers. Blue: a role; dark blue: the role you "
    "searched; grey: a position named on a page that is not a role of the KB. Arrows: dark = reports to, "
    "green = next level, purple dashed = extends, orange dotted = equivalent. Click a node for its card; "
    "double-click a role to open its page."
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
            "label": "data(label)",
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
    CytoscapeStyle("node[kind = 'reporting target']", {"background-color": "#7a7a7a"}),
    CytoscapeStyle(
        "node[kind = 'axis']",
        {"background-opacity": 0, "color": "#555555", "font-size": 15, "font-weight": "bold", "events": "no"},
    ),
    CytoscapeStyle("node.focus", {"background-color": "#0b2e6b", "border-width": 5, "border-color": "#f2a93b"}),
    CytoscapeStyle(
        "node[kind = 'family']",
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
CANVAS = (900, 720)  # px: the width the chart gets beside the sidebar on a 1400 px screen, and its height
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
    kind, location = st.session_state["source"]
    graph = load_graph(kind, location, review_stamp(kind, location))
    st.title("Explore the org graph")
    roles = {n: d for n, d in graph.nodes(data=True) if d["kind"] == "role"}
    if not roles:
        st.info("This knowledge base has no roles to draw.")
        return
    names = _search_names(graph, roles)
    top = st.columns([3, 1])
    focus = top[0].selectbox(
        "Find a role",
        sorted(roles, key=lambda n: (names[n], n)),
        index=None,
        format_func=lambda node: names.get(node, node),
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


def _search_names(graph: nx.MultiDiGraph, roles: dict[str, dict]) -> dict[str, str]:
    """Each role's title, with its family where two roles share a title ('Senior Security
    Engineer — Security Engineer'), and its department where that is not enough either."""
    titles = Counter(str(d["label"]) for d in roles.values())
    names = {}
    for node, data in roles.items():
        family = str(graph.nodes[data["family"]]["label"]) if data["family"] in graph else ""
        names[node] = f"{data['label']} — {family}" if titles[str(data["label"])] > 1 and family else str(data["label"])
    again = Counter(names.values())
    for node, data in roles.items():
        if again[names[node]] > 1 and data["department"]:
            names[node] = f"{names[node]}, {data['department']}"
    return names


def _filtered(graph: nx.MultiDiGraph, roles: dict[str, dict], edge_kinds: frozenset[str]) -> nx.MultiDiGraph | None:
    """The chart under the department, family and grade filters, each narrowing the next."""
    departments, _ = options(graph)
    default = [] if len(roles) <= WHOLE_GRAPH_UP_TO else [_largest("department", roles.values())]
    cols = st.columns(3)
    chosen_departments = frozenset(cols[0].multiselect("Department", departments, default=default, key="explore-dep"))
    _, families = options(graph, chosen_departments)
    default_families = _readable_families(graph, roles, default, edge_kinds)
    default_family = [f for f in default_families if f in families]
    chosen_families = frozenset(
        cols[1].multiselect(
            "Family",
            list(families),
            default=default_family,
            format_func=lambda key: families.get(key, key),
            key="explore-families",
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
    if (default or default_family) and set(default) == chosen_departments and set(default_family) == chosen_families:
        st.caption(text(_scope_note(roles, default, [families[f] for f in default_family], len(families))))
    shown = filtered(graph, GraphFilter(chosen_departments, chosen_families, grade_range, edge_kinds))
    if not any(d["kind"] == "role" for _, d in shown.nodes(data=True)):
        st.info("No role matches these filters together: widen the grade range, or clear the family or department.")
        return None
    return shown


def _readable_families(
    graph: nx.MultiDiGraph, roles: dict[str, dict], departments: list[str], edge_kinds: frozenset[str]
) -> list[str]:
    """Where the scope (the department, else everything) is too large to draw at a readable
    size on the canvas: its largest families that fit together, so the first view shows whole,
    readable; [] when the whole scope fits."""
    scope = frozenset(departments)
    if _fits(filtered(graph, GraphFilter(scope, frozenset(), None, edge_kinds))):
        return []
    counts = Counter(str(d["family"]) for d in roles.values() if not scope or d["department"] in scope)
    chosen: list[str] = []
    for family in sorted(counts, key=lambda f: (-counts[f], f)):
        trial = [*chosen, family]
        if not chosen or _fits(filtered(graph, GraphFilter(scope, frozenset(trial), None, edge_kinds))):
            chosen = trial
    return chosen


def _fits(shown: nx.MultiDiGraph) -> bool:
    return layout_for(layered_positions(shown))["zoom"] != PARTIAL_ZOOM


def _scope_note(roles: dict[str, dict], departments: list[str], families: list[str], offered: int) -> str:
    where = f"the {departments[0]} department" if departments else "these pages"
    if not families:
        return f"{len(roles):,} roles are too many to read at once: showing {where}."
    return (
        f"Showing {len(families)} of the {offered} families of {where}, as many as read at once: "
        f"{', '.join(families)}. Choose families or a department to see others."
    )


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
    counts = (
        _count(kinds.count("role"), "role", "roles"),
        _count(kinds.count("reporting target"), "other position", "other positions"),
        _count(kinds.count("family"), "family", "families"),
    )
    st.caption(f"{', '.join(counts)}.{opening}")
    drawing = cytoscape_elements(shown, positions, focus)
    selection = st_link_analysis(
        drawing.elements,
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
        node = drawing.nodes.get(clicked[0], "")
        if shown.nodes.get(node, {}).get("kind") == "role":
            open_role(node)


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def _clicked_node(selection: object) -> tuple[str, object] | None:
    """(node id, event time) from st-link-analysis's event payload; the time tells a new
    click from the same payload seen again on a rerun."""
    if not isinstance(selection, dict) or selection.get("action") != "open_role":
        return None
    target = (selection.get("data") or {}).get("target_id")
    return (str(target), selection.get("timestamp")) if target else None
