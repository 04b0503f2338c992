"""Commands that send the KB elsewhere: export, push, ontology."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from jobkg.cli.output import out
from jobkg.cli.registry import arg, command
from jobkg.cli.sources import KB_SOURCE, build_kb, open_kb
from jobkg.errors import UsageError
from jobkg.exports import EXPORT_FORMATS
from jobkg.kb import KnowledgeBase
from jobkg.ontology import ONTOLOGY_FILE
from jobkg.ontology.publish import context_text, markdown, write

_FORMAT_HELP = "; ".join(f"{f.name}: {f.description}" for f in EXPORT_FORMATS.values())


@command(
    "export",
    "write the KB as RDF, as an org graph (GraphML, GEXF) or as a roles CSV",
    *KB_SOURCE,
    arg("--format", choices=list(EXPORT_FORMATS), default="turtle", help=_FORMAT_HELP),
    arg("--asserted-only", action="store_true", help="leave out the reasoner's inferred triples"),
    arg("-o", "--output", type=Path, help="file to write (default: standard output)"),
)
def export(args: argparse.Namespace) -> int:
    data = open_kb(args).export(args.format, asserted_only=args.asserted_only)
    if args.output:
        args.output.write_bytes(data)
    else:
        sys.stdout.buffer.write(data)
    return 0


@command(
    "push",
    "load the KB into a SPARQL 1.1 store (replaces its graph)",
    *KB_SOURCE,
    arg("--update-endpoint", help="where SPARQL updates go (default: found from --endpoint, see the README)"),
    arg("--store-endpoint", help="the store's Graph Store Protocol URL (default: found from --endpoint)"),
)
def push(args: argparse.Namespace) -> int:
    if not args.endpoint:
        raise UsageError("push needs --endpoint URL")
    kb = KnowledgeBase.load(args.kb) if args.kb else build_kb(args)
    count, how = kb.push(args.endpoint, args.graph, args.update_endpoint, args.store_endpoint)
    out.print(f"pushed {count} triples to {args.endpoint} ({how})", markup=False)
    return 0


@command(
    "ontology",
    "publish the ontology: JSON-LD context and docs/ontology.md",
    arg("--write", action="store_true", help="regenerate ontology/context.jsonld and docs/ontology.md"),
    arg("--format", choices=["markdown", "context", "turtle"], default="markdown"),
)
def ontology(args: argparse.Namespace) -> int:
    if args.write:
        for path in write():
            out.print(f"wrote {path}", markup=False)
        return 0
    text = {"markdown": markdown, "context": context_text, "turtle": ONTOLOGY_FILE.read_text}[args.format]()
    sys.stdout.write(text)
    return 0
