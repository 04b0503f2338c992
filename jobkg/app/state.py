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


URL_KINDS = {"bundled": "bundled corpus", "folder": "folder of pages", "kb": "KB file", "endpoint": "SPARQL endpoint"}


def encode_source(source: Source) -> str:
    """The source as the URL's ?source= value: 'folder:/path/to/pages', 'endpoint:http://…'."""
    kind, location = source
    short = next((name for name, long in URL_KINDS.items() if long == kind), "folder")
    return "bundled" if short == "bundled" else f"{short}:{location}"


def decode_source(value: str | None) -> Source | None:
    """The URL's ?source= value back as a source; None when absent or not one jobkg writes."""
    if not value:
        return None
    short, _, location = value.partition(":")
    if short == "bundled":
        return "bundled corpus", str(BUNDLED_CORPUS)
    if short not in URL_KINDS or not location:
        return None
    return URL_KINDS[short], location


def choose_source() -> Source | None:
    """Sidebar: where the KB comes from. The URL's ?source= wins when it changes (a shared
    link, a reload, Back), so every link and the browser's history keep the chosen source.
    None while the choice is incomplete; UploadError when nothing uploaded can be used."""
    _follow_url()
    kind = st.sidebar.selectbox("Knowledge base from", SOURCE_KINDS, key="source-kind")
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
    location = st.sidebar.text_input(kind, placeholder=placeholder[kind], key=f"source-location-{kind}").strip()
    return (kind, location) if location else None


def _follow_url() -> None:
    """Put the sidebar's widgets where the URL's source says when the URL changed (a shared
    link, Back) or the widgets lost their state (Streamlit drops it on a page switch); on the
    first run without one, where the command line or JOBKG_SOURCE says."""
    from_url = decode_source(st.query_params.get("source"))
    if from_url is not None and (st.session_state.get("source-from-url") != from_url or not _widgets_hold(from_url)):
        st.session_state["source-from-url"] = from_url
        _set_widgets(from_url)
    elif "source-kind" not in st.session_state:
        _set_widgets(default_source())


def _widgets_hold(source: Source) -> bool:
    """Whether the sidebar's widgets still have a value for this source's kind."""
    kind = source[0]
    if "source-kind" not in st.session_state:
        return False
    return (
        kind == "bundled corpus"
        or st.session_state.get("source-kind") != kind
        or (f"source-location-{kind}" in st.session_state)
    )


def _set_widgets(source: Source) -> None:
    kind, location = source
    st.session_state["source-kind"] = kind
    if kind != "bundled corpus":
        st.session_state[f"source-location-{kind}"] = location


def keep_in_url(source: Source) -> None:
    """Write the source into the URL, so links, Back, reloads and shared URLs keep it."""
    value = encode_source(source)
    if st.query_params.get("source") != value:
        st.query_params["source"] = value
    st.session_state["source-from-url"] = source


def current_kb() -> KnowledgeBase:
    """The KB main() opened for this run of the page."""
    return st.session_state["kb"]
