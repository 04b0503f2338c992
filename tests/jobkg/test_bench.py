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


def test_reason_stage_compares_with_owlrl_and_reasonable_on_the_seeds(capsys):
    result = run(capsys, "bench", "--only", "reason", "--json")
    reason = result["reason"]
    assert reason["same"] is True
    assert reason["inferred_triples"] > 0
    assert reason["owlrl_s"] > 0 and reason["reasonable_s"] > 0


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
        {"factor": 10.0, "build_s": 5.0, "query_p50_ms": 1.0, "query_p50_ms_by_query": {"a": 1.0}},
        {
            "factor": 100.0,
            "build_s": 90.0,
            "peak_mb": 5000,
            "reason_s": 2.0,
            "reasonable_s": 3.0,
            "query_p50_ms": 80.0,
            "query_p50_ms_by_query": {"roles": 80.0, "families": 2.0, "role-items": 900.0},
            "listing_first_page_ms": {"roles": {"cold": 1900.0, "warm": 0.5}, "families": {"cold": 9.0, "warm": 0.1}},
        },
    ]
    push = {"triples": 54869, "how": "graph store protocol", "first_s": 2.1, "again_s": 3.5}
    run_ = {"machine": {}, "ingest": {"pages_per_s": 250.0, "seconds": 1}, "scale": scale, "push": push}
    table = {goal: (measured, met) for goal, measured, met in goals(run_)}
    assert table["ingest (parse + map) >= 200 pages/s"][1] is True
    assert table["every public canned query p50 <= 50 ms at 100x"] == ("1 over: roles", False)  # not internal ones
    assert table["first page + total of every listing <= 50 ms at 100x"] == (
        "cold worst roles 1900.0 ms; warm worst 0.5 ms",
        False,
    )
    assert table["100x peak memory <= 4 GiB"][1] is False
    assert table["build time near-linear: 100x / 10x <= 15"] == ("18.0", False)
    assert table["reasoning faster than reasonable at 100x"][1] is True
    assert table["push to a local Oxigraph < 3 s"] == ("2.1 s for 54,869 triples (graph store protocol)", True)
    ingest_only = {"machine": {}, "ingest": run_["ingest"]}
    assert "| ingest (parse + map) >= 200 pages/s | 250.0 pages/s | yes |" in markdown(ingest_only, "x", "2026-11-22")


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
