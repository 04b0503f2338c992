"""Real servers on loopback for tests: Oxigraph (PyPI `oxigraph`), Virtuoso (Debian's
virtuoso-opensource, a private instance with its own ini and database in a temporary folder),
and the helpers that find a port and wait for a server to answer."""

from __future__ import annotations

import configparser
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import ClassVar

import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, seconds: float) -> bool:
    """Poll url until it answers (True) or the time is up (False)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1).read()
            return True
        except OSError:
            time.sleep(0.1)
    return False


class SparqlServer:
    """A store started in a folder of its own; stop() kills it as a crash would, and a new
    instance on the same folder is the restarted store."""

    name = ""
    env: ClassVar[dict[str, str]] = {}  # what a user sets to push (JOBKG_ENDPOINT_USER / _PASSWORD)
    process: subprocess.Popen[bytes]
    port: int

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def query_url(self) -> str:
        raise NotImplementedError

    def _start(self, command: list[str], cwd: Path | None, ready_url: str, seconds: float) -> None:
        self.process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if not wait_until_up(ready_url, seconds):
            self.stop()
            pytest.fail(f"the {self.name} server did not start within {seconds:g} s")

    def stop(self) -> None:
        self.process.kill()
        self.process.wait(timeout=30)


class OxigraphServer(SparqlServer):
    name = "oxigraph"

    def __init__(self, location: Path, read_only: bool = False) -> None:
        binary = shutil.which("oxigraph")
        if binary is None:
            pytest.fail("the `oxigraph` server binary is missing; install the test extra (pip install -e .[test])")
        self.port = free_port()
        location.mkdir(parents=True, exist_ok=True)
        mode = "serve-read-only" if read_only else "serve"
        command = [binary, mode, "--location", str(location), "--bind", f"127.0.0.1:{self.port}"]
        self._start(command, None, f"{self.base}/query?query=ASK%7B%7D", 20)

    @property
    def query_url(self) -> str:
        return f"{self.base}/query"


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
ServerThreads = 10
CheckpointInterval = 60
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = ., {folder}

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {folder}
ServerThreads = 10

[SPARQL]
; the stock package's values: a result holds at most 10,000 rows
ResultSetMaxRows = 10000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime = 60
"""


class VirtuosoServer(SparqlServer):
    """Debian's virtuoso-t with the stock account (dba/dba) and the stock row cap."""

    name = "virtuoso"
    env: ClassVar[dict[str, str]] = {"JOBKG_ENDPOINT_USER": "dba", "JOBKG_ENDPOINT_PASSWORD": "dba"}

    def __init__(self, folder: Path) -> None:
        binary = shutil.which("virtuoso-t")
        if binary is None:
            pytest.fail("virtuoso-t is missing; install Debian's virtuoso-opensource-7-bin (.ci/run does)")
        folder.mkdir(parents=True, exist_ok=True)
        ini = folder / "virtuoso.ini"
        if not ini.exists():  # a restart keeps its ports: the database remembers nothing of them
            ini.write_text(VIRTUOSO_INI.format(folder=folder, sql_port=free_port(), http_port=free_port()))
        settings = configparser.ConfigParser()
        settings.read(ini)
        self.port = int(settings["HTTPServer"]["ServerPort"].rsplit(":", 1)[1])
        self._start([binary, "-f", "-c", str(ini)], folder, f"{self.base}/sparql?query=ASK%7B%7D", 60)

    @property
    def query_url(self) -> str:
        return f"{self.base}/sparql"
