"""The review file (occupations.yaml): decisions read with their lines, bad entries reported
and skipped, a broken file reported while the pages still build, and decisions as triples."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from jobkg.ingest.review import OccupationDecision, ReviewFileError, read_review, record, review_quads
from jobkg.kb import KnowledgeBase

FIXTURE = Path(__file__).parents[1] / "queries" / "fixture_pages"
ROLE = "https://w3id.org/jobkg/id/role/eng/widget-engineer/senior-widget-engineer"
SOC_MECHANICAL = "17-2141"


def test_decisions_are_read_with_their_lines():
    decisions, warnings = read_review(FIXTURE / "occupations.yaml")
    assert warnings == []
    assert [(d.scheme, d.verdict, d.line, d.by, d.date) for d in decisions] == [
        ("soc", "accepted", 2, "Ada Reviewer", dt.date(2026, 12, 1)),
        ("esco", "rejected", 9, "Ada Reviewer", dt.date(2026, 12, 1)),
    ]


def test_bad_entries_are_warnings_with_their_line_and_the_rest_is_read(tmp_path):
    review = tmp_path / "occupations.yaml"
    review.write_text(
        f"- {{role: {ROLE}, scheme: soc, code: '{SOC_MECHANICAL}', verdict: accepted}}\n"
        f"- {{role: {ROLE}, scheme: isco, code: '2512', verdict: accepted}}\n"
        f"- {{role: {ROLE}, scheme: soc, code: '99-9999', verdict: accepted}}\n"
        f"- {{role: {ROLE}, scheme: soc, code: '{SOC_MECHANICAL}', verdict: maybe}}\n"
        f"- {{role: {ROLE}, scheme: soc, code: '{SOC_MECHANICAL}', verdict: accepted, date: yesterday}}\n"
        "- just a line\n"
        "- {scheme: soc}\n"
    )
    decisions, warnings = read_review(review)
    assert len(decisions) == 1
    assert [(w.line, w.message.split(": ", 1)[1]) for w in warnings] == [
        (2, "unknown scheme 'isco' (known: esco, soc)"),
        (3, "'99-9999' is no occupation of US SOC 2018"),
        (4, "verdict 'maybe' is none of accepted, exact, rejected"),
        (5, "'date' is written YYYY-MM-DD, not 'yesterday'"),
        (6, "an entry is a mapping with role, scheme, code and verdict"),
        (7, "no role, code, verdict"),
    ]


@pytest.mark.parametrize("text", ["role: x\n", "- [unclosed\n"])
def test_a_file_that_is_no_list_of_decisions_is_refused_by_name(tmp_path, text):
    review = tmp_path / "occupations.yaml"
    review.write_text(text)
    with pytest.raises(ReviewFileError, match=r"occupations\.yaml"):
        read_review(review)


def test_recording_replaces_the_decision_on_the_same_role_and_code(tmp_path):
    review = tmp_path / "occupations.yaml"
    record(review, OccupationDecision(ROLE, "soc", SOC_MECHANICAL, "accepted", "Ada", dt.date(2026, 12, 1)))
    record(review, OccupationDecision(ROLE, "soc", SOC_MECHANICAL, "rejected", "Bo", dt.date(2026, 12, 2)))
    decisions, _ = read_review(review)
    assert [(d.verdict, d.by, d.date) for d in decisions] == [("rejected", "Bo", dt.date(2026, 12, 2))]
    assert review.read_text().startswith("# Standard occupations")


def test_each_verdict_is_its_own_link_and_an_unknown_role_is_a_warning():
    decisions = [
        OccupationDecision(ROLE, "soc", SOC_MECHANICAL, "exact", line=1),
        OccupationDecision(ROLE, "soc", "17-2011", "rejected", line=2),
        OccupationDecision(ROLE + "-gone", "soc", SOC_MECHANICAL, "accepted", line=3),
    ]
    quads, warnings = review_quads(decisions, "occupations.yaml", {ROLE})
    links = {(q.predicate.value.rsplit("#", 1)[-1], q.object.value) for q in quads if q.subject.value == ROLE}
    soc = "https://w3id.org/jobkg/id/soc-2018/"
    assert links == {("exactMatch", soc + SOC_MECHANICAL), ("rejectedMatch", soc + "17-2011")}
    assert [(w.line, w.message) for w in warnings] == [(3, f"no role {ROLE}-gone in the KB; link not made")]


def test_a_broken_review_file_is_reported_and_the_pages_still_build(tmp_path):
    pages = tmp_path / "pages"
    shutil.copytree(FIXTURE, pages)
    (pages / "occupations.yaml").write_text("- [unclosed\n")
    kb = KnowledgeBase.build([pages])
    assert kb.report.roles == 5
    assert [failure.file for failure in kb.report.failed] == ["occupations.yaml"]
    assert kb.occupations(ROLE) == []


ESCO_MECHANICAL = "579254cf-6d69-4889-9000-9c79dc568644"


def test_values_are_read_as_written_not_as_yaml_types(tmp_path):
    review = tmp_path / "occupations.yaml"
    review.write_text(
        f"- {{role: {ROLE}, scheme: esco, code: {ESCO_MECHANICAL}, verdict: accepted, by: no, date: '2026-12-02'}}\n"
        f"- {{role: {ROLE}, scheme: soc, code: '{SOC_MECHANICAL}', verdict: accepted, date: 2026-12-01 10:30:00}}\n"
        f"- {{role: {ROLE}, scheme: soc, code: 17-2011, verdict: accepted, by: !!python/object/apply:os.system [ls]}}\n"
    )
    decisions, warnings = read_review(review)
    [decision] = decisions
    assert decision.code == f"http://data.europa.eu/esco/occupation/{ESCO_MECHANICAL}"  # a UUID, as the CLI shows it
    assert (decision.by, decision.date) == ("no", dt.date(2026, 12, 2))
    assert [(w.line, w.message.split(": ", 1)[1]) for w in warnings] == [
        (2, "'date' is written YYYY-MM-DD, not '2026-12-01 10:30:00'"),
        (3, "'by' holds one value, not a list or a mapping"),
    ]


def test_anchors_and_aliases_are_refused_before_they_can_grow(tmp_path):
    review = tmp_path / "occupations.yaml"
    review.write_text("- &a [x, x]\n- &b [*a, *a]\n- &c [*b, *b]\n")
    with pytest.raises(ReviewFileError, match="anchors and aliases"):
        read_review(review)


def test_recording_keeps_comments_and_entries_it_cannot_use(tmp_path):
    review = tmp_path / "occupations.yaml"
    review.write_text(
        "# our review, 2026\n"
        f"- {{role: {ROLE}, scheme: soc, code: '{SOC_MECHANICAL}', verdict: accepted}}  # first look\n"
        "# kept for later:\n"
        f"- {{role: {ROLE}, scheme: soc, code: '99-9999', verdict: accepted}}\n"
    )
    record(review, OccupationDecision(ROLE, "soc", SOC_MECHANICAL, "rejected", "Bo"))
    text = review.read_text()
    assert text.startswith("# our review, 2026\n") and "# kept for later:" in text and "99-9999" in text
    assert "first look" not in text  # the replaced entry's own line goes
    decisions, warnings = read_review(review)
    assert [(d.code, d.verdict) for d in decisions] == [(SOC_MECHANICAL, "rejected")]
    assert len(warnings) == 1


def _record_many(path: Path, start: int) -> None:
    from jobkg.occupation_lists import soc

    codes = sorted(soc().occupations)[start : start + 5]
    for code in codes:
        record(path, OccupationDecision(ROLE, "soc", code, "accepted", f"writer {start}"))


def test_writers_at_the_same_time_lose_nothing(tmp_path):
    import multiprocessing

    review = tmp_path / "occupations.yaml"
    with multiprocessing.get_context("fork").Pool(4) as pool:
        pool.starmap(_record_many, [(review, start) for start in range(0, 40, 5)])
    decisions, warnings = read_review(review)
    assert (len(decisions), warnings) == (40, [])


def test_the_build_reports_each_decision_it_cannot_use_with_its_line(tmp_path):
    pages = tmp_path / "pages"
    shutil.copytree(FIXTURE, pages)
    with (pages / "occupations.yaml").open("a") as review:
        review.write(f"- {{role: {ROLE}-gone, scheme: soc, code: '{SOC_MECHANICAL}', verdict: accepted}}\n")
        review.write(f"- {{role: {ROLE}, scheme: soc, code: '99-9999', verdict: accepted}}\n")
    kb = KnowledgeBase.build([pages])
    said = [(w.line, w.message) for w in kb.report.warnings if w.file == "occupations.yaml"]
    assert said == [
        (17, "decision not used: '99-9999' is no occupation of US SOC 2018"),
        (16, f"no role {ROLE}-gone in the KB; link not made"),
    ]
