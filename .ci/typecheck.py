"""Type-check jobkg as it installs: the layer folders (ingest/, ontology/, queries/, ...) become
jobkg.ingest, jobkg.ontology, ... through pyproject's package-dir, which mypy cannot follow
from the source tree. So this links them into a temporary jobkg/ the way pip lays them out
and runs mypy there; a reported path such as jobkg/ingest/markdown.py is ingest/markdown.py."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    folders = settings["tool"]["setuptools"]["package-dir"]
    with tempfile.TemporaryDirectory() as tmp:
        package = Path(tmp) / "jobkg"
        package.mkdir()
        for entry in (ROOT / "jobkg").iterdir():
            (package / entry.name).symlink_to(entry)
        for name, folder in folders.items():
            (package / name.removeprefix("jobkg.")).symlink_to(ROOT / folder)
        command = [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"), "-p", "jobkg"]
        return subprocess.call(command, cwd=tmp)


if __name__ == "__main__":
    sys.exit(main())
