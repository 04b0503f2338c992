"""HTTP to stores, against a tiny local server: retries only where a retry can help, the
server's own words in one line, Basic and Digest answered from the environment."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from jobkg.errors import EndpointError
from jobkg.queries import http

Reply = tuple[int, dict[str, str], bytes]


@pytest.fixture
def serve() -> Iterator[Callable[[list[Reply]], tuple[str, list[dict[str, str]]]]]:
    """A server that gives these replies in turn and records each request's headers."""
    servers: list[ThreadingHTTPServer] = []

    def start(replies: list[Reply]) -> tuple[str, list[dict[str, str]]]:
        seen: list[dict[str, str]] = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                seen.append(dict(self.headers))
                status, headers, body = replies[min(len(seen), len(replies)) - 1]
                self.send_response(status)
                for name, value in {**headers, "Content-Length": str(len(body))}.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            do_PUT = do_POST
            do_GET = do_POST

            def log_message(self, *args: object) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/sparql", seen

    yield start
    for server in servers:
        server.shutdown()


@pytest.fixture
def retries(monkeypatch) -> list[int]:
    waited: list[int] = []
    monkeypatch.setattr(http, "backoff", waited.append)
    return waited


def test_a_503_is_retried_and_then_succeeds(serve, retries):
    url, seen = serve([(503, {}, b"busy"), (200, {}, b"ok")])
    assert http.send("POST", url, b"x").body == b"ok"
    assert len(seen) == 2 and retries == [1]


def test_a_refusal_is_said_once_with_the_server_words(serve, retries):
    url, seen = serve([(400, {"Content-Type": "text/plain"}, b"Virtuoso 37000 Error SP030: syntax\nSPARQL query: <s>")])
    with pytest.raises(EndpointError) as refused:
        http.send("POST", url, b"x")
    said = "answered HTTP 400 (the server rejected the request): Virtuoso 37000 Error SP030: syntax"
    assert str(refused.value) == f"{url} {said}"
    assert len(seen) == 1 and retries == []


def test_retries_are_bounded(serve, retries):
    url, seen = serve([(502, {}, b"")])
    with pytest.raises(EndpointError, match="HTTP 502"):
        http.send("POST", url, b"x")
    assert len(seen) == http.RETRIES and retries == [1, 2]


def test_html_error_pages_lose_their_markup_and_keep_their_words():
    page = b"<!DOCTYPE html><html><head><title>x</title></head><body><h1>403</h1><p>Forbidden: no rights</p></body>"
    assert http.server_text(page) == "403 Forbidden: no rights"
    plain = "Error: <https://example.org/g> is not a graph"
    assert http.server_text(plain.encode()) == plain


@pytest.mark.parametrize("scheme", ["Basic", "Digest"])
def test_credentials_answer_the_challenge_the_server_makes(serve, monkeypatch, scheme):
    monkeypatch.setenv(http.USER_VARIABLE, "dba")
    monkeypatch.setenv(http.PASSWORD_VARIABLE, "secret")
    asked = f'{scheme} realm="store"' + (', nonce="abc", qop="auth"' if scheme == "Digest" else "")
    url, seen = serve([(401, {"WWW-Authenticate": asked}, b""), (201, {}, b"")])
    assert http.send("PUT", url, b"x").status == 201
    assert len(seen) == 2, "a GET for the challenge, then the body once, already authorised"
    assert "Authorization" not in seen[0] and seen[1]["Authorization"].startswith(scheme)
    assert "secret" not in seen[1]["Authorization"]


def test_wrong_credentials_name_the_variables_and_not_the_password(serve, monkeypatch, retries):
    monkeypatch.setenv(http.USER_VARIABLE, "dba")
    monkeypatch.setenv(http.PASSWORD_VARIABLE, "secret")
    url, _seen = serve([(401, {"WWW-Authenticate": 'Basic realm="store"'}, b"")])
    with pytest.raises(EndpointError) as refused:
        http.send("PUT", url, b"x")
    assert "JOBKG_ENDPOINT_USER" in str(refused.value) and "secret" not in str(refused.value)
    assert retries == []


def test_an_unreachable_server_is_retried_then_named(retries):
    from tests.servers import free_port

    with pytest.raises(EndpointError, match="unreachable"):
        http.send("POST", f"http://127.0.0.1:{free_port()}/sparql", b"x")
    assert retries == [1, 2]
