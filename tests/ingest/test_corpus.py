"""Integration: the real pages of ../shared/corpus (the 2022 job families, the current Hugo handbook,
other organisations' ladders) and bad input beside good pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobkg.ingest.corpus import find_pages, ingest, read_record
from jobkg.ingest.profile import load
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
        assert item.file and item.line >= 1 and item.reason


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
    reasons = {f.file: f.reason for f in report.failed}
    assert reasons["dept/empty.md"] == "empty page"
    assert "binary" in reasons["dept/binary.md"]
    assert "YAML" in reasons["dept/bad-yaml.md"]


CORPORA = ("job-families", "gitlab-hugo", "other-ladders")


@pytest.fixture(scope="module", params=CORPORA)
def corpus_records(request, dev_corpus: Path):
    root = dev_corpus.parent / request.param
    records = [read_record(page) for page in find_pages([root])]
    _quads, report = ingest([root])
    return [r for r in records if not isinstance(r, dict)], report


@pytest.mark.slow
def test_no_reporting_line_is_a_clause(corpus_records):
    records, _ = corpus_records
    generic = load("generic")
    labels = [m.label for r in records for role in r.roles for m in role.reports_to]
    labels += [m.label for r in records for s in r.specialties for m in s.reports_to]
    clauses = [
        label for label in labels if any(p.search(label) for p in generic.not_targets) or len(label.split()) > 12
    ]
    assert clauses == []


@pytest.mark.slow
def test_no_specialty_item_or_line_is_attached_to_a_level(corpus_records):
    records, _ = corpus_records
    for record in records:
        specialty = {(i.line, i.text) for s in record.specialties for i in (*s.responsibilities, *s.requirements)}
        specialty |= {(m.line, m.label) for s in record.specialties for m in s.reports_to}
        levels = {(i.line, i.text) for role in record.roles for i in (*role.responsibilities, *role.requirements)}
        levels |= {(m.line, m.label) for role in record.roles for m in role.reports_to}
        assert specialty & levels == set(), record.page.path


@pytest.mark.slow
def test_every_page_gives_roles_or_says_why(corpus_records):
    records, report = corpus_records
    named = {page.file for page in report.without_roles}
    folders = {r.page.family_key for r in records if r.roles and r.page.family_key}
    silent = [r.page.path for r in records if not r.roles and r.page.path not in named and r.page.key not in folders]
    assert silent == []
    assert all(page.reason for page in report.without_roles)
