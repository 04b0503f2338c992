"""How the CLI prints: rich tables and text on stdout, messages on stderr. Labels come before
IRIs; page text is printed as text, never as rich markup."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.table import Table

from jobkg.tables import readable

out = Console(highlight=False, soft_wrap=True, width=None if sys.stdout.isatty() else 200)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def escape(text: str) -> str:
    """Text from pages shown inside rich markup: brackets are not markup."""
    return text.replace("[", "\\[")


def table(rows: list[dict[str, object]], iris: bool = False) -> Table:
    """Rows as a table people read (jobkg.tables): labels first, IRIs only when asked for."""
    shown = readable(rows, iris=iris)
    result = Table(*shown[0].keys())
    for row in shown:
        result.add_row(*(str(v) for v in row.values()))
    return result
