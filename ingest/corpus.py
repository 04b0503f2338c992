"""Ingest a corpus: find the pages under the sources given, read each (a bad page is
reported and skipped, never fatal), map them all, and report what happened."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from pyoxigraph import Quad

from jobkg.errors import PageError, SourceError
from jobkg.ingest.markdown import page_key, read_page
from jobkg.ingest.profile import load
from jobkg.ingest.records import (
    FailedFile,
    IngestWarning,
    PageRecord,
    PageSummary,
    PageWithoutRoles,
    Unmapped,
    Unresolved,
)
from jobkg.ingest.resolve import read_tracks
from jobkg.ingest.review import REVIEW_FILE, ReviewFileError, read_review, review_quads
from jobkg.ingest.sections import read_sections
from jobkg.ingest.triples import map_pages

PAGE_SUFFIXES = (".md", ".md.erb")
PARALLEL_FROM_PAGES = 64
FAMILY_INDEX = ("_index.md",)  # a folder with one of these is a family, its other pages its levels


@dataclass
class IngestReport:
    """What a build read, made and could not map; shown by `jobkg build`, full as JSON."""

    pages: int = 0
    roles: int = 0
    asserted_triples: int = 0
    grades_attached: int = 0
    reporting_lines_attached: int = 0
    reporting_lines_to_roles: int = 0
    extensions: int = 0
    failed: list[FailedFile] = field(default_factory=list)
    warnings: list[IngestWarning] = field(default_factory=list)
    unmapped: list[Unmapped] = field(default_factory=list)
    unresolved: list[Unresolved] = field(default_factory=list)
    by_page: list[PageSummary] = field(default_factory=list)  # roles found, share of list items mapped
    without_roles: list[PageWithoutRoles] = field(default_factory=list)  # pages that gave no role, and why

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON data (`jobkg build --json`, `--report FILE`)."""
        return asdict(self)


@dataclass(frozen=True)
class PageFile:
    path: Path
    root: Path
    family_key: str | None = None  # the folder's key, for a level file of a one-file-per-level family
    profile: str | None = None  # a profile forced by name or file; None: each page shows its own


def find_pages(sources: Iterable[Path], profile: str | None = None) -> list[PageFile]:
    """Page files under each source (a file, or a folder walked without following links)."""
    if profile is not None:
        load(profile)  # an unknown profile fails here, once, not on every page
    found: list[PageFile] = []
    for source in sources:
        if source.is_file():
            found.append(PageFile(source, source.parent, _family_of(source, source.parent), profile))
        elif source.is_dir():
            found.extend(PageFile(path, source, _family_of(path, source), profile) for path in _walk(source))
        else:
            raise SourceError(f"{source}: no such file or folder")
    return found


def _family_of(path: Path, root: Path) -> str | None:
    """The family folder's key for the pages of a one-file-per-level folder: the folder's
    _index.md (the family) and the pages beside it (its levels)."""
    if path.parent == root or not any((path.parent / name).is_file() for name in FAMILY_INDEX):
        return None
    if path.name in FAMILY_INDEX and not any(
        p.name.endswith(PAGE_SUFFIXES) and p.name not in FAMILY_INDEX for p in path.parent.iterdir()
    ):
        return None
    return page_key(path.parent.relative_to(root).as_posix() + "/_index.md")


def _walk(root: Path) -> Iterator[Path]:
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs.sort()
        for name in sorted(files):
            path = Path(folder, name)
            if name.endswith(PAGE_SUFFIXES) and path.is_file():
                yield path


def read_record(page_file: PageFile) -> PageRecord | FailedFile:
    """One page to its record, or the reason it failed."""
    try:
        return read_sections(read_page(page_file.path, page_file.root, page_file.family_key), page_file.profile)
    except PageError as error:
        return FailedFile(error.path, error.line, error.reason)
    except RecursionError:
        rel = page_file.path.relative_to(page_file.root).as_posix()
        return FailedFile(rel, None, "structure nested too deeply to parse")


def _read_all(page_files: list[PageFile], on_page: Callable[[str], None] | None) -> Iterator[PageRecord | FailedFile]:
    """Pages are independent: read them on every core when there are enough to pay for it."""
    workers = min(os.cpu_count() or 1, 8)
    parallel = len(page_files) >= PARALLEL_FROM_PAGES and workers >= 2
    with multiprocessing.get_context("fork").Pool(workers) if parallel else nullcontext() as pool:
        results = pool.imap(read_record, page_files, chunksize=16) if pool else map(read_record, page_files)
        for page_file, result in zip(page_files, results, strict=True):
            if on_page:
                on_page(page_file.path.name)
            yield result


def ingest(
    sources: Iterable[Path], on_page: Callable[[str], None] | None = None, profile: str | None = None
) -> tuple[list[Quad], IngestReport]:
    """Read, map and report, keeping every quad (for tests and small corpora)."""
    quads: list[Quad] = []
    report = ingest_into(sources, quads.extend, on_page, profile)
    return quads, report


def ingest_into(
    sources: Iterable[Path],
    sink: Callable[[list[Quad]], None],
    on_page: Callable[[str], None] | None = None,
    profile: str | None = None,
) -> IngestReport:
    """Read, map and report, handing quads to sink page by page. Pages that fail are listed in
    the report with their reason; the others still ingest. `profile` forces one page layout."""
    sources = list(sources)
    report = IngestReport()
    records: list[PageRecord] = []
    for result in _read_all(find_pages(sources, profile), on_page):
        if isinstance(result, FailedFile):
            report.failed.append(result)
        else:
            records.append(result)
    count = 0

    def counted(quads: list[Quad]) -> None:
        nonlocal count
        count += len(quads)
        sink(quads)

    records, tracks = read_tracks(records)
    stats = map_pages(records, counted, tracks)
    report.pages = len(records)
    report.roles = stats.roles
    report.asserted_triples = count
    report.grades_attached = stats.grades
    report.reporting_lines_attached = stats.reporting_lines
    report.reporting_lines_to_roles = stats.reporting_to_roles
    report.extensions = stats.extensions
    report.warnings = [w for record in records for w in record.warnings] + stats.warnings
    report.unmapped = [u for record in records for u in record.unmapped]
    report.unresolved = stats.unresolved
    report.by_page = [_page_summary(record) for record in records]
    report.without_roles = [
        PageWithoutRoles(record.page.path, record.title_line, reason)
        for record in records
        if not record.roles and (reason := record.no_role_reason or _empty_family_folder(record, records))
    ]
    report.warnings += [
        IngestWarning(record.page.path, record.title_line, reason)
        for record in records
        if not record.roles and not record.no_role_reason and (reason := _empty_family_folder(record, records))
    ]
    report.warnings += [
        IngestWarning(record.page.path, line, message)
        for record in records
        for line, message in _read_little(record, records)
    ]
    for review in (source / REVIEW_FILE for source in sources if source.is_dir()):
        if review.is_file():
            _read_review(review, stats.role_iris, counted, report)
    return report


def _read_review(path: Path, roles: set[str], sink: Callable[[list[Quad]], None], report: IngestReport) -> None:
    """People's occupation decisions beside the pages: a file that cannot be read is reported as a
    failed file, an entry that cannot be used as a warning; the pages' KB is built either way."""
    try:
        decisions, warnings = read_review(path)
    except ReviewFileError as exc:
        report.failed.append(FailedFile(exc.path, exc.line, exc.reason))
        return
    quads, unknown = review_quads(decisions, path.name, roles)
    sink(quads)
    report.warnings += warnings + unknown


LOW_SHARE = 0.5  # a page of roles whose list items were mapped less than this is reported
LOW_SHARE_FROM = 6  # ... when it has at least this many list items


def _read_little(record: PageRecord, records: list[PageRecord]) -> list[tuple[int, str]]:
    """Pages and roles that were read but gave little: a role with no item of its own, of its
    family or of a level it extends; a page of roles whose list items were mostly not mapped."""
    found = []
    family_items = bool(record.responsibilities or record.requirements) or any(
        other.responsibilities or other.requirements
        for other in records
        if record.page.family_key and other.page.key == record.page.family_key
    )
    for role in record.roles:
        if not (role.responsibilities or role.requirements or role.extensions or family_items or role.href):
            found.append((role.line, f"role '{role.title}' states no responsibility or requirement"))
    summary = _page_summary(record)
    share = summary.share_mapped
    if record.roles and share is not None and share < LOW_SHARE and record.list_items >= LOW_SHARE_FROM:
        found.append(
            (
                record.title_line,
                f"only {summary.mapped_items} of {record.list_items} list items were mapped "
                "(the unmapped ones are listed with their reasons)",
            )
        )
    return found


def _empty_family_folder(index: PageRecord, records: list[PageRecord]) -> str | None:
    """A family folder's index defines no role itself; it says so when no page beside it does."""
    key = index.page.key
    if index.page.family_key != key or any(r.roles and r.page.family_key == key for r in records):
        return None
    return f"no role found for the family folder '{key}': neither its index nor the pages beside it define a level"


def _page_summary(record: PageRecord) -> PageSummary:
    unmapped_items = sum(1 for u in record.unmapped if u.kind in ("item", "row"))
    mapped = max(record.list_items - unmapped_items, 0)
    share = round(mapped / record.list_items, 3) if record.list_items else None
    return PageSummary(
        record.page.path, record.page.profile, [role.title for role in record.roles], record.list_items, mapped, share
    )
