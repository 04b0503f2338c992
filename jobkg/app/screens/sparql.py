"""SPARQL: a read-only editor with a timeout and a row cap, the ontology's schema beside it,
starter queries, and messages that say what is wrong and where."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from jobkg.app.state import current_kb
from jobkg.app.widgets import show_rows, text
from jobkg.errors import JobkgError
from jobkg.ontology.publish import schema
from jobkg.ontology.vocab import PREFIXES
from jobkg.queries import catalog

STARTERS = {
    "Roles with their grade": """SELECT ?title ?grade WHERE {
  ?role a jobkg:Role ; skos:prefLabel ?title .
  OPTIONAL { ?role jobkg:hasGrade/jobkg:gradeNumber ?grade }
}
ORDER BY DESC(?grade) ?title""",
    "Who reports to whom": """SELECT ?title ?reports_to WHERE {
  ?role a jobkg:Role ; skos:prefLabel ?title ; org:reportsTo ?target .
  ?target rdfs:label ?reports_to .
}
ORDER BY ?title""",
    "Requirements of one role, own and inherited": """SELECT ?text ?stated_for ?line WHERE {
  ?role skos:prefLabel "Staff Infrastructure Technical Program Manager" ; jobkg:hasRequirement ?item .
  ?item rdfs:label ?text ; jobkg:statedFor/rdfs:label ?stated_for ; jobkg:sourceLine ?line .
}
ORDER BY ?line""",
    "Families per department": """SELECT ?department (COUNT(?family) AS ?families) WHERE {
  ?family a jobkg:JobFamily ; jobkg:inDepartment/rdfs:label ?department .
}
GROUP BY ?department
ORDER BY DESC(?families)""",
}


def render() -> None:
    kb = current_kb()
    st.title("SPARQL (read-only)")
    st.caption(
        "SELECT, ASK, CONSTRUCT and DESCRIBE only; 5 s timeout; at most 1,000 rows. The prefixes in the schema "
        "panel are declared for you."
    )
    editor, help_column = st.columns([3, 2])
    with help_column:
        _schema_panel()
    with editor:
        starter = st.selectbox("Start from", [*STARTERS, *(q.title for q in catalog.public().values())], key="starter")
        by_title = {q.title: q.sparql for q in catalog.public().values()}
        query = st.text_area("Query", value=STARTERS.get(starter) or by_title[starter], height=280, key="query")
        run = st.button("Run", type="primary")
    if not run:
        return
    try:
        result = kb.sparql(query)
    except JobkgError as error:
        first, _, rest = str(error).partition("\n")
        st.error(text(first))
        if rest:
            st.code(rest, language=None)
        return
    for warning in result.warnings:
        st.warning(text(warning))
    st.caption(f"{len(result.rows)} rows in {result.seconds * 1000:.0f} ms" + (" (capped)" if result.truncated else ""))
    show_rows(result.rows, result.columns, iris=True)


def _schema_panel() -> None:
    terms = schema()
    with st.expander("Prefixes", expanded=False):
        st.code("\n".join(f"PREFIX {p}: <{iri}>" for p, iri in PREFIXES.items()), language="sparql")
    with st.expander(f"Classes ({len(terms['classes'])})", expanded=True):
        frame = pd.DataFrame([{"class": c["term"], "what it is": c["comment"]} for c in terms["classes"]])
        st.dataframe(frame, hide_index=True, width="stretch", height=220)
    with st.expander(f"Properties ({len(terms['properties'])})", expanded=True):
        rows = [
            {"property": p["term"], "links": f"{p['domain']} → {p['range']}", "what it says": p["comment"]}
            for p in terms["properties"] + [{**r, "domain": "—", "range": "—"} for r in terms["reused"]]
        ]
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", height=260)
