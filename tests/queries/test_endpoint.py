"""A real Oxigraph SPARQL server (PyPI `oxigraph`): push the KB, run every canned query on
both backends, compare rows; and the clear errors for a server that is gone or refuses."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from jobkg.kb import BUNDLED_CORPUS, KnowledgeBase
from jobkg.queries import catalog
from jobkg.queries.backends import EndpointError
from tests.servers import free_port, wait_until_up

pytestmark = pytest.mark.server


class OxigraphServer:
    def __init__(self, location: Path) -> None:
        binary = shutil.which("oxigraph")
        if binary is None:
            pytest.fail("the `oxigraph` server binary is missing; install the test extra (pip install -e .[test])")
        self.port = free_port()
        self.process = subprocess.Popen(
            [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{self.port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if not wait_until_up(f"{self.base}/query?query=ASK%7B%7D", 20):
            self.stop()
            pytest.fail("oxigraph server did not start within 20 s")

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def query_url(self) -> str:
        return f"{self.base}/query"

    def stop(self) -> None:
        self.process.kill()
        self.process.wait(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[OxigraphServer]:
    running = OxigraphServer(tmp_path_factory.mktemp("oxigraph"))
    yield running
    running.stop()


def count_triples(url: str, graph: str) -> int:
    remote = KnowledgeBase.remote(url, graph)
    return remote.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"]


@pytest.mark.slow
def test_every_canned_query_gives_the_same_rows_on_both_backends(server, dev_corpus):
    """The dev corpus plus the seeds (whose roles the examples name)."""
    local = KnowledgeBase.build([dev_corpus, BUNDLED_CORPUS])
    pushed = local.push(server.query_url)
    assert pushed == len({q.triple for q in local.quads()})
    remote = KnowledgeBase.remote(server.query_url)
    for query in catalog.catalog().values():
        params = {p.name: p.example for p in query.params}
        rows = local.run(query.name, params)
        assert remote.run(query.name, params) == rows, query.name
        assert rows or query.name == "data-gaps", f"{query.name} returns nothing for its example"


def test_push_twice_leaves_one_copy(server, seeds_kb):
    graph = "https://example.org/graph/twice"
    seeds_kb.push(server.query_url, graph)
    first = count_triples(server.query_url, graph)
    seeds_kb.push(server.query_url, graph)
    assert count_triples(server.query_url, graph) == first == len({q.triple for q in seeds_kb.quads()})


def test_ask_and_roles_run_against_the_endpoint(server, seeds_kb):
    graph = "https://example.org/graph/ask"
    seeds_kb.push(server.query_url, graph)
    remote = KnowledgeBase.remote(server.query_url, graph)
    from jobkg.questions import ask

    assert "Vice President of Infrastructure & Quality" in ask(remote, "who does a Staff ITPM report to").answer
    assert {r.title for r in remote.roles()} == {r.title for r in seeds_kb.roles()}
    from jobkg.questions.suite import everyday

    for case in [c for c in everyday() if c["corpus"] == "seeds"][::7]:  # every intent's kind of answer, remotely
        local, there = ask(seeds_kb, str(case["q"])), ask(remote, str(case["q"]))
        assert (there.intent, there.answer) == (local.intent, local.answer), case["q"]


def test_push_killed_half_way_leaves_the_previous_graph(tmp_path, seeds_kb, dev_corpus):
    """The server dies while a large push is in flight: afterwards the graph holds either the
    previous KB or the new one, never a part; and the client says clearly what happened."""
    import threading

    location = tmp_path / "store"
    server = OxigraphServer(location)
    graph = "https://example.org/graph/atomic"
    previous = seeds_kb.push(server.query_url, graph)
    big = KnowledgeBase.build([dev_corpus, BUNDLED_CORPUS])
    outcome: dict[str, object] = {}

    def push() -> None:
        try:
            outcome["count"] = big.push(server.query_url, graph)
        except EndpointError as error:
            outcome["error"] = str(error)

    worker = threading.Thread(target=push)
    worker.start()
    time.sleep(0.15)
    server.stop()
    worker.join(timeout=60)
    restarted = OxigraphServer(location)
    try:
        count = count_triples(restarted.query_url, graph)
    finally:
        restarted.stop()
    print("push outcome:", outcome, "graph now holds", count, "triples; previously", previous)
    if "error" in outcome:
        assert count == previous
        assert "unreachable" in str(outcome["error"]) or "failed" in str(outcome["error"])
    else:
        assert count == outcome["count"]


def test_unreachable_endpoint_is_one_clear_error():
    remote = KnowledgeBase.remote(f"http://127.0.0.1:{free_port()}/query")
    with pytest.raises(EndpointError, match="unreachable"):
        remote.run("families")


def test_a_silent_endpoint_times_out_with_a_clear_error():
    """A server that accepts connections and never answers."""
    import threading

    from jobkg.queries.backends import EndpointBackend

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
