"""Where the app's KB comes from, and the loaders that build it once for every session."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import networkx as nx
import streamlit as st

from jobkg.app.widgets import text
from jobkg.errors import UploadError
from jobkg.graph import org_graph
from jobkg.kb import BUNDLED_CORPUS, KnowledgeBase
from jobkg.uploads import save_uploads

SOURCE_KINDS = ("bundled corpus", "folder of pages", "KB file", "SPARQL endpoint", "upload")
Source = tuple[str, str]  # (kind, location)


@st.cache_resource(show_spinner="Building the knowledge base…", max_entries=8)
def load_kb(kind: str, location: str) -> KnowledgeBase:
    """Built once per source and shared by every session."""
    if kind == "SPARQL endpoint":
        return KnowledgeBase.remote(location)
    if kind == "KB file":
        return KnowledgeBase.load(Path(location))
    return KnowledgeBase.build([Path(location)])


@st.cache_resource(show_spinner="Drawing the org graph…", max_entries=8)
def load_graph(kind: str, location: str) -> nx.MultiDiGraph:
    return org_graph(load_kb(kind, location))


def default_source() -> Source:
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


def choose_source() -> Source | None:
    """Sidebar: where the KB comes from. None while the choice is incomplete; UploadError when
    nothing uploaded can be used."""
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
            raise UploadError(f"none of the {len(files)} uploaded files is a page jobkg can read (see the sidebar)")
        return "folder of pages", str(result.folder)
    placeholder = {
        "folder of pages": "path/to/pages",
        "KB file": "kb.trig",
        "SPARQL endpoint": "http://127.0.0.1:7878/query",
    }
    value = default_location if kind == default_kind else ""
    location = st.sidebar.text_input(kind, value=value, placeholder=placeholder[kind]).strip()
    return (kind, location) if location else None


def current_kb() -> KnowledgeBase:
    """The KB main() opened for this run of the page."""
    return st.session_state["kb"]
