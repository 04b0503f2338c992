"""Stage 1: reading a page file into decoded text, front matter and blocks."""

from __future__ import annotations

import pytest

from jobkg.errors import PageError
from jobkg.ingest.markdown import page_key, parse_page, unfold_collapsed
from jobkg.ingest.records import BlockKind


def page(text: str | bytes, name: str = "dept/page.md"):
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return parse_page(raw, name, "dept")


def test_blocks_carry_source_lines_after_front_matter():
    result = page("---\ntitle: X\n---\n\n## Levels\n\n- first item\n  - nested\n")
    kinds = [(b.kind, b.line, b.text) for b in result.blocks]
    assert kinds == [
        (BlockKind.HEADING, 5, "Levels"),
        (BlockKind.ITEM, 7, "first item"),
        (BlockKind.ITEM, 8, "nested"),
    ]
    assert result.meta == {"title": "X"} and result.title_line == 2
    assert result.blocks[2].parent_line == 7


def test_links_are_kept_and_markup_dropped():
    result = page("The role is a [grade 7](/grades/#x) and **bold**.\n")
    block = result.blocks[0]
    assert block.text == "The role is a grade 7 and bold."
    assert block.links[0].href == "/grades/#x"


def test_collapsed_page_is_unfolded():
    text = (
        '--- layout: page title: "Leaders" --- ## Leaders The intro. ### Senior Manager, X #### Job Grade '
        "The Senior Manager is a [grade 9](/g). #### Responsibilities * Lead the team * Hire people"
    )
    unfolded = unfold_collapsed(text)
    assert unfolded.startswith('---\nlayout: page\ntitle: "Leaders"\n---\n')
    result = page(text + " " * 400)
    texts = [(b.kind, b.text) for b in result.blocks]
    assert (BlockKind.HEADING, "Senior Manager, X") in texts
    assert (BlockKind.PARAGRAPH, "The Senior Manager is a grade 9.") in texts
    assert (BlockKind.ITEM, "Hire people") in texts
    assert result.collapsed and all(b.line == 1 for b in result.blocks)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "empty page"),
        (b"   \n\n", "empty page"),
        (b"\x00\x01\x02binary", "binary data"),
        (b"---\ntitle: x\n\nno end", "never closed"),
        (b"---\ntitle: [unclosed\n---\nbody", "not valid YAML"),
    ],
)
def test_bad_pages_raise_a_named_error_with_the_file(raw, reason):
    with pytest.raises(PageError) as caught:
        page(raw, "dept/bad.md")
    assert reason in caught.value.reason
    assert str(caught.value).startswith("dept/bad.md")


def test_latin1_is_decoded_with_a_warning():
    result = page("## Caf\xe9 Manager\n".encode("latin-1"))
    assert result.blocks[0].text == "Café Manager"
    assert "not valid UTF-8" in result.warnings[0].message


def test_bom_and_crlf_ingest_normally():
    result = page("\ufeff---\r\ntitle: T\r\n---\r\n\r\n## Levels\r\n".encode())
    assert result.meta["title"] == "T"
    assert result.blocks[0].line == 5


def test_yaml_tags_are_never_executed():
    with pytest.raises(PageError):
        page("---\ntitle: !!python/object/apply:os.system ['echo hi']\n---\nbody\n")


def test_erb_tags_are_reported_not_parsed():
    result = page("## Levels\n\n<%= partial 'x' %>\n")
    assert result.unmapped[0].reason == "ERB template tag"
    assert result.unmapped[0].line == 3


@pytest.mark.parametrize(
    ("rel", "key"),
    [
        ("sales/renewals/index.html.md", "sales/renewals"),
        ("sales/x/index.html.md.erb", "sales/x"),
        ("engineering/tpm.md", "engineering/tpm"),
    ],
)
def test_page_keys(rel, key):
    assert page_key(rel) == key
