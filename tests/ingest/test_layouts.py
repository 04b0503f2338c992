"""One test per page layout, on small pages written in each style (never copies of real pages):
a one-file-per-level family folder, IC1..IC6 sections, 'Level N: Title' headings, titles with
(L3) codes, levels as table columns and as table rows, a single-role executive page,
specialties with their own reporting line, a levels section with no job nouns, a ladder in
YAML front matter."""

from __future__ import annotations

import textwrap

import pytest

from jobkg.ingest.corpus import ingest
from jobkg.ingest.markdown import parse_page
from jobkg.ingest.sections import read_sections
from jobkg.kb import KnowledgeBase


def record(text: str, name: str = "dept/family.md", profile: str | None = None):
    return read_sections(parse_page(textwrap.dedent(text).lstrip().encode(), name, "dept"), profile)


def summary(rec) -> list[tuple[str, str | None, int | None, list[str]]]:
    return [(r.title, r.level, r.grade.value if r.grade else None, [m.label for m in r.reports_to]) for r in rec.roles]


def test_a_levels_section_decides_by_structure_not_by_job_nouns():
    rec = record(
        """
        ---
        title: Wine Service
        ---
        ## Levels
        ### Sommelier
        The Sommelier is a grade 5. This position reports to the Head Sommelier.
        ### Head Sommelier
        The Head Sommelier is a grade 7. This position reports to the Cellar Master.
        ### Cellar Master
        The Cellar Master is a grade 9.
        """
    )
    assert summary(rec) == [
        ("Sommelier", None, 5, ["Head Sommelier"]),
        ("Head Sommelier", "Head", 7, ["Cellar Master"]),
        ("Cellar Master", None, 9, []),
    ]


def test_ic_code_sections():
    rec = record(
        """
        ---
        title: Software Engineer
        ---
        ## IC1
        - Learns the codebase with help
        ## IC2
        - Ships small features alone
        ## IC3 - Senior Software Engineer
        - Leads projects across a team
        """
    )
    assert [(r.title, r.level, r.rank) for r in rec.roles] == [
        ("Software Engineer IC1", "IC1", 1.0),
        ("Software Engineer IC2", "IC2", 2.0),
        ("Senior Software Engineer", "IC3", 3.0),
    ]
    assert rec.roles[2].responsibilities[0].text == "Leads projects across a team"


def test_level_n_title_headings():
    rec = record(
        """
        # Product Management Ladder
        ### Level 4: Product Manager
        - Owns a feature area
        ### Level 5: Senior Product Manager
        - Owns a product line
        """
    )
    assert [(r.title, r.level) for r in rec.roles] == [
        ("Product Manager", "Level 4"),
        ("Senior Product Manager", "Level 5"),
    ]


def test_titles_with_level_codes_in_parentheses():
    rec = record(
        """
        ---
        title: Programmers
        ---
        ## Programmer (L2)
        The Programmer reports to the Lead Programmer.
        ## Senior Programmer (L3)
        - Reviews designs
        """
    )
    assert summary(rec) == [
        ("Programmer (L2)", "L2", None, ["Lead Programmer"]),
        ("Senior Programmer (L3)", "L3", None, []),
    ]


def test_levels_as_table_columns():
    rec = record(
        """
        ---
        title: Data Analyst
        ---
        ## Expectations
        | Area | Junior | Senior | Staff |
        |---|---|---|---|
        | Impact | Delivers tasks a lead defines | Delivers projects end to end | Sets direction for several teams |
        | Craft | Writes queries with review | Designs data models others use | Raises the bar for the whole practice |
        """
    )
    roles = {r.title: r for r in rec.roles}
    assert list(roles) == ["Junior Data Analyst", "Senior Data Analyst", "Staff Data Analyst"]
    senior = roles["Senior Data Analyst"].responsibilities
    assert [(i.area, i.text) for i in senior] == [
        ("Impact", "Delivers projects end to end"),
        ("Craft", "Designs data models others use"),
    ]


def test_levels_as_table_rows_with_titles_and_grades():
    rec = record(
        """
        ---
        title: Support
        ---
        | Job Title | Grade | Expectations |
        |---|---|---|
        | Support Agent | 5 | Answers tickets within the agreed time |
        | Senior Support Agent | 6 | Coaches agents and owns escalations |
        """
    )
    assert summary(rec) == [("Support Agent", None, 5, []), ("Senior Support Agent", "Senior", 6, [])]
    assert rec.roles[1].responsibilities[0].area == "Expectations"


def test_single_role_executive_page():
    rec = record(
        """
        ---
        title: Chief Widget Officer
        ---
        The Chief Widget Officer leads the widget organisation and reports to the CEO.
        ## Responsibilities
        - Set the widget strategy
        ## Performance Indicators
        - Widget revenue
        """,
        "exec/chief-widget-officer.md",
    )
    assert summary(rec) == [("Chief Widget Officer", "Chief", None, ["CEO"])]
    assert [i.text for i in rec.roles[0].responsibilities] == ["Set the widget strategy"]


def test_specialties_keep_their_own_reporting_line_and_items():
    rec = record(
        """
        ---
        title: Widget Engineer
        ---
        ## Levels
        ### Widget Engineer
        The Widget Engineer is a grade 6.
        - Builds widgets
        ### Senior Widget Engineer
        The Senior Widget Engineer is a grade 7.
        ## Specialties
        ### Gizmos
        This position reports to the Gizmo Lead and works closely with sales.
        - Tunes gizmos
        """
    )
    assert summary(rec) == [("Widget Engineer", None, 6, []), ("Senior Widget Engineer", "Senior", 7, [])]
    gizmos = rec.specialties[0]
    assert gizmos.title == "Gizmos" and [m.label for m in gizmos.reports_to] == ["Gizmo Lead"]
    assert [i.text for i in gizmos.responsibilities] == ["Tunes gizmos"]
    assert all("Tunes gizmos" not in i.text for r in rec.roles for i in r.responsibilities)


def test_a_family_scope_line_goes_to_the_level_its_subject_names():
    rec = record(
        """
        ---
        title: Widget Engineer
        ---
        The Senior Widget Engineer reports to the Widget Manager. Reporting to the CTO, the team grows.
        ## Levels
        ### Widget Engineer
        The Widget Engineer is a grade 6.
        ### Senior Widget Engineer
        The Senior Widget Engineer is a grade 7.
        """
    )
    assert summary(rec) == [
        ("Widget Engineer", None, 6, []),
        ("Senior Widget Engineer", "Senior", 7, ["Widget Manager"]),
    ]
    assert any("not one level's" in u.reason for u in rec.unmapped)


def test_a_reporting_clause_is_cut_or_refused_never_a_name():
    rec = record(
        """
        ## Levels
        ### Widget Manager
        The Widget Manager is a grade 8 and reports to the CFO and works closely with senior leadership.
        ### Widget Director
        The Widget Director is a grade 10 and will report to the leader they support.
        """
    )
    assert summary(rec) == [("Widget Manager", None, 8, ["CFO"]), ("Widget Director", None, 10, [])]
    assert any("names no position" in u.reason for u in rec.unmapped)


def test_one_file_per_level_family_folder(write_pages):
    folder = write_pages(
        {
            "eng/gadgets/_index.md": "---\ntitle: Gadget Engineer\n---\n## Responsibilities\n- Keep gadgets working\n",
            "eng/gadgets/intermediate.md": "---\ntitle: Gadget Engineer\n---\n## Job Grade\n"
            "The Gadget Engineer is a grade 6.\n## Responsibilities\n- Fix gadgets\n",
            "eng/gadgets/senior.md": "---\ntitle: Senior Gadget Engineer\n---\n## Job Grade\n"
            "The Senior Gadget Engineer is a grade 7.\n## Responsibilities\n"
            "- Design gadgets\n",
        }
    )
    kb = KnowledgeBase.build([folder])
    roles = {r.title: r for r in kb.roles()}
    assert set(roles) == {"Gadget Engineer", "Senior Gadget Engineer"}
    assert {r.family for r in roles.values()} == {"Gadget Engineer"}
    senior = roles["Senior Gadget Engineer"]
    assert senior.grade == 7 and senior.source.file == "eng/gadgets/senior.md"
    assert "Keep gadgets working" in [i.text for i in senior.responsibilities]  # the family's, inherited
    ladder = kb.run("adjacent-levels", {"role": senior.iri})
    assert [(r["relation"], r["other_title"]) for r in ladder] == [("previous", "Gadget Engineer")]


def test_a_ladder_in_yaml_front_matter(write_pages):
    folder = write_pages(
        {
            "eng/backend.md": """\
                ---
                title: "Backend Engineering Framework"
                levels: 2
                topics:
                  - name: "impact"
                    title: "Impact"
                    content:
                      - level: 1
                        criteria:
                          - "Delivers well-scoped tasks"
                      - level: 2
                        criteria:
                          - "Delivers small projects"
                ---
                """
        }
    )
    _quads, report = ingest([folder])
    assert report.roles == 2
    kb = KnowledgeBase.build([folder])
    roles = {r.title: r for r in kb.roles()}
    assert list(roles) == ["Backend Engineering Level 1", "Backend Engineering Level 2"]
    item = roles["Backend Engineering Level 2"].responsibilities[0]
    assert item.text == "Delivers small projects" and item.line == 13


def test_a_page_with_no_role_says_why(write_pages):
    folder = write_pages({"d/about.md": "# About our ladders\nWe publish our ladders openly.\n"})
    _quads, report = ingest([folder])
    assert report.roles == 0
    assert [(page.file, page.line) for page in report.without_roles] == [("d/about.md", 1)]
    assert "no role found on 'About our ladders'" in report.without_roles[0].reason


def test_a_forced_profile_is_used_and_an_unknown_one_is_a_usage_error(tmp_path):
    from jobkg.errors import UsageError

    custom = tmp_path / "acme.toml"
    custom.write_text('extends = "generic"\nname = "acme"\n[links]\norganisation = ["Acme"]\n')
    rec = record(
        "---\ntitle: Widget Roles at Acme\n---\n## Levels\n### Senior\nThe role is a grade 7.\n", profile=str(custom)
    )
    assert rec.page.profile == str(custom) and [r.title for r in rec.roles] == ["Senior Widget"]
    with pytest.raises(UsageError, match="no profile 'nope'"):
        record("# X\n", profile="nope")


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[heading]\nlevels = ["^tiers$"]\n', r"unknown section \[heading\]; did you mean 'headings'"),
        ('[phrases]\nreport = ["x"]\n', r"unknown key 'report' in \[phrases\]; did you mean 'reports'"),
        ('levels = ["Junior"]\n', r"\[levels\] must be a section of keys"),
    ],
)
def test_a_profile_with_a_misspelt_section_or_key_is_an_error_naming_it(tmp_path, toml, message):
    from jobkg.errors import ProfileError
    from jobkg.ingest.profile import load

    path = tmp_path / "mine.toml"
    path.write_text('extends = "generic"\n' + toml)
    with pytest.raises(ProfileError, match=rf"mine\.toml: {message}"):
        load(str(path))


def test_a_team_page_linking_to_another_team_page_makes_no_unnamed_family(write_pages):
    """A team page's links name related families; one to another team page is no family (the
    link is reported as unresolved), so no family without a name appears."""
    folder = write_pages(
        {
            "eng/widgets.md": "---\ntitle: Widget Team\n---\n### Mission\nWe make widgets.\n"
            "|A|\n|-|\n|[Gadget Team](gadgets.md)|\n",
            "eng/gadgets.md": "---\ntitle: Gadget Team\n---\n### Mission\nWe make gadgets.\n",
        }
    )
    kb = KnowledgeBase.build([folder])
    report, _ = kb.validate()
    assert report.violations == []
    assert ("eng/widgets.md", "Gadget Team", "link to a team page") in {
        (u.file, u.name, u.use) for u in kb.report.unresolved
    }
