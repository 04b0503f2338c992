"""Kept answers: computed once, handed out as copies, bounded by rows."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from jobkg.queries import catalog
from jobkg.queries.memo import RowMemo


def counting(rows):
    calls = []

    def compute():
        calls.append(1)
        return [dict(row) for row in rows]

    return compute, calls


def test_an_answer_is_computed_once_and_handed_out_as_copies():
    memo = RowMemo()
    compute, calls = counting([{"a": 1}])
    first = memo.get("q", compute)
    first[0]["a"] = 99  # a caller changing its rows changes nobody else's
    assert memo.get("q", compute) == [{"a": 1}]
    assert len(calls) == 1


def test_least_recently_used_answers_go_first_when_rows_run_over():
    memo = RowMemo(row_budget=4)
    computes = {key: counting([{"n": 1}, {"n": 2}]) for key in ("x", "y", "z")}
    memo.get("x", computes["x"][0])
    memo.get("y", computes["y"][0])
    memo.get("x", computes["x"][0])  # x is now the most recently used
    memo.get("z", computes["z"][0])  # 6 rows > 4: y goes
    memo.get("x", computes["x"][0])
    memo.get("y", computes["y"][0])
    assert len(computes["x"][1]) == 1  # kept all along
    assert len(computes["y"][1]) == 2  # dropped, so computed again


def test_an_answer_larger_than_the_budget_is_returned_but_not_kept():
    memo = RowMemo(row_budget=2)
    compute, calls = counting([{"n": i} for i in range(3)])
    assert len(memo.get("big", compute)) == 3
    memo.get("big", compute)
    assert len(calls) == 2


def test_the_kb_keeps_canned_answers_and_they_equal_the_stores(seeds_kb):
    query = "reports-to"
    params = {"role": "Staff ITPM"}
    first = seeds_kb.run(query, params)
    with ThreadPoolExecutor(8) as pool:
        again = list(pool.map(lambda _: seeds_kb.run(query, params), range(16)))
    canned = catalog.get(query)
    direct = seeds_kb.select(canned.sparql, seeds_kb.bind(canned, params), canned.bind)
    assert first == direct and all(rows == direct for rows in again)
