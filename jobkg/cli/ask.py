"""Commands that answer: ask, query, queries."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from rich.table import Table

from jobkg.cli.output import escape, out, table
from jobkg.cli.paging import PAGING, page_limit, print_page_note
from jobkg.cli.registry import arg, command
from jobkg.cli.sources import KB_SOURCE, open_kb
from jobkg.errors import UsageError
from jobkg.queries import catalog
from jobkg.questions import ask as answer_question
from jobkg.questions import examples


class _HelpWithExamples(argparse.Action):
    """`jobkg ask --help`: the options, then example questions made from the pages given
    before --help (default: the bundled pages), so they work on any corpus."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, *_: object) -> None:
        parser.print_help()
        if not getattr(namespace, "sources", None):
            namespace.sources = []
        for name in ("kb", "endpoint", "graph", "profile"):
            setattr(namespace, name, getattr(namespace, name, None))
        namespace.reasoner = getattr(namespace, "reasoner", "jobkg")
        print("\nexample questions (made from these pages):")
        for question in examples(open_kb(namespace)):
            print(f'  jobkg ask "{question}"')
        parser.exit()


@command(
    "ask",
    'ask a question, e.g. "who does a Staff ITPM report to"; with no question, example questions',
    arg("-h", "--help", action=_HelpWithExamples, nargs=0, help="show this help and example questions"),
    arg("question", nargs="?"),
    *KB_SOURCE,
    arg("--json", action="store_true"),
    arg("-v", "--verbose", action="store_true", help="also print the rows and the SPARQL that ran"),
    arg("--iris", action="store_true", help="with --verbose, also show IRI columns in the rows"),
    arg("--intent", help="read the question as this intent (one the answer offers as another reading)"),
    own_help=True,
)
def ask(args: argparse.Namespace) -> int:
    if args.question and Path(args.question).exists():  # `jobkg ask pages/`: no question, examples from pages/
        args.sources, args.question = [Path(args.question), *args.sources], None
    kb = open_kb(args)
    if not args.question:
        out.print("Ask about the roles of these pages, for example:")
        for question in examples(kb):
            out.print(f'  jobkg ask "{question}"', markup=False)
        return 0
    answer = answer_question(kb, args.question, args.intent)
    if args.json:
        print(json.dumps(answer.to_dict(), indent=2, ensure_ascii=False))
        return 0 if answer.intent else 1
    out.print(f"[bold]{escape(answer.answer)}[/]")
    if answer.understood:
        out.print(f"[dim]understood as: {escape(answer.understood)}[/]")
    for candidate in answer.candidates:
        out.print(f"  - {candidate['title']} ({candidate['context']})", markup=False)
    for other in answer.alternatives:
        out.print(f"[dim]or read as {escape(other['label'])}: --intent {other['intent']}[/]")
    if args.verbose and answer.rows:
        out.print(table(answer.rows, iris=args.iris))
    if args.verbose and answer.sparql:
        out.print("[dim]SPARQL:[/]")
        out.print(answer.sparql.strip(), markup=False, style="dim")
    for source in answer.sources[:5]:
        out.print(f"[dim]source: {escape(str(source['file']))}:{source['line']}[/]")
    if len(answer.sources) > 5:
        out.print(f"[dim]... and {len(answer.sources) - 5} more sources (--json)[/]")
    return 0 if answer.intent and not answer.candidates else 1


@command(
    "query",
    "run a canned query (see `jobkg queries`)",
    arg("name", help="the query's name, e.g. reports-to"),
    *KB_SOURCE,
    arg("--param", action="append", default=[], metavar="KEY=VALUE", help='e.g. --param role="Staff ITPM"'),
    arg("--format", choices=["table", "json", "csv"], default="table"),
    arg("--iris", action="store_true", help="also show IRI columns in the table (JSON and CSV always have them)"),
    *PAGING,
)
def query(args: argparse.Namespace) -> int:
    catalog.get(args.name)  # an unknown name fails before any build
    params = {}
    for item in args.param:
        key, sep, value = item.partition("=")
        if not sep:
            raise UsageError(f"--param takes KEY=VALUE, not {item!r}")
        params[key.strip()] = value
    found = open_kb(args).page(args.name, params, args.offset, page_limit(args, args.format == "table"))
    rows = found.rows
    if args.format == "json":
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    elif args.format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else [])
        writer.writeheader()
        writer.writerows(rows)
    else:
        if rows:
            out.print(table(rows, iris=args.iris))
        print_page_note(found)
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
