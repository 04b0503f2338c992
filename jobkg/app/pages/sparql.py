"""SPARQL: a read-only editor with a timeout and a row cap."""

from __future__ import annotations

import streamlit as st

from jobkg.app.state import current_kb
from jobkg.app.widgets import show_rows, text
from jobkg.errors import JobkgError
from jobkg.queries import catalog


def render() -> None:
    kb = current_kb()
    st.title("SPARQL (read-only)")
    st.caption("SELECT, ASK, CONSTRUCT and DESCRIBE only; 5 s timeout; at most 1,000 rows.")
    query = st.text_area("Query", value=catalog.get("families").sparql, height=260)
    if st.button("Run", type="primary"):
        try:
            result = kb.sparql(query)
        except JobkgError as error:
            st.error(text(error))
            return
        st.caption(
            f"{len(result.rows)} rows in {result.seconds * 1000:.0f} ms" + (" (capped)" if result.truncated else "")
        )
        show_rows(result.rows, result.columns)
