"""The occupations command: each role's standard occupations as people decided them, proposals
for the rest (--suggest), and decisions written to the review file (--accept, --reject)."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
from dataclasses import asdict

from jobkg import views
from jobkg.cli.output import err, escape, out
from jobkg.cli.registry import arg, command
from jobkg.cli.sources import KB_SOURCE, open_kb
from jobkg.errors import UsageError
from jobkg.ingest.review import REVIEW_FILE, OccupationDecision, Verdict, record
from jobkg.kb import KnowledgeBase
from jobkg.occupation_lists import SCHEMES, code_list
from jobkg.occupations import MarketPay, OccupationLink, dollars
from jobkg.proposals import Proposal


@command(
    "occupations",
    "standard occupations (ESCO, US SOC 2018) of each role: accepted, rejected, proposed (--suggest)",
    *KB_SOURCE,
    arg("--role", help="one role (title, alias or IRI); default: every role"),
    arg("--suggest", action="store_true", help="propose occupations for roles, with scores and reasons"),
    arg("--scheme", choices=sorted(SCHEMES), help="one list (default: both)"),
    arg("--limit", type=int, default=3, help="proposals per list and role (default 3)"),
    arg("--accept", metavar="CODE", help=f"accept CODE for --role: written to SOURCE/{REVIEW_FILE}"),
    arg("--exact", action="store_true", help="with --accept: an exact match, not a close one"),
    arg("--reject", metavar="CODE", help="reject CODE for --role: it is never proposed for it again"),
    arg("--by", default=None, help="who decides (default: the user name)"),
    arg("--json", action="store_true"),
)
def occupations(args: argparse.Namespace) -> int:
    if args.accept and args.reject:
        raise UsageError("--accept or --reject: one decision at a time")
    if args.exact and not args.accept:
        raise UsageError("--exact says how an accepted occupation matches: use it with --accept")
    kb = open_kb(args)
    _say_review_problems(kb)
    roles = [kb.role(kb.resolve(args.role).iri)] if args.role else kb.roles()
    schemes = [args.scheme] if args.scheme else list(SCHEMES)
    if args.accept or args.reject:
        return _decide(args, kb, roles)
    shown = []
    for role in roles:
        links = kb.occupations(role.iri)
        proposals = {s: kb.propose_occupations(role.iri, s, args.limit) for s in schemes} if args.suggest else {}
        shown.append((role, links, proposals, kb.market_pay(role.iri) if links else None))
    if args.json:
        print(json.dumps([_as_json(*entry) for entry in shown], indent=2, ensure_ascii=False))
        return 0
    undecided = 0
    cited: set[str] = set()  # the lists named, whose terms ask to be credited
    for role, links, proposals, pay in shown:
        cited |= {link.scheme for link in links} | {scheme for scheme, found in proposals.items() if found}
        if not links and not proposals:
            undecided += 1
            continue
        out.print(f"[bold]{escape(role.title)}[/] ({escape(role.family)})")
        for link in links:
            who = ", ".join(part for part in (link.by, link.date) if part)
            where = f"{link.file}:{link.line}" + (f", {who}" if who else "")
            out.print(f"  {link.decision:9} {link.list_title} {link.notation}  {link.label}  [{where}]", markup=False)
        if pay:
            out.print("  " + _pay_line(pay), markup=False)
        for scheme, found in proposals.items():
            for proposal in found:
                out.print(f"  {'proposed':9} {_proposal_line(proposal)}", markup=False)
            if not found:
                out.print(f"  {'proposed':9} nothing from {code_list(scheme).title}", markup=False)
    if undecided:
        out.print(f"{undecided} roles have no decided occupation; --suggest proposes some", style="dim")
    for scheme in sorted(cited):
        out.print(code_list(scheme).attribution, style="dim")
    return 0


def _say_review_problems(kb: KnowledgeBase) -> None:
    """What the build could not use in the review file, named by line: never left out silently."""
    if kb.report is None:
        return
    for failure in kb.report.failed:
        if failure.file == REVIEW_FILE:
            err.print(f"error: {failure.file}:{failure.line}: {failure.reason}", markup=False)
    for warning in kb.report.warnings:
        if warning.file == REVIEW_FILE:
            err.print(f"warning: {warning.file}:{warning.line}: {warning.message}", markup=False)


def _decide(args: argparse.Namespace, kb: KnowledgeBase, roles: list[views.Role]) -> int:
    if not args.role:
        raise UsageError("--accept and --reject need --role: one role at a time")
    if len(args.sources) != 1 or not args.sources[0].is_dir():
        raise UsageError(f"--accept and --reject write {REVIEW_FILE} into the folder of pages: give exactly one")
    text = args.accept or args.reject
    schemes = [args.scheme] if args.scheme else list(SCHEMES)
    found = [(s, occupation) for s in schemes if (occupation := code_list(s).find(text)) is not None]
    if not found:
        raise UsageError(f"{text!r} is no code of {' or '.join(code_list(s).title for s in SCHEMES)}")
    scheme, occupation = found[0]
    verdict: Verdict = "rejected" if args.reject else "exact" if args.exact else "accepted"
    role = roles[0]
    by = args.by or getpass.getuser()
    review = args.sources[0] / REVIEW_FILE
    record(review, OccupationDecision(role.iri, scheme, occupation.code, verdict, by, dt.date.today(), role.title))
    out.print(f"{verdict}: {occupation.label} ({code_list(scheme).title}) for {role.title}, in {review}", markup=False)
    return 0


def _pay_line(pay: MarketPay) -> str:
    shown = "  ".join(f"{name} {dollars(value)}" for name, value in pay.wages.percentiles())
    return f"market pay (annual, {pay.wages.soc_code} {pay.wages.title}; {pay.source}): {shown}"


def _proposal_line(proposal: Proposal) -> str:
    occupation = proposal.occupation
    label = f"{code_list(occupation.scheme).title} {occupation.notation}  {occupation.label}"
    return f"{label}  (score {proposal.score}: {'; '.join(proposal.reasons)})"


def _as_json(
    role: views.Role, links: list[OccupationLink], proposals: dict[str, list[Proposal]], pay: MarketPay | None
) -> dict[str, object]:
    return {
        "role": role.iri,
        "title": role.title,
        "decided": [asdict(link) for link in links],
        "proposed": [
            {
                "scheme": s,
                "code": p.occupation.code,
                "label": p.occupation.label,
                "score": p.score,
                "reasons": p.reasons,
            }
            for s, found in proposals.items()
            for p in found
        ],
        "market_pay": None if pay is None else {"source": pay.source, "annual_usd": asdict(pay.wages)},
    }
