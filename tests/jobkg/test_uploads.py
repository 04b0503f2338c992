"""Uploads: limits, zip bombs and path traversal refused, names never used as paths."""

from __future__ import annotations

import io
import zipfile

import pytest

from jobkg import uploads
from jobkg.uploads import UnsafeNameError, kept_path, save_uploads

PAGE = b"---\ntitle: Widgets\n---\n## Levels\n### Widget Manager\nThe Widget Manager is a grade 8.\n"


def zipped(entries: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_pages_and_zips_keep_their_names(tmp_path):
    result = save_uploads(
        [("Grades.md", PAGE), ("pages.zip", zipped({"sales/Widget Engineer.md": PAGE, "notes.txt": b"x"}))],
        root=tmp_path,
    )
    assert result.folder is not None and result.folder.is_relative_to(tmp_path)
    written = sorted(p.relative_to(result.folder).as_posix() for p in result.folder.rglob("*.md"))
    assert written == ["Grades.md", "sales/Widget Engineer.md"]
    assert ("notes.txt", "not a markdown page (.md)") in result.refused


def test_every_refused_file_is_named_with_its_reason(tmp_path):
    archive = zipped({"__MACOSX/._a.md": b"\0\5", "a.md": PAGE, ".hidden.md": PAGE})
    result = save_uploads(
        [("empty.md", b""), ("blank.md", b" \n"), ("image.md", b"\x89PNG\0\0"), ("pages.zip", archive), ("a.md", PAGE)],
        root=tmp_path,
    )
    reasons = dict(result.refused)
    assert reasons["empty.md"] == reasons["blank.md"] == "empty file"
    assert reasons["image.md"] == "binary file, not a text page"
    assert "macOS resource" in reasons["pages.zip:__MACOSX/._a.md"]
    assert "hidden" in reasons["pages.zip:.hidden.md"]
    assert reasons["a.md"] == "another page was uploaded under the same name"
    assert result.accepted == ["a.md"]


def test_unsafe_names_are_refused_never_rewritten():
    for name, reason in (("../x.md", "path traversal"), ("/etc/x.md", "absolute"), ("a\x07b.md", "control")):
        with pytest.raises(UnsafeNameError, match=reason):
            kept_path(name)
    assert kept_path("Engineering\\Backend Engineer.md").as_posix() == "Engineering/Backend Engineer.md"


def test_path_traversal_in_zip_entries_is_refused(tmp_path):
    result = save_uploads(
        [("evil.zip", zipped({"../../escape.md": PAGE, "/abs.md": PAGE, "ok.md": PAGE}))], root=tmp_path
    )
    reasons = dict(result.refused)
    assert "path leaves the archive" in reasons["evil.zip:../../escape.md"]
    assert "path leaves the archive" in reasons["evil.zip:/abs.md"]
    assert result.accepted == ["ok.md"]
    assert not (tmp_path.parent / "escape.md").exists()


def test_zip_bomb_is_refused(tmp_path):
    result = save_uploads([("bomb.zip", zipped({"bomb.md": b"0" * 5_000_000}))], root=tmp_path)
    assert result.folder is None
    assert "larger than" in result.refused[0][1] or "zip bomb" in result.refused[0][1]
    ratio = save_uploads([("ratio.zip", zipped({"r.md": b"a" * 1_000_000}))], root=tmp_path)
    assert "zip bomb" in ratio.refused[0][1]


def test_size_and_count_limits(tmp_path, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_FILES", 2)
    result = save_uploads(
        [(f"p{i}.md", PAGE) for i in range(4)] + [("big.md", b"x" * (uploads.MAX_FILE_BYTES + 1))], root=tmp_path
    )
    assert len(result.accepted) == 2
    reasons = [reason for _, reason in result.refused]
    assert reasons.count("more than 2 pages in one upload") == 2
    assert any("larger than" in r for r in reasons)


def test_a_broken_zip_is_named(tmp_path):
    result = save_uploads([("broken.zip", b"PK\x03\x04 not really")], root=tmp_path)
    assert result.refused == [("broken.zip", "not a readable zip file")]


def test_uploaded_pages_build_a_kb(tmp_path):
    from jobkg.kb import KnowledgeBase

    result = save_uploads([("team/widgets.md", PAGE)], root=tmp_path)
    kb = KnowledgeBase.build([result.folder])
    assert [r.title for r in kb.roles()] == ["Widget Manager"]
