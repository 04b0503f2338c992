"""Paging options for commands that list: a table shows a page (100 rows unless told), JSON
and CSV give every row, and a note under the table says which rows these are of how many."""

from __future__ import annotations

import argparse
from typing import Any

from jobkg.cli.output import out
from jobkg.cli.registry import arg
from jobkg.queries.paging import DEFAULT_LIMIT, Page

PAGING = (
    arg("--limit", type=int, help=f"at most this many rows (default: {DEFAULT_LIMIT} in a table, all in JSON/CSV)"),
    arg("--offset", type=int, default=0, help="skip this many rows first (default: 0)"),
    arg("--all", action="store_true", help="every row, also in a table"),
)


def page_limit(args: argparse.Namespace, is_table: bool) -> int | None:
    """The page size the options ask for: None means every row."""
    if args.all:
        return None
    if args.limit is not None:
        return args.limit
    return DEFAULT_LIMIT if is_table else None


def print_page_note(page: Page[Any]) -> None:
    """Under a table: which rows these are and how to see the rest."""
    hint = f"; --offset {page.next_offset} for the next page, --all for every row" if page.next_offset else ""
    out.print(f"[dim]{page.describe()}{hint}[/]")
