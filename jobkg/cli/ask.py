"""Commands that answer: ask, query, queries."""

from __future__ import annotations

import argparse
import csv
import json
import sys

from rich.table import Table

from jobkg.cli.output import escape, out, table
from jobkg.cli.registry import arg, command
from jobkg.cli.sources import KB_SOURCE, open_kb
from jobkg.errors import UsageError
from jobkg.queries import catalog
from jobkg.questions import ask as answer_question


@command(
    "ask",
    'ask a question, e.g. "who does a Staff ITPM report to"',
    arg("question"),
    *KB_SOURCE,
    arg("--json", action="store_true"),
)
def ask(args: argparse.Namespace) -> int:
    answer = answer_question(open_kb(args), args.question)
    if args.json:
        print(json.dumps(answer.to_dict(), indent=2, ensure_ascii=False))
        return 0 if answer.intent else 1
    out.print(f"[bold]{escape(answer.answer)}[/]")
    for candidate in answer.candidates:
        out.print(f"  - {candidate['title']} ({candidate['context']})", markup=False)
    if answer.rows:
        out.print(table(answer.rows))
    if answer.sparql:
        out.print("[dim]SPARQL:[/]")
        out.print(answer.sparql.strip(), markup=False, style="dim")
    for source in answer.sources:
        out.print(f"[dim]source: {escape(str(source['file']))}:{source['line']}[/]")
    return 0 if answer.intent and not answer.candidates else 1


@command(
    "query",
    "run a canned query (see `jobkg queries`)",
    arg("name", help="the query's name, e.g. reports-to"),
    *KB_SOURCE,
    arg("--param", action="append", default=[], metavar="KEY=VALUE", help='e.g. --param role="Staff ITPM"'),
    arg("--format", choices=["table", "json", "csv"], default="table"),
)
def query(args: argparse.Namespace) -> int:
    catalog.get(args.name)  # an unknown name fails before any build
    params = {}
    for item in args.param:
        key, sep, value = item.partition("=")
        if not sep:
            raise UsageError(f"--param takes KEY=VALUE, not {item!r}")
        params[key.strip()] = value
    rows = open_kb(args).run(args.name, params)
    if args.format == "json":
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    elif args.format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else [])
        writer.writeheader()
        writer.writerows(rows)
    else:
        out.print(table(rows) if rows else "(no rows)")
    return 0


@command("queries", "list the canned queries", arg("--json", action="store_true"))
def queries(args: argparse.Namespace) -> int:
    entries = [entry.summary() for entry in catalog.public().values()]
    if args.json:
        print(json.dumps(entries, indent=2))
        return 0
    listing = Table("name", "title", "params")
    for entry in entries:
        params = ", ".join(f"{p['name']} ({p['type']}, e.g. {p['example']})" for p in entry["params"])
        listing.add_row(str(entry["name"]), str(entry["title"]), params)
    out.print(listing)
    return 0
