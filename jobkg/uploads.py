"""Pages a person uploads in the app: size and count limits, zip bombs and path traversal
refused, empty and binary files refused with their reason. Pages keep their file and folder
names (a family's name often comes from them), each part checked: never '..', absolute,
hidden or a control character; a name that is not safe is refused, never rewritten."""

from __future__ import annotations

import hashlib
import io
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_FILES = 500
MAX_TOTAL_BYTES = 50 * 1024 * 1024
MAX_ZIP_RATIO = 100  # uncompressed / compressed, per entry
MAX_NAME_BYTES = 255  # a file or folder name, as file systems allow
PAGE_SUFFIXES = (".md", ".md.erb", ".markdown")


@dataclass
class UploadResult:
    folder: Path | None
    accepted: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (name as uploaded, reason)


class UnsafeNameError(ValueError):
    """An uploaded name that cannot be kept as a path; the message says why."""


def kept_path(name: str) -> Path:
    """The uploaded name as a relative path, unchanged, once each part is checked."""
    parts = PurePosixPath(name.replace("\\", "/")).parts
    if not parts or name.startswith(("/", "\\")):
        raise UnsafeNameError("path leaves the archive (an absolute path)")
    for part in parts:
        if part in (".", ".."):
            raise UnsafeNameError("path leaves the archive (path traversal)")
        if part == "__MACOSX" or part.startswith("."):
            raise UnsafeNameError("a hidden or macOS resource file, not a page")
        if any(unicodedata.category(c) == "Cc" for c in part) or part != part.strip():
            raise UnsafeNameError("a control character or edge space in its name")
        if len(part.encode()) > MAX_NAME_BYTES:
            raise UnsafeNameError(f"a name part longer than {MAX_NAME_BYTES} bytes")
    return Path(*parts)


def _content_problem(data: bytes) -> str | None:
    if not data.strip():
        return "empty file"
    if b"\0" in data[:8192]:
        return "binary file, not a text page"
    return None


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
    paths: set[Path] = set()
    for name, data in pages:
        try:
            path = kept_path(name)
        except UnsafeNameError as error:
            result.refused.append((name, str(error)))
            continue
        problem = _content_problem(data)
        if not name.lower().endswith(PAGE_SUFFIXES):
            result.refused.append((name, "not a markdown page (.md)"))
        elif problem:
            result.refused.append((name, problem))
        elif path in paths:
            result.refused.append((name, "another page was uploaded under the same name"))
        elif len(data) > MAX_FILE_BYTES:
            result.refused.append((name, f"larger than {MAX_FILE_BYTES // 1024 // 1024} MB"))
        elif len(accepted) >= MAX_FILES:
            result.refused.append((name, f"more than {MAX_FILES} pages in one upload"))
        elif total + len(data) > MAX_TOTAL_BYTES:
            result.refused.append((name, f"the upload exceeds {MAX_TOTAL_BYTES // 1024 // 1024} MB in all"))
        else:
            total += len(data)
            paths.add(path)
            accepted.append((path, data, name))
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
        try:
            kept_path(entry.filename)
        except UnsafeNameError as error:
            result.refused.append((label, str(error)))
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
