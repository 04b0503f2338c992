"""The org chart's graph: a layered layout that is the same on every load, focus on a role's
neighbourhood, filters that narrow each other, and Cytoscape elements with family boxes."""

from __future__ import annotations

import itertools

import pytest

from jobkg.graph import EDGE_KINDS, ROW, cytoscape_elements, layered_positions, neighbourhood, options, org_graph
from jobkg.kb import KnowledgeBase

CHOICES = frozenset(EDGE_KINDS) - {"in family"}


@pytest.fixture(scope="module")
def graph(seeds_kb):
    return org_graph(seeds_kb)


def node_titled(graph, title):
    return next(n for n, d in graph.nodes(data=True) if d["label"] == title and d["kind"] == "role")


def test_the_layout_is_the_same_on_every_load(seeds_kb, graph):
    assert layered_positions(graph) == layered_positions(org_graph(seeds_kb))


def test_rows_are_grades_highest_on_top_and_targets_above(graph):
    at = layered_positions(graph)
    staff = node_titled(graph, "Staff Infrastructure Technical Program Manager")
    senior = node_titled(graph, "Senior Infrastructure Technical Program Manager")
    assert at[staff][1] < at[senior][1]  # grade 8 above grade 7
    vp = next(n for n, d in graph.nodes(data=True) if d["label"] == "Vice President of Infrastructure & Quality")
    assert at[vp][1] <= at[staff][1] - ROW  # above the roles that report to it
    assert at[vp][1] == min(y for _x, y in at.values())


def test_each_row_says_its_grade(graph):
    at = layered_positions(graph)
    staff = node_titled(graph, "Staff Infrastructure Technical Program Manager")
    axis = [key for key, (_x, y) in at.items() if key.startswith("axis:") and y == at[staff][1]]
    assert len(axis) == 1 and axis[0].endswith(":8")


def test_no_two_nodes_share_a_place(graph):
    places = list(layered_positions(graph).values())
    assert len(places) == len(set(places))


def test_family_blocks_do_not_overlap(graph):
    at = layered_positions(graph)
    boxes: dict[str, list[tuple[float, float]]] = {}
    for node, data in graph.nodes(data=True):
        if data["kind"] == "role":
            boxes.setdefault(data["family"], []).append(at[node])
    rectangles = [
        (min(x for x, _ in p), max(x for x, _ in p), min(y for _, y in p), max(y for _, y in p)) for p in boxes.values()
    ]
    for one, two in itertools.combinations(rectangles, 2):
        apart = one[1] < two[0] or two[1] < one[0] or one[3] < two[2] or two[3] < one[2]
        assert apart, (one, two)


def test_focus_takes_the_role_and_its_neighbours(graph):
    staff = node_titled(graph, "Staff Infrastructure Technical Program Manager")
    one = neighbourhood(graph, staff, 1, CHOICES)
    labels = {d["label"] for _, d in one.nodes(data=True)}
    ladder = {"Senior Infrastructure Technical Program Manager", "Principal Infrastructure Technical Program Manager"}
    assert ladder <= labels
    assert "Vice President of Infrastructure & Quality" in labels  # its reporting line
    assert len(neighbourhood(graph, staff, 3, CHOICES)) > len(one)
    assert len(neighbourhood(graph, "https://example.org/none", 2, CHOICES)) == 0


def test_families_narrow_to_the_chosen_departments(graph):
    departments, every_family = options(graph)
    assert "Engineering" in departments and len(departments) >= 2
    _, engineering = options(graph, frozenset({"Engineering"}))
    assert 0 < len(engineering) < len(every_family)


def node_titled_any(graph, title: str) -> str:
    return next(n for n, d in graph.nodes(data=True) if d["label"] == title)


def test_elements_put_roles_in_their_family_box_at_their_place(graph):
    at = layered_positions(graph)
    staff = node_titled(graph, "Staff Infrastructure Technical Program Manager")
    drawing = cytoscape_elements(graph, at, focus=staff)
    by_node = {drawing.nodes[e["data"]["id"]]: e for e in drawing.elements["nodes"] if e["data"]["kind"] != "axis"}
    family = graph.nodes[staff]["family"]
    assert by_node[staff]["data"]["parent"] == by_node[family]["data"]["id"]
    assert by_node[staff]["classes"] == "focus"
    assert by_node[staff]["position"] == {"x": at[staff][0], "y": at[staff][1]}
    assert by_node[staff]["data"]["grade"] == 8 and by_node[staff]["data"]["label"].startswith("Staff")
    assert not any(e["data"]["label"] == "in family" for e in drawing.elements["edges"])  # the box says it


def test_a_card_is_in_words_and_escaped(graph):
    """The component writes a card's values as HTML: ids are names, not IRIs, and page text
    in them is escaped; the name itself (label) is drawn and shown as text."""
    staff = node_titled(graph, "Staff Infrastructure Technical Program Manager")
    vp = node_titled_any(graph, "Vice President of Infrastructure & Quality")
    drawing = cytoscape_elements(graph)
    data = {drawing.nodes[e["data"]["id"]]: e["data"] for e in drawing.elements["nodes"]}
    assert data[staff]["id"].startswith("Staff Infrastructure Technical Program Manager (")
    assert data[staff]["family"] == graph.nodes[graph.nodes[staff]["family"]]["label"]
    assert data[vp]["id"] == "Vice President of Infrastructure &amp; Quality"
    assert data[vp]["label"] == "Vice President of Infrastructure & Quality"
    assert not any(str(v).startswith("http") for d in data.values() for v in d.values())


def test_a_ladder_without_grades_climbs_by_its_levels(write_pages):
    """Levels the page numbers ('Level 2: ...') give the chart its rows where no grade is stated."""
    folder = write_pages(
        {
            "eng/ladder.md": "# Software Engineer\n## Level 1: Software Engineer I\n- Writes code\n- Fixes bugs\n"
            "## Level 2: Software Engineer II\n- Designs features\n- Reviews code\n"
        }
    )
    graph = org_graph(KnowledgeBase.build([folder]))
    at = layered_positions(graph)
    first, second = node_titled(graph, "Software Engineer I"), node_titled(graph, "Software Engineer II")
    assert at[second][1] < at[first][1]  # level 2 above level 1
    axes = {key.rsplit(":", 1)[1] for key in at if key.startswith("axis:")}
    assert axes == {"level 1", "level 2"}
