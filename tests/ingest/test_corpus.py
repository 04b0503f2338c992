"""Integration: the 79 real pages of ../shared/corpus and bad input beside good pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobkg.ingest.corpus import find_pages, ingest
from jobkg.kb import KnowledgeBase

pytestmark = pytest.mark.slow


def test_every_dev_page_ingests_or_says_why(dev_corpus: Path):
    pages = find_pages([dev_corpus])
    _quads, report = ingest([dev_corpus])
    assert report.pages + len(report.failed) == len(pages) == 78  # 79 files, one is .gitkeep
    assert report.failed == []
    assert report.roles > 200
    assert report.grades_attached > 180
    assert report.reporting_lines_attached > 150
    assert report.reporting_lines_to_roles > 50
    for item in report.unmapped:
        assert item["file"] and item["line"] >= 1 and item["reason"]


def test_reporting_chains_cross_pages(corpus_kb: KnowledgeBase):
    chain = corpus_kb.run("reporting-chain", {"role": "Principal Product Designer"})
    labels = [r["ancestor_label"] for r in chain]
    assert labels[:3] == ["Product Design Manager", "Senior Manager of Product Design", "Director of Product Design"]


def test_bad_pages_are_reported_and_good_ones_still_ingest(write_pages, seeds_kb):
    folder = write_pages(
        {
            "dept/good.md": "## Levels\n### Widget Manager\nThe Widget Manager is a grade 8.\n",
            "dept/empty.md": "",
            "dept/bad-yaml.md": "---\ntitle: [oops\n---\n## Widget Manager\n",
        }
    )
    (folder / "dept" / "binary.md").write_bytes(b"\x00\x01\x02")
    (folder / "dept" / "folder.md").mkdir()
    (folder / "dept" / "loop").symlink_to(folder)
    _, report = ingest([folder])
    assert report.pages == 1 and report.roles == 1
    reasons = {f["file"]: f["reason"] for f in report.failed}
    assert reasons["dept/empty.md"] == "empty page"
    assert "binary" in reasons["dept/binary.md"]
    assert "YAML" in reasons["dept/bad-yaml.md"]
