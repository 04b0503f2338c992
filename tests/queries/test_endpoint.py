"""Real SPARQL servers as users run them: Oxigraph (PyPI `oxigraph`) and Virtuoso (Debian's
virtuoso-opensource, stock account and row cap). On both: the documented push, every canned
query with the embedded store's rows, types and order, complete listings past a store's row cap,
a push killed half-way, and one clear message for each refusal."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from jobkg.errors import EndpointError
from jobkg.kb import BUNDLED_CORPUS, KnowledgeBase
from jobkg.queries import catalog
from jobkg.queries.endpoint import DEFAULT_GRAPH_IRI
from jobkg.synth import generate
from tests.servers import OxigraphServer, SparqlServer, VirtuosoServer, free_port

pytestmark = pytest.mark.server
SERVERS = {"oxigraph": OxigraphServer, "virtuoso": VirtuosoServer}


@pytest.fixture(scope="module", params=sorted(SERVERS))
def server(request, tmp_path_factory) -> Iterator[SparqlServer]:
    running = SERVERS[request.param](tmp_path_factory.mktemp(request.param))
    yield running
    running.stop()


@pytest.fixture
def pushing(server, monkeypatch) -> SparqlServer:
    """The server, with the credentials its documentation tells a user to set."""
    for name, value in server.env.items():
        monkeypatch.setenv(name, value)
    return server


def jobkg(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "jobkg", *args], capture_output=True, text=True, env={**os.environ, **env}, timeout=300
    )


def typed(rows: list[dict[str, object]]) -> list[list[tuple[str, str, object]]]:
    """Rows with each value's Python type: True == 1 in Python, not in a JSON answer."""
    return [[(key, type(value).__name__, value) for key, value in row.items()] for row in rows]


def count_triples(url: str, graph: str = DEFAULT_GRAPH_IRI) -> int:
    remote = KnowledgeBase.remote(url, graph)
    return remote.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"]


def test_ask_and_roles_run_against_the_endpoint(pushing, seeds_kb):
    graph = "https://example.org/graph/ask"
    seeds_kb.push(pushing.query_url, graph)
    remote = KnowledgeBase.remote(pushing.query_url, graph)
    from jobkg.questions import ask

    assert "Vice President of Infrastructure & Quality" in ask(remote, "who does a Staff ITPM report to").answer
    assert {r.title for r in remote.roles()} == {r.title for r in seeds_kb.roles()}
    from jobkg.questions.suite import everyday

    for case in [c for c in everyday() if c["corpus"] == "seeds"][::7]:  # every intent's kind of answer, remotely
        local, there = ask(seeds_kb, str(case["q"])), ask(remote, str(case["q"]))
        assert (there.intent, there.answer) == (local.intent, local.answer), case["q"]


@pytest.mark.slow
def test_the_documented_push_loads_the_dev_kb_once(server, dev_corpus):
    """`jobkg push --endpoint URL SOURCES`, twice, with only the environment the README names."""
    local = KnowledgeBase.build([dev_corpus, BUNDLED_CORPUS])
    expected = len({q.triple for q in local.quads()})
    for _ in range(2):
        done = jobkg("push", "--endpoint", server.query_url, str(dev_corpus), str(BUNDLED_CORPUS), env=server.env)
        assert done.returncode == 0, done.stderr
        assert f"pushed {expected} triples" in done.stdout
    assert count_triples(server.query_url) == expected


STAFF_ITPM = "https://w3id.org/jobkg/id/role/engineering/infrastructure-technical-program-manager/"
REVIEW = f"""
- {{role: "{STAFF_ITPM}staff-infrastructure-technical-program-manager", scheme: soc, code: 15-1299,
   verdict: accepted, by: Ada, date: 2026-12-01}}
- {{role: "{STAFF_ITPM}staff-infrastructure-technical-program-manager", scheme: soc, code: 11-3021,
   verdict: rejected, by: Ada, date: 2026-12-01}}
"""


@pytest.fixture(scope="module")
def reviewed_seeds(tmp_path_factory) -> Path:
    """The seeds with a review file, so that the occupation queries' examples have rows."""
    folder = tmp_path_factory.mktemp("seeds") / "pages"
    shutil.copytree(BUNDLED_CORPUS, folder, ignore=shutil.ignore_patterns("__init__.py", "__pycache__"))
    (folder / "occupations.yaml").write_text(REVIEW, encoding="utf-8")
    return folder


@pytest.mark.slow
def test_every_canned_query_gives_the_same_rows_types_and_order(pushing, dev_corpus, reviewed_seeds):
    """The dev corpus plus the seeds (whose roles the examples name) and their review file."""
    local = KnowledgeBase.build([dev_corpus, reviewed_seeds])
    graph = "https://example.org/graph/same-rows"
    local.push(pushing.query_url, graph)
    remote = KnowledgeBase.remote(pushing.query_url, graph)
    for query in catalog.catalog().values():
        params = {p.name: p.example for p in query.params}
        rows = local.run(query.name, params)
        assert typed(remote.run(query.name, params)) == typed(rows), query.name
        assert rows or query.name == "data-gaps", f"{query.name} returns nothing for its example"


@pytest.mark.slow
def test_a_listing_past_the_store_row_cap_is_complete(pushing, tmp_path):
    """A synthetic org with more than 10,000 item rows (Virtuoso's stock cap): `roles` lists
    every item through the endpoint, as it does on the embedded store."""
    generate(tmp_path / "org", factor=3)
    local = KnowledgeBase.build([tmp_path / "org"])
    graph = "https://example.org/graph/large"
    local.push(pushing.query_url, graph)
    remote = KnowledgeBase.remote(pushing.query_url, graph)
    assert len(local.run("role-items")) > 10_000
    assert [role.to_dict() for role in remote.roles()] == [role.to_dict() for role in local.roles()]


def test_push_twice_leaves_one_copy(pushing, seeds_kb):
    graph = "https://example.org/graph/twice"
    seeds_kb.push(pushing.query_url, graph)
    seeds_kb.push(pushing.query_url, graph)
    assert count_triples(pushing.query_url, graph) == len({q.triple for q in seeds_kb.quads()})


@pytest.mark.slow
def test_push_killed_half_way_leaves_the_previous_graph(request, tmp_path, monkeypatch, seeds_kb, dev_corpus):
    """The server dies while a large push is in flight: after a restart the graph holds either
    the previous KB or the new one, never a part; and the client says clearly what happened."""
    for kind, start in SERVERS.items():
        folder = tmp_path / kind
        running = start(folder)
        for name, value in running.env.items():
            monkeypatch.setenv(name, value)
        graph = "https://example.org/graph/atomic"
        previous, _how = seeds_kb.push(running.query_url, graph)
        big = KnowledgeBase.build([dev_corpus, BUNDLED_CORPUS])
        outcome: dict[str, object] = {}

        def push(kb: KnowledgeBase = big, url: str = running.query_url, into: dict[str, object] = outcome) -> None:
            try:
                into["count"] = kb.push(url, "https://example.org/graph/atomic")[0]
            except EndpointError as error:
                into["error"] = str(error)

        worker = threading.Thread(target=push)
        worker.start()
        time.sleep(0.3)
        running.stop()
        worker.join(timeout=120)
        restarted = start(folder)
        try:
            count = count_triples(restarted.query_url, graph)
        finally:
            restarted.stop()
        print(kind, "push outcome:", outcome, "graph now holds", count, "triples; previously", previous)
        if "error" in outcome:
            assert count == previous, kind
            assert "unreachable" in str(outcome["error"]) or "failed" in str(outcome["error"]), kind
        else:
            assert count == outcome["count"], kind


def test_unreachable_endpoint_is_one_clear_error():
    remote = KnowledgeBase.remote(f"http://127.0.0.1:{free_port()}/query")
    with pytest.raises(EndpointError, match="unreachable"):
        remote.run("families")


def test_a_silent_endpoint_times_out_with_a_clear_error():
    """A server that accepts connections and never answers."""
    import threading

    from jobkg.queries.endpoint import EndpointBackend

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    accepted = []
    threading.Thread(target=lambda: accepted.append(listener.accept()), daemon=True).start()
    backend = EndpointBackend(f"http://127.0.0.1:{listener.getsockname()[1]}/query", timeout=1)
    try:
        with pytest.raises(EndpointError, match="did not answer in time"):
            backend.select("ASK {}")
    finally:
        listener.close()


def test_a_truncated_kb_file_is_a_clear_error_not_a_wrong_answer(tmp_path, seeds_kb):
    from jobkg.kb import KbFileError

    path = tmp_path / "kb.trig"
    seeds_kb.save(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(KbFileError, match="not a readable KB file"):
        KnowledgeBase.load(path)


def test_http_error_is_reported_with_its_status(server):
    remote = KnowledgeBase.remote(f"{server.base}/no-such-path")
    with pytest.raises(EndpointError, match="HTTP 404"):
        remote.run("families")


def test_syntax_refused_by_the_server(server):
    remote = KnowledgeBase.remote(server.query_url)
    with pytest.raises(EndpointError):
        remote.select("SELECT WHERE {")


# ------------------------------------------------------------ refusals: one message, no retries


@pytest.fixture
def no_retries(monkeypatch) -> list[int]:
    """The retries a request takes: a refusal must take none."""
    retried: list[int] = []
    monkeypatch.setattr("jobkg.queries.http.backoff", retried.append)
    return retried


def test_a_wrong_password_is_one_message_and_exit_status_3(server, seeds_kb, tmp_path):
    kb_file = tmp_path / "kb.trig"
    seeds_kb.save(kb_file)
    wrong = {"JOBKG_ENDPOINT_USER": "dba", "JOBKG_ENDPOINT_PASSWORD": "not-the-password"}
    done = jobkg("push", "--endpoint", server.query_url, "--kb", str(kb_file), env=wrong)
    if server.name == "oxigraph":  # no accounts: it lets anyone in, whatever they send
        assert done.returncode == 0, done.stderr
        return
    assert done.returncode == 3, done.stderr
    message = done.stderr.strip()
    assert len(message.splitlines()) == 1
    assert "HTTP 401" in message and "JOBKG_ENDPOINT_USER" in message
    assert "not-the-password" not in done.stderr + done.stdout


def test_an_account_without_update_rights_is_refused_with_the_store_reason(
    server, seeds_kb, no_retries, monkeypatch, tmp_path
):
    """Virtuoso's anonymous user may query but not write; Oxigraph read-only serves no updates."""
    monkeypatch.delenv("JOBKG_ENDPOINT_USER", raising=False)
    monkeypatch.delenv("JOBKG_ENDPOINT_PASSWORD", raising=False)
    target = server
    if server.name == "oxigraph":
        OxigraphServer(tmp_path / "read-only").stop()  # a read-only server opens an existing store
        target = OxigraphServer(tmp_path / "read-only", read_only=True)
    try:
        with pytest.raises(EndpointError) as refused:
            seeds_kb.push(target.query_url, "https://example.org/graph/refused")
    finally:
        if target is not server:
            target.stop()
    message = str(refused.value)
    assert "HTTP 4" in message, message
    assert len(message.splitlines()) == 1
    assert no_retries == []


def test_a_payload_the_store_refuses_is_said_once_with_its_words(pushing, seeds_kb, no_retries):
    """A graph-store request whose body the store cannot parse: the store's own reason, no
    retries, and the graph as it was."""
    from jobkg.queries import stores

    graph = "https://example.org/graph/refused-payload"
    before, _how = seeds_kb.push(pushing.query_url, graph)
    with pytest.raises(EndpointError) as refused:
        stores._graph_request(stores.store_at(pushing.query_url), "PUT", graph, b"<no> <closing bracket .\n")
    message = str(refused.value)
    assert "HTTP 400" in message or "HTTP 500" in message, message
    assert message.split(": ", 1)[1].strip(), "the store's own words are missing"
    assert len(message.splitlines()) == 1
    assert no_retries == []
    assert count_triples(pushing.query_url, graph) == before


def test_an_update_larger_than_the_store_takes_is_said_once(pushing, seeds_kb, no_retries, monkeypatch):
    """Batches past Virtuoso's limit on the SQL one update may generate (the failure users met
    before pushes were batched): its reason, once. Oxigraph takes them."""
    from jobkg.queries import stores

    monkeypatch.setattr(stores, "BATCH", 5000)
    triples = sorted({q.triple for q in seeds_kb.quads()}, key=str)
    store = stores.Store(pushing.query_url, stores.store_at(pushing.query_url).update, None)
    graph = "https://example.org/graph/one-big-update"
    if pushing.name == "oxigraph":
        assert stores.replace_graph(store, graph, triples) == "3 SPARQL updates"
        return
    with pytest.raises(EndpointError) as refused:
        stores.replace_graph(store, graph, triples)
    message = str(refused.value)
    assert "HTTP 400" in message and "exceeded" in message, message
    assert "INSERT DATA" not in message  # the store echoes the update; the data stays out of the message
    assert no_retries == []
    assert count_triples(pushing.query_url, graph) == 0
