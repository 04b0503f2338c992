"""`jobkg bench`: every stage measured side by side in one run, printed as one JSON object.

Numbers, not assertions: speed goals live here and in docs/performance.md, never in tests.
"""

from __future__ import annotations

import platform
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from importlib.resources import files
from pathlib import Path
from typing import Any, TypeVar

from pyoxigraph import Triple

from jobkg import views
from jobkg.errors import JobkgError, UsageError
from jobkg.fidelity import gold_root, read_gold, score
from jobkg.ingest.corpus import ingest
from jobkg.kb import KnowledgeBase, UnresolvedNameError
from jobkg.ontology import ontology_triples
from jobkg.ontology.reasoner import read_axioms, reason
from jobkg.ontology.vocab import ASSERTED_GRAPH
from jobkg.queries import catalog, cells
from jobkg.queries.backends import bind_into
from jobkg.views import Role

Json = dict[str, Any]  # a bench result: JSON, written by --json and read back by figures()
T = TypeVar("T")

STAGES = (
    "ingest",
    "reason",
    "query",
    "ask",
    "scale",
    "app",
    "load",
    "push",
    "fidelity",
    "questions",
    "paths",
    "occupations",
)
FIDELITY_GOALS = (  # (goal, score key, target, at least?)
    ("role recall >= 0.95", "role_recall", 0.95, True),
    ("role precision >= 0.97", "role_precision", 0.97, True),
    ("grade accuracy >= 0.97", "grade_accuracy", 0.97, True),
    ("grade or level accuracy >= 0.97", "grade_or_level_accuracy", 0.97, True),
    ("reporting-line accuracy >= 0.95", "reporting_accuracy", 0.95, True),
    ("invented reporting lines = 0", "invented_reporting_lines", 0, False),
    ("silent pages = 0", "silent_pages", 0, False),
    ("item precision >= 0.95", "item_precision", 0.95, True),
    ("item recall >= 0.90", "item_recall", 0.90, True),
)
OWLRL_MAX_TRIPLES = 150_000  # owlrl needs minutes above this; skipped, and the JSON says so


def _timed(action: Callable[[], T], repeat: int = 1) -> tuple[float, T]:
    """Median wall time of `repeat` runs, and the last result."""
    times = []
    for _ in range(max(repeat, 1)):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def machine() -> Json:
    import os

    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "processor": platform.processor() or platform.machine(),
    }


def bench_ingest(sources: list[Path]) -> Json:
    seconds, result = _timed(lambda: ingest(sources), repeat=3)
    report = result[1]
    return {"pages": report.pages, "seconds": round(seconds, 4), "pages_per_s": round(report.pages / seconds, 1)}


def bench_reason(sources: list[Path], with_owlrl: bool = True) -> Json:
    quads, _ = ingest(sources)
    data = list({q.triple for q in quads})
    ontology = ontology_triples()
    jobkg_s, ours = _timed(lambda: reason(data, ontology), repeat=3)
    result: Json = {"jobkg_s": round(jobkg_s, 4), "inferred_triples": len(ours.terms)}
    if with_owlrl and len(data) <= OWLRL_MAX_TRIPLES:
        owlrl_s, reference = _timed(lambda: reason(data, ontology, engine="owlrl"))
        same = set(ours.terms) == set(reference.terms)
        result |= {"owlrl_s": round(owlrl_s, 3), "ratio": round(owlrl_s / jobkg_s, 1), "same": same}
    else:
        skipped = f"more than {OWLRL_MAX_TRIPLES} triples"
        result |= {"owlrl_s": None, "ratio": None, "same": None, "owlrl_skipped": skipped}
    result["reasonable_s"] = round(_time_reasonable(data, ontology), 4)
    return result


def _time_reasonable(data: list, ontology: list) -> float:
    """`reasonable` (Rust OWL 2 RL) for comparison; it does not derive property chains. It
    reads the triples from an N-Triples file itself, so no rdflib graph is built first."""
    import tempfile

    import reasonable
    from pyoxigraph import RdfFormat, serialize

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "input.ttl"  # N-Triples is Turtle; load_file reads Turtle
        serialize([t if isinstance(t, Triple) else Triple(*t) for t in data + ontology], path, RdfFormat.N_TRIPLES)
        engine = reasonable.PyReasoner()
        engine.load_file(str(path))
        seconds, _ = _timed(engine.reason)
    return seconds


def _reasoner_input(kb: KnowledgeBase) -> list[Triple]:
    """The asserted triples the build handed the reasoner: those an axiom mentions."""
    axioms = read_axioms(ontology_triples())
    return [Triple(*terms) for terms in axioms.read_from(kb.store, ASSERTED_GRAPH)]  # type: ignore[arg-type]


def bench_query(kb: KnowledgeBase, runs: int = 30, with_rdflib: bool = True) -> dict[str, Json]:
    """p50/p95 of each canned query on the embedded store, against plain rdflib on the same triples."""
    import rdflib

    graph = rdflib.Graph()
    if with_rdflib:
        graph.parse(data=kb.export("nt"), format="nt")
    results: dict[str, Json] = {}
    for query in catalog.catalog().values():
        bindings = kb.bind(query, example_params(kb, query))
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            kb.select(query.sparql, bindings, query.bind)
            times.append((time.perf_counter() - start) * 1000)
        rdflib_times: list[float] = []
        rdflib_failed = None
        text = bind_into(query.sparql, bindings)  # the very query the store ran
        for _ in range(max(3, runs // 10) if with_rdflib else 0):
            start = time.perf_counter()
            try:
                list(graph.query(text))
            except Exception as error:  # rdflib's own failures are reported, not ours
                rdflib_failed = f"{type(error).__name__}: {error}"
                break
            rdflib_times.append((time.perf_counter() - start) * 1000)
        results[query.name] = {
            "p50_ms": round(statistics.median(times), 3),
            "p95_ms": round(sorted(times)[int(0.95 * (len(times) - 1))], 3),
            "rdflib_p50_ms": round(statistics.median(rdflib_times), 3) if rdflib_times else None,
        }
        if rdflib_failed:
            results[query.name]["rdflib_failed"] = rdflib_failed
    return results


def example_params(kb: KnowledgeBase, query: catalog.CannedQuery) -> dict[str, str]:
    """The query's own examples, or where they name nothing in this corpus (and always for raw
    IRIs), a busy stand-in: the role with the longest reporting chain, the largest family."""
    params = {p.name: p.example for p in query.params}
    try:
        kb.bind(query, params)
        if all(p.type != "iri" for p in query.params):
            return params
    except UnresolvedNameError:
        pass
    stand_ins = {"role": _deepest_role, "iri": _deepest_role, "family": _largest_family}
    return {p.name: stand_ins[p.type](kb) if p.type in stand_ins else p.example for p in query.params}


def _deepest_role(kb: KnowledgeBase) -> str:
    """The role with the longest reporting chain, else the first role."""
    rows = kb.run("chain-lengths") or kb.run("roles")
    return str(rows[0]["role"]) if rows else ""


def _largest_family(kb: KnowledgeBase) -> str:
    rows = kb.run("departments")
    return str(max(rows, key=lambda r: (r["roles"], r["family"]))["family"]) if rows else ""


def _time_reload(kb: KnowledgeBase) -> float:
    """How long a saved KB (N-Quads) takes to load: the warm start that skips the build."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "kb.nq"
        kb.save(path)
        seconds, _ = _timed(lambda: KnowledgeBase.load(path))
    return seconds


def _scale_child(folder: str) -> Json:
    """Runs in a fresh process, so its peak memory is the build's own."""
    import resource

    start = time.perf_counter()
    kb = KnowledgeBase.build([Path(folder)])
    build_s = time.perf_counter() - start
    saved = _saved_store_figures(kb)  # the build written as a saved KB, opened and used
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    listings = bench_listings(kb)  # first: a listing's first page is cold only once
    per_query = {name: times["p50_ms"] for name, times in bench_query(kb, runs=7, with_rdflib=False).items()}
    public = catalog.public()
    reasonable_s = _time_reasonable(_reasoner_input(kb), ontology_triples())
    reload_s = _time_reload(kb)
    return {
        "roles": kb.report.roles if kb.report else None,
        "triples": len(kb.store) if kb.store is not None else None,
        "build_s": round(build_s, 2),
        "build_saved_s": round(build_s + saved.pop("save_s"), 2),
        **saved,
        "ingest_s": round(kb.timings.ingest_s, 2),
        "reason_s": round(kb.timings.reason_s, 2),
        "reasonable_s": round(reasonable_s, 2),  # on the same input as reason_s
        "reload_s": round(reload_s, 2),  # a KB saved by `jobkg build -o kb.nq`, loaded again
        "peak_mb": round(peak_mb),
        "query_p50_ms": max(ms for name, ms in per_query.items() if name in public),
        "query_p50_ms_by_query": per_query,
        "listing_first_page_ms": listings,
    }


def _role_page(kb: KnowledgeBase, role: Role) -> tuple[object, object]:
    """A role page's queries, as the app's role page runs them."""
    return views.role_view(kb, role), views.explain(kb, role)


def _saved_store_figures(kb: KnowledgeBase) -> Json:
    """The KB saved as a store folder (decision 6), opened again, and used as people would:
    the first page of every listing (the worst named) and five roles' pages (views.role_view
    and explain, the role page's queries), median."""
    import random
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp())
    try:
        path = folder / "kb.oxigraph"
        save_s, _ = _timed(lambda: kb.save(path))
        open_s, opened = _timed(lambda: KnowledgeBase.load(path))
        firsts = {"roles": _timed(lambda: opened.roles()[:100])[0]}
        for query in catalog.public().values():
            if not query.params:
                firsts[query.name] = _timed(partial(opened.page, query.name))[0]
        worst = max(firsts, key=firsts.__getitem__)
        sample = random.Random(7).sample(opened.roles(), min(5, len(opened.roles())))
        role_pages = [_timed(partial(_role_page, opened, role))[0] for role in sample]
        return {
            "save_s": save_s,
            "open_s": round(open_s, 2),
            "first_page_worst_ms": round(firsts[worst] * 1000, 1),
            "first_page_worst": worst,
            "role_page_ms": round(statistics.median(role_pages) * 1000, 1) if role_pages else 0.0,
        }
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def bench_listings(kb: KnowledgeBase) -> dict[str, dict[str, float]]:
    """The first page (100 rows) and total of every whole-KB listing people page through (a
    public canned query without parameters): cold, on a KB that never ran it, and warm, once
    its answer is kept."""
    results: Json = {}
    for query in catalog.public().values():
        if query.params:
            continue
        cold, _ = _timed(partial(kb.page, query.name))
        warm, _ = _timed(partial(kb.page, query.name), repeat=5)
        results[query.name] = {"cold": round(cold * 1000, 2), "warm": round(warm * 1000, 3)}
    return results


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_push(kb: KnowledgeBase) -> Json:
    """Push the KB to a local Oxigraph server (PyPI `oxigraph`, the test extra) started for the
    run in a temporary folder: the first push and a second that replaces it."""
    import shutil
    import subprocess
    import tempfile
    import urllib.request

    binary = shutil.which("oxigraph")
    if binary is None:
        raise BenchError("the push stage needs the `oxigraph` server: pip install 'jobkg[test]'")
    with tempfile.TemporaryDirectory() as folder:
        port = _free_port()
        url = f"http://127.0.0.1:{port}/query"
        server = subprocess.Popen(
            [binary, "serve", "--location", folder, "--bind", f"127.0.0.1:{port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            for _ in range(200):
                try:
                    urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=1).read()
                    break
                except OSError:
                    time.sleep(0.05)
            first, (count, how) = _timed(lambda: kb.push(url))
            again, _ = _timed(lambda: kb.push(url))
        finally:
            server.kill()
            server.wait(timeout=10)
    return {"triples": count, "how": how, "first_s": round(first, 2), "again_s": round(again, 2)}


def bench_scale(factors: list[float], seed: int = 7) -> list[Json]:
    """Build synthetic orgs of each size (factor 1 = the dev corpus's 78 pages) in a child
    process each; generated pages are cached in the temp folder between runs."""
    import tempfile

    from jobkg.synth import generate

    results = []
    for factor in factors:
        folder = Path(tempfile.gettempdir()) / f"jobkg-synth-f{factor:g}-s{seed}"
        if not folder.exists():
            generate(folder, factor, seed)
        result = _in_child("jobkg.bench:_scale_child", str(folder), f"the {factor:g}x build")
        results.append({"factor": factor, "pages": round(78 * factor)} | result)
    return results


class BenchError(JobkgError):
    """A stage measured in a child process ended without reporting (it crashed or was killed)."""


def _in_child(target: str, argument: str, what: str) -> Json:
    """Run `module:function`(argument) in a fresh interpreter (its own peak memory, nothing
    cached) and return the dict it returns; a child that fails is an error, never a hang.
    A plain subprocess, not multiprocessing's spawn, which re-runs the parent's __main__."""
    import json
    import subprocess
    import sys
    import tempfile

    module, function = target.split(":")
    code = (
        "import importlib, json, sys\n"
        f"result = importlib.import_module({module!r}).{function}(sys.argv[1])\n"
        "with open(sys.argv[2], 'w') as out: json.dump(result, out)\n"
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "result.json"
        child = subprocess.run([sys.executable, "-c", code, argument, str(path)], stderr=subprocess.PIPE, text=True)
        if child.returncode != 0 or not path.exists():
            last = (child.stderr.strip().splitlines() or ["no message"])[-1]
            raise BenchError(f"{what} failed (exit code {child.returncode}): {last}")
        return json.loads(path.read_text())


def _app_child(source: str) -> Json:
    from streamlit.testing.v1 import AppTest

    app = str(files("jobkg.app") / "streamlit_app.py")
    start = time.perf_counter()
    at = AppTest.from_file(app, default_timeout=600)
    at.query_params["source"] = f"folder:{source}"  # as a link to the app on these pages opens it
    at.run()
    cold = time.perf_counter() - start
    questions = ["who does a Staff ITPM report to", "what grade is a Senior TPM", "which roles are at grade 8"]
    times = []
    for question in questions * 3:
        start = time.perf_counter()
        at.text_input(key="question").input(question).run()
        times.append((time.perf_counter() - start) * 1000)
    explore = AppTest.from_function(_explore_script, args=(source,), default_timeout=600)
    start = time.perf_counter()
    explore.run()  # the KB is built already (shared cache): the graph, its layout and the elements
    explore_s = time.perf_counter() - start
    return {
        "cold_start_s": round(cold, 2),
        "warm_interaction_ms": round(statistics.median(times), 1),
        "explore_first_draw_s": round(explore_s, 2),
    }


def _explore_script(source: str) -> None:
    """The Explore page on a folder of pages (run by AppTest as a script of its own)."""
    import streamlit as st

    from jobkg.app.screens import explore
    from jobkg.app.state import load_kb

    st.session_state["kb"] = load_kb("folder of pages", source)
    st.session_state["source"] = ("folder of pages", source)
    explore.render()


def bench_app(sources: list[Path]) -> Json:
    """The app through AppTest in a fresh process: first run (KB built), then questions."""
    return _in_child("jobkg.bench:_app_child", str(sources[0]), "the app measurement")


def bench_load(kb: KnowledgeBase, seconds: float = 30.0, threads: int = 8) -> Json:
    """Soak: `threads` threads run every canned query and a set of questions against one KB
    for `seconds`; every answer must equal the single-thread one, and memory stay flat."""
    import gc
    import resource
    import threading

    from jobkg.questions import ask

    questions = ["who does a Staff ITPM report to", "what grade is a Senior TPM", "which roles are at grade 8"]

    def workload() -> list[object]:
        answers: list[object] = [  # select, not run: the soak is of the store, not of kept answers
            kb.select(q.sparql, kb.bind(q, example_params(kb, q)), q.bind) for q in catalog.catalog().values()
        ]
        return answers + [ask(kb, question).to_dict() for question in questions]

    expected = workload()
    gc.collect()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    deadline = time.monotonic() + seconds
    counts = [0] * threads
    mismatches = [0] * threads

    def worker(index: int) -> None:
        while time.monotonic() < deadline:
            if workload() != expected:
                mismatches[index] += 1
            counts[index] += len(expected)

    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    gc.collect()
    growth = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
    return {
        "threads": threads,
        "seconds": seconds,
        "queries": sum(counts),
        "mismatched_rounds": sum(mismatches),
        "peak_rss_growth_mb": round(growth, 1),
    }


def bench_ask(kb: KnowledgeBase, runs: int = 5) -> Json:
    """The question box over the everyday suite: p50/p95 per question (each asked `runs` times,
    after one warm-up that builds the KB's lexicon), overall and per intent."""
    from jobkg.questions import ask
    from jobkg.questions.suite import everyday

    suite = everyday()
    ask(kb, str(suite[0]["q"]))
    per_question: list[float] = []
    by_intent: dict[str, list[float]] = {}
    for case in suite:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            ask(kb, str(case["q"]))
            times.append((time.perf_counter() - start) * 1000)
        median = statistics.median(times)
        per_question.append(median)
        by_intent.setdefault(str(case["intent"]), []).append(median)
    ordered = sorted(per_question)
    return {
        "questions": len(suite),
        "p50_ms": round(statistics.median(per_question), 2),
        "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))], 2),
        "max_ms": round(ordered[-1], 2),
        "p50_ms_by_intent": {intent: round(statistics.median(t), 2) for intent, t in sorted(by_intent.items())},
    }


def bench_fidelity(gold_file: Path, sources: list[Path] | None = None) -> Json:
    """How faithfully pages are read, against a gold file (docs/fidelity.md); the corpus is the
    sources given, else the folder the gold file names."""
    root = gold_root(gold_file)
    folders = sources or ([root] if root else [])
    if not folders:
        raise UsageError(f'{gold_file}: names no corpus folder ("root"); give the pages\' folder too')
    kb = KnowledgeBase.build(folders)
    report = kb.report
    assert report is not None  # a build always reports
    read = {page.file for page in report.by_page} | {failure.file for failure in report.failed}
    warned = {warning.file for warning in report.warnings} | {failure.file for failure in report.failed}
    page_lines: dict[str, list[str]] = {}
    for row in kb.run("page-lines"):
        page_lines.setdefault(cells.text(row, "role"), []).append(cells.text(row, "label"))
    return {"gold": str(gold_file)} | score(read_gold(gold_file), kb.roles(), read, warned, page_lines).to_dict()


def bench_questions(cases_file: Path, corpora: Path) -> Json:
    """How the question box does on questions people wrote (docs/questions.md)."""
    from jobkg.questions.scoring import read_cases, score

    return {"questions": str(cases_file)} | score(read_cases(cases_file), corpora).to_dict()


def bench_paths(gold_file: Path, corpora: Path, seed: int = 7) -> Json:
    """Career paths: "already met" against a gold file people wrote (jobkg.pathscore), and
    `career_paths` timed from a sample of roles on the 2022 dev corpus and the 10x synthetic org."""
    import random
    import tempfile

    from jobkg.pathscore import score_paths
    from jobkg.synth import generate

    result: Json = {"gold": str(gold_file)} | score_paths(gold_file, corpora).to_dict()
    synthetic = Path(tempfile.gettempdir()) / f"jobkg-synth-f10-s{seed}"
    if not synthetic.exists():
        generate(synthetic, 10, seed)
    for name, folder in (("dev", corpora / "job-families"), ("10x", synthetic)):
        if not folder.is_dir():
            continue
        kb = KnowledgeBase.build([folder])
        roles = kb.roles()
        sample = random.Random(seed).sample(roles, min(40, len(roles)))
        times = []
        for role in sample:
            took, _ = _timed(partial(kb.career_paths, role.iri, limit=10))  # as `jobkg paths` lists
            times.append(took * 1000)
        times.sort()
        result[f"{name}_p50_ms"] = round(statistics.median(times), 1)
        result[f"{name}_p95_ms"] = round(times[int(len(times) * 0.95) - 1], 1)
    return result


def bench_occupations(gold_file: Path, corpora: Path) -> Json:
    """Occupation proposals against a gold file people wrote (jobkg.occupationscore)."""
    from jobkg.occupationscore import score_occupations

    return {"gold": str(gold_file)} | score_occupations(gold_file, corpora).to_dict()


def run(
    sources: list[Path], only: str | None = None, factors: list[float] | None = None, gold: Path | None = None
) -> Json:
    """Every stage (or one), as one JSON-ready dict. The fidelity stage runs when a gold file is given."""
    import sys
    from datetime import date

    if only == "questions":
        if gold is None or gold.suffix not in (".yaml", ".yml"):
            raise UsageError(
                "the questions stage needs a question set: jobkg bench --only questions SET.yaml [CORPORA]"
            )
        corpora = sources[0] if sources else Path("../shared/corpus")
        return {"machine": machine(), "date": str(date.today()), "questions": bench_questions(gold, corpora)}
    if only == "paths":
        if gold is None:
            raise UsageError("the paths stage needs a gold file: jobkg bench --only paths GOLD.json [CORPORA]")
        corpora = sources[0] if sources else Path("../shared/corpus")
        return {"machine": machine(), "date": str(date.today()), "paths": bench_paths(gold, corpora)}
    if only == "occupations":
        if gold is None:
            raise UsageError(
                "the occupations stage needs a gold file: jobkg bench --only occupations GOLD.json [CORPORA]"
            )
        corpora = sources[0] if sources else Path("../shared/corpus")
        return {"machine": machine(), "date": str(date.today()), "occupations": bench_occupations(gold, corpora)}
    if only == "fidelity":
        if gold is None:
            raise UsageError("the fidelity stage needs a gold file: jobkg bench --only fidelity GOLD.json [PAGES]")
        return {"machine": machine(), "date": str(date.today()), "fidelity": bench_fidelity(gold, sources or None)}
    stages = (
        [only]
        if only
        else [
            stage
            for stage in STAGES
            if (stage != "fidelity" or gold) and stage not in ("questions", "paths", "occupations")
        ]
    )
    out: Json = {
        "machine": machine(),
        "date": str(date.today()),
        "command": "jobkg " + " ".join(sys.argv[1:]),
    }
    kb = KnowledgeBase.build(sources)
    report = kb.report
    out["corpus"] = {"pages": report.pages, "roles": report.roles, "triples": kb.quad_count()} if report else {}
    if "ingest" in stages:
        out["ingest"] = bench_ingest(sources)
    if "reason" in stages:
        out["reason"] = bench_reason(sources)
    if "query" in stages:
        out["query"] = bench_query(kb)
    if "ask" in stages:
        out["ask"] = bench_ask(kb)
    if "scale" in stages:
        out["scale"] = bench_scale(factors or [1, 10])
    if "app" in stages:
        out["app"] = bench_app(sources)
    if "load" in stages:
        out["load"] = bench_load(kb)
    if "push" in stages:
        out["push"] = bench_push(kb)
    if "fidelity" in stages and gold is not None:
        out["fidelity"] = bench_fidelity(gold, sources)
    return out


@dataclass(frozen=True)
class Goal:
    """One goal of the issues: what figure of a run it reads (jobkg.bench.figures), how it
    compares, and the threshold. The goal table of a run is this table, read off the run."""

    name: str
    figure: str
    comparison: str  # "<=", "<", ">=", "=="
    threshold: float


COMPARE: dict[str, Callable[[float, float], bool]] = {
    "<=": lambda a, b: a <= b,
    "<": lambda a, b: a < b,
    ">=": lambda a, b: a >= b,
    "==": lambda a, b: a == b,
}

GOALS = (
    Goal("question box p50 <= 20 ms per question", "ask.p50_ms", "<=", 20),
    *(
        Goal(name, f"fidelity.{key}", ">=" if at_least else "<=", target)
        for name, key, target, at_least in FIDELITY_GOALS
    ),
    Goal("ingest (parse + map) >= 200 pages/s", "ingest.pages_per_s", ">=", 200),
    Goal("reasoning >= 150x owlrl, triple-for-triple the same", "reason.ratio_if_same", ">=", 150),
    Goal("every public canned query p50 <= 2 ms on the corpus (1x)", "query.worst_public_p50_ms", "<=", 2),
    Goal("every public canned query p50 <= 2 ms at synthetic 1x", "scale@1.query_p50_ms", "<=", 2),
    Goal("10x: build to a saved KB <= 5 s", "scale@10.build_saved_s", "<=", 5),
    Goal("10x: open the saved KB <= 1 s", "scale@10.open_s", "<=", 1),
    Goal("10x: any first page <= 100 ms after opening", "scale@10.first_page_worst_ms", "<=", 100),
    Goal("10x: role page <= 300 ms (server side)", "scale@10.role_page_ms", "<=", 300),
    Goal("100x: build to a saved KB <= 45 s", "scale@100.build_saved_s", "<=", 45),
    Goal("100x: peak memory <= 2 GiB", "scale@100.peak_mb", "<=", 2048),
    Goal("100x: open the saved KB <= 10 s", "scale@100.open_s", "<=", 10),
    Goal("100x: role page <= 1 s (server side)", "scale@100.role_page_ms", "<=", 1000),
    Goal("100x: first page of any listing <= 200 ms", "scale@100.first_page_worst_ms", "<=", 200),
    Goal("100x: reasoning faster than reasonable", "scale@100.reason_over_reasonable", "<", 1),
    Goal("build time near-linear: 100x / 10x <= 11", "scale.build_ratio_100_10", "<=", 11),
    Goal("push to a local Oxigraph < 3 s", "push.first_s", "<", 3),
    Goal("Explore's first draw <= 2 s (server side: graph, layout, elements)", "app.explore_first_draw_s", "<=", 2),
    Goal("warm interactions < 300 ms on the corpus", "app.warm_interaction_ms", "<", 300),
    Goal("app ready <= 3 s on the corpus", "app.cold_start_s", "<=", 3),
    Goal("paths: precision of 'already met' >= 0.9", "paths.precision", ">=", 0.9),
    Goal("jobkg paths p50 <= 50 ms on the dev corpus", "paths.dev_p50_ms", "<=", 50),
    Goal("jobkg paths p50 <= 500 ms on the 10x org", "paths.10x_p50_ms", "<=", 500),
    *(
        Goal(
            f"occupations: {name} {key.replace('top', 'top-')} accuracy >= {target}",
            f"occupations.{scheme}_{key}",
            ">=",
            target,
        )
        for scheme, name in (("esco", "ESCO"), ("soc", "SOC"))
        for key, target in (("top1", 0.6), ("top3", 0.85))
    ),
)


def figures(result: Json) -> dict[str, tuple[float, str]]:
    """The figures goals read, each with how the run measured it: (value, text)."""
    found: dict[str, tuple[float, str]] = {}
    if "ask" in result:
        p50 = result["ask"]["p50_ms"]
        found["ask.p50_ms"] = (p50, f"{p50} ms over {result['ask']['questions']}")
    for key, value in result.get("fidelity", {}).items():
        if isinstance(value, int | float):
            found[f"fidelity.{key}"] = (value, str(value))
    if "ingest" in result:
        rate = result["ingest"]["pages_per_s"]
        found["ingest.pages_per_s"] = (rate, f"{rate} pages/s")
    if result.get("reason", {}).get("ratio"):
        r = result["reason"]
        found["reason.ratio_if_same"] = (r["ratio"] if r["same"] else 0, f"{r['ratio']}x, same: {r['same']}")
    if "query" in result:
        public = catalog.public()
        name, worst = max(((n, t["p50_ms"]) for n, t in result["query"].items() if n in public), key=lambda x: x[1])
        found["query.worst_public_p50_ms"] = (worst, f"worst {name} {worst} ms")
    by_factor = {s["factor"]: s for s in result.get("scale", [])}
    for factor, s in by_factor.items():
        at = f"scale@{factor:g}"
        found[f"{at}.query_p50_ms"] = (s["query_p50_ms"], f"worst {s['query_p50_ms']} ms")
        found[f"{at}.peak_mb"] = (s["peak_mb"], f"{s['peak_mb']} MiB")
        for key in ("build_saved_s", "open_s"):
            if key in s:
                found[f"{at}.{key}"] = (s[key], f"{s[key]} s")
        for key in ("first_page_worst_ms", "role_page_ms"):
            if key in s:
                found[f"{at}.{key}"] = (
                    s[key],
                    f"{s[key]} ms" + (f" ({s['first_page_worst']})" if key == "first_page_worst_ms" else ""),
                )
        if s.get("reasonable_s"):
            found[f"{at}.reason_over_reasonable"] = (
                s["reason_s"] / s["reasonable_s"],
                f"{s['reason_s']} s vs {s['reasonable_s']} s",
            )
    if 10 in by_factor and 100 in by_factor:
        key = "build_saved_s" if "build_saved_s" in by_factor[100] and "build_saved_s" in by_factor[10] else "build_s"
        ratio = round(by_factor[100][key] / by_factor[10][key], 1)
        found["scale.build_ratio_100_10"] = (ratio, str(ratio))
    if "push" in result:
        push = result["push"]
        found["push.first_s"] = (
            push["first_s"],
            f"{push['first_s']} s for {push['triples']:,} triples ({push['how']})",
        )
    app = result.get("app", {})
    if "explore_first_draw_s" in app:
        found["app.explore_first_draw_s"] = (app["explore_first_draw_s"], f"{app['explore_first_draw_s']} s")
        found["app.warm_interaction_ms"] = (
            app["warm_interaction_ms"],
            f"{app['warm_interaction_ms']} ms (median of 9 questions)",
        )
    if "cold_start_s" in app:
        found["app.cold_start_s"] = (app["cold_start_s"], f"{app['cold_start_s']} s (cold, KB built from pages)")
    for key in ("precision", "dev_p50_ms", "10x_p50_ms"):
        if key in result.get("paths", {}):
            value = result["paths"][key]
            found[f"paths.{key}"] = (value, f"{value} ms" if key.endswith("_ms") else str(value))
    for scheme in ("esco", "soc"):
        for key in ("top1", "top3"):
            if scheme in result.get("occupations", {}):
                value = result["occupations"][scheme][key]
                found[f"occupations.{scheme}_{key}"] = (value, f"{value} of {result['occupations'][scheme]['roles']}")
    return found


def goals(result: Json) -> list[tuple[str, str, bool]]:
    """The goal table (GOALS) as (goal, what this run measured, met?), for the figures the run has."""
    measured = figures(result)
    return [
        (goal.name, measured[goal.figure][1], COMPARE[goal.comparison](measured[goal.figure][0], goal.threshold))
        for goal in GOALS
        if goal.figure in measured
    ]


def markdown(result: Json, command: str, date: str) -> str:
    """A bench run as Markdown tables, written by the bench itself (never typed by hand)."""
    lines = [f"# Benchmark run of {date}", "", f"Command: `{command}`", "", f"Machine: `{result['machine']}`", ""]
    corpus = result.get("corpus", {})
    lines += [f"Corpus: {corpus.get('pages')} pages, {corpus.get('roles')} roles, {corpus.get('triples')} triples.", ""]
    checked = goals(result)
    if checked:
        lines += ["| goal | measured | met |", "| --- | --- | --- |"]
        lines += [f"| {goal} | {measured} | {'yes' if met else '**no**'} |" for goal, measured, met in checked]
        lines.append("")
    if "ingest" in result:
        ingest_ = result["ingest"]
        lines += [f"**Ingest** (parse + map): {ingest_['pages_per_s']} pages/s ({ingest_['seconds']} s).", ""]
    if "reason" in result:
        r = result["reason"]
        lines += [
            "**Reasoning**: jobkg {jobkg_s} s, owlrl {owlrl_s} s (ratio {ratio}×, same triples: {same}), "
            "reasonable {reasonable_s} s; {inferred_triples} inferred triples.".format(**r),
            "",
        ]
    if "query" in result:
        lines += ["| query | p50 ms | p95 ms | rdflib p50 ms | speed-up |", "| --- | --- | --- | --- | --- |"]
        for name, t in result["query"].items():
            rdflib_ms = t["rdflib_p50_ms"]
            if rdflib_ms is None:
                rdflib_ms = "rdflib failed" if t.get("rdflib_failed") else "—"
            speedup = f"{t['rdflib_p50_ms'] / t['p50_ms']:.0f}×" if t["rdflib_p50_ms"] and t["p50_ms"] else "—"
            lines.append(f"| {name} | {t['p50_ms']} | {t['p95_ms']} | {rdflib_ms} | {speedup} |")
        lines.append("")
    if "scale" in result:
        lines += [
            "| factor | pages | roles | triples | build s | ingest s | reason s | reasonable s | reload s "
            "| peak MiB | worst query p50 ms |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for s in result["scale"]:
            lines.append(
                f"| {s['factor']:g} | {s['pages']} | {s['roles']} | {s['triples']} | {s['build_s']} | "
                f"{s['ingest_s']} | {s['reason_s']} | {s.get('reasonable_s', '—')} | {s.get('reload_s', '—')} | "
                f"{s['peak_mb']} | "
                f"{s['query_p50_ms']} |"
            )
        lines += [
            "",
            "Per-query p50 (ms) at each factor:",
            "",
            "| query | " + " | ".join(f"{s['factor']:g}×" for s in result["scale"]) + " |",
        ]
        lines.append("| --- |" + " --- |" * len(result["scale"]))
        for name in result["scale"][0]["query_p50_ms_by_query"]:
            row = [str(s["query_p50_ms_by_query"].get(name)) for s in result["scale"]]
            lines.append(f"| {name} | " + " | ".join(row) + " |")
        lines.append("")
    if "app" in result:
        explore = result["app"].get("explore_first_draw_s")
        lines += [
            f"**App** (AppTest, fresh process): cold start {result['app']['cold_start_s']} s, "
            f"warm interaction {result['app']['warm_interaction_ms']} ms"
            + (f", Explore's first draw {explore} s (server side)." if explore is not None else "."),
            "",
        ]
    if "push" in result:
        push = result["push"]
        lines += [
            f"**Push** to a local Oxigraph: {push['triples']} triples in {push['first_s']} s ({push['how']}); "
            f"pushed again (replacing the graph) in {push['again_s']} s.",
            "",
        ]
    listings = [s for s in result.get("scale", []) if s.get("listing_first_page_ms")]
    if listings:
        lines += [
            "First page (100 rows) and total of each whole-KB listing, ms, cold (first run on the KB) / warm:",
            "",
            "| listing | " + " | ".join(f"{s['factor']:g}×" for s in listings) + " |",
            "| --- |" + " --- |" * len(listings),
        ]
        for name in listings[0]["listing_first_page_ms"]:
            cells = [s["listing_first_page_ms"].get(name, {}) for s in listings]
            lines.append(f"| {name} | " + " | ".join(f"{c.get('cold')} / {c.get('warm')}" for c in cells) + " |")
        lines.append("")
    if "load" in result:
        load = result["load"]
        lines += [
            f"**Load**: {load['threads']} threads for {load['seconds']} s ran {load['queries']} queries; "
            f"{load['mismatched_rounds']} rounds differed from the single-thread answers; "
            f"peak memory grew {load['peak_rss_growth_mb']} MiB.",
            "",
        ]
    return "\n".join(lines)
