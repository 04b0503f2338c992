"""`jobkg bench`: every stage measured side by side in one run, printed as one JSON object.

Numbers, not assertions: speed goals live here and in docs/performance.md, never in tests.
"""

from __future__ import annotations

import platform
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from ingest.corpus import ingest
from jobkg.kb import KnowledgeBase, UnresolvedNameError
from ontology import ontology_triples
from ontology.reasoner import reason
from queries import catalog
from queries.backends import bind_into

STAGES = ("ingest", "reason", "query", "scale", "app")
OWLRL_MAX_TRIPLES = 150_000  # owlrl needs minutes above this; skipped, and the JSON says so


def _timed(action: Callable[[], object], repeat: int = 1) -> tuple[float, object]:
    """Median wall time of `repeat` runs, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def machine() -> dict[str, object]:
    import os

    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "processor": platform.processor() or platform.machine(),
    }


def bench_ingest(sources: list[Path]) -> dict[str, object]:
    seconds, result = _timed(lambda: ingest(sources), repeat=3)
    report = result[1]
    return {"pages": report.pages, "seconds": round(seconds, 4), "pages_per_s": round(report.pages / seconds, 1)}


def bench_reason(sources: list[Path], with_owlrl: bool = True) -> dict[str, object]:
    quads, _ = ingest(sources)
    data = list({q.triple for q in quads})
    ontology = ontology_triples()
    jobkg_s, ours = _timed(lambda: reason(data, ontology), repeat=3)
    result: dict[str, object] = {"jobkg_s": round(jobkg_s, 4), "inferred_triples": len(ours.triples)}
    if with_owlrl and len(data) <= OWLRL_MAX_TRIPLES:
        owlrl_s, reference = _timed(lambda: reason(data, ontology, engine="owlrl"))
        same = ours.triples == reference.triples
        result |= {"owlrl_s": round(owlrl_s, 3), "ratio": round(owlrl_s / jobkg_s, 1), "same": same}
    else:
        skipped = f"more than {OWLRL_MAX_TRIPLES} triples"
        result |= {"owlrl_s": None, "ratio": None, "same": None, "owlrl_skipped": skipped}
    result["reasonable_s"] = round(_time_reasonable(data, ontology), 4)
    return result


def _time_reasonable(data: list, ontology: list) -> float:
    """`reasonable` (Rust OWL 2 RL) for comparison; it does not derive property chains."""
    import rdflib
    import reasonable
    from pyoxigraph import RdfFormat, serialize

    graph = rdflib.Graph()
    graph.parse(data=serialize(data + ontology, format=RdfFormat.N_TRIPLES), format="nt")
    engine = reasonable.PyReasoner()
    engine.from_graph(graph)
    seconds, _ = _timed(engine.reason)
    return seconds


def bench_query(kb: KnowledgeBase, runs: int = 30) -> dict[str, dict[str, float]]:
    """p50/p95 of each canned query on the embedded store, against plain rdflib on the same triples."""
    import rdflib

    graph = rdflib.Graph()
    graph.parse(data=kb.export("nt"), format="nt")
    results: dict[str, dict[str, float]] = {}
    for query in catalog.catalog().values():
        bindings = kb.bind(query, example_params(kb, query))
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            kb.select(query.sparql, bindings)
            times.append((time.perf_counter() - start) * 1000)
        rdflib_times = []
        text = bind_into(query.sparql, bindings)  # the very query the store ran
        for _ in range(max(3, runs // 10)):
            start = time.perf_counter()
            list(graph.query(text))
            rdflib_times.append((time.perf_counter() - start) * 1000)
        results[query.name] = {
            "p50_ms": round(statistics.median(times), 3),
            "p95_ms": round(sorted(times)[int(0.95 * (len(times) - 1))], 3),
            "rdflib_p50_ms": round(statistics.median(rdflib_times), 3),
        }
    return results


def example_params(kb: KnowledgeBase, query: catalog.CannedQuery) -> dict[str, str]:
    """The query's own examples, or where they name nothing in this corpus, a busy stand-in:
    the role with the longest reporting chain, the family with the most roles."""
    params = {p.name: p.example for p in query.params}
    try:
        kb.bind(query, params)
        return params
    except UnresolvedNameError:
        pass
    stand_ins = {"role": _deepest_role(kb), "other": _deepest_role(kb), "family": _largest_family(kb)}
    return {p.name: stand_ins.get(p.name, p.example) for p in query.params}


def _deepest_role(kb: KnowledgeBase) -> str:
    rows = kb.select(
        """PREFIX jobkg: <https://w3id.org/jobkg/ontology#>
        SELECT ?role (COUNT(?up) AS ?n) WHERE { ?role a jobkg:Role ; jobkg:reportsUpTo ?up }
        GROUP BY ?role ORDER BY DESC(?n) ?role LIMIT 1"""
    )
    return str(rows[0]["role"]) if rows else ""


def _largest_family(kb: KnowledgeBase) -> str:
    rows = kb.run("departments")
    return str(max(rows, key=lambda r: (r["roles"], r["family"]))["family"]) if rows else ""


def run(sources: list[Path], only: str | None = None) -> dict[str, object]:
    stages = [only] if only else [s for s in STAGES if s not in ("scale", "app")]
    out: dict[str, object] = {"machine": machine()}
    kb = KnowledgeBase.build(sources)
    report = kb.report
    out["corpus"] = {"pages": report.pages, "roles": report.roles, "triples": len(kb.quads())} if report else {}
    if "ingest" in stages:
        out["ingest"] = bench_ingest(sources)
    if "reason" in stages:
        out["reason"] = bench_reason(sources)
    if "query" in stages:
        out["query"] = bench_query(kb)
    return out
