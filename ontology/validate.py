"""SHACL validation of a KB against ontology/shapes.ttl, through pySHACL."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

SHAPES_FILE = Path(__file__).with_name("shapes.ttl")
SH = "http://www.w3.org/ns/shacl#"


@dataclass(frozen=True)
class Finding:
    severity: str  # "Violation" or "Warning"
    focus: str
    path: str | None
    message: str


@dataclass
class ValidationReport:
    conforms: bool
    findings: list[Finding]

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Violation"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Warning"]


def validate(nt: bytes) -> ValidationReport:
    """Validate N-Triples (asserted + inferred); warnings do not break conformance."""
    import pyshacl
    import rdflib

    data = rdflib.Graph()
    data.parse(data=nt, format="nt")
    shapes = rdflib.Graph()
    shapes.parse(SHAPES_FILE, format="turtle")
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, allow_warnings=True, advanced=True)
    sh = rdflib.Namespace(SH)
    findings = []
    for result in report.subjects(rdflib.RDF.type, sh.ValidationResult):
        severity = str(report.value(result, sh.resultSeverity)).rsplit("#", 1)[-1]
        path = report.value(result, sh.resultPath)
        findings.append(
            Finding(
                severity=severity,
                focus=str(report.value(result, sh.focusNode)),
                path=str(path) if isinstance(path, rdflib.URIRef) else None,
                message=str(report.value(result, sh.resultMessage) or ""),
            )
        )
    findings.sort(key=lambda f: (f.severity != "Violation", f.focus, f.message))
    return ValidationReport(bool(conforms), findings)
