"""Commands around the KB: bench, generate, app."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from rich.table import Table

from jobkg.bench import STAGES, goals, markdown
from jobkg.bench import run as run_bench
from jobkg.cli.output import out
from jobkg.cli.registry import arg, command
from jobkg.cli.sources import PAGES
from jobkg.errors import UsageError
from jobkg.kb import BUNDLED_CORPUS
from jobkg.synth import generate as generate_org


@command(
    "bench",
    "measure every stage side by side (see docs/performance.md); a GOLD.json among the sources "
    "scores how faithfully the pages are read (docs/fidelity.md), a QUESTIONS.yaml how the question "
    "box answers (docs/questions.md)",
    *PAGES,
    arg("--only", choices=STAGES, help="run one stage"),
    arg("--scale", default="1,10", help="synthetic-org factors for the scale stage (e.g. 1,10,100)"),
    arg("--json", action="store_true"),
    arg("--markdown", type=Path, help="also write the run as Markdown tables (docs/performance-run.md)"),
    arg("--from-json", type=Path, help="render --markdown from a saved --json run instead of running"),
)
def bench(args: argparse.Namespace) -> int:
    try:
        factors = [float(f) for f in args.scale.split(",") if f.strip()]
    except ValueError:
        raise UsageError(f"--scale takes numbers like 1,10,100, not {args.scale!r}") from None
    golds = [path for path in args.sources if path.suffix in (".json", ".yaml", ".yml")]
    pages = [path for path in args.sources if path.suffix not in (".json", ".yaml", ".yml")]
    if len(golds) > 1:
        raise UsageError("give one gold file (GOLD.json) at a time")
    if args.from_json:
        result = json.loads(args.from_json.read_text())
    elif args.only in ("fidelity", "questions", "paths", "occupations"):
        result = run_bench(pages, only=args.only, gold=golds[0] if golds else None)
    else:
        result = run_bench(pages or [BUNDLED_CORPUS], only=args.only, factors=factors, gold=golds[0] if golds else None)
    if args.markdown:
        command_line = "jobkg " + " ".join(sys.argv[1:]) if not args.from_json else result.get("command", "jobkg bench")
        args.markdown.write_text(markdown(result, str(command_line), str(result.get("date", date.today()))))
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    out.print(f"machine: {result['machine']}", markup=False)
    if "fidelity" in result:
        _print_fidelity(result["fidelity"])
    if "questions" in result:
        _print_questions(result["questions"])
    if "paths" in result:
        out.print(f"paths: {result['paths']}", markup=False)
    if "occupations" in result:
        out.print(f"occupations: {result['occupations']}", markup=False)
    if "corpus" not in result:
        return 0
    out.print(f"corpus: {result['corpus']}", markup=False)
    for stage in ("ingest", "reason", "ask", "scale", "app", "load", "push"):
        if stage in result:
            out.print(f"{stage}: {result[stage]}", markup=False)
    if "query" in result:
        table = Table("query", "p50 ms", "p95 ms", "rdflib p50 ms", "speed-up")
        for name, times in result["query"].items():
            p50, p95, rdflib_p50 = times["p50_ms"], times["p95_ms"], times["rdflib_p50_ms"]
            if rdflib_p50 is None:
                table.add_row(name, f"{p50:.2f}", f"{p95:.2f}", "failed" if times.get("rdflib_failed") else "—", "—")
                continue
            speedup = rdflib_p50 / p50 if p50 else 0
            table.add_row(name, f"{p50:.2f}", f"{p95:.2f}", f"{rdflib_p50:.1f}", f"{speedup:.0f}x")
        out.print(table)
    return 0


def _print_questions(scored: dict[str, object], shown: int = 15) -> None:
    out.print(
        f"{scored['right']} of {scored['questions']} answered right ({scored['share_right']}); "
        f"{scored['about_another']} about a thing the question did not name; "
        f"{scored['unanswerable_said_so']} of {scored['unanswerable']} unanswerable ones said so",
        markup=False,
    )
    table = Table("kind", "right")
    for kind, right in scored["by_kind"].items():  # type: ignore[attr-defined]
        table.add_row(kind, right)
    out.print(table)
    for miss in scored["misses"][:shown]:  # type: ignore[index]
        out.print(f"  {miss['id']}: {miss['question']!r} -> {miss['answer'][:120]!r}", markup=False)


def _print_fidelity(fidelity: dict[str, Any], shown: int = 15) -> None:
    table = Table("goal", "measured", "met")
    for goal, measured, met in goals({"fidelity": fidelity}):
        table.add_row(goal, measured, "yes" if met else "no")
    out.print(table)
    out.print(
        f"{fidelity['pages']} pages, {fidelity['gold_roles']} gold roles, {fidelity['found_roles']} found, "
        f"{fidelity['matched']} matched; role precision {fidelity['role_precision']}, "
        f"level accuracy {fidelity['level_accuracy']}; items of {fidelity['item_roles']} roles: "
        f"{fidelity['gold_items']} in gold, {fidelity['found_items']} read",
        markup=False,
    )
    misses = fidelity["misses"]
    for miss in misses[:shown]:
        line = f"  {miss['file']}: {miss['kind']}: gold {miss['gold']!r}, read {miss['found']!r}"
        out.print(line, markup=False)
    if len(misses) > shown:
        out.print(f"  ... and {len(misses) - shown} more (--json shows all)")


@command(
    "generate",
    "write a synthetic org's job-family pages (for scale and demos)",
    arg("folder", type=Path),
    arg("--factor", type=float, default=1.0, help="1 = as many pages as the dev corpus (78)"),
    arg("--seed", type=int, default=7),
)
def generate(args: argparse.Namespace) -> int:
    count = generate_org(args.folder, args.factor, args.seed)
    out.print(f"wrote {count} pages under {args.folder}", markup=False)
    return 0


@command(
    "app",
    "open the web app (Streamlit) on folders of pages, KB files or SPARQL endpoints",
    arg(
        "sources",
        nargs="*",
        help="what it serves: folders of pages, saved KBs (.oxigraph, .trig, .nq, ...), endpoint URLs "
        "(and the bundled corpus)",
    ),
    arg("--port", type=int, default=8501, help="port to serve on (default: 8501)"),
    arg("--host", default="localhost", help="address to serve on (default: localhost)"),
    arg(
        "--any-source",
        action="store_true",
        help="let the sidebar open any folder, file or URL (a machine only you use)",
    ),
)
def app(args: argparse.Namespace) -> int:
    from jobkg.app.serve import serve

    return serve(args.sources, args.port, args.host, args.any_source)
