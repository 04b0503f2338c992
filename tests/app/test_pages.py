"""Every page of the Streamlit app on the seeds, through streamlit.testing's AppTest."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from jobkg.synth import generate

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
    importlib.import_module(f"jobkg.app.screens.{page}").render()


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


def one_page_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "one.md").write_text(
        (REPO / "data/handbook/engineering/infrastructure-technical-program-manager.md").read_text(), encoding="utf-8"
    )
    return folder


def test_the_source_in_the_url_opens_that_source(tmp_path, monkeypatch):
    """A shared URL, a reload or Back: ?source= chooses among the sources the server serves,
    the sidebar shows it."""
    folder = one_page_folder(tmp_path)
    monkeypatch.setenv("JOBKG_SOURCE", str(folder))
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.query_params["source"] = f"folder:{folder}"
    at.run()
    assert not at.exception
    assert at.sidebar.selectbox(key="source-kind").value == f"folder of pages: {folder}"
    assert at.sidebar.caption[0].value.startswith("1 pages")
    assert at.query_params["source"] == f"folder:{folder}"


@pytest.mark.parametrize(
    "value", ["folder:/etc", "folder:/usr/share", "endpoint:http://127.0.0.1:9/query", "kb:/etc/passwd"]
)
def test_a_source_the_server_does_not_serve_is_refused_in_one_line(value):
    """Anyone who can open the app cannot make the server read a folder or call a URL it was
    not started with (docs/security.md)."""
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.query_params["source"] = value
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] and "does not serve" in at.error[0].value
    assert not at.sidebar.caption  # no KB was built


def test_the_sidebar_offers_only_what_the_server_serves(tmp_path, monkeypatch):
    folder = one_page_folder(tmp_path)
    monkeypatch.setenv("JOBKG_SOURCE", str(folder))
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.run()
    assert at.sidebar.selectbox(key="source-kind").options == ["bundled corpus", f"folder of pages: {folder}", "upload"]
    assert not at.sidebar.text_input  # nothing to type a path or URL into


def test_choosing_a_source_writes_it_into_the_url(monkeypatch):
    """On a machine only you use (--any-source), the sidebar opens any folder, file or URL."""
    monkeypatch.setenv("JOBKG_ANY_SOURCE", "1")
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.run()
    assert at.query_params["source"] == "bundled"
    at.sidebar.selectbox(key="source-kind").select("SPARQL endpoint").run()
    at.sidebar.text_input(key="source-location-SPARQL endpoint").input("http://127.0.0.1:9/query").run()
    assert at.query_params["source"] == "endpoint:http://127.0.0.1:9/query"


def dead_endpoint_script(page: str) -> None:
    """One page of the app on an endpoint nobody answers at, as the app runs it."""
    import importlib

    import streamlit as st

    from jobkg.app.main import guarded
    from jobkg.kb import KnowledgeBase

    dead = "http://127.0.0.1:9/query"
    st.session_state["kb"] = KnowledgeBase.remote(dead)
    st.session_state["source"] = ("SPARQL endpoint", dead)
    st.session_state.setdefault("role", "https://w3id.org/jobkg/id/role/x")
    guarded(importlib.import_module(f"jobkg.app.screens.{page}").render)


@pytest.mark.parametrize("page", ["ask", "role", "explore", "matrix", "queries", "quality"])
def test_a_dead_endpoint_is_one_line_on_every_page(page):
    """Pages that read the KB as they open say in one line that the endpoint did not answer
    (the SPARQL and Export pages ask it only when told to)."""
    at = AppTest.from_function(dead_endpoint_script, args=(page,), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    assert at.error and "did not answer" in at.error[0].value


def test_the_installed_app_script_keeps_its_pages_on_every_rerun():
    """`jobkg app` runs jobkg/app/streamlit_app.py; a `pages/` folder beside it would be run by
    Streamlit instead of our page on the second run."""
    at = AppTest.from_file(str(REPO / "jobkg/app/streamlit_app.py"), default_timeout=60)
    at.query_params["source"] = "bundled"
    at.run()
    for question in ("who does a Staff ITPM report to", "what grade is a Senior TPM"):
        at.text_input(key="question").input(question).run()
        assert at.subheader, question


def test_ask_page_answers_with_rows_sparql_and_sources():
    at = run_page("ask")
    at.text_input(key="question").input("who does a Staff ITPM report to").run()
    assert "Vice President of Infrastructure & Quality" in at.subheader[0].value
    assert at.table, "the rows are shown, every sentence in full"
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
    ladder = [m.value.replace("\\", "") for m in at.markdown if m.value.endswith("):")]
    assert ladder[:2] == ["Previous level (grade 7):", "Next level (grade 9):"]  # down, up, then further up
    subheaders = [s.value for s in at.subheader]
    assert "Responsibilities (5 own, 23 inherited)" in subheaders
    assert "Requirements (3 own, 17 inherited, 2 superseded by its own)" in subheaders


def test_role_page_compares_with_any_other_role_both_ways():
    at = run_page("role", "Staff ITPM")
    senior = next(o for o in at.selectbox(key="compare-with").options if o.startswith("Senior Infrastructure"))
    at.selectbox(key="compare-with").select(senior).run()
    said = [m.value for m in at.markdown if " that **" in m.value]
    assert said[0].startswith("**Staff Infrastructure Technical Program Manager** has ")
    assert said[1].startswith("**Senior Infrastructure Technical Program Manager** has ")
    assert len(at.table) >= 3  # items, and what each side has


def test_role_page_marks_inherited_items_its_own_supersede():
    at = run_page("role", "Staff ITPM")
    requirements = next(t.value for t in at.table if "Requirement" in t.value.columns)
    struck = [t.replace("\\", "") for t in requirements["Requirement"] if t.startswith("~~")]  # markdown escapes
    assert len(struck) == 2
    assert all("superseded by its own: 7+ years of experience" in t for t in struck)
    assert any(t.startswith("~~3-5 years") for t in struck) and any(t.startswith("~~5+ years") for t in struck)


def test_role_page_shows_career_paths_and_a_self_assessment_it_never_stores():
    at = run_page("role", "Senior ITPM")
    subheaders = [h.value for h in at.subheader]
    assert "Career paths" in subheaders
    assert any(h.startswith("Towards Staff") for h in subheaders)
    paths = [e.label for e in at.expander if "items already met" in e.label]
    assert any(label.startswith("Staff Infrastructure Technical Program Manager — up:") for label in paths)
    boxes = [box for box in at.checkbox if box.key and box.key.startswith("assess-")]
    assert boxes and not any(box.value for box in boxes)
    boxes[0].check().run()
    assert next(box for box in at.checkbox if box.key == boxes[0].key).value
    assert any("not a promotion checklist" in c.value for c in at.caption)


def test_an_unknown_role_id_says_so_and_offers_a_search():
    at = AppTest.from_function(page_script, args=("role",), default_timeout=60)
    at.query_params["role"] = "https://w3id.org/jobkg/id/role/no-such-role"
    at.run()
    assert not at.exception
    assert "No role with the id https://w3id.org/jobkg/id/role/no-such-role" in at.error[0].value
    assert at.selectbox[0].value is None and "search" in at.selectbox[0].placeholder
    assert not at.title, "no other role is shown in its place"


def test_role_page_says_not_stated_for_a_missing_grade():
    at = run_page("role", "Senior Manager, Engineering")
    assert at.metric[0].value == "not stated"


def test_queries_page_runs_the_chosen_query_with_widgets():
    at = run_page("queries")
    at.selectbox[0].select("roles-at-grade").run()
    at.number_input[0].set_value(10).run()
    frame = at.dataframe[0].value
    assert set(frame["Title"]) >= {"Director, Engineering", "Director, IT Program Management"}
    assert not any("IRI" in c for c in frame.columns)
    at.toggle[0].set_value(True).run()
    assert list(at.dataframe[0].value.columns)[-1] == "Role (IRI)"  # IRIs last, when asked


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
    at.text_area(key="query").input("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    at.button[0].click().run()
    assert at.dataframe[-1].value["N"][0] > 3000
    at.text_area(key="query").input("DROP ALL")
    at.button[0].click().run()
    assert "read-only" in at.error[0].value


def test_sparql_page_shows_the_schema_and_starter_queries_that_run():
    at = run_page("sparql")
    classes, properties = at.dataframe[0].value, at.dataframe[1].value
    assert "jobkg:Role" in set(classes["class"]) and "jobkg:hasGrade" in set(properties["property"])
    assert "org:reportsTo" in set(properties["property"])  # reused terms too
    for starter in ["Roles with their grade", "Who reports to whom", "Requirements of one role, own and inherited"]:
        at.selectbox(key="starter").select(starter).run()
        at.button[0].click().run()
        assert not at.error and not at.warning, starter
        assert len(at.dataframe[-1].value) > 0, starter


def test_sparql_page_names_mistakes_and_where_they_are():
    at = run_page("sparql")
    at.text_area(key="query").input("SELEC ?x WHERE { ?x ?p ?o }")
    at.button[0].click().run()
    assert "did you mean SELECT" in at.error[0].value
    at.text_area(key="query").input("SELECT ?r WHERE {\n  ?r jobkg:grade ?g\n")
    at.button[0].click().run()
    assert at.error[0].value.startswith("Line 3")
    at.text_area(key="query").input("SELECT ?r WHERE { ?r jobkg:grade ?g }")
    at.button[0].click().run()
    assert "jobkg:grade is not in the ontology: did you mean" in at.warning[0].value


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


def test_matrix_shows_every_family_down_and_grades_across():
    at = AppTest.from_function(page_script, args=("matrix",), default_timeout=60)
    at.run()
    assert not at.exception
    frame = at.dataframe[0].value
    assert list(frame.columns[:2]) == ["Department", "Family"] and frame.columns[-1] == "not stated"
    assert list(frame["Department"]) == ["Engineering", "", "", "Finance"]  # a department names its group once
    assert at.caption[0].value.startswith("24 roles in 4 families")
    assert at.multiselect(key="matrix-departments").value == []  # every department until one is chosen
    at.multiselect(key="matrix-departments").set_value(["Finance"]).run()
    assert at.caption[0].value.startswith("9 roles in 1 families")


def test_a_matrix_cell_of_several_roles_offers_each():
    at = AppTest.from_function(page_script, args=("matrix",), default_timeout=60)
    at.run()
    at.multiselect(key="matrix-departments").set_value(["Finance"]).run()
    at.session_state["matrix:Finance"] = {"selection": {"rows": [], "columns": [], "cells": [(0, "grade 8")]}}
    at.run()
    assert not at.exception, at.exception
    offered = [b.label for b in at.button if b.key and b.key.startswith("matrix-cell-")]
    assert offered == ["Staff IT Program Manager", "Manager, IT Program Management"]


def test_the_matrix_shows_page_text_as_text(write_pages):
    page = "---\ntitle: Evil\n---\n## Levels\n### <b>Bold</b> Engineer\nThe role is a grade 8.\n"
    folder = write_pages({"d/x.md": page})
    at = AppTest.from_function(folder_script, args=("matrix", str(folder)), default_timeout=60)
    at.run()
    assert not at.exception
    assert "<b>Bold</b> Engineer" in at.dataframe[0].value["grade 8"].tolist()  # a grid cell: text, never HTML
    assert not any("<b>" in m.value for m in at.markdown)


def test_explore_opens_on_as_many_families_as_read_at_once():
    """The bundled pages' four families do not fit the canvas at a readable size together: the
    chart opens on the three largest that do, names them, and draws them whole."""
    at = run_page("explore")
    assert at.title[0].value == "Explore the org graph"
    assert at.caption[0].value.startswith("Showing 3 of the 4 families of these pages, as many as read at once: ")
    assert len(at.multiselect(key="explore-families").value) == 3
    assert "It opens at a readable size on its top left" not in at.caption[1].value  # it is drawn whole
    at.multiselect(key="explore-families").set_value([]).run()
    assert at.caption[0].value.startswith("24 roles, 9 other positions, 4 families.")


def test_explore_search_focuses_on_a_role_and_offers_its_page():
    at = run_page("explore")
    staff = next(o for o in at.selectbox(key="explore-focus").options if o.startswith("Staff Infrastructure"))
    at.selectbox(key="explore-focus").select(staff).run()
    assert "and everything 2 steps away" in at.caption[0].value
    assert int(at.caption[1].value.split(" roles")[0]) < 24
    assert any(b.label.startswith("Open the page of Staff Infrastructure") for b in at.button)


def test_explore_filters_narrow_each_other():
    at = run_page("explore")
    every = len(at.multiselect(key="explore-families").options)
    at.multiselect(key="explore-dep").select("Finance").run()
    assert at.multiselect(key="explore-families").options == ["IT Program Management Office"] and every == 4
    assert at.caption[0].value.startswith("9 roles")


def folder_script(page: str, folder: str) -> None:
    """One page of the app on a folder of pages (executed by AppTest as a script)."""
    import importlib
    from pathlib import Path

    import streamlit as st

    from jobkg.app.state import load_kb

    st.session_state["kb"] = load_kb("folder of pages", folder)
    st.session_state["source"] = ("folder of pages", folder)
    importlib.import_module(f"jobkg.app.screens.{page}").render()
    assert Path(folder).exists()


@pytest.mark.slow
def test_explore_opens_a_large_org_one_department_at_a_time(tmp_path):
    """The 10x synthetic org (4,000+ roles) opens on its largest department, and on as many of
    its families as read at once; it says so."""
    generate(tmp_path / "org", factor=10)
    at = AppTest.from_function(folder_script, args=("explore", str(tmp_path / "org")), default_timeout=300)
    at.run()
    assert not at.exception, at.exception
    [department] = at.multiselect(key="explore-dep").value
    families = at.multiselect(key="explore-families").value
    said = " ".join(c.value for c in at.caption)
    assert f"Showing {len(families)} of the " in said and f" families of the {department} department" in said
    if len(families) > 1:  # one family too large to read whole opens legibly on its top left
        assert "It opens at a readable size on its top left" not in said
    drawn = next(int(c.value.split(" roles")[0].replace(",", "")) for c in at.caption if " roles, " in c.value)
    assert 0 < drawn <= 500, drawn


def test_explore_says_when_no_role_matches(write_pages):
    folder = write_pages(
        {
            "eng/widgets.md": """
            ---
            title: Widget Engineer
            ---
            ## Levels
            ### Widget Engineer
            The Widget Engineer is a grade 6.
            ### Staff Widget Engineer
            The Staff Widget Engineer is a grade 9.
            """
        }
    )
    at = AppTest.from_function(folder_script, args=("explore", str(folder)), default_timeout=60)
    at.run()
    at.slider(key="explore-grades").set_value((7, 8)).run()
    assert "No role matches these filters together" in at.info[0].value


def hostile_script(folder: str) -> None:
    """The role page for a page whose titles carry HTML and markdown."""
    import streamlit as st

    from jobkg.app.screens import role
    from jobkg.kb import KnowledgeBase

    kb = KnowledgeBase.build([__import__("pathlib").Path(folder)])
    st.session_state["kb"] = kb
    st.session_state["source"] = ("folder of pages", folder)
    st.session_state["role"] = kb.roles()[0].iri
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


def test_choosing_a_candidate_that_shares_its_title_resolves(tmp_path):
    """Two organisations' 'Staff Engineer': the candidate chosen is asked again in the form the
    answer offered ('Staff Engineer (Platform)'), which names one role, never the same question."""
    folder = tmp_path / "orgs"
    for org, duty in (("acme", "Leads cross-team designs"), ("globex", "Mentors engineers on the team")):
        page = folder / org / "platform.md"
        page.parent.mkdir(parents=True)
        page.write_text(f"# Platform\n## Staff Engineer\n- {duty}\n- Reviews designs\n## Engineer\n- Ships\n- Fixes\n")
    at = AppTest.from_function(folder_script, args=("ask", str(folder)), default_timeout=60)
    at.run()
    at.text_input(key="question").input("what does a staff engineer do").run()
    candidates = [b for b in at.button if b.key and b.key.startswith("candidate-")]
    assert len(candidates) == 2
    candidates[1].click().run()
    assert not at.exception, at.exception
    assert "could mean several roles" not in at.subheader[0].value
    assert "responsibilities" in at.subheader[0].value


def zipped_pages(entries: dict[str, bytes]) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_uploads_keep_their_names_and_name_every_refusal():
    """A zip of pages: the family keeps the file's name ('Grades', never '0001 Grades'), the
    examples built from it are answered, and each refused file is named with its reason."""
    page = b"## Levels\n### Senior Widget Engineer\nThe Senior Widget Engineer is a grade 8.\n- Builds widgets\n"
    archive = zipped_pages({"widgets/Grades.md": page, "widgets/empty.md": b"", "logo.md": b"\x89PNG\0\0"})
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.run()
    at.sidebar.selectbox(key="source-kind").select("upload").run()
    at.sidebar.file_uploader[0].set_value(("pages.zip", archive, "application/zip")).run()
    assert not at.exception, at.exception
    warnings = [w.value for w in at.sidebar.warning]
    assert warnings == ["widgets/empty.md: empty file", "logo.md: binary file, not a text page"]
    kb = at.session_state["kb"]
    assert [(r.title, r.family, r.source.file) for r in kb.roles()] == [
        ("Senior Widget Engineer", "Grades", "widgets/Grades.md")
    ]
    examples = [b.label for b in at.button if b.key and b.key.startswith("example-")]
    assert len(examples) >= 4
    for example in examples:
        at.text_input(key="question").input(example).run()
        assert not at.exception, at.exception
        assert "can't answer" not in at.subheader[0].value, (example, at.subheader[0].value)


def test_an_upload_that_gives_no_role_says_what_to_do():
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.run()
    at.sidebar.selectbox(key="source-kind").select("upload").run()
    at.sidebar.file_uploader[0].set_value(("notes.md", b"# Team notes\nWe meet on Mondays.\n", "text/markdown")).run()
    assert not at.exception, at.exception
    assert "gave no role" in at.info[0].value
    assert not [b for b in at.button if b.key and b.key.startswith("example-")]


def test_find_a_role_tells_shared_titles_apart_by_family(write_pages):
    page = "## Levels\n### Staff Engineer\nThe Staff Engineer is a grade 8.\n- Leads designs\n"
    folder = write_pages({"eng/platform.md": "# Platform\n" + page, "eng/data.md": "# Data\n" + page})
    at = AppTest.from_function(folder_script, args=("explore", str(folder)), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    search = at.selectbox(key="explore-focus")
    assert sorted(search.options) == [
        "Staff Engineer — Data",
        "Staff Engineer — Platform",
    ]


def test_each_role_chosen_in_the_box_holds():
    """Choosing roles one after another: every choice opens that role (a box whose default
    followed the URL lost every second choice)."""
    at = run_page("role", "Staff ITPM")
    box = at.selectbox(key="role-box")
    for index in (3, 7, 11, 5):
        at.selectbox(key="role-box").select_index(index).run()
        assert not at.exception, at.exception
        chosen = at.selectbox(key="role-box").value
        assert at.title[0].value.replace("\\", "") == at.session_state["kb"].role(chosen).title
        assert at.query_params["role"] == [chosen] or at.query_params["role"] == chosen
    assert box.options  # the same box all along


def test_an_indicator_shows_once_whatever_its_case(write_pages):
    page = (
        "# Widgets\n## Levels\n### Widget Manager\nThe Widget Manager is a grade 8.\n- Leads the widget team\n"
        "## Performance Indicators\n- Hiring Actual vs Plan\n- Hiring actual vs plan\n- Team Member Retention\n"
    )
    folder = write_pages({"d/widgets.md": page})
    at = AppTest.from_function(hostile_script, args=(str(folder),), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    shown = [m.value for m in at.markdown if m.value.startswith("• ")]
    assert shown == ["• Hiring Actual vs Plan", "• Team Member Retention"]
