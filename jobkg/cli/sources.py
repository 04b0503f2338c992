"""Where a command's KB comes from: page files and folders (SOURCES, default the bundled
corpus), a KB file written by `jobkg build -o` (--kb), or a SPARQL endpoint (--endpoint)."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from jobkg.cli.output import err
from jobkg.cli.registry import arg
from jobkg.exports import source_kind
from jobkg.ingest.corpus import find_pages
from jobkg.ingest.profile import builtin_names
from jobkg.kb import BUNDLED_CORPUS, KnowledgeBase
from jobkg.ontology.reasoner import ENGINES

PROGRESS_FROM_PAGES = 50

PAGES = (arg("sources", nargs="*", type=Path, help="page files or folders (default: the bundled corpus)"),)
KB_SOURCE = (
    *PAGES,
    arg("--kb", type=Path, help="a KB file written by `jobkg build -o` instead of SOURCES"),
    arg("--endpoint", help="run against this SPARQL 1.1 endpoint instead of the embedded store"),
    arg("--graph", help="the named graph holding the KB at the endpoint"),
    arg("--reasoner", choices=ENGINES, default="jobkg", help="reasoning engine (default: jobkg)"),
    arg(
        "--profile",
        metavar="NAME|FILE",
        help=f"read every page with this layout profile (built-in: {', '.join(builtin_names())}; "
        "or a .toml file, see docs/profiles.md); default: each page's own",
    ),
)


def open_kb(args: argparse.Namespace) -> KnowledgeBase:
    """The endpoint, else the KB file, else a build of SOURCES."""
    if getattr(args, "endpoint", None):
        return KnowledgeBase.remote(args.endpoint, args.graph)
    if getattr(args, "kb", None):
        return KnowledgeBase.load(args.kb)
    return build_kb(args)


def build_kb(args: argparse.Namespace) -> KnowledgeBase:
    """Build from SOURCES, with a progress bar on a terminal for larger corpora."""
    sources = args.sources or [BUNDLED_CORPUS]
    total = len(find_pages(sources, args.profile))
    if total < PROGRESS_FROM_PAGES or not err.is_terminal:
        return KnowledgeBase.build(sources, reasoner=args.reasoner, profile=args.profile)
    columns = (TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"))
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("", total=total)
        return KnowledgeBase.build(
            sources,
            reasoner=args.reasoner,
            on_page=lambda name: progress.update(task, advance=1, description=name),
            profile=args.profile,
        )


def kb_at(path: Path) -> KnowledgeBase:
    """A saved KB loaded (jobkg.exports.source_kind), or a folder of pages built."""
    if source_kind(str(path)) == "KB file" and path.exists():
        return KnowledgeBase.load(path)
    return KnowledgeBase.build([path])
