"""Export: every format of the export table (jobkg.exports), and a push to an endpoint."""

from __future__ import annotations

import streamlit as st

from jobkg.app.state import current_kb
from jobkg.app.widgets import text
from jobkg.errors import JobkgError
from jobkg.exports import EXPORT_FORMATS, ExportFormat
from jobkg.queries.endpoint import DEFAULT_GRAPH_IRI


def render() -> None:
    kb = current_kb()
    st.title("Export")
    if kb.store is None:
        st.info("The KB lives in a SPARQL endpoint; export it from there.")
        return
    st.subheader("RDF", anchor=False)
    asserted_only = st.toggle("Asserted triples only (leave out what the reasoner inferred)")
    rdf = [f.name for f in EXPORT_FORMATS.values() if f.is_rdf]
    chosen = EXPORT_FORMATS[st.selectbox("Format", rdf)]
    _download(chosen, kb.export(chosen.name, asserted_only))
    st.subheader("Org graph and tables", anchor=False)
    other = [f.name for f in EXPORT_FORMATS.values() if not f.is_rdf]
    chosen = EXPORT_FORMATS[st.selectbox("File", other)]
    _download(chosen, kb.export(chosen.name))
    st.subheader("Push to a SPARQL endpoint", anchor=False)
    url = st.text_input("Endpoint (query URL)", placeholder="http://127.0.0.1:7878/query")
    graph = st.text_input("Named graph", value=DEFAULT_GRAPH_IRI)
    if st.button("Push", disabled=not url):
        try:
            count, _how = kb.push(url, graph)
        except JobkgError as error:
            st.error(text(error))
        else:
            st.success(text(f"Pushed {count} triples to {url}, named graph {graph}."))


def _download(fmt: ExportFormat, data: bytes) -> None:
    st.caption(f"{fmt.description} ({fmt.media_type})")
    st.download_button(f"Download {fmt.name}", data, f"jobkg.{fmt.extension}", fmt.media_type, key=f"get-{fmt.name}")
