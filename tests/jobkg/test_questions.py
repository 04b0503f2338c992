"""The question box on the seeds: intents, shorthand, honest 'not stated', unknown names."""

from __future__ import annotations

import pytest

from jobkg.kb import KnowledgeBase
from jobkg.questions import ask


@pytest.mark.parametrize(
    ("question", "intent", "expected"),
    [
        ("who does a Staff ITPM report to", "reports_to", "Vice President of Infrastructure & Quality"),
        ("Who does the Staff ITPM report to?", "reports_to", "Vice President of Infrastructure & Quality"),
        ("whom does a Principal ITPM report to", "reports_to", "Vice President of Infrastructure & Quality"),
        ("who does a Senior TPM report to", "reports_to", "a Director or above"),
        ("who does a Sr. TPM report to?", "reports_to", "a Director or above"),
        ("what grade is a Senior TPM", "grade", "grade 7"),
        ("What is the grade of Principal IT PM?", "grade", "grade 9"),
        ("what grade is EVP Engineering", "grade", "grade 12"),
        ("which roles are at grade 10", "roles_at_grade", "Director, Engineering"),
        ("what comes after Senior IT Program Manager", "next_level", "Staff IT Program Manager"),
        ("what comes before Staff ITPM", "previous_level", "Senior Infrastructure Technical Program Manager"),
        ("what is the IC equivalent of Engineering Fellow", "equivalent", "VP of Engineering"),
        ("who reports to Senior Manager, Engineering", "direct_reports", "Frontend Engineering Manager"),
        ("who interviews for Staff ITPM", "interviewers", "Global Recruiters"),
        ("performance indicators of Staff TPM", "indicators", "GitLab.com Availability"),
    ],
)
def test_questions(seeds_kb, question, intent, expected):
    answer = ask(seeds_kb, question)
    assert answer.intent == intent
    assert expected in answer.answer
    assert answer.sparql


def test_responsibilities_count_own_and_inherited(seeds_kb):
    answer = ask(seeds_kb, "what does a Staff ITPM do?")
    assert answer.answer.startswith("Staff Infrastructure Technical Program Manager has 28 responsibilities")
    assert all(s["file"].endswith(".md") and s["line"] for s in answer.sources)


def test_not_stated_is_said_never_guessed(seeds_kb):
    assert "not stated" in ask(seeds_kb, "what grade is Senior Manager, Engineering").answer
    assert "not stated" in ask(seeds_kb, "who does Staff IT Program Manager report to").answer


def test_compare_two_roles(seeds_kb):
    answer = ask(seeds_kb, "compare Staff ITPM and Senior ITPM")
    assert answer.intent == "compare" and len(answer.entities) == 2
    texts = {r["text"] for r in answer.rows}
    assert "Develop repeatable, scalable, efficient, and effective processes" in texts


def test_ambiguous_mention_lists_candidates(seeds_kb):
    answer = ask(seeds_kb, "what grade is a Staff program manager")
    assert len(answer.candidates) >= 2
    assert answer.rows == []


def test_a_name_with_typos_is_read_and_an_unknown_one_is_said(seeds_kb):
    # issue 14: typos are tolerated; a name far from every role is 'No role matches', never a guess
    answer = ask(seeds_kb, "what grade is a Staf Infrastucture Technical Program Manager")
    assert answer.answer == "Staff Infrastructure Technical Program Manager is grade 8."
    assert answer.entities[0]["exact"] is False
    unknown = ask(seeds_kb, "what grade is a Chief Sommelier")
    assert unknown.intent is None and "No role matches" in unknown.answer


def test_unmappable_question_points_to_queries(seeds_kb):
    answer = ask(seeds_kb, "tell me about hiring stages and interviewers please")
    assert answer.intent is None
    assert "interviewers" in [q["name"] for q in answer.suggested_queries]


def test_an_answer_without_rows_of_its_own_cites_the_role_definition(seeds_kb):
    # "not stated" answers have no fact rows; the source is where the page defines the role
    answer = ask(seeds_kb, "what grade is Senior Manager, Engineering")
    role = next(r for r in seeds_kb.roles() if r.title == "Senior Manager, Engineering")
    assert answer.sources == [{"file": role.source.file, "line": role.source.line}]


@pytest.mark.parametrize(
    "question", ["who does a Staff ITPM report to", "list the grade 9 roles", "what comes after Staff TPM"]
)
def test_the_sparql_shown_is_the_query_that_ran(seeds_kb, question):
    """Pasted into the SPARQL page (the read-only editor), it gives the answer's rows."""
    answer = ask(seeds_kb, question)
    result = seeds_kb.sparql(answer.sparql)
    assert (
        answer.rows
        and result.rows[: len(answer.rows)] == [row for row in result.rows if row in answer.rows][: len(answer.rows)]
    )
    assert all(row in result.rows for row in answer.rows)


def test_an_uncertain_reading_offers_the_other_and_can_be_forced(seeds_kb):
    answer = ask(seeds_kb, "Staff ITPM reports")
    assert answer.understood
    forced = ask(seeds_kb, "what comes after Staff ITPM", intent="previous_level")
    assert forced.intent == "previous_level" and "Senior Infrastructure" in forced.answer


def test_examples_come_from_the_loaded_pages(corpus_kb):
    from jobkg.questions import examples

    found = examples(corpus_kb)
    assert len(found) >= 6
    for question in found:
        assert ask(corpus_kb, question).intent is not None, question


def test_the_offered_family_wins_over_a_family_whose_name_contains_it(write_pages):
    """'Senior Security Engineer (Security Engineer)' names the family Security Engineer, not IT
    Security Engineer, whose name also holds the words: the offered form never loops."""
    level = "### Senior Security Engineer\nThe Senior Security Engineer is a grade 7.\n- Reviews {0} designs\n"
    folder = write_pages(
        {
            "eng/security-engineer.md": "# Security Engineer\n## Levels\n" + level.format("product"),
            "it/it-security-engineer.md": "# IT Security Engineer\n## Levels\n" + level.format("laptop"),
        }
    )
    kb = KnowledgeBase.build([folder])
    assert "could mean several roles" in ask(kb, "what grade is a Senior Security Engineer").answer
    for family in ("Security Engineer", "IT Security Engineer"):
        answer = ask(kb, f"what does a Senior Security Engineer ({family}) do")
        assert "could mean several roles" not in answer.answer, answer.answer
        assert ("product" if family == "Security Engineer" else "laptop") in str(answer.rows)


def test_an_items_answer_marks_the_inherited_lines_its_own_replace(seeds_kb):
    answer = ask(seeds_kb, "what are the requirements of a Staff ITPM")
    replaced = [row for row in answer.rows if row["superseded_by"]]
    assert len(replaced) == 2 and "2 inherited superseded" in answer.answer
    assert all(not row["own"] and row["superseded_by"].startswith("7+ years") for row in replaced)


def test_market_in_a_title_is_no_question_about_market_pay(write_pages):
    pages = write_pages(
        {
            "marketing/market-research-analyst.md": """
                # Market Research Analyst

                The Market Research Analyst is a grade 6.

                ## Responsibilities

                - Study the market for our products
                """
        }
    )
    kb = KnowledgeBase.build([pages])
    assert ask(kb, "what does a Market Research Analyst do").intent == "responsibilities"
    assert ask(kb, "what does the market pay for a Market Research Analyst").intent == "market_pay"


def test_what_the_company_itself_pays_stays_not_covered():
    from pathlib import Path

    kb = KnowledgeBase.build([Path(__file__).parents[1] / "queries" / "fixture_pages"])
    answer = ask(kb, "what is the median salary we pay a Senior Widget Engineer")
    assert answer.status == "not covered" and "Senior Widget Engineer" in answer.answer


def test_every_topic_is_covered_only_by_an_intent_that_exists():
    from jobkg.questions.intents import BY_NAME, topics

    assert all(topic.covered_by in BY_NAME for topic in topics() if topic.covered_by)
