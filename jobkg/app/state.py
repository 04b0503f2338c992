"""Where the app's KB comes from, and the loaders that build it once for every session."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import networkx as nx
import streamlit as st

from jobkg.app.widgets import text
from jobkg.errors import SourceRefusedError, UploadError
from jobkg.exports import source_kind
from jobkg.graph import org_graph
from jobkg.ingest.review import REVIEW_FILE
from jobkg.kb import BUNDLED_CORPUS, KnowledgeBase
from jobkg.uploads import save_uploads

SOURCE_KINDS = ("bundled corpus", "folder of pages", "KB file", "SPARQL endpoint", "upload")
Source = tuple[str, str]  # (kind, location)


def review_stamp(kind: str, location: str) -> int:
    """When the folder's review file (occupations.yaml) last changed, or 0: part of the KB's
    cache key, so that a decision rebuilds that source's KB for every session, and no other."""
    if kind not in ("folder of pages", "bundled corpus"):
        return 0
    review = Path(location) / REVIEW_FILE
    return review.stat().st_mtime_ns if review.is_file() else 0


@st.cache_resource(show_spinner="Building the knowledge base…", max_entries=8)
def load_kb(kind: str, location: str, stamp: int = 0) -> KnowledgeBase:
    """Built once per source (and state of its review file) and shared by every session."""
    if kind == "SPARQL endpoint":
        return KnowledgeBase.remote(location)
    if kind == "KB file":
        return KnowledgeBase.load(Path(location))
    return KnowledgeBase.build([Path(location)])


@st.cache_resource(show_spinner="Drawing the org graph…", max_entries=8)
def load_graph(kind: str, location: str, stamp: int = 0) -> nx.MultiDiGraph:
    return org_graph(load_kb(kind, location, stamp))


def _command_line() -> argparse.Namespace:
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--source", action="append", default=[])
    parser.add_argument("--any-source", action="store_true")
    known, _ = parser.parse_known_args(sys.argv[1:])
    return known


def as_source(value: str) -> Source:
    """An endpoint, a saved KB, or a folder of pages, as jobkg.exports.source_kind decides."""
    return source_kind(value), value


def served_sources() -> list[Source]:
    """What this server serves: the bundled corpus, and the sources it was started with
    (`jobkg app SOURCE…`, `streamlit run app.py -- --source A --source B`, or JOBKG_SOURCE, several
    separated by ';'). A URL may choose among these, nothing else (docs/security.md)."""
    given = _command_line().source or [v for v in os.environ.get("JOBKG_SOURCE", "").split(";") if v.strip()]
    found = [("bundled corpus", str(BUNDLED_CORPUS))]
    found += [source for source in (as_source(v.strip()) for v in given) if source not in found]
    return found


def any_source() -> bool:
    """A single-user, local app may open any folder, file or endpoint typed in the sidebar
    (`jobkg app --any-source`, or JOBKG_ANY_SOURCE=1); a served one opens only its own."""
    return _command_line().any_source or os.environ.get("JOBKG_ANY_SOURCE", "") in ("1", "true", "yes")


def default_source() -> Source:
    """The first source the server was started with, else the bundled corpus."""
    served = served_sources()
    return served[1] if len(served) > 1 else served[0]


def allowed(source: Source) -> bool:
    """A source this session may open: one the server serves, its own uploads, or any with --any-source."""
    return any_source() or source in served_sources() or source[1] in st.session_state.get("uploads", [])


def label(source: Source) -> str:
    kind, location = source
    return kind if kind == "bundled corpus" else f"{kind}: {location}"


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
    """Sidebar: where the KB comes from: one of the sources the server serves, pages uploaded in
    this session, or (with --any-source) any folder, KB file or endpoint typed in. The URL's
    ?source= wins when it changes (a shared link, a reload, Back), so every link and the
    browser's history keep the chosen source; one the server does not serve is refused.
    None while the choice is incomplete; UploadError when nothing uploaded can be used."""
    _follow_url()
    served = {label(source): source for source in served_sources()}
    kinds = [*served, *(kind for kind in SOURCE_KINDS[1:-1] if any_source()), "upload"]
    kind = st.sidebar.selectbox("Knowledge base from", kinds, key="source-kind")
    if kind in served:
        return served[kind]
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
        uploaded = st.session_state.setdefault("uploads", [])
        if str(result.folder) not in uploaded:
            uploaded.append(str(result.folder))
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
    first run without one, where the command line or JOBKG_SOURCE says. A URL source the server
    does not serve is refused (SourceRefusedError), never opened."""
    from_url = decode_source(st.query_params.get("source"))
    if from_url is not None and not allowed(from_url):
        raise SourceRefusedError(from_url, [label(source) for source in served_sources()])
    if from_url is not None and (st.session_state.get("source-from-url") != from_url or not _widgets_hold(from_url)):
        st.session_state["source-from-url"] = from_url
        _set_widgets(from_url)
    elif "source-kind" not in st.session_state:
        _set_widgets(default_source())


def _widgets_hold(source: Source) -> bool:
    """Whether the sidebar's widgets still have a value for this source."""
    if "source-kind" not in st.session_state:
        return False
    if source in served_sources():
        return True  # the select still holds a value: the person may have just changed it
    kind = source[0]
    return st.session_state.get("source-kind") != kind or f"source-location-{kind}" in st.session_state


def _set_widgets(source: Source) -> None:
    if source in served_sources():
        st.session_state["source-kind"] = label(source)
        return
    kind, location = source
    if location in st.session_state.get("uploads", []):
        st.session_state["source-kind"] = "upload"
        return
    st.session_state["source-kind"] = kind
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
