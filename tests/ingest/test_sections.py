"""Stage 2: tiny pages into page records, one page shape per test."""

from __future__ import annotations

import textwrap

from jobkg.ingest.drafts import Section, classify_heading
from jobkg.ingest.markdown import parse_page
from jobkg.ingest.records import ExtendsKind
from jobkg.ingest.sections import read_sections


def record(text: str, name: str = "dept/family.md"):
    return read_sections(parse_page(textwrap.dedent(text).lstrip().encode(), name, "dept"))


def test_levels_as_h3_with_family_sections():
    rec = record(
        """
        ---
        title: Widget Engineer
        ---
        ## Responsibilities
        - Build widgets
        ## Levels
        ### Widget Engineer
        This position reports to the Widget Manager.
        #### Job Grade
        The Widget Engineer is a [grade 6](/handbook/grades).
        #### Responsibilities
        - Fix widgets
        ### Senior Widget Engineer
        #### Responsibilities
        All responsibilities of previous roles plus:
        - Design widgets
        """
    )
    assert [r.title for r in rec.roles] == ["Widget Engineer", "Senior Widget Engineer"]
    first, second = rec.roles
    assert first.grade.value == 6 and first.grade.line == 10
    assert [m.label for m in first.reports_to] == ["Widget Manager"]
    assert [i.text for i in rec.responsibilities] == ["Build widgets"]
    assert [i.text for i in second.responsibilities] == ["Design widgets"]
    assert second.extensions[0].kind is ExtendsKind.RESPONSIBILITIES and second.extensions[0].target is None
    assert second.grade is None


def test_h2_levels_with_a_management_track():
    rec = record(
        """
        ## Levels
        ## Data Analyst
        The Data Analyst is a grade 6.
        ## Manager, Data
        The Manager, Data is a grade 8.
        ### Manager, Data Responsibilities
        - Lead analysts
        ## Senior Manager, Data
        ### Senior Manager, Data Responsibilities
        Extends the Manager, Data responsibilities plus:
        - Lead managers
        """
    )
    assert [(r.title, r.track) for r in rec.roles] == [
        ("Data Analyst", "ic"),
        ("Manager, Data", "management"),
        ("Senior Manager, Data", "management"),
    ]
    extension = rec.roles[2].extensions[0]
    assert extension.target.label == "Manager, Data"


def test_single_role_page_without_level_headings():
    rec = record(
        """
        ---
        title: Director, Digital Success
        ---
        ## Job Grade
        The Director, Digital Success is a grade 10.
        ## Responsibilities
        - Run digital success

        The role reports to the VP of Customer Success.
        """
    )
    assert [r.title for r in rec.roles] == ["Director, Digital Success"]
    assert rec.roles[0].grade.value == 10
    assert [i.text for i in rec.roles[0].responsibilities] == ["Run digital success"]


def test_team_page_links_families_and_reports_the_rest():
    rec = record(
        """
        ---
        title: Widget Team
        ---
        ### Mission
        We make widgets.
        |A|B|
        |-|-|
        |[Widget Family](/job-families/eng/widget)|[Gadgets](/job-families/eng/gadget/)|
        """
    )
    assert rec.is_team and not rec.roles
    assert [m.href for m in rec.related_families] == ["/job-families/eng/widget", "/job-families/eng/gadget/"]
    reasons = {u.reason for u in rec.unmapped}
    assert any("Mission" in r for r in reasons) and "table row" in reasons


def test_grade_table_rows_attach_to_named_roles():
    rec = record(
        """
        ## Levels
        | Level | Grade |
        |---|---|
        | [Staff](staff) | [Grade 8](/grades) |
        ### Staff Architect
        - Draw boxes
        """
    )
    assert rec.roles[0].grade.value == 8


def test_duplicate_role_title_is_reported_and_first_kept():
    rec = record(
        "---\ntitle: Widgets\n---\n## Levels\n### Widget Manager\nThe Widget Manager is a grade 8.\n- a\n"
        "### Widget Manager\nThe Widget Manager is a grade 9.\n- b\n"
    )
    assert len(rec.roles) == 1
    assert "defined twice" in rec.warnings[0].message


def test_specialties_and_nested_indicator_details():
    rec = record(
        """
        ## Performance Indicators
        - [Uptime](/handbook/pi/#uptime)
        - Happiness
          - Measured by survey
        ## Specialties
        ### Payments
        #### Responsibilities
        - Move money
        """
    )
    assert [i.text for i in rec.indicators] == ["Uptime", "Happiness"]
    assert rec.indicators[1].details == ("Measured by survey",)
    assert rec.specialties[0].title == "Payments"
    assert [i.text for i in rec.specialties[0].responsibilities] == ["Move money"]


def test_hiring_stages_are_ordered_with_interviewer_and_duration():
    rec = record(
        """
        ## Hiring Process
        1. A 30 minute screening call with one of our Global Recruiters.
        1. A 50-minute interview with the CTO.
        """
    )
    assert [(s.order, s.interviewer, s.minutes) for s in rec.hiring] == [
        (1, "Global Recruiters", 30),
        (2, "CTO", 50),
    ]


def test_heading_classification():
    assert classify_heading("Senior X Responsibilities") is Section.RESPONSIBILITIES
    assert classify_heading("Requirements for IT Security Engineer roles") is Section.REQUIREMENTS
    assert classify_heading("Performance Indicators (PI)") is Section.INDICATORS
    assert classify_heading("Nice-to-have Requirements") is Section.NICE_TO_HAVE
    assert classify_heading("Procurement Analyst Levels") is Section.LEVELS
    assert classify_heading("Staff Widget Engineer") is None
