"""Stage 1: a page file into a ``Page``: decoded text, front matter and markdown blocks.

Uses pyromark (Rust's pulldown-cmark: CommonMark plus tables) for markdown, about eight
times faster than markdown-it-py here, and python-frontmatter (YAML safe loader) for front
matter. Pages collapsed onto one line are unfolded first, so they yield the same blocks
a normal page would (all blocks then point at line 1, the only line there is).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

import frontmatter
import markdownify
import pyromark
import yaml

from jobkg.errors import PageError
from jobkg.ingest.records import Block, BlockKind, IngestWarning, Link, Page, Unmapped

MAX_PAGE_BYTES = 2 * 1024 * 1024  # real job-family pages are under 100 kB
MAX_YAML_ALIASES = 50

_OPTIONS = pyromark.Options.ENABLE_TABLES
_INLINE_TAGS = frozenset({"Emphasis", "Strong", "Strikethrough", "Link", "Image", "Superscript", "Subscript"})
_ERB_TAG = re.compile(r"<%.*?%>", re.DOTALL)
_STRUCTURED_HTML = re.compile(r"<(?:dl|table|ul|ol|p|h[1-6])\b", re.IGNORECASE)
_SECTION_WORDS = (
    "Job Grade|Responsibilities|Requirements|Nice-to-have Requirements?|Nice to have|"
    "Performance Indicators|Hiring Process|Career Ladder|Specialties|Levels"
)


def read_page(path: Path, root: Path, family_key: str | None = None) -> Page:
    """Read one page file. Raises PageError when it cannot be read at all."""
    rel = path.relative_to(root).as_posix() if path != root else path.name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PageError(rel, f"cannot read file ({exc.strerror or exc})") from None
    return parse_page(raw, rel, department_of(rel), family_key)


def department_of(rel: str) -> str | None:
    """The first folder of the page's relative path names its department."""
    parts = rel.split("/")
    return parts[0] if len(parts) > 1 else None


def page_key(rel: str) -> str:
    """'sales/renewals/index.html.md' -> 'sales/renewals'; 'x/_index.md' -> 'x'; 'x/y.md' -> 'x/y'."""
    key = re.sub(r"(/_?index)?(\.html)?\.md(\.erb)?$", "", rel)
    return key or rel


def parse_page(raw: bytes, rel: str, department: str | None, family_key: str | None = None) -> Page:
    warnings: list[IngestWarning] = []
    if len(raw) > MAX_PAGE_BYTES:
        raise PageError(
            rel, f"page is {len(raw) / 1024 / 1024:.1f} MB; the limit is {MAX_PAGE_BYTES // 1024 // 1024} MB"
        )
    text = _decode(raw, rel, warnings)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise PageError(rel, "empty page")
    collapsed = _is_collapsed(text)
    if collapsed:
        text = unfold_collapsed(text)
        warnings.append(
            IngestWarning(rel, 1, "page is collapsed onto one line; unfolded it (every fact points at line 1)")
        )
    unmapped: list[Unmapped] = []
    text = _strip_erb(text, rel, unmapped)
    meta, body, body_offset = _split_front_matter(text, rel, warnings)
    front_matter = text[: len(text) - len(body)]
    line_of = (lambda _line: 1) if collapsed else (lambda line: line + body_offset)
    blocks = tuple(_blocks(body, line_of))
    return Page(
        path=rel,
        key=page_key(rel),
        department=department,
        meta=meta,
        blocks=blocks,
        collapsed=collapsed,
        unmapped=tuple(unmapped),
        warnings=tuple(warnings),
        family_key=family_key,
        front_matter=front_matter,
        title_line=_title_line(front_matter),
    )


def _title_line(front_matter: str) -> int | None:
    title = re.search(r"^title\s*:", front_matter, re.MULTILINE)
    return front_matter.count("\n", 0, title.start()) + 1 if title else None


def _decode(raw: bytes, rel: str, warnings: list[IngestWarning]) -> str:
    if b"\x00" in raw[:8192]:
        raise PageError(rel, "binary data, not a text page")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        warnings.append(IngestWarning(rel, line, "not valid UTF-8; decoded as Windows-1252/Latin-1"))
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError:
            return raw.decode("latin-1")


def _is_collapsed(text: str) -> bool:
    """A whole page on one or two lines that still has headings or front matter in it."""
    lines = text.strip().split("\n")
    return len(lines) <= 2 and len(text) > 300 and bool(re.search(r"(^|\s)(---|#{1,6})\s", text))


def unfold_collapsed(text: str) -> str:
    """Put back the line breaks of a page whose markdown was collapsed onto one line."""
    text = text.strip()
    front = ""
    match = re.match(r"^---\s+(.*?)\s+---\s+", text, re.DOTALL)
    if match:
        keys = re.sub(r"\s+(?=[A-Za-z_][\w-]*:\s)", "\n", match.group(1))
        front = f"---\n{keys}\n---\n\n"
        text = text[match.end() :]
    # Headings: a run of '#' after white space, followed by text.
    text = re.sub(r"\s+(#{1,6})\s+(?=\S)", r"\n\n\1 ", text)
    # List items: '* ', '- ' or '1. ' before a capital, a link or emphasis.
    text = re.sub(r"\s+([*-]|\d{1,2}\.)\s+(?=[A-Z0-9\[_*`])", r"\n\1 ", text)
    lines = [_split_heading_line(line) for line in text.split("\n")]
    return front + "\n".join(lines) + "\n"


def _split_heading_line(line: str) -> str:
    """'#### Job Grade The role is ...' -> heading, blank line, paragraph."""
    match = re.match(r"^(#{1,6}) (.*)$", line)
    if not match:
        return line
    hashes, rest = match.groups()
    section = re.match(rf"^({_SECTION_WORDS})\b\s*(.*)$", rest, re.IGNORECASE)
    if section and section.group(2):
        return f"{hashes} {section.group(1)}\n\n{section.group(2)}"
    sentence = re.search(r"\s(?=(The|This|A|An|In|As|For|Our|We|You|Candidates)\s)", rest)
    if sentence and sentence.start() > 0:
        return f"{hashes} {rest[: sentence.start()]}\n\n{rest[sentence.end() :]}"
    return line


def _strip_erb(text: str, rel: str, unmapped: list[Unmapped]) -> str:
    """ERB template tags are not content; report each and blank it out (keeping lines)."""

    def blank(match: re.Match[str]) -> str:
        line = text.count("\n", 0, match.start()) + 1
        unmapped.append(Unmapped(rel, line, match.group(0)[:200], "ERB template tag"))
        return "\n" * match.group(0).count("\n")

    return _ERB_TAG.sub(blank, text)


def _with_tabs_as_spaces(
    block: str, rel: str, error: yaml.YAMLError, warnings: list[IngestWarning]
) -> frontmatter.Post:
    """YAML forbids tabs where pages often have one ('-\tcriterion'); read them as spaces once,
    with a warning, or report the original error."""
    mark = getattr(error, "problem_mark", None)
    line = mark.line + 1 if mark else 1
    if "\t" in block:
        try:
            post = frontmatter.loads(block.replace("\t", " "))
        except yaml.YAMLError:
            pass
        else:
            warnings.append(IngestWarning(rel, line, "front matter has tabs, which YAML forbids; read them as spaces"))
            return post
    raise PageError(rel, f"front matter is not valid YAML ({getattr(error, 'problem', None) or error})", line) from None


def _split_front_matter(text: str, rel: str, warnings: list[IngestWarning]) -> tuple[dict[str, object], str, int]:
    """Return (metadata, body, number of lines before the body)."""
    if not text.startswith("---"):
        return {}, text, 0
    end = re.search(r"^(---|\.\.\.)\s*$", text[3:], re.MULTILINE)
    if not end:
        raise PageError(rel, "front matter starts with '---' but is never closed", 1)
    block = text[: 3 + end.end()]
    if block.count("*") > MAX_YAML_ALIASES and re.search(r"&\w", block):
        raise PageError(rel, "front matter uses too many YAML aliases (possible alias bomb)", 1)
    try:
        post = frontmatter.loads(block)
    except yaml.YAMLError as exc:
        post = _with_tabs_as_spaces(block, rel, exc, warnings)
    meta = {str(k): v for k, v in post.metadata.items()} if isinstance(post.metadata, dict) else {}
    offset = block.count("\n")
    return meta, text[len(block) :], offset


class _BlockReader:
    """Folds pulldown-cmark's event stream (via pyromark) into ``Block`` records.

    A block's text is the plain text of its inline run: markup dropped, inline HTML and
    code kept as literal text, image alt text kept, line breaks as spaces. A list item's
    first run is its ITEM; later runs in the item are PARAGRAPHs at the item's depth.
    Code blocks are not prose and yield nothing.
    """

    def __init__(self, body: str, line_of: Callable[[int], int]) -> None:
        self._newlines = [m.start() for m in re.finditer(b"\n", body.encode())]
        self._line_of = line_of
        self.blocks: list[Block] = []
        self._parts: list[str] | None = None  # the open inline run, if any
        self._links: list[Link] = []
        self._open_links: list[tuple[str, int]] = []
        self._run_start = 0
        self._items: list[tuple[int, bool]] = []  # open list items: (line, first run taken)
        self._heading_level = 0
        self._row: list[tuple[str, tuple[Link, ...]]] | None = None
        self._row_line = 0
        self._html: list[str] | None = None
        self._html_line = 0
        self._in_code = False

    def line(self, offset: int) -> int:
        return self._line_of(bisect_right(self._newlines, offset - 1) + 1)

    def read(self, events: Iterable[tuple[Any, Any]]) -> list[Block]:
        """pyromark's events (typed there as a union of TypedDicts): a bare name ('SoftBreak'), or
        {kind: value}, each with its source range."""
        for event, span in events:
            if isinstance(event, str):
                if event in ("SoftBreak", "HardBreak") and self._parts is not None:
                    self._parts.append(_BREAK)
                continue
            (kind, value), *_ = event.items()
            if kind == "Start":
                self._start(value, span["start"])
            elif kind == "End":
                self._end(value)
            elif kind in ("Text", "Code", "InlineHtml") and not self._in_code:
                self._text(value, span["start"])
            elif kind == "Html" and self._html is not None:
                self._html.append(value)
        return self.blocks

    def _start(self, tag: str | dict[str, Any], offset: int) -> None:
        name, value = (tag, {}) if isinstance(tag, str) else next(iter(tag.items()))
        if name in _INLINE_TAGS:
            if self._parts is None and not self._in_code:  # markup opening a tight list item's text
                self._open_run(offset)
            if name == "Link":
                self._open_links.append((str(value["dest_url"]), len(self._parts or [])))
            return
        self._close_tight_item()
        if name in ("Paragraph", "TableCell"):
            self._open_run(offset)
        elif name == "Heading":
            self._heading_level = int(value["level"][1])
            self._open_run(offset)
        elif name == "Item":
            self._items.append((self.line(offset), False))
        elif name in ("TableHead", "TableRow"):
            self._row, self._row_line = [], self.line(offset)
        elif name == "HtmlBlock":
            self._html, self._html_line = [], self.line(offset)
        elif name == "CodeBlock":
            self._in_code = True

    def _end(self, tag: object) -> None:
        name = tag if isinstance(tag, str) else next(iter(tag))  # type: ignore[call-overload]
        if name in ("Paragraph", "Heading", "TableCell"):
            self._close_run(name)
        elif name == "Item":
            self._close_tight_item()
            self._items.pop()
        elif name in ("TableHead", "TableRow") and self._row is not None:
            links = tuple(link for _, cell_links in self._row for link in cell_links)
            cells = tuple(text for text, _ in self._row)
            self.blocks.append(Block(BlockKind.ROW, " | ".join(cells), self._row_line, links=links, cells=cells))
            self._row = None
        elif name == "HtmlBlock" and self._html is not None:
            html = "".join(self._html)
            structured = _STRUCTURED_HTML.search(html)
            self.blocks.extend(
                html_blocks(html, self._html_line)
                if structured
                else [Block(BlockKind.HTML, html.strip(), self._html_line)]
            )
            self._html = None
        elif name == "CodeBlock":
            self._in_code = False
        elif name == "Link" and self._open_links and self._parts is not None:
            href, start = self._open_links.pop()
            self._links.append(Link(_squash("".join(self._parts[start:]).replace(_BREAK, " ")), href))

    def _text(self, text: str, offset: int) -> None:
        if self._parts is None:  # text directly in a tight list item
            self._open_run(offset)
        self._parts.append(text)  # type: ignore[union-attr]

    def _open_run(self, offset: int) -> None:
        self._parts, self._links, self._open_links, self._run_start = [], [], [], offset

    def _close_tight_item(self) -> None:
        if self._parts is not None and self._items and not self._items[-1][1]:
            self._close_run("Paragraph")

    def _close_run(self, name: str) -> None:
        if self._parts is None:
            return
        text, breaks = _unbroken(_squash("".join(self._parts)))
        links = tuple(self._links)
        self._parts = None
        if name == "TableCell":
            if self._row is not None:
                self._row.append((text, links))
        elif name == "Heading":
            self.blocks.append(Block(BlockKind.HEADING, text, self.line(self._run_start), self._heading_level, links))
        elif self._items and not self._items[-1][1]:
            line, _ = self._items[-1]
            self._items[-1] = (line, True)
            parent = self._items[-2][0] if len(self._items) > 1 else None
            item = Block(BlockKind.ITEM, text, line, len(self._items), links, parent_line=parent, breaks=breaks)
            self.blocks.append(item)
        elif text:
            line = self.line(self._run_start)
            self.blocks.append(Block(BlockKind.PARAGRAPH, text, line, len(self._items), links, breaks=breaks))


def html_blocks(html: str, first_line: int) -> list[Block]:
    """An HTML block with structure (a definition list, a table, lists, paragraphs) read as the
    markdown it stands for (markdownify), each block at the line of the HTML that holds its
    first words: '<dt>Grade</dt><dd>G7</dd>' reads as 'Grade: G7'."""
    html = re.sub(r"</dt>\s*<dd[^>]*>", "</dt><dd>: ", html)  # a term and its value on one line
    text = markdownify.markdownify(html, heading_style="ATX", bullets="-")
    text = re.sub(r"(?m)^:\s+", "", text)
    raw_lines = html.split("\n")
    blocks = []
    for block in _blocks(text, lambda _line: first_line):
        words = block.text[:30].split(":")[0].strip()
        at = next((i for i, line in enumerate(raw_lines) if words and words in line), 0)
        blocks.append(replace(block, line=first_line + at))
    return blocks


def _blocks(body: str, line_of: Callable[[int], int]) -> list[Block]:
    return _BlockReader(body, line_of).read(pyromark.events_with_range(body, options=_OPTIONS))


_BREAK = " \x00 "  # a line break inside a block, kept until its offset is known


def _unbroken(text: str) -> tuple[str, tuple[int, ...]]:
    """The text without its line-break marks, and the offset at which each next line starts."""
    if "\x00" not in text:
        return text, ()
    words: list[str] = []
    breaks: list[int] = []
    length = 0
    for word in text.split(" "):
        if word == "\x00":
            breaks.append(length + 1 if words else 0)
            continue
        length += len(word) + (1 if words else 0)
        words.append(word)
    return " ".join(words), tuple(breaks)


def _squash(text: str) -> str:
    return " ".join(text.split())
