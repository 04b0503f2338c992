"""Everyday questions, as people type them (jobkg/questions/everyday.yaml: 289 questions, at least
ten phrasings per intent: terse, misspelt, polite, reordered, abbreviated). Each names the intent
it asks, the things it mentions, and a fact the answer must state (in its sentence or its rows).
The expected facts were read off the pages by hand, not off jobkg's answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobkg.kb import KnowledgeBase
from jobkg.questions import ask
from jobkg.questions.suite import everyday

SUITE = everyday()


def said(answer) -> str:
    return (answer.answer + " " + " ".join(str(v) for row in answer.rows for v in row.values())).lower()


def titles(answer) -> set[str]:
    return {str(entity["title"]) for entity in answer.entities}


def check(kb: KnowledgeBase, case: dict) -> None:
    answer = ask(kb, case["q"])
    assert answer.intent == case["intent"], answer.understood or answer.answer
    assert set(case["entities"]) <= titles(answer), answer.entities
    assert case["expect"].lower() in said(answer), answer.answer
    assert answer.understood  # every answer says how the question was read


@pytest.mark.parametrize("case", [c for c in SUITE if c["corpus"] == "seeds"], ids=lambda c: c["q"])
def test_seed_questions(seeds_kb, case):
    check(seeds_kb, case)


@pytest.fixture(scope="module")
def reviewed_kb() -> KnowledgeBase:
    """The query fixture's pages with their occupations.yaml: one role with an accepted occupation."""
    return KnowledgeBase.build([Path(__file__).parents[1] / "queries" / "fixture_pages"])


@pytest.mark.parametrize("case", [c for c in SUITE if c["corpus"] == "fixture"], ids=lambda c: c["q"])
def test_fixture_questions(reviewed_kb, case):
    check(reviewed_kb, case)


@pytest.mark.slow
@pytest.mark.parametrize("case", [c for c in SUITE if c["corpus"] == "dev"], ids=lambda c: c["q"])
def test_dev_corpus_questions(corpus_kb, case):
    check(corpus_kb, case)


def test_the_suite_covers_every_intent_ten_times():
    from collections import Counter

    from jobkg.questions.intents import INTENTS

    counts = Counter(case["intent"] for case in SUITE)
    assert len(SUITE) >= 200
    assert all(counts[intent.name] >= (7 if intent.name == "gaps" else 10) for intent in INTENTS), counts
