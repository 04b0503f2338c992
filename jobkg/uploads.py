"""Pages a person uploads in the app: size and count limits, zip bombs and path traversal
refused, and uploaded names never used as paths (files get generated, slugged names)."""

from __future__ import annotations

import hashlib
import io
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from jobkg.ingest.titles import slug

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_FILES = 500
MAX_TOTAL_BYTES = 50 * 1024 * 1024
MAX_ZIP_RATIO = 100  # uncompressed / compressed, per entry
PAGE_SUFFIXES = (".md", ".md.erb", ".markdown")


@dataclass
class UploadResult:
    folder: Path | None
    accepted: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (name as uploaded, reason)


def _safe_relative(name: str, index: int) -> Path:
    """A generated path: each folder and the file name slugged; never '..' or absolute."""
    parts = [p for p in PurePosixPath(name.replace("\\", "/")).parts if p not in ("/", "..", ".")]
    stem = parts[-1] if parts else f"page-{index}"
    for suffix in PAGE_SUFFIXES:
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
    folders = [slug(p) for p in parts[:-1]][-3:]
    return Path(*folders, f"{index:04d}-{slug(stem)}.md")


def save_uploads(files: list[tuple[str, bytes]], root: Path | None = None) -> UploadResult:
    """Write uploaded pages (and the pages inside uploaded zips) to a fresh folder."""
    pages: list[tuple[str, bytes]] = []
    result = UploadResult(None)
    for name, data in files:
        if name.lower().endswith(".zip"):
            pages.extend(_unzip(name, data, result))
        else:
            pages.append((name, data))
    total = 0
    accepted: list[tuple[Path, bytes, str]] = []
    for index, (name, data) in enumerate(pages, start=1):
        if not name.lower().endswith(PAGE_SUFFIXES):
            result.refused.append((name, "not a markdown page (.md)"))
        elif len(data) > MAX_FILE_BYTES:
            result.refused.append((name, f"larger than {MAX_FILE_BYTES // 1024 // 1024} MB"))
        elif len(accepted) >= MAX_FILES:
            result.refused.append((name, f"more than {MAX_FILES} pages in one upload"))
        elif total + len(data) > MAX_TOTAL_BYTES:
            result.refused.append((name, f"the upload exceeds {MAX_TOTAL_BYTES // 1024 // 1024} MB in all"))
        else:
            total += len(data)
            accepted.append((_safe_relative(name, index), data, name))
    if not accepted:
        return result
    digest = hashlib.sha256(b"".join(str(p).encode() + d for p, d, _ in accepted)).hexdigest()[:16]
    base = root or Path(tempfile.gettempdir()) / "jobkg-uploads"
    folder = base / digest
    for relative, data, name in accepted:
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        result.accepted.append(name)
    result.folder = folder
    return result


def _unzip(name: str, data: bytes, result: UploadResult) -> list[tuple[str, bytes]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        result.refused.append((name, "not a readable zip file"))
        return []
    pages: list[tuple[str, bytes]] = []
    total = 0
    for entry in archive.infolist():
        if entry.is_dir():
            continue
        label = f"{name}:{entry.filename}"
        if entry.filename.startswith(("/", "\\")) or ".." in PurePosixPath(entry.filename.replace("\\", "/")).parts:
            result.refused.append((label, "path leaves the archive (path traversal)"))
            continue
        if entry.file_size > MAX_FILE_BYTES:
            result.refused.append((label, f"larger than {MAX_FILE_BYTES // 1024 // 1024} MB uncompressed"))
            continue
        if entry.compress_size and entry.file_size / entry.compress_size > MAX_ZIP_RATIO:
            result.refused.append((label, "compressed suspiciously well (possible zip bomb)"))
            continue
        total += entry.file_size
        if total > MAX_TOTAL_BYTES or len(pages) >= MAX_FILES:
            result.refused.append((label, "the archive holds more than the upload limits"))
            break
        with archive.open(entry) as handle:
            content = handle.read(MAX_FILE_BYTES + 1)
        if len(content) > MAX_FILE_BYTES:  # the header lied about the size
            result.refused.append((label, "larger than its header says"))
            continue
        pages.append((entry.filename, content))
    return pages
