"""Queries: every public canned query with a widget per parameter, and downloads."""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from jobkg.app.state import current_kb
from jobkg.app.widgets import show_rows, text
from jobkg.errors import JobkgError
from jobkg.queries import catalog, cells


def render() -> None:
    kb = current_kb()
    st.title("Canned queries")
    queries = catalog.public()
    name = st.selectbox("Query", list(queries), format_func=lambda n: queries[n].title)
    query = queries[name]
    st.write(text(query.description))
    params: dict[str, str] = {}
    for param in query.params:
        if param.type == "role":
            labels = {role.iri: f"{role.title} — {role.family}" for role in kb.roles()}
            options = sorted(labels, key=labels.__getitem__)
            example = kb.role_resolver.resolve(param.example).match
            index = options.index(example.iri) if example and example.iri in labels else 0
            params[param.name] = st.selectbox(param.name, options, index=index, format_func=labels.__getitem__)
        elif param.type == "family":
            families = {
                cells.text(r, "family"): cells.text(r, "title") for r in kb.run("families") if r["kind"] == "family"
            }
            params[param.name] = st.selectbox(
                param.name, sorted(families, key=families.__getitem__), format_func=families.__getitem__
            )
        elif param.type == "integer":
            params[param.name] = str(st.number_input(param.name, value=int(param.example), step=1))
        else:
            params[param.name] = st.text_input(param.name, value=param.example)
    try:
        rows = kb.run(name, params)
    except JobkgError as error:
        st.error(text(error))
        return
    show_rows(rows, iris=st.toggle("Show IRIs", help="the identifiers behind the labels; downloads always have them"))
    frame = pd.DataFrame(rows)
    cols = st.columns(2)
    cols[0].download_button("Download CSV", frame.to_csv(index=False), f"{name}.csv", "text/csv")
    cols[1].download_button("Download JSON", json.dumps(rows, indent=2), f"{name}.json", "application/json")
    with st.expander("SPARQL"):
        st.code(query.sparql, language="sparql")
