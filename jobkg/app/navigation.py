"""The app's page table, per session. main() registers the pages it made; a link opens one by
name. Pages never import each other or main, so the import graph stays one-way."""

from __future__ import annotations

import streamlit as st
from streamlit.navigation.page import StreamlitPage

_KEY = "jobkg_pages"


def register(pages: dict[str, StreamlitPage]) -> None:
    st.session_state[_KEY] = pages


def open_page(name: str, **query_params: str) -> None:
    """Switch to a registered page, with query parameters in its URL; the chosen source goes
    along (?source=), so the page opens on the same KB after a reload or from a shared link."""
    source = st.query_params.get("source")
    if source and "source" not in query_params:
        query_params["source"] = source
    st.switch_page(st.session_state[_KEY][name], query_params=query_params or None)
