"""Ask: the question box."""

from __future__ import annotations

import streamlit as st

from jobkg.app.state import current_kb
from jobkg.app.widgets import role_link, show_rows, text
from jobkg.questions import ask


def render() -> None:
    kb = current_kb()
    st.title("Ask the job architecture")
    question = st.text_input("Question", placeholder="who does a Staff ITPM report to?", key="question")
    st.caption(
        "Try: what grade is a Senior TPM · what comes after Senior IT Program Manager · "
        "compare Staff ITPM and Senior ITPM"
    )
    if not question:
        return
    answer = ask(kb, question)
    st.subheader(text(answer.answer), anchor=False)
    for index, candidate in enumerate(answer.candidates):
        role_link(candidate["iri"], f"{candidate['title']} — {candidate['context']}", key=f"candidate-{index}")
    for suggestion in answer.suggested_queries:
        st.write(f"Canned query: **{text(suggestion['title'])}** ({text(suggestion['name'])})")
    for index, entity in enumerate(answer.entities):
        if entity.get("iri"):
            role_link(str(entity["iri"]), f"Open {entity['title']}", key=f"entity-{index}")
    if answer.rows:
        show_rows(answer.rows)
    if answer.sources:
        st.caption("Sources: " + text(", ".join(f"{s['file']}:{s['line']}" for s in answer.sources)))
    if answer.sparql:
        with st.expander("SPARQL"):
            st.code(answer.sparql, language="sparql")
