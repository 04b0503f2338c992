"""The app's frame: page config, the sidebar's source, the KB, and the page table."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from jobkg.app import navigation
from jobkg.app.screens import ask, explore, export, matrix, occupations, quality, queries, role, sparql
from jobkg.app.state import choose_source, keep_in_url, load_kb, review_stamp
from jobkg.app.widgets import text
from jobkg.errors import EndpointError, JobkgError


def pages() -> dict[str, StreamlitPage]:
    return {
        "ask": st.Page(ask.render, title="Ask", icon=":material/chat:", url_path="ask", default=True),
        "role": st.Page(role.render, title="Role", icon=":material/badge:", url_path="role"),
        "explore": st.Page(explore.render, title="Explore", icon=":material/hub:", url_path="explore"),
        "matrix": st.Page(matrix.render, title="Matrix", icon=":material/grid_on:", url_path="matrix"),
        "occupations": st.Page(occupations.render, title="Occupations", icon=":material/work:", url_path="occupations"),
        "queries": st.Page(queries.render, title="Queries", icon=":material/list:", url_path="queries"),
        "sparql": st.Page(sparql.render, title="SPARQL", icon=":material/code:", url_path="sparql"),
        "export": st.Page(export.render, title="Export", icon=":material/download:", url_path="export"),
        "quality": st.Page(quality.render, title="Data quality", icon=":material/rule:", url_path="quality"),
    }


def main() -> None:
    st.set_page_config(page_title="jobkg", page_icon=":material/hub:", layout="wide")
    table = pages()
    navigation.register(table)
    chosen = st.navigation(list(table.values()))
    st.sidebar.title("jobkg")
    try:
        source = choose_source()
        if source is None:
            st.info("Choose where the knowledge base comes from in the sidebar.")
            return
        kb = load_kb(*source, review_stamp(*source))
    except (JobkgError, OSError) as error:
        st.error(f"Cannot open that source: {text(error)}")
        return
    st.session_state["kb"] = kb
    st.session_state["source"] = source
    keep_in_url(source)
    if kb.report is not None:
        st.sidebar.caption(f"{kb.report.pages} pages · {len(kb.roles())} roles · {len(kb.report.failed)} failed")
    guarded(chosen.run)


def guarded(render: Callable[[], object]) -> None:
    """Run a page; an error jobkg reports (a dead endpoint, a refused query) is one line with
    what to do, on every page, never a traceback."""
    try:
        render()
    except EndpointError as error:
        st.error(f"The SPARQL endpoint did not answer: {text(error)}. Check that it runs, or choose another source.")
    except JobkgError as error:
        st.error(text(str(error)))
