"""HTTP to SPARQL stores, as real stores want it: credentials from the environment (never
printed), Basic or Digest authentication as the server's challenge asks, the server's own error
text in the message, and retries only where a retry can help (a connection that failed, a 502,
503 or 504), bounded and backing off. A refusal (any 4xx, a 500 with a message) is said once."""

from __future__ import annotations

import base64
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from functools import cache
from urllib.request import parse_http_list, parse_keqv_list

from jobkg.errors import EndpointError

USER_VARIABLE, PASSWORD_VARIABLE = "JOBKG_ENDPOINT_USER", "JOBKG_ENDPOINT_PASSWORD"
RETRIES = 3
TRANSIENT = (502, 503, 504)


@dataclass(frozen=True)
class Response:
    status: int
    body: bytes
    headers: dict[str, str]


def credentials() -> tuple[str, str] | None:
    user, password = os.environ.get(USER_VARIABLE), os.environ.get(PASSWORD_VARIABLE)
    return (user, password) if user and password else None


@cache
def challenge(url: str) -> str | None:
    """The scheme a server asks for at url ('Digest', 'Basic'), or None when it lets anyone in."""
    asked = _asked(url)
    return asked.split()[0].capitalize() if asked else None


def _asked(url: str) -> str:
    """The WWW-Authenticate header a plain GET of url gets back ('' when none): a fresh nonce."""
    try:
        urllib.request.urlopen(urllib.request.Request(url, method="GET"), timeout=10)
    except urllib.error.HTTPError as error:
        return error.headers.get("WWW-Authenticate", "") if error.code == 401 else ""
    except (OSError, ValueError):
        return ""
    return ""


def _opener(url: str) -> tuple[urllib.request.OpenerDirector, urllib.request.HTTPDigestAuthHandler | None]:
    """An opener that answers a Basic or a Digest challenge with the environment's credentials."""
    found = credentials()
    if not found:
        return urllib.request.build_opener(), None
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, url, *found)
    digest = urllib.request.HTTPDigestAuthHandler(passwords)
    return urllib.request.build_opener(digest, urllib.request.HTTPBasicAuthHandler(passwords)), digest


def _authorize_first(request: urllib.request.Request, digest: urllib.request.HTTPDigestAuthHandler) -> None:
    """Credentials on the first try, from a fresh challenge: a store that answers 401 closes the
    connection before reading a large body (Virtuoso does), so a retry after it never comes."""
    asked = _asked(request.full_url)
    scheme, _, parameters = asked.partition(" ")
    found = credentials()
    if scheme.lower() == "digest":
        answer = digest.get_authorization(
            request, parse_keqv_list([part for part in parse_http_list(parameters) if part])
        )
        if answer:
            request.add_unredirected_header("Authorization", f"Digest {answer}")
    elif scheme.lower() == "basic" and found:
        token = base64.b64encode(":".join(found).encode()).decode("ascii")
        request.add_unredirected_header("Authorization", f"Basic {token}")


def send(
    method: str,
    url: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 60.0,
) -> Response:
    """One request, retried only when the failure is transient; EndpointError says why it failed."""
    for attempt in range(1, RETRIES + 1):
        request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
        opener, digest = _opener(url)
        if digest is not None and body:
            _authorize_first(request, digest)
        try:
            with opener.open(request, timeout=timeout) as reply:
                return Response(reply.status, reply.read(), dict(reply.headers))
        except urllib.error.HTTPError as error:
            text = server_text(error.read())
            if error.code not in TRANSIENT or attempt == RETRIES:
                raise EndpointError(refusal(url, error.code, error.reason, text)) from None
        except TimeoutError:
            if attempt == RETRIES:
                raise EndpointError(f"{_where(url)} did not answer in {timeout:g} s") from None
        except (urllib.error.URLError, ConnectionError, OSError) as error:
            if digest is not None and body:
                _check_credentials(opener, url)  # a 401 cuts a body off: that is no network fault
            if attempt == RETRIES:
                reason = getattr(error, "reason", error)
                raise EndpointError(f"{_where(url)} is unreachable ({reason})") from None
        backoff(attempt)
    raise AssertionError("unreachable")  # the loop returns or raises


def _check_credentials(opener: urllib.request.OpenerDirector, url: str) -> None:
    """Raise the server's 401 if it refuses these credentials at url (a HEAD, no body)."""
    try:
        opener.open(urllib.request.Request(url, method="HEAD"), timeout=10).close()
    except urllib.error.HTTPError as error:
        if error.code == 401:
            raise EndpointError(refusal(url, 401, error.reason, "")) from None
    except OSError:
        pass  # unreachable: the caller says so


def backoff(attempt: int) -> None:
    """Wait before retry number attempt + 1: 0.5 s, then 1 s."""
    time.sleep(0.5 * 2 ** (attempt - 1))


def refusal(url: str, status: int, reason: str, text: str) -> str:
    """One line: where, the status, what it means for the user, and the server's own words."""
    meaning = {
        400: "the server rejected the request",
        401: f"credentials missing or wrong: set {USER_VARIABLE} / {PASSWORD_VARIABLE}",
        403: "the account has no right to do this",
        404: "nothing answers at that URL",
        405: "that URL does not take this kind of request",
        413: "the request is larger than the server accepts",
        414: "the request is too long",
    }.get(status, reason or "server error")
    said = f": {text}" if text else ""
    return f"{_where(url)} answered HTTP {status} ({meaning}){said}"


def server_text(body: bytes, limit: int = 300) -> str:
    """The first lines of what a server said: without HTML markup if it sent a page, and without
    the query it may echo back (Virtuoso does; it can hold the data being pushed)."""
    text = body.decode("utf-8", "replace")
    if re.match(r"\s*<(?:!DOCTYPE|html|head|body|h1|p)\b", text, re.IGNORECASE):
        text = re.sub(r"(?is)<(script|style|head)\b.*?</\1>", " ", text)
        text = re.sub(r"<[^>]+>", " ", text)
    text = re.split(r"\bSPARQL query:", text, maxsplit=1)[0]
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return re.sub(r"\s+", " ", " ".join(lines[:4]))[:limit]


def _where(url: str) -> str:
    """The URL without a query string (parameters may hold data) and without credentials."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}{parts.path}"
