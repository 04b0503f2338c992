"""Structural checks of a job architecture: each a SPARQL file in ontology/checks/ that lists
what it finds with the line that shows it. A company adds its own by writing more files in a
folder of its own (`jobkg validate --checks DIR`); they run beside the built-in ones.

A check file has the canned queries' header (title, description) and a severity (violation,
warning or info), and selects at least ?focus, ?focus_label, ?message, ?file and ?line;
?other and ?other_label name a second node where the finding involves one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from jobkg.errors import CheckFileError
from jobkg.queries.backends import Row
from jobkg.queries.catalog import parse_query_file

BUILT_IN = Path(str(files("jobkg.ontology") / "checks"))
SEVERITIES = ("violation", "warning", "info")
REQUIRED_COLUMNS = ("focus", "focus_label", "message", "file", "line")


@dataclass(frozen=True)
class Check:
    name: str
    title: str
    description: str
    severity: str
    sparql: str


@dataclass(frozen=True)
class CheckFinding:
    check: str
    severity: str
    focus: str
    label: str
    message: str
    file: str
    line: int
    other: str | None = None
    other_label: str | None = None


def read_check(path: Path) -> Check:
    """One check file; a missing severity or column is an error naming the file."""
    query = parse_query_file(path, columns_declared=False)
    header = re.search(r"(?m)^#\s*severity:\s*(\S+)", path.read_text(encoding="utf-8"))
    if header is None or header.group(1) not in SEVERITIES:
        found = header.group(1) if header else "none"
        raise CheckFileError(f"{path}: '# severity:' must be one of {', '.join(SEVERITIES)} (found {found})")
    projection = query.sparql.split("WHERE", 1)[0]
    missing = [column for column in REQUIRED_COLUMNS if not re.search(rf"\?{column}\b", projection)]
    if missing:
        raise CheckFileError(f"{path}: the check must select {', '.join('?' + c for c in missing)}")
    return Check(path.stem, query.title, query.description, header.group(1), query.sparql)


def load_checks(folders: Iterable[Path] = ()) -> list[Check]:
    """The built-in checks, then each folder's .rq files (a name used twice is an error)."""
    checks: dict[str, Check] = {}
    for folder in [BUILT_IN, *folders]:
        if not folder.is_dir():
            raise CheckFileError(f"{folder}: no such folder of checks")
        for path in sorted(folder.glob("*.rq")):
            check = read_check(path)
            if check.name in checks:
                raise CheckFileError(f"{path}: a check named '{check.name}' is already loaded")
            checks[check.name] = check
    return list(checks.values())


def run_checks(select: Callable[[str], list[Row]], checks: Iterable[Check]) -> list[CheckFinding]:
    """Every finding of every check, in file and line order within each check."""
    findings = []
    for check in checks:
        for row in select(check.sparql):
            findings.append(
                CheckFinding(
                    check=check.name,
                    severity=check.severity,
                    focus=str(row["focus"]),
                    label=str(row["focus_label"]),
                    message=str(row["message"]),
                    file=str(row["file"]),
                    line=int(str(row["line"])),
                    other=None if row.get("other") is None else str(row["other"]),
                    other_label=None if row.get("other_label") is None else str(row["other_label"]),
                )
            )
    return sorted(findings, key=lambda f: (f.check, f.file, f.line, f.label, f.other or ""))
