"""The Occupations page and the role page's standard occupation, through AppTest: proposals
marked as proposals, decisions written to the review file only where the app may write, and
market pay labelled as a benchmark."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

FIXTURE = Path(__file__).parents[1] / "queries" / "fixture_pages"


def page_script(page: str, kind: str, folder: str, role_iri: str = "") -> None:
    """One page of the app on a folder of pages (executed by AppTest as a script)."""
    import importlib

    import streamlit as st

    from jobkg.app.state import load_kb, review_stamp

    source = (kind, folder)
    st.session_state["kb"] = load_kb(*source, review_stamp(*source))
    st.session_state["source"] = source
    if role_iri:
        st.session_state.setdefault("role", role_iri)
    importlib.import_module(f"jobkg.app.screens.{page}").render()


def run_page(page: str, folder: Path, kind: str = "folder of pages", role_iri: str = "") -> AppTest:
    at = AppTest.from_function(page_script, args=(page, kind, str(folder), role_iri), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    shutil.copytree(FIXTURE, folder)
    return folder


def test_a_source_the_app_may_not_write_shows_proposals_without_decisions(pages, monkeypatch):
    monkeypatch.delenv("JOBKG_REVIEW", raising=False)
    at = run_page("occupations", pages)
    assert "read here, not written" in at.info[0].value
    assert "Roles with an accepted occupation: 1 of 5" in at.get("progress")[0].proto.text
    proposals = [m.value for m in at.markdown if "· proposed, score" in m.value]
    assert len(proposals) == 10  # five from each list, each marked as a proposal
    assert all(button.disabled for button in at.button if button.label in ("Accept", "Exact", "Reject"))


def test_accepting_a_proposal_writes_the_review_file_with_who_and_when(pages, monkeypatch):
    monkeypatch.setenv("JOBKG_REVIEW", "1")
    at = run_page("occupations", pages)
    role = at.selectbox[0].value
    accept = next(button for button in at.button if button.label == "Accept")
    assert accept.disabled  # a decision needs a name first
    at.text_input(key="occupations-reviewer").input("Ada").run()
    next(button for button in at.button if button.label == "Accept").click().run()
    assert not at.exception
    written = (pages / "occupations.yaml").read_text()
    assert f"role: {role}" in written and "by: Ada" in written and "verdict: accepted" in written
    assert "Roles with an accepted occupation: 2 of 5" in at.get("progress")[0].proto.text
    said = at.success[0].value  # said after the rerun, not in a toast the rerun takes away
    assert said.startswith("Accepted: ") and "written to occupations.yaml by Ada" in said
    assert "date: 20" in written and "date: '" not in written  # a bare YAML date, as people write it


def test_the_role_page_shows_the_accepted_occupation_and_labelled_market_pay(pages):
    iri = "https://w3id.org/jobkg/id/role/eng/widget-engineer/senior-widget-engineer"
    at = run_page("role", pages, role_iri=iri)
    shown = " ".join(m.value for m in at.markdown)
    assert "**Standard occupation** Mechanical Engineers \\(US SOC 2018 17-2141\\)" in shown
    assert "not what this company pays" in " ".join(c.value for c in at.caption)
    assert at.table[0].value.iloc[0]["median"] == "$104,110"


def test_a_role_without_an_accepted_occupation_says_so(pages):
    iri = "https://w3id.org/jobkg/id/role/eng/widget-engineer/staff-widget-engineer"
    at = run_page("role", pages, role_iri=iri)
    assert "Standard occupation: none accepted yet." in [c.value for c in at.caption]


def test_a_list_with_an_accepted_code_says_a_second_one_adds_a_match(pages):
    iri = "https://w3id.org/jobkg/id/role/eng/widget-engineer/senior-widget-engineer"
    at = run_page("occupations", pages)
    at.toggle[0].set_value(False).run()
    at.selectbox[0].select(iri).run()
    said = [info.value for info in at.info if info.value.startswith("Accepted from this list")]
    assert said == [
        "Accepted from this list: Mechanical Engineers (17-2141). Accepting another adds a second match."
        " Market pay is the exact match's, else the latest decision's."
    ]
    decisions = at.table[0].value.set_index("Code")
    assert decisions.loc["17-2141", "List"] == "US SOC 2018"  # the version its title says is not said twice
