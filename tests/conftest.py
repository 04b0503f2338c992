"""Shared fixtures: the bundled seeds, the dev corpus beside the checkout, tiny pages."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from jobkg.kb import BUNDLED_CORPUS, KnowledgeBase
from jobkg.views import Role

REPO = Path(__file__).resolve().parents[1]
DEV_CORPUS = REPO.parent / "shared" / "corpus" / "job-families"


@pytest.fixture(scope="session")
def seeds_kb() -> KnowledgeBase:
    return KnowledgeBase.build([BUNDLED_CORPUS])


@pytest.fixture(scope="session")
def seed_roles(seeds_kb: KnowledgeBase) -> dict[str, Role]:
    return {role.title: role for role in seeds_kb.roles()}


@pytest.fixture(scope="session")
def dev_corpus() -> Path:
    if not DEV_CORPUS.is_dir():
        pytest.fail(f"the dev corpus is missing: expected {DEV_CORPUS} (CI has shared/ beside the checkout)")
    return DEV_CORPUS


@pytest.fixture(scope="session")
def corpus_kb(dev_corpus: Path) -> KnowledgeBase:
    return KnowledgeBase.build([dev_corpus])


@pytest.fixture
def write_pages(tmp_path: Path) -> Callable[..., Path]:
    """Write tiny pages: write_pages({"dept/page.md": "markdown"}) -> the folder."""

    def write(pages: dict[str, str]) -> Path:
        for name, text in pages.items():
            path = tmp_path / "pages" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
        return tmp_path / "pages"

    return write


SLOW_FIXTURES = {"dev_corpus", "corpus_kb"}  # they read ../shared/corpus


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """`-m "not slow"` is the fast loop: whatever starts a server or a browser, or reads the
    corpus beside the checkout, is slow as well as what its own mark says."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if item.get_closest_marker("browser") or item.get_closest_marker("server") or fixtures & SLOW_FIXTURES:
            item.add_marker(pytest.mark.slow)
