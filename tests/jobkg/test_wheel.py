"""The package as users install it: a wheel built from the repository installs into a fresh
virtual environment with `jobkg` as its only top-level import package, carries the bundled
corpus, the ontology and the queries, and `jobkg app` serves the app from it."""

from __future__ import annotations

import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from tests.servers import free_port, wait_until_up

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def venv(tmp_path_factory) -> Path:
    """A fresh venv with the wheel installed (dependencies from this interpreter's packages)."""
    root = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(root / "dist"), str(REPO)],
        check=True,
        capture_output=True,
    )
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(root / "venv")], check=True)
    wheel = next((root / "dist").glob("jobkg-*.whl"))
    pip = [str(root / "venv" / "bin" / "python"), "-m", "pip", "install", "-q", "--no-deps", "--no-index"]
    subprocess.run([*pip, str(wheel)], check=True, capture_output=True)
    return root / "venv"


def in_venv(venv: Path, code: str) -> str:
    done = subprocess.run(
        [str(venv / "bin" / "python"), "-c", code], cwd=venv, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


@pytest.mark.slow
def test_the_wheel_installs_one_top_level_package_with_its_data(venv):
    listed = in_venv(
        venv,
        "from importlib.metadata import files; "
        "print(sorted({f.parts[0] for f in files('jobkg') if not f.parts[0].startswith(('..', 'jobkg-'))}))",
    )
    assert listed == "['jobkg']"
    where = in_venv(
        venv,
        "import jobkg.ingest, jobkg.queries.catalog as c, jobkg.kb as k; "
        "print(jobkg.ingest.__file__, len(c.public()), sorted(p.name for p in k.BUNDLED_CORPUS.rglob('*.md')))",
    )
    from jobkg.queries import catalog

    assert where.startswith(str(venv)), where
    assert "engineering-leadership.md" in where and f" {len(catalog.public())} " in where
    for bare in ("ingest", "queries", "ontology"):
        missing = subprocess.run([str(venv / "bin" / "python"), "-c", f"import {bare}"], cwd=venv, capture_output=True)
        assert missing.returncode != 0, f"`import {bare}` should fail outside the repository"


@pytest.mark.slow
@pytest.mark.server
def test_jobkg_app_serves_the_app_from_the_wheel(venv):
    port = free_port()
    server = subprocess.Popen(
        [str(venv / "bin" / "jobkg"), "app", "--port", str(port)],
        cwd=venv,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert wait_until_up(f"http://127.0.0.1:{port}/_stcore/health", 60), "jobkg app did not come up"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as page:
            assert page.status == 200 and b"<html" in page.read().lower()
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert str(venv) in output or "localhost" in output.lower()
    assert "Traceback" not in output


def test_jobkg_app_uses_the_options_of_the_repository_config():
    """`streamlit run app.py` reads .streamlit/config.toml; `jobkg app` passes the same options."""
    import tomllib

    from jobkg.app.serve import OPTIONS

    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text())
    flat = {
        f"{section}.{key}": str(value).lower() for section, values in config.items() for key, value in values.items()
    }
    assert flat == OPTIONS
