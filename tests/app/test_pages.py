"""Every page of the Streamlit app on the seeds, through streamlit.testing's AppTest."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

REPO = Path(__file__).resolve().parents[2]


def page_script(page: str, role_title: str = "") -> None:
    """Runs one page of the app against the bundled corpus (executed by AppTest as a script)."""
    import importlib

    import streamlit as st

    from jobkg.app.state import load_kb
    from jobkg.kb import BUNDLED_CORPUS

    source = ("bundled corpus", str(BUNDLED_CORPUS))
    kb = load_kb(*source)
    st.session_state["kb"] = kb
    st.session_state["source"] = source
    if role_title and "role" not in st.session_state:
        st.session_state["role"] = kb.role_resolver.resolve(role_title).match.iri
    importlib.import_module(f"jobkg.app.pages.{page}").render()


def run_page(page: str, role_title: str = "") -> AppTest:
    at = AppTest.from_function(page_script, args=(page, role_title), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def test_main_app_opens_on_the_bundled_corpus():
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception
    assert "24 roles" in at.sidebar.caption[0].value
    assert at.title[0].value == "Ask the job architecture"


def test_ask_page_answers_with_rows_sparql_and_sources():
    at = run_page("ask")
    at.text_input(key="question").input("who does a Staff ITPM report to").run()
    assert "Vice President of Infrastructure & Quality" in at.subheader[0].value
    assert at.dataframe, "the rows are shown"
    assert any(e.label.startswith("SPARQL") for e in at.expander)
    assert "infrastructure-technical-program-manager.md:95" in at.caption[-1].value.replace("\\", "")


def test_ask_page_offers_candidates_for_an_ambiguous_name():
    at = run_page("ask")
    at.text_input(key="question").input("what grade is a Staff program manager").run()
    assert "several roles" in at.subheader[0].value
    assert len(at.button) >= 2


def test_role_page_shows_grade_ladder_chain_and_inherited_items():
    at = run_page("role", "Staff ITPM")
    assert at.title[0].value == "Staff Infrastructure Technical Program Manager"
    assert at.metric[0].value == "8"
    labels = [b.label for b in at.button]
    assert "Senior Infrastructure Technical Program Manager" in labels  # previous level links to its page
    assert "Principal Infrastructure Technical Program Manager" in labels
    subheaders = [s.value for s in at.subheader]
    assert "Responsibilities (5 own, 23 inherited)" in subheaders
    assert "Requirements (3 own, 17 inherited)" in subheaders


def test_role_page_says_not_stated_for_a_missing_grade():
    at = run_page("role", "Senior Manager, Engineering")
    assert at.metric[0].value == "not stated"


def test_queries_page_runs_the_chosen_query_with_widgets():
    at = run_page("queries")
    at.selectbox[0].select("roles-at-grade").run()
    at.number_input[0].set_value(10).run()
    frame = at.dataframe[0].value
    assert set(frame["title"]) >= {"Director, Engineering", "Director, IT Program Management"}


def test_a_long_table_shows_a_page_and_the_total(monkeypatch):
    monkeypatch.setattr("jobkg.app.widgets.APP_PAGE", 10)  # the seeds' 32 role names, 10 a page
    at = run_page("queries")
    at.selectbox[0].select("role-names").run()
    assert at.caption[0].value == "rows 1–10 of 32"
    assert len(at.dataframe[0].value) == 10
    at.number_input(key="rows-page").set_value(4).run()
    assert at.caption[0].value == "rows 31–32 of 32"
    assert len(at.dataframe[0].value) == 2


def test_sparql_page_runs_read_only_and_refuses_updates():
    at = run_page("sparql")
    at.text_area[0].input("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    at.button[0].click().run()
    assert at.dataframe[0].value["n"][0] > 3000
    at.text_area[0].input("DROP ALL")
    at.button[0].click().run()
    assert "read-only" in at.error[0].value


def test_export_page_offers_every_format():
    from jobkg.exports import EXPORT_FORMATS

    at = run_page("export")
    assert at.selectbox[0].options == ["turtle", "nt", "jsonld", "xml", "trig", "nquads"]
    assert at.selectbox[0].options + at.selectbox[1].options == list(EXPORT_FORMATS)


def test_quality_page_lists_gaps_and_the_ingest_report():
    at = run_page("quality")
    subheaders = [s.value for s in at.subheader]
    assert any(s.startswith("Roles with no grade stated (2)") for s in subheaders)
    assert "Ingest report" in subheaders
    assert any(e.label.startswith("Unmapped (") for e in at.expander)


def test_explore_page_draws_the_graph():
    at = run_page("explore")
    assert at.title[0].value == "Explore the org graph"
    assert "nodes" in at.caption[0].value


def hostile_script(folder: str) -> None:
    """The role page for a page whose titles carry HTML and markdown."""
    import streamlit as st

    from jobkg.app.pages import role
    from jobkg.kb import KnowledgeBase

    kb = KnowledgeBase.build([__import__("pathlib").Path(folder)])
    st.session_state["kb"] = kb
    st.session_state["source"] = ("folder of pages", folder)
    role.render()


def test_html_and_markdown_in_page_text_are_shown_as_text(write_pages):
    folder = write_pages(
        {
            # the escaped brackets reach the title as literal markdown link syntax
            "d/x.md": "---\ntitle: Evil\n---\n## Levels\n### <script>alert(1)</script> \\[Manager\\](javascript:x)\n"
            "The role is a grade 8.\n"
        }
    )
    at = AppTest.from_function(hostile_script, args=(str(folder),), default_timeout=60)
    at.run()
    assert not at.exception
    title = at.title[0].value
    assert "\\<script\\>" in title and "\\[Manager\\]\\(javascript:x\\)" in title


def test_ask_page_examples_are_made_from_the_pages_and_clickable():
    at = run_page("ask")
    examples = [b for b in at.button if b.key and b.key.startswith("example-")]
    assert len(examples) >= 6
    examples[0].click().run()
    assert at.text_input(key="question").value == examples[0].label
    assert at.subheader and "Understood as" in " ".join(c.value for c in at.caption)


def test_did_you_mean_asks_again_with_the_name_chosen():
    at = run_page("ask")
    at.text_input(key="question").input("what grade is a Staff program manager").run()
    candidates = [b for b in at.button if b.key and b.key.startswith("candidate-")]
    assert len(candidates) >= 2
    candidates[0].click().run()
    assert "Staff program manager" not in at.text_input(key="question").value
    assert "is grade" in at.subheader[0].value
