"""The org graph as networkx: roles, families and reporting targets, with reports-to,
extends, next-level and equivalence edges. Feeds the app's explorer (as Cytoscape
elements, laid out here in layers so the chart is the same on every load) and the GraphML /
GEXF exports for Gephi and yEd."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import networkx as nx

from jobkg.queries import cells
from jobkg.queries.catalog import Runner

EDGE_KINDS = ("reports to", "extends", "next level", "equivalent", "in family")


def org_graph(runner: Runner) -> nx.MultiDiGraph:
    """Every role, family and reporting target, and the edges between them."""
    graph = nx.MultiDiGraph()
    for row in runner.run("org-nodes"):
        attributes = {
            "kind": row["kind"],
            "label": row["label"],
            "family": row["family"] or "",
            "department": row["department"] or "",
        }
        if row["grade"] is not None:
            attributes["grade"] = row["grade"]
        if isinstance(rank := row.get("rank"), int | float | str):
            attributes["rank"] = float(rank)
        if row.get("track"):
            attributes["track"] = row["track"]
        graph.add_node(cells.text(row, "node"), **attributes)
    for row in runner.run("org-edges"):
        source, target = cells.text(row, "source"), cells.text(row, "target")
        if source in graph and target in graph:
            graph.add_edge(source, target, key=row["kind"], kind=row["kind"])
    return graph


@dataclass(frozen=True)
class GraphFilter:
    """What the explorer shows: empty sets mean 'all'."""

    departments: frozenset[str] = frozenset()
    families: frozenset[str] = frozenset()  # family IRIs
    grades: tuple[int, int] | None = None
    edge_kinds: frozenset[str] = field(default_factory=lambda: frozenset(EDGE_KINDS) - {"in family"})


def filtered(graph: nx.MultiDiGraph, chosen: GraphFilter) -> nx.MultiDiGraph:
    """Roles that pass the filter, and the families and targets they connect to."""

    def keep_role(data: dict[str, object]) -> bool:
        if chosen.departments and data["department"] not in chosen.departments:
            return False
        if chosen.families and data["family"] not in chosen.families:
            return False
        if chosen.grades is not None:
            grade = data.get("grade")
            return isinstance(grade, int) and chosen.grades[0] <= grade <= chosen.grades[1]
        return True

    roles = {node for node, data in graph.nodes(data=True) if data["kind"] == "role" and keep_role(data)}
    keep = set(roles)
    for source, target, data in graph.edges(data=True):
        if data["kind"] in chosen.edge_kinds and (source in roles or target in roles):
            keep |= {source, target}
    return _subgraph(graph, keep, chosen.edge_kinds)


def neighbourhood(graph: nx.MultiDiGraph, focus: str, steps: int, edge_kinds: frozenset[str]) -> nx.MultiDiGraph:
    """The focus and every node at most `steps` edges away along these kinds of edges, either
    way: its chain up, its reports down, its ladder."""
    walk = nx.Graph()
    walk.add_nodes_from(graph)
    walk.add_edges_from((s, t) for s, t, d in graph.edges(data=True) if d["kind"] in edge_kinds)
    near = nx.single_source_shortest_path_length(walk, focus, cutoff=steps) if focus in walk else {}
    return _subgraph(graph, set(near), edge_kinds)


def options(graph: nx.MultiDiGraph, departments: frozenset[str] = frozenset()) -> tuple[list[str], dict[str, str]]:
    """The departments to choose from, and the families (IRI -> title) within the chosen
    departments (all when none is chosen): filters that narrow each other."""
    roles = [d for _, d in graph.nodes(data=True) if d["kind"] == "role"]
    all_departments = sorted({str(d["department"]) for d in roles if d["department"]})
    in_scope = {str(d["family"]) for d in roles if not departments or d["department"] in departments}
    families = {f: str(graph.nodes[f]["label"]) for f in in_scope if f in graph}
    return all_departments, dict(sorted(families.items(), key=lambda item: item[1]))


def _subgraph(graph: nx.MultiDiGraph, keep: set[str], edge_kinds: frozenset[str]) -> nx.MultiDiGraph:
    """These nodes and the families of their roles (drawn as boxes), and the edges of these
    kinds between them."""
    keep = keep | {str(graph.nodes[n]["family"]) for n in keep if graph.nodes[n]["kind"] == "role"} & set(graph)
    sub = nx.MultiDiGraph()
    sub.add_nodes_from((node, graph.nodes[node]) for node in keep)
    sub.add_edges_from(
        (s, t, k, d)
        for s, t, k, d in graph.edges(keys=True, data=True)
        if s in keep and t in keep and d["kind"] in edge_kinds
    )
    return sub


ROW, COLUMN, GAP = 95.0, 190.0, 60.0  # model units: a grade's row, a role's column, space between groups
SHELF = 7 * COLUMN  # family blocks wrap onto a new band past this width, so the chart stays near the screen's shape
UNGRADED = "grade not stated"
IC, MANAGEMENT = "individual contributor", "management"


@dataclass
class _Block:
    """One family's roles: a column group per track, a row per grade."""

    columns: list[dict[object, list[str]]]  # per track: grade (or UNGRADED) -> roles side by side

    @property
    def width(self) -> float:
        widths = [max(len(nodes) for nodes in column.values()) for column in self.columns]
        return sum(widths) * COLUMN + (len(widths) - 1) * GAP / 2

    def grades(self) -> set[object]:
        return {grade for column in self.columns for grade in column}


def layered_positions(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Where each node sits: family blocks (by department and title) side by side in bands;
    in each band one row per grade present, highest on top, roles without a grade in the last
    row; individual contributors left of managers; the positions roles report to in the band's
    top row, over their reports; a "grade N" label at the left of each row. The same graph
    always gets the same picture."""
    blocks = _blocks(graph)
    shelves: list[list[_Block]] = [[]]
    for block in blocks:
        if shelves[-1] and sum(b.width + GAP for b in shelves[-1]) + block.width > SHELF:
            shelves.append([])
        shelves[-1].append(block)
    positions: dict[str, tuple[float, float]] = {}
    top = 0.0
    bands: list[tuple[float, set[str]]] = []
    for number, shelf in enumerate(shelves):
        grades = set().union(*(block.grades() for block in shelf)) if shelf else set()
        order = sorted(grades, key=_row_order)
        row_y = {grade: top + (index + 1.5) * ROW for index, grade in enumerate(order)}  # room for family titles
        for grade, y in row_y.items():
            positions[f"axis:{number}:{grade}"] = (-COLUMN, y)
        x, members = 0.0, set()
        for block in shelf:
            column_x = x
            for column in block.columns:
                for grade, nodes in column.items():
                    for index, node in enumerate(nodes):
                        positions[node] = (column_x + index * COLUMN, row_y[grade])
                        members.add(node)
                column_x += max(len(nodes) for nodes in column.values()) * COLUMN + GAP / 2
            x += block.width + GAP
        bands.append((top, members))
        top += (len(order) + 1.5) * ROW + GAP
    _place_targets(graph, positions, bands)
    return positions


def _blocks(graph: nx.MultiDiGraph) -> list[_Block]:
    families: dict[tuple[str, str, str], list[tuple[str, dict]]] = {}
    for node, data in graph.nodes(data=True):
        if data["kind"] != "role":
            continue
        title = graph.nodes[data["family"]]["label"] if data["family"] in graph else data["family"]
        families.setdefault((str(data["department"]), str(title), str(data["family"])), []).append((node, data))
    blocks = []
    for key in sorted(families):
        columns = []
        for track in (IC, MANAGEMENT):
            column: dict[object, list[str]] = {}
            members = [m for m in families[key] if m[1].get("track", IC) == track]
            for node, data in sorted(members, key=lambda m: (m[1]["label"], m[0])):
                column.setdefault(_row(data), []).append(node)
            if column:
                columns.append(column)
        blocks.append(_Block(columns))
    return blocks


def _row(data: dict[str, object]) -> int | str:
    """A role's row: its grade; else the level the page numbers ('level 3'), so a ladder
    without grades still climbs; else UNGRADED."""
    if "grade" in data:
        return int(str(data["grade"]))
    if "rank" in data:
        return f"level {float(str(data['rank'])):g}"
    return UNGRADED


def _row_order(row: object) -> tuple[int, float]:
    """Grades highest first, then levels highest first, then UNGRADED."""
    if isinstance(row, int):
        return (0, -row)
    if row == UNGRADED:
        return (2, 0.0)
    return (1, -float(str(row).removeprefix("level ")))


def _place_targets(
    graph: nx.MultiDiGraph, positions: dict[str, tuple[float, float]], bands: list[tuple[float, set[str]]]
) -> None:
    """Each position roles report to goes in the top row of the band holding most of its
    reports, over their mean, kept a column apart from its neighbours."""
    wanted: dict[int, list[tuple[float, str, str]]] = {}
    for node, data in graph.nodes(data=True):
        if data["kind"] != "reporting target":
            continue
        reports = [s for s, _ in graph.in_edges(node) if s in positions]
        band = max(range(len(bands)), key=lambda b: (sum(r in bands[b][1] for r in reports), -b))
        xs = [positions[r][0] for r in reports if r in bands[band][1]] or [0.0]
        wanted.setdefault(band, []).append((sum(xs) / len(xs), str(data["label"]), node))
    for band, targets in wanted.items():
        last = None
        for x, _label, node in sorted(targets):
            x = x if last is None else max(x, last + COLUMN)
            positions[node] = (x, bands[band][0])
            last = x


@dataclass
class Drawing:
    """The graph as Cytoscape.js elements (what st-link-analysis draws) and, for each element
    id, the graph node it draws (a click reports the element id)."""

    elements: dict[str, list[dict[str, object]]]
    nodes: dict[str, str]


def cytoscape_elements(
    graph: nx.MultiDiGraph, positions: dict[str, tuple[float, float]] | None = None, focus: str | None = None
) -> Drawing:
    """Roles inside their family's box, at the given positions, the focus marked. A node's
    `label` is its name (drawn, and the card's heading); its `kind` styles it. What a click
    shows is in words: the id is the name (with the family, for a role), and every value is
    HTML-escaped, because the component's card writes them as HTML."""
    positions = positions or {}
    families = {d["family"] for _, d in graph.nodes(data=True) if d["kind"] == "role"}
    ids = _readable_ids(graph)
    nodes: list[dict[str, object]] = []
    for node, data in graph.nodes(data=True):
        if data["kind"] == "family" and node not in families:
            continue  # a family box with none of its roles drawn is an empty frame
        element: dict[str, object] = {
            "data": {"id": ids[node], "label": data["label"], "kind": data["kind"], **_card(graph, data)}
        }
        if data["kind"] == "role" and data["family"] in graph:
            element["data"]["parent"] = ids[data["family"]]  # type: ignore[index]
        if node == focus:
            element["classes"] = "focus"
        if node in positions:
            element["position"] = {"x": positions[node][0], "y": positions[node][1]}
        nodes.append(element)
    for key, (x, y) in positions.items():
        if key.startswith("axis:"):
            grade = key.rsplit(":", 1)[1]
            name = grade if not grade.isdigit() else f"grade {grade}"
            data = {"id": f"axis: {name}", "label": name, "kind": "axis"}
            nodes.append({"data": data, "position": {"x": x, "y": y}})
    edges: list[dict[str, object]] = [
        {"data": {"id": f"{ids[s]} {k} {ids[t]}", "source": ids[s], "target": ids[t], "label": k}}
        for s, t, k in graph.edges(keys=True)
        if k != "in family"  # drawn as the family's box
    ]
    return Drawing({"nodes": nodes, "edges": edges}, {ids[node]: node for node in graph})


def _readable_ids(graph: nx.MultiDiGraph) -> dict[str, str]:
    """Each node's element id in words, HTML-escaped and unique: a role's title with its family
    ('Senior CSM (Customer Success Management)'), a family's name, a position's name."""
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for node, data in sorted(graph.nodes(data=True), key=lambda item: item[0]):
        name = str(data["label"])
        if data["kind"] == "role" and data["family"] in graph:
            name = f"{name} ({graph.nodes[data['family']]['label']})"
        elif data["kind"] == "family":
            name = f"{name} (family)"
        candidate, number = html.escape(name), 1
        while candidate in taken:
            number += 1
            candidate = f"{html.escape(name)} #{number}"
        taken.add(candidate)
        ids[node] = candidate
    return ids


def _card(graph: nx.MultiDiGraph, data: dict[str, object]) -> dict[str, object]:
    """What the component's card shows for a node, below its name; escaped, as it is HTML there."""
    card: dict[str, object] = {}
    if data["kind"] == "role" and data.get("family") in graph:
        card["family"] = html.escape(str(graph.nodes[data["family"]]["label"]))
    if "grade" in data:
        card["grade"] = data["grade"]
    if data.get("track"):
        card["track"] = html.escape(str(data["track"]))
    if data.get("department"):
        card["department"] = html.escape(str(data["department"]))
    return card
