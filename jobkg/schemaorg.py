"""The roles as schema.org Occupations in JSON-LD, for job boards and HR systems that read
schema.org: name, responsibilities and qualifications as the pages state them, the standard
occupations people accepted (never proposals) as CategoryCodes of their list, the years of
experience a requirement states, and the OEWS wages of an accepted SOC code with their source.

The context is the schema.org vocabulary inline (`@vocab`), so the file expands without fetching
anything; every term it uses is a schema.org term (tests/jobkg/test_schemaorg.py checks both)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from jobkg.occupation_lists import code_list
from jobkg.occupations import OccupationLink, links_from_rows, market_pay
from jobkg.queries.catalog import Runner
from jobkg.superseded import YEARS
from jobkg.views import Role

CONTEXT = {"@vocab": "https://schema.org/"}
_FIRST_NUMBER = re.compile(r"\d+")


def occupations_document(kb: Runner, roles: Iterable[Role]) -> dict[str, object]:
    """One Occupation per role, in one JSON-LD document."""
    graph = []
    for role in roles:
        links = links_from_rows(kb.run("role-occupations", {"role": role.iri}))
        graph.append(occupation(role, links))
    return {"@context": CONTEXT, "@graph": graph}


def occupation(role: Role, links: list[OccupationLink]) -> dict[str, object]:
    node: dict[str, object] = {"@type": "Occupation", "@id": role.iri, "name": role.title}
    node["description"] = f"{role.title}, a role of the {role.family} job family" + (
        f" at grade {role.grade}" if role.grade is not None else ""
    )
    categories = [_category(link) for link in links if link.accepted]
    if categories:
        node["occupationalCategory"] = categories
    live = [item for item in role.responsibilities if item.superseded_by is None]
    if live:
        node["responsibilities"] = [item.text for item in live]
    required = [item for item in role.requirements if item.superseded_by is None]
    if required:
        node["qualifications"] = [item.text for item in required]
    experience = months_of_experience(item.text for item in required)
    if experience is not None:
        months, stated = experience
        node["experienceRequirements"] = {
            "@type": "OccupationalExperienceRequirements",
            "monthsOfExperience": months,
            "description": stated,
        }
    pay = market_pay(links)
    if pay is not None:
        wages = pay.wages
        node["estimatedSalary"] = {
            "@type": "MonetaryAmountDistribution",
            "name": f"{pay.source}: SOC {wages.soc_code} {wages.title} (a market benchmark, not this company's pay)",
            "currency": "USD",
            "duration": "P1Y",
            **{
                key: value
                for key, value in (
                    ("percentile10", wages.p10),
                    ("percentile25", wages.p25),
                    ("median", wages.median),
                    ("percentile75", wages.p75),
                    ("percentile90", wages.p90),
                )
                if value is not None
            },
        }
    return node


def months_of_experience(requirements: Iterable[str]) -> tuple[int, str] | None:
    """The experience the role asks for at least ('5+ years of experience' -> 60 months), with
    the line that states it: of several lines, the most years, since each must be met; None when
    no line states years of experience."""
    stated = []
    for text in requirements:
        if "experience" not in text.lower():
            continue
        found = YEARS.search(text)
        if found:
            stated.append((int(_FIRST_NUMBER.findall(found.group())[0]) * 12, text))
    return max(stated) if stated else None


def _category(link: OccupationLink) -> dict[str, object]:
    listed = code_list(link.scheme)
    return {
        "@type": "CategoryCode",
        "@id": listed.iri_of(link.code),
        "codeValue": link.notation,
        "name": link.label,
        "inCodeSet": {
            "@type": "CategoryCodeSet",
            "@id": listed.iri,
            "name": _named(listed.title, listed.version),
            "description": listed.attribution,
        },
    }


def _named(title: str, version: str) -> str:
    return title if version in title else f"{title} {version}"


def write(kb: Runner, roles: Iterable[Role]) -> bytes:
    return json.dumps(occupations_document(kb, roles), indent=1, ensure_ascii=False).encode("utf-8")
