"""Hostile pages: each gives one clear line naming the file and the reason (or ingests
normally), the good pages beside it all ingest, in bounded time, with no traceback."""

from __future__ import annotations

import pytest

from jobkg.cli import main
from jobkg.ingest.corpus import ingest
from jobkg.ingest.markdown import parse_page
from jobkg.ingest.sections import read_sections

GOOD = "---\ntitle: Widgets\n---\n## Levels\n### Widget Manager\nThe Widget Manager is a grade 8.\n"
ALIAS_BOMB = (
    "---\na: &a [x,x,x,x,x,x,x,x,x]\n"
    + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))
    + "---\n## X\n"
)

HOSTILE: dict[str, tuple[bytes, str | None]] = {
    # name: (content, reason it is refused, or None when it ingests)
    "empty.md": (b"", "empty page"),
    "binary.md": (bytes(range(256)) * 4, "binary data"),
    "unterminated.md": (b"---\ntitle: Oops\n## Levels\n", "never closed"),
    "alias-bomb.md": (ALIAS_BOMB.encode(), "alias bomb"),
    "python-tag.md": (b"---\ntitle: !!python/object/apply:os.system ['touch /tmp/pwned']\n---\n", "not valid YAML"),
    "huge.md": (b"- item\n" * 400_000, "limit is 2 MB"),
    "latin1.md": ("## Caf\xe9 Manager\nThe Caf\xe9 Manager is a grade 7.\n".encode("latin-1"), None),
    "bom-crlf.md": ("\ufeff---\r\ntitle: CRLF\r\n---\r\n## Levels\r\n### CRLF Manager\r\nGrade 7.\r\n".encode(), None),
    "one-long-line.md": (b"## Responsibilities\n- " + b"x" * 1_000_000 + b"\n", None),
    "deep-lists.md": (("## Responsibilities\n" + "".join("  " * i + "- item\n" for i in range(1200))).encode(), None),
    "many-headings.md": ("".join(f"## Heading {i}\n- item\n" for i in range(5000)).encode(), None),
    "script-title.md": (
        b"---\ntitle: <script>alert(1)</script>\n---\n## Levels\n### <b>Bold</b> Manager\nGrade 8.\n",
        None,
    ),
    "erb.md": (b"## Levels\n### ERB Manager\n<%= partial('x') %>\nThe ERB Manager is a grade 8.\n", None),
}


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile") / "dept"
    folder.mkdir()
    (folder / "good.md").write_text(GOOD)
    for name, (content, _) in HOSTILE.items():
        (folder / name).write_bytes(content)
    (folder / "a-folder.md").mkdir()
    (folder / "loop").symlink_to(folder.parent)
    _, report = ingest([folder.parent])
    return report


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_each_hostile_page_is_refused_with_its_reason_or_ingested(hostile_report, name):
    failed = {f.file: f.reason for f in hostile_report.failed}
    reason = HOSTILE[name][1]
    if reason is None:
        assert f"dept/{name}" not in failed
    else:
        assert reason in failed[f"dept/{name}"]


def test_good_page_beside_hostile_ones_still_ingests(hostile_report):
    assert hostile_report.pages == 1 + sum(1 for _, reason in HOSTILE.values() if reason is None)
    assert len(hostile_report.failed) == sum(1 for _, reason in HOSTILE.values() if reason)


def test_yaml_tags_never_execute(hostile_report, tmp_path):
    assert not (tmp_path / "pwned").exists()
    import os

    assert not os.path.exists("/tmp/pwned")


def test_invalid_utf8_is_decoded_with_a_warning_not_garbled(hostile_report):
    messages = [w for w in hostile_report.warnings if w.file == "dept/latin1.md"]
    assert messages and "Latin-1" in messages[0].message


def test_html_in_titles_stays_text():
    record = read_sections(parse_page(HOSTILE["script-title.md"][0], "d/x.md", "d"))
    assert record.title == "<script>alert(1)</script>"
    assert record.roles[0].title == "<b>Bold</b> Manager"


def test_the_cli_says_one_line_per_bad_page_and_no_traceback(hostile_report, tmp_path, capsys):
    folder = tmp_path / "pages" / "dept"
    folder.mkdir(parents=True)
    (folder / "good.md").write_text(GOOD)
    (folder / "empty.md").write_text("")
    (folder / "binary.md").write_bytes(b"\x00\x01")
    code = main(["build", str(tmp_path / "pages")])
    err = capsys.readouterr().err
    assert code == 1
    assert "error: dept/empty.md: empty page" in err and "error: dept/binary.md: binary data" in err
    assert "Traceback" not in err


def test_duplicate_titles_and_cycles_are_reported(write_pages, capsys):
    folder = write_pages(
        {
            "d/one.md": "---\ntitle: Same\n---\n## Levels\n### Alpha Manager\n"
            "This position reports to the Beta Manager.\n",
            "d/two.md": "---\ntitle: Same\n---\n## Levels\n### Beta Manager\n"
            "This position reports to the Alpha Manager.\n"
            "### Gamma Lead\nThe Gamma Lead role extends the Delta Lead role.\n"
            "### Delta Lead\nThe Delta Lead role extends the Gamma Lead role.\n",
        }
    )
    code = main(["build", str(folder)])
    captured = capsys.readouterr()
    assert code == 0
    assert "same family title 'Same'" in captured.err
    assert "cycle on reportsUpTo" in captured.err and "cycle on extends" in captured.err
