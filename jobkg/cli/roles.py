"""Commands about roles: roles, explain."""

from __future__ import annotations

import argparse
import json

from rich.table import Table

from jobkg import views
from jobkg.cli.output import escape, out
from jobkg.cli.paging import PAGING, page_limit, print_page_note
from jobkg.cli.registry import arg, command
from jobkg.cli.sources import KB_SOURCE, open_kb
from jobkg.queries.paging import page_of


@command(
    "roles",
    "every role with grade, reporting line and duties",
    *KB_SOURCE,
    arg("--json", action="store_true", help="one JSON object per role (a JSON list)"),
    *PAGING,
)
def roles(args: argparse.Namespace) -> int:
    found = page_of(open_kb(args).roles(), args.offset, page_limit(args, not args.json))
    if args.json:
        print(json.dumps([role.to_dict() for role in found.rows], indent=2, ensure_ascii=False))
        return 0
    table = Table("title", "family", "grade", "reports to")
    for role in found.rows:
        grade = str(role.grade) if role.grade is not None else "not stated"
        reports = "; ".join(r.label for r in role.reports_to) or "not stated"
        table.add_row(role.title, role.family, grade, reports)
    if found.rows:
        out.print(table)
    print_page_note(found)
    return 0


@command(
    "explain",
    "where a role's inherited items and reporting chain come from",
    arg("role", help='a role\'s title, alias or IRI, e.g. "Staff ITPM"'),
    *KB_SOURCE,
    arg("--json", action="store_true"),
)
def explain(args: argparse.Namespace) -> int:
    kb = open_kb(args)
    explanation = views.explain(kb, kb.role(kb.resolve(args.role).iri))
    if args.json:
        print(json.dumps(explanation.to_dict(), indent=2, ensure_ascii=False))
        return 0
    role = explanation.role
    out.print(f"[bold]{escape(role.title)}[/] ({escape(role.source.file)}:{role.source.line})")
    for key in ("responsibilities", "requirements"):
        items = getattr(role, key)
        inherited = [item for item in items if item.inherited_from]
        superseded = [item for item in inherited if item.superseded_by]
        note = f" ({len(superseded)} superseded by the role's own)" if superseded else ""
        out.print(f"{len(items)} {key}, {len(inherited)} inherited{note}:")
        for item in inherited:
            out.print(f"  - {item.text}  [from {item.inherited_from}, line {item.line}]", markup=False)
            if item.superseded_by:
                out.print(f"    superseded by its own: {item.superseded_by}", markup=False, style="dim")
    out.print("reporting chain:")
    if not explanation.reporting_chain:
        out.print("  not stated")
    for step in explanation.reporting_chain:
        where = "; ".join(f"{s.from_label} at {s.file}:{s.line}" for s in step.stated_by)
        out.print(f"  {step.steps}. {step.label}  [stated by {where or 'inference'}]", markup=False)
    return 0


@command(
    "paths",
    "career paths from a role: roles one or two moves away, with what is already met",
    arg("role", help='a role\'s title, alias or IRI, e.g. "Senior TPM"'),
    arg("--to", metavar="ROLE", help="one target role: its items met and missing, side by side"),
    *KB_SOURCE,
    arg("--json", action="store_true"),
    arg("--limit", type=int, default=10, help="targets listed (default 10; the best first)"),
)
def career_paths(args: argparse.Namespace) -> int:
    kb = open_kb(args)
    start = kb.resolve(args.role).iri
    shown = kb.career_paths(start, kb.resolve(args.to).iri if args.to else None, limit=args.limit)
    if args.json:
        print(json.dumps([path.to_dict() for path in shown], indent=2, ensure_ascii=False))
        return 0
    for path in shown:
        route = " then ".join(path.moves) if path.moves else "no stated move leads there"
        via = f" via {', '.join(path.via)}" if path.via else ""
        grade = f"grade {path.target.grade}" if path.target.grade is not None else "grade not stated"
        heading = f"[bold]{escape(path.target.title)}[/] ({escape(path.target.family)}, {grade})"
        out.print(f"{heading}: {escape(route + via)}; {len(path.met)} of {len(path.items)} items already met")
        if args.to:
            where = path.target.source.file
            for item in path.met:
                out.print(f"  met      {item.text}  [{where}:{item.line}]", markup=False)
                out.print(f"           <- {item.met_by}  [line {item.met_by_line}]", markup=False, style="dim")
            for item in path.missing:
                out.print(f"  missing  {item.text}  [{where}:{item.line}]", markup=False)
    if not args.to and len(shown) == args.limit:
        out.print(f"the best {args.limit}; --limit N lists more", style="dim")
    return 0
