"""The standard occupation lists jobkg ships (ESCO v1.2 and US SOC 2018 with O*NET 29.2's
descriptions) and the BLS OEWS national wages, read from the CSV files beside this module
(rebuilt by extract.py; sources and terms in NOTICE). Read once per process, never downloaded: jobkg works offline."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from jobkg.ontology.vocab import DATA_NS

HERE = Path(__file__).parent


@dataclass(frozen=True, slots=True)
class Occupation:
    scheme: str
    code: str  # what a review file names: the ESCO URI, or the SOC code '15-1252'
    notation: str  # the code people read: an ESCO concept's UUID, a SOC code
    label: str
    other_labels: str  # ESCO's alternative labels as one run of text (the source does not separate them);
    # for SOC, the titles of the O*NET occupations within the code, '; '-joined
    description: str


@dataclass(frozen=True)
class CodeList:
    scheme: str
    title: str
    version: str
    iri: str
    occupations: dict[str, Occupation]
    occupation_iri: str  # '{code}' is replaced by the code; '{code}' alone: the code is the IRI
    attribution: str  # what its terms ask every use to say (NOTICE)

    def get(self, code: str) -> Occupation | None:
        return self.occupations.get(code)

    def iri_of(self, code: str) -> str:
        return self.occupation_iri.format(code=code)

    def find(self, text: str) -> Occupation | None:
        """An occupation by what people type: its code, its notation (an ESCO UUID) or its IRI."""
        return self._names.get(text.strip())

    @cached_property
    def _names(self) -> dict[str, Occupation]:
        names: dict[str, Occupation] = {}
        for occupation in self.occupations.values():
            names |= {occupation.notation: occupation, self.iri_of(occupation.code): occupation}
        return names | self.occupations


@dataclass(frozen=True, slots=True)
class Wages:
    """OEWS annual wages of one SOC occupation, national, all industries."""

    soc_code: str
    title: str
    employment: int | None
    mean: int | None
    p10: int | None
    p25: int | None
    median: int | None
    p75: int | None
    p90: int | None

    def percentiles(self) -> list[tuple[str, int | None]]:
        """The annual wages from the 10th to the 90th percentile, named as people read them."""
        return [("10th", self.p10), ("25th", self.p25), ("median", self.median), ("75th", self.p75), ("90th", self.p90)]


@dataclass(frozen=True)
class WageSurvey:
    source: str
    release: str
    area: str
    wages: dict[str, Wages]


def _rows(name: str) -> list[dict[str, str]]:
    with (HERE / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def esco() -> CodeList:
    occupations = {
        row["uri"]: Occupation(
            "esco",
            row["uri"],
            row["uri"].rsplit("/", 1)[-1],
            row["preferred_label"],
            row["alt_labels_text"],
            row["description"],
        )
        for row in _rows("esco-occupations.csv")
    }
    scheme_iri = "http://data.europa.eu/esco/concept-scheme/occupations"
    attribution = "This service uses the ESCO classification of the European Commission."
    return CodeList("esco", "ESCO occupations", "v1.2", scheme_iri, occupations, "{code}", attribution)


@cache
def soc() -> CodeList:
    """SOC 2018 titles, with O*NET's description of each code and the titles of the more
    specific O*NET occupations within it as its other names."""
    titles = {row["code"]: row["title"] for row in _rows("soc-2018.csv")}
    aggregates = [row for row in _rows("oews-national.csv") if row["soc_kind"] == "oews-aggregate"]
    titles |= {row["soc_code"]: row["soc_title"] for row in aggregates}  # OEWS publishes 13-1020, not 13-1021..
    within = _onet_within(titles)
    occupations = {}
    for code, title in titles.items():
        rows = within[code]
        other_names = "; ".join(row["title"] for row in rows if row["title"] != title)
        defined = [row for row in rows if row["onet_code"] == f"{code}.00"] or (rows if not code.endswith("0") else [])
        description = " ".join(row["description"] for row in defined if row["onet_code"].endswith(".00"))
        occupations[code] = Occupation("soc", code, code, title, other_names, description)
    attribution = (
        "Source: U.S. Bureau of Labor Statistics (SOC 2018 and OEWS). Descriptions: O*NET 29.2 Database by"
        " USDOL/ETA, used under the CC BY 4.0 license."
    )
    return CodeList(
        "soc", "US SOC 2018", "2018", f"{DATA_NS}soc-2018", occupations, f"{DATA_NS}soc-2018/{{code}}", attribution
    )


def _onet_within(codes: Iterable[str]) -> dict[str, list[dict[str, str]]]:
    """The O*NET occupations within each SOC code: those of its code (15-1252.00, 15-1299.08);
    for a broad code (13-1020), those of its group (13-102x); for the few codes SOC 2018 made by
    merging codes O*NET keeps apart (21-1018 from 21-1011 and 21-1014), the O*NET occupations of
    the same broad group that no other code holds."""
    by_prefix: dict[str, list[dict[str, str]]] = {}  # by SOC code (15-1252) and broad group (15-125)
    for row in _rows("onet-occupations.csv"):
        by_prefix.setdefault(row["onet_code"][:7], []).append(row)
        by_prefix.setdefault(row["onet_code"][:6], []).append(row)
    within = {code: list(by_prefix.get(code[:6] if code.endswith("0") else code, [])) for code in codes}
    held = {row["onet_code"] for rows in within.values() for row in rows}
    for code, rows in within.items():
        if not rows:
            rows += [row for row in by_prefix.get(code[:6], []) if row["onet_code"] not in held]
    return within


SCHEMES = {"esco": esco, "soc": soc}


def code_list(scheme: str) -> CodeList:
    return SCHEMES[scheme]()


def _money(text: str) -> int | None:
    return int(text) if text else None


@cache
def oews() -> WageSurvey:
    meta = json.loads((HERE / "oews-national.meta.json").read_text(encoding="utf-8"))
    wages = {
        row["soc_code"]: Wages(
            row["soc_code"],
            row["soc_title"],
            *(_money(row[key]) for key in ("employment", "annual_mean", "annual_p10", "annual_p25")),
            *(_money(row[key]) for key in ("annual_median", "annual_p75", "annual_p90")),
        )
        for row in _rows("oews-national.csv")
    }
    return WageSurvey("U.S. Bureau of Labor Statistics, OEWS", meta["release"], meta["area"]["name"], wages)
