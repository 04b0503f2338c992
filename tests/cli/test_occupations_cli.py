"""`jobkg occupations`: decided occupations with their line and market pay, proposals marked as
proposals, and decisions written to the review file that the next build reads."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from jobkg.cli import main

FIXTURE = Path(__file__).parents[1] / "queries" / "fixture_pages"


def run(capsys, *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().out


def test_decided_occupations_with_their_line_and_market_pay(capsys):
    code, out = run(capsys, "occupations", str(FIXTURE))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Senior Widget Engineer (Widget Engineer)"
    assert "accepted  US SOC 2018 17-2141  Mechanical Engineers  [occupations.yaml:2, Ada Reviewer, 2026-12-01]" in out
    assert "rejected  ESCO occupations 579254cf" in out
    assert "market pay (annual, 17-2141 Mechanical Engineers; U.S. Bureau of Labor Statistics, OEWS, May 2025" in out
    assert lines[-3:] == [
        "4 roles have no decided occupation; --suggest proposes some",
        "This service uses the ESCO classification of the European Commission.",  # ESCO's terms ask for it
        "Source: U.S. Bureau of Labor Statistics (SOC 2018 and OEWS). Descriptions: O*NET 29.2 Database by "
        "USDOL/ETA, used under the CC BY 4.0 license.",  # O*NET's licence asks for it
    ]


def test_a_rejected_proposal_is_never_proposed_again(capsys, tmp_path):
    pages = tmp_path / "pages"
    shutil.copytree(FIXTURE, pages)
    ask = ["occupations", str(pages), "--role", "Staff Widget Engineer", "--suggest", "--scheme", "esco", "--json"]
    _, out = run(capsys, *ask)
    top = json.loads(out)[0]["proposed"][0]["code"]
    code, _ = run(capsys, "occupations", str(pages), "--role", "Staff Widget Engineer", "--reject", top, "--by", "Bo")
    assert code == 0
    _, out = run(capsys, *ask, "--limit", "20")
    [role] = json.loads(out)
    assert [link["decision"] for link in role["decided"] if link["code"] == top] == ["rejected"]
    assert top not in {p["code"] for p in role["proposed"]} and len(role["proposed"]) == 20


def test_accept_writes_the_review_file_and_the_next_build_reads_it(capsys, tmp_path):
    pages = tmp_path / "pages"
    shutil.copytree(FIXTURE, pages)
    code, out = run(
        capsys, "occupations", str(pages), "--role", "Staff Widget Engineer", "--accept", "15-1252", "--by", "Bo"
    )
    assert code == 0 and out.startswith("accepted: Software Developers (US SOC 2018) for Staff Widget Engineer")
    _, out = run(capsys, "occupations", str(pages), "--role", "Staff Widget Engineer", "--json")
    [role] = json.loads(out)
    assert [(link["code"], link["decision"], link["by"]) for link in role["decided"]] == [("15-1252", "accepted", "Bo")]
    assert role["market_pay"]["annual_usd"]["median"] == 135980


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--accept", "15-1252"], "need --role"),
        (["--role", "Staff Widget Engineer", "--accept", "15-1252", "--reject", "17-2141"], "one decision at a time"),
        (["--role", "Staff Widget Engineer", "--exact"], "use it with --accept"),
        (["--role", "Staff Widget Engineer", "--reject", "99-0000"], "is no code of"),
    ],
)
def test_decisions_that_cannot_be_written_are_usage_errors(capsys, tmp_path, args, message):
    pages = tmp_path / "pages"
    shutil.copytree(FIXTURE, pages)
    assert main(["occupations", str(pages), *args]) == 2
    assert message in capsys.readouterr().err
    assert (pages / "occupations.yaml").read_text() == (FIXTURE / "occupations.yaml").read_text()


def test_what_the_review_file_cannot_use_is_named_by_line(capsys, tmp_path):
    pages = tmp_path / "pages"
    shutil.copytree(FIXTURE, pages)
    with (pages / "occupations.yaml").open("a") as review:
        review.write("- {role: x, scheme: soc, code: '99-9999', verdict: accepted}\n")
    assert main(["occupations", str(pages)]) == 0
    assert "warning: occupations.yaml:16: decision not used: '99-9999' is no occupation of US SOC 2018" in (
        capsys.readouterr().err
    )


@pytest.mark.slow  # starts the command in a process of its own, where no test harness holds the logging
def test_suggesting_prints_nothing_but_the_proposals():
    done = subprocess.run(
        [sys.executable, "-m", "jobkg", "occupations", str(FIXTURE), "--suggest"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0 and "proposed" in done.stdout
    assert done.stderr == ""  # no library's log lines (WordLlama configures logging when imported)
