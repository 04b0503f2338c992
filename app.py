"""jobkg's front end: ask, browse roles, explore the org graph, run queries, export.

Presentation only: every answer comes from jobkg.KnowledgeBase, the same functions the CLI
calls. Run with `streamlit run app.py` (optionally `-- --source PATH|URL`, or JOBKG_SOURCE).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

import pandas as pd
import streamlit as st
from st_link_analysis import EdgeStyle, Event, NodeStyle, st_link_analysis

from ingest.errors import JobkgError
from jobkg.graph import EDGE_KINDS, GraphFilter, cytoscape_elements, filtered, org_graph
from jobkg.kb import BUNDLED_CORPUS, FORMATS, KnowledgeBase
from jobkg.uploads import save_uploads
from queries import catalog
from queries.answer import ask
from queries.backends import QueryError

SOURCE_KINDS = ("bundled corpus", "folder of pages", "KB file", "SPARQL endpoint", "upload")
FORMAT_MIME = {
    "turtle": ("ttl", "text/turtle"),
    "nt": ("nt", "application/n-triples"),
    "jsonld": ("jsonld", "application/ld+json"),
    "xml": ("rdf", "application/rdf+xml"),
    "trig": ("trig", "application/trig"),
    "nquads": ("nq", "application/n-quads"),
}
COLOURS = {"role": "#2f6fdf", "family": "#f2a93b", "reporting target": "#8e8e8e"}


# ---------------------------------------------------------------- loading


@st.cache_resource(show_spinner="Building the knowledge base…", max_entries=8)
def load_kb(kind: str, location: str) -> KnowledgeBase:
    """Built once per source and shared by every session."""
    if kind == "SPARQL endpoint":
        return KnowledgeBase.remote(location)
    if kind == "KB file":
        return KnowledgeBase.load(Path(location))
    return KnowledgeBase.build([Path(location)])


@st.cache_resource(show_spinner="Drawing the org graph…", max_entries=8)
def load_graph(kind: str, location: str):  # noqa: ANN201 - a networkx MultiDiGraph
    return org_graph(load_kb(kind, location))


def default_source() -> tuple[str, str]:
    """--source after `--` on the command line, or JOBKG_SOURCE, or the bundled corpus."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--source")
    known, _ = parser.parse_known_args(sys.argv[1:])
    source = known.source or os.environ.get("JOBKG_SOURCE")
    if not source:
        return "bundled corpus", str(BUNDLED_CORPUS)
    if source.startswith(("http://", "https://")):
        return "SPARQL endpoint", source
    if source.endswith((".trig", ".nq", ".nquads")):
        return "KB file", source
    return "folder of pages", source


def choose_source() -> tuple[str, str] | None:
    """Sidebar: where the KB comes from. None while the choice is incomplete."""
    default_kind, default_location = default_source()
    kind = st.sidebar.selectbox("Knowledge base from", SOURCE_KINDS, index=SOURCE_KINDS.index(default_kind))
    if kind == "bundled corpus":
        return kind, str(BUNDLED_CORPUS)
    if kind == "upload":
        files = st.sidebar.file_uploader(
            "Job-family pages (.md) or a .zip of them", type=["md", "zip"], accept_multiple_files=True
        )
        if not files:
            st.sidebar.info("Upload pages to build a KB for your session.")
            return None
        result = save_uploads([(f.name, f.getvalue()) for f in files])
        for name, reason in result.refused:
            st.sidebar.warning(text(f"{name}: {reason}"), icon="⚠️")
        if result.folder is None:
            return None
        return "folder of pages", str(result.folder)
    placeholder = {
        "folder of pages": "path/to/pages",
        "KB file": "kb.trig",
        "SPARQL endpoint": "http://127.0.0.1:7878/query",
    }
    value = default_location if kind == default_kind else ""
    location = st.sidebar.text_input(kind, value=value, placeholder=placeholder[kind]).strip()
    return (kind, location) if location else None


def text(value: object) -> str:
    """Page text shown as text: markdown and HTML characters escaped, never rendered."""
    escaped = re.sub(r"([\\`*_{}\[\]()#+!|<>$~])", r"\\\1", str(value))
    escaped = re.sub(r"^(\s*)-(?=\s)", r"\1\\-", escaped)  # a leading list marker
    return re.sub(r"^(\s*)(\d+)([.)])(?=\s)", r"\1\2\\\3", escaped)


def show_rows(rows: list[dict[str, object]], columns: list[str] | None = None) -> None:
    """A result table with the readable columns first and IRIs last."""
    frame = pd.DataFrame(rows, columns=columns)
    if frame.empty:
        st.write("No rows.")
        return
    is_iri = [c for c in frame.columns if frame[c].astype(str).str.startswith("https://w3id.org/jobkg/").all()]
    frame = frame[[c for c in frame.columns if c not in is_iri] + is_iri]
    st.dataframe(frame, hide_index=True, width="stretch")


# ---------------------------------------------------------------- role links


def role_link(iri: str, title: str, key: str) -> None:
    """A button that opens the role's own page."""
    if st.button(text(title), key=key, type="tertiary", icon=":material/badge:"):
        open_role(iri)


def open_role(iri: str) -> None:
    """The role page, with the role in the URL (?role=IRI) so it can be shared."""
    st.session_state["role"] = iri
    st.switch_page(PAGES["role"], query_params={"role": iri})


# ---------------------------------------------------------------- pages


def page_ask() -> None:
    kb = st.session_state["kb"]
    st.title("Ask the job architecture")
    question = st.text_input("Question", placeholder="who does a Staff ITPM report to?", key="question")
    st.caption(
        "Try: what grade is a Senior TPM · what comes after Senior IT Program Manager · "
        "compare Staff ITPM and Senior ITPM"
    )
    if not question:
        return
    answer = ask(kb, question)
    st.subheader(text(answer.answer), anchor=False)
    for index, candidate in enumerate(answer.candidates):
        role_link(candidate["iri"], f"{candidate['title']} — {candidate['context']}", key=f"candidate-{index}")
    for suggestion in answer.suggested_queries:
        st.write(f"Canned query: **{text(suggestion['title'])}** ({text(suggestion['name'])})")
    for index, entity in enumerate(answer.entities):
        if entity.get("iri"):
            role_link(str(entity["iri"]), f"Open {entity['title']}", key=f"entity-{index}")
    if answer.rows:
        show_rows(answer.rows)
    if answer.sources:
        st.caption("Sources: " + text(", ".join(f"{s['file']}:{s['line']}" for s in answer.sources)))
    if answer.sparql:
        with st.expander("SPARQL"):
            st.code(answer.sparql, language="sparql")


def page_role() -> None:
    kb = st.session_state["kb"]
    roles = sorted(kb.roles(), key=lambda r: (str(r["title"]), str(r["family"])))
    if not roles:
        st.info("This knowledge base has no roles.")
        return
    by_iri = {r["iri"]: r for r in roles}
    current = st.query_params.get("role") or st.session_state.get("role")
    if current not in by_iri:
        current = roles[0]["iri"]
    iri = st.selectbox(
        "Role",
        list(by_iri),
        index=list(by_iri).index(current),
        format_func=lambda i: f"{by_iri[i]['title']} — {by_iri[i]['family']}",
    )
    st.session_state["role"] = iri
    st.query_params["role"] = iri
    view = kb.role_view(iri)
    role = view["role"]
    st.title(text(role["title"]))
    grade = role["grade"] if role["grade"] is not None else "not stated"
    department = str(role["department"] or "not stated").replace("-", " ").title()
    left, right = st.columns([1, 4])
    left.metric("Grade", grade)
    right.markdown(
        f"**Family** {text(role['family'])}  \n**Department** {text(department)}  \n"
        f"**Track** {text(role['track'])}  \n**Source** `{role['source']['file']}:{role['source']['line']}`"
    )
    if role["aliases"]:
        st.caption("Also called: " + text(", ".join(map(str, role["aliases"]))))

    if role["extends"]:
        st.caption("Extends: " + text(", ".join(map(str, role["extends"]))))
    left, right = st.columns(2)
    with left:
        st.subheader("Ladder", anchor=False)
        for index, level in enumerate(view["levels"]):
            st.write(text(f"{level['relation'].title()} level (grade {level['grade'] or 'not stated'}):"))
            role_link(str(level["other"]), str(level["other_title"]), key=f"level-{index}")
        if not view["levels"]:
            st.write("No other level on this track.")
        st.subheader("Reports to", anchor=False)
        if not role["reports_to"]:
            st.write("Not stated on the page.")
        for index, step in enumerate(view["chain"]):
            label = f"{'↑ ' * (int(step['steps']) + 1)}{step['ancestor_label']}"
            if str(step["ancestor"]) in by_iri:
                role_link(str(step["ancestor"]), label, key=f"chain-{index}")
            else:
                st.write(text(label) + " *(named on a page, not a role of the KB)*")
        st.subheader("Reporting to it", anchor=False)
        if not view["reports"]:
            st.write("No role reports to it.")
        for index, report in enumerate(view["reports"]):
            role_link(str(report["report"]), str(report["report_label"]), key=f"report-{index}")
        if view["equivalents"]:
            st.subheader("IC / manager equivalent", anchor=False)
            for index, equivalent in enumerate(view["equivalents"]):
                if str(equivalent["equivalent"]) in by_iri:
                    role_link(str(equivalent["equivalent"]), str(equivalent["equivalent_label"]), key=f"eq-{index}")
                else:
                    st.write(text(equivalent["equivalent_label"]))
    with right:
        st.subheader("Performance indicators", anchor=False)
        for indicator in view["indicators"]:
            st.write("• " + text(indicator["label"]))
        if not view["indicators"]:
            st.write("None stated.")
        st.subheader("Hiring process", anchor=False)
        if view["hiring"]:
            show_rows(view["hiring"])
        else:
            st.write("None stated.")
    for key in ("responsibilities", "requirements"):
        items = role[key]
        own = sum(1 for i in items if not i["inherited_from"])
        st.subheader(f"{key.title()} ({own} own, {len(items) - own} inherited)", anchor=False)
        frame = pd.DataFrame(
            [{"text": i["text"], "from": i["inherited_from"] or "own", "line": i["line"]} for i in items]
        )
        if not frame.empty:
            st.dataframe(frame, hide_index=True, width="stretch")


def page_explore() -> None:
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


def page_queries() -> None:
    kb = st.session_state["kb"]
    st.title("Canned queries")
    queries = catalog.catalog()
    name = st.selectbox("Query", list(queries), format_func=lambda n: queries[n].title)
    query = queries[name]
    st.write(text(query.description))
    params: dict[str, str] = {}
    roles = kb.roles()
    for param in query.params:
        if param.type in ("role",):
            options = sorted(
                {str(r["iri"]): f"{r['title']} — {r['family']}" for r in roles}.items(), key=lambda x: x[1]
            )
            labels = dict(options)
            example = kb.role_resolver.resolve(param.example).match
            index = [o[0] for o in options].index(example.iri) if example and example.iri in labels else 0
            params[param.name] = st.selectbox(param.name, [o[0] for o in options], index=index, format_func=labels.get)
        elif param.type == "family":
            families = {str(r["family"]): str(r["title"]) for r in kb.run("families") if r["kind"] == "family"}
            params[param.name] = st.selectbox(param.name, sorted(families, key=families.get), format_func=families.get)
        elif param.type == "integer":
            params[param.name] = str(st.number_input(param.name, value=int(param.example), step=1))
        else:
            params[param.name] = st.text_input(param.name, value=param.example)
    try:
        rows = kb.run(name, params)
    except (JobkgError, QueryError) as error:
        st.error(text(error))
        return
    show_rows(rows)
    frame = pd.DataFrame(rows)
    cols = st.columns(2)
    cols[0].download_button("Download CSV", frame.to_csv(index=False), f"{name}.csv", "text/csv")
    cols[1].download_button("Download JSON", json.dumps(rows, indent=2), f"{name}.json", "application/json")
    with st.expander("SPARQL"):
        st.code(query.sparql, language="sparql")


def page_sparql() -> None:
    kb = st.session_state["kb"]
    st.title("SPARQL (read-only)")
    st.caption("SELECT, ASK, CONSTRUCT and DESCRIBE only; 5 s timeout; at most 1,000 rows.")
    default = catalog.get("families").sparql
    query = st.text_area("Query", value=default, height=260)
    if st.button("Run", type="primary"):
        try:
            result = kb.sparql(query)
        except (JobkgError, QueryError) as error:
            st.error(text(error))
            return
        st.caption(
            f"{len(result.rows)} rows in {result.seconds * 1000:.0f} ms" + (" (capped)" if result.truncated else "")
        )
        show_rows(result.rows, result.columns)


def page_export() -> None:
    kb = st.session_state["kb"]
    st.title("Export")
    if kb.store is None:
        st.info("The KB lives in a SPARQL endpoint; export it from there.")
        return
    asserted_only = st.toggle("Asserted triples only (leave out what the reasoner inferred)")
    fmt = st.selectbox("Format", list(FORMATS))
    extension, mime = FORMAT_MIME[fmt]
    st.download_button(f"Download {fmt}", kb.export(fmt, asserted_only), f"jobkg.{extension}", mime)
    st.subheader("Push to a SPARQL endpoint", anchor=False)
    url = st.text_input("Endpoint (query URL)", placeholder="http://127.0.0.1:7878/query")
    graph = st.text_input("Named graph", value="https://w3id.org/jobkg/graph/kb")
    if st.button("Push", disabled=not url):
        try:
            count = kb.push(url, graph)
        except (JobkgError, QueryError) as error:
            st.error(text(error))
        else:
            st.success(text(f"Pushed {count} triples to {url} <{graph}>."))


def page_quality() -> None:
    kb = st.session_state["kb"]
    st.title("Data quality")
    report = kb.report
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


PAGES = {
    "ask": st.Page(page_ask, title="Ask", icon=":material/chat:", default=True),
    "role": st.Page(page_role, title="Role", icon=":material/badge:", url_path="role"),
    "explore": st.Page(page_explore, title="Explore", icon=":material/hub:", url_path="explore"),
    "queries": st.Page(page_queries, title="Queries", icon=":material/list:", url_path="queries"),
    "sparql": st.Page(page_sparql, title="SPARQL", icon=":material/code:", url_path="sparql"),
    "export": st.Page(page_export, title="Export", icon=":material/download:", url_path="export"),
    "quality": st.Page(page_quality, title="Data quality", icon=":material/rule:", url_path="quality"),
}


def main() -> None:
    st.set_page_config(page_title="jobkg", page_icon=":material/hub:", layout="wide")
    navigation = st.navigation(list(PAGES.values()))
    st.sidebar.title("jobkg")
    source = choose_source()
    if source is None:
        st.info("Choose where the knowledge base comes from in the sidebar.")
        return
    try:
        kb = load_kb(*source)
    except (JobkgError, QueryError, OSError) as error:
        st.error(f"Cannot open that source: {text(error)}")
        return
    st.session_state["kb"] = kb
    st.session_state["source"] = source
    if kb.report is not None:
        st.sidebar.caption(f"{kb.report.pages} pages · {kb.report.roles} roles · {len(kb.report.failed)} failed")
    navigation.run()


if __name__ == "__main__":  # streamlit runs this file as __main__; tests import its pages
    main()
