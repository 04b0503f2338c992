"""Ask: the question box, with examples made from the loaded pages, how the question was read,
other readings and 'did you mean' names one click away."""

from __future__ import annotations

import streamlit as st

from jobkg.app.state import current_kb
from jobkg.app.widgets import role_link, show_rows, text
from jobkg.questions import Answer, ask, examples


def render() -> None:
    kb = current_kb()
    st.title("Ask the job architecture")
    if not kb.roles():
        st.info(
            "These pages gave no role, so there is nothing to ask about yet. The Data quality page says what "
            "each page lacked; choose other pages or upload job-family pages in the sidebar."
        )
        return
    found = examples(kb)
    question = st.text_input("Question", placeholder=found[0] if found else "who does X report to?", key="question")
    if not question:
        st.caption("Try one of these (made from the pages you loaded):")
        columns = st.columns(2)
        for index, example in enumerate(found):
            columns[index % 2].button(
                example, key=f"example-{index}", type="tertiary", on_click=_set, args=(example, None)
            )
        return
    chosen_for, intent = st.session_state.get("reading", (None, None))
    answer = ask(kb, question, intent if chosen_for == question else None)
    st.subheader(text(answer.answer), anchor=False)
    if answer.understood:
        st.caption(f"Understood as: {text(answer.understood)}")
    _offers(answer)
    for index, entity in enumerate(answer.entities):
        if entity.get("kind") == "role" and entity.get("iri"):
            role_link(str(entity["iri"]), f"Open {entity['title']}", key=f"entity-{index}")
    for suggestion in answer.suggested_queries:
        st.write(f"Canned query: **{text(suggestion['title'])}** ({text(suggestion['name'])})")
    if answer.rows:
        show_rows(answer.rows, wrap=True)
    if answer.sources:
        st.caption("Sources: " + text(", ".join(f"{s['file']}:{s['line']}" for s in answer.sources)))
    if answer.sparql:
        with st.expander("SPARQL (the queries that ran, parameters bound: paste into the SPARQL page)"):
            st.code(answer.sparql, language="sparql")


def _offers(answer: Answer) -> None:
    """Candidates for an unclear name (asked again with the one chosen), and other readings."""
    if answer.candidates:
        st.write("Did you mean:")
    titles = [candidate["title"] for candidate in answer.candidates]
    for index, candidate in enumerate(answer.candidates):
        # the form the answer offers: a title two candidates share goes with what tells it apart
        # (its family, and department), which the question box reads back as that one role
        shared = titles.count(candidate["title"]) > 1 and candidate.get("context")
        name = f"{candidate['title']} ({candidate['context']})" if shared else candidate["title"]
        again = answer.question.replace(answer.unclear, name) if answer.unclear else name
        label = f"{candidate['title']} — {candidate['context']}" if candidate.get("context") else candidate["title"]
        st.button(text(label), key=f"candidate-{index}", type="tertiary", on_click=_set, args=(again, None))
    for index, other in enumerate(answer.alternatives):
        st.button(
            f"Or read it as: {other['label']}",
            key=f"reading-{index}",
            type="tertiary",
            on_click=_set,
            args=(answer.question, other["intent"]),
        )


def _set(question: str, intent: str | None) -> None:
    """A click asks this question (read as this intent), as if typed."""
    st.session_state["question"] = question
    st.session_state["reading"] = (question, intent)
