"""One count of roles everywhere: `jobkg build`, `jobkg roles`, the app's sidebar and its matrix
agree on the bundled pages and on every dev corpus."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from jobkg.cli import main
from jobkg.kb import BUNDLED_CORPUS
from tests.app.test_pages import folder_script

REPO = Path(__file__).resolve().parents[2]
CORPORA = REPO.parent / "shared" / "corpus"

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "corpus",
    [BUNDLED_CORPUS, *(CORPORA / name for name in ("job-families", "gitlab-hugo", "other-ladders", "more-ladders"))],
    ids=lambda path: path.name,
)
def test_build_roles_sidebar_and_matrix_count_the_same_roles(corpus: Path, capsys, monkeypatch):
    if not corpus.is_dir():
        pytest.fail(f"missing corpus {corpus} (CI has shared/ beside the checkout)")
    main(["build", str(corpus)])  # exits non-zero where a page failed (an empty one in more-ladders)
    built = int(re.search(r"(\d+) roles", capsys.readouterr().out).group(1))
    assert main(["roles", str(corpus), "--json", "--all"]) == 0
    listed = len(json.loads(capsys.readouterr().out))

    monkeypatch.setenv("JOBKG_SOURCE", str(corpus))
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    app.query_params["source"] = f"folder:{corpus}"
    app.run()
    assert not app.exception, app.exception
    sidebar = int(re.search(r"(\d+) roles", app.sidebar.caption[0].value).group(1))

    matrix = AppTest.from_function(folder_script, args=("matrix", str(corpus)), default_timeout=120)
    matrix.run()
    assert not matrix.exception, matrix.exception
    shown = int(re.match(r"(\d+) roles", matrix.caption[0].value).group(1))
    assert built == listed == sidebar == shown
