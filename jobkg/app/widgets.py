"""Pieces every page uses: page text shown as text, result tables, links to role pages."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from jobkg.app.navigation import open_page
from jobkg.queries.paging import page_of
from jobkg.tables import readable

APP_PAGE = 200  # rows a table shows at once
WRAPPED_UP_TO = 40  # rows: a table this short may show its text wrapped instead of cut


def text(value: object) -> str:
    """Page text shown as text: markdown and HTML characters escaped, never rendered."""
    escaped = re.sub(r"([\\`*_{}\[\]()#+!|<>$~])", r"\\\1", str(value))
    escaped = re.sub(r"^(\s*)-(?=\s)", r"\1\\-", escaped)  # a leading list marker
    return re.sub(r"^(\s*)(\d+)([.)])(?=\s)", r"\1\2\\\3", escaped)


def show_rows(
    rows: list[dict[str, object]],
    columns: list[str] | None = None,
    key: str = "rows",
    role_column: str | None = None,
    iris: bool = False,
    wrap: bool = False,
) -> None:
    """A result table people read (jobkg.tables); a long one a page at a time, with the
    total (downloads take every row). With role_column, choosing a row opens that role; with
    wrap, a short table shows its sentences in full rather than cut at the column's edge."""
    if not rows:
        st.write("No rows.")
        return
    if len(rows) > APP_PAGE:
        pages = -(-len(rows) // APP_PAGE)
        number = st.number_input(f"Page (of {pages:,})", 1, pages, 1, key=f"{key}-page")
        shown = page_of(rows, (int(number) - 1) * APP_PAGE, APP_PAGE)
        st.caption(shown.describe())
        rows = shown.rows
    frame = pd.DataFrame(readable(rows, columns, iris))
    if wrap and role_column is None and len(frame) <= WRAPPED_UP_TO:
        st.table(frame.map(text), hide_index=True)  # every sentence in full, wrapped
        return
    if role_column is None:
        st.dataframe(frame, hide_index=True, width="stretch", key=key)
        return
    st.caption("Choose a row to open its role.")
    chosen = st.dataframe(
        frame, hide_index=True, width="stretch", key=key, on_select="rerun", selection_mode="single-row"
    )
    picked = chosen.selection.rows if chosen else []
    if picked:
        open_role(str(rows[picked[0]][role_column]))


def role_link(iri: str, title: str, key: str) -> None:
    """A button that opens the role's own page."""
    if st.button(text(title), key=key, type="tertiary", icon=":material/badge:"):
        open_role(iri)


def open_role(iri: str) -> None:
    """The role page, with the role in the URL (?role=IRI) so it can be shared."""
    st.session_state["role"] = iri
    open_page("role", role=iri)
