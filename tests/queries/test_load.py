"""Load: many threads against one cached KB give the answers one thread gives, with memory
flat. (The 30-second soak is `jobkg bench --only load`; this is its bounded twin.)"""

from __future__ import annotations

import gc
import resource
from concurrent.futures import ThreadPoolExecutor

import pytest

from jobkg.queries import catalog
from jobkg.questions import ask

QUESTIONS = [
    "who does a Staff ITPM report to",
    "what grade is a Senior TPM",
    "what does a Staff ITPM do",
    "which roles are at grade 10",
    "compare Staff ITPM and Senior ITPM",
]


def workload(kb) -> list[object]:
    answers: list[object] = []
    for query in catalog.catalog().values():
        bindings = kb.bind(query, {p.name: p.example for p in query.params})
        answers.append(kb.select(query.sparql, bindings, query.bind))  # the store, not kept answers
    for question in QUESTIONS:
        answers.append(ask(kb, question).to_dict())
    return answers


@pytest.mark.slow
def test_eight_threads_give_the_single_thread_answers_with_flat_memory(seeds_kb):
    expected = workload(seeds_kb)
    with ThreadPoolExecutor(8) as pool:
        warm = list(pool.map(lambda _: workload(seeds_kb), range(8)))
    assert all(answers == expected for answers in warm)
    gc.collect()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with ThreadPoolExecutor(8) as pool:  # each thread compares; kept answers would hide a leak
        same = list(pool.map(lambda _: workload(seeds_kb) == expected, range(8 * 12)))
    gc.collect()
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert all(same)
    queries = len(same) * len(expected)
    assert queries >= 2500
    assert after - before < 50 * 1024, f"peak memory grew {(after - before) / 1024:.0f} MB over {queries} queries"
