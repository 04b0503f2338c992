"""The `jobkg` command, called in-process through main()."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from pyoxigraph import RdfFormat, parse

from jobkg.cli import main
from jobkg.kb import BUNDLED_CORPUS


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_ask_on_the_bundled_corpus(capsys):
    code, out, _ = run(capsys, "ask", "who does a Staff ITPM report to")
    assert code == 0
    assert "Vice President of Infrastructure & Quality" in out.splitlines()[0]


def test_ask_json_shape(capsys):
    code, out, _ = run(capsys, "ask", "what grade is a Senior TPM", "--json")
    data = json.loads(out)
    assert code == 0
    assert set(data) >= {"question", "intent", "entities", "answer", "rows", "sparql", "sources"}
    assert data["rows"][0]["grade"] == 7


def test_build_reports_and_writes_a_kb_that_loads(capsys, tmp_path):
    kb_file = tmp_path / "kb.trig"
    report_file = tmp_path / "report.json"
    code, out, _ = run(capsys, "build", "-o", str(kb_file), "--report", str(report_file))
    assert code == 0
    assert "5 pages, 24 roles" in out
    assert "grade statements" in out and "reporting lines" in out
    report = json.loads(report_file.read_text())
    assert report["unmapped"] and all({"file", "line", "text", "reason"} <= set(u) for u in report["unmapped"])
    code, out, _ = run(capsys, "ask", "what grade is a Senior TPM", "--kb", str(kb_file))
    assert code == 0 and "grade 7" in out


def test_roles_json(capsys):
    _code, out, _ = run(capsys, "roles", "--json")
    roles = {r["title"]: r for r in json.loads(out)}
    staff = roles["Staff Infrastructure Technical Program Manager"]
    assert staff["grade"] == 8
    assert staff["source"]["file"] == "engineering/infrastructure-technical-program-manager.md"
    assert staff["reports_to"] == [
        {
            "label": "Vice President of Infrastructure & Quality",
            "iri": "https://w3id.org/jobkg/id/target/vice-president-of-infrastructure-quality",
        }
    ]
    inherited = {i["inherited_from"] for i in staff["responsibilities"]}
    assert None in inherited and "Senior Infrastructure Technical Program Manager" in inherited
    assert len(staff["responsibilities"]) == 28 and len(staff["requirements"]) == 20


def test_roles_json_paths_are_relative_to_the_folder_given(capsys, dev_corpus):
    _code, out, _ = run(capsys, "roles", str(dev_corpus / "engineering"), "--json")
    files = {r["source"]["file"] for r in json.loads(out)}
    assert "security-engineer/index.html.md" in files


@pytest.mark.parametrize(
    ("fmt", "rdf_format"),
    [
        ("turtle", RdfFormat.TURTLE),
        ("nt", RdfFormat.N_TRIPLES),
        ("xml", RdfFormat.RDF_XML),
        ("jsonld", RdfFormat.JSON_LD),
        ("trig", RdfFormat.TRIG),
    ],
)
def test_export_formats_parse_back(capsys, tmp_path, fmt, rdf_format):
    target = tmp_path / f"kb.{fmt}"
    code, _, _ = run(capsys, "export", "--format", fmt, "-o", str(target))
    assert code == 0
    assert len(list(parse(path=str(target), format=rdf_format))) > 3000


def test_export_asserted_only_is_smaller(capsys, tmp_path):
    run(capsys, "export", "--format", "nt", "-o", str(tmp_path / "all.nt"))
    run(capsys, "export", "--format", "nt", "--asserted-only", "-o", str(tmp_path / "asserted.nt"))
    assert (tmp_path / "asserted.nt").stat().st_size < (tmp_path / "all.nt").stat().st_size


def test_queries_json_lists_params(capsys):
    _code, out, _ = run(capsys, "queries", "--json")
    entries = json.loads(out)
    assert len(entries) >= 12
    assert {"name", "title", "description", "params"} <= set(entries[0])


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_query_formats(capsys, fmt):
    code, out, _ = run(capsys, "query", "reports-to", "--param", "role=Sr TPM", "--format", fmt)
    assert code == 0 and "a Director or above" in out


def test_tables_show_a_page_and_say_how_to_see_the_rest(capsys):
    code, out, _ = run(capsys, "roles", "--limit", "5")
    assert code == 0 and "rows 1–5 of 24; --offset 5 for the next page, --all for every row" in out
    code, out, _ = run(capsys, "query", "role-names", "--offset", "5", "--limit", "5")
    assert code == 0 and "rows 6–10 of" in out
    code, out, _ = run(capsys, "roles", "--all")
    assert "all 24 rows" in out


def test_json_and_csv_give_every_row_unless_told(capsys):
    _code, out, _ = run(capsys, "roles", "--json")
    assert len(json.loads(out)) == 24
    _code, out, _ = run(capsys, "query", "role-names", "--format", "json")
    every = json.loads(out)
    assert len(every) == 32
    _code, out, _ = run(capsys, "query", "role-names", "--format", "json", "--offset", "10", "--limit", "2")
    assert json.loads(out) == every[10:12]


def test_a_negative_offset_is_a_usage_error(capsys):
    code, _, err = run(capsys, "roles", "--offset", "-3")
    assert code == 2 and "offset must be 0 or more" in err


def test_explain_shows_which_inherited_items_the_role_own_supersede(capsys):
    code, out, _ = run(capsys, "explain", "Staff ITPM")
    assert code == 0 and "20 requirements, 17 inherited (2 superseded by the role's own):" in out
    assert out.count("superseded by its own: 7+ years of experience") == 2


def test_user_mistakes_are_one_line_without_traceback(capsys, tmp_path):
    code, _, err = run(capsys, "query", "reports-to", "--param", "role=Nobody At All")
    assert code == 1 and err.startswith("jobkg: error:") and "Traceback" not in err
    code, _, err = run(capsys, "build", str(tmp_path / "missing"))
    assert code == 1 and "no such file or folder" in err
    (tmp_path / "broken.trig").write_text("<a> <b> ")
    code, _, err = run(capsys, "ask", "who does a Staff ITPM report to", "--kb", str(tmp_path / "broken.trig"))
    assert code == 1 and "not a readable KB file" in err


def test_build_exit_status_says_some_pages_failed(capsys, write_pages):
    folder = write_pages({"d/good.md": "## Levels\n### Widget Manager\nGrade 8.\n", "d/empty.md": ""})
    code, _, err = run(capsys, "build", str(folder))
    assert code == 1
    assert "d/empty.md: empty page" in err


def test_explain_traces_inherited_items(capsys):
    _code, out, _ = run(capsys, "explain", "Staff ITPM", "--json")
    data = json.loads(out)
    inherited = [i for i in data["role"]["responsibilities"] if i["inherited_from"]]
    assert inherited and all(i["line"] for i in inherited)
    assert data["reporting_chain"][0]["stated_by"][0]["line"] == 95


def test_options_may_come_before_or_after_the_sources(capsys):
    handbook = str(BUNDLED_CORPUS)
    after = run(capsys, "query", "reports-to", handbook, "--param", "role=Sr TPM", "--format", "json")
    before = run(capsys, "query", "reports-to", "--param", "role=Sr TPM", handbook, "--format", "json")
    assert after[0] == before[0] == 0
    assert json.loads(after[1]) == json.loads(before[1]) != []


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (("query", "no-such-query"), 2, "no canned query named 'no-such-query'; known: adjacent-levels"),
        (("query", "reports-to", "--param", "role"), 2, "--param takes KEY=VALUE"),
        (("query", "reports-to"), 2, "needs --param role="),
        (("export", "--format", "docx"), 2, "invalid choice: 'docx'"),
        (("explain", "Nobody At All"), 1, "no role matches 'Nobody At All'"),
        (("roles", "--kb", "missing.trig"), 1, "missing.trig: no such KB file"),
        (("push",), 2, "push needs --endpoint URL"),
    ],
)
def test_each_user_mistake_is_one_line_with_its_exit_status(capsys, args, status, message):
    code, _out, err = run(capsys, *args)
    assert code == status
    assert message in err and "Traceback" not in err
    assert len([line for line in err.splitlines() if line.startswith("jobkg")]) == 1


def test_an_unexpected_failure_is_one_line_and_the_traceback_needs_debug(capsys, monkeypatch):
    from dataclasses import replace

    from jobkg.cli import registry

    def broken(_args):
        raise RuntimeError("boom")

    monkeypatch.setitem(registry.COMMANDS, "queries", replace(registry.COMMANDS["queries"], handler=broken))
    code, _, err = run(capsys, "queries")
    assert code == 70 and err.strip() == "jobkg: internal error: RuntimeError: boom (rerun with --debug for details)"
    code, _, err = run(capsys, "--debug", "queries")
    assert code == 70 and "Traceback" in err


@pytest.mark.slow  # starts the installed command in a process of its own
def test_a_closed_pipe_ends_quietly():
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", f"{sys.executable} -m jobkg roles --json | head -1"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.stdout == "[\n"
    assert done.stderr == ""
    assert done.returncode == 141  # 128 + SIGPIPE, as for any command whose reader left


def test_every_error_kind_and_its_exit_status_is_in_the_readme():
    from jobkg.errors import ERROR_KINDS

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    for kind in ERROR_KINDS:
        assert f"| {kind.kind} | {kind.exit_status} |" in readme, kind.__name__
