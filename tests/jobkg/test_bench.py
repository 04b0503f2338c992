"""`jobkg bench`: the shape of what it reports and the goal table it derives (never timings)."""

from __future__ import annotations

import json
import tempfile

import pytest

from jobkg.bench import BenchError, _in_child, goals, markdown
from jobkg.cli import main
from jobkg.queries import catalog


def run(capsys, *args: str) -> dict:
    assert main(list(args)) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.slow
def test_reason_stage_compares_with_owlrl_and_reasonable_on_the_seeds(capsys):
    result = run(capsys, "bench", "--only", "reason", "--json")
    reason = result["reason"]
    assert reason["same"] is True
    assert reason["inferred_triples"] > 0
    assert reason["owlrl_s"] > 0 and reason["reasonable_s"] > 0


@pytest.mark.slow
def test_scale_stage_builds_a_synthetic_org_and_times_every_query(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # generated pages go here, not /tmp
    result = run(capsys, "bench", "--only", "scale", "--scale", "0.2", "--json")
    (row,) = result["scale"]
    assert row["factor"] == 0.2 and row["roles"] > 0 and row["triples"] > 0
    assert set(row["query_p50_ms_by_query"]) == set(catalog.catalog())
    for key in ("build_s", "ingest_s", "reason_s", "reasonable_s", "reload_s", "peak_mb"):
        assert row[key] >= 0, key
    assert any(tmp_path.iterdir())


def test_goal_table_reads_met_and_missed_goals_off_a_run():
    scale = [
        {"factor": 10.0, "build_s": 5.0, "build_saved_s": 8.0, "open_s": 0.6, "role_page_ms": 90.0,
         "first_page_worst_ms": 40.0, "first_page_worst": "families", "peak_mb": 900,
         "query_p50_ms": 1.0, "query_p50_ms_by_query": {"a": 1.0}},
        {"factor": 100.0, "build_s": 90.0, "build_saved_s": 120.0, "open_s": 4.0, "role_page_ms": 400.0,
         "first_page_worst_ms": 1900.0, "first_page_worst": "roles", "peak_mb": 5000, "reason_s": 2.0,
         "reasonable_s": 3.0, "query_p50_ms": 80.0, "query_p50_ms_by_query": {"roles": 80.0}},
    ]  # fmt: skip
    push = {"triples": 54869, "how": "graph store protocol", "first_s": 2.1, "again_s": 3.5}
    run_ = {"machine": {}, "ingest": {"pages_per_s": 250.0, "seconds": 1}, "scale": scale, "push": push}
    table = {goal: (measured, met) for goal, measured, met in goals(run_)}
    assert table["ingest (parse + map) >= 200 pages/s"][1] is True
    assert table["10x: build to a saved KB <= 5 s"] == ("8.0 s", False)
    assert table["10x: open the saved KB <= 1 s"] == ("0.6 s", True)
    assert table["100x: first page of any listing <= 200 ms"] == ("1900.0 ms (roles)", False)
    assert table["100x: peak memory <= 2 GiB"] == ("5000 MiB", False)
    assert table["build time near-linear: 100x / 10x <= 11"] == ("15.0", False)  # saved builds: 120 / 8
    assert table["100x: reasoning faster than reasonable"][1] is True
    assert table["push to a local Oxigraph < 3 s"] == ("2.1 s for 54,869 triples (graph store protocol)", True)
    assert "paths: precision of 'already met' >= 0.9" not in table  # a stage the run does not have
    ingest_only = {"machine": {}, "ingest": run_["ingest"]}
    assert "| ingest (parse + map) >= 200 pages/s | 250.0 pages/s | yes |" in markdown(ingest_only, "x", "2026-11-22")


def test_every_goal_reads_a_figure_the_run_can_have():
    """A goal whose figure no run produces would never show: each is produced by figures()."""
    from jobkg.bench import FIDELITY_GOALS, GOALS, figures

    scale = [
        {"factor": f, "build_s": 1.0, "build_saved_s": 2.0, "open_s": 0.1, "role_page_ms": 1.0,
         "first_page_worst_ms": 1.0, "first_page_worst": "roles", "peak_mb": 1, "reason_s": 1.0,
         "reasonable_s": 2.0, "query_p50_ms": 1.0}
        for f in (1.0, 10.0, 100.0)
    ]  # fmt: skip
    run_ = {
        "ask": {"p50_ms": 1.0, "questions": 9},
        "fidelity": {key: 1.0 for _, key, _, _ in FIDELITY_GOALS},
        "ingest": {"pages_per_s": 1.0},
        "reason": {"ratio": 200.0, "same": True},
        "query": {"roles": {"p50_ms": 1.0}},
        "scale": scale,
        "push": {"first_s": 1.0, "triples": 1, "how": "x"},
        "app": {"explore_first_draw_s": 1.0, "warm_interaction_ms": 1.0, "cold_start_s": 1.0},
        "paths": {"precision": 1.0, "dev_p50_ms": 1.0, "10x_p50_ms": 1.0},
        "occupations": {scheme: {"roles": 1, "top1": 1.0, "top3": 1.0} for scheme in ("esco", "soc")},
    }
    assert [goal.name for goal in GOALS if goal.figure not in figures(run_)] == []


def dies(argument: str) -> dict:
    raise SystemExit(f"gave up on {argument}")


def test_a_child_that_fails_is_an_error_naming_the_reason_not_a_hang():
    with pytest.raises(BenchError, match=r"exit code 1.*gave up on x"):
        _in_child("tests.jobkg.test_bench:dies", "x", "the test stage")


@pytest.mark.server
def test_the_push_stage_pushes_to_a_real_oxigraph(seeds_kb):
    from jobkg.bench import bench_push

    result = bench_push(seeds_kb)
    assert result["triples"] == len({q.triple for q in seeds_kb.quads()})
    assert result["how"] == "graph store protocol"
    assert result["first_s"] > 0 and result["again_s"] > 0


def test_listings_are_timed_cold_and_warm():
    from jobkg.bench import bench_listings
    from jobkg.kb import BUNDLED_CORPUS, KnowledgeBase

    timed = bench_listings(KnowledgeBase.build([BUNDLED_CORPUS]))
    assert {"roles", "role-names", "families"} <= set(timed)
    assert "role-items" not in timed  # internal: the roles view reads it whole, it is never paged
    assert all(t["cold"] > 0 and t["warm"] >= 0 for t in timed.values())
