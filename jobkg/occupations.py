"""The standard occupations people decided for roles (the review file, as the KB holds it), and
the market pay of an accepted SOC occupation. Proposals, which nobody decided, are
jobkg.proposals'."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from jobkg.occupation_lists import SCHEMES, Wages, WageSurvey, code_list, oews
from jobkg.queries import cells


@dataclass(frozen=True)
class OccupationLink:
    """A decision people recorded in the review file, as the KB holds it."""

    scheme: str
    code: str
    label: str
    decision: str  # accepted, exact or rejected
    list_title: str
    version: str
    by: str | None
    date: str | None
    file: str
    line: int

    @property
    def accepted(self) -> bool:
        return self.decision != "rejected"

    @property
    def list_name(self) -> str:
        """'ESCO occupations v1.2', 'US SOC 2018': a version the title says is not said twice."""
        return self.list_title if self.version in self.list_title else f"{self.list_title} {self.version}"

    @property
    def notation(self) -> str:
        """The code people read: a SOC code, an ESCO concept's UUID (its IRI is the code)."""
        listed = code_list(self.scheme).get(self.code)
        return listed.notation if listed else self.code


def links_from_rows(rows: Iterable[Mapping[str, object]]) -> list[OccupationLink]:
    """role-occupations rows as links; a list the KB names but this jobkg does not ship is skipped."""
    by_iri = {code_list(scheme).iri: code_list(scheme) for scheme in SCHEMES}
    links = []
    for row in rows:
        listed = by_iri.get(cells.text(row, "scheme"))
        found = listed.find(cells.text(row, "occupation")) if listed else None
        if listed is None or found is None:
            continue
        links.append(
            OccupationLink(
                listed.scheme,
                found.code,
                cells.text(row, "label"),
                cells.text(row, "decision"),
                cells.text(row, "list"),
                cells.text(row, "version"),
                cells.maybe_text(row, "by"),
                cells.maybe_text(row, "date"),
                cells.text(row, "file"),
                cells.integer(row, "line"),
            )
        )
    return links


def dollars(value: int | None) -> str:
    """A wage as people read it; BLS leaves some unpublished (hourly-only occupations)."""
    return f"${value:,}" if value is not None else "not published"


@dataclass(frozen=True)
class MarketPay:
    """OEWS national wages of a role's accepted SOC occupation: a benchmark for people to weigh,
    not a statement of what the company pays."""

    link: OccupationLink
    wages: Wages
    survey: WageSurvey

    @property
    def source(self) -> str:
        return f"{self.survey.source}, {self.survey.release}, {self.survey.area}, all industries"


def market_pay(links: Iterable[OccupationLink]) -> MarketPay | None:
    """From the role's accepted SOC occupation that OEWS publishes wages for: an exact match
    before a close one, then the latest decision (the lowest in the file); none otherwise."""
    survey = oews()
    paid = [link for link in links if link.scheme == "soc" and link.accepted and link.code in survey.wages]
    if not paid:
        return None
    chosen = max(paid, key=lambda link: (link.decision == "exact", link.line))
    return MarketPay(chosen, survey.wages[chosen.code], survey)
