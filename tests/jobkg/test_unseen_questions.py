"""Questions nobody wrote down (issue 21), one test per pattern: names resolved with their level
words, positions that have no page, organisations that narrow a name, the direction of a
reporting question, yes/no questions, which is higher, two-part questions, what a role extends,
topics the pages do not cover, questions not read, and a candidate chosen from an ambiguous
answer. Never an answer about a thing the question did not name."""

from __future__ import annotations

import pytest

from jobkg.kb import KnowledgeBase
from jobkg.questions import ask


@pytest.fixture(scope="module")
def two_orgs(tmp_path_factory) -> KnowledgeBase:
    """Two organisations, each with a 'Staff Engineer' and a 'Director of Engineering'."""
    root = tmp_path_factory.mktemp("orgs")
    pages = {
        "acme/engineering.md": """
# Engineering
## Staff Engineer
The Staff Engineer is a grade 8. This role reports to the Director of Engineering.
- Leads cross-team designs
## Director of Engineering
The Director of Engineering is a grade 10.
- Owns the engineering budget
""",
        "globex/engineering.md": """
# Engineering
## Staff Engineer
- Mentors 1-2 engineers on the team
- Leads the design of large features
## Security Engineer (Platform)
- Hardens the platform
- Reviews infrastructure changes
## Security Engineer (Product)
- Reviews product changes
- Runs threat models
""",
    }
    for name, text in pages.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.lstrip(), encoding="utf-8")
    return KnowledgeBase.build([root])


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("who does an infra tpm at staff level report to", None),
        ("what grade is the staff infrastructure tpm", "grade 8"),
        ("who reports to the VP of Infrastructure & Quality?", "Staff Infrastructure Technical Program Manager"),
    ],
)
def test_names_with_abbreviations_and_positions_without_a_page(seeds_kb, question, expected):
    answer = ask(seeds_kb, question)
    if expected is not None:
        assert expected in answer.answer
    assert "Executive VP" not in answer.answer  # never the nearest other role


def test_a_level_word_the_title_lacks_is_an_unknown_role_not_another_level(seeds_kb):
    answer = ask(seeds_kb, "what grade is a Distinguished Infrastructure Technical Program Manager")
    assert answer.status == "unknown" and "No role matches" in answer.answer
    assert "grade" not in answer.answer.split(":")[0]


def test_the_organisation_named_narrows_a_shared_title(two_orgs):
    acme = ask(two_orgs, "who does a staff engineer at acme report to")
    assert acme.status == "answered" and "Director of Engineering" in acme.answer
    globex = ask(two_orgs, "what does a globex staff engineer do")
    assert "Mentors 1-2 engineers" in globex.answer
    assert ask(two_orgs, "who does a staff engineer report to").status == "ambiguous"


def test_the_form_an_answer_offers_resolves(two_orgs):
    offered = ask(two_orgs, "what does a security engineer do")
    assert offered.status == "ambiguous"
    chosen = offered.candidates[0]
    again = ask(two_orgs, f"what does a {chosen['title']} ({chosen['context']}) do")
    assert again.status == "answered" and again.entities[0]["iri"] == chosen["iri"]


def test_direction_who_a_role_reports_to_and_who_reports_to_it(seeds_kb):
    up = ask(seeds_kb, "intermediate tpm reports into who")
    assert up.intent == "reports_to" and "Engineering leadership" in up.answer
    down = ask(seeds_kb, "who reports into the VP of Infrastructure & Quality")
    assert down.intent == "direct_reports"


@pytest.mark.parametrize(
    ("question", "intent", "starts"),
    [
        ("does a sr itpm report to the VP of Infrastructure & Quality?", "reports_to_check", "Yes"),
        ("does the staff itpm report to the Executive VP of Engineering?", "reports_to_check", "No"),
        ("is the Staff ITPM a manager role?", "is_manager", "No"),
        ("is the Director, Engineering a people manager?", "is_manager", "Yes"),
        ("does the principal tpm do budgeting?", "does_duty", "Yes"),
    ],
)
def test_yes_no_questions_answer_yes_or_no_with_the_evidence(seeds_kb, question, intent, starts):
    answer = ask(seeds_kb, question)
    assert answer.intent == intent and answer.answer.startswith(starts)


def test_a_duty_the_pages_do_not_name_is_not_stated_never_no(seeds_kb):
    answer = ask(seeds_kb, "does the staff itpm do payroll?")
    assert answer.status == "not stated" and not answer.answer.startswith("No")


def test_which_is_higher_compares_grades(seeds_kb):
    answer = ask(seeds_kb, "which is higher, staff tpm or principal itpm?")
    assert answer.answer.startswith("Principal Infrastructure Technical Program Manager (grade 9) is higher")


def test_two_questions_in_one_answers_both(seeds_kb):
    answer = ask(seeds_kb, "what is the grade and who is the manager of the Intermediate Technical Program Manager?")
    assert "grade 6" in answer.answer and "Engineering leadership" in answer.answer


def test_what_a_role_extends_and_what_extends_it(seeds_kb):
    assert "extends Senior Infrastructure" in ask(seeds_kb, "what does the staff itpm extend").answer
    other_way = ask(seeds_kb, "which role extends the Director, Engineering role?").answer
    assert (
        other_way.startswith("Senior Director, Engineering extends") and "Senior Engineering Manager" not in other_way
    )


@pytest.mark.parametrize("question", ["how much does a staff tpm make?", "is the Senior ITPM remote?"])
def test_topics_the_pages_do_not_cover_are_said_so(seeds_kb, question):
    answer = ask(seeds_kb, question)
    assert answer.status == "not covered" and answer.answer.startswith("The pages do not cover")


def test_a_question_that_is_not_read_says_so_and_offers_readings(seeds_kb):
    answer = ask(seeds_kb, "can the staff itpm bring a dog to the office party")
    assert answer.status in ("unread", "not covered")
    assert answer.intent != "role_summary"  # never a summary of the role instead


def test_a_question_answered_from_the_named_roles_own_items(two_orgs):
    answer = ask(two_orgs, "globex staff engineer mentoring engineers")
    assert answer.intent == "search" and "Mentors 1-2 engineers" in answer.answer
