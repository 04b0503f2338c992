"""Commands that build and check a KB: build, validate, diff."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from pathlib import Path

from jobkg.cli.output import err, out
from jobkg.cli.registry import arg, command
from jobkg.cli.sources import KB_SOURCE, build_kb, kb_at, open_kb
from jobkg.diff import describe, diff
from jobkg.ingest.corpus import IngestReport
from jobkg.kb import KnowledgeBase
from jobkg.queries import cells
from jobkg.queries.checks import load_checks


@command(
    "build",
    "ingest pages, reason, report; optionally save the KB (-o)",
    *KB_SOURCE,
    arg(
        "-o",
        "--output",
        type=Path,
        help="write the KB here: KB.oxigraph (a store folder that opens at once), or a file whose ending "
        "names an RDF format (.trig, .nq keep the inferred graph apart; .ttl, .nt, .rdf, .jsonld)",
    ),
    arg("--report", type=Path, help="write the full ingest report here as JSON"),
    arg("--json", action="store_true", help="print the full ingest report as JSON"),
    arg("--strict", action="store_true", help="exit 1 when a page gives no role (each such page is named, with why)"),
)
def build(args: argparse.Namespace) -> int:
    kb = build_kb(args)
    report = kb.report
    assert report is not None  # a build always reports
    if args.output:
        kb.save(args.output)
    if args.report:
        args.report.write_text(json.dumps(report.to_dict(), indent=2))
    failed = bool(report.failed) or (args.strict and bool(report.without_roles))
    if args.json:
        data = report.to_dict() | {"cycles": kb.cycles, "longest_chains": longest_chains(kb)}
        print(json.dumps(data, indent=2))
        return 1 if failed else 0
    inferred = kb.quad_count() - report.asserted_triples
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
        err.print(f"warning: {warning.file}:{warning.line}: {warning.message}", markup=False)
    if len(report.warnings) > 10:
        err.print(f"... and {len(report.warnings) - 10} more warnings (--json or --report shows all)")
    for cycle in kb.cycles:
        err.print(f"data problem: cycle on {cycle[0].rsplit('#', 1)[-1]} through {cycle[1]}", markup=False)
    chains = longest_chains(kb)
    if chains:
        out.print("longest reporting chains:")
        for chain in chains:
            out.print("  " + " → ".join(chain), markup=False)
    _print_pages(report, args.strict)
    for failure in report.failed:
        err.print(f"error: {failure.file}: {failure.reason}", markup=False)
    if args.output:
        out.print(f"wrote {args.output}")
    return 1 if failed else 0


def _print_pages(report: IngestReport, strict: bool) -> None:
    """Pages that gave no role (named, with why), and the pages whose list items were least mapped."""
    if strict:  # the warnings above already name them; under --strict they fail the build
        for empty in report.without_roles:
            err.print(f"error: no role: {empty.file}: {empty.reason}", markup=False)
    read = [(p.share_mapped, p) for p in report.by_page if p.share_mapped is not None and p.list_items >= 5]
    least = sorted(read, key=lambda pair: (pair[0], pair[1].file))[:3]
    if least and least[0][0] < 1:
        out.print("least mapped pages (list items and table rows read into facts):")
        for share, page in least:
            shown = f"{share:.0%}"
            out.print(f"  {shown:>4} of {page.list_items:>3}  {page.file}  ({len(page.roles)} roles)", markup=False)


def longest_chains(kb: KnowledgeBase, count: int = 3) -> list[list[str]]:
    """The longest reporting chains, each from a role up to its top."""
    chains = []
    for row in kb.run("chain-lengths")[:count]:
        steps = kb.run("reporting-chain", {"role": cells.text(row, "role")})
        chains.append([cells.text(row, "title")] + [cells.text(s, "ancestor_label") for s in steps])
    return chains


@command(
    "validate",
    "check the KB against the SHACL shapes and the structural checks (exit 1 on violations)",
    *KB_SOURCE,
    arg(
        "--checks",
        type=Path,
        action="append",
        default=[],
        metavar="DIR",
        help="a folder of your own check files (.rq, as in ontology/checks/), run beside the built-in ones",
    ),
    arg("--json", action="store_true"),
)
def validate(args: argparse.Namespace) -> int:
    checks = load_checks(args.checks)  # a bad check file is reported before the KB is built
    kb = open_kb(args)
    report, places = kb.validate()
    rows = []
    for finding in report.findings:
        place = places.get(finding.focus)
        rows.append(
            {
                "severity": finding.severity.lower(),
                "node": finding.focus,
                "label": place.label if place else None,
                "file": place.file if place else None,
                "line": place.line if place else None,
                "message": finding.message,
            }
        )
    checked = [asdict(finding) for finding in kb.checks(checks)]
    violations = len(report.violations) + sum(row["severity"] == "violation" for row in checked)
    if args.json:
        findings = {"conforms": not violations, "findings": rows, "checks": checked}
        print(json.dumps(findings, indent=2, ensure_ascii=False))
    else:
        for row in rows:
            where = f"{row['file']}:{row['line']}" if row["file"] else row["node"]
            line = f"{row['severity']}: {row['label'] or row['node']} ({where}): {row['message']}"
            (out if row["severity"] == "warning" else err).print(line, markup=False)
        for row in checked:
            line = f"{row['severity']}: {row['label']} ({row['file']}:{row['line']}): {row['message']} [{row['check']}]"
            (err if row["severity"] == "violation" else out).print(line, markup=False)
        verdict = "conforms" if not violations else "does not conform"
        warnings = len(report.warnings) + sum(row["severity"] == "warning" for row in checked)
        notes = sum(row["severity"] == "info" for row in checked)
        out.print(f"{verdict}: {violations} violations, {warnings} warnings, {notes} notes")
    return 0 if not violations else 1


@command(
    "diff",
    "roles added, removed and changed between two corpora or KB files",
    arg("old", type=Path, help="folder of pages or saved KB (.oxigraph, .trig, .nq, ...)"),
    arg("new", type=Path, help="folder of pages or saved KB (.oxigraph, .trig, .nq, ...)"),
    arg("--json", action="store_true"),
)
def compare(args: argparse.Namespace) -> int:
    result = diff(kb_at(args.old).roles(), kb_at(args.new).roles())
    if args.json:
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        for line in describe(result) or ["no changes to roles"]:
            out.print(line, markup=False)
    return 0
