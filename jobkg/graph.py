"""The org graph as networkx: roles, families and reporting targets, with reports-to,
extends, next-level and equivalence edges. Feeds the app's explorer (as Cytoscape
elements) and the GraphML / GEXF exports for Gephi and yEd."""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from jobkg.queries.catalog import Runner

EDGE_KINDS = ("reports to", "extends", "next level", "equivalent", "in family")
NODE_KINDS = ("role", "family", "reporting target")


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
        graph.add_node(str(row["node"]), **attributes)
    for row in runner.run("org-edges"):
        source, target = str(row["source"]), str(row["target"])
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
            return grade is not None and chosen.grades[0] <= int(grade) <= chosen.grades[1]
        return True

    roles = {node for node, data in graph.nodes(data=True) if data["kind"] == "role" and keep_role(data)}
    keep = set(roles)
    for source, target, data in graph.edges(data=True):
        if data["kind"] in chosen.edge_kinds and (source in roles or target in roles):
            keep |= {source, target}
    sub = nx.MultiDiGraph()
    sub.add_nodes_from((node, graph.nodes[node]) for node in keep)
    sub.add_edges_from(
        (s, t, k, d)
        for s, t, k, d in graph.edges(keys=True, data=True)
        if s in keep and t in keep and d["kind"] in chosen.edge_kinds
    )
    return sub


def cytoscape_elements(graph: nx.MultiDiGraph) -> dict[str, list[dict[str, object]]]:
    """The graph as Cytoscape.js elements (what st-link-analysis draws)."""
    nodes = [
        {"data": {"id": node, "label": data["kind"], "name": data["label"], **_grade(data)}}
        for node, data in graph.nodes(data=True)
    ]
    edges = [
        {"data": {"id": f"{s}|{k}|{t}", "source": s, "target": t, "label": k}} for s, t, k in graph.edges(keys=True)
    ]
    return {"nodes": nodes, "edges": edges}


def _grade(data: dict[str, object]) -> dict[str, object]:
    return {"grade": data["grade"]} if "grade" in data else {}
