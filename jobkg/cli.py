"""The `jobkg` command: a thin shim over KnowledgeBase. Parsing by argparse, output by rich."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from ingest.corpus import find_pages
from ingest.errors import JobkgError
from jobkg.kb import ALL_FORMATS, BUNDLED_CORPUS, KnowledgeBase
from ontology.reasoner import ENGINES
from queries import catalog
from queries.answer import ask
from queries.backends import QueryError

out = Console(highlight=False, soft_wrap=True, width=None if sys.stdout.isatty() else 200)
err = Console(stderr=True, highlight=False, soft_wrap=True)

PROGRESS_FROM_PAGES = 50


def _kb_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sources", nargs="*", type=Path, help="page files or folders (default: the bundled corpus)")
    parser.add_argument("--kb", type=Path, help="a KB file written by `jobkg build -o` instead of SOURCES")
    parser.add_argument("--endpoint", help="run against this SPARQL 1.1 endpoint instead of the embedded store")
    parser.add_argument("--graph", help="the named graph holding the KB at the endpoint")
    parser.add_argument("--reasoner", choices=ENGINES, default="jobkg", help="reasoning engine (default: jobkg)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jobkg", description="A graph knowledge base of a company's job architecture."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser("build", help="ingest pages, reason, report; optionally write the KB (TriG)")
    _kb_options(build)
    build.add_argument("-o", "--output", type=Path, help="write the KB here (.trig, or .nq for N-Quads)")
    build.add_argument("--report", type=Path, help="write the full ingest report here as JSON")
    build.add_argument("--json", action="store_true", help="print the full ingest report as JSON")

    roles = commands.add_parser("roles", help="every role with grade, reporting line and duties")
    _kb_options(roles)
    roles.add_argument("--json", action="store_true", help="one JSON object per role (a JSON list)")

    export = commands.add_parser("export", help="write the KB as RDF")
    _kb_options(export)
    export.add_argument("--format", choices=ALL_FORMATS, default="turtle")
    export.add_argument("--asserted-only", action="store_true", help="leave out the reasoner's inferred triples")
    export.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")

    question = commands.add_parser("ask", help='ask a question, e.g. "who does a Staff ITPM report to"')
    question.add_argument("question")
    _kb_options(question)
    question.add_argument("--json", action="store_true")

    query = commands.add_parser("query", help="run a canned query")
    query.add_argument("name", help="see `jobkg queries`")
    _kb_options(query)
    query.add_argument("--param", action="append", default=[], metavar="KEY=VALUE")
    query.add_argument("--format", choices=["table", "json", "csv"], default="table")

    queries = commands.add_parser("queries", help="list the canned queries")
    queries.add_argument("--json", action="store_true")

    explain = commands.add_parser("explain", help="where a role's inherited items and reporting chain come from")
    explain.add_argument("role")
    _kb_options(explain)
    explain.add_argument("--json", action="store_true")
    push = commands.add_parser("push", help="load the KB into a SPARQL 1.1 store (replaces its graph)")
    _kb_options(push)
    push.add_argument("--update-endpoint", help="where updates go (default: --endpoint with /query -> /update)")
    bench = commands.add_parser("bench", help="measure every stage side by side (see docs/performance.md)")
    bench.add_argument("sources", nargs="*", type=Path, help="page files or folders (default: the bundled corpus)")
    bench.add_argument("--only", choices=["ingest", "reason", "query", "scale", "app", "load"], help="run one stage")
    bench.add_argument("--scale", default="1,10", help="synthetic-org factors for the scale stage (e.g. 1,10,100)")
    bench.add_argument("--json", action="store_true")
    bench.add_argument("--markdown", type=Path, help="also write the run as Markdown tables (docs/performance-run.md)")
    bench.add_argument("--from-json", type=Path, help="render --markdown from a saved --json run instead of running")
    compare = commands.add_parser("diff", help="roles added, removed and changed between two corpora or KB files")
    compare.add_argument("old", type=Path, help="folder of pages or KB file (.trig/.nq)")
    compare.add_argument("new", type=Path, help="folder of pages or KB file (.trig/.nq)")
    compare.add_argument("--json", action="store_true")

    check = commands.add_parser("validate", help="check the KB against the SHACL shapes (exit 1 on violations)")
    _kb_options(check)
    check.add_argument("--json", action="store_true")

    generate = commands.add_parser("generate", help="write a synthetic org's job-family pages (for scale and demos)")
    generate.add_argument("folder", type=Path)
    generate.add_argument("--factor", type=float, default=1.0, help="1 = as many pages as the dev corpus (78)")
    generate.add_argument("--seed", type=int, default=7)

    ontology = commands.add_parser("ontology", help="publish the ontology: JSON-LD context and docs/ontology.md")
    ontology.add_argument(
        "--write", action="store_true", help="regenerate ontology/context.jsonld and docs/ontology.md"
    )
    ontology.add_argument("--format", choices=["markdown", "context", "turtle"], default="markdown")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except (JobkgError, QueryError) as error:
        err.print(f"jobkg: error: {error}", markup=False)
        return 1
    except KeyboardInterrupt:
        return 130


def _open_kb(args: argparse.Namespace) -> KnowledgeBase:
    if getattr(args, "endpoint", None):
        return KnowledgeBase.remote(args.endpoint, args.graph)
    if getattr(args, "kb", None):
        return KnowledgeBase.load(args.kb)
    return _build(args)


def _build(args: argparse.Namespace) -> KnowledgeBase:
    sources = args.sources or [BUNDLED_CORPUS]
    total = len(find_pages(sources))
    if total < PROGRESS_FROM_PAGES or not err.is_terminal:
        return KnowledgeBase.build(sources, reasoner=args.reasoner)
    columns = (TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"))
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("", total=total)
        return KnowledgeBase.build(
            sources, reasoner=args.reasoner, on_page=lambda name: progress.update(task, advance=1, description=name)
        )


def _cmd_build(args: argparse.Namespace) -> int:
    kb = _build(args)
    report = kb.report
    assert report is not None
    if args.output:
        kb.save(args.output)
    if args.report:
        args.report.write_text(json.dumps(report.to_dict(), indent=2))
    if args.json:
        data = report.to_dict() | {"cycles": kb.cycles, "longest_chains": _longest_chains(kb)}
        print(json.dumps(data, indent=2))
        return 1 if report.failed else 0
    inferred = len(kb.quads()) - report.asserted_triples
    out.print(
        f"[bold]{report.pages}[/] pages, [bold]{report.roles}[/] roles, "
        f"[bold]{report.asserted_triples}[/] asserted + [bold]{inferred}[/] inferred triples "
        f"(ingest {kb.timings.ingest_s:.2f}s, reasoning {kb.timings.reason_s:.2f}s)"
    )
    out.print(
        f"attached: {report.grades_attached} grade statements, {report.reporting_lines_attached} reporting lines "
        f"({report.reporting_lines_to_roles} to roles of the KB), {report.extensions} extensions"
    )
    out.print(
        f"not mapped: {len(report.unmapped)} items (see --report FILE), {len(report.unresolved)} names that are "
        f"no role of the KB, {len(report.warnings)} warnings"
    )
    for warning in report.warnings[:10]:
        err.print(f"warning: {warning['file']}:{warning['line']}: {warning['message']}", markup=False)
    if len(report.warnings) > 10:
        err.print(f"... and {len(report.warnings) - 10} more warnings (--json or --report shows all)")
    for cycle in kb.cycles:
        err.print(f"data problem: cycle on {cycle[0].rsplit('#', 1)[-1]} through {cycle[1]}", markup=False)
    chains = _longest_chains(kb)
    if chains:
        out.print("longest reporting chains:")
        for chain in chains:
            out.print("  " + " → ".join(chain), markup=False)
    for failure in report.failed:
        err.print(f"error: {failure['file']}: {failure['reason']}", markup=False)
    if args.output:
        out.print(f"wrote {args.output}")
    return 1 if report.failed else 0


def _longest_chains(kb: KnowledgeBase, count: int = 3) -> list[list[str]]:
    rows = kb.select(_CHAIN_LENGTHS)
    chains = []
    for row in rows[:count]:
        steps = kb.run("reporting-chain", {"role": str(row["role"])})
        chains.append([str(row["title"])] + [str(s["ancestor_label"]) for s in steps])
    return chains


_CHAIN_LENGTHS = """PREFIX jobkg: <https://w3id.org/jobkg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?role ?title (COUNT(DISTINCT ?up) AS ?length) WHERE {
  ?role a jobkg:Role ; skos:prefLabel ?title ; jobkg:reportsUpTo ?up .
  FILTER NOT EXISTS { ?role jobkg:reportsUpTo ?role }
}
GROUP BY ?role ?title
HAVING (COUNT(DISTINCT ?up) > 1)
ORDER BY DESC(?length) ?title
"""


def _cmd_roles(args: argparse.Namespace) -> int:
    roles = _open_kb(args).roles()
    if args.json:
        print(json.dumps(roles, indent=2, ensure_ascii=False))
        return 0
    table = Table("title", "family", "grade", "reports to")
    for role in roles:
        grade = str(role["grade"]) if role["grade"] is not None else "not stated"
        reports = "; ".join(r["label"] for r in role["reports_to"]) or "not stated"
        table.add_row(str(role["title"]), str(role["family"]), grade, reports)
    out.print(table)
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    data = _open_kb(args).export(args.format, asserted_only=args.asserted_only)
    if args.output:
        args.output.write_bytes(data)
    else:
        sys.stdout.buffer.write(data)
    return 0


def _cmd_ask(args: argparse.Namespace) -> int:
    answer = ask(_open_kb(args), args.question)
    if args.json:
        print(json.dumps(answer.to_dict(), indent=2, ensure_ascii=False))
        return 0 if answer.intent else 1
    out.print(f"[bold]{_escape(answer.answer)}[/]")
    for candidate in answer.candidates:
        out.print(f"  - {candidate['title']} ({candidate['context']})", markup=False)
    if answer.rows:
        out.print(_table(answer.rows))
    if answer.sparql:
        out.print("[dim]SPARQL:[/]")
        out.print(answer.sparql.strip(), markup=False, style="dim")
    for source in answer.sources:
        out.print(f"[dim]source: {_escape(str(source['file']))}:{source['line']}[/]")
    return 0 if answer.intent and not answer.candidates else 1


def _escape(text: str) -> str:
    return text.replace("[", "\\[")


def _cmd_query(args: argparse.Namespace) -> int:
    params = {}
    for item in args.param:
        key, sep, value = item.partition("=")
        if not sep:
            err.print(f"jobkg: error: --param takes KEY=VALUE, not {item!r}", markup=False)
            return 2
        params[key.strip()] = value
    rows = _open_kb(args).run(args.name, params)
    if args.format == "json":
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    elif args.format == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]) if rows else [])
        writer.writeheader()
        writer.writerows(rows)
        sys.stdout.write(buffer.getvalue())
    else:
        out.print(_table(rows) if rows else "(no rows)")
    return 0


def _table(rows: list[dict[str, object]]) -> Table:
    table = Table(*rows[0].keys())
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row.values()))
    return table


def _cmd_queries(args: argparse.Namespace) -> int:
    entries = [query.summary() for query in catalog.catalog().values()]
    if args.json:
        print(json.dumps(entries, indent=2))
        return 0
    table = Table("name", "title", "params")
    for entry in entries:
        params = ", ".join(f"{p['name']} ({p['type']}, e.g. {p['example']})" for p in entry["params"])
        table.add_row(str(entry["name"]), str(entry["title"]), params)
    out.print(table)
    return 0


def _cmd_explain(args: argparse.Namespace) -> int:
    data = _open_kb(args).explain(args.role)
    if args.json:
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    role = data["role"]
    out.print(f"[bold]{_escape(str(role['title']))}[/] ({role['source']['file']}:{role['source']['line']})")
    for key in ("responsibilities", "requirements"):
        inherited = [item for item in role[key] if item["inherited_from"]]
        out.print(f"{len(role[key])} {key}, {len(inherited)} inherited:")
        for item in inherited:
            out.print(f"  - {item['text']}  [from {item['inherited_from']}, line {item['line']}]", markup=False)
    out.print("reporting chain:")
    if not data["reporting_chain"]:
        out.print("  not stated")
    for step in data["reporting_chain"]:
        where = "; ".join(f"{s['from_label']} at {s['file']}:{s['line']}" for s in step["stated_by"])
        out.print(f"  {step['steps'] + 1}. {step['label']}  [stated by {where or 'inference'}]", markup=False)
    return 0


def _cmd_push(args: argparse.Namespace) -> int:
    if not args.endpoint:
        err.print("jobkg: error: push needs --endpoint URL", markup=False)
        return 2
    kb = KnowledgeBase.load(args.kb) if args.kb else _build(args)
    count = kb.push(args.endpoint, args.graph, args.update_endpoint)
    out.print(f"pushed {count} triples to {args.endpoint}", markup=False)
    return 0


def _cmd_bench(args: argparse.Namespace) -> int:
    from jobkg.bench import run as run_bench

    try:
        factors = [float(f) for f in args.scale.split(",") if f.strip()]
    except ValueError:
        err.print(f"jobkg: error: --scale takes numbers like 1,10,100, not {args.scale!r}", markup=False)
        return 2
    if args.from_json:
        result = json.loads(args.from_json.read_text())
    else:
        result = run_bench(args.sources or [BUNDLED_CORPUS], only=args.only, factors=factors)
    if args.markdown:
        from datetime import date

        from jobkg.bench import markdown

        command = "jobkg " + " ".join(sys.argv[1:]) if not args.from_json else result.get("command", "jobkg bench")
        args.markdown.write_text(markdown(result, str(command), str(result.get("date", date.today()))))
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    out.print(f"machine: {result['machine']}", markup=False)
    out.print(f"corpus: {result['corpus']}", markup=False)
    for stage in ("ingest", "reason", "scale", "app", "load"):
        if stage in result:
            out.print(f"{stage}: {result[stage]}", markup=False)
    if "query" in result:
        table = Table("query", "p50 ms", "p95 ms", "rdflib p50 ms", "speed-up")
        for name, times in result["query"].items():
            speedup = times["rdflib_p50_ms"] / times["p50_ms"] if times["p50_ms"] else 0
            p50, p95, rdflib_p50 = times["p50_ms"], times["p95_ms"], times["rdflib_p50_ms"]
            table.add_row(name, f"{p50:.2f}", f"{p95:.2f}", f"{rdflib_p50:.1f}", f"{speedup:.0f}x")
        out.print(table)
    return 0


def _kb_at(path: Path) -> KnowledgeBase:
    if path.is_file() and path.suffix in (".trig", ".nq", ".nquads"):
        return KnowledgeBase.load(path)
    return KnowledgeBase.build([path])


def _cmd_diff(args: argparse.Namespace) -> int:
    from jobkg.diff import describe, diff

    result = diff(_kb_at(args.old), _kb_at(args.new))
    if args.json:
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        for line in describe(result) or ["no changes to roles"]:
            out.print(line, markup=False)
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    report, where = _open_kb(args).validate()
    rows = []
    for finding in report.findings:
        place = where.get(finding.focus, {})
        rows.append(
            {
                "severity": finding.severity.lower(),
                "node": finding.focus,
                "label": place.get("label"),
                "file": place.get("file"),
                "line": place.get("line"),
                "message": finding.message,
            }
        )
    if args.json:
        print(json.dumps({"conforms": report.conforms, "findings": rows}, indent=2, ensure_ascii=False))
    else:
        for row in rows:
            where_text = f"{row['file']}:{row['line']}" if row["file"] else row["node"]
            line = f"{row['severity']}: {row['label'] or row['node']} ({where_text}): {row['message']}"
            (out if row["severity"] == "warning" else err).print(line, markup=False)
        verdict = "conforms" if report.conforms else "does not conform"
        out.print(f"{verdict}: {len(report.violations)} violations, {len(report.warnings)} warnings")
    return 0 if report.conforms else 1


def _cmd_generate(args: argparse.Namespace) -> int:
    from jobkg.synth import generate

    count = generate(args.folder, args.factor, args.seed)
    out.print(f"wrote {count} pages under {args.folder}", markup=False)
    return 0


def _cmd_ontology(args: argparse.Namespace) -> int:
    from ontology import ONTOLOGY_FILE
    from ontology.publish import context_text, markdown, write

    if args.write:
        for path in write():
            out.print(f"wrote {path}", markup=False)
        return 0
    text = {"markdown": markdown, "context": context_text, "turtle": ONTOLOGY_FILE.read_text}[args.format]()
    sys.stdout.write(text)
    return 0


COMMANDS = {
    "generate": _cmd_generate,
    "diff": _cmd_diff,
    "validate": _cmd_validate,
    "ontology": _cmd_ontology,
    "bench": _cmd_bench,
    "push": _cmd_push,
    "build": _cmd_build,
    "roles": _cmd_roles,
    "export": _cmd_export,
    "ask": _cmd_ask,
    "query": _cmd_query,
    "queries": _cmd_queries,
    "explain": _cmd_explain,
}
