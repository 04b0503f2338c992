"""How faithfully pages are read, scored against gold files a person wrote by reading them
(docs/fidelity.md): the bundled seeds, and the three dev corpora beside the checkout (the gold
files in tests/ingest/gold/ hold facts read off those pages, never the pages). The floors are
the issue's goals; the scores are measured, nothing is timed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jobkg.bench import FIDELITY_GOALS, bench_fidelity
from jobkg.cli import main
from jobkg.errors import UsageError
from jobkg.fidelity import read_gold

REPO = Path(__file__).resolve().parents[2]
GOLD = Path(__file__).with_name("gold")


def meets_goals(scores: dict) -> list[str]:
    return [
        goal
        for goal, key, target, at_least in FIDELITY_GOALS
        if not (scores[key] >= target if at_least else scores[key] <= target)
    ]


def test_the_seeds_are_read_exactly_as_their_gold_says():
    scores = bench_fidelity(REPO / "data" / "handbook.gold.json")
    assert scores["role_recall"] == scores["grade_accuracy"] == scores["reporting_accuracy"] == 1.0
    assert scores["role_precision"] == 1.0 and scores["invented_reporting_lines"] == 0
    assert scores["misses"] == [m for m in scores["misses"] if m["kind"].startswith("level")]


@pytest.mark.slow
@pytest.mark.parametrize("corpus", ["job-families", "gitlab-hugo", "other-ladders", "more-ladders"])
def test_dev_corpora_meet_the_fidelity_goals(corpus, dev_corpus):
    scores = bench_fidelity(GOLD / f"{corpus}.json")
    assert meets_goals(scores) == [], {k: v for k, v in scores.items() if k != "misses"}


def test_bench_fidelity_from_the_command_line(capsys):
    code = main(["bench", "--only", "fidelity", str(REPO / "data" / "handbook.gold.json"), "--json"])
    result = json.loads(capsys.readouterr().out)
    assert code == 0 and result["fidelity"]["role_recall"] == 1.0


def test_a_file_that_is_not_gold_is_a_usage_error(tmp_path):
    bad = tmp_path / "x.json"
    bad.write_text('{"pages": []}')
    with pytest.raises(UsageError, match="not a gold file"):
        read_gold(bad)
