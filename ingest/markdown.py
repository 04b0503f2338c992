"""Stage 1: a page file into a ``Page``: decoded text, front matter and markdown blocks.

Uses markdown-it-py for markdown and python-frontmatter (YAML safe loader) for front
matter. Pages collapsed onto one line are unfolded first, so they yield the same blocks
a normal page would (all blocks then point at line 1, the only line there is).
"""

from __future__ import annotations

import re
from pathlib import Path

import frontmatter
import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from ingest.errors import PageError
from ingest.records import Block, BlockKind, IngestWarning, Link, Page, Unmapped

MAX_PAGE_BYTES = 2 * 1024 * 1024  # real job-family pages are under 100 kB
MAX_YAML_ALIASES = 50

_PARSER = MarkdownIt("commonmark", {"maxNesting": 40}).enable("table")
_ERB_TAG = re.compile(r"<%.*?%>", re.DOTALL)
_SECTION_WORDS = (
    "Job Grade|Responsibilities|Requirements|Nice-to-have Requirements?|Nice to have|"
    "Performance Indicators|Hiring Process|Career Ladder|Specialties|Levels"
)


def read_page(path: Path, root: Path) -> Page:
    """Read one page file. Raises PageError when it cannot be read at all."""
    rel = path.relative_to(root).as_posix() if path != root else path.name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PageError(rel, f"cannot read file ({exc.strerror or exc})") from None
    return parse_page(raw, rel, department_of(rel))


def department_of(rel: str) -> str | None:
    """The first folder of the page's relative path names its department."""
    parts = rel.split("/")
    return parts[0] if len(parts) > 1 else None


def page_key(rel: str) -> str:
    """'sales/renewals/index.html.md' -> 'sales/renewals'; 'x/y.md' -> 'x/y'."""
    key = re.sub(r"(/index)?(\.html)?\.md(\.erb)?$", "", rel)
    return key or rel


def parse_page(raw: bytes, rel: str, department: str | None) -> Page:
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
    meta, body, body_offset = _split_front_matter(text, rel)
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
    )


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


def _split_front_matter(text: str, rel: str) -> tuple[dict[str, object], str, int]:
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
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise PageError(rel, f"front matter is not valid YAML ({getattr(exc, 'problem', None) or exc})", line) from None
    meta = {str(k): v for k, v in post.metadata.items()} if isinstance(post.metadata, dict) else {}
    title = re.search(r"^title\s*:", block, re.MULTILINE)
    if title:
        meta["_title_line"] = block.count("\n", 0, title.start()) + 1
    offset = block.count("\n")
    return meta, text[len(block) :], offset


def _blocks(body: str, line_of) -> list[Block]:  # noqa: ANN001 - a line-mapping callable
    tokens = _PARSER.parse(body)
    blocks: list[Block] = []
    item_lines: list[int] = []  # the open list items, outermost first
    in_item_paragraph: list[bool] = []
    row_cells: list[tuple[str, tuple[Link, ...]]] | None = None
    row_line = 0
    heading_level = 0
    for index, token in enumerate(tokens):
        kind = token.type
        if kind == "heading_open":
            heading_level = int(token.tag[1])
        elif kind == "list_item_open":
            item_lines.append(line_of(token.map[0] + 1) if token.map else 0)
            in_item_paragraph.append(False)
        elif kind == "list_item_close":
            item_lines.pop()
            in_item_paragraph.pop()
        elif kind == "tr_open":
            row_cells = []
            row_line = line_of(token.map[0] + 1) if token.map else 0
        elif kind == "tr_close" and row_cells is not None:
            links = tuple(link for _, cell_links in row_cells for link in cell_links)
            cells = tuple(text for text, _ in row_cells)
            blocks.append(Block(BlockKind.ROW, " | ".join(cells), row_line, links=links, cells=cells))
            row_cells = None
        elif kind == "html_block":
            line = line_of(token.map[0] + 1) if token.map else 0
            blocks.append(Block(BlockKind.HTML, token.content.strip(), line))
        elif kind == "inline":
            text, links = render_inline(token.children or [])
            previous = tokens[index - 1].type
            if row_cells is not None:
                row_cells.append((text, links))
            elif previous == "heading_open":
                line = line_of(token.map[0] + 1) if token.map else 0
                blocks.append(Block(BlockKind.HEADING, text, line, heading_level, links))
            elif item_lines and not in_item_paragraph[-1]:
                in_item_paragraph[-1] = True
                parent = item_lines[-2] if len(item_lines) > 1 else None
                blocks.append(Block(BlockKind.ITEM, text, item_lines[-1], len(item_lines), links, parent_line=parent))
            elif text:
                line = line_of(token.map[0] + 1) if token.map else 0
                blocks.append(Block(BlockKind.PARAGRAPH, text, line, len(item_lines), links))
    return blocks


def render_inline(children: list[Token]) -> tuple[str, tuple[Link, ...]]:
    """Plain text of an inline run (markup dropped, HTML kept as literal text) and its links."""
    parts: list[str] = []
    links: list[Link] = []
    open_links: list[tuple[str, int]] = []
    for child in children:
        if child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
        elif child.type == "link_open":
            open_links.append((str(child.attrs.get("href", "")), len(parts)))
        elif child.type == "link_close" and open_links:
            href, start = open_links.pop()
            links.append(Link(_squash("".join(parts[start:])), href))
    return _squash("".join(parts)), tuple(links)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
